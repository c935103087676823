// End-to-end: full backup, clearing the site's data for real, restoring; a damaged
// backup changes nothing; importing customers with rejected rows and duplicates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';

const app = useApp();

async function openApp() {
  const context = await newContext(app, { acceptDownloads: true });
  return { context, ...(await openPage(app, context)) };
}

async function customerCount(page) {
  const text = await page.locator('.result-count').textContent();
  return Number(text.match(/(\d+)/)[1]);
}

async function goToData(page) {
  await page.getByRole('link', { name: 'Data & backup' }).click();
  await page.getByRole('heading', { level: 2, name: 'Data & backup' }).waitFor();
}

test('export a backup, clear site data, restore: every customer is back; a damaged file changes nothing', async () => {
  const { context, page, errors } = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByRole('link', { name: /./ }).nth(20).waitFor();
  const before = await customerCount(page);
  assert.ok(before >= 600, `demo loaded (${before})`);

  await goToData(page);
  assert.match(await page.getByTestId('last-backup').textContent(), /Last backup: never/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export a full backup' }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'crm-backup-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const backup = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(backup.format, 'cross-border-crm-backup');
  assert.equal(backup.schema_version, 9);
  assert.match(backup.checksum, /^sha256:[0-9a-f]{64}$/);
  assert.equal(backup.data.customers.length, before);
  await page.getByTestId('last-backup').getByText(/today/).waitFor();

  // "Clear site data", as the browser's settings do it.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(app.server.url).origin, storageTypes: 'all' });
  await page.getByText(/The browser deleted this app's data/).waitFor();
  await page.getByRole('button', { name: 'Reload the app' }).click();
  await page.getByRole('button', { name: 'Load demo data' }).waitFor();

  // A damaged copy is refused whole.
  await goToData(page);
  const damaged = join(dir, 'damaged.json');
  await writeFile(damaged, (await readFile(file, 'utf8')).slice(0, 50_000));
  await page.locator('#restore-file').setInputFiles(damaged);
  await page.getByText(/not a backup of this app|damaged or incomplete/).waitFor();
  assert.equal(await page.getByTestId('restore-preview').count(), 0);

  await page.locator('#restore-file').setInputFiles(file);
  const preview = page.getByTestId('restore-preview');
  await preview.waitFor();
  // In the backup: every customer; stored now: none (the counts arrive a moment later).
  await preview.getByRole('row').filter({ hasText: new RegExp(`^Customers${before}0$`) }).waitFor();
  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replace all data?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Replace everything' }).click();
  await page.getByText(/Backup restored/).waitFor();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  assert.equal(await customerCount(page), before);

  // And it survives a reload: it was written, not just shown.
  await page.reload();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.locator('.result-count').getByText(String(before)).waitFor();

  // A damaged file chosen over real data changes nothing either.
  await goToData(page);
  await page.locator('#restore-file').setInputFiles(damaged);
  await page.getByText(/not a backup of this app|damaged or incomplete|不是本应用的备份/).waitFor();
  assert.equal(await page.getByTestId('restore-preview').count(), 0);
  await page.reload();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.locator('.result-count').getByText(String(before)).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

const CSV = [
  'Name,E-mail,Phone,Country,Time zone,Etiquetas',
  'Lucia Garcia,LUCIA@example.es,+34 600 111 222,ES,Europe/Madrid,',
  'Pierre Dubois,pierre@example.fr,,FR,Europe/Paris,vip',
  'Bad Email,not-an-email,,DE,,',
  'Mars Man,,,,Mars/Olympus,',
  'Anna Schmidt,,,DE,Europe/Berlin,"b2b, wholesale"',
].join('\n');

test('importing customers: every rejected row with its reason, duplicates decided, mapping remembered', async () => {
  const { context, page, errors } = await openApp();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Lucía García');
  await page.getByLabel('Email', { exact: true }).fill('lucia@example.es');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('ES');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name: 'Lucía García' }).waitFor();

  await goToData(page);
  const upload = { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) };
  await page.locator('#customer-import-file').setInputFiles(upload);
  // The unknown "Etiquetas" header is mapped by hand to Tags.
  await page.getByLabel('Tags (comma separated)', { exact: true }).selectOption({ label: 'Etiquetas' });
  const preview = page.getByTestId('customer-import-preview');
  await preview.waitFor();
  assert.match(await preview.getByRole('status').textContent(), /3 rows ready · 2 rows rejected · 1 need your decision/);
  const rejected = preview.locator('table').first();
  assert.match(await rejected.getByRole('row').filter({ hasText: /^4/ }).textContent(), /Email/);
  const marsRow = await rejected.getByRole('row').filter({ hasText: /^5/ }).textContent();
  assert.match(marsRow, /Country/);
  assert.match(marsRow, /time zone/i);

  const duplicates = preview.locator('table').nth(1);
  assert.match(await duplicates.textContent(), /Lucía García \(same email\)/);
  await page.getByLabel('Decision for row 2').selectOption({ label: 'Merge into Lucía García' });
  await page.getByRole('button', { name: 'Import customers', exact: true }).click();
  await page.getByText('Customers imported: 2 created, 1 merged, 0 skipped').waitFor();

  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name: 'Pierre Dubois' }).waitFor();
  await page.getByRole('link', { name: 'Anna Schmidt' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Lucia Garcia' }).count(), 0, 'merged, not duplicated');
  await page.getByRole('link', { name: 'Lucía García' }).click();
  await page.getByText('+34 600 111 222').waitFor();

  // The same header layout next time: the hand-made mapping is remembered.
  await goToData(page);
  await page.locator('#customer-import-file').setInputFiles(upload);
  await page.getByTestId('customer-import-preview').waitFor();
  assert.equal(await page.getByLabel('Tags (comma separated)', { exact: true }).inputValue(), '5');
  // Everything imported is now a duplicate of itself: nothing is silently doubled.
  assert.match(await page.getByTestId('customer-import-preview').getByRole('status').textContent(), /3 need your decision/);
  await page.screenshot({ path: `${SHOTS}/customer-import.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
