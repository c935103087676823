// Post-build step (run first by scripts/post-build.mjs): writes a .br and a .gz beside
// every large file of the build (the wasm, the JS glue, the CSS) for hosts that serve
// pre-compressed files as they are (nginx `gzip_static`/`brotli_static`, many CDNs),
// and prints each file's size raw, gzip and brotli. The service worker never
// precaches these copies (pwa.mjs): the browser asks for one encoding per request and
// its cache keeps the decoded response.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
const COMPRESSIBLE = new Set(['.wasm', '.js', '.css']);
// Below this, compression saves less than the extra request headers cost.
const MIN_BYTES = 1024;

function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const files = walk(dir)
  .filter((path) => COMPRESSIBLE.has(extname(path)) && !path.endsWith('sw.js'))
  .sort((a, b) => (extname(a) === '.wasm' ? -1 : 0) - (extname(b) === '.wasm' ? -1 : 0));
for (const path of files) {
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const gz = gzipSync(raw, { level: 9 });
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: extname(path) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  writeFileSync(`${path}.gz`, gz);
  writeFileSync(`${path}.br`, br);
  const label = extname(path) === '.wasm' ? 'wasm size' : 'size';
  console.log(`${label}: ${relative(dir, path)} raw ${kb(raw.length)}, gzip ${kb(gz.length)}, brotli ${kb(br.length)} (${process.env.TRUNK_PROFILE ?? '?'} build)`);
}
