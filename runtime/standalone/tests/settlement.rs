//! Settlement through the runtime's own calls, across the registry, the real escrow and
//! scheduling: a real-time PPA paid block by block from advance, and a daily bill left unpaid
//! that the seller draws from the LC after the due date, with LPS (rules 7-10, 12, 16).
//! Total issuance never changes and every account's free + held balance moves by exactly what
//! it paid or received.

mod common;

use common::{account, block, genesis_storage, terms, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec};
use ppa_primitives::{money::inr, BillingPeriod, GridDay, GridInstant, GridTime, TimeBlock};
use ppa_runtime::{
	views, Balances, GridClock, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use ppa_runtime_api::ApiError;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Eve, Ferdie};
use sp_runtime::traits::Dispatchable;

type SchedulingCall = pallet_scheduling::Call<Runtime>;
type SettlementCall = pallet_settlement::Call<Runtime>;
type SettlementEvent = pallet_settlement::Event<Runtime>;

/// Real milliseconds per time block and per grid day on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
const DAY_MS: u64 = 96 * TIME_BLOCK_MS;

/// One block of 10 MW at INR 2.00/kWh: 2,500 kWh = INR 5,000 of energy; the 250 MW share's
/// capacity charge at INR 900/kW-month in November (30 days): 2,50,000 x 900 / 2,880 =
/// INR 78,125 a block at full availability (no declaration: all capacity available).
const ENERGY: u128 = 5_000_000_000;
const CAPACITY: u128 = 78_125_000_000;
const BLOCK: u128 = ENERGY + CAPACITY;

fn call(
	who: Sr25519Keyring,
	call: impl Into<RuntimeCall>,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	call.into().dispatch(RuntimeOrigin::signed(account(who)))
}

fn total(who: Sr25519Keyring) -> u128 {
	Balances::total_balance(&account(who))
}

