//! A runtime with system and the registry; grid time is a value the tests set.

use crate as pallet_registry;
use core::cell::Cell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU16, ConstU32},
};
use frame_system::EnsureRoot;
use ppa_primitives::{Balance, GridDay, GridInstant, GridTime, TimeBlock};
use sp_runtime::{BuildStorage, Permill};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Registry = pallet_registry;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	static TODAY: Cell<GridDay> = const { Cell::new(START_DAY) };
}

/// The grid day the tests start on.
pub const START_DAY: GridDay = 20_781;

/// Grid time the tests control.
pub struct TestGridTime;
impl GridTime for TestGridTime {
	fn now() -> GridInstant {
		GridInstant::new(TODAY.with(|d| d.get()), TimeBlock::FIRST)
	}
}

/// Sets today's grid day.
pub fn set_today(day: GridDay) {
	TODAY.with(|d| d.set(day));
}

parameter_types! {
	pub const MaxCapacityKw: u32 = 10_000_000;
	pub const MaxCapacityRate: Balance = 5_000_000_000;
	pub const MaxEnergyRate: Balance = 50_000_000;
	pub const MaxRebate: Permill = Permill::from_percent(5);
	pub TwoTransitions: frame_support::weights::Weight = Registry::hook_weight_for(2);
}

impl pallet_registry::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type RegulatorOrigin = EnsureRoot<u64>;
	type GridTime = TestGridTime;
	type OnPpaEnded = ();
	type MaxNameLen = ConstU32<64>;
	type MaxPpasPerParty = ConstU32<4>;
	type MaxVersions = ConstU32<3>;
	/// Two transitions a block.
	type MaxHookWeight = TwoTransitions;
	type ProposalLifetimeDays = ConstU32<30>;
	type MaxCapacityKw = MaxCapacityKw;
	type MaxCapacityRate = MaxCapacityRate;
	type MaxEnergyRate = MaxEnergyRate;
	type MaxDueDays = ConstU16<120>;
	type MaxRebate = MaxRebate;
	type MaxLcPercent = ConstU16<200>;
	type WeightInfo = ();
}

/// Accounts of the tests.
pub const ADMIN_NOT_ROOT: u64 = 99;
pub const GENCO: u64 = 1;
pub const GENCO_2: u64 = 2;
pub const DISCOM: u64 = 10;
pub const DISCOM_2: u64 = 11;
pub const BANK: u64 = 20;
pub const STRANGER: u64 = 30;
pub const NRLDC: u64 = 40;

/// Empty storage on [`START_DAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		set_today(START_DAY);
		System::set_block_number(1);
	});
	ext
}

/// Runs `test` on fresh storage, then checks the registry's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Registry::do_try_state().expect("registry invariants hold");
	});
}
