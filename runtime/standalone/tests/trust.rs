//! No participant can bend the rules of money and authority: each attack (a rogue LDC key, a
//! bank, a discom, a generator) and the failure that hit every honest LC-backed PPA, played
//! through the runtime's own calls and hooks with the real pallets wired together, refused with
//! a named error or made harmless. After every block each pallet's `try_state` holds and the
//! total issuance is unchanged (calls are dispatched without fees here).

mod common;

use common::{account, block, genesis_storage, open_lc, register, sudo, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec};
use ppa_primitives::{
	money::inr, BillingPeriod, BuyerDefaults, DefaultStatus, GridDay, GridTime, PaymentSecurity,
	PpaRegistry, PpaStatus, PpaTerms, Role, TimeBlock,
};
use ppa_runtime::{
	Balances, Defaults, Escrow, GridClock, Registry, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, Settlement, System,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{traits::Dispatchable, DispatchError};

type EscrowCall = pallet_escrow::Call<Runtime>;
type RegistryCall = pallet_registry::Call<Runtime>;
type SchedulingCall = pallet_scheduling::Call<Runtime>;
type SettlementCall = pallet_settlement::Call<Runtime>;

/// Real milliseconds per time block and per grid day on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
const DAY_MS: u64 = 96 * TIME_BLOCK_MS;

fn call(who: Sr25519Keyring, call: impl Into<RuntimeCall>) -> Result<(), DispatchError> {
	call.into().dispatch(RuntimeOrigin::signed(account(who))).map(|_| ()).map_err(|e| e.error)
}

/// Every pallet's invariants, as `try_state` checks them after a block.
fn check_invariants() {
	pallet_registry::Pallet::<Runtime>::do_try_state().expect("registry invariants");
	pallet_escrow::Pallet::<Runtime>::do_try_state().expect("escrow invariants");
	pallet_scheduling::Pallet::<Runtime>::do_try_state().expect("scheduling invariants");
	pallet_settlement::Pallet::<Runtime>::do_try_state().expect("settlement invariants");
	pallet_defaults::Pallet::<Runtime>::do_try_state().expect("defaults invariants");
	pallet_resale::Pallet::<Runtime>::do_try_state().expect("resale invariants");
	ppa_runtime::invariants::do_try_state().expect("cross-pallet invariants");
}

/// The grid: blocks at a time block of a grid day, numbered in order, each followed by the
/// invariants and the issuance check.
struct Grid {
	first_day: GridDay,
	n: u32,
	issuance: u128,
}

impl Grid {
	/// Block 1 at 00:00 IST on 24 November 2026: grid time starts.
	fn start() -> Self {
		block(1, NOV_24_IST_MIDNIGHT);
		Grid { first_day: GridClock::today(), n: 1, issuance: Balances::total_issuance() }
	}

	/// Runs the next block at time block `tb` of grid day `day`, with fresh events.
	fn at(&mut self, day: GridDay, tb: u64) {
		self.n += 1;
		System::reset_events();
		let days = u64::from(day - self.first_day);
		block(self.n, NOV_24_IST_MIDNIGHT + days * DAY_MS + tb * TIME_BLOCK_MS);
		assert_eq!(GridClock::today(), day);
		self.check();
	}

	/// The invariants hold and no money was made or lost.
	fn check(&self) {
		check_invariants();
		assert_eq!(Balances::total_issuance(), self.issuance, "issuance changed");
	}
}

/// Bob (generator), Charlie (discom), Eve (bank), Ferdie (the NRLDC) and Dave, registered
/// with `dave` (the attacker's role).
fn onboard(dave: Role) {
	register(Bob, Role::Generator, "NTPC Singrauli");
	register(Charlie, Role::Buyer, "UPPCL");
	register(Eve, Role::Bank, "State Bank of India");
	register(Ferdie, Role::LoadDespatchCentre, "NRLDC");
	register(Dave, dave, "Dave");
}

/// A 10 MW share of Singrauli at INR 900 per kW-month and INR 2.00 per kWh, billed `period`,
/// from `start` to `end`. A block of 10 MW: 2,500 kWh = INR 5,000 of energy and 10,000 x 900
/// / (30 x 96) = INR 3,125 of capacity in November (normative availability 100 %, 30-day
/// months: the figures of these attacks are plain).
fn ten_mw(start: GridDay, end: GridDay, period: BillingPeriod) -> PpaTerms {
	let mut terms =
		PpaTerms::with_defaults(b"Singrauli STPS", 10_000, start, end, inr(900), inr(2));
	terms.billing_period = period;
	terms.calendar_months = false;
	terms.normative_availability = sp_runtime::Permill::one();
	terms
}

/// The same at 1 MW, whose LC the dev accounts can afford: 110 % of (1,000 x 900 + 1,000 x
/// 730 h x 80 % x 2) = INR 22,74,800 of cover. A block of 1 MW: INR 500 of energy and INR
/// 312.50 of capacity in November.
fn one_mw(start: GridDay, end: GridDay, period: BillingPeriod) -> PpaTerms {
	let mut terms = ten_mw(start, end, period);
	terms.capacity_kw = 1_000;
	terms
}

/// Bob proposes `terms` to `buyer`, scheduled and metered by `ldc`; the buyer countersigns
/// the hash of what it read. Returns the PPA.
fn ppa(buyer: Sr25519Keyring, ldc: Sr25519Keyring, terms: PpaTerms) -> u32 {
	let id = pallet_registry::NextPpaId::<Runtime>::get();
	assert_ok!(call(
		Bob,
		RegistryCall::propose_ppa {
			seller: account(Bob),
			buyer: account(buyer),
			ldc: account(ldc),
			terms,
		}
	));
	let terms_hash = Registry::proposal_hash(id).expect("proposed");
	assert_ok!(call(buyer, RegistryCall::sign_ppa { ppa: id, terms_hash }));
	id
}

fn kw(profile: Vec<u32>) -> BoundedVec<u32, frame_support::traits::ConstU32<96>> {
	BoundedVec::truncate_from(profile)
}

/// `buyer` requisitions `kw` in every block of `day` of `ppa` (before the gate of the day
/// before).
fn requisition(buyer: Sr25519Keyring, ppa: u32, day: GridDay, kw_each: u32) {
	assert_ok!(call(buyer, SchedulingCall::requisition { ppa, day, kw: kw(vec![kw_each; 96]) }));
}

fn finalize(ldc: Sr25519Keyring, day: GridDay, ppas: Vec<u32>) -> Result<(), DispatchError> {
	call(ldc, SchedulingCall::finalize_schedules { day, ppas: BoundedVec::truncate_from(ppas) })
}

fn meter(
	ldc: Sr25519Keyring,
	day: GridDay,
	b: u8,
	readings: Vec<(u32, u64)>,
) -> Result<(), DispatchError> {
	call(
		ldc,
		SchedulingCall::submit_meter_readings {
			day,
			block: TimeBlock::new(b).expect("a time block"),
			readings: BoundedVec::truncate_from(readings),
		},
	)
}

/// The cast onboarded (Dave the regulator), a daily-billed 10 MW PPA with an advance, its
/// first block of tomorrow requisitioned, finalized and metered (INR 5,000 of energy and INR
/// 3,125 of capacity), and that day's bill presented the day after: the grid, today, the PPA
/// and the bill.
fn one_bill_presented() -> (Grid, GridDay, u32, pallet_settlement::BillId) {
	let mut grid = Grid::start();
	let today = GridClock::today();
	onboard(Role::Regulator);
	let id = ppa(Charlie, Ferdie, ten_mw(today, today + 364, BillingPeriod::Daily));
	assert_ok!(call(Charlie, EscrowCall::deposit_advance { ppa: id, amount: inr(10) }));
	requisition(Charlie, id, today + 1, 10_000);
	grid.at(today, 41);
	assert_ok!(finalize(Ferdie, today + 1, vec![id]));
	grid.at(today + 1, 5);
	assert_ok!(meter(Ferdie, today + 1, 0, vec![(id, 2_500_000)]));
	grid.at(today + 2, 1);
	(grid, today, id, pallet_settlement::NextBillId::<Runtime>::get() - 1)
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

fn dues(ppa: u32) -> ppa_primitives::Dues {
	Settlement::ppa_dues(ppa)
}

// --- 1. A PPA that ends leaves nobody in default ------------------------------------------

/// A whole PPA term, a year at the dev clock: an LC of exactly the required cover expiring on
/// the PPA's last day, energy scheduled and metered every day, every monthly bill paid when
/// presented. The buyer is never in default, nothing is recorded against its security, and
/// after the end (the LC expired the day after the last day of supply) its status is clean.
#[test]
fn a_ppa_that_ends_leaves_nobody_in_default() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Regulator);
		let end = today + 364;
		// 1 MW in block 0 of each day; monthly bills.
		let id = ppa(Charlie, Ferdie, one_mw(today, end, BillingPeriod::Monthly));
		let required = Escrow::coverage(id, today).required;
		assert!(required > 0);
		let lc = pallet_escrow::NextLcId::<Runtime>::get();
		open_lc(
			Charlie,
			Eve,
			id,
			pallet_escrow::LcTerms {
				amount: required,
				expiry_day: end,
				revolving: true,
				drawals_per_month: 1,
				restore_within_days: 15,
			},
		);
		let mut one_block = vec![0u32; 96];
		one_block[0] = 1_000;
		let mut paid_bills = 0;
		for day in today..=end + 40 {
			grid.at(day, 1);
			if day > today && day <= end {
				assert_ok!(meter(Ferdie, day, 0, vec![(id, 250_000)]));
			}
			let owed = dues(id);
			if owed.outstanding + owed.lps > 0 {
				assert_ok!(call(Charlie, common::pay(id, owed.outstanding + owed.lps)));
				paid_bills += 1;
			}
			if day < end {
				assert_ok!(call(
					Charlie,
					SchedulingCall::requisition {
						ppa: id,
						day: day + 1,
						kw: kw(one_block.clone())
					}
				));
				grid.at(day, 41);
				assert_ok!(finalize(Ferdie, day + 1, vec![id]));
			}
			assert!(!Defaults::in_default(&account(Charlie)), "in default on day {day}");
			assert!(
				!events().iter().any(|e| matches!(
					e,
					RuntimeEvent::Escrow(pallet_escrow::Event::PsmFailed { .. })
						| RuntimeEvent::Defaults(
							pallet_defaults::Event::SecurityFailureRecorded { .. }
						)
				)),
				"a payment-security failure on day {day}"
			);
		}
		// Twelve or thirteen monthly bills, each paid.
		assert!(paid_bills >= 12, "{paid_bills} bills paid");
		assert_eq!(dues(id).outstanding + dues(id).lps + dues(id).unbilled, 0);
		assert_eq!(Registry::status(id), Some(PpaStatus::Expired));
		assert!(pallet_escrow::LettersOfCredit::<Runtime>::get(lc).is_none(), "the LC expired");
		assert_eq!(Defaults::status(&account(Charlie)), DefaultStatus::default());
		assert!(pallet_defaults::Standings::<Runtime>::get(account(Charlie)).is_none());
	});
}