fn settlement_events() -> Vec<SettlementEvent> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Settlement(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Registers the parties and makes PPA 0 (Bob sells to Charlie, billed `period`), scheduled
/// 10 MW in every block of tomorrow by the LDC; returns tomorrow.
fn scheduled_ppa(period: BillingPeriod, prepare: impl FnOnce(GridDay)) -> GridDay {
	block(1, NOV_24_IST_MIDNIGHT);
	let today = GridClock::today();
	let mut terms = terms(today, today + 365, 2_000_000);
	terms.billing_period = period;
	// The PPA asks no LC cover of its own (0 % of a month's billing), so the small LC this
	// test drains is no dust below its cover share.
	terms.payment_security.lc_percent_of_monthly_billing = 0;
	common::singrauli_ppa(terms);
	prepare(today);
	let tomorrow = today + 1;
	let kw: BoundedVec<u32, _> = BoundedVec::truncate_from(vec![10_000; 96]);
	assert_ok!(call(Charlie, SchedulingCall::requisition { ppa: 0, day: tomorrow, kw }));
	block(2, NOV_24_IST_MIDNIGHT + 40 * TIME_BLOCK_MS);
	assert_ok!(call(
		Ferdie,
		SchedulingCall::finalize_schedules {
			day: tomorrow,
			ppas: BoundedVec::truncate_from(vec![0])
		}
	));
	tomorrow
}

/// A daily PPA scheduled tomorrow, secured by a revolving LC of INR 60 lakh; returns tomorrow.
fn daily_ppa_with_an_lc() -> GridDay {
	scheduled_ppa(BillingPeriod::Daily, |today| {
		common::open_lc(
			Charlie,
			Eve,
			0,
			pallet_escrow::LcTerms {
				amount: inr(6_000_000),
				expiry_day: today + 364,
				revolving: true,
				drawals_per_month: 1,
				restore_within_days: 15,
			},
		);
	})
}

/// The presentation of PPA 0's first bill, for one block of `day`, on day `p` (due 45 days
/// later).
fn bill_of_one_block(day: GridDay, p: GridDay) -> SettlementEvent {
	SettlementEvent::BillPresented {
		ppa: 0,
		bill: 0,
		seller: account(Bob),
		buyer: account(Charlie),
		first_day: day,
		last_day: day,
		energy_wh: 2_500_000,
		energy_charge: ENERGY,
		capacity_charge: CAPACITY,
		resale_credit: 0,
		presented_on: p,
		due_on: p + 45,
	}
}

/// The LDC meters block `b` of `day` at 2,500 kWh.
fn meter(day: GridDay, b: u8) {
	assert_ok!(call(
		Ferdie,
		SchedulingCall::submit_meter_readings {
			day,
			block: TimeBlock::new(b).unwrap(),
			readings: BoundedVec::truncate_from(vec![(0, 2_500_000)]),
		}
	));
}

#[test]
fn real_time_ppa_is_paid_block_by_block_from_advance() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let tomorrow = scheduled_ppa(BillingPeriod::PerTimeBlock, |_| {
			assert_ok!(call(
				Charlie,
				pallet_escrow::Call::<Runtime>::deposit_advance { ppa: 0, amount: inr(5_000_000) }
			));
		});
		let issuance = Balances::total_issuance();
		let (bob, charlie) = (total(Bob), total(Charlie));
		// Tomorrow 00:15: block 0 has ended; metered, billed and paid in the same extrinsic.
		block(3, NOV_24_IST_MIDNIGHT + DAY_MS + TIME_BLOCK_MS);
		meter(tomorrow, 0);
		// 1.5 % of INR 83,125 = 1,246.875 rebate; the advance pays 81,878.125.
		let (rebate, paid) = (1_246_875_000, 81_878_125_000);
		System::assert_has_event(
			SettlementEvent::BlockSettled {
				ppa: 0,
				at: GridInstant::new(tomorrow, TimeBlock::FIRST),
				seller: account(Bob),
				buyer: account(Charlie),
				energy_wh: 2_500_000,
				energy_charge: ENERGY,
				capacity_charge: CAPACITY,
				paid,
				rebate,
			}
			.into(),
		);
		assert_eq!(total(Bob), bob + paid);
		assert_eq!(total(Charlie), charlie - paid);
		let advance = pallet_escrow::Advances::<Runtime>::get(0).unwrap();
		assert_eq!(advance.held, inr(5_000_000) - paid);
		let ledger = pallet_settlement::Ledgers::<Runtime>::get(0);
		assert_eq!(
			(ledger.billed, ledger.paid, ledger.rebate, ledger.outstanding),
			(BLOCK, paid, rebate, 0)
		);
		// Billed at once, the reading is still corrected (rule 2); energy is billed as
		// scheduled, so nothing more is billed.
		assert_ok!(call(
			Ferdie,
			SchedulingCall::correct_meter_reading {
				ppa: 0,
				day: tomorrow,
				block: TimeBlock::FIRST,
				actual_wh: 1
			}
		));
		assert_eq!(pallet_settlement::Ledgers::<Runtime>::get(0).billed, BLOCK);
		// The next block too: nothing is ever owed, so the PSM gate sees no exposure.
		block(4, NOV_24_IST_MIDNIGHT + DAY_MS + 2 * TIME_BLOCK_MS);
		meter(tomorrow, 1);
		assert_eq!(total(Bob), bob + 2 * paid);
		assert_eq!(
			<pallet_settlement::Pallet<Runtime> as ppa_primitives::Exposure>::exposure(0),
			0
		);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn an_unpaid_daily_bill_is_drawn_from_the_lc_after_the_due_date_with_lps() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let tomorrow = daily_ppa_with_an_lc();
		let issuance = Balances::total_issuance();
		block(3, NOV_24_IST_MIDNIGHT + DAY_MS + TIME_BLOCK_MS);
		meter(tomorrow, 0);
		// The day after: the hook presents the day's bill (P), due 45 days later (D).
		let p = tomorrow + 1;
		block(4, NOV_24_IST_MIDNIGHT + 2 * DAY_MS);
		assert!(settlement_events().contains(&bill_of_one_block(tomorrow, p)));
		// The billed day's reading is still corrected; the bill stays as it is.
		assert_ok!(call(
			Ferdie,
			SchedulingCall::correct_meter_reading {
				ppa: 0,
				day: tomorrow,
				block: TimeBlock::FIRST,
				actual_wh: 1
			}
		));
		assert_eq!(pallet_settlement::Bills::<Runtime>::get(0, 0).unwrap().billed, BLOCK);
		// The day before D the seller may not draw yet. The chain then stands still for ten
		// days: the first block after D (day D + 10) draws the LC by itself (defaults'
		// due-date duty, applied late) for principal and LPS: 83,125 x 13.65 % x 10 / 365 =
		// INR 310.864726; the seller has nothing left to draw.
		block(5, NOV_24_IST_MIDNIGHT + (2 + 44) * DAY_MS);
		assert_eq!(GridClock::today(), p + 44);
		assert_noop!(
			call(Bob, SettlementCall::draw_letter_of_credit { ppa: 0 }),
			pallet_settlement::Error::<Runtime>::NothingFallenDue
		);
		// What billing systems read through the runtime APIs: the bill, not yet due, and the
		// buyer's dues, all of them current (rule 26).
		let bills = views::bills(0, tomorrow, tomorrow).unwrap();
		assert_eq!(bills.len(), 1);
		let b = &bills[0];
		assert_eq!(
			(b.id, b.billed, b.paid, b.outstanding, b.due_on, b.settled),
			(0, BLOCK, 0, BLOCK, p + 45, false)
		);
		assert_eq!(views::bills(0, p, p + 10), Ok(vec![]));
		assert_eq!(views::bills(0, tomorrow + 1, tomorrow), Err(ApiError::BadDayRange));
		assert_eq!(views::bills(0, 0, 400), Err(ApiError::DayRangeTooLong));
		assert_eq!(views::bills(7, tomorrow, tomorrow), Err(ApiError::UnknownPpa));
		let dues = views::buyer_dues(account(Charlie));
		assert_eq!((dues.as_of, dues.ppas.clone()), (p + 44, vec![0]));
		assert_eq!(
			(dues.outstanding, dues.ageing.current, dues.ageing.days_1_30),
			(BLOCK, BLOCK, 0)
		);
		// The one PPA's dues are the buyer's whole dues here; an unknown PPA is refused.
		assert_eq!(views::ppa_dues(0), Ok(dues.clone()));
		assert_eq!(views::ppa_dues(7), Err(ApiError::UnknownPpa));
		assert_eq!(views::seller_dues(account(Bob)).billed, BLOCK);
		let (bob, eve) = (total(Bob), total(Eve));
		block(6, NOV_24_IST_MIDNIGHT + (2 + 55) * DAY_MS);
		assert_eq!(GridClock::today(), p + 55);
		assert_noop!(
			call(Bob, SettlementCall::draw_letter_of_credit { ppa: 0 }),
			pallet_settlement::Error::<Runtime>::NothingFallenDue
		);
		let lps = 310_864_726;
		assert_eq!(total(Bob), bob + BLOCK + lps);
		assert_eq!(total(Eve), eve - BLOCK - lps);
		assert_eq!(
			pallet_escrow::ReimbursementsOwed::<Runtime>::get(account(Eve), account(Charlie)),
			BLOCK + lps
		);
		let bill = pallet_settlement::Bills::<Runtime>::get(0, 0).unwrap();
		assert_eq!((bill.paid, bill.lps_paid, bill.outstanding, bill.lps), (BLOCK, lps, 0, 0));
		assert!(pallet_settlement::UnpaidBills::<Runtime>::get(0).is_empty());
		// Paid from the LC with LPS: the views say so.
		let b = &views::bills(0, tomorrow, tomorrow).unwrap()[0];
		assert_eq!((b.paid, b.lps_paid, b.outstanding, b.settled), (BLOCK, lps, 0, true));
		let ledger = views::ledger(0).unwrap();
		assert_eq!((ledger.billed, ledger.paid, ledger.lps_paid), (BLOCK, BLOCK, lps));
		let dues = views::buyer_dues(account(Charlie));
		assert_eq!((dues.outstanding, dues.ageing.current, dues.ageing.over_90), (0, 0, 0));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// Issue "Robust at the edges", rule 2: the LDC revises the energy account of a block
/// after its daily bill was presented. Revised down to 8 MW (2,000 kWh, INR 1,000 less
/// energy), the difference is a credit off the unpaid bill; revised back up to 10 MW two days
/// later, the INR 1,000 is a supplementary bill presented that day and due 45 days later.
/// Only the PPA's LDC revises, never above the contracted 250 MW; no money moves.
#[test]
fn a_revised_energy_account_after_presentation_is_a_credit_or_a_supplementary_bill() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let tomorrow = daily_ppa_with_an_lc();
		let issuance = Balances::total_issuance();
		block(3, NOV_24_IST_MIDNIGHT + DAY_MS + TIME_BLOCK_MS);
		meter(tomorrow, 0);
		let p = tomorrow + 1;
		block(4, NOV_24_IST_MIDNIGHT + 2 * DAY_MS);
		assert!(settlement_events().contains(&bill_of_one_block(tomorrow, p)));
		let revise = |who, kw| {
			call(
				who,
				SchedulingCall::revise_energy_account {
					ppa: 0,
					day: tomorrow,
					block: TimeBlock::FIRST,
					scheduled_kw: kw,
					availability: sp_runtime::Permill::one(),
					actual_wh: 2_000_000,
				},
			)
		};
		assert_noop!(revise(Charlie, 8_000), pallet_scheduling::Error::<Runtime>::NotAnLdc);
		assert_noop!(revise(Ferdie, 250_001), pallet_scheduling::Error::<Runtime>::OverEntitlement);
		assert_ok!(revise(Ferdie, 8_000));
		let bill = pallet_settlement::Bills::<Runtime>::get(0, 0).unwrap();
		assert_eq!((bill.billed, bill.outstanding), (BLOCK - inr(1_000), BLOCK - inr(1_000)));
		assert!(settlement_events().contains(&SettlementEvent::CreditNoted {
			ppa: 0,
			amount: inr(1_000),
			applied: inr(1_000),
			pending: 0
		}));
		block(5, NOV_24_IST_MIDNIGHT + 4 * DAY_MS);
		let day = GridClock::today();
		assert_ok!(revise(Ferdie, 10_000));
		let supplementary = pallet_settlement::Bills::<Runtime>::get(0, 1).unwrap();
		assert_eq!(
			(supplementary.first_day, supplementary.presented_on, supplementary.due_on),
			(tomorrow, day, day + 45)
		);
		assert_eq!(supplementary.billed, inr(1_000));
		assert!(settlement_events().contains(&SettlementEvent::SupplementaryBillPresented {
			ppa: 0,
			bill: 1,
			at: GridInstant::new(tomorrow, TimeBlock::FIRST)
		}));
		let bills = views::bills(0, tomorrow, tomorrow).unwrap();
		assert_eq!(
			bills.iter().map(|b| (b.id, b.due_on)).collect::<Vec<_>>(),
			vec![(0, p + 45), (1, day + 45)]
		);
		let exposure = <pallet_settlement::Pallet<Runtime> as ppa_primitives::Exposure>::exposure;
		assert_eq!(exposure(0), BLOCK);
		let account = pallet_scheduling::EnergyAccounts::<Runtime>::get(0, tomorrow).unwrap();
		assert_eq!(account.actual_wh, 2_000_000);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// The scale the issue asks for, from the generated weights (no timing): billing one time
/// block for 10,000 real-time PPAs (charges and payment from advance) fits in three blocks'
/// normal-dispatch compute and, on a parachain, in ten blocks' (a minute's) storage proof. Per PPA: `settle_block_from_advance` (the costlier of the two
/// charging paths, see `OnEnergyMetered::weight`).
#[test]
fn billing_a_time_block_for_10000_ppas_fits_in_three_blocks_of_compute_and_ten_of_proof() {
	use frame_support::dispatch::DispatchClass;
	use ppa_primitives::OnEnergyMetered;
	let per_ppa = <pallet_settlement::Pallet<Runtime> as OnEnergyMetered<
		<Runtime as frame_system::Config>::AccountId,
	>>::weight();
	let normal = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.expect("normal dispatch is limited");
	assert!(per_ppa.ref_time() > 0);
	let all = per_ppa.saturating_mul(10_000);
	println!(
		"10,000 PPAs' charges: {} ps, {} bytes of proof: {} blocks of compute, {} of proof",
		all.ref_time(),
		all.proof_size(),
		all.ref_time().div_ceil(normal.ref_time()),
		all.proof_size().div_ceil(normal.proof_size()),
	);
	assert!(all.ref_time() <= normal.ref_time().saturating_mul(3), "three blocks of compute");
	// On a parachain the relay chain bounds each block's storage proof: within a minute.
	assert!(all.proof_size() <= normal.proof_size().saturating_mul(10), "a minute of proof");
}

/// Issue "Robust at the edges": a daily PPA's meter data arrives a week late. Its day's
/// charges are still presented as a bill, on the day they arrive (P), due 45 days later (D),
/// and the LC is drawn for it with LPS after D, as for a bill metered on time.
#[test]
fn a_daily_ppa_metered_a_week_late_is_still_billed_and_drawn_after_its_due_date() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let tomorrow = daily_ppa_with_an_lc();
		let issuance = Balances::total_issuance();
		// A week after the day: the hooks have walked today already when the data comes.
		let p = tomorrow + 7;
		block(3, NOV_24_IST_MIDNIGHT + 8 * DAY_MS);
		assert_eq!(GridClock::today(), p);
		meter(tomorrow, 0);
		let exposure = <pallet_settlement::Pallet<Runtime> as ppa_primitives::Exposure>::exposure;
		assert_eq!(exposure(0), BLOCK);
		block(4, NOV_24_IST_MIDNIGHT + 8 * DAY_MS + TIME_BLOCK_MS);
		assert!(settlement_events().contains(&bill_of_one_block(tomorrow, p)));
		let ledger = pallet_settlement::Ledgers::<Runtime>::get(0);
		assert_eq!((ledger.unbilled, ledger.outstanding), (0, BLOCK));
		assert_eq!(exposure(0), BLOCK);
		// Ten days past D the LC has been drawn by defaults' due-date duty for principal and
		// LPS: 83,125 x 13.65 % x 10 / 365 = INR 310.864726.
		let bob = total(Bob);
		// The chain stood still: its hooks catch up over a few blocks.
		for n in 5..9 {
			block(n, NOV_24_IST_MIDNIGHT + (8 + 55) * DAY_MS + u64::from(n));
		}
		assert_eq!(GridClock::today(), p + 55);
		let lps = 310_864_726;
		assert_eq!(total(Bob), bob + BLOCK + lps);
		let bill = pallet_settlement::Bills::<Runtime>::get(0, 0).unwrap();
		assert_eq!((bill.paid, bill.lps_paid, bill.outstanding), (BLOCK, lps, 0));
		assert_eq!(exposure(0), 0);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// Issue "Robust at the edges": a real-time PPA whose advance runs out before the day's last
/// block. The block the advance cannot pay joins the day's bill, and so does every later
/// block even after the buyer tops the advance up: none is paid ahead of it. The next day
/// the bill is presented and paid from the advance in full; then blocks settle at once again.
#[test]
fn a_real_time_block_is_never_paid_ahead_of_an_older_charge() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let tomorrow = scheduled_ppa(BillingPeriod::PerTimeBlock, |_| {
			assert_ok!(call(
				Charlie,
				pallet_escrow::Call::<Runtime>::deposit_advance { ppa: 0, amount: inr(7_700_000) }
			));
		});
		let issuance = Balances::total_issuance();
		block(3, NOV_24_IST_MIDNIGHT + 2 * DAY_MS - TIME_BLOCK_MS);
		let settled = |b: u8| {
			settlement_events().iter().any(|e| {
				matches!(e, SettlementEvent::BlockSettled { at, .. }
					if *at == GridInstant::new(tomorrow, TimeBlock::new(b).unwrap()))
			})
		};
		// Metered block by block through the day until the advance falls short.
		let mut short = None;
		for b in 0..95 {
			meter(tomorrow, b);
			if !settled(b) {
				short = Some(b);
				break;
			}
		}
		let short = short.expect("INR 77 lakh of advance runs out within the day");
		assert!(short > 80, "the advance lasts most of the day (ran out at block {short})");
		// The buyer tops up well beyond what the day still owes: later blocks still wait.
		assert_ok!(call(
			Charlie,
			pallet_escrow::Call::<Runtime>::deposit_advance { ppa: 0, amount: inr(2_000_000) }
		));
		for b in short + 1..95 {
			meter(tomorrow, b);
			assert!(!settled(b), "block {b} paid ahead of block {short}");
		}
		let blocks = u128::from(95 - short);
		let open = pallet_settlement::OpenBills::<Runtime>::get(0, tomorrow).unwrap();
		assert_eq!((open.blocks, open.total()), (95 - u32::from(short), blocks * BLOCK));
		// The next day the bill is presented and the advance pays it at once, with the best
		// rebate (1.5 %, rounded up).
		let bob = total(Bob);
		block(4, NOV_24_IST_MIDNIGHT + 2 * DAY_MS);
		let bill = pallet_settlement::Bills::<Runtime>::get(0, 0).unwrap();
		let rebate = sp_runtime::Permill::from_parts(15_000).mul_ceil(blocks * BLOCK);
		assert_eq!(
			(bill.billed, bill.paid, bill.rebate, bill.outstanding),
			(blocks * BLOCK, blocks * BLOCK - rebate, rebate, 0)
		);
		assert_eq!(total(Bob), bob + blocks * BLOCK - rebate);
		// Nothing is owed: the day's last block, metered now, is settled at once.
		meter(tomorrow, 95);
		assert!(settled(95));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// CERC Tariff Regulations 2024 (rule 9): the capacity charge follows the seller's
/// declared capability, certified as the LDC finalizes the day, against the PPA's normative
/// availability. Bob declares Singrauli 80 % available tomorrow; the PPA's NAPAF is 85 %. A
/// metered block of the 250 MW share at INR 900/kW-month in November (30 days) earns
/// 2,50,000 x 900 / 2,880 x 0.80 / 0.85 = INR 73,529.411764 (rounded down), the share of a block
/// x PAFM / NAPAF. Without cover nothing is scheduled, so the bill has no energy charge.
#[test]
fn the_capacity_charge_follows_declared_capability_over_napaf_rule_9() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		let mut t = terms(today, today + 365, 2_000_000);
		t.billing_period = BillingPeriod::Daily;
		t.normative_availability = sp_runtime::Permill::from_percent(85);
		t.payment_security.lc_percent_of_monthly_billing = 0;
		common::singrauli_ppa(t);
		let tomorrow = today + 1;
		assert_ok!(call(
			Bob,
			SchedulingCall::declare_capability {
				station: BoundedVec::truncate_from(b"Singrauli STPS".to_vec()),
				day: tomorrow,
				station_kw: 1_000_000,
				available_kw: BoundedVec::truncate_from(vec![800_000; 96]),
			}
		));
		let kw: BoundedVec<u32, _> = BoundedVec::truncate_from(vec![10_000; 96]);
		assert_ok!(call(Charlie, SchedulingCall::requisition { ppa: 0, day: tomorrow, kw }));
		block(2, NOV_24_IST_MIDNIGHT + 40 * TIME_BLOCK_MS);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::finalize_schedules {
				day: tomorrow,
				ppas: BoundedVec::truncate_from(vec![0])
			}
		));
		block(3, NOV_24_IST_MIDNIGHT + DAY_MS + TIME_BLOCK_MS);
		meter(tomorrow, 0);
		block(4, NOV_24_IST_MIDNIGHT + 2 * DAY_MS);
		let bill = pallet_settlement::Bills::<Runtime>::get(0, 0).expect("presented");
		assert_eq!((bill.energy_charge, bill.capacity_charge), (0, 73_529_411_764));
	});
}
