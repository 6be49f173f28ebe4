#!/usr/bin/env bash
# Prerequisites for building and testing the chain, installed if missing (idempotent):
#   - protoc (Debian's protobuf-compiler), needed by the networking crates;
#   - the wasm32v1-none rustup target, for the runtime's wasm;
#   - cargo-nextest, the test runner of scripts/test.sh.
# Prints what it checked; stops with a clear message if something cannot be had.
set -euo pipefail

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo not found: install Rust with rustup (https://rustup.rs)"
command -v rustup >/dev/null || fail "rustup not found: the wasm32v1-none target is installed with rustup"

if ! command -v protoc >/dev/null; then
	say "installing protoc (protobuf-compiler)"
	if command -v apt-get >/dev/null; then
		SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq protobuf-compiler >/dev/null
	else
		fail "protoc missing and no apt-get: install protobuf-compiler with your package manager"
	fi
fi
command -v protoc >/dev/null || fail "protoc still missing after install"
say "protoc: $(protoc --version)"

if ! rustup target list --installed | grep -qx wasm32v1-none; then
	say "adding the rustup target wasm32v1-none"
	rustup target add wasm32v1-none
fi
rustup target list --installed | grep -qx wasm32v1-none || fail "wasm32v1-none target missing"
say "rust: $(rustc --version); target wasm32v1-none installed"

if ! cargo nextest --version >/dev/null 2>&1; then
	say "installing cargo-nextest"
	cargo install cargo-nextest --locked
fi
say "$(cargo nextest --version | head -n1)"

# Node.js and npm, for the @polkadot/api test (node/tests/polkadot_js.rs), and the test's
# packages from the npm registry, exactly as scripts/polkadot-js/package-lock.json pins them.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	say "installing Node.js and npm"
	if command -v apt-get >/dev/null; then
		SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
	else
		fail "node/npm missing and no apt-get: install Node.js 18 or later"
	fi
fi
say "node $(node --version), npm $(npm --version 2>/dev/null)"
JS_DIR="$(cd "$(dirname "$0")" && pwd)/polkadot-js"
STAMP="$JS_DIR/node_modules/.package-lock.json"
if [ ! -f "$STAMP" ] || [ "$JS_DIR/package-lock.json" -nt "$STAMP" ]; then
	say "installing the @polkadot/api test's packages (npm ci)"
	(cd "$JS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
[ -d "$JS_DIR/node_modules/@polkadot/api" ] || fail "@polkadot/api missing in $JS_DIR/node_modules"
say "@polkadot/api $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$JS_DIR/node_modules/@polkadot/api/package.json" | head -n1)"

# The portal's packages (portal/package-lock.json) and Debian's Chromium, which its browser
# test (node/tests/demo.rs, portal/test/browser.mjs) drives headless.
PORTAL_DIR="$(cd "$(dirname "$0")/.." && pwd)/portal"
STAMP="$PORTAL_DIR/node_modules/.package-lock.json"
if [ ! -f "$STAMP" ] || [ "$PORTAL_DIR/package-lock.json" -nt "$STAMP" ]; then
	say "installing the portal's packages (npm ci)"
	(cd "$PORTAL_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
[ -d "$PORTAL_DIR/node_modules/playwright-core" ] || fail "playwright-core missing in $PORTAL_DIR/node_modules"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
	say "installing Chromium (Debian's chromium), for the portal's browser test"
	if command -v apt-get >/dev/null; then
		SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
	else
		fail "chromium missing and no apt-get: install Chromium and set CHROMIUM to its path"
	fi
fi
[ -x "$CHROMIUM" ] || fail "Chromium missing at $CHROMIUM"
say "$("$CHROMIUM" --version 2>/dev/null | head -n1)"
