//! What the runtime APIs read of the registry: a PPA's record with every version of its terms.

use crate::*;
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use ppa_primitives::{PpaId, PpaTerms};

impl<T: Config> Pallet<T> {
	/// `ppa`'s record: parties, status, signatures, versions, termination.
	pub fn ppa_record(ppa: PpaId) -> Option<PpaRecord<T::AccountId, BlockNumberFor<T>>> {
		Ppas::<T>::get(ppa)
	}

	/// Every agreed version of `ppa`'s terms with its number, oldest first; none before the
	/// PPA is signed. At most `MaxVersions` reads.
	pub fn terms_versions(ppa: PpaId) -> Vec<(u32, TermsVersion<BlockNumberFor<T>>)> {
		let versions = Ppas::<T>::get(ppa).map_or(0, |record| record.version_count());
		(0..versions).filter_map(|v| Terms::<T>::get(ppa, v).map(|t| (v, t))).collect()
	}

	/// The terms proposed for `ppa` and not yet countersigned.
	pub fn proposal(ppa: PpaId) -> Option<PpaTerms> {
		Proposals::<T>::get(ppa)
	}
}
