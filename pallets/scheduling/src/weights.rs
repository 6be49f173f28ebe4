//! Placeholder weights until the benchmark CLI writes this file.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

pub trait WeightInfo {
	fn set_parameters() -> Weight;
	fn declare_capability() -> Weight;
	fn requisition() -> Weight;
	fn request_revision() -> Weight;
	fn approve_revision() -> Weight;
	fn reject_revision() -> Weight;
	fn correct_meter_reading() -> Weight;
	fn finalize_schedules(n: u32) -> Weight;
	fn submit_meter_readings(n: u32) -> Weight;
	fn on_initialize_prune(n: u32) -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_parameters() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn declare_capability() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn requisition() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn request_revision() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn approve_revision() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn reject_revision() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn correct_meter_reading() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn finalize_schedules(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(100_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
	fn submit_meter_readings(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(100_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
	fn on_initialize_prune(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(100_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
}
impl WeightInfo for () {
	fn set_parameters() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn declare_capability() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn requisition() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn request_revision() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn approve_revision() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn reject_revision() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn correct_meter_reading() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn finalize_schedules(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(100_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
	fn submit_meter_readings(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(100_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
	fn on_initialize_prune(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(100_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(8, 6).saturating_mul(n.into()))
	}
}
