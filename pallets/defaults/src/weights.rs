//! Weights for `pallet_defaults`: placeholders until `scripts/benchmark.sh pallet_defaults`
//! generates them (deliberately generous: 1 ms and 20 reads/writes, plus per bill).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_defaults`.
pub trait WeightInfo {
	fn push_bill(n: u32, ) -> Weight;
	fn relax_regulation() -> Weight;
	fn end_relaxation() -> Weight;
	fn due_date(n: u32, ) -> Weight;
	fn trigger_date(n: u32, ) -> Weight;
	fn regulation_step() -> Weight;
	fn security_review() -> Weight;
	fn bill_presented() -> Weight;
	fn dues_reduced(n: u32, ) -> Weight;
	fn psm_failed() -> Weight;
}

/// Weights for `pallet_defaults`, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn push_bill(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(T::DbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn relax_regulation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn end_relaxation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn due_date(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(T::DbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn trigger_date(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(T::DbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn regulation_step() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn security_review() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn bill_presented() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn dues_reduced(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(T::DbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn psm_failed() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(20_u64, 20_u64))
	}
}

impl WeightInfo for () {
	fn push_bill(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(ParityDbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn relax_regulation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn end_relaxation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn due_date(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(ParityDbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn trigger_date(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(ParityDbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn regulation_step() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn security_review() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn bill_presented() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
	}
	fn dues_reduced(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
			.saturating_add(ParityDbWeight::get().reads_writes((1_u64).saturating_mul(n.into()), (1_u64).saturating_mul(n.into())))
	}
	fn psm_failed() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(20_u64, 20_u64))
	}
}
