// The team-sync test server (issue 18): scripts/sync-server.sh starts pouchdb-server (the
// pinned devDependency, installed by scripts/setup.sh's npm ci) on a free loopback port, or
// sets up the real CouchDB 3 in COUCHDB_URL. Checks what the replicator will rely on: the
// team database refuses anonymous users and non-members and admits members, and two
// conflicting revisions written with new_edits:false resolve to CouchDB's deterministic
// winner with the other in _conflicts. No browser: plain HTTP from Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = 'scripts/sync-server.sh';
// Its own state folder, so a server started by hand (target/sync-server) is left alone.
const state = mkdtempSync(join(tmpdir(), 'crm-sync-state-'));
const env = { ...process.env, SYNC_SERVER_STATE: state };
const run = (command) => execFileSync(SCRIPT, [command], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let server; // { SYNC_URL, SYNC_DB, SYNC_USER_PASSWORD, ... } from `sync-server.sh env`
let pid;

before(() => {
  try {
    run('start'); // fails (and so fails these tests) when pouchdb-server is not installed
  } catch (e) {
    throw new Error(`${SCRIPT} start failed:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
  server = Object.fromEntries(run('env').trim().split('\n').map((line) => {
    const [key, ...value] = line.split('=');
    return [key, value.join('=').replace(/\\ /g, ' ')];
  }));
  if (existsSync(join(state, 'pid'))) pid = Number(readFileSync(join(state, 'pid'), 'utf8'));
});

after(() => {
  run('stop');
  if (pid) assert.equal(existsSync(`/proc/${pid}`), false, `pouchdb-server (pid ${pid}) still exists after stop`);
  rmSync(state, { recursive: true, force: true });
});

const url = (path) => `${server.SYNC_URL}${path}`;
const db = (path = '') => url(`/${server.SYNC_DB}${path}`);

async function request(path, { method = 'GET', body, cookie, basic } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  if (basic) headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, json, headers: res.headers };
}

/** Signs in with POST /_session as the app will; returns the `AuthSession=…` cookie pair. */
async function signIn(name) {
  const res = await fetch(url('/_session'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name, password: server.SYNC_USER_PASSWORD }),
  });
  assert.equal(res.status, 200, `sign-in as ${name}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('AuthSession='));
  assert.ok(cookie, 'POST /_session sets an AuthSession cookie');
  assert.match(cookie, /HttpOnly/i);
  return cookie.split(';')[0];
}

test('the team database refuses anonymous users and non-members and admits members', async () => {
  const eve = await signIn('eve');
  const ana = await signIn('ana');
  const reads = [
    ['GET', ''],
    ['GET', '/_all_docs'],
    ['GET', '/_changes?style=all_docs&since=0&limit=2'],
    ['POST', '/_bulk_get?revs=true', { docs: [{ id: 'anything' }] }],
    ['POST', '/_find', { selector: {} }],
    ['POST', '/_revs_diff', { anything: ['1-abc'] }],
    ['POST', '/_bulk_docs', { docs: [{ _id: `intruder-${Date.now()}` }] }],
  ];
  for (const [method, path, body] of reads) {
    const anonymous = await request(db(path), { method, body });
    assert.equal(anonymous.status, 401, `anonymous ${method} ${path}: ${JSON.stringify(anonymous.json)}`);
    assert.equal(anonymous.json.error, 'unauthorized');
    const nonMember = await request(db(path), { method, body, cookie: eve });
    assert.equal(nonMember.status, 403, `eve (no role) ${method} ${path}: ${JSON.stringify(nonMember.json)}`);
    const basic = await request(db(path), { method, body, basic: `eve:${server.SYNC_USER_PASSWORD}` });
    assert.equal(basic.status, 403, `eve (basic) ${method} ${path}`);
  }
  const member = await request(db(), { cookie: ana });
  assert.equal(member.status, 200, JSON.stringify(member.json));
  assert.equal(member.json.db_name, server.SYNC_DB);
  const other = await request(db(), { basic: `ben:${server.SYNC_USER_PASSWORD}` });
  assert.equal(other.status, 200);
  // A member is not a db admin: the security object is not theirs to change.
  const security = await request(db('/_security'), { method: 'PUT', cookie: ana, body: { members: {} } });
  assert.ok([401, 403].includes(security.status), `member PUT _security: ${security.status}`);
});

test('conflicting revisions written with new_edits:false resolve to the higher hash, the other in _conflicts', async () => {
  const ana = await signIn('ana');
  const id = `conflict-${randomBytes(4).toString('hex')}`;
  const hash = () => randomBytes(16).toString('hex');
  const root = hash();
  const [low, high] = [hash(), hash()].sort();
  const branch = (h, note) => ({
    _id: id,
    _rev: `2-${h}`,
    _revisions: { start: 2, ids: [h, root] },
    note,
  });
  // Written in the "wrong" order (the winner first), in two requests as two replicas would.
  for (const doc of [branch(high, 'from B'), branch(low, 'from A')]) {
    const res = await request(db('/_bulk_docs'), { method: 'POST', cookie: ana, body: { new_edits: false, docs: [doc] } });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual(res.json, [], 'new_edits:false reports no per-document results');
  }

  const winner = await request(db(`/${id}?conflicts=true`), { cookie: ana });
  assert.equal(winner.status, 200);
  assert.equal(winner.json._rev, `2-${high}`, 'equal generation: the lexicographically higher hash wins');
  assert.equal(winner.json.note, 'from B');
  assert.deepEqual(winner.json._conflicts, [`2-${low}`]);

  // Both leaves stay fetchable the way the replicator will fetch them.
  const got = await request(db('/_bulk_get?revs=true'), {
    method: 'POST', cookie: ana, body: { docs: [{ id, rev: `2-${low}` }, { id, rev: `2-${high}` }] },
  });
  assert.equal(got.status, 200);
  // Both leaves of one id come back in one result, in an order the protocol leaves
  // open (pouchdb-server's varies with the hashes): compared sorted.
  const docs = got.json.results.flatMap((r) => r.docs.map((d) => d.ok))
    .sort((a, b) => (a._rev < b._rev ? -1 : a._rev > b._rev ? 1 : 0));
  assert.deepEqual(docs.map((d) => d._rev), [`2-${low}`, `2-${high}`]);
  assert.deepEqual(docs[0]._revisions, { start: 2, ids: [low, root] });

  // _revs_diff: the server has both leaves, not an unknown third.
  const diff = await request(db('/_revs_diff'), {
    method: 'POST', cookie: ana, body: { [id]: [`2-${low}`, `2-${high}`, `3-${hash()}`] },
  });
  assert.equal(diff.status, 200);
  assert.equal(diff.json[id].missing.length, 1);
  assert.match(diff.json[id].missing[0], /^3-/);
});
