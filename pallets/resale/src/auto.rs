//! Automatic offers (rule 23): a PPA whose terms ask for it has its defaulting buyer's
//! regulated share offered by the chain for tomorrow, at the PPA's energy rate (so that the
//! net proceeds are never negative), kept within the price bounds and the reserve cap. The hook
//! walks the buyers in default a few a block from the first block of the day before; a seller's
//! own offer is left as it is.

use crate::{
	pallet::{AutoOffers, Config, Offers, Pallet, Parameters},
	AutoOfferWalk, WeightInfo,
};
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::{
	BuyerDefaults, GridDay, GridTime, PpaId, PpaRegistry, Regulation, SaleScheduling,
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// The most `on_initialize` may take when a buyer holds at most `ppas_per_buyer` PPAs:
	/// the automatic offers of a block's defaulters (each of whose PPAs is looked at),
	/// then clearing and delivery within the hook's budget.
	pub fn hook_weight_bound(ppas_per_buyer: u32) -> Weight {
		let buyers = T::MaxAutoOfferBuyersPerBlock::get();
		T::WeightInfo::auto_offer()
			.saturating_mul(u64::from(buyers).saturating_mul(ppas_per_buyer.into()))
			.saturating_add(
				T::DbWeight::get().reads_writes(2u64.saturating_add(2 * u64::from(buyers)), 1),
			)
			.saturating_add(T::MaxHookWeight::get())
	}

	/// Posts tomorrow's automatic offers for the next defaulters; returns the weight used.
	pub(crate) fn post_auto_offers() -> Weight {
		let db = T::DbWeight::get();
		let now = T::GridTime::now();
		let day = now.day.saturating_add(1);
		if now.block >= Parameters::<T>::get().clearing_gate {
			return db.reads(1);
		}
		let mut walk = AutoOffers::<T>::get().filter(|w| w.day == day).unwrap_or(AutoOfferWalk {
			day,
			after: None,
			done: false,
		});
		if walk.done {
			return db.reads(2);
		}
		let max = T::MaxAutoOfferBuyersPerBlock::get();
		let buyers = T::Defaults::defaulters_after(walk.after.as_ref(), max);
		let mut looked: u32 = 0;
		for buyer in &buyers {
			for ppa in T::Ppas::ppas_of_buyer(buyer) {
				looked.saturating_inc();
				Self::post_auto_offer(buyer, ppa, day);
			}
		}
		walk.done = (buyers.len() as u32) < max;
		if let Some(last) = buyers.last() {
			walk.after = Some(last.clone());
		}
		AutoOffers::<T>::put(walk);
		T::WeightInfo::auto_offer()
			.saturating_mul(looked.into())
			// The walk, and each defaulter's standing and PPA list.
			.saturating_add(db.reads_writes(2u64.saturating_add(2 * buyers.len() as u64), 1))
	}

	/// Offers `ppa`'s regulated share for `day` if its terms ask for it, its buyer `buyer` is
	/// regulated, and its seller has not offered; returns whether it posted.
	pub(crate) fn post_auto_offer(buyer: &T::AccountId, ppa: PpaId, day: GridDay) -> bool {
		if Offers::<T>::contains_key(day, ppa) {
			return false;
		}
		let Some((parties, status, terms)) = T::Ppas::ppa_on(ppa, day) else { return false };
		if !terms.auto_resale_offer || !status.is_binding() || parties.buyer != *buyer {
			return false;
		}
		let share = T::Defaults::regulated_share(buyer, day);
		let Some(entitlement) = T::Sales::entitlement_kw(ppa, day) else { return false };
		let kw = entitlement.map(|cap| share.mul_floor(cap));
		if kw.iter().all(|kw| *kw == 0) {
			return false;
		}
		let params = Parameters::<T>::get();
		let reserve = terms
			.energy_rate
			.min(Self::reserve_cap(&params, terms.energy_rate, terms.transmission_rate))
			.max(params.price_floor);
		Self::place_offer(None, ppa, day, kw, reserve, false, true).is_ok()
	}
}
