// End-to-end: the app as an installable, offline PWA; live updates between two tabs;
// the database taken away under a running tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';

const app = useApp();

async function createCustomer(page, name) {
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('FR');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

test('installable: a manifest with icons, and the app opens with the network off', async () => {
  const context = await newContext(app);
  const { page, errors } = await openPage(app, context);
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await page.evaluate(async (href) => (await fetch(href)).json(), manifestHref);
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'a 512 px icon');
  const icon = await page.evaluate(async (href) => {
    const url = new URL(href, location.href);
    const m = await (await fetch(url)).json();
    const r = await fetch(new URL(m.icons[0].src, url));
    return { ok: r.ok, type: r.headers.get('content-type') };
  }, manifestHref);
  assert.ok(icon.ok, 'the icon the manifest names exists');

  await createCustomer(page, 'Élodie Martin');
  // The first real save asks the browser to keep the data; either answer is shown,
  // and a refusal is explained.
  const status = page.getByTestId('storage-status');
  await status.getByText(/Storage: (kept until you delete it|best effort)/).waitFor();
  if (/best effort/.test(await status.textContent())) {
    await page.getByTestId('persistence-refused').getByText(/did not promise to keep the data/).waitFor();
  }
  await status.getByText('Works offline.').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);

  await context.setOffline(true);
  assert.equal(await page.evaluate(async () => {
    try { await fetch(`/not-cached-${Date.now()}`); return 'online'; } catch { return 'offline'; }
  }), 'offline', 'the network really is off');
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Élodie Martin' }).waitFor();
  await page.getByRole('button', { name: /Back to list/ }).click();
  await page.getByRole('link', { name: 'Élodie Martin' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/offline.png`, fullPage: true });
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: what one tab saves appears in the other without a reload', async () => {
  const context = await newContext(app);
  const first = await openPage(app, context);
  const second = await openPage(app, context);

  await createCustomer(first.page, 'Hiroshi Tanaka');
  await second.page.getByRole('link', { name: 'Hiroshi Tanaka' }).waitFor();

  await second.page.getByRole('link', { name: 'Hiroshi Tanaka' }).click();
  await second.page.getByRole('heading', { level: 2, name: 'Hiroshi Tanaka' }).waitFor();
  await first.page.getByRole('button', { name: 'Edit' }).click();
  await first.page.getByLabel('Notes', { exact: true }).fill('Prefers LINE messages');
  await first.page.getByRole('button', { name: 'Save' }).click();
  await second.page.getByText('Prefers LINE messages').waitFor();

  // A contact logged in one tab shows in the other tab's timeline.
  await first.page.locator('#contact-rep').fill('Mei');
  await first.page.getByLabel('Log a contact').fill('p< called about customs duties');
  await first.page.getByLabel('Log a contact').press('Enter');
  await second.page.getByTestId('timeline').getByText(/called about customs duties/).waitFor();
  assert.deepEqual([...first.errors, ...second.errors], []);
  await context.close();
});

test('when the browser deletes the data under a running tab, the tab says so', async () => {
  const context = await newContext(app);
  const { page } = await openPage(app, context);
  await createCustomer(page, 'Olga Ivanova');
  // What "clear site data" does: the database is deleted; our open connection must
  // let go (or the deletion would hang) and the rep must be told.
  const deleted = await page.evaluate(() => new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('cross-border-crm');
    request.onsuccess = () => resolve('deleted');
    request.onerror = () => resolve('error');
    request.onblocked = () => resolve('blocked');
  }));
  assert.equal(deleted, 'deleted');
  await page.getByText(/The browser deleted this app's data/).waitFor();
  await page.screenshot({ path: `${SHOTS}/database-deleted.png` });
  await page.getByRole('button', { name: 'Reload the app' }).click();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.getByText(/No customers yet|Load demo data/).first().waitFor();
  await context.close();
});
