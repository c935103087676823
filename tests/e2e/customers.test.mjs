// End-to-end: the real app (release build in dist/) in real Chromium.
// Every test gets a fresh browser context, so IndexedDB and localStorage start empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS } from './fixture.mjs';

const app = useApp();
console.log(`# screenshots: ${SHOTS}`);

async function openApp(locale = 'en-US') {
  const context = await app.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: locale.startsWith('zh') ? '客户' : 'Customers', exact: true }).waitFor();
  return { context, page, errors };
}

async function createCustomer(page, { name, email, phone, country, zone }) {
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  if (email) await page.getByLabel('Email', { exact: true }).fill(email);
  if (phone) await page.getByLabel('Phone', { exact: true }).fill(phone);
  await page.getByLabel('Country (ISO code, e.g. ES)').fill(country);
  if (zone) await page.getByLabel('Time zone (IANA, e.g. Europe/Madrid)').fill(zone);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

test('create, edit, move stage, reload: everything persists', async () => {
  const { context, page, errors } = await openApp();
  await createCustomer(page, {
    name: 'Lucía García', email: 'lucia@example.es', phone: '+34 612 345 678', country: 'es', zone: 'Europe/Madrid',
  });
  // The buyer's local time comes from Intl for Europe/Madrid (CET/CEST).
  const clock = await page.getByTestId('record-local-time').textContent();
  assert.match(clock, /\d{2}:\d{2}/);
  assert.match(clock, /GMT\+[12]/);

  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Phone', { exact: true }).fill('+34 699 000 111');
  await page.getByLabel('Notes', { exact: true }).fill('Prefers WhatsApp after 18:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('+34 699 000 111').waitFor();

  // The stage form lives in its panel; the button opens it.
  await page.getByRole('button', { name: 'Stage', exact: true }).click();
  await page.getByLabel('Move to').selectOption({ label: 'Target' });
  await page.getByLabel('Reason').fill('Asked for a wholesale quote');
  await page.getByRole('button', { name: 'Move stage' }).click();
  await page.locator('section.stage-section').getByText('Asked for a wholesale quote').waitFor();
  // Only the moves the flow model allows from Target are offered now.
  const offered = await page.getByLabel('Move to').locator('option').allTextContents();
  assert.deepEqual(offered, ['First-time buyer', 'Non-customer']);

  await page.screenshot({ path: `${SHOTS}/record.png`, fullPage: true });

  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Lucía García' }).waitFor();
  await page.getByText('+34 699 000 111').waitFor();
  await page.getByText('Prefers WhatsApp after 18:00').waitFor();
  await page.getByRole('button', { name: 'Stage', exact: true }).click();
  await page.locator('section.stage-section').getByText('Asked for a wholesale quote').waitFor();

  await page.getByRole('button', { name: /Back to list/ }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('garcia');
  await page.getByRole('link', { name: 'Lucía García' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'Lucía García' });
  assert.match(await row.textContent(), /Target/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('validation shows a clear message on the field and saves nothing', async () => {
  const { context, page } = await openApp();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Email', { exact: true }).fill('lucia@');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('Spain');
  await page.getByLabel('Time zone (IANA, e.g. Europe/Madrid)').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Please correct the highlighted fields.').waitFor();
  const name = page.getByLabel('Name', { exact: true });
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByText('Not an email address: enter it like name@example.com.').waitFor();
  await page.getByText('Use the two-letter ISO country code, such as ES, US or DE.').waitFor();
  await page.getByText('This browser does not know that time zone.', { exact: false }).waitFor();
  // The first bad field gets focus so the rep can fix it straight away.
  assert.equal(await name.evaluate((el) => el === document.activeElement), true);

  // The draft survives a reload, and nothing was saved.
  await page.reload();
  await page.getByText('Unsaved changes from your last visit were restored.').waitFor();
  assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), 'lucia@');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await context.close();
});

test('company with contact persons', async () => {
  const { context, page } = await openApp();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByRole('radio', { name: 'Company' }).check();
  await page.getByLabel('Company name').fill('Nova Trading GmbH');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('DE');
  await page.getByLabel('Payment terms').fill('Net 30');
  await page.getByRole('button', { name: 'Add contact person' }).click();
  await page.getByLabel('Contact 1: name').fill('Anna Weber');
  await page.getByLabel('Contact 1: role').selectOption({ label: 'Purchaser' });
  await page.getByLabel('Contact 1: email').fill('anna@nova.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name: 'Nova Trading GmbH' }).waitFor();
  await page.getByText('Anna Weber').waitFor();
  await page.getByText('Purchaser', { exact: false }).waitFor();
  await page.getByText('Net 30').waitFor();
  await context.close();
});

test('switching language changes every label and is remembered', async () => {
  const { context, page } = await openApp();
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await page.getByRole('heading', { name: '客户', exact: true }).waitFor();
  await page.getByRole('button', { name: '新建客户' }).first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.reload();
  await page.getByRole('heading', { name: '客户', exact: true }).waitFor();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await context.close();
});

test('a Chinese browser starts in Chinese', async () => {
  const { context, page } = await openApp('zh-CN');
  await page.getByRole('button', { name: '加载演示数据' }).waitFor();
  await context.close();
});

test('delete asks first, and undo brings the customer back with its orders', async () => {
  const { context, page } = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded: \d+ customers added/).waitFor();
  const count = await page.getByText(/^\d+ customers$/).textContent();
  assert.ok(Number.parseInt(count, 10) >= 500, count);

  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Loyal' });
  const first = page.getByRole('table').getByRole('link').first();
  const name = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  const recordUrl = page.url();
  const orders = page.getByRole('region', { name: 'Orders' }).getByRole('row');
  await orders.first().waitFor();
  const orderRows = await orders.count();
  assert.ok(orderRows > 1, 'a loyal demo customer has orders');

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete this customer?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete customer' }).click();
  await page.getByText(`Customer deleted: ${name}`).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText(`Customer restored: ${name}`).waitFor();

  // Names are not unique: follow the record's own address, after a reload.
  await page.goto(recordUrl);
  await page.reload();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  await orders.first().waitFor();
  assert.equal(await orders.count(), orderRows, 'every order came back');

  // Deleting for good: the address now says the customer is gone.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete customer' }).click();
  await page.getByText(`Customer deleted: ${name}`).waitFor();
  await page.goto(recordUrl);
  await page.getByText('This customer does not exist (it may have been deleted).').waitFor();
  await context.close();
});

test('list filters, sorting and paging over the demo set; screenshot of the list', async () => {
  const { context, page, errors } = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.screenshot({ path: `${SHOTS}/list.png` });

  await page.getByLabel('Country', { exact: true }).selectOption('JP');
  await page.getByLabel('Customer kind').selectOption({ label: 'Company' });
  const rows = page.getByRole('table').getByRole('row');
  const n = (await rows.count()) - 1;
  assert.ok(n > 0, 'some Japanese companies');
  for (const text of await rows.allTextContents()) {
    if (text.startsWith('Name')) continue;
    assert.match(text, /Company/);
    assert.match(text, /JP/);
    assert.match(text, /GMT\+9/, 'Tokyo local time');
  }
  // Sorting by name: US buyers' names (plain Latin letters) come in alphabetical order.
  await page.getByLabel('Country', { exact: true }).selectOption('US');
  await page.getByLabel('Customer kind').selectOption({ label: 'Individual' });
  await page.getByLabel('Sort by').selectOption({ label: 'Name' });
  const byName = await page.getByRole('table').getByRole('link').allTextContents();
  assert.ok(byName.length > 3, byName.join(', '));
  const sorted = [...byName].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  assert.deepEqual(byName, sorted);

  await page.getByLabel('Country', { exact: true }).selectOption({ label: 'Any' });
  await page.getByLabel('Customer kind').selectOption({ label: 'Any' });
  await page.getByText('Page 1 / 12').waitFor();
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByText('Page 2 / 12').waitFor();

  await page.getByRole('searchbox', { name: 'Search' }).fill('zzzz-no-such-buyer');
  await page.getByText('No customer matches these filters.').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByText('600 customers').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('loading the demo twice adds nothing the second time', async () => {
  const { context, page } = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText('Demo data loaded: 600 customers added').waitFor();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText('Demo data loaded: 0 customers added').waitFor();
  await page.getByText('600 customers', { exact: true }).waitFor();
  await context.close();
});
