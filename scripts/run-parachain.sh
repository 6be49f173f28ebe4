#!/usr/bin/env bash
# The parachain build on this machine, without a relay chain: builds the release node (the same
# build as scripts/run.sh and scripts/test.sh) and starts the parachain runtime in the node's
# parachain development mode (`--chain parachain-dev`: Alice collates, a block sealed every
# 6-second slot with mocked relay-chain validation data and finalized at once; state in a
# temporary directory). It serves the same JSON-RPC as the standalone chain.
# `--chain parachain-demo` (as the first arguments) runs the demo grid instead. Extra
# arguments go to the node.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --release --locked --workspace --bins --tests
chain=parachain-dev
if [ "${1:-}" = "--chain" ] && [ -n "${2:-}" ]; then
	chain="$2"
	shift 2
fi
cat <<INFO

  PPA chain as a parachain ($chain, development mode: no relay chain) starting.
  JSON-RPC:          ws://127.0.0.1:9944  (also http://127.0.0.1:9944)
  Polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  Prometheus:        http://127.0.0.1:9615/metrics
  Stop with Ctrl-C.

INFO
exec "$CARGO_TARGET_DIR/release/ppa-node" --chain "$chain" --alice --tmp --rpc-port 9944 "$@"
