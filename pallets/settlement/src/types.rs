//! The domain types of settlement: parameters, bills, the open bill of a period, and the dues
//! ledger of a PPA.

use crate::{
	charges,
	lps::{self, BaseRate, LpsRates, MAX_BASE_RATES},
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use ppa_primitives::{
	ppa::MAX_REBATE_TIERS, Balance, DocumentHash, EnergyWh, GridDay, GridInstant, PpaTerms,
	RebateTier,
};
use scale_info::TypeInfo;
use sp_runtime::{traits::Saturating, Permill};

/// Identifies a bill; assigned from a counter, so a PPA's bills in id order are in the order
/// they were presented (FIFO, rule 13).
pub type BillId = u64;

/// Calendar months whose capacity charge a PPA's ledger keeps: the months whose blocks may still
/// be metered or revised (the meter window and the retention of energy accounts, 62 days, reach
/// at most three months back).
pub const CAPACITY_MONTHS_KEPT: u32 = 4;

/// Calendar months of billing kept for the estimated average monthly billing (12 complete ones
/// and the current one, rule 15).
pub const MONTHS_KEPT: u32 = 13;

/// The settlement rules set by governance (rules 11, 12); the LPS base rate is a table
/// by financial year of its own ([`crate::pallet::LpsBaseRates`]).
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
pub struct SettlementParameters {
	/// What each further month of default adds to the LPS rate (0.5 %).
	pub lps_monthly_step: Permill,
	/// The most the monthly steps add to the base rate (3 %).
	pub lps_max_uplift: Permill,
	/// Days after presentation within which the buyer may dispute a bill (10).
	pub dispute_window_days: u16,
}

impl Default for SettlementParameters {
	fn default() -> Self {
		SettlementParameters {
			lps_monthly_step: Permill::from_parts(5_000),
			lps_max_uplift: Permill::from_parts(30_000),
			dispute_window_days: 10,
		}
	}
}

/// The base rate of financial year 2026 (1 April 2026, SBI one-year MCLR 8.65 % + 5 %): the
/// genesis default.
pub const BASE_RATE_2026: Permill = Permill::from_parts(136_500);

/// The LPS rules in force: the parameters and the base-rate table, read once per call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LpsRules {
	/// The monthly step and its maximum.
	pub parameters: SettlementParameters,
	/// The base rate by financial year, sorted by the day each applies from.
	pub base: BoundedVec<BaseRate, ConstU32<MAX_BASE_RATES>>,
}

impl LpsRules {
	/// The LPS rates for a bill with the PPA's own cap `cap`.
	pub fn rates(&self, cap: Option<Permill>) -> LpsRates<'_> {
		LpsRates {
			base: &self.base,
			step: self.parameters.lps_monthly_step,
			max_uplift: self.parameters.lps_max_uplift,
			cap,
		}
	}
}

/// The terms a bill keeps from the PPA version in force on its period: later versions do not
/// change a presented bill.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BillTerms {
	/// Early-payment rebates, from presentation (rule 10).
	pub rebate_tiers: BoundedVec<RebateTier, ConstU32<MAX_REBATE_TIERS>>,
	/// The PPA's cap on the annual LPS rate.
	pub lps_rate_cap: Option<Permill>,
	/// Whether months of default are calendar months.
	pub calendar_months: bool,
}

impl From<&PpaTerms> for BillTerms {
	fn from(terms: &PpaTerms) -> Self {
		BillTerms {
			rebate_tiers: terms.rebate_tiers.clone(),
			lps_rate_cap: terms.lps_rate_cap,
			calendar_months: terms.calendar_months,
		}
	}
}

/// Who stayed a disputed amount (rule 11: a competent authority).
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
pub enum StayAuthority {
	/// The regulator (the appropriate commission).
	Regulator,
	/// A court or tribunal (APTEL, a High Court).
	Court,
	/// The dispute resolution body the PPA names.
	DisputeBody,
}

