//! Weights for `pallet_registry`.
//!
//! PROVISIONAL: written by hand from the shape of each call (reads and writes counted from the
//! code), not yet generated. Regenerate with:
//!
//! ```sh
//! cargo build --release -p ppa-node --features runtime-benchmarks
//! target/release/ppa-node benchmark pallet --chain dev --pallet pallet_registry \
//!   --extrinsic '*' --steps 50 --repeat 20 --wasm-execution compiled \
//!   --output pallets/registry/src/weights.rs --template .maintain/frame-weight-template.hbs
//! ```

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_registry`.
pub trait WeightInfo {
	fn register_participant() -> Weight;
	fn set_roles() -> Weight;
	fn suspend_participant() -> Weight;
	fn reinstate_participant() -> Weight;
	fn propose_ppa() -> Weight;
	fn withdraw_proposal() -> Weight;
	fn sign_ppa() -> Weight;
	fn propose_amendment() -> Weight;
	fn withdraw_amendment() -> Weight;
	fn sign_amendment() -> Weight;
	fn propose_termination() -> Weight;
	fn withdraw_termination() -> Weight;
	fn sign_termination() -> Weight;
	fn terminate_by_regulator() -> Weight;
	fn advance() -> Weight;
	fn on_initialize_transitions(n: u32, ) -> Weight;
}

/// Weights measured on the reference machine, for the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_participant() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_roles() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn suspend_participant() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn reinstate_participant() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn propose_ppa() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn withdraw_proposal() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn sign_ppa() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn propose_amendment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw_amendment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn sign_amendment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn propose_termination() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw_termination() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn sign_termination() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn terminate_by_regulator() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn advance() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn on_initialize_transitions(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1_500)
			.saturating_add(Weight::from_parts(20_000_000, 4_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}

// For tests.
impl WeightInfo for () {
	fn register_participant() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_roles() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn suspend_participant() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reinstate_participant() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn propose_ppa() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn withdraw_proposal() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn sign_ppa() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn propose_amendment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn withdraw_amendment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn sign_amendment() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn propose_termination() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn withdraw_termination() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn sign_termination() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn terminate_by_regulator() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn advance() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn on_initialize_transitions(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1_500)
			.saturating_add(Weight::from_parts(20_000_000, 4_000).saturating_mul(n.into()))
	}
}
