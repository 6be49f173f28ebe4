#!/usr/bin/env bash
# The load tool: how much one node of this chain takes per 6-second block, measured in real
# blocks on this machine. It
#   1. builds a state of N real-time PPAs (runtime/standalone/tests/load.rs: 1 MW each, paid
#      from an advance, day D finalized, D+1 requisitioned, the clock at D 10:15 IST) and makes
#      it the genesis of a development chain spec (the dev runtime's code);
#   2. starts one node (Alice authoring, ParityDB, state in $OUT) from it;
#   3. runs, each phase on its own (scripts/polkadot-js/load.mjs): the metering of one time
#      block of all N PPAs (meter, charge, pay from advance), the finalization of D+1,
#      N requisitions for D+2 (one a call, then in batches per buyer), and N balance transfers
#      as the baseline;
#   4. prints per block the items taken, the block's weight and the time the node's log reports
#      for building it, then per block and per second for each phase, and the ratio of
#      PPA-blocks to transfers.
#
#   scripts/load.sh                      # N = 10,000
#   LOAD_PPAS=100000 scripts/load.sh     # a national grid (setup takes about 10 times longer)
#   scripts/load.sh meter transfer       # only some phases (meter finalize requisition
#                                        # requisition-batch transfer)
#   LOAD_METER_BATCH=256 scripts/load.sh meter   # readings a call (default MaxBatch, 512)
#
# Output (state, spec, node log, figures) goes to $OUT (default <target>/load).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
export LOAD_PPAS="${LOAD_PPAS:-10000}"
OUT="${OUT:-$CARGO_TARGET_DIR/load}"
PORT="${PORT:-9966}"
rm -rf "$OUT" && mkdir -p "$OUT"
say() { printf 'load: %s\n' "$*"; }

cargo build --release --locked --workspace --bins --tests
say "building the state of $LOAD_PPAS PPAs (natively, through the runtime's calls)"
start=$SECONDS
LOAD_DUMP="$OUT/state.json" LOAD_FACTS="$OUT/facts.json" \
	cargo test --release --locked -p ppa-runtime --test load -- --ignored --nocapture \
	>"$OUT/setup.log" 2>&1 || { tail -n 30 "$OUT/setup.log"; exit 1; }
say "state built in $((SECONDS - start)) s ($(du -h "$OUT/state.json" | cut -f1) of JSON)"

node="$CARGO_TARGET_DIR/release/ppa-node"
"$node" export-chain-spec --chain dev --raw --output "$OUT/dev.json"
# (Python: at 100,000 PPAs the state is larger than a JavaScript string may be.)
python3 - "$OUT/dev.json" "$OUT/state.json" "$OUT/spec.json" <<'PY'
import json, sys
base, state, out = sys.argv[1:]
spec = json.load(open(base))
top = json.load(open(state))
code = '0x3a636f6465'  # ":code"
top[code] = spec['genesis']['raw']['top'][code]
spec['genesis']['raw']['top'] = top
spec['id'] = 'load'
spec['name'] = 'PPA load'
json.dump(spec, open(out, 'w'))
PY
rm -f "$OUT/state.json"

say "starting the node (log in $OUT/node.log)"
"$node" --chain "$OUT/spec.json" --alice --validator --force-authoring \
	--unsafe-force-node-key-generation --base-path "$OUT/db" --rpc-port "$PORT" --port $((PORT + 20000)) \
	--no-mdns --no-telemetry --no-prometheus \
	--pool-limit $((LOAD_PPAS * 3)) --pool-kbytes $((LOAD_PPAS * 3)) \
	--rpc-max-response-size 256 --rpc-max-request-size 64 \
	-lbasic-authorship=info >"$OUT/node.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
	if curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"chain_getBlockHash","params":[1]}' \
		"http://127.0.0.1:$PORT" | grep -q '"0x'; then
		break
	fi
	kill -0 "$pid" 2>/dev/null || { tail -n 30 "$OUT/node.log"; say "the node stopped"; exit 1; }
	sleep 1
done
say "the node has made its first block; driving the load"
# One driver process a phase: each starts from a fresh connection.
phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(meter finalize requisition requisition-batch transfer)
for phase in "${phases[@]}"; do
	node scripts/polkadot-js/load.mjs "ws://127.0.0.1:$PORT" "$OUT/facts.json" "$OUT/node.log" \
		"$phase"
done | tee "$OUT/figures.txt"
python3 - "$OUT/figures.txt" <<'PY'
import json, sys
results = {}
for line in open(sys.argv[1]):
    if line.startswith('RESULT '):
        results.update(json.loads(line[len('RESULT '):]))
print('load: per block', json.dumps(results))
if results.get('meter') and results.get('transfer'):
    print('load: PPA-blocks per block / transfers per block: %.2f'
          % (results['meter'] / results['transfer']))
PY
