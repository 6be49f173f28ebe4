//! The runtime APIs of the PPA chain: what Polkadot.js, the `rpc/` crate and billing systems
//! read. Each API is versioned (`#[api_version]`) and returns the views of [`views`], which
//! stay stable when a pallet's storage changes: the runtime builds them from storage.
//!
//! | API | reads |
//! |---|---|
//! | [`PpaApi`] | a PPA and every version of its terms; the PPAs of a participant; grid time |
//! | [`SchedulingApi`] | a PPA's schedule, metered energy and energy account for a day |
//! | [`PsmApi`] | payment security: LC, advance, BGs, the cover required and whether it is adequate |
//! | [`SettlementApi`] | bills in a day range; a PPA's ledger; dues of a buyer or seller with ageing and LPS |
//! | [`DefaultsApi`] | a buyer's default and graded regulation |
//! | [`ResaleApi`] | the resale order book and results of a delivery day |

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod json;
pub mod views;

use alloc::vec::Vec;
use codec::Codec;
use ppa_primitives::{GridDay, GridInstant, PpaId};

pub use views::*;

/// The longest day range one `bills` call may ask for, days (about a year).
pub const MAX_DAY_RANGE: GridDay = 400;

/// The most bids one `order_book` call returns; the book says when it left some out.
pub const MAX_BIDS_IN_BOOK: u32 = 5_000;

sp_api::decl_runtime_apis! {
	/// PPAs and their terms (the registry).
	#[api_version(1)]
	pub trait PpaApi<AccountId>
	where
		AccountId: Codec,
	{
		/// The PPA `id` with every agreed version of its terms; `None` if there is none.
		fn ppa(id: PpaId) -> Option<PpaInfo<AccountId>>;
		/// The PPAs in which `who` sells and buys.
		fn ppas_of(who: AccountId) -> PpasOf;
		/// The grid time of the block: IST day and time block.
		fn grid_now() -> GridInstant;
	}

	/// Day-ahead schedules, metered energy and energy accounts (scheduling).
	#[api_version(1)]
	pub trait SchedulingApi {
		/// The schedule, availability and metering of `ppa` on `day`, block by block, and the
		/// day's energy account.
		fn day(ppa: PpaId, day: GridDay) -> Result<DayInfo, ApiError>;
	}

	/// Payment security (escrow): rules 14-16.
	#[api_version(1)]
	pub trait PsmApi {
		/// The payment security of `ppa` against what `day`'s schedule requires.
		fn coverage(ppa: PpaId, day: GridDay) -> Result<CoverageInfo, ApiError>;
	}

	/// Bills, payments and dues (settlement): rules 8-13, 26. Version 2 adds `ppa_dues`.
	#[api_version(2)]
	pub trait SettlementApi<AccountId>
	where
		AccountId: Codec,
	{
		/// Bills of `ppa` whose period overlaps the days `from..=to`, oldest first.
		fn bills(ppa: PpaId, from: GridDay, to: GridDay) -> Result<Vec<BillInfo<AccountId>>, ApiError>;
		/// The dues ledger of `ppa`: billed, paid (real-time blocks included), unbilled.
		fn ledger(ppa: PpaId) -> Result<LedgerInfo, ApiError>;
		/// What `who` owes as a buyer over all its PPAs, aged, with LPS through today.
		fn buyer_dues(who: AccountId) -> DuesInfo;
		/// What is owed to `who` as a seller over all its PPAs, aged, with LPS through today.
		fn seller_dues(who: AccountId) -> DuesInfo;
		/// What the buyer of `ppa` owes its seller under that PPA alone, aged, with LPS
		/// through today: one PPA's part of `buyer_dues` and `seller_dues`.
		#[api_version(2)]
		fn ppa_dues(ppa: PpaId) -> Result<DuesInfo, ApiError>;
	}

	/// Defaults and graded regulation: rules 17-22.
	#[api_version(1)]
	pub trait DefaultsApi<AccountId>
	where
		AccountId: Codec,
	{
		/// The standing of buyer `who`: overdue bills, default, the share regulated.
		fn status(who: AccountId) -> DefaultInfo;
	}

	/// The open market for defaulted shares: rules 23-25.
	#[api_version(1)]
	pub trait ResaleApi<AccountId>
	where
		AccountId: Codec,
	{
		/// Offers for delivery on `day`, each block's open bids and how it cleared.
		fn order_book(day: GridDay) -> OrderBook<AccountId>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Dues with amounts past JavaScript's safe integers.
	fn dues() -> DuesInfo {
		DuesInfo {
			as_of: 20_781,
			ppas: alloc::vec![0, 3],
			billed: u128::MAX,
			paid: 9_007_199_254_740_993,
			rebate: 0,
			outstanding: 1,
			disputed: 0,
			lps: 0,
			lps_paid: 0,
			unbilled: 0,
			oldest_unpaid: Some((20_700, 20_745)),
			ageing: AgeingInfo {
				current: 1,
				days_1_30: 2,
				days_31_60: 3,
				days_61_90: 4,
				over_90: 5,
			},
		}
	}

	#[test]
	fn amounts_are_decimal_strings_and_names_camel_case_in_json() {
		let dues = dues();
		let json = serde_json::to_value(&dues).unwrap();
		assert_eq!(json["billed"], "340282366920938463463374607431768211455");
		// 2^53 + 1: a JavaScript number would round it.
		assert_eq!(json["paid"], "9007199254740993");
		assert_eq!(json["asOf"], 20_781);
		assert_eq!(json["oldestUnpaid"], serde_json::json!([20_700, 20_745]));
		assert_eq!(
			json["ageing"],
			serde_json::json!({
				"current": "1", "days1To30": "2", "days31To60": "3", "days61To90": "4",
				"over90": "5"
			})
		);
	}

	/// Issue "A project that stands on its own": a client reads the views back as the types
	/// the runtime answers with, so a field renamed or retyped breaks its build, not its
	/// figures.
	#[test]
	fn the_views_read_back_from_json_as_they_were_written() {
		let dues = DuesInfo { oldest_unpaid: None, ..dues() };
		let json = serde_json::to_string(&dues).unwrap();
		assert_eq!(serde_json::from_str::<DuesInfo>(&json).unwrap(), dues);
		let result = ResultInfo {
			offered_kw: 10,
			sold_kw: 0,
			price: None,
			bids: 0,
			winners: 0,
			delivered_wh: None,
		};
		let json = serde_json::to_string(&result).unwrap();
		assert_eq!(serde_json::from_str::<ResultInfo>(&json).unwrap(), result);
		// An amount that is not a decimal string is refused, not read as zero.
		let bad = json.replacen("\"price\":null", "\"price\":\"1.5\"", 1);
		assert_ne!(bad, json);
		assert!(serde_json::from_str::<ResultInfo>(&bad).is_err());
	}

	#[test]
	fn station_names_are_text_and_missing_amounts_null() {
		let result = ResultInfo {
			offered_kw: 10_000,
			sold_kw: 0,
			price: None,
			bids: 0,
			winners: 0,
			delivered_wh: None,
		};
		assert_eq!(serde_json::to_value(&result).unwrap()["price"], serde_json::Value::Null);
		let priced = ResultInfo { price: Some(2_200_000), ..result };
		assert_eq!(serde_json::to_value(&priced).unwrap()["price"], "2200000");
		assert_eq!(ApiError::UnknownPpa.message(), "unknown PPA: no PPA has this id");
	}
}
