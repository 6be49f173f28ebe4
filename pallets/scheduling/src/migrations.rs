//! Storage migrations of the scheduling pallet. Its storage version is 3: it keeps the graded
//! regulation defaults tells it of, and no billing watermark of its own (version 2 asked
//! defaults for regulation and kept a watermark settlement set and nobody read); since version
//! 2 the prune queue keeps one entry per PPA and day, with the day to prune (version 1 kept a
//! bounded list per day, and what did not fit was never pruned). A chain built from genesis
//! with this code starts at 3.

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

/// From storage version 1 to 2: the day lists of the prune queue become one entry per PPA,
/// naming the day to prune (the retention period in force before it).
pub mod v2 {
	use crate::{pallet::Parameters, Config, Pallet};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::{GridDay, PpaId};

	/// Version 1's prune queue: the PPAs whose detail of day `d - retention - 1` is due on `d`.
	#[storage_alias]
	pub type PruneQueue<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, GridDay, Vec<PpaId>, ValueQuery>;

	/// Moves every queued PPA-day to its own entry (the queue holds about a retention period
	/// of days: one read and one write per PPA-day).
	pub struct KeyedPruneQueue<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for KeyedPruneQueue<T> {
		fn on_runtime_upgrade() -> Weight {
			let retention = u32::from(Parameters::<T>::get().retention_days);
			let days: Vec<(GridDay, Vec<PpaId>)> = PruneQueue::<T>::drain().collect();
			let mut moved: u64 = 0;
			for (due, ppas) in days {
				let day = due.saturating_sub(retention).saturating_sub(1);
				for ppa in ppas {
					crate::PruneQueue::<T>::insert(due, ppa, day);
					moved = moved.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(moved.saturating_add(2), moved.saturating_mul(2))
		}
	}

	/// Moves the queue on a chain at 1; on a chain at 2 it does nothing but read the version.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		KeyedPruneQueue<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Scheduling, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_1_day_lists_become_keyed_entries_naming_their_day() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Scheduling>();
				let due = 1_000u32.to_le_bytes();
				let key = [
					sp_io::hashing::twox_128(b"Scheduling").to_vec(),
					sp_io::hashing::twox_128(b"PruneQueue").to_vec(),
					sp_io::hashing::twox_64(&due).to_vec(),
					due.to_vec(),
				]
				.concat();
				assert_eq!(PruneQueue::<Test>::hashed_key_for(1_000), key);
				PruneQueue::<Test>::insert(1_000, alloc::vec![1, 2]);
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Scheduling::on_chain_storage_version(), StorageVersion::new(2));
				assert_eq!(PruneQueue::<Test>::iter().count(), 0);
				// Retention 62: due on day 1,000, the day is 937.
				let mut moved: Vec<_> = crate::PruneQueue::<Test>::iter().collect();
				moved.sort();
				assert_eq!(moved, alloc::vec![(1_000, 1, 937), (1_000, 2, 937)]);
			});
		}
	}
}

/// From storage version 2 to 3.
pub mod v3 {
	use crate::{pallet::Regulations, Config, Pallet};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::{GradedRegulation, GridInstant, PpaId};

	/// Version 2's billing watermark, which settlement set and nothing read.
	#[storage_alias]
	pub type BilledThrough<T: Config> = StorageMap<Pallet<T>, Twox64Concat, PpaId, GridInstant>;

	/// The graded regulation of every regulated buyer at the upgrade, from the pallet that
	/// decides it (defaults; the runtime reads its standings).
	pub trait RegulationsAtUpgrade<AccountId> {
		/// Each regulated buyer and its regulation; how many standings were read.
		fn regulations() -> (Vec<(AccountId, GradedRegulation)>, u64);
	}

	/// Drops the watermark and takes in the regulations.
	pub struct KeepRegulations<T, R>(core::marker::PhantomData<(T, R)>);

	impl<T: Config, R: RegulationsAtUpgrade<T::AccountId>> UncheckedOnRuntimeUpgrade
		for KeepRegulations<T, R>
	{
		fn on_runtime_upgrade() -> Weight {
			let dropped = BilledThrough::<T>::drain().count() as u64;
			let (regulations, read) = R::regulations();
			let kept = regulations.len() as u64;
			for (buyer, regulation) in regulations {
				Regulations::<T>::insert(buyer, regulation);
			}
			T::DbWeight::get()
				.reads_writes(dropped.saturating_add(read), dropped.saturating_add(kept))
		}
	}

	/// Migrates a chain at 2; on a chain at 3 it does nothing but read the version.
	pub type MigrateToV3<T, R> = VersionedMigration<
		2,
		3,
		KeepRegulations<T, R>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Scheduling, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		use ppa_primitives::TimeBlock;

		struct OneRegulated;
		impl RegulationsAtUpgrade<u64> for OneRegulated {
			fn regulations() -> (Vec<(u64, GradedRegulation)>, u64) {
				let regulation =
					GradedRegulation { from: 1_000, calendar_months: false, relaxed_until: None };
				(vec![(7, regulation)], 2)
			}
		}

		#[test]
		fn version_2_drops_the_watermark_and_takes_in_the_regulations() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(2).put::<Scheduling>();
				BilledThrough::<Test>::insert(3, GridInstant::new(1_000, TimeBlock::LAST));
				MigrateToV3::<Test, OneRegulated>::on_runtime_upgrade();
				assert_eq!(Scheduling::on_chain_storage_version(), 3);
				assert_eq!(BilledThrough::<Test>::iter().count(), 0);
				assert_eq!(Regulations::<Test>::get(7).map(|r| r.from), Some(1_000));
				assert_eq!(
					Scheduling::regulated_share(&7, 1_030),
					sp_runtime::Percent::from_percent(20)
				);
			});
		}
	}
}
