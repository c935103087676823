#!/usr/bin/env bash
# A CouchDB-protocol server for the team-sync tests (docs: /work/shared/design/team-sync.md §7–8).
#
#   scripts/sync-server.sh start   start pouchdb-server (the pinned devDependency) on a free
#                                  loopback port in a temp folder, set up the team database,
#                                  and prove its _security is enforced; prints the base URL
#   scripts/sync-server.sh stop    stop it (by the PID it recorded) and delete its folder
#   scripts/sync-server.sh url     print the base URL
#   scripts/sync-server.sh env     print SYNC_* variables for `eval` (URL, database, users)
#
# With COUCHDB_URL set (a real CouchDB 3), nothing is started or stopped: `start` only does
# the setup and the proof there, as COUCHDB_ADMIN_USER / COUCHDB_ADMIN_PASSWORD.
#
# Setup: a server admin; users ana and ben (role crm-team) and eve (no role); database
# crm-team with _security members.roles [crm-team], admins.roles [crm-team-lead]; CORS for
# exactly SYNC_ORIGIN (default http://127.0.0.1:8080) with credentials.
#
# pouchdb-server 4.2.0 alone does NOT enforce _security on every route: `_bulk_get` and
# `_find` return all documents to anonymous users and non-members, and a member can rewrite
# `_local/_security`. It has no setting for this (no require_valid_user), so it is started
# with scripts/pouchdb-server-guard.cjs preloaded, which adds CouchDB's member check.
#
# Environment: SYNC_SERVER_STATE (folder for pid/url files, default target/sync-server; give
# each concurrent user its own), SYNC_ORIGIN, SYNC_USER_PASSWORD (for ana, ben, eve).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

STATE=${SYNC_SERVER_STATE:-$ROOT/target/sync-server}
ORIGIN=${SYNC_ORIGIN:-http://127.0.0.1:8080}
DB=crm-team
MEMBER_ROLE=crm-team
LEAD_ROLE=crm-team-lead
USER_PASSWORD=${SYNC_USER_PASSWORD:-crm-test-pass}
BIN=$ROOT/node_modules/pouchdb-server/bin/pouchdb-server
GUARD=$ROOT/scripts/pouchdb-server-guard.cjs

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'sync-server: %s\n' "$*" >&2; exit 1; }

if [ -n "${COUCHDB_URL:-}" ]; then
  MODE=couchdb
  BASE=${COUCHDB_URL%/}
  ADMIN_USER=${COUCHDB_ADMIN_USER:-}
  ADMIN_PASSWORD=${COUCHDB_ADMIN_PASSWORD:-}
else
  MODE=local
  BASE=$(cat "$STATE/url" 2>/dev/null || true)
  # A loopback test server only: the admin password is not a secret.
  ADMIN_USER=admin
  ADMIN_PASSWORD=${SYNC_ADMIN_PASSWORD:-crm-admin-pass}
fi

# --- HTTP helper: http METHOD PATH [JSON body] [curl args...]; sets STATUS and BODY -------
http() {
  local method=$1 path=$2 data=${3:-}
  shift 3 2>/dev/null || shift $#
  local out
  out=$(mktemp)
  local args=(-sS -o "$out" -w '%{http_code}' -X "$method" -H 'Accept: application/json' "$@")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  STATUS=$(curl "${args[@]}" "$BASE$path") || STATUS=000
  BODY=$(cat "$out")
  rm -f "$out"
}
as_admin=(-u "$ADMIN_USER:$ADMIN_PASSWORD")
expect() { # expect "what" code... : fails unless STATUS is one of the codes
  local what=$1; shift
  for code in "$@"; do [ "$STATUS" = "$code" ] && { log "ok   $what -> $STATUS"; return 0; }; done
  FAILED=1
  printf 'FAIL %s -> %s (wanted %s): %s\n' "$what" "$STATUS" "$*" "$BODY" >&2
}

alive() { [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] && ! awk '{exit $3 != "Z"}' "/proc/$1/stat"; }
is_ours() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'pouchdb-server'; }

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

stop_local() {
  local pid dir
  pid=$(cat "$STATE/pid" 2>/dev/null || true)
  dir=$(cat "$STATE/dir" 2>/dev/null || true)
  if alive "$pid" && is_ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    # If this shell is the parent (start failed part-way), reap it. Otherwise the server was
    # orphaned when `start` returned, and init reaps it (here within ~1 s): wait for that, so
    # no zombie is left behind when `stop` returns.
    wait "$pid" 2>/dev/null || true
    for _ in $(seq 100); do [ -e "/proc/$pid" ] || break; sleep 0.05; done
    if [ -e "/proc/$pid" ]; then
      log "stopped pouchdb-server (pid $pid), but its parent has not reaped it yet"
    else
      log "stopped pouchdb-server (pid $pid)"
    fi
  fi
  case $dir in "${TMPDIR:-/tmp}"/crm-sync-server.*) rm -rf "$dir" ;; esac
  rm -f "$STATE/pid" "$STATE/url" "$STATE/dir"
}