/// A failure recorded while a PPA binds ends with it: the regulator terminates a PPA whose
/// LC lapsed; the failure is cleared with an event and the buyer restored. The regulator can
/// also clear a failure by order.
#[test]
fn failures_end_with_their_ppa_or_by_the_regulators_order() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Regulator);
		let a = ppa(Charlie, Ferdie, one_mw(today, today + 364, BillingPeriod::Daily));
		let b = ppa(Charlie, Ferdie, one_mw(today, today + 364, BillingPeriod::Daily));
		for id in [a, b] {
			let required = Escrow::coverage(id, today).required;
			open_lc(
				Charlie,
				Eve,
				id,
				pallet_escrow::LcTerms {
					amount: required,
					expiry_day: today + 5,
					revolving: true,
					drawals_per_month: 1,
					restore_within_days: 15,
				},
			);
		}
		// Both LCs expire on day + 6 while the PPAs bind: two failures, Charlie in default.
		grid.at(today + 6, 0);
		assert!(Defaults::in_default(&account(Charlie)));
		assert_eq!(Defaults::status(&account(Charlie)).failed_security, 2);
		sudo(RegistryCall::terminate_by_regulator { ppa: a, reason: [4u8; 32].into() });
		assert!(events().contains(&RuntimeEvent::Defaults(
			pallet_defaults::Event::SecurityFailureEndedWithPpa {
				buyer: account(Charlie),
				ppa: a,
				day: today + 6
			}
		)));
		assert_eq!(Defaults::status(&account(Charlie)).failed_security, 1);
		let order = [9u8; 32].into();
		sudo(pallet_defaults::Call::<Runtime>::clear_security_failure {
			buyer: account(Charlie),
			ppa: b,
			order,
		});
		assert!(!Defaults::in_default(&account(Charlie)));
		grid.check();
	});
}

