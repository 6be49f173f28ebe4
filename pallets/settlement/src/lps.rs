//! Late payment surcharge (LPS Rules 2022; rule 12): the rate of each day of default
//! and the daily accrual, as pure integer arithmetic.
//!
//! LPS is simple interest on unpaid principal from D + 1. The days D+1 up to the same day of
//! the next calendar month are month 1 of default (D+1..=D+30 if the PPA counts 30-day
//! months). A day in month k accrues at min(base + step x (k - 1), base + max uplift), where
//! base is the base rate of the day's financial year (SBI's one-year MCLR on 1 April + 5 %, from
//! the governance table [`BaseRate`]); the PPA's own cap applies if lower. A day's interest is
//! principal x annual rate / 365.
//!
//! Exactness: accrual is kept as a numerator in INR units x parts per million x days; whole
//! units are taken out and the remainder (below 365 x 10^6) is carried to the next accrual, so
//! splitting a period at payments, month steps or a new financial year never loses or creates
//! a unit. A change on day t (a payment, a dispute, a ruling) first accrues through day t on
//! the old principal.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use ppa_primitives::{clock::add_calendar_months, Balance, GridDay};
use scale_info::TypeInfo;
use sp_runtime::{PerThing, Permill};

/// Days in the LPS year: the daily rate is the annual rate / 365.
pub const DAYS_PER_YEAR: u128 = 365;

/// An accrual numerator of this much is one INR unit of LPS: 365 days x 10^6 parts per million.
pub const UNIT_NUMERATOR: u128 = DAYS_PER_YEAR * Permill::ACCURACY as u128;

/// Most entries of the base-rate table: one per financial year for 64 years.
pub const MAX_BASE_RATES: u32 = 64;

/// One entry of the base-rate table (rule 12): from day `from` on, LPS accrues on the
/// base rate `rate` of financial year `financial_year` (SBI one-year MCLR on its 1 April + 5 %).
/// `from` is the year's 1 April, or the day after the rate was set if it was set late, so that
/// a rate never reprices a day already past.
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
pub struct BaseRate {
	/// The financial year, named by the year of its 1 April (2026: April 2026 to March 2027).
	pub financial_year: u16,
	/// The first grid day on which the rate applies.
	pub from: GridDay,
	/// The base rate per annum.
	pub rate: Permill,
}

/// The base rate on `day` in `table` (sorted by `from`): the latest entry in force, or the
/// earliest entry for a day before every entry; zero for an empty table.
pub fn base_rate_on(table: &[BaseRate], day: GridDay) -> Permill {
	table
		.iter()
		.rev()
		.find(|entry| entry.from <= day)
		.or_else(|| table.first())
		.map(|entry| entry.rate)
		.unwrap_or_default()
}

/// The first day after `day` on which the base rate of `table` changes, if any.
fn next_base_change(table: &[BaseRate], day: GridDay) -> Option<GridDay> {
	table.iter().map(|entry| entry.from).find(|from| *from > day)
}

/// The LPS Rules' rates as set by governance (the base-rate table, the monthly step and its
/// maximum), and the PPA's cap.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LpsRates<'a> {
	/// The base rate by financial year, sorted by the day each applies from.
	pub base: &'a [BaseRate],
	/// The step per further month of default (0.5 %).
	pub step: Permill,
	/// The most the steps add to the base (3 %).
	pub max_uplift: Permill,
	/// The PPA's own annual rate, if it sets one; the lower rate applies.
	pub cap: Option<Permill>,
}

impl LpsRates<'_> {
	/// The uplift over the base in month `k` (k = 1, 2, ...), before the maximum.
	fn uplift(&self, k: u32) -> u32 {
		self.step.deconstruct().saturating_mul(k.saturating_sub(1))
	}

	/// The annual rate of a day `day` in month `k` of default (k = 1, 2, ...).
	pub fn rate(&self, k: u32, day: GridDay) -> Permill {
		let uplift = self.uplift(k).min(self.max_uplift.deconstruct());
		let base = base_rate_on(self.base, day);
		let rate = Permill::from_parts(base.deconstruct().saturating_add(uplift));
		match self.cap {
			Some(cap) => rate.min(cap),
			None => rate,
		}
	}

	/// Whether the monthly steps no longer raise the rate after month `k`.
	fn saturated(&self, k: u32) -> bool {
		self.uplift(k) >= self.max_uplift.deconstruct() || self.step.is_zero()
	}
}

