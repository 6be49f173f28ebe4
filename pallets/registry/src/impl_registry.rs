//! What other pallets ask the registry: roles of participants, and PPAs' parties, status and
//! terms in force on a day.

use crate::*;
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use ppa_primitives::{
	GridDay, ParticipantRoles, PpaId, PpaParties, PpaRegistry, PpaStatus, PpaTerms, Role,
};

impl<T: Config> Pallet<T> {
	/// The terms of `ppa` in force on `day` (`record` is its record): the version the record's
	/// first days name, read with one access however many versions there are.
	pub(crate) fn version_on(
		ppa: PpaId,
		record: &PpaRecord<T::AccountId, BlockNumberFor<T>>,
		day: GridDay,
	) -> Option<PpaTerms> {
		Terms::<T>::get(ppa, record.version_on(day)?).map(|t| t.terms)
	}

	/// The PPAs that bind `who` as seller (signed, not ended): a bounded list.
	pub fn ppas_of_seller(who: &T::AccountId) -> Vec<PpaId> {
		PpasBySeller::<T>::get(who).into_inner()
	}
}

impl<T: Config> ParticipantRoles<T::AccountId> for Pallet<T> {
	fn has_active_role(who: &T::AccountId, role: Role) -> bool {
		Participants::<T>::get(who).is_some_and(|p| !p.suspended && p.roles.contains(&role))
	}
}

impl<T: Config> PpaRegistry<T::AccountId> for Pallet<T> {
	fn parties(ppa: PpaId) -> Option<PpaParties<T::AccountId>> {
		Ppas::<T>::get(ppa).map(|r| PpaParties { seller: r.seller, buyer: r.buyer, ldc: r.ldc })
	}

	fn status(ppa: PpaId) -> Option<PpaStatus> {
		Ppas::<T>::get(ppa).map(|r| r.status)
	}

	fn terms_on(ppa: PpaId, day: GridDay) -> Option<PpaTerms> {
		Self::version_on(ppa, &Ppas::<T>::get(ppa)?, day)
	}

	fn ppa_on(ppa: PpaId, day: GridDay) -> Option<(PpaParties<T::AccountId>, PpaStatus, PpaTerms)> {
		let record = Ppas::<T>::get(ppa)?;
		let terms = Self::version_on(ppa, &record, day)?;
		let status = record.status;
		Some((
			PpaParties { seller: record.seller, buyer: record.buyer, ldc: record.ldc },
			status,
			terms,
		))
	}

	fn binds_on(ppa: PpaId, day: GridDay) -> bool {
		Self::binding_on(ppa, day).is_some()
	}

	fn binding_on(ppa: PpaId, day: GridDay) -> Option<(PpaParties<T::AccountId>, PpaTerms)> {
		let record = Ppas::<T>::get(ppa)?;
		let terms = Self::version_on(ppa, &record, day)?;
		let ended_early = match record.terminated {
			Some((terminated_on, _, _)) => day > terminated_on,
			None => false,
		};
		let binds = record.status != PpaStatus::Proposed
			&& !ended_early
			&& (terms.start_day..=terms.end_day).contains(&day);
		binds.then(|| {
			(PpaParties { seller: record.seller, buyer: record.buyer, ldc: record.ldc }, terms)
		})
	}

	fn ppas_of_buyer(who: &T::AccountId) -> Vec<PpaId> {
		PpasByBuyer::<T>::get(who).into_inner()
	}

	fn every_ppa_of_seller(who: &T::AccountId) -> Vec<PpaId> {
		let mut ids = PpasBySeller::<T>::get(who).into_inner();
		ids.extend(EndedPpasBySeller::<T>::iter_key_prefix(who));
		ids.sort();
		ids
	}

	fn every_ppa_of_buyer(who: &T::AccountId) -> Vec<PpaId> {
		let mut ids = PpasByBuyer::<T>::get(who).into_inner();
		ids.extend(EndedPpasByBuyer::<T>::iter_key_prefix(who));
		ids.sort();
		ids
	}
}
