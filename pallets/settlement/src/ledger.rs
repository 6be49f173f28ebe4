//! The dues ledger at work: charging metered blocks, presenting bills, applying payments,
//! disputes, the LPS month steps, and what other pallets read.

use crate::{
	allocation::{self, Reach},
	charges,
	pallet::{
		Bills, Config, Error, Event, Ledgers, LpsCursor, LpsQueue, NextBillId, OpenBills, Pallet,
		Parameters, PresentationCursor, PresentationQueue, Stays, UnpaidBills, UnpaidByPair,
	},
	Applied, Bill, BillId, BillTerms, Dispute, LpsRules, OpenBill, PaymentSource, PpaLedger, Stay,
	StayAuthority, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{fungible::Mutate, tokens::Preservation},
};
use ppa_primitives::queue::cursor_or_start;
use ppa_primitives::{
	clock::month_index, queue::walk_keyed_queues, Balance, BankGuaranteeKind, BillDues,
	BillingHistory, BillingPeriod, BillingWatermark, BlockEnergy, Collected, DocumentHash, Dues,
	DuesCollection, DuesLedger, DuesObserver, EnergyLedger, EnergyWh, Exposure, GridDay,
	GridInstant, OnEnergyMetered, ParticipantRoles, PpaId, PpaParties, PpaRegistry, PpaTerms,
	ProceedsCredit, Role, SecurityInstrument, SecurityPayments, TimeBlock,
};
use sp_runtime::traits::Saturating;

/// The charges of one metered block, INR units.
struct BlockCharge {
	at: GridInstant,
	energy_wh: EnergyWh,
	energy_charge: Balance,
	capacity_charge: Balance,
}

impl BlockCharge {
	/// The charges of `energy` in the block at `at`, on `terms` (DOMAIN rule 9): energy as
	/// scheduled at the energy rate, and `capacity_charge`, what the block adds to the
	/// capacity charge its month has earned.
	fn of(
		at: GridInstant,
		energy: &BlockEnergy,
		terms: &PpaTerms,
		capacity_charge: Balance,
	) -> Self {
		BlockCharge {
			at,
			energy_wh: energy.scheduled_wh,
			energy_charge: charges::energy_charge(energy.scheduled_wh, terms.energy_rate),
			capacity_charge,
		}
	}

	fn total(&self) -> Balance {
		self.energy_charge.saturating_add(self.capacity_charge)
	}
}

/// A PPA's unpaid bills, loaded with LPS accrued to a day.
struct Unpaid<A> {
	ids: Vec<BillId>,
	bills: Vec<Bill<A>>,
	before: Vec<Bill<A>>,
	ledger: PpaLedger,
}

impl<T: Config> Pallet<T> {
	// ---- charging metered blocks

	/// Charges a metered block of `ppa`: at once from advance for a real-time PPA that owes
	/// nothing (no unpaid bill, no charge waiting in an open bill), into the open bill of its
	/// period otherwise.
	pub(crate) fn charge_block(ppa: PpaId, at: GridInstant, energy: BlockEnergy) {
		// Nothing is charged for a day the PPA does not supply (DOMAIN rule 5).
		if !T::Ppas::binds_on(ppa, at.day) {
			return;
		}
		let Some((parties, _, terms)) = T::Ppas::ppa_on(ppa, at.day) else { return };
		let mut ledger = Ledgers::<T>::get(ppa);
		let (before, after) =
			Self::revise_capacity(&mut ledger, at.day, &terms, None, energy.availability);
		let charge = BlockCharge::of(at, &energy, &terms, after.saturating_sub(before));
		if charge.total() == 0 {
			Ledgers::<T>::insert(ppa, ledger);
			return;
		}
		ledger.record_month(month_index(at.day), charge.total());
		let real_time = terms.billing_period == BillingPeriod::PerTimeBlock;
		// A block is never paid ahead of an older charge: an unpaid bill, or a block of an
		// open bill that the advance could not pay when it was metered.
		let settled = real_time
			&& ledger.unpaid_bills == 0
			&& ledger.unbilled == 0
			&& Self::settle_block_now(ppa, &parties, &terms, &mut ledger, &charge);
		if !settled {
			Self::add_to_open_bill(ppa, &terms, &mut ledger, &charge);
		}
		Ledgers::<T>::insert(ppa, ledger);
	}

