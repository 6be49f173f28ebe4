//! The scheduling pallet's records: parameters, declarations, the per-block detail of a PPA's
//! day and its daily energy account.

use crate::gate::{self, DayProfile, BLOCKS};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use ppa_primitives::{Balance, BlockEnergy, EnergyWh, GridDay, PowerKw, TimeBlock};
use scale_info::TypeInfo;
use sp_runtime::{Percent, Permill};

/// A generating station's name, as in the PPA terms.
pub type StationName = BoundedVec<u8, ConstU32<64>>;

/// kW per time block as a call gives it: 96 values for a day, fewer for a revision's tail.
pub type KwList = BoundedVec<PowerKw, ConstU32<96>>;

/// The timing rules of scheduling (rules 5 and 6); governance may change them.
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
)]
pub struct SchedulingParameters {
	/// Requisitions and declarations for day D close at this time block of D-1 (block 40 =
	/// 10:00 IST); LDCs finalize day D from then on.
	pub requisition_gate: TimeBlock,
	/// A revision takes effect from this many blocks after its request, counting the request
	/// block as the first (4 by the IEGC).
	pub revision_lead_blocks: u8,
	/// Days after which a day's per-block detail and energy account are pruned, billed or not,
	/// and the advance committed to blocks scheduled and never metered is released (at least
	/// the meter window).
	pub retention_days: u16,
	/// How many days ahead requisitions and declarations may be made.
	pub max_days_ahead: u16,
	/// How many days back meter readings and corrections are accepted (15 by default: enough
	/// for weekly meter data); at most the retention period.
	pub meter_window_days: u16,
}

impl Default for SchedulingParameters {
	fn default() -> Self {
		SchedulingParameters {
			requisition_gate: TimeBlock::new(40).unwrap_or(TimeBlock::FIRST),
			revision_lead_blocks: 4,
			retention_days: 62,
			max_days_ahead: 7,
			meter_window_days: 15,
		}
	}
}

/// A seller's declared capability for one station on one day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Declaration {
	/// The station's capacity that availability is measured against, kW.
	pub station_kw: PowerKw,
	/// Available capacity per time block, kW.
	pub available_kw: DayProfile,
}

/// The per-block detail of one PPA's day: the schedule, the availability it was built on, and
/// the metered energy. Pruned with the day's account after the retention period.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DayDetail {
	/// Scheduled power per block after every gate, kW.
	pub scheduled_kw: DayProfile,
	/// The seller's declared availability per block, as a share of contracted capacity.
	pub availability: [Permill; BLOCKS],
	/// Metered energy per block, Wh (0 until metered).
	pub actual_wh: [EnergyWh; BLOCKS],
	/// Bit `b` is set once block `b`'s energy is metered.
	pub metered: u128,
}

impl DayDetail {
	/// A day with nothing scheduled or metered, and full availability.
	pub fn empty() -> Self {
		DayDetail {
			scheduled_kw: [0; BLOCKS],
			// Without a finalized schedule, no availability is certified (rule 9).
			availability: [Permill::zero(); BLOCKS],
			actual_wh: [0; BLOCKS],
			metered: 0,
		}
	}

	/// Whether block `b`'s energy is metered.
	pub fn is_metered(&self, b: usize) -> bool {
		b < BLOCKS && self.metered & (1u128 << b) != 0
	}

	/// Block `b`'s scheduled and metered energy, its declared availability, and the energy of
	/// `sold_kw` resold in it.
	pub fn energy(&self, b: usize, sold_kw: PowerKw) -> BlockEnergy {
		BlockEnergy {
			scheduled_wh: gate::block_wh(self.scheduled_kw.get(b).copied().unwrap_or(0)),
			actual_wh: self.actual_wh.get(b).copied().unwrap_or(0),
			resold_wh: gate::block_wh(sold_kw),
			availability: self.availability.get(b).copied().unwrap_or_default(),
		}
	}
}

/// A PPA's energy account for one day: what was asked, scheduled, cut and why, and metered.
/// Pruned with the day's detail after the retention period.
#[derive(
	Clone,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct EnergyAccount {
	/// What the buyer requisitioned, Wh (blocks too near to schedule when the day was
	/// finalized on the day itself included: the finalization's event says what they were).
	pub requested_wh: EnergyWh,
	/// What was scheduled after every gate and revision, Wh.
	pub scheduled_wh: EnergyWh,
	/// Cut because the seller declared less than full availability, Wh.
	pub cut_availability_wh: EnergyWh,
	/// Cut by the PSM gate (rule 14), Wh.
	pub cut_psm_wh: EnergyWh,
	/// Cut by graded regulation (rule 20), Wh.
	pub cut_regulation_wh: EnergyWh,
	/// Cut because the seller sold that part of the share on the open market (rule
	/// 25: beyond the regulated share, once it stopped supply), Wh.
	pub cut_resale_wh: EnergyWh,
	/// The share of the schedule withheld by regulation.
	pub regulated_share: Percent,
	/// Metered so far, Wh.
	pub actual_wh: EnergyWh,
	/// Metered minus scheduled (the PPA's own schedule and what was resold) over the metered
	/// blocks, Wh.
	pub deviation_wh: i64,
	/// Blocks metered so far.
	pub blocks_metered: u8,
	/// The energy rate the schedule was valued at, INR units per kWh.
	pub energy_rate: Balance,
	/// Cover left for this day at the PSM gate (LC + advance - exposure), INR units.
	pub cover: Balance,
	/// Value of the scheduled energy not yet metered, INR units. Escrow keeps the advance
	/// committed against it (`SecurityPayments::advance_committed`), never more than it.
	pub unmetered_value: Balance,
	/// Revisions approved.
	pub revisions: u8,
}

/// A revision of today's schedule awaiting the LDC.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Revision<AccountId> {
	/// The party that asked.
	pub by: AccountId,
	/// The day revised.
	pub day: GridDay,
	/// The first block revised: the lead time after the request block.
	pub from_block: TimeBlock,
	/// kW for `from_block` and each later block of the day.
	pub kw: KwList,
}

/// What the gates cut from a schedule, by reason, Wh.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Cuts {
	/// The seller declared less than full availability.
	pub availability_wh: EnergyWh,
	/// Payment security did not cover the schedule's value (rule 14).
	pub payment_security_wh: EnergyWh,
	/// The buyer is regulated for default (rule 20).
	pub regulation_wh: EnergyWh,
	/// The seller sold that part of the share on the open market (rule 25).
	pub resale_wh: EnergyWh,
	/// Finalized on the day itself: blocks before the revision lead time from the current
	/// block had passed or were too near to schedule (rule 6).
	pub lead_time_wh: EnergyWh,
}