start_local() {
  [ -e "$BIN" ] || die "pouchdb-server is not installed: run scripts/setup.sh (npm ci installs the devDependencies)"
  local pid
  pid=$(cat "$STATE/pid" 2>/dev/null || true)
  if alive "$pid" && is_ours "$pid"; then die "already running (pid $pid, $(cat "$STATE/url")); run stop first"; fi
  stop_local 2>/dev/null # stale files from a run that was killed
  mkdir -p "$STATE"
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-sync-server.XXXXXX")
  echo "$dir" >"$STATE/dir"
  # The config file backs /_config; the log goes in the temp folder, not the working directory.
  printf '{\n  "log": {"file": "%s/log.txt", "level": "info"}\n}\n' "$dir" >"$dir/config.json"
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    BASE=http://127.0.0.1:$port
    # -n: no log tailing to stdout (the log is in $dir/log.txt). Fauxton (/_utils) cannot be
    # switched off from the command line; nothing here uses it.
    nohup node --require "$GUARD" "$BIN" -o 127.0.0.1 -p "$port" -d "$dir/data" -c "$dir/config.json" -n \
      </dev/null >"$dir/stdout.txt" 2>&1 &
    pid=$!
    echo "$pid" >"$STATE/pid"
    for _ in $(seq 200); do
      grep -q 'already in use' "$dir/stdout.txt" && break
      alive "$pid" || die "pouchdb-server exited: $(cat "$dir/stdout.txt")"
      if curl -sf -o "$dir/root.json" "$BASE/" && grep -q '"express-pouchdb"' "$dir/root.json"; then
        echo "$BASE" >"$STATE/url"
        log "pouchdb-server $(node -p "require('$ROOT/node_modules/pouchdb-server/package.json').version") on $BASE (pid $pid, folder $dir)"
        return 0
      fi
      sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    log "port $port was taken (attempt $attempt); trying another"
  done
  stop_local
  die "could not start pouchdb-server: $(cat "$dir/stdout.txt" 2>/dev/null)"
}

setup() {
  local cfg
  if [ "$MODE" = local ]; then
    cfg=/_config
    http PUT "$cfg/admins/$ADMIN_USER" "\"$ADMIN_PASSWORD\""
    expect "create server admin $ADMIN_USER" 200
  else
    [ -n "$ADMIN_USER" ] && [ -n "$ADMIN_PASSWORD" ] || die "COUCHDB_URL needs COUCHDB_ADMIN_USER and COUCHDB_ADMIN_PASSWORD"
    cfg=/_node/_local/_config
  fi
  http GET / ""; expect "GET / (server answers)" 200
  http PUT /_users "" "${as_admin[@]}"; expect "create _users" 201 202 412
  local name roles
  for spec in "ana:[\"$MEMBER_ROLE\"]" "ben:[\"$MEMBER_ROLE\"]" "eve:[]"; do
    name=${spec%%:*} roles=${spec#*:}
    local doc="{\"_id\":\"org.couchdb.user:$name\",\"name\":\"$name\",\"type\":\"user\",\"roles\":$roles,\"password\":\"$USER_PASSWORD\""
    http PUT "/_users/org.couchdb.user:$name" "$doc}" "${as_admin[@]}"
    if [ "$STATUS" = 409 ]; then # re-run against a real server: update in place
      http GET "/_users/org.couchdb.user:$name" "" "${as_admin[@]}"
      local rev
      rev=$(printf '%s' "$BODY" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)._rev))')
      http PUT "/_users/org.couchdb.user:$name" "$doc,\"_rev\":\"$rev\"}" "${as_admin[@]}"
    fi
    expect "user $name roles $roles" 201 202
  done
  http PUT "/$DB" "" "${as_admin[@]}"; expect "create database $DB" 201 202 412
  local security="{\"members\":{\"roles\":[\"$MEMBER_ROLE\"]},\"admins\":{\"roles\":[\"$LEAD_ROLE\"]}}"
  http PUT "/$DB/_security" "$security" "${as_admin[@]}"; expect "set $DB/_security" 200
  # CORS for one exact origin with credentials (CouchDB forbids "*" with credentials;
  # pouchdb-server's default is "*"). CouchDB 3 reads [chttpd] enable_cors, older [httpd].
  local sections=(httpd)
  [ "$MODE" = couchdb ] && sections=(chttpd httpd)
  for section in "${sections[@]}"; do
    http PUT "$cfg/$section/enable_cors" '"true"' "${as_admin[@]}"; expect "$section/enable_cors" 200
  done
  http PUT "$cfg/cors/origins" "\"$ORIGIN\"" "${as_admin[@]}"; expect "cors/origins = $ORIGIN" 200
  http PUT "$cfg/cors/credentials" '"true"' "${as_admin[@]}"; expect "cors/credentials" 200
  http PUT "$cfg/cors/methods" '"GET, PUT, POST, HEAD, DELETE"' "${as_admin[@]}"; expect "cors/methods" 200
  http PUT "$cfg/cors/headers" '"accept, authorization, content-type, origin, referer"' "${as_admin[@]}"; expect "cors/headers" 200
}

