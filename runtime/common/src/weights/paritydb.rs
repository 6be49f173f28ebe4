//! The database's read and write weights, measured by `ppa-node benchmark storage` (generated
//! by `scripts/benchmark.sh --database`; do not edit by hand).
//!
//! Benchmark CLI 64.0.0, 2026-12-07 (Y/M/D), CPU `AMD EPYC`.
//! Database `ParityDb` holding the load tool's state at block Number(43); state version
//! V1, warmups 1, batches of
//! 10000 keys; weight = P95Percentile x
//! 1.4 + 0.

// Executed command:
//   /root/.cache/ppa-chain/bench-target/release/ppa-node
//   benchmark
//   storage
//   --chain
//   <load>/spec.json
//   --base-path
//   <load>/db
//   --database
//   paritydb
//   --state-version
//   1
//   --batch-size
//   10000
//   --metric
//   p95
//   --mul
//   1.4
//   --weight-path
//   runtime/common/src/weights
//   --template-path
//   scripts/frame-db-weight-template.hbs

/// Storage weights of the node's own database, ParityDB (the chain keeps no RocksDB).
pub mod constants {
	use frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// One storage read, ns: min 731, median
			// 5_849, average 6_556, 99th percentile
			// 10_917, max 3_352_058.
			read: 12_450 * constants::WEIGHT_REF_TIME_PER_NANOS,
			// One storage write, ns: min 17_455, median
			// 23_678, average 24_031, 99th percentile
			// 32_184, max 42_458.
			write: 40_121 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use frame_support::weights::constants;

		/// The measured weights are in a sane range: at least 1 us and at most 1 ms.
		#[test]
		fn database_weights_are_in_a_sane_range() {
			for one in [W::get().reads(1), W::get().writes(1)] {
				assert!(one.ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS);
				assert!(one.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS);
			}
		}
	}
}
