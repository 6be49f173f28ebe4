//! Presenting bills (rule 8): the queue of periods that close, the bill each becomes, and an
//! LC drawn on presentation where the PPA's terms say so (rule 10).

use crate::{
	allocation::{self, Reach},
	pallet::{
		Bills, Config, Error, Event, Ledgers, LpsQueue, NextBillId, OpenBills, Pallet,
		PresentationCursor, PresentationQueue, UnpaidBills,
	},
	Bill, BillId, BillTerms, OpenBill, PaymentSource, PpaLedger,
};
use frame_support::traits::DefensiveSaturating;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, weights::WeightMeter};
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	Balance, DuesObserver, GridDay, PpaId, PpaParties, PpaRegistry, PpaTerms, SecurityPayments,
};
use sp_runtime::traits::Saturating;

/// The presentation queue: on a day, the open bills (PPA, first day of the period) to present.
pub(crate) struct DuePresentations<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for DuePresentations<T> {
	type Item = (PpaId, GridDay);

	fn cursor() -> Option<GridDay> {
		PresentationCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		PresentationCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&(PpaId, GridDay)>) -> Option<(PpaId, GridDay)> {
		match after {
			None => PresentationQueue::<T>::iter_key_prefix(day).next(),
			Some(item) => PresentationQueue::<T>::iter_key_prefix_from(
				day,
				PresentationQueue::<T>::hashed_key_for(day, item),
			)
			.next(),
		}
	}

	fn weight_bound(_day: GridDay, _bill: &(PpaId, GridDay)) -> Weight {
		Pallet::<T>::presentation_bound()
	}

	/// Presents the bill; one whose PPA has too many unpaid bills waits for tomorrow.
	fn apply(day: GridDay, (ppa, period): (PpaId, GridDay)) -> Weight {
		PresentationQueue::<T>::remove(day, (ppa, period));
		let unpaid = match with_storage_layer(|| Pallet::<T>::present(ppa, period)) {
			Ok(unpaid) => unpaid,
			Err(e) if e == Error::<T>::TooManyUnpaidBills.into() => {
				Pallet::<T>::deposit_event(Event::PresentationDeferred { ppa, period });
				Pallet::<T>::queue_presentation(
					ppa,
					period,
					Pallet::<T>::today().saturating_add(1),
				);
				T::MaxUnpaidBills::get()
			},
			// Pushed out by a call already, or the PPA is gone.
			Err(_) => 0,
		};
		Pallet::<T>::presentation_weight(unpaid).saturating_add(T::DbWeight::get().writes(2))
	}
}

impl<T: Config> Pallet<T> {
	/// Queues the open bill (`ppa`, `period`) for presentation on `day`. A day the hook has
	/// already walked past (today, once today's queue ran dry: the bill of a period charged
	/// after it closed) is walked again, so that the bill is presented in the next block.
	pub(crate) fn queue_presentation(ppa: PpaId, period: GridDay, day: GridDay) {
		PresentationQueue::<T>::insert(day, (ppa, period), ());
		if PresentationCursor::<T>::get().is_some_and(|cursor| cursor > day) {
			PresentationCursor::<T>::put(day);
		}
	}

	// ---- presenting bills

	/// Presents the open bill of `ppa` for the period starting `period`, then pays it from
	/// the buyer's advance if there is one. Returns the PPA's unpaid bills (for the weight).
	pub(crate) fn present(ppa: PpaId, period: GridDay) -> Result<u32, DispatchError> {
		let today = Self::today();
		let open = OpenBills::<T>::get(ppa, period).ok_or(Error::<T>::NoOpenBill)?;
		ensure!(today > open.last_day, Error::<T>::PeriodNotClosed);
		let (parties, _, terms) = T::Ppas::ppa_on(ppa, period).ok_or(Error::<T>::UnknownPpa)?;
		let mut ledger = Ledgers::<T>::get(ppa);
		ledger.unbilled.defensive_saturating_reduce(open.total());
		let (_, unpaid, _) = Self::issue_bill(ppa, parties, &terms, period, &open, ledger, 0)?;
		OpenBills::<T>::remove(ppa, period);
		Ok(unpaid)
	}

