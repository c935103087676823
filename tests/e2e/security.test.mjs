// End-to-end: hostile input renders as text, and the app runs under a strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './fixture.mjs';

const app = useApp();

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "javascript:alert(4)",
  '{{constructor.constructor(\'alert(5)\')()}}',
];

test('XSS payloads in every free-text field render inert under a strict CSP', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const dialogs = [];
  const violations = [];
  const errors = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(policy, /unsafe-inline/);

  for (const [i, payload] of PAYLOADS.entries()) {
    await page.getByRole('button', { name: 'New customer' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill(`${payload} ${i}`);
    await page.getByLabel('Country (ISO code, e.g. ES)').fill('DE');
    // Every other free-text field of the form gets the payload too (the validated
    // ones - email, phone, codes, dates, numbers - refuse it by design).
    const free = await page.locator('form input[type="text"], form textarea').evaluateAll((els) => els
      .filter((e) => !e.value)
      .map((e) => ({ id: e.id, label: e.labels?.[0]?.textContent ?? '' }))
      .filter((f) => f.id && !/email|phone|country|language|time zone|date|birthday|founded|employees|year/i.test(f.label)));
    assert.ok(free.length >= 5, JSON.stringify(free));
    for (const { id, label } of free) {
      await page.locator(`#${id}`).fill(/tags/i.test(label) ? payload.replace(/,/g, ' ') : payload);
    }
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 2, name: `${payload} ${i}` }).waitFor();
    await page.getByText(payload, { exact: true }).first().waitFor();
  }
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByText('5 customers').waitFor();
  for (const [i, payload] of PAYLOADS.entries()) {
    await page.getByRole('link', { name: `${payload} ${i}` }).waitFor();
  }
  assert.equal(await page.locator('main img, main svg[onload], main script').count(), 0, 'no element was injected');
  await page.reload();
  await page.getByText('5 customers').waitFor();
  assert.deepEqual(dialogs, [], 'no script ran');
  assert.deepEqual(violations, [], 'the app needs nothing the policy forbids');
  assert.deepEqual(errors, []);
  await context.close();
});

test('CSV export holds exactly the filtered list, opens in Excel, and defuses formulas', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('=HYPERLINK("http://evil.example","click")');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('JP');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByLabel('Country', { exact: true }).selectOption('JP');
  const shown = Number.parseInt(await page.getByText(/^\d+ customers$/).textContent(), 10);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export list as CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'customers.csv');
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff"id","Name"'), 'UTF-8 BOM and header');
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length - 1, shown, 'one line per customer in the filtered list');
  assert.ok(lines.slice(1).every((l) => l.includes('"JP"')), 'only the filtered country');
  assert.match(csv, /佐藤|鈴木|高橋|田中|伊藤/, 'Japanese names survive');
  assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)"/, 'formula neutralised');
  await context.close();
});

test('two tabs editing one customer: the stale save is refused and nothing is lost', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(10_000);
  const first = await context.newPage();
  await first.goto(app.server.url);
  await first.getByRole('button', { name: 'New customer' }).first().click();
  await first.getByLabel('Name', { exact: true }).fill('Ana Two-Tabs');
  await first.getByLabel('Country (ISO code, e.g. ES)').fill('ES');
  await first.getByRole('button', { name: 'Save' }).click();
  await first.getByRole('heading', { level: 2, name: 'Ana Two-Tabs' }).waitFor();
  const recordUrl = first.url();

  // The second tab opens the same record and starts editing.
  const second = await context.newPage();
  await second.goto(recordUrl);
  await second.getByRole('button', { name: 'Edit' }).click();
  await second.getByLabel('Phone', { exact: true }).fill('+34 600 000 222');

  // Meanwhile the first tab saves a change.
  await first.getByRole('button', { name: 'Edit' }).click();
  await first.getByLabel('Notes', { exact: true }).fill('Saved first');
  await first.getByRole('button', { name: 'Save' }).click();
  await first.getByText('Saved first').waitFor();

  // The second tab's save is refused; its edit stays in the form.
  await second.getByRole('button', { name: 'Save' }).click();
  await second.getByText(/changed this customer after you opened it/).waitFor();
  assert.equal(await second.getByLabel('Phone', { exact: true }).inputValue(), '+34 600 000 222');
  await second.getByRole('button', { name: 'Reload record' }).click();
  await second.getByRole('button', { name: 'Save' }).click();
  await second.getByText('+34 600 000 222').waitFor();

  // Both changes survive.
  await first.reload();
  await first.getByText('+34 600 000 222').waitFor();
  await first.getByText('Saved first').waitFor();
  await context.close();
});
