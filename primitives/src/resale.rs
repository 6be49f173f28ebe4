//! The open market for a defaulted share (rules 19, 21, 23-25): what the resale pallet
//! asks of scheduling (schedules for the winners) and of settlement (the proceeds credited
//! against the defaulter's capacity charges).

use crate::{clock::BLOCKS_PER_DAY, Balance, GridDay, PowerKw, PpaId, TimeBlock};
use sp_runtime::DispatchResult;

/// Time blocks in a grid day, as a length.
pub const BLOCKS: usize = BLOCKS_PER_DAY as usize;

/// kW per time block over a grid day.
pub type DayProfile = [PowerKw; BLOCKS];

/// Schedules of a PPA's share sold on the open market. The scheduling pallet keeps them next to
/// the PPA's own schedule, which they reduce.
pub trait SaleScheduling<AccountId> {
	/// The buyer's entitlement under `ppa` in each block of `day`, kW: contracted capacity x
	/// the seller's declared availability. `None` if the PPA is unknown, does not bind, or does
	/// not supply on `day`.
	fn entitlement_kw(ppa: PpaId, day: GridDay) -> Option<DayProfile>;
	/// Schedules what each winner bought of `ppa`'s share in `block` of `day` on the open
	/// market (buyer, kW). The PPA's own schedule for the day is then at most its entitlement
	/// less what was sold. Refused whole once the day is finalized, or beyond the entitlement.
	fn schedule_sale(
		ppa: PpaId,
		day: GridDay,
		block: TimeBlock,
		awards: &[(AccountId, PowerKw)],
	) -> DispatchResult;
}

/// Net resale proceeds set against the defaulter's capacity-charge liability (rule 21).
/// The settlement pallet keeps the credit and takes it off the capacity charge of the PPA's
/// next bills, so that the fixed-charge claim is max(0, capacity charges - net proceeds).
pub trait ProceedsCredit {
	/// Credits `amount` (INR units) of net proceeds of reselling `ppa`'s share against its
	/// buyer's capacity charges; returns the credit pending for the PPA after it.
	fn credit_resale_proceeds(ppa: PpaId, amount: Balance) -> Balance;
}

/// Sets up a defaulted buyer for the resale benchmarks (the runtime writes the defaults
/// pallet's standing; mocks their doubles).
pub trait ResaleBenchmarkHelper<AccountId> {
	/// Puts `buyer` in default since `since`, regulated from `regulated_from`.
	fn put_in_default(buyer: &AccountId, since: GridDay, regulated_from: GridDay);
	/// Meters `actual_wh` for block `block` of `day` of `ppa` (the block has ended).
	fn meter(ppa: PpaId, day: GridDay, block: TimeBlock, actual_wh: crate::EnergyWh);
}
