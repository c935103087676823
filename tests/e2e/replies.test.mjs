// End-to-end: replies in the buyer's language. A German buyer with a shipped order
// opens Reply (R): "Shipped, with tracking" is preselected and the German text holds
// the buyer's name, the order number, the carrier, the tracking number and a German
// date; Copy and log puts it on the clipboard and the timeline, Undo takes the log
// back; a reply needing a tracking number the order lacks will not copy until it is
// filled; Arabic reads right to left; a language without texts falls back to English
// with a note; the library refuses an unknown placeholder with its position and
// keeps every version. Screenshots of several languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';
import { axeContextOptions, axeViolations, formatViolations } from './axe.mjs';

const app = useApp();

const day = (offset) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const german = (iso) => { const [y, m, d] = iso.split('-'); return `${d}.${m}.${y}`; };
const PROMISED = day(6);

const ORDERS = [
  'Order number,Buyer ID,Buyer name,Country,Order date,Currency,Total,Status,Product title,Quantity,Carrier,Tracking number,Promised date',
  `A-100,anna-de,Anna Schmidt,DE,${day(-3)},EUR,49.90,shipped,LED desk lamp,2,DHL,JD014600001234,${PROMISED}`,
  `A-099,anna-de,Anna Schmidt,DE,${day(-20)},EUR,19.00,shipped,Silk scarf,1,,,`,
  `S-1,sven-se,Sven Larsson,SE,${day(-2)},SEK,300.00,paid,Yoga mat,1,,,`,
].join('\n');

async function importOrders(page) {
  await page.getByRole('link', { name: 'Import orders' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS) });
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByText('3 rows: 3 ready to import').waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText(/^Imported 3 orders/).waitFor();
}

