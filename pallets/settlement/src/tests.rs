//! Tests of the settlement pallet, one per rule of docs/rules.md it implements and per error. Every test
//! runs in `run`, which checks the ledger's invariants and that balances add up afterwards.

use crate::{
	mock::*, Bills, Error, Event, Ledgers, OpenBills, PaymentSource, Stay, StayAuthority, Stays,
	UnpaidBills,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use ppa_primitives::{
	money::inr, BillingHistory, BindingPpa, BlockEnergy, Collected, DocumentHash, DuesCollection,
	DuesLedger, Exposure, GridDay, GridInstant, OnEnergyMetered, PpaId, PpaRegistry, PpaStatus,
	ProceedsCredit, SecurityInstrument, TimeBlock,
};
use sp_runtime::{traits::BadOrigin, Permill};

/// A 10 MW block fully scheduled and available: 2,500 kWh x INR 3 = INR 7,500 of energy, and
/// 10,000 kW x INR 500 / (30 days x 96) = INR 1,736.111111 of capacity (November, rounded
/// down).
const ENERGY: u128 = 7_500_000_000;
const CAPACITY: u128 = 1_736_111_111;
const BLOCK: u128 = ENERGY + CAPACITY;

/// INR 10,950 of energy (3,650 kWh), no capacity: round LPS figures.
const ROUND_WH: u64 = 3_650_000;
const ROUND: u128 = 10_950_000_000;

fn at(day: GridDay, block: u8) -> GridInstant {
	GridInstant::new(day, TimeBlock::new(block).unwrap())
}

/// Tells settlement that `ppa`'s block at `at` is metered, as scheduling does: only for a day
/// the PPA binds (rule 5), with its parties and terms as read. Returns whether the block was
/// paid at once from the advance.
fn energy_metered(ppa: PpaId, at: GridInstant, energy: BlockEnergy) -> bool {
	TestRegistry::binding_on(ppa, at.day).is_some_and(|(parties, terms)| {
		Settlement::energy_metered(&BindingPpa { ppa, parties, terms }, at, energy)
	})
}

/// Meters a full 10 MW block; whether it was paid at once from the advance.
fn meter(ppa: PpaId, day: GridDay, block: u8) -> bool {
	energy_metered(
		ppa,
		at(day, block),
		BlockEnergy {
			scheduled_wh: 2_500_000,
			actual_wh: 2_400_000,
			resold_wh: 0,
			availability: Permill::one(),
		},
	)
}

/// Meters INR 10,950 of energy with no capacity charge.
fn meter_round(ppa: PpaId, day: GridDay, block: u8) {
	energy_metered(
		ppa,
		at(day, block),
		BlockEnergy {
			scheduled_wh: ROUND_WH,
			actual_wh: ROUND_WH,
			resold_wh: 0,
			availability: Permill::zero(),
		},
	);
}

/// A daily bill of [`ROUND`] on the DAILY PPA, presented on `START_DAY + 1`; its id.
fn round_bill() -> u64 {
	meter_round(DAILY, START_DAY, 10);
	go_to(START_DAY + 1);
	crate::NextBillId::<Test>::get() - 1
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Settlement(e) = r.event { Some(e) } else { None })
		.collect()
}

fn reason() -> DocumentHash {
	DocumentHash::repeat_byte(7)
}

/// DISCOM_2 disputes INR 950 of bill `bill` of the DAILY PPA.
fn dispute_950(bill: u64) {
	assert_ok!(Settlement::dispute_bill(
		RuntimeOrigin::signed(DISCOM_2),
		DAILY,
		bill,
		inr(950),
		reason()
	));
}

#[test]
fn charges_per_time_block_rule_9() {
	run(|| {
		meter(MONTHLY, START_DAY, 40);
		System::assert_last_event(
			Event::BlockCharged {
				ppa: MONTHLY,
				at: at(START_DAY, 40),
				period: START_DAY - 23,
				energy_wh: 2_500_000,
				energy_charge: ENERGY,
				capacity_charge: CAPACITY,
			}
			.into(),
		);
		// Half availability halves the capacity charge; energy is billed as scheduled.
		energy_metered(
			MONTHLY,
			at(START_DAY, 41),
			BlockEnergy {
				scheduled_wh: 1_000_000,
				actual_wh: 0,
				resold_wh: 0,
				availability: Permill::from_percent(50),
			},
		);
		let open = OpenBills::<Test>::get(MONTHLY, START_DAY - 23).unwrap();
		assert_eq!(open.energy_charge, ENERGY + inr(3_000));
		assert_eq!(open.capacity_charge, CAPACITY + 868_055_555);
		assert_eq!(open.blocks, 2);
		assert_eq!(open.last_day, START_DAY + 6); // 30 November
		assert_eq!(Ledgers::<Test>::get(MONTHLY).unbilled, open.total());
		assert_eq!(Settlement::exposure(MONTHLY), open.total());
	});
}

#[test]
fn real_time_settlement_pays_each_block_from_advance_with_the_best_rebate_rule_7_rule_10() {
	run(|| {
		deposit_advance(REAL_TIME, inr(1_000_000));
		let (genco, escrow) = (free(GENCO), free(ESCROW));
		// Scheduling is told the block was paid at once (its batch is charged the parties'
		// balances once).
		assert!(meter(REAL_TIME, START_DAY, 95));
		// 1.5 % of INR 9,236.111111 = 138.541666665, rounded up: 138.541667.
		let rebate = 138_541_667;
		System::assert_last_event(
			Event::BlockSettled {
				ppa: REAL_TIME,
				at: at(START_DAY, 95),
				seller: GENCO,
				buyer: DISCOM,
				energy_wh: 2_500_000,
				energy_charge: ENERGY,
				capacity_charge: CAPACITY,
				paid: BLOCK - rebate,
				rebate,
			}
			.into(),
		);
		assert_eq!(free(GENCO), genco + BLOCK - rebate);
		assert_eq!(free(ESCROW), escrow - (BLOCK - rebate));
		let ledger = Ledgers::<Test>::get(REAL_TIME);
		assert_eq!((ledger.billed, ledger.paid, ledger.rebate), (BLOCK, BLOCK - rebate, rebate));
		assert_eq!((ledger.outstanding, ledger.unbilled, ledger.unpaid_bills), (0, 0, 0));
		assert_eq!(Bills::<Test>::iter().count(), 0);
		// Billed at once, in the ledger's own record.
		assert_eq!(Ledgers::<Test>::get(REAL_TIME).settled_through, Some(at(START_DAY, 95)));
		assert_eq!(Settlement::exposure(REAL_TIME), 0);
	});
}

#[test]
fn real_time_blocks_without_enough_advance_join_the_days_bill_rule_7() {
	run(|| {
		deposit_advance(REAL_TIME, inr(1_000));
		// Not paid at once, and scheduling is told so.
		assert!(!meter(REAL_TIME, START_DAY, 10));
		// The advance falls short: the block joins the day's bill, and so do the day's later
		// blocks even once the advance is topped up well beyond them, so that none is paid
		// ahead of it.
		deposit_advance(REAL_TIME, 2 * BLOCK);
		meter(REAL_TIME, START_DAY, 11);
		assert_eq!(OpenBills::<Test>::get(REAL_TIME, START_DAY).unwrap().total(), 2 * BLOCK);
		assert!(!events().iter().any(|e| matches!(e, Event::BlockSettled { .. })));
		let genco = free(GENCO);
		go_to(START_DAY + 1);
		// Presented the next day, as one bill of both blocks, which the advance pays in full
		// at once with the 1.5 % rebate.
		let bill = Bills::<Test>::get(REAL_TIME, 0).unwrap();
		assert_eq!((bill.presented_on, bill.due_on), (START_DAY + 1, START_DAY + 46));
		let rebate = Permill::from_parts(15_000).mul_ceil(2 * BLOCK);
		assert_eq!(
			(bill.billed, bill.paid, bill.rebate, bill.outstanding),
			(2 * BLOCK, 2 * BLOCK - rebate, rebate, 0)
		);
		assert_eq!(free(GENCO), genco + 2 * BLOCK - rebate);
		// Nothing is owed now: the next block is settled at once again.
		deposit_advance(REAL_TIME, BLOCK);
		meter(REAL_TIME, START_DAY + 1, 0);
		assert!(events().iter().any(|e| matches!(e, Event::BlockSettled { .. })));
		assert!(!OpenBills::<Test>::contains_key(REAL_TIME, START_DAY + 1));
	});
}

