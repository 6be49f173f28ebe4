//! A PPA's life by itself: the day-keyed queue of status transitions the hook applies (active on
//! its start day, expired after its end day), termination, and the parties' indexes of live and
//! ended PPAs.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_support::weights::WeightMeter;
use frame_system::pallet_prelude::BlockNumberFor;
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	DocumentHash, GridDay, GridTime, OnPpaEnded, PpaId, PpaStatus, PpaTerms,
};

/// The lifecycle queue: PPAs to look at on a grid day (their start day, the day after their
/// end), walked by the hook by the one budget rule of `ppa_primitives::queue`.
pub(crate) struct Transitions<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for Transitions<T> {
	type Item = PpaId;

	fn cursor() -> Option<GridDay> {
		TransitionCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		TransitionCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&PpaId>) -> Option<PpaId> {
		match after {
			None => TransitionQueue::<T>::iter_key_prefix(day).next(),
			Some(item) => TransitionQueue::<T>::iter_key_prefix_from(
				day,
				TransitionQueue::<T>::hashed_key_for(day, item),
			)
			.next(),
		}
	}

	fn weight_bound(_day: GridDay, _ppa: &PpaId) -> Weight {
		Pallet::<T>::transition_weight()
	}

	fn apply(day: GridDay, ppa: PpaId) -> Weight {
		TransitionQueue::<T>::remove(day, ppa);
		Pallet::<T>::apply_due_transition(ppa, T::GridTime::today());
		Pallet::<T>::transition_weight()
	}
}

impl<T: Config> Pallet<T> {
	/// Queues `ppa` to be looked at on grid day `day`, or on the first day the hook has not
	/// walked if that is later (a day already walked is not walked again).
	pub(crate) fn queue_transition(day: GridDay, ppa: PpaId) {
		let day = TransitionCursor::<T>::get().map_or(day, |cursor| day.max(cursor));
		TransitionQueue::<T>::insert(day, ppa, ());
	}

	/// Moves an ended `ppa` from its parties' indexes of binding PPAs to their indexes of
	/// ended ones (two bounded lists and two entries: reads 2, writes 4).
	pub(crate) fn retire(ppa: PpaId, seller: &T::AccountId, buyer: &T::AccountId) {
		PpasBySeller::<T>::mutate(seller, |ids| ids.retain(|id| *id != ppa));
		PpasByBuyer::<T>::mutate(buyer, |ids| ids.retain(|id| *id != ppa));
		EndedPpasBySeller::<T>::insert(seller, ppa, ());
		EndedPpasByBuyer::<T>::insert(buyer, ppa, ());
	}

	/// Ends `ppa` today.
	pub(crate) fn terminate(ppa: PpaId, by: TerminatedBy, reason: DocumentHash) -> DispatchResult {
		let day = T::GridTime::today();
		let record = Ppas::<T>::try_mutate(ppa, |r| {
			let r = r.as_mut().ok_or(Error::<T>::PpaNotFound)?;
			r.status = PpaStatus::Terminated;
			r.terminated = Some((day, by, reason));
			Ok::<_, Error<T>>(r.clone())
		})?;
		PendingAmendments::<T>::remove(ppa);
		PendingTerminations::<T>::remove(ppa);
		// Its start and end have nothing left to do: out of the lifecycle queue.
		if let Some(latest) = Self::latest_version(ppa, &record) {
			TransitionQueue::<T>::remove(latest.terms.start_day, ppa);
			TransitionQueue::<T>::remove(latest.terms.end_day.saturating_add(1), ppa);
		}
		Self::retire(ppa, &record.seller, &record.buyer);
		T::OnPpaEnded::ppa_ended(ppa, &record.buyer, day);
		Self::deposit_event(Event::PpaTerminated {
			ppa,
			seller: record.seller,
			buyer: record.buyer,
			by,
			reason,
			day,
		});
		Ok(())
	}

