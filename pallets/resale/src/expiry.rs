//! Retention of the market's records: `RetentionDays` after its delivery day, a cleared block
//! can no longer be metered (the meter window is far shorter), so the funds still held for its
//! awards (a block never metered) are released to the winners, and its result, awards and
//! offer are pruned. Queued one entry per block at clearing, walked oldest day first within
//! the hook's weight budget.

use crate::{
	pallet::{
		Awards, ClearingQueue, Config, Deliveries, Event, Expiries, ExpiryCursor, Offers, Pallet,
		Results,
	},
	AuctionKey, WeightInfo,
};
use frame_support::{pallet_prelude::*, traits::Get, weights::WeightMeter};
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	Balance, GridDay, GridTime, TimeBlock,
};
use sp_runtime::traits::Saturating;

/// The expiry queue: on a day, the cleared blocks whose retention ends.
pub(crate) struct DueExpiries<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for DueExpiries<T> {
	type Item = AuctionKey;

	fn cursor() -> Option<GridDay> {
		ExpiryCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		ExpiryCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&AuctionKey>) -> Option<AuctionKey> {
		match after {
			None => Expiries::<T>::iter_key_prefix(day).next(),
			Some(item) => {
				Expiries::<T>::iter_key_prefix_from(day, Expiries::<T>::hashed_key_for(day, item))
					.next()
			},
		}
	}

	/// Its awards counted (a read each), and each released.
	fn weight_bound(_day: GridDay, key: &AuctionKey) -> Weight {
		let awards = Awards::<T>::iter_key_prefix(*key).count() as u32;
		Pallet::<T>::expiry_weight(awards).saturating_add(T::DbWeight::get().reads(awards.into()))
	}

	fn apply(day: GridDay, key: AuctionKey) -> Weight {
		Expiries::<T>::remove(day, key);
		let awards = Pallet::<T>::expire(key);
		Pallet::<T>::expiry_weight(awards).saturating_add(T::DbWeight::get().reads(awards.into()))
	}
}

impl<T: Config> Pallet<T> {
	/// The day the records of a block delivered on `day` expire.
	pub(crate) fn expiry_day(day: GridDay) -> GridDay {
		day.saturating_add(T::RetentionDays::get()).saturating_add(1)
	}

	/// Queues the block `key`, just cleared, to expire after the retention period.
	pub(crate) fn queue_expiry(key: AuctionKey) {
		Expiries::<T>::insert(Self::expiry_day(key.0), key, ());
	}

	/// What expiring a block with `awards` awards left may cost: each award's hold released
	/// (bounded by the delivery benchmark, which releases and also pays), the result, the
	/// delivery mark and, for the day's last block, the offer removed.
	pub(crate) fn expiry_weight(awards: u32) -> Weight {
		T::WeightInfo::settle_delivery(awards).saturating_add(T::DbWeight::get().reads_writes(3, 5))
	}

	/// Releases what is still held for the awards of `key` and prunes its records; returns
	/// the awards it released.
	pub(crate) fn expire(key: AuctionKey) -> u32 {
		let (day, ppa, block) = key;
		let mut awards: u32 = 0;
		let mut released: Balance = 0;
		for (_, award) in Awards::<T>::drain_prefix(key) {
			awards.saturating_inc();
			released.saturating_accrue(Self::release(&award.bidder, award.held));
		}
		let metered = Results::<T>::take(key).is_some_and(|r| r.delivered_wh.is_some());
		Deliveries::<T>::remove(key);
		if block == TimeBlock::LAST {
			Offers::<T>::remove(day, ppa);
			ClearingQueue::<T>::remove(day, ppa);
		}
		Self::deposit_event(Event::BlockExpired { ppa, day, block, metered, awards, released });
		awards
	}

	/// Expires the blocks queued for every day up to today, oldest day first, within
	/// `meter`.
	pub(crate) fn expire_due(meter: &mut WeightMeter) {
		queue::walk::<DueExpiries<T>>(meter, T::DbWeight::get(), T::GridTime::today());
	}
}
