//! PPAs proposed, signed and amended: the documents' hashes both parties sign, the checks on
//! parties and amendment days, and proposals that lapse unsigned.

use crate::{validation::TermLimits, *};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use ppa_primitives::{
	DocumentHash, GridDay, GridTime, ParticipantRoles, PpaId, PpaStatus, PpaTerms, Role,
};
use sp_runtime::traits::{BlakeTwo256, Hash};

impl<T: Config> Pallet<T> {
	/// What a party signs when it countersigns a proposal: the BLAKE2-256 hash of the
	/// SCALE encoding of the terms.
	pub fn terms_hash(terms: &PpaTerms) -> DocumentHash {
		<BlakeTwo256 as Hash>::hash_of(terms)
	}

	/// What a party signs when it countersigns an amendment: the BLAKE2-256 hash of the
	/// SCALE encoding of its first day and terms.
	pub fn amendment_hash(effective_from: GridDay, terms: &PpaTerms) -> DocumentHash {
		<BlakeTwo256 as Hash>::hash_of(&(effective_from, terms))
	}

	/// The hash to countersign the proposal of `ppa` with, if it is proposed.
	pub fn proposal_hash(ppa: PpaId) -> Option<DocumentHash> {
		Proposals::<T>::get(ppa).map(|terms| Self::terms_hash(&terms))
	}

	/// The hash to countersign the pending amendment of `ppa` with, if one is pending.
	pub fn pending_amendment_hash(ppa: PpaId) -> Option<DocumentHash> {
		PendingAmendments::<T>::get(ppa).map(|a| Self::amendment_hash(a.effective_from, &a.terms))
	}

	/// The chain's limits on terms.
	/// Whether a proposal made on `proposed_on` has outlived its lifetime today.
	pub(crate) fn proposal_lapsed(proposed_on: GridDay) -> bool {
		Self::lapsed_on(proposed_on, T::GridTime::today())
	}

	/// Whether a proposal made on `proposed_on` has outlived its lifetime on `day`.
	pub(crate) fn lapsed_on(proposed_on: GridDay, day: GridDay) -> bool {
		day > proposed_on.saturating_add(T::ProposalLifetimeDays::get())
	}

	/// Removes the proposal `ppa` if it has outlived its lifetime on `today`.
	pub(crate) fn lapse(ppa: PpaId, today: GridDay) -> DispatchResult {
		let record = Ppas::<T>::get(ppa).ok_or(Error::<T>::PpaNotFound)?;
		ensure!(record.status == PpaStatus::Proposed, Error::<T>::NotProposed);
		let proposed_on = ProposedOn::<T>::get(ppa).unwrap_or_default();
		ensure!(Self::lapsed_on(proposed_on, today), Error::<T>::ProposalStillOpen);
		Self::forget_proposal(ppa);
		Self::deposit_event(Event::ProposalLapsed { ppa, proposer: record.proposer, proposed_on });
		Ok(())
	}

	/// Forgets a proposal that will not be signed: its record and terms.
	pub(crate) fn forget_proposal(ppa: PpaId) {
		Ppas::<T>::remove(ppa);
		Proposals::<T>::remove(ppa);
		ProposedOn::<T>::remove(ppa);
	}

	pub fn limits() -> TermLimits {
		TermLimits {
			max_capacity_kw: T::MaxCapacityKw::get(),
			max_capacity_rate: T::MaxCapacityRate::get(),
			max_energy_rate: T::MaxEnergyRate::get(),
			max_due_days: T::MaxDueDays::get(),
			max_rebate: T::MaxRebate::get(),
			max_lc_percent: T::MaxLcPercent::get(),
		}
	}

	/// Both parties and the load despatch centre registered, active and in their roles;
	/// three different accounts.
	pub(crate) fn ensure_parties(
		seller: &T::AccountId,
		buyer: &T::AccountId,
		ldc: &T::AccountId,
	) -> DispatchResult {
		ensure!(seller != buyer, Error::<T>::SelfDealing);
		ensure!(ldc != seller && ldc != buyer, Error::<T>::LdcIsAParty);
		ensure!(Self::has_active_role(seller, Role::Generator), Error::<T>::SellerNotGenerator);
		ensure!(Self::has_active_role(buyer, Role::Buyer), Error::<T>::BuyerNotDiscom);
		ensure!(
			Self::has_active_role(ldc, Role::LoadDespatchCentre),
			Error::<T>::LdcNotLoadDespatchCentre
		);
		Ok(())
	}

	/// The PPA, if it binds and `who` is one of its parties (and not suspended).
	pub(crate) fn binding_ppa_of(
		ppa: PpaId,
		who: &T::AccountId,
	) -> Result<PpaRecord<T::AccountId, BlockNumberFor<T>>, DispatchError> {
		let record = Ppas::<T>::get(ppa).ok_or(Error::<T>::PpaNotFound)?;
		ensure!(*who == record.seller || *who == record.buyer, Error::<T>::NotAParty);
		ensure!(record.status.is_binding(), Error::<T>::NotBinding);
		let participant = Participants::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(!participant.suspended, Error::<T>::Suspended);
		Ok(record)
	}

	/// An amendment's day: today or later, inside its own supply period, not before the latest
	/// agreed version's (on the same day, the later agreement prevails).
	pub(crate) fn ensure_amendment_day(
		latest: Option<&TermsVersion<BlockNumberFor<T>>>,
		terms: &PpaTerms,
		effective_from: GridDay,
		today: GridDay,
	) -> DispatchResult {
		let latest_from = latest.map(|v| v.effective_from).unwrap_or_default();
		ensure!(
			effective_from >= today
				&& effective_from >= latest_from
				&& effective_from <= terms.end_day,
			Error::<T>::AmendmentDayInvalid
		);
		Ok(())
	}

	/// The latest agreed version of the terms.
	pub(crate) fn latest_version(
		ppa: PpaId,
		record: &PpaRecord<T::AccountId, BlockNumberFor<T>>,
	) -> Option<TermsVersion<BlockNumberFor<T>>> {
		record.version_count().checked_sub(1).and_then(|v| Terms::<T>::get(ppa, v))
	}
}
