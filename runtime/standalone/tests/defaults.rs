//! A buyer that stops paying, through the runtime's own calls and hooks across the registry,
//! escrow, scheduling, settlement and defaults, with the dev clock advanced day by day: its
//! LC drawn on the due date, LPS accruing, default at P + 75 days with the payment BG
//! encashed, graded regulation of 10 % at P + 105 and 20 % at P + 135 (applied by the
//! scheduling gate), and full payment restoring it in the same block (rules 16-22).
//! Total issuance never changes.

mod common;

use common::{account, block, genesis_storage, register, terms, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};
use ppa_primitives::{
	money::inr, BankGuaranteeKind, BillingPeriod, BuyerDefaults, DuesLedger, GridDay, GridTime,
	Regulation, Role, SecurityInstrument, TimeBlock,
};
use ppa_runtime::{
	Balances, Defaults, GridClock, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Settlement,
	System,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Eve, Ferdie};
use sp_runtime::{traits::Dispatchable, Percent};

type DefaultsEvent = pallet_defaults::Event<Runtime>;
type SchedulingCall = pallet_scheduling::Call<Runtime>;

/// Real milliseconds per time block and per grid day on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
const DAY_MS: u64 = 96 * TIME_BLOCK_MS;

/// The bill of one metered block: 10 MW for 15 minutes at INR 2/kWh = INR 5,000 of energy,
/// plus the 250 MW share's capacity charge at INR 900/kW-month in November (30 days):
/// 2,50,000 x 900 / (30 x 96) = INR 78,125. INR 83,125 in all.
const BILL: u128 = inr(83_125);
/// The letter of credit: INR 50,000, not revolving (no restoration deadline).
const LC: u128 = inr(50_000);
/// The payment bank guarantee: INR 20,000.
const BG: u128 = inr(20_000);

fn call(who: Sr25519Keyring, call: impl Into<RuntimeCall>) -> sp_runtime::DispatchResult {
	call.into().dispatch(RuntimeOrigin::signed(account(who))).map(|_| ()).map_err(|e| e.error)
}

fn defaults_events() -> Vec<DefaultsEvent> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Defaults(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The grid: blocks at a time block of a grid day, numbered in order.
struct Grid {
	/// Grid day of the first block (24 November 2026).
	first_day: GridDay,
	/// The last block's number.
	n: u32,
}

impl Grid {
	/// Runs the next block at time block `tb` of grid day `day`, with fresh events.
	fn at(&mut self, day: GridDay, tb: u64) {
		self.n += 1;
		System::reset_events();
		let days = u64::from(day - self.first_day);
		block(self.n, NOV_24_IST_MIDNIGHT + days * DAY_MS + tb * TIME_BLOCK_MS);
		assert_eq!(GridClock::today(), day);
	}

	/// Charlie requisitions 10 MW in time block 0 of `day` at the start of the day before
	/// (the gate closes during it), and the LDC finalizes it at time block 40; returns the kW
	/// scheduled.
	fn schedule(&mut self, day: GridDay) -> u32 {
		self.at(day - 1, 0);
		let mut kw = vec![0u32; 96];
		kw[0] = 10_000;
		let kw = BoundedVec::truncate_from(kw);
		assert_ok!(call(Charlie, SchedulingCall::requisition { ppa: 0, day, kw }));
		self.at(day - 1, 40);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::finalize_schedules { day, ppas: BoundedVec::truncate_from(vec![0]) }
		));
		pallet_scheduling::DayDetails::<Runtime>::get(0, day)
			.map(|detail| detail.scheduled_kw[0])
			.unwrap_or_default()
	}
}

