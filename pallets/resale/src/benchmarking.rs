//! Benchmarks of every call, of clearing a block's book and paying its delivery with the
//! number of bids (or winners) as the component, and of one automatic offer
//! (frame-benchmarking v2).

use super::*;
use crate::pallet::{Awards, Call, Config, Offers, Pallet, Parameters, Results};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::RawOrigin;
use ppa_primitives::{
	money::inr, Balance, GridDay, PowerKw, PpaBenchmarkHelper, PpaId, PpaTerms,
	ResaleBenchmarkHelper, Role, TimeBlock,
};

/// The grid day the offers are made on; they are for the day after.
const TODAY: GridDay = 20_000;
const TOMORROW: GridDay = TODAY + 1;
/// The PPA's energy rate: INR 3 a kWh.
const ENERGY_RATE: Balance = 3_000_000;
/// The PPA's contracted capacity: 1,000 MW, so that a thousand bids of a MW fit in a block.
const CAPACITY_KW: PowerKw = 1_000_000;

type Helper<T> = <T as Config>::BenchmarkHelper;

/// A PPA of a new seller and a buyer in default since long, regulated from long ago (the whole
/// share withheld); today is `TODAY`, before the gate.
fn defaulted_ppa<T: Config>(auto_offer: bool) -> (PpaId, T::AccountId, T::AccountId) {
	Helper::<T>::set_today(TODAY);
	let seller: T::AccountId = account("seller", 0, 0);
	let buyer: T::AccountId = account("defaulter", 0, 0);
	Helper::<T>::participant(&seller, Role::Generator);
	Helper::<T>::participant(&buyer, Role::Buyer);
	let mut terms = PpaTerms::with_defaults(
		&[b's'; 64],
		CAPACITY_KW,
		TODAY - 400,
		TODAY + 3_650,
		0,
		ENERGY_RATE,
	);
	terms.transmission_rate = 500_000;
	terms.auto_resale_offer = auto_offer;
	let ppa = Helper::<T>::binding_ppa(&seller, &buyer, terms);
	Helper::<T>::put_in_default(&buyer, TODAY - 200, TODAY - 100);
	(ppa, seller, buyer)
}

/// The whole share of block 0 of tomorrow offered at a reserve of INR 1.
fn offer_block_0<T: Config>(ppa: PpaId, kw: PowerKw) {
	let mut list = alloc::vec![0; 96];
	list[0] = kw;
	let placed = Pallet::<T>::place_offer(
		None,
		ppa,
		TOMORROW,
		list.try_into().unwrap_or([0; 96]),
		1_000_000,
		true,
		false,
	);
	assert!(placed.is_ok(), "offering: {placed:?}");
}

/// A funded discom in good standing.
fn bidder<T: Config>(i: u32) -> T::AccountId {
	let who: T::AccountId = account("bidder", i, 0);
	Helper::<T>::participant(&who, Role::Buyer);
	T::Currency::set_balance(&who, inr(1_000_000));
	who
}

/// `b` bids of 1 MW each in block 0, at prices rising from INR 2 by a tenth of a paisa: every
/// bid wins and all but the lowest keep less than they held.
fn bids<T: Config>(ppa: PpaId, b: u32) {
	for i in 0..b {
		let price = 2_000_000 + Balance::from(i) * 1_000;
		let placed =
			Pallet::<T>::place_bid(bidder::<T>(i), (TOMORROW, ppa, TimeBlock::FIRST), 1_000, price);
		assert!(placed.is_ok(), "bidding: {placed:?}");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = ResaleParameters { reserve_cap_percent: 115, ..Default::default() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Parameters::<T>::get(), params);
		Ok(())
	}

	#[benchmark]
	fn offer() {
		let (ppa, seller, _) = defaulted_ppa::<T>(false);
		let kw: KwList = alloc::vec![CAPACITY_KW; 96].try_into().unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), ppa, TOMORROW, kw, 4_000_000, true);
		assert!(Offers::<T>::contains_key(TOMORROW, ppa));
	}

	#[benchmark]
	fn bid() {
		let (ppa, _, _) = defaulted_ppa::<T>(false);
		offer_block_0::<T>(ppa, CAPACITY_KW);
		let who = bidder::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), ppa, TOMORROW, TimeBlock::FIRST, 1_000, 9_000_000);
		assert_eq!(crate::pallet::BookSizes::<T>::get((TOMORROW, ppa, TimeBlock::FIRST)), 1);
	}

	#[benchmark]
	fn withdraw_bid() {
		let (ppa, _, _) = defaulted_ppa::<T>(false);
		offer_block_0::<T>(ppa, CAPACITY_KW);
		bids::<T>(ppa, 1);
		let who: T::AccountId = account("bidder", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), ppa, TOMORROW, TimeBlock::FIRST, 0);
		assert_eq!(crate::pallet::BookSizes::<T>::get((TOMORROW, ppa, TimeBlock::FIRST)), 0);
	}

	/// A book of `b` bids that all win, each keeping part of its hold; the winners scheduled.
	#[benchmark]
	fn clear_block(b: Linear<0, { T::MaxBidsPerBlock::get() }>) {
		let (ppa, _, _) = defaulted_ppa::<T>(false);
		offer_block_0::<T>(ppa, CAPACITY_KW);
		bids::<T>(ppa, b);
		Helper::<T>::set_today(TOMORROW);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), ppa, TOMORROW, TimeBlock::FIRST);
		let result = Results::<T>::get((TOMORROW, ppa, TimeBlock::FIRST));
		assert_eq!(result.map(|r| r.winners), Some(b));
	}

	/// A block sold to `w` winners, metered in full: each pays, the proceeds are credited.
	#[benchmark]
	fn settle_delivery(w: Linear<1, { T::MaxBidsPerBlock::get() }>) {
		let (ppa, _, _) = defaulted_ppa::<T>(false);
		offer_block_0::<T>(ppa, CAPACITY_KW);
		bids::<T>(ppa, w);
		Helper::<T>::set_today(TOMORROW);
		let key = (TOMORROW, ppa, TimeBlock::FIRST);
		assert!(Pallet::<T>::clear(key).is_ok());
		Helper::<T>::set_today(TOMORROW + 1);
		Helper::<T>::meter(ppa, TOMORROW, TimeBlock::FIRST, u64::from(w) * 1_000 * 250);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), ppa, TOMORROW, TimeBlock::FIRST);
		assert_eq!(Awards::<T>::iter_prefix(key).count(), 0);
		assert!(Results::<T>::get(key).is_some_and(|r| r.delivered_wh.is_some()));
	}

	/// One PPA's regulated share offered by the chain.
	#[benchmark]
	fn auto_offer() {
		let (ppa, _, buyer) = defaulted_ppa::<T>(true);
		let posted;
		#[block]
		{
			posted = Pallet::<T>::post_auto_offer(&buyer, ppa, TOMORROW);
		}
		assert!(posted);
		assert!(Offers::<T>::get(TOMORROW, ppa).is_some_and(|o| o.automatic));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
