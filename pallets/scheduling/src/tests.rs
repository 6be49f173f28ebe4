//! Tests of the scheduling pallet, named after the rules of docs/rules.md they check.

use crate::{
	gate::BLOCKS, mock::*, pallet::*, Cuts, FinalizePaths, KwList, MeterPaths, SchedulingParameters,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use ppa_primitives::{
	money::inr, BlockEnergy, EnergyLedger, EnergyWh, GridInstant, OnEnergyMetered, PowerKw, PpaId,
	PpaStatus, Role, TimeBlock,
};
use sp_runtime::{DispatchError, Percent, Permill};

fn flat(kw: PowerKw) -> KwList {
	BoundedVec::truncate_from(vec![kw; BLOCKS])
}

fn tb(i: u8) -> TimeBlock {
	TimeBlock::new(i).unwrap()
}

fn requisition(ppa: PpaId, kw: PowerKw) {
	let buyer = if ppa == PPA { DISCOM } else { DISCOM_2 };
	assert_ok!(Scheduling::requisition(RuntimeOrigin::signed(buyer), ppa, TOMORROW, flat(kw)));
}

fn finalize(ppas: Vec<PpaId>) -> sp_runtime::DispatchResult {
	Scheduling::finalize_schedules(
		RuntimeOrigin::signed(LDC),
		TOMORROW,
		BoundedVec::truncate_from(ppas),
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

/// Past the gate (10:00 IST today) so that tomorrow can be finalized.
fn after_gate() {
	set_now(TODAY, 40);
}

fn account(ppa: PpaId) -> crate::EnergyAccount {
	EnergyAccounts::<Test>::get(ppa, TOMORROW).expect("finalized")
}

/// The advance the escrow double holds committed to [`PPA`]'s `day`.
fn committed_on(day: ppa_primitives::GridDay) -> ppa_primitives::Balance {
	TestSecurity::advance_committed(PPA, day)
}

/// A day of `kw`, Wh.
fn day_wh(kw: u64) -> EnergyWh {
	kw * 250 * 96
}

/// Runs `test` on fresh storage, then checks the energy accounts against their detail.
fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Scheduling::do_try_state().expect("scheduling invariants hold");
		// The advance escrow holds committed to a day never exceeds its unmetered value.
		for (ppa, day, account) in EnergyAccounts::<Test>::iter() {
			assert!(TestSecurity::advance_committed(ppa, day) <= account.unmetered_value);
		}
	});
}

// --- Parameters and declarations -----------------------------------------------------------

#[test]
fn only_the_admin_sets_sound_parameters() {
	run(|| {
		let p = SchedulingParameters { revision_lead_blocks: 6, ..Default::default() };
		assert_noop!(
			Scheduling::set_parameters(RuntimeOrigin::signed(LDC), p),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Scheduling::set_parameters(
				RuntimeOrigin::root(),
				SchedulingParameters { revision_lead_blocks: 0, ..p }
			),
			Error::<Test>::InvalidParameters
		);
		assert_ok!(Scheduling::set_parameters(RuntimeOrigin::root(), p));
		assert_eq!(Parameters::<Test>::get(), p);
		System::assert_last_event(Event::ParametersSet { parameters: p }.into());
	});
}

#[test]
fn a_generator_declares_capability_before_the_gate() {
	run(|| {
		let station = terms(1).station;
		let declare = |who, day, station_kw, kw| {
			Scheduling::declare_capability(
				RuntimeOrigin::signed(who),
				station.clone(),
				day,
				station_kw,
				kw,
			)
		};
		assert_noop!(declare(DISCOM, TOMORROW, 1, flat(1)), Error::<Test>::NotAGenerator);
		assert_noop!(declare(GENCO, TOMORROW, 0, flat(1)), Error::<Test>::ZeroStationCapacity);
		assert_noop!(
			declare(GENCO, TOMORROW, 1, BoundedVec::truncate_from(vec![1; 95])),
			Error::<Test>::WrongBlockCount
		);
		assert_noop!(declare(GENCO, TODAY, 1, flat(1)), Error::<Test>::RequisitionGateClosed);
		assert_ok!(declare(GENCO, TOMORROW, 1_000_000, flat(800_000)));
		System::assert_last_event(
			Event::CapabilityDeclared {
				seller: GENCO,
				station: station.clone(),
				day: TOMORROW,
				station_kw: 1_000_000,
				available_wh: day_wh(800_000),
			}
			.into(),
		);
		after_gate();
		assert_noop!(declare(GENCO, TOMORROW, 1, flat(1)), Error::<Test>::RequisitionGateClosed);
	});
}

// --- Requisitions ----------------------------------------------------------------------------

/// rule 6: requisitions for day D close at 10:00 IST on D-1 (block 40).
#[test]
fn rule_6_late_requisition_is_refused() {
	run(|| {
		let ask = |day| Scheduling::requisition(RuntimeOrigin::signed(DISCOM), PPA, day, flat(1));
		// 09:00: open for tomorrow; never for today.
		assert_ok!(ask(TOMORROW));
		assert_noop!(ask(TODAY), Error::<Test>::RequisitionGateClosed);
		// 09:45 is still before the gate; 10:00 is not.
		set_now(TODAY, 39);
		assert_ok!(ask(TOMORROW));
		set_now(TODAY, 40);
		assert_noop!(ask(TOMORROW), Error::<Test>::RequisitionGateClosed);
		// The day after tomorrow is still open; a week and a day ahead is too far.
		assert_ok!(ask(TODAY + 2));
		assert_noop!(ask(TODAY + 8), Error::<Test>::TooFarAhead);
		System::assert_last_event(
			Event::Requisitioned {
				ppa: PPA,
				buyer: DISCOM,
				day: TODAY + 2,
				requested_wh: 96 * 250,
			}
			.into(),
		);
	});
}

#[test]
fn only_the_buyer_requisitions_under_a_supplying_ppa() {
	run(|| {
		let ask =
			|who, ppa, kw| Scheduling::requisition(RuntimeOrigin::signed(who), ppa, TOMORROW, kw);
		assert_noop!(ask(DISCOM_2, PPA, flat(1)), Error::<Test>::NotTheBuyer);
		assert_noop!(ask(DISCOM, 9, flat(1)), Error::<Test>::UnknownPpa);
		assert_noop!(ask(DISCOM, ENDED_PPA, flat(1)), Error::<Test>::PpaNotBinding);
		assert_noop!(
			ask(DISCOM, PPA, BoundedVec::truncate_from(vec![1; 10])),
			Error::<Test>::WrongBlockCount
		);
		let mut later = terms(10);
		later.start_day = TODAY + 5;
		TestRegistry::insert(7, GENCO, DISCOM, PpaStatus::Signed, later);
		assert_noop!(ask(DISCOM, 7, flat(1)), Error::<Test>::NotSupplyingThatDay);
	});
}

fn submit(who: u64, batch: Vec<(PpaId, KwList)>) -> sp_runtime::DispatchResult {
	Scheduling::submit_requisitions(
		RuntimeOrigin::signed(who),
		TOMORROW,
		BoundedVec::truncate_from(batch),
	)
}

