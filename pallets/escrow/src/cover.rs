//! How much payment security a PPA requires (rule 15): pure arithmetic, no storage.
//!
//! Rounding rule: every division rounds down, in the buyer's favour (the buyer is the payer
//! who must post the cover).

use ppa_primitives::{Balance, PpaTerms};
use sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Permill, Rounding};

/// Hours in the normative month: 8,760 hours a year / 12.
pub const HOURS_PER_MONTH: u128 = 730;

/// The estimated monthly billing of a PPA that does not yet have 12 bills, INR units:
/// capacity x capacity rate + capacity x 730 h x normative load factor x energy rate.
pub fn normative_monthly_billing(terms: &PpaTerms, load_factor: Permill) -> Balance {
	let capacity_kw = Balance::from(terms.capacity_kw);
	let capacity_charge = capacity_kw.saturating_mul(terms.capacity_rate);
	let energy_at_full_load_kwh = capacity_kw.saturating_mul(HOURS_PER_MONTH);
	let energy_charge =
		load_factor.mul_floor(energy_at_full_load_kwh.saturating_mul(terms.energy_rate));
	capacity_charge.saturating_add(energy_charge)
}

/// The cover `terms` require, INR units: their LC percentage of the estimated average monthly
/// billing, which is the average of the last 12 monthly-equivalent bills once there are 12
/// (`average_monthly_billing`), and the normative estimate before that.
pub fn required_cover(
	terms: &PpaTerms,
	average_monthly_billing: Option<Balance>,
	load_factor: Permill,
) -> Balance {
	let monthly =
		average_monthly_billing.unwrap_or_else(|| normative_monthly_billing(terms, load_factor));
	let percent = Balance::from(terms.payment_security.lc_percent_of_monthly_billing);
	multiply_by_rational_with_rounding(monthly, percent, 100, Rounding::Down)
		.unwrap_or(Balance::MAX)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ppa_primitives::money::inr;

	/// A 100 MW share at INR 100 per kW-month and INR 3.00 per kWh, LC 110 %.
	fn terms() -> PpaTerms {
		PpaTerms::with_defaults(b"Station", 100_000, 0, 1, inr(100), inr(3))
	}

	/// rule 15, before 12 bills: 100,000 kW x INR 100 = INR 1 crore of capacity charge;
	/// 100,000 kW x 730 h x 80 % x INR 3 = INR 17.52 crore of energy charge; INR 18.52 crore a
	/// month, and 110 % of it is INR 20.372 crore.
	#[test]
	fn rule_15_lc_size_from_the_normative_estimate() {
		let lf = Permill::from_percent(80);
		assert_eq!(normative_monthly_billing(&terms(), lf), inr(185_200_000));
		assert_eq!(required_cover(&terms(), None, lf), inr(203_720_000));
	}

	/// rule 15, with 12 bills: their average replaces the estimate.
	#[test]
	fn rule_15_lc_size_from_the_average_of_twelve_bills() {
		let mut t = terms();
		t.payment_security.lc_percent_of_monthly_billing = 100;
		let lf = Permill::from_percent(80);
		assert_eq!(required_cover(&t, Some(inr(150_000_000)), lf), inr(150_000_000));
	}

	/// Rounding: down, in the buyer's favour. 110 % of 7 units is 7.7 units: 7 are required.
	#[test]
	fn required_cover_rounds_down() {
		assert_eq!(required_cover(&terms(), Some(7), Permill::zero()), 7);
		let mut t = terms();
		t.payment_security.lc_percent_of_monthly_billing = 0;
		assert_eq!(required_cover(&t, None, Permill::from_percent(80)), 0);
	}

	/// The load factor rounds the energy charge down: 1 kW x 730 h x 1 unit x 1 ppm.
	#[test]
	fn normative_energy_charge_rounds_down() {
		let mut t = terms();
		t.capacity_kw = 1;
		t.capacity_rate = 0;
		t.energy_rate = 1;
		assert_eq!(normative_monthly_billing(&t, Permill::from_parts(1)), 0);
		assert_eq!(normative_monthly_billing(&t, Permill::from_percent(50)), 365);
	}
}
