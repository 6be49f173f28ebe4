//! Delivery of resold energy and its payment (rules 21, 25): when a block's energy is
//! metered, the winners pay the seller for what was delivered to them at the clearing price,
//! and the net proceeds are credited against the defaulter's capacity charges.
//!
//! The energy delivered to the winners is the energy metered for the PPA's share beyond its
//! own schedule, at most what was sold; it is shared among the winners in proportion to their
//! awards, rounded down. Payments round down (in the payer's favour); the energy cost at the
//! PPA's energy rate rounds down too, so the net proceeds credited to the defaulter round up.

use crate::{
	energy_value,
	pallet::{
		Awards, Config, Deliveries, Error, Event, HoldReason, Offers, Pallet, ProceedsOf, Results,
	},
	AuctionKey, WeightInfo,
};
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
	weights::WeightMeter,
};
use ppa_primitives::{
	energy::WH_PER_KW_BLOCK, Balance, BindingPpa, BlockEnergy, EnergyLedger, EnergyWh, GridInstant,
	OnEnergyMetered, PpaId, ProceedsCredit,
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Has the winners of `key` pay for the energy delivered to them; returns how many paid.
	pub(crate) fn settle(key: AuctionKey) -> Result<u32, DispatchError> {
		let (day, ppa, block) = key;
		let mut result = Results::<T>::get(key).ok_or(Error::<T>::NotCleared)?;
		ensure!(result.delivered_wh.is_none(), Error::<T>::AlreadySettled);
		let price = result.price.filter(|_| result.sold_kw > 0).ok_or(Error::<T>::NothingSold)?;
		let energy = T::Energy::block_energy(ppa, GridInstant::new(day, block))
			.ok_or(Error::<T>::NotMetered)?;
		let offer = Offers::<T>::get(day, ppa).ok_or(Error::<T>::NothingSold)?;
		let sold_wh = EnergyWh::from(result.sold_kw).saturating_mul(WH_PER_KW_BLOCK);
		let delivered_wh = energy.actual_wh.saturating_sub(energy.scheduled_wh).min(sold_wh);
		let mut delivered_sum: EnergyWh = 0;
		let mut revenue: Balance = 0;
		let mut winners: u32 = 0;
		for (bid, award) in Awards::<T>::drain_prefix(key) {
			winners.saturating_inc();
			let awarded_wh = EnergyWh::from(award.kw).saturating_mul(WH_PER_KW_BLOCK);
			let share_wh = u128::from(awarded_wh).saturating_mul(u128::from(delivered_wh))
				/ u128::from(sold_wh.max(1));
			let share_wh = EnergyWh::try_from(share_wh).unwrap_or(awarded_wh).min(awarded_wh);
			let owed = energy_value(share_wh, price).min(award.held);
			let paid = if owed > 0 {
				T::Currency::transfer_on_hold(
					&HoldReason::BidCollateral.into(),
					&award.bidder,
					&offer.seller,
					owed,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?
			} else {
				0
			};
			let released = Self::release(&award.bidder, award.held.saturating_sub(paid));
			delivered_sum.saturating_accrue(share_wh);
			revenue.saturating_accrue(paid);
			Self::deposit_event(Event::WinnerPaid {
				ppa,
				day,
				block,
				bid,
				bidder: award.bidder,
				seller: offer.seller.clone(),
				delivered_wh: share_wh,
				paid,
				released,
			});
		}
		let energy_cost = energy_value(delivered_sum, offer.energy_rate);
		let net_proceeds = revenue.saturating_sub(energy_cost);
		if net_proceeds > 0 {
			T::Proceeds::credit_resale_proceeds(ppa, net_proceeds);
		}
		ProceedsOf::<T>::mutate(ppa, |p| {
			p.delivered_wh.saturating_accrue(delivered_sum);
			p.revenue.saturating_accrue(revenue);
			p.energy_cost.saturating_accrue(energy_cost);
			p.credited.saturating_accrue(net_proceeds);
		});
		result.delivered_wh = Some(delivered_sum);
		Results::<T>::insert(key, result);
		Deliveries::<T>::remove(key);
		Self::deposit_event(Event::DeliverySettled {
			ppa,
			day,
			block,
			seller: offer.seller,
			defaulter: offer.defaulter,
			delivered_wh: delivered_sum,
			revenue,
			energy_cost,
			net_proceeds,
		});
		Ok(winners)
	}

	/// Settles the deliveries of metered blocks within `meter`, each only if the meter still
	/// holds its weight (the queue's one budget rule; deliveries are not kept by day).
	pub(crate) fn settle_due(meter: &mut WeightMeter) {
		let db = T::DbWeight::get();
		while meter.try_consume(db.reads(1)).is_ok() {
			let Some(key) = Deliveries::<T>::iter_keys().next() else { break };
			let winners = Results::<T>::get(key).map_or(0, |r| r.winners);
			if meter
				.try_consume(T::WeightInfo::settle_delivery(winners).saturating_add(db.reads(1)))
				.is_err()
			{
				break;
			}
			if let Err(error) = with_storage_layer(|| Self::settle(key)) {
				let (day, ppa, block) = key;
				Deliveries::<T>::remove(key);
				Self::deposit_event(Event::DeliveryFailed { ppa, day, block, error });
			}
		}
	}
}

impl<T: Config> OnEnergyMetered<T::AccountId> for Pallet<T> {
	/// A block with resold energy is queued for its winners to pay. Scheduling schedules a
	/// block's sales as they clear here, so a block with nothing resold has no result to read.
	/// Nothing is paid now: the winners pay as the delivery is settled.
	fn energy_metered(
		binding: &BindingPpa<T::AccountId>,
		at: GridInstant,
		energy: BlockEnergy,
	) -> bool {
		if energy.resold_wh == 0 {
			return false;
		}
		let key = (at.day, binding.ppa, at.block);
		if Results::<T>::get(key).is_some_and(|r| r.sold_kw > 0 && r.delivered_wh.is_none()) {
			Deliveries::<T>::insert(key, ());
		}
		false
	}

	/// The result read, the queue written.
	fn weight() -> Weight {
		Self::resold_weight()
	}

	/// Only a block with resold energy reads its result (in the proof too) and is queued.
	fn resold_weight() -> Weight {
		use frame_support::traits::StorageInfoTrait;
		let result = Results::<T>::storage_info().first().and_then(|i| i.max_size);
		T::DbWeight::get()
			.reads_writes(1, 1)
			.saturating_add(ppa_primitives::proof::map_read_proof(result))
	}

	/// A block whose winners have paid keeps what they paid for: a revision that would change
	/// the energy delivered to them is refused (`AlreadySettled`); before they pay, the hook
	/// reads the revised energy.
	fn energy_revised(
		ppa: PpaId,
		at: GridInstant,
		was: BlockEnergy,
		now: BlockEnergy,
	) -> DispatchResult {
		let Some(result) = Results::<T>::get((at.day, ppa, at.block)) else { return Ok(()) };
		if result.sold_kw == 0 || result.delivered_wh.is_none() {
			return Ok(());
		}
		let sold_wh = EnergyWh::from(result.sold_kw).saturating_mul(WH_PER_KW_BLOCK);
		let delivered = |e: &BlockEnergy| e.actual_wh.saturating_sub(e.scheduled_wh).min(sold_wh);
		ensure!(delivered(&was) == delivered(&now), Error::<T>::AlreadySettled);
		Ok(())
	}

	/// The result read.
	fn revision_weight() -> Weight {
		T::DbWeight::get().reads(1)
	}
}
