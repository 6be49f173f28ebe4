//! Charging metered blocks (rule 9): each block's energy and capacity charge, settled at
//! once from the advance (real-time PPAs, rule 7) or added to the open bill of its period; and
//! revisions of metered energy after billing (rule 2), as supplementary bills or credits.

use crate::{
	charges,
	pallet::{Config, Error, Event, Ledgers, OpenBills, Pallet},
	OpenBill, PpaLedger, WeightInfo,
};
use frame_support::traits::DefensiveSaturating;
use frame_support::{pallet_prelude::*, storage::with_storage_layer};
use ppa_primitives::{
	clock::month_index, Balance, BillingPeriod, BindingPpa, BlockEnergy, DuesObserver, EnergyWh,
	GridDay, GridInstant, PpaId, PpaParties, PpaRegistry, PpaTerms, SecurityPayments,
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
	/// The charges of `energy` in the block at `at`, on `terms` (rule 9): energy as
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

impl<T: Config> Pallet<T> {
	// ---- charging metered blocks

	/// Charges a metered block of the PPA `binding`, which binds on `at.day` (its caller
	/// checked: nothing is charged for a day a PPA does not supply, rule 5): at once from
	/// advance for a real-time PPA that owes nothing (no unpaid bill, no charge waiting in an
	/// open bill), into the open bill of its period otherwise. Returns whether it was paid
	/// at once from the advance.
	pub(crate) fn charge_block(
		binding: &BindingPpa<T::AccountId>,
		at: GridInstant,
		energy: BlockEnergy,
	) -> bool {
		let BindingPpa { ppa, ref parties, ref terms } = *binding;
		let mut ledger = Ledgers::<T>::get(ppa);
		let (before, after) =
			Self::revise_capacity(&mut ledger, at.day, terms, None, energy.availability);
		let charge = BlockCharge::of(at, &energy, terms, after.saturating_sub(before));
		if charge.total() == 0 {
			Ledgers::<T>::insert(ppa, ledger);
			return false;
		}
		ledger.record_month(month_index(at.day), charge.total());
		let real_time = terms.billing_period == BillingPeriod::PerTimeBlock;
		// A block is never paid ahead of an older charge: an unpaid bill, or a block of an
		// open bill that the advance could not pay when it was metered.
		let settled = real_time
			&& ledger.unpaid_bills == 0
			&& ledger.unbilled == 0
			&& Self::settle_block_now(ppa, parties, terms, &mut ledger, &charge);
		if !settled {
			Self::add_to_open_bill(ppa, terms, &mut ledger, &charge);
		}
		Ledgers::<T>::insert(ppa, ledger);
		settled
	}

	/// A metered block of `day` now has `now` of certified availability instead of `was`
	/// (`None` for a block just metered): its capacity charge is worked out again, and the
	/// month's total kept within the month's share (rule 9). Returns the block's
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

	// ---- revised energy accounts

	/// The energy account of `ppa`'s block at `at` (a day that has ended, so its terms are
	/// settled) was revised from `was` to `now` (rule 2). Each charge's difference goes
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
			bill.billed.defensive_saturating_reduce(cut);
			bill.outstanding.defensive_saturating_reduce(cut);
			unpaid.ledger.billed.defensive_saturating_reduce(cut);
			unpaid.ledger.outstanding.defensive_saturating_reduce(cut);
			left.saturating_reduce(cut);
		}
		let applied = amount.saturating_sub(left);
		let rebate = charges::rebate_on(left, charges::rebate_share(&terms.rebate_tiers, 0));
		unpaid.ledger.credit.saturating_accrue(left.saturating_sub(rebate));
		let pending = unpaid.ledger.credit;
		let changed = Self::store_unpaid(ppa, unpaid);
		Self::deposit_event(Event::CreditNoted { ppa, amount, applied, pending });
		if applied > 0 {
			T::Observer::dues_reduced(ppa, buyer, &changed);
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
}
