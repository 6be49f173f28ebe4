//! Storage migrations of the resale pallet. Its storage version is 2 (only books with bids are
//! queued for clearing, and each day's bids are counted); a chain built from genesis with this
//! code starts at 2.

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

/// From storage version 1 to 2: an offer's clearing entry was the next block to clear (every
/// block was cleared, bid on or not); it becomes the set of its books with bids not yet cleared,
/// each delivery day's open bids are counted, and the offer is queued to expire with its last
/// block (which version 1 queued only when that block cleared).
pub mod v2 {
	use crate::{
		pallet::{BidderBidsOnDay, Bids, BidsOnDay, BookSizes, ClearingQueue as BooksToClear},
		Config, Pallet,
	};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use ppa_primitives::{GridDay, PpaId, TimeBlock};

	/// Version 1's clearing queue: the next block of each offer to clear.
	#[storage_alias]
	pub type ClearingQueue<T: Config> =
		StorageDoubleMap<Pallet<T>, Twox64Concat, GridDay, Twox64Concat, PpaId, u8>;

	/// Rewrites the clearing queue (offers still clearing: about a day's worth, each with its
	/// 96 books read) and counts the open books' bids.
	pub struct BooksWithBids<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for BooksWithBids<T> {
		fn on_runtime_upgrade() -> Weight {
			let offers: Vec<(GridDay, PpaId, u8)> = ClearingQueue::<T>::drain().collect();
			let mut reads: u64 = offers.len() as u64;
			let mut writes: u64 = offers.len() as u64;
			for (day, ppa, next) in offers {
				let mut books: u128 = 0;
				for b in next..96u8 {
					let Some(block) = TimeBlock::new(b) else { continue };
					reads = reads.saturating_add(1);
					if BookSizes::<T>::get((day, ppa, block)) > 0 {
						books |= 1u128 << b;
					}
				}
				if books != 0 {
					BooksToClear::<T>::insert(day, ppa, books);
					writes = writes.saturating_add(1);
				}
				Pallet::<T>::queue_expiry((day, ppa, TimeBlock::LAST));
				writes = writes.saturating_add(1);
			}
			// Version 1 left a book emptied by withdrawals at size 0: gone now.
			let empty: Vec<_> =
				BookSizes::<T>::iter().filter(|(_, size)| *size == 0).map(|(k, _)| k).collect();
			for key in empty {
				BookSizes::<T>::remove(key);
				writes = writes.saturating_add(1);
			}
			for (key, size) in BookSizes::<T>::iter() {
				reads = reads.saturating_add(2);
				if size > 0 {
					BidsOnDay::<T>::mutate(key.0, |n| {
						*n = Some(n.unwrap_or(0).saturating_add(size))
					});
					writes = writes.saturating_add(1);
				}
			}
			for (key, _, bid) in Bids::<T>::iter() {
				BidderBidsOnDay::<T>::mutate(key.0, &bid.bidder, |n| {
					*n = Some(n.unwrap_or(0).saturating_add(1))
				});
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Rewrites the queue on a chain at 1; on a chain at 2 it does nothing but read the
	/// version.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		BooksWithBids<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Resale, Test, PPA, TOMORROW};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_1_next_blocks_become_the_books_with_bids() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Resale>();
				let key = |b| (TOMORROW, PPA, TimeBlock::new(b).unwrap());
				// Blocks 0-4 cleared; books 3 (cleared), 5 and 90 hold bids.
				ClearingQueue::<Test>::insert(TOMORROW, PPA, 5);
				BookSizes::<Test>::insert(key(5), 2);
				BookSizes::<Test>::insert(key(90), 1);
				// Emptied by withdrawals in version 1: left at 0.
				BookSizes::<Test>::insert(key(91), 0);
				assert_eq!(
					ClearingQueue::<Test>::hashed_key_for(TOMORROW, PPA),
					BooksToClear::<Test>::hashed_key_for(TOMORROW, PPA)
				);
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Resale::on_chain_storage_version(), StorageVersion::new(2));
				assert_eq!(
					BooksToClear::<Test>::get(TOMORROW, PPA),
					Some((1u128 << 5) | (1u128 << 90))
				);
				assert_eq!(BidsOnDay::<Test>::get(TOMORROW), Some(3));
				assert!(!BookSizes::<Test>::contains_key(key(91)));
				assert!(crate::pallet::Expiries::<Test>::contains_key(
					Pallet::<Test>::expiry_day(TOMORROW),
					(TOMORROW, PPA, TimeBlock::LAST)
				));
			});
		}
	}
}
