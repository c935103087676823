// End-to-end: the care calendar on Today. A Spanish buyer whose birthday is three
// days away shows up once small customers get a card (the tier action form); the
// greeting is in Spanish with a Copy button; Done logs the contact and the line goes,
// Undo brings it back; the contact is on the timeline. A buyer in a country with a
// holiday in the next 14 days (chosen from the shipped table for the real date) gets
// that holiday in their language. The care files are precached by the service
// worker. axe on the Today page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';
import { axeContextOptions, axeViolations, formatViolations } from './axe.mjs';

const app = useApp();

const isoDay = (offset) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

async function createCustomer(page, { name, country, language = '', zone = '', birthday = '' }) {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Country (ISO code, e.g. ES)').fill(country);
  if (language) await page.getByLabel(/^Buyer's language/).fill(language);
  if (zone) await page.getByLabel(/^Time zone/).fill(zone);
  if (birthday) await page.getByLabel('Birthday', { exact: true }).fill(birthday);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

async function openToday(page) {
  // The link's name carries the day's count ("Today, 3 to do").
  await page.getByRole('link', { name: /^Today\b/ }).first().click();
  await page.getByRole('heading', { level: 2, name: 'Today' }).waitFor();
}

/** Every tier gets a card, so the test does not depend on the tier the orders give. */
async function giveEveryoneACard(page) {
  await page.getByText('Care action per tier').click();
  const defaults = { VIP: 'gift_or_call', Major: 'holiday_gift', Ordinary: 'card', Small: 'none' };
  for (const [tier, action] of Object.entries(defaults)) {
    const select = page.getByLabel(`Care action for ${tier} customers`);
    assert.equal(await select.inputValue(), action, `${tier} default`);
    await select.selectOption({ label: 'Greeting card' });
  }
  await page.getByRole('button', { name: 'Save care actions' }).click();
  await page.getByText('Care actions saved for the team.').waitFor();
}

/** axe over the page, less the navigation's Today link: its name carries the day's
 * count ("Today, 3 to do") beside the visible number, which is the Today screen's
 * part, not the care calendar's. */
async function careViolations(page) {
  return (await axeViolations(page))
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !n.target.endsWith('a[href$="#/today"]')) }))
    .filter((v) => v.nodes.length > 0);
}

