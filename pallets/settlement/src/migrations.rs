//! Storage migrations of the settlement pallet. Its storage version is 3 (the LPS base rate is
//! a table by financial year, and the PPAs of each buyer and seller with unpaid bills are
//! indexed); a chain built from genesis with this code starts at 3.

/// From storage version 0 to 1.
pub mod v1 {
	use frame_support::{
		migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
	};

	use crate::{Config, Pallet};

	/// Version 1 keeps version 0's items as they are: nothing to translate.
	pub struct SameLayout<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for SameLayout<T> {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}
	}

	/// Records version 1 on a chain at 0; on a chain at 1 (every chain so far) it does
	/// nothing but read the version.
	pub type MigrateToV1<T> =
		VersionedMigration<0, 1, SameLayout<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}

/// From storage version 1 to 2: each PPA's ledger gains the credit owed to its buyer by
/// revised energy accounts (none on a chain at 1).
pub mod v2 {
	use crate::{Config, MonthCharges, Pallet, PpaLedger, MONTHS_KEPT};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::{Balance, GridDay, GridInstant};

	/// A ledger as version 1 stored it: everything but the credit.
	#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct LedgerV1 {
		pub billed: Balance,
		pub paid: Balance,
		pub rebate: Balance,
		pub outstanding: Balance,
		pub disputed: Balance,
		pub lps: Balance,
		pub lps_paid: Balance,
		pub unbilled: Balance,
		pub resale_credit: Balance,
		pub resale_credited: Balance,
		pub unpaid_bills: u32,
		pub presented_through: Option<GridDay>,
		pub settled_through: Option<GridInstant>,
		pub months: BoundedVec<MonthCharges, ConstU32<MONTHS_KEPT>>,
	}

	impl From<LedgerV1> for PpaLedger {
		fn from(old: LedgerV1) -> Self {
			PpaLedger {
				billed: old.billed,
				paid: old.paid,
				rebate: old.rebate,
				outstanding: old.outstanding,
				disputed: old.disputed,
				lps: old.lps,
				lps_paid: old.lps_paid,
				unbilled: old.unbilled,
				resale_credit: old.resale_credit,
				resale_credited: old.resale_credited,
				credit: 0,
				unpaid_bills: old.unpaid_bills,
				presented_through: old.presented_through,
				settled_through: old.settled_through,
				months: old.months,
				capacity_months: Default::default(),
			}
		}
	}

	/// Rewrites every ledger with no credit owed (one read and one write per PPA).
	pub struct LedgersWithCredit<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for LedgersWithCredit<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n: u64 = 0;
			crate::Ledgers::<T>::translate::<LedgerV1, _>(|_, old| {
				n = n.saturating_add(1);
				Some(old.into())
			});
			T::DbWeight::get().reads_writes(n, n)
		}
	}

	/// Rewrites the ledgers on a chain at 1; on a chain at 2 it does nothing but read the
	/// version.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		LedgersWithCredit<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Settlement, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_1_ledgers_keep_their_figures_and_owe_no_credit() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Settlement>();
				let old = LedgerV1 {
					billed: 100,
					paid: 60,
					outstanding: 40,
					unpaid_bills: 1,
					presented_through: Some(20_000),
					..Default::default()
				};
				let key = crate::Ledgers::<Test>::hashed_key_for(7);
				frame_support::storage::unhashed::put_raw(&key, &old.encode());
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Settlement::on_chain_storage_version(), StorageVersion::new(2));
				let new = crate::Ledgers::<Test>::get(7);
				assert_eq!(new, PpaLedger::from(old));
				assert_eq!((new.billed, new.paid, new.outstanding, new.credit), (100, 60, 40, 0));
			});
		}
	}
}

/// From storage version 2 to 3: the parameters' single LPS base rate becomes the base-rate
/// table's one entry (applying to every day, past and future), each ledger gains its capacity
/// months (none: a block charged before is revised as charged, on its own), and each pair's
/// PPAs with unpaid bills are indexed. Disputed amounts of version 2 were held back from what is payable: they
/// stay so, as stays without an order on record.
pub mod v3 {
	use crate::{
		lps::BaseRate, Config, Ledgers, LpsBaseRates, MonthCharges, Pallet, Parameters, PpaLedger,
		MONTHS_KEPT,
	};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::PpaRegistry;
	use ppa_primitives::{Balance, GridDay, GridInstant};
	use sp_runtime::Permill;

