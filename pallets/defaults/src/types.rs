//! What the defaults pallet stores: the duties queued by day, the bills it watches after their
//! due date, and each troubled buyer's standing.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use ppa_primitives::{DocumentHash, GradedRegulation, GridDay, PpaId, PsmFailure};
use scale_info::TypeInfo;

/// A bill's id in the settlement pallet.
pub type BillId = u64;

/// Something the hook must do on a grid day.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Duty<AccountId> {
	/// A bill's due date D: draw the PPA's letters of credit for what has fallen due, and
	/// watch the bill if anything is still unpaid (rule 16).
	DueDate { ppa: PpaId, bill: BillId },
	/// A bill's default trigger date: the buyer defaults if undisputed dues of the bill remain,
	/// and the payment bank guarantees are encashed (rules 17, 18).
	TriggerDate { ppa: PpaId, bill: BillId },
	/// A step of a buyer's graded regulation (rule 20): recorded and told.
	RegulationStep { buyer: AccountId },
	/// A daily look at a PPA whose payment security failed: is the cover adequate again?
	SecurityReview { ppa: PpaId },
}

/// A bill past its due date with something unpaid or disputed.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct WatchedBill {
	/// Presentation date P.
	pub presented_on: GridDay,
	/// Due date D.
	pub due_on: GridDay,
	/// Default trigger date.
	pub trigger_on: GridDay,
	/// Months of the PPA's terms are calendar months.
	pub calendar_months: bool,
	/// Undisputed principal or LPS of the bill is unpaid (as of the last change).
	pub overdue: bool,
}

/// A buyer's default for unpaid dues: the first bill that passed its trigger date unpaid.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DuesDefault {
	/// The trigger date that started the default.
	pub since: GridDay,
	/// The PPA of the bill.
	pub ppa: PpaId,
	/// The bill.
	pub bill: BillId,
	/// Graded regulation's first day (P + 3.5 months of the bill).
	pub regulation_from: GridDay,
	/// Months of the bill's PPA are calendar months.
	pub calendar_months: bool,
}

/// A relaxation of a buyer's regulation granted by the regulator (grid security).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Relaxation {
	/// Granted on this grid day.
	pub granted_on: GridDay,
	/// Regulation is suspended through this grid day.
	pub until: GridDay,
	/// Hash of the regulator's order.
	pub reason: DocumentHash,
}

/// A buyer's standing, kept while it has watched bills, a default or a relaxation.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Standing {
	/// The grid day the buyer went into default (first reason), while any reason stands.
	pub in_default_since: Option<GridDay>,
	/// Reason 1: unpaid dues past a trigger date.
	pub dues_default: Option<DuesDefault>,
	/// Reason 2: PPAs whose payment security failed (entries of `FailedSecurity`).
	pub failed_security: u32,
	/// Bills watched (entries of `WatchedBills` of the buyer's PPAs).
	pub watched_bills: u32,
	/// Watched bills with undisputed principal or LPS unpaid.
	pub overdue_bills: u32,
	/// The regulator's relaxation of regulation, if any.
	pub relaxation: Option<Relaxation>,
}

impl Standing {
	/// Nothing left to keep.
	pub fn is_clear(&self) -> bool {
		*self == Standing::default()
	}

	/// No reason for a default stands.
	pub fn without_reason(&self) -> bool {
		self.dues_default.is_none() && self.failed_security == 0
	}

	/// The graded regulation this standing imposes: that of its default for unpaid dues, with
	/// the regulator's relaxation (rules 20 and 22).
	pub fn graded_regulation(&self) -> Option<GradedRegulation> {
		self.dues_default.map(|d| GradedRegulation {
			from: d.regulation_from,
			calendar_months: d.calendar_months,
			relaxed_until: self.relaxation.map(|r| r.until),
		})
	}
}

/// A PPA's failed payment security, as recorded.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct FailedPsm {
	/// Grid day of the failure.
	pub since: GridDay,
	/// What failed.
	pub failure: PsmFailure,
}
