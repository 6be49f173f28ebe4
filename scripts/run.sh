#!/usr/bin/env bash
# The main job: build the release node and start a development chain on this machine
# (one validator, Alice; state in a temporary directory). Extra arguments go to the node.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# The runtime's wasm build finds this workspace (and its Cargo.lock) even when the target
# directory lies outside it.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
# The same build as scripts/test.sh (node and test binaries, one feature set), so that running
# the chain after the tests, or the tests after the chain, compiles nothing twice.
cargo build --release --locked --workspace --bins --tests
cat <<INFO

  PPA chain (development) starting.
  JSON-RPC:          ws://127.0.0.1:9944  (also http://127.0.0.1:9944)
  Polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  Prometheus:        http://127.0.0.1:9615/metrics
  Stop with Ctrl-C.

INFO
exec "$CARGO_TARGET_DIR/release/ppa-node" --dev --rpc-port 9944 "$@"
