//! The duties of each grid day: a bill's due date and default trigger date, the steps of a
//! buyer's regulation, the daily review of failed payment security. Queued one storage entry
//! per duty, applied oldest day first by the hook (within `MaxHookWeight`, by the one budget
//! rule of `ppa_primitives::queue`) or by `push_bill`.

use crate::{
	pallet::{
		Config, Duties, DutyCursor, Error, Event, FailedSecurity, Pallet, Standings, WatchedBills,
	},
	regulation, BillId, Duty, WatchedBill, WeightInfo,
};
use frame_support::{pallet_prelude::*, traits::Get, weights::WeightMeter};
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	DuesCollection, DuesLedger, GridDay, GridTime, PaymentSecurity, PpaId, PpaRegistry,
	SecurityInstrument,
};
use sp_runtime::{traits::Saturating, DispatchError};

/// The duty queue, walked by the hook.
pub(crate) struct DueDuties<T: Config>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for DueDuties<T> {
	type Item = Duty<T::AccountId>;

	fn cursor() -> Option<GridDay> {
		DutyCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		DutyCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&Duty<T::AccountId>>) -> Option<Duty<T::AccountId>> {
		match after {
			None => Duties::<T>::iter_key_prefix(day).next(),
			Some(item) => {
				Duties::<T>::iter_key_prefix_from(day, Duties::<T>::hashed_key_for(day, item))
					.next()
			},
		}
	}

	fn weight_bound(_day: GridDay, duty: &Duty<T::AccountId>) -> Weight {
		Pallet::<T>::duty_bound(duty)
	}

	fn apply(day: GridDay, duty: Duty<T::AccountId>) -> Weight {
		Duties::<T>::remove(day, &duty);
		Pallet::<T>::apply_duty(day, duty).saturating_add(T::DbWeight::get().writes(1))
	}
}

impl<T: Config> Pallet<T> {
	/// Queues `duty` for grid day `day`, or for the first day the hook has not finished if
	/// that is later (a duty queued for a day already walked would never be applied).
	pub(crate) fn queue(day: GridDay, duty: Duty<T::AccountId>) {
		let day = DutyCursor::<T>::get().map_or(day, |cursor| day.max(cursor));
		Duties::<T>::insert(day, duty, ());
	}

	/// Applies the duties of every day up to today, oldest day first, within `meter`.
	pub(crate) fn apply_duties(meter: &mut WeightMeter) {
		queue::walk::<DueDuties<T>>(meter, T::DbWeight::get(), T::GridTime::today());
	}

	/// Applies one duty queued for `day` (taken off the queue already); returns its weight.
	fn apply_duty(day: GridDay, duty: Duty<T::AccountId>) -> Weight {
		match duty {
			Duty::DueDate { ppa, bill } => {
				Self::with_regulation(T::WeightInfo::due_date(Self::on_due_date(ppa, bill)))
			},
			Duty::TriggerDate { ppa, bill } => Self::with_regulations(
				T::WeightInfo::trigger_date(Self::on_trigger_date(ppa, bill)),
				2,
			),
			Duty::RegulationStep { buyer } => {
				Self::on_regulation_step(&buyer, day);
				T::WeightInfo::regulation_step()
			},
			Duty::SecurityReview { ppa } => {
				Self::on_security_review(ppa);
				T::WeightInfo::security_review()
			},
		}
	}

	/// The most one duty of its kind costs (a collection reaching every unpaid bill of its
	/// PPA), with its queue entry removed.
	pub(crate) fn duty_bound(duty: &Duty<T::AccountId>) -> Weight {
		let bills = T::MaxUnpaidBills::get();
		let applied = match duty {
			Duty::DueDate { .. } => Self::with_regulation(T::WeightInfo::due_date(bills)),
			Duty::TriggerDate { .. } => {
				Self::with_regulations(T::WeightInfo::trigger_date(bills), 2)
			},
			Duty::RegulationStep { .. } => T::WeightInfo::regulation_step(),
			Duty::SecurityReview { .. } => T::WeightInfo::security_review(),
		};
		applied.saturating_add(T::DbWeight::get().writes(1))
	}