#[test]
fn real_time_blocks_queue_behind_an_unpaid_bill_rule_7() {
	run(|| {
		deposit_advance(REAL_TIME, inr(1_000));
		meter(REAL_TIME, START_DAY, 10);
		go_to(START_DAY + 1);
		// Presented the next day; the advance pays INR 1,000 of it at once (LPS none, no rebate
		// for a part payment).
		let bill = Bills::<Test>::get(REAL_TIME, 0).unwrap();
		assert_eq!(
			(bill.billed, bill.paid, bill.outstanding),
			(BLOCK, inr(1_000), BLOCK - inr(1_000))
		);
		// While a bill is unpaid, later blocks are not paid from advance ahead of it (FIFO).
		deposit_advance(REAL_TIME, inr(1_000_000));
		meter(REAL_TIME, START_DAY + 1, 0);
		assert!(OpenBills::<Test>::contains_key(REAL_TIME, START_DAY + 1));
	});
}

/// Meter data a week late (a week's data at once): each closed day is still presented as its
/// own bill, on the day its charges arrive, with its due date (the same for all of them, so
/// their order among themselves changes nothing owed).
#[test]
fn late_meter_data_is_billed_in_order_rule_8() {
	run(|| {
		let today = START_DAY + 8;
		go_to(today);
		for day in START_DAY..START_DAY + 7 {
			meter(DAILY, day, 10);
		}
		assert_eq!(Settlement::exposure(DAILY), 7 * BLOCK);
		// The hook had walked today's presentations already: the next block presents them.
		go_to(today);
		assert_eq!(crate::PresentationQueue::<Test>::iter().count(), 0);
		let mut days: Vec<GridDay> = (0..7)
			.map(|id| {
				let bill = Bills::<Test>::get(DAILY, id).unwrap();
				assert_eq!(bill.first_day, bill.last_day);
				assert_eq!((bill.presented_on, bill.due_on), (today, today + 45));
				assert_eq!(bill.billed, BLOCK);
				bill.first_day
			})
			.collect();
		days.sort();
		assert_eq!(days, (START_DAY..START_DAY + 7).collect::<Vec<_>>());
		assert_eq!(UnpaidBills::<Test>::get(DAILY).into_inner(), (0..7).collect::<Vec<u64>>());
		let ledger = Ledgers::<Test>::get(DAILY);
		assert_eq!((ledger.unbilled, ledger.outstanding), (0, 7 * BLOCK));
	});
}

#[test]
fn bill_presented_when_the_period_closes_due_date_rule_8() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		meter(DAILY, START_DAY, 11);
		assert_noop!(
			Settlement::present_bill(RuntimeOrigin::signed(STRANGER), DAILY, START_DAY),
			Error::<Test>::PeriodNotClosed
		);
		go_to(START_DAY + 1);
		assert!(events().contains(&Event::BillPresented {
			ppa: DAILY,
			bill: 0,
			seller: GENCO,
			buyer: DISCOM_2,
			first_day: START_DAY,
			last_day: START_DAY,
			energy_wh: 5_000_000,
			energy_charge: 2 * ENERGY,
			capacity_charge: 2 * CAPACITY,
			resale_credit: 0,
			presented_on: START_DAY + 1,
			due_on: START_DAY + 46,
		}));
		let bill = Bills::<Test>::get(DAILY, 0).unwrap();
		assert_eq!((bill.billed, bill.outstanding, bill.paid), (2 * BLOCK, 2 * BLOCK, 0));
		assert_eq!(UnpaidBills::<Test>::get(DAILY).into_inner(), vec![0]);
		let ledger = Ledgers::<Test>::get(DAILY);
		assert_eq!(ledger.presented_through, Some(START_DAY));
		assert_eq!((ledger.billed, ledger.outstanding, ledger.unbilled), (2 * BLOCK, 2 * BLOCK, 0));
		assert_eq!(Settlement::exposure(DAILY), 2 * BLOCK);
		assert_noop!(
			Settlement::present_bill(RuntimeOrigin::signed(STRANGER), DAILY, START_DAY),
			Error::<Test>::NoOpenBill
		);
		// A block of the presented day metered late goes to today's bill.
		meter(DAILY, START_DAY, 12);
		assert_eq!(OpenBills::<Test>::get(DAILY, START_DAY + 1).unwrap().total(), BLOCK);
	});
}

/// Net resale proceeds credited while the day is open come off the capacity charge of the bill
/// presented next, and no more than it: the rest waits for the following bill.
#[test]
fn resale_proceeds_come_off_the_next_bills_capacity_charge_rule_21() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		meter(DAILY, START_DAY, 11);
		// Two blocks' capacity charge plus 5 units: 5 units are left over.
		let credit = 2 * CAPACITY + 5;
		assert_eq!(Settlement::credit_resale_proceeds(DAILY, credit), credit);
		assert!(events().contains(&Event::ResaleProceedsCredited {
			ppa: DAILY,
			seller: GENCO,
			buyer: DISCOM_2,
			amount: credit,
			pending: credit,
		}));
		// The exposure the PSM gate counts drops by the credit at once.
		assert_eq!(Settlement::exposure(DAILY), 2 * BLOCK - credit);
		go_to(START_DAY + 1);
		let bill = Bills::<Test>::get(DAILY, 0).unwrap();
		assert_eq!(bill.capacity_charge, 2 * CAPACITY);
		assert_eq!(bill.resale_credit, 2 * CAPACITY);
		assert_eq!((bill.billed, bill.outstanding), (2 * ENERGY, 2 * ENERGY));
		let ledger = Ledgers::<Test>::get(DAILY);
		assert_eq!((ledger.resale_credit, ledger.resale_credited), (5, 2 * CAPACITY));
		assert_eq!(
			(ledger.billed, ledger.outstanding, ledger.unbilled),
			(2 * ENERGY, 2 * ENERGY, 0)
		);
		// The next day's bill takes the 5 units left.
		meter(DAILY, START_DAY + 1, 0);
		go_to(START_DAY + 2);
		let bill = Bills::<Test>::get(DAILY, 1).unwrap();
		assert_eq!((bill.resale_credit, bill.billed), (5, BLOCK - 5));
		assert_eq!(Ledgers::<Test>::get(DAILY).resale_credit, 0);
		Settlement::do_try_state().unwrap();
	});
}

#[test]
fn monthly_bill_presented_on_the_first_of_the_next_month_rule_7_rule_8() {
	run(|| {
		meter(MONTHLY, START_DAY, 10);
		go_to(START_DAY + 6); // 30 November
		assert_eq!(Bills::<Test>::iter().count(), 0);
		// Anyone may push a closed period out; here the hook does it on 1 December.
		go_to(START_DAY + 7);
		let bill = Bills::<Test>::get(MONTHLY, 0).unwrap();
		assert_eq!((bill.first_day, bill.last_day), (START_DAY - 23, START_DAY + 6));
		assert_eq!((bill.presented_on, bill.due_on), (START_DAY + 7, START_DAY + 52));
	});
}

#[test]
fn presented_bill_is_paid_from_advance_with_the_best_rebate_rule_10() {
	run(|| {
		deposit_advance(DAILY, inr(1_000_000));
		let genco = free(GENCO);
		let bill = round_bill();
		// 1.5 % of INR 10,950 = 164.25: pays 10,785.75.
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.paid, b.rebate, b.outstanding), (10_785_750_000, 164_250_000, 0));
		assert_eq!(free(GENCO), genco + 10_785_750_000);
		assert!(UnpaidBills::<Test>::get(DAILY).is_empty());
		assert!(events().contains(&Event::BillSettled { ppa: DAILY, bill }));
		assert!(events().contains(&Event::PaymentApplied {
			ppa: DAILY,
			source: PaymentSource::Advance,
			seller: GENCO,
			amount: 10_785_750_000,
			lps: 0,
			principal: 10_785_750_000,
			rebate: 164_250_000,
		}));
	});
}

#[test]
fn rebate_for_a_bill_paid_in_full_inside_the_window_rule_10() {
	run(|| {
		let bill = round_bill();
		// Day P+20: 1 %; a part payment first earns nothing.
		go_to(START_DAY + 1 + 20);
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, inr(950), Some(DAILY)));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.paid, b.rebate, b.outstanding), (inr(950), 0, inr(10_000)));
		let (genco, discom) = (free(GENCO), free(DISCOM_2));
		// INR 1 lakh offered; only what settles the bill moves: 10,000 - 1 % of 10,950.
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(100_000),
			Some(DAILY)
		));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.paid, b.rebate, b.outstanding), (inr(950) + 9_890_500_000, 109_500_000, 0));
		assert_eq!(free(GENCO), genco + 9_890_500_000);
		assert_eq!(free(DISCOM_2), discom - 9_890_500_000);
		assert_noop!(
			Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, inr(1), Some(DAILY)),
			Error::<Test>::NothingDue
		);
	});
}

#[test]
fn no_rebate_after_the_last_window_rule_10() {
	run(|| {
		let bill = round_bill();
		go_to(START_DAY + 1 + 31);
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, ROUND, Some(DAILY)));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.paid, b.rebate, b.outstanding), (ROUND, 0, 0));
	});
}