// --- 2. Only the PPA's own LDC schedules and meters it, only within supply -----------------

/// A rogue LDC key (Dave, a registered LDC of another control area) tries to finalize, approve
/// revisions for and meter Charlie's PPA, whose LDC is Ferdie: refused with
/// `NotTheSchedulingLdc`. Ferdie's readings for days before the supply starts, after the
/// termination or older than the meter window are refused; nothing is ever charged for them.
/// Dave cannot fail Ferdie's batch by metering one of its PPAs first.
#[test]
fn only_the_ppas_own_ldc_schedules_and_meters_it_and_only_within_supply() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::LoadDespatchCentre);
		register(Alice, Role::Buyer, "MPPMCL");
		// PPA 0 supplies from tomorrow (Ferdie's); PPA 1 from today (Dave's).
		let id = ppa(Charlie, Ferdie, ten_mw(today + 1, today + 364, BillingPeriod::Daily));
		let other = ppa(Alice, Dave, ten_mw(today, today + 364, BillingPeriod::Daily));
		for (buyer, p) in [(Charlie, id), (Alice, other)] {
			assert_ok!(call(buyer, EscrowCall::deposit_advance { ppa: p, amount: inr(2_000_000) }));
		}
		requisition(Charlie, id, today + 1, 10_000);
		requisition(Alice, other, today + 1, 10_000);

		// The fabricated day: today is before PPA 0's supply; Dave is not its LDC.
		grid.at(today, 10);
		assert_noop!(
			meter(Dave, today, 0, vec![(id, 2_500_000)]),
			pallet_scheduling::Error::<Runtime>::NotTheSchedulingLdc
		);
		assert_noop!(
			meter(Ferdie, today, 0, vec![(id, 2_500_000)]),
			pallet_scheduling::Error::<Runtime>::NotBindingThatDay
		);

		grid.at(today, 41);
		assert_noop!(
			finalize(Dave, today + 1, vec![id]),
			pallet_scheduling::Error::<Runtime>::NotTheSchedulingLdc
		);
		assert_noop!(
			finalize(Dave, today + 1, vec![other, id]),
			pallet_scheduling::Error::<Runtime>::NotTheSchedulingLdc
		);
		assert_ok!(finalize(Ferdie, today + 1, vec![id]));
		assert_ok!(finalize(Dave, today + 1, vec![other]));

		// Tomorrow: Dave tries to spoil Ferdie's batch by metering PPA 0 first.
		grid.at(today + 1, 2);
		assert_noop!(
			meter(Dave, today + 1, 0, vec![(id, 1)]),
			pallet_scheduling::Error::<Runtime>::NotTheSchedulingLdc
		);
		assert_ok!(meter(Ferdie, today + 1, 0, vec![(id, 2_500_000)]));
		assert_ok!(meter(Dave, today + 1, 0, vec![(other, 2_500_000)]));
		// Revisions: only Ferdie approves PPA 0's.
		let tail = kw(vec![5_000; 96 - 10]);
		assert_ok!(call(
			Charlie,
			SchedulingCall::request_revision {
				ppa: id,
				from_block: TimeBlock::new(10).unwrap(),
				kw: tail
			}
		));
		assert_noop!(
			call(Dave, SchedulingCall::approve_revision { ppa: id }),
			pallet_scheduling::Error::<Runtime>::NotTheSchedulingLdc
		);
		assert_noop!(
			call(Dave, SchedulingCall::reject_revision { ppa: id }),
			pallet_scheduling::Error::<Runtime>::NotTheSchedulingLdc
		);
		assert_ok!(call(Ferdie, SchedulingCall::approve_revision { ppa: id }));

		// The regulator terminates PPA 0 today: the day itself is still its own, the next
		// is not, and nothing is charged for it.
		sudo(RegistryCall::terminate_by_regulator { ppa: id, reason: [4u8; 32].into() });
		grid.at(today + 2, 2);
		let billed = dues(id).billed + dues(id).unbilled;
		assert_noop!(
			meter(Ferdie, today + 2, 0, vec![(id, 2_500_000)]),
			pallet_scheduling::Error::<Runtime>::NotBindingThatDay
		);
		assert_ok!(meter(Ferdie, today + 1, 1, vec![(id, 2_500_000)]));
		assert!(dues(id).billed + dues(id).unbilled > billed, "the termination day is billed");

		// Weekly meter data is accepted; data older than the window (15 days) is not.
		grid.at(today + 17, 2);
		assert_noop!(
			meter(Dave, today + 1, 5, vec![(other, 2_500_000)]),
			pallet_scheduling::Error::<Runtime>::MeterWindowClosed
		);
		assert_ok!(meter(Dave, today + 2, 5, vec![(other, 2_500_000)]));
	});
}

