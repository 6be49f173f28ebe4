//! Unpaid bills written straight into storage, for this pallet's benchmarks and for those of
//! pallets that read the dues ledger (the runtime's `DuesBenchmarkHelper`).

use crate::{
	pallet::{Bills, Config, Ledgers, NextBillId, UnpaidBills},
	Bill, BillId, BillTerms,
};
use alloc::vec::Vec;
use frame_support::BoundedVec;
use ppa_primitives::{Balance, GridDay, PpaId, PpaRegistry};
use sp_runtime::traits::Saturating;

/// `n` unpaid bills of `ppa` of `amount` each (INR units, all energy charge), presented one a
/// day from `first_presented_on`, each due `due_days` after, on the terms in force then;
/// returns their ids, oldest first.
pub fn unpaid_bills<T: Config>(
	ppa: PpaId,
	seller: &T::AccountId,
	buyer: &T::AccountId,
	n: u32,
	first_presented_on: GridDay,
	due_days: u32,
	amount: Balance,
) -> Vec<BillId> {
	let terms = T::Ppas::terms_on(ppa, first_presented_on);
	let mut ids = Vec::new();
	let mut ledger = Ledgers::<T>::get(ppa);
	let mut unpaid = UnpaidBills::<T>::get(ppa);
	for i in 0..n {
		let id = NextBillId::<T>::get();
		NextBillId::<T>::put(id.saturating_add(1));
		let presented_on = first_presented_on.saturating_add(i);
		let due_on = presented_on.saturating_add(due_days);
		let bill = Bill {
			seller: seller.clone(),
			buyer: buyer.clone(),
			first_day: presented_on.saturating_sub(1),
			last_day: presented_on.saturating_sub(1),
			energy_wh: 1_000_000,
			energy_charge: amount,
			capacity_charge: 0,
			resale_credit: 0,
			billed: amount,
			paid: 0,
			rebate: 0,
			outstanding: amount,
			disputed: 0,
			presented_on,
			due_on,
			lps: 0,
			lps_paid: 0,
			lps_through: due_on,
			lps_carry: 0,
			dispute: None,
			terms: terms.as_ref().map(BillTerms::from).unwrap_or(BillTerms {
				rebate_tiers: BoundedVec::new(),
				lps_rate_cap: None,
				calendar_months: false,
			}),
		};
		Bills::<T>::insert(ppa, id, bill);
		if unpaid.try_push(id).is_ok() {
			ids.push(id);
			ledger.billed.saturating_accrue(amount);
			ledger.outstanding.saturating_accrue(amount);
		} else {
			Bills::<T>::remove(ppa, id);
		}
	}
	ledger.unpaid_bills = unpaid.len() as u32;
	crate::Pallet::<T>::note_unpaid_count(buyer, seller, ppa, ledger.unpaid_bills);
	Ledgers::<T>::insert(ppa, ledger);
	UnpaidBills::<T>::insert(ppa, unpaid);
	ids
}
