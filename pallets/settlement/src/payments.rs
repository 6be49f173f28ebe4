//! Payments (rule 13): a buyer's payment to a seller across every PPA of the pair, LPS first
//! and the longest overdue bill first, with the rebate each bill earns (rule 10); payments
//! from the advance.

use crate::{
	allocation::{self, Reach},
	pallet::{Bills, Config, Error, Event, Ledgers, Pallet, UnpaidBills, UnpaidByPair},
	Applied, Bill, BillId, LpsRules, PaymentSource, PpaLedger,
};
use alloc::vec::Vec;
use frame_support::traits::DefensiveSaturating;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use ppa_primitives::{Balance, BillDues, DuesObserver, GridDay, PpaId, SecurityPayments};
use sp_runtime::traits::Saturating;

/// A PPA's unpaid bills, loaded with LPS accrued to a day.
pub(crate) struct Unpaid<A> {
	pub(crate) ids: Vec<BillId>,
	pub(crate) bills: Vec<Bill<A>>,
	pub(crate) before: Vec<Bill<A>>,
	pub(crate) ledger: PpaLedger,
}

impl<T: Config> Pallet<T> {
	// ---- payments

	/// Loads the unpaid bills of `ppa` with LPS accrued through `today`.
	pub(crate) fn load_unpaid(
		ppa: PpaId,
		today: GridDay,
		params: &LpsRules,
	) -> Unpaid<T::AccountId> {
		let mut ledger = Ledgers::<T>::get(ppa);
		let mut ids = Vec::new();
		let mut bills = Vec::new();
		for id in UnpaidBills::<T>::get(ppa) {
			if let Some(bill) = Bills::<T>::get(ppa, id) {
				ids.push(id);
				bills.push(bill);
			}
		}
		let before = bills.clone();
		for bill in bills.iter_mut() {
			ledger.lps.saturating_accrue(bill.accrue_through(today, params));
		}
		Unpaid { ids, bills, before, ledger }
	}

	/// Stores the bills and ledger of `unpaid`: changed bills written, settled ones taken off
	/// the unpaid list (and the pair's count).
	pub(crate) fn store_unpaid(
		ppa: PpaId,
		unpaid: Unpaid<T::AccountId>,
	) -> Vec<(BillId, BillDues)> {
		let pair = unpaid.bills.first().map(|bill| (bill.buyer.clone(), bill.seller.clone()));
		let mut still_unpaid = Vec::new();
		let mut changed = Vec::new();
		for ((id, bill), before) in unpaid.ids.into_iter().zip(unpaid.bills).zip(unpaid.before) {
			if bill.is_settled() {
				Self::deposit_event(Event::BillSettled { ppa, bill: id });
			} else {
				still_unpaid.push(id);
			}
			if bill != before {
				changed.push((id, bill.dues()));
				Bills::<T>::insert(ppa, id, bill);
			}
		}
		let mut ledger = unpaid.ledger;
		ledger.unpaid_bills = still_unpaid.len() as u32;
		if let Some((buyer, seller)) = pair {
			Self::note_unpaid_count(&buyer, &seller, ppa, ledger.unpaid_bills);
		}
		Ledgers::<T>::insert(ppa, ledger);
		UnpaidBills::<T>::insert(ppa, BoundedVec::truncate_from(still_unpaid));
		changed
	}

	/// The unpaid bills of `buyer` to `seller` over all their PPAs.
	pub(crate) fn pair_unpaid_bills(buyer: &T::AccountId, seller: &T::AccountId) -> u32 {
		UnpaidByPair::<T>::get((buyer, seller))
			.iter()
			.fold(0u32, |sum, (_, count)| sum.saturating_add(*count))
	}

	/// Records that `ppa` of `buyer` and `seller` has `count` unpaid bills. The pair's total
	/// is at most `MaxUnpaidBills` (presentation checks it first), so the list has room.
	pub(crate) fn note_unpaid_count(
		buyer: &T::AccountId,
		seller: &T::AccountId,
		ppa: PpaId,
		count: u32,
	) {
		UnpaidByPair::<T>::mutate_exists((buyer, seller), |entry| {
			let mut list = entry.take().unwrap_or_default();
			list.retain(|(p, _)| *p != ppa);
			if count > 0 && list.try_push((ppa, count)).is_err() {
				frame_support::defensive!("a pair holds more unpaid bills than it may");
			}
			if !list.is_empty() {
				*entry = Some(list);
			}
		});
	}

