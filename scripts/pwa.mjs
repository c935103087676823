// Trunk post-build step (run by scripts/csp.mjs, after the CSP is in index.html): writes
// sw.js with every file of the build to precache and a version that changes whenever
// any of them changes, so a new deploy replaces the cached shell. Every URL is
// relative to sw.js, so the same build works at the site root and under any sub-path.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
// Not precached: the worker itself, the pre-compressed copies (the browser asks for
// one encoding and caches the decoded bytes) and host configuration such as
// `_headers`, which a host may refuse to serve (a failed precache aborts the install).
function precacheable(path) {
  return path !== 'sw.js' && !/\.(br|gz)$/.test(path) && !path.split('/').some((part) => /^[._]/.test(part));
}
const files = walk(dir)
  .map((path) => relative(dir, path).split('\\').join('/'))
  .filter(precacheable)
  .sort();
const version = createHash('sha256');
for (const file of files) version.update(file).update(readFileSync(join(dir, file)));
const precache = ['./', ...files.map((f) => `./${f}`)];
const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), template
  .replace('__VERSION__', version.digest('hex').slice(0, 16))
  .replace('__PRECACHE__', JSON.stringify(precache)));
console.log(`pwa: sw.js precaches ${precache.length} entries`);
