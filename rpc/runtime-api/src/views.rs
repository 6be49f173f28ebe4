//! What the runtime APIs return: the one typed contract of the read path. The JSON-RPC methods
//! serve these types, and the billing client reads them back as these types (they serialize
//! and deserialize alike). Amounts are INR units (1 INR = 10^6 units, rule 27)
//! and appear in JSON as decimal strings; energy is in Wh, power in kW, days are grid days
//! (IST days since 1970-01-01) and blocks the 96 time blocks of a day (0 = 00:00-00:15 IST).

use alloc::vec::Vec;
use codec::{Decode, Encode};
use ppa_primitives::{
	BillingPeriod, DocumentHash, EnergyWh, GridDay, GridInstant, PowerKw, PpaId, PpaStatus,
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::json;

/// INR units.
pub type Balance = ppa_primitives::Balance;

/// Why a read was refused.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
pub enum ApiError {
	/// No PPA has this id.
	UnknownPpa,
	/// The first day of the range is after the last.
	BadDayRange,
	/// The range is longer than [`crate::MAX_DAY_RANGE`] days.
	DayRangeTooLong,
}

impl ApiError {
	/// What was wrong, in words for a JSON-RPC error.
	pub fn message(&self) -> &'static str {
		match self {
			ApiError::UnknownPpa => "unknown PPA: no PPA has this id",
			ApiError::BadDayRange => "bad day range: the first day is after the last",
			ApiError::DayRangeTooLong => "day range too long: at most 400 days per call",
		}
	}
}

/// A PPA: its parties, where it is in its life, and every agreed version of its terms.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PpaInfo<AccountId> {
	/// The PPA's id.
	pub id: PpaId,
	/// The generator.
	pub seller: AccountId,
	/// The discom.
	pub buyer: AccountId,
	/// The load despatch centre that schedules and meters it.
	pub ldc: AccountId,
	/// Who proposed it.
	pub proposer: AccountId,
	/// Where it is in its life.
	pub status: PpaStatus,
	/// Chain block of the seller's signature.
	pub seller_signed_at: Option<u32>,
	/// Chain block of the buyer's signature.
	pub buyer_signed_at: Option<u32>,
	/// The grid day on which it ended early, if it did.
	pub terminated_on: Option<GridDay>,
	/// Every agreed version of its terms, oldest first; a PPA still proposed shows the
	/// proposal as version 0, not yet agreed.
	pub terms: Vec<TermsInfo>,
}

/// One version of a PPA's terms.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TermsInfo {
	/// 0 for the original terms, then one per signed amendment.
	pub version: u32,
	/// First grid day on which this version applies.
	pub effective_from: GridDay,
	/// Chain block in which both parties had signed it (`None`: proposed only).
	pub agreed_at: Option<u32>,
	/// Contracted capacity, kW.
	pub capacity_kw: PowerKw,
	/// The generating station (UTF-8).
	#[serde(with = "json::text")]
	pub station: Vec<u8>,
	/// First grid day of supply.
	pub start_day: GridDay,
	/// Last grid day of supply.
	pub end_day: GridDay,
	/// Capacity charge rate, INR units per kW per month.
	#[serde(with = "json::amount")]
	pub capacity_rate: Balance,
	/// Energy charge rate, INR units per kWh.
	#[serde(with = "json::amount")]
	pub energy_rate: Balance,
	/// Transmission charge passed through on resale, INR units per kWh.
	#[serde(with = "json::amount")]
	pub transmission_rate: Balance,
	/// How often charges are billed.
	pub billing_period: BillingPeriod,
	/// Days from presentation to due date.
	pub due_days: u16,
	/// Early-payment rebates: (within days of presentation, rebate in parts per million).
	pub rebate_tiers: Vec<(u16, u32)>,
	/// The PPA's cap on the annual LPS rate, parts per million (`None`: the rules' rate).
	pub lps_rate_cap_ppm: Option<u32>,
	/// Whether months are calendar months (else 30 days).
	pub calendar_months: bool,
	/// The normative annual availability (NAPAF), parts per million: the month's capacity
	/// charge is recovered in full at it.
	pub normative_availability_ppm: u32,
	/// Whether letters of credit pay each bill on presentation (else once it is overdue).
	pub lc_on_presentation: bool,
	/// LC required, percent of the average monthly billing.
	pub lc_percent_of_monthly_billing: u16,
	/// Payment BG required, INR units.
	#[serde(with = "json::opt_amount")]
	pub payment_bg: Option<Balance>,
	/// Whether the chain offers a defaulter's withheld share for resale by itself.
	pub auto_resale_offer: bool,
	/// Hash of the signed agreement.
	pub agreement_hash: DocumentHash,
}