/** Opens a customer from the list and sets the language and zone the import could not know. */
async function openAndLocalise(page, name, language, zone) {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name }).first().click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByLabel(/^Buyer's language/).fill(language);
  await page.getByLabel(/^Time zone/).fill(zone);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

test('a German buyer gets the shipped-order reply in German, copied and logged in one step', async () => {
  const context = await newContext(app, { permissions: ['clipboard-read', 'clipboard-write'], ...axeContextOptions });
  const { page, errors } = await openPage(app, context);
  await importOrders(page);
  await openAndLocalise(page, 'Anna Schmidt', 'de-DE', 'Europe/Berlin');

  await page.keyboard.press('r');
  const panel = page.getByRole('region', { name: 'Reply', exact: true });
  await panel.waitFor();
  const shipped = panel.getByRole('radio', { name: /Shipped, with tracking/ });
  await shipped.waitFor();
  assert.ok(await shipped.isChecked(), 'the shipped order preselects its scenario');
  const preview = panel.getByRole('region', { name: 'Reply preview' });
  await preview.waitFor();
  assert.equal(await preview.getAttribute('lang'), 'de');
  assert.equal(await preview.getAttribute('dir'), 'ltr');
  const text = await preview.textContent();
  for (const part of ['Guten Tag Anna Schmidt', 'A-100', 'DHL', 'JD014600001234', german(PROMISED), 'dhl.com']) {
    assert.ok(text.includes(part), `the reply holds ${part}: ${text}`);
  }

  // The signature is not known yet: named, with fields, and the copy waits for it.
  const copy = panel.getByRole('button', { name: 'Copy and log' });
  assert.ok(await copy.isDisabled());
  await panel.getByText('Fill in Your name and Shop name to copy this reply.').waitFor();
  await panel.getByLabel('Your name').fill('Lena');
  await panel.getByLabel('Shop name').fill('Lumen Home');
  assert.ok(await copy.isEnabled());
  await page.screenshot({ path: `${SHOTS}/reply-de.png`, fullPage: true });
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations('reply panel', violations));
  await copy.click();
  await page.getByText('Reply copied and logged on the timeline.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.startsWith('Guten Tag Anna Schmidt,'), copied);
  assert.ok(copied.includes('Lena\nLumen Home'), copied);
  const timeline = page.getByTestId('timeline');
  await timeline.getByText('Shipped, with tracking').waitFor();

  // Undo takes the log entry back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText("The reply's log entry was removed.").waitFor();
  await timeline.getByText('Shipped, with tracking').waitFor({ state: 'detached' });

  // The older order has no tracking number: that reply will not copy until it is typed.
  await page.getByRole('button', { name: 'Reply about order A-099' }).click();
  await panel.getByRole('radio', { name: /Shipped, with tracking/ }).waitFor();
  // (The rep's name and the shop are remembered from the first copy.)
  await panel.getByText('Fill in Carrier, Tracking number and Promised delivery date to copy this reply.').waitFor();
  assert.ok(await copy.isDisabled(), 'a reply with an empty tracking number cannot be copied');
  await panel.getByLabel('Carrier').fill('UPS');
  await panel.getByLabel('Promised delivery date').fill('3. Dezember');
  await panel.getByText('Fill in Tracking number to copy this reply.').waitFor();
  assert.ok(await copy.isDisabled(), 'still the tracking number missing');
  await panel.getByLabel('Tracking number').fill('1Z999AA10123456784');
  assert.ok(await copy.isEnabled());
  assert.ok((await preview.textContent()).includes('ups.com/track?tracknum=1Z999AA10123456784'));

  // Typing filters the scenarios; Enter takes the first match.
  await panel.getByLabel('Find a scenario (name or shortcut)').fill('refund');
  await panel.getByLabel('Find a scenario (name or shortcut)').press('Enter');
  assert.ok(await panel.getByRole('radio', { name: /Return and refund steps/ }).isChecked());

  // Other languages: Arabic right to left, Japanese and Chinese for the screenshots.
  for (const [code, shot] of [['ar', 'reply-ar'], ['ja', 'reply-ja'], ['zh', 'reply-zh']]) {
    await panel.getByLabel('Reply language').selectOption(code);
    await page.waitForFunction((c) => document.querySelector('[data-testid=reply-preview]')?.getAttribute('lang') === c, code);
    await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  }
  assert.equal(await preview.getAttribute('dir'), 'ltr');
  await panel.getByLabel('Reply language').selectOption('ar');
  await page.waitForFunction(() => document.querySelector('[data-testid=reply-preview]')?.getAttribute('dir') === 'rtl');
  assert.match(await preview.textContent(), /[\u0600-\u06FF]/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a language without texts falls back to English, and says so', async () => {
  const context = await newContext(app);
  const { page, errors } = await openPage(app, context);
  await importOrders(page);
  await openAndLocalise(page, 'Sven Larsson', 'sv-SE', 'Europe/Stockholm');
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Reply', exact: true });
  // A paid order suggests the order confirmation.
  await panel.getByRole('radio', { name: /Order confirmation/ }).waitFor();
  assert.ok(await panel.getByRole('radio', { name: /Order confirmation/ }).isChecked());
  await panel.getByText(/This scenario has no Swedish text yet, so the English text is shown/).waitFor();
  const preview = panel.getByRole('region', { name: 'Reply preview' });
  assert.equal(await preview.getAttribute('lang'), 'en');
  assert.ok((await preview.textContent()).includes('Hi Sven,'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the library refuses an unknown placeholder, keeps versions and resets to the shipped text', async () => {
  const context = await newContext(app, axeContextOptions);
  const { page, errors } = await openPage(app, context);
  await page.getByRole('link', { name: 'Replies' }).click();
  await page.getByRole('heading', { name: 'Reply library' }).waitFor();
  await page.getByRole('button', { name: 'Win-back greeting' }).click();
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations('reply library', violations));
  await page.getByLabel('Reply language').selectOption('de');
  const editor = page.getByLabel('Text', { exact: true });
  // The German file arrives on first use.
  await page.waitForFunction(() => document.querySelector('#library-text')?.value.startsWith('Guten Tag {buyer_name}'));
  const shippedText = await editor.inputValue();
  assert.ok(shippedText.includes('{buyer_name}'));
  await page.getByTestId('library-origin').getByText('Shipped text').waitFor();

  await editor.fill('Hallo {kunde},\nwir vermissen Sie.');
  await page.getByRole('button', { name: 'Save text' }).click();
  await page.getByText(/^Line 1, column 7: \{kunde\} is not a placeholder this app knows/).waitFor();

  await editor.fill('Hallo {buyer_name},\nwir vermissen Sie.\n{rep_name}, {shop_name}');
  await page.getByRole('button', { name: 'Save text' }).click();
  await page.getByText('Text saved. The previous version is kept in the history.').waitFor();
  await page.getByText(/^Team text, saved/).waitFor();
  await page.screenshot({ path: `${SHOTS}/reply-library.png`, fullPage: true });

  await page.getByRole('button', { name: 'Reset to shipped text' }).click();
  await page.getByRole('alertdialog', { name: 'Reset to the shipped text?' }).getByRole('button', { name: 'Reset to shipped text' }).click();
  await page.getByText('Back to the shipped text.').waitFor();
  assert.equal(await editor.inputValue(), shippedText);
  // The team's version stays in the history and can be used again.
  await page.getByRole('heading', { name: 'Earlier versions' }).waitFor();
  await page.getByRole('button', { name: 'Use this version' }).first().click();
  assert.ok((await editor.inputValue()).startsWith('Hallo {buyer_name}'));

  // The translators' round trip: export, change a text, import; a broken file
  // names its line and template and changes nothing.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export for translators' }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.format, 'crm-reply-library');
  const entry = exported.texts.find((t) => t.scenario === 'win_back' && t.language === 'de');
  assert.equal(entry.text, shippedText);
  entry.text = 'Hallo {kaeufer}';
  const broken = JSON.stringify(exported, null, 1);
  const line = broken.split('\n').findIndex((l) => l.includes('Hallo {kaeufer}')) + 1;
  await page.getByLabel('Import translations').setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await page.getByText(`Line ${line} of the file, template win_back / de: nothing was imported. Line 1, column 7: {kaeufer} is not a placeholder this app knows.`, { exact: false }).waitFor();
  assert.equal(await editor.inputValue(), 'Hallo {buyer_name},\nwir vermissen Sie.\n{rep_name}, {shop_name}', 'the editor keeps what was typed');
  entry.text = 'Hallo {buyer_name}, kommen Sie wieder! {rep_name} {shop_name}';
  await page.getByLabel('Import translations').setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await page.getByText('1 change imported. Earlier versions are kept in each text\'s history.').waitFor();
  // The editor still holds what the lead put there and has not saved; opening the
  // text again shows the imported one.
  assert.ok((await editor.inputValue()).startsWith('Hallo {buyer_name},\nwir vermissen Sie.'));
  await page.getByLabel('Reply language').selectOption('en');
  await page.getByLabel('Reply language').selectOption('de');
  await page.waitForFunction(() => document.querySelector('#library-text')?.value.includes('kommen Sie wieder'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('reply texts never fetched online still load offline after the first visit', async () => {
  const context = await newContext(app);
  const { page, errors } = await openPage(app, context);
  // The service worker's install precaches every file of the build, reply texts included.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Replies' }).click();
  await page.getByRole('button', { name: 'Thanks for a good review' }).click();
  await page.getByLabel('Reply language').selectOption('ko');
  await page.waitForFunction(() => /[\uAC00-\uD7AF]/.test(document.querySelector('#library-text')?.value ?? ''));
  await page.getByTestId('library-origin').getByText('Shipped text').waitFor();
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});
