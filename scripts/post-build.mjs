// Trunk's post-build hook. Trunk starts every hook of a stage at the same time, so the
// steps that build on each other run from here, in order: the pre-compressed copies,
// then the Content-Security-Policy in index.html, which then writes the service
// worker's file list and version (pwa.mjs) and the hosts' `_headers`.
await import('./compress.mjs');
await import('./csp.mjs');
