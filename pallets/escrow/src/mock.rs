//! A runtime with system, balances and the escrow. The registry, the billing history and the
//! defaults listener are test doubles the tests set; grid time is a value the tests set.

use crate as pallet_escrow;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{fungible::Inspect, ConstU16, ConstU32, Hooks},
};
use frame_system::EnsureRoot;
pub use ppa_primitives::testing::{set_today, TestGridTime, TestRegistry};
use ppa_primitives::{
	money::inr, Balance, BillingHistory, GridDay, OnPsmFailure, PpaId, PpaStatus, PpaTerms,
	PsmFailure, Role,
};
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Escrow = pallet_escrow;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = frame_support::traits::ConstU128<{ ppa_primitives::money::PAISA }>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	static AVERAGE_BILLING: RefCell<BTreeMap<PpaId, Balance>> =
		const { RefCell::new(BTreeMap::new()) };
	static PSM_FAILURES: RefCell<Vec<(PpaId, GridDay, PsmFailure)>> =
		const { RefCell::new(Vec::new()) };
	static DUES: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
}

/// The settlement double's dues: unpaid, unbilled and disputed, as the tests set them.
pub struct TestDues;
impl ppa_primitives::Exposure for TestDues {
	fn exposure(ppa: PpaId) -> Balance {
		DUES.with(|d| d.borrow().get(&ppa).copied().unwrap_or(0))
	}
}

/// Sets the unpaid, unbilled and disputed dues of `ppa`.
pub fn set_dues(ppa: PpaId, dues: Balance) {
	DUES.with(|d| d.borrow_mut().insert(ppa, dues));
}

/// 2026-11-24, the grid day the tests start on.
pub const START_DAY: GridDay = 20_781;

/// The settlement double: average monthly billing the tests set.
pub struct TestBillingHistory;
impl BillingHistory for TestBillingHistory {
	fn average_monthly_billing(ppa: PpaId) -> Option<Balance> {
		AVERAGE_BILLING.with(|a| a.borrow().get(&ppa).copied())
	}
}

/// Sets the average monthly billing of `ppa` (as if it had 12 bills).
pub fn set_average_billing(ppa: PpaId, average: Balance) {
	AVERAGE_BILLING.with(|a| a.borrow_mut().insert(ppa, average));
}

/// The defaults double: records the PSM failures it is told of.
pub struct TestPsmListener;
impl OnPsmFailure for TestPsmListener {
	fn psm_failed(ppa: PpaId, day: GridDay, failure: PsmFailure) {
		PSM_FAILURES.with(|f| f.borrow_mut().push((ppa, day, failure)));
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

frame_support::parameter_types! {
	pub TwoDeadlines: frame_support::weights::Weight = Escrow::hook_weight_for(2);
}

/// The PSM failures defaults was told of.
pub fn psm_failures() -> Vec<(PpaId, GridDay, PsmFailure)> {
	PSM_FAILURES.with(|f| f.borrow().clone())
}

impl pallet_escrow::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = TestRegistry;
	type Ppas = TestRegistry;
	type BillingHistory = TestBillingHistory;
	type Dues = TestDues;
	type OnPsmFailure = TestPsmListener;
	type GridTime = TestGridTime;
	type AdminOrigin = EnsureRoot<u64>;
	type RegulatorOrigin = EnsureRoot<u64>;
	type MaxLcsPerPpa = ConstU32<2>;
	type MaxBgsPerPpa = ConstU32<4>;
	type MaxValidityDays = ConstU32<400>;
	type MaxRestoreWithinDays = ConstU16<30>;
	/// Two deadlines a block.
	type MaxHookWeight = TwoDeadlines;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestRegistry;
	type WeightInfo = ();
}

/// Accounts of the tests.
pub const GENCO: u64 = 1;
pub const DISCOM: u64 = 10;
pub const DISCOM_2: u64 = 11;
pub const BANK: u64 = 20;
pub const BANK_2: u64 = 21;
pub const STRANGER: u64 = 30;

/// The PPA of GENCO and DISCOM, active.
pub const PPA: PpaId = 0;
/// A PPA of GENCO and DISCOM_2, signed but not yet supplying.
pub const PPA_2: PpaId = 1;
/// A PPA that was terminated.
pub const ENDED_PPA: PpaId = 2;

/// What every account starts with: INR 1,000 crore.
pub const ENDOWMENT: Balance = inr(10_000_000_000);

/// A 100 MW share at INR 100 per kW-month and INR 3.00 per kWh, LC 110 %: it requires
/// INR 20.372 crore of cover before it has 12 bills (see `cover.rs`).
pub fn terms() -> PpaTerms {
	PpaTerms::with_defaults(
		b"Vindhyachal STPS",
		100_000,
		START_DAY,
		START_DAY + 365 * 25,
		inr(100),
		inr(3),
	)
}

/// Cover [`terms`] require: INR 20.372 crore.
pub const REQUIRED: Balance = inr(203_720_000);

/// Accounts with endowments and roles, three PPAs, on [`START_DAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [GENCO, DISCOM, DISCOM_2, BANK, BANK_2, STRANGER]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		set_today(START_DAY);
		System::set_block_number(1);
		TestRegistry::reset();
		TestRegistry::grant(GENCO, Role::Generator);
		TestRegistry::grant(DISCOM, Role::Buyer);
		TestRegistry::grant(DISCOM_2, Role::Buyer);
		TestRegistry::grant(BANK, Role::Bank);
		TestRegistry::grant(BANK_2, Role::Bank);
		TestRegistry::insert(PPA, GENCO, DISCOM, PpaStatus::Active, terms());
		TestRegistry::insert(PPA_2, GENCO, DISCOM_2, PpaStatus::Signed, terms());
		TestRegistry::insert(ENDED_PPA, GENCO, DISCOM, PpaStatus::Terminated, terms());
		AVERAGE_BILLING.with(|a| a.borrow_mut().clear());
		PSM_FAILURES.with(|f| f.borrow_mut().clear());
		DUES.with(|d| d.borrow_mut().clear());
		// The first block starts the deadline cursor on today.
		Escrow::on_initialize(1);
	});
	ext
}

/// Total balance (free + held) of `who`.
pub fn total(who: u64) -> Balance {
	<Balances as Inspect<u64>>::total_balance(&who)
}

/// Runs `test` on fresh storage, then checks the escrow's invariants and that no money was
/// created or lost.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = <Balances as Inspect<u64>>::total_issuance();
		test();
		Escrow::do_try_state().expect("escrow invariants hold");
		assert_eq!(<Balances as Inspect<u64>>::total_issuance(), issuance, "issuance unchanged");
		let sum: Balance =
			[GENCO, DISCOM, DISCOM_2, BANK, BANK_2, STRANGER].map(total).iter().sum();
		assert_eq!(sum, issuance, "every unit is in some party's free or held balance");
	});
}

/// A new block: the escrow's hook runs once.
pub fn next_block() {
	let block = System::block_number() + 1;
	System::set_block_number(block);
	Escrow::on_initialize(block);
}

/// Moves to grid day `day`, and runs blocks until the hook has applied every deadline due.
pub fn go_to_day(day: GridDay) {
	set_today(day);
	next_block();
	while pallet_escrow::DeadlineCursor::<Test>::get().is_some_and(|cursor| cursor <= day) {
		next_block();
	}
}
