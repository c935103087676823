// Team sync end to end (issue 18): two browser contexts, each with its own IndexedDB,
// connect to a real pouchdb-server (scripts/sync-server.sh) behind the app's own origin
// at /couch/ (the same-origin reverse proxy the README documents, so the app's CSP stays
// connect-src 'self') through Data & backup → Sync, and see each other's customers; a teammate's
// markup stays text; Restore and demo data are off while sync is on; a wrong password
// says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, SHOTS, newContext, openPage } from './fixture.mjs';

const app = useApp();
const SCRIPT = 'scripts/sync-server.sh';
const state = mkdtempSync(join(tmpdir(), 'crm-team-sync-'));
let env;
let server;

before(async () => {
  // The app's origin is the only one the server's CORS admits: wait for useApp's server.
  while (!app.server) await new Promise((resolve) => setTimeout(resolve, 50));
  env = { ...process.env, SYNC_SERVER_STATE: state, SYNC_ORIGIN: new URL(app.server.url).origin };
  const run = (command) => execFileSync(SCRIPT, [command], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    run('start');
  } catch (e) {
    throw new Error(`${SCRIPT} start failed:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
  server = Object.fromEntries(run('env').trim().split('\n').map((line) => {
    const [key, ...value] = line.split('=');
    return [key, value.join('=').replace(/\\ /g, ' ')];
  }));
  app.server.setProxy('/couch/', server.SYNC_URL);
  server.APP_SYNC_URL = `${new URL(app.server.url).origin}/couch`;
});

after(() => {
  execFileSync(SCRIPT, ['stop'], { env, stdio: 'ignore' });
  rmSync(state, { recursive: true, force: true });
});

async function openApp() {
  const context = await newContext(app);
  return { context, ...(await openPage(app, context)) };
}

async function goToData(page) {
  await page.getByRole('link', { name: 'Data & backup' }).click();
  await page.getByRole('heading', { level: 2, name: 'Data & backup' }).waitFor();
}

async function connect(page, user, password = server.SYNC_USER_PASSWORD) {
  await goToData(page);
  await page.getByLabel('Server URL').fill(server.APP_SYNC_URL);
  await page.getByLabel('Database').fill(server.SYNC_DB);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

async function upToDate(page) {
  try {
    await page.getByTestId('sync-status').filter({ hasText: 'Up to date' }).waitFor({ timeout: 20_000 });
  } catch (e) {
    const status = await page.getByTestId('sync-status').textContent().catch(() => '(none)');
    const alert = await page.locator('.form-error').allTextContents().catch(() => []);
    throw new Error(`sync not up to date: status "${status}", form ${JSON.stringify(alert)}`);
  }
}

async function createCustomer(page, name) {
  await page.getByRole('link', { name: 'Customers' }).first().click();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('ES');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

test('two browsers connected to one team database see each other\'s new customer; markup stays text', async () => {
  const ana = await openApp();
  const ben = await openApp();
  await connect(ana.page, 'ana');
  await upToDate(ana.page);
  await connect(ben.page, 'ben');
  await upToDate(ben.page);
  assert.match(await ana.page.getByTestId('sync-footer').textContent(), /Sync: Up to date/);

  await createCustomer(ana.page, 'Lucía García');
  const xss = '<img src=x onerror="window.__xss=1">Mallory';
  await createCustomer(ana.page, xss);
  const saved = Date.now();
  await ben.page.getByRole('link', { name: 'Customers' }).first().click();
  await ben.page.getByRole('link', { name: 'Lucía García' }).waitFor({ timeout: 15_000 });
  const latency = Date.now() - saved;
  await ben.page.getByRole('link', { name: xss }).waitFor({ timeout: 15_000 });
  assert.equal(await ben.page.evaluate(() => window.__xss), undefined, 'a teammate\'s markup never runs');
  await ben.page.screenshot({ path: `${SHOTS}/team-sync-teammate.png` });
  console.log(`# save-to-visible: ${latency} ms`);

  // Ben edits; Ana sees it.
  await ben.page.getByRole('link', { name: 'Lucía García' }).click();
  await ben.page.getByRole('button', { name: 'Edit' }).click();
  await ben.page.getByLabel('Notes', { exact: true }).fill('Call after 18:00');
  await ben.page.getByRole('button', { name: 'Save' }).click();
  await ben.page.getByText('Call after 18:00').first().waitFor();
  await ana.page.getByRole('link', { name: 'Customers' }).first().click();
  await ana.page.getByRole('link', { name: 'Lucía García' }).click();
  await ana.page.getByText('Call after 18:00').first().waitFor({ timeout: 15_000 });

  assert.deepEqual(ana.errors, []);
  assert.deepEqual(ben.errors, []);
  await ana.context.close();
  await ben.context.close();
});

test('while sync is on, Restore and demo data are off; Disconnect turns them back on; a wrong password says so', async () => {
  const { context, page, errors } = await openApp();
  await connect(page, 'ana', 'not-the-password');
  await page.getByText('The server did not accept this user name and password.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Disconnect' }).isDisabled(), true);

  await page.getByLabel('Password').fill(server.SYNC_USER_PASSWORD);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await upToDate(page);
  await page.getByTestId('restore-off').waitFor();
  assert.equal(await page.getByLabel('Backup file (.json)').count(), 0, 'no restore while syncing');
  await page.getByRole('link', { name: 'Customers' }).first().click();
  assert.equal(await page.getByRole('button', { name: 'Load demo data' }).isDisabled(), true);

  await goToData(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByTestId('sync-status').filter({ hasText: 'Sync is off' }).waitFor();
  assert.equal(await page.getByTestId('restore-off').count(), 0);
  await page.getByRole('link', { name: 'Customers' }).first().click();
  assert.equal(await page.getByRole('button', { name: 'Load demo data' }).isDisabled(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an expired session asks to sign in again and loses nothing', async () => {
  const ana = await openApp();
  const ben = await openApp();
  await connect(ana.page, 'ana');
  await upToDate(ana.page);
  await connect(ben.page, 'ben');
  await upToDate(ben.page);
  // The session ends on the server's side (as when it times out): the cookie is gone.
  await ana.page.evaluate(() => fetch('/couch/_session', { method: 'DELETE', credentials: 'include' }));
  await createCustomer(ana.page, 'Written while signed out');
  await goToData(ana.page);
  await ana.page.getByTestId('sync-status').filter({ hasText: 'asks you to sign in again' }).waitFor({ timeout: 20_000 });
  assert.match(await ana.page.getByTestId('sync-footer').textContent(), /1 change not synced/);
  await ana.page.getByLabel('Password').fill(server.SYNC_USER_PASSWORD);
  await ana.page.getByRole('button', { name: 'Connect', exact: true }).click();
  await upToDate(ana.page);
  await ben.page.getByRole('link', { name: 'Customers' }).first().click();
  await ben.page.getByRole('link', { name: 'Written while signed out' }).waitFor({ timeout: 15_000 });
  assert.deepEqual(ana.errors, []);
  assert.deepEqual(ben.errors, []);
  await ana.context.close();
  await ben.context.close();
});

test('both offline, both edit one buyer, back online: both show the same winner and a conflict to review', async () => {
  const ana = await openApp();
  const ben = await openApp();
  await connect(ana.page, 'ana');
  await upToDate(ana.page);
  await connect(ben.page, 'ben');
  await upToDate(ben.page);
  await createCustomer(ana.page, 'Shared Buyer');
  await ben.page.getByRole('link', { name: 'Customers' }).first().click();
  await ben.page.getByRole('link', { name: 'Shared Buyer' }).waitFor({ timeout: 15_000 });

  await ana.context.setOffline(true);
  await ben.context.setOffline(true);
  for (const [who, note] of [[ana, 'Ana: prefers email'], [ben, 'Ben: prefers phone']]) {
    await who.page.getByRole('link', { name: 'Customers' }).first().click();
    await who.page.getByRole('link', { name: 'Shared Buyer' }).click();
    await who.page.getByRole('button', { name: 'Edit' }).click();
    await who.page.getByLabel('Notes', { exact: true }).fill(note);
    await who.page.getByRole('button', { name: 'Save' }).click();
    await who.page.getByText(note).first().waitFor();
  }
  await ana.page.getByTestId('sync-footer').filter({ hasText: 'Offline' }).waitFor({ timeout: 20_000 });
  await ana.context.setOffline(false);
  await ben.context.setOffline(false);
  for (const who of [ana, ben]) {
    await who.page.getByTestId('sync-footer').filter({ hasText: '1 conflict to review' }).waitFor({ timeout: 30_000 });
  }
  // One winner everywhere, shown on both records once both have synced again.
  const notes = async (who) => {
    await who.page.getByRole('link', { name: 'Customers' }).first().click();
    await who.page.getByRole('link', { name: 'Shared Buyer' }).click();
    const text = await who.page.locator('main').textContent();
    return text.includes('Ana: prefers email') ? 'ana' : text.includes('Ben: prefers phone') ? 'ben' : 'none';
  };
  let a = await notes(ana);
  let b = await notes(ben);
  for (let i = 0; i < 10 && a !== b; i++) {
    await ana.page.waitForTimeout(1000);
    a = await notes(ana);
    b = await notes(ben);
  }
  assert.equal(a, b, 'both browsers show the same winning version');
  assert.notEqual(a, 'none');
  await ana.page.screenshot({ path: `${SHOTS}/team-sync-conflict.png` });
  assert.deepEqual(ana.errors, []);
  assert.deepEqual(ben.errors, []);
  await ana.context.close();
  await ben.context.close();
});