#[test]
fn lps_accrues_daily_after_the_due_date_at_the_stepped_rate_rule_12() {
	run(|| {
		let bill = round_bill();
		let due = START_DAY + 46;
		// The hook steps the bill into month 1 on D+1 and month 2 on D+31.
		go_to(due + 1);
		assert!(events().contains(&Event::LpsMonthBegan {
			ppa: DAILY,
			bill,
			month: 1,
			annual_rate: Permill::from_parts(136_500),
			outstanding: ROUND,
			lps: 0,
		}));
		go_to(due + 31);
		// 30 days at 13.65 % on INR 10,950: 10,950 x 0.1365 x 30 / 365 = 122.85.
		assert!(events().contains(&Event::LpsMonthBegan {
			ppa: DAILY,
			bill,
			month: 2,
			annual_rate: Permill::from_parts(141_500),
			outstanding: ROUND,
			lps: 122_850_000,
		}));
		// Ten days into month 2: + 10,950 x 0.1415 x 10 / 365 = 42.45; the payment is applied to
		// LPS first (rule 13).
		go_to(due + 40);
		let genco = free(GENCO);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(1_000),
			Some(DAILY)
		));
		System::assert_has_event(
			Event::BillPaid {
				ppa: DAILY,
				bill,
				source: PaymentSource::Buyer,
				lps: 165_300_000,
				principal: inr(1_000) - 165_300_000,
				rebate: 0,
				outstanding: ROUND - inr(1_000) + 165_300_000,
				lps_unpaid: 0,
			}
			.into(),
		);
		assert_eq!(free(GENCO), genco + inr(1_000));
		assert_eq!(Ledgers::<Test>::get(DAILY).lps_paid, 165_300_000);
	});
}

#[test]
fn ppa_cap_on_the_lps_rate_applies_rule_12() {
	run(|| {
		let mut terms = terms(ppa_primitives::BillingPeriod::Daily);
		terms.lps_rate_cap = Some(Permill::from_percent(10));
		TestRegistry::insert(DAILY, GENCO, DISCOM_2, ppa_primitives::PpaStatus::Active, terms);
		round_bill();
		go_to(START_DAY + 46 + 10);
		// 10 days at 10 %: 10,950 x 0.10 x 10 / 365 = 30.
		assert_eq!(Settlement::ppa_dues(DAILY).lps, inr(30));
	});
}

#[test]
fn payments_go_to_lps_first_then_the_oldest_bill_rule_13() {
	run(|| {
		let first = round_bill();
		meter_round(DAILY, START_DAY + 1, 10);
		go_to(START_DAY + 2);
		let second = first + 1;
		// 10 days after the first bill's D (9 after the second's): LPS 10,950 x 0.1365 x 10 /
		// 365 = 40.95 and 10,950 x 0.1365 x 9 / 365 = 36.855, paid first; then 10,950 to the
		// first bill, and the last 72.195 of INR 11,100 to the second.
		go_to(START_DAY + 46 + 10);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(11_100),
			Some(DAILY)
		));
		let (a, b) =
			(Bills::<Test>::get(DAILY, first).unwrap(), Bills::<Test>::get(DAILY, second).unwrap());
		assert_eq!((a.lps_paid, a.outstanding, a.lps), (40_950_000, 0, 0));
		assert_eq!((b.lps_paid, b.paid, b.outstanding), (36_855_000, 72_195_000, 10_877_805_000));
		assert_eq!(UnpaidBills::<Test>::get(DAILY).into_inner(), vec![second]);
	});
}

/// rule 11 (revised SOP, 2023): a dispute without a stay leaves the amount payable. Of
/// a bill of INR 10,950 (due D = day 46), INR 950 is disputed; the buyer pays 10,000 by D. The
/// 950 is overdue and accrues LPS: 30 days after D, 950 x 0.1365 x 30 / 365 = 10.658219 (rounded
/// down to the unit). The regulator upholds 365 of it: the bill is reduced to 10,585 and 585 is
/// still owed; the LPS accrued stays (a stay is the buyer's remedy against it).
#[test]
fn an_unstayed_dispute_stays_payable_and_counts_toward_default_rule_11() {
	run(|| {
		let bill = round_bill();
		go_to(START_DAY + 1 + 10);
		assert_noop!(
			Settlement::dispute_bill(RuntimeOrigin::signed(DISCOM), DAILY, bill, inr(1), reason()),
			Error::<Test>::NotTheBuyer
		);
		assert_noop!(
			Settlement::dispute_bill(
				RuntimeOrigin::signed(DISCOM_2),
				DAILY,
				bill,
				ROUND + 1,
				reason()
			),
			Error::<Test>::DisputeExceedsOutstanding
		);
		let told = observed().len();
		dispute_950(bill);
		System::assert_last_event(
			Event::BillDisputed {
				ppa: DAILY,
				bill,
				buyer: DISCOM_2,
				amount: inr(950),
				reason: reason(),
			}
			.into(),
		);
		// Nothing owed changed, so defaults is not told.
		assert_eq!(observed().len(), told);
		assert_noop!(
			Settlement::dispute_bill(
				RuntimeOrigin::signed(DISCOM_2),
				DAILY,
				bill,
				inr(1),
				reason()
			),
			Error::<Test>::AlreadyDisputed
		);
		let dues = Settlement::ppa_dues(DAILY);
		assert_eq!((dues.outstanding, dues.disputed), (ROUND, 0));
		go_to(START_DAY + 46);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(10_000),
			Some(DAILY)
		));
		// The disputed 950 is still payable: it keeps the buyer's dues unpaid.
		go_to(START_DAY + 46 + 30);
		let dues = Settlement::ppa_dues(DAILY);
		assert_eq!((dues.outstanding, dues.lps), (inr(950), 10_658_219));
		assert!(dues.undisputed_unpaid());
		assert_noop!(
			Settlement::resolve_dispute(RuntimeOrigin::signed(GENCO), DAILY, bill, 0),
			BadOrigin
		);
		assert_noop!(
			Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, inr(951)),
			Error::<Test>::UpheldExceedsDisputed
		);
		assert_ok!(Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, inr(365)));
		System::assert_last_event(
			Event::DisputeResolved { ppa: DAILY, bill, upheld: inr(365), due: 0, lps: 10_658_219 }
				.into(),
		);
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!(
			(b.billed, b.outstanding, b.disputed, b.lps),
			(ROUND - inr(365), inr(585), 0, 10_658_219)
		);
		assert_noop!(
			Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, 0),
			Error::<Test>::NoDispute
		);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(1_000),
			Some(DAILY)
		));
		assert!(UnpaidBills::<Test>::get(DAILY).is_empty());
		assert_eq!(Ledgers::<Test>::get(DAILY).billed, ROUND - inr(365));
	});
}

/// rule 11: an amount the buyer paid under dispute and the regulator then upholds is
/// credited back. The buyer disputes 950 of 10,950, pays it all by D; 365 upheld is a credit of
/// INR 365 owed to the buyer, taken off its next bill.
#[test]
fn an_upheld_dispute_paid_meanwhile_is_credited_to_the_buyer_rule_11() {
	run(|| {
		let bill = round_bill();
		dispute_950(bill);
		go_to(START_DAY + 46);
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, ROUND, Some(DAILY)));
		assert!(UnpaidBills::<Test>::get(DAILY).is_empty());
		assert_ok!(Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, inr(365)));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.billed, b.paid, b.outstanding), (ROUND - inr(365), ROUND - inr(365), 0));
		let ledger = Ledgers::<Test>::get(DAILY);
		assert_eq!((ledger.paid, ledger.credit), (ROUND - inr(365), inr(365)));
		assert!(events().contains(&Event::CreditNoted {
			ppa: DAILY,
			amount: inr(365),
			applied: 0,
			pending: inr(365)
		}));
		// The next bill (10,950) comes net of the credit.
		meter_round(DAILY, START_DAY + 46, 10);
		go_to(START_DAY + 47);
		let next = Bills::<Test>::get(DAILY, bill + 1).unwrap();
		assert_eq!(next.billed, ROUND - inr(365));
		assert_eq!(Ledgers::<Test>::get(DAILY).credit, 0);
	});
}

