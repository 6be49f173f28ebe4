//! Deadlines that change instruments by themselves: an LC's expiry and restoration deadline, a
//! BG's expiry. A queue keyed by grid day, walked in `on_initialize` within `MaxHookWeight` by
//! the one budget rule of `ppa_primitives::queue`, with a cursor for what is left over.

use crate::{
	pallet::{BankGuarantees, Config, DeadlineCursor, Deadlines, Event, LettersOfCredit, Pallet},
	BgRelease, Deadline, WeightInfo,
};
use frame_support::{pallet_prelude::*, traits::Get, weights::WeightMeter};
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	GridDay, GridTime, OnPsmFailure, PaymentSecurity, PpaId, PsmFailure,
};

/// The deadline queue, walked by the hook.
pub(crate) struct DueDeadlines<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for DueDeadlines<T> {
	type Item = Deadline;

	fn cursor() -> Option<GridDay> {
		DeadlineCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		DeadlineCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&Deadline>) -> Option<Deadline> {
		match after {
			None => Deadlines::<T>::iter_key_prefix(day).next(),
			Some(item) => {
				Deadlines::<T>::iter_key_prefix_from(day, Deadlines::<T>::hashed_key_for(day, item))
					.next()
			},
		}
	}

	fn weight_bound(_day: GridDay, _deadline: &Deadline) -> Weight {
		Pallet::<T>::deadline_weight()
	}

	fn apply(day: GridDay, deadline: Deadline) -> Weight {
		Deadlines::<T>::remove(day, deadline);
		Pallet::<T>::apply_due_deadline(deadline, T::GridTime::today());
		Pallet::<T>::deadline_weight()
	}
}

impl<T: Config> Pallet<T> {
	/// Queues `deadline` to take effect on grid day `day` (one write).
	pub(crate) fn queue(day: GridDay, deadline: Deadline) {
		Deadlines::<T>::insert(day, deadline, ());
	}

	/// Applies the deadlines of every day up to today, oldest day first, within `meter`.
	pub(crate) fn process_deadlines(meter: &mut WeightMeter) {
		if meter.try_consume(T::WeightInfo::on_initialize_deadlines(0)).is_ok() {
			queue::walk::<DueDeadlines<T>>(meter, T::DbWeight::get(), T::GridTime::today());
		}
	}

	/// One deadline applied by the hook: its share of the benchmark, its queue entry removed,
	/// and defaults told of a PSM failure it may cause.
	pub(crate) fn deadline_weight() -> Weight {
		T::WeightInfo::on_initialize_deadlines(1)
			.saturating_sub(T::WeightInfo::on_initialize_deadlines(0))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::OnPsmFailure::weight())
	}

	/// A hook budget with room for `deadlines` deadlines on one day: the benchmark's base, the
	/// walk's overhead, and each deadline with the read of the next.
	pub fn hook_weight_for(deadlines: u32) -> Weight {
		let db = T::DbWeight::get();
		T::WeightInfo::on_initialize_deadlines(0)
			.saturating_add(queue::walk_overhead(db))
			.saturating_add(
				Self::deadline_weight()
					.saturating_add(db.reads(1))
					.saturating_mul(deadlines.into()),
			)
	}

	/// The most `on_initialize` may take: its budget.
	pub fn hook_weight_bound() -> Weight {
		T::MaxHookWeight::get()
	}

	/// Applies `deadline` if it has come by `today` and the instrument has not changed since
	/// (renewed, restored, closed); returns whether it did.
	pub(crate) fn apply_due_deadline(deadline: Deadline, today: GridDay) -> bool {
		match deadline {
			Deadline::LcExpiry(lc) => {
				let Some(record) = LettersOfCredit::<T>::get(lc) else { return false };
				if !record.expired_on(today) {
					return false;
				}
				// Releasing what the pallet itself holds cannot fail; if it did, the LC stays
				// (and still counts as nothing) rather than losing track of the funds.
				let Ok(released) = Self::remove_lc(lc, &record) else { return false };
				Self::deposit_event(Event::LcExpired {
					lc,
					ppa: record.ppa,
					bank: record.bank,
					released,
				});
				Self::check_cover(record.ppa, today, PsmFailure::LcExpired);
				true
			},
			Deadline::LcRestoration(lc) => {
				let Some(mut record) = LettersOfCredit::<T>::get(lc) else { return false };
				if record.lapsed || !record.unrestored_on(today) {
					return false;
				}
				record.lapsed = true;
				let (ppa, shortfall) = (record.ppa, record.shortfall());
				Self::deposit_event(Event::LcRestorationMissed {
					lc,
					ppa,
					bank: record.bank.clone(),
					buyer: record.buyer.clone(),
					shortfall,
				});
				LettersOfCredit::<T>::insert(lc, record);
				Self::check_cover(ppa, today, PsmFailure::LcNotRestored);
				true
			},
			Deadline::BgExpiry(bg) => {
				let Some(record) = BankGuarantees::<T>::get(bg) else { return false };
				if today <= record.expiry_day {
					return false;
				}
				Self::remove_bg(bg, &record, BgRelease::Expired).is_ok()
			},
		}
	}

	/// After an LC stopped counting: if the PPA's cover is now below what it requires, a PSM
	/// failure (rule 15) is recorded and reported.
	pub(crate) fn check_cover(ppa: PpaId, today: GridDay, failure: PsmFailure) {
		let coverage = Self::coverage(ppa, today);
		if !coverage.adequate {
			Self::deposit_event(Event::PsmFailed {
				ppa,
				failure,
				available: coverage.available(),
				required: coverage.required,
			});
			T::OnPsmFailure::psm_failed(ppa, today, failure);
		}
	}
}
