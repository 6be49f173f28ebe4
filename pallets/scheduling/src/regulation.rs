//! Graded regulation of buyers in default (rule 20): the defaults pallet, downstream, tells
//! this pallet each change ([`OnRegulation`]); finalization and revisions cut by it without
//! asking.

use crate::pallet::{Config, Pallet, Regulations};
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::{GradedRegulation, GridDay, OnRegulation};
use sp_runtime::Percent;

impl<T: Config> Pallet<T> {
	/// The share of `buyer`'s schedules for grid day `day` withheld by graded regulation (0 %
	/// when not regulated, or relaxed through `day`).
	pub fn regulated_share(buyer: &T::AccountId, day: GridDay) -> Percent {
		Regulations::<T>::get(buyer).map_or(Percent::zero(), |r| r.share_on(day))
	}
}

impl<T: Config> OnRegulation<T::AccountId> for Pallet<T> {
	fn regulation_changed(buyer: &T::AccountId, regulation: Option<GradedRegulation>) {
		match regulation {
			Some(regulation) => Regulations::<T>::insert(buyer, regulation),
			None => Regulations::<T>::remove(buyer),
		}
	}

	fn weight() -> Weight {
		T::DbWeight::get().writes(1)
	}
}
