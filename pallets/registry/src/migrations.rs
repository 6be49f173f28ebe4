//! Storage migrations of the registry pallet. Its storage version is 2: the lifecycle queue
//! keeps one entry per PPA and day (version 1 kept a bounded list per day, which refused a
//! signature once a day had 1,024 transitions). A chain built from genesis with this code
//! starts at 2.

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

/// From storage version 1 to 2: the day lists of `Transitions` become the entries of
/// `TransitionQueue`, one per PPA and day.
pub mod v2 {
	use crate::{Config, Pallet, TransitionQueue};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::{GridDay, PpaId};

	/// Version 1's lifecycle queue: the PPAs to look at on a day, as one list.
	#[storage_alias]
	pub type Transitions<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, GridDay, Vec<PpaId>, ValueQuery>;

	/// Moves every queued transition to its own entry (a queue of a few days' starts and ends:
	/// one read and one write per PPA queued).
	pub struct KeyedTransitions<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for KeyedTransitions<T> {
		fn on_runtime_upgrade() -> Weight {
			let days: Vec<(GridDay, Vec<PpaId>)> = Transitions::<T>::drain().collect();
			let mut moved: u64 = 0;
			for (day, ppas) in days {
				for ppa in ppas {
					TransitionQueue::<T>::insert(day, ppa, ());
					moved = moved.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(moved.saturating_add(1), moved.saturating_mul(2))
		}
	}

	/// Moves the queue on a chain at 1; on a chain at 2 it does nothing but read the version.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		KeyedTransitions<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Registry, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_1_day_lists_become_keyed_entries() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Registry>();
				Transitions::<Test>::insert(10, alloc::vec![1, 2]);
				Transitions::<Test>::insert(11, alloc::vec![3]);
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(2));
				assert_eq!(Transitions::<Test>::iter().count(), 0);
				let mut moved: Vec<_> = TransitionQueue::<Test>::iter_keys().collect();
				moved.sort();
				assert_eq!(moved, alloc::vec![(10, 1), (10, 2), (11, 3)]);
			});
		}
	}
}