/// The last day of month `k` (k >= 1) of default of a bill due on `due`.
pub fn month_end(due: GridDay, k: u32, calendar_months: bool) -> GridDay {
	if calendar_months {
		add_calendar_months(due, k)
	} else {
		due.saturating_add(k.saturating_mul(30))
	}
}

/// The month of default (1, 2, ...) that day `day` (> `due`) falls in.
pub fn month_of(due: GridDay, day: GridDay, calendar_months: bool) -> u32 {
	if calendar_months {
		let mut k = day.saturating_sub(due).saturating_sub(1) / 31 + 1;
		while month_end(due, k, true) < day {
			k = k.saturating_add(1);
		}
		k
	} else {
		day.saturating_sub(due).saturating_sub(1) / 30 + 1
	}
}

/// The accrual numerator of `principal` unpaid from day `from + 1` through day `to`
/// (inclusive) on a bill due on `due`: the sum over those days after `due` of principal x the
/// day's annual rate in parts per million. Divide by [`UNIT_NUMERATOR`] for INR units.
pub fn accrual(
	principal: Balance,
	due: GridDay,
	from: GridDay,
	to: GridDay,
	rates: &LpsRates,
	calendar_months: bool,
) -> u128 {
	let mut start = from.max(due).saturating_add(1);
	if principal == 0 || start > to {
		return 0;
	}
	let mut k = month_of(due, start, calendar_months);
	let mut numerator: u128 = 0;
	loop {
		let month_last = month_end(due, k, calendar_months);
		// One rate from `start` to `end`: the month's (or, once the steps stop, every later
		// month's) up to the next change of the base rate.
		let mut end = if rates.saturated(k) { to } else { month_last.min(to) };
		if let Some(change) = next_base_change(rates.base, start) {
			end = end.min(change.saturating_sub(1));
		}
		let days = Balance::from(end.saturating_sub(start).saturating_add(1));
		let rate = Balance::from(rates.rate(k, start).deconstruct());
		numerator = numerator.saturating_add(principal.saturating_mul(rate).saturating_mul(days));
		if end >= to {
			return numerator;
		}
		start = end.saturating_add(1);
		if start > month_last {
			k = k.saturating_add(1);
		}
	}
}

