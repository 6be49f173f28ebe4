//! What upstream pallets tell settlement: metered energy and its revisions (scheduling), and
//! resale proceeds to credit (resale).

use crate::{
	pallet::{Config, Event, Ledgers, Pallet},
	WeightInfo,
};
use frame_support::pallet_prelude::*;
use ppa_primitives::{
	Balance, BindingPpa, BlockEnergy, GridInstant, OnEnergyMetered, PartyWeights, PpaId,
	PpaRegistry, ProceedsCredit, SecurityPayments,
};
use sp_runtime::traits::Saturating;

impl<T: Config> OnEnergyMetered<T::AccountId> for Pallet<T> {
	fn energy_metered(
		binding: &BindingPpa<T::AccountId>,
		at: GridInstant,
		energy: BlockEnergy,
	) -> bool {
		Self::charge_block(binding, at, energy)
	}

	fn energy_revised(
		ppa: PpaId,
		at: GridInstant,
		was: BlockEnergy,
		now: BlockEnergy,
	) -> DispatchResult {
		Self::revise_block(ppa, at, was, now)
	}

	fn revision_weight() -> Weight {
		Self::revision_weight()
	}

	/// A block settled at once is paid from the buyer's advance to the seller.
	fn party_weights() -> PartyWeights {
		T::Security::advance_payment_party_weights()
	}

	/// A real-time block settled at once records its billing in this pallet's ledger.
	/// Charging into an open bill may also rewind the presentation cursor (one read, one
	/// write).
	fn weight() -> Weight {
		T::WeightInfo::settle_block_from_advance().max(
			T::WeightInfo::charge_block().saturating_add(T::DbWeight::get().reads_writes(1, 1)),
		)
	}
}

impl<T: Config> ProceedsCredit for Pallet<T> {
	fn credit_resale_proceeds(ppa: PpaId, amount: Balance) -> Balance {
		let mut ledger = Ledgers::<T>::get(ppa);
		ledger.resale_credit.saturating_accrue(amount);
		let pending = ledger.resale_credit;
		Ledgers::<T>::insert(ppa, ledger);
		if let Some(parties) = T::Ppas::parties(ppa) {
			Self::deposit_event(Event::ResaleProceedsCredited {
				ppa,
				seller: parties.seller,
				buyer: parties.buyer,
				amount,
				pending,
			});
		}
		pending
	}
}
