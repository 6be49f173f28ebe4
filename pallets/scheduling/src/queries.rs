//! What the runtime APIs read of a PPA's day: its per-block detail, its energy account, and
//! what of its share was sold on the open market.

use crate::{
	pallet::{Config, DayDetails, EnergyAccounts, Pallet, Sales},
	DayDetail, EnergyAccount,
};
use ppa_primitives::{DayProfile, GridDay, PpaId};

impl<T: Config> Pallet<T> {
	/// `ppa`'s per-block schedule, availability and metered energy of `day`, while kept
	/// (the retention period).
	pub fn day_detail(ppa: PpaId, day: GridDay) -> Option<DayDetail> {
		DayDetails::<T>::get(ppa, day)
	}

	/// `ppa`'s energy account of `day`, once the day is finalized.
	pub fn energy_account(ppa: PpaId, day: GridDay) -> Option<EnergyAccount> {
		EnergyAccounts::<T>::get(ppa, day)
	}

	/// kW per block of `ppa`'s share sold on the open market for `day` (rule 25).
	pub fn sold_on(ppa: PpaId, day: GridDay) -> Option<DayProfile> {
		Sales::<T>::get(ppa, day)
	}
}
