#!/usr/bin/env bash
# A local validator network (`--chain local`, whose genesis authorities are Alice, Bob,
# Charlie and Dave) on loopback:
#
#   scripts/local-testnet.sh [--validators N] [--logs DIR]
#
# --validators N  how many of the four genesis validators to start (1-4, default 4). GRANDPA
#                 finalizes with 3 or more; with fewer, blocks are built in their Aura slots
#                 but not finalized.
# --logs DIR      where each node writes its log, DIR/<name>.log (default ./local-testnet-logs);
#                 kept after the network stops.
#
# Ports: p2p 30333+i, JSON-RPC 9944+i, Prometheus 9615+i for the i-th validator. Waits until
# the network builds (and, with 3 or more, finalizes) blocks, then runs until Ctrl-C, when it
# stops every validator cleanly. Data lives in a temporary directory removed at exit (set
# BASE_DIR to keep it).
set -euo pipefail
cd "$(dirname "$0")/.."

VALIDATORS=4
LOG_DIR="${LOG_DIR:-$PWD/local-testnet-logs}"
while [ $# -gt 0 ]; do
	case "$1" in
		--validators) VALIDATORS="${2:-}"; shift 2 ;;
		--validators=*) VALIDATORS="${1#*=}"; shift ;;
		--logs) LOG_DIR="${2:-}"; shift 2 ;;
		--logs=*) LOG_DIR="${1#*=}"; shift ;;
		-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) echo "local-testnet: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
case "$VALIDATORS" in
	1|2|3|4) ;;
	*) echo "local-testnet: --validators must be 1 to 4: the local chain has four genesis authorities" >&2; exit 2 ;;
esac
mkdir -p "$LOG_DIR"
LOG_DIR="$(cd "$LOG_DIR" && pwd)"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# The runtime's wasm build finds this workspace (and its Cargo.lock) even when the target
# directory lies outside it.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
NODE="$CARGO_TARGET_DIR/release/ppa-node"
if [ ! -x "$NODE" ] || [ "${BUILD:-1}" = 1 ]; then
	scripts/setup.sh
	cargo build --release --locked --workspace --bins --tests
fi

KEEP=0
if [ -n "${BASE_DIR:-}" ]; then KEEP=1; else BASE_DIR="$(mktemp -d -t ppa-local-XXXXXX)"; fi
mkdir -p "$BASE_DIR"
NAMES=(alice bob charlie dave)
PIDS=()

stop_all() {
	trap - INT TERM EXIT
	echo "local-testnet: stopping validators"
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	[ "$KEEP" = 1 ] || rm -rf "$BASE_DIR"
	echo "local-testnet: stopped"
	exit 0
}
trap stop_all INT TERM EXIT

# Alice's node key is fixed so that the others can use her as their bootnode.
ALICE_KEY=0000000000000000000000000000000000000000000000000000000000000001
echo -n "$ALICE_KEY" > "$BASE_DIR/alice.key"
ALICE_PEER="$("$NODE" key inspect-node-key --file "$BASE_DIR/alice.key")"
BOOTNODE="/ip4/127.0.0.1/tcp/30333/p2p/$ALICE_PEER"

for ((i = 0; i < VALIDATORS; i++)); do
	name="${NAMES[$i]}"
	args=(--chain local "--$name" --validator --base-path "$BASE_DIR/$name"
		--port $((30333 + i)) --rpc-port $((9944 + i)) --prometheus-port $((9615 + i))
		--node-key "$(printf '%064x' $((i + 1)))" --no-telemetry --name "$name")
	[ "$i" -gt 0 ] && args+=(--bootnodes "$BOOTNODE")
	"$NODE" "${args[@]}" >"$LOG_DIR/$name.log" 2>&1 &
	PIDS+=($!)
	echo "local-testnet: $name pid $! rpc ws://127.0.0.1:$((9944 + i)) log $LOG_DIR/$name.log"
done

rpc() { curl -s -H 'Content-Type: application/json' -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":$3}" "http://127.0.0.1:$1"; }
finalized() {
	local hash
	hash="$(rpc "$1" chain_getFinalizedHead '[]' | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')"
	[ -n "$hash" ] || { echo 0; return; }
	rpc "$1" chain_getHeader "[\"$hash\"]" | sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p' | xargs printf '%d\n' 2>/dev/null || echo 0
}

best() {
	rpc "$1" chain_getHeader '[]' | sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p' | xargs printf '%d\n' 2>/dev/null || echo 0
}

deadline=$((SECONDS + ${WAIT_SECS:-300}))
if [ "$VALIDATORS" -ge 3 ]; then
	echo "local-testnet: waiting for finality (up to ${WAIT_SECS:-300} s)"
	until [ "$(finalized 9944)" -ge 2 ] 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || { echo "local-testnet: no finality; see the logs in $LOG_DIR" >&2; exit 1; }
		sleep 2
	done
	echo "local-testnet: $VALIDATORS validators finalizing (finalized block $(finalized 9944)). Polkadot.js Apps:"
else
	echo "local-testnet: waiting for blocks (up to ${WAIT_SECS:-300} s); $VALIDATORS of 4 validators cannot finalize"
	until [ "$(best 9944)" -ge 2 ] 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || { echo "local-testnet: no blocks; see the logs in $LOG_DIR" >&2; exit 1; }
		sleep 2
	done
	echo "local-testnet: $VALIDATORS validator(s) building blocks (best block $(best 9944)). Polkadot.js Apps:"
fi
echo "  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer"
echo "local-testnet: Ctrl-C to stop"
wait -n "${PIDS[@]}" || true
echo "local-testnet: a validator exited; see the logs in $LOG_DIR" >&2
