//! A runtime with system, balances and settlement. The registry, the escrow and the energy
//! ledger are test doubles; the escrow double keeps advance in an escrow account and letters
//! of credit in the bank's account, so every payment is a real transfer of balances.

use crate as pallet_settlement;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		ConstU32, Hooks,
	},
	weights::Weight,
};
use frame_system::EnsureRoot;
pub use ppa_primitives::testing::{set_today, TestGridTime, TestRegistry};
use ppa_primitives::{
	money::inr, Balance, BankGuaranteeKind, BillingPeriod, GridDay, PpaId, PpaRegistry, PpaStatus,
	PpaTerms, Role, SecurityPayments,
};
use sp_runtime::{BuildStorage, DispatchError};
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
	pub type Settlement = pallet_settlement;
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
	static ADVANCE: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static LC: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static BG: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static OBSERVED: RefCell<Vec<Observed>> = const { RefCell::new(Vec::new()) };
}

/// Accounts of the tests.
pub const GENCO: u64 = 1;
pub const DISCOM: u64 = 10;
pub const DISCOM_2: u64 = 11;
pub const BANK: u64 = 20;
pub const STRANGER: u64 = 30;
/// Where the escrow double keeps advance payments.
pub const ESCROW: u64 = 90;

/// GENCO -> DISCOM, billed monthly.
pub const MONTHLY: PpaId = 0;
/// GENCO -> DISCOM_2, billed daily.
pub const DAILY: PpaId = 1;
/// GENCO -> DISCOM, billed per time block (real-time settlement).
pub const REAL_TIME: PpaId = 2;

/// 2026-11-24, the grid day the tests start on (November 2026: days 20_758..=20_787).
pub const START_DAY: GridDay = 20_781;

/// What every account starts with: INR 100 crore.
pub const ENDOWMENT: Balance = inr(1_000_000_000);

/// The escrow double.
pub struct TestEscrow;
impl SecurityPayments for TestEscrow {
	fn advance_held(ppa: PpaId) -> Balance {
		ADVANCE.with(|a| a.borrow().get(&ppa).copied().unwrap_or(0))
	}
	fn pay_from_advance(ppa: PpaId, amount: Balance) -> Result<Balance, DispatchError> {
		let paid = amount.min(Self::advance_held(ppa));
		let seller = TestRegistry::parties(ppa).ok_or(DispatchError::Other("no PPA"))?.seller;
		Balances::transfer(&ESCROW, &seller, paid, Preservation::Expendable)?;
		ADVANCE.with(|a| *a.borrow_mut().entry(ppa).or_default() -= paid);
		Ok(paid)
	}
	fn draw_letters_of_credit(ppa: PpaId, amount: Balance) -> Result<Balance, DispatchError> {
		let lc = LC.with(|l| l.borrow().get(&ppa).copied()).ok_or(DispatchError::Other("no LC"))?;
		let drawn = amount.min(lc);
		let seller = TestRegistry::parties(ppa).ok_or(DispatchError::Other("no PPA"))?.seller;
		Balances::transfer(&BANK, &seller, drawn, Preservation::Preserve)?;
		LC.with(|l| l.borrow_mut().insert(ppa, lc - drawn));
		Ok(drawn)
	}
	fn encash_bank_guarantees(
		ppa: PpaId,
		kind: BankGuaranteeKind,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		let bg = BG
			.with(|b| b.borrow().get(&ppa).copied())
			.filter(|_| kind == BankGuaranteeKind::Payment)
			.ok_or(DispatchError::Other("no BG"))?;
		let paid = amount.min(bg);
		let seller = TestRegistry::parties(ppa).ok_or(DispatchError::Other("no PPA"))?.seller;
		Balances::transfer(&BANK, &seller, paid, Preservation::Preserve)?;
		BG.with(|b| b.borrow_mut().insert(ppa, bg - paid));
		Ok(paid)
	}
	fn commit_advance(_: PpaId, _: GridDay, _: Balance) -> Balance {
		0
	}
	fn release_advance(_: PpaId, _: GridDay, _: Balance) -> Balance {
		0
	}
}