	/// Issues a bill of `ppa` for `charges` from `first_day`, presented today and due after
	/// the PPA's due days: net resale proceeds come off it, then `offset` (what the revision
	/// that raised these charges lowered in others) and the credit owed to the buyer; LPS is
	/// queued from its due date, defaults are told, and the buyer's advance (if any) pays it.
	/// `ledger` is the PPA's ledger as the caller left it. Refused, before any write, if the
	/// PPA has the most unpaid bills it may have. Returns the bill, the PPA's unpaid bills and
	/// how much of `offset` it took.
	pub(crate) fn issue_bill(
		ppa: PpaId,
		parties: PpaParties<T::AccountId>,
		terms: &PpaTerms,
		first_day: GridDay,
		charges: &OpenBill,
		mut ledger: PpaLedger,
		offset: Balance,
	) -> Result<(BillId, u32, Balance), DispatchError> {
		let today = Self::today();
		let total = charges.total();
		// rule 21: net resale proceeds come off the capacity charge.
		let resale_credit = ledger.resale_credit.min(charges.capacity_charge);
		// rule 2: credit from revised energy accounts comes off what is left.
		let room = total.saturating_sub(resale_credit);
		let offset = offset.min(room);
		let credit = ledger.credit.min(room.saturating_sub(offset));
		let billed = room.saturating_sub(offset).saturating_sub(credit);
		let mut ids = UnpaidBills::<T>::get(ppa);
		let id = NextBillId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::NoBillIdLeft)?;
		// A bill that credits took whole is settled as it is presented.
		if billed > 0 {
			ensure!(
				Self::pair_unpaid_bills(&parties.buyer, &parties.seller) < T::MaxUnpaidBills::get(),
				Error::<T>::TooManyUnpaidBills
			);
			ids.try_push(id).map_err(|_| Error::<T>::TooManyUnpaidBills)?;
		}
		NextBillId::<T>::put(next_id);
		let due_on = today.saturating_add(u32::from(terms.due_days));
		let bill = Bill {
			seller: parties.seller.clone(),
			buyer: parties.buyer.clone(),
			first_day,
			last_day: charges.last_day,
			energy_wh: charges.energy_wh,
			energy_charge: charges.energy_charge,
			capacity_charge: charges.capacity_charge,
			resale_credit,
			billed,
			paid: 0,
			rebate: 0,
			outstanding: billed,
			disputed: 0,
			presented_on: today,
			due_on,
			lps: 0,
			lps_paid: 0,
			lps_through: due_on,
			lps_carry: 0,
			dispute: None,
			terms: BillTerms::from(terms),
		};
		Bills::<T>::insert(ppa, id, bill);
		let unpaid = ids.len() as u32;
		UnpaidBills::<T>::insert(ppa, ids);
		Self::note_unpaid_count(&parties.buyer, &parties.seller, ppa, unpaid);
		ledger.billed.saturating_accrue(billed);
		ledger.outstanding.saturating_accrue(billed);
		ledger.resale_credit.defensive_saturating_reduce(resale_credit);
		ledger.resale_credited.saturating_accrue(resale_credit);
		ledger.credit.defensive_saturating_reduce(credit);
		ledger.unpaid_bills = unpaid;
		ledger.presented_through =
			Some(ledger.presented_through.map_or(charges.last_day, |d| d.max(charges.last_day)));
		Ledgers::<T>::insert(ppa, ledger);
		if billed > 0 {
			LpsQueue::<T>::insert(due_on.saturating_add(1), (ppa, id), ());
		}
		let buyer = parties.buyer;
		Self::deposit_event(Event::BillPresented {
			ppa,
			bill: id,
			seller: parties.seller,
			buyer: buyer.clone(),
			first_day,
			last_day: charges.last_day,
			energy_wh: charges.energy_wh,
			energy_charge: charges.energy_charge,
			capacity_charge: charges.capacity_charge,
			resale_credit,
			presented_on: today,
			due_on,
		});
		if credit.saturating_add(offset) > 0 {
			let amount = credit.saturating_add(offset);
			Self::deposit_event(Event::CreditTakenOff { ppa, bill: Some(id), amount });
		}
		if billed == 0 {
			Self::deposit_event(Event::BillSettled { ppa, bill: id });
			return Ok((id, unpaid, offset));
		}
		T::Observer::bill_presented(ppa, id, &buyer, today, due_on);
		let held = T::Security::advance_held(ppa);
		if held > 0 {
			// Paid from advance in full or in part; a refusal leaves the bill unpaid.
			let _ = with_storage_layer(|| Self::pay_from_advance(ppa, held));
		}
		if terms.lc_on_presentation {
			// Presented to the letters of credit: what they pay earns the rebate of a payment
			// on the day of presentation (rule 10); what they cannot pay stays unpaid.
			let _ = with_storage_layer(|| Self::collect_on_presentation(ppa));
		}
		Ok((id, unpaid, offset))
	}

	/// Presents the bills queued for every day up to today, oldest day first, within `meter`.
	pub(crate) fn present_due_bills(meter: &mut WeightMeter) -> queue::Walked {
		queue::walk::<DuePresentations<T>>(meter, T::DbWeight::get(), Self::today())
	}

	/// The most presenting one queued bill takes: to a PPA with the most unpaid bills, its
	/// queue entry removed and perhaps queued again.
	pub(crate) fn presentation_bound() -> Weight {
		Self::presentation_weight(T::MaxUnpaidBills::get())
			.saturating_add(T::DbWeight::get().writes(2))
	}

	/// Presents the unpaid bills of `ppa` to its letters of credit for payment on presentation
	/// (the PPA says so): draws what settles them today, rebates deducted, and applies it LPS
	/// first, then oldest first, each bill paid in full earning the rebate open today (rules.md
	/// rule 10). Returns the unpaid bills looked at.
	pub(crate) fn collect_on_presentation(ppa: PpaId) -> Result<u32, DispatchError> {
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today, &Self::lps_rules());
		let looked = unpaid.bills.len() as u32;
		let due = allocation::amount_to_settle(&unpaid.bills, today);
		ensure!(due > 0, Error::<T>::NothingDue);
		let drawn = T::Security::draw_letters_of_credit(ppa, due)?;
		ensure!(drawn > 0, Error::<T>::NothingDue);
		let applied = allocation::allocate(&mut unpaid.bills, drawn, today, Reach::All);
		let total = Self::book(ppa, &mut unpaid, &applied, PaymentSource::LetterOfCredit);
		// Drawn at most what settles the bills, and all of that is applied.
		ensure!(total.money() == drawn, Error::<T>::NothingDue);
		let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
		Self::close_payment(
			ppa,
			unpaid,
			PaymentSource::LetterOfCredit,
			parties.seller,
			&parties.buyer,
			total,
		);
		Ok(looked)
	}
}
