#!/usr/bin/env bash
# web::couch's browser tests (tests/couch_browser.rs) in headless Chromium against a real
# pouchdb-server: starts one (scripts/sync-server.sh) in a state folder of its own, runs
#   cargo test --target wasm32-unknown-unknown --test couch_browser [extra cargo args]
# and always stops it again.
#
# The server's CORS admits exactly one origin, so the page's origin is fixed before the
# server starts: a free loopback port for wasm-bindgen-test-runner's page
# (WASM_BINDGEN_TEST_ADDRESS, or COUCH_TEST_PAGE_PORT to choose it). The tests get the
# server's URL at compile time (CRM_SYNC_URL): a wasm test has no environment at run time.
# Page and server are both on 127.0.0.1, so same-site: the AuthSession cookie
# (no SameSite attribute, so Lax) goes with credentialed fetches across the two ports.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Its own state folder, so a server started by hand (target/sync-server) is left alone.
SYNC_SERVER_STATE=$(mktemp -d "${TMPDIR:-/tmp}/crm-couch-browser.XXXXXX")
export SYNC_SERVER_STATE
cleanup() {
  scripts/sync-server.sh stop || true
  rm -rf "$SYNC_SERVER_STATE"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=${COUCH_TEST_PAGE_PORT:-$(free_port)}
export WASM_BINDGEN_TEST_ADDRESS=127.0.0.1:$port
export SYNC_ORIGIN=http://127.0.0.1:$port
CRM_SYNC_URL=$(scripts/sync-server.sh start)
export CRM_SYNC_URL
echo "==> web::couch browser tests: page $SYNC_ORIGIN, pouchdb-server $CRM_SYNC_URL"
cargo test --target wasm32-unknown-unknown --test couch_browser "$@"
