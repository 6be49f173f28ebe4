//! Deadlines that change instruments by themselves: an LC's expiry and restoration deadline, a
//! BG's expiry. A queue keyed by grid day, applied in `on_initialize` at most
//! `MaxDeadlinesPerBlock` at a time, with a cursor for what is left over.

use crate::{
	pallet::{
		BankGuarantees, Config, DeadlineCursor, Deadlines, Error, Event, LettersOfCredit, Pallet,
	},
	BgRelease, Deadline, WeightInfo,
};
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::queue::cursor_or_start;
use ppa_primitives::{GridDay, GridTime, OnPsmFailure, PaymentSecurity, PpaId, PsmFailure};

impl<T: Config> Pallet<T> {
	/// Queues `deadline` to take effect on grid day `day`.
	pub(crate) fn queue(day: GridDay, deadline: Deadline) -> DispatchResult {
		Deadlines::<T>::try_mutate(day, |queue| queue.try_push(deadline))
			.map_err(|_| Error::<T>::DeadlinesFull.into())
	}

	/// Applies the deadlines of every day up to today, at most `budget` of them; returns the
	/// weight used.
	pub(crate) fn process_deadlines(budget: u32) -> Weight {
		let today = T::GridTime::today();
		let day = match cursor_or_start::<T::GridTime>(
			DeadlineCursor::<T>::get(),
			DeadlineCursor::<T>::put,
		) {
			Ok(day) => day,
			Err(writes) => return T::DbWeight::get().reads_writes(1, writes),
		};
		let drained = ppa_primitives::queue::drain_day_queues(
			day,
			today,
			budget,
			|d| Deadlines::<T>::get(d).into_inner(),
			|d, rest| {
				if rest.is_empty() {
					Deadlines::<T>::remove(d);
				} else {
					Deadlines::<T>::insert(d, BoundedVec::truncate_from(rest));
				}
			},
			|deadline| {
				Self::apply_due_deadline(deadline, today);
			},
		);
		DeadlineCursor::<T>::put(drained.cursor);
		Self::deadlines_weight(drained.applied).saturating_add(
			T::DbWeight::get().reads_writes(drained.days_read.into(), drained.days_written.into()),
		)
	}

	/// The most `on_initialize` may take: a full budget of deadlines.
	pub fn hook_weight_bound() -> Weight {
		Self::deadlines_weight(T::MaxDeadlinesPerBlock::get())
	}

	/// `n` deadlines applied by the hook, each of which may tell defaults of a PSM failure.
	pub(crate) fn deadlines_weight(n: u32) -> Weight {
		T::WeightInfo::on_initialize_deadlines(n)
			.saturating_add(T::OnPsmFailure::weight().saturating_mul(n.into()))
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
