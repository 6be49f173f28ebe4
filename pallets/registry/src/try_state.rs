//! The registry's invariants, checked after every block in the runtime's tests.

use crate::*;
use frame_support::pallet_prelude::*;
use ppa_primitives::PpaStatus;

impl<T: Config> Pallet<T> {
	/// Checks the registry's invariants: every PPA indexed under its parties once it binds,
	/// each version present from the first day its record names, no pending change on a PPA
	/// that does not bind.
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (ppa, record) in Ppas::<T>::iter() {
			ensure!(ppa < NextPpaId::<T>::get(), "PPA id beyond the counter");
			let signed = record.status != PpaStatus::Proposed;
			let binding = record.status.is_binding();
			ensure!(
				binding == PpasBySeller::<T>::get(&record.seller).contains(&ppa),
				"seller index out of step"
			);
			ensure!(
				binding == PpasByBuyer::<T>::get(&record.buyer).contains(&ppa),
				"buyer index out of step"
			);
			let ended = signed && !binding;
			ensure!(
				ended == EndedPpasBySeller::<T>::contains_key(&record.seller, ppa),
				"ended seller index out of step"
			);
			ensure!(
				ended == EndedPpasByBuyer::<T>::contains_key(&record.buyer, ppa),
				"ended buyer index out of step"
			);
			ensure!(signed != Proposals::<T>::contains_key(ppa), "proposal kept after signing");
			ensure!(signed != ProposedOn::<T>::contains_key(ppa), "proposal day out of step");
			ensure!(signed != record.versions.is_empty(), "versions before signing, or none after");
			ensure!(record.version_count() <= T::MaxVersions::get(), "too many versions");
			ensure!(
				record.versions.windows(2).all(|w| w.first() <= w.last()),
				"versions' first days go back"
			);
			for (v, from) in (0u32..).zip(record.versions.iter()) {
				let version = Terms::<T>::get(ppa, v).ok_or("a version is missing")?;
				ensure!(version.effective_from == *from, "a version's first day out of step");
			}
			ensure!(
				!Terms::<T>::contains_key(ppa, record.version_count()),
				"a version the record does not count"
			);
			if !record.status.is_binding() {
				ensure!(!PendingAmendments::<T>::contains_key(ppa), "amendment on ended PPA");
				ensure!(!PendingTerminations::<T>::contains_key(ppa), "termination on ended PPA");
			}
		}
		// No ended-index entry points at a PPA of another party (or at none).
		for (who, ppa) in EndedPpasBySeller::<T>::iter_keys() {
			let record = Ppas::<T>::get(ppa).ok_or("an ended index entry without its PPA")?;
			ensure!(record.seller == who, "an ended PPA indexed under another seller");
		}
		for (who, ppa) in EndedPpasByBuyer::<T>::iter_keys() {
			let record = Ppas::<T>::get(ppa).ok_or("an ended index entry without its PPA")?;
			ensure!(record.buyer == who, "an ended PPA indexed under another buyer");
		}
		Ok(())
	}
}
