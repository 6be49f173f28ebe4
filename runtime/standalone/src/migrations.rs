//! What the pallets' migrations take from other pallets' storage. A pallet never reads
//! another's storage; where a migration moves a fact's copy upstream (a notification that did
//! not exist before), the runtime reads the owner and hands it over.

use alloc::vec::Vec;
use ppa_primitives::GradedRegulation;

use crate::{AccountId, Runtime};

/// Every regulated buyer's graded regulation, from the defaults pallet's standings, for
/// scheduling's storage version 3.
pub struct DefaultsRegulations;

impl pallet_scheduling::migrations::v3::RegulationsAtUpgrade<AccountId> for DefaultsRegulations {
	fn regulations() -> (Vec<(AccountId, GradedRegulation)>, u64) {
		let mut read: u64 = 0;
		let regulations = pallet_defaults::Standings::<Runtime>::iter()
			.inspect(|_| read = read.saturating_add(1))
			.filter_map(|(buyer, standing)| standing.graded_regulation().map(|r| (buyer, r)))
			.collect();
		(regulations, read)
	}
}
