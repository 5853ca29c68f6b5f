#!/usr/bin/env node
// Drives Swagger UI at {base}/swagger in Debian's Chromium (playwright-core, no downloaded browser) the way a person
// would: every tag group of the document renders; "Create an article" without a key shows the 401 problem; Authorize
// with the admin key (ApiKey, X-Api-Key); "List articles" -> Try it out -> Execute shows 200 with the demo article;
// "Create an article" with a JSON body shows 201 with the new headline. Screenshots of each step go to
// artifacts/swagger-ui/ (or $SWAGGER_UI_SCREENSHOTS). Prints one line per check, then
// "swagger-ui: N passed, M failed"; exits 1 on any failure.
//
//   node check.mjs http://127.0.0.1:5080 <admin key>
//
// The API needs demo content (Headless__DemoContent=true) and the admin key (Headless__AdminKey).
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [base, adminKey] = process.argv.slice(2);
if (!base || !adminKey) {
  console.error('Usage: node check.mjs <base URL> <admin key>');
  process.exit(2);
}

const api = base.replace(/\/+$/, '');
const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(process.env.SWAGGER_UI_SCREENSHOTS ?? join(here, '..', '..', 'artifacts', 'swagger-ui'));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const timeout = 30_000;

let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    const line = String(detail).replace(/\s+/g, ' ').trim();
    console.log(`FAIL ${name}${line ? ` (${line})` : ''}`);
  }
  return ok;
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];

let page;
const consoleErrors = [];
let shotNumber = 0;
async function screenshot(name, options = {}) {
  if (!page) return;
  shotNumber++;
  const file = join(shots, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file, timeout, ...options });
  } catch (error) {
    console.log(`note: screenshot ${file} failed: ${firstLine(error)}`);
  }
}

// One step: runs the action, which returns true or a failure detail; a thrown error (a selector that never came)
// fails the step with its first line. Takes a screenshot named after the step either way.
async function step(name, shot, action) {
  let ok = false;
  try {
    const result = await action();
    ok = check(name, result === true, typeof result === 'string' ? result : '');
  } catch (error) {
    check(name, false, firstLine(error));
  }
  if (!ok && consoleErrors.length > 0) {
    console.log(`note: browser console errors: ${consoleErrors.slice(-3).join('; ')}`);
  }
  await screenshot(ok ? shot : `${shot}-FAILED`);
  return ok;
}

// The live response of an expanded operation after Execute: its status code and the body text shown.
async function liveResponse(operation) {
  const row = operation.locator('.live-responses-table tbody tr.response').first();
  await row.waitFor({ state: 'visible' });
  const status = (await row.locator('td.response-col_status').innerText()).trim();
  const body = await row.locator('td.response-col_description .highlight-code pre').first().innerText();
  return { status, body };
}

// Expands an operation by its DOM id (operations-{tag}-{operationId}), makes sure "Try it out" is on (the UI here
// has it on by default, so the button then reads "Cancel"), and clears any request shown from an earlier Execute.
async function openOperation(id) {
  const operation = page.locator(`#${id}`);
  await operation.waitFor({ state: 'visible' });
  if (!(await operation.evaluate((el) => el.classList.contains('is-open')))) {
    await operation.locator('.opblock-summary-control').click();
  }
  const tryOut = operation.locator('button.try-out__btn').first();
  await tryOut.waitFor({ state: 'visible' });
  if ((await tryOut.innerText()).trim() === 'Try it out') {
    await tryOut.click();
  }
  await operation.locator('button.execute').waitFor({ state: 'visible' });
  const clear = operation.locator('button.btn-clear');
  if (await clear.isVisible()) {
    await clear.click();
  }
  return operation;
}

async function execute(operation) {
  await operation.locator('button.execute').click();
  return liveResponse(operation);
}

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const headline = `Swagger UI check ${stamp}: an article made in the browser`;
const createBody = JSON.stringify(
  {
    headline,
    slug: `swagger-ui-check-${stamp}`,
    body: 'Written by **tests/swagger-ui** through Swagger UI.',
    status: 'draft',
    section: 'World',
    tags: ['swagger-ui-check'],
  },
  null,
  2,
);

