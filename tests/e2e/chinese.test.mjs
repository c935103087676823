// End-to-end in Chinese: a rep whose browser speaks Chinese walks the main flows
// (import with a bad row, list, record, complaint wizard, value page, follow-ups,
// complaints, data & backup). Every screen is photographed, and its visible text is
// checked: no half-width punctuation touching Chinese, and no English words apart
// from data the rep entered and codes (currencies, countries, CSV…).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, SHOTS } from './fixture.mjs';

const app = useApp();

function isoDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

// Twelve buyers with Chinese names; one row has a date that does not exist.
function ordersCsv() {
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞', '徐鹏', '孙丽'];
  const lines = ['订单号,买家ID,买家姓名,国家,下单日期,币种,订单金额'];
  names.forEach((name, i) => {
    for (let k = 0; k <= i % 3; k += 1) {
      lines.push(`ZH-${i}-${k},buyer-${i},${name},CN,${isoDaysAgo(5 + i * 3 + k)},CNY,${(i + 1) * 100 + k}.00`);
    }
  });
  lines.push('ZH-bad,buyer-x,坏行,CN,2026-02-30,CNY,10.00');
  return lines.join('\n');
}

// Words the rep may legitimately see in Latin letters on a Chinese screen: codes,
// units, file types, the language switch, and the data this test entered.
const ALLOWED = new Set([
  'English', 'CSV', 'TSV', 'TXT', 'JSON', 'csv', 'tsv', 'txt', 'json', 'xlsx', 'orders', 'VIP', 'ABC', 'RFM',
  'CNY', 'USD', 'EUR', 'GBP', 'JPY', 'CN', 'ES', 'ISO', 'IANA', 'GMT', 'UTC', 'Europe', 'Madrid', 'Asia', 'Shanghai',
  'UTF', 'GBK', 'GB18030', 'Shift_JIS', 'Big', 'EUC', 'KR', 'JIS', 'Windows', 'BOM', 'buyer', 'ZH', 'bad', 'crm', 'backup', 'KB', 'MB', 'PWA', 'BCP',
  'Amazon', 'eBay', 'AliExpress', 'Tmall', 'WhatsApp', 'WeChat', 'LINE', 'Shopee', 'Lazada', 'Temu', 'TikTok',
  'Excel', 'Numbers', 'Windows', 'Mac', 'CouchDB', 'import', 'pt', 'BR', 'es', 'zh', 'en', 'de', 'fr', 'ja', 'ru', 'it',
]);

const CHINESE = /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”]/;

/** Half-width `: ( ) , ; ? !` whose nearest non-space neighbour is Chinese. */
function halfWidthNextToChinese(text) {
  const found = [];
  const chars = [...text];
  chars.forEach((c, i) => {
    if (!':(),;?!'.includes(c)) return;
    let before = i - 1;
    while (before >= 0 && chars[before] === ' ') before -= 1;
    let after = i + 1;
    while (after < chars.length && chars[after] === ' ') after += 1;
    if ((before >= 0 && CHINESE.test(chars[before])) || (after < chars.length && CHINESE.test(chars[after]))) {
      found.push(chars.slice(Math.max(0, i - 12), i + 12).join(''));
    }
  });
  return found;
}

/** Latin words of three or more letters that are not data or codes. */
function englishWords(text) {
  const words = text.match(/[A-Za-z][A-Za-z_]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w)))];
}

// Every screen's findings, reported together at the end so one run shows them all.
const findings = {};

async function checkScreen(page, name) {
  await page.screenshot({ path: `${SHOTS}/zh-${name}.png`, fullPage: true });
  // Text that declares another language (a reply in the buyer's language, the
  // scenario shortcuts typed on the keyboard) is data, not the interface.
  const text = await page.evaluate(() => {
    const foreign = [...document.body.querySelectorAll('[lang]:not([lang^="zh"])')];
    const shown = foreign.map((el) => el.style.display);
    foreign.forEach((el) => { el.style.display = 'none'; });
    const visible = document.body.innerText;
    foreign.forEach((el, i) => { el.style.display = shown[i]; });
    return visible;
  });
  const punctuation = halfWidthNextToChinese(text);
  const english = englishWords(text);
  if (punctuation.length || english.length) findings[name] = { punctuation, english };
}

test('the main flows in Chinese: no English sentences, full-width punctuation; screenshots', async () => {
  const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: '客户', exact: true }).waitFor();
  await checkScreen(page, 'empty-list');

  // Import with one bad row: the rejected row is explained in Chinese.
  await page.getByRole('link', { name: '导入订单' }).click();
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ordersCsv()) });
  await page.getByRole('button', { name: '检查数据' }).click();
  await page.getByRole('table').first().waitFor();
  await checkScreen(page, 'import-preview');
  await page.getByRole('button', { name: '开始导入' }).click();
  await page.locator('.import [role="status"], .import .notice').first().waitFor();
  await checkScreen(page, 'import-done');

  // The list, then one record.
  await page.getByRole('link', { name: '客户', exact: true }).click();
  await page.getByRole('link', { name: '孙丽' }).waitFor();
  await checkScreen(page, 'list');
  await page.getByRole('link', { name: '孙丽' }).click();
  await page.getByRole('heading', { level: 2, name: '孙丽' }).waitFor();
  await checkScreen(page, 'record');

  // A complaint: step 1 with a temperament chosen, then a step saved with an error.
  await page.getByRole('button', { name: '投诉', exact: true }).click();
  await page.getByRole('button', { name: '新建投诉' }).click();
  await page.getByLabel('客户原话（粘贴客户消息）').waitFor();
  await page.getByLabel('客户性格').selectOption({ index: 1 });
  await checkScreen(page, 'complaint-listen');
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.locator('.field-error').filter({ hasText: /\S/ }).first().waitFor();
  await checkScreen(page, 'complaint-errors');

  // Value, complaints, follow-ups, data & backup.
  await page.getByRole('link', { name: '客户价值' }).click();
  await page.locator('svg').first().waitFor();
  await checkScreen(page, 'value');
  await page.getByRole('link', { name: '投诉' }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  await checkScreen(page, 'complaints');
  await page.getByRole('link', { name: '跟进' }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  await checkScreen(page, 'follow-ups');
  await page.getByRole('link', { name: '数据与备份' }).click();
  await page.getByRole('heading', { level: 2, name: '数据与备份' }).waitFor();
  await checkScreen(page, 'data');

  assert.deepEqual(findings, {}, 'English words or half-width punctuation on Chinese screens');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the checks themselves catch English and half-width punctuation', () => {
  assert.deepEqual(halfWidthNextToChinese('客户已删除: 张三'), ['客户已删除: 张三']);
  assert.deepEqual(halfWidthNextToChinese('时间 12:30，订单 A-1（Amazon, eBay）'), []);
  assert.deepEqual(halfWidthNextToChinese('订单 (A-1)'), ['订单 (A-1)']);
  assert.deepEqual(englishWords('客户 Tmall CNY 3 hours left'), ['hours', 'left']);
});
