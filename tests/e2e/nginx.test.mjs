// End-to-end: the README's nginx example (deploy/*.conf, unchanged but for the folder
// it serves) in a real nginx on loopback, the app under /crm/. Checks the headers a
// static host must send and that the app starts and goes offline-ready through it.
// Skipped when nginx is not installed (scripts/setup.sh test installs it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './browser.mjs';
import { SHOTS } from './fixture.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const DIST = resolve(process.env.DIST_DIR ?? 'dist');
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const skip = existsSync(NGINX) ? false : `nginx not found at ${NGINX}`;

const freePort = () => new Promise((ok) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => ok(port));
  });
});

let dir; let nginx; let url; let browser;
before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'crm-nginx-'));
  mkdirSync(join(dir, 'www'));
  mkdirSync(join(dir, 'snippets'));
  symlinkSync(DIST, join(dir, 'www', 'crm'));
  copyFileSync('deploy/crm-headers.conf', join(dir, 'snippets', 'crm-headers.conf'));
  let site = readFileSync('deploy/nginx-crm.conf', 'utf8').replace('root /var/www;', `root ${join(dir, 'www')};`);
  if (!existsSync(BROTLI)) site = site.replace(/^\s*brotli_static on;$/m, '');
  writeFileSync(join(dir, 'crm.conf'), site);
  const port = await freePort();
  // Workers run as the test's own user, and nginx's temp folders go in the test folder,
  // so this runs the same as root or not.
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${dir}/${kind};`).join('\n');
  writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
worker_processes 1;
${process.getuid() === 0 ? 'user root;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
${existsSync(BROTLI) ? `load_module ${BROTLI};` : ''}
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
${temp}
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    include crm.conf;
  }
}
`);
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')]);
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
  url = `http://127.0.0.1:${port}/crm/`;
  for (let i = 0; i < 50; i++) {
    try { await fetch(url); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
});

after(async () => {
  await browser?.close();
  if (nginx) {
    const exited = new Promise((ok) => nginx.once('exit', ok));
    nginx.kill('SIGQUIT');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('nginx example: MIME types, cache headers, pre-compressed files, CSP header', { skip }, async () => {
  const files = readdirSync(DIST);
  const wasm = files.find((f) => f.endsWith('.wasm'));
  const css = files.find((f) => /^main-.*\.css$/.test(f));

  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');

  const redirect = await fetch(url.replace(/\/$/, ''), { redirect: 'manual' });
  assert.equal(redirect.status, 301);
  assert.equal(new URL(redirect.headers.get('location'), url).href, url);

  const plain = await fetch(`${url}${wasm}`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-type'), 'application/wasm');
  assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(plain.headers.get('content-security-policy'), page.headers.get('content-security-policy'));
  assert.equal(Number(plain.headers.get('content-length')), readFileSync(join(DIST, wasm)).length);

  const gz = await fetch(`${url}${wasm}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(gz.headers.get('vary') ?? '', /Accept-Encoding/i);
  assert.equal(Number(gz.headers.get('content-length')), readFileSync(join(DIST, `${wasm}.gz`)).length, 'the .gz the build wrote');
  if (existsSync(BROTLI)) {
    const br = await fetch(`${url}${css}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(Number(br.headers.get('content-length')), readFileSync(join(DIST, `${css}.br`)).length, 'the .br the build wrote');
  }

  for (const revalidated of ['sw.js', 'static/manifest.webmanifest', 'static/icons/icon-192.png']) {
    const response = await fetch(`${url}${revalidated}`);
    assert.equal(response.status, 200, revalidated);
    assert.equal(response.headers.get('cache-control'), 'no-cache', revalidated);
  }
  const manifest = await fetch(`${url}static/manifest.webmanifest`);
  assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
  // A conditional request after a deploy check costs a 304, not the file.
  const etag = page.headers.get('etag');
  assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);
});

test('nginx example: the app starts under /crm/ with its policies and works offline', { skip }, async () => {
  browser = await launch();
  const context = await browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.getByTestId('storage-status').getByText('Works offline.').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
  await page.screenshot({ path: `${SHOTS}/nginx-offline.png` });
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});
