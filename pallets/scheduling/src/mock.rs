//! A runtime with system and scheduling. The registry, escrow, settlement and defaults are test
//! doubles the tests set; grid time is a value the tests set.

use crate as pallet_scheduling;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{ConstU32, Hooks},
};
use frame_system::EnsureRoot;
pub use ppa_primitives::testing::{set_now, set_today, TestGridTime, TestRegistry};
use ppa_primitives::{
	money::inr, Balance, BankGuaranteeKind, BillingPeriod, BindingPpa, BlockEnergy, Coverage,
	Exposure, GradedRegulation, GridDay, GridInstant, OnEnergyMetered, OnRegulation,
	PaymentSecurity, PpaId, PpaStatus, PpaTerms, Role, SecurityBenchmarkHelper, SecurityPayments,
};
use sp_runtime::{BuildStorage, DispatchError, Percent};
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
	pub type Scheduling = pallet_scheduling;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Database weights that are not zero, so that a call's refund is seen; ParityDB's, the table
	// the generated weights' `()` implementation charges in.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

/// Advance held per PPA by the escrow double: held, and committed in all (the sum of its
/// days' commitments).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct TestAdvance {
	pub held: Balance,
	pub committed: Balance,
}

thread_local! {
	static COVER: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static ADVANCE: RefCell<BTreeMap<PpaId, TestAdvance>> = const { RefCell::new(BTreeMap::new()) };
	static COMMITTED_ON: RefCell<BTreeMap<(PpaId, GridDay), Balance>> =
		const { RefCell::new(BTreeMap::new()) };
	static EXPOSURE: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static METERED: RefCell<Vec<(PpaId, GridInstant, BlockEnergy)>> =
		const { RefCell::new(Vec::new()) };
	static UNPAID: RefCell<Vec<PpaId>> = const { RefCell::new(Vec::new()) };
}

/// Settlement will not pay `ppa`'s metered blocks at once (they go to an open bill).
pub fn set_unpaid(ppa: PpaId) {
	UNPAID.with(|u| u.borrow_mut().push(ppa));
}

/// The escrow double: LC cover the tests set, plus an advance with commitments.
pub struct TestSecurity;
impl PaymentSecurity for TestSecurity {
	fn coverage(ppa: PpaId, day: GridDay) -> Coverage {
		Coverage {
			letters_of_credit: COVER.with(|c| c.borrow().get(&ppa).copied().unwrap_or(0)),
			advance: advance(ppa).held,
			advance_committed: advance(ppa).committed,
			adequate: Self::available_cover(ppa, day) > 0,
			..Default::default()
		}
	}
	fn available_cover(ppa: PpaId, _day: GridDay) -> Balance {
		COVER.with(|c| c.borrow().get(&ppa).copied().unwrap_or(0)) + advance(ppa).held
	}
	/// The double's PPAs may hold 4 letters of credit; one with LC cover holds one.
	fn letters_of_credit_not_held(ppa: PpaId) -> u32 {
		if COVER.with(|c| c.borrow().contains_key(&ppa)) {
			3
		} else {
			4
		}
	}
}
impl SecurityPayments for TestSecurity {
	fn advance_held(ppa: PpaId) -> Balance {
		advance(ppa).held
	}
	fn pay_from_advance(_: PpaId, _: Balance) -> Result<Balance, DispatchError> {
		Ok(0)
	}
	fn draw_letters_of_credit(_: PpaId, _: Balance) -> Result<Balance, DispatchError> {
		Ok(0)
	}
	fn encash_bank_guarantees(
		_: PpaId,
		_: BankGuaranteeKind,
		_: Balance,
	) -> Result<Balance, DispatchError> {
		Ok(0)
	}
	fn commit_advance(ppa: PpaId, day: GridDay, amount: Balance) -> Balance {
		let committed = ADVANCE.with(|a| {
			let mut a = a.borrow_mut();
			let entry = a.entry(ppa).or_default();
			let committed = amount.min(entry.held - entry.committed);
			entry.committed += committed;
			committed
		});
		COMMITTED_ON.with(|c| *c.borrow_mut().entry((ppa, day)).or_default() += committed);
		committed
	}
	fn release_advance(ppa: PpaId, day: GridDay, amount: Balance) -> Balance {
		let released = COMMITTED_ON.with(|c| {
			let mut c = c.borrow_mut();
			let on_day = c.entry((ppa, day)).or_default();
			let released = amount.min(*on_day);
			*on_day -= released;
			released
		});
		ADVANCE.with(|a| a.borrow_mut().entry(ppa).or_default().committed -= released);
		released
	}
}

