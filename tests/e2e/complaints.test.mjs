// End-to-end: the complaint wizard, the contact timeline, follow-ups and the
// complaint statistics, in the real app in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';

const app = useApp();

async function openApp() {
  // The rep works from Shanghai; the buyer lives in Madrid (7 hours behind in winter).
  const context = await newContext(app, { timezoneId: 'Asia/Shanghai' });
  return { context, ...(await openPage(app, context)) };
}

async function createBuyer(page, name) {
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('ES');
  await page.getByLabel("Buyer's language (e.g. es, pt-BR)").fill('es');
  await page.getByLabel('Time zone (IANA, e.g. Europe/Madrid)').fill('Europe/Madrid');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** Tomorrow at `hour`:00 in the page's (the rep's) time zone, as a datetime-local value. */
async function tomorrowAt(page, hour) {
  return page.evaluate((h) => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(h)}:00`;
  }, hour);
}

test('a complaint goes through all four steps, survives a reload mid-way, and shows up everywhere', async () => {
  const { context, page, errors } = await openApp();
  await createBuyer(page, 'Lucía García');

  // Log a contact with the keyboard: L jumps to the line, "m<" means an incoming
  // platform message.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'quick-log');
  await page.keyboard.type('m< asked where the parcel is');
  await page.keyboard.press('Enter');
  // The first time, the app does not know the rep's name yet: it says so and keeps the line.
  await page.getByText('Rep: This field is required: enter a value.').waitFor();
  assert.equal(await page.getByLabel('Log a contact').inputValue(), 'm< asked where the parcel is');
  await page.locator('#contact-rep').fill('Mei');
  await page.getByLabel('Log a contact').press('Enter');
  await page.getByText('Contact logged').waitFor();
  await page.getByTestId('timeline').getByText(/asked where the parcel is/).waitFor();

  await page.getByRole('button', { name: 'Complaints', exact: true }).click();
  await page.getByRole('button', { name: 'Open a complaint' }).click();
  await page.getByRole('heading', { level: 2, name: /Complaint — Lucía García/ }).waitFor();
  assert.equal(await page.getByTestId('complaint-state').textContent(), 'Open');
  assert.match(await page.getByTestId('response-clock').textContent(), /since the customer's last message/);

  // Step 1: listen. Nothing filled in: every required field says so.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('#complaint-customer_words-error', { hasText: 'This field is required' }).waitFor();
  await page.locator('#complaint-temperament-error', { hasText: 'This field is required' }).waitFor();
  await page.getByLabel("Customer's own words (paste their message)").fill('¡El paquete llegó roto! Quiero mi dinero.');
  await page.getByLabel('Channel or marketplace').fill('Amazon');
  await page.getByLabel('Order reference').fill('405-1234567');
  await page.getByLabel('Customer temperament').selectOption({ label: 'Emotional' });
  // The stance for an emotional customer, and an acknowledgement in the buyer's language.
  await page.getByText(/let them vent/).waitFor();
  // The reply panel preselects the acknowledgement for an emotional buyer.
  assert.ok(await page.getByRole('radio', { name: /Complaint acknowledgement: emotional buyer/ }).isChecked());
  const preview = page.getByTestId('reply-preview');
  await page.waitForFunction(() => document.querySelector('[data-testid=reply-preview]')?.textContent.includes('405-1234567'));
  assert.equal(await preview.getAttribute('lang'), 'es');
  const reply = await preview.textContent();
  assert.match(reply, /Hola, Lucía:/);
  assert.match(reply, /405-1234567/);
  assert.doesNotMatch(reply, /\bWe\b|\bsorry\b/i, 'a Spanish-speaking buyer gets a Spanish reply');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { level: 3, name: '2. Record and judge' }).waitFor();
  assert.equal(await page.getByTestId('complaint-state').textContent(), 'In progress');

  // Step 2: record and judge.
  await page.getByLabel('Who is complaining').fill('Lucía García (buyer)');
  await page.getByLabel('Cause', { exact: true }).selectOption({ label: 'Logistics' });
  await page.getByLabel('What happened').fill('Parcel arrived with the box crushed; the lamp inside is broken.');
  await page.getByLabel('What the customer wants').fill('Money back');
  await page.getByLabel('Is the complaint valid?').selectOption({ label: 'Valid' });
  await page.getByLabel('Reason for the judgement').fill('Carrier photo confirms the damage');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { level: 3, name: '3. Remedy' }).waitFor();

  // Step 3, half typed, then the tab reloads: the draft is still there.
  await page.getByLabel('Remedy', { exact: true }).selectOption({ label: 'Partial refund' });
  await page.getByLabel('Amount', { exact: true }).fill('12,50');
  await page.getByLabel('Currency', { exact: true }).fill('EUR');
  await page.getByText('Draft saved in this browser').waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 3, name: '3. Remedy' }).waitFor();
  assert.equal(await page.getByLabel('Amount', { exact: true }).inputValue(), '12,50');
  assert.equal(await page.getByLabel('Remedy', { exact: true }).inputValue(), 'partial_refund');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { level: 3, name: '4. Follow up' }).waitFor();

  // Step 4: plan the follow-up, record the outcome and satisfaction, resolve.
  await page.getByLabel('Follow-up contact at (your time)').fill(await tomorrowAt(page, 10));
  await page.getByLabel('Outcome').fill('Refunded 12.50 EUR; buyer thanked us');
  await page.getByLabel('Satisfaction').selectOption('5');
  await page.getByRole('button', { name: 'Resolve complaint' }).click();
  await page.getByText('Complaint resolved').waitFor();
  await page.getByTestId('complaint-state').filter({ hasText: 'Resolved' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/complaint-wizard.png`, fullPage: true });

  // The record: complaint card, cost to serve, and the timeline with the complaint.
  await page.getByRole('button', { name: /Lucía García/ }).first().click();
  await page.getByRole('heading', { level: 2, name: 'Lucía García' }).waitFor();
  // Each lives in its panel, one open at a time.
  await page.getByRole('button', { name: 'Complaints', exact: true }).click();
  const card = page.locator('section.complaint-card');
  await card.getByRole('cell', { name: 'Logistics' }).waitFor();
  await card.getByRole('cell', { name: 'Resolved' }).waitFor();
  await card.getByRole('cell', { name: '5/5' }).waitFor();
  await page.getByRole('button', { name: 'Cost to serve', exact: true }).click();
  await page.locator('section.costs').getByRole('cell', { name: '12.50 EUR' }).waitFor();
  assert.equal(await card.count(), 0, 'opening the costs closed the complaints');
  const timeline = page.getByTestId('timeline');
  await timeline.getByText(/Complaint · Logistics/).waitFor();
  await timeline.getByText(/Follow-up/).waitFor();

  // Planning a second follow-up at the same hour for the same rep warns of the clash;
  // 10:00 in Shanghai is 03:00 in Madrid, so it warns of the buyer's night too.
  await page.getByRole('button', { name: 'Follow-up', exact: true }).click();
  await page.getByLabel('Follow-up contact at (your time)').fill(await tomorrowAt(page, 10));
  assert.equal(await page.locator('#follow-up-rep').inputValue(), 'Mei', 'the rep is remembered');
  const warnings = page.getByTestId('follow-up-warnings');
  await warnings.getByText(/night-time for the buyer/).waitFor();
  await warnings.getByText(/clashes with: Lucía García/).waitFor();
  // Another rep at the same time does not clash.
  await page.locator('#follow-up-rep').fill('Tomás');
  await warnings.getByText(/night-time for the buyer/).waitFor();
  assert.doesNotMatch(await warnings.textContent(), /clashes with/);
  await page.getByLabel('Purpose').fill('Offer a coupon for the next order');
  await page.getByRole('button', { name: 'Plan a follow-up' }).click();
  await page.getByText('Follow-up planned').waitFor();

  // Reload: everything is still there.
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Lucía García' }).waitFor();
  await page.getByTestId('timeline').getByText(/asked where the parcel is/).waitFor();

  // The follow-up board lists the complaint's follow-up, with the night warning.
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await page.getByRole('heading', { level: 2, name: 'Follow-ups' }).waitFor();
  const planned = page.locator('ul.follow-ups li').filter({ hasText: 'Lucía García' });
  await planned.nth(1).waitFor();
  assert.equal(await planned.count(), 2, "the complaint's follow-up and the one planned by hand");
  const complaintFollowUp = planned.filter({ hasText: 'Complaint follow-up' });
  await complaintFollowUp.getByText(/night-time for the buyer/).waitFor();
  await complaintFollowUp.getByRole('button', { name: 'Mark the follow-up with Lucía García as done' }).click();
  // Done asks for the report (see reports.test.mjs); the outcome is enough.
  const report = page.getByRole('dialog', { name: 'How did the follow-up go?' });
  await report.getByLabel('Outcome').fill('Happy with the refund');
  await report.getByRole('button', { name: 'Save report' }).click();
  await page.getByText('Report saved').waitFor();
  assert.equal(await planned.count(), 1, 'a done follow-up leaves the board');
  await page.screenshot({ path: `${SHOTS}/follow-ups.png`, fullPage: true });

  // Statistics count the resolved complaint.
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Complaint statistics' }).waitFor();
  const figures = page.getByTestId('complaint-figures');
  assert.match(await figures.textContent(), /Complaints in all\s*1/);
  assert.match(await figures.textContent(), /Resolved at first contact\s*100%/);
  assert.match(await figures.textContent(), /Average satisfaction after resolution\s*5\.0 \/ 5/);
  const causeRow = page.locator('section.complaint-stats table').first().getByRole('row').filter({ hasText: 'Logistics' });
  assert.match(await causeRow.textContent(), /1/);
  // Resolved complaints leave the open queue, and come back when "open only" is off.
  await page.getByText('No complaints.').waitFor();
  await page.getByLabel('Open complaints only').uncheck();
  await page.getByRole('link', { name: 'Lucía García' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/complaint-stats.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the queue flags overdue complaints; response targets are checked and remembered', async () => {
  const context = await newContext(app, { timezoneId: 'Asia/Shanghai' });
  // A controllable clock, so "two hours later" takes no two hours.
  await context.clock.install();
  const { page, errors } = await openPage(app, context);
  for (const name of ['Ana Pérez', 'Björn Berg']) {
    await createBuyer(page, name);
    await page.getByRole('button', { name: 'Complaints', exact: true }).click();
    await page.getByRole('button', { name: 'Open a complaint' }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`Complaint — ${name}`) }).waitFor();
  }
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  const rows = page.locator('section.complaint-queue tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  await page.getByLabel('Overdue only').check();
  await page.getByText('No complaints.').waitFor();

  // Bad targets get a message and change nothing.
  await page.getByLabel('Default target (hours)').fill('0');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await page.getByText(/Enter whole hours from 1 to 720/).waitFor();
  await page.getByLabel('Default target (hours)').fill('1');
  await page.getByLabel('Per marketplace (name=hours, …)').fill('Amazon twelve');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await page.getByText(/Enter marketplaces as name=hours/).waitFor();
  await page.getByLabel('Per marketplace (name=hours, …)').fill('Amazon=12');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await page.getByText('Saved', { exact: true }).first().waitFor();

  // Two hours on, with a one-hour target, both complaints are overdue.
  await page.clock.fastForward('02:00:00');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().textContent(), /Overdue · .*overdue by/);

  await page.reload();
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  assert.equal(await page.getByLabel('Per marketplace (name=hours, …)').inputValue(), 'Amazon=12');
  assert.equal(await page.getByLabel('Default target (hours)').inputValue(), '1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo set fills the complaint queue, the statistics and the follow-up board', async () => {
  const { context, page, errors } = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText(/Demo data loaded/).waitFor();
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  const figures = page.getByTestId('complaint-figures');
  await figures.waitFor();
  const total = Number((await figures.textContent()).match(/Complaints in all\s*(\d+)/)[1]);
  assert.ok(total >= 40, `demo complaints: ${total}`);
  assert.match(await figures.textContent(), /Average satisfaction after resolution\s*\d\.\d \/ 5/);
  // Open complaints wait in the queue, some of them overdue against 24 h.
  await page.locator('section.complaint-queue tbody tr').first().waitFor();
  await page.getByLabel('Overdue only').check();
  await page.locator('section.complaint-queue tbody tr').first().waitFor();
  // The follow-up board: something due, and the clash the demo plants.
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await page.locator('ul.follow-ups li').first().waitFor();
  await page.getByText(/clashes with/).first().waitFor();
  const openFollowUps = await page.locator('ul.follow-ups li').count();
  // Loading again adds nothing: no complaint, no follow-up.
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByText('Demo data loaded: 0 customers added').waitFor();
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await page.locator('ul.follow-ups li').first().waitFor();
  assert.equal(await page.locator('ul.follow-ups li').count(), openFollowUps);
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  const again = Number((await page.getByTestId('complaint-figures').textContent()).match(/Complaints in all\s*(\d+)/)[1]);
  assert.equal(again, total);
  assert.deepEqual(errors, []);
  await context.close();
});
