//! Benchmarks of every call and of each duty of the hook (frame-benchmarking v2), with the
//! PPA's unpaid bills as the component: a collection from an LC or a BG reaches every one of
//! them, and telling this pallet of a payment looks at every watched bill.

use super::*;
use crate::pallet::{
	Call, Config, Duties, DutyCursor, FailedSecurity, Pallet, Standings, WatchedBills,
};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use ppa_primitives::{
	Balance, BillDues, DocumentHash, DuesBenchmarkHelper, DuesLedger, DuesObserver, GridDay,
	GuaranteeBenchmarkHelper, PpaBenchmarkHelper, PpaId, PpaTerms, PsmFailure, Role,
	SecurityBenchmarkHelper,
};

/// The grid day the benchmarks run on.
const TODAY: GridDay = 20_000;
/// Cover worth one crore per bill: less than the bills with their LPS, so that a collection
/// pays part and the bill stays watched.
const COVER_PER_BILL: Balance = 10_000_000 * 1_000_000;

type Helper<T> = <T as Config>::BenchmarkHelper;

/// A PPA between a new seller and buyer, binding since long before today.
fn ppa<T: Config>() -> (PpaId, T::AccountId, T::AccountId) {
	ppa_with_lc_percent::<T>(110)
}

/// As [`ppa`], requiring LCs of `lc_percent` of a month's billing: 0 allows LCs as small as
/// the benchmarks' cover, so bills go unpaid past it and the buyer defaults.
fn ppa_with_lc_percent<T: Config>(lc_percent: u16) -> (PpaId, T::AccountId, T::AccountId) {
	Helper::<T>::set_today(TODAY);
	let seller: T::AccountId = account("seller", 0, 0);
	let buyer: T::AccountId = account("buyer", 0, 0);
	Helper::<T>::participant(&seller, Role::Generator);
	Helper::<T>::participant(&buyer, Role::Buyer);
	let mut terms = PpaTerms::with_defaults(
		&[b's'; 64],
		100_000,
		TODAY - 400,
		TODAY + 3_650,
		500_000_000,
		3_000_000,
	);
	terms.payment_security.lc_percent_of_monthly_billing = lc_percent;
	// The benchmarks' dates count 30-day months (P + 75 is the trigger date).
	terms.calendar_months = false;
	let ppa = Helper::<T>::binding_ppa(&seller, &buyer, terms);
	(ppa, seller, buyer)
}

/// `n` unpaid bills of `ppa`, one a day, the last presented on `last_presented_on`, 45 days'
/// credit; returns the last.
fn bills<T: Config>(
	ppa: PpaId,
	seller: &T::AccountId,
	buyer: &T::AccountId,
	n: u32,
	last_presented_on: GridDay,
) -> BillId {
	let first = last_presented_on.saturating_sub(n.saturating_sub(1));
	let ids: Vec<BillId> = Helper::<T>::unpaid_bills(ppa, seller, buyer, n, first, 45);
	ids.last().copied().unwrap_or_default()
}

/// Watches bill `bill` (presented on `presented_on`) of `buyer`, overdue or not.
fn watch<T: Config>(
	ppa: PpaId,
	bill: BillId,
	buyer: &T::AccountId,
	presented_on: GridDay,
	overdue: bool,
) {
	let watched = WatchedBill {
		presented_on,
		due_on: presented_on + 45,
		trigger_on: presented_on + 75,
		calendar_months: false,
		overdue,
	};
	WatchedBills::<T>::insert(ppa, bill, watched);
	let mut standing = Standings::<T>::get(buyer).unwrap_or_default();
	standing.watched_bills += 1;
	standing.overdue_bills += u32::from(overdue);
	Pallet::<T>::write_standing(buyer, Some(standing));
}

