//! What the runtime APIs read of the open market: a delivery day's offers, each block's open
//! book and how it cleared.

use crate::{
	pallet::{Bids, Config, Offers, Pallet, Results},
	AuctionKey, Bid, BidId, Clearing, Offer,
};
use alloc::vec::Vec;
use ppa_primitives::{GridDay, PpaId};

impl<T: Config> Pallet<T> {
	/// The offers for delivery day `day`, by PPA (at most one per PPA).
	pub fn offers_on(day: GridDay) -> Vec<(PpaId, Offer<T::AccountId>)> {
		Offers::<T>::iter_prefix(day).collect()
	}

	/// How the book of `key` (day, PPA, block) cleared, once it has.
	pub fn result(key: AuctionKey) -> Option<Clearing> {
		Results::<T>::get(key)
	}

	/// Up to `max` bids open in the book of `key`, in storage order.
	pub fn open_bids(key: AuctionKey, max: usize) -> Vec<(BidId, Bid<T::AccountId>)> {
		Bids::<T>::iter_prefix(key).take(max).collect()
	}
}
