#!/usr/bin/env bash
# Regenerates the chain's weights: builds the node with the `runtime-benchmarks` feature (in a
# target directory of its own, BENCH_TARGET_DIR, so the everyday build is not invalidated;
# about 50 minutes from clean on two cores), then
#   scripts/benchmark.sh                   every pallet of ours (frame-benchmarking v2):
#                                          pallets/<name>/src/weights.rs
#   scripts/benchmark.sh pallet_registry   one pallet
#   scripts/benchmark.sh --database        the database's read and write weights, measured on
#                                          ParityDB holding the load tool's state (run
#                                          scripts/load.sh first: N PPAs, LOAD_DIR), and the
#                                          fixed cost of a block and of an extrinsic:
#                                          runtime/common/src/weights/*.rs
# STEPS and REPEAT (defaults 50 and 20) trade precision for time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Outside the workspace: the wasm builder of the CLI's own test runtime must not find this
# workspace's Cargo.lock (it looks upwards from the target directory).
EVERYDAY_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ppa-chain/bench-target}"
# No WASM_BUILD_WORKSPACE_HINT here: the benchmark CLI builds a test runtime of its own, which
# is not in this workspace's (feature-less) metadata and fails to build with the hint.
unset WASM_BUILD_WORKSPACE_HINT
cargo build --release --locked -p ppa-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/ppa-node"

if [ "${1:-}" = "--database" ]; then
	# Where scripts/load.sh leaves it: under the everyday target directory.
	LOAD_DIR="${LOAD_DIR:-${EVERYDAY_TARGET_DIR}/load}"
	[ -f "$LOAD_DIR/spec.json" ] && [ -d "$LOAD_DIR/db" ] ||
		{ echo "benchmark: no load state in $LOAD_DIR: run scripts/load.sh first" >&2; exit 1; }
	out=runtime/common/src/weights
	echo "benchmark: database weights on ParityDB with the state of $LOAD_DIR -> $out"
	# Reads and writes of every key of the state (values of the load's sizes), each timed.
	# In batches of about one full block's writes (the storage root is computed once a
	# block), charged at the 95th percentile times 1.4: at 100,000 PPAs the node took longer
	# to build full blocks than the 95th percentile alone made them weigh (metering 406 us
	# a reading built against 356 us weighed, finalization 457 against 422; the load tool,
	# docs/architecture.md "What one reading costs"). With 1.4 finalization weighs well above
	# its build time and metering about at it (README, "How much one block takes").
	"$NODE" benchmark storage --chain "$LOAD_DIR/spec.json" --base-path "$LOAD_DIR/db" \
		--database paritydb --state-version 1 --batch-size 10000 --metric p95 --mul 1.4 \
		--weight-path "$out" --template-path scripts/frame-db-weight-template.hbs
	# The header names the load directory as <load>: this machine's paths stay out of the tree.
	sed -e "s#$LOAD_DIR#<load>#g" "$out/paritydb_weights.rs" >"$out/paritydb.rs"
	rm "$out/paritydb_weights.rs"
	echo "benchmark: block and extrinsic overhead -> $out"
	"$NODE" benchmark overhead --chain dev --weight-path "$out" \
		--wasm-execution compiled
	# The runtime reads weights through frame_support (it has no sp-weights of its own).
	for kind in block extrinsic; do
		sed -e 's/use sp_weights::/use frame_support::weights::/' \
			-e 's/use sp_core::parameter_types;/use frame_support::parameter_types;/' \
			"$out/${kind}_weights.rs" >"$out/$kind.rs"
		rm "$out/${kind}_weights.rs"
	done
	exit 0
fi

PALLETS=("$@")
[ ${#PALLETS[@]} -gt 0 ] || PALLETS=(pallet_grid_clock pallet_registry pallet_escrow pallet_scheduling pallet_settlement pallet_defaults pallet_resale pallet_validator_set)
for pallet in "${PALLETS[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	[ -d "$dir" ] || { echo "benchmark: no folder $dir for $pallet" >&2; exit 1; }
	echo "benchmark: $pallet -> $dir/src/weights.rs"
	"$NODE" benchmark pallet --chain dev \
		--pallet "$pallet" --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
		--wasm-execution compiled --heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