	/// A metered block of `day` now has `now` of certified availability instead of `was`
	/// (`None` for a block just metered): its capacity charge is worked out again, and the
	/// month's total kept within the month's share (DOMAIN rule 9). Returns the block's
	/// capacity charge before and after, which differ by exactly what the month's charge
	/// changes by. The month is kept in the PPA's `ledger`, which the caller stores.
	fn revise_capacity(
		ledger: &mut PpaLedger,
		day: GridDay,
		terms: &PpaTerms,
		was: Option<sp_runtime::Permill>,
		now: sp_runtime::Permill,
	) -> (Balance, Balance) {
		let month = month_index(day);
		let mut entry = ledger.capacity_month(month);
		let (supplied, length) =
			charges::supplied_days_of_month(day, terms.start_day, terms.end_day);
		let block = |availability: sp_runtime::Permill| {
			charges::capacity_charge(
				terms.capacity_kw,
				terms.capacity_rate,
				availability,
				terms.normative_availability,
				length,
			)
		};
		let cap = charges::capacity_cap(terms.capacity_kw, terms.capacity_rate, length, supplied);
		let was_charge = was.map_or(0, block);
		if entry.uncapped < was_charge {
			// A block charged before its month was kept here (metered under storage version
			// 2): it was charged in full on its own, so its revision is too.
			let now_charge = block(now);
			entry.uncapped = entry.uncapped.saturating_add(now_charge);
			entry.charged = entry.charged.saturating_add(now_charge);
			ledger.keep_capacity_month(month, entry);
			return (was_charge, now_charge);
		}
		let without = entry.uncapped.saturating_sub(was_charge);
		entry.uncapped = without.saturating_add(block(now));
		entry.availability = entry
			.availability
			.saturating_sub(u64::from(was.map_or(0, |a| a.deconstruct())))
			.saturating_add(u64::from(now.deconstruct()));
		let charged = entry.uncapped.min(cap);
		let base = without.min(cap).min(entry.charged).min(charged);
		let change = (entry.charged.saturating_sub(base), charged.saturating_sub(base));
		entry.charged = charged;
		ledger.keep_capacity_month(month, entry);
		change
	}

	/// Bills a real-time block and pays it from the advance with the best rebate, if the
	/// advance covers it; returns whether it did.
	fn settle_block_now(
		ppa: PpaId,
		parties: &PpaParties<T::AccountId>,
		terms: &PpaTerms,
		ledger: &mut PpaLedger,
		charge: &BlockCharge,
	) -> bool {
		let total = charge.total();
		let rebate = charges::rebate_on(total, charges::rebate_share(&terms.rebate_tiers, 0));
		// Credit owed to the buyer comes off first; the advance pays the rest.
		let credit = ledger.credit.min(total.saturating_sub(rebate));
		let due = total.saturating_sub(rebate).saturating_sub(credit);
		if T::Security::advance_held(ppa) < due {
			return false;
		}
		let paid = with_storage_layer(|| {
			let paid = if due > 0 { T::Security::pay_from_advance(ppa, due)? } else { 0 };
			ensure!(paid == due, Error::<T>::AdvanceShort);
			Ok::<_, DispatchError>(paid)
		});
		let Ok(paid) = paid else { return false };
		ledger.billed.saturating_accrue(total.saturating_sub(credit));
		ledger.paid.saturating_accrue(paid);
		ledger.rebate.saturating_accrue(rebate);
		if credit > 0 {
			ledger.credit.saturating_reduce(credit);
			Self::deposit_event(Event::CreditTakenOff { ppa, bill: None, amount: credit });
		}
		ledger.settled_through =
			Some(ledger.settled_through.map_or(charge.at, |s| s.max(charge.at)));
		Self::deposit_event(Event::BlockSettled {
			ppa,
			at: charge.at,
			seller: parties.seller.clone(),
			buyer: parties.buyer.clone(),
			energy_wh: charge.energy_wh,
			energy_charge: charge.energy_charge,
			capacity_charge: charge.capacity_charge,
			paid,
			rebate,
		});
		true
	}

	/// Adds a block's charges to the open bill of its period; a block of a period already
	/// presented goes to the period of today.
	fn add_to_open_bill(
		ppa: PpaId,
		terms: &PpaTerms,
		ledger: &mut PpaLedger,
		charge: &BlockCharge,
	) {
		let today = Self::today();
		let at = charge.at;
		let (mut first, mut last) = charges::period_of(at.day, terms.billing_period);
		if ledger.presented_through.is_some_and(|through| last <= through) {
			(first, last) = charges::period_of(today, terms.billing_period);
		}
		let mut open = OpenBills::<T>::get(ppa, first).unwrap_or_else(|| {
			Self::queue_presentation(ppa, first, last.saturating_add(1).max(today));
			OpenBill { last_day: last, ..Default::default() }
		});
		open.blocks.saturating_inc();
		open.energy_wh.saturating_accrue(charge.energy_wh);
		open.energy_charge.saturating_accrue(charge.energy_charge);
		open.capacity_charge.saturating_accrue(charge.capacity_charge);
		OpenBills::<T>::insert(ppa, first, open);
		ledger.unbilled.saturating_accrue(charge.total());
		Self::deposit_event(Event::BlockCharged {
			ppa,
			at,
			period: first,
			energy_wh: charge.energy_wh,
			energy_charge: charge.energy_charge,
			capacity_charge: charge.capacity_charge,
		});
	}