/// rule 11: a stay recorded with its order's hash holds the disputed amount back from
/// what is payable and from default until the ruling. 950 of 10,950 disputed and stayed by a
/// court; the buyer pays the 10,000 by D and owes nothing payable. 30 days after D the
/// regulator upholds 365; the 585 rejected is due with LPS from D, as if never stayed:
/// 585 x 0.1365 x 30 / 365 = 6.563219 (rounded down).
#[test]
fn a_stayed_dispute_leaves_the_default_computation_until_ruled_rule_11() {
	run(|| {
		let bill = round_bill();
		let order = DocumentHash::repeat_byte(9);
		assert_noop!(
			Settlement::stay_dispute(
				RuntimeOrigin::root(),
				DAILY,
				bill,
				StayAuthority::Court,
				order
			),
			Error::<Test>::NoDispute
		);
		dispute_950(bill);
		// Neither party records a stay.
		for party in [DISCOM_2, GENCO] {
			assert_noop!(
				Settlement::stay_dispute(
					RuntimeOrigin::signed(party),
					DAILY,
					bill,
					StayAuthority::Court,
					order
				),
				BadOrigin
			);
		}
		assert_ok!(Settlement::stay_dispute(
			RuntimeOrigin::root(),
			DAILY,
			bill,
			StayAuthority::Court,
			order
		));
		System::assert_last_event(
			Event::DisputeStayed {
				ppa: DAILY,
				bill,
				authority: StayAuthority::Court,
				order,
				amount: inr(950),
			}
			.into(),
		);
		assert_eq!(observed().last(), Some(&Observed::Reduced(DAILY, DISCOM_2)));
		assert_eq!(
			Stays::<Test>::get(DAILY, bill),
			Some(Stay {
				authority: StayAuthority::Court,
				order,
				on: START_DAY + 1,
				amount: inr(950)
			})
		);
		assert_noop!(
			Settlement::stay_dispute(
				RuntimeOrigin::root(),
				DAILY,
				bill,
				StayAuthority::Regulator,
				order
			),
			Error::<Test>::AlreadyStayed
		);
		let dues = Settlement::ppa_dues(DAILY);
		assert_eq!((dues.outstanding, dues.disputed), (inr(10_000), inr(950)));
		go_to(START_DAY + 46);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(10_000),
			Some(DAILY)
		));
		assert_eq!(UnpaidBills::<Test>::get(DAILY).into_inner(), vec![bill]);
		go_to(START_DAY + 46 + 30);
		assert!(!Settlement::ppa_dues(DAILY).undisputed_unpaid());
		assert_eq!(Settlement::ppa_dues(DAILY).lps, 0);
		assert_ok!(Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, inr(365)));
		System::assert_last_event(
			Event::DisputeResolved {
				ppa: DAILY,
				bill,
				upheld: inr(365),
				due: inr(585),
				lps: 6_563_219,
			}
			.into(),
		);
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!(
			(b.billed, b.outstanding, b.disputed, b.lps),
			(ROUND - inr(365), inr(585), 0, 6_563_219)
		);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(1_000),
			Some(DAILY)
		));
		assert!(UnpaidBills::<Test>::get(DAILY).is_empty());
	});
}

#[test]
fn dispute_window_closes_ten_days_after_presentation_rule_11() {
	run(|| {
		let bill = round_bill();
		go_to(START_DAY + 1 + 11);
		assert_noop!(
			Settlement::dispute_bill(
				RuntimeOrigin::signed(DISCOM_2),
				DAILY,
				bill,
				inr(1),
				reason()
			),
			Error::<Test>::DisputeWindowClosed
		);
		assert_noop!(
			Settlement::dispute_bill(RuntimeOrigin::signed(DISCOM_2), DAILY, 99, inr(1), reason()),
			Error::<Test>::NoSuchBill
		);
	});
}

#[test]
fn an_upheld_dispute_reduces_the_bill_rule_11() {
	run(|| {
		let bill = round_bill();
		assert_ok!(Settlement::dispute_bill(
			RuntimeOrigin::signed(DISCOM_2),
			DAILY,
			bill,
			ROUND,
			reason()
		));
		assert_ok!(Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, ROUND));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.billed, b.outstanding, b.disputed), (0, 0, 0));
		assert!(UnpaidBills::<Test>::get(DAILY).is_empty());
		assert!(events().contains(&Event::BillSettled { ppa: DAILY, bill }));
	});
}

#[test]
fn seller_draws_the_letter_of_credit_on_or_after_the_due_date_rule_16() {
	run(|| {
		open_lc(DAILY, inr(100_000));
		let bill = round_bill();
		assert_noop!(
			Settlement::draw_letter_of_credit(RuntimeOrigin::signed(DISCOM_2), DAILY),
			Error::<Test>::NotTheSeller
		);
		// Nothing to draw before D (= START_DAY + 46).
		go_to(START_DAY + 45);
		assert_noop!(
			Settlement::draw_letter_of_credit(RuntimeOrigin::signed(GENCO), DAILY),
			Error::<Test>::NothingFallenDue
		);
		go_to(START_DAY + 46 + 10);
		let (genco, bank) = (free(GENCO), free(BANK));
		assert_ok!(Settlement::draw_letter_of_credit(RuntimeOrigin::signed(GENCO), DAILY));
		// Principal 10,950 and 10 days of LPS (40.95), no rebate.
		let drawn = ROUND + 40_950_000;
		assert_eq!(free(GENCO), genco + drawn);
		assert_eq!(free(BANK), bank - drawn);
		assert_eq!(lc(DAILY), inr(100_000) - drawn);
		assert!(Bills::<Test>::get(DAILY, bill).unwrap().is_settled());
		System::assert_last_event(
			Event::PaymentApplied {
				ppa: DAILY,
				source: PaymentSource::LetterOfCredit,
				seller: GENCO,
				amount: drawn,
				lps: 40_950_000,
				principal: ROUND,
				rebate: 0,
			}
			.into(),
		);
	});
}

#[test]
fn dues_ledger_with_ageing_for_the_regulator_rule_26() {
	run(|| {
		let first = round_bill(); // DAILY, D = START_DAY + 46
		meter_round(DAILY, START_DAY + 40, 0);
		go_to(START_DAY + 41); // second bill, D = START_DAY + 86
		go_to(START_DAY + 46 + 35);
		meter_round(MONTHLY, START_DAY + 46 + 35, 0); // unbilled on DISCOM's PPA
		let dues = Settlement::buyer_dues(&DISCOM_2);
		assert_eq!(dues.billed, 2 * ROUND);
		assert_eq!(dues.outstanding, 2 * ROUND);
		assert_eq!(dues.ageing.days_31_60, ROUND);
		assert_eq!(dues.ageing.current, ROUND);
		assert_eq!(dues.oldest_unpaid, Some((START_DAY + 1, START_DAY + 46)));
		// 35 days past D: 30 at 13.65 % and 5 at 14.15 % on 10,950 = 122.85 + 21.225.
		assert_eq!(dues.lps, 144_075_000);
		let _ = first;
		let seller = Settlement::seller_dues(&GENCO);
		assert_eq!(seller.outstanding, 2 * ROUND);
		assert_eq!(seller.unbilled, ROUND);
	});
}

#[test]
fn average_monthly_billing_after_twelve_months_rule_15() {
	run(|| {
		// One block a month from November 2025 (31-day steps land in successive months).
		let november_2025 = START_DAY - 23 - 365;
		for k in 0..11 {
			meter_round(MONTHLY, november_2025 + 31 * k, 0);
		}
		// Eleven complete months: the normative estimate still applies.
		assert_eq!(Settlement::average_monthly_billing(MONTHLY), None);
		// October 2026, twice: 13 x 10,950 / 12 = 11,862.5 over twelve months.
		meter_round(MONTHLY, november_2025 + 31 * 11, 0);
		meter_round(MONTHLY, november_2025 + 31 * 11, 1);
		assert_eq!(Settlement::average_monthly_billing(MONTHLY), Some(11_862_500_000));
		// The current month does not count until it is complete.
		meter_round(MONTHLY, START_DAY, 0);
		assert_eq!(Settlement::average_monthly_billing(MONTHLY), Some(11_862_500_000));
		assert_eq!(Ledgers::<Test>::get(MONTHLY).months.len(), 13);
	});
}

#[test]
fn a_full_unpaid_list_defers_presentation() {
	run(|| {
		for d in 0..9 {
			meter_round(DAILY, START_DAY + d, 0);
			go_to(START_DAY + d + 1);
		}
		assert_eq!(UnpaidBills::<Test>::get(DAILY).len(), 8);
		assert!(
			events().contains(&Event::PresentationDeferred { ppa: DAILY, period: START_DAY + 8 })
		);
		assert_noop!(
			Settlement::present_bill(RuntimeOrigin::signed(STRANGER), DAILY, START_DAY + 8),
			Error::<Test>::TooManyUnpaidBills
		);
		// Paying makes room: the deferred bill goes out the next day.
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, ROUND, Some(DAILY)));
		go_to(START_DAY + 10);
		assert_eq!(UnpaidBills::<Test>::get(DAILY).len(), 8);
		assert!(!OpenBills::<Test>::contains_key(DAILY, START_DAY + 8));
	});
}