	/// A ledger as version 2 stored it: everything but the capacity months.
	#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct LedgerV2 {
		pub billed: Balance,
		pub paid: Balance,
		pub rebate: Balance,
		pub outstanding: Balance,
		pub disputed: Balance,
		pub lps: Balance,
		pub lps_paid: Balance,
		pub unbilled: Balance,
		pub resale_credit: Balance,
		pub resale_credited: Balance,
		pub credit: Balance,
		pub unpaid_bills: u32,
		pub presented_through: Option<GridDay>,
		pub settled_through: Option<GridInstant>,
		pub months: BoundedVec<MonthCharges, ConstU32<MONTHS_KEPT>>,
	}

	impl From<LedgerV2> for PpaLedger {
		fn from(old: LedgerV2) -> Self {
			PpaLedger {
				billed: old.billed,
				paid: old.paid,
				rebate: old.rebate,
				outstanding: old.outstanding,
				disputed: old.disputed,
				lps: old.lps,
				lps_paid: old.lps_paid,
				unbilled: old.unbilled,
				resale_credit: old.resale_credit,
				resale_credited: old.resale_credited,
				credit: old.credit,
				unpaid_bills: old.unpaid_bills,
				presented_through: old.presented_through,
				settled_through: old.settled_through,
				months: old.months,
				capacity_months: Default::default(),
			}
		}
	}

	/// The parameters as version 2 stored them, with the base rate.
	#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct ParametersV2 {
		pub lps_base_rate: Permill,
		pub lps_monthly_step: Permill,
		pub lps_max_uplift: Permill,
		pub dispute_window_days: u16,
	}

	/// Moves the base rate into the table and indexes the pairs' unpaid PPAs (one read per
	/// ledger, two reads and a write per PPA with unpaid bills; a chain before launch holds
	/// few).
	pub struct BaseRatesAndPairs<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for BaseRatesAndPairs<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes): (u64, u64) = (1, 2);
			let mut base = Permill::zero();
			let _ = Parameters::<T>::translate::<ParametersV2, _>(|old| {
				// Version 2's defaults for a chain that never stored its parameters.
				let defaults = crate::SettlementParameters::default();
				let old = old.unwrap_or(ParametersV2 {
					lps_base_rate: crate::BASE_RATE_2026,
					lps_monthly_step: defaults.lps_monthly_step,
					lps_max_uplift: defaults.lps_max_uplift,
					dispute_window_days: defaults.dispute_window_days,
				});
				base = old.lps_base_rate;
				Some(crate::SettlementParameters {
					lps_monthly_step: old.lps_monthly_step,
					lps_max_uplift: old.lps_max_uplift,
					dispute_window_days: old.dispute_window_days,
				})
			});
			let year = ppa_primitives::clock::financial_year_of(Pallet::<T>::today());
			LpsBaseRates::<T>::put(BoundedVec::truncate_from(alloc::vec![BaseRate {
				financial_year: year,
				from: 0,
				rate: base,
			}]));
			Ledgers::<T>::translate::<LedgerV2, _>(|_, old| {
				(reads, writes) = (reads.saturating_add(1), writes.saturating_add(1));
				Some(old.into())
			});
			for (ppa, ledger) in Ledgers::<T>::iter() {
				reads = reads.saturating_add(1);
				if ledger.unpaid_bills == 0 {
					continue;
				}
				if let Some(parties) = T::Ppas::parties(ppa) {
					Pallet::<T>::note_unpaid_count(
						&parties.buyer,
						&parties.seller,
						ppa,
						ledger.unpaid_bills,
					);
					(reads, writes) = (reads.saturating_add(2), writes.saturating_add(1));
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Migrates a chain at 2; on a chain at 3 it does nothing but read the version.
	pub type MigrateToV3<T> = VersionedMigration<
		2,
		3,
		BaseRatesAndPairs<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Settlement, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_2_base_rate_becomes_the_tables_entry_for_every_day() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(2).put::<Settlement>();
				let old = ParametersV2 {
					lps_base_rate: Permill::from_parts(136_500),
					lps_monthly_step: Permill::from_parts(5_000),
					lps_max_uplift: Permill::from_parts(30_000),
					dispute_window_days: 10,
				};
				frame_support::storage::unhashed::put_raw(
					&Parameters::<Test>::hashed_key(),
					&old.encode(),
				);
				LpsBaseRates::<Test>::kill();
				MigrateToV3::<Test>::on_runtime_upgrade();
				assert_eq!(Settlement::on_chain_storage_version(), StorageVersion::new(3));
				assert_eq!(Parameters::<Test>::get(), crate::SettlementParameters::default());
				let table = LpsBaseRates::<Test>::get();
				assert_eq!(table.len(), 1);
				assert_eq!((table[0].from, table[0].rate), (0, Permill::from_parts(136_500)));
			});
		}
	}
}
