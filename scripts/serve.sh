#!/usr/bin/env bash
# One command to run the app: installs what is missing, builds, serves on
# http://127.0.0.1:8080 and rebuilds on change. Click "Load demo data" in the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec trunk serve --release "$@"
