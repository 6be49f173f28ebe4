//! The dates and shares of the Late Payment Surcharge Rules (rules 18, 20), as pure
//! functions of a bill's presentation date P and due date D.
//!
//! Months are 30 days unless the PPA's terms say calendar months; half a month is 15 days
//! either way (P + 2.5 calendar months is P + 2 calendar months + 15 days).

pub use ppa_primitives::defaults::{after_half_months, next_step, share_on};
use ppa_primitives::GridDay;

/// The default trigger date: the later of D + 1 month and P + 2.5 months (rule 18).
pub fn default_trigger_date(
	presented_on: GridDay,
	due_on: GridDay,
	calendar_months: bool,
) -> GridDay {
	after_half_months(due_on, 2, calendar_months).max(after_half_months(
		presented_on,
		5,
		calendar_months,
	))
}

/// The first day of graded regulation: P + 3.5 months (rule 20), and never before the
/// default itself (a PPA whose due date is more than 2.5 months after presentation defaults
/// later than that).
pub fn regulation_start(
	presented_on: GridDay,
	trigger_on: GridDay,
	calendar_months: bool,
) -> GridDay {
	after_half_months(presented_on, 7, calendar_months).max(trigger_on)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ppa_primitives::clock::civil_date;
	use sp_runtime::Percent;

	/// 2026-01-01 as a grid day (days since 1970-01-01).
	const JAN_1_2026: GridDay = 20_454;

	#[test]
	fn default_trigger_date_is_75_days_after_presentation_for_a_45_day_ppa_rule_18() {
		// D = P + 45: D + 30 = P + 75 = P + 2.5 x 30.
		assert_eq!(default_trigger_date(1_000, 1_045, false), 1_075);
		// D = P + 60 (a 60-day PPA): D + 30 = P + 90 is later than P + 75.
		assert_eq!(default_trigger_date(1_000, 1_060, false), 1_090);
		// D = P + 5 (a short credit period): P + 75 is later than D + 30.
		assert_eq!(default_trigger_date(1_000, 1_005, false), 1_075);
	}

	#[test]
	fn calendar_months_follow_the_calendar_rule_18() {
		assert_eq!(civil_date(JAN_1_2026).month, 1);
		// P = 1 January 2026, D = P + 45 = 15 February. D + 1 month = 15 March (day 73);
		// P + 2.5 months = 1 March + 15 days = 16 March (day 74): the later wins.
		let p = JAN_1_2026;
		assert_eq!(default_trigger_date(p, p + 45, true), p + 74);
		// P + 3.5 months = 1 April + 15 days = 16 April (day 105).
		assert_eq!(regulation_start(p, p + 74, true), p + 105);
	}

	#[test]
	fn regulation_starts_at_p_plus_105_days_and_steps_monthly_to_100_percent_rule_20() {
		let from = regulation_start(1_000, 1_075, false);
		assert_eq!(from, 1_105);
		assert_eq!(share_on(from, 1_104, false), Percent::zero());
		assert_eq!(share_on(from, 1_105, false), Percent::from_percent(10));
		assert_eq!(share_on(from, 1_134, false), Percent::from_percent(10));
		assert_eq!(share_on(from, 1_135, false), Percent::from_percent(20));
		// The tenth step (P + 375) withholds everything, and nothing steps after it.
		assert_eq!(share_on(from, 1_374, false), Percent::from_percent(90));
		assert_eq!(share_on(from, 1_375, false), Percent::from_percent(100));
		assert_eq!(share_on(from, 9_999, false), Percent::from_percent(100));
		assert_eq!(next_step(from, 1_104, false), Some((1_105, Percent::from_percent(10))));
		assert_eq!(next_step(from, 1_105, false), Some((1_135, Percent::from_percent(20))));
		assert_eq!(next_step(from, 1_375, false), None);
	}

	#[test]
	fn regulation_never_starts_before_the_default_rule_20() {
		// D = P + 90: the default comes at D + 30 = P + 120, after P + 105.
		let trigger = default_trigger_date(1_000, 1_090, false);
		assert_eq!(regulation_start(1_000, trigger, false), 1_120);
	}
}
