#!/usr/bin/env bash
# Team sync on one machine, in one command: starts a local pouchdb-server with a team
# database and the users ana and ben (scripts/sync-server.sh), serves the built app at
# http://127.0.0.1:8080 with that server behind it at /couch/ (the same-origin set-up
# the README recommends for production), and stops the server on Ctrl-C.
#
#   scripts/try-sync.sh          (builds the app first if dist/ is missing)
#
# Then open the app in two browser profiles (or one normal and one private window), go
# to Data & backup → Sync and connect each with
#   Server URL  http://127.0.0.1:8080/couch
#   Database    crm-team
#   User name   ana (in one) and ben (in the other), password crm-test-pass
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
PORT=${PORT:-8080}
export SYNC_SERVER_STATE=${SYNC_SERVER_STATE:-$PWD/target/try-sync}
export SYNC_ORIGIN="http://127.0.0.1:$PORT"
[ -f dist/index.html ] || trunk build --release
scripts/sync-server.sh start
trap 'scripts/sync-server.sh stop' EXIT
URL=$(scripts/sync-server.sh url)
printf '\nTeam sync: open http://127.0.0.1:%s in two browser profiles; Data & backup → Sync:\n' "$PORT"
printf '  Server URL http://127.0.0.1:%s/couch · Database crm-team · User name ana / ben · Password crm-test-pass\n\n' "$PORT"
node tests/e2e/server.mjs dist "$PORT" / "$URL"