/// A stay of a bill's disputed amount, recorded by the regulator's origin from the order of a
/// competent authority: while it stands, the stayed principal is not payable and does not
/// count toward default (rule 11).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Stay {
	/// Who ordered the stay.
	pub authority: StayAuthority,
	/// Hash of the order.
	pub order: DocumentHash,
	/// The day it was recorded.
	pub on: GridDay,
	/// Principal stayed, INR units (the disputed amount still unpaid then).
	pub amount: Balance,
}

/// A dispute raised on a bill (rule 11).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dispute {
	/// Principal disputed, INR units.
	pub amount: Balance,
	/// Hash of the buyer's statement of reasons.
	pub reason: DocumentHash,
	/// The day it was raised.
	pub raised_on: GridDay,
	/// The part the regulator upheld (the bill was reduced by it), once ruled.
	pub upheld: Option<Balance>,
}

/// A presented bill. Always: `paid + rebate + outstanding + disputed == billed`, where
/// `disputed` is principal held back by a stay (an unstayed dispute is still outstanding).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Bill<AccountId> {
	/// The generator, paid.
	pub seller: AccountId,
	/// The discom, paying.
	pub buyer: AccountId,
	/// First and last grid day whose blocks the bill charges.
	pub first_day: GridDay,
	/// Last grid day of the period.
	pub last_day: GridDay,
	/// Scheduled energy charged, Wh.
	pub energy_wh: EnergyWh,
	/// Energy charge, INR units.
	pub energy_charge: Balance,
	/// Capacity charge, INR units.
	pub capacity_charge: Balance,
	/// Capacity charge taken off with net proceeds of reselling the PPA's share (rule
	/// 21).
	pub resale_credit: Balance,
	/// Principal billed: the charges, less the resale credit and disputes upheld.
	pub billed: Balance,
	/// Principal paid in money.
	pub paid: Balance,
	/// Principal forgiven as early-payment rebate.
	pub rebate: Balance,
	/// Principal unpaid and payable (a dispute without a stay included).
	pub outstanding: Balance,
	/// Principal of a stayed dispute: not payable until the ruling.
	pub disputed: Balance,
	/// Presentation date P.
	pub presented_on: GridDay,
	/// Due date D = P + due days.
	pub due_on: GridDay,
	/// LPS accrued and unpaid, INR units.
	pub lps: Balance,
	/// LPS paid, INR units.
	pub lps_paid: Balance,
	/// The last day through which LPS is accrued (D until the bill is overdue).
	pub lps_through: GridDay,
	/// The accrual remainder below one INR unit (see [`lps`]).
	pub lps_carry: u128,
	/// The dispute raised on the bill, if any.
	pub dispute: Option<Dispute>,
	/// Terms kept from the PPA.
	pub terms: BillTerms,
}

impl<AccountId> Bill<AccountId> {
	/// Whether nothing is owed on the bill any more: no principal, disputed or not, and no LPS.
	pub fn is_settled(&self) -> bool {
		self.outstanding == 0 && self.disputed == 0 && self.lps == 0
	}

	/// What is owed on the bill as it stands (its LPS accrued as far as it was).
	pub fn dues(&self) -> ppa_primitives::BillDues {
		ppa_primitives::BillDues {
			presented_on: self.presented_on,
			due_on: self.due_on,
			outstanding: self.outstanding,
			disputed: self.disputed,
			lps: self.lps,
		}
	}

	/// Accrues LPS on the outstanding principal through `day`; returns the INR units added.
	pub fn accrue_through(&mut self, day: GridDay, rules: &LpsRules) -> Balance {
		if day <= self.lps_through {
			return 0;
		}
		let numerator = lps::accrual(
			self.outstanding,
			self.due_on,
			self.lps_through,
			day,
			&rules.rates(self.terms.lps_rate_cap),
			self.terms.calendar_months,
		);
		self.lps_through = day;
		self.add_lps(numerator)
	}

	/// Adds an accrual numerator to the LPS; returns the INR units added.
	pub fn add_lps(&mut self, numerator: u128) -> Balance {
		let (units, carry) = lps::take_units(self.lps_carry, numerator);
		self.lps_carry = carry;
		self.lps.saturating_accrue(units);
		units
	}