#[test]
fn refusals_change_nothing() {
	run(|| {
		assert_noop!(
			Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, 0, Some(DAILY)),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Settlement::pay(RuntimeOrigin::signed(DISCOM), GENCO, 1, Some(77)),
			Error::<Test>::UnknownPpa
		);
		assert_noop!(
			Settlement::pay(RuntimeOrigin::signed(DISCOM), GENCO, 1, Some(DAILY)),
			Error::<Test>::NotBetweenThePair
		);
		assert_noop!(
			Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, 1, Some(DAILY)),
			Error::<Test>::NothingDue
		);
		assert_noop!(
			Settlement::settle_from_advance(RuntimeOrigin::signed(STRANGER), DAILY),
			Error::<Test>::NoAdvance
		);
		assert_noop!(
			Settlement::dispute_bill(RuntimeOrigin::signed(DISCOM_2), DAILY, 0, 0, reason()),
			Error::<Test>::ZeroAmount
		);
		let bad = crate::SettlementParameters { dispute_window_days: 0, ..Default::default() };
		assert_noop!(
			Settlement::set_parameters(RuntimeOrigin::root(), bad),
			Error::<Test>::InvalidParameters
		);
		assert_noop!(
			Settlement::set_parameters(RuntimeOrigin::signed(GENCO), Default::default()),
			BadOrigin
		);
		let base = crate::SettlementParameters {
			lps_monthly_step: Permill::from_parts(4_000),
			..Default::default()
		};
		assert_ok!(Settlement::set_parameters(RuntimeOrigin::root(), base));
		System::assert_last_event(Event::ParametersSet { parameters: base }.into());
		// The most uplift may not take a base rate above 100 %.
		let too_much = crate::SettlementParameters {
			lps_max_uplift: Permill::from_percent(90),
			..Default::default()
		};
		assert_noop!(
			Settlement::set_parameters(RuntimeOrigin::root(), too_much),
			Error::<Test>::InvalidParameters
		);
	});
}

#[test]
fn advance_deposited_later_settles_on_request() {
	run(|| {
		let bill = round_bill();
		deposit_advance(DAILY, inr(5_000));
		let genco = free(GENCO);
		assert_ok!(Settlement::settle_from_advance(RuntimeOrigin::signed(STRANGER), DAILY));
		assert_eq!(free(GENCO), genco + inr(5_000));
		assert_eq!(Bills::<Test>::get(DAILY, bill).unwrap().outstanding, ROUND - inr(5_000));
	});
}

#[test]
fn defaults_is_told_of_presentations_and_payments() {
	run(|| {
		let bill = round_bill();
		assert_eq!(
			observed(),
			vec![Observed::Presented(DAILY, bill, DISCOM_2, START_DAY + 1, START_DAY + 46)]
		);
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, inr(1), Some(DAILY)));
		assert_eq!(observed().last(), Some(&Observed::Reduced(DAILY, DISCOM_2)));
		let dues = Settlement::bill_dues(DAILY, bill).unwrap();
		assert_eq!(
			(dues.presented_on, dues.due_on, dues.outstanding, dues.lps),
			(START_DAY + 1, START_DAY + 46, ROUND - inr(1), 0)
		);
		assert!(dues.undisputed_unpaid());
		assert_eq!(Settlement::bill_dues(DAILY, 99), None);
	});
}

#[test]
fn payment_bank_guarantee_collects_what_has_fallen_due_rule_17() {
	run(|| {
		issue_payment_bg(DAILY, inr(5_000));
		let bill = round_bill();
		assert_noop!(
			Settlement::collect_fallen_due(DAILY, SecurityInstrument::PaymentBankGuarantees),
			Error::<Test>::NothingFallenDue
		);
		// The due date is a whole day (rule 16): nothing is drawn on it.
		go_to(START_DAY + 46);
		assert_noop!(
			Settlement::collect_fallen_due(DAILY, SecurityInstrument::PaymentBankGuarantees),
			Error::<Test>::NothingFallenDue
		);
		go_to(START_DAY + 47);
		let genco = free(GENCO);
		// The guarantee pays what it holds: INR 5,000 of the 10,950 due and a day's LPS, 4.095
		// (10,950 x 0.1365 / 365), which it pays first.
		assert_eq!(
			Settlement::collect_fallen_due(DAILY, SecurityInstrument::PaymentBankGuarantees),
			Ok(Collected { amount: inr(5_000), bills: 1 })
		);
		assert_eq!(free(GENCO), genco + inr(5_000));
		assert_eq!(
			Bills::<Test>::get(DAILY, bill).unwrap().outstanding,
			ROUND - inr(5_000) + 4_095_000
		);
		assert_eq!(observed().last(), Some(&Observed::Reduced(DAILY, DISCOM_2)));
		System::assert_last_event(
			Event::PaymentApplied {
				ppa: DAILY,
				source: PaymentSource::BankGuarantee,
				seller: GENCO,
				amount: inr(5_000),
				lps: 4_095_000,
				principal: inr(5_000) - 4_095_000,
				rebate: 0,
			}
			.into(),
		);
	});
}

/// The hooks' one budget rule (`ppa_primitives::queue`): the hook presents a bill only while
/// its budget still holds a presentation's worst case, and charges what each took. The mock's
/// budget has room for four at the worst (and four LPS steps): four or more of eight cheap
/// presentations fit in a block, never all eight; the rest wait, with the cursor, for the next.
#[test]
fn the_presentation_hook_does_a_bounded_amount_a_block() {
	run(|| {
		for ppa in 10..18 {
			TestRegistry::insert(
				ppa,
				GENCO,
				DISCOM_2,
				ppa_primitives::PpaStatus::Active,
				terms(ppa_primitives::BillingPeriod::Daily),
			);
			meter_round(ppa, START_DAY, 0);
		}
		set_today(START_DAY + 1);
		System::set_block_number(2);
		let weight = Settlement::on_initialize(2);
		let presented = Bills::<Test>::iter().count();
		assert!((4..8).contains(&presented), "{presented} presented in the first block");
		assert!(weight.all_lte(<Test as crate::Config>::MaxHookWeight::get()));
		assert_eq!(crate::PresentationCursor::<Test>::get(), Some(START_DAY + 1));
		System::set_block_number(3);
		Settlement::on_initialize(3);
		assert_eq!(Bills::<Test>::iter().count(), 8);
		assert_eq!(crate::PresentationQueue::<Test>::iter().count(), 0);
	});
}

/// A suspended participant may pay what it owes but not dispute or draw: a suspended buyer's
/// dispute and a suspended seller's drawal are refused (`Suspended`); the buyer still pays.
#[test]
fn a_suspended_participant_only_pays() {
	run(|| {
		open_lc(DAILY, inr(100_000));
		let bill = round_bill();
		TestRegistry::revoke_all(DISCOM_2);
		assert_noop!(
			Settlement::dispute_bill(
				RuntimeOrigin::signed(DISCOM_2),
				DAILY,
				bill,
				inr(1),
				reason()
			),
			Error::<Test>::Suspended
		);
		go_to(START_DAY + 46 + 1);
		TestRegistry::revoke_all(GENCO);
		assert_noop!(
			Settlement::draw_letter_of_credit(RuntimeOrigin::signed(GENCO), DAILY),
			Error::<Test>::Suspended
		);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(1_000_000),
			Some(DAILY)
		));
		assert!(Bills::<Test>::get(DAILY, bill).unwrap().is_settled());
	});
}

/// The energy of a metered 10 MW block as revised: `scheduled_wh` at `availability`.
fn revised(scheduled_wh: u64, availability: Permill) -> BlockEnergy {
	BlockEnergy { scheduled_wh, actual_wh: 2_400_000, resold_wh: 0, availability }
}

/// The energy [`meter`] records.
fn as_metered() -> BlockEnergy {
	revised(2_500_000, Permill::one())
}

/// rule 2: an energy account revised before its period's bill is presented changes
/// that open bill. 2,000 kWh x INR 3 = INR 6,000 of energy; half availability halves the
/// capacity charge, INR 1,736.111111 / 2 = 868.055555 (rounded down).
#[test]
fn rule_2_a_revision_before_presentation_changes_the_open_bill() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		let now = revised(2_000_000, Permill::from_percent(50));
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 10), as_metered(), now));
		let charges = inr(6_000) + 868_055_555;
		System::assert_last_event(
			Event::BlockRevised {
				ppa: DAILY,
				at: at(START_DAY, 10),
				was: BLOCK,
				now: charges,
				period: Some(START_DAY),
			}
			.into(),
		);
		let open = OpenBills::<Test>::get(DAILY, START_DAY).unwrap();
		assert_eq!((open.energy_wh, open.total()), (2_000_000, charges));
		assert_eq!(Ledgers::<Test>::get(DAILY).unbilled, charges);
		assert_eq!(Settlement::exposure(DAILY), charges);
		// A correction of the reading alone changes no charge (energy is billed as scheduled).
		let events = System::events().len();
		let reread = BlockEnergy { actual_wh: 1, ..now };
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 10), now, reread));
		assert_eq!(System::events().len(), events);
		go_to(START_DAY + 1);
		assert_eq!(Bills::<Test>::get(DAILY, 0).unwrap().billed, charges);
	});
}