	/// The most one duty costs, of any kind.
	pub(crate) fn worst_duty() -> Weight {
		let bills = T::MaxUnpaidBills::get();
		Self::with_regulations(
			T::WeightInfo::due_date(bills).max(T::WeightInfo::trigger_date(bills)),
			2,
		)
		.max(T::WeightInfo::regulation_step())
		.max(T::WeightInfo::security_review())
		.saturating_add(T::DbWeight::get().writes(1))
	}

	/// A hook budget with room for `duties` of the costliest duty on one day: the walk's
	/// overhead, and each duty with the read of the next.
	pub fn hook_weight_for(duties: u32) -> Weight {
		let db = T::DbWeight::get();
		queue::walk_overhead(db).saturating_add(
			Self::worst_duty().saturating_add(db.reads(1)).saturating_mul(duties.into()),
		)
	}

	/// The most `on_initialize` may take: its budget.
	pub fn hook_weight_bound() -> Weight {
		T::MaxHookWeight::get()
	}

	/// Applies the duties of bill `bill` of `ppa` that have come and are still queued; returns
	/// their weight.
	pub(crate) fn push(ppa: PpaId, bill: BillId) -> Result<Weight, DispatchError> {
		let dues = T::Dues::bill_dues(ppa, bill).ok_or(Error::<T>::NoSuchBill)?;
		let today = T::GridTime::today();
		ensure!(today > dues.due_on, Error::<T>::NotYetDue);
		let mut weight = Weight::zero();
		let due_date = Duty::DueDate { ppa, bill };
		let mut pushed = Self::take_queued(dues.due_on.saturating_add(1), &due_date);
		if pushed {
			weight.saturating_accrue(Self::with_regulation(T::WeightInfo::due_date(
				Self::on_due_date(ppa, bill),
			)));
		}
		if let Some(watched) = WatchedBills::<T>::get(ppa, bill) {
			let trigger = Duty::TriggerDate { ppa, bill };
			if today >= watched.trigger_on && Self::take_queued(watched.trigger_on, &trigger) {
				pushed = true;
				weight.saturating_accrue(Self::with_regulations(
					T::WeightInfo::trigger_date(Self::on_trigger_date(ppa, bill)),
					2,
				));
			}
		}
		ensure!(pushed, Error::<T>::NothingToPush);
		Ok(weight)
	}

	/// Takes `duty` off the queue of `day`, or of the day after (where `queue` put a duty
	/// due on a day the hook had finished, which is at most today, so at most a day late);
	/// returns whether it was queued.
	fn take_queued(day: GridDay, duty: &Duty<T::AccountId>) -> bool {
		let found =
			[day, day.saturating_add(1)].into_iter().find(|d| Duties::<T>::contains_key(d, duty));
		if let Some(d) = found {
			Duties::<T>::remove(d, duty);
		}
		found.is_some()
	}

	/// Bill `bill` of `ppa` passed its due date: the LCs are drawn for what has fallen due if
	/// its payable principal is unpaid (rule 16), and the bill is watched if anything
	/// remains unpaid or stayed. Returns the unpaid bills the collection looked at.
	pub(crate) fn on_due_date(ppa: PpaId, bill: BillId) -> u32 {
		let Some(mut dues) = T::Dues::bill_dues(ppa, bill) else { return 0 };
		if T::GridTime::today() <= dues.due_on {
			// Queued for the due date itself (before the due date was a whole day): it waits
			// for the day after.
			Self::queue(dues.due_on.saturating_add(1), Duty::DueDate { ppa, bill });
			return 0;
		}
		let mut looked = 0;
		if dues.outstanding > 0 {
			looked = Self::invoke(ppa, bill, SecurityInstrument::LettersOfCredit);
			// What the drawal left.
			let Some(left) = T::Dues::bill_dues(ppa, bill) else { return looked };
			dues = left;
		}
		if dues.outstanding == 0 && dues.lps == 0 && dues.disputed == 0 {
			return looked;
		}
		let Some(parties) = T::Ppas::parties(ppa) else { return looked };
		let calendar_months =
			T::Ppas::terms_on(ppa, dues.presented_on).is_some_and(|t| t.calendar_months);
		let trigger_on =
			regulation::default_trigger_date(dues.presented_on, dues.due_on, calendar_months);
		let overdue = dues.undisputed_unpaid();
		WatchedBills::<T>::insert(
			ppa,
			bill,
			WatchedBill {
				presented_on: dues.presented_on,
				due_on: dues.due_on,
				trigger_on,
				calendar_months,
				overdue,
			},
		);
		let mut standing = Standings::<T>::get(&parties.buyer).unwrap_or_default();
		standing.watched_bills.saturating_inc();
		if overdue {
			standing.overdue_bills.saturating_inc();
		}
		Self::write_standing(&parties.buyer, Some(standing));
		Self::queue(trigger_on, Duty::TriggerDate { ppa, bill });
		if overdue {
			Self::deposit_event(Event::BillOverdue {
				ppa,
				bill,
				buyer: parties.buyer,
				outstanding: dues.outstanding,
				trigger_on,
			});
		}
		looked
	}

