//! A buyer's standing: entering default, being told of payments (and restoring the buyer when
//! the last overdue dues are paid), failed payment security, and what other pallets read.

use crate::{
	pallet::{Config, Event, FailedSecurity, Pallet, Standings, WatchedBills},
	regulation, BillId, DuesDefault, Duty, FailedPsm, Standing, WatchedBill, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::traits::DefensiveSaturating;
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::{
	BillDues, BuyerDefaults, DefaultStatus, DuesObserver, GridDay, GridTime, OnPpaEnded,
	OnPsmFailure, OnRegulation, PpaId, PpaRegistry, PsmFailure,
};
use sp_runtime::{traits::Saturating, Percent};

impl<T: Config> Pallet<T> {
	/// Bill `bill` of `ppa` is past its trigger date with undisputed `dues` unpaid: told, and
	/// `buyer` defaults for unpaid dues from `since` (the trigger date, or the day a ruling made
	/// the bill overdue after it) unless it already is.
	pub(crate) fn trigger_default(
		buyer: &T::AccountId,
		ppa: PpaId,
		bill: BillId,
		watched: &WatchedBill,
		dues: &BillDues,
		since: GridDay,
	) {
		let mut standing = Standings::<T>::get(buyer).unwrap_or_default();
		let regulation_from = match standing.dues_default {
			Some(default) => default.regulation_from,
			None => {
				let calendar = watched.calendar_months;
				let from = regulation::regulation_start(
					watched.presented_on,
					watched.trigger_on,
					calendar,
				);
				standing.dues_default = Some(DuesDefault {
					since,
					ppa,
					bill,
					regulation_from: from,
					calendar_months: calendar,
				});
				Self::enter_default(buyer, &mut standing, since);
				Self::write_standing(buyer, Some(standing));
				// The first step on or after today (a ruling may default a buyer after the
				// regulation's start).
				let today = T::GridTime::today();
				if let Some((day, _)) =
					regulation::next_step(from, today.saturating_sub(1), calendar)
				{
					Self::queue(day, Duty::RegulationStep { buyer: buyer.clone() });
				}
				from
			},
		};
		Self::deposit_event(Event::DefaultTriggered {
			ppa,
			bill,
			buyer: buyer.clone(),
			outstanding: dues.outstanding,
			lps: dues.lps,
			regulation_from,
		});
	}

	/// Marks `standing` in default from `since` if it was not, and tells.
	fn enter_default(buyer: &T::AccountId, standing: &mut Standing, since: GridDay) {
		if standing.in_default_since.is_none() {
			standing.in_default_since = Some(since);
			Self::deposit_event(Event::BuyerDefaulted { buyer: buyer.clone(), since });
		}
	}

	/// Stores `standing` of `buyer`: restored (default and relaxation ended) if no reason of
	/// default stands any more, removed if nothing is left to keep.
	pub(crate) fn store_standing(buyer: &T::AccountId, mut standing: Standing) {
		if standing.without_reason() {
			if let Some(since) = standing.in_default_since.take() {
				standing.relaxation = None;
				Self::deposit_event(Event::BuyerRestored {
					buyer: buyer.clone(),
					in_default_since: since,
				});
			}
		}
		Self::write_standing(buyer, (!standing.is_clear()).then_some(standing));
	}

	/// Writes `buyer`'s standing (`None`: removes it), and tells scheduling when the graded
	/// regulation it imposes changed. Every write of a standing goes through here.
	pub(crate) fn write_standing(buyer: &T::AccountId, standing: Option<Standing>) {
		let before = Standings::<T>::get(buyer).and_then(|s| s.graded_regulation());
		let after = standing.as_ref().and_then(Standing::graded_regulation);
		match standing {
			Some(standing) => Standings::<T>::insert(buyer, standing),
			None => Standings::<T>::remove(buyer),
		}
		if before != after {
			T::OnRegulation::regulation_changed(buyer, after);
		}
	}

	/// `weight` and telling scheduling of a change of regulation.
	pub(crate) fn with_regulation(weight: Weight) -> Weight {
		Self::with_regulations(weight, 1)
	}

	/// `weight` and telling scheduling of `changes` changes of regulation: a trigger date
	/// starts it and the guarantees it encashes may cure it (two); a pushed bill's due date and
	/// trigger date together three.
	pub(crate) fn with_regulations(weight: Weight, changes: u64) -> Weight {
		weight.saturating_add(T::OnRegulation::weight().saturating_mul(changes))
	}

	/// Looks again at those of `changed`, bills of `ppa` with what `buyer` owes on each now,
	/// that are watched: settled bills are no longer watched; a bill past its trigger date found
	/// overdue (a dispute ruled against the buyer) defaults the buyer; the default for unpaid
	/// dues ends when no overdue bill is left (rule 22). A watched bill whose dues did not
	/// change keeps its state. Returns the bills looked at.
	pub(crate) fn review_watched(
		ppa: PpaId,
		buyer: &T::AccountId,
		changed: &[(BillId, BillDues)],
	) -> u32 {
		let Some(mut standing) = Standings::<T>::get(buyer) else { return 0 };
		let today = T::GridTime::today();
		let bills: Vec<(BillId, WatchedBill, BillDues)> = changed
			.iter()
			.take(T::MaxUnpaidBills::get() as usize)
			.filter_map(|(bill, dues)| WatchedBills::<T>::get(ppa, bill).map(|w| (*bill, w, *dues)))
			.collect();
		let mut defaults = None;
		for (bill, mut watched, dues) in bills.iter().copied() {
			let overdue = dues.undisputed_unpaid();
			if watched.overdue {
				standing.overdue_bills.defensive_saturating_dec();
			}
			if overdue {
				standing.overdue_bills.saturating_inc();
			}
			if !overdue && dues.disputed == 0 {
				WatchedBills::<T>::remove(ppa, bill);
				standing.watched_bills.defensive_saturating_dec();
			} else if watched.overdue != overdue {
				watched.overdue = overdue;
				WatchedBills::<T>::insert(ppa, bill, watched);
			}
			if overdue && today >= watched.trigger_on && defaults.is_none() {
				defaults = Some((bill, watched, dues));
			}
		}
		if let (Some(default), true) = (standing.dues_default, standing.overdue_bills == 0) {
			standing.dues_default = None;
			Self::deposit_event(Event::DuesDefaultCured {
				buyer: buyer.clone(),
				since: default.since,
			});
		}
		let default_now = standing.dues_default.is_none() && defaults.is_some();
		Self::store_standing(buyer, standing);
		if let (Some((bill, watched, dues)), true) = (defaults, default_now) {
			Self::trigger_default(buyer, ppa, bill, &watched, &dues, today);
		}
		bills.len() as u32
	}

	/// `ppa`'s payment security failed: a reason of default for its buyer until the cover is
	/// adequate again (looked at daily).
	pub(crate) fn record_security_failure(ppa: PpaId, day: GridDay, failure: PsmFailure) {
		let Some(parties) = T::Ppas::parties(ppa) else { return };
		// A PPA that no longer binds requires no cover (its end cleared what was recorded).
		if !T::Ppas::status(ppa).is_some_and(|s| s.is_binding()) {
			return;
		}
		let buyer = parties.buyer;
		if FailedSecurity::<T>::contains_key(&buyer, ppa) {
			return;
		}
		FailedSecurity::<T>::insert(&buyer, ppa, FailedPsm { since: day, failure });
		let mut standing = Standings::<T>::get(&buyer).unwrap_or_default();
		standing.failed_security.saturating_inc();
		Self::deposit_event(Event::SecurityFailureRecorded { buyer: buyer.clone(), ppa, failure });
		Self::enter_default(&buyer, &mut standing, day);
		Self::write_standing(&buyer, Some(standing));
		Self::queue(day.saturating_add(1), Duty::SecurityReview { ppa });
	}

	/// `ppa`'s cover is adequate again: that reason of default of `buyer` ends.
	pub(crate) fn cure_security_failure(buyer: &T::AccountId, ppa: PpaId) {
		Self::deposit_event(Event::SecurityFailureCleared { buyer: buyer.clone(), ppa });
		Self::drop_security_failure(buyer, ppa);
	}

	/// Forgets the failure recorded for `buyer` on `ppa` and restores `buyer` if no other
	/// reason of default stands. The caller tells why.
	pub(crate) fn drop_security_failure(buyer: &T::AccountId, ppa: PpaId) {
		if FailedSecurity::<T>::take(buyer, ppa).is_none() {
			return;
		}
		let mut standing = Standings::<T>::get(buyer).unwrap_or_default();
		standing.failed_security.defensive_saturating_dec();
		Self::store_standing(buyer, standing);
	}

	/// `who`'s default and regulation today: what the runtime API and the regulator's view
	/// report.
	pub fn status(who: &T::AccountId) -> DefaultStatus {
		Self::status_on(who, T::GridTime::today())
	}

	/// `who`'s default and regulation on grid day `day`.
	pub fn status_on(who: &T::AccountId, day: GridDay) -> DefaultStatus {
		let Some(standing) = Standings::<T>::get(who) else { return DefaultStatus::default() };
		let relaxed_until = standing.relaxation.map(|r| r.until).filter(|until| *until >= day);
		let (share, next_step) = match standing.dues_default {
			Some(d) => (
				regulation::share_on(d.regulation_from, day, d.calendar_months),
				regulation::next_step(d.regulation_from, day, d.calendar_months),
			),
			None => (Percent::zero(), None),
		};
		DefaultStatus {
			in_default_since: standing.in_default_since,
			unpaid_dues_since: standing.dues_default.map(|d| d.since),
			failed_security: standing.failed_security,
			overdue_bills: standing.overdue_bills,
			regulated_share: if relaxed_until.is_some() { Percent::zero() } else { share },
			next_step,
			relaxed_until,
		}
	}

	/// Checks the books: each standing counts its watched, overdue and failed entries; a
	/// standing is in default exactly when a reason stands; every watched bill has its trigger
	/// date queued or passed.
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::pallet::Duties;
		let mut counted: alloc::collections::BTreeMap<T::AccountId, (u32, u32)> =
			Default::default();
		for (ppa, bill, watched) in WatchedBills::<T>::iter() {
			let buyer = T::Ppas::parties(ppa).ok_or("a watched bill's PPA is unknown")?.buyer;
			let entry = counted.entry(buyer).or_default();
			entry.0.saturating_inc();
			if watched.overdue {
				entry.1.saturating_inc();
			}
			let queued = [watched.trigger_on, watched.trigger_on.saturating_add(1)]
				.iter()
				.any(|d| Duties::<T>::contains_key(d, Duty::TriggerDate { ppa, bill }));
			ensure!(
				queued || T::GridTime::today() >= watched.trigger_on,
				"a watched bill's trigger date is not queued"
			);
		}
		for (buyer, standing) in Standings::<T>::iter() {
			let (watched, overdue) = counted.remove(&buyer).unwrap_or_default();
			ensure!(standing.watched_bills == watched, "watched bills miscounted");
			ensure!(standing.overdue_bills == overdue, "overdue bills miscounted");
			let failed = FailedSecurity::<T>::iter_prefix(&buyer).count() as u32;
			// A PPA that no longer binds requires no cover: no failure outlives it.
			for (ppa, _) in FailedSecurity::<T>::iter_prefix(&buyer) {
				ensure!(
					T::Ppas::status(ppa).is_some_and(|s| s.is_binding()),
					"a payment-security failure of a PPA that no longer binds"
				);
			}
			ensure!(standing.failed_security == failed, "failed security miscounted");
			ensure!(
				standing.in_default_since.is_some() != standing.without_reason(),
				"in default without a reason, or a reason without default"
			);
			ensure!(
				standing.dues_default.is_none() || standing.overdue_bills > 0,
				"a default for unpaid dues without an overdue bill"
			);
			ensure!(!standing.is_clear(), "an empty standing is kept");
		}
		ensure!(counted.is_empty(), "watched bills of a buyer without a standing");
		Ok(())
	}
}

