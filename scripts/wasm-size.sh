#!/usr/bin/env bash
# Trunk post-build hook: prints the size of the app's wasm, raw and gzip-compressed.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:-dist}"
for wasm in "$dir"/*.wasm; do
  [ -f "$wasm" ] || continue
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  printf 'wasm size: %s raw %d KB, gzip %d KB (%s build)\n' "$(basename "$wasm")" $((raw / 1024)) $((gz / 1024)) "${TRUNK_PROFILE:-?}"
done
