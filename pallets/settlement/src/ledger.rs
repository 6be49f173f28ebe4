//! The dues ledger at work: charging metered blocks, presenting bills, applying payments,
//! disputes, the LPS month steps, and what other pallets read.

use crate::{
	allocation::{self, Reach},
	charges,
	pallet::{
		Bills, Config, Error, Event, Ledgers, LpsCursor, LpsQueue, NextBillId, OpenBills, Pallet,
		Parameters, PresentationCursor, PresentationQueue, UnpaidBills,
	},
	Applied, Bill, BillId, BillTerms, Dispute, OpenBill, PaymentSource, PpaLedger, WeightInfo,
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
	/// scheduled at the energy rate, capacity prorated and scaled by declared availability.
	fn of(at: GridInstant, energy: &BlockEnergy, terms: &PpaTerms) -> Self {
		BlockCharge {
			at,
			energy_wh: energy.scheduled_wh,
			energy_charge: charges::energy_charge(energy.scheduled_wh, terms.energy_rate),
			capacity_charge: charges::capacity_charge_on(
				at.day,
				terms.capacity_kw,
				terms.capacity_rate,
				energy.availability,
			),
		}
	}

	fn total(&self) -> Balance {
		self.energy_charge.saturating_add(self.capacity_charge)
	}
}

