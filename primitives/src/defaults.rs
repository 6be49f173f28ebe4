//! A buyer's standing under the Late Payment Surcharge Rules (DOMAIN rules 18-22): whether it
//! is in default, why, and how far its supply is regulated. The defaults pallet keeps it; the
//! resale pallet, the runtime API and the regulator read it.

use crate::GridDay;
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Percent;

/// A buyer's default and regulation as of a day.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DefaultStatus {
	/// The grid day the buyer went into default (its first reason still standing); `None`
	/// while it is in good standing.
	pub in_default_since: Option<GridDay>,
	/// Reason 1, unpaid dues: the default trigger date (DOMAIN rule 18) of the first bill that
	/// passed it unpaid, while any undisputed dues or LPS past their due date remain.
	pub unpaid_dues_since: Option<GridDay>,
	/// Reason 2, payment security failure: the buyer's PPAs whose LC expired or was not
	/// restored, leaving the cover inadequate (DOMAIN rules 14-15).
	pub failed_security: u32,
	/// The buyer's bills past their due date with undisputed principal or LPS unpaid.
	pub overdue_bills: u32,
	/// The share of the buyer's long-term schedules withheld on the day (DOMAIN rule 20):
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
/// of a defaulter resell its share (DOMAIN rule 19). Defaults provides it.
pub trait BuyerDefaults<AccountId> {
	/// Whether `who` is in default today.
	fn in_default(who: &AccountId) -> bool;
	/// `who`'s default and regulation today.
	fn status(who: &AccountId) -> DefaultStatus;
	/// Up to `max` buyers in default, in the keeper's order, after `after` (from the first when
	/// `None`): resale walks them to post automatic offers.
	fn defaulters_after(after: Option<&AccountId>, max: u32) -> alloc::vec::Vec<AccountId>;
}

/// Before defaults exists: nobody is in default.
impl<AccountId> BuyerDefaults<AccountId> for () {
	fn in_default(_: &AccountId) -> bool {
		false
	}
	fn status(_: &AccountId) -> DefaultStatus {
		DefaultStatus::default()
	}
	fn defaulters_after(_: Option<&AccountId>, _: u32) -> alloc::vec::Vec<AccountId> {
		alloc::vec::Vec::new()
	}
}
