// End-to-end: files as marketplaces and spreadsheets really save them (GBK, Shift_JIS,
// UTF-16, a broken export 200,000 columns wide, an .xlsx), and the demo's value page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';

const app = useApp();
const FIXTURES = new URL('../fixtures/encodings/', import.meta.url);
const fixture = (name) => readFile(new URL(name, FIXTURES));

async function importPage() {
  const context = await newContext(app);
  const { page, errors } = await openPage(app, context);
  await page.getByRole('link', { name: 'Import orders' }).click();
  return { context, page, errors };
}

async function choose(page, name, buffer, mimeType = 'text/csv') {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType, buffer });
}

test('a GBK file from Chinese Excel is read as Chinese, and the encoding can be changed', async () => {
  const { context, page, errors } = await importPage();
  await choose(page, 'orders-gbk.csv', await fixture('orders-gbk.csv'));
  await page.getByText('orders-gbk.csv · 3 data rows').waitFor();
  const note = page.getByText(/^Encoding: GBK \/ GB18030 \(detected/);
  await note.waitFor();
  // The guessed mapping found the Chinese headers: they are real words, not mojibake.
  assert.equal(await page.getByLabel('Order number').locator('option:checked').textContent(), '订单号 (column 1)');
  assert.equal(await page.getByLabel('Order total').locator('option:checked').textContent(), '订单金额 (column 5)');
  await page.screenshot({ path: `${SHOTS}/import-gbk.png`, fullPage: true });

  // Choosing a wrong encoding shows what it does to the file, and how to notice.
  await page.getByLabel('Encoding', { exact: true }).selectOption('utf-8');
  await page.getByText(/^Encoding: UTF-8 \(chosen by you\)\. \d+ characters cannot be read in this encoding/).waitFor();
  await page.getByLabel('Encoding', { exact: true }).selectOption('gb18030');
  await page.getByText(/^Encoding: GBK \/ GB18030 \(chosen by you\)\.$/).waitFor();
  assert.equal(await page.getByLabel('Order number').locator('option:checked').textContent(), '订单号 (column 1)');

  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByText('3 rows: 3 ready to import, 0 rejected.').waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported 3 orders; created 3 new customers; skipped 0 rows.').waitFor();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name: '张伟' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Shift_JIS, Windows-1252 and UTF-16 files are detected', async () => {
  const { context, page, errors } = await importPage();
  const cases = [
    ['orders-shift_jis.csv', /^Encoding: Shift_JIS \(detected/, '注文番号 (column 1)'],
    ['orders-windows-1252.csv', /^Encoding: Windows-1252 \(detected/, 'Bestellnummer (column 1)'],
    ['orders-utf16le-bom.txt', /^Encoding: UTF-16 LE \(marked in the file\)/, '订单号 (column 1)'],
    ['orders-utf8-bom.csv', /^Encoding: UTF-8 \(marked in the file\)/, '订单号 (column 1)'],
  ];
  for (const [name, encoding, firstHeader] of cases) {
    await choose(page, name, await fixture(name));
    await page.getByText(encoding).waitFor();
    const options = await page.getByLabel('Order number').locator('option').allTextContents();
    assert.ok(options.includes(firstHeader), `${name}: ${options.join(' | ')}`);
  }
  // Windows-1252 accents survive in every header.
  await choose(page, 'orders-windows-1252.csv', await fixture('orders-windows-1252.csv'));
  await page.getByText(/^Encoding: Windows-1252/).waitFor();
  const german = await page.getByLabel('Order number').locator('option').allTextContents();
  for (const header of ['Käufer-ID (column 2)', 'Währung (column 4)', 'Käufername (column 7)']) {
    assert.ok(german.includes(header), `${header}: ${german.join(' | ')}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken export 200,000 columns wide and a binary file end in a message, never a crash', async () => {
  const { context, page, errors } = await importPage();
  const wide = `Order ID${','.repeat(200_000)}\n1,2,3\n`;
  await choose(page, 'broken.csv', Buffer.from(wide));
  await page.getByRole('alert').getByText(
    'Line 1 has 200,001 columns; at most 500 can be read. The export is probably damaged: export it again, or delete the extra columns in a spreadsheet.',
  ).waitFor();
  assert.equal(await page.getByRole('group', { name: 'Column mapping' }).count(), 0, 'no mapping screen');

  await choose(page, 'orders.xlsx', await fixture('orders.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  await page.getByRole('alert').getByText(/This is not a text file: it looks like an Excel workbook \(\.xlsx\) or a ZIP archive\. .*save it as CSV/).waitFor();
  await choose(page, 'scan.png', await fixture('scan.png'), 'image/png');
  await page.getByRole('alert').getByText(/it looks like an image/).waitFor();

  // The app is alive: a good file still works after the refusals.
  await choose(page, 'orders-utf8.csv', await fixture('orders-utf8.csv'));
  await page.getByText('orders-utf8.csv · 3 data rows').waitFor();
  assert.deepEqual(errors, []);

  // The customers import uses the same checks, in Chinese too.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('link', { name: '数据与备份' }).click();
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(wide) });
  await page.getByRole('alert').getByText(/^第 1 行有 200,001 列，最多可读取 500 列。/).waitFor();
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'customers-gbk.csv', mimeType: 'text/csv', buffer: await fixture('customers-gbk.csv') });
  await page.getByText(/^文字编码：GBK \/ GB18030（自动识别/).waitFor();
  await page.locator('option', { hasText: /^备注$/ }).first().waitFor({ state: 'attached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('after Load demo data the value page draws at once, and every ABC count matches its list', async () => {
  const context = await newContext(app, { viewport: { width: 1280, height: 1000 } });
  const { page, errors } = await openPage(app, context);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByRole('link', { name: 'Customer value' }).click();
  await page.getByRole('group', { name: /Customer pyramid/ }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByText(/Enter an exchange rate/).count(), 0);
  await page.screenshot({ path: `${SHOTS}/value-demo.png`, fullPage: true });

  const counts = {};
  for (const cls of ['A', 'B', 'C']) {
    const label = await page.getByRole('button', { name: new RegExp(`^Class ${cls}: \\d+$`) }).textContent();
    counts[cls] = Number(label.match(/(\d+)$/)[1]);
  }
  // The data table says the same as the buttons.
  const pareto = page.locator('figure').filter({ hasText: 'Class A:' });
  await pareto.getByRole('button', { name: 'Show data table' }).click();
  const table = await pareto.getByRole('table').textContent();
  for (const cls of ['A', 'B', 'C']) assert.match(table, new RegExp(`${cls}${counts[cls]}`), table);
  // And each button opens a list of exactly that many customers.
  for (const cls of ['A', 'B', 'C']) {
    await page.getByRole('button', { name: new RegExp(`^Class ${cls}: `) }).click();
    await page.getByText(`${counts[cls]} customers`, { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Customer value' }).click();
    await page.getByRole('group', { name: /Customer pyramid/ }).waitFor();
  }
  assert.equal(counts.A + counts.B + counts.C > 300, true, JSON.stringify(counts));
  assert.deepEqual(errors, []);
  await context.close();
});

test('on demo records, "Last contact" is the newest contact on the timeline', async () => {
  const context = await newContext(app);
  const { page, errors } = await openPage(app, context);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  // Buyers in the complaint queue have contacts (every complaint logs some); the
  // list sorted by last contact starts with buyers who have none.
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  const queued = await page.getByRole('table').getByRole('link').allTextContents();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByLabel('Sort by').selectOption({ label: 'Last contact' });
  const links = page.getByRole('table').getByRole('link');
  await links.first().waitFor();
  const names = [...queued.slice(0, 3), ...(await links.allTextContents()).slice(0, 2)];
  let compared = 0;
  for (const name of names) {
    await page.getByRole('searchbox').or(page.getByLabel('Search', { exact: true })).first().fill(name);
    await page.getByRole('table').getByRole('link', { name, exact: true }).first().click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    const timeline = page.getByTestId('timeline').or(page.getByRole('region', { name: 'Timeline' }).getByText('Nothing recorded yet.'));
    await timeline.first().waitFor();
    const shown = await page.locator('.detail').filter({ hasText: 'Last contact' }).locator('dd').textContent();
    const stamps = page.locator('li.timeline-contact time');
    const times = await stamps.evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
    if (times.length === 0) {
      assert.equal(shown, 'never', `${name}: no contact logged`);
    } else {
      times.sort((a, b) => Date.parse(b[0]) - Date.parse(a[0]));
      assert.equal(shown, times[0][1], `${name}: newest logged contact`);
      compared += 1;
    }
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
  }
  assert.ok(compared > 0, 'some customers had contacts');
  assert.deepEqual(errors, []);
  await context.close();
});
