#!/usr/bin/env bash
# Every test the project has, in release (the same profile as the node, so dependencies
# compile once): unit tests of primitives and pallets, the runtime's genesis tests, and the
# node's end-to-end tests, which start the built ppa-node binary (one at a time; see
# .config/nextest.toml). Ends with nextest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# The runtime's wasm build finds this workspace (and its Cargo.lock) even when the target
# directory lies outside it.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
echo "test: target directory $CARGO_TARGET_DIR"
exec cargo nextest run --release --workspace --locked --no-fail-fast "$@"
