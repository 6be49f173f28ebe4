//! The dues ledger: what settlement tells the other pallets and the regulator about bills,
//! payments and late payment surcharge (rules 8-13, 26).

use crate::{Balance, GridDay, PpaId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Weight;

/// Undisputed principal owed, by how far past its due date D it is (rule 26). A bill
/// is `current` up to and including D; `days_1_30` from D+1 to D+30, and so on.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Ageing {
	/// Not yet due.
	pub current: Balance,
	/// 1 to 30 days past due.
	pub days_1_30: Balance,
	/// 31 to 60 days past due.
	pub days_31_60: Balance,
	/// 61 to 90 days past due.
	pub days_61_90: Balance,
	/// More than 90 days past due.
	pub over_90: Balance,
}

impl Ageing {
	/// Adds `amount` owed on a bill due on `due_on`, as of `today`.
	pub fn add(&mut self, amount: Balance, due_on: GridDay, today: GridDay) {
		let bucket = match today.saturating_sub(due_on) {
			0 => &mut self.current,
			1..=30 => &mut self.days_1_30,
			31..=60 => &mut self.days_31_60,
			61..=90 => &mut self.days_61_90,
			_ => &mut self.over_90,
		};
		*bucket = bucket.saturating_add(amount);
	}

	/// The whole principal in the buckets.
	pub fn total(&self) -> Balance {
		self.current
			.saturating_add(self.days_1_30)
			.saturating_add(self.days_31_60)
			.saturating_add(self.days_61_90)
			.saturating_add(self.over_90)
	}
}

/// What a PPA's buyer (or all PPAs of a buyer or a seller) has been billed and owes, INR units,
/// as of a day (LPS accrued through that day).
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dues {
	/// Principal of the bills presented (less disputes upheld).
	pub billed: Balance,
	/// Principal paid, in money.
	pub paid: Balance,
	/// Principal forgiven as early-payment rebate.
	pub rebate: Balance,
	/// Undisputed principal unpaid.
	pub outstanding: Balance,
	/// Principal under dispute (excluded from default computation, rule 11).
	pub disputed: Balance,
	/// Late payment surcharge accrued and unpaid.
	pub lps: Balance,
	/// Late payment surcharge paid.
	pub lps_paid: Balance,
	/// Charges of metered blocks not yet presented in a bill.
	pub unbilled: Balance,
	/// Presentation and due date of the oldest bill with undisputed principal unpaid.
	pub oldest_unpaid: Option<(GridDay, GridDay)>,
	/// `outstanding` by age.
	pub ageing: Ageing,
}

impl Dues {
	/// Adds another PPA's dues (for a buyer's or a seller's total); the oldest unpaid bill is
	/// the one presented first.
	pub fn accumulate(&mut self, other: &Dues) {
		self.billed = self.billed.saturating_add(other.billed);
		self.paid = self.paid.saturating_add(other.paid);
		self.rebate = self.rebate.saturating_add(other.rebate);
		self.outstanding = self.outstanding.saturating_add(other.outstanding);
		self.disputed = self.disputed.saturating_add(other.disputed);
		self.lps = self.lps.saturating_add(other.lps);
		self.lps_paid = self.lps_paid.saturating_add(other.lps_paid);
		self.unbilled = self.unbilled.saturating_add(other.unbilled);
		self.oldest_unpaid = match (self.oldest_unpaid, other.oldest_unpaid) {
			(Some(a), Some(b)) => Some(a.min(b)),
			(a, b) => a.or(b),
		};
		let (a, b) = (&mut self.ageing, &other.ageing);
		a.current = a.current.saturating_add(b.current);
		a.days_1_30 = a.days_1_30.saturating_add(b.days_1_30);
		a.days_31_60 = a.days_31_60.saturating_add(b.days_31_60);
		a.days_61_90 = a.days_61_90.saturating_add(b.days_61_90);
		a.over_90 = a.over_90.saturating_add(b.over_90);
	}

	/// Whether undisputed principal or LPS is unpaid (what keeps a buyer in default).
	pub fn undisputed_unpaid(&self) -> bool {
		self.outstanding > 0 || self.lps > 0
	}
}