/// Who pays with money not yet moved (security is drawn by `collect` instead).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Payer {
	/// The buyer, from its free balance.
	Buyer,
	/// The buyer's advance held in escrow.
	Advance,
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
		let charge = BlockCharge::of(at, &energy, &terms);
		if charge.total() == 0 {
			return;
		}
		let mut ledger = Ledgers::<T>::get(ppa);
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
			let _ = with_storage_layer(|| Self::apply_payment(ppa, Payer::Advance, held));
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
		let (before, after) =
			(BlockCharge::of(at, &was, &terms), BlockCharge::of(at, &now, &terms));
		if before.total() == after.total() && before.energy_wh == after.energy_wh {
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
		let mut ledger = Ledgers::<T>::get(ppa);
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
		let mut unpaid = Self::load_unpaid(ppa, today);
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
	fn load_unpaid(ppa: PpaId, today: GridDay) -> Unpaid<T::AccountId> {
		let params = Parameters::<T>::get();
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
			ledger.lps.saturating_accrue(bill.accrue_through(today, &params));
		}
		Unpaid { ids, bills, before, ledger }
	}

	/// Stores the bills and ledger of `unpaid`: changed bills written, settled ones taken off
	/// the unpaid list.
	fn store_unpaid(ppa: PpaId, unpaid: Unpaid<T::AccountId>) {
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
		Ledgers::<T>::insert(ppa, ledger);
		UnpaidBills::<T>::insert(ppa, BoundedVec::truncate_from(still_unpaid));
	}

	/// Applies up to `money` from `source` to the dues of `ppa` and moves what is applied to
	/// the seller; returns the unpaid bills it looked at (for the weight).
	pub(crate) fn apply_payment(
		ppa: PpaId,
		payer: Payer,
		money: Balance,
	) -> Result<u32, DispatchError> {
		let source = match payer {
			Payer::Buyer => PaymentSource::Buyer,
			Payer::Advance => PaymentSource::Advance,
		};
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today);
		let looked = unpaid.bills.len() as u32;
		let applied = allocation::allocate(&mut unpaid.bills, money, today, Reach::All);
		let total = Self::book(ppa, &mut unpaid, &applied, source);
		ensure!(total.money() > 0 || total.rebate > 0, Error::<T>::NothingDue);
		let (seller, buyer) = match unpaid.bills.first() {
			Some(bill) => (bill.seller.clone(), bill.buyer.clone()),
			None => return Err(Error::<T>::NothingDue.into()),
		};
		match payer {
			Payer::Buyer => {
				T::Currency::transfer(&buyer, &seller, total.money(), Preservation::Preserve)?;
			},
			Payer::Advance => {
				let paid = T::Security::pay_from_advance(ppa, total.money())?;
				ensure!(paid == total.money(), Error::<T>::AdvanceShort);
			},
		}
		Self::close_payment(ppa, unpaid, source, seller, &buyer, total);
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

	/// Draws `instrument` of `ppa` for what has fallen due (LPS, and principal on or after D)
	/// and applies the money to it (DOMAIN rules 16, 17); returns the unpaid bills looked at.
	/// Returns the unpaid bills looked at (for the weight) and what was collected.
	pub(crate) fn collect(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<(u32, Balance), DispatchError> {
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today);
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

	// ---- disputes

	/// The buyer `who` disputes `amount` of bill `id` of `ppa` (DOMAIN rule 11).
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
		let accrued = bill.accrue_through(today, &Parameters::<T>::get());
		bill.outstanding.saturating_reduce(amount);
		bill.disputed = amount;
		bill.dispute = Some(Dispute { amount, reason, raised_on: today, upheld: None });
		Bills::<T>::insert(ppa, id, bill);
		Ledgers::<T>::mutate(ppa, |ledger| {
			ledger.lps.saturating_accrue(accrued);
			ledger.outstanding.saturating_reduce(amount);
			ledger.disputed.saturating_accrue(amount);
		});
		Self::deposit_event(Event::BillDisputed {
			ppa,
			bill: id,
			buyer: who.clone(),
			amount,
			reason,
		});
		T::Observer::dues_reduced(ppa, &who);
		Ok(())
	}

	/// The regulator's ruling on the dispute of bill `id` of `ppa`: `upheld` comes off the
	/// bill, the rest is due with LPS from the due date.
	pub(crate) fn rule_on_dispute(ppa: PpaId, id: BillId, upheld: Balance) -> DispatchResult {
		let today = Self::today();
		let params = Parameters::<T>::get();
		let mut bill = Bills::<T>::get(ppa, id).ok_or(Error::<T>::NoSuchBill)?;
		let mut dispute =
			bill.dispute.filter(|d| d.upheld.is_none()).ok_or(Error::<T>::NoDispute)?;
		ensure!(upheld <= bill.disputed, Error::<T>::UpheldExceedsDisputed);
		let mut lps = bill.accrue_through(today, &params);
		let due = bill.disputed.saturating_sub(upheld);
		// The rejected part owed LPS from D, as if never disputed.
		lps.saturating_accrue(bill.add_lps(crate::lps::accrual(
			due,
			bill.due_on,
			bill.due_on,
			today.max(bill.due_on),
			&params.lps_rates(bill.terms.lps_rate_cap),
			bill.terms.calendar_months,
		)));
		bill.billed.saturating_reduce(upheld);
		bill.outstanding.saturating_accrue(due);
		bill.disputed = 0;
		dispute.upheld = Some(upheld);
		bill.dispute = Some(dispute);
		let settled = bill.is_settled();
		let buyer = bill.buyer.clone();
		Bills::<T>::insert(ppa, id, bill);
		let mut ledger = Ledgers::<T>::get(ppa);
		ledger.billed.saturating_reduce(upheld);
		ledger.disputed.saturating_reduce(upheld.saturating_add(due));
		ledger.outstanding.saturating_accrue(due);
		ledger.lps.saturating_accrue(lps);
		if settled {
			UnpaidBills::<T>::mutate(ppa, |ids| ids.retain(|b| *b != id));
			ledger.unpaid_bills.saturating_dec();
			Self::deposit_event(Event::BillSettled { ppa, bill: id });
		}
		Ledgers::<T>::insert(ppa, ledger);
		Self::deposit_event(Event::DisputeResolved { ppa, bill: id, upheld, due, lps });
		T::Observer::dues_reduced(ppa, &buyer);
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
		let params = Parameters::<T>::get();
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
		params: &crate::SettlementParameters,
	) -> Option<(GridDay, (PpaId, BillId))> {
		let mut bill = Bills::<T>::get(ppa, id)?;
		if bill.outstanding == 0 || day <= bill.due_on {
			return None;
		}
		let accrued = bill.accrue_through(day.saturating_sub(1), params);
		let calendar = bill.terms.calendar_months;
		let month = crate::lps::month_of(bill.due_on, day, calendar);
		let rates = params.lps_rates(bill.terms.lps_rate_cap);
		let annual_rate = rates.rate(month);
		Self::deposit_event(Event::LpsMonthBegan {
			ppa,
			bill: id,
			month,
			annual_rate,
			outstanding: bill.outstanding,
			lps: bill.lps,
		});
		let next_day = crate::lps::month_end(bill.due_on, month, calendar).saturating_add(1);
		let rises = rates.rate(month.saturating_add(1)) != annual_rate;
		Bills::<T>::insert(ppa, id, bill);
		if accrued > 0 {
			Ledgers::<T>::mutate(ppa, |ledger| ledger.lps.saturating_accrue(accrued));
		}
		rises.then_some((next_day, (ppa, id)))
	}

	// ---- reads

	/// The dues of `ppa` as of `today`, LPS accrued to the day (not stored).
	pub fn dues_on(ppa: PpaId, today: GridDay) -> Dues {
		let ledger = Ledgers::<T>::get(ppa);
		let params = Parameters::<T>::get();
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
			bill.accrue_through(today, &params);
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
		let mut dues = Dues::default();
		for ppa in ppas {
			dues.accumulate(&Self::dues_on(ppa, today));
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
		let mut bill = Bills::<T>::get(ppa, bill)?;
		bill.accrue_through(Self::today(), &Parameters::<T>::get());
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
