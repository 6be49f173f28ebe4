//! A test runtime with balances and doubles of the registry, the clock, defaults (who is in
//! default and how far regulated), scheduling (entitlements, sales, metered energy) and
//! settlement (the proceeds credited).

use crate as pallet_resale;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Inspect, ConstU32, Get},
	weights::Weight,
};
use frame_system::EnsureRoot;
pub use ppa_primitives::testing::{set_now, TestGridTime, TestRegistry};
use ppa_primitives::{
	money::inr, Balance, BindingPpa, BlockEnergy, BuyerDefaults, DayProfile, EnergyLedger,
	EnergyWh, GridDay, GridInstant, OnEnergyMetered, PowerKw, PpaId, PpaRegistry, PpaStatus,
	PpaTerms, ProceedsCredit, Regulation, Role, SaleScheduling, TimeBlock,
};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Percent};
use std::collections::{BTreeMap, BTreeSet};

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
	pub type Resale = pallet_resale;
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

/// The generator.
pub const GENCO: u64 = 1;
/// The discom in default.
pub const DEFAULTER: u64 = 2;
/// Discoms in good standing.
pub const BIDDER_B: u64 = 3;
pub const BIDDER_C: u64 = 4;
/// Another discom in default.
pub const OTHER_DEFAULTER: u64 = 5;
/// A generator (not a buyer).
pub const OTHER_GENCO: u64 = 6;
/// The defaulter's PPA: 10 MW at INR 3/kWh energy rate.
pub const PPA: PpaId = 7;
/// Contracted capacity, kW.
pub const CAPACITY_KW: PowerKw = 10_000;
/// The energy rate, INR units per kWh.
pub const ENERGY_RATE: Balance = 3_000_000;
/// Today, and the delivery day.
pub const TODAY: GridDay = 20_000;
pub const TOMORROW: GridDay = TODAY + 1;

/// Winners scheduled per (PPA, day, block): buyer and kW.
type Sold = BTreeMap<(PpaId, GridDay, u8), Vec<(u64, PowerKw)>>;

thread_local! {
	static DEFAULTERS: RefCell<BTreeMap<u64, Percent>> = const { RefCell::new(BTreeMap::new()) };
	static FINALIZED: RefCell<BTreeSet<(PpaId, GridDay)>> = const { RefCell::new(BTreeSet::new()) };
	static SOLD: RefCell<Sold> = const { RefCell::new(BTreeMap::new()) };
	static METERED: RefCell<BTreeMap<(PpaId, GridDay, u8), BlockEnergy>> = const { RefCell::new(BTreeMap::new()) };
	static CREDITED: RefCell<BTreeMap<PpaId, Balance>> = const { RefCell::new(BTreeMap::new()) };
}

/// The defaults double.
pub struct TestDefaults;

impl TestDefaults {
	/// Puts `who` in default, regulated at `share`.
	pub fn put(who: u64, share: Percent) {
		DEFAULTERS.with(|d| d.borrow_mut().insert(who, share));
	}
	/// Restores `who`.
	pub fn restore(who: u64) {
		DEFAULTERS.with(|d| d.borrow_mut().remove(&who));
	}
}

impl BuyerDefaults<u64> for TestDefaults {
	fn in_default(who: &u64) -> bool {
		DEFAULTERS.with(|d| d.borrow().contains_key(who))
	}
	fn defaulters_after(after: Option<&u64>, max: u32) -> Vec<u64> {
		DEFAULTERS.with(|d| {
			d.borrow()
				.keys()
				.filter(|who| after.is_none_or(|a| *who > a))
				.take(max as usize)
				.copied()
				.collect()
		})
	}
}

impl Regulation<u64> for TestDefaults {
	fn regulated_share(who: &u64, _: GridDay) -> Percent {
		DEFAULTERS.with(|d| d.borrow().get(who).copied().unwrap_or_default())
	}
}

/// The scheduling double: the whole contracted capacity is the entitlement in every block.
pub struct TestScheduling;