impl<T: Config> DuesObserver<T::AccountId> for Pallet<T> {
	/// Queues the bill's due date.
	fn bill_presented(
		ppa: PpaId,
		bill: BillId,
		_buyer: &T::AccountId,
		_presented_on: GridDay,
		due_on: GridDay,
	) {
		// The due date is a whole day (rule 16): the bill is overdue, and its security
		// drawn, once it has passed.
		Self::queue(due_on.saturating_add(1), Duty::DueDate { ppa, bill });
	}

	fn dues_reduced(ppa: PpaId, buyer: &T::AccountId, bills: &[(BillId, BillDues)]) {
		Self::review_watched(ppa, buyer, bills);
	}

	fn bill_presented_weight() -> Weight {
		T::WeightInfo::bill_presented()
	}

	fn dues_reduced_weight() -> Weight {
		Self::with_regulation(T::WeightInfo::dues_reduced(T::MaxUnpaidBills::get()))
	}

	/// Each PPA's review costs a base and a part per watched bill; the pair's watched bills
	/// are at most its unpaid bills, so one full review and the base of the others bound it.
	fn dues_reduced_weight_of(ppas: u32) -> Weight {
		Self::dues_reduced_weight().saturating_add(
			T::WeightInfo::dues_reduced(0).saturating_mul(ppas.saturating_sub(1).into()),
		)
	}
}