/// rule 6: a buyer requisitions many PPAs in one call, each as `requisition` would, and
/// each gets its event; a PPA given twice keeps its last profile.
#[test]
fn rule_6_a_buyer_submits_many_requisitions_at_once() {
	run(|| {
		const TWIN: PpaId = 7;
		TestRegistry::insert(TWIN, GENCO, DISCOM, PpaStatus::Active, terms(50_000));
		assert_ok!(submit(DISCOM, vec![(PPA, flat(10)), (TWIN, flat(20)), (PPA, flat(30))]));
		assert_eq!(Requisitions::<Test>::get(PPA, TOMORROW), Some([30; BLOCKS]));
		assert_eq!(Requisitions::<Test>::get(TWIN, TOMORROW), Some([20; BLOCKS]));
		let requisitioned: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Scheduling(Event::Requisitioned {
					ppa,
					buyer,
					day,
					requested_wh,
				}) => Some((ppa, buyer, day, requested_wh)),
				_ => None,
			})
			.collect();
		assert_eq!(
			requisitioned,
			vec![
				(PPA, DISCOM, TOMORROW, 10 * 250 * 96),
				(TWIN, DISCOM, TOMORROW, 20 * 250 * 96),
				(PPA, DISCOM, TOMORROW, 30 * 250 * 96),
			]
		);
		// Each is queued for pruning with its day, as one requisition is.
		let queued: Vec<_> = PruneQueue::<Test>::iter().map(|(_, ppa, day)| (ppa, day)).collect();
		assert!(queued.contains(&(PPA, TOMORROW)) && queued.contains(&(TWIN, TOMORROW)));
		after_gate();
		assert_ok!(finalize(vec![PPA, TWIN]));
		assert_eq!(account(TWIN).requested_wh, day_wh(20));
	});
}

