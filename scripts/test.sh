#!/usr/bin/env bash
# One command to run every test: native domain tests, wasm-bindgen tests in headless
# Chromium, and Playwright end-to-end tests against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

echo "==> native tests (domain, in-memory storage)"
cargo test --quiet

echo "==> browser tests (IndexedDB adapter) in headless Chromium"
# Every tests/*.rs that runs in the browser (the native-only ones are cfg'd out there),
# except those that need the sync server: they run next, with one.
browser_tests=()
for file in tests/*.rs; do
  grep -q 'CRM_SYNC_URL' "$file" && continue
  grep -q 'wasm_bindgen_test_configure!(run_in_browser)' "$file" && browser_tests+=(--test "$(basename "$file" .rs)")
done
cargo test --target wasm32-unknown-unknown "${browser_tests[@]}"

echo "==> browser tests against pouchdb-server (web::couch)"
scripts/test-couch-browser.sh

echo "==> release build"
trunk build --release

echo "==> end-to-end tests (Playwright + Chromium)"
export SCREENSHOT_DIR="$PWD/test-artifacts/screenshots"
node --test --test-concurrency=1 tests/e2e/
echo "Screenshots are in $SCREENSHOT_DIR"
