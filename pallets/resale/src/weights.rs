
//! Weights for `pallet_resale`: provisional, until `scripts/benchmark.sh pallet_resale`
//! regenerates this file from the benchmarks.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_resale`.
pub trait WeightInfo {
	fn set_parameters() -> Weight;
	fn offer() -> Weight;
	fn bid() -> Weight;
	fn withdraw_bid() -> Weight;
	fn clear_block(b: u32, ) -> Weight;
	fn settle_delivery(w: u32, ) -> Weight;
	fn auto_offer() -> Weight;
}

/// Weights for `pallet_resale`, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_parameters() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn offer() -> Weight {
		Weight::from_parts(60_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn bid() -> Weight {
		Weight::from_parts(50_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn withdraw_bid() -> Weight {
		Weight::from_parts(40_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn clear_block(b: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3000)
			.saturating_add(Weight::from_parts(60_000_000, 2600).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(b.into())))
	}
	fn settle_delivery(w: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3000)
			.saturating_add(Weight::from_parts(80_000_000, 5200).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(w.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(w.into())))
	}
	fn auto_offer() -> Weight {
		Weight::from_parts(60_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// For tests: the same, with ParityDB's weights.
impl WeightInfo for () {
	fn set_parameters() -> Weight { Weight::from_parts(10_000_000, 0) }
	fn offer() -> Weight { Weight::from_parts(60_000_000, 3000) }
	fn bid() -> Weight { Weight::from_parts(50_000_000, 3000) }
	fn withdraw_bid() -> Weight { Weight::from_parts(40_000_000, 3000) }
	fn clear_block(b: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3000)
			.saturating_add(Weight::from_parts(60_000_000, 2600).saturating_mul(b.into()))
	}
	fn settle_delivery(w: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3000)
			.saturating_add(Weight::from_parts(80_000_000, 5200).saturating_mul(w.into()))
	}
	fn auto_offer() -> Weight { Weight::from_parts(60_000_000, 3000) }
}
