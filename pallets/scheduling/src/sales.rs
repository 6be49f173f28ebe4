//! The share of a defaulting buyer's PPA that its seller sold on the open market, scheduled
//! per block to the winners (rule 25). The resale pallet asks through
//! [`SaleScheduling`]; the PPA's own schedule then leaves room for what was sold.

use crate::{
	gate::BLOCKS,
	pallet::{Config, EnergyAccounts, Error, Event, Pallet, Sales},
};
use frame_support::pallet_prelude::*;
use ppa_primitives::{DayProfile, GridDay, PowerKw, PpaId, SaleScheduling, TimeBlock};

impl<T: Config> Pallet<T> {
	/// Whether `ppa`'s own schedule for `day` is finalized: its share can no longer be sold.
	pub fn is_finalized(ppa: PpaId, day: GridDay) -> bool {
		EnergyAccounts::<T>::contains_key(ppa, day)
	}
}

impl<T: Config> SaleScheduling<T::AccountId> for Pallet<T> {
	fn entitlement_kw(ppa: PpaId, day: GridDay) -> Option<DayProfile> {
		let (parties, terms) = Self::supplying(ppa, day).ok()?;
		Some(Self::entitlement(&parties.seller, &terms, day).0)
	}

	fn schedule_sale(
		ppa: PpaId,
		day: GridDay,
		block: TimeBlock,
		awards: &[(T::AccountId, PowerKw)],
	) -> DispatchResult {
		let (parties, terms) = Self::supplying(ppa, day)?;
		ensure!(!EnergyAccounts::<T>::contains_key(ppa, day), Error::<T>::AlreadyFinalized);
		let b = usize::from(block.index());
		let cap = Self::entitlement(&parties.seller, &terms, day).0.get(b).copied().unwrap_or(0);
		let first = !Sales::<T>::contains_key(ppa, day);
		let mut sold = Sales::<T>::get(ppa, day).unwrap_or([0; BLOCKS]);
		let slot = sold.get_mut(b).ok_or(Error::<T>::SaleOverEntitlement)?;
		let mut sold_kw = *slot;
		for (_, kw) in awards {
			sold_kw = sold_kw.checked_add(*kw).ok_or(Error::<T>::SaleOverEntitlement)?;
		}
		ensure!(sold_kw <= cap, Error::<T>::SaleOverEntitlement);
		*slot = sold_kw;
		Sales::<T>::insert(ppa, day, sold);
		if first {
			// Pruned with the day's detail, or by itself if the day is never metered.
			Self::queue_pruning(day, alloc::vec![ppa]);
		}
		for (buyer, kw) in awards {
			Self::deposit_event(Event::SaleScheduled {
				ppa,
				day,
				block,
				buyer: buyer.clone(),
				kw: *kw,
				sold_kw,
			});
		}
		Ok(())
	}
}