#[test]
fn a_buyer_that_stops_paying_is_drawn_defaulted_regulated_and_restored_rules_16_to_22() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut grid = Grid { first_day: 0, n: 0 };
		block(1, NOV_24_IST_MIDNIGHT);
		grid.n = 1;
		let today = GridClock::today();
		grid.first_day = today;
		register(Bob, Role::Generator, "NTPC Singrauli");
		register(Charlie, Role::Buyer, "UPPCL");
		register(Eve, Role::Bank, "State Bank of India");
		register(Ferdie, Role::LoadDespatchCentre, "NRLDC");
		let mut terms = terms(today, today + 365, 2_000_000);
		terms.billing_period = BillingPeriod::Daily;
		// The PPA asks no LC cover of its own (0 % of a month's billing), so the small LC this
		// test drains is no dust below its cover share.
		terms.payment_security.lc_percent_of_monthly_billing = 0;
		assert_ok!(call(
			Bob,
			pallet_registry::Call::<Runtime>::propose_ppa {
				seller: account(Bob),
				buyer: account(Charlie),
				ldc: account(Ferdie),
				terms,
			}
		));
		assert_ok!(call(
			Charlie,
			pallet_registry::Call::<Runtime>::sign_ppa {
				ppa: 0,
				terms_hash: ppa_runtime::Registry::proposal_hash(0).unwrap()
			}
		));
		common::open_lc(
			Charlie,
			Eve,
			0,
			pallet_escrow::LcTerms {
				amount: LC,
				expiry_day: today + 364,
				revolving: false,
				drawals_per_month: 1,
				restore_within_days: 15,
			},
		);
		assert_ok!(call(
			Charlie,
			pallet_escrow::Call::<Runtime>::request_bank_guarantee {
				ppa: 0,
				bank: account(Eve),
				terms: pallet_escrow::BgTerms {
					kind: BankGuaranteeKind::Payment,
					amount: BG,
					expiry_day: today + 364,
				},
			}
		));
		assert_ok!(call(
			Eve,
			pallet_escrow::Call::<Runtime>::issue_bank_guarantee {
				ppa: 0,
				kind: BankGuaranteeKind::Payment,
				amount: BG,
				expiry_day: today + 364,
			}
		));
		let issuance = Balances::total_issuance();
		let charlie = account(Charlie);

		// Tomorrow's block 0 is scheduled (INR 5,000 of energy, within the LC) and metered.
		let supply_day = today + 1;
		assert_eq!(grid.schedule(supply_day), 10_000);
		grid.at(supply_day, 1);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::submit_meter_readings {
				day: supply_day,
				block: TimeBlock::FIRST,
				readings: BoundedVec::truncate_from(vec![(0, 2_500_000)]),
			}
		));

		// P: the bill is presented the day after; D = P + 45.
		let p = supply_day + 1;
		grid.at(p, 0);
		let d = p + 45;
		assert_eq!(
			Settlement::bill_dues(0, 0).map(|b| (b.presented_on, b.due_on, b.outstanding)),
			Some((p, d, BILL))
		);

		// D: nothing drawn yet (the due date is a whole day, rule 16).
		grid.at(d, 0);
		assert!(defaults_events().is_empty());
		// D + 1: the LC is drawn for all it holds, INR 50,000 of the 83,125 due and the day's
		// LPS, 83,125 x 13.65 % / 365 = 31.086472, paid first; INR 33,156.086472 stays overdue,
		// and the default trigger date is P + 75 (D + 30 = P + 2.5 x 30).
		let bob = Balances::total_balance(&account(Bob));
		grid.at(d + 1, 0);
		let overdue = BILL - LC + 31_086_472;
		assert_eq!(
			defaults_events(),
			vec![
				DefaultsEvent::SecurityInvoked {
					ppa: 0,
					bill: 0,
					instrument: SecurityInstrument::LettersOfCredit,
					amount: LC,
				},
				DefaultsEvent::BillOverdue {
					ppa: 0,
					bill: 0,
					buyer: charlie.clone(),
					outstanding: overdue,
					trigger_on: p + 75,
				},
			]
		);
		assert_eq!(Balances::total_balance(&account(Bob)), bob + LC);
		assert!(!Defaults::in_default(&charlie));

		// P + 74: LPS accrues on INR 33,156.086472 from D + 2 at 13.65 % a year; no default yet.
		grid.at(p + 74, 0);
		assert!(!Defaults::in_default(&charlie));
		// P + 75 (D + 30): 29 more days of LPS, 33,156.086472 x 13.65 % x 29 / 365 with the
		// first day's remainder carried = INR 359.584571 (units of 10^-6 INR, rounded down).
		let lps_at_trigger = 359_584_571;
		grid.at(p + 75, 0);
		assert_eq!(
			defaults_events(),
			vec![
				DefaultsEvent::BuyerDefaulted { buyer: charlie.clone(), since: p + 75 },
				DefaultsEvent::DefaultTriggered {
					ppa: 0,
					bill: 0,
					buyer: charlie.clone(),
					outstanding: overdue,
					lps: lps_at_trigger,
					regulation_from: p + 105,
				},
				DefaultsEvent::SecurityInvoked {
					ppa: 0,
					bill: 0,
					instrument: SecurityInstrument::PaymentBankGuarantees,
					amount: BG,
				},
			]
		);
		// The BG paid the LPS first, then INR 19,640.415429 of principal: 13,515.671043 left.
		let principal_left = overdue - (BG - lps_at_trigger);
		assert_eq!(principal_left, 13_515_671_043);
		let bill = Settlement::bill_dues(0, 0).unwrap();
		assert_eq!((bill.outstanding, bill.lps), (principal_left, 0));
		let status = Defaults::status(&charlie);
		assert_eq!(status.in_default_since, Some(p + 75));
		assert_eq!(status.next_step, Some((p + 105, Percent::from_percent(10))));
		assert_eq!(status.regulated_share, Percent::zero());

		// P + 105: 10 % of the buyer's schedules withheld; P + 135: 20 %.
		assert_eq!(Defaults::regulated_share(&charlie, p + 104), Percent::zero());
		grid.at(p + 105, 0);
		assert_eq!(
			defaults_events(),
			vec![DefaultsEvent::RegulationStepped {
				buyer: charlie.clone(),
				share: Percent::from_percent(10),
				next_step: Some((p + 135, Percent::from_percent(20))),
			}]
		);
		// The buyer puts up an advance of INR 1 lakh (cover for the gate: the LC is spent).
		assert_ok!(call(
			Charlie,
			pallet_escrow::Call::<Runtime>::deposit_advance { ppa: 0, amount: inr(100_000) }
		));
		// The gate withholds 20 % of 10 MW for P + 135: 8 MW scheduled.
		assert_eq!(grid.schedule(p + 135), 8_000);
		grid.at(p + 135, 0);
		assert_eq!(Defaults::status(&charlie).regulated_share, Percent::from_percent(20));

		// P + 136: LPS on INR 13,515.671043 for 30 days at 14.15 % (month 2 of default),
		// 30 at 14.65 % (month 3) and 1 at 15.15 % (month 4):
		// 13,515.671043 x (0.1415 x 30 + 0.1465 x 30 + 0.1515) / 365 = INR 325.5425257, plus
		// the fraction of a unit carried from the first 30 days (0.29 of a unit): INR
		// 325.542526.
		grid.at(p + 136, 0);
		let lps_now = 325_542_526;
		let bill = Settlement::bill_dues(0, 0).unwrap();
		assert_eq!((bill.outstanding, bill.lps), (principal_left, lps_now));
		// Charlie pays everything: only what is owed moves, and in the same block its default
		// and regulation end.
		let (bob, charlie_before) =
			(Balances::total_balance(&account(Bob)), Balances::free_balance(&charlie));
		assert_ok!(call(Charlie, common::pay(0, inr(1_000_000))));
		assert_eq!(Balances::total_balance(&account(Bob)), bob + principal_left + lps_now);
		assert_eq!(Balances::free_balance(&charlie), charlie_before - principal_left - lps_now);
		assert_eq!(
			defaults_events(),
			vec![
				DefaultsEvent::DuesDefaultCured { buyer: charlie.clone(), since: p + 75 },
				DefaultsEvent::BuyerRestored { buyer: charlie.clone(), in_default_since: p + 75 },
			]
		);
		assert!(!Defaults::in_default(&charlie));
		assert_eq!(Defaults::status(&charlie), Default::default());
		// The next schedule is uncut.
		assert_eq!(Defaults::regulated_share(&charlie, p + 137), Percent::zero());
		assert_eq!(grid.schedule(p + 138), 10_000);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}
