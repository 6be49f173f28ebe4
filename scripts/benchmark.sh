#!/usr/bin/env bash
# Regenerates the weights of the chain's own pallets from their frame-benchmarking v2
# benchmarks: builds the node with the `runtime-benchmarks` feature (in a target directory of
# its own, BENCH_TARGET_DIR, so the everyday build is not invalidated; about 50 minutes from
# clean on two cores) and writes pallets/<name>/src/weights.rs.
#   scripts/benchmark.sh                 every pallet of ours
#   scripts/benchmark.sh pallet_registry one pallet
# STEPS and REPEAT (defaults 50 and 20) trade precision for time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Outside the workspace: the wasm builder of the CLI's own test runtime must not find this
# workspace's Cargo.lock (it looks upwards from the target directory).
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ppa-chain/bench-target}"
# No WASM_BUILD_WORKSPACE_HINT here: the benchmark CLI builds a test runtime of its own, which
# is not in this workspace's (feature-less) metadata and fails to build with the hint.
unset WASM_BUILD_WORKSPACE_HINT
cargo build --release --locked -p ppa-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/ppa-node"

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