impl<T: Config> OnPpaEnded<T::AccountId> for Pallet<T> {
	/// A PPA that no longer binds requires no cover: a failure recorded for it ends.
	fn ppa_ended(ppa: PpaId, buyer: &T::AccountId, day: GridDay) {
		if FailedSecurity::<T>::contains_key(buyer, ppa) {
			Self::drop_security_failure(buyer, ppa);
			Self::deposit_event(Event::SecurityFailureEndedWithPpa {
				buyer: buyer.clone(),
				ppa,
				day,
			});
		}
	}

	fn weight() -> Weight {
		T::WeightInfo::ppa_ended()
	}
}

impl<T: Config> OnPsmFailure for Pallet<T> {
	fn psm_failed(ppa: PpaId, day: GridDay, failure: PsmFailure) {
		Self::record_security_failure(ppa, day, failure);
	}

	fn weight() -> Weight {
		T::WeightInfo::psm_failed()
	}
}

impl<T: Config> ppa_primitives::Regulation<T::AccountId> for Pallet<T> {
	/// The share of graded regulation on `day`, unless the regulator relaxed it through that
	/// day.
	fn regulated_share(buyer: &T::AccountId, day: GridDay) -> Percent {
		Self::status_on(buyer, day).regulated_share
	}
}

impl<T: Config> BuyerDefaults<T::AccountId> for Pallet<T> {
	fn in_default(who: &T::AccountId) -> bool {
		Standings::<T>::get(who).is_some_and(|s| s.in_default_since.is_some())
	}

	/// Walks the standings (kept only for troubled buyers, never every buyer) from after
	/// `after`, keeping those in default.
	fn defaulters_after(after: Option<&T::AccountId>, max: u32) -> alloc::vec::Vec<T::AccountId> {
		let iter = match after {
			Some(who) => Standings::<T>::iter_from(Standings::<T>::hashed_key_for(who)),
			None => Standings::<T>::iter(),
		};
		iter.filter(|(_, s)| s.in_default_since.is_some())
			.map(|(who, _)| who)
			.take(max as usize)
			.collect()
	}
}
