#!/usr/bin/env bash
# Browser benchmark in headless Chromium. Prints one JSON object per benchmark and
# writes them to target/bench.json. CRM_BENCH_CUSTOMERS=10000 for a quick run; a test
# name (list_at_scale, value_at_scale, startup_at_scale, value_open_at_scale,
# backup_at_scale) runs just that one; run them one at a time for memory figures (the
# tests share one page, and wasm memory never shrinks).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-900}"
mkdir -p target
cargo test --release --target wasm32-unknown-unknown --test bench -- --nocapture "$@" | tee target/bench.log
if ! grep '^BENCH ' target/bench.log | sed 's/^BENCH //' > target/bench.json; then
  echo "the benchmark printed no figures; see target/bench.log" >&2
  exit 1
fi
echo "figures written to target/bench.json"