/// Adds `numerator` to a carried remainder; returns the whole INR units and the new remainder.
pub fn take_units(carry: u128, numerator: u128) -> (Balance, u128) {
	let total = carry.saturating_add(numerator);
	(total / UNIT_NUMERATOR, total % UNIT_NUMERATOR)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ppa_primitives::money::inr;

	/// MCLR at 8.65 % for every year: base 13.65 %.
	const BASE: [BaseRate; 1] =
		[BaseRate { financial_year: 2026, from: 0, rate: Permill::from_parts(136_500) }];

	/// The LPS Rules' rates with MCLR at 8.65 %: base 13.65 %, +0.5 % a month, at most +3 %.
	pub fn rules() -> LpsRates<'static> {
		LpsRates {
			base: &BASE,
			step: Permill::from_parts(5_000),
			max_uplift: Permill::from_parts(30_000),
			cap: None,
		}
	}

	#[test]
	fn rate_steps_up_by_month_of_default_rule_12() {
		let r = rules();
		assert_eq!(r.rate(1, 0), Permill::from_parts(136_500));
		assert_eq!(r.rate(2, 0), Permill::from_parts(141_500));
		assert_eq!(r.rate(6, 0), Permill::from_parts(161_500));
		assert_eq!(r.rate(7, 0), Permill::from_parts(166_500)); // base + 3 %
		assert_eq!(r.rate(8, 0), Permill::from_parts(166_500));
		assert_eq!(r.rate(1_000, 0), Permill::from_parts(166_500));
		// The PPA's lower rate applies.
		let capped = LpsRates { cap: Some(Permill::from_percent(15)), ..r };
		assert_eq!(capped.rate(1, 0), Permill::from_parts(136_500));
		assert_eq!(capped.rate(4, 0), Permill::from_parts(150_000));
	}

	/// A bill of INR 1 crore due on 16 March 2027 is unpaid across 1 April 2027. FY 2026's base
	/// is 13.65 % (MCLR 8.65 %), FY 2027's is 14.00 % (MCLR 9.00 %). Month 1 of default runs
	/// 17 March to 16 April (calendar months): 15 days of March at 13.65 % and 16 days of April at
	/// 14.00 %; month 2 begins on 17 April at 14.50 %.
	/// 1,00,00,000 x (0.1365 x 15 + 0.1400 x 16) / 365 = 1,00,00,000 x 4.2875 / 365
	/// = 1,17,465.753424...; 17 April alone: 1,00,00,000 x 0.145 / 365 = 3,972.602739...
	#[test]
	fn each_day_accrues_at_its_financial_years_base_rate_rule_12() {
		use ppa_primitives::clock::{financial_year_start, grid_day_of, CivilDate};
		let apr_1_2027 = financial_year_start(2027);
		let due = grid_day_of(CivilDate { year: 2027, month: 3, day: 16 }).unwrap();
		let table = [
			BaseRate { financial_year: 2026, from: 0, rate: Permill::from_parts(136_500) },
			BaseRate { financial_year: 2027, from: apr_1_2027, rate: Permill::from_parts(140_000) },
		];
		let r = LpsRates { base: &table, ..rules() };
		assert_eq!(r.rate(1, apr_1_2027 - 1), Permill::from_parts(136_500));
		assert_eq!(r.rate(1, apr_1_2027), Permill::from_parts(140_000));
		let month_1_end = month_end(due, 1, true);
		assert_eq!(month_1_end, apr_1_2027 + 15); // 16 April
		let month_1 = accrual(inr(10_000_000), due, due, month_1_end, &r, true);
		assert_eq!(month_1, inr(10_000_000) * (136_500 * 15 + 140_000 * 16));
		assert_eq!(take_units(0, month_1).0, 117_465_753_424);
		let day_after = accrual(inr(10_000_000), due, month_1_end, month_1_end + 1, &r, true);
		assert_eq!(take_units(0, day_after).0, 3_972_602_739);
		// Split at the new year or not, the same.
		let split = accrual(inr(10_000_000), due, due, apr_1_2027 - 1, &r, true)
			+ accrual(inr(10_000_000), due, apr_1_2027 - 1, month_1_end + 1, &r, true);
		assert_eq!(split, month_1 + day_after);
		// A day before every entry takes the earliest.
		assert_eq!(base_rate_on(&table[1..], 0), Permill::from_parts(140_000));
		assert_eq!(base_rate_on(&[], 0), Permill::zero());
	}

	#[test]
	fn months_of_default_are_30_days_or_calendar_months_rule_12() {
		assert_eq!(month_of(100, 101, false), 1);
		assert_eq!(month_of(100, 130, false), 1);
		assert_eq!(month_of(100, 131, false), 2);
		assert_eq!(month_end(100, 2, false), 160);
		// Due 2027-01-31 (grid day 20_849): month 1 ends on 28 February (28 days later),
		// month 2 on 31 March.
		let due = 20_849;
		assert_eq!(month_end(due, 1, true), due + 28);
		assert_eq!(month_end(due, 2, true), due + 59);
		assert_eq!(month_of(due, due + 28, true), 1);
		assert_eq!(month_of(due, due + 29, true), 2);
		assert_eq!(month_of(due, due + 59, true), 2);
		assert_eq!(month_of(due, due + 60, true), 3);
	}

	#[test]
	fn nothing_accrues_up_to_the_due_date_rule_12() {
		let r = rules();
		assert_eq!(accrual(inr(100), 45, 0, 45, &r, false), 0);
		// Day D+1 is the first day of LPS: INR 100 x 13.65 % / 365 for one day.
		assert_eq!(accrual(inr(100), 45, 0, 46, &r, false), 100_000_000 * 136_500);
		assert_eq!(accrual(0, 45, 0, 460, &r, false), 0);
	}

	#[test]
	fn splitting_an_accrual_changes_nothing() {
		let r = rules();
		let whole = accrual(inr(7_777_777), 10, 10, 400, &r, false);
		let mut parts = 0;
		let mut from = 10;
		for to in [11, 40, 41, 77, 190, 191, 400] {
			parts += accrual(inr(7_777_777), 10, from, to, &r, false);
			from = to;
		}
		assert_eq!(parts, whole);
		let (units, carry) = take_units(0, whole);
		assert_eq!(units * UNIT_NUMERATOR + carry, whole);
	}

	/// The worked example of the issue: a bill of INR 100 lakh (1,00,00,000), due on day D = 45
	/// (presented on day 0, 45 due days), paid in three parts over eight months of default at
	/// the rules' rates (13.65 % base). Each payment goes to LPS first, then principal (rule 13).
	///
	/// 1. Day D+60 (end of month 2), pays INR 30,00,000. LPS on 1,00,00,000 for 30 days at
	///    13.65 % and 30 days at 14.15 %: 1,00,00,000 x (0.1365 + 0.1415) x 30 / 365
	///    = 1,00,00,000 x 8.34 / 365 = 2,28,493.150684 (rounded down; 0.93 units carried).
	///    Principal paid: 30,00,000 - 2,28,493.150684 = 27,71,506.849316;
	///    principal left: 72,28,493.150684.
	/// 2. Day D+150 (end of month 5), pays INR 40,00,000. Months 3, 4, 5 at 14.65 %, 15.15 %,
	///    15.65 %: 72,28,493.150684 x (0.1465 + 0.1515 + 0.1565) x 30 / 365
	///    = 72,28,493.150684 x 13.635 / 365 = 2,70,028.778383.
	///    Principal paid: 40,00,000 - 2,70,028.778383 = 37,29,971.221617;
	///    principal left: 34,98,521.929067.
	/// 3. Day D+240 (end of month 8) pays the rest. Months 6, 7, 8 at 16.15 %, 16.65 % and
	///    16.65 % (base + 3 %, the most): 34,98,521.929067 x (0.1615 + 0.1665 + 0.1665) x 30 /
	///    365 = 34,98,521.929067 x 14.835 / 365 = 1,42,193.350185.
	///    Pays 1,42,193.350185 + 34,98,521.929067 = 36,40,715.279252.
	///
	/// In all: LPS 6,40,715.279252 on top of the 1,00,00,000 principal.
	#[test]
	fn worked_example_of_a_100_lakh_bill_paid_in_three_parts_rule_12_rule_13() {
		let r = rules();
		let due = 45;
		let mut principal = inr(10_000_000);
		let mut lps = 0;
		let mut carry = 0;
		let mut through = due;
		let mut total_lps = 0;
		let mut pay = |day: GridDay, amount: Option<Balance>| {
			let (units, rest) = take_units(carry, accrual(principal, due, through, day, &r, false));
			carry = rest;
			through = day;
			lps += units;
			let amount = amount.unwrap_or(lps + principal);
			let to_lps = amount.min(lps);
			lps -= to_lps;
			total_lps += to_lps;
			principal -= amount - to_lps;
			(to_lps, amount - to_lps, principal, amount)
		};
		assert_eq!(
			pay(due + 60, Some(inr(3_000_000))),
			(228_493_150_684, 2_771_506_849_316, 7_228_493_150_684, inr(3_000_000))
		);
		assert_eq!(
			pay(due + 150, Some(inr(4_000_000))),
			(270_028_778_383, 3_729_971_221_617, 3_498_521_929_067, inr(4_000_000))
		);
		assert_eq!(
			pay(due + 240, None),
			(142_193_350_185, 3_498_521_929_067, 0, 3_640_715_279_252)
		);
		assert_eq!(total_lps, 640_715_279_252);
	}
}