// --- 3. Advance payment backs what it was committed to, until it is paid -------------------

/// The exploit: a daily PPA whose buyer holds twice a day's value as advance; the LDC meters
/// the day; the buyer withdraws the advance behind the energy just delivered before the bill
/// is presented. Refused (`AdvanceSecuresDues`); the next morning the bill is presented and
/// paid from the advance, and only then does the rest come back to the buyer.
#[test]
fn the_advance_behind_delivered_energy_cannot_be_withdrawn() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Regulator);
		let id = ppa(Charlie, Ferdie, ten_mw(today, today + 364, BillingPeriod::Daily));
		// 10 MW in blocks 0-94 (the last block's meter data would come after the bill): 95 x
		// (5,000 + 3,125) = INR 7,71,875 for the day; twice that as advance.
		let day_bill = 95 * inr(8_125);
		assert_ok!(call(Charlie, EscrowCall::deposit_advance { ppa: id, amount: 2 * day_bill }));
		let day = today + 1;
		let mut profile = vec![10_000u32; 96];
		profile[95] = 0;
		assert_ok!(call(Charlie, SchedulingCall::requisition { ppa: id, day, kw: kw(profile) }));
		grid.at(today, 41);
		assert_ok!(finalize(Ferdie, day, vec![id]));
		assert_eq!(Escrow::coverage(id, day).advance_committed, 95 * inr(5_000));
		// The day is delivered and metered, block by block as each ends.
		for b in 0..95u8 {
			grid.at(day, u64::from(b) + 1);
			assert_ok!(meter(Ferdie, day, b, vec![(id, 2_500_000)]));
		}
		let advance = pallet_escrow::Advances::<Runtime>::get(id).unwrap();
		assert_eq!((advance.held, advance.committed), (2 * day_bill, 0));
		assert_eq!(dues(id).unbilled, day_bill);
		// The exploit: withdraw everything now that nothing is committed.
		assert_noop!(
			call(Charlie, EscrowCall::withdraw_advance { ppa: id, amount: advance.held }),
			pallet_escrow::Error::<Runtime>::AdvanceSecuresDues
		);
		// What exceeds the dues may go.
		assert_ok!(call(Charlie, EscrowCall::withdraw_advance { ppa: id, amount: day_bill }));
		let bob = Balances::total_balance(&account(Bob));
		// The bill of the day: presented the next morning and paid from the advance.
		grid.at(day + 1, 1);
		let paid: u128 =
			events()
				.iter()
				.filter_map(|e| match e {
					RuntimeEvent::Escrow(pallet_escrow::Event::AdvancePaid {
						ppa, amount, ..
					}) if *ppa == id => Some(*amount),
					_ => None,
				})
				.sum();
		assert!(paid > 0, "the bill is paid from the advance");
		assert_eq!(Balances::total_balance(&account(Bob)), bob + paid);
		let owed = dues(id);
		assert_eq!(owed.outstanding + owed.unbilled, 0, "the delivered energy is paid");
	});
}