/// rule 2: an energy account revised upward after its bill was presented is billed as
/// a supplementary bill with its own presentation and due date: 3,000 kWh instead of 2,500
/// is INR 1,500 more energy, presented on the day of the revision and due 45 days later.
#[test]
fn rule_2_a_revision_after_presentation_is_a_supplementary_bill() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		go_to(START_DAY + 1);
		go_to(START_DAY + 3);
		assert_eq!(Bills::<Test>::get(DAILY, 0).unwrap().presented_on, START_DAY + 1);
		let now = revised(3_000_000, Permill::one());
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 10), as_metered(), now));
		let bill = Bills::<Test>::get(DAILY, 1).unwrap();
		assert_eq!(
			(bill.first_day, bill.last_day, bill.presented_on, bill.due_on),
			(START_DAY, START_DAY, START_DAY + 3, START_DAY + 48)
		);
		assert_eq!(
			(bill.energy_wh, bill.energy_charge, bill.capacity_charge),
			(500_000, inr(1_500), 0)
		);
		assert_eq!((bill.billed, bill.outstanding), (inr(1_500), inr(1_500)));
		let revised_events = events();
		assert!(revised_events.contains(&Event::BlockRevised {
			ppa: DAILY,
			at: at(START_DAY, 10),
			was: BLOCK,
			now: BLOCK + inr(1_500),
			period: None,
		}));
		assert_eq!(
			revised_events.last(),
			Some(&Event::SupplementaryBillPresented { ppa: DAILY, bill: 1, at: at(START_DAY, 10) })
		);
		assert_eq!(UnpaidBills::<Test>::get(DAILY).to_vec(), vec![0, 1]);
		assert_eq!(Settlement::exposure(DAILY), BLOCK + inr(1_500));
		// Its own rebate window: paid in full on its presentation day, it earns 1.5 %.
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			BLOCK + inr(1_500),
			Some(DAILY)
		));
		assert_eq!(Bills::<Test>::get(DAILY, 1).unwrap().rebate, inr(1_500) * 15 / 1_000);
	});
}

/// rule 2: an energy account revised downward after billing is a credit to the buyer:
/// first off its unpaid bills' principal, then (nothing unpaid) off its next bill. INR 3,000
/// less energy (1,500 kWh instead of 2,500) comes off the unpaid bill. A block revised to
/// nothing (INR 9,236.111111) once its bill is paid was paid with the 1.5 % rebate
/// (138.541667, rounded up), so INR 9,097.569444 waits and comes off the next day's bill, which
/// leaves the rebate to pay.
#[test]
fn rule_2_a_revision_down_after_billing_is_a_credit() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		meter(DAILY, START_DAY, 11);
		go_to(START_DAY + 1);
		let now = revised(1_500_000, Permill::one());
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 10), as_metered(), now));
		System::assert_last_event(
			Event::CreditNoted { ppa: DAILY, amount: inr(3_000), applied: inr(3_000), pending: 0 }
				.into(),
		);
		let bill = Bills::<Test>::get(DAILY, 0).unwrap();
		assert_eq!(
			(bill.billed, bill.outstanding),
			(2 * BLOCK - inr(3_000), 2 * BLOCK - inr(3_000))
		);
		assert_eq!(Ledgers::<Test>::get(DAILY).billed, 2 * BLOCK - inr(3_000));
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, 2 * BLOCK, Some(DAILY)));
		assert!(UnpaidBills::<Test>::get(DAILY).is_empty());
		// Nothing is unpaid: the credit waits, and the buyer's exposure cannot go below zero.
		let nothing = revised(0, Permill::zero());
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 11), as_metered(), nothing));
		let (rebate, pending) = (138_541_667, BLOCK - 138_541_667);
		System::assert_last_event(
			Event::CreditNoted { ppa: DAILY, amount: BLOCK, applied: 0, pending }.into(),
		);
		assert_eq!(Settlement::exposure(DAILY), 0);
		meter(DAILY, START_DAY + 1, 0);
		go_to(START_DAY + 2);
		let next = Bills::<Test>::get(DAILY, 1).unwrap();
		assert_eq!((next.energy_charge + next.capacity_charge, next.billed), (BLOCK, rebate));
		assert!(events().contains(&Event::CreditTakenOff {
			ppa: DAILY,
			bill: Some(1),
			amount: pending
		}));
		assert_eq!(Ledgers::<Test>::get(DAILY).credit, 0);
		assert_eq!(UnpaidBills::<Test>::get(DAILY).to_vec(), vec![1]);
	});
}

/// rule 2 on a real-time PPA: its blocks are billed as they are settled, so a revision
/// down is a credit taken off the next block the advance pays: full availability revised to
/// none credits the capacity charge (INR 1,736.111111) less the 1.5 % rebate it was paid with
/// (26.041667, rounded up), INR 1,710.069444, off the next block.
#[test]
fn rule_2_a_real_time_credit_comes_off_the_next_block() {
	run(|| {
		deposit_advance(REAL_TIME, inr(1_000_000));
		meter(REAL_TIME, START_DAY, 90);
		let none = revised(2_500_000, Permill::zero());
		assert_ok!(Settlement::energy_revised(REAL_TIME, at(START_DAY, 90), as_metered(), none));
		let credit = 1_710_069_444;
		System::assert_last_event(
			Event::CreditNoted { ppa: REAL_TIME, amount: CAPACITY, applied: 0, pending: credit }
				.into(),
		);
		let escrow = free(ESCROW);
		meter(REAL_TIME, START_DAY, 91);
		let rebate = 138_541_667;
		assert!(events().contains(&Event::CreditTakenOff {
			ppa: REAL_TIME,
			bill: None,
			amount: credit
		}));
		assert_eq!(escrow - free(ESCROW), BLOCK - rebate - credit);
		let ledger = Ledgers::<Test>::get(REAL_TIME);
		assert_eq!((ledger.billed, ledger.credit), (2 * BLOCK - credit, 0));
	});
}

/// rule 2: one revision that raises one charge and lowers another, after billing: the
/// supplementary bill carries the rise (500 kWh more, INR 1,500) less the fall (half
/// availability: INR 868.055556 less capacity), INR 631.944444; no credit is left over.
#[test]
fn rule_2_a_mixed_revision_nets_within_its_supplementary_bill() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		go_to(START_DAY + 1);
		let now = revised(3_000_000, Permill::from_percent(50));
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 10), as_metered(), now));
		let bill = Bills::<Test>::get(DAILY, 1).unwrap();
		let fall = CAPACITY - 868_055_555;
		assert_eq!((bill.energy_charge, bill.capacity_charge), (inr(1_500), 0));
		assert_eq!(bill.billed, inr(1_500) - fall);
		assert!(events().contains(&Event::CreditTakenOff {
			ppa: DAILY,
			bill: Some(1),
			amount: fall
		}));
		assert_eq!(Ledgers::<Test>::get(DAILY).credit, 0);
		assert_eq!(Settlement::exposure(DAILY), BLOCK + inr(1_500) - fall);
	});
}

/// rule 2: a block metered with nothing to charge (no schedule, no availability) and
/// revised up before its period is presented is charged into the period's bill, presented
/// the day after the period as ever: not a supplementary bill.
#[test]
fn rule_2_a_revision_of_an_uncharged_block_joins_its_periods_bill() {
	run(|| {
		let nothing = revised(0, Permill::zero());
		energy_metered(DAILY, at(START_DAY, 10), nothing);
		assert_eq!(OpenBills::<Test>::get(DAILY, START_DAY), None);
		assert_ok!(Settlement::energy_revised(DAILY, at(START_DAY, 10), nothing, as_metered()));
		assert_eq!(OpenBills::<Test>::get(DAILY, START_DAY).map(|o| o.total()), Some(BLOCK));
		assert_eq!(Bills::<Test>::iter().count(), 0);
		go_to(START_DAY + 1);
		let bill = Bills::<Test>::get(DAILY, 0).unwrap();
		assert_eq!((bill.billed, bill.presented_on), (BLOCK, START_DAY + 1));
	});
}

/// The DAILY PPA (GENCO to DISCOM_2) on the regulations' defaults where a test needs them:
/// `edit` changes its terms.
fn amend_daily(edit: impl FnOnce(&mut ppa_primitives::PpaTerms)) {
	let mut terms = crate::mock::terms(ppa_primitives::BillingPeriod::Daily);
	edit(&mut terms);
	ppa_primitives::testing::TestRegistry::insert(DAILY, GENCO, DISCOM_2, PpaStatus::Active, terms);
}

