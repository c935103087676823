// End-to-end: loss and win-back on the demo data. A repeat buyer moved to Lost with
// the cause "Lured by a competitor" shows the effort and the win-back plan first;
// after the move the win-back follow-ups are on the record and on the Follow-ups
// board with their "Win-back" label; the Value page counts the loss under its cause;
// moving the buyer back to Repeat closes the steps and counts one more win-back.
// axe checks the stage panel with the plan open. Screenshots to SCREENSHOT_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';
import { axeContextOptions, axeViolations, formatViolations } from './axe.mjs';

const app = useApp();

async function valueFigures(page) {
  await page.getByRole('link', { name: 'Customer value' }).click();
  const losses = page.getByRole('region', { name: 'Losses and win-back' });
  await losses.waitFor();
  const wonBack = Number(await losses.getByTestId('won-back-count').textContent());
  const row = losses.getByRole('row', { name: /^Lured by a competitor/ });
  const competitor = (await row.count()) === 0
    ? 0
    : Number((await row.getByRole('cell').last().textContent()).trim());
  return { losses, wonBack, competitor };
}

async function openBoard(page) {
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await page.getByRole('heading', { level: 2, name: 'Follow-ups' }).waitFor();
}

test('a lost repeat buyer gets a win-back plan, counted on the value page, closed when won back', async () => {
  const context = await newContext(app, axeContextOptions);
  const { page, errors } = await openPage(app, context);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded: \d+ customers added/).waitFor();
  const before = await valueFigures(page);

  // A repeat buyer from the list.
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Repeat buyer' });
  const first = page.getByRole('table').getByRole('link').first();
  const name = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  const recordUrl = page.url();

  // Lost: the cause is asked for; without it the move is refused.
  await page.getByRole('button', { name: 'Stage', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Stage', exact: true });
  await panel.getByLabel('Move to').selectOption({ label: 'Lost' });
  await panel.getByLabel('Reason').fill('Switched to another shop');
  await panel.getByRole('button', { name: 'Move stage' }).click();
  await panel.getByText('Choose why the customer was lost.').waitFor();
  await panel.getByLabel('Loss cause').selectOption({ label: 'Lured by a competitor' });
  assert.equal(await panel.getByText('Choose why the customer was lost.').count(), 0, 'choosing a cause clears the message');
  await panel.getByText(/^Win-back effort: /).waitFor();
  const steps = panel.getByRole('checkbox');
  const planned = await steps.count();
  assert.ok(planned >= 1, 'a repeat buyer (not let go) gets at least one step');
  const purposes = [];
  for (let i = 0; i < planned; i += 1) {
    assert.ok(await steps.nth(i).isChecked(), 'every step starts ticked');
    const label = await panel.locator(`label[for="win-back-step-${i}"]`).textContent();
    purposes.push(label.split(' · ')[1]);
  }
  assert.ok(purposes.every((p) => p.startsWith('Win-back: ')), purposes.join(' | '));
  const axe = await axeViolations(page);
  assert.deepEqual(axe, [], formatViolations('stage panel with a win-back plan', axe));
  await page.screenshot({ path: `${SHOTS}/winback-plan.png`, fullPage: true });

  await panel.getByRole('button', { name: 'Move stage' }).click();
  await page.getByText(new RegExp(`Stage changed. Win-back plan created: ${planned} follow-up`)).waitFor();
  await panel.getByText('Loss cause: Lured by a competitor').first().waitFor();
  // On the record's timeline, labelled.
  const timeline = page.getByTestId('timeline');
  for (const purpose of purposes) {
    await timeline.locator('li').filter({ hasText: `${purpose} · Win-back · ` }).first().waitFor();
  }
  await page.screenshot({ path: `${SHOTS}/winback-record.png`, fullPage: true });

  // On the board, with the label.
  await openBoard(page);
  const mine = page.locator('ul.follow-ups li').filter({ hasText: name }).filter({ hasText: 'Win-back' });
  await mine.first().waitFor();
  assert.equal(await mine.count(), planned);
  await page.screenshot({ path: `${SHOTS}/winback-board.png`, fullPage: true });

  // The value page counts the loss under its cause.
  const lost = await valueFigures(page);
  assert.equal(lost.competitor, before.competitor + 1);
  await lost.losses.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/winback-value-lost.png`, fullPage: true });

  // Won back: the steps close and the won-back count rises by one.
  await page.goto(recordUrl);
  await page.getByRole('heading', { level: 2, name }).waitFor();
  await page.getByRole('button', { name: 'Stage', exact: true }).click();
  await panel.getByText('Open win-back steps of this customer are marked done with this move.').waitFor();
  await panel.getByLabel('Move to').selectOption({ label: 'Repeat buyer' });
  await panel.getByLabel('Reason').fill('Ordered again after our offer');
  await panel.getByRole('button', { name: 'Move stage' }).click();
  await page.getByText(`Stage changed. Open win-back steps marked done: ${planned}.`).waitFor();
  await openBoard(page);
  assert.equal(await mine.count(), 0, 'no open win-back step is left on the board');
  const won = await valueFigures(page);
  assert.equal(won.wonBack, before.wonBack + 1);
  assert.equal(before.wonBack, 0, 'the demo data has no win-back of its own');
  await page.getByText(/^1 of \d+ lost customers \(\d+\.\d%\)$/).waitFor();
  await won.losses.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/winback-value-won.png`, fullPage: true });

  assert.deepEqual(errors, []);
  await context.close();
});
