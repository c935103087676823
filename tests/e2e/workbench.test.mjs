// End-to-end: the customer record as a rep's workbench, in half a laptop screen
// (700 px) and a full one (1280 px), in English and Chinese: the navigation fits
// (one row, or behind a menu button, no word broken), the header names the country
// and the language, the timeline starts within the first screen, no bookkeeping
// numbers show, panels open one at a time and Escape closes them, `?` lists the
// shortcuts, nothing scrolls the page sideways, and axe finds no violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS } from './fixture.mjs';
import { axeContextOptions, axeViolations, formatViolations } from './axe.mjs';

const app = useApp();

const T = {
  en: {
    country: 'United Arab Emirates', language: 'Arabic', timeline: 'Timeline', stage: 'Stage',
    moveTo: 'Move to', shortcuts: 'Keyboard shortcuts', menu: /Menu/, customers: 'Customers',
    value: 'Customer value', revision: /Revision|\bversion\b/i,
  },
  zh: {
    country: '阿拉伯联合酋长国', language: '阿拉伯语', timeline: '往来记录', stage: '阶段',
    moveTo: '变更为', shortcuts: '键盘快捷键', menu: /菜单/, customers: '客户',
    value: '客户价值', revision: /版本/,
  },
};

/** Creates the buyer through the form (English UI), then switches language. */
async function openRecord(width, lang) {
  const context = await app.browser.newContext({
    locale: 'en-US', viewport: { width, height: 900 }, ...axeContextOptions,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.getByRole('button', { name: 'New customer' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Omar Al Mansouri');
  await page.getByLabel('Email', { exact: true }).fill('omar@example.ae');
  await page.getByLabel('Phone', { exact: true }).fill('+971 50 123 4567');
  await page.getByLabel('Country (ISO code, e.g. ES)').fill('AE');
  await page.getByLabel(/^Buyer's language/).fill('ar');
  await page.getByLabel(/^Time zone/).fill('Asia/Dubai');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 2, name: 'Omar Al Mansouri' }).waitFor();
  if (lang === 'zh') {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: T.zh.timeline }).waitFor();
  }
  return { context, page, errors };
}

/** Every link and button of the header keeps its words on one line. */
async function headerFits(page) {
  return page.evaluate(() => {
    const header = document.querySelector('.app-header');
    const broken = [...header.querySelectorAll('a, button')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const line = parseFloat(getComputedStyle(el).lineHeight) || 20;
        // Text on two lines has boxes on two rows: boxes that do not overlap
        // vertically. Boxes of one row may differ in height (a count badge); text
        // only screen readers hear is not laid out in the row at all.
        const rects = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement.closest('.visually-hidden')) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
        }
        rects.sort((a, b) => a.top - b.top);
        let rows = 0;
        let rowBottom = -Infinity;
        for (const r of rects) {
          if (r.top >= rowBottom - 1) { rows += 1; rowBottom = r.bottom; } else { rowBottom = Math.max(rowBottom, r.bottom); }
        }
        return rows > 1 || el.getBoundingClientRect().height > line * 1.9;
      })
      .map((el) => el.textContent.trim());
    return { height: header.getBoundingClientRect().height, broken };
  });
}

const pageScrollsSideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

for (const width of [700, 1280]) {
  for (const lang of ['en', 'zh']) {
    test(`the record workbench at ${width} px in ${lang === 'en' ? 'English' : 'Chinese'}`, async () => {
      const t = T[lang];
      const { context, page, errors } = await openRecord(width, lang);

      // The navigation: one row of whole words, or a menu button that opens it.
      const fit = await headerFits(page);
      assert.deepEqual(fit.broken, [], 'no word in the header breaks over two lines');
      assert.ok(fit.height <= 64, `the header stays one row (${fit.height} px)`);
      const menu = page.getByRole('button', { name: t.menu });
      const customersLink = page.getByRole('link', { name: t.customers, exact: true });
      if (width < 1000) {
        assert.equal(await customersLink.isVisible(), false, 'sections fold into the menu');
        await menu.click();
        assert.equal(await menu.getAttribute('aria-expanded'), 'true');
        await customersLink.waitFor();
        await page.keyboard.press('Escape');
        assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      } else {
        assert.equal(await menu.isVisible(), false, 'no menu button when everything fits');
        const tops = await page.locator('.main-nav a').evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
        assert.equal(new Set(tops).size, 1, 'the sections sit on one row');
      }

      // The header card names the country and the language in the UI language.
      assert.equal(await page.getByTestId('record-country').textContent(), t.country);
      assert.equal(await page.getByTestId('record-language').textContent(), t.language);
      assert.match(await page.getByTestId('record-local-time').textContent(), /\d{1,2}:\d{2}/);

      // The timeline begins inside the first screen, and no revision is shown.
      const heading = await page.getByRole('heading', { name: t.timeline, exact: true }).boundingBox();
      assert.ok(heading && heading.y + heading.height <= 900, `timeline heading at ${heading?.y} px`);
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, t.revision);
      assert.equal(await pageScrollsSideways(page), false, 'the record never scrolls sideways');
      await page.screenshot({ path: `${SHOTS}/workbench-${width}-${lang}.png`, fullPage: true });

      // Panels open one at a time; Escape closes.
      const stageButton = page.getByRole('button', { name: t.stage, exact: true });
      await stageButton.click();
      assert.equal(await stageButton.getAttribute('aria-expanded'), 'true');
      await page.getByLabel(t.moveTo).waitFor();
      assert.equal(await page.locator('.record-panel').count(), 1);
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('.record-panel').count(), 0);
      assert.equal(await stageButton.getAttribute('aria-expanded'), 'false');

      // `?` lists the shortcuts.
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('Shift+Slash');
      const dialog = page.getByRole('dialog', { name: t.shortcuts });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /\//);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], formatViolations('shortcuts', violations));
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      const recordViolations = await axeViolations(page);
      assert.deepEqual(recordViolations, [], formatViolations('record', recordViolations));

      // The list and the value page stay usable: nothing scrolls sideways.
      await page.evaluate(() => { window.location.hash = '#/'; });
      await page.getByRole('link', { name: 'Omar Al Mansouri' }).waitFor();
      assert.equal(await pageScrollsSideways(page), false, 'the list never scrolls sideways');
      await page.screenshot({ path: `${SHOTS}/workbench-list-${width}-${lang}.png` });
      await page.evaluate(() => { window.location.hash = '#/value'; });
      await page.getByRole('heading', { name: t.value, level: 2 }).waitFor();
      assert.equal(await pageScrollsSideways(page), false, 'the value page never scrolls sideways');

      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