let browser;
let userDataDir;
try {
  await mkdir(shots, { recursive: true });
  // Only this script's own numbered screenshots from an earlier run.
  for (const file of await readdir(shots)) {
    if (/^\d\d-[\w-]+\.png$/.test(file)) await rm(join(shots, file), { force: true });
  }

  let spec;
  try {
    const response = await fetch(`${api}/swagger/v1/swagger.json`);
    spec = response.ok ? await response.json() : undefined;
    check('the OpenAPI document is served', spec !== undefined, spec ? '' : `HTTP ${response.status}`);
  } catch (error) {
    check('the OpenAPI document is served', false, firstLine(error));
  }
  const tags = new Set((spec?.tags ?? []).map((t) => t.name));
  for (const operations of Object.values(spec?.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const tag of operation?.tags ?? []) tags.add(tag);
    }
  }

  // A fresh profile (--user-data-dir, which Playwright takes as launchPersistentContext's folder) each run: no authorization persisted by an earlier run, nothing cached.
  userDataDir = await mkdtemp(join(tmpdir(), 'swagger-ui-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    timeout,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    viewport: { width: 1366, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(timeout);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(firstLine(error)));
  // Swagger UI reports a request it cannot build on the console only (the Execute spinner then never stops).
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(firstLine(message.text()));
  });

  await step('Swagger UI loads at /swagger with the document title', 'loaded', async () => {
    const response = await page.goto(`${api}/swagger`, { waitUntil: 'domcontentloaded' });
    if (!response?.ok()) return `HTTP ${response?.status()}`;
    const title = page.locator('.swagger-ui .information-container .title');
    await title.waitFor({ state: 'visible' });
    const text = await title.innerText();
    return text.includes(spec?.info?.title ?? 'Headless content API') || `title reads "${text}"`;
  });

  check('the document names at least one tag', tags.size > 0);
  for (const tag of tags) {
    try {
      const heading = page.locator(`h3.opblock-tag[data-tag="${tag}"]`);
      await heading.waitFor({ state: 'visible' });
      const section = page.locator('.opblock-tag-section').filter({ has: heading });
      const operations = await section.locator('.opblock').count();
      check(`tag group "${tag}" is shown with its operations`, operations > 0, `${operations} operations`);
    } catch (error) {
      check(`tag group "${tag}" is shown with its operations`, false, firstLine(error));
    }
  }
  await screenshot('tag-groups', { fullPage: true });

  await step('Create an article without authorization shows the 401 problem', 'create-401', async () => {
    const operation = await openOperation('operations-Articles-CreateArticle');
    await operation.locator('textarea.body-param__text').fill(createBody);
    const { status, body } = await execute(operation);
    await operation.locator('.live-responses-table').scrollIntoViewIfNeeded();
    if (status !== '401') return `status ${status}`;
    return body.includes('"status": 401') || 'no problem body with "status": 401';
  });

  await step('Authorize with the admin key in ApiKey (X-Api-Key)', 'authorized', async () => {
    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.waitFor({ state: 'visible' });
    const scheme = dialog.locator('.auth-container').filter({ has: page.locator('h4', { hasText: /^ApiKey\b/ }) });
    await scheme.locator('input').first().fill(adminKey);
    await scheme.locator('button.authorize').click();
    await scheme.locator('button', { hasText: 'Logout' }).waitFor({ state: 'visible' });
    await screenshot('authorize-dialog');
    await scheme.locator('button.btn-done').click();
    await dialog.waitFor({ state: 'hidden' });
    return true;
  });

  await step('List articles: Try it out, Execute shows 200 with the demo article', 'list-200', async () => {
    const operation = await openOperation('operations-Articles-ListArticles');
    // Try it out fills the optional parameters with their examples (a filter per parameter, a sample cursor): clear
    // them, to list what a reader would see first.
    const removeItem = operation.locator('.parameters button.json-schema-form-item-remove');
    while ((await removeItem.count()) > 0) {
      await removeItem.first().click();
    }
    for (const input of await operation.locator('.parameters input[type="text"]').all()) {
      await input.fill('');
    }
    for (const select of await operation.locator('.parameters select').all()) {
      await select.selectOption({ index: 0 });
    }
    const { status, body } = await execute(operation);
    await operation.locator('.live-responses-table').scrollIntoViewIfNeeded();
    if (status !== '200') return `status ${status}`;
    const curl = await operation.locator('.curl-command').innerText();
    if (!curl.includes('X-Api-Key')) return 'the request was sent without the X-Api-Key header';
    if (!body.includes('"data"')) return 'no "data" in the body';
    return body.includes('Sovereignty Is Not for Sale') || 'the demo article is not in the body';
  });

  await step('Create an article: Try it out with a JSON body, Execute shows 201 with the new headline', 'create-201', async () => {
    const operation = await openOperation('operations-Articles-CreateArticle');
    await operation.locator('textarea.body-param__text').fill(createBody);
    const { status, body } = await execute(operation);
    await operation.locator('.live-responses-table').scrollIntoViewIfNeeded();
    if (status !== '201') return `status ${status}: ${body.slice(0, 200)}`;
    return body.includes(headline) || 'the new headline is not in the body';
  });

  check('no uncaught errors in the page', pageErrors.length === 0, pageErrors.slice(0, 3).join('; '));
} catch (error) {
  check('the browser run', false, firstLine(error));
  await screenshot('error');
} finally {
  await browser?.close().catch(() => {});
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
}

console.log(`screenshots: ${shots}`);
console.log(`swagger-ui: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