/// A PPA terminated after tomorrow's schedule was finalized: tomorrow can never be metered,
/// so the advance committed to it is released (scheduling is told of the end) and the buyer
/// gets it back; nothing stays locked for good.
#[test]
fn the_advance_behind_a_day_that_will_not_come_is_released() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Regulator);
		let id = ppa(Charlie, Ferdie, ten_mw(today, today + 364, BillingPeriod::Daily));
		assert_ok!(call(Charlie, EscrowCall::deposit_advance { ppa: id, amount: inr(1_000_000) }));
		requisition(Charlie, id, today + 1, 10_000);
		grid.at(today, 41);
		assert_ok!(finalize(Ferdie, today + 1, vec![id]));
		assert_eq!(Escrow::coverage(id, today + 1).advance_committed, inr(480_000));
		sudo(RegistryCall::terminate_by_regulator { ppa: id, reason: [4u8; 32].into() });
		assert!(events().contains(&RuntimeEvent::Scheduling(
			pallet_scheduling::Event::ScheduleCancelled {
				ppa: id,
				day: today + 1,
				released: inr(480_000)
			}
		)));
		assert_eq!(Escrow::coverage(id, today + 1).advance_committed, 0);
		grid.at(today + 1, 5);
		assert_ok!(call(Charlie, EscrowCall::withdraw_advance { ppa: id, amount: inr(1_000_000) }));
	});
}

// --- 4. Letters of credit only where the buyer asked for them -------------------------------