	/// Moves `record` to the status `terms` (its latest) give it on `today`: Signed -> Active
	/// on the start day, Active (or Signed) -> Expired after the end day, with the event.
	/// Changes the record in memory only; returns whether it changed.
	pub(crate) fn step_status(
		ppa: PpaId,
		record: &mut PpaRecord<T::AccountId, BlockNumberFor<T>>,
		terms: &PpaTerms,
		today: GridDay,
	) -> bool {
		let next = match record.status {
			PpaStatus::Signed | PpaStatus::Active if terms.end_day < today => PpaStatus::Expired,
			PpaStatus::Signed if terms.start_day <= today => PpaStatus::Active,
			_ => return false,
		};
		record.status = next;
		let (seller, buyer) = (record.seller.clone(), record.buyer.clone());
		if next == PpaStatus::Expired {
			// Nothing can be signed on a PPA that no longer binds.
			PendingAmendments::<T>::remove(ppa);
			PendingTerminations::<T>::remove(ppa);
			Self::retire(ppa, &seller, &buyer);
			T::OnPpaEnded::ppa_ended(ppa, &buyer, today);
		}
		Self::deposit_event(match next {
			PpaStatus::Active => Event::PpaActivated { ppa, seller, buyer, day: today },
			_ => Event::PpaExpired { ppa, seller, buyer, day: today },
		});
		true
	}

	/// Applies the status change due to `ppa` on `today`, if any. Returns whether it changed.
	pub(crate) fn apply_due_transition(ppa: PpaId, today: GridDay) -> bool {
		let Some(mut record) = Ppas::<T>::get(ppa) else { return false };
		let Some(latest) = Self::latest_version(ppa, &record) else { return false };
		let changed = Self::step_status(ppa, &mut record, &latest.terms, today);
		if changed {
			Ppas::<T>::insert(ppa, record);
		}
		changed
	}

	/// What ending a PPA costs beyond the call or hook that ends it: leaving its parties'
	/// indexes (two full bounded lists read and written, two entries written: their proof
	/// counted), its latest terms read and two queue entries removed (a termination), and
	/// telling the other pallets.
	pub(crate) fn ending_weight() -> Weight {
		// A list of `MaxPpasPerParty` ids (4 bytes each, a length prefix) under its
		// 48-byte key; each ended-index entry's key.
		let list = u64::from(T::MaxPpasPerParty::get()).saturating_mul(4).saturating_add(53);
		let proof = list.saturating_add(100).saturating_mul(2);
		T::OnPpaEnded::weight()
			.saturating_add(T::DbWeight::get().reads_writes(3, 6))
			.saturating_add(Weight::from_parts(0, proof))
	}

	/// One transition applied by the hook: its share of the benchmark, the PPA ended, its
	/// queue entry removed.
	pub(crate) fn transition_weight() -> Weight {
		T::WeightInfo::on_initialize_transitions(1)
			.saturating_sub(T::WeightInfo::on_initialize_transitions(0))
			.saturating_add(Self::ending_weight())
			.saturating_add(T::DbWeight::get().writes(1))
	}

	/// A hook budget with room for `transitions` transitions on one day: the benchmark's base,
	/// the walk's overhead, and each transition with the read of the next.
	pub fn hook_weight_for(transitions: u32) -> Weight {
		let db = T::DbWeight::get();
		T::WeightInfo::on_initialize_transitions(0)
			.saturating_add(queue::walk_overhead(db))
			.saturating_add(
				Self::transition_weight()
					.saturating_add(db.reads(1))
					.saturating_mul(transitions.into()),
			)
	}

	/// The most `on_initialize` may take: its budget.
	pub fn hook_weight_bound() -> Weight {
		T::MaxHookWeight::get()
	}

	/// Applies the transitions queued for the days up to today, oldest day first, within
	/// `meter`.
	pub(crate) fn process_transitions(meter: &mut WeightMeter) {
		if meter.try_consume(T::WeightInfo::on_initialize_transitions(0)).is_ok() {
			queue::walk::<Transitions<T>>(meter, T::DbWeight::get(), T::GridTime::today());
		}
	}
}
