// A tiny static file server for dist/ on loopback, so the end-to-end tests need no
// extra tooling. Serves the right MIME types (wasm streaming needs application/wasm).
// It behaves like a plain static host: a missing file is a 404 (the app routes by
// the URL hash, so it needs no fallback page), and with a prefix (`/crm/`) nothing
// outside it exists, so an asset asked for at the site root fails loudly.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Serves `root` at `prefix` (default `/`). The returned `setRoot` swaps the folder
 * being served, as a deploy of a new build does; `requests` lists every path asked for.
 */
export function startServer(root, { port = 0, prefix = '/' } = {}) {
  let base = resolve(root);
  const requests = [];
  // `setProxy('/couch/', 'http://127.0.0.1:5984')`: the same-origin reverse proxy the
  // README documents for team sync, so the app's strict CSP (connect-src 'self') holds.
  let proxy = null;
  const server = createServer(async (req, res) => {
    try {
      if (proxy && req.url.startsWith(proxy.path)) {
        await forward(req, res, proxy);
        return;
      }
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      requests.push(path);
      // `/crm` without the slash: a static host redirects, so relative URLs resolve inside.
      if (`${path}/` === prefix) {
        res.writeHead(301, { location: prefix }).end();
        return;
      }
      if (!path.startsWith(prefix)) { res.writeHead(404).end('outside the app'); return; }
      let file = normalize(join(base, path.slice(prefix.length)));
      if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
      if (path.endsWith('/')) file = join(file, 'index.html');
      let body;
      try { body = await readFile(file); } catch { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => {
    ok({
      url: `http://127.0.0.1:${server.address().port}${prefix}`,
      requests,
      setRoot: (folder) => { base = resolve(folder); },
      setProxy: (path, target) => { proxy = { path, target }; },
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
    });
  }));
}

/** Passes `req` on to `proxy.target` without its path prefix, and the answer back. */
async function forward(req, res, proxy) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = { ...req.headers };
  delete headers.host;
  const answer = await fetch(proxy.target + req.url.slice(proxy.path.length - 1), {
    method: req.method,
    headers,
    body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks),
    redirect: 'manual',
  });
  const out = {};
  answer.headers.forEach((value, key) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(key)) out[key] = value;
  });
  const cookies = answer.headers.getSetCookie?.() ?? [];
  if (cookies.length) out['set-cookie'] = cookies;
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  const prefix = process.argv[4] ?? '/';
  const couch = process.argv[5];
  const { url, setProxy } = await startServer(root, { port, prefix });
  console.log(`serving ${root} at ${url}`);
  if (couch) {
    setProxy('/couch/', couch.replace(/\/$/, ''));
    console.log(`and ${couch} behind it at ${new URL(url).origin}/couch`);
  }
}
