//! A PPA's life by itself: the day-keyed queue of status transitions the hook applies (active on
//! its start day, expired after its end day), termination, and the parties' indexes of live and
//! ended PPAs.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use ppa_primitives::queue::cursor_or_start;
use ppa_primitives::{DocumentHash, GridDay, GridTime, OnPpaEnded, PpaId, PpaStatus, PpaTerms};

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

	/// The most `on_initialize` may take: a full budget of transitions, each ending its PPA,
	/// and the queue keys a walk reads (one more than the budget per day, four days per
	/// transition of budget).
	pub fn hook_weight_bound() -> Weight {
		let budget = T::MaxTransitionsPerBlock::get();
		T::WeightInfo::on_initialize_transitions(budget)
			.saturating_add(Self::ending_weight().saturating_mul(budget.into()))
			.saturating_add(
				T::DbWeight::get().reads_writes(u64::from(budget).saturating_mul(5), budget.into()),
			)
	}

	/// Applies at most `budget` queued transitions of days up to today, oldest day first.
	/// Returns the weight used.
	pub(crate) fn process_transitions(budget: u32) -> Weight {
		let today = T::GridTime::today();
		let day = match cursor_or_start::<T::GridTime>(
			TransitionCursor::<T>::get(),
			TransitionCursor::<T>::put,
		) {
			Ok(day) => day,
			Err(writes) => return T::DbWeight::get().reads_writes(1, writes),
		};
		let walk = ppa_primitives::queue::walk_keyed_queues(
			day,
			today,
			budget,
			|d, n| TransitionQueue::<T>::iter_key_prefix(d).take(n).collect(),
			|d, ppa| {
				TransitionQueue::<T>::remove(d, ppa);
				Self::apply_due_transition(ppa, today);
			},
		);
		TransitionCursor::<T>::put(walk.cursor);
		T::WeightInfo::on_initialize_transitions(walk.applied)
			.saturating_add(Self::ending_weight().saturating_mul(walk.applied.into()))
			.saturating_add(T::DbWeight::get().reads_writes(walk.reads.into(), walk.applied.into()))
	}
}
