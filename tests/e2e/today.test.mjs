// End-to-end on the demo data: value badges appear without recording tiers (the
// complaint queue puts key customers first right after the demo loads), Today
// lists silent buyers with the reason in numbers and VIPs without an owner, the
// thresholds are editable, and the list filters by tier and by owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS } from './fixture.mjs';
import { axeContextOptions, axeViolations, formatViolations } from './axe.mjs';

const app = useApp();

async function demoPage(rep = 'Mei') {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 }, ...axeContextOptions });
  context.setDefaultTimeout(20_000);
  // The rep's name, as the app remembers it after a first logged contact.
  await context.addInitScript((name) => localStorage.setItem('crm.rep-name', JSON.stringify(name)), rep);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  return { context, page, errors };
}

test('key customers come first in the complaint queue as soon as the demo loads', async () => {
  const { context, page, errors } = await demoPage();
  await page.getByRole('link', { name: 'Complaints' }).click();
  const rows = page.getByRole('table').first().locator('tbody tr');
  await rows.first().waitFor();
  // Wait for the classification (the tier column fills in from the orders).
  await page.waitForFunction(() => [...document.querySelectorAll('table tbody tr td:nth-child(2) .tier-badge')].some((b) => /VIP|Major/.test(b.textContent)));
  const tiers = await rows.evaluateAll((trs) => trs
    .filter((tr) => !/Resolved|Closed/.test(tr.children[3].textContent))
    .map((tr) => tr.children[1].querySelector('.tier-badge')?.textContent ?? ''));
  const key = tiers.map((t) => /(VIP|Major)$/.test(t));
  assert.ok(key.includes(true) && key.includes(false), `both kinds are in the demo queue: ${tiers}`);
  assert.ok(key.indexOf(false) > key.lastIndexOf(true), `every key customer before the others: ${tiers}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Today lists silent buyers with their numbers and VIPs without an owner', async () => {
  const { context, page, errors } = await demoPage();
  const nav = page.getByRole('link', { name: /^Today\W*\d+ to do$/ });
  await nav.waitFor();
  await nav.click();
  const attention = page.getByRole('region', { name: /Buyers breaking their rhythm \(\d+\)/ });
  await attention.getByText(/^Usually orders every \d+ days; nothing for \d+ days\.$/).first().waitFor();
  const silentCount = Number((await attention.getByRole('heading').textContent()).match(/\((\d+)\)/)[1]);
  assert.ok(silentCount > 0);
  // Every reason's numbers say it: silence beyond 1.5 times the usual gap.
  for (const line of await attention.getByText(/^Usually orders every/).allTextContents()) {
    const [, usual, silent] = line.match(/every (\d+) days; nothing for (\d+) days/).map(Number);
    assert.ok(silent * 10 > usual * 15, line);
  }
  const vips = page.getByRole('region', { name: /VIP customers without an account owner \(\d+\)/ });
  const take = vips.getByRole('button', { name: /^Take ownership of / }).first();
  await take.waitFor();
  const name = (await take.getAttribute('aria-label')).replace('Take ownership of ', '');
  assert.ok(await vips.getByRole('link', { name }).isVisible(), 'the line links to the record');
  await page.screenshot({ path: `${SHOTS}/today.png`, fullPage: true });
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations('today', violations));

  // Taking ownership: the VIP leaves the list and the record names the owner.
  await take.click();
  await page.getByText(`You are now the account owner of ${name}.`).waitFor();
  assert.equal(await vips.getByRole('link', { name, exact: true }).count(), 0);
  await page.getByRole('checkbox', { name: 'Only my follow-ups and customers' }).check();
  await page.getByRole('checkbox', { name: 'Only my follow-ups and customers' }).uncheck();

  // A line opens the record, with its value badges and the buyer's local time.
  const first = attention.getByRole('listitem').first().getByRole('link').first();
  const who = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 2, name: who }).waitFor();
  await page.getByTestId('value-badges').first().getByText(/^ABC [ABC]$/).waitFor();
  await page.getByTestId('value-badges').first().getByText(/· R[1-5] F[1-5] M[1-5]$/).waitFor();

  // Thresholds: a patient team (10x the usual gap) sees fewer silent buyers.
  await page.getByRole('link', { name: /^Today/ }).click();
  await page.getByText('Attention thresholds').click();
  const factor = page.getByLabel(/^Silent after/);
  await factor.fill('5');
  await factor.dispatchEvent('change');
  await page.getByRole('alert').getByText(/must be a whole number from 11 to 100/).waitFor();
  await factor.fill('100');
  await factor.dispatchEvent('change');
  await page.getByText('Thresholds saved').waitFor();
  await page.waitForFunction((before) => {
    const h = [...document.querySelectorAll('h3')].find((x) => x.textContent.startsWith('Buyers breaking their rhythm'));
    return h && Number(h.textContent.match(/\((\d+)\)/)[1]) < before;
  }, silentCount);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the list shows value badges and filters by tier and by owner', async () => {
  const { context, page, errors } = await demoPage('Mei');
  await page.getByRole('columnheader', { name: 'Value' }).waitFor();
  await page.getByLabel('Value tier').selectOption('vip');
  const rows = page.locator('table.customers tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('table.customers tbody tr').length > 0);
  for (const text of await rows.allTextContents()) assert.match(text, /VIP/);
  await page.getByLabel('Value tier').selectOption('');
  // Nobody owns a demo customer yet; after taking one, "My customers" shows just them.
  const first = rows.first().getByRole('link');
  const name = await first.textContent();
  await first.click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Account owner').fill('mei ');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/Account owner: mei/).waitFor();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('checkbox', { name: 'My customers' }).check();
  await page.waitForFunction(() => document.querySelectorAll('table.customers tbody tr').length === 1);
  assert.equal(await rows.first().getByRole('link').textContent(), name);
  assert.deepEqual(errors, []);
  await context.close();
});