	/// Queues the open bill (`ppa`, `period`) for presentation on `day`. A day the hook has
	/// already walked past (today, once today's queue ran dry: the bill of a period charged
	/// after it closed) is walked again, so that the bill is presented in the next block.
	fn queue_presentation(ppa: PpaId, period: GridDay, day: GridDay) {
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
		ledger.unbilled.saturating_reduce(open.total());
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
	fn issue_bill(
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
		// DOMAIN rule 21: net resale proceeds come off the capacity charge.
		let resale_credit = ledger.resale_credit.min(charges.capacity_charge);
		// DOMAIN rule 2: credit from revised energy accounts comes off what is left.
		let room = total.saturating_sub(resale_credit);
		let offset = offset.min(room);
		let credit = ledger.credit.min(room.saturating_sub(offset));
		let billed = room.saturating_sub(offset).saturating_sub(credit);
		let mut ids = UnpaidBills::<T>::get(ppa);
		let id = NextBillId::<T>::get();
		// A bill that credits took whole is settled as it is presented.
		if billed > 0 {
			ensure!(
				Self::pair_unpaid_bills(&parties.buyer, &parties.seller) < T::MaxUnpaidBills::get(),
				Error::<T>::TooManyUnpaidBills
			);
			ids.try_push(id).map_err(|_| Error::<T>::TooManyUnpaidBills)?;
		}
		NextBillId::<T>::put(id.saturating_add(1));
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
		ledger.resale_credit.saturating_reduce(resale_credit);
		ledger.resale_credited.saturating_accrue(resale_credit);
		ledger.credit.saturating_reduce(credit);
		ledger.unpaid_bills = unpaid;
		ledger.presented_through =
			Some(ledger.presented_through.map_or(charges.last_day, |d| d.max(charges.last_day)));
		Ledgers::<T>::insert(ppa, ledger);
		if billed > 0 {
			LpsQueue::<T>::insert(due_on.saturating_add(1), (ppa, id), ());
		}
		T::Energy::mark_billed_through(ppa, GridInstant::new(charges.last_day, TimeBlock::LAST));
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
			// on the day of presentation (DOMAIN rule 10); what they cannot pay stays unpaid.
			let _ = with_storage_layer(|| Self::collect_on_presentation(ppa));
		}
		Ok((id, unpaid, offset))
	}

	// ---- revised energy accounts