impl TestScheduling {
	/// Finalizes the PPA's day: no more sales.
	pub fn finalize(ppa: PpaId, day: GridDay) {
		FINALIZED.with(|f| f.borrow_mut().insert((ppa, day)));
	}
	/// Whether the PPA's day is finalized.
	pub fn is_finalized(ppa: PpaId, day: GridDay) -> bool {
		FINALIZED.with(|f| f.borrow().contains(&(ppa, day)))
	}
	/// What was scheduled to winners in a block.
	pub fn sold(ppa: PpaId, day: GridDay, block: u8) -> Vec<(u64, PowerKw)> {
		SOLD.with(|s| s.borrow().get(&(ppa, day, block)).cloned().unwrap_or_default())
	}
	/// Meters a block (the PPA's own schedule and the reading, Wh) and tells resale.
	pub fn meter(ppa: PpaId, day: GridDay, block: u8, scheduled_wh: EnergyWh, actual_wh: EnergyWh) {
		let resold_wh =
			Self::sold(ppa, day, block).iter().map(|(_, kw)| u64::from(*kw) * 250).sum();
		let energy = BlockEnergy {
			scheduled_wh,
			actual_wh,
			resold_wh,
			availability: sp_runtime::Permill::one(),
		};
		METERED.with(|m| m.borrow_mut().insert((ppa, day, block), energy));
		let at = GridInstant::new(day, TimeBlock::new(block).unwrap_or(TimeBlock::LAST));
		// As scheduling tells it: the PPA as read for the day.
		let (parties, _, terms) = TestRegistry::ppa_on(ppa, day).expect("a PPA of the tests");
		let binding = BindingPpa { ppa, parties, terms };
		<Resale as OnEnergyMetered<u64>>::energy_metered(&binding, at, energy);
	}
}

impl SaleScheduling<u64> for TestScheduling {
	fn entitlement_kw(ppa: PpaId, day: GridDay) -> Option<DayProfile> {
		let (_, status, terms) = TestRegistry::ppa_on(ppa, day)?;
		(status.is_binding() && (terms.start_day..=terms.end_day).contains(&day))
			.then_some([terms.capacity_kw; 96])
	}
	fn schedule_sale(
		ppa: PpaId,
		day: GridDay,
		block: TimeBlock,
		awards: &[(u64, PowerKw)],
	) -> DispatchResult {
		if Self::is_finalized(ppa, day) {
			return Err(DispatchError::Other("finalized"));
		}
		let cap = Self::entitlement_kw(ppa, day).ok_or(DispatchError::Other("not supplying"))?;
		let total: PowerKw = awards.iter().map(|(_, kw)| *kw).sum();
		if total > cap[usize::from(block.index())] {
			return Err(DispatchError::Other("over entitlement"));
		}
		SOLD.with(|s| s.borrow_mut().insert((ppa, day, block.index()), awards.to_vec()));
		Ok(())
	}
}

impl EnergyLedger for TestScheduling {
	fn block_energy(ppa: PpaId, at: GridInstant) -> Option<BlockEnergy> {
		METERED.with(|m| m.borrow().get(&(ppa, at.day, at.block.index())).copied())
	}
}

/// The settlement double: what was credited per PPA.
pub struct TestSettlement;

impl TestSettlement {
	pub fn credited(ppa: PpaId) -> Balance {
		CREDITED.with(|c| c.borrow().get(&ppa).copied().unwrap_or(0))
	}
}

impl ProceedsCredit for TestSettlement {
	fn credit_resale_proceeds(ppa: PpaId, amount: Balance) -> Balance {
		CREDITED.with(|c| {
			let mut c = c.borrow_mut();
			let pending = c.entry(ppa).or_default();
			*pending += amount;
			*pending
		})
	}
}