/// The buyer of `ppa` deposits `amount` of advance.
pub fn deposit_advance(ppa: PpaId, amount: Balance) {
	let buyer = TestRegistry::parties(ppa).unwrap().buyer;
	Balances::transfer(&buyer, &ESCROW, amount, Preservation::Preserve).unwrap();
	ADVANCE.with(|a| *a.borrow_mut().entry(ppa).or_default() += amount);
}

/// The bank opens a letter of credit of `amount` for `ppa` (the funds stay in its account).
pub fn open_lc(ppa: PpaId, amount: Balance) {
	LC.with(|l| l.borrow_mut().insert(ppa, amount));
}

/// The bank issues a payment bank guarantee of `amount` for `ppa` (funds in its account).
pub fn issue_payment_bg(ppa: PpaId, amount: Balance) {
	BG.with(|b| b.borrow_mut().insert(ppa, amount));
}

/// What defaults would have been told.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Observed {
	/// A bill presented: PPA, bill, buyer, P, D.
	Presented(PpaId, u64, u64, GridDay, GridDay),
	/// Dues of a PPA's buyer reduced.
	Reduced(PpaId, u64),
}

/// The defaults double.
pub struct TestObserver;
impl ppa_primitives::DuesObserver<u64> for TestObserver {
	fn bill_presented(ppa: PpaId, bill: u64, buyer: &u64, presented_on: GridDay, due_on: GridDay) {
		OBSERVED.with(|o| {
			o.borrow_mut().push(Observed::Presented(ppa, bill, *buyer, presented_on, due_on))
		});
	}
	fn dues_reduced(ppa: PpaId, buyer: &u64, _bills: &[(u64, ppa_primitives::BillDues)]) {
		OBSERVED.with(|o| o.borrow_mut().push(Observed::Reduced(ppa, *buyer)));
	}
	fn bill_presented_weight() -> Weight {
		Weight::zero()
	}
	fn dues_reduced_weight() -> Weight {
		Weight::zero()
	}
}

/// What the defaults double was told, in order.
pub fn observed() -> Vec<Observed> {
	OBSERVED.with(|o| o.borrow().clone())
}

/// What is left of the letter of credit of `ppa`.
pub fn lc(ppa: PpaId) -> Balance {
	LC.with(|l| l.borrow().get(&ppa).copied().unwrap_or(0))
}