	/// The rebate due if the bill's outstanding principal is paid in full on `today`: the tier
	/// still open on the bill's undisputed principal (or, when a rebate was already given, on
	/// what is outstanding), rounded up.
	pub fn rebate_if_settled_on(&self, today: GridDay) -> Balance {
		let share = charges::rebate_share(
			&self.terms.rebate_tiers,
			today.saturating_sub(self.presented_on),
		);
		let base = if self.rebate == 0 {
			self.billed.saturating_sub(self.disputed)
		} else {
			self.outstanding
		};
		charges::rebate_on(base, share).min(self.outstanding)
	}
}

/// Charges of a billing period not yet presented.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct OpenBill {
	/// The last grid day of the period: the bill is presented on the day after.
	pub last_day: GridDay,
	/// Blocks charged.
	pub blocks: u32,
	/// Scheduled energy charged, Wh.
	pub energy_wh: EnergyWh,
	/// Energy charge, INR units.
	pub energy_charge: Balance,
	/// Capacity charge, INR units.
	pub capacity_charge: Balance,
}

impl OpenBill {
	/// All charges of the period.
	pub fn total(&self) -> Balance {
		self.energy_charge.saturating_add(self.capacity_charge)
	}
}

/// The availability and capacity charge of one PPA's calendar month so far (rule 9).
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct CapacityMonth {
	/// The sum over the month's metered blocks of the availability certified for the block, in
	/// parts per million (a block at full availability adds 1,000,000): PAFM x blocks.
	pub availability: u64,
	/// The blocks' capacity charges before the month's cap, INR units.
	pub uncapped: Balance,
	/// Capacity charge billed for the month so far: `uncapped` up to the month's share.
	pub charged: Balance,
}

/// The charges of one calendar month (for the average monthly billing, rule 15).
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct MonthCharges {
	/// `ppa_primitives::clock::month_index` of the month.
	pub month: u32,
	/// Charges of the month's blocks, INR units.
	pub charges: Balance,
}

/// The dues ledger of one PPA, INR units. Always: `paid + rebate + outstanding + disputed ==
/// billed`, and the unpaid bills' amounts add up to `outstanding`, `disputed` and `lps`.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PpaLedger {
	/// Principal presented (less disputes upheld), real-time blocks included.
	pub billed: Balance,
	/// Principal paid in money.
	pub paid: Balance,
	/// Principal forgiven as rebate.
	pub rebate: Balance,
	/// Principal unpaid and payable (disputes without a stay included).
	pub outstanding: Balance,
	/// Principal of stayed disputes.
	pub disputed: Balance,
	/// LPS accrued (as stored in the bills) and unpaid.
	pub lps: Balance,
	/// LPS paid.
	pub lps_paid: Balance,
	/// Charges of metered blocks in open bills.
	pub unbilled: Balance,
	/// Net resale proceeds credited and not yet taken off a bill's capacity charge (rules.md
	/// rule 21): the next bills presented take it off.
	pub resale_credit: Balance,
	/// Net resale proceeds taken off bills' capacity charges in all.
	pub resale_credited: Balance,
	/// Credit owed to the buyer by revised energy accounts (rule 2) that no unpaid
	/// bill could take: the next bills presented, or real-time blocks settled, take it off.
	pub credit: Balance,
	/// Bills with something unpaid: the length of `UnpaidBills`, kept here so that billing a
	/// real-time block need not read the list.
	pub unpaid_bills: u32,
	/// The last day of the latest period presented: later blocks of earlier periods are
	/// charged to the current period.
	pub presented_through: Option<GridDay>,
	/// The last block settled at once from advance (real-time): billed, so no longer
	/// correctable in scheduling.
	pub settled_through: Option<GridInstant>,
	/// Charges per calendar month, oldest first.
	pub months: BoundedVec<MonthCharges, ConstU32<MONTHS_KEPT>>,
	/// Availability and capacity charge of the latest calendar months
	/// (`ppa_primitives::clock::month_index`), oldest first (rule 9).
	pub capacity_months: BoundedVec<(u32, CapacityMonth), ConstU32<CAPACITY_MONTHS_KEPT>>,
}

