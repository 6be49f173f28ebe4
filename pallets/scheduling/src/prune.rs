//! The bounded pruning of per-block detail: a PPA-day's requisition, detail, sales and energy
//! account go once its meter window and retention have passed (the account into the event
//! log), and a day's declarations with them. A queue keyed by grid day, walked in
//! `on_initialize` within `MaxHookWeight` by the one budget rule of `ppa_primitives::queue`.

use crate::{
	pallet::{
		Config, DayDetails, Declarations, EnergyAccounts, Event, Pallet, Parameters, PruneCursor,
		PruneQueue, Requisitions, Sales,
	},
	WeightInfo,
};
use frame_support::{pallet_prelude::*, traits::Get, weights::WeightMeter};
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	GridDay, GridTime, PpaId,
};

/// The pruning queue: on a day, the PPA-days (PPA, the day of the detail) whose retention has
/// passed.
pub(crate) struct Pruning<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for Pruning<T> {
	type Item = (PpaId, GridDay);

	fn cursor() -> Option<GridDay> {
		PruneCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		PruneCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&(PpaId, GridDay)>) -> Option<(PpaId, GridDay)> {
		match after {
			None => PruneQueue::<T>::iter_prefix(day).next(),
			Some(item) => {
				PruneQueue::<T>::iter_prefix_from(day, PruneQueue::<T>::hashed_key_for(day, item.0))
					.next()
			},
		}
	}

	fn weight_bound(_day: GridDay, _item: &(PpaId, GridDay)) -> Weight {
		Pallet::<T>::prune_weight()
	}

	fn apply(day: GridDay, (ppa, detail_day): (PpaId, GridDay)) -> Weight {
		PruneQueue::<T>::remove(day, ppa);
		Pallet::<T>::prune_day(ppa, detail_day, day);
		Pallet::<T>::prune_weight()
	}

	/// The declarations of the day whose retention ends with `day`, as many as `meter` holds.
	fn close_day(day: GridDay, meter: &mut WeightMeter) -> bool {
		let retention = u32::from(Parameters::<T>::get().retention_days);
		let detail_day = day.saturating_sub(retention).saturating_sub(1);
		let each = T::DbWeight::get().reads_writes(1, 1);
		let room = |left: u64, cost: u64| left.checked_div(cost).unwrap_or(u64::MAX);
		let left = meter.remaining();
		let limit = room(left.ref_time(), each.ref_time())
			.min(room(left.proof_size(), each.proof_size()))
			.min(u64::from(queue::BENCHMARKED_ITEMS));
		if limit == 0 {
			return false;
		}
		let cleared = Declarations::<T>::clear_prefix(detail_day, limit as u32, None);
		meter.consume(each.saturating_mul(cleared.loops.into()));
		cleared.maybe_cursor.is_none()
	}
}

impl<T: Config> Pallet<T> {
	/// Prunes the detail of days past retention, and their declarations, within `meter`.
	pub(crate) fn prune(meter: &mut WeightMeter) {
		if meter.try_consume(T::WeightInfo::on_initialize_prune(0)).is_ok() {
			queue::walk::<Pruning<T>>(meter, T::DbWeight::get(), T::GridTime::today());
		}
	}

	/// Prunes what `ppa` kept for `detail_day`, queued on `day`; a day queued under a shorter
	/// retention than the one in force (governance raised it, perhaps with the meter window)
	/// is queued again for the retention in force.
	fn prune_day(ppa: PpaId, detail_day: GridDay, day: GridDay) {
		let retention = u32::from(Parameters::<T>::get().retention_days);
		let due = detail_day.saturating_add(retention).saturating_add(1);
		if due > day {
			PruneQueue::<T>::insert(due, ppa, detail_day);
			return;
		}
		// Long past its gate: the requisition has served (or was never finalized).
		Requisitions::<T>::remove(ppa, detail_day);
		Self::release_unmetered(ppa, detail_day);
		// Past the meter window nothing changes the day, and billing never reads it back: its
		// detail and account go, the account into the event log.
		Sales::<T>::remove(ppa, detail_day);
		if DayDetails::<T>::take(ppa, detail_day).is_some() {
			Self::deposit_event(Event::DetailPruned { ppa, day: detail_day });
		}
		if let Some(account) = EnergyAccounts::<T>::take(ppa, detail_day) {
			Self::deposit_event(Event::EnergyAccountPruned { ppa, day: detail_day, account });
		}
	}

	/// One PPA-day pruned by the hook: its share of the benchmark; its account, and the
	/// advance committed to it in escrow, read and (if it was never metered in full) written;
	/// its queue entry removed; its account taken, or its entry queued again; the parameters.
	pub(crate) fn prune_weight() -> Weight {
		T::WeightInfo::on_initialize_prune(1)
			.saturating_sub(T::WeightInfo::on_initialize_prune(0))
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}

	/// A hook budget with room for `days` PPA-days on one day: the benchmark's base, the walk's
	/// overhead, and each PPA-day with the read of the next.
	pub fn hook_weight_for(days: u32) -> Weight {
		let db = T::DbWeight::get();
		T::WeightInfo::on_initialize_prune(0)
			.saturating_add(queue::walk_overhead(db))
			.saturating_add(
				Self::prune_weight().saturating_add(db.reads(1)).saturating_mul(days.into()),
			)
	}

	/// The most `on_initialize` may take: its budget.
	pub fn hook_weight_bound() -> Weight {
		T::MaxHookWeight::get()
	}
}
