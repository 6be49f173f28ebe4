//! Storage migrations of the escrow pallet. Its storage version is 2; a chain built from
//! genesis with this code starts at 2.

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

/// From storage version 1 to 2: the day lists of `Deadlines` become one entry per deadline
/// (keyed by day, then deadline), so that no day's queue can be full.
pub mod v2 {
	use crate::{Config, Deadline, Pallet};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::GridDay;

	/// Version 1's deadline queue: the deadlines of a day, as one list.
	#[storage_alias]
	pub type Deadlines<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, GridDay, Vec<Deadline>, ValueQuery>;

	/// Moves every queued deadline to its own entry: every list read and removed first (the
	/// new entries share the item's prefix), then one write per deadline. A chain holds a few
	/// per instrument.
	pub struct KeyedDeadlines<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for KeyedDeadlines<T> {
		fn on_runtime_upgrade() -> Weight {
			let days: Vec<(GridDay, Vec<Deadline>)> = Deadlines::<T>::drain().collect();
			let mut reads: u64 = 1;
			let mut writes: u64 = 0;
			for (day, deadlines) in days {
				(reads, writes) = (reads.saturating_add(1), writes.saturating_add(1));
				for deadline in deadlines {
					crate::Deadlines::<T>::insert(day, deadline, ());
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Moves the queue on a chain at 1; on a chain at 2 it does nothing but read the version.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		KeyedDeadlines<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Escrow, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_1_day_lists_become_keyed_deadlines() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Escrow>();
				// The alias names version 1's item exactly: prefix `Escrow`, item `Deadlines`,
				// the day under Twox64Concat.
				let day = 10u32.to_le_bytes();
				let key = [
					sp_io::hashing::twox_128(b"Escrow").to_vec(),
					sp_io::hashing::twox_128(b"Deadlines").to_vec(),
					sp_io::hashing::twox_64(&day).to_vec(),
					day.to_vec(),
				]
				.concat();
				assert_eq!(Deadlines::<Test>::hashed_key_for(10), key);
				Deadlines::<Test>::insert(
					10,
					alloc::vec![Deadline::BgExpiry(3), Deadline::LcExpiry(1)],
				);
				Deadlines::<Test>::insert(11, alloc::vec![Deadline::LcRestoration(1)]);
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(2));
				assert!(
					!Deadlines::<Test>::contains_key(10) && !Deadlines::<Test>::contains_key(11)
				);
				let moved: Vec<_> = crate::Deadlines::<Test>::iter_keys().collect();
				// A day's deadlines in key order: LC expiries first.
				assert_eq!(
					moved.iter().filter(|(day, _)| *day == 10).map(|(_, d)| *d).collect::<Vec<_>>(),
					alloc::vec![Deadline::LcExpiry(1), Deadline::BgExpiry(3)]
				);
				assert!(moved.contains(&(11, Deadline::LcRestoration(1))));
				assert_eq!(moved.len(), 3);
			});
		}
	}
}
