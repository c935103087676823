// End-to-end: orders CSV import → customer pyramid → click a tier → filtered list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, SHOTS } from './fixture.mjs';

const app = useApp();

function isoDaysAgo(days) {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// 100 buyers, one order each, amounts 10.00 … 1000.00 EUR (buyer 100 spends most),
// plus two broken rows on file lines 4 and 103.
function sampleCsv() {
  const lines = ['Order ID;Buyer ID;Buyer Name;Country;Order Date;Currency;Order Amount;Product Cost'];
  for (let i = 1; i <= 100; i += 1) {
    lines.push(`E-${i};buyer-${String(i).padStart(3, '0')};Buyer ${i};DE;${isoDaysAgo(i)};EUR;${i * 10},00;${i * 4},00`);
    if (i === 2) lines.push(`E-bad1;buyer-x;Broken;DE;2026-02-30;EUR;5,00;1,00`);
  }
  lines.push(`E-bad2;buyer-y;Broken;DE;${isoDaysAgo(3)};EUR;lots;1,00`);
  return lines.join('\n');
}

test('import orders, see the pyramid, open a tier as a filtered list', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('link', { name: 'Import orders' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(sampleCsv()) });
  await page.getByText('orders.csv · 102 data rows').waitFor();
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByText('102 rows: 100 ready to import, 2 rejected.').waitFor();
  const rejected = page.getByRole('table', { name: /Rejected rows/ });
  const rejectedText = await rejected.textContent();
  assert.match(rejectedText, /4Order date/, 'line 4: date that does not exist');
  assert.match(rejectedText, /103Order total/, 'line 103: not an amount');
  await page.screenshot({ path: `${SHOTS}/import-preview.png`, fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all rejected rows (CSV)' }).click(),
  ]);
  const rejectedCsv = await readFile(await download.path(), 'utf8');
  assert.match(rejectedCsv, /^\ufeff"Line","Field","Problem","Value in file"/);
  assert.match(rejectedCsv, /"4","Order date"/);
  assert.match(rejectedCsv, /"103","Order total".*"lots"/);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported 100 orders; created 100 new customers; skipped 2 rows.').waitFor();

  await page.getByRole('link', { name: 'Customer value' }).click();
  // The orders are in EUR and the reporting currency is USD: the shipped reference
  // rate (dated) is used until the rep types one, and the rep's rate then wins.
  const rate = page.getByLabel('1 EUR = ? USD');
  await page.getByRole('group', { name: /Customer pyramid/ }).waitFor();
  assert.equal(await rate.inputValue(), '1.0411');
  assert.match(await page.locator('#rate-EUR-source').textContent(), /Reference rate of 2025-02-28 \(European Central Bank\)/);
  await rate.fill('1.1');
  await rate.press('Tab');
  await page.locator('#rate-EUR-source').getByText(/^Your rate/).waitFor();
  await page.getByRole('group', { name: /Customer pyramid/ }).waitFor();
  await page.getByRole('button', { name: 'Show data table' }).first().click();
  const pyramid = await page.locator('figure').first().getByRole('table').textContent();
  for (const [tier, count] of [['VIP', 1], ['Major', 19], ['Ordinary', 30], ['Small', 50]]) {
    assert.match(pyramid, new RegExp(`${tier}${count}${count}\\.0%`), `${tier} has ${count} customers: ${pyramid}`);
  }
  await page.screenshot({ path: `${SHOTS}/value.png`, fullPage: true });

  await page.getByRole('button', { name: /^VIP 1\.0%/ }).click();
  await page.getByText(/Tier: VIP/).waitFor();
  await page.getByText('1 customers', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Buyer 100' }).waitFor();

  // Recording tiers keeps a dated history on the record.
  await page.getByRole('link', { name: 'Customer value' }).click();
  await page.getByRole('button', { name: "Record this period's tiers" }).click();
  await page.getByText('Recorded tier changes for 100 customers.').waitFor();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name: 'Buyer 100' }).click();
  await page.getByRole('heading', { name: 'Tier history' }).waitFor();

  // Cost to serve: a bad amount is explained on the field, a good one is listed.
  await page.getByRole('button', { name: 'Cost to serve', exact: true }).click();
  await page.getByLabel('Amount', { exact: true }).fill('a lot');
  await page.getByRole('button', { name: 'Add cost' }).click();
  await page.getByText('Not an amount: use digits with one decimal separator, e.g. 1234.56.').waitFor();
  assert.equal(await page.getByLabel('Amount', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Kind of cost').selectOption({ label: 'Compensation' });
  await page.getByLabel('Amount', { exact: true }).fill('12,50');
  await page.getByRole('button', { name: 'Add cost' }).click();
  await page.getByRole('cell', { name: '12.50 EUR' }).waitFor();
  await page.getByRole('cell', { name: 'Compensation' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
