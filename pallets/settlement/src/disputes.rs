//! Disputes of a bill (rule 11): raised by the buyer, stayed by an order, ruled on by the
//! regulator.

use crate::{
	pallet::{Bills, Config, Error, Event, Ledgers, Pallet, Parameters, Stays, UnpaidBills},
	BillId, Dispute, Stay, StayAuthority,
};
use frame_support::pallet_prelude::*;
use frame_support::traits::DefensiveSaturating;
use ppa_primitives::{Balance, DocumentHash, DuesObserver, ParticipantRoles, PpaId, Role};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	// ---- disputes

	/// The buyer `who` disputes `amount` of bill `id` of `ppa` (rule 11). The amount
	/// stays payable: only a stay holds it back.
	pub(crate) fn dispute(
		who: T::AccountId,
		ppa: PpaId,
		id: BillId,
		amount: Balance,
		reason: DocumentHash,
	) -> DispatchResult {
		let today = Self::today();
		let mut bill = Bills::<T>::get(ppa, id).ok_or(Error::<T>::NoSuchBill)?;
		ensure!(bill.buyer == who, Error::<T>::NotTheBuyer);
		ensure!(T::Roles::has_active_role(&who, Role::Buyer), Error::<T>::Suspended);
		let window = u32::from(Parameters::<T>::get().dispute_window_days);
		ensure!(today <= bill.presented_on.saturating_add(window), Error::<T>::DisputeWindowClosed);
		ensure!(bill.dispute.is_none(), Error::<T>::AlreadyDisputed);
		ensure!(amount <= bill.outstanding, Error::<T>::DisputeExceedsOutstanding);
		bill.dispute = Some(Dispute { amount, reason, raised_on: today, upheld: None });
		Bills::<T>::insert(ppa, id, bill);
		Self::deposit_event(Event::BillDisputed { ppa, bill: id, buyer: who, amount, reason });
		Ok(())
	}

	/// A competent authority stayed the dispute of bill `id` of `ppa` by order `order`: the
	/// disputed amount still unpaid leaves what is payable (rule 11), with LPS accrued
	/// on it through today.
	pub(crate) fn stay(
		ppa: PpaId,
		id: BillId,
		authority: StayAuthority,
		order: DocumentHash,
	) -> DispatchResult {
		let today = Self::today();
		let mut bill = Bills::<T>::get(ppa, id).ok_or(Error::<T>::NoSuchBill)?;
		let dispute = bill.dispute.filter(|d| d.upheld.is_none()).ok_or(Error::<T>::NoDispute)?;
		// A bill holding a stayed amount already (a dispute of storage version 2, held back
		// without an order on record) is stayed.
		ensure!(
			!Stays::<T>::contains_key(ppa, id) && bill.disputed == 0,
			Error::<T>::AlreadyStayed
		);
		let amount = dispute.amount.min(bill.outstanding);
		ensure!(amount > 0, Error::<T>::NothingToStay);
		let accrued = bill.accrue_through(today, &Self::lps_rules());
		bill.outstanding.defensive_saturating_reduce(amount);
		bill.disputed = amount;
		let buyer = bill.buyer.clone();
		let dues = bill.dues();
		Bills::<T>::insert(ppa, id, bill);
		Stays::<T>::insert(ppa, id, Stay { authority, order, on: today, amount });
		Ledgers::<T>::mutate(ppa, |ledger| {
			ledger.lps.saturating_accrue(accrued);
			ledger.outstanding.defensive_saturating_reduce(amount);
			ledger.disputed.saturating_accrue(amount);
		});
		Self::deposit_event(Event::DisputeStayed { ppa, bill: id, authority, order, amount });
		T::Observer::dues_reduced(ppa, &buyer, &[(id, dues)]);
		Ok(())
	}

	/// The regulator's ruling on the dispute of bill `id` of `ppa`: `upheld` comes off the
	/// bill, off its stayed part first, then off what is still unpaid; what of it the buyer
	/// paid meanwhile is credited to the buyer (the next bills take it off). The rest of a
	/// stayed part is payable again with LPS for the days it was stayed, as if never stayed.
	/// LPS accrued on an unstayed amount later upheld stays: the stay is the remedy for that.
	pub(crate) fn rule_on_dispute(ppa: PpaId, id: BillId, upheld: Balance) -> DispatchResult {
		let today = Self::today();
		let rules = Self::lps_rules();
		let mut bill = Bills::<T>::get(ppa, id).ok_or(Error::<T>::NoSuchBill)?;
		let mut dispute =
			bill.dispute.filter(|d| d.upheld.is_none()).ok_or(Error::<T>::NoDispute)?;
		ensure!(upheld <= dispute.amount, Error::<T>::UpheldExceedsDisputed);
		let was_unpaid = !bill.is_settled();
		let mut lps = bill.accrue_through(today, &rules);
		let stayed = bill.disputed;
		let upheld_stayed = upheld.min(stayed);
		let due = stayed.saturating_sub(upheld_stayed);
		if due > 0 {
			let stayed_on = Stays::<T>::get(ppa, id).map_or(bill.due_on, |stay| stay.on);
			lps.saturating_accrue(bill.add_lps(crate::lps::accrual(
				due,
				bill.due_on,
				stayed_on,
				today.max(bill.due_on),
				&rules.rates(bill.terms.lps_rate_cap),
				bill.terms.calendar_months,
			)));
		}
		// What is upheld beyond the stayed part: off what is unpaid, the rest paid already,
		// in money and in rebate as it was paid (the buyer gets back the money only).
		let rest = upheld.saturating_sub(upheld_stayed);
		let off_outstanding = rest.min(bill.outstanding);
		let settled_part = bill.paid.saturating_add(bill.rebate);
		let paid_back = rest.saturating_sub(off_outstanding).min(settled_part);
		let from_rebate = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			paid_back,
			bill.rebate,
			settled_part.max(1),
			sp_runtime::Rounding::Down,
		)
		.unwrap_or(0)
		.min(bill.rebate);
		let from_paid = paid_back.saturating_sub(from_rebate).min(bill.paid);
		// What the bill is reduced by: at most what it still held of the disputed amount (a
		// revision's credit may have lowered it since).
		let upheld = upheld_stayed
			.saturating_add(off_outstanding)
			.saturating_add(from_paid)
			.saturating_add(from_rebate);
		bill.billed.defensive_saturating_reduce(upheld);
		bill.paid.defensive_saturating_reduce(from_paid);
		bill.rebate.defensive_saturating_reduce(from_rebate);
		bill.outstanding = bill.outstanding.saturating_sub(off_outstanding).saturating_add(due);
		bill.disputed = 0;
		dispute.upheld = Some(upheld);
		bill.dispute = Some(dispute);
		let settled = bill.is_settled();
		let (buyer, seller) = (bill.buyer.clone(), bill.seller.clone());
		let dues = bill.dues();
		Bills::<T>::insert(ppa, id, bill);
		let mut ledger = Ledgers::<T>::get(ppa);
		ledger.billed.defensive_saturating_reduce(upheld);
		ledger.paid.defensive_saturating_reduce(from_paid);
		ledger.rebate.defensive_saturating_reduce(from_rebate);
		ledger.disputed.defensive_saturating_reduce(stayed);
		ledger.outstanding = ledger.outstanding.saturating_sub(off_outstanding).saturating_add(due);
		ledger.lps.saturating_accrue(lps);
		ledger.credit.saturating_accrue(from_paid);
		if settled && was_unpaid {
			UnpaidBills::<T>::mutate(ppa, |ids| ids.retain(|b| *b != id));
			ledger.unpaid_bills.saturating_dec();
			Self::note_unpaid_count(&buyer, &seller, ppa, ledger.unpaid_bills);
			Self::deposit_event(Event::BillSettled { ppa, bill: id });
		}
		let pending = ledger.credit;
		Ledgers::<T>::insert(ppa, ledger);
		Self::deposit_event(Event::DisputeResolved { ppa, bill: id, upheld, due, lps });
		if from_paid > 0 {
			Self::deposit_event(Event::CreditNoted { ppa, amount: from_paid, applied: 0, pending });
		}
		T::Observer::dues_reduced(ppa, &buyer, &[(id, dues)]);
		Ok(())
	}
}