	/// Bill `bill` of `ppa` reached its default trigger date: if undisputed dues of it remain,
	/// the buyer defaults (rule 18) and the payment bank guarantees are encashed for
	/// what has fallen due (rule 17). Returns the unpaid bills the collection looked at.
	pub(crate) fn on_trigger_date(ppa: PpaId, bill: BillId) -> u32 {
		let Some(watched) = WatchedBills::<T>::get(ppa, bill) else { return 0 };
		let Some(dues) = T::Dues::bill_dues(ppa, bill) else { return 0 };
		if !dues.undisputed_unpaid() {
			// Disputed only: a ruling against the buyer defaults it then (`dues_reduced`).
			return 0;
		}
		let Some(parties) = T::Ppas::parties(ppa) else { return 0 };
		Self::trigger_default(&parties.buyer, ppa, bill, &watched, &dues, watched.trigger_on);
		Self::invoke(ppa, bill, SecurityInstrument::PaymentBankGuarantees)
	}

	/// Collects what has fallen due on `ppa` from `instrument`, for bill `bill`'s date, and
	/// tells what happened; returns the unpaid bills the collection looked at.
	fn invoke(ppa: PpaId, bill: BillId, instrument: SecurityInstrument) -> u32 {
		match T::Dues::collect_fallen_due(ppa, instrument) {
			Ok(collected) => {
				Self::deposit_event(Event::SecurityInvoked {
					ppa,
					bill,
					instrument,
					amount: collected.amount,
				});
				collected.bills
			},
			Err(error) => {
				Self::deposit_event(Event::SecurityNotInvoked { ppa, bill, instrument, error });
				// A refusal may come after reading every unpaid bill.
				T::MaxUnpaidBills::get()
			},
		}
	}

	/// A step of `buyer`'s regulation queued for `day`: told if the buyer's regulation still
	/// steps on that day, and the next step queued.
	pub(crate) fn on_regulation_step(buyer: &T::AccountId, day: GridDay) {
		let Some(default) = Standings::<T>::get(buyer).and_then(|s| s.dues_default) else {
			return;
		};
		let (from, calendar) = (default.regulation_from, default.calendar_months);
		let steps_today = regulation::next_step(from, day.saturating_sub(1), calendar)
			.map(|(d, _)| d)
			== Some(day);
		if !steps_today {
			return;
		}
		let next_step = regulation::next_step(from, day, calendar);
		Self::deposit_event(Event::RegulationStepped {
			buyer: buyer.clone(),
			share: regulation::share_on(from, day, calendar),
			next_step,
		});
		if let Some((next, _)) = next_step {
			Self::queue(next, Duty::RegulationStep { buyer: buyer.clone() });
		}
	}

	/// The daily look at `ppa`'s failed payment security: cleared once its cover is adequate,
	/// looked at again tomorrow otherwise.
	pub(crate) fn on_security_review(ppa: PpaId) {
		let Some(parties) = T::Ppas::parties(ppa) else { return };
		if !FailedSecurity::<T>::contains_key(&parties.buyer, ppa) {
			return;
		}
		let today = T::GridTime::today();
		if T::Security::coverage(ppa, today).adequate {
			Self::cure_security_failure(&parties.buyer, ppa);
		} else {
			Self::queue(today.saturating_add(1), Duty::SecurityReview { ppa });
		}
	}
}
