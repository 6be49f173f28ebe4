//! Charges of one time block, billing periods and rebates: pure arithmetic (rules 7, 9,
//! 10).
//!
//! Rounding rule (payer's favour): every charge is rounded down to the INR unit once per block,
//! every rebate is rounded up.

use ppa_primitives::{
	clock::{days_in_month_of, first_day_of_month, BLOCKS_PER_DAY},
	Balance, BillingPeriod, EnergyWh, GridDay, PowerKw, RebateTier,
};
use sp_runtime::Permill;

/// Wh in one kWh.
const WH_PER_KWH: Balance = 1_000;

/// The energy charge of `scheduled_wh` at `energy_rate` (INR units per kWh), rounded down.
pub fn energy_charge(scheduled_wh: EnergyWh, energy_rate: Balance) -> Balance {
	Balance::from(scheduled_wh).saturating_mul(energy_rate) / WH_PER_KWH
}

/// The capacity charge of one metered time block (CERC Tariff Regulations 2024; rule
/// 9): the month's share of the annual fixed cost (contracted kW x `capacity_rate`, INR units
/// per kW-month) / (days in the month x 96) x the block's certified `availability` / the
/// normative `napaf`, rounded down. A month of blocks at NAPAF thus earns the whole share;
/// [`capacity_cap`] stops it there, so that the month earns share x min(PAFM / NAPAF, 1).
pub fn capacity_charge(
	capacity_kw: PowerKw,
	capacity_rate: Balance,
	availability: Permill,
	napaf: Permill,
	days_in_month: u8,
) -> Balance {
	let numerator = Balance::from(capacity_kw)
		.saturating_mul(capacity_rate)
		.saturating_mul(Balance::from(availability.deconstruct()));
	let denominator = Balance::from(napaf.deconstruct().max(1))
		.saturating_mul(Balance::from(days_in_month))
		.saturating_mul(Balance::from(BLOCKS_PER_DAY));
	numerator.checked_div(denominator).unwrap_or(0)
}

/// The most a PPA's month may earn in capacity charges: the month's share of the annual fixed
/// cost, for the days of the month it supplies (rule 9).
pub fn capacity_cap(
	capacity_kw: PowerKw,
	capacity_rate: Balance,
	days_in_month: u8,
	supplied_days: u8,
) -> Balance {
	Balance::from(capacity_kw)
		.saturating_mul(capacity_rate)
		.saturating_mul(Balance::from(supplied_days.min(days_in_month)))
		.checked_div(Balance::from(days_in_month))
		.unwrap_or(0)
}

/// Days of the calendar month that contains `day` on which a PPA supplying from `start_day`
/// to `end_day` (inclusive) supplies, and the month's length.
pub fn supplied_days_of_month(day: GridDay, start_day: GridDay, end_day: GridDay) -> (u8, u8) {
	let first = first_day_of_month(day);
	let length = days_in_month_of(day);
	let last = first.saturating_add(u32::from(length)).saturating_sub(1);
	let (from, to) = (first.max(start_day), last.min(end_day));
	let supplied = if from > to { 0 } else { to.saturating_sub(from).saturating_add(1) };
	(u8::try_from(supplied).unwrap_or(length), length)
}

/// The first and last grid day of the billing period that contains `day`: the day itself for
/// daily (and per-time-block) billing, the calendar month for monthly billing.
pub fn period_of(day: GridDay, period: BillingPeriod) -> (GridDay, GridDay) {
	match period {
		BillingPeriod::Daily | BillingPeriod::PerTimeBlock => (day, day),
		BillingPeriod::Monthly => {
			let first = first_day_of_month(day);
			(first, first.saturating_add(u32::from(days_in_month_of(day))).saturating_sub(1))
		},
	}
}

/// The rebate share for a bill paid in full `days_after_presentation` days after its
/// presentation: the largest rebate among the tiers whose window is still open (rule 10).
pub fn rebate_share(tiers: &[RebateTier], days_after_presentation: u32) -> Permill {
	tiers
		.iter()
		.filter(|tier| days_after_presentation <= u32::from(tier.within_days))
		.map(|tier| tier.rebate)
		.max()
		.unwrap_or_default()
}

