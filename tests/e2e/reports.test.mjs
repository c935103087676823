// End-to-end: the revisit report on the demo data. A follow-up on the board is
// edited (talking points) and reassigned; *Done* opens the report dialog (labelled,
// focus inside, Escape closes, axe-clean), which refuses an empty outcome and then
// files outcome, next step, satisfaction 4 and the next follow-up in one step; the
// report shows on the customer's timeline with 4/5, the next follow-up is on the
// board, and the team lead marks it reviewed with a comment under "Reports this week".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';
import { axeContextOptions, axeViolations, formatViolations } from './axe.mjs';

const app = useApp();

/** datetime-local for `days` from today at `hour`, in the browser's zone. */
async function daysAt(page, days, hour) {
  return page.evaluate(([n, h]) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(h)}:00`;
  }, [days, hour]);
}

async function expectNoViolations(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(what, violations));
}

test('a follow-up is edited, reassigned, reported on, and the report reviewed', async () => {
  const context = await newContext(app, axeContextOptions);
  const { page, errors } = await openPage(app, context);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await page.getByRole('heading', { level: 2, name: 'Follow-ups' }).waitFor();
  const first = page.locator('section.follow-up-board ul.follow-ups li').first();
  await first.waitFor();
  const name = (await first.locator('a').first().textContent()).trim();

  // Edit: talking points, materials and another rep.
  await first.getByRole('button', { name: `Edit the follow-up with ${name}` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit the follow-up' });
  await edit.waitFor();
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null), 'focus moves into the dialog');
  await edit.getByLabel('Talking points').fill('Ask about the trade fair');
  await edit.getByLabel('Materials to prepare').fill('Spring catalogue');
  await edit.getByLabel('Rep', { exact: true }).fill('Tomás Reyes');
  await page.screenshot({ path: `${SHOTS}/report-edit-dialog.png`, fullPage: true });
  await edit.getByRole('button', { name: 'Save follow-up' }).click();
  await page.getByText('Follow-up saved').waitFor();
  await edit.waitFor({ state: 'detached' });
  const edited = page.locator('section.follow-up-board ul.follow-ups li').filter({ hasText: 'Ask about the trade fair' });
  await edited.waitFor();
  assert.match(await edited.textContent(), /Tomás Reyes/);
  assert.match(await edited.textContent(), /Materials to prepare: Spring catalogue/);

  // Done opens the report dialog: labelled, focus inside, Escape closes it.
  const done = edited.getByRole('button', { name: `Mark the follow-up with ${name} as done` });
  await done.click();
  const report = page.getByRole('dialog', { name: 'How did the follow-up go?' });
  await report.waitFor();
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null), 'focus moves into the report');
  await page.keyboard.press('Escape');
  await report.waitFor({ state: 'detached' });
  await done.click();
  await report.waitFor();
  await expectNoViolations(page, 'the report dialog');

  // An empty outcome is refused beside the field; nothing is written.
  await report.getByRole('button', { name: 'Save report' }).click();
  await report.getByText('Outcome: This field is required: enter a value.').waitFor();
  assert.equal(await report.getByLabel('Outcome', { exact: true }).getAttribute('aria-invalid'), 'true');

  await report.getByLabel('How you reached them').selectOption('phone');
  await report.getByLabel('Outcome', { exact: true }).fill('Liked the blue range');
  assert.equal(await report.getByText(/This field is required/).count(), 0, 'a corrected field drops its message');
  await report.getByLabel('Next step', { exact: true }).fill('Send a quote');
  await report.getByRole('radio', { name: '4 – satisfied' }).check();
  await report.getByLabel(/^Next follow-up at/).fill(await daysAt(page, 2, 10));
  await page.screenshot({ path: `${SHOTS}/report-dialog.png`, fullPage: true });
  await report.getByRole('button', { name: 'Save report' }).click();
  await page.getByText('Report saved').waitFor();
  await report.waitFor({ state: 'detached' });

  // The done follow-up left the board; the next one is on it.
  assert.equal(await edited.count(), 0, 'the done follow-up leaves the board');
  const next = page.locator('section.follow-up-board ul.follow-ups li').filter({ hasText: name }).filter({ hasText: 'Send a quote' });
  await next.waitFor();
  assert.match(await next.textContent(), /Tomás Reyes/, 'the next follow-up keeps the rep');

  // Reports this week: review it with a comment.
  const reports = page.getByRole('region', { name: 'Reports this week' });
  const row = reports.locator('tr').filter({ hasText: 'Liked the blue range' });
  await row.waitFor();
  assert.match(await row.textContent(), /4\/5/);
  assert.match(await row.textContent(), /Send a quote/);
  assert.match(await row.textContent(), /Not reviewed/);
  await row.getByRole('button', { name: `Mark reviewed: the report on ${name}` }).click();
  const review = page.getByRole('dialog', { name: 'Mark this report reviewed?' });
  await review.waitFor();
  await expectNoViolations(page, 'the review dialog');
  await review.getByLabel('Comment (optional)').fill('Good call; quote by Friday');
  await review.getByLabel('Reviewed by').fill('Ana Lead');
  await review.getByRole('button', { name: 'Mark reviewed' }).click();
  await page.getByText('Report marked reviewed').waitFor();
  await row.getByText('Reviewed by Ana Lead: Good call; quote by Friday').waitFor();
  await page.screenshot({ path: `${SHOTS}/reports-this-week.png`, fullPage: true });
  await expectNoViolations(page, 'the follow-ups page with a reviewed report');

  // The customer's timeline shows the report with 4/5 and the review.
  await row.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  const timeline = page.getByTestId('timeline');
  const entry = timeline.locator('li').filter({ hasText: 'Liked the blue range' });
  await entry.waitFor();
  const text = await entry.textContent();
  for (const part of ['Satisfaction: 4/5', 'Next step: Send a quote', 'Reviewed by Ana Lead: Good call; quote by Friday', 'Tomás Reyes']) {
    assert.ok(text.includes(part), `the timeline entry holds ${part}: ${text}`);
  }
  await page.screenshot({ path: `${SHOTS}/report-timeline.png`, fullPage: true });

  // The record lists the customer's open follow-ups too, with Edit and Done.
  await page.getByRole('button', { name: 'Follow-up', exact: true }).click();
  const planned = page.getByTestId('customer-follow-ups').locator('li').filter({ hasText: 'Send a quote' });
  await planned.waitFor();
  await planned.getByRole('button', { name: `Edit the follow-up with ${name}` }).click();
  const recordEdit = page.getByRole('dialog', { name: 'Edit the follow-up' });
  await recordEdit.getByLabel('Purpose', { exact: true }).fill('Send the quote and samples');
  await recordEdit.getByRole('button', { name: 'Save follow-up' }).click();
  await recordEdit.waitFor({ state: 'detached' });
  await page.getByTestId('customer-follow-ups').locator('li').filter({ hasText: 'Send the quote and samples' }).waitFor();
  await page.getByTestId('customer-follow-ups').getByRole('button', { name: `Mark the follow-up with ${name} as done` }).first().click();
  await page.getByRole('dialog', { name: 'How did the follow-up go?' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});
