//! Checks of a PPA's terms that need no storage (rules 7, 8, 10, 12, 15).
//!
//! [`check_terms`] returns the first rule a set of terms breaks; the pallet turns it into its
//! own error, so that every refusal names its reason.

use ppa_primitives::{Balance, GridDay, PowerKw, PpaTerms};
use sp_runtime::Permill;

/// The ranges terms must fall in: chain parameters from the pallet's `Config`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermLimits {
	/// Largest contracted capacity, kW.
	pub max_capacity_kw: PowerKw,
	/// Largest capacity rate, INR units per kW-month.
	pub max_capacity_rate: Balance,
	/// Largest energy or transmission rate, INR units per kWh.
	pub max_energy_rate: Balance,
	/// Longest due period, days.
	pub max_due_days: u16,
	/// Largest early-payment rebate.
	pub max_rebate: Permill,
	/// Largest letter of credit, percent of the estimated average monthly billing.
	pub max_lc_percent: u16,
}

/// What is wrong with a set of terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermsError {
	/// Contracted capacity is zero.
	ZeroCapacity,
	/// Contracted capacity is above the chain's limit.
	CapacityTooLarge,
	/// The station has no name.
	NoStationName,
	/// The start day is not before the end day.
	StartNotBeforeEnd,
	/// The supply period ended before today.
	EndsInThePast,
	/// Neither a capacity nor an energy rate: nothing would ever be billed.
	NoTariff,
	/// The capacity rate is above the chain's limit.
	CapacityRateTooHigh,
	/// The energy or transmission rate is above the chain's limit.
	EnergyRateTooHigh,
	/// Due days are zero or above the chain's limit.
	DueDaysOutOfRange,
	/// A rebate tier has no window, or windows do not strictly grow.
	RebateWindowsNotIncreasing,
	/// A rebate window ends after the due date.
	RebateWindowAfterDueDate,
	/// A rebate is above the chain's limit, or a later tier rebates more than an earlier one.
	RebateOutOfRange,
	/// The letter of credit percentage is above the chain's limit.
	LcPercentTooHigh,
	/// A payment bank guarantee of zero.
	ZeroPaymentBg,
	/// A normative availability of zero: the capacity charge would have no measure.
	ZeroNormativeAvailability,
}