parameter_types! {
	pub MaxHookWeight: Weight = {
		let max = <<Test as frame_system::Config>::BlockWeights as Get<
			frame_system::limits::BlockWeights,
		>>::get()
		.max_block;
		Weight::from_parts(max.ref_time() / 5 * 2, max.proof_size() / 5 * 2)
	};
}

/// The benchmarks' helper: the registry and defaults doubles.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl ppa_primitives::PpaBenchmarkHelper<u64> for BenchmarkHelper {
	fn set_today(day: GridDay) {
		ppa_primitives::testing::set_today(day);
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
impl ppa_primitives::ResaleBenchmarkHelper<u64> for BenchmarkHelper {
	fn put_in_default(buyer: &u64, since: GridDay, regulated_from: GridDay) {
		let _ = (since, regulated_from);
		TestDefaults::put(*buyer, Percent::from_percent(50));
	}
	fn meter(ppa: PpaId, day: GridDay, block: TimeBlock, actual_wh: EnergyWh) {
		TestScheduling::meter(ppa, day, block.index(), 0, actual_wh);
	}
}

impl pallet_resale::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = TestRegistry;
	type Ppas = TestRegistry;
	type Defaults = TestDefaults;
	type Sales = TestScheduling;
	type Energy = TestScheduling;
	type Proceeds = TestSettlement;
	type GridTime = TestGridTime;
	type AdminOrigin = EnsureRoot<u64>;
	type MaxBidsPerBlock = ConstU32<4>;
	type MaxBidsPerBidder = ConstU32<2>;
	type MaxBidsPerDay = ConstU32<8>;
	type MaxBidsPerBidderPerDay = ConstU32<6>;
	type MaxHookWeight = MaxHookWeight;
	type MaxAutoOfferBuyersPerBlock = ConstU32<2>;
	type RetentionDays = ConstU32<5>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = ();
}

/// The PPA's terms: 10 MW for a year from 100 days ago, INR 3/kWh, INR 0.5/kWh transmission.
pub fn terms() -> PpaTerms {
	let mut terms =
		PpaTerms::with_defaults(b"Station", CAPACITY_KW, TODAY - 100, TODAY + 265, 0, ENERGY_RATE);
	terms.transmission_rate = 500_000;
	terms
}

/// Balances of INR 1 lakh each; the registry with the genco, the discoms and the PPA; the
/// defaulter in default at 20 %; 08:00 today (block 32), before the gate.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [GENCO, DEFAULTER, BIDDER_B, BIDDER_C, OTHER_DEFAULTER, OTHER_GENCO]
			.iter()
			.map(|who| (*who, inr(100_000)))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		TestRegistry::reset();
		DEFAULTERS.with(|d| d.borrow_mut().clear());
		FINALIZED.with(|f| f.borrow_mut().clear());
		SOLD.with(|s| s.borrow_mut().clear());
		METERED.with(|m| m.borrow_mut().clear());
		CREDITED.with(|c| c.borrow_mut().clear());
		for genco in [GENCO, OTHER_GENCO] {
			TestRegistry::grant(genco, Role::Generator);
		}
		for discom in [DEFAULTER, BIDDER_B, BIDDER_C, OTHER_DEFAULTER] {
			TestRegistry::grant(discom, Role::Buyer);
		}
		TestRegistry::insert(PPA, GENCO, DEFAULTER, PpaStatus::Active, terms());
		TestDefaults::put(DEFAULTER, Percent::from_percent(20));
		TestDefaults::put(OTHER_DEFAULTER, Percent::from_percent(10));
		set_now(TODAY, 32);
	});
	ext
}

/// Runs `test`, then checks the pallet's books and that no money was made or lost.
pub fn test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = <Balances as Inspect<u64>>::total_issuance();
		test();
		Resale::do_try_state().unwrap();
		assert_eq!(<Balances as Inspect<u64>>::total_issuance(), issuance, "issuance unchanged");
	});
}

/// The events of this pallet so far.
pub fn events() -> Vec<pallet_resale::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Resale(e) => Some(e),
			_ => None,
		})
		.collect()
}
