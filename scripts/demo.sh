#!/usr/bin/env bash
# The demo: builds the node (the same build as scripts/run.sh and scripts/test.sh), starts it on
# the `demo` preset (a grid from 1 April 2026 whose clock the operator speeds up and slows
# down) and plays the whole story through the node's JSON-RPC with @polkadot/api
# (scripts/polkadot-js/demo.mjs): schedules, metering, real-time settlement, a discom that
# stops paying, LC drawn, LPS, default, graded regulation, resale to other discoms, payment
# and restoration. Each step is checked against the chain; a mismatch stops it with a non-zero
# exit. The node's log: $DEMO_LOG (default: a temporary file, printed on failure).
#
#   scripts/demo.sh            # RPC on ws://127.0.0.1:9944
#   DEMO_RPC_PORT=9955 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --release --locked --workspace --bins --tests

port="${DEMO_RPC_PORT:-9944}"
log="${DEMO_LOG:-$(mktemp -t ppa-demo-node.XXXXXX.log)}"
"$CARGO_TARGET_DIR/release/ppa-node" --chain demo --alice --validator --force-authoring --tmp \
	--rpc-port "$port" --port "${DEMO_P2P_PORT:-30444}" --prometheus-port "${DEMO_PROMETHEUS_PORT:-9616}" \
	--node-key 0000000000000000000000000000000000000000000000000000000000000001 >"$log" 2>&1 &
node_pid=$!
stop() { kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; }
trap stop EXIT

# The node answers JSON-RPC within a few seconds; give a slow machine a minute.
for _ in $(seq 1 120); do
	if curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' \
		"http://127.0.0.1:$port" >/dev/null 2>&1; then
		break
	fi
	kill -0 "$node_pid" 2>/dev/null || { cat "$log"; echo "demo: the node stopped" >&2; exit 1; }
	sleep 0.5
done

echo "demo: node on ws://127.0.0.1:$port (log: $log); Polkadot.js Apps:"
echo "      https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$port#/explorer"
if ! node scripts/polkadot-js/demo.mjs "ws://127.0.0.1:$port"; then
	echo "demo: FAILED (node log: $log)" >&2
	exit 1
fi
