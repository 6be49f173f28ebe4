//! Scheduling through the runtime's own calls, gated by the real escrow: a discom requisitions
//! a day of 250 MW, its LC covers half a day's value, the LDC finalizes after the gate and the
//! PSM gate cuts the evening; metered energy follows (rules 6, 14).

mod common;

use common::{account, block, genesis_storage, terms, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_noop, assert_ok, traits::Get, BoundedVec};
use pallet_scheduling::FinalizePaths;
use ppa_primitives::{money::inr, GridDay, GridTime, TimeBlock};
use ppa_runtime::{GridClock, Runtime, RuntimeCall, RuntimeOrigin, System};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Charlie, Eve, Ferdie};
use sp_runtime::traits::Dispatchable;

type SchedulingCall = pallet_scheduling::Call<Runtime>;

/// Real milliseconds per time block on the dev chain (clock rate 150): 15 minutes / 150.
const TIME_BLOCK_MS: u64 = 900_000 / 150;

fn call(
	who: Sr25519Keyring,
	call: impl Into<RuntimeCall>,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	call.into().dispatch(RuntimeOrigin::signed(account(who)))
}

/// Registers the parties and makes PPA 0 (Bob sells 250 MW to Charlie at INR 2.00 per kWh:
/// a full day is 6,000 MWh worth INR 1.2 crore), secured by an LC of INR 60 lakh (half a day)
/// that Eve opens; returns today.
fn ppa_with_half_day_lc() -> GridDay {
	block(1, NOV_24_IST_MIDNIGHT);
	let today = GridClock::today();
	let mut terms = terms(today, today + 365, 2_000_000);
	// The PPA asks no LC cover of its own (0 % of a month's billing), so the small LC this
	// test drains is no dust below its cover share.
	terms.payment_security.lc_percent_of_monthly_billing = 0;
	common::singrauli_ppa(terms);
	// An LC of INR 60 lakh: half a day.
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

	today
}

#[test]
fn psm_gate_cuts_a_schedule_to_the_lc_and_energy_is_metered() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let today = ppa_with_half_day_lc();
		let tomorrow = today + 1;
		let day: BoundedVec<u32, _> = BoundedVec::truncate_from(vec![250_000; 96]);
		assert_ok!(call(
			Charlie,
			SchedulingCall::requisition { ppa: 0, day: tomorrow, kw: day.clone() }
		));
		// 10:00 IST (block 40): the gate closes; requisitions are refused, finalization opens.
		block(2, NOV_24_IST_MIDNIGHT + 40 * TIME_BLOCK_MS);
		assert_eq!(GridClock::now().block, TimeBlock::new(40).unwrap());
		assert_noop!(
			call(Charlie, SchedulingCall::requisition { ppa: 0, day: tomorrow, kw: day }),
			pallet_scheduling::Error::<Runtime>::RequisitionGateClosed
		);
		assert_noop!(
			call(
				Charlie,
				SchedulingCall::finalize_schedules {
					day: tomorrow,
					ppas: BoundedVec::truncate_from(vec![0])
				}
			),
			pallet_scheduling::Error::<Runtime>::NotAnLdc
		);
		let done = call(
			Ferdie,
			SchedulingCall::finalize_schedules {
				day: tomorrow,
				ppas: BoundedVec::truncate_from(vec![0]),
			},
		)
		.expect("the LDC finalizes");
		// Charged for the one LC the PPA holds, not the four it may: three reads refunded.
		let lcs: u32 = <Runtime as pallet_escrow::Config>::MaxLcsPerPpa::get();
		let refunded_reads = FinalizePaths { lcs_not_held: lcs - 1, ..Default::default() };
		assert_eq!(
			done.actual_weight,
			Some(pallet_scheduling::Pallet::<Runtime>::finalize_weight(1, &refunded_reads))
		);
		let account_of_day =
			pallet_scheduling::EnergyAccounts::<Runtime>::get(0, tomorrow).expect("finalized");
		let full_day_wh = 250_000 * 250 * 96;
		assert_eq!(account_of_day.scheduled_wh, full_day_wh / 2);
		assert_eq!(account_of_day.cut_psm_wh, full_day_wh / 2);
		assert_eq!(account_of_day.cover, inr(6_000_000));

		// Tomorrow, 00:15 IST: block 0 has ended and is metered.
		block(3, NOV_24_IST_MIDNIGHT + (96 + 1) * TIME_BLOCK_MS);
		assert_eq!(GridClock::today(), tomorrow);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::submit_meter_readings {
				day: tomorrow,
				block: TimeBlock::FIRST,
				readings: BoundedVec::truncate_from(vec![(0, 61_000_000)]),
			}
		));
		let account_of_day =
			pallet_scheduling::EnergyAccounts::<Runtime>::get(0, tomorrow).unwrap();
		assert_eq!(
			(account_of_day.actual_wh, account_of_day.deviation_wh),
			(61_000_000, -1_500_000)
		);
	});
}

