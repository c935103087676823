// End-to-end: the same dist/ served under a sub-path (https://host/crm/, the shape of a
// project page, an S3 prefix or an intranet path), as a plain static host would: no
// fallback page, and nothing outside /crm/ exists, so any root-relative URL fails.
// First load, demo data, a deep link, a reload with the network off, and an update to
// a new build that the page announces without losing data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, SHOTS, newContext } from './fixture.mjs';

const PREFIX = '/crm/';
const DIST = process.env.DIST_DIR ?? 'dist';
const app = useApp({ root: DIST, prefix: PREFIX });

/** Opens `url` (default: the app) and waits for the customer list or `ready`. */
async function open(context, url = app.server.url, ready = (page) => page.getByRole('heading', { name: 'Customers', exact: true })) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) errors.push(m.text()); });
  await page.goto(url);
  await ready(page).waitFor();
  return { page, errors };
}

/** Waits until the service worker controls the page (its cache is then complete). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('under /crm/: every URL stays inside the sub-path; worker, manifest and icons follow', async () => {
  const context = await newContext(app);
  const { page, errors } = await open(context);
  await controlled(page);

  // The built page names its files relative to itself.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(?:href|src)="\/|from '\/|module_or_path: '\//, 'no root-relative URL in index.html');
  assert.match(html, /<link rel="manifest" href="static\/manifest\.webmanifest"/);
  const outside = app.server.requests.filter((path) => !path.startsWith(PREFIX));
  assert.deepEqual(outside, [], 'nothing was asked for outside /crm/');

  const facts = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const href = document.querySelector('link[rel="manifest"]').href;
    const manifest = await (await fetch(href)).json();
    const icons = await Promise.all(manifest.icons.map(async (icon) => {
      const response = await fetch(new URL(icon.src, href));
      return { url: response.url, ok: response.ok, type: response.headers.get('content-type') };
    }));
    return {
      scope: registration.scope,
      worker: registration.active.scriptURL,
      startUrl: new URL(manifest.start_url, href).href,
      manifestScope: new URL(manifest.scope, href).href,
      icons,
      cached: (await (await caches.open((await caches.keys())[0])).keys()).map((r) => r.url),
    };
  });
  assert.equal(facts.scope, app.server.url, 'the worker controls /crm/ and nothing above it');
  assert.equal(facts.worker, `${app.server.url}sw.js`);
  assert.equal(facts.startUrl, app.server.url, 'the installed app starts at /crm/');
  assert.equal(facts.manifestScope, app.server.url);
  for (const icon of facts.icons) {
    assert.ok(icon.ok && icon.url.startsWith(app.server.url) && icon.type === 'image/png', JSON.stringify(icon));
  }
  assert.ok(facts.cached.includes(app.server.url), 'the page itself is precached');
  assert.ok(facts.cached.every((url) => url.startsWith(app.server.url)), 'every precached URL is under /crm/');
  assert.ok(facts.cached.some((url) => url.endsWith('.wasm')), 'the wasm is precached');
  assert.ok(!facts.cached.some((url) => /\.(br|gz)$|_headers$/.test(url)), 'no pre-compressed copies or host files');
  // A static host redirects the bare folder name to the folder, so the app opens there too.
  await page.goto(app.server.url.replace(/\/$/, ''));
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  assert.equal(page.url(), app.server.url);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under /crm/: demo data, a deep link to a record, and a reload with the network off', async () => {
  const context = await newContext(app);
  const { page, errors } = await open(context);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByText('600 customers', { exact: true }).waitFor();
  const link = page.locator('table.customers tbody a').first();
  const name = (await link.textContent()).trim();
  const hash = await link.getAttribute('href');
  assert.match(hash, /^#\/customer\/.+/);

  // A deep link, as a bookmark or a link in a chat would open it.
  const deepLink = `${app.server.url}${hash}`;
  const record = await open(context, deepLink, (p) => p.getByRole('heading', { level: 2, name }));
  await controlled(record.page);

  await context.setOffline(true);
  assert.equal(await record.page.evaluate(async (url) => {
    try { await fetch(`${url}not-cached-${Date.now()}`); return 'online'; } catch { return 'offline'; }
  }, app.server.url), 'offline', 'the network really is off');
  await record.page.reload();
  await record.page.getByRole('heading', { level: 2, name }).waitFor();
  await record.page.getByRole('button', { name: /Back to list/ }).click();
  await record.page.getByText('600 customers', { exact: true }).waitFor();
  await record.page.screenshot({ path: `${SHOTS}/subpath-offline.png` });
  await context.setOffline(false);
  assert.deepEqual([...errors, ...record.errors], []);
  await context.close();
});

/**
 * A second build made from the first, as a deploy of a CSS change would be: the
 * stylesheet gets new content and a new hashed name, then the post-build step
 * (policy, worker list and version) runs again over the copy.
 */
