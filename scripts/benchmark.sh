#!/usr/bin/env bash
# Regenerates the weights of the chain's own pallets from their frame-benchmarking v2
# benchmarks: builds the node with the `runtime-benchmarks` feature (in a target directory of
# its own, so the everyday build is not invalidated) and writes pallets/<name>/src/weights.rs.
#   scripts/benchmark.sh                 every pallet of ours
#   scripts/benchmark.sh pallet_registry one pallet
# STEPS and REPEAT (defaults 50 and 20) trade precision for time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-${CARGO_TARGET_DIR:-$PWD/target}-bench}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --release --locked -p ppa-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/ppa-node"

PALLETS=("$@")
[ ${#PALLETS[@]} -gt 0 ] || PALLETS=(pallet_registry)
for pallet in "${PALLETS[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	[ -d "$dir" ] || { echo "benchmark: no folder $dir for $pallet" >&2; exit 1; }
	echo "benchmark: $pallet -> $dir/src/weights.rs"
	"$NODE" benchmark pallet --runtime "$(ls "$CARGO_TARGET_DIR"/release/wbuild/ppa-runtime/ppa_runtime.compact.compressed.wasm)" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
		--wasm-execution compiled --heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
