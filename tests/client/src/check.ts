// Runs the typed client against a running API: node out/check.js <baseUrl> <adminKey>
// Prints one line per check and ends with "client: N passed, M failed"; exits non-zero when any check fails.
import { createHeadlessClient, type Article, type CreateArticle, type Problem, type UpdateArticle, type ValidationProblem } from "./client.js";

const [baseUrl, adminKey] = process.argv.slice(2);
if (!baseUrl || !adminKey) {
  console.error("usage: node out/check.js <baseUrl> <adminKey>");
  process.exit(2);
}

const reader = createHeadlessClient({ baseUrl });
const admin = createHeadlessClient({ baseUrl, apiKey: adminKey });

let passed = 0;
let failed = 0;

class CheckFailed extends Error {}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

async function check(name: string, body: () => Promise<string | void>): Promise<void> {
  try {
    const note = await body();
    passed++;
    console.log(`ok   ${name}${note ? ` (${note})` : ""}`);
  } catch (error: unknown) {
    failed++;
    const message = error instanceof Error ? error.message : String(error);
    console.log(`FAIL ${name}: ${message}`);
  }
}

/** A strong ETag of an article's version, as writes answer it: `"article-12-3"`. Reads add a body hash after `;`. */
function etagVersion(etag: string | null): { id: number; version: number } | null {
  const match = etag ? /^"article-(\d+)-(\d+)(;[^"]*)?"$/.exec(etag) : null;
  return match ? { id: Number(match[1]), version: Number(match[2]) } : null;
}

/** A 400's problem details carry `errors`: field name (camelCase) → messages. */
function isValidationProblem(problem: Problem | ValidationProblem): problem is ValidationProblem {
  return typeof problem.errors === "object" && problem.errors !== null;
}

// State shared by the steps, each step using what the ones before it found.
let firstPage: Article[] = [];
let nextCursor: string | null = null;
let created: Article | null = null;
let createdETag: string | null = null;
let currentETag: string | null = null;

await check("GET /v1/articles?limit=1&include=tags lists typed articles", async () => {
  const { data, error, response } = await reader.GET("/v1/articles", {
    params: { query: { limit: 1, include: "tags" } },
  });
  expect(response.status === 200, `status ${response.status}`);
  expect(data !== undefined && error === undefined, "no data");
  firstPage = data.data;
  const first = data.data[0];
  expect(first !== undefined, "the list is empty");
  const headline: string = first.headline;
  const id: number = first.id;
  const tagSlugs: string[] = first.tags.map((tag) => tag.slug);
  expect(headline.length > 0 && Number.isInteger(id), "an article without a headline or id");
  expect(data.page.limit === 1, `page.limit ${data.page.limit}`);
  nextCursor = data.page.next;
  const link = response.headers.get("Link");
  if (nextCursor !== null) {
    expect(link !== null && link.includes('rel="next"'), `page.next without a Link rel="next" header (${link})`);
  }
  return `"${headline}", tags [${tagSlugs.join(", ")}], next ${nextCursor === null ? "none" : "present"}`;
});

if (nextCursor !== null) {
  const cursor: string = nextCursor;
  await check("GET /v1/articles?cursor=page.next follows the cursor", async () => {
    const { data, response } = await reader.GET("/v1/articles", {
      params: { query: { limit: 1, include: "tags", cursor } },
    });
    expect(response.status === 200 && data !== undefined, `status ${response.status}`);
    const second = data.data[0];
    expect(second !== undefined, "the next page is empty");
    expect(!firstPage.some((article) => article.id === second.id), `article ${second.id} is on both pages`);
    return `article ${second.id} on page 2`;
  });
} else {
  console.log("-    paging: the list has a single page, no cursor to follow");
}