/// The benchmarks' set-up: the registry double and the escrow double.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestHelper;
#[cfg(feature = "runtime-benchmarks")]
impl ppa_primitives::PpaBenchmarkHelper<u64> for TestHelper {
	fn set_today(day: GridDay) {
		set_today(day);
	}
	fn participant(who: &u64, role: ppa_primitives::Role) {
		TestRegistry::grant(*who, role);
	}
	fn binding_ppa(seller: &u64, buyer: &u64, terms: PpaTerms) -> PpaId {
		<TestRegistry as ppa_primitives::PpaBenchmarkHelper<u64>>::binding_ppa(seller, buyer, terms)
	}
	fn ldc() -> u64 {
		<TestRegistry as ppa_primitives::PpaBenchmarkHelper<u64>>::ldc()
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl ppa_primitives::SecurityBenchmarkHelper<u64> for TestHelper {
	fn secure(ppa: PpaId, buyer: &u64, cover: Balance) {
		Balances::set_balance(buyer, cover.saturating_mul(3));
		Balances::set_balance(&BANK, cover.saturating_mul(3));
		deposit_advance(ppa, cover);
		open_lc(ppa, cover);
	}
}

frame_support::parameter_types! {
	pub SettlementHookWeight: frame_support::weights::Weight = Settlement::hook_weight_for(4, 4);
}

impl pallet_settlement::Config for Test {
	type Currency = Balances;
	type Roles = TestRegistry;
	type Ppas = TestRegistry;
	type Security = TestEscrow;
	type Observer = TestObserver;
	type GridTime = TestGridTime;
	type AdminOrigin = EnsureRoot<u64>;
	type RegulatorOrigin = EnsureRoot<u64>;
	type MaxUnpaidBills = ConstU32<8>;
	/// Four presentations and four LPS steps a block.
	type MaxHookWeight = SettlementHookWeight;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestHelper;
	type WeightInfo = ();
}

/// A 10 MW share at INR 500 per kW-month and INR 3.00 per kWh, billed `period`, supplying
/// from 400 days before the tests' first day (the tests meter days a year back). Its months of
/// default are 30 days and its normative availability 100 % (capacity billed in proportion to
/// availability), so that the figures of most tests are plain; the tests of rules 9 and 12
/// set the defaults (calendar months, 85 %) themselves.
pub fn terms(period: BillingPeriod) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(
		b"Rihand STPS",
		10_000,
		START_DAY - 400,
		START_DAY + 365 * 25,
		inr(500),
		inr(3),
	);
	terms.billing_period = period;
	terms.calendar_months = false;
	terms.normative_availability = sp_runtime::Permill::one();
	terms
}

/// Accounts with endowments, three PPAs, on [`START_DAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [GENCO, DISCOM, DISCOM_2, BANK, STRANGER, ESCROW]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_settlement::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		set_today(START_DAY);
		System::set_block_number(1);
		TestRegistry::reset();
		TestRegistry::grant(GENCO, Role::Generator);
		TestRegistry::grant(DISCOM, Role::Buyer);
		TestRegistry::grant(DISCOM_2, Role::Buyer);
		TestRegistry::insert(
			MONTHLY,
			GENCO,
			DISCOM,
			PpaStatus::Active,
			terms(BillingPeriod::Monthly),
		);
		TestRegistry::insert(
			DAILY,
			GENCO,
			DISCOM_2,
			PpaStatus::Active,
			terms(BillingPeriod::Daily),
		);
		TestRegistry::insert(
			REAL_TIME,
			GENCO,
			DISCOM,
			PpaStatus::Active,
			terms(BillingPeriod::PerTimeBlock),
		);
		ADVANCE.with(|a| a.borrow_mut().clear());
		LC.with(|l| l.borrow_mut().clear());
		BG.with(|b| b.borrow_mut().clear());
		OBSERVED.with(|o| o.borrow_mut().clear());
		// The first block starts the hooks' cursors on today.
		Settlement::on_initialize(1);
	});
	ext
}

/// Free balance of `who`.
pub fn free(who: u64) -> Balance {
	<Balances as Inspect<u64>>::balance(&who)
}

/// Runs `test` on fresh storage, then checks the ledger's invariants and that no money was
/// created or lost.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = <Balances as Inspect<u64>>::total_issuance();
		test();
		Settlement::do_try_state().expect("settlement invariants hold");
		assert_eq!(<Balances as Inspect<u64>>::total_issuance(), issuance, "issuance unchanged");
		let sum: Balance = [GENCO, DISCOM, DISCOM_2, BANK, STRANGER, ESCROW]
			.map(|who| <Balances as Inspect<u64>>::total_balance(&who))
			.iter()
			.sum();
		assert_eq!(sum, issuance, "every unit is in some party's balance");
	});
}

/// Makes `day` today (block 0) and runs the settlement hook in new blocks until its queues
/// have caught up with the day (a chain makes thousands of blocks a day).
pub fn go_to(day: GridDay) {
	set_today(day);
	loop {
		let n = System::block_number() + 1;
		System::set_block_number(n);
		Settlement::on_initialize(n);
		let presented = crate::PresentationCursor::<Test>::get().is_some_and(|d| d > day);
		let stepped = crate::LpsCursor::<Test>::get().is_some_and(|d| d > day);
		if presented && stepped {
			break;
		}
	}
}
