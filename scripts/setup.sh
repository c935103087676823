#!/usr/bin/env bash
# Installs whatever this project needs and is missing; skips what is already there at
# the right version, so a warm machine spends seconds here.
#   scripts/setup.sh        tools to build and serve the app
#   scripts/setup.sh test   ...plus Chromium, ChromeDriver and the test fonts
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml (CLI and crate must match).
WASM_BINDGEN_VERSION=0.2.130

log() { printf '==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() {
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! have cargo || ! have rustup; then
  echo "Rust (cargo + rustup) is required: install it from https://rustup.rs, then run this again." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION" --force
fi

if ! have node || ! have npm; then
  log "installing Node.js and npm"
  apt_install nodejs npm
fi

# npm pieces: playwright-core (drives Chromium), axe-core (accessibility rules for the
# end-to-end suite), binaryen's wasm-opt and pouchdb-server (the CouchDB-protocol server the
# sync tests start through scripts/sync-server.sh). npm ci runs again whenever the lock changes.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.lock-hash
fi

log "fetching crates"
cargo fetch --quiet

if [ "${1:-app}" = test ]; then
  if ! have chromium || ! have chromedriver; then
    log "installing Chromium and ChromeDriver"
    apt_install chromium chromium-driver
  fi
  # The deploy example (deploy/nginx-crm.conf) is tested in a real nginx.
  if ! have nginx && [ ! -x /usr/sbin/nginx ]; then
    log "installing nginx for the deploy example's test"
    apt_install nginx-light libnginx-mod-http-brotli-static
  fi
  # Chinese glyphs in screenshots (real users have their own fonts).
  if ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    log "installing a CJK font for screenshots"
    apt_install fonts-wqy-zenhei
  fi
fi
log "setup complete"