/// The PPAs of one participant.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PpasOf {
	/// PPAs in which it sells, ended ones included, by id.
	pub selling: Vec<PpaId>,
	/// PPAs in which it buys, ended ones included, by id.
	pub buying: Vec<PpaId>,
}

/// One time block of a PPA's day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockInfo {
	/// The time block, 0-95.
	pub block: u8,
	/// The PPA's own schedule after every gate, kW.
	pub scheduled_kw: PowerKw,
	/// The share sold on the open market in this block, kW.
	pub sold_kw: PowerKw,
	/// The seller's declared availability, parts per million of contracted capacity.
	pub availability_ppm: u32,
	/// Metered energy, Wh (`None` until metered).
	pub actual_wh: Option<EnergyWh>,
}

/// A PPA's day: its blocks and its energy account.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayInfo {
	/// The PPA.
	pub ppa: PpaId,
	/// The grid day.
	pub day: GridDay,
	/// The 96 blocks; empty when the day was never scheduled or its detail was pruned after
	/// the retention period (the account stays).
	pub blocks: Vec<BlockInfo>,
	/// The day's energy account, once the day is scheduled.
	pub account: Option<EnergyAccountInfo>,
}

/// A PPA's energy account for a day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnergyAccountInfo {
	/// Requisitioned by the buyer, Wh.
	pub requested_wh: EnergyWh,
	/// Scheduled after every gate and revision, Wh.
	pub scheduled_wh: EnergyWh,
	/// Cut for declared unavailability, Wh.
	pub cut_availability_wh: EnergyWh,
	/// Cut at the PSM gate (rule 14), Wh.
	pub cut_psm_wh: EnergyWh,
	/// Cut by graded regulation (rule 20), Wh.
	pub cut_regulation_wh: EnergyWh,
	/// Left out because the share was resold (rule 25), Wh.
	pub cut_resale_wh: EnergyWh,
	/// Share of the schedule withheld by regulation, percent.
	pub regulated_share_percent: u8,
	/// Metered so far, Wh.
	pub actual_wh: EnergyWh,
	/// Metered minus scheduled over the metered blocks, Wh.
	pub deviation_wh: i64,
	/// Blocks metered so far.
	pub blocks_metered: u8,
	/// The energy rate the schedule was valued at, INR units per kWh.
	#[serde(with = "json::amount")]
	pub energy_rate: Balance,
	/// Cover left for the day at the PSM gate, INR units.
	#[serde(with = "json::amount")]
	pub cover: Balance,
	/// Value of the scheduled energy not yet metered, INR units.
	#[serde(with = "json::amount")]
	pub unmetered_value: Balance,
	/// Advance committed to the day's schedule, INR units.
	#[serde(with = "json::amount")]
	pub advance_committed: Balance,
	/// Revisions approved.
	pub revisions: u8,
}

/// Payment security of a PPA against a day's requirement (rules 14-16).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageInfo {
	/// The PPA.
	pub ppa: PpaId,
	/// The grid day it is measured for.
	pub day: GridDay,
	/// Letters of credit valid on the day, INR units.
	#[serde(with = "json::amount")]
	pub letters_of_credit: Balance,
	/// Advance payment held, INR units.
	#[serde(with = "json::amount")]
	pub advance: Balance,
	/// Advance committed to schedules, INR units.
	#[serde(with = "json::amount")]
	pub advance_committed: Balance,
	/// Payment bank guarantees in force, INR units.
	#[serde(with = "json::amount")]
	pub payment_bank_guarantees: Balance,
	/// Cover the terms require, INR units.
	#[serde(with = "json::amount")]
	pub required: Balance,
	/// Whether the cover meets the requirement.
	pub adequate: bool,
}