impl TestSecurity {
	/// The advance committed to `ppa`'s `day`.
	pub fn advance_committed(ppa: PpaId, day: GridDay) -> Balance {
		COMMITTED_ON.with(|c| c.borrow().get(&(ppa, day)).copied().unwrap_or(0))
	}
}
impl SecurityBenchmarkHelper<u64> for TestSecurity {
	fn secure(ppa: PpaId, _buyer: &u64, cover: Balance) {
		set_cover(ppa, cover / 2);
		set_advance(ppa, cover - cover / 2);
	}
}

/// Sets the LC cover of `ppa`.
pub fn set_cover(ppa: PpaId, cover: Balance) {
	COVER.with(|c| c.borrow_mut().insert(ppa, cover));
}

/// Sets the advance held for `ppa` (nothing committed).
pub fn set_advance(ppa: PpaId, held: Balance) {
	ADVANCE.with(|a| a.borrow_mut().insert(ppa, TestAdvance { held, committed: 0 }));
}

/// The advance of `ppa`.
pub fn advance(ppa: PpaId) -> TestAdvance {
	ADVANCE.with(|a| a.borrow().get(&ppa).copied().unwrap_or_default())
}

/// The settlement double: what the buyer owes, and the blocks it was told are metered.
pub struct TestSettlement;
impl Exposure for TestSettlement {
	fn exposure(ppa: PpaId) -> Balance {
		EXPOSURE.with(|e| e.borrow().get(&ppa).copied().unwrap_or(0))
	}
}
impl OnEnergyMetered<u64> for TestSettlement {
	/// Told, and paid at once unless the PPA is in `UNPAID`.
	fn energy_metered(binding: &BindingPpa<u64>, at: GridInstant, energy: BlockEnergy) -> bool {
		METERED.with(|m| m.borrow_mut().push((binding.ppa, at, energy)));
		!UNPAID.with(|u| u.borrow().contains(&binding.ppa))
	}
	fn energy_revised(
		ppa: PpaId,
		at: GridInstant,
		_was: BlockEnergy,
		now: BlockEnergy,
	) -> frame_support::dispatch::DispatchResult {
		METERED.with(|m| m.borrow_mut().push((ppa, at, now)));
		Ok(())
	}
	/// As resale's: a result read, a delivery queued.
	fn resold_weight() -> frame_support::weights::Weight {
		<Test as frame_system::Config>::DbWeight::get().reads_writes(1, 1)
	}
	/// As the runtime's, paying from an advance held in pallet-balances.
	fn party_weights() -> ppa_primitives::PartyWeights {
		let db = <Test as frame_system::Config>::DbWeight::get();
		ppa_primitives::PartyWeights { buyer: db.reads_writes(2, 2), seller: db.reads_writes(1, 1) }
	}
}

/// Sets what the buyer of `ppa` owes.
pub fn set_exposure(ppa: PpaId, owed: Balance) {
	EXPOSURE.with(|e| e.borrow_mut().insert(ppa, owed));
}

/// What settlement was told was metered.
pub fn metered() -> Vec<(PpaId, GridInstant, BlockEnergy)> {
	METERED.with(|m| m.borrow().clone())
}

/// Regulates `buyer` by `share` (a multiple of 10 %) through tomorrow, as defaults tells
/// scheduling: 30-day steps from the day that reaches `share` tomorrow.
pub fn regulate(buyer: u64, share: Percent) {
	let steps = u32::from(share.deconstruct() / ppa_primitives::defaults::STEP_PERCENT);
	let from = TOMORROW - 30 * steps.saturating_sub(1);
	let regulation = GradedRegulation { from, calendar_months: false, relaxed_until: None };
	<Scheduling as OnRegulation<u64>>::regulation_changed(&buyer, Some(regulation));
}