/// LPS Rules 2022, rule 5 (rule 13): a payment goes to LPS, then to the longest overdue
/// bill over every PPA between the buyer and the seller, whichever the buyer names. GENCO sells
/// to DISCOM under REAL_TIME (a bill of INR 10,950 presented on day 1, due day 46) and MONTHLY
/// (10,950 presented on 1 December, day 7, due day 52). On day 62 the first is 16 days overdue,
/// the second 10: LPS 10,950 x 0.1365 / 365 = 4.095 a day, 65.52 and 40.95. DISCOM pays 11,100
/// naming MONTHLY: 106.47 to LPS, 10,950 to REAL_TIME's older bill, and the last 43.53 to
/// MONTHLY's.
#[test]
fn a_payment_goes_to_the_longest_overdue_bill_of_every_ppa_of_the_pair_rule_13() {
	run(|| {
		meter_round(REAL_TIME, START_DAY, 10);
		meter_round(MONTHLY, START_DAY, 10);
		go_to(START_DAY + 1);
		go_to(START_DAY + 7);
		let (older, newer) = (0, 1);
		assert_eq!(Bills::<Test>::get(REAL_TIME, older).unwrap().due_on, START_DAY + 46);
		assert_eq!(Bills::<Test>::get(MONTHLY, newer).unwrap().due_on, START_DAY + 52);
		go_to(START_DAY + 62);
		assert_noop!(
			Settlement::pay(RuntimeOrigin::signed(DISCOM), GENCO, inr(1), Some(DAILY)),
			Error::<Test>::NotBetweenThePair
		);
		let genco = free(GENCO);
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM),
			GENCO,
			inr(11_100),
			Some(MONTHLY)
		));
		assert_eq!(free(GENCO), genco + inr(11_100));
		let a = Bills::<Test>::get(REAL_TIME, older).unwrap();
		let b = Bills::<Test>::get(MONTHLY, newer).unwrap();
		assert_eq!((a.lps_paid, a.outstanding, a.lps), (65_520_000, 0, 0));
		assert_eq!((b.lps_paid, b.paid, b.outstanding), (40_950_000, 43_530_000, 10_906_470_000));
		assert!(UnpaidBills::<Test>::get(REAL_TIME).is_empty());
		assert_eq!(
			crate::UnpaidByPair::<Test>::get((DISCOM, GENCO)).into_inner(),
			vec![(MONTHLY, 1)]
		);
		assert!(events().contains(&Event::PaymentApplied {
			ppa: REAL_TIME,
			source: PaymentSource::Buyer,
			seller: GENCO,
			amount: ROUND + 65_520_000,
			lps: 65_520_000,
			principal: ROUND,
			rebate: 0,
		}));
	});
}

/// rule 13: among bills not yet due the PPA the buyer names comes first. On day 8 the
/// REAL_TIME bill (presented day 1, due 46) and the MONTHLY bill (presented day 7, due 52) are
/// current. Paying INR 10,785.75 naming MONTHLY settles it with the 1.5 % rebate (164.25, paid
/// within 5 days); naming nothing, the same money goes to the bill due first, REAL_TIME's, whose
/// 1 % window needs 10,840.50 for the rebate: paid in part, no rebate.
#[test]
fn among_bills_not_yet_due_the_named_ppa_comes_first_rule_13() {
	for (prefer, settled, part_paid) in
		[(Some(MONTHLY), MONTHLY, REAL_TIME), (None, REAL_TIME, MONTHLY)]
	{
		run(|| {
			meter_round(REAL_TIME, START_DAY, 10);
			meter_round(MONTHLY, START_DAY, 10);
			go_to(START_DAY + 1);
			go_to(START_DAY + 7);
			go_to(START_DAY + 8);
			assert_ok!(Settlement::pay(
				RuntimeOrigin::signed(DISCOM),
				GENCO,
				10_785_750_000,
				prefer
			));
			let ledger = Ledgers::<Test>::get(settled);
			if prefer.is_some() {
				assert_eq!(
					(ledger.paid, ledger.rebate, ledger.outstanding),
					(10_785_750_000, 164_250_000, 0)
				);
				assert_eq!(Ledgers::<Test>::get(part_paid).paid, 0);
			} else {
				assert_eq!((ledger.paid, ledger.rebate), (10_785_750_000, 0));
				assert_eq!(ledger.outstanding, ROUND - 10_785_750_000);
				assert_eq!(Ledgers::<Test>::get(part_paid).paid, 0);
			}
		});
	}
}

/// rule 16: the due date is a whole day. A bill due on day 46 paid on day 46 owes no
/// LPS, and its letter of credit cannot be drawn that day; from day 47 LPS runs (4.095 a day
/// on 10,950) and the seller may draw.
#[test]
fn the_due_date_is_a_whole_day_rule_16() {
	run(|| {
		open_lc(DAILY, inr(20_000));
		let bill = round_bill();
		go_to(START_DAY + 46);
		assert_eq!(Settlement::ppa_dues(DAILY).lps, 0);
		assert_noop!(
			Settlement::draw_letter_of_credit(RuntimeOrigin::signed(GENCO), DAILY),
			Error::<Test>::NothingFallenDue
		);
		go_to(START_DAY + 47);
		assert_eq!(Settlement::ppa_dues(DAILY).lps, 4_095_000);
		assert_ok!(Settlement::draw_letter_of_credit(RuntimeOrigin::signed(GENCO), DAILY));
		assert_eq!(lc(DAILY), inr(20_000) - ROUND - 4_095_000);
		assert!(Bills::<Test>::get(DAILY, bill).unwrap().is_settled());
	});
}

/// rule 10: a bill paid through the letter of credit on presentation earns the rebate of
/// a payment within five days: of INR 10,950, the LC pays 10,785.75 and 164.25 is rebated.
#[test]
fn a_bill_paid_by_letter_of_credit_on_presentation_earns_the_rebate_rule_10() {
	run(|| {
		amend_daily(|t| t.lc_on_presentation = true);
		open_lc(DAILY, inr(20_000));
		let genco = free(GENCO);
		let bill = round_bill();
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!(
			(b.paid, b.rebate, b.outstanding, b.lps_paid),
			(10_785_750_000, 164_250_000, 0, 0)
		);
		assert_eq!(free(GENCO), genco + 10_785_750_000);
		assert_eq!(lc(DAILY), inr(20_000) - 10_785_750_000);
		assert!(events().contains(&Event::PaymentApplied {
			ppa: DAILY,
			source: PaymentSource::LetterOfCredit,
			seller: GENCO,
			amount: 10_785_750_000,
			lps: 0,
			principal: 10_785_750_000,
			rebate: 164_250_000,
		}));
		// Without it, the LC waits for the due date to pass.
		amend_daily(|t| t.lc_on_presentation = false);
		meter_round(DAILY, START_DAY + 1, 10);
		go_to(START_DAY + 2);
		assert_eq!(lc(DAILY), inr(20_000) - 10_785_750_000);
	});
}

/// CERC Tariff Regulations 2024 (rule 9): the month's capacity charge is its share of
/// the annual fixed cost x min(PAFM / NAPAF, 1). The 10 MW share at INR 500/kW-month is INR
/// 50,00,000 for November (30 days, 2,880 blocks); NAPAF 85 %. A block at full availability
/// earns 50,00,000 x 1 / (2,880 x 0.85) = 2,042.483660 (rounded down); one at 50 %, half of
/// that, 1,021.241830. A month 1,000 short of its share gets those 1,000 from its next block and
/// nothing from a block after: at normative availability the share is recovered in full, never
/// more.
#[test]
fn capacity_charge_is_the_months_share_times_pafm_over_napaf_capped_at_one_rule_9() {
	run(|| {
		amend_daily(|t| t.normative_availability = Permill::from_percent(85));
		let month = ppa_primitives::clock::month_index(START_DAY);
		let block = |b: u8, availability: Permill| {
			energy_metered(
				DAILY,
				at(START_DAY, b),
				BlockEnergy { scheduled_wh: 0, actual_wh: 0, resold_wh: 0, availability },
			);
			OpenBills::<Test>::get(DAILY, START_DAY).map_or(0, |o| o.capacity_charge)
		};
		assert_eq!(block(0, Permill::one()), 2_042_483_660);
		assert_eq!(block(1, Permill::from_percent(50)), 2_042_483_660 + 1_021_241_830);
		let share = inr(5_000_000);
		let entry = Ledgers::<Test>::get(DAILY).capacity_month(month);
		assert_eq!(entry.availability, 1_500_000);
		let short = share - inr(1_000);
		Ledgers::<Test>::mutate(DAILY, |l| {
			l.keep_capacity_month(
				month,
				crate::CapacityMonth {
					availability: 2_447_000_000,
					uncapped: short,
					charged: short,
				},
			)
		});
		let before = block(2, Permill::zero());
		assert_eq!(before, 3_063_725_490);
		assert_eq!(block(3, Permill::one()) - before, inr(1_000));
		assert_eq!(Ledgers::<Test>::get(DAILY).capacity_month(month).charged, share);
		assert_eq!(block(4, Permill::one()) - before, inr(1_000));
	});
}