/// A presented bill and what has been paid on it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillInfo<AccountId> {
	/// The PPA.
	pub ppa: PpaId,
	/// The bill's id.
	pub id: u64,
	/// The generator, paid.
	pub seller: AccountId,
	/// The discom, paying.
	pub buyer: AccountId,
	/// First grid day of the period billed.
	pub first_day: GridDay,
	/// Last grid day of the period billed.
	pub last_day: GridDay,
	/// Scheduled energy charged, Wh.
	pub energy_wh: EnergyWh,
	/// Energy charge, INR units.
	#[serde(with = "json::amount")]
	pub energy_charge: Balance,
	/// Capacity charge, INR units.
	#[serde(with = "json::amount")]
	pub capacity_charge: Balance,
	/// Net resale proceeds taken off the capacity charge (rule 21), INR units.
	#[serde(with = "json::amount")]
	pub resale_credit: Balance,
	/// Principal billed, INR units.
	#[serde(with = "json::amount")]
	pub billed: Balance,
	/// Principal paid, INR units.
	#[serde(with = "json::amount")]
	pub paid: Balance,
	/// Early-payment rebate, INR units.
	#[serde(with = "json::amount")]
	pub rebate: Balance,
	/// Undisputed principal unpaid, INR units.
	#[serde(with = "json::amount")]
	pub outstanding: Balance,
	/// Principal under dispute, INR units.
	#[serde(with = "json::amount")]
	pub disputed: Balance,
	/// Presentation date.
	pub presented_on: GridDay,
	/// Due date.
	pub due_on: GridDay,
	/// LPS accrued and unpaid through today (rule 12), INR units.
	#[serde(with = "json::amount")]
	pub lps: Balance,
	/// LPS paid, INR units.
	#[serde(with = "json::amount")]
	pub lps_paid: Balance,
	/// Whether nothing is owed on it any more.
	pub settled: bool,
}

/// A PPA's dues ledger.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerInfo {
	/// The PPA.
	pub ppa: PpaId,
	/// Principal billed, real-time blocks included, INR units.
	#[serde(with = "json::amount")]
	pub billed: Balance,
	/// Principal paid, INR units.
	#[serde(with = "json::amount")]
	pub paid: Balance,
	/// Rebate, INR units.
	#[serde(with = "json::amount")]
	pub rebate: Balance,
	/// Undisputed principal unpaid, INR units.
	#[serde(with = "json::amount")]
	pub outstanding: Balance,
	/// Principal under dispute, INR units.
	#[serde(with = "json::amount")]
	pub disputed: Balance,
	/// LPS accrued (as stored in the bills) and unpaid, INR units.
	#[serde(with = "json::amount")]
	pub lps: Balance,
	/// LPS paid, INR units.
	#[serde(with = "json::amount")]
	pub lps_paid: Balance,
	/// Charges of metered blocks not yet presented, INR units.
	#[serde(with = "json::amount")]
	pub unbilled: Balance,
	/// Net resale proceeds waiting for the next bill, INR units.
	#[serde(with = "json::amount")]
	pub resale_credit: Balance,
	/// Net resale proceeds taken off bills so far, INR units.
	#[serde(with = "json::amount")]
	pub resale_credited: Balance,
	/// Bills with something unpaid.
	pub unpaid_bills: u32,
	/// The last block settled at once from advance (real-time settlement).
	pub settled_through: Option<GridInstant>,
}

/// Undisputed principal owed by how far past due (rule 26), INR units.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgeingInfo {
	/// Not yet due.
	#[serde(with = "json::amount")]
	pub current: Balance,
	/// 1-30 days past due.
	#[serde(with = "json::amount", rename = "days1To30")]
	pub days_1_30: Balance,
	/// 31-60 days past due.
	#[serde(with = "json::amount", rename = "days31To60")]
	pub days_31_60: Balance,
	/// 61-90 days past due.
	#[serde(with = "json::amount", rename = "days61To90")]
	pub days_61_90: Balance,
	/// More than 90 days past due.
	#[serde(with = "json::amount")]
	pub over_90: Balance,
}