await check("GET /v1/articles/slug/{slug}?include=tags,quotes,links embeds typed relations", async () => {
  const found = await reader.GET("/v1/articles", { params: { query: { hasQuotes: true, limit: 1 } } });
  const withQuotes = found.data?.data[0];
  expect(withQuotes !== undefined, "no article with quotes (is the demo content loaded?)");
  const slug: string = withQuotes.slug;

  const { data, response } = await reader.GET("/v1/articles/slug/{slug}", {
    params: { path: { slug }, query: { include: "tags,quotes,links" } },
  });
  expect(response.status === 200 && data !== undefined, `status ${response.status}`);
  expect(data.slug === slug, `slug ${data.slug}`);
  // include= embeds them; without it they are left out, so the types say they may be missing.
  const quotes = data.quotes ?? [];
  const links = data.links ?? [];
  expect(data.quotes != null, "quotes not embedded");
  expect(data.links != null, "links not embedded");
  const quote = quotes[0];
  expect(quote !== undefined, "no quote");
  const text: string = quote.text;
  const speaker: string = quote.speaker;
  const position: number = quote.position;
  expect(text.length > 0 && speaker.length > 0 && quote.articleId === data.id, "a quote without text, speaker or article");
  const tags: string[] = data.tags.map((tag) => `${tag.slug}=${tag.name}`);
  expect(tags.length > 0, "no tags");

  const etag = response.headers.get("ETag");
  expect(etag !== null, "no ETag");
  const again = await reader.GET("/v1/articles/slug/{slug}", {
    params: { path: { slug }, query: { include: "tags,quotes,links" } },
    headers: { "If-None-Match": etag },
  });
  expect(again.response.status === 304, `If-None-Match answered ${again.response.status}, not 304`);
  return `${quotes.length} quotes (first by ${speaker}, #${position}), ${links.length} links, tags ${tags.join(", ")}; 304 on If-None-Match`;
});

await check("POST /v1/articles without a key is a typed 401 problem", async () => {
  const body: CreateArticle = { headline: "Anonymous attempt" };
  const { data, error, response } = await reader.POST("/v1/articles", { body });
  expect(data === undefined && error !== undefined, `status ${response.status}`);
  expect(response.status === 401, `status ${response.status}`);
  const problem: Problem | ValidationProblem = error;
  expect(problem.status === 401 && typeof problem.title === "string", `problem ${JSON.stringify(problem)}`);
  expect((response.headers.get("Content-Type") ?? "").startsWith("application/problem+json"), "not application/problem+json");
  return `"${problem.title}"`;
});

await check("POST /v1/articles with an invalid body is a 400 with camelCase field errors", async () => {
  const body: CreateArticle = { headline: "", tags: ["client-ci"] };
  const { error, response } = await admin.POST("/v1/articles", { body });
  expect(response.status === 400 && error !== undefined, `status ${response.status}`);
  expect(isValidationProblem(error), `no errors in ${JSON.stringify(error)}`);
  const validation: ValidationProblem = error;
  const headlineErrors: string[] | undefined = validation.errors?.headline;
  expect(headlineErrors !== undefined && headlineErrors.length > 0, `errors ${JSON.stringify(validation.errors)}`);
  return headlineErrors.join(" ");
});

await check("POST /v1/articles with the admin key creates an article (201, ETag)", async () => {
  const body: CreateArticle = {
    headline: "Typed client check: a draft written through openapi-fetch",
    dek: "Created by tests/client in CI.",
    body: "A paragraph from the **typed client**.\n\nAnother one.",
    section: "World",
    byline: "Client CI",
    tags: ["client-ci"],
    status: "draft",
  };
  const { data, error, response } = await admin.POST("/v1/articles", { body });
  expect(response.status === 201 && data !== undefined, `status ${response.status}: ${JSON.stringify(error)}`);
  created = data;
  createdETag = response.headers.get("ETag");
  const version = etagVersion(createdETag);
  expect(version !== null && version.id === data.id && version.version === data.version, `ETag ${createdETag} for article ${data.id} v${data.version}`);
  expect(data.headline === body.headline && data.status === "draft", `headline or status differs: ${data.status}`);
  const tagSlugs: string[] = data.tags.map((tag) => tag.slug);
  expect(tagSlugs.includes("client-ci"), `tags ${tagSlugs.join(", ")}`);
  return `id ${data.id}, slug ${data.slug}, ETag ${createdETag}`;
});