/// Checks `terms` against `limits` on grid day `today`.
pub fn check_terms(
	terms: &PpaTerms,
	limits: &TermLimits,
	today: GridDay,
) -> Result<(), TermsError> {
	use TermsError::*;
	if terms.capacity_kw == 0 {
		return Err(ZeroCapacity);
	}
	if terms.capacity_kw > limits.max_capacity_kw {
		return Err(CapacityTooLarge);
	}
	if terms.station.is_empty() {
		return Err(NoStationName);
	}
	if terms.start_day >= terms.end_day {
		return Err(StartNotBeforeEnd);
	}
	if terms.end_day < today {
		return Err(EndsInThePast);
	}
	if terms.capacity_rate == 0 && terms.energy_rate == 0 {
		return Err(NoTariff);
	}
	if terms.capacity_rate > limits.max_capacity_rate {
		return Err(CapacityRateTooHigh);
	}
	if terms.energy_rate > limits.max_energy_rate
		|| terms.transmission_rate > limits.max_energy_rate
	{
		return Err(EnergyRateTooHigh);
	}
	if terms.due_days == 0 || terms.due_days > limits.max_due_days {
		return Err(DueDaysOutOfRange);
	}
	let mut previous: Option<(u16, Permill)> = None;
	for tier in terms.rebate_tiers.iter() {
		if tier.within_days == 0 || previous.is_some_and(|(days, _)| tier.within_days <= days) {
			return Err(RebateWindowsNotIncreasing);
		}
		if tier.within_days > terms.due_days {
			return Err(RebateWindowAfterDueDate);
		}
		if tier.rebate > limits.max_rebate || previous.is_some_and(|(_, r)| tier.rebate > r) {
			return Err(RebateOutOfRange);
		}
		previous = Some((tier.within_days, tier.rebate));
	}
	if terms.payment_security.lc_percent_of_monthly_billing > limits.max_lc_percent {
		return Err(LcPercentTooHigh);
	}
	if terms.payment_security.payment_bg == Some(0) {
		return Err(ZeroPaymentBg);
	}
	if terms.normative_availability == Permill::zero() {
		return Err(ZeroNormativeAvailability);
	}
	Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use ppa_primitives::{BillingPeriod, PaymentSecurityTerms, RebateTier};
	use sp_runtime::BoundedVec;

	pub(crate) const LIMITS: TermLimits = TermLimits {
		max_capacity_kw: 10_000_000,
		max_capacity_rate: 5_000_000_000,
		max_energy_rate: 50_000_000,
		max_due_days: 120,
		max_rebate: Permill::from_percent(5),
		max_lc_percent: 200,
	};

	/// A 100 MW thermal PPA: 2.50 INR/kWh energy, 1,000 INR/kW-month capacity, 45 due days.
	pub(crate) fn terms(start_day: GridDay, end_day: GridDay) -> PpaTerms {
		PpaTerms {
			capacity_kw: 100_000,
			station: BoundedVec::truncate_from(b"Dadri Stage II".to_vec()),
			start_day,
			end_day,
			capacity_rate: 1_000_000_000,
			energy_rate: 2_500_000,
			transmission_rate: 0,
			billing_period: BillingPeriod::Monthly,
			due_days: 45,
			rebate_tiers: PpaTerms::default_rebate_tiers(),
			lps_rate_cap: None,
			calendar_months: false,
			normative_availability: PpaTerms::DEFAULT_NORMATIVE_AVAILABILITY,
			lc_on_presentation: false,
			payment_security: PaymentSecurityTerms::default(),
			auto_resale_offer: false,
			agreement_hash: [7u8; 32].into(),
		}
	}

	fn check(t: &PpaTerms) -> Result<(), TermsError> {
		check_terms(t, &LIMITS, 100)
	}

	#[test]
	fn sound_terms_pass() {
		assert_eq!(check(&terms(100, 465)), Ok(()));
		// A backdated start is fine while the period has not ended.
		assert_eq!(check(&terms(10, 100)), Ok(()));
	}

	#[test]
	fn rule_10_default_rebates_are_one_and_a_half_then_one_percent() {
		let tiers = PpaTerms::default_rebate_tiers();
		assert_eq!(
			tiers.into_inner(),
			vec![
				RebateTier { within_days: 5, rebate: Permill::from_rational(15u32, 1000u32) },
				RebateTier { within_days: 30, rebate: Permill::from_percent(1) },
			]
		);
	}

	#[test]
	fn rule_15_default_lc_is_110_percent_of_monthly_billing() {
		assert_eq!(PaymentSecurityTerms::default().lc_percent_of_monthly_billing, 110);
		assert_eq!(PaymentSecurityTerms::default().payment_bg, None);
	}

	#[test]
	fn each_broken_rule_has_its_own_error() {
		use TermsError::*;
		let base = terms(100, 465);
		type Breaks = Box<dyn Fn(&mut PpaTerms)>;
		let cases: Vec<(Breaks, TermsError)> = vec![
			(Box::new(|t| t.capacity_kw = 0), ZeroCapacity),
			(Box::new(|t| t.capacity_kw = 10_000_001), CapacityTooLarge),
			(Box::new(|t| t.station = BoundedVec::new()), NoStationName),
			(Box::new(|t| t.end_day = t.start_day), StartNotBeforeEnd),
			(Box::new(|t| (t.start_day, t.end_day) = (10, 99)), EndsInThePast),
			(Box::new(|t| (t.capacity_rate, t.energy_rate) = (0, 0)), NoTariff),
			(Box::new(|t| t.capacity_rate = 5_000_000_001), CapacityRateTooHigh),
			(Box::new(|t| t.energy_rate = 50_000_001), EnergyRateTooHigh),
			(Box::new(|t| t.transmission_rate = 50_000_001), EnergyRateTooHigh),
			(Box::new(|t| t.due_days = 0), DueDaysOutOfRange),
			(Box::new(|t| t.due_days = 121), DueDaysOutOfRange),
			(
				Box::new(|t| {
					t.rebate_tiers = BoundedVec::truncate_from(vec![
						RebateTier { within_days: 30, rebate: Permill::from_percent(1) },
						RebateTier { within_days: 5, rebate: Permill::from_percent(1) },
					])
				}),
				RebateWindowsNotIncreasing,
			),
			(
				Box::new(|t| {
					t.rebate_tiers = BoundedVec::truncate_from(vec![RebateTier {
						within_days: 0,
						rebate: Permill::from_percent(1),
					}])
				}),
				RebateWindowsNotIncreasing,
			),
			(
				Box::new(|t| {
					t.due_days = 20;
				}),
				RebateWindowAfterDueDate,
			),
			(
				Box::new(|t| {
					t.rebate_tiers = BoundedVec::truncate_from(vec![RebateTier {
						within_days: 5,
						rebate: Permill::from_percent(6),
					}])
				}),
				RebateOutOfRange,
			),
			(
				Box::new(|t| {
					t.rebate_tiers = BoundedVec::truncate_from(vec![
						RebateTier { within_days: 5, rebate: Permill::from_percent(1) },
						RebateTier { within_days: 30, rebate: Permill::from_percent(2) },
					])
				}),
				RebateOutOfRange,
			),
			(
				Box::new(|t| t.payment_security.lc_percent_of_monthly_billing = 201),
				LcPercentTooHigh,
			),
			(Box::new(|t| t.payment_security.payment_bg = Some(0)), ZeroPaymentBg),
			(Box::new(|t| t.normative_availability = Permill::zero()), ZeroNormativeAvailability),
		];
		for (i, (breaking, expected)) in cases.into_iter().enumerate() {
			let mut t = base.clone();
			breaking(&mut t);
			assert_eq!(check(&t), Err(expected), "case {i}");
		}
	}
}