/// Reads of one bill's dues, for defaults (the due date, the default trigger and graded
/// regulation are each a bill's). Settlement owns the bills; the dues of a PPA, a buyer or a
/// seller are settlement's own query functions, which the runtime APIs call.
pub trait DuesLedger {
	/// What is owed on bill `bill` of `ppa` today (LPS accrued to today).
	fn bill_dues(ppa: PpaId, bill: u64) -> Option<BillDues>;
}

/// What is owed on one bill, INR units (for the default trigger and graded regulation).
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BillDues {
	/// Presentation date P.
	pub presented_on: GridDay,
	/// Due date D.
	pub due_on: GridDay,
	/// Undisputed principal unpaid.
	pub outstanding: Balance,
	/// Principal under dispute.
	pub disputed: Balance,
	/// LPS accrued to today and unpaid.
	pub lps: Balance,
}

impl BillDues {
	/// Whether undisputed principal or LPS of the bill is unpaid.
	pub fn undisputed_unpaid(&self) -> bool {
		self.outstanding > 0 || self.lps > 0
	}
}

/// Which payment security settlement collects what has fallen due from.
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
pub enum SecurityInstrument {
	/// The PPA's letters of credit (rule 16: on or after D).
	LettersOfCredit,
	/// The buyer's payment bank guarantees (rule 17: after default).
	PaymentBankGuarantees,
}

/// What one collection from payment security did.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Collected {
	/// Money drawn and applied to the dues, INR units.
	pub amount: Balance,
	/// Unpaid bills of the PPA looked at (what the collection's weight depends on).
	pub bills: u32,
}

/// Money collected by settlement for dues that have fallen due (LPS first, then principal of
/// bills on or after D, oldest first), for defaults to invoke on the due dates. Settlement
/// provides it.
pub trait DuesCollection {
	/// Draws `instrument` of `ppa` for what has fallen due and applies it to those dues; returns
	/// what was collected. Refused when nothing has fallen due or the instrument cannot pay.
	fn collect_fallen_due(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<Collected, sp_runtime::DispatchError>;
}

/// Told of what changes a buyer's standing: a bill presented (its dates start the default
/// clock), and dues paid, disputed or ruled on (possibly all of them paid, which ends a
/// default). Defaults listens; settlement charges the weights below on top of its own.
pub trait DuesObserver<AccountId> {
	/// Bill `bill` of `ppa` was presented to `buyer` on `presented_on`, due on `due_on`.
	fn bill_presented(
		ppa: PpaId,
		bill: u64,
		buyer: &AccountId,
		presented_on: GridDay,
		due_on: GridDay,
	);
	/// A payment, drawal, dispute or ruling changed what `buyer` owes on `ppa`: `bills` are the
	/// bills it changed, each with what is owed on it now (LPS accrued to today), so that the
	/// listener never asks settlement back while settlement is telling it.
	fn dues_reduced(ppa: PpaId, buyer: &AccountId, bills: &[(u64, BillDues)]);
	/// The most `bill_presented` costs.
	fn bill_presented_weight() -> Weight;
	/// The most `dues_reduced` costs.
	fn dues_reduced_weight() -> Weight;
	/// The most `dues_reduced` costs told once for each of `ppas` PPAs of one buyer and
	/// seller, whose unpaid bills together are at most the most one PPA may have.
	fn dues_reduced_weight_of(ppas: u32) -> Weight {
		Self::dues_reduced_weight().saturating_mul(ppas.into())
	}
}

/// Sets up the dues ledger for the benchmarks of pallets that read it through the traits
/// above. The runtime implements it with settlement's storage; mocks with their doubles.
pub trait DuesBenchmarkHelper<AccountId> {
	/// Presents `n` unpaid bills of `ppa` (to its `seller` and `buyer`), one a day from
	/// `first_presented_on`, each due `due_days` after; returns their ids, oldest first.
	fn unpaid_bills(
		ppa: PpaId,
		seller: &AccountId,
		buyer: &AccountId,
		n: u32,
		first_presented_on: GridDay,
		due_days: u32,
	) -> alloc::vec::Vec<u64>;
}
