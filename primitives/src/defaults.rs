//! A buyer's standing under the Late Payment Surcharge Rules (rules 18-22): whether it
//! is in default, why, and how far its supply is regulated. The defaults pallet keeps it; the
//! resale pallet, the runtime API and the regulator read it.

use crate::{clock::add_calendar_months, GridDay};
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{Percent, Weight};

/// Each step of graded regulation withholds a further 10 % of the buyer's schedules (rule 20).
pub const STEP_PERCENT: u8 = 10;

/// Steps from the first cut (10 %) to the whole schedule (100 %).
pub const STEPS: u32 = 10;

/// `day` plus `halves` half months. Months are 30 days unless `calendar_months`; half a month
/// is 15 days either way (P + 2.5 calendar months is P + 2 calendar months + 15 days).
pub fn after_half_months(day: GridDay, halves: u32, calendar_months: bool) -> GridDay {
	let half = 15u32.saturating_mul(halves % 2);
	if calendar_months {
		add_calendar_months(day, halves / 2).saturating_add(half)
	} else {
		day.saturating_add(30u32.saturating_mul(halves / 2)).saturating_add(half)
	}
}

/// The first day of step `k` (0 for the first 10 % cut) of regulation starting `from`.
pub fn step_day(from: GridDay, k: u32, calendar_months: bool) -> GridDay {
	after_half_months(from, k.saturating_mul(2), calendar_months)
}

/// The share withheld on `day` by regulation starting `from`: 10 % from `from`, a further
/// 10 % each month after, at most 100 % (rule 20).
pub fn share_on(from: GridDay, day: GridDay, calendar_months: bool) -> Percent {
	let steps = (0..STEPS).take_while(|k| step_day(from, *k, calendar_months) <= day).count();
	Percent::from_percent(STEP_PERCENT.saturating_mul(steps as u8))
}

/// The next step after `day`: its first day and the share from then on; `None` once the whole
/// schedule is withheld.
pub fn next_step(from: GridDay, day: GridDay, calendar_months: bool) -> Option<(GridDay, Percent)> {
	(0..STEPS).find_map(|k| {
		let first = step_day(from, k, calendar_months);
		(first > day).then(|| {
			(first, Percent::from_percent(STEP_PERCENT.saturating_mul(k.saturating_add(1) as u8)))
		})
	})
}

/// A buyer's graded regulation as the defaults pallet decided it (rules 20 and 22): from which
/// day it steps, in which months, and through which day the regulator relaxed it. Defaults
/// tells scheduling each change ([`OnRegulation`]); scheduling cuts schedules by it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct GradedRegulation {
	/// The first day of the first 10 % step.
	pub from: GridDay,
	/// Whether its months are calendar months (the PPA's terms), or 30 days.
	pub calendar_months: bool,
	/// The regulator relaxed it through this day (grid security): nothing is withheld then.
	pub relaxed_until: Option<GridDay>,
}

impl GradedRegulation {
	/// The share of the buyer's schedules withheld on `day`: 0 % while relaxed.
	pub fn share_on(&self, day: GridDay) -> Percent {
		if self.relaxed_until.is_some_and(|until| until >= day) {
			Percent::zero()
		} else {
			share_on(self.from, day, self.calendar_months)
		}
	}
}

/// Told when a buyer's graded regulation changes: it starts (the buyer defaulted on its dues),
/// is relaxed or the relaxation ends, or ends (dues cured). Scheduling listens, so that it
/// cuts schedules without asking defaults, which is downstream of it.
pub trait OnRegulation<AccountId> {
	/// `buyer`'s regulation is now `regulation`; `None`: not regulated.
	fn regulation_changed(buyer: &AccountId, regulation: Option<GradedRegulation>);
	/// The most `regulation_changed` costs.
	fn weight() -> Weight;
}

/// Nobody listens (the defaults pallet's own tests).
impl<AccountId> OnRegulation<AccountId> for () {
	fn regulation_changed(_: &AccountId, _: Option<GradedRegulation>) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// A buyer's default and regulation as of a day.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DefaultStatus {
	/// The grid day the buyer went into default (its first reason still standing); `None`
	/// while it is in good standing.
	pub in_default_since: Option<GridDay>,
	/// Reason 1, unpaid dues: the default trigger date (rule 18) of the first bill that
	/// passed it unpaid, while any undisputed dues or LPS past their due date remain.
	pub unpaid_dues_since: Option<GridDay>,
	/// Reason 2, payment security failure: the buyer's PPAs whose LC expired or was not
	/// restored, leaving the cover inadequate (rules 14-15).
	pub failed_security: u32,
	/// The buyer's bills past their due date with undisputed principal or LPS unpaid.
	pub overdue_bills: u32,
	/// The share of the buyer's long-term schedules withheld on the day (rule 20):
	/// 0 % while relaxed.
	pub regulated_share: Percent,
	/// The next step of graded regulation: its first day and the share from then on.
	pub next_step: Option<(GridDay, Percent)>,
	/// The regulator relaxed regulation through this day (grid security).
	pub relaxed_until: Option<GridDay>,
}

impl DefaultStatus {
	/// Whether the buyer is in default for any reason.
	pub fn in_default(&self) -> bool {
		self.in_default_since.is_some()
	}
}

/// Reads of buyers' standing: resale refuses bids from buyers in default and lets the sellers
/// of a defaulter resell its share (rule 19). Defaults provides it.
pub trait BuyerDefaults<AccountId> {
	/// Whether `who` is in default today.
	fn in_default(who: &AccountId) -> bool;
	/// Up to `max` buyers in default, in the keeper's order, after `after` (from the first when
	/// `None`): resale walks them to post automatic offers.
	fn defaulters_after(after: Option<&AccountId>, max: u32) -> alloc::vec::Vec<AccountId>;
}
