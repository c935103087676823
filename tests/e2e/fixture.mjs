// Shared set-up for the end-to-end files: dist/ served on loopback, one Chromium, and
// the screenshot folder. Call once at the top level of a test file.
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

export const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'test-artifacts/screenshots');

/**
 * Serves the build at `prefix` (default: E2E_PREFIX, else the site root; setting
 * E2E_PREFIX=/crm/ runs any test file under a sub-path).
 */
export function useApp({ root = process.env.DIST_DIR ?? 'dist', prefix = process.env.E2E_PREFIX ?? '/' } = {}) {
  const app = { server: null, browser: null };
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    app.server = await startServer(root, { prefix });
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** A fresh browser context (its own IndexedDB, localStorage and service worker). */
export async function newContext(app, options = {}) {
  const context = await app.browser.newContext({
    locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Opens the app in a new page of `context`, collecting uncaught page errors. */
export async function openPage(app, context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  return { page, errors };
}