/// The rebate on `principal` at `share`, rounded up (payer's favour), never above `principal`.
pub fn rebate_on(principal: Balance, share: Permill) -> Balance {
	share.mul_ceil(principal).min(principal)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ppa_primitives::{
		money::{inr, PAISA},
		PpaTerms,
	};

	#[test]
	fn energy_charge_is_scheduled_energy_at_the_energy_rate_rule_9() {
		// 25 MWh scheduled at INR 3.50/kWh = INR 87,500.
		assert_eq!(energy_charge(25_000_000, 350 * PAISA), inr(87_500));
		// 1 Wh at INR 3.5001/kWh = 0.0035001 INR = 3,500.1 units, rounded down.
		assert_eq!(energy_charge(1, 3_500_100), 3_500);
		assert_eq!(energy_charge(0, 350 * PAISA), 0);
	}

	#[test]
	fn capacity_charge_is_prorated_per_block_and_scaled_by_availability_over_napaf_rule_9() {
		// 100 MW at INR 500/kW-month in a 30-day month: INR 5 crore a month, per block at
		// NAPAF 100 % 5,00,00,000 / 2,880 = INR 17,361.111111 (rounded down to the unit).
		let full = capacity_charge(100_000, inr(500), Permill::one(), Permill::one(), 30);
		assert_eq!(full, 17_361_111_111);
		// Half availability halves it (rounded down).
		let half = Permill::from_percent(50);
		assert_eq!(capacity_charge(100_000, inr(500), half, Permill::one(), 30), full / 2);
		// At NAPAF 85 %, a block at full availability earns 5,00,00,000 / (2,880 x 0.85)
		// = 20,424.836601...; one at 85 % the plain share of a block.
		let napaf = Permill::from_percent(85);
		assert_eq!(capacity_charge(100_000, inr(500), Permill::one(), napaf, 30), 20_424_836_601);
		assert_eq!(capacity_charge(100_000, inr(500), napaf, napaf, 30), full);
		// A 31-day month: 5,00,00,000 / 2,976 = 16,801.075268...
		assert_eq!(
			capacity_charge(100_000, inr(500), Permill::one(), Permill::one(), 31),
			16_801_075_268
		);
		assert_eq!(capacity_charge(100_000, inr(500), Permill::zero(), napaf, 30), 0);
		assert_eq!(capacity_charge(100_000, inr(500), Permill::one(), napaf, 0), 0);
		// The month's cap: the share, or the part of it for the days supplied.
		assert_eq!(capacity_cap(100_000, inr(500), 30, 30), inr(50_000_000));
		assert_eq!(capacity_cap(100_000, inr(500), 30, 10), 16_666_666_666_666);
	}

	#[test]
	fn supplied_days_of_a_month() {
		// November 2026 runs from day 20_758 to 20_787.
		assert_eq!(supplied_days_of_month(20_781, 0, 30_000), (30, 30));
		assert_eq!(supplied_days_of_month(20_781, 20_778, 30_000), (10, 30));
		assert_eq!(supplied_days_of_month(20_760, 20_700, 20_760), (3, 30));
	}

	#[test]
	fn billing_periods_are_days_or_calendar_months_rule_7() {
		// Grid day 20_781 is 2026-11-24; November 2026 runs from day 20_758 to 20_787.
		assert_eq!(period_of(20_781, BillingPeriod::Daily), (20_781, 20_781));
		assert_eq!(period_of(20_781, BillingPeriod::PerTimeBlock), (20_781, 20_781));
		assert_eq!(period_of(20_781, BillingPeriod::Monthly), (20_758, 20_787));
		assert_eq!(period_of(20_758, BillingPeriod::Monthly), (20_758, 20_787));
		// December has 31 days.
		assert_eq!(period_of(20_788, BillingPeriod::Monthly), (20_788, 20_818));
	}

	#[test]
	fn rebate_tiers_rule_10() {
		let tiers = PpaTerms::default_rebate_tiers();
		assert_eq!(rebate_share(&tiers, 0), Permill::from_parts(15_000));
		assert_eq!(rebate_share(&tiers, 5), Permill::from_parts(15_000));
		assert_eq!(rebate_share(&tiers, 6), Permill::from_percent(1));
		assert_eq!(rebate_share(&tiers, 30), Permill::from_percent(1));
		assert_eq!(rebate_share(&tiers, 31), Permill::zero());
		assert_eq!(rebate_share(&[], 0), Permill::zero());
		// 1.5 % of INR 100.000001 = 1.500000015, rounded up to 1.500001.
		assert_eq!(rebate_on(100_000_001, Permill::from_parts(15_000)), 1_500_001);
		assert_eq!(rebate_on(10, Permill::one()), 10);
	}
}
