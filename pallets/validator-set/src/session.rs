//! The session pallet's view of the consortium: which validators the next session has, and
//! when a session ends.

use alloc::vec::Vec;
use frame_support::traits::{EstimateNextSessionRotation, Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

use crate::{Changed, Config, Event, Pallet, SessionLength, Validators};

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// Plans session `index`: the validators governance decided on, if they changed since the
	/// last plan (the session pallet keeps the previous set otherwise).
	fn new_session(index: u32) -> Option<Vec<T::AccountId>> {
		if !Changed::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::NewSessionPlanned {
			session: index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	/// The genesis validators, for sessions 0 and 1.
	fn new_session_genesis(_index: u32) -> Option<Vec<T::AccountId>> {
		Some(Validators::<T>::get().into_inner())
	}

	fn end_session(_index: u32) {}

	fn start_session(_index: u32) {}
}

/// Blocks per session, never zero.
fn length<T: Config>() -> BlockNumberFor<T> {
	let length = SessionLength::<T>::get();
	if length.is_zero() {
		1u32.into()
	} else {
		length
	}
}

impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	/// A session ends at every block number divisible by the session length.
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		(now % length::<T>()).is_zero()
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		length::<T>()
	}

	fn estimate_current_session_progress(
		now: BlockNumberFor<T>,
	) -> (Option<Permill>, frame_support::weights::Weight) {
		let length = length::<T>();
		(Some(Permill::from_rational(now % length, length)), T::DbWeight::get().reads(1))
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, frame_support::weights::Weight) {
		let length = length::<T>();
		let next = now.saturating_add(length.saturating_sub(now % length));
		(Some(next), T::DbWeight::get().reads(1))
	}
}
