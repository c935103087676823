// Service worker: keeps the app shell (every file of the build) in a versioned cache so
// the app opens with the network off after the first visit. Generated into dist/sw.js by
// scripts/pwa.mjs, which fills in the file list and a version derived from the files.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `crm-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    // Checked with the server, not taken from the HTTP cache: a host that lets
    // index.html be cached for a while must not get an old page into a new version.
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('crm-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      // Pages compare their own files with this cache: one still running an older
      // build offers a reload. (Their `controllerchange` comes too early for that:
      // it fires before this handler has even started.)
      .then(() => self.clients.matchAll({ type: 'window' }))
      .then((pages) => pages.forEach((page) => page.postMessage({ type: 'crm-activated', cache: CACHE }))),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Pages: the network when it answers (a new deploy shows at once), else the cached shell.
    event.respondWith(
      fetch(request).catch(() => caches.match('./index.html', { ignoreSearch: true })
        .then((cached) => cached ?? Response.error())),
    );
    return;
  }
  // Build files have content hashes in their names, so a cached copy is never stale.
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((cached) => cached ?? fetch(request)),
  );
});