/// Registry and escrow doubles together, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestHelper;
#[cfg(feature = "runtime-benchmarks")]
impl ppa_primitives::PpaBenchmarkHelper<u64> for TestHelper {
	fn set_today(day: GridDay) {
		set_today(day);
	}
	fn participant(who: &u64, role: Role) {
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
impl SecurityBenchmarkHelper<u64> for TestHelper {
	fn secure(ppa: PpaId, buyer: &u64, cover: Balance) {
		TestSecurity::secure(ppa, buyer, cover);
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl ppa_primitives::AdvanceBenchmarkHelper<u64> for TestHelper {
	fn deposit_advance(ppa: PpaId, _buyer: &u64, amount: Balance) {
		ADVANCE.with(|a| a.borrow_mut().entry(ppa).or_default().held += amount);
	}
}

frame_support::parameter_types! {
	pub TwoPrunes: frame_support::weights::Weight = Scheduling::hook_weight_for(2);
}

impl pallet_scheduling::Config for Test {
	type Roles = TestRegistry;
	type Ppas = TestRegistry;
	type Security = TestSecurity;
	type Exposure = TestSettlement;
	type OnEnergyMetered = TestSettlement;
	type GridTime = TestGridTime;
	type AdminOrigin = EnsureRoot<u64>;
	type MaxBatch = ConstU32<4>;
	type MaxRequisitions = ConstU32<3>;
	/// Two PPA-days a block.
	type MaxHookWeight = TwoPrunes;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestHelper;
	type WeightInfo = ();
}

/// Accounts of the tests.
pub const GENCO: u64 = 1;
pub const DISCOM: u64 = 10;
pub const DISCOM_2: u64 = 11;
pub const LDC: u64 = 40;
pub const STRANGER: u64 = 30;

/// GENCO's 100 MW share to DISCOM, active.
pub const PPA: PpaId = 0;
/// GENCO's 50 MW share to DISCOM_2, active.
pub const PPA_2: PpaId = 1;
/// A terminated PPA.
pub const ENDED_PPA: PpaId = 2;

/// 2026-11-24, the grid day the tests start on.
pub const TODAY: GridDay = 20_781;
/// The day the tests schedule.
pub const TOMORROW: GridDay = TODAY + 1;

/// `capacity_kw` of Vindhyachal at INR 3.00 per kWh, for ten years from today.
pub fn terms(capacity_kw: u32) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(
		b"Vindhyachal STPS",
		capacity_kw,
		TODAY,
		TODAY + 3_650,
		inr(100),
		inr(3),
	);
	terms.billing_period = BillingPeriod::PerTimeBlock;
	terms
}

/// Roles, three PPAs, ample LC cover for both active ones; 09:00 IST (block 36) today.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		set_now(TODAY, 36);
		System::set_block_number(1);
		TestRegistry::reset();
		TestRegistry::grant(GENCO, Role::Generator);
		TestRegistry::grant(DISCOM, Role::Buyer);
		TestRegistry::grant(DISCOM_2, Role::Buyer);
		TestRegistry::grant(LDC, Role::LoadDespatchCentre);
		TestRegistry::insert(PPA, GENCO, DISCOM, PpaStatus::Active, terms(100_000));
		TestRegistry::insert(PPA_2, GENCO, DISCOM_2, PpaStatus::Active, terms(50_000));
		TestRegistry::insert(ENDED_PPA, GENCO, DISCOM, PpaStatus::Terminated, terms(10_000));
		COVER.with(|c| c.borrow_mut().clear());
		ADVANCE.with(|a| a.borrow_mut().clear());
		COMMITTED_ON.with(|c| c.borrow_mut().clear());
		EXPOSURE.with(|e| e.borrow_mut().clear());
		METERED.with(|m| m.borrow_mut().clear());
		// INR 10 crore of LC each: far more than a day of either PPA.
		set_cover(PPA, inr(100_000_000));
		set_cover(PPA_2, inr(100_000_000));
		// The first block starts the pruning cursor on today.
		Scheduling::on_initialize(1);
	});
	ext
}

/// A new block: the pruning hook runs once.
pub fn next_block() {
	let block = System::block_number() + 1;
	System::set_block_number(block);
	Scheduling::on_initialize(block);
}
