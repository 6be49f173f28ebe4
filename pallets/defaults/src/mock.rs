//! A test runtime with doubles of the registry, the clock, escrow's cover and settlement's dues
//! ledger (bills, payments and collections that tell this pallet as settlement does).

use crate as pallet_defaults;
use core::cell::RefCell;
use frame_support::{derive_impl, traits::ConstU32};
use frame_system::EnsureRoot;
pub use ppa_primitives::testing::{set_today, TestGridTime, TestRegistry};
use ppa_primitives::{
	money::inr, Balance, BillDues, Collected, Coverage, DuesCollection, DuesLedger, DuesObserver,
	GradedRegulation, GridDay, GridTime, OnRegulation, PaymentSecurity, PpaId, PpaStatus, PpaTerms,
	Role, SecurityInstrument,
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
	pub type Defaults = pallet_defaults;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The generator.
pub const GENCO: u64 = 1;
/// The discom that stops paying.
pub const DISCOM: u64 = 2;
/// A PPA billed daily, 45 days' credit.
pub const PPA: PpaId = 7;
/// A second PPA of the same discom.
pub const PPA_2: PpaId = 8;
/// The first day of supply.
pub const START_DAY: GridDay = 20_000;

thread_local! {
	static BILLS: RefCell<BTreeMap<(PpaId, u64), BillDues>> = const { RefCell::new(BTreeMap::new()) };
	/// Letters of credit and payment BGs held per PPA, INR units.
	static HELD: RefCell<BTreeMap<(PpaId, u8), Balance>> = const { RefCell::new(BTreeMap::new()) };
	static ADEQUATE: RefCell<BTreeMap<PpaId, bool>> = const { RefCell::new(BTreeMap::new()) };
	/// The graded regulation scheduling was told of, per buyer.
	static TOLD: RefCell<BTreeMap<u64, GradedRegulation>> = const { RefCell::new(BTreeMap::new()) };
}

/// The scheduling double: keeps the regulation it is told of, as scheduling does.
pub struct TestRegulations;
impl OnRegulation<u64> for TestRegulations {
	fn regulation_changed(buyer: &u64, regulation: Option<GradedRegulation>) {
		TOLD.with(|t| match regulation {
			Some(r) => t.borrow_mut().insert(*buyer, r),
			None => t.borrow_mut().remove(buyer),
		});
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// The graded regulation scheduling was last told of for `buyer`.
pub fn told_regulation(buyer: u64) -> Option<GradedRegulation> {
	TOLD.with(|t| t.borrow().get(&buyer).copied())
}

fn slot(instrument: SecurityInstrument) -> u8 {
	match instrument {
		SecurityInstrument::LettersOfCredit => 0,
		SecurityInstrument::PaymentBankGuarantees => 1,
	}
}

/// The dues ledger double.
pub struct TestDues;

impl TestDues {
	/// Presents bill `bill` of `ppa` of `amount` on `presented_on`, due 45 days later, and
	/// tells defaults (as settlement does).
	pub fn present(ppa: PpaId, bill: u64, presented_on: GridDay, amount: Balance) {
		let dues = BillDues {
			presented_on,
			due_on: presented_on + 45,
			outstanding: amount,
			disputed: 0,
			lps: 0,
		};
		BILLS.with(|b| b.borrow_mut().insert((ppa, bill), dues));
		Defaults::bill_presented(ppa, bill, &DISCOM, presented_on, presented_on + 45);
	}

	/// Changes a bill as `change` says and tells defaults (a payment, dispute or ruling).
	pub fn change(ppa: PpaId, bill: u64, change: impl FnOnce(&mut BillDues)) {
		let dues = BILLS.with(|b| {
			let mut bills = b.borrow_mut();
			bills.get_mut(&(ppa, bill)).map(change);
			bills.get(&(ppa, bill)).copied()
		});
		let changed: Vec<(u64, BillDues)> = dues.map(|d| (bill, d)).into_iter().collect();
		Defaults::dues_reduced(ppa, &DISCOM, &changed);
	}

	/// Accrues `lps` on a bill, as settlement does day by day (nobody is told).
	pub fn accrue(ppa: PpaId, bill: u64, lps: Balance) {
		BILLS.with(|b| b.borrow_mut().get_mut(&(ppa, bill)).map(|d| d.lps += lps));
	}
}

impl DuesLedger for TestDues {
	fn bill_dues(ppa: PpaId, bill: u64) -> Option<BillDues> {
		BILLS.with(|b| b.borrow().get(&(ppa, bill)).copied())
	}
}

impl DuesCollection for TestDues {
	/// Pays what has fallen due (LPS then principal, oldest bill first) from what the
	/// instrument holds, then tells defaults.
	fn collect_fallen_due(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<Collected, DispatchError> {
		let today = TestGridTime::today();
		let mut held = held(ppa, instrument).ok_or(DispatchError::Other("no instrument"))?;
		let mut collected = Collected::default();
		let mut changed = Vec::new();
		BILLS.with(|b| {
			for ((p, bill), dues) in b.borrow_mut().iter_mut() {
				if *p != ppa || dues.due_on > today {
					continue;
				}
				collected.bills += 1;
				for part in [&mut dues.lps, &mut dues.outstanding] {
					let paid = (*part).min(held);
					*part -= paid;
					held -= paid;
					collected.amount += paid;
				}
				changed.push((*bill, *dues));
			}
		});
		if collected.amount == 0 {
			return Err(DispatchError::Other("nothing fallen due"));
		}
		hold(ppa, instrument, held);
		Defaults::dues_reduced(ppa, &DISCOM, &changed);
		Ok(collected)
	}
}

/// What `instrument` of `ppa` holds, if there is one.
pub fn held(ppa: PpaId, instrument: SecurityInstrument) -> Option<Balance> {
	HELD.with(|h| h.borrow().get(&(ppa, slot(instrument))).copied())
}

/// Gives `ppa` an `instrument` holding `amount`.
pub fn hold(ppa: PpaId, instrument: SecurityInstrument, amount: Balance) {
	HELD.with(|h| h.borrow_mut().insert((ppa, slot(instrument)), amount));
}

/// The escrow double: cover is adequate if a test says so, or else if the PPA has an LC.
pub struct TestSecurity;

impl TestSecurity {
	/// Sets whether `ppa`'s cover is adequate.
	pub fn set_adequate(ppa: PpaId, adequate: bool) {
		ADEQUATE.with(|a| a.borrow_mut().insert(ppa, adequate));
	}
}

impl PaymentSecurity for TestSecurity {
	fn coverage(ppa: PpaId, _: GridDay) -> Coverage {
		let adequate = ADEQUATE
			.with(|a| a.borrow().get(&ppa).copied())
			.unwrap_or_else(|| held(ppa, SecurityInstrument::LettersOfCredit).is_some());
		Coverage { adequate, ..Default::default() }
	}
	fn available_cover(_: PpaId, _: GridDay) -> Balance {
		0
	}
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers {
	use super::*;
	use ppa_primitives::{
		DuesBenchmarkHelper, GuaranteeBenchmarkHelper, PpaBenchmarkHelper, SecurityBenchmarkHelper,
	};

	/// The benchmarks' helper: the doubles above.
	pub struct TestHelper;
	impl PpaBenchmarkHelper<u64> for TestHelper {
		fn set_today(day: GridDay) {
			set_today(day)
		}
		fn participant(who: &u64, role: Role) {
			<TestRegistry as PpaBenchmarkHelper<u64>>::participant(who, role)
		}
		fn binding_ppa(seller: &u64, buyer: &u64, terms: PpaTerms) -> PpaId {
			<TestRegistry as PpaBenchmarkHelper<u64>>::binding_ppa(seller, buyer, terms)
		}
		fn ldc() -> u64 {
			<TestRegistry as ppa_primitives::PpaBenchmarkHelper<u64>>::ldc()
		}
	}
	impl SecurityBenchmarkHelper<u64> for TestHelper {
		fn secure(ppa: PpaId, _: &u64, cover: Balance) {
			hold(ppa, SecurityInstrument::LettersOfCredit, cover);
		}
	}
	impl GuaranteeBenchmarkHelper for TestHelper {
		fn payment_guarantees(ppa: PpaId, amount: Balance) {
			hold(ppa, SecurityInstrument::PaymentBankGuarantees, amount);
		}
	}
	impl DuesBenchmarkHelper<u64> for TestHelper {
		fn unpaid_bills(
			ppa: PpaId,
			_: &u64,
			_: &u64,
			n: u32,
			first_presented_on: GridDay,
			due_days: u32,
		) -> Vec<u64> {
			let first = BILLS.with(|b| b.borrow().len() as u64) + 1_000;
			(0..n)
				.map(|i| {
					let presented_on = first_presented_on + i;
					let dues = BillDues {
						presented_on,
						due_on: presented_on + due_days,
						outstanding: inr(100_000_000),
						disputed: 0,
						lps: 0,
					};
					BILLS.with(|b| b.borrow_mut().insert((ppa, first + u64::from(i)), dues));
					first + u64::from(i)
				})
				.collect()
		}
	}
}
#[cfg(feature = "runtime-benchmarks")]
pub use benchmark_helpers::TestHelper;

frame_support::parameter_types! {
	pub FourDuties: frame_support::weights::Weight = Defaults::hook_weight_for(4);
}

impl pallet_defaults::Config for Test {
	type Ppas = TestRegistry;
	type Dues = TestDues;
	type Security = TestSecurity;
	type OnRegulation = TestRegulations;
	type GridTime = TestGridTime;
	type RegulatorOrigin = EnsureRoot<u64>;
	/// Four of the costliest duties a block.
	type MaxHookWeight = FourDuties;
	type MaxUnpaidBills = ConstU32<100>;
	type MaxRelaxationDays = ConstU32<30>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestHelper;
	type WeightInfo = ();
}

/// Daily terms of 45 days' credit; calendar months if `calendar_months`.
pub fn terms(calendar_months: bool) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(
		b"Singrauli",
		250_000,
		START_DAY,
		START_DAY + 3_650,
		inr(900),
		inr(3),
	);
	terms.calendar_months = calendar_months;
	terms
}

/// A fresh chain: the discom buys on [`PPA`] and [`PPA_2`] from the generator; day
/// [`START_DAY`]; the hook's cursor set.
pub fn new_test_ext() -> sp_io::TestExternalities {
	TestRegistry::reset();
	BILLS.with(|b| b.borrow_mut().clear());
	HELD.with(|h| h.borrow_mut().clear());
	ADEQUATE.with(|a| a.borrow_mut().clear());
	TOLD.with(|t| t.borrow_mut().clear());
	TestRegistry::grant(GENCO, Role::Generator);
	TestRegistry::grant(DISCOM, Role::Buyer);
	for ppa in [PPA, PPA_2] {
		TestRegistry::insert(ppa, GENCO, DISCOM, PpaStatus::Active, terms(false));
	}
	set_today(START_DAY);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		go_to(START_DAY);
	});
	ext
}

/// Runs `test` on a fresh chain, then checks the pallet's books.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Defaults::do_try_state().unwrap();
		// Scheduling was told of every change of regulation: what it keeps is the standings'.
		for buyer in [DISCOM, GENCO] {
			let standing = crate::Standings::<Test>::get(buyer);
			assert_eq!(told_regulation(buyer), standing.and_then(|s| s.graded_regulation()));
		}
	});
}

/// Makes `day` today and runs a block's hook.
pub fn next_block(day: GridDay) {
	set_today(day);
	System::set_block_number(System::block_number() + 1);
	<Defaults as frame_support::traits::Hooks<u64>>::on_initialize(System::block_number());
}

/// Makes `day` today and runs blocks until every duty up to today is applied.
pub fn go_to(day: GridDay) {
	for _ in 0..1_000 {
		next_block(day);
		if crate::DutyCursor::<Test>::get().is_some_and(|cursor| cursor > day) {
			return;
		}
	}
	panic!("the duties of day {day} were not all applied in 1,000 blocks");
}