session_cookie() { # session_cookie NAME : prints the AuthSession cookie value
  curl -sS -D - -o /dev/null -H 'Content-Type: application/json' \
    --data-binary "{\"name\":\"$1\",\"password\":\"$USER_PASSWORD\"}" "$BASE/_session" |
    sed -n 's/^[Ss]et-[Cc]ookie: *AuthSession=\([^;]*\).*/\1/p' | head -1
}

prove() {
  local eve_cookie ana_cookie
  eve_cookie=$(session_cookie eve)
  ana_cookie=$(session_cookie ana)
  [ -n "$eve_cookie" ] && [ -n "$ana_cookie" ] || { FAILED=1; log "FAIL: POST /_session gave no AuthSession cookie"; }
  local -A who=([anonymous]="" [eve-basic]="-u eve:$USER_PASSWORD" [eve-cookie]="-b AuthSession=$eve_cookie")
  for w in anonymous eve-basic eve-cookie; do
    # shellcheck disable=SC2086 # word splitting of the credential arguments is intended
    {
      http GET "/$DB" "" ${who[$w]}; expect "$w GET /$DB refused" 401 403
      http GET "/$DB/_changes?since=0" "" ${who[$w]}; expect "$w GET _changes refused" 401 403
      http POST "/$DB/_bulk_get" '{"docs":[{"id":"probe"}]}' ${who[$w]}; expect "$w POST _bulk_get refused" 401 403
      http POST "/$DB/_find" '{"selector":{}}' ${who[$w]}; expect "$w POST _find refused" 401 403
      http POST "/$DB/_bulk_docs" '{"docs":[{"_id":"intruder"}]}' ${who[$w]}
      # pouchdb-server refuses per document inside a 201; the guard makes it a 401/403.
      expect "$w POST _bulk_docs refused" 401 403
    }
  done
  http GET "/$DB" "" -b "AuthSession=$ana_cookie"; expect "member ana (cookie) GET /$DB" 200
  http GET "/$DB" "" -u "ben:$USER_PASSWORD"; expect "member ben (basic) GET /$DB" 200
  # A member must not be able to rewrite the security object through its storage doc.
  http PUT "/$DB/_local/_security" '{"security":{"members":{},"admins":{"names":["ana"]}}}' -b "AuthSession=$ana_cookie"
  http GET "/$DB/_security" "" "${as_admin[@]}"
  if printf '%s' "$BODY" | grep -q "\"$MEMBER_ROLE\"" && ! printf '%s' "$BODY" | grep -q '"ana"'; then
    log "ok   member cannot change _security through _local/_security"
  else FAILED=1; log "FAIL: _security changed by a member: $BODY"; fi
  # CORS preflight: the configured origin is allowed with credentials, another is not.
  local headers
  headers=$(curl -sS -o /dev/null -D - -X OPTIONS -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: content-type' "$BASE/$DB/_bulk_docs" | tr -d '\r')
  if grep -qix "access-control-allow-origin: $ORIGIN" <<<"$headers" && grep -qix 'access-control-allow-credentials: true' <<<"$headers"; then
    log "ok   CORS preflight from $ORIGIN allowed with credentials"
  else FAILED=1; log "FAIL: CORS preflight from $ORIGIN: $headers"; fi
  headers=$(curl -sS -o /dev/null -D - -X OPTIONS -H 'Origin: http://evil.example' -H 'Access-Control-Request-Method: POST' \
    "$BASE/$DB/_bulk_docs" | tr -d '\r')
  if grep -qi '^access-control-allow-origin:' <<<"$headers"; then
    FAILED=1; log "FAIL: CORS allows another origin: $headers"
  else log "ok   CORS preflight from another origin gets no allow-origin"; fi
}

case "${1:-}" in
  start)
    [ "$MODE" = local ] && start_local
    FAILED=0
    setup
    prove
    if [ "$FAILED" != 0 ]; then
      [ "$MODE" = local ] && stop_local
      die "setup or enforcement check failed (see above)"
    fi
    echo "$BASE"
    ;;
  stop)
    if [ "$MODE" = local ]; then stop_local; else log "COUCHDB_URL is set: nothing to stop"; fi
    ;;
  url)
    [ -n "$BASE" ] || die "not running (scripts/sync-server.sh start)"
    echo "$BASE"
    ;;
  env)
    [ -n "$BASE" ] || die "not running (scripts/sync-server.sh start)"
    printf 'SYNC_URL=%q\nSYNC_DB=%q\nSYNC_MEMBERS=%q\nSYNC_NON_MEMBER=%q\nSYNC_USER_PASSWORD=%q\nSYNC_ORIGIN=%q\n' \
      "$BASE" "$DB" "ana ben" eve "$USER_PASSWORD" "$ORIGIN"
    ;;
  *)
    echo "usage: $0 start|stop|url|env" >&2
    exit 2
    ;;
esac
