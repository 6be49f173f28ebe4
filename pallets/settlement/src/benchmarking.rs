//! Benchmarks of every call, of billing a metered block and of the LPS hook (frame-benchmarking
//! v2), with the PPA's unpaid bills as a component: each is overdue, so a payment accrues LPS
//! on every one of them and reaches every one.

use super::*;
use crate::pallet::{
	Bills, Call, Config, Ledgers, LpsCursor, LpsQueue, OpenBills, Pallet, PresentationQueue,
	UnpaidBills,
};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::RawOrigin;
use ppa_primitives::{
	Balance, BillingPeriod, BindingPpa, BlockEnergy, DocumentHash, GridDay, GridInstant,
	OnEnergyMetered, PpaBenchmarkHelper, PpaId, PpaRegistry, PpaTerms, Role,
	SecurityBenchmarkHelper, TimeBlock,
};
use sp_runtime::Permill;

/// The grid day the benchmarks run on.
const TODAY: GridDay = 20_000;
/// A bill of INR 1 crore.
const BILL: Balance = 10_000_000 * 1_000_000;

type Helper<T> = <T as Config>::BenchmarkHelper;

fn terms(period: BillingPeriod) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(
		&[b's'; 64],
		100_000,
		TODAY - 400,
		TODAY + 3_650,
		500_000_000,
		3_000_000,
	);
	terms.billing_period = period;
	terms
}

/// A PPA billed `period` between a new seller and buyer; the buyer has money to pay.
fn ppa<T: Config>(period: BillingPeriod) -> (PpaId, T::AccountId, T::AccountId) {
	Helper::<T>::set_today(TODAY);
	let seller: T::AccountId = account("seller", 0, 0);
	let buyer: T::AccountId = account("buyer", 0, 0);
	Helper::<T>::participant(&seller, Role::Generator);
	Helper::<T>::participant(&buyer, Role::Buyer);
	let ppa = Helper::<T>::binding_ppa(&seller, &buyer, terms(period));
	T::Currency::set_balance(&buyer, BILL.saturating_mul(1_000));
	T::Currency::set_balance(&seller, BILL);
	(ppa, seller, buyer)
}

/// `n` unpaid bills of `ppa`, presented 250 days ago and since (overdue through LPS month 7).
fn unpaid_bills<T: Config>(
	ppa: PpaId,
	seller: &T::AccountId,
	buyer: &T::AccountId,
	n: u32,
) -> Vec<BillId> {
	crate::benchmark_setup::unpaid_bills::<T>(ppa, seller, buyer, n, TODAY - 250, 45, BILL)
}

/// Cover for `n` bills with their LPS: ten times their principal, however the helper splits
/// it between letters of credit and advance (the runtime's gives the advance a fifth).
fn cover(n: u32) -> Balance {
	BILL.saturating_mul(n.into()).saturating_mul(10)
}