	/// Applies up to `money` of the buyer's advance held for `ppa` to the PPA's dues (the
	/// advance secures that PPA alone) and moves what is applied to the seller; returns the
	/// unpaid bills it looked at (for the weight).
	pub(crate) fn pay_from_advance(ppa: PpaId, money: Balance) -> Result<u32, DispatchError> {
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today, &Self::lps_rules());
		let looked = unpaid.bills.len() as u32;
		let applied = allocation::allocate(&mut unpaid.bills, money, today, Reach::All);
		let total = Self::book(ppa, &mut unpaid, &applied, PaymentSource::Advance);
		ensure!(total.money() > 0 || total.rebate > 0, Error::<T>::NothingDue);
		let (seller, buyer) = match unpaid.bills.first() {
			Some(bill) => (bill.seller.clone(), bill.buyer.clone()),
			None => return Err(Error::<T>::NothingDue.into()),
		};
		let paid = T::Security::pay_from_advance(ppa, total.money())?;
		ensure!(paid == total.money(), Error::<T>::AdvanceShort);
		Self::close_payment(ppa, unpaid, PaymentSource::Advance, seller, &buyer, total);
		Ok(looked)
	}

	/// `buyer` pays up to `money` to `seller` (LPS Rules 2022, rule 5; rule 13): the
	/// unpaid bills of all their PPAs in one order, LPS first, then the principal of the
	/// longest overdue bill first, then bills not yet due (those of `prefer` first), each by
	/// due date; rebates as earned. Returns the unpaid bills it looked at (for the weight).
	pub(crate) fn pay_seller(
		buyer: &T::AccountId,
		seller: &T::AccountId,
		money: Balance,
		prefer: Option<PpaId>,
	) -> Result<u32, DispatchError> {
		let today = Self::today();
		let rules = Self::lps_rules();
		let mut sets: Vec<(PpaId, Unpaid<T::AccountId>)> = UnpaidByPair::<T>::get((buyer, seller))
			.iter()
			.map(|(ppa, _)| (*ppa, Self::load_unpaid(*ppa, today, &rules)))
			.collect();
		// Every bill of the pair as (set, index), in the order of the rule.
		let mut order: Vec<(usize, usize)> = Vec::new();
		for (s, (_, unpaid)) in sets.iter().enumerate() {
			order.extend((0..unpaid.bills.len()).map(|i| (s, i)));
		}
		let looked = order.len() as u32;
		let key = |&(s, i): &(usize, usize)| {
			let Some((ppa, unpaid)) = sets.get(s) else { return (3u8, GridDay::MAX, BillId::MAX) };
			let (Some(bill), Some(id)) = (unpaid.bills.get(i), unpaid.ids.get(i)) else {
				return (3, GridDay::MAX, BillId::MAX);
			};
			let rank = if allocation::fallen_due(bill, today) {
				0
			} else if prefer == Some(*ppa) {
				1
			} else {
				2
			};
			(rank, bill.due_on, *id)
		};
		order.sort_by_key(key);
		let mut flat: Vec<Bill<T::AccountId>> = order
			.iter()
			.filter_map(|(s, i)| sets.get(*s).and_then(|(_, u)| u.bills.get(*i)).cloned())
			.collect();
		let applied = allocation::allocate(&mut flat, money, today, Reach::All);
		let mut per_set: Vec<Vec<Applied>> =
			sets.iter().map(|(_, u)| alloc::vec![Applied::default(); u.bills.len()]).collect();
		for (((s, i), bill), to) in order.iter().zip(flat).zip(applied) {
			if let (Some(slot), Some(applied)) =
				(sets.get_mut(*s).and_then(|(_, u)| u.bills.get_mut(*i)), per_set.get_mut(*s))
			{
				*slot = bill;
				if let Some(a) = applied.get_mut(*i) {
					*a = to;
				}
			}
		}
		let mut grand = Applied::default();
		let mut totals = Vec::new();
		for ((ppa, unpaid), applied) in sets.iter_mut().zip(per_set.iter()) {
			let total = Self::book(*ppa, unpaid, applied, PaymentSource::Buyer);
			grand.add(&total);
			totals.push(total);
		}
		ensure!(grand.money() > 0 || grand.rebate > 0, Error::<T>::NothingDue);
		T::Currency::transfer(buyer, seller, grand.money(), Preservation::Preserve)?;
		for ((ppa, unpaid), total) in sets.into_iter().zip(totals) {
			if total == Applied::default() {
				continue;
			}
			Self::close_payment(ppa, unpaid, PaymentSource::Buyer, seller.clone(), buyer, total);
		}
		Ok(looked)
	}

	/// Stores what a payment did and records it: the event, and defaults told.
	pub(crate) fn close_payment(
		ppa: PpaId,
		unpaid: Unpaid<T::AccountId>,
		source: PaymentSource,
		seller: T::AccountId,
		buyer: &T::AccountId,
		total: Applied,
	) {
		let changed = Self::store_unpaid(ppa, unpaid);
		Self::deposit_event(Event::PaymentApplied {
			ppa,
			source,
			seller,
			amount: total.money(),
			lps: total.lps,
			principal: total.principal,
			rebate: total.rebate,
		});
		T::Observer::dues_reduced(ppa, buyer, &changed);
	}

	/// Books what `applied` did to each bill in the ledger, with an event per bill reached;
	/// returns the total.
	pub(crate) fn book(
		ppa: PpaId,
		unpaid: &mut Unpaid<T::AccountId>,
		applied: &[Applied],
		source: PaymentSource,
	) -> Applied {
		let mut total = Applied::default();
		for ((id, bill), to) in unpaid.ids.iter().zip(unpaid.bills.iter()).zip(applied) {
			if *to == Applied::default() {
				continue;
			}
			total.add(to);
			Self::deposit_event(Event::BillPaid {
				ppa,
				bill: *id,
				source,
				lps: to.lps,
				principal: to.principal,
				rebate: to.rebate,
				outstanding: bill.outstanding,
				lps_unpaid: bill.lps,
			});
		}
		let ledger = &mut unpaid.ledger;
		ledger.lps.defensive_saturating_reduce(total.lps);
		ledger.lps_paid.saturating_accrue(total.lps);
		ledger
			.outstanding
			.defensive_saturating_reduce(total.principal.saturating_add(total.rebate));
		ledger.paid.saturating_accrue(total.principal);
		ledger.rebate.saturating_accrue(total.rebate);
		total
	}
}