/// A bank (Dave) opens one-unit LCs valid for years on Charlie's PPA without being asked, to
/// fill its LC slots and lock out Charlie's real bank: refused (`NoLcRequest`). Charlie may
/// not ask for dust either (`LcBelowCoverShare`). Charlie asks Eve; Eve opens on exactly those
/// terms, not others. The regulator force-closes an LC by order; a suspended bank can only
/// release.
#[test]
fn letters_of_credit_only_where_the_buyer_asked_for_them() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Bank);
		let id = ppa(Charlie, Ferdie, one_mw(today, today + 364, BillingPeriod::Daily));
		let dust = pallet_escrow::LcTerms {
			amount: 1,
			expiry_day: today + 1_800,
			revolving: true,
			drawals_per_month: 1,
			restore_within_days: 15,
		};
		for _ in 0..4 {
			assert_noop!(
				call(Dave, EscrowCall::open_letter_of_credit { ppa: id, terms: dust }),
				pallet_escrow::Error::<Runtime>::NoLcRequest
			);
		}
		let real = pallet_escrow::LcTerms {
			amount: Escrow::coverage(id, today).required,
			expiry_day: today + 364,
			..dust
		};
		assert_noop!(
			call(
				Dave,
				EscrowCall::request_letter_of_credit { ppa: id, bank: account(Dave), terms: dust }
			),
			pallet_escrow::Error::<Runtime>::NotTheBuyer
		);
		// Nor may the buyer itself ask for dust: an LC covers at least its share of the
		// required cover (a quarter: the runtime allows four LCs a PPA).
		let share = Escrow::lc_cover_share(id, today);
		assert_eq!(share, real.amount.div_ceil(4));
		assert_noop!(
			call(
				Charlie,
				EscrowCall::request_letter_of_credit {
					ppa: id,
					bank: account(Eve),
					terms: pallet_escrow::LcTerms { amount: share - 1, ..real }
				}
			),
			pallet_escrow::Error::<Runtime>::LcBelowCoverShare
		);
		assert_ok!(call(
			Charlie,
			EscrowCall::request_letter_of_credit { ppa: id, bank: account(Eve), terms: real }
		));
		assert_noop!(
			call(Dave, EscrowCall::open_letter_of_credit { ppa: id, terms: real }),
			pallet_escrow::Error::<Runtime>::NoLcRequest
		);
		assert_noop!(
			call(Eve, EscrowCall::open_letter_of_credit { ppa: id, terms: dust }),
			pallet_escrow::Error::<Runtime>::LcTermsDiffer
		);
		let lc = pallet_escrow::NextLcId::<Runtime>::get();
		assert_ok!(call(Eve, EscrowCall::open_letter_of_credit { ppa: id, terms: real }));
		assert!(Escrow::coverage(id, today).adequate);

		// A suspended bank can do nothing but release.
		sudo(RegistryCall::suspend_participant { who: account(Eve) });
		assert_noop!(
			call(Eve, EscrowCall::increase_letter_of_credit { lc, by: 1 }),
			pallet_escrow::Error::<Runtime>::NotABank
		);
		assert_noop!(
			call(Eve, EscrowCall::renew_letter_of_credit { lc, expiry_day: today + 400 }),
			pallet_escrow::Error::<Runtime>::NotABank
		);
		// The regulator closes it by order.
		let order = [7u8; 32].into();
		sudo(EscrowCall::force_close_letter_of_credit { lc, order });
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Escrow(pallet_escrow::Event::LcForceClosed { lc: closed, order: o, .. })
				if *closed == lc && *o == order
		)));
		assert!(pallet_escrow::LettersOfCredit::<Runtime>::get(lc).is_none());
		grid.check();
	});
}

/// The same holds for bank guarantees: Dave issues unasked payment BGs on Charlie's PPA (which
/// would fill its places and make Charlie owe Dave what they pay out): refused
/// (`NoBgRequest`). Bob may not ask for Charlie's payment BG (`NotTheObligor`); Charlie asks
/// Eve, and Eve issues exactly that.
#[test]
fn bank_guarantees_only_where_their_obligor_asked_for_them() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Bank);
		let id = ppa(Charlie, Ferdie, one_mw(today, today + 364, BillingPeriod::Daily));
		let kind = ppa_primitives::BankGuaranteeKind::Payment;
		let terms = pallet_escrow::BgTerms { kind, amount: inr(100_000), expiry_day: today + 364 };
		let issue = |bank| {
			call(
				bank,
				EscrowCall::issue_bank_guarantee {
					ppa: id,
					kind,
					amount: terms.amount,
					expiry_day: terms.expiry_day,
				},
			)
		};
		for _ in 0..4 {
			assert_noop!(issue(Dave), pallet_escrow::Error::<Runtime>::NoBgRequest);
		}
		let ask = |who, bank| {
			call(who, EscrowCall::request_bank_guarantee { ppa: id, bank: account(bank), terms })
		};
		assert_noop!(ask(Bob, Dave), pallet_escrow::Error::<Runtime>::NotTheObligor);
		assert_ok!(ask(Charlie, Eve));
		assert_noop!(issue(Dave), pallet_escrow::Error::<Runtime>::NoBgRequest);
		let bg = pallet_escrow::NextBgId::<Runtime>::get();
		assert_ok!(issue(Eve));
		let issued = pallet_escrow::BankGuarantees::<Runtime>::get(bg).expect("issued");
		assert_eq!(
			(issued.bank, issued.obligor, issued.amount),
			(account(Eve), account(Charlie), terms.amount)
		);
		assert_eq!(Escrow::coverage(id, today).payment_bank_guarantees, terms.amount);
		grid.check();
	});
}

// --- 5. A signature binds the terms signed ---------------------------------------------------

