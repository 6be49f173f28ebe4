//! Payment security (PSM): what the escrow pallet tells the others, and what it asks of them
//! (rules 4, 14-17, 21, 26).
//!
//! Letters of credit, bank guarantees and advance payments are funds *held* in the issuer's or
//! the buyer's own account. Scheduling reads [`PaymentSecurity::coverage`] at its gate;
//! settlement and defaults move money out of the instruments through [`SecurityPayments`].

use crate::{Balance, GridDay, PpaId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, Weight};

/// The payment security held for one PPA on one grid day, in INR units.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Coverage {
	/// Letters of credit that can be drawn on the day: not expired, not lapsed for want of
	/// restoration after a drawal (rule 15).
	pub letters_of_credit: Balance,
	/// Advance payment held for the PPA (the committed part included).
	pub advance: Balance,
	/// The part of `advance` committed to schedules that are not yet paid for.
	pub advance_committed: Balance,
	/// Payment bank guarantees held in the seller's favour. Not part of the PSM (they are
	/// encashed after default, rule 17), reported for the regulator's view.
	pub payment_bank_guarantees: Balance,
	/// The cover the PPA requires: its LC percentage of the estimated average monthly billing.
	pub required: Balance,
	/// Whether `letters_of_credit + advance >= required`.
	pub adequate: bool,
}

impl Coverage {
	/// Cover available to the scheduling gate: letters of credit plus advance.
	pub fn available(&self) -> Balance {
		self.letters_of_credit.saturating_add(self.advance)
	}
}

/// Whose obligation a bank guarantee secures (rule 17).
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
pub enum BankGuaranteeKind {
	/// The buyer's: payment of its bills. Beneficiary: the seller.
	Payment,
	/// The seller's: commissioning and availability. Beneficiary: the buyer.
	Performance,
}

/// Why a PPA's payment security failed (rule 15: both count as a PSM failure).
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
pub enum PsmFailure {
	/// A letter of credit expired without renewal and the remaining cover is inadequate.
	LcExpired,
	/// A letter of credit was not restored within its period after a drawal and the remaining
	/// cover is inadequate.
	LcNotRestored,
}

/// Reads of payment security: the scheduling gate and the regulator's view.
pub trait PaymentSecurity {
	/// The cover held for `ppa` on grid day `day`, against the cover its terms in force on that
	/// day require. Unknown PPAs have no cover and require none.
	fn coverage(ppa: PpaId, day: GridDay) -> Coverage;
	/// Only `coverage(ppa, day).available()`: letters of credit plus advance, without the
	/// required cover (cheaper: the PPA's terms are not read). What the scheduling gate needs.
	fn available_cover(ppa: PpaId, day: GridDay) -> Balance;
	/// Of the letters of credit a PPA may hold, how many `ppa` does not: reads
	/// `available_cover` did not make. A caller charged for a PPA holding the most (as its
	/// benchmark has it) is refunded these. None by default (no refund).
	fn letters_of_credit_not_held(_ppa: PpaId) -> u32 {
		0
	}
}

