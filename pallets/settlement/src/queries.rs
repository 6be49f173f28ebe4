//! What the ledger says, as of a day: a PPA's ledger and bills with LPS accrued, and the dues
//! of a PPA, a buyer or a seller (rule 26). The runtime APIs call these.

use crate::{
	pallet::{Bills, Config, Ledgers, Pallet, UnpaidBills},
	Bill, BillId, LpsRules, PpaLedger,
};
use alloc::vec::Vec;
use ppa_primitives::{Dues, GridDay, PpaId, PpaRegistry};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	// ---- reads

	/// The dues ledger of `ppa` as of `day`, its LPS accrued to the day (rule 13: LPS
	/// shown anywhere is accrued to the day it is read; nothing is stored).
	pub fn ledger_on(ppa: PpaId, day: GridDay) -> PpaLedger {
		let mut ledger = Ledgers::<T>::get(ppa);
		ledger.lps = Self::dues_on(ppa, day).lps;
		ledger
	}

	/// Bill `id` of `ppa` as of `day`, its LPS accrued to the day (not stored).
	pub fn bill_on(ppa: PpaId, id: BillId, day: GridDay) -> Option<Bill<T::AccountId>> {
		let mut bill = Bills::<T>::get(ppa, id)?;
		bill.accrue_through(day, &Self::lps_rules());
		Some(bill)
	}

	/// The dues of `ppa` as of `today`, LPS accrued to the day (not stored).
	pub fn dues_on(ppa: PpaId, today: GridDay) -> Dues {
		Self::dues_under(ppa, today, &Self::lps_rules())
	}

	/// The dues of `ppa` as of `today` under the LPS rules `params`.
	fn dues_under(ppa: PpaId, today: GridDay, params: &LpsRules) -> Dues {
		let ledger = Ledgers::<T>::get(ppa);
		let mut dues = Dues {
			billed: ledger.billed,
			paid: ledger.paid,
			rebate: ledger.rebate,
			outstanding: ledger.outstanding,
			disputed: ledger.disputed,
			lps: 0,
			lps_paid: ledger.lps_paid,
			unbilled: ledger.unbilled,
			oldest_unpaid: None,
			ageing: Default::default(),
		};
		for id in UnpaidBills::<T>::get(ppa) {
			let Some(mut bill) = Bills::<T>::get(ppa, id) else { continue };
			bill.accrue_through(today, params);
			dues.lps.saturating_accrue(bill.lps);
			if bill.outstanding > 0 {
				dues.ageing.add(bill.outstanding, bill.due_on, today);
				if dues.oldest_unpaid.is_none() {
					dues.oldest_unpaid = Some((bill.presented_on, bill.due_on));
				}
			}
		}
		dues
	}

	/// Sums the dues of `ppas` today.
	fn dues_of(ppas: Vec<PpaId>) -> Dues {
		let today = Self::today();
		let rules = Self::lps_rules();
		let mut dues = Dues::default();
		for ppa in ppas {
			dues.accumulate(&Self::dues_under(ppa, today, &rules));
		}
		dues
	}

	/// The bills of `ppa` whose period overlaps `from..=to`, by id, LPS accrued through `day`.
	/// Walks the PPA's bills (one PPA's history).
	pub fn bills_overlapping(
		ppa: PpaId,
		from: GridDay,
		to: GridDay,
		day: GridDay,
	) -> Vec<(BillId, Bill<T::AccountId>)> {
		let rules = Self::lps_rules();
		let mut bills: Vec<(BillId, Bill<T::AccountId>)> = Bills::<T>::iter_prefix(ppa)
			.filter(|(_, b)| b.first_day <= to && b.last_day >= from)
			.map(|(id, mut b)| {
				b.accrue_through(day, &rules);
				(id, b)
			})
			.collect();
		bills.sort_by_key(|(id, _)| *id);
		bills
	}

	/// The dues of `ppa` today.
	pub fn ppa_dues(ppa: PpaId) -> Dues {
		Self::dues_on(ppa, Self::today())
	}

	/// The dues of every PPA in which `who` buys, today, ended PPAs included.
	pub fn buyer_dues(who: &T::AccountId) -> Dues {
		Self::dues_of(T::Ppas::every_ppa_of_buyer(who))
	}

	/// The dues owed to `who` on every PPA in which it sells, today, ended PPAs included.
	pub fn seller_dues(who: &T::AccountId) -> Dues {
		Self::dues_of(T::Ppas::every_ppa_of_seller(who))
	}
}