	/// The energy account of `ppa`'s block at `at` (a day that has ended, so its terms are
	/// settled) was revised from `was` to `now` (DOMAIN rule 2). Each charge's difference goes
	/// into the open bill of the block's period while that is not presented (a period not yet
	/// presented and without an open bill gets one); otherwise what rises is billed at once as
	/// a supplementary bill, and what falls is a credit to the buyer, taken off its unpaid
	/// bills' principal, oldest first, and then off its next bills. Refused (changing nothing)
	/// if a supplementary bill is due and the PPA has the most unpaid bills it may have.
	pub(crate) fn revise_block(
		ppa: PpaId,
		at: GridInstant,
		was: BlockEnergy,
		now: BlockEnergy,
	) -> DispatchResult {
		if !T::Ppas::binds_on(ppa, at.day) {
			return Ok(());
		}
		let (parties, _, terms) = T::Ppas::ppa_on(ppa, at.day).ok_or(Error::<T>::UnknownPpa)?;
		// The month's capacity charge is earned by its availability as a whole: the block's
		// part in it is what it adds to the month's.
		let mut ledger = Ledgers::<T>::get(ppa);
		let (capacity_before, capacity_after) = Self::revise_capacity(
			&mut ledger,
			at.day,
			&terms,
			Some(was.availability),
			now.availability,
		);
		let (before, after) = (
			BlockCharge::of(at, &was, &terms, capacity_before),
			BlockCharge::of(at, &now, &terms, capacity_after),
		);
		if before.total() == after.total() && before.energy_wh == after.energy_wh {
			Ledgers::<T>::insert(ppa, ledger);
			return Ok(());
		}
		// What rises, and what falls, charge by charge.
		let rise = OpenBill {
			last_day: at.day,
			blocks: 1,
			energy_wh: after.energy_wh.saturating_sub(before.energy_wh),
			energy_charge: after.energy_charge.saturating_sub(before.energy_charge),
			capacity_charge: after.capacity_charge.saturating_sub(before.capacity_charge),
		};
		let fall = OpenBill {
			last_day: at.day,
			blocks: 0,
			energy_wh: before.energy_wh.saturating_sub(after.energy_wh),
			energy_charge: before.energy_charge.saturating_sub(after.energy_charge),
			capacity_charge: before.capacity_charge.saturating_sub(after.capacity_charge),
		};
		ledger.revise_month(month_index(at.day), rise.total(), fall.total());
		let (first, last) = charges::period_of(at.day, terms.billing_period);
		let presented = ledger.presented_through.is_some_and(|through| last <= through);
		let open = OpenBills::<T>::get(ppa, first);
		let into_open = open.is_some()
			|| (!presented
				&& terms.billing_period != BillingPeriod::PerTimeBlock
				&& rise.total() > 0);
		Self::deposit_event(Event::BlockRevised {
			ppa,
			at,
			was: before.total(),
			now: after.total(),
			period: into_open.then_some(first),
		});
		let mut credit = fall.total();
		if into_open {
			// Not yet presented: the period's bill carries the difference.
			let mut open = open.unwrap_or_else(|| {
				Self::queue_presentation(ppa, first, last.saturating_add(1).max(Self::today()));
				OpenBill { last_day: last, ..Default::default() }
			});
			let was_total = open.total();
			open.energy_wh =
				open.energy_wh.saturating_add(rise.energy_wh).saturating_sub(fall.energy_wh);
			open.energy_charge.saturating_accrue(rise.energy_charge);
			open.capacity_charge.saturating_accrue(rise.capacity_charge);
			// Each fall off its own charge; only what the bill cannot take is a credit.
			let off_energy = fall.energy_charge.min(open.energy_charge);
			let off_capacity = fall.capacity_charge.min(open.capacity_charge);
			open.energy_charge.saturating_reduce(off_energy);
			open.capacity_charge.saturating_reduce(off_capacity);
			credit.saturating_reduce(off_energy.saturating_add(off_capacity));
			ledger.unbilled =
				ledger.unbilled.saturating_sub(was_total).saturating_add(open.total());
			OpenBills::<T>::insert(ppa, first, open);
			Ledgers::<T>::insert(ppa, ledger);
		} else if rise.total() > 0 {
			// Billed already: the rise is a supplementary bill of its own, and what the same
			// revision lowers comes off it first.
			let (bill, _, netted) =
				Self::issue_bill(ppa, parties.clone(), &terms, at.day, &rise, ledger, credit)?;
			Self::deposit_event(Event::SupplementaryBillPresented { ppa, bill, at });
			credit.saturating_reduce(netted);
		} else {
			Ledgers::<T>::insert(ppa, ledger);
		}
		if credit > 0 {
			Self::note_credit(ppa, &parties.buyer, &terms, credit);
		}
		Ok(())
	}