/// A batch is refused whole, with the first refusal's reason, and changes nothing: another
/// buyer's PPA, a profile over the entitlement or of the wrong length, a finalized day, a day
/// too far ahead, the gate closed, an empty batch.
#[test]
fn a_requisition_batch_is_refused_whole() {
	run(|| {
		assert_noop!(submit(DISCOM, vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			submit(DISCOM, vec![(PPA, flat(10)), (PPA_2, flat(10))]),
			Error::<Test>::NotTheBuyer
		);
		assert_noop!(
			submit(DISCOM, vec![(PPA, flat(10)), (PPA, flat(100_001))]),
			Error::<Test>::OverEntitlement
		);
		assert_noop!(
			submit(DISCOM, vec![(PPA, flat(10)), (PPA, BoundedVec::truncate_from(vec![1; 95]))]),
			Error::<Test>::WrongBlockCount
		);
		assert_noop!(submit(STRANGER, vec![(PPA, flat(10))]), Error::<Test>::NotTheBuyer);
		assert_noop!(
			Scheduling::submit_requisitions(
				RuntimeOrigin::signed(DISCOM),
				TODAY + 8,
				BoundedVec::truncate_from(vec![(PPA, flat(10))]),
			),
			Error::<Test>::TooFarAhead
		);
		// After the gate nothing is taken for tomorrow.
		requisition(PPA, 100_000);
		after_gate();
		assert_noop!(submit(DISCOM, vec![(PPA, flat(10))]), Error::<Test>::RequisitionGateClosed);
		// Nor for a day finalized (the clock set back to reach the check, as for one call).
		assert_ok!(finalize(vec![PPA]));
		set_now(TODAY, 10);
		assert_noop!(submit(DISCOM, vec![(PPA, flat(10))]), Error::<Test>::AlreadyFinalized);
	});
}

/// Entitlement: contracted capacity x declared availability share (rule 9's
/// availability); without a declaration the whole contracted capacity.
#[test]
fn over_entitlement_is_refused() {
	run(|| {
		let ask = |kw| Scheduling::requisition(RuntimeOrigin::signed(DISCOM), PPA, TOMORROW, kw);
		assert_noop!(ask(flat(100_001)), Error::<Test>::OverEntitlement);
		assert_ok!(ask(flat(100_000)));
		// The station (1,000 MW) declares 500 MW in the evening blocks: 50 MW of 100 MW.
		let mut available = vec![1_000_000; BLOCKS];
		available[72..].fill(500_000);
		assert_ok!(Scheduling::declare_capability(
			RuntimeOrigin::signed(GENCO),
			terms(1).station,
			TOMORROW,
			1_000_000,
			BoundedVec::truncate_from(available),
		));
		assert_noop!(ask(flat(60_000)), Error::<Test>::OverEntitlement);
		let mut kw = vec![100_000; BLOCKS];
		kw[72..].fill(50_000);
		assert_ok!(ask(BoundedVec::truncate_from(kw)));
	});
}

// --- Finalization ------------------------------------------------------------------------------

#[test]
fn an_ldc_finalizes_after_the_gate() {
	run(|| {
		requisition(PPA, 100_000);
		assert_noop!(finalize(vec![PPA]), Error::<Test>::GateNotClosed);
		after_gate();
		assert_noop!(
			Scheduling::finalize_schedules(
				RuntimeOrigin::signed(DISCOM),
				TOMORROW,
				BoundedVec::truncate_from(vec![PPA])
			),
			Error::<Test>::NotAnLdc
		);
		assert_noop!(finalize(vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			Scheduling::finalize_schedules(
				RuntimeOrigin::signed(LDC),
				TODAY - 1,
				BoundedVec::truncate_from(vec![PPA])
			),
			Error::<Test>::DayPassed
		);
		assert_ok!(finalize(vec![PPA, PPA_2]));
		// 100 MW all day at INR 3/kWh: 2,400 MWh worth INR 72 lakh.
		System::assert_has_event(
			Event::ScheduleFinalized {
				ppa: PPA,
				day: TOMORROW,
				requested_wh: day_wh(100_000),
				cuts: Cuts::default(),
				scheduled_wh: day_wh(100_000),
				value: inr(7_200_000),
			}
			.into(),
		);
		// Without any requisition, nothing is scheduled.
		System::assert_has_event(Event::FinalizationSkipped { ppa: PPA_2, day: TOMORROW }.into());
		assert!(DayDetails::<Test>::get(PPA_2, TOMORROW).is_none());
		let detail = DayDetails::<Test>::get(PPA, TOMORROW).unwrap();
		assert!(detail.scheduled_kw.iter().all(|kw| *kw == 100_000));
		assert_eq!(account(PPA).scheduled_wh, day_wh(100_000));
		assert_eq!(account(PPA).unmetered_value, inr(7_200_000));
		// The requisition has served: the account records what it asked.
		assert!(!Requisitions::<Test>::contains_key(PPA, TOMORROW));
		assert_eq!(account(PPA).requested_wh, day_wh(100_000));
		// A second finalization passes it over; a late requisition is refused.
		assert_ok!(finalize(vec![PPA]));
		System::assert_last_event(Event::FinalizationSkipped { ppa: PPA, day: TOMORROW }.into());
		set_now(TODAY, 10);
		assert_noop!(
			Scheduling::requisition(RuntimeOrigin::signed(DISCOM), PPA, TOMORROW, flat(1)),
			Error::<Test>::AlreadyFinalized
		);
	});
}

/// A batch of schedules is charged its benchmark's worst case (every PPA finalized, each
/// with parties and a station of its own and every LC a PPA may hold), less what its PPAs
/// did not read or write: a PPA passed over does not reach the gates, an LC not held is not
/// read, a buyer's regulation and a station's declaration are read once a batch.
#[test]
fn a_finalize_batch_is_charged_what_its_ppas_read() {
	run(|| {
		// GENCO's station sells to DISCOM twice (PPA, TWIN) and to DISCOM_2 (PPA_2); TWIN
		// has no LC; PPA comes twice (the second time it is done).
		const TWIN: PpaId = 7;
		TestRegistry::insert(TWIN, GENCO, DISCOM, PpaStatus::Active, terms(50_000));
		requisition(PPA, 100_000);
		requisition(PPA_2, 50_000);
		assert_ok!(Scheduling::requisition(
			RuntimeOrigin::signed(DISCOM),
			TWIN,
			TOMORROW,
			flat(50_000)
		));
		after_gate();
		let done = Scheduling::finalize_schedules(
			RuntimeOrigin::signed(LDC),
			TOMORROW,
			BoundedVec::try_from(vec![PPA, PPA_2, TWIN, PPA]).unwrap(),
		)
		.unwrap();
		let took = FinalizePaths {
			passed_over: 1,
			lcs_not_held: 3 + 3 + 4,
			repeated_buyers: 1,
			repeated_stations: 2,
		};
		assert_eq!(done.actual_weight, Some(Scheduling::finalize_weight(4, &took)));
		let db = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(
			Scheduling::finalize_weight(4, &FinalizePaths::default()),
			Scheduling::finalize_weight(4, &took)
				.saturating_add(db.reads_writes(9, 5))
				.saturating_add(db.reads(13))
		);
		assert_eq!(
			Scheduling::finalize_weight(4, &FinalizePaths::default()),
			<() as crate::WeightInfo>::finalize_schedules(4)
		);
		assert!(DayDetails::<Test>::contains_key(TWIN, TOMORROW));
	});
}

/// rule 14: a schedule worth more than the cover is cut from the last block of the day
/// backwards to the covered quantity, and the cut is recorded with its reason.
#[test]
fn rule_14_psm_cut_to_covered_quantity() {
	run(|| {
		// INR 36 lakh of cover against a day worth INR 72 lakh: the last 12 hours go.
		set_cover(PPA, inr(3_600_000));
		requisition(PPA, 100_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		let cut = day_wh(100_000) / 2;
		System::assert_has_event(
			Event::ScheduleFinalized {
				ppa: PPA,
				day: TOMORROW,
				requested_wh: day_wh(100_000),
				cuts: Cuts { payment_security_wh: cut, ..Default::default() },
				scheduled_wh: cut,
				value: inr(3_600_000),
			}
			.into(),
		);
		let detail = DayDetails::<Test>::get(PPA, TOMORROW).unwrap();
		assert!(detail.scheduled_kw[..48].iter().all(|kw| *kw == 100_000));
		assert!(detail.scheduled_kw[48..].iter().all(|kw| *kw == 0));
		let a = account(PPA);
		assert_eq!((a.scheduled_wh, a.cut_psm_wh, a.cover), (cut, cut, inr(3_600_000)));
		assert_eq!(a.unmetered_value, inr(3_600_000));
	});
}

/// rule 14: exposure (billed principal unpaid, and energy scheduled but not metered)
/// counts against the cover.
#[test]
fn rule_14_exposure_counts_against_cover() {
	run(|| {
		set_cover(PPA, inr(7_200_000));
		set_exposure(PPA, inr(1_800_000));
		requisition(PPA, 100_000);
		assert_ok!(Scheduling::requisition(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			TOMORROW + 1,
			flat(100_000)
		));
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		// 72 lakh of cover less 18 lakh owed: 54 lakh, 18 hours of the day.
		assert_eq!(account(PPA).scheduled_wh, day_wh(100_000) * 3 / 4);
		// The next day finds tomorrow's 54 lakh scheduled and unmetered: nothing is left.
		set_now(TOMORROW, 40);
		assert_ok!(Scheduling::finalize_schedules(
			RuntimeOrigin::signed(LDC),
			TOMORROW + 1,
			BoundedVec::truncate_from(vec![PPA])
		));
		let next = EnergyAccounts::<Test>::get(PPA, TOMORROW + 1).unwrap();
		assert_eq!((next.scheduled_wh, next.cut_psm_wh), (0, day_wh(100_000)));
	});
}

/// Declared availability lowered after the requisition: the schedule is clipped at
/// finalization, and the cut recorded.
#[test]
fn availability_cut_at_finalization() {
	run(|| {
		requisition(PPA, 100_000);
		assert_ok!(Scheduling::declare_capability(
			RuntimeOrigin::signed(GENCO),
			terms(1).station,
			TOMORROW,
			1_000_000,
			flat(900_000),
		));
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		let a = account(PPA);
		assert_eq!((a.scheduled_wh, a.cut_availability_wh), (day_wh(90_000), day_wh(10_000)));
		let detail = DayDetails::<Test>::get(PPA, TOMORROW).unwrap();
		assert_eq!(detail.availability[0], Permill::from_percent(90));
	});
}

/// rule 20: a regulated buyer's schedule is cut by its regulation share.
#[test]
fn rule_20_regulation_cut() {
	run(|| {
		regulate(DISCOM, Percent::from_percent(10));
		requisition(PPA, 100_000);
		requisition(PPA_2, 50_000);
		after_gate();
		assert_ok!(finalize(vec![PPA, PPA_2]));
		System::assert_has_event(
			Event::ScheduleFinalized {
				ppa: PPA,
				day: TOMORROW,
				requested_wh: day_wh(100_000),
				cuts: Cuts { regulation_wh: day_wh(10_000), ..Default::default() },
				scheduled_wh: day_wh(90_000),
				value: inr(6_480_000),
			}
			.into(),
		);
		let a = account(PPA);
		assert_eq!(
			(a.scheduled_wh, a.regulated_share),
			(day_wh(90_000), Percent::from_percent(10))
		);
		// The other buyer is not regulated.
		assert_eq!(account(PPA_2).scheduled_wh, day_wh(50_000));
	});
}

/// Advance payment is committed to the schedule and released as blocks are metered.
#[test]
fn advance_is_committed_to_the_schedule() {
	run(|| {
		set_cover(PPA, 0);
		set_advance(PPA, inr(10_000_000));
		requisition(PPA, 100_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		assert_eq!(advance(PPA).committed, inr(7_200_000));
		assert_eq!(committed_on(TOMORROW), inr(7_200_000));
		// Block 0 of tomorrow metered: its INR 75,000 of value moves to billing.
		set_now(TOMORROW, 1);
		assert_ok!(Scheduling::submit_meter_readings(
			RuntimeOrigin::signed(LDC),
			TOMORROW,
			tb(0),
			BoundedVec::truncate_from(vec![(PPA, 25_000_000)])
		));
		assert_eq!(advance(PPA).committed, inr(7_125_000));
		assert_eq!(account(PPA).unmetered_value, inr(7_125_000));
	});
}

// --- Revisions -----------------------------------------------------------------------------------

/// Finalizes 100 MW for tomorrow and moves to 09:00 (block 36) tomorrow.
fn scheduled_today() {
	requisition(PPA, 100_000);
	after_gate();
	assert_ok!(finalize(vec![PPA]));
	set_now(TOMORROW, 36);
}

fn tail(from: u8, kw: PowerKw) -> KwList {
	BoundedVec::truncate_from(vec![kw; BLOCKS - from as usize])
}

/// rule 6: a revision takes effect from the 4th block after the request block,
/// counting the request block as the first.
#[test]
fn rule_6_revision_lead_time() {
	run(|| {
		scheduled_today();
		let ask = |who, from, kw| {
			Scheduling::request_revision(RuntimeOrigin::signed(who), PPA, tb(from), kw)
		};
		// Requested in block 36: blocks 36, 37, 38 are too soon; 39 is the 4th.
		assert_noop!(ask(DISCOM, 38, tail(38, 80_000)), Error::<Test>::RevisionTooSoon);
		assert_noop!(ask(DISCOM, 39, tail(38, 80_000)), Error::<Test>::WrongBlockCount);
		assert_noop!(ask(STRANGER, 39, tail(39, 80_000)), Error::<Test>::NotTheBuyer);
		assert_ok!(ask(DISCOM, 39, tail(39, 80_000)));
		System::assert_last_event(
			Event::RevisionRequested { ppa: PPA, by: DISCOM, day: TOMORROW, from_block: tb(39) }
				.into(),
		);
		assert_noop!(ask(DISCOM, 50, tail(50, 1)), Error::<Test>::RevisionPending);
		assert_noop!(
			Scheduling::approve_revision(RuntimeOrigin::signed(DISCOM), PPA),
			Error::<Test>::NotAnLdc
		);
		assert_ok!(Scheduling::approve_revision(RuntimeOrigin::signed(LDC), PPA));
		let detail = DayDetails::<Test>::get(PPA, TOMORROW).unwrap();
		assert!(detail.scheduled_kw[..39].iter().all(|kw| *kw == 100_000));
		assert!(detail.scheduled_kw[39..].iter().all(|kw| *kw == 80_000));
		let scheduled_wh = 39 * 100_000 * 250 + 57 * 80_000 * 250;
		System::assert_last_event(
			Event::RevisionApproved {
				ppa: PPA,
				day: TOMORROW,
				from_block: tb(39),
				cuts: Cuts::default(),
				scheduled_wh,
			}
			.into(),
		);
		let a = account(PPA);
		assert_eq!((a.scheduled_wh, a.revisions), (scheduled_wh, 1));
		// The value of the day follows: 57 blocks x 20 MW x 1/4 h x INR 3 less.
		assert_eq!(a.unmetered_value, inr(7_200_000) - inr(855_000));
		assert!(PendingRevisions::<Test>::get(PPA).is_none());
	});
}

/// rule 6: a day finalized on the day itself (the LDC was late) schedules only the
/// blocks from the revision lead time on: at 09:00 (block 36), blocks 0-38 have passed or are
/// too near, and block 39 is the first scheduled. Their energy is reported as the lead-time
/// cut, and no advance is committed to them.
#[test]
fn rule_6_finalizing_on_the_day_itself_schedules_from_the_lead_time() {
	run(|| {
		requisition(PPA, 100_000);
		set_now(TOMORROW, 36);
		assert_ok!(finalize(vec![PPA]));
		let detail = DayDetails::<Test>::get(PPA, TOMORROW).unwrap();
		assert!(detail.scheduled_kw[..39].iter().all(|kw| *kw == 0));
		assert!(detail.scheduled_kw[39..].iter().all(|kw| *kw == 100_000));
		let scheduled_wh = 57 * 100_000 * 250;
		System::assert_has_event(
			Event::ScheduleFinalized {
				ppa: PPA,
				day: TOMORROW,
				requested_wh: day_wh(100_000),
				cuts: Cuts { lead_time_wh: 39 * 100_000 * 250, ..Cuts::default() },
				scheduled_wh,
				value: inr(7_200_000) * 57 / 96,
			}
			.into(),
		);
		let a = account(PPA);
		assert_eq!((a.requested_wh, a.scheduled_wh), (day_wh(100_000), scheduled_wh));
		assert_eq!(a.unmetered_value, inr(7_200_000) * 57 / 96);
	});
}

/// The same at the day's boundary: finalized at 23:30 (block 94) the eve, the 4th block is
/// tomorrow's block 1, so tomorrow's block 0 is not scheduled.
#[test]
fn rule_6_finalizing_in_the_eves_last_blocks_leaves_out_the_blocks_too_near() {
	run(|| {
		requisition(PPA, 100_000);
		set_now(TODAY, 94);
		assert_ok!(finalize(vec![PPA]));
		let detail = DayDetails::<Test>::get(PPA, TOMORROW).unwrap();
		assert_eq!(detail.scheduled_kw[0], 0);
		assert!(detail.scheduled_kw[1..].iter().all(|kw| *kw == 100_000));
		assert_eq!(account(PPA).scheduled_wh, 95 * 100_000 * 250);
	});
}

/// The lead time is a parameter.
#[test]
fn rule_6_revision_lead_time_is_a_parameter() {
	run(|| {
		assert_ok!(Scheduling::set_parameters(
			RuntimeOrigin::root(),
			SchedulingParameters { revision_lead_blocks: 8, ..Default::default() }
		));
		scheduled_today();
		assert_noop!(
			Scheduling::request_revision(RuntimeOrigin::signed(DISCOM), PPA, tb(42), tail(42, 1)),
			Error::<Test>::RevisionTooSoon
		);
		assert_ok!(Scheduling::request_revision(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			tb(43),
			tail(43, 1)
		));
	});
}

/// A revision up passes the same gates: the PSM gate cuts what the cover does not cover.
#[test]
fn revision_passes_the_psm_gate() {
	run(|| {
		// Cover for exactly 50 MW all day (INR 36 lakh); 50 MW scheduled.
		set_cover(PPA, inr(3_600_000));
		requisition(PPA, 50_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		set_now(TOMORROW, 36);
		assert_ok!(Scheduling::request_revision(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			tb(40),
			tail(40, 100_000)
		));
		assert_ok!(Scheduling::approve_revision(RuntimeOrigin::signed(LDC), PPA));
		let a = account(PPA);
		assert_eq!(a.cut_psm_wh, 56 * 50_000 * 250);
		assert_eq!(a.scheduled_wh, day_wh(50_000));
	});
}

/// Only the buyer revises its requisition (`NotTheBuyer`): the seller cannot raise or cut the
/// energy its buyer pays for; it speaks through its declared availability.
#[test]
fn only_the_buyer_revises_its_requisition() {
	run(|| {
		scheduled_today();
		assert_noop!(
			Scheduling::request_revision(RuntimeOrigin::signed(GENCO), PPA, tb(40), tail(40, 1)),
			Error::<Test>::NotTheBuyer
		);
		assert!(PendingRevisions::<Test>::get(PPA).is_none());
		assert_ok!(Scheduling::request_revision(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			tb(40),
			tail(40, 1)
		));
	});
}

#[test]
fn revisions_are_rejected_or_expire() {
	run(|| {
		scheduled_today();
		assert_noop!(
			Scheduling::request_revision(RuntimeOrigin::signed(DISCOM), PPA_2, tb(40), tail(40, 1)),
			Error::<Test>::NotTheBuyer
		);
		assert_ok!(Scheduling::request_revision(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			tb(40),
			tail(40, 1)
		));
		assert_ok!(Scheduling::reject_revision(RuntimeOrigin::signed(LDC), PPA));
		System::assert_last_event(Event::RevisionRejected { ppa: PPA, day: TOMORROW }.into());
		assert_noop!(
			Scheduling::reject_revision(RuntimeOrigin::signed(LDC), PPA),
			Error::<Test>::NoRevisionPending
		);
		assert_ok!(Scheduling::request_revision(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			tb(40),
			tail(40, 1)
		));
		set_now(TOMORROW + 1, 0);
		assert_noop!(
			Scheduling::approve_revision(RuntimeOrigin::signed(LDC), PPA),
			Error::<Test>::RevisionExpired
		);
	});
}

#[test]
fn revision_needs_todays_schedule() {
	run(|| {
		assert_noop!(
			Scheduling::request_revision(RuntimeOrigin::signed(DISCOM), PPA, tb(40), tail(40, 1)),
			Error::<Test>::NotFinalized
		);
	});
}

// --- Metered energy ------------------------------------------------------------------------------

fn readings(
	list: Vec<(PpaId, EnergyWh)>,
) -> BoundedVec<(PpaId, EnergyWh), frame_support::traits::ConstU32<4>> {
	BoundedVec::truncate_from(list)
}

#[test]
fn metered_energy_is_recorded_with_deviation_and_settlement_told() {
	run(|| {
		scheduled_today();
		let submit = |who, block, list| {
			Scheduling::submit_meter_readings(
				RuntimeOrigin::signed(who),
				TOMORROW,
				tb(block),
				readings(list),
			)
		};
		// Block 36 is running: it has not ended.
		assert_noop!(submit(LDC, 36, vec![(PPA, 1)]), Error::<Test>::BlockNotEnded);
		assert_noop!(submit(DISCOM, 35, vec![(PPA, 1)]), Error::<Test>::NotAnLdc);
		assert_noop!(submit(LDC, 35, vec![]), Error::<Test>::EmptyBatch);
		// One bad reading refuses the batch whole.
		assert_noop!(submit(LDC, 35, vec![(PPA, 1), (9, 1)]), Error::<Test>::UnknownPpa);
		// A refused batch is charged in full: no refund for the readings it did not meter.
		let refused = submit(LDC, 35, vec![(PPA, 1), (9, 1)]).unwrap_err();
		assert_eq!(refused.post_info.actual_weight, None);
		// Scheduled 100 MW = 25,000 kWh in the block; 24,000 kWh metered.
		let done = submit(LDC, 35, vec![(PPA, 24_000_000), (PPA_2, 1_000)]).unwrap();
		// Charged up front as if each reading took the rarer paths and had parties of its
		// own; refunded to what they took: one reading of a day without a schedule, nothing
		// resold, the second reading's seller (GENCO) already paid in the batch.
		let took = MeterPaths { unscheduled: 1, repeated_sellers: 1, ..Default::default() };
		assert_eq!(done.actual_weight, Some(Scheduling::meter_weight(2, &took)));
		assert!(
			Scheduling::meter_weight(2, &took).ref_time()
				< Scheduling::meter_weight(2, &MeterPaths::worst(2)).ref_time()
		);
		System::assert_has_event(
			Event::EnergyMetered {
				ppa: PPA,
				day: TOMORROW,
				block: tb(35),
				scheduled_wh: 25_000_000,
				actual_wh: 24_000_000,
			}
			.into(),
		);
		let a = account(PPA);
		assert_eq!((a.actual_wh, a.deviation_wh, a.blocks_metered), (24_000_000, -1_000_000, 1));
		// A PPA metered without a schedule: all of it is deviation.
		let b = EnergyAccounts::<Test>::get(PPA_2, TOMORROW).unwrap();
		assert_eq!((b.scheduled_wh, b.actual_wh, b.deviation_wh), (0, 1_000, 1_000));
		// The refused batch's notification was rolled back with its storage (the double here is
		// not storage): the last two notifications are this batch's.
		let told = metered();
		let told = &told[told.len() - 2..];
		assert_eq!(told[1].0, PPA_2);
		assert_eq!(told[0].0, PPA);
		assert_eq!(told[0].1, GridInstant::new(TOMORROW, tb(35)));
		assert_eq!((told[0].2.scheduled_wh, told[0].2.actual_wh), (25_000_000, 24_000_000));
		assert_eq!(
			Scheduling::block_energy(PPA, GridInstant::new(TOMORROW, tb(35))).map(|e| e.actual_wh),
			Some(24_000_000)
		);
		assert_noop!(submit(LDC, 35, vec![(PPA, 1)]), Error::<Test>::AlreadyMetered);
	});
}

/// A meter batch is charged the accesses keyed by a party (the buyer's held advance and
/// account, the seller's account) once for each buyer and each seller it pays, not once a
/// reading: a party's second reading finds them in the block's state.
#[test]
fn a_meter_batch_is_charged_once_for_each_party() {
	run(|| {
		scheduled_today();
		// Two more PPAs of PPA's own seller and buyer, one of them not paid at once (its
		// block goes to an open bill: its parties' balances are not touched).
		const TWIN: PpaId = 7;
		const UNPAID_TWIN: PpaId = 8;
		TestRegistry::insert(TWIN, GENCO, DISCOM, PpaStatus::Active, terms(50_000));
		TestRegistry::insert(UNPAID_TWIN, GENCO, DISCOM, PpaStatus::Active, terms(50_000));
		set_unpaid(UNPAID_TWIN);
		let done = Scheduling::submit_meter_readings(
			RuntimeOrigin::signed(LDC),
			TOMORROW,
			tb(35),
			readings(vec![(PPA, 1), (PPA_2, 1), (UNPAID_TWIN, 1), (TWIN, 1)]),
		)
		.unwrap();
		// PPA_2 sells from GENCO again (to DISCOM_2); TWIN is GENCO's and DISCOM's again;
		// UNPAID_TWIN is charged its parties' accesses in full. Only PPA has a schedule.
		let took =
			MeterPaths { unscheduled: 3, resold: 0, repeated_buyers: 1, repeated_sellers: 2 };
		assert_eq!(done.actual_weight, Some(Scheduling::meter_weight(4, &took)));
		let own_parties = MeterPaths { unscheduled: 3, ..Default::default() };
		let party = <Test as Config>::OnEnergyMetered::party_weights();
		assert!(party.buyer.ref_time() > 0 && party.seller.ref_time() > 0);
		assert_eq!(
			Scheduling::meter_weight(4, &own_parties).saturating_sub(party.buyer),
			Scheduling::meter_weight(4, &took).saturating_add(party.seller.saturating_mul(2))
		);
	});
}

/// rule 2: energy accounts are revised after billing too: the PPA's LDC corrects a
/// reading, billed or not, and settlement is told.
#[test]
fn rule_2_a_reading_is_corrected_before_and_after_billing() {
	run(|| {
		scheduled_today();
		assert_ok!(Scheduling::submit_meter_readings(
			RuntimeOrigin::signed(LDC),
			TOMORROW,
			tb(10),
			readings(vec![(PPA, 20_000_000)])
		));
		let correct = |block, wh| {
			Scheduling::correct_meter_reading(
				RuntimeOrigin::signed(LDC),
				PPA,
				TOMORROW,
				tb(block),
				wh,
			)
		};
		assert_noop!(correct(11, 1), Error::<Test>::NotMetered);
		assert_noop!(
			Scheduling::correct_meter_reading(
				RuntimeOrigin::signed(DISCOM),
				PPA,
				TOMORROW,
				tb(10),
				1
			),
			Error::<Test>::NotAnLdc
		);
		assert_ok!(correct(10, 26_000_000));
		System::assert_last_event(
			Event::MeterReadingCorrected {
				ppa: PPA,
				day: TOMORROW,
				block: tb(10),
				was_wh: 20_000_000,
				actual_wh: 26_000_000,
			}
			.into(),
		);
		let a = account(PPA);
		assert_eq!((a.actual_wh, a.deviation_wh), (26_000_000, 1_000_000));
		assert_eq!(metered().len(), 2);
		assert_ok!(correct(10, 24_000_000));
		let a = account(PPA);
		assert_eq!((a.actual_wh, a.deviation_wh), (24_000_000, -1_000_000));
		assert_eq!(metered().last().map(|(_, _, e)| e.actual_wh), Some(24_000_000));
	});
}

/// rule 2: the LDC revises a metered block's energy account (implemented schedule,
/// availability, reading), billed or not; settlement is told the revised energy. Only a
/// metered block, and never beyond the contracted capacity.
#[test]
fn rule_2_the_ldc_revises_a_metered_blocks_energy_account() {
	run(|| {
		scheduled_today();
		assert_ok!(Scheduling::submit_meter_readings(
			RuntimeOrigin::signed(LDC),
			TOMORROW,
			tb(10),
			readings(vec![(PPA, 20_000_000)])
		));
		let revise = |who, block, kw, wh| {
			Scheduling::revise_energy_account(
				RuntimeOrigin::signed(who),
				PPA,
				TOMORROW,
				tb(block),
				kw,
				Permill::from_percent(90),
				wh,
			)
		};
		assert_noop!(revise(LDC, 10, 80_000, 20_000_000), Error::<Test>::DayNotEnded);
		set_now(TOMORROW + 1, 0);
		assert_noop!(revise(LDC, 11, 80_000, 20_000_000), Error::<Test>::NotMetered);
		assert_noop!(revise(DISCOM, 10, 80_000, 20_000_000), Error::<Test>::NotAnLdc);
		assert_noop!(revise(LDC, 10, 100_001, 20_000_000), Error::<Test>::OverEntitlement);
		let before = account(PPA);
		// 100 MW scheduled becomes 80 MW (20 MWh in the block), metered 21 MWh.
		assert_ok!(revise(LDC, 10, 80_000, 21_000_000));
		let was = BlockEnergy {
			scheduled_wh: 25_000_000,
			actual_wh: 20_000_000,
			resold_wh: 0,
			availability: Permill::one(),
		};
		let now = BlockEnergy {
			scheduled_wh: 20_000_000,
			actual_wh: 21_000_000,
			resold_wh: 0,
			availability: Permill::from_percent(90),
		};
		System::assert_last_event(
			Event::EnergyAccountRevised { ppa: PPA, day: TOMORROW, block: tb(10), was, now }.into(),
		);
		let a = account(PPA);
		assert_eq!(a.scheduled_wh, before.scheduled_wh - 5_000_000);
		assert_eq!((a.actual_wh, a.deviation_wh), (21_000_000, 1_000_000));
		assert_eq!(metered().last(), Some(&(PPA, GridInstant::new(TOMORROW, tb(10)), now)));
		assert_ok!(Scheduling::do_try_state());
	});
}

/// Issue "Robust at the edges": governance raises the retention (and the meter window with
/// it) after a day was queued for pruning: the day is kept for the retention in force, so a
/// reading inside the new window still finds its schedule.
#[test]
fn a_raised_retention_keeps_a_queued_day_for_as_long() {
	run(|| {
		requisition(PPA, 100_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		let p = SchedulingParameters {
			retention_days: 120,
			meter_window_days: 90,
			..Default::default()
		};
		assert_ok!(Scheduling::set_parameters(RuntimeOrigin::root(), p));
		let (old_due, new_due) = (TOMORROW + 62 + 1, TOMORROW + 120 + 1);
		for day in TODAY + 1..=old_due {
			set_today(day);
			next_block();
		}
		next_block();
		assert!(DayDetails::<Test>::get(PPA, TOMORROW).is_some());
		assert_eq!(PruneQueue::<Test>::get(new_due, PPA), Some(TOMORROW));
		// Inside the new window the day is metered against its schedule.
		set_now(TOMORROW + 70, 0);
		assert_ok!(Scheduling::submit_meter_readings(
			RuntimeOrigin::signed(LDC),
			TOMORROW,
			tb(0),
			readings(vec![(PPA, 25_000_000)])
		));
		assert_eq!(account(PPA).deviation_wh, 0);
		for day in TOMORROW + 70..=new_due {
			set_today(day);
			next_block();
		}
		next_block();
		assert!(EnergyAccounts::<Test>::get(PPA, TOMORROW).is_none());
	});
}

/// Issue "Robust at the edges": a day's detail and energy account are pruned after the
/// retention period, billed or not (past the meter window nothing changes the day); the
/// account's last figures are in the event that prunes it.
#[test]
fn a_days_detail_and_account_are_pruned_after_retention() {
	run(|| {
		requisition(PPA, 100_000);
		requisition(PPA_2, 50_000);
		after_gate();
		assert_ok!(finalize(vec![PPA, PPA_2]));
		let due = TOMORROW + 62 + 1;
		let mut queued: Vec<_> = PruneQueue::<Test>::iter_prefix(due).collect();
		queued.sort();
		assert_eq!(queued, vec![(PPA, TOMORROW), (PPA_2, TOMORROW)]);
		// Walk the days up to the due day, a block per day and more to catch up.
		for day in TODAY + 1..=due {
			set_today(day);
			next_block();
		}
		next_block();
		for ppa in [PPA, PPA_2] {
			assert!(DayDetails::<Test>::get(ppa, TOMORROW).is_none());
			assert!(EnergyAccounts::<Test>::get(ppa, TOMORROW).is_none());
			assert!(!Requisitions::<Test>::contains_key(ppa, TOMORROW));
			System::assert_has_event(Event::DetailPruned { ppa, day: TOMORROW }.into());
		}
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Scheduling(Event::EnergyAccountPruned { ppa: PPA_2, day: TOMORROW, account })
				if account.scheduled_wh == day_wh(50_000)
		)));
		assert_eq!(PruneQueue::<Test>::iter_prefix(due).count(), 0);
	});
}

/// Issue "Robust at the edges": a requisition for a day that is never finalized (the LDC never
/// came) does not stay for good: it is pruned after the retention period like any other.
#[test]
fn a_requisition_never_finalized_is_pruned_after_retention() {
	run(|| {
		requisition(PPA, 100_000);
		let due = TOMORROW + 62 + 1;
		assert_eq!(PruneQueue::<Test>::get(due, PPA), Some(TOMORROW));
		for day in TODAY + 1..=due {
			set_today(day);
			next_block();
		}
		next_block();
		assert!(!Requisitions::<Test>::contains_key(PPA, TOMORROW));
		assert!(!EnergyAccounts::<Test>::contains_key(PPA, TOMORROW));
		assert_eq!(PruneQueue::<Test>::iter().count(), 0);
	});
}

/// Advance committed to a day whose blocks are never metered is not locked for good: once
/// the retention period passes (no reading can come after the meter window), the unmetered
/// value leaves the exposure and the commitment is released, with an event.
#[test]
fn advance_of_a_day_never_metered_is_released_after_retention() {
	run(|| {
		set_cover(PPA, 0);
		set_advance(PPA, inr(10_000_000));
		requisition(PPA, 100_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		let committed = committed_on(TOMORROW);
		assert_eq!(committed, inr(7_200_000));
		let due = TOMORROW + 62 + 1;
		for day in TODAY + 1..due {
			set_today(day);
			next_block();
		}
		assert_eq!(committed_on(TOMORROW), committed, "held until the retention period ends");
		set_today(due);
		next_block();
		System::assert_has_event(
			Event::UnmeteredReleased {
				ppa: PPA,
				day: TOMORROW,
				value: inr(7_200_000),
				released: committed,
			}
			.into(),
		);
		assert_eq!((committed_on(TOMORROW), advance(PPA).committed), (0, 0));
		// The account left the state with nothing unmetered in it.
		assert!(EnergyAccounts::<Test>::get(PPA, TOMORROW).is_none());
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Scheduling(Event::EnergyAccountPruned { ppa: PPA, day: TOMORROW, account })
				if account.unmetered_value == 0
		)));
		assert_ok!(Scheduling::do_try_state());
	});
}

/// The invariant check fails when an account and its detail disagree.
#[test]
fn try_state_catches_an_account_out_of_step() {
	new_test_ext().execute_with(|| {
		scheduled_today();
		assert_ok!(Scheduling::do_try_state());
		EnergyAccounts::<Test>::mutate(PPA, TOMORROW, |a| {
			if let Some(a) = a {
				a.actual_wh += 1;
			}
		});
		assert!(Scheduling::do_try_state().is_err());
		// A detail gone before its day is billed is caught too.
		EnergyAccounts::<Test>::mutate(PPA, TOMORROW, |a| {
			if let Some(a) = a {
				a.actual_wh -= 1;
			}
		});
		DayDetails::<Test>::remove(PPA, TOMORROW);
		assert!(Scheduling::do_try_state().is_err());
	});
}

/// rule 25: the share sold on the open market is scheduled to the winners before the
/// day is finalized; the PPA's own schedule leaves it out, and metering counts it as delivered,
/// not as deviation.
#[test]
fn rule_25_sold_share_is_scheduled_and_left_out_of_the_ppas_schedule() {
	use ppa_primitives::SaleScheduling;
	run(|| {
		let day = TOMORROW;
		assert_eq!(Scheduling::entitlement_kw(PPA, day).map(|e| e[0]), Some(100_000));
		assert_noop!(
			Scheduling::schedule_sale(PPA, day, tb(0), &[(STRANGER, 60_000), (DISCOM_2, 40_001)]),
			Error::<Test>::SaleOverEntitlement
		);
		assert_ok!(Scheduling::schedule_sale(
			PPA,
			day,
			tb(0),
			&[(STRANGER, 60_000), (DISCOM_2, 40_000)]
		));
		System::assert_has_event(
			Event::SaleScheduled {
				ppa: PPA,
				day,
				block: tb(0),
				buyer: DISCOM_2,
				kw: 40_000,
				sold_kw: 100_000,
			}
			.into(),
		);
		requisition(PPA, 100_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		let detail = DayDetails::<Test>::get(PPA, day).unwrap();
		assert_eq!((detail.scheduled_kw[0], detail.scheduled_kw[1]), (0, 100_000));
		assert_eq!(account(PPA).cut_resale_wh, 100_000 * 250);
		assert!(Scheduling::is_finalized(PPA, day));
		assert_noop!(
			Scheduling::schedule_sale(PPA, day, tb(1), &[(STRANGER, 1)]),
			Error::<Test>::AlreadyFinalized
		);
		// Metered in full: the resold 25,000 kWh are no deviation.
		set_now(day, 1);
		let done = Scheduling::submit_meter_readings(
			RuntimeOrigin::signed(LDC),
			day,
			tb(0),
			readings(vec![(PPA, 25_000_000)]),
		)
		.unwrap();
		// Charged for what resale does with a resold block.
		let resold = MeterPaths { resold: 1, ..Default::default() };
		assert_eq!(done.actual_weight, Some(Scheduling::meter_weight(1, &resold)));
		assert!(
			Scheduling::meter_weight(1, &resold).ref_time()
				> Scheduling::meter_weight(1, &MeterPaths::default()).ref_time()
		);
		assert_eq!(account(PPA).deviation_wh, 0);
		let energy = Scheduling::block_energy(PPA, GridInstant::new(day, tb(0))).unwrap();
		assert_eq!((energy.scheduled_wh, energy.resold_wh), (0, 25_000_000));
	});
}

// --- The PPA's own load despatch centre ----------------------------------------------------

/// Another load despatch centre, active in its role, that PPA and PPA_2 do not name.
const OTHER_LDC: u64 = 41;

/// Only the LDC a PPA names finalizes, revises and meters it; another LDC is refused with
/// `NotTheSchedulingLdc` and changes nothing, whether the PPA is alone or in a batch.
#[test]
fn only_the_ppas_own_ldc_schedules_and_meters_it() {
	run(|| {
		TestRegistry::grant(OTHER_LDC, Role::LoadDespatchCentre);
		requisition(PPA, 100_000);
		after_gate();
		let foreign = |ppas: Vec<PpaId>| {
			Scheduling::finalize_schedules(
				RuntimeOrigin::signed(OTHER_LDC),
				TOMORROW,
				BoundedVec::truncate_from(ppas),
			)
		};
		assert_noop!(foreign(vec![PPA]), Error::<Test>::NotTheSchedulingLdc);
		assert_noop!(foreign(vec![9, PPA]), Error::<Test>::NotTheSchedulingLdc);
		assert_ok!(finalize(vec![PPA]));

		set_now(TOMORROW, 2);
		let submit = |who, list| {
			Scheduling::submit_meter_readings(
				RuntimeOrigin::signed(who),
				TOMORROW,
				tb(0),
				readings(list),
			)
		};
		assert_noop!(submit(OTHER_LDC, vec![(PPA, 1)]), Error::<Test>::NotTheSchedulingLdc);
		assert_ok!(submit(LDC, vec![(PPA, 25_000_000)]));
		assert_noop!(
			Scheduling::correct_meter_reading(
				RuntimeOrigin::signed(OTHER_LDC),
				PPA,
				TOMORROW,
				tb(0),
				1
			),
			Error::<Test>::NotTheSchedulingLdc
		);

		assert_ok!(Scheduling::request_revision(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			tb(10),
			tail(10, 50_000)
		));
		for refused in [
			Scheduling::approve_revision(RuntimeOrigin::signed(OTHER_LDC), PPA),
			Scheduling::reject_revision(RuntimeOrigin::signed(OTHER_LDC), PPA),
		] {
			assert_eq!(refused, Err(Error::<Test>::NotTheSchedulingLdc.into()));
		}
		assert!(PendingRevisions::<Test>::contains_key(PPA));
		assert_ok!(Scheduling::approve_revision(RuntimeOrigin::signed(LDC), PPA));
	});
}

/// One LDC's batch is its own: another LDC cannot meter one of its PPAs first and so fail the
/// whole batch with `AlreadyMetered`.
#[test]
fn a_batch_of_one_ldc_is_unaffected_by_another() {
	run(|| {
		TestRegistry::grant(OTHER_LDC, Role::LoadDespatchCentre);
		TestRegistry::set_ldc(PPA_2, OTHER_LDC);
		set_now(TODAY, 20);
		let submit = |who, list| {
			Scheduling::submit_meter_readings(
				RuntimeOrigin::signed(who),
				TODAY,
				tb(5),
				readings(list),
			)
		};
		// The rival tries to meter the other LDC's PPA first: refused, nothing recorded.
		assert_noop!(submit(OTHER_LDC, vec![(PPA, 1)]), Error::<Test>::NotTheSchedulingLdc);
		assert_ok!(submit(OTHER_LDC, vec![(PPA_2, 7)]));
		// The LDC of PPA can neither meter the rival's PPA nor is its own batch upset.
		assert_noop!(submit(LDC, vec![(PPA, 1), (PPA_2, 1)]), Error::<Test>::NotTheSchedulingLdc);
		assert_ok!(submit(LDC, vec![(PPA, 9)]));
		assert_eq!(EnergyAccounts::<Test>::get(PPA, TODAY).map(|a| a.actual_wh), Some(9));
		assert_eq!(EnergyAccounts::<Test>::get(PPA_2, TODAY).map(|a| a.actual_wh), Some(7));
	});
}

/// rule 5: only energy a PPA supplies is metered. A reading for a day outside the
/// supply period, for a PPA that does not bind that day (terminated, not signed), or older
/// than the meter window is refused, and so is a correction of such a day.
#[test]
fn rule_5_readings_only_within_supply_and_the_meter_window() {
	run(|| {
		set_now(TODAY + 20, 10);
		let submit = |ppa, day| {
			Scheduling::submit_meter_readings(
				RuntimeOrigin::signed(LDC),
				day,
				tb(0),
				readings(vec![(ppa, 1)]),
			)
		};
		// The supply period starts today - 20: the day before is not supplied.
		assert_noop!(submit(PPA, TODAY - 1), Error::<Test>::MeterWindowClosed);
		assert_noop!(submit(ENDED_PPA, TODAY + 19), Error::<Test>::NotBindingThatDay);
		TestRegistry::insert(5, GENCO, DISCOM, PpaStatus::Proposed, terms(1_000));
		assert_noop!(submit(5, TODAY + 19), Error::<Test>::NotBindingThatDay);
		// Settlement is told of no reading refused (it charges what it is told).
		assert!(metered().is_empty());
		// The window: 15 days back by default, a governance parameter.
		assert_noop!(submit(PPA, TODAY + 4), Error::<Test>::MeterWindowClosed);
		assert_ok!(submit(PPA, TODAY + 5));
		// At most twice the contracted 100 MW over the block: 50,000 kWh.
		let reading = |wh| {
			Scheduling::submit_meter_readings(
				RuntimeOrigin::signed(LDC),
				TODAY + 6,
				tb(0),
				readings(vec![(PPA, wh)]),
			)
		};
		assert_noop!(reading(50_000_001), Error::<Test>::ReadingAboveCapacity);
		assert_ok!(reading(50_000_000));
		assert_noop!(
			Scheduling::correct_meter_reading(RuntimeOrigin::signed(LDC), PPA, TODAY + 4, tb(0), 1),
			Error::<Test>::MeterWindowClosed
		);
		let wide = SchedulingParameters { meter_window_days: 30, ..Default::default() };
		assert_ok!(Scheduling::set_parameters(RuntimeOrigin::root(), wide));
		assert_noop!(submit(PPA, TODAY - 1), Error::<Test>::NotBindingThatDay);
		assert_ok!(submit(PPA, TODAY + 4));
		// The window may not reach past the retention of the per-block detail.
		let too_wide = SchedulingParameters { meter_window_days: 63, ..Default::default() };
		assert_noop!(
			Scheduling::set_parameters(RuntimeOrigin::root(), too_wide),
			Error::<Test>::InvalidParameters
		);
	});
}

/// A suspended buyer cannot requisition (one or many) and a suspended party cannot ask a revision
/// (`Suspended`); a suspended LDC can neither finalize nor meter (`NotAnLdc`).
#[test]
fn a_suspended_participant_cannot_schedule() {
	run(|| {
		TestRegistry::revoke_all(DISCOM);
		assert_noop!(
			Scheduling::requisition(RuntimeOrigin::signed(DISCOM), PPA, TOMORROW, flat(1)),
			Error::<Test>::Suspended
		);
		assert_noop!(submit(DISCOM, vec![(PPA, flat(1))]), Error::<Test>::Suspended);
		TestRegistry::grant(DISCOM, Role::Buyer);
		scheduled_today();
		TestRegistry::revoke_all(DISCOM);
		assert_noop!(
			Scheduling::request_revision(RuntimeOrigin::signed(DISCOM), PPA, tb(40), tail(40, 1)),
			Error::<Test>::Suspended
		);
		TestRegistry::grant(DISCOM, Role::Buyer);
		TestRegistry::revoke_all(LDC);
		assert_noop!(
			Scheduling::submit_meter_readings(
				RuntimeOrigin::signed(LDC),
				TOMORROW,
				tb(0),
				readings(vec![(PPA, 1)])
			),
			Error::<Test>::NotAnLdc
		);
	});
}

/// A PPA terminated after tomorrow was finalized: tomorrow will not be supplied, so its value
/// leaves the exposure and the advance committed to it is released, with an event (else it
/// would stay committed for good: tomorrow can never be metered).
#[test]
fn a_ppa_that_ends_releases_the_days_after_it() {
	run(|| {
		use ppa_primitives::OnPpaEnded;
		set_advance(PPA, inr(100_000_000));
		requisition(PPA, 100_000);
		after_gate();
		assert_ok!(finalize(vec![PPA]));
		let committed = committed_on(TOMORROW);
		assert!(committed > 0);
		assert_eq!(advance(PPA).committed, committed);
		TestRegistry::set_status(PPA, PpaStatus::Terminated);
		Scheduling::ppa_ended(PPA, &DISCOM, TODAY);
		System::assert_last_event(
			Event::ScheduleCancelled { ppa: PPA, day: TOMORROW, released: committed }.into(),
		);
		assert_eq!((committed_on(TOMORROW), account(PPA).unmetered_value), (0, 0));
		assert_eq!(advance(PPA).committed, 0);
	});
}