/// Bob proposes an amendment; Charlie reviews it and signs its hash; in the same block, before
/// Charlie's signature, Bob swaps it for one at twice the capacity rate. Charlie's signature
/// is refused (`TermsChanged`) and the terms in force are unchanged.
#[test]
fn a_signature_binds_the_terms_signed() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Regulator);
		let terms = ten_mw(today, today + 364, BillingPeriod::Daily);
		let id = ppa(Charlie, Ferdie, terms.clone());
		let mut fair = terms.clone();
		fair.energy_rate = inr(1);
		assert_ok!(call(
			Bob,
			RegistryCall::propose_amendment { ppa: id, terms: fair, effective_from: today + 10 }
		));
		let reviewed = Registry::pending_amendment_hash(id).unwrap();
		let mut unfair = terms.clone();
		unfair.capacity_rate *= 2;
		assert_ok!(call(Bob, RegistryCall::withdraw_amendment { ppa: id }));
		assert_ok!(call(
			Bob,
			RegistryCall::propose_amendment { ppa: id, terms: unfair, effective_from: today + 10 }
		));
		assert_noop!(
			call(Charlie, RegistryCall::sign_amendment { ppa: id, amendment_hash: reviewed }),
			pallet_registry::Error::<Runtime>::TermsChanged
		);
		assert_eq!(Registry::terms_on(id, today + 10), Some(terms));
		grid.check();
	});
}

// --- 6. Security is released only when the dues it secures are settled ----------------------

/// The regulator terminates a daily PPA with a bill unpaid and a day's energy not yet billed.
/// The bank cannot close the LC (`DuesUnsettled`); the bill of the last day is still presented;
/// on the due date the LC is drawn by itself and the seller collects; then the bank closes.
#[test]
fn security_is_released_only_when_its_dues_are_settled() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid::start();
		let today = GridClock::today();
		onboard(Role::Regulator);
		let id = ppa(Charlie, Ferdie, one_mw(today, today + 364, BillingPeriod::Daily));
		let lc = pallet_escrow::NextLcId::<Runtime>::get();
		open_lc(
			Charlie,
			Eve,
			id,
			pallet_escrow::LcTerms {
				amount: Escrow::coverage(id, today).required,
				expiry_day: today + 120,
				revolving: true,
				drawals_per_month: 1,
				restore_within_days: 15,
			},
		);
		requisition(Charlie, id, today + 1, 1_000);
		grid.at(today, 41);
		assert_ok!(finalize(Ferdie, today + 1, vec![id]));
		grid.at(today + 1, 5);
		for b in 0..4u8 {
			assert_ok!(meter(Ferdie, today + 1, b, vec![(id, 250_000)]));
		}
		sudo(RegistryCall::terminate_by_regulator { ppa: id, reason: [4u8; 32].into() });
		// Four blocks of INR 812.50.
		assert_eq!(dues(id).unbilled, inr(3_250));
		assert_noop!(
			call(Eve, EscrowCall::close_letter_of_credit { lc }),
			pallet_escrow::Error::<Runtime>::DuesUnsettled
		);
		// Presented the next day, due 45 days later: unpaid, the LC is drawn on the due date.
		grid.at(today + 2, 1);
		assert_eq!(dues(id).outstanding, inr(3_250));
		let bob = Balances::total_balance(&account(Bob));
		grid.at(today + 2 + 45, 1);
		grid.at(today + 2 + 46, 1);
		assert_eq!(dues(id).outstanding + dues(id).lps, 0, "the seller collected from the LC");
		assert!(Balances::total_balance(&account(Bob)) >= bob + inr(3_250));
		assert_ok!(call(Eve, EscrowCall::close_letter_of_credit { lc }));
		grid.check();
	});
}

// --- 7. Suspension means suspension ----------------------------------------------------------