impl PpaLedger {
	/// The capacity month `month` as kept, or a new one (the oldest kept month making room).
	pub fn capacity_month(&self, month: u32) -> CapacityMonth {
		self.capacity_months
			.iter()
			.find(|(m, _)| *m == month)
			.map(|(_, entry)| *entry)
			.unwrap_or_default()
	}

	/// Keeps `entry` as capacity month `month`: a month older than every one kept, with none
	/// free, is not kept (no block of it can be metered or revised any more).
	pub fn keep_capacity_month(&mut self, month: u32, entry: CapacityMonth) {
		if let Some(slot) = self.capacity_months.iter_mut().find(|(m, _)| *m == month) {
			slot.1 = entry;
			return;
		}
		if self.capacity_months.is_full() {
			if self.capacity_months.first().is_some_and(|(m, _)| *m > month) {
				return;
			}
			self.capacity_months.remove(0);
		}
		let at = self.capacity_months.partition_point(|(m, _)| *m < month);
		let _ = self.capacity_months.try_insert(at, (month, entry));
	}

	/// Adds `charges` to calendar month `month`, keeping the last [`MONTHS_KEPT`] months.
	pub fn record_month(&mut self, month: u32, charges: Balance) {
		if let Some(last) = self.months.last_mut() {
			if last.month == month {
				last.charges.saturating_accrue(charges);
				return;
			}
			if last.month > month {
				// A late block of an earlier month: add it to that month if still kept.
				if let Some(m) = self.months.iter_mut().find(|m| m.month == month) {
					m.charges.saturating_accrue(charges);
				}
				return;
			}
		}
		if self.months.is_full() {
			self.months.remove(0);
		}
		let _ = self.months.try_push(MonthCharges { month, charges });
	}

	/// A revision of a block of calendar month `month` raised its charges by `rise` and
	/// lowered them by `fall`: the month's charges change by the difference, if it is kept.
	pub fn revise_month(&mut self, month: u32, rise: Balance, fall: Balance) {
		if rise >= fall {
			self.record_month(month, rise.saturating_sub(fall));
		} else if let Some(m) = self.months.iter_mut().find(|m| m.month == month) {
			m.charges.saturating_reduce(fall.saturating_sub(rise));
		}
	}

	/// The average of the 12 complete months before `current`, once there are 12.
	pub fn average_monthly_billing(&self, current: u32) -> Option<Balance> {
		let complete: alloc::vec::Vec<_> =
			self.months.iter().filter(|m| m.month < current).rev().take(12).collect();
		if complete.len() < 12 {
			return None;
		}
		let sum = complete.iter().fold(0, |s: Balance, m| s.saturating_add(m.charges));
		Some(sum / 12)
	}
}

/// Where the money of a payment came from.
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
pub enum PaymentSource {
	/// The buyer paid from its free balance.
	Buyer,
	/// The buyer's advance held in escrow.
	Advance,
	/// A letter of credit drawn (rule 16).
	LetterOfCredit,
	/// A payment bank guarantee encashed (rule 17).
	BankGuarantee,
}

/// What a payment did to one bill, INR units.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Applied {
	/// To LPS.
	pub lps: Balance,
	/// To principal.
	pub principal: Balance,
	/// Rebate allowed.
	pub rebate: Balance,
}

impl Applied {
	/// Money used: LPS and principal (the rebate costs the payer nothing).
	pub fn money(&self) -> Balance {
		self.lps.saturating_add(self.principal)
	}

	/// Adds another application.
	pub fn add(&mut self, other: &Applied) {
		self.lps.saturating_accrue(other.lps);
		self.principal.saturating_accrue(other.principal);
		self.rebate.saturating_accrue(other.rebate);
	}
}
