#!/usr/bin/env node
// Reads the API's article feeds the way partners' software does, with two widely used parsers (rss-parser for RSS
// and Atom, @extractus/feed-extractor for all three formats), anonymously and with a partner key, and checks what
// the feeds promise. Prints one line per check, then "feeds: N passed, M failed"; exits 1 on any failure.
//
//   node check.mjs http://127.0.0.1:5080 hl_partnerkey...
//
// The API needs at least one published article with syndication "full" and one with "excerpt" (the demo article).
import Parser from 'rss-parser';
import { extract } from '@extractus/feed-extractor';

const [base, partnerKey] = process.argv.slice(2);
if (!base || !partnerKey) {
  console.error('Usage: node check.mjs <base URL> <partner key>');
  process.exit(2);
}

const api = base.replace(/\/+$/, '');
const formats = {
  rss: { path: '/v1/feeds/articles.rss', mediaType: 'application/rss+xml; charset=utf-8' },
  atom: { path: '/v1/feeds/articles.atom', mediaType: 'application/atom+xml; charset=utf-8' },
  json: { path: '/v1/feeds/articles.json', mediaType: 'application/feed+json; charset=utf-8' },
};
const callers = { anonymous: {}, partner: { 'X-Api-Key': partnerKey } };

let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? ` (${detail})` : ''}`);
  }
}

async function attempt(name, action) {
  try {
    return await action();
  } catch (error) {
    check(name, false, error?.message ?? String(error));
    return undefined;
  }
}

const isAbsolute = (value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const asArray = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const textOf = (value) => (typeof value === 'object' && value !== null ? value['#text'] ?? value._ ?? '' : value ?? '');
const sameList = (a, b) => a.length === b.length && a.every((value, i) => value === b[i]);

// The raw fields the normalised entries of feed-extractor leave out, per format.
const extraEntryFields = (entry) => ({
  html: entry['content:encoded'] ?? (entry.content !== undefined ? textOf(entry.content) : undefined) ?? entry.content_html,
  categories: asArray(entry.category).map((c) => c['@_term'] ?? textOf(c)).concat(asArray(entry.tags)),
  author: entry['dc:creator'] ?? textOf(entry.author?.name) ?? undefined,
  authors: asArray(entry.authors).map((a) => a.name),
  syndication: entry._headless?.syndication,
});


async function readWithRssParser(caller, format) {
  const parser = new Parser({
    headers: callers[caller],
    customFields: { item: [['category', 'atomCategories', { keepArray: true }]] },
  });
  return parser.parseURL(api + formats[format].path);
}

const results = {};
for (const caller of Object.keys(callers)) {
  const headers = callers[caller];
  results[caller] = {};
  for (const [format, { path, mediaType }] of Object.entries(formats)) {
    const label = `${caller} ${format}`;
    const response = await attempt(`${label}: fetch`, () => fetch(api + path, { headers }));
    if (!response) continue;
    check(`${label}: 200`, response.status === 200, `got ${response.status}`);
    check(`${label}: content type ${mediaType}`, response.headers.get('content-type') === mediaType, response.headers.get('content-type'));
    check(`${label}: strong ETag`, /^"[^"]+"$/.test(response.headers.get('etag') ?? ''), response.headers.get('etag'));
    const cacheControl = response.headers.get('cache-control') ?? '';
    check(`${label}: Cache-Control ${caller === 'anonymous' ? 'public' : 'private'}`,
      cacheControl.startsWith(caller === 'anonymous' ? 'public' : 'private'), cacheControl);
    await response.arrayBuffer();

    const etag = response.headers.get('etag');
    const revalidated = await attempt(`${label}: revalidate`, () => fetch(api + path, { headers: { ...headers, 'If-None-Match': etag } }));
    if (revalidated) check(`${label}: If-None-Match answers 304`, revalidated.status === 304, `got ${revalidated.status}`);

    const extracted = await attempt(`${label}: feed-extractor parses`, () =>
      extract(api + path, { descriptionMaxLen: 0, getExtraEntryFields: extraEntryFields }, (url) => fetch(url, { headers })));
    if (extracted) {
      check(`${label}: feed-extractor parses`, true);
      check(`${label}: feed-extractor title`, typeof extracted.title === 'string' && extracted.title.length > 0, extracted.title);
      check(`${label}: feed-extractor home page link is absolute`, isAbsolute(extracted.link), extracted.link);
      check(`${label}: feed-extractor has items`, extracted.entries.length > 0, `${extracted.entries.length} items`);
      check(`${label}: feed-extractor item links are absolute`, extracted.entries.every((e) => isAbsolute(e.link)));
      check(`${label}: feed-extractor item ids are tag URIs`, extracted.entries.every((e) => /^tag:[^,]+,2026:article-\d+$/.test(e.id)));
      check(`${label}: feed-extractor items have categories`, extracted.entries.some((e) => e.categories.length > 0));
      check(`${label}: feed-extractor items have an author`,
        extracted.entries.some((e) => (typeof e.author === 'string' && e.author.length > 0) || e.authors.length > 0));
      check(`${label}: feed-extractor items have dates`, extracted.entries.every((e) => !Number.isNaN(Date.parse(e.published))));
    }

    let parsed;
    if (format !== 'json') {
      parsed = await attempt(`${label}: rss-parser parses`, () => readWithRssParser(caller, format));
      if (parsed) {
        check(`${label}: rss-parser parses`, true);
        check(`${label}: rss-parser title`, typeof parsed.title === 'string' && parsed.title.length > 0, parsed.title);
        check(`${label}: rss-parser self link is absolute`, isAbsolute(parsed.feedUrl), parsed.feedUrl);
        check(`${label}: rss-parser has items`, parsed.items.length > 0, `${parsed.items.length} items`);
        check(`${label}: rss-parser item links are absolute`, parsed.items.every((i) => isAbsolute(i.link)));
        check(`${label}: rss-parser items have a guid or id`, parsed.items.every((i) => (i.guid ?? i.id)?.startsWith('tag:')));
        check(`${label}: rss-parser items have categories`, parsed.items.some((i) => asArray(i.categories ?? i.atomCategories).length > 0));
        check(`${label}: rss-parser items have an author`, parsed.items.some((i) => (i.creator ?? i.author ?? '').length > 0));
        check(`${label}: rss-parser items have ISO dates`, parsed.items.every((i) => !Number.isNaN(Date.parse(i.isoDate))));
      }
    }

    results[caller][format] = { extracted, parsed };
  }
}

const ids = (entries, pick) => (entries ?? []).map(pick);
for (const caller of Object.keys(callers)) {
  const r = results[caller];
  const json = ids(r.json?.extracted?.entries, (e) => e.id);
  check(`${caller}: ids equal across formats (feed-extractor)`,
    json.length > 0 && sameList(json, ids(r.rss?.extracted?.entries, (e) => e.id)) && sameList(json, ids(r.atom?.extracted?.entries, (e) => e.id)));
  check(`${caller}: ids equal across parsers (rss guid, atom id)`,
    json.length > 0 && sameList(json, ids(r.rss?.parsed?.items, (i) => i.guid)) && sameList(json, ids(r.atom?.parsed?.items, (i) => i.id)));

  const rights = new Map((r.json?.extracted?.entries ?? []).map((e) => [e.id, e.syndication]));
  for (const format of Object.keys(formats)) {
    const entries = r[format]?.extracted?.entries ?? [];
    const withHtml = entries.filter((e) => typeof e.html === 'string' && e.html.includes('<'));
    if (caller === 'anonymous') {
      check(`${caller} ${format}: no full HTML without a key`, entries.length > 0 && withHtml.length === 0, `${withHtml.length} items with HTML`);
    } else {
      check(`${caller} ${format}: full HTML for full-rights articles`,
        entries.some((e) => rights.get(e.id) === 'full') && entries.filter((e) => rights.get(e.id) === 'full').every((e) => withHtml.includes(e)));
      check(`${caller} ${format}: no full HTML for excerpt-rights articles`,
        entries.some((e) => rights.get(e.id) === 'excerpt') && entries.filter((e) => rights.get(e.id) === 'excerpt').every((e) => !withHtml.includes(e)));
    }
  }

  const rssHtml = (r.rss?.parsed?.items ?? []).filter((i) => i['content:encoded']).length;
  const atomHtml = (r.atom?.parsed?.items ?? []).filter((i) => i.content).length;
  if (caller === 'anonymous') {
    check(`${caller}: rss-parser sees no full HTML`, rssHtml === 0 && atomHtml === 0, `rss ${rssHtml}, atom ${atomHtml}`);
  } else {
    check(`${caller}: rss-parser sees full HTML`, rssHtml > 0 && atomHtml > 0, `rss ${rssHtml}, atom ${atomHtml}`);
  }
}

check('anonymous and partner feeds show the same articles with the same ids',
  sameList(ids(results.anonymous.json?.extracted?.entries, (e) => e.id), ids(results.partner.json?.extracted?.entries, (e) => e.id)));

console.log(`feeds: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
