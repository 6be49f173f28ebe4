//! Benchmarks of every call and of the lifecycle hook (frame-benchmarking v2), each in its
//! worst case: longest names, full rebate tiers, nearly full indexes and queues.

use super::*;
use crate::pallet::{
	Call, Config, NextPpaId, Pallet, PendingAmendments, Ppas, PpasByBuyer, PpasBySeller,
	TransitionQueue,
};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::RawOrigin;
use ppa_primitives::{
	BillingPeriod, GridDay, GridTime, PaymentSecurityTerms, PpaId, PpaStatus, PpaTerms, RebateTier,
	Role,
};
use sp_runtime::Permill;

fn admin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// The most roles one participant may hold: every role but the regulator's, which is held
/// alone.
fn all_roles() -> RoleList {
	BoundedVec::truncate_from(
		Role::ALL.iter().copied().filter(|r| *r != Role::Regulator).collect::<Vec<_>>(),
	)
}

fn long_name<T: Config>() -> BoundedVec<u8, T::MaxNameLen> {
	BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize])
}

fn register<T: Config>(who: &T::AccountId, role: Role) -> Result<(), BenchmarkError> {
	Pallet::<T>::register_participant(
		admin::<T>()?,
		who.clone(),
		BoundedVec::truncate_from(vec![role]),
		long_name::<T>(),
		Default::default(),
	)?;
	Ok(())
}

/// The largest terms: a long station name and every rebate tier, starting `start_in` days
/// from today.
fn terms<T: Config>(start_in: GridDay) -> PpaTerms {
	let today = T::GridTime::today();
	let tiers: Vec<RebateTier> = (1..=ppa_primitives::ppa::MAX_REBATE_TIERS)
		.map(|i| RebateTier {
			within_days: (i * 5) as u16,
			rebate: Permill::from_parts(20_000 - i * 1_000),
		})
		.collect();
	PpaTerms {
		capacity_kw: 100_000,
		station: BoundedVec::truncate_from(vec![b's'; 64]),
		start_day: today.saturating_add(start_in),
		end_day: today.saturating_add(start_in).saturating_add(365),
		capacity_rate: 1_000_000_000,
		energy_rate: 2_500_000,
		transmission_rate: 100_000,
		billing_period: BillingPeriod::Monthly,
		due_days: 45,
		rebate_tiers: BoundedVec::truncate_from(tiers),
		lps_rate_cap: Some(Permill::from_percent(12)),
		calendar_months: false,
		normative_availability: PpaTerms::DEFAULT_NORMATIVE_AVAILABILITY,
		lc_on_presentation: false,
		payment_security: PaymentSecurityTerms {
			lc_percent_of_monthly_billing: 110,
			payment_bg: Some(1_000_000_000),
		},
		auto_resale_offer: true,
		agreement_hash: [1u8; 32].into(),
	}
}

/// The load despatch centre of the benchmarks' PPAs.
fn ldc<T: Config>() -> T::AccountId {
	account("ldc", 0, 0)
}

/// A registered generator and discom, and their load despatch centre.
fn parties<T: Config>() -> Result<(T::AccountId, T::AccountId), BenchmarkError> {
	let seller: T::AccountId = account("seller", 0, 0);
	let buyer: T::AccountId = account("buyer", 0, 0);
	register::<T>(&seller, Role::Generator)?;
	register::<T>(&buyer, Role::Buyer)?;
	register::<T>(&ldc::<T>(), Role::LoadDespatchCentre)?;
	Ok((seller, buyer))
}

/// Fills the parties' indexes to one below their bounds.
fn nearly_full<T: Config>(seller: &T::AccountId, buyer: &T::AccountId) {
	let others: Vec<PpaId> = (0..T::MaxPpasPerParty::get().saturating_sub(1))
		.map(|i| 1_000_000u32.saturating_add(i))
		.collect();
	PpasBySeller::<T>::insert(seller, BoundedVec::truncate_from(others.clone()));
	PpasByBuyer::<T>::insert(buyer, BoundedVec::truncate_from(others));
}