/// Issue "Robust at the edges": the hooks' worst cases together (a stalled chain catching up
/// days of transitions, deadlines, pruning, presentations, LPS steps, duties and resale) leave
/// at least half of a block's normal weight to calls, and a full batch of meter readings (the
/// most an LDC submits in one call) fits in the same block beside them. From the generated
/// weights, not timing.
#[test]
fn the_hooks_worst_case_and_a_full_meter_batch_fit_one_block() {
	use frame_support::dispatch::DispatchClass;
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal dispatch is limited");
	let ppas_per_buyer = <Runtime as pallet_registry::Config>::MaxPpasPerParty::get();
	let hooks = [
		("registry", pallet_registry::Pallet::<Runtime>::hook_weight_bound()),
		("escrow", pallet_escrow::Pallet::<Runtime>::hook_weight_bound()),
		("scheduling", pallet_scheduling::Pallet::<Runtime>::hook_weight_bound()),
		("settlement", pallet_settlement::Pallet::<Runtime>::hook_weight_bound()),
		("defaults", pallet_defaults::Pallet::<Runtime>::hook_weight_bound()),
		("resale", pallet_resale::Pallet::<Runtime>::hook_weight_bound(ppas_per_buyer)),
	];
	let mut all = weights.base_block;
	for (pallet, weight) in hooks {
		println!("{pallet}: {} ps, {} bytes of proof", weight.ref_time(), weight.proof_size());
		all.saturating_accrue(weight);
	}
	println!("all hooks: {} of {} ps", all.ref_time(), weights.max_block.ref_time());
	assert!(
		all.saturating_add(normal / 2).all_lte(weights.max_block),
		"the hooks leave half of the normal weight to calls"
	);
	// The weight the call itself declares for a full batch, with its transaction extensions.
	let batch = <Runtime as pallet_scheduling::Config>::MaxBatch::get();
	let readings = BoundedVec::truncate_from((0..batch).map(|ppa| (ppa, 1_000)).collect());
	let call: RuntimeCall =
		SchedulingCall::submit_meter_readings { day: 20_781, block: TimeBlock::FIRST, readings }
			.into();
	let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
	let meter_batch =
		info.total_weight().saturating_add(weights.get(DispatchClass::Normal).base_extrinsic);
	println!("a batch of {batch} readings: {} ps", meter_batch.ref_time());
	assert!(meter_batch.all_lte(normal / 2), "a full meter batch fits in half the normal weight");
	assert!(all.saturating_add(meter_batch).all_lte(weights.max_block));
}

/// How many PPA-blocks one block meters, charges and settles: as many meter readings as the
/// normal class takes beside the hooks' worst case, in full batches, bounded by compute and (on
/// a parachain) by the storage proof the relay chain accepts. Printed for the record; at least
/// one full batch must fit.
#[test]
fn ppa_blocks_metered_in_one_block() {
	use frame_support::{dispatch::DispatchClass, weights::Weight};
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let room = normal.max_total.expect("normal dispatch is limited");
	let batch = <Runtime as pallet_scheduling::Config>::MaxBatch::get();
	let weight_of = |n: u32| {
		let readings = BoundedVec::truncate_from((0..n).map(|ppa| (ppa, 1_000)).collect());
		let call: RuntimeCall = SchedulingCall::submit_meter_readings {
			day: 20_781,
			block: TimeBlock::FIRST,
			readings,
		}
		.into();
		frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call)
			.total_weight()
			.saturating_add(normal.base_extrinsic)
	};
	let full = weight_of(batch);
	let (mut used, mut batches) = (Weight::zero(), 0u32);
	while used.saturating_add(full).all_lte(room) {
		used.saturating_accrue(full);
		batches += 1;
	}
	let by_compute = room.ref_time() / full.ref_time().max(1);
	let by_proof = room.proof_size() / full.proof_size().max(1);
	println!(
		"a batch of {batch} readings: {} ps, {} bytes of proof; {batches} full batches a block \
		 ({} PPA-blocks); compute alone allows {by_compute}, proof alone {by_proof}",
		full.ref_time(),
		full.proof_size(),
		batches * batch,
	);
	assert!(batches >= 1, "a block takes at least one full meter batch");
}

/// Issue "Robust at the edges" (rule 6): the LDC finalizes a day late, at 09:00 of the
/// day itself (block 36). Blocks 0-38 have passed or are within the revision lead time and are
/// not scheduled; from block 39 the PSM gate applies as ever: the LC covers 48 blocks of
/// 250 MW (INR 60 lakh at INR 1.25 lakh a block), so blocks 39-86 are scheduled.
#[test]
fn a_day_finalized_on_the_day_itself_is_scheduled_from_the_lead_time() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let today = ppa_with_half_day_lc();
		let tomorrow = today + 1;
		let kw: BoundedVec<u32, _> = BoundedVec::truncate_from(vec![250_000; 96]);
		assert_ok!(call(Charlie, SchedulingCall::requisition { ppa: 0, day: tomorrow, kw }));
		block(2, NOV_24_IST_MIDNIGHT + (96 + 36) * TIME_BLOCK_MS);
		assert_eq!((GridClock::today(), GridClock::now().block.index()), (tomorrow, 36));
		assert_ok!(call(
			Ferdie,
			SchedulingCall::finalize_schedules {
				day: tomorrow,
				ppas: BoundedVec::truncate_from(vec![0])
			}
		));
		let detail = pallet_scheduling::DayDetails::<Runtime>::get(0, tomorrow).unwrap();
		let scheduled: Vec<usize> =
			(0..96).filter(|b| detail.scheduled_kw[*b] == 250_000).collect();
		assert_eq!(scheduled, (39..87).collect::<Vec<_>>());
		assert!(detail.scheduled_kw.iter().all(|kw| *kw == 0 || *kw == 250_000));
		let block_wh = 250_000 * 250;
		System::assert_has_event(
			pallet_scheduling::Event::<Runtime>::ScheduleFinalized {
				ppa: 0,
				day: tomorrow,
				requested_wh: 96 * block_wh,
				cuts: pallet_scheduling::Cuts {
					lead_time_wh: 39 * block_wh,
					payment_security_wh: 9 * block_wh,
					..Default::default()
				},
				scheduled_wh: 48 * block_wh,
				value: inr(6_000_000),
			}
			.into(),
		);
	});
}
