//! Weights for `pallet_settlement`: provisional, until `scripts/benchmark.sh pallet_settlement`
//! writes the measured ones.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_settlement`.
pub trait WeightInfo {
	fn set_parameters() -> Weight;
	fn pay(n: u32, ) -> Weight;
	fn settle_from_advance(n: u32, ) -> Weight;
	fn draw_letter_of_credit(n: u32, ) -> Weight;
	fn dispute_bill() -> Weight;
	fn resolve_dispute() -> Weight;
	fn present_bill(n: u32, ) -> Weight;
	fn settle_block_from_advance() -> Weight;
	fn charge_block() -> Weight;
	fn on_initialize_lps(n: u32, ) -> Weight;
}

/// Weights for `pallet_settlement`, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_parameters() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn pay(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn settle_from_advance(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn draw_letter_of_credit(n: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn dispute_bill() -> Weight {
		Weight::from_parts(40_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn resolve_dispute() -> Weight {
		Weight::from_parts(45_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn present_bill(n: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn settle_block_from_advance() -> Weight {
		Weight::from_parts(120_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn charge_block() -> Weight {
		Weight::from_parts(60_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn on_initialize_lps(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn set_parameters() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn pay(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn settle_from_advance(n: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn draw_letter_of_credit(n: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn dispute_bill() -> Weight {
		Weight::from_parts(40_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn resolve_dispute() -> Weight {
		Weight::from_parts(45_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn present_bill(n: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(12_u64))
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn settle_block_from_advance() -> Weight {
		Weight::from_parts(120_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn charge_block() -> Weight {
		Weight::from_parts(60_000_000, 0)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn on_initialize_lps(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
}
