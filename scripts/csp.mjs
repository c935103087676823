// Trunk post-build hook: adds a strict Content-Security-Policy to index.html. The
// only inline script is Trunk's wasm loader; it is allowed by its SHA-256 hash, so
// no 'unsafe-inline' is needed. 'wasm-unsafe-eval' lets the browser compile the wasm.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const file = `${process.env.TRUNK_STAGING_DIR ?? 'dist'}/index.html`;
let html = readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)]
  .filter((m) => m[1].trim() !== '')
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  throw new Error('index.html already has a Content-Security-Policy');
}
// Before any script, so the policy covers the loader too.
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);
console.log(`csp: ${hashes.length} inline script(s) pinned by hash`);

// The service worker's precache list must see the final index.html, so it runs here,
// after the policy is written, rather than as a separate hook.
await import('./pwa.mjs');