test('a birthday in three days: Spanish greeting, Copy, Done logs it, Undo brings it back', async () => {
  const context = await newContext(app, { permissions: ['clipboard-read', 'clipboard-write'], ...axeContextOptions });
  const { page, errors } = await openPage(app, context);
  const birthday = `1988-${isoDay(3).slice(5)}`;
  await createCustomer(page, { name: 'Lucía García', country: 'ES', language: 'es', zone: 'Europe/Madrid', birthday });

  await openToday(page);
  const occasions = page.getByRole('region', { name: 'Occasions' });
  await occasions.waitFor();

  await giveEveryoneACard(page);
  const birthdayLine = () => occasions.getByTestId('occasion').filter({ hasText: 'Lucía García' }).filter({ hasText: 'Birthday' });
  const line = birthdayLine();
  await line.waitFor();
  const text = await line.textContent();
  assert.match(text, /Birthday/);
  assert.match(text, /in 3 days/);
  assert.match(text, /Action: Greeting card/);
  assert.match(text, /buyer's time/);
  const greeting = line.locator('.greeting');
  assert.equal(await greeting.getAttribute('lang'), 'es');
  assert.equal(await greeting.textContent(), '¡Feliz cumpleaños, Lucía García! Le deseamos un día estupendo y un gran año.');
  assert.equal(await line.getByRole('note').filter({ hasText: 'English' }).count(), 0, 'no fallback note');

  await line.getByRole('button', { name: 'Copy greeting for Lucía García' }).click();
  await page.getByText('Greeting copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await greeting.textContent());

  await page.screenshot({ path: `${SHOTS}/care-occasions.png`, fullPage: true });
  const violations = await careViolations(page);
  assert.deepEqual(violations, [], formatViolations('today occasions', violations));

  await line.getByRole('button', { name: 'Done: Birthday for Lucía García' }).click();
  await page.getByText('Occasion done: the contact is on the timeline.').waitFor();
  await line.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await birthdayLine().waitFor();
  await occasions.getByRole('button', { name: 'Done: Birthday for Lucía García' }).click();
  await birthdayLine().waitFor({ state: 'detached' });

  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name: 'Lucía García' }).first().click();
  await page.getByRole('heading', { level: 2, name: 'Lucía García' }).waitFor();
  await page.getByTestId('timeline').getByText('Care: Birthday (Greeting card)').waitFor();

  // Done stays done after a reload.
  await page.reload();
  await openToday(page);
  await page.getByRole('region', { name: 'Occasions' }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Shipping cut-offs' }).waitFor();
  assert.equal(await birthdayLine().count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a holiday of the buyer's country in the next 14 days appears, greeted in the country's language", async (t) => {
  const table = JSON.parse(await readFile(new URL('../../static/care/holidays.json', import.meta.url), 'utf8'));
  const from = isoDay(1);
  const to = isoDay(12);
  let pick;
  for (const [code, country] of Object.entries(table.countries)) {
    const holiday = country.holidays.find((h) => h.date >= from && h.date <= to);
    if (holiday) { pick = { code, language: country.language, holiday }; break; }
  }
  if (!pick) {
    t.skip(`no holiday between ${from} and ${to} in the table`);
    return;
  }
  const context = await newContext(app, axeContextOptions);
  const { page, errors } = await openPage(app, context);
  // The worker precaches the care files with the rest of the build.
  const worker = await page.evaluate(async () => (await fetch('sw.js')).text());
  for (const file of ['./static/care/holidays.json', './static/care/greetings.json']) {
    assert.ok(worker.includes(`"${file}"`), `sw.js precaches ${file}`);
  }

  const name = `Buyer ${pick.code}`;
  await createCustomer(page, { name, country: pick.code });
  await openToday(page);
  await giveEveryoneACard(page);
  const line = page.getByTestId('occasion').filter({ hasText: name }).filter({ hasText: pick.holiday.name }).first();
  await line.waitFor();
  const text = await line.textContent();
  assert.ok(text.includes(pick.holiday.name), `${text} names ${pick.holiday.name}`);
  const key = await line.getAttribute('data-key');
  assert.ok(key.startsWith(`${pick.holiday.date}:${pick.holiday.key}:`), key);
  const greeting = line.locator('.greeting');
  const shipped = ['en', 'zh', 'es', 'fr', 'de', 'it', 'pt', 'ru', 'ja', 'ko', 'ar', 'pl', 'tr', 'nl'];
  const expected = shipped.includes(pick.language) ? pick.language : 'en';
  assert.equal(await greeting.getAttribute('lang'), expected);
  assert.ok((await greeting.textContent()).includes(name));
  if (expected === 'en' && pick.language !== 'en') {
    await line.getByRole('note').filter({ hasText: "No greeting in the buyer's language yet" }).waitFor();
  }
  const violations = await careViolations(page);
  assert.deepEqual(violations, [], formatViolations('today holiday', violations));
  await page.screenshot({ path: `${SHOTS}/care-holiday.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a company founding day comes round as an anniversary, greeted in German; the section in Chinese', async () => {
  const context = await newContext(app, axeContextOptions);
  const { page, errors } = await openPage(app, context);
  const day = isoDay(5);
  const years = Number(day.slice(0, 4)) - 2004;
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByRole('radio', { name: 'Company' }).check();
  await page.getByLabel('Company name').fill('Nova Trading');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('DE');
  await page.getByLabel(/^Buyer's language/).fill('de');
  await page.getByLabel('Founding day', { exact: true }).fill(`2004-${day.slice(5)}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name: 'Nova Trading' }).waitFor();
  await page.getByText('2004', { exact: true }).first().waitFor();

  await openToday(page);
  await giveEveryoneACard(page);
  const line = page.getByTestId('occasion').filter({ hasText: 'Nova Trading' }).filter({ hasText: 'Company anniversary' });
  await line.waitFor();
  assert.match(await line.textContent(), new RegExp(`Company anniversary: ${years} years · .* · in 5 days`));
  assert.match(await line.locator('.greeting').textContent(), /^Herzlichen Glückwunsch zum Firmenjubiläum, Nova Trading!/);
  assert.equal(await line.locator('.greeting').getAttribute('lang'), 'de');

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { level: 3, name: '关怀日程' }).waitFor();
  const zh = page.getByTestId('occasion').filter({ hasText: `企业成立 ${years} 周年` });
  await zh.waitFor();
  await zh.getByRole('button', { name: `标记完成：Nova Trading 的企业成立 ${years} 周年` }).waitFor();
  await page.getByRole('heading', { level: 3, name: '节前发货截止' }).waitFor();
  const violations = await careViolations(page);
  assert.deepEqual(violations, [], formatViolations('today in Chinese', violations));
  await page.screenshot({ path: `${SHOTS}/care-zh.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('on the demo data, Today lists occasions soonest first, each with a greeting', async () => {
  const context = await newContext(app);
  const { page, errors } = await openPage(app, context);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded: \d+ customers added/).waitFor();
  await openToday(page);
  await giveEveryoneACard(page);
  const lines = page.getByTestId('occasion');
  await lines.first().waitFor();
  const count = await lines.count();
  assert.ok(count >= 3, `${count} occasions in the next 14 days on the demo data`);
  const days = [];
  for (let i = 0; i < count; i += 1) {
    const line = lines.nth(i);
    assert.ok((await line.locator('.greeting').textContent()).length > 10, 'a greeting');
    const text = await line.textContent();
    const m = text.match(/· (today|tomorrow|in (\d+) days) ·/);
    assert.ok(m, text);
    days.push(m[1] === 'today' ? 0 : m[1] === 'tomorrow' ? 1 : Number(m[2]));
  }
  assert.deepEqual(days, [...days].sort((a, b) => a - b), 'soonest first');
  assert.ok(days.every((d) => d <= 14), days.join(','));
  assert.deepEqual(errors, []);
  await context.close();
});