/// Dues over all PPAs of a buyer or a seller, as of a day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DuesInfo {
	/// The grid day LPS is accrued through.
	pub as_of: GridDay,
	/// The PPAs counted.
	pub ppas: Vec<PpaId>,
	/// Principal billed, INR units.
	#[serde(with = "json::amount")]
	pub billed: Balance,
	/// Principal paid, INR units.
	#[serde(with = "json::amount")]
	pub paid: Balance,
	/// Rebate, INR units.
	#[serde(with = "json::amount")]
	pub rebate: Balance,
	/// Undisputed principal unpaid, INR units.
	#[serde(with = "json::amount")]
	pub outstanding: Balance,
	/// Principal under dispute, INR units.
	#[serde(with = "json::amount")]
	pub disputed: Balance,
	/// LPS accrued and unpaid through `as_of`, INR units.
	#[serde(with = "json::amount")]
	pub lps: Balance,
	/// LPS paid, INR units.
	#[serde(with = "json::amount")]
	pub lps_paid: Balance,
	/// Charges metered and not yet presented, INR units.
	#[serde(with = "json::amount")]
	pub unbilled: Balance,
	/// (presentation day, due day) of the oldest bill with something unpaid.
	pub oldest_unpaid: Option<(GridDay, GridDay)>,
	/// The outstanding principal by age.
	pub ageing: AgeingInfo,
}

/// A buyer's default and graded regulation (rules 17-22).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultInfo {
	/// The grid day of the reading.
	pub as_of: GridDay,
	/// Whether the buyer is in default.
	pub in_default: bool,
	/// Since when (the default trigger date).
	pub in_default_since: Option<GridDay>,
	/// Since when its oldest overdue bill has been unpaid.
	pub unpaid_dues_since: Option<GridDay>,
	/// PPAs whose payment security failed.
	pub failed_security: u32,
	/// Bills past their due date.
	pub overdue_bills: u32,
	/// Share of its schedules withheld, percent.
	pub regulated_share_percent: u8,
	/// The next regulation step: the day it applies and the share, percent.
	pub next_step: Option<(GridDay, u8)>,
	/// Until when the regulator relaxed regulation.
	pub relaxed_until: Option<GridDay>,
}

/// A delivery day's resale market.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderBook<AccountId> {
	/// The delivery day.
	pub day: GridDay,
	/// The offers, by PPA.
	pub offers: Vec<OfferInfo<AccountId>>,
	/// Whether bids were left out (more than [`crate::MAX_BIDS_IN_BOOK`]).
	pub truncated: bool,
}

/// A seller's offer of a defaulter's share for a day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferInfo<AccountId> {
	/// The PPA whose share is offered.
	pub ppa: PpaId,
	/// The generator offering.
	pub seller: AccountId,
	/// The buyer in default.
	pub defaulter: AccountId,
	/// Reserve price, INR units per kWh.
	#[serde(with = "json::amount")]
	pub reserve: Balance,
	/// The PPA's energy rate, INR units per kWh.
	#[serde(with = "json::amount")]
	pub energy_rate: Balance,
	/// Whether the whole entitlement is offered (supply stopped).
	pub whole_share: bool,
	/// Whether the chain made the offer by itself.
	pub automatic: bool,
	/// The blocks offered, with their bids and results.
	pub blocks: Vec<BookBlock<AccountId>>,
}

/// One block of an offer: its open bids and how it cleared.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookBlock<AccountId> {
	/// The time block, 0-95.
	pub block: u8,
	/// Offered, kW.
	pub offered_kw: PowerKw,
	/// Open bids, in order of arrival (empty once cleared).
	pub bids: Vec<BidInfo<AccountId>>,
	/// How the block cleared, once it has.
	pub result: Option<ResultInfo>,
}

/// An open bid.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BidInfo<AccountId> {
	/// The bid's id.
	pub id: u64,
	/// The discom bidding.
	pub bidder: AccountId,
	/// Power asked, kW.
	pub kw: PowerKw,
	/// Price, INR units per kWh.
	#[serde(with = "json::amount")]
	pub price: Balance,
	/// Collateral held, INR units.
	#[serde(with = "json::amount")]
	pub held: Balance,
}

/// How a block cleared (rule 25).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultInfo {
	/// Offered, kW.
	pub offered_kw: PowerKw,
	/// Sold, kW.
	pub sold_kw: PowerKw,
	/// The uniform clearing price, INR units per kWh (`None`: nothing sold).
	#[serde(with = "json::opt_amount")]
	pub price: Option<Balance>,
	/// Bids in the book.
	pub bids: u32,
	/// Bids that won.
	pub winners: u32,
	/// Energy delivered to the winners, Wh, once metered.
	pub delivered_wh: Option<EnergyWh>,
}
