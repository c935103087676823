// End-to-end: storage failures a rep can meet. The app explains them, stays usable,
// and never leaves half-written data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newContext, openPage } from './fixture.mjs';

const app = useApp();

const openApp = (context) => openPage(app, context);

test('a full disk: loading the demo fails with a clear message, nothing half-written, the app goes on', async () => {
  const context = await newContext(app);
  // Chromium here ignores DevTools' quota override, so the full disk is simulated:
  // while the flag is set, every IndexedDB write fails the way a full quota does.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (globalThis.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const { page, errors } = await openApp(context);
  await page.evaluate(() => { globalThis.__diskFull = true; });
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/storage is full/).waitFor();
  // All or nothing: not one demo customer landed, on screen or on disk.
  assert.match(await page.locator('.result-count').textContent(), /^0 /);
  await page.reload();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Load demo data' }).waitFor();
  assert.match(await page.locator('.result-count').textContent(), /^0 /);
  // Once space is free again, the same app in the same tab saves normally.
  await page.evaluate(() => { globalThis.__diskFull = false; });
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Kenji Sato');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('JP');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name: 'Kenji Sato' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a newer version opened in another tab: this tab lets go at once and says why', async () => {
  const context = await newContext(app);
  const { page } = await openApp(context);
  const other = await context.newPage();
  await other.goto(`${app.server.url}static/manifest.webmanifest`);
  // What a newer build does on start: open the database at a higher version. It must
  // not be blocked by the running tab.
  const outcome = await other.evaluate(() => new Promise((resolve) => {
    const request = indexedDB.open('cross-border-crm', 99);
    request.onupgradeneeded = () => {};
    request.onsuccess = () => { request.result.close(); resolve('opened'); };
    request.onblocked = () => resolve('blocked');
    request.onerror = () => resolve('error');
  }));
  assert.equal(outcome, 'opened');
  await page.getByText(/A newer version of this app was opened in another tab/).waitFor();
  await context.close();
});

test('an older tab that does not let go: the upgrade waits with a message, then carries on', async () => {
  const context = await newContext(app);
  const holder = await context.newPage();
  await holder.goto(`${app.server.url}static/manifest.webmanifest`);
  // An old build's connection (schema v3) that ignores upgrade requests.
  await holder.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('cross-border-crm', 3);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of ['customers', 'orders', 'costs', 'tier_changes']) {
        const store = db.createObjectStore(name, { keyPath: 'id' });
        if (name === 'customers') { store.createIndex('country', 'country'); store.createIndex('updated_at', 'updated_at'); } else { store.createIndex('customer_id', 'customer_id'); }
      }
      db.createObjectStore('meta', { keyPath: 'key' }).put({ key: 'records_version', value: 3 });
      db.createObjectStore('settings', { keyPath: 'key' });
    };
    request.onsuccess = () => { globalThis.heldOpen = request.result; resolve(); };
    request.onerror = () => reject(request.error);
  }));
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByText(/another tab holds an older version|其他标签页/i).waitFor();
  await holder.evaluate(() => globalThis.heldOpen.close());
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await context.close();
});
