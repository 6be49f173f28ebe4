#!/usr/bin/env bash
# How big the chain's state grows: runs the state-size load test (runtime/standalone/tests/state_size.rs:
# PPAS PPAs, 1,000 by default, requisitioned, finalized and metered in every time block for DAYS
# grid days, 30 by default, with every hook), prints its table by storage item with the
# projection to a year of 100,000 PPAs, then loads the final state into a node's ParityDB as
# the genesis of a chain spec and measures the database directory.
#
#   scripts/state-size.sh                 # 1,000 PPAs, 30 grid days (about 4 minutes)
#   PPAS=200 DAYS=10 scripts/state-size.sh
#
# Output and the database go to $OUT (default target/state-size, under the target directory).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
export PPAS="${PPAS:-1000}" DAYS="${DAYS:-30}"
OUT="${OUT:-$CARGO_TARGET_DIR/state-size}"
rm -rf "$OUT" && mkdir -p "$OUT"
cargo build --release --locked --workspace --bins --tests
STATE_DUMP="$OUT/state.json" cargo test --release --locked -p ppa-runtime --test state_size \
	-- --ignored --nocapture 2>"$OUT/progress.log" | tee "$OUT/table.txt"

# The dev chain's spec with the measured state as its genesis (the runtime's code kept).
node="$CARGO_TARGET_DIR/release/ppa-node"
"$node" export-chain-spec --chain dev --raw --output "$OUT/dev.json"
node - "$OUT/dev.json" "$OUT/state.json" "$OUT/spec.json" <<'JS'
const fs = require('fs');
const [base, state, out] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(base, 'utf8'));
const top = JSON.parse(fs.readFileSync(state, 'utf8'));
const code = '0x3a636f6465'; // ":code"
top[code] = spec.genesis.raw.top[code];
spec.genesis.raw.top = top;
spec.id = 'state_size';
fs.writeFileSync(out, JSON.stringify(spec));
JS

# A full node imports a spec's genesis into its ParityDB; stopped once it serves the genesis
# hash, its database directory is measured (bytes). The dev chain's own genesis is the baseline:
# ParityDB preallocates its index files.
measure() {
	local spec=$1 dir=$2 port=$3
	"$node" --chain "$spec" --base-path "$dir" --rpc-port "$port" --port $((port + 20400)) \
		--no-mdns --no-telemetry --no-prometheus >"$dir.log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 600); do
		if curl -sf -H 'Content-Type: application/json' \
			-d '{"id":1,"jsonrpc":"2.0","method":"chain_getBlockHash","params":[0]}' \
			"http://127.0.0.1:$port" >/dev/null 2>&1; then
			break
		fi
		kill -0 "$pid" 2>/dev/null || { cat "$dir.log"; echo "the node stopped" >&2; exit 1; }
		sleep 1
	done
	kill -INT "$pid"
	wait "$pid" || true
	du -sb "$dir" | cut -f1
}
base=$(measure "$OUT/dev.json" "$OUT/db-dev" 9977)
db=$(measure "$OUT/spec.json" "$OUT/db" 9978)
echo
grep -o 'state after .*' "$OUT/table.txt" | head -1
echo "database directory (ParityDB) with that state as genesis: $db bytes;" \
	"the dev chain's genesis alone: $base bytes; the state adds $((db - base)) bytes"