/// rule 12: months of default are calendar months unless the PPA says 30 days. A bill
/// due 9 January 2027 is in month 1 of default from 10 January to 9 February (31 days); month 2
/// begins on 10 February at 14.15 % with 31 x 4.095 = 126.945 accrued. On 30-day months it
/// would begin on 8 February.
#[test]
fn months_of_default_are_calendar_months_by_default_rule_12() {
	run(|| {
		amend_daily(|t| t.calendar_months = true);
		let bill = round_bill();
		let step = |e: &Event<Test>| matches!(e, Event::LpsMonthBegan { month: 2, .. });
		go_to(START_DAY + 46 + 30);
		assert!(!events().iter().any(step));
		go_to(START_DAY + 46 + 31);
		assert!(!events().iter().any(step));
		go_to(START_DAY + 46 + 32);
		assert!(events().contains(&Event::LpsMonthBegan {
			ppa: DAILY,
			bill,
			month: 2,
			annual_rate: Permill::from_parts(141_500),
			outstanding: ROUND,
			lps: 126_945_000,
		}));
	});
}

/// rule 12: the base rate is a table by financial year, each day accruing at its own
/// year's rate. FY 2026 is at 13.65 % (genesis); governance sets FY 2027 (from 1 April 2027,
/// day 20,909) at 14.00 %. A bill of 10,950 due 9 January 2027 (30-day months) accrues by 4
/// April: month 1, 30 days at 13.65 % (4.095 a day), 122.85; month 2, 30 days at 14.15 %
/// (4.245), 127.35; month 3, 21 days of March at 14.65 % (4.395), 92.295, and 4 days of April
/// at 14.00 + 1.00 = 15.00 % (4.50), 18.00: INR 360.495 in all.
#[test]
fn a_bill_overdue_across_1_april_accrues_at_each_years_base_rate_rule_12() {
	run(|| {
		let fourteen = Permill::from_percent(14);
		assert_noop!(
			Settlement::set_lps_base_rate(RuntimeOrigin::signed(GENCO), 2027, fourteen),
			BadOrigin
		);
		assert_noop!(
			Settlement::set_lps_base_rate(RuntimeOrigin::root(), 2027, Permill::zero()),
			Error::<Test>::InvalidParameters
		);
		// FY 2025 has ended; FY 2026's rate is in force.
		assert_noop!(
			Settlement::set_lps_base_rate(RuntimeOrigin::root(), 2025, fourteen),
			Error::<Test>::FinancialYearOver
		);
		assert_noop!(
			Settlement::set_lps_base_rate(RuntimeOrigin::root(), 2026, fourteen),
			Error::<Test>::BaseRateInForce
		);
		assert_ok!(Settlement::set_lps_base_rate(
			RuntimeOrigin::root(),
			2027,
			Permill::from_percent(15)
		));
		assert_ok!(Settlement::set_lps_base_rate(RuntimeOrigin::root(), 2027, fourteen));
		System::assert_last_event(
			Event::LpsBaseRateSet { financial_year: 2027, rate: fourteen, from: 20_909 }.into(),
		);
		assert_eq!(crate::LpsBaseRates::<Test>::get().len(), 2);
		let bill = round_bill();
		assert_eq!(Bills::<Test>::get(DAILY, bill).unwrap().due_on, 20_827);
		go_to(20_912);
		assert_eq!(Settlement::ppa_dues(DAILY).lps, 360_495_000);
		// Once in force it is fixed.
		assert_noop!(
			Settlement::set_lps_base_rate(RuntimeOrigin::root(), 2027, fourteen),
			Error::<Test>::BaseRateInForce
		);
	});
}

/// rule 12: a base rate set late applies from the day after: days past keep theirs.
/// With FY 2027 unset on 4 April 2027 (day 20,912), setting it then applies from 5 April.
#[test]
fn a_base_rate_set_late_applies_from_tomorrow_rule_12() {
	run(|| {
		go_to(20_912);
		assert_ok!(Settlement::set_lps_base_rate(
			RuntimeOrigin::root(),
			2027,
			Permill::from_percent(14)
		));
		System::assert_last_event(
			Event::LpsBaseRateSet {
				financial_year: 2027,
				rate: Permill::from_percent(14),
				from: 20_913,
			}
			.into(),
		);
		let rules = Settlement::lps_rules();
		let rates = rules.rates(None);
		assert_eq!(rates.rate(1, 20_912), Permill::from_parts(136_500));
		assert_eq!(rates.rate(1, 20_913), Permill::from_percent(14));
	});
}

/// rule 11: what a ruling gives back of a bill paid with a rebate is the money paid for
/// it, not the rebate. 950 of 10,950 disputed on day 1; the buyer pays in full on day 3 with
/// the 1.5 % rebate (10,785.75 paid, 164.25 rebated). 365 upheld: of it, 365 x 164.25 /
/// 10,950 = 5.475 was rebate and 359.525 money, which is credited to the buyer.
#[test]
fn an_upheld_dispute_credits_the_money_paid_not_the_rebate_rule_11() {
	run(|| {
		let bill = round_bill();
		dispute_950(bill);
		go_to(START_DAY + 3);
		assert_ok!(Settlement::pay(RuntimeOrigin::signed(DISCOM_2), GENCO, ROUND, Some(DAILY)));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!((b.paid, b.rebate), (10_785_750_000, 164_250_000));
		assert_ok!(Settlement::resolve_dispute(RuntimeOrigin::root(), DAILY, bill, inr(365)));
		let b = Bills::<Test>::get(DAILY, bill).unwrap();
		assert_eq!(
			(b.billed, b.paid, b.rebate),
			(ROUND - inr(365), 10_785_750_000 - 359_525_000, 164_250_000 - 5_475_000)
		);
		assert_eq!(Ledgers::<Test>::get(DAILY).credit, 359_525_000);
	});
}

/// A bill holding a stayed amount from before stays were recorded (storage version 2) is
/// stayed already: a second stay would count it twice.
#[test]
fn a_bill_holding_a_stayed_amount_is_not_stayed_again_rule_11() {
	run(|| {
		let bill = round_bill();
		dispute_950(bill);
		// As version 2 held a dispute: out of the outstanding, without an order on record.
		Bills::<Test>::mutate(DAILY, bill, |b| {
			let b = b.as_mut().unwrap();
			b.outstanding -= inr(950);
			b.disputed = inr(950);
		});
		Ledgers::<Test>::mutate(DAILY, |l| {
			l.outstanding -= inr(950);
			l.disputed = inr(950);
		});
		assert_noop!(
			Settlement::stay_dispute(
				RuntimeOrigin::root(),
				DAILY,
				bill,
				StayAuthority::Regulator,
				DocumentHash::repeat_byte(9)
			),
			Error::<Test>::AlreadyStayed
		);
	});
}

/// rule 11: a stay needs a bill, and something of the disputed amount still unpaid.
#[test]
fn a_stay_of_an_unknown_bill_or_a_paid_dispute_is_refused_rule_11() {
	run(|| {
		let bill = round_bill();
		let order = DocumentHash::repeat_byte(9);
		let stay = |bill| {
			Settlement::stay_dispute(
				RuntimeOrigin::root(),
				DAILY,
				bill,
				StayAuthority::Court,
				order,
			)
		};
		assert_noop!(stay(bill + 7), Error::<Test>::NoSuchBill);
		dispute_950(bill);
		// Paid in full, dispute and all: nothing is left to hold back.
		assert_ok!(Settlement::pay(
			RuntimeOrigin::signed(DISCOM_2),
			GENCO,
			inr(20_000),
			Some(DAILY)
		));
		assert_noop!(stay(bill), Error::<Test>::NothingToStay);
	});
}

/// Arithmetic policy: the bill id counter never wraps onto a bill in use.
#[test]
fn a_bill_is_not_presented_once_every_bill_id_is_used() {
	run(|| {
		meter(DAILY, START_DAY, 10);
		crate::NextBillId::<Test>::put(u64::MAX);
		set_today(START_DAY + 1);
		assert_noop!(
			Settlement::present_bill(RuntimeOrigin::signed(STRANGER), DAILY, START_DAY),
			Error::<Test>::NoBillIdLeft
		);
	});
}
