//! The registry's records: participants, PPAs, versions of their terms, pending changes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use ppa_primitives::{DocumentHash, GridDay, PpaStatus, PpaTerms, Role};
use scale_info::TypeInfo;

/// A PPA at genesis: seller, buyer, the load despatch centre, terms.
pub type GenesisPpa<AccountId> = (AccountId, AccountId, AccountId, PpaTerms);

/// Most versions of a PPA's terms any runtime may allow (its `MaxVersions` is at most this):
/// the bound of the first days kept in the PPA's record.
pub const MAX_VERSIONS: u32 = 32;

/// The first grid day of each agreed version of a PPA's terms, oldest first; never decreasing
/// (an amendment takes effect no earlier than the version before it).
pub type VersionDays = BoundedVec<GridDay, ConstU32<MAX_VERSIONS>>;

/// The roles an account holds: each at most once, in declaration order.
pub type RoleList = BoundedVec<Role, ConstU32<6>>;

/// A registered participant.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNameLen))]
pub struct Participant<MaxNameLen: frame_support::traits::Get<u32>> {
	/// What the participant may do.
	pub roles: RoleList,
	/// Display name (UTF-8).
	pub name: BoundedVec<u8, MaxNameLen>,
	/// Hash of its legal identifiers (CIN, GSTIN, licence number), kept off chain.
	pub legal_id_hash: DocumentHash,
	/// A suspended participant keeps its records but may not act.
	pub suspended: bool,
	/// Grid day of registration.
	pub registered_on: GridDay,
}

/// Who ended a PPA early.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum TerminatedBy {
	/// Both parties signed the termination.
	Parties,
	/// The regulator ordered it.
	Regulator,
}

/// A PPA: its parties, signatures and where it is in its life. The terms are versioned apart,
/// in `Terms`.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PpaRecord<AccountId, BlockNumber> {
	/// The generator.
	pub seller: AccountId,
	/// The discom.
	pub buyer: AccountId,
	/// The load despatch centre that schedules and meters it (the RLDC or SLDC of its control
	/// area).
	pub ldc: AccountId,
	/// Who proposed it (seller or buyer).
	pub proposer: AccountId,
	/// Where it is in its life.
	pub status: PpaStatus,
	/// Block of the seller's signature (proposal or countersignature).
	pub seller_signed_at: Option<BlockNumber>,
	/// Block of the buyer's signature.
	pub buyer_signed_at: Option<BlockNumber>,
	/// The first day of each version of the terms agreed so far, oldest first (one after
	/// signing, the start day; each signed amendment adds its first day). An index of `Terms`'
	/// `effective_from`: the version in force on a day is found here and read with one access.
	pub versions: VersionDays,
	/// Grid day on which it ended early, if it did, and by whom.
	pub terminated: Option<(GridDay, TerminatedBy, DocumentHash)>,
}

impl<AccountId, BlockNumber> PpaRecord<AccountId, BlockNumber> {
	/// How many versions of the terms are agreed (0 before signing).
	pub fn version_count(&self) -> u32 {
		// Bounded by `MAX_VERSIONS`: the length fits.
		self.versions.len() as u32
	}

	/// The version of the terms in force on `day`: the latest whose first day has come, the
	/// original before its first day; none before signing.
	pub fn version_on(&self, day: GridDay) -> Option<u32> {
		if self.versions.is_empty() {
			return None;
		}
		let begun = self.versions.partition_point(|from| *from <= day);
		Some((begun as u32).saturating_sub(1))
	}
}

/// One agreed version of a PPA's terms, in force from `effective_from` until the next one.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct TermsVersion<BlockNumber> {
	/// First grid day on which these terms apply.
	pub effective_from: GridDay,
	/// The terms.
	pub terms: PpaTerms,
	/// Block in which both parties had signed this version.
	pub agreed_at: BlockNumber,
}

/// A change of terms proposed by one party, awaiting the other's signature.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Amendment<AccountId> {
	/// The party that proposed it.
	pub proposer: AccountId,
	/// First grid day on which the new terms would apply.
	pub effective_from: GridDay,
	/// The new terms.
	pub terms: PpaTerms,
}

/// A termination proposed by one party, awaiting the other's signature.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct TerminationProposal<AccountId> {
	/// The party that proposed it.
	pub proposer: AccountId,
	/// Hash of the reasons, kept off chain.
	pub reason: DocumentHash,
}