/// `buyer` in default for unpaid dues since 30 days ago, regulated from today.
fn in_default<T: Config>(ppa: PpaId, buyer: &T::AccountId) {
	let standing = Standing {
		in_default_since: Some(TODAY - 30),
		dues_default: Some(DuesDefault {
			since: TODAY - 30,
			ppa,
			bill: 0,
			regulation_from: TODAY,
			calendar_months: false,
		}),
		failed_security: 0,
		watched_bills: 1,
		overdue_bills: 1,
		relaxation: None,
	};
	Pallet::<T>::write_standing(buyer, Some(standing));
	WatchedBills::<T>::insert(
		ppa,
		0,
		WatchedBill {
			presented_on: TODAY - 105,
			due_on: TODAY - 60,
			trigger_on: TODAY - 30,
			calendar_months: false,
			overdue: true,
		},
	);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Pushes a bill through its due date (LCs drawn, reaching `n` unpaid bills) and its
	/// trigger date (default, BGs encashed) in one call.
	#[benchmark]
	fn push_bill(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa_with_lc_percent::<T>(0);
		let bill = bills::<T>(ppa, &seller, &buyer, n, TODAY - 75);
		Helper::<T>::secure(ppa, &buyer, COVER_PER_BILL * Balance::from(n));
		Helper::<T>::payment_guarantees(ppa, COVER_PER_BILL);
		// Due on TODAY - 30: its duty comes the day after (the due date is a whole day).
		DutyCursor::<T>::put(TODAY - 29);
		Pallet::<T>::queue(TODAY - 29, Duty::DueDate { ppa, bill });
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), ppa, bill);
		assert!(Standings::<T>::get(&buyer).is_some_and(|s| s.dues_default.is_some()));
	}

	#[benchmark]
	fn relax_regulation() -> Result<(), BenchmarkError> {
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (ppa, _, buyer) = ppa::<T>();
		in_default::<T>(ppa, &buyer);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, buyer.clone(), TODAY + 1, DocumentHash::repeat_byte(1));
		assert!(Standings::<T>::get(&buyer).is_some_and(|s| s.relaxation.is_some()));
		Ok(())
	}

	#[benchmark]
	fn end_relaxation() -> Result<(), BenchmarkError> {
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (ppa, _, buyer) = ppa::<T>();
		in_default::<T>(ppa, &buyer);
		let mut standing = Standings::<T>::get(&buyer).unwrap_or_default();
		standing.relaxation = Some(Relaxation {
			granted_on: TODAY,
			until: TODAY + 1,
			reason: DocumentHash::repeat_byte(1),
		});
		Pallet::<T>::write_standing(&buyer, Some(standing));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, buyer.clone());
		assert!(Standings::<T>::get(&buyer).is_some_and(|s| s.relaxation.is_none()));
		Ok(())
	}

	/// A bill's due date: the LCs drawn for what has fallen due on `n` unpaid bills, in part,
	/// and the bill watched.
	#[benchmark]
	fn due_date(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa_with_lc_percent::<T>(0);
		// Due yesterday: today its due date has passed.
		let bill = bills::<T>(ppa, &seller, &buyer, n, TODAY - 46);
		Helper::<T>::secure(ppa, &buyer, COVER_PER_BILL * Balance::from(n));
		#[block]
		{
			Pallet::<T>::on_due_date(ppa, bill);
		}
		assert!(WatchedBills::<T>::contains_key(ppa, bill));
	}

	/// A bill's trigger date: the buyer defaults and the payment BGs are encashed for what has
	/// fallen due on `n` unpaid bills, in part.
	#[benchmark]
	fn trigger_date(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa::<T>();
		let bill = bills::<T>(ppa, &seller, &buyer, n, TODAY - 75);
		watch::<T>(ppa, bill, &buyer, TODAY - 75, true);
		Helper::<T>::payment_guarantees(ppa, COVER_PER_BILL);
		#[block]
		{
			Pallet::<T>::on_trigger_date(ppa, bill);
		}
		assert!(Standings::<T>::get(&buyer).is_some_and(|s| s.in_default_since.is_some()));
	}

	#[benchmark]
	fn regulation_step() {
		let (ppa, _, buyer) = ppa::<T>();
		in_default::<T>(ppa, &buyer);
		#[block]
		{
			Pallet::<T>::on_regulation_step(&buyer, TODAY);
		}
		assert!(Duties::<T>::contains_key(TODAY + 30, Duty::RegulationStep { buyer }));
	}

	/// A failed PPA's daily review that finds the cover still inadequate (no LC, no advance).
	#[benchmark]
	fn security_review() {
		let (ppa, _, buyer) = ppa::<T>();
		Pallet::<T>::record_security_failure(ppa, TODAY - 1, PsmFailure::LcExpired);
		#[block]
		{
			Pallet::<T>::on_security_review(ppa);
		}
		assert!(FailedSecurity::<T>::contains_key(&buyer, ppa));
		assert!(Duties::<T>::contains_key(TODAY + 1, Duty::SecurityReview { ppa }));
	}

	#[benchmark]
	fn bill_presented() {
		let (ppa, _, buyer) = ppa::<T>();
		#[block]
		{
			<Pallet<T> as DuesObserver<T::AccountId>>::bill_presented(
				ppa,
				1,
				&buyer,
				TODAY,
				TODAY + 45,
			);
		}
		assert!(Duties::<T>::contains_key(TODAY + 46, Duty::DueDate { ppa, bill: 1 }));
	}

	/// Told of a change in the dues of a PPA with `n` watched bills past their trigger date,
	/// each found overdue (a ruling against the buyer): every one rewritten, and the buyer
	/// defaults.
	#[benchmark]
	fn dues_reduced(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa::<T>();
		let last = bills::<T>(ppa, &seller, &buyer, n, TODAY - 75);
		let first = last.saturating_sub(BillId::from(n.saturating_sub(1)));
		for (i, bill) in (first..=last).enumerate() {
			watch::<T>(ppa, bill, &buyer, TODAY - 75 - (n - 1) + i as u32, false);
		}
		let changed: Vec<(BillId, BillDues)> = (first..=last)
			.filter_map(|bill| T::Dues::bill_dues(ppa, bill).map(|dues| (bill, dues)))
			.collect();
		#[block]
		{
			<Pallet<T> as DuesObserver<T::AccountId>>::dues_reduced(ppa, &buyer, &changed);
		}
		let standing = Standings::<T>::get(&buyer).unwrap_or_default();
		assert_eq!(standing.overdue_bills, n);
		assert!(standing.dues_default.is_some());
	}

	#[benchmark]
	fn psm_failed() {
		let (ppa, _, buyer) = ppa::<T>();
		#[block]
		{
			<Pallet<T> as ppa_primitives::OnPsmFailure>::psm_failed(
				ppa,
				TODAY,
				PsmFailure::LcExpired,
			);
		}
		assert!(FailedSecurity::<T>::contains_key(&buyer, ppa));
	}

	/// A failure recorded for the PPA that ends; the buyer is restored.
	#[benchmark]
	fn ppa_ended() {
		let (ppa, _, buyer) = ppa::<T>();
		<Pallet<T> as ppa_primitives::OnPsmFailure>::psm_failed(ppa, TODAY, PsmFailure::LcExpired);
		#[block]
		{
			<Pallet<T> as ppa_primitives::OnPpaEnded<T::AccountId>>::ppa_ended(ppa, &buyer, TODAY);
		}
		assert!(!FailedSecurity::<T>::contains_key(&buyer, ppa));
	}

	#[benchmark]
	fn clear_security_failure() -> Result<(), BenchmarkError> {
		let (ppa, _, buyer) = ppa::<T>();
		<Pallet<T> as ppa_primitives::OnPsmFailure>::psm_failed(ppa, TODAY, PsmFailure::LcExpired);
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, buyer.clone(), ppa, [8u8; 32].into());
		assert!(!FailedSecurity::<T>::contains_key(&buyer, ppa));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