	/// Takes `amount` of credit owed to the buyer of `ppa` off its unpaid bills' undisputed
	/// principal, oldest first (LPS accrued to today first). What is left was paid already,
	/// most likely with the best rebate (a real-time block always is): it waits for the next
	/// bills net of that rebate, so that a block revised down and back up returns no more than
	/// was paid for it.
	fn note_credit(ppa: PpaId, buyer: &T::AccountId, terms: &PpaTerms, amount: Balance) {
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today, &Self::lps_rules());
		let mut left = amount;
		for bill in unpaid.bills.iter_mut() {
			let cut = left.min(bill.outstanding);
			if cut == 0 {
				continue;
			}
			bill.billed.saturating_reduce(cut);
			bill.outstanding.saturating_reduce(cut);
			unpaid.ledger.billed.saturating_reduce(cut);
			unpaid.ledger.outstanding.saturating_reduce(cut);
			left.saturating_reduce(cut);
		}
		let applied = amount.saturating_sub(left);
		let rebate = charges::rebate_on(left, charges::rebate_share(&terms.rebate_tiers, 0));
		unpaid.ledger.credit.saturating_accrue(left.saturating_sub(rebate));
		let pending = unpaid.ledger.credit;
		Self::store_unpaid(ppa, unpaid);
		Self::deposit_event(Event::CreditNoted { ppa, amount, applied, pending });
		if applied > 0 {
			T::Observer::dues_reduced(ppa, buyer);
		}
	}

	/// The most one revision may take: a supplementary bill presented (and paid from
	/// advance) to a PPA with the most unpaid bills, then a credit taken off all of them,
	/// with the open bill and the ledger read and written.
	pub(crate) fn revision_weight() -> Weight {
		Self::presentation_weight(T::MaxUnpaidBills::get())
			.saturating_add(Self::observed(T::WeightInfo::pay(T::MaxUnpaidBills::get())))
			.saturating_add(T::DbWeight::get().reads_writes(3, 2))
	}

	/// Presents the bills queued for every day up to today, at most `budget`; returns the
	/// weight used.
	pub(crate) fn present_due_bills(budget: u32) -> Weight {
		let today = Self::today();
		let day = match cursor_or_start::<T::GridTime>(
			PresentationCursor::<T>::get(),
			PresentationCursor::<T>::put,
		) {
			Ok(day) => day,
			Err(writes) => return T::DbWeight::get().reads_writes(1, writes),
		};
		let mut weight = Weight::zero();
		let mut deferred = Vec::new();
		let walk = walk_keyed_queues(
			day,
			today,
			budget,
			|d, n| PresentationQueue::<T>::iter_key_prefix(d).take(n).collect(),
			|d, (ppa, period)| {
				PresentationQueue::<T>::remove(d, (ppa, period));
				let result = with_storage_layer(|| Self::present(ppa, period));
				let unpaid = match result {
					Ok(unpaid) => unpaid,
					Err(e) if e == Error::<T>::TooManyUnpaidBills.into() => {
						deferred.push((ppa, period));
						T::MaxUnpaidBills::get()
					},
					// Pushed out by a call already, or the PPA is gone.
					Err(_) => 0,
				};
				weight.saturating_accrue(Self::presentation_weight(unpaid));
			},
		);
		PresentationCursor::<T>::put(walk.cursor);
		for (ppa, period) in deferred {
			Self::deposit_event(Event::PresentationDeferred { ppa, period });
			Self::queue_presentation(ppa, period, today.saturating_add(1));
		}
		weight
			.saturating_add(T::DbWeight::get().reads_writes(walk.reads.into(), walk.applied.into()))
	}

	// ---- payments

	/// Loads the unpaid bills of `ppa` with LPS accrued through `today`.
	fn load_unpaid(ppa: PpaId, today: GridDay, params: &LpsRules) -> Unpaid<T::AccountId> {
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
	fn store_unpaid(ppa: PpaId, unpaid: Unpaid<T::AccountId>) {
		let pair = unpaid.bills.first().map(|bill| (bill.buyer.clone(), bill.seller.clone()));
		let mut still_unpaid = Vec::new();
		for ((id, bill), before) in unpaid.ids.into_iter().zip(unpaid.bills).zip(unpaid.before) {
			if bill.is_settled() {
				Self::deposit_event(Event::BillSettled { ppa, bill: id });
			} else {
				still_unpaid.push(id);
			}
			if bill != before {
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

	/// `buyer` pays up to `money` to `seller` (LPS Rules 2022, rule 5; DOMAIN rule 13): the
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
	fn close_payment(
		ppa: PpaId,
		unpaid: Unpaid<T::AccountId>,
		source: PaymentSource,
		seller: T::AccountId,
		buyer: &T::AccountId,
		total: Applied,
	) {
		Self::store_unpaid(ppa, unpaid);
		Self::deposit_event(Event::PaymentApplied {
			ppa,
			source,
			seller,
			amount: total.money(),
			lps: total.lps,
			principal: total.principal,
			rebate: total.rebate,
		});
		T::Observer::dues_reduced(ppa, buyer);
	}

	/// Books what `applied` did to each bill in the ledger, with an event per bill reached;
	/// returns the total.
	fn book(
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
		ledger.lps.saturating_reduce(total.lps);
		ledger.lps_paid.saturating_accrue(total.lps);
		ledger.outstanding.saturating_reduce(total.principal.saturating_add(total.rebate));
		ledger.paid.saturating_accrue(total.principal);
		ledger.rebate.saturating_accrue(total.rebate);
		total
	}

	/// Draws `instrument` of `ppa` for what has fallen due (LPS, and principal once its due date
	/// has passed) and applies the money to it (DOMAIN rules 16, 17). Returns the unpaid bills
	/// looked at (for the weight) and what was collected.
	pub(crate) fn collect(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<(u32, Balance), DispatchError> {
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today, &Self::lps_rules());
		let looked = unpaid.bills.len() as u32;
		let due = allocation::fallen_due_amount(&unpaid.bills, today);
		ensure!(due > 0, Error::<T>::NothingFallenDue);
		let (drawn, source) = match instrument {
			SecurityInstrument::LettersOfCredit => {
				(T::Security::draw_letters_of_credit(ppa, due)?, PaymentSource::LetterOfCredit)
			},
			SecurityInstrument::PaymentBankGuarantees => (
				T::Security::encash_bank_guarantees(ppa, BankGuaranteeKind::Payment, due)?,
				PaymentSource::BankGuarantee,
			),
		};
		let applied = allocation::allocate(&mut unpaid.bills, drawn, today, Reach::Due);
		let total = Self::book(ppa, &mut unpaid, &applied, source);
		// Drawn at most what is due, and all of that is applied.
		ensure!(total.money() == drawn, Error::<T>::NothingFallenDue);
		let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
		Self::close_payment(ppa, unpaid, source, parties.seller, &parties.buyer, total);
		Ok((looked, drawn))
	}

	/// Presents the unpaid bills of `ppa` to its letters of credit for payment on presentation
	/// (the PPA says so): draws what settles them today, rebates deducted, and applies it LPS
	/// first, then oldest first, each bill paid in full earning the rebate open today (DOMAIN
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

	// ---- disputes

	/// The buyer `who` disputes `amount` of bill `id` of `ppa` (DOMAIN rule 11). The amount
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
	/// disputed amount still unpaid leaves what is payable (DOMAIN rule 11), with LPS accrued
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
		bill.outstanding.saturating_reduce(amount);
		bill.disputed = amount;
		let buyer = bill.buyer.clone();
		Bills::<T>::insert(ppa, id, bill);
		Stays::<T>::insert(ppa, id, Stay { authority, order, on: today, amount });
		Ledgers::<T>::mutate(ppa, |ledger| {
			ledger.lps.saturating_accrue(accrued);
			ledger.outstanding.saturating_reduce(amount);
			ledger.disputed.saturating_accrue(amount);
		});
		Self::deposit_event(Event::DisputeStayed { ppa, bill: id, authority, order, amount });
		T::Observer::dues_reduced(ppa, &buyer);
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
		bill.billed.saturating_reduce(upheld);
		bill.paid.saturating_reduce(from_paid);
		bill.rebate.saturating_reduce(from_rebate);
		bill.outstanding = bill.outstanding.saturating_sub(off_outstanding).saturating_add(due);
		bill.disputed = 0;
		dispute.upheld = Some(upheld);
		bill.dispute = Some(dispute);
		let settled = bill.is_settled();
		let (buyer, seller) = (bill.buyer.clone(), bill.seller.clone());
		Bills::<T>::insert(ppa, id, bill);
		let mut ledger = Ledgers::<T>::get(ppa);
		ledger.billed.saturating_reduce(upheld);
		ledger.paid.saturating_reduce(from_paid);
		ledger.rebate.saturating_reduce(from_rebate);
		ledger.disputed.saturating_reduce(stayed);
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
		T::Observer::dues_reduced(ppa, &buyer);
		Ok(())
	}

	// ---- the LPS base rate

	/// Sets the base rate of `financial_year` (DOMAIN rule 12): from its 1 April, or from
	/// tomorrow if that has passed; refused for a year ended or a rate in force.
	pub(crate) fn set_base_rate(financial_year: u16, rate: sp_runtime::Permill) -> DispatchResult {
		let today = Self::today();
		ensure!(
			Self::valid_base_rate(rate, &Parameters::<T>::get()),
			Error::<T>::InvalidParameters
		);
		let start = ppa_primitives::clock::financial_year_start(financial_year);
		let end = ppa_primitives::clock::financial_year_start(financial_year.saturating_add(1));
		let from = start.max(today.saturating_add(1));
		ensure!(from < end, Error::<T>::FinancialYearOver);
		let mut table = crate::pallet::LpsBaseRates::<T>::get();
		if let Some(entry) = table.iter().find(|e| e.financial_year == financial_year) {
			ensure!(entry.from > today, Error::<T>::BaseRateInForce);
		}
		table.retain(|e| e.financial_year != financial_year);
		let at = table.partition_point(|e| e.from < from);
		table
			.try_insert(at, crate::lps::BaseRate { financial_year, from, rate })
			.map_err(|_| Error::<T>::TooManyBaseRates)?;
		crate::pallet::LpsBaseRates::<T>::put(table);
		Self::deposit_event(Event::LpsBaseRateSet { financial_year, rate, from });
		Ok(())
	}

	// ---- LPS months

	/// Steps the overdue bills queued for every day up to today into their month of default,
	/// at most `budget`; returns the weight used.
	pub(crate) fn step_lps_months(budget: u32) -> Weight {
		let today = Self::today();
		let day = match cursor_or_start::<T::GridTime>(LpsCursor::<T>::get(), LpsCursor::<T>::put) {
			Ok(day) => day,
			Err(writes) => return T::DbWeight::get().reads_writes(1, writes),
		};
		let params = Self::lps_rules();
		let mut next = Vec::new();
		let walk = walk_keyed_queues(
			day,
			today,
			budget,
			|d, n| LpsQueue::<T>::iter_key_prefix(d).take(n).collect(),
			|d, (ppa, id)| {
				LpsQueue::<T>::remove(d, (ppa, id));
				if let Some(step) = Self::step_lps_month(ppa, id, d, &params) {
					next.push(step);
				}
			},
		);
		LpsCursor::<T>::put(walk.cursor);
		for (day, item) in next {
			LpsQueue::<T>::insert(day, item, ());
		}
		T::WeightInfo::on_initialize_lps(walk.applied)
			.saturating_add(T::DbWeight::get().reads_writes(walk.reads.into(), walk.applied.into()))
	}

	/// Bill `id` of `ppa` enters a new month of default on `day`: LPS is accrued through the
	/// day before and the step recorded. Returns where to queue the next step, while the rate
	/// still rises.
	fn step_lps_month(
		ppa: PpaId,
		id: BillId,
		day: GridDay,
		params: &LpsRules,
	) -> Option<(GridDay, (PpaId, BillId))> {
		let mut bill = Bills::<T>::get(ppa, id)?;
		if bill.outstanding == 0 || day <= bill.due_on {
			return None;
		}
		let accrued = bill.accrue_through(day.saturating_sub(1), params);
		let calendar = bill.terms.calendar_months;
		let month = crate::lps::month_of(bill.due_on, day, calendar);
		let rates = params.rates(bill.terms.lps_rate_cap);
		let annual_rate = rates.rate(month, day);
		Self::deposit_event(Event::LpsMonthBegan {
			ppa,
			bill: id,
			month,
			annual_rate,
			outstanding: bill.outstanding,
			lps: bill.lps,
		});
		let next_day = crate::lps::month_end(bill.due_on, month, calendar).saturating_add(1);
		let rises = rates.rate(month.saturating_add(1), next_day) != rates.rate(month, next_day);
		Bills::<T>::insert(ppa, id, bill);
		if accrued > 0 {
			Ledgers::<T>::mutate(ppa, |ledger| ledger.lps.saturating_accrue(accrued));
		}
		rises.then_some((next_day, (ppa, id)))
	}

	// ---- reads

	/// The dues ledger of `ppa` as of `day`, its LPS accrued to the day (DOMAIN rule 13: LPS
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

	/// Checks the ledger: each bill's `paid + rebate + outstanding + disputed == billed`, and
	/// its resale credit within its capacity charge; the
	/// unpaid list holds exactly the bills with something unpaid; each PPA's ledger balances
	/// and agrees with its unpaid bills and open bills.
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (ppa, id, bill) in Bills::<T>::iter() {
			ensure!(
				bill.paid
					.saturating_add(bill.rebate)
					.saturating_add(bill.outstanding)
					.saturating_add(bill.disputed)
					== bill.billed,
				"a bill's paid + rebate + outstanding + disputed is not what was billed"
			);
			ensure!(
				bill.resale_credit <= bill.capacity_charge,
				"a bill's resale credit exceeds its capacity charge"
			);
			ensure!(
				UnpaidBills::<T>::get(ppa).contains(&id) != bill.is_settled(),
				"the unpaid list disagrees with a bill"
			);
		}
		for (ppa, ledger) in Ledgers::<T>::iter() {
			ensure!(
				ledger
					.paid
					.saturating_add(ledger.rebate)
					.saturating_add(ledger.outstanding)
					.saturating_add(ledger.disputed)
					== ledger.billed,
				"a PPA's paid + rebate + outstanding + disputed is not what was billed"
			);
			let ids = UnpaidBills::<T>::get(ppa);
			ensure!(ids.len() as u32 == ledger.unpaid_bills, "unpaid bills miscounted");
			ensure!(ids.windows(2).all(|w| w[0] < w[1]), "unpaid bills out of order");
			let (mut outstanding, mut disputed, mut lps) = (0u128, 0u128, 0u128);
			for id in ids {
				let bill = Bills::<T>::get(ppa, id).ok_or("an unpaid bill is missing")?;
				outstanding.saturating_accrue(bill.outstanding);
				disputed.saturating_accrue(bill.disputed);
				lps.saturating_accrue(bill.lps);
			}
			ensure!(ledger.outstanding == outstanding, "outstanding out of step with the bills");
			ensure!(ledger.disputed == disputed, "disputed out of step with the bills");
			ensure!(ledger.lps == lps, "LPS out of step with the bills");
			let unbilled = OpenBills::<T>::iter_prefix_values(ppa)
				.fold(0u128, |sum, open| sum.saturating_add(open.total()));
			ensure!(ledger.unbilled == unbilled, "unbilled out of step with the open bills");
			if ledger.unpaid_bills > 0 {
				let parties = T::Ppas::parties(ppa).ok_or("an unpaid PPA is unknown")?;
				let listed = UnpaidByPair::<T>::get((&parties.buyer, &parties.seller))
					.iter()
					.find(|(p, _)| *p == ppa)
					.map(|(_, count)| *count);
				ensure!(listed == Some(ledger.unpaid_bills), "a pair's unpaid count is wrong");
			}
		}
		for ((buyer, seller), list) in UnpaidByPair::<T>::iter() {
			let mut total = 0u32;
			for (ppa, count) in list {
				let parties = T::Ppas::parties(ppa).ok_or("a listed PPA is unknown")?;
				ensure!(
					parties.buyer == buyer && parties.seller == seller,
					"a PPA is listed under another pair"
				);
				ensure!(
					count > 0 && Ledgers::<T>::get(ppa).unpaid_bills == count,
					"a pair lists a PPA wrong"
				);
				total = total.saturating_add(count);
			}
			ensure!(total <= T::MaxUnpaidBills::get(), "a pair holds too many unpaid bills");
		}
		Ok(())
	}
}

impl<T: Config> OnEnergyMetered for Pallet<T> {
	fn energy_metered(ppa: PpaId, at: GridInstant, energy: BlockEnergy) {
		Self::charge_block(ppa, at, energy);
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

	/// A real-time block settled at once records its billing in this pallet's ledger, which
	/// scheduling reads (`BillingWatermark`): no write in scheduling, whichever the block.
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

impl<T: Config> BillingWatermark for Pallet<T> {
	fn settled_through(ppa: PpaId) -> Option<GridInstant> {
		Ledgers::<T>::get(ppa).settled_through
	}
}

impl<T: Config> Exposure for Pallet<T> {
	/// Principal billed and unpaid (disputed or not) and charges not yet presented, less the
	/// resale credit and the credit owed to the buyer that will come off them.
	fn exposure(ppa: PpaId) -> Balance {
		let ledger = Ledgers::<T>::get(ppa);
		ledger
			.outstanding
			.saturating_add(ledger.disputed)
			.saturating_add(ledger.unbilled)
			.saturating_sub(ledger.resale_credit)
			.saturating_sub(ledger.credit)
	}

	/// The exposure, and the LPS recorded unpaid (security drawn for dues pays LPS first).
	fn dues_secured(ppa: PpaId) -> Balance {
		Self::exposure(ppa).saturating_add(Ledgers::<T>::get(ppa).lps)
	}
}

impl<T: Config> BillingHistory for Pallet<T> {
	fn average_monthly_billing(ppa: PpaId) -> Option<Balance> {
		Ledgers::<T>::get(ppa).average_monthly_billing(month_index(Self::today()))
	}
}

impl<T: Config> DuesLedger<T::AccountId> for Pallet<T> {
	fn ppa_dues(ppa: PpaId) -> Dues {
		Self::dues_on(ppa, Self::today())
	}

	fn buyer_dues(who: &T::AccountId) -> Dues {
		Self::dues_of(T::Ppas::every_ppa_of_buyer(who))
	}

	fn seller_dues(who: &T::AccountId) -> Dues {
		Self::dues_of(T::Ppas::every_ppa_of_seller(who))
	}

	fn bill_dues(ppa: PpaId, bill: BillId) -> Option<BillDues> {
		let bill = Self::bill_on(ppa, bill, Self::today())?;
		Some(BillDues {
			presented_on: bill.presented_on,
			due_on: bill.due_on,
			outstanding: bill.outstanding,
			disputed: bill.disputed,
			lps: bill.lps,
		})
	}
}

impl<T: Config> DuesCollection for Pallet<T> {
	fn collect_fallen_due(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<Collected, DispatchError> {
		// All or nothing: called from the defaults hook, where no transaction wraps it, so a
		// refusal after the drawal (nothing to book it against) leaves nothing drawn.
		with_storage_layer(|| Self::collect(ppa, instrument))
			.map(|(bills, amount)| Collected { amount, bills })
	}
}
