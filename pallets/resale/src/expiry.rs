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
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::{queue::cursor_or_start, Balance, GridDay, GridTime, TimeBlock};
use sp_runtime::traits::Saturating;

/// Most empty days one walk reads.
const MAX_DAYS_WALKED: u32 = 32;

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
	/// `budget`; returns the weight used.
	pub(crate) fn expire_due(budget: Weight) -> Weight {
		let db = T::DbWeight::get();
		let mut day = match cursor_or_start::<T::GridTime>(
			ExpiryCursor::<T>::get(),
			ExpiryCursor::<T>::put,
		) {
			Ok(day) => day,
			Err(writes) => return db.reads_writes(1, writes),
		};
		let today = T::GridTime::today();
		let mut used = db.reads_writes(1, 1);
		let mut days: u32 = 0;
		while day <= today && days < MAX_DAYS_WALKED {
			used.saturating_accrue(db.reads(1));
			let Some(key) = Expiries::<T>::iter_key_prefix(day).next() else {
				day.saturating_inc();
				days.saturating_inc();
				continue;
			};
			let awards = Awards::<T>::iter_key_prefix(key).count() as u32;
			let cost = Self::expiry_weight(awards).saturating_add(db.reads(awards.into()));
			if used.saturating_add(cost).any_gt(budget) {
				break;
			}
			used.saturating_accrue(cost);
			Expiries::<T>::remove(day, key);
			Self::expire(key);
		}
		ExpiryCursor::<T>::put(day);
		used
	}
}