/// A PPA proposed by the seller, starting `start_in` days from today.
fn proposed<T: Config>(
	seller: &T::AccountId,
	buyer: &T::AccountId,
	start_in: GridDay,
) -> Result<PpaId, BenchmarkError> {
	let id = NextPpaId::<T>::get();
	Pallet::<T>::propose_ppa(
		RawOrigin::Signed(seller.clone()).into(),
		seller.clone(),
		buyer.clone(),
		ldc::<T>(),
		terms::<T>(start_in),
	)?;
	Ok(id)
}

/// A PPA signed by both, starting `start_in` days from today.
fn signed<T: Config>(
	seller: &T::AccountId,
	buyer: &T::AccountId,
	start_in: GridDay,
) -> Result<PpaId, BenchmarkError> {
	let id = proposed::<T>(seller, buyer, start_in)?;
	let hash = Pallet::<T>::proposal_hash(id).unwrap_or_default();
	Pallet::<T>::sign_ppa(RawOrigin::Signed(buyer.clone()).into(), id, hash)?;
	Ok(id)
}

/// Puts a signed PPA back to `Signed`, so that its (due) activation is still to happen.
fn not_yet_active<T: Config>(id: PpaId) {
	Ppas::<T>::mutate(id, |r| {
		if let Some(r) = r {
			r.status = PpaStatus::Signed
		}
	});
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_participant() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let who: T::AccountId = account("who", 0, 0);
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			who.clone(),
			all_roles(),
			long_name::<T>(),
			Default::default(),
		);
		assert!(Participants::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn set_roles() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("who", 0, 0);
		register::<T>(&who, Role::Bank)?;
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), all_roles());
		assert_eq!(Participants::<T>::get(&who).map(|p| p.roles.len()), Some(Role::ALL.len() - 1));
		Ok(())
	}

	#[benchmark]
	fn suspend_participant() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("who", 0, 0);
		register::<T>(&who, Role::Bank)?;
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_eq!(Participants::<T>::get(&who).map(|p| p.suspended), Some(true));
		Ok(())
	}

	#[benchmark]
	fn reinstate_participant() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("who", 0, 0);
		register::<T>(&who, Role::Bank)?;
		Pallet::<T>::suspend_participant(admin::<T>()?, who.clone())?;
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_eq!(Participants::<T>::get(&who).map(|p| p.suspended), Some(false));
		Ok(())
	}

	#[benchmark]
	fn propose_ppa() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(seller.clone()),
			seller.clone(),
			buyer.clone(),
			ldc::<T>(),
			terms::<T>(10),
		);
		assert_eq!(Ppas::<T>::get(0).map(|r| r.status), Some(PpaStatus::Proposed));
		Ok(())
	}

	#[benchmark]
	fn withdraw_proposal() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = proposed::<T>(&seller, &buyer, 10)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert!(!Ppas::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn lapse_proposal() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = proposed::<T>(&seller, &buyer, 10)?;
		// The call's work on the day after the proposal's lifetime (the benchmarks cannot move
		// the registry's clock); the signed origin check costs nothing measurable.
		let day =
			T::GridTime::today().saturating_add(T::ProposalLifetimeDays::get()).saturating_add(1);
		#[block]
		{
			Pallet::<T>::lapse(id, day).map_err(|_| BenchmarkError::Stop("lapsing"))?;
		}
		assert!(!Ppas::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn sign_ppa() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = proposed::<T>(&seller, &buyer, 10)?;
		let t = terms::<T>(10);
		nearly_full::<T>(&seller, &buyer);
		let hash = Pallet::<T>::terms_hash(&t);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, hash);
		assert_eq!(Ppas::<T>::get(id).map(|r| r.status), Some(PpaStatus::Signed));
		Ok(())
	}

	#[benchmark]
	fn propose_amendment() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		let mut t = terms::<T>(0);
		let from = T::GridTime::today().saturating_add(30);
		t.end_day = t.end_day.saturating_add(30);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, t, from);
		assert!(PendingAmendments::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn withdraw_amendment() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		let from = T::GridTime::today().saturating_add(30);
		Pallet::<T>::propose_amendment(
			RawOrigin::Signed(seller.clone()).into(),
			id,
			terms::<T>(0),
			from,
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert!(!PendingAmendments::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn sign_amendment() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 10)?;
		// Worst case: the latest of many versions is read, and start and end both move.
		let today = T::GridTime::today();
		for v in 1..T::MaxVersions::get().saturating_sub(1) {
			Pallet::<T>::propose_amendment(
				RawOrigin::Signed(seller.clone()).into(),
				id,
				terms::<T>(10),
				today.saturating_add(10).saturating_add(v),
			)?;
			let hash = Pallet::<T>::pending_amendment_hash(id).unwrap_or_default();
			Pallet::<T>::sign_amendment(RawOrigin::Signed(buyer.clone()).into(), id, hash)?;
		}
		let mut t = terms::<T>(20);
		t.end_day = t.end_day.saturating_add(30);
		let from = today.saturating_add(10).saturating_add(T::MaxVersions::get());
		nearly_full::<T>(&seller, &buyer);
		let hash = Pallet::<T>::amendment_hash(from, &t);
		Pallet::<T>::propose_amendment(RawOrigin::Signed(seller.clone()).into(), id, t, from)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, hash);
		assert!(!PendingAmendments::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn propose_termination() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, [3u8; 32].into());
		assert!(crate::pallet::PendingTerminations::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn withdraw_termination() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		Pallet::<T>::propose_termination(
			RawOrigin::Signed(buyer.clone()).into(),
			id,
			Default::default(),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert!(!crate::pallet::PendingTerminations::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn sign_termination() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		Pallet::<T>::propose_termination(
			RawOrigin::Signed(buyer.clone()).into(),
			id,
			Default::default(),
		)?;
		Pallet::<T>::propose_amendment(
			RawOrigin::Signed(seller.clone()).into(),
			id,
			terms::<T>(0),
			T::GridTime::today().saturating_add(1),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id, Default::default());
		assert_eq!(Ppas::<T>::get(id).map(|r| r.status), Some(PpaStatus::Terminated));
		Ok(())
	}

	#[benchmark]
	fn terminate_by_regulator() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		Pallet::<T>::propose_termination(
			RawOrigin::Signed(buyer.clone()).into(),
			id,
			Default::default(),
		)?;
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, [4u8; 32].into());
		assert_eq!(Ppas::<T>::get(id).map(|r| r.status), Some(PpaStatus::Terminated));
		Ok(())
	}

	#[benchmark]
	fn advance() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		// Signed and due: make it look not yet activated.
		not_yet_active::<T>(id);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Ppas::<T>::get(id).map(|r| r.status), Some(PpaStatus::Active));
		Ok(())
	}

	/// `on_initialize` applying `n` due transitions.
	#[benchmark]
	fn on_initialize_transitions(
		n: Linear<0, { ppa_primitives::queue::BENCHMARKED_ITEMS }>,
	) -> Result<(), BenchmarkError> {
		let today = T::GridTime::today();
		crate::pallet::TransitionCursor::<T>::put(today);
		let mut ids = Vec::new();
		register::<T>(&ldc::<T>(), Role::LoadDespatchCentre)?;
		for i in 0..n {
			let seller: T::AccountId = account("seller", i, 0);
			let buyer: T::AccountId = account("buyer", i, 0);
			register::<T>(&seller, Role::Generator)?;
			register::<T>(&buyer, Role::Buyer)?;
			let id = signed::<T>(&seller, &buyer, 0)?;
			not_yet_active::<T>(id);
			ids.push(id);
		}
		for id in &ids {
			TransitionQueue::<T>::insert(today, id, ());
		}
		#[block]
		{
			Pallet::<T>::process_transitions(&mut WeightMeter::new());
		}
		for id in ids {
			assert_eq!(Ppas::<T>::get(id).map(|r| r.status), Some(PpaStatus::Active));
		}
		Ok(())
	}

	#[benchmark]
	fn set_ldc() -> Result<(), BenchmarkError> {
		let (seller, buyer) = parties::<T>()?;
		let id = signed::<T>(&seller, &buyer, 0)?;
		let other: T::AccountId = account("ldc", 1, 0);
		register::<T>(&other, Role::LoadDespatchCentre)?;
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, other.clone());
		assert_eq!(Ppas::<T>::get(id).map(|r| r.ldc), Some(other));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