/// A suspended participant can only pay what it owes and release what it holds: a buyer
/// neither requisitions, revises, asks for an LC nor disputes; a generator neither declares,
/// revises, offers nor draws; a bank issues nothing; an LDC neither finalizes nor meters. The
/// suspended buyer still pays.
#[test]
fn suspension_means_suspension() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let (grid, today, id, bill) = one_bill_presented();
		for who in [Bob, Charlie, Eve, Ferdie] {
			sudo(RegistryCall::suspend_participant { who: account(who) });
		}
		// The buyer.
		assert_noop!(
			call(
				Charlie,
				SchedulingCall::requisition { ppa: id, day: today + 3, kw: kw(vec![1; 96]) }
			),
			pallet_scheduling::Error::<Runtime>::Suspended
		);
		assert_noop!(
			call(
				Charlie,
				SchedulingCall::request_revision {
					ppa: id,
					from_block: TimeBlock::new(40).unwrap(),
					kw: kw(vec![1; 56])
				}
			),
			pallet_scheduling::Error::<Runtime>::Suspended
		);
		assert_noop!(
			call(
				Charlie,
				SettlementCall::dispute_bill { ppa: id, bill, amount: 1, reason: [1u8; 32].into() }
			),
			pallet_settlement::Error::<Runtime>::Suspended
		);
		assert_noop!(
			call(
				Charlie,
				EscrowCall::request_letter_of_credit {
					ppa: id,
					bank: account(Eve),
					terms: pallet_escrow::LcTerms {
						amount: 1,
						expiry_day: today + 10,
						revolving: true,
						drawals_per_month: 1,
						restore_within_days: 15
					}
				}
			),
			pallet_escrow::Error::<Runtime>::BuyerNotActive
		);
		assert_noop!(
			call(
				Charlie,
				pallet_resale::Call::<Runtime>::bid {
					ppa: id,
					day: today + 3,
					block: TimeBlock::FIRST,
					kw: 1,
					price: 1
				}
			),
			pallet_resale::Error::<Runtime>::NotABuyer
		);
		// The generator.
		assert_noop!(
			call(Bob, SettlementCall::draw_letter_of_credit { ppa: id }),
			pallet_settlement::Error::<Runtime>::Suspended
		);
		assert_noop!(
			call(
				Bob,
				pallet_resale::Call::<Runtime>::offer {
					ppa: id,
					day: today + 3,
					kw: kw(vec![1; 96]),
					reserve: 1,
					whole_share: false
				}
			),
			pallet_resale::Error::<Runtime>::Suspended
		);
		// The bank and the LDC.
		assert_noop!(
			call(
				Eve,
				EscrowCall::issue_bank_guarantee {
					ppa: id,
					kind: ppa_primitives::BankGuaranteeKind::Payment,
					amount: 1,
					expiry_day: today + 10
				}
			),
			pallet_escrow::Error::<Runtime>::NotABank
		);
		assert_noop!(
			finalize(Ferdie, today + 3, vec![id]),
			pallet_scheduling::Error::<Runtime>::NotAnLdc
		);
		assert_noop!(
			meter(Ferdie, today + 2, 0, vec![(id, 1)]),
			pallet_scheduling::Error::<Runtime>::NotAnLdc
		);
		// Paying what it owes is still open to the suspended buyer.
		let owed = dues(id).outstanding;
		assert!(owed > 0);
		assert_ok!(call(Charlie, common::pay(id, owed)));
		assert_eq!(dues(id).outstanding, 0);
		grid.check();
	});
}

// --- 8. The regulator is the registered regulator ------------------------------------------

/// Rulings are the registered regulator's (Dave, CERC), signed with its own key: the buyer
/// that disputed a bill cannot rule on its own dispute, nor can the seller, a bank or the
/// LDC; the regulator's ruling takes the upheld amount off the bill. The discom can neither
/// relax its own regulation nor terminate; a suspended regulator terminates nothing, and once
/// reinstated it does.
#[test]
fn only_the_registered_regulator_rules_on_disputes_and_terminates() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let (grid, today, id, bill) = one_bill_presented();
		assert_ok!(call(
			Charlie,
			SettlementCall::dispute_bill {
				ppa: id,
				bill,
				amount: inr(1_000),
				reason: [9; 32].into()
			}
		));
		let ruling = SettlementCall::resolve_dispute { ppa: id, bill, upheld: inr(400) };
		for who in [Charlie, Bob, Eve, Ferdie] {
			assert_noop!(call(who, ruling.clone()), DispatchError::BadOrigin);
		}
		let owed = dues(id).outstanding;
		assert_ok!(call(Dave, ruling));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Settlement(pallet_settlement::Event::DisputeResolved { upheld, .. })
				if *upheld == inr(400)
		)));
		// Of the INR 1,000 disputed (payable all along, no stay), the INR 400 upheld comes off
		// the bill; the other INR 600 was owed throughout.
		assert_eq!(dues(id).outstanding, owed - inr(400));

		// The regulator's other powers take the same origin.
		let relax = pallet_defaults::Call::<Runtime>::relax_regulation {
			buyer: account(Charlie),
			until: today + 5,
			reason: [5; 32].into(),
		};
		assert_noop!(call(Charlie, relax), DispatchError::BadOrigin);
		let terminate = RegistryCall::terminate_by_regulator { ppa: id, reason: [4; 32].into() };
		assert_noop!(call(Charlie, terminate.clone()), DispatchError::BadOrigin);
		// Suspended by the admin origin, the regulator rules nothing; reinstated, it does.
		sudo(RegistryCall::suspend_participant { who: account(Dave) });
		assert_noop!(call(Dave, terminate.clone()), DispatchError::BadOrigin);
		sudo(RegistryCall::reinstate_participant { who: account(Dave) });
		assert_ok!(call(Dave, terminate));
		assert_eq!(Registry::status(id), Some(PpaStatus::Terminated));
		grid.check();
	});
}