const builds = [];
function nextBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'crm-next-'));
  builds.push(dir);
  cpSync(DIST, dir, { recursive: true });
  const css = readdirSync(dir).find((name) => /^main-[0-9a-f]{8,16}\.css$/.test(name));
  assert.ok(css, 'the build has a hashed stylesheet');
  const content = `${readFileSync(join(dir, css), 'utf8')}\nbody { --build: 2; }\n`;
  const renamed = `main-${createHash('sha256').update(content).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(dir, renamed), content);
  for (const stale of [css, `${css}.gz`, `${css}.br`]) rmSync(join(dir, stale), { force: true });
  const integrity = `sha384-${createHash('sha384').update(content).digest('base64')}`;
  let html = readFileSync(join(dir, 'index.html'), 'utf8')
    .replace(/\n\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replaceAll(css, renamed);
  html = html.replace(new RegExp(`(<link[^>]*${renamed}[^>]*integrity=")[^"]*(")`), `$1${integrity}$2`);
  writeFileSync(join(dir, 'index.html'), html);
  execFileSync('node', ['scripts/csp.mjs'], { env: { ...process.env, TRUNK_STAGING_DIR: dir } });
  return { dir, css: renamed };
}

after(() => { for (const dir of builds) rmSync(dir, { recursive: true, force: true }); });

test('under /crm/: a new build is picked up, the page says so, and reloading keeps the data', async () => {
  const context = await newContext(app);
  const first = await open(context);
  await controlled(first.page);
  const buildOf = (page) => page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--build').trim() || '1');
  assert.equal(await buildOf(first.page), '1');

  // Something saved, and something typed but not saved yet.
  await first.page.getByRole('button', { name: 'New customer' }).first().click();
  await first.page.getByLabel('Name', { exact: true }).fill('Ana Souza');
  await first.page.getByLabel('Country (ISO code, e.g. ES)').fill('BR');
  await first.page.getByRole('button', { name: 'Save' }).click();
  await first.page.getByRole('heading', { level: 2, name: 'Ana Souza' }).waitFor();
  await first.page.getByRole('button', { name: 'New customer' }).first().click();
  await first.page.getByLabel('Name', { exact: true }).fill('Kenji Sato (not saved yet)');
  const oldCaches = await first.page.evaluate(() => caches.keys());

  // Deploy: the host now serves the new build.
  const next = nextBuild();
  app.server.setRoot(next.dir);
  // A page opened now gets the new build from the network; opening it also makes
  // the browser look for a new worker. The explicit check makes the test independent
  // of when the browser gets round to it (the app also checks when its tab is shown).
  const second = await open(context);
  await first.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  const notice = first.page.getByTestId('update-ready');
  await notice.getByText('A new version is ready.').waitFor();
  assert.equal(await notice.getAttribute('role'), 'status');
  await first.page.screenshot({ path: `${SHOTS}/subpath-update-ready.png` });
  const newCaches = await first.page.evaluate(() => caches.keys());
  assert.equal(newCaches.length, 1, 'the old cache is gone');
  assert.notDeepEqual(newCaches, oldCaches, 'a new cache version');
  // The page already running the new build has nothing to reload for (it saw the same
  // take-over; give its check of the cache the moment it needs).
  await second.page.waitForTimeout(500);
  assert.equal(await buildOf(second.page), '2');
  assert.equal(await second.page.getByTestId('update-ready').getByRole('button').count(), 0);
  await second.page.close();

  await notice.getByRole('button', { name: 'Reload', exact: true }).click();
  await first.page.getByText('Unsaved changes from your last visit were restored.').waitFor();
  assert.equal(await buildOf(first.page), '2', 'the page now runs the new build');
  assert.equal(await first.page.getByLabel('Name', { exact: true }).inputValue(), 'Kenji Sato (not saved yet)');
  assert.equal(await first.page.getByTestId('update-ready').getByRole('button').count(), 0);

  // The new build is what the worker now serves with the network off.
  await context.setOffline(true);
  await first.page.goto(app.server.url);
  await first.page.getByRole('link', { name: 'Ana Souza' }).waitFor();
  assert.equal(await buildOf(first.page), '2');
  assert.ok(await first.page.evaluate((css) => caches.match(css).then(Boolean), `${app.server.url}${next.css}`));
  await context.setOffline(false);
  assert.deepEqual([...first.errors, ...second.errors], []);
  await context.close();
});

test('under /crm/: a tab left open looks for a new build when it comes back into view', async () => {
  app.server.setRoot(DIST);
  const context = await newContext(app);
  const { page, errors } = await open(context);
  await controlled(page);
  app.server.setRoot(nextBuild().dir);
  // No navigation, so the browser has no reason of its own to look: only the app's
  // check on `visibilitychange` finds the new build (headless tabs are always visible).
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.getByTestId('update-ready').getByRole('button', { name: 'Reload', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
  app.server.setRoot(DIST);
});
