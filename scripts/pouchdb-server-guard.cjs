// Preloaded into pouchdb-server 4.2.0 by scripts/sync-server.sh (node --require).
// Test infrastructure only: real deployments run Apache CouchDB 3, which needs none of this.
//
// express-pouchdb 4.2.0 checks a database's `_security` inside PouchDB wrappers that only
// see the caller when a route passes `userCtx`; routes that do not (`_bulk_get`, `_find`,
// `_index`, `_explain`, `_design/x/_info`) run as "admin party", so an anonymous client or
// an authenticated non-member could read every document through `_bulk_get` or `_find`.
// It also stores `_security` as the local doc `_local/_security`, which any member could
// overwrite (`PUT /db/_local/_security`, or a body `_id`), making themselves db admin.
// There is no setting for either (no `require_valid_user` in 4.2.0), so this adds one
// check, CouchDB's, in front of every database route:
//   - not a member or db admin of a database whose `_security` names members:
//     401 when anonymous, 403 when signed in (CouchDB's codes and bodies);
//   - writing `_local/_security` directly: 403 for everyone but server admins.
'use strict';
const path = require('path');

const SECURITY_DOC = '_local/_security';
// Every database route goes through utils.setDBOnReq (it puts the PouchDB on req.db), which
// routes/db.js and routes/rewrite.js call through the module object: wrap it there, so the
// check runs after authentication and before any database route, `GET /{db}` included.
const server = path.dirname(require.resolve('pouchdb-server/package.json', { paths: [process.cwd(), __dirname] }));
const utils = require(require.resolve('express-pouchdb/lib/utils.js', { paths: [server] }));
const setDBOnReq = utils.setDBOnReq;
if (typeof setDBOnReq !== 'function') throw new Error('pouchdb-server-guard: express-pouchdb has no utils.setDBOnReq');
utils.setDBOnReq = function (dbName, dbWrapper, req, res, next) {
  return setDBOnReq.call(this, dbName, dbWrapper, req, res, () => guard(String(dbName), req, res, next));
};

const inSection = (ctx, section) => !!section && (
  (section.names || []).includes(ctx.name) || (section.roles || []).some((r) => ctx.roles.includes(r)));

function decode(text) {
  try { return decodeURIComponent(text); } catch { return text; }
}

function send(res, status, error, reason) {
  res.status(status).set('content-type', 'application/json').send(JSON.stringify({ error, reason }) + '\n');
}

function guard(dbName, req, res, next) {
  const ctx = (req.couchSession && req.couchSession.userCtx) || { name: null, roles: [] };
  if (ctx.roles.includes('_admin') || !req.db || dbName.startsWith('_')) return next();
  req.db.getSecurity().then((sec) => {
    const hasMembers = sec.members && ((sec.members.names || []).length || (sec.members.roles || []).length);
    if (hasMembers && !inSection(ctx, sec.members) && !inSection(ctx, sec.admins)) {
      return ctx.name === null
        ? send(res, 401, 'unauthorized', 'You are not authorized to access this db.')
        : send(res, 403, 'forbidden', 'You are not allowed to access this db.');
    }
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    // Parse the body the way the routes will (body-parser marks it parsed, so they reuse it).
    utils.jsonParser(req, res, () => {
      const body = req.body || {};
      const ids = [decode(req.path).replace(/^\/[^/]+\/?/, ''), req.query.id, body._id,
        decode(String(req.get('destination') || '').split('?')[0])];
      if (Array.isArray(body.docs)) body.docs.forEach((d) => ids.push(d && d._id));
      if (ids.includes(SECURITY_DOC)) {
        return send(res, 403, 'forbidden', 'Use PUT /{db}/_security; _local/_security is not writable here.');
      }
      next();
    });
  }, (err) => utils.sendError(res, err));
}
