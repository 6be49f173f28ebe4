//! Benchmarks of every call and of the pruning hook (frame-benchmarking v2), with the batch
//! size as a component. Each PPA in a batch takes the costliest path: a declaration to read,
//! every letter of credit the PPA may have, advance to commit or release, and a PSM cut.

use super::*;
use crate::{
	gate::BLOCKS,
	pallet::{
		Call, Config, DayDetails, Declarations, EnergyAccounts, Pallet, Parameters,
		PendingRevisions, PruneCursor, PruneQueue, Requisitions,
	},
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use ppa_primitives::{
	AdvanceBenchmarkHelper, BillingPeriod, GridDay, GridTime, PaymentSecurity, PpaBenchmarkHelper,
	PpaId, PpaTerms, Role, SecurityBenchmarkHelper, TimeBlock,
};
use sp_runtime::Permill;

/// The grid day the benchmarks run on.
const TODAY: GridDay = 20_000;
/// A 100 MW share.
const KW: u32 = 100_000;
/// INR 3.00 per kWh.
const RATE: u128 = 3_000_000;

type Helper<T> = <T as Config>::BenchmarkHelper;

fn terms() -> PpaTerms {
	let mut terms =
		PpaTerms::with_defaults(&[b's'; 64], KW, TODAY, TODAY + 3_650, 100_000_000, RATE);
	terms.billing_period = BillingPeriod::PerTimeBlock;
	// No LC cover required of its own: LCs as small as half a day's value are allowed, so
	// the PSM gate cuts.
	terms.payment_security.lc_percent_of_monthly_billing = 0;
	terms
}

fn account_with<T: Config>(name: &'static str, i: u32, role: Role) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	Helper::<T>::participant(&who, role);
	who
}

fn ldc<T: Config>() -> T::AccountId {
	<T::BenchmarkHelper as PpaBenchmarkHelper<T::AccountId>>::ldc()
}

/// The `i`-th PPA of one seller's station, with LCs and advance worth half a day of 100 MW
/// (so the PSM gate cuts), and a declaration of the station for `day`.
fn ppa<T: Config>(i: u32, day: GridDay) -> (PpaId, T::AccountId, T::AccountId) {
	let seller = account_with::<T>("seller", i, Role::Generator);
	let buyer = account_with::<T>("buyer", i, Role::Buyer);
	let ppa = Helper::<T>::binding_ppa(&seller, &buyer, terms());
	let half_day_value = u128::from(KW) * RATE * 96 / 4 / 2;
	Helper::<T>::secure(ppa, &buyer, half_day_value);
	declare::<T>(&seller, day);
	(ppa, seller, buyer)
}

/// `seller`'s declaration of its station (the benchmarks' one) for `day`: 90 % available.
fn declare<T: Config>(seller: &T::AccountId, day: GridDay) {
	Declarations::<T>::insert(
		day,
		(seller, &terms().station),
		Declaration { station_kw: 10 * KW, available_kw: [9 * KW; BLOCKS] },
	);
}

/// Other stations' declarations for tomorrow: a declaration is one entry among many.
fn crowd_declarations<T: Config>() {
	for i in 1..10 {
		let seller: T::AccountId = account("seller", i, 0);
		Declarations::<T>::insert(
			TODAY + 1,
			(&seller, &terms().station),
			Declaration { station_kw: KW, available_kw: [KW; BLOCKS] },
		);
	}
}

/// A revision of the whole rest of the day from the earliest block allowed now.
fn revision<T: Config>() -> (TimeBlock, KwList) {
	let lead = Parameters::<T>::get().revision_lead_blocks.saturating_sub(1);
	let now = <T as Config>::GridTime::now().block.index();
	let from = TimeBlock::new(now.saturating_add(lead)).unwrap_or(TimeBlock::LAST);
	(from, BoundedVec::truncate_from(vec![KW; BLOCKS - usize::from(from.index())]))
}

fn full_day() -> KwList {
	BoundedVec::truncate_from(vec![KW; BLOCKS])
}

/// A PPA finalized for `TODAY` with its first block metered (1 Wh), on the day after; the PPA
/// and its LDC.
fn metered<T: Config>() -> (PpaId, T::AccountId) {
	let ppa = finalized::<T>(1)[0];
	Helper::<T>::set_today(TODAY + 1);
	let ldc = ldc::<T>();
	Pallet::<T>::submit_meter_readings(
		RawOrigin::Signed(ldc.clone()).into(),
		TODAY,
		TimeBlock::FIRST,
		BoundedVec::truncate_from(vec![(ppa, 1)]),
	)
	.expect("the LDC meters");
	(ppa, ldc)
}

/// `n` PPAs finalized for today (each with a requisition, then the gates).
fn finalized<T: Config>(n: u32) -> Vec<PpaId> {
	Helper::<T>::set_today(TODAY);
	let ppas: Vec<PpaId> = (0..n).map(|i| ppa::<T>(i, TODAY).0).collect();
	for ppa in &ppas {
		Requisitions::<T>::insert(ppa, TODAY, [KW; BLOCKS]);
	}
	// As `requisition` does.
	Pallet::<T>::queue_pruning(TODAY, ppas.clone());
	if ppas.is_empty() {
		return ppas;
	}
	Pallet::<T>::finalize_schedules(
		RawOrigin::Signed(ldc::<T>()).into(),
		TODAY,
		BoundedVec::truncate_from(ppas.clone()),
	)
	.expect("an LDC finalizes today");
	ppas
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let p = SchedulingParameters { revision_lead_blocks: 6, ..Default::default() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, p);
		assert_eq!(Parameters::<T>::get(), p);
		Ok(())
	}

	#[benchmark]
	fn declare_capability() {
		Helper::<T>::set_today(TODAY);
		let seller = account_with::<T>("seller", 0, Role::Generator);
		crowd_declarations::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), terms().station, TODAY + 1, 10 * KW, full_day());
		assert!(Declarations::<T>::iter_prefix(TODAY + 1).next().is_some());
	}

	#[benchmark]
	fn requisition() {
		Helper::<T>::set_today(TODAY);
		let (ppa, _, buyer) = ppa::<T>(0, TODAY + 1);
		let kw: KwList = BoundedVec::truncate_from(vec![KW / 2; BLOCKS]);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, TODAY + 1, kw);
		assert!(Requisitions::<T>::contains_key(ppa, TODAY + 1));
	}

	/// One buyer's requisitions of `n` PPAs, each of a seller of its own (a declaration read
	/// for each).
	#[benchmark]
	fn submit_requisitions(n: Linear<1, { T::MaxRequisitions::get() }>) {
		Helper::<T>::set_today(TODAY);
		let buyer = account_with::<T>("buyer", 0, Role::Buyer);
		let requisitions: Vec<(PpaId, KwList)> = (0..n)
			.map(|i| {
				let seller = account_with::<T>("seller", i, Role::Generator);
				let ppa = Helper::<T>::binding_ppa(&seller, &buyer, terms());
				declare::<T>(&seller, TODAY + 1);
				(ppa, BoundedVec::truncate_from(vec![KW / 2; BLOCKS]))
			})
			.collect();
		let first = requisitions.first().map(|(ppa, _)| *ppa);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), TODAY + 1, BoundedVec::truncate_from(requisitions));
		assert!(first.is_some_and(|ppa| Requisitions::<T>::contains_key(ppa, TODAY + 1)));
	}

	#[benchmark]
	fn finalize_schedules(n: Linear<1, { T::MaxBatch::get() }>) {
		Helper::<T>::set_today(TODAY);
		let ppas: Vec<PpaId> = (0..n).map(|i| ppa::<T>(i, TODAY).0).collect();
		for ppa in &ppas {
			Requisitions::<T>::insert(ppa, TODAY, [KW; BLOCKS]);
		}
		let batch = BoundedVec::truncate_from(ppas.clone());
		#[extrinsic_call]
		_(RawOrigin::Signed(ldc::<T>()), TODAY, batch);
		for ppa in ppas {
			let account = EnergyAccounts::<T>::get(ppa, TODAY).expect("finalized");
			assert!(account.cut_psm_wh > 0 && account.cut_availability_wh > 0);
		}
	}

	#[benchmark]
	fn request_revision() {
		let ppa = finalized::<T>(1)[0];
		let buyer: T::AccountId = account("buyer", 0, 0);
		let (from, kw) = revision::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, from, kw);
		assert!(PendingRevisions::<T>::contains_key(ppa));
	}

	#[benchmark]
	fn approve_revision() {
		let ppa = finalized::<T>(1)[0];
		let buyer: T::AccountId = account("buyer", 0, 0);
		let (from, kw) = revision::<T>();
		Pallet::<T>::request_revision(RawOrigin::Signed(buyer).into(), ppa, from, kw)
			.expect("the buyer revises");
		#[extrinsic_call]
		_(RawOrigin::Signed(ldc::<T>()), ppa);
		assert!(!PendingRevisions::<T>::contains_key(ppa));
	}

	#[benchmark]
	fn reject_revision() {
		let ppa = finalized::<T>(1)[0];
		let buyer: T::AccountId = account("buyer", 0, 0);
		let (from, kw) = revision::<T>();
		Pallet::<T>::request_revision(RawOrigin::Signed(buyer).into(), ppa, from, kw)
			.expect("the buyer revises");
		#[extrinsic_call]
		_(RawOrigin::Signed(ldc::<T>()), ppa);
		assert!(!PendingRevisions::<T>::contains_key(ppa));
	}

	/// `n` readings of a scheduled block (noon) of a day of real-time PPAs: each releases the
	/// block's value from the advance committed to the day, and settlement charges the block
	/// and pays it from the advance (its costliest path). Nothing of the block was resold (a
	/// resold block is charged for on its own, `OnEnergyMetered::resold_weight`).
	#[benchmark]
	fn submit_meter_readings(n: Linear<1, { T::MaxBatch::get() }>) {
		let ppas = finalized::<T>(n);
		// Advance enough for settlement to pay each block at once (rule 7).
		let two_days_value = u128::from(KW) * RATE * 96 / 4 * 2;
		for (i, ppa) in ppas.iter().enumerate() {
			let buyer: T::AccountId = account("buyer", i as u32, 0);
			Helper::<T>::deposit_advance(*ppa, &buyer, two_days_value);
		}
		Helper::<T>::set_today(TODAY + 1);
		let noon = TimeBlock::new(48).unwrap_or(TimeBlock::LAST);
		let mut before = Vec::new();
		for ppa in &ppas {
			let scheduled =
				DayDetails::<T>::get(ppa, TODAY).and_then(|d| d.scheduled_kw.get(48).copied());
			assert!(scheduled.is_some_and(|kw| kw > 0), "the block is scheduled");
			// Only today was finalized: what is committed is committed to today.
			let cover = T::Security::coverage(*ppa, TODAY);
			assert!(cover.advance_committed > 0, "advance is committed to the day");
			before.push(cover);
		}
		let batch = BoundedVec::truncate_from(ppas.iter().map(|p| (*p, 24_000_000)).collect());
		let ldc = ldc::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ldc), TODAY, noon, batch);
		for (ppa, was) in ppas.into_iter().zip(before) {
			assert_eq!(EnergyAccounts::<T>::get(ppa, TODAY).map(|a| a.blocks_metered), Some(1));
			let now = T::Security::coverage(ppa, TODAY);
			// (Paid from the advance in the runtime, not in this pallet's mock: the generated
			// weights list the balances written.)
			assert!(now.advance_committed < was.advance_committed, "the block's value released");
		}
	}

	#[benchmark]
	fn correct_meter_reading() {
		let (ppa, ldc) = metered::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ldc), ppa, TODAY, TimeBlock::FIRST, 2);
		assert_eq!(EnergyAccounts::<T>::get(ppa, TODAY).map(|a| a.actual_wh), Some(2));
	}

	#[benchmark]
	fn revise_energy_account() {
		let (ppa, ldc) = metered::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(ldc), ppa, TODAY, TimeBlock::FIRST, 1, Permill::one(), 2);
		assert_eq!(DayDetails::<T>::get(ppa, TODAY).map(|d| d.scheduled_kw[0]), Some(1));
	}

	/// `on_initialize` pruning `n` billed days' detail.
	#[benchmark]
	fn on_initialize_prune(n: Linear<0, { ppa_primitives::queue::BENCHMARKED_ITEMS }>) {
		let ppas = finalized::<T>(n.min(T::MaxBatch::get()));
		let due = TODAY + u32::from(Parameters::<T>::get().retention_days) + 1;
		Helper::<T>::set_today(due);
		PruneCursor::<T>::put(due);
		assert_eq!(PruneQueue::<T>::iter_prefix(due).count(), ppas.len());
		#[block]
		{
			Pallet::<T>::prune(&mut frame_support::weights::WeightMeter::new());
		}
		for ppa in ppas {
			assert!(!DayDetails::<T>::contains_key(ppa, TODAY));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
