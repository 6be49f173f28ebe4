//! The escrow pallet's records: letters of credit, bank guarantees, advance payments, and the
//! day-keyed deadlines that change them by themselves.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use ppa_primitives::{
	clock::month_index, Balance, BankGuaranteeKind, DocumentHash, GridDay, PpaId,
};
use scale_info::TypeInfo;

/// Identifies a letter of credit; assigned from a counter.
pub type LcId = u32;
/// Identifies a bank guarantee; assigned from a counter.
pub type BgId = u32;

/// What a bank states when it opens a letter of credit (rule 15).
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct LcTerms {
	/// Face value, INR units: held from the bank, and what a revolving LC is restored to.
	pub amount: Balance,
	/// The last grid day on which the LC can be drawn.
	pub expiry_day: GridDay,
	/// Whether the LC revolves: restored to `amount` after each drawal. A non-revolving LC
	/// shrinks by what is drawn.
	pub revolving: bool,
	/// Most drawals in one calendar month (the contracts' "at most one drawal a month").
	pub drawals_per_month: u8,
	/// Days after a drawal by which the bank must restore a revolving LC (15 by the contracts).
	pub restore_within_days: u16,
}

/// A letter of credit opened by a bank for a PPA's buyer in favour of its seller.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct LetterOfCredit<AccountId> {
	/// The PPA whose bills it secures.
	pub ppa: PpaId,
	/// The issuing bank; the funds are held in its account.
	pub bank: AccountId,
	/// The applicant: the PPA's buyer, who reimburses the bank for drawals.
	pub buyer: AccountId,
	/// The beneficiary: the PPA's seller, paid by drawals.
	pub seller: AccountId,
	/// The terms it was opened on; `amount` and `expiry_day` change by increase and renewal
	/// (and `amount` by drawals of a non-revolving LC).
	pub terms: LcTerms,
	/// Held from the bank now, INR units: `terms.amount` less drawals not yet restored.
	pub held: Balance,
	/// The calendar month (months since January 1970) of the last drawal.
	pub drawal_month: u32,
	/// Drawals in `drawal_month`.
	pub drawals_in_month: u8,
	/// After a drawal of a revolving LC: the last day to restore it to `terms.amount`.
	pub restore_by: Option<GridDay>,
	/// Set when `restore_by` passed unrestored: the LC no longer counts as cover.
	pub lapsed: bool,
}

impl<AccountId> LetterOfCredit<AccountId> {
	/// Whether the LC can no longer be drawn on `day`: it expired the day before or earlier.
	pub fn expired_on(&self, day: GridDay) -> bool {
		day > self.terms.expiry_day
	}

	/// Whether the restoration period passed by `day` without the LC being restored.
	pub fn unrestored_on(&self, day: GridDay) -> bool {
		self.lapsed || self.restore_by.is_some_and(|by| day > by && self.held < self.terms.amount)
	}

	/// What the LC counts as cover on `day`, INR units: what it holds, or nothing once expired
	/// or not restored in time (rule 15).
	pub fn cover_on(&self, day: GridDay) -> Balance {
		if self.expired_on(day) || self.unrestored_on(day) {
			0
		} else {
			self.held
		}
	}

	/// Drawals already made in the calendar month of `day`.
	pub fn drawals_in_month_of(&self, day: GridDay) -> u8 {
		if self.drawals_in_month > 0 && self.drawal_month == month_index(day) {
			self.drawals_in_month
		} else {
			0
		}
	}

	/// What the bank must hold more to restore the LC to its amount, INR units.
	pub fn shortfall(&self) -> Balance {
		self.terms.amount.saturating_sub(self.held)
	}
}

/// A bank guarantee: held from the issuing bank, encashed to the beneficiary when the pallet
/// that owns the trigger says so (rule 17).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BankGuarantee<AccountId> {
	/// The PPA it secures.
	pub ppa: PpaId,
	/// Payment (the buyer's) or performance (the seller's).
	pub kind: BankGuaranteeKind,
	/// The issuing bank; the funds are held in its account.
	pub bank: AccountId,
	/// The party whose obligation it secures, and who owes the bank what is encashed.
	pub obligor: AccountId,
	/// The party paid on encashment.
	pub beneficiary: AccountId,
	/// Held from the bank, INR units.
	pub amount: Balance,
	/// The last grid day on which it can be encashed; released the day after.
	pub expiry_day: GridDay,
}

/// What the obligor of a bank guarantee asks its bank to issue: the bank issues exactly this.
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
pub struct BgTerms {
	/// Payment (the buyer asks, for the seller) or performance (the seller asks, for the buyer).
	pub kind: BankGuaranteeKind,
	/// To be held from the bank, INR units.
	pub amount: Balance,
	/// The last grid day on which it can be encashed.
	pub expiry_day: GridDay,
}

/// Advance payment a buyer holds against a PPA: the MoP 2019 alternative to an LC.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AdvancePayment<AccountId> {
	/// The PPA's buyer; the funds are held in its account.
	pub buyer: AccountId,
	/// The PPA's seller, paid from the advance.
	pub seller: AccountId,
	/// Held now, INR units.
	pub held: Balance,
	/// Of `held`, committed to schedules not yet metered, INR units: the sum of the PPA's
	/// [`crate::AdvanceCommitments`], kept here so that a withdrawal reads one record.
	pub committed: Balance,
}

impl<AccountId> AdvancePayment<AccountId> {
	/// What the buyer may withdraw, INR units.
	pub fn uncommitted(&self) -> Balance {
		self.held.saturating_sub(self.committed)
	}
}

/// A change that falls due on a grid day by itself.
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
pub enum Deadline {
	/// The day after an LC's expiry: it is released to the bank.
	LcExpiry(LcId),
	/// The day after an LC's restoration deadline: it lapses unless restored.
	LcRestoration(LcId),
	/// The day after a BG's expiry: it is released to the bank.
	BgExpiry(BgId),
}

/// Why a bank guarantee's funds went back to the bank.
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
pub enum BgRelease {
	/// It expired.
	Expired,
	/// The regulator ordered it, for the reason whose document has this hash.
	ByRegulator(DocumentHash),
}
