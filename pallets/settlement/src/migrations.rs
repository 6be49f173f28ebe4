//! Storage migrations of the settlement pallet. Its storage version is 2 (the ledger keeps the
//! credit owed to the buyer); a chain built from genesis with this code starts at 2.

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