/// Money moved out of payment security by settlement and defaults. Each call moves at most
/// what is held, to the party the instrument names, and returns what it moved (INR units).
pub trait SecurityPayments {
	/// The advance held for `ppa` and not committed to schedules, INR units: what
	/// `pay_from_advance` can pay.
	fn advance_held(ppa: PpaId) -> Balance;
	/// Pays up to `amount` of a bill of `ppa` from the buyer's uncommitted advance to the
	/// seller; advance committed to energy not yet metered is never spent on other bills.
	fn pay_from_advance(ppa: PpaId, amount: Balance) -> Result<Balance, DispatchError>;
	/// Draws the letters of credit of `ppa` for an overdue `amount` (rule 16), within
	/// each LC's drawal limit; the buyer then owes the bank what was drawn. Refused with the
	/// reason when no LC of the PPA can be drawn at all.
	fn draw_letters_of_credit(ppa: PpaId, amount: Balance) -> Result<Balance, DispatchError>;
	/// Encashes bank guarantees of `kind` for `ppa` up to `amount`, to their beneficiary
	/// (rule 17). Only the pallet that owns the trigger (defaults) calls this.
	fn encash_bank_guarantees(
		ppa: PpaId,
		kind: BankGuaranteeKind,
		amount: Balance,
	) -> Result<Balance, DispatchError>;
	/// Commits up to `amount` of the uncommitted advance of `ppa` to its schedule of grid day
	/// `day`; returns what was committed. Committed advance cannot be withdrawn by the buyer
	/// nor spent on other bills. Escrow alone keeps the commitment, per day.
	fn commit_advance(ppa: PpaId, day: GridDay, amount: Balance) -> Balance;
	/// Releases up to `amount` of the advance of `ppa` committed to `day` (its energy metered,
	/// or the schedule cut, revised down or cancelled); returns what was released.
	fn release_advance(ppa: PpaId, day: GridDay, amount: Balance) -> Balance;
	/// The database accesses of `pay_from_advance` keyed by a party rather than by the PPA
	/// (the buyer's held and free balance, the seller's account). Paying a party again in the
	/// same call finds them in the block's state, so a batch that pays many PPAs of one party
	/// need be charged them once (see [`PartyWeights`]).
	fn advance_payment_party_weights() -> PartyWeights {
		PartyWeights::default()
	}
}

/// The part of a payment's weight keyed by each party rather than by the PPA. A benchmark
/// whose every PPA has parties of its own counts these for each PPA; a batch that touches a
/// party again reads and writes state the block already holds (the first access brought it
/// from the database), so it is refunded them for every party it had already paid.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct PartyWeights {
	/// Keyed by the buyer, whose held advance pays.
	pub buyer: Weight,
	/// Keyed by the seller, who is paid.
	pub seller: Weight,
}

impl PartyWeights {
	/// Both observers' accesses: each refund is owed for either.
	pub fn saturating_add(self, other: Self) -> Self {
		PartyWeights {
			buyer: self.buyer.saturating_add(other.buyer),
			seller: self.seller.saturating_add(other.seller),
		}
	}
}

/// The billing history that sizes a letter of credit (rule 15). Settlement provides it.
pub trait BillingHistory {
	/// The average of the last 12 monthly-equivalent bills of `ppa`, once there are 12.
	fn average_monthly_billing(ppa: PpaId) -> Option<Balance>;
}

/// Told when a PPA's payment security fails, so that defaults records it as a default reason
/// (rules 15 and 20).
pub trait OnPsmFailure {
	/// `ppa`'s payment security failed on grid day `day`, for `failure`.
	fn psm_failed(ppa: PpaId, day: GridDay, failure: PsmFailure);
	/// The most `psm_failed` costs (escrow charges it with each deadline it applies).
	fn weight() -> Weight;
}

/// Sets up payment bank guarantees for the benchmarks of pallets that encash them through
/// settlement (defaults). The runtime implements it with the escrow's calls.
pub trait GuaranteeBenchmarkHelper {
	/// Has a bank issue `ppa`'s buyer's payment bank guarantees in favour of its seller, as many
	/// as the PPA may have, worth `amount` INR units in all.
	fn payment_guarantees(ppa: PpaId, amount: Balance);
}

/// Sets up payment security for the benchmarks of pallets that read it through the traits
/// above (they do not depend on the escrow's crate). The runtime implements it with the
/// escrow's calls; mocks with their test doubles.
pub trait SecurityBenchmarkHelper<AccountId> {
	/// Gives `ppa` (whose buyer is `buyer`) as many letters of credit as it may have and an
	/// advance: the costliest cover to read and commit against, worth `cover` INR units in all
	/// (more where the PPA's terms require larger LCs: each is at least its cover share).
	fn secure(ppa: PpaId, buyer: &AccountId, cover: Balance);
}

/// Tops up a PPA's advance for the benchmarks of pallets that charge it (scheduling's meter
/// readings: a real-time block paid from the advance is the costliest reading).
pub trait AdvanceBenchmarkHelper<AccountId> {
	/// `buyer`, funded for it, deposits `amount` INR units more as `ppa`'s advance.
	fn deposit_advance(ppa: PpaId, buyer: &AccountId, amount: Balance);
}
