//! What a batch of day-ahead schedules weighs: its benchmark's worst case, less what its PPAs
//! did not read or write.

use crate::{
	pallet::{Config, Pallet},
	WeightInfo,
};
use alloc::collections::BTreeSet;
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::PpaParties;
use sp_runtime::traits::Saturating;

/// A PPA whose schedule a batch finalized, as its weight needs it.
pub(crate) struct FinalizedPpa<AccountId> {
	/// Its parties: the buyer's regulation and the seller's declaration were read.
	pub parties: PpaParties<AccountId>,
	/// The station whose declaration was read.
	pub station: BoundedVec<u8, ConstU32<64>>,
	/// Of the letters of credit a PPA may hold, how many it does not hold (reads not made).
	pub lcs_not_held: u32,
}

/// What a batch of schedules did that its benchmark does not assume, counted in PPAs and
/// reads. The benchmark finalizes every PPA, each with parties and a station of its own and
/// every letter of credit a PPA may hold.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct FinalizePaths {
	/// PPAs passed over: unknown, not supplying, finalized already (or twice in the batch),
	/// or without a requisition. None reaches the gates.
	pub passed_over: u32,
	/// Letters of credit the finalized PPAs do not hold, of the most each may.
	pub lcs_not_held: u32,
	/// Finalized PPAs whose buyer an earlier finalized PPA of the batch had: its regulation
	/// was read once.
	pub repeated_buyers: u32,
	/// Finalized PPAs whose seller's station an earlier one had: its declaration was read
	/// once.
	pub repeated_stations: u32,
}

/// Counts a batch's paths as its PPAs are finalized.
pub(crate) struct FinalizeBatch<AccountId> {
	/// What the PPAs so far did.
	pub paths: FinalizePaths,
	buyers: BTreeSet<AccountId>,
	stations: BTreeSet<(AccountId, BoundedVec<u8, ConstU32<64>>)>,
}

impl<AccountId: Ord + Clone> FinalizeBatch<AccountId> {
	/// A batch before its first PPA.
	pub fn new() -> Self {
		FinalizeBatch {
			paths: FinalizePaths::default(),
			buyers: BTreeSet::new(),
			stations: BTreeSet::new(),
		}
	}

	/// One PPA passed over.
	pub fn pass_over(&mut self) {
		self.paths.passed_over.saturating_inc();
	}

	/// One PPA finalized.
	pub fn record(&mut self, done: FinalizedPpa<AccountId>) {
		let paths = &mut self.paths;
		paths.lcs_not_held.saturating_accrue(done.lcs_not_held);
		let buyer_again = !self.buyers.insert(done.parties.buyer);
		let station_again = !self.stations.insert((done.parties.seller, done.station));
		paths.repeated_buyers.saturating_accrue(u32::from(buyer_again));
		paths.repeated_stations.saturating_accrue(u32::from(station_again));
	}
}

impl<T: Config> Pallet<T> {
	/// The weight of a batch of `n` PPAs' schedules that took `paths`: the benchmark's, less
	/// for each PPA passed over what only the gates and the finalized schedule read and write
	/// (the declaration, the buyer's regulation, what was resold, the PPA's dues, advance,
	/// advance commitment, letter-of-credit list and two other days' accounts; the
	/// requisition taken, the advance and its commitment, the day's detail and account
	/// written), less a read for each letter of credit a finalized PPA does not hold and for
	/// each regulation and declaration an earlier PPA of the batch had read. A passed-over
	/// PPA keeps its share of the computation and of the letters of credit's reads.
	pub fn finalize_weight(n: u32, paths: &FinalizePaths) -> Weight {
		let db = T::DbWeight::get();
		let gates = db.reads_writes(9, 5);
		let reads_not_made = paths
			.lcs_not_held
			.saturating_add(paths.repeated_buyers)
			.saturating_add(paths.repeated_stations);
		T::WeightInfo::finalize_schedules(n)
			.saturating_sub(gates.saturating_mul(paths.passed_over.into()))
			.saturating_sub(db.reads(reads_not_made.into()))
	}
}