/// `ppa` as scheduling reads it for a reading of `day`: it binds.
fn binding<T: Config>(ppa: PpaId, day: GridDay) -> BindingPpa<T::AccountId> {
	let (parties, terms) = T::Ppas::binding_on(ppa, day).expect("the PPA binds that day");
	BindingPpa { ppa, parties, terms }
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let parameters = SettlementParameters { dispute_window_days: 15, ..Default::default() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parameters);
		assert_eq!(Parameters::<T>::get(), parameters);
		Ok(())
	}

	/// A payment to a seller with `n` unpaid bills, each on a PPA of its own (every PPA's
	/// ledger and list read and written): all are overdue, so it accrues LPS on each.
	#[benchmark]
	fn pay(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (first, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		let mut ppas = alloc::vec![first];
		for _ in 1..n {
			ppas.push(Helper::<T>::binding_ppa(&seller, &buyer, terms(BillingPeriod::Daily)));
		}
		for ppa in ppas.iter() {
			unpaid_bills::<T>(*ppa, &seller, &buyer, 1);
		}
		#[extrinsic_call]
		_(
			RawOrigin::Signed(buyer),
			seller.clone(),
			BILL.saturating_mul(n.into()).saturating_mul(2),
			Some(first),
		);
		assert!(ppas.iter().all(|ppa| UnpaidBills::<T>::get(ppa).is_empty()));
	}

	/// A base rate set into a table with room for one more.
	#[benchmark]
	fn set_lps_base_rate() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Helper::<T>::set_today(TODAY);
		let next = ppa_primitives::clock::financial_year_of(TODAY).saturating_add(1);
		let first = next.saturating_sub(crate::lps::MAX_BASE_RATES as u16 - 1);
		let table: Vec<_> = (first..next)
			.map(|year| crate::lps::BaseRate {
				financial_year: year,
				from: ppa_primitives::clock::financial_year_start(year),
				rate: Permill::from_parts(136_500),
			})
			.collect();
		crate::LpsBaseRates::<T>::put(frame_support::BoundedVec::truncate_from(table));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, next, Permill::from_parts(140_000));
		let table = crate::LpsBaseRates::<T>::get();
		assert_eq!(table.len() as u32, crate::lps::MAX_BASE_RATES);
		assert_eq!(table.last().map(|e| e.financial_year), Some(next));
		Ok(())
	}

	/// A stay of an overdue bill's dispute: LPS accrued over eight months of default first.
	#[benchmark]
	fn stay_dispute() -> Result<(), BenchmarkError> {
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		let id = unpaid_bills::<T>(ppa, &seller, &buyer, 1)[0];
		let mut b = Bills::<T>::get(ppa, id).ok_or(BenchmarkError::Weightless)?;
		b.dispute = Some(Dispute {
			amount: BILL / 2,
			reason: DocumentHash::repeat_byte(1),
			raised_on: TODAY - 245,
			upheld: None,
		});
		Bills::<T>::insert(ppa, id, b);
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			ppa,
			id,
			crate::StayAuthority::Court,
			DocumentHash::repeat_byte(2),
		);
		assert_eq!(Ledgers::<T>::get(ppa).disputed, BILL / 2);
		Ok(())
	}

	#[benchmark]
	fn settle_from_advance(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		unpaid_bills::<T>(ppa, &seller, &buyer, n);
		Helper::<T>::secure(ppa, &buyer, cover(n));
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), ppa);
		assert!(UnpaidBills::<T>::get(ppa).is_empty());
	}

	#[benchmark]
	fn draw_letter_of_credit(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		unpaid_bills::<T>(ppa, &seller, &buyer, n);
		Helper::<T>::secure(ppa, &buyer, cover(n));
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), ppa);
		assert!(Ledgers::<T>::get(ppa).paid > 0);
	}

	#[benchmark]
	fn dispute_bill() {
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		// Presented yesterday: inside the dispute window.
		let id =
			crate::benchmark_setup::unpaid_bills::<T>(ppa, &seller, &buyer, 1, TODAY - 1, 45, BILL)
				[0];
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, id, BILL / 2, DocumentHash::repeat_byte(1));
		assert!(Bills::<T>::get(ppa, id).is_some_and(|b| b.dispute.is_some()));
	}

	#[benchmark]
	fn resolve_dispute() -> Result<(), BenchmarkError> {
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		let id = unpaid_bills::<T>(ppa, &seller, &buyer, 1)[0];
		// Disputed 240 days ago: the rejected part owes LPS over eight months of default.
		let mut b = Bills::<T>::get(ppa, id).ok_or(BenchmarkError::Weightless)?;
		b.outstanding = BILL / 2;
		b.disputed = BILL / 2;
		b.dispute = Some(Dispute {
			amount: BILL / 2,
			reason: DocumentHash::repeat_byte(1),
			raised_on: TODAY - 245,
			upheld: None,
		});
		Bills::<T>::insert(ppa, id, b);
		Ledgers::<T>::mutate(ppa, |l| {
			l.outstanding = BILL / 2;
			l.disputed = BILL / 2;
		});
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ppa, id, BILL / 4);
		assert_eq!(Ledgers::<T>::get(ppa).disputed, 0);
		Ok(())
	}

	#[benchmark]
	fn present_bill(n: Linear<1, { T::MaxUnpaidBills::get() }>) {
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		unpaid_bills::<T>(ppa, &seller, &buyer, n - 1);
		Helper::<T>::secure(ppa, &buyer, cover(n));
		let open = OpenBill {
			last_day: TODAY - 1,
			blocks: 96,
			energy_wh: 1_000_000,
			energy_charge: BILL,
			capacity_charge: 0,
		};
		OpenBills::<T>::insert(ppa, TODAY - 1, open);
		Ledgers::<T>::mutate(ppa, |l| l.unbilled = BILL);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), ppa, TODAY - 1);
		assert!(UnpaidBills::<T>::get(ppa).is_empty());
	}

	/// A real-time PPA's block, billed and paid from advance at once (the day's last block
	/// also marks the day billed: one read and write more, added by `OnEnergyMetered::weight`).
	#[benchmark]
	fn settle_block_from_advance() {
		let (ppa, _, buyer) = ppa::<T>(BillingPeriod::PerTimeBlock);
		let binding = binding::<T>(ppa, TODAY - 1);
		Helper::<T>::secure(ppa, &buyer, BILL);
		let at = GridInstant::new(TODAY - 1, TimeBlock::FIRST);
		let energy = BlockEnergy {
			scheduled_wh: 25_000_000,
			actual_wh: 24_000_000,
			resold_wh: 0,
			availability: Permill::one(),
		};
		#[block]
		{
			Pallet::<T>::energy_metered(&binding, at, energy);
		}
		assert!(Ledgers::<T>::get(ppa).paid > 0);
	}

	/// A daily PPA's block, opening the day's bill and queueing it for presentation.
	#[benchmark]
	fn charge_block() {
		let (ppa, _, _) = ppa::<T>(BillingPeriod::Daily);
		let binding = binding::<T>(ppa, TODAY);
		let at = GridInstant::new(TODAY, TimeBlock::FIRST);
		let energy = BlockEnergy {
			scheduled_wh: 25_000_000,
			actual_wh: 24_000_000,
			resold_wh: 0,
			availability: Permill::one(),
		};
		#[block]
		{
			Pallet::<T>::energy_metered(&binding, at, energy);
		}
		assert!(OpenBills::<T>::contains_key(ppa, TODAY));
		assert!(PresentationQueue::<T>::contains_key(TODAY + 1, (ppa, TODAY)));
	}

	/// `n` overdue bills step into a new month of default.
	#[benchmark]
	fn on_initialize_lps(n: Linear<1, { ppa_primitives::queue::BENCHMARKED_ITEMS }>) {
		let (ppa, seller, buyer) = ppa::<T>(BillingPeriod::Daily);
		let ids = unpaid_bills::<T>(ppa, &seller, &buyer, n.min(T::MaxUnpaidBills::get()));
		for id in ids {
			LpsQueue::<T>::insert(TODAY, (ppa, id), ());
		}
		LpsCursor::<T>::put(TODAY);
		#[block]
		{
			Pallet::<T>::step_lps_months(&mut frame_support::weights::WeightMeter::new());
		}
		assert!(Ledgers::<T>::get(ppa).lps > 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
