//! The chain's first block as a node builds it: the pallets' `on_initialize` hooks run before
//! the timestamp inherent has set the time (`Timestamp::Now` is still 0). Hooks whose cursors
//! start at "today" must wait for grid time: started at 1970-01-01, they would walk 32 days of
//! empty queues a block and present no bill, apply no duty, for hundreds of blocks.

mod common;

use common::{block, genesis_storage, NOV_24_IST_MIDNIGHT};
use frame_support::traits::Hooks;
use ppa_primitives::GridTime;
use ppa_runtime::{
	Defaults, Escrow, GridClock, Registry, Resale, Runtime, Scheduling, Settlement, System,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;

/// The day-keyed cursors of every pallet's hook.
fn cursors() -> [Option<u32>; 6] {
	[
		pallet_registry::TransitionCursor::<Runtime>::get(),
		pallet_escrow::DeadlineCursor::<Runtime>::get(),
		pallet_scheduling::PruneCursor::<Runtime>::get(),
		pallet_settlement::PresentationCursor::<Runtime>::get(),
		pallet_settlement::LpsCursor::<Runtime>::get(),
		pallet_defaults::DutyCursor::<Runtime>::get(),
	]
}

#[test]
fn hooks_start_their_cursors_on_the_first_grid_day_not_in_1970() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		// Block 1: the hooks, then the timestamp inherent, then the clock starts.
		System::set_block_number(1);
		assert_eq!(pallet_timestamp::Now::<Runtime>::get(), 0);
		assert!(!<GridClock as GridTime>::is_running());
		<Registry as Hooks<u32>>::on_initialize(1);
		<Escrow as Hooks<u32>>::on_initialize(1);
		<Scheduling as Hooks<u32>>::on_initialize(1);
		<Settlement as Hooks<u32>>::on_initialize(1);
		<Defaults as Hooks<u32>>::on_initialize(1);
		<Resale as Hooks<u32>>::on_initialize(1);
		assert_eq!(cursors(), [None; 6]);
		pallet_timestamp::Now::<Runtime>::put(NOV_24_IST_MIDNIGHT);
		assert!(<GridClock as GridTime>::is_running());
		<GridClock as Hooks<u32>>::on_finalize(1);
		let today = GridClock::today();
		assert_eq!(today, 20_781, "2026-11-24");

		// Block 2: every cursor starts at today.
		block(2, NOV_24_IST_MIDNIGHT + 6_000);
		assert_eq!(cursors(), [Some(today); 6]);
	});
}