await check("GET /v1/articles/{id} reads it back with its ETag", async () => {
  expect(created !== null, "nothing was created");
  const id: number = created.id;
  const { data, response } = await admin.GET("/v1/articles/{id}", { params: { path: { id } } });
  expect(response.status === 200 && data !== undefined, `status ${response.status}`);
  expect(data.id === id && data.headline === created.headline && data.version === created.version, "a different article or version");
  const etag = response.headers.get("ETag");
  const version = etagVersion(etag);
  expect(version !== null && version.id === id && version.version === data.version, `ETag ${etag}`);
  currentETag = etag;
  return `ETag ${etag}`;
});

await check("PUT /v1/articles/{id} with If-Match updates it (200, new ETag)", async () => {
  expect(created !== null && currentETag !== null, "nothing to update");
  const id: number = created.id;
  const body: UpdateArticle = {
    headline: "Typed client check: updated with If-Match",
    dek: created.dek,
    body: "The **updated** paragraph.",
    section: created.section,
    byline: created.byline,
    tags: created.tags.map((tag) => tag.slug),
  };
  const { data, error, response } = await admin.PUT("/v1/articles/{id}", {
    params: { path: { id }, header: { "If-Match": currentETag } },
    body,
  });
  expect(response.status === 200 && data !== undefined, `status ${response.status}: ${JSON.stringify(error)}`);
  expect(data.headline === body.headline && data.version === created.version + 1, `version ${data.version}`);
  const etag = response.headers.get("ETag");
  const version = etagVersion(etag);
  expect(version !== null && version.version === data.version, `ETag ${etag}`);
  currentETag = etag;
  return `version ${data.version}, ETag ${etag}`;
});

await check("PUT /v1/articles/{id} with a stale If-Match is a typed 412 problem", async () => {
  expect(created !== null && createdETag !== null && currentETag !== null, "nothing to update");
  const id: number = created.id;
  const body: UpdateArticle = { headline: "Typed client check: this write must not land" };
  const { data, error, response } = await admin.PUT("/v1/articles/{id}", {
    params: { path: { id }, header: { "If-Match": createdETag } },
    body,
  });
  expect(data === undefined && error !== undefined, `status ${response.status}`);
  expect(response.status === 412, `status ${response.status}`);
  const problem: Problem | ValidationProblem = error;
  const status: number | null | undefined = problem.status;
  const title: string | null | undefined = problem.title;
  expect(status === 412 && typeof title === "string", `problem ${JSON.stringify(problem)}`);
  expect((response.headers.get("Content-Type") ?? "").startsWith("application/problem+json"), "not application/problem+json");
  const current = etagVersion(response.headers.get("ETag"));
  const expected = etagVersion(currentETag);
  expect(current !== null && expected !== null && current.version === expected.version, `412 ETag ${response.headers.get("ETag")}, current ${currentETag}`);

  const after = await admin.GET("/v1/articles/{id}", { params: { path: { id } } });
  expect(after.data !== undefined && after.data.headline !== body.headline, "the stale write landed");
  return `"${title}", current ETag ${response.headers.get("ETag")}`;
});

await check("DELETE /v1/articles/{id} with If-Match removes it (204, then 404)", async () => {
  expect(created !== null && currentETag !== null, "nothing to delete");
  const id: number = created.id;
  const { response } = await admin.DELETE("/v1/articles/{id}", {
    params: { path: { id }, header: { "If-Match": currentETag } },
  });
  expect(response.status === 204, `status ${response.status}`);
  const gone = await admin.GET("/v1/articles/{id}", { params: { path: { id } } });
  expect(gone.response.status === 404 && gone.error !== undefined, `read after delete: ${gone.response.status}`);
  return `then 404 "${gone.error.title}"`;
});

console.log(`client: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
