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
use ppa_primitives::{GridDay, GridTime, OnPsmFailure, PaymentSecurity, PpaId, PsmFailure};
use sp_runtime::traits::Saturating;

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
		let Some(mut day) = DeadlineCursor::<T>::get() else {
			// First block: nothing can be queued before today.
			DeadlineCursor::<T>::put(today);
			return T::DbWeight::get().reads_writes(1, 1);
		};
		let mut applied: u32 = 0;
		let (mut days_read, mut days_written): (u32, u32) = (0, 0);
		// Empty days cost a read each and no write; a chain that stood still for long catches
		// up over several blocks.
		while day <= today && applied < budget && days_read < budget.saturating_mul(4) {
			days_read.saturating_inc();
			let mut queue = Deadlines::<T>::get(day);
			if !queue.is_empty() {
				days_written.saturating_inc();
				let take = (budget.saturating_sub(applied) as usize).min(queue.len());
				for deadline in queue.drain(..take) {
					Self::apply_due_deadline(deadline, today);
					applied.saturating_inc();
				}
				if !queue.is_empty() {
					Deadlines::<T>::insert(day, queue);
					break;
				}
				Deadlines::<T>::remove(day);
			}
			day.saturating_inc();
		}
		DeadlineCursor::<T>::put(day);
		T::WeightInfo::on_initialize_deadlines(applied)
			.saturating_add(T::DbWeight::get().reads_writes(days_read.into(), days_written.into()))
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
	/// failure (DOMAIN rule 15) is recorded and reported.
	fn check_cover(ppa: PpaId, today: GridDay, failure: PsmFailure) {
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
