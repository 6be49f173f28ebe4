//! Placeholder weights until the benchmark CLI writes this file.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

pub trait WeightInfo {
	fn open_letter_of_credit() -> Weight;
	fn increase_letter_of_credit() -> Weight;
	fn renew_letter_of_credit() -> Weight;
	fn restore_letter_of_credit() -> Weight;
	fn close_letter_of_credit() -> Weight;
	fn reimburse_bank() -> Weight;
	fn issue_bank_guarantee() -> Weight;
	fn release_bank_guarantee() -> Weight;
	fn deposit_advance() -> Weight;
	fn withdraw_advance() -> Weight;
	fn set_normative_load_factor() -> Weight;
	fn apply_deadline() -> Weight;
	fn coverage() -> Weight;
	fn draw_letters_of_credit() -> Weight;
	fn pay_from_advance() -> Weight;
	fn encash_bank_guarantees() -> Weight;
	fn commit_advance() -> Weight;
	fn release_advance() -> Weight;
	fn on_initialize_deadlines(n: u32) -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn open_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn increase_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn renew_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn restore_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn close_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn reimburse_bank() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn issue_bank_guarantee() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn release_bank_guarantee() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn deposit_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn withdraw_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn set_normative_load_factor() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn apply_deadline() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn coverage() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn draw_letters_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn pay_from_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn encash_bank_guarantees() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn commit_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn release_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn on_initialize_deadlines(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 3).saturating_mul(n.into()))
	}
}
impl WeightInfo for () {
	fn open_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn increase_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn renew_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn restore_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn close_letter_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn reimburse_bank() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn issue_bank_guarantee() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn release_bank_guarantee() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn deposit_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn withdraw_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn set_normative_load_factor() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn apply_deadline() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn coverage() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn draw_letters_of_credit() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn pay_from_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn encash_bank_guarantees() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn commit_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn release_advance() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(RocksDbWeight::get().reads_writes(4, 4))
	}
	fn on_initialize_deadlines(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(3, 3).saturating_mul(n.into()))
	}
}
