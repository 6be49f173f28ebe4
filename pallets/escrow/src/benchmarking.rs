//! Benchmarks of every call, of the deadline hook and of what other pallets call through the
//! traits (frame-benchmarking v2), each in its worst case: per-PPA lists nearly full, every
//! instrument of a PPA touched.

use super::*;
use crate::pallet::{
	Advances, BankGuarantees, BgsOfPpa, Call, Config, DeadlineCursor, HoldReason, LcsOfPpa,
	LettersOfCredit, NextBgId, NextLcId, NormativeLoadFactor, Pallet, ReimbursementsOwed,
};
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use ppa_primitives::{
	Balance, BankGuaranteeKind, GridDay, PaymentSecurity, PpaBenchmarkHelper, PpaId, PpaRegistry,
	PpaTerms, Role, SecurityPayments,
};
use sp_runtime::Permill;

/// The grid day the benchmarks run on (2024-10-04).
const TODAY: GridDay = 20_000;
/// A large balance: INR 10^10 crore.
const FUNDS: Balance = 1_000_000_000_000_000_000_000_000;
/// An LC or BG amount: INR 25 crore.
const AMOUNT: Balance = 250_000_000_000_000;

type Helper<T> = <T as Config>::BenchmarkHelper;

fn terms() -> PpaTerms {
	PpaTerms::with_defaults(&[b's'; 64], 100_000, TODAY, TODAY + 3_650, 100_000_000, 3_000_000)
}

/// A funded account with `role`.
fn participant<T: Config>(name: &'static str, i: u32, role: Role) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	Helper::<T>::participant(&who, role);
	T::Currency::set_balance(&who, FUNDS);
	who
}

/// Today is [`TODAY`]; a bank, and a binding PPA between a seller and a buyer (the `i`-th).
fn setup<T: Config>(i: u32) -> (T::AccountId, PpaId, T::AccountId, T::AccountId) {
	Helper::<T>::set_today(TODAY);
	DeadlineCursor::<T>::put(TODAY);
	let bank = participant::<T>("bank", 0, Role::Bank);
	let seller = participant::<T>("seller", i, Role::Generator);
	let buyer = participant::<T>("buyer", i, Role::Buyer);
	let ppa = Helper::<T>::binding_ppa(&seller, &buyer, terms());
	(bank, ppa, seller, buyer)
}

fn lc_terms(expiry_day: GridDay) -> LcTerms {
	LcTerms {
		amount: AMOUNT,
		expiry_day,
		revolving: true,
		drawals_per_month: 1,
		restore_within_days: 15,
	}
}

/// `ppa`'s buyer asks `bank` for an LC expiring on `expiry_day`.
fn request<T: Config>(bank: &T::AccountId, ppa: PpaId, expiry_day: GridDay) {
	let buyer = T::Ppas::parties(ppa).expect("a binding PPA").buyer;
	Pallet::<T>::request_letter_of_credit(
		RawOrigin::Signed(buyer).into(),
		ppa,
		bank.clone(),
		lc_terms(expiry_day),
	)
	.expect("buyer, bank and terms are valid");
}

/// Opens an LC for `ppa` expiring on `expiry_day`, on its buyer's request.
fn open<T: Config>(bank: &T::AccountId, ppa: PpaId, expiry_day: GridDay) -> LcId {
	request::<T>(bank, ppa, expiry_day);
	let lc = NextLcId::<T>::get();
	Pallet::<T>::open_letter_of_credit(
		RawOrigin::Signed(bank.clone()).into(),
		ppa,
		lc_terms(expiry_day),
	)
	.expect("bank, PPA and terms are valid");
	lc
}

/// The obligor of a BG of `kind` on `ppa` asks `bank` for one expiring on `expiry_day`.
fn request_bg<T: Config>(
	bank: &T::AccountId,
	ppa: PpaId,
	kind: BankGuaranteeKind,
	expiry_day: GridDay,
) {
	let parties = T::Ppas::parties(ppa).expect("a binding PPA");
	let obligor = match kind {
		BankGuaranteeKind::Payment => parties.buyer,
		BankGuaranteeKind::Performance => parties.seller,
	};
	Pallet::<T>::request_bank_guarantee(
		RawOrigin::Signed(obligor).into(),
		ppa,
		bank.clone(),
		BgTerms { kind, amount: AMOUNT, expiry_day },
	)
	.expect("obligor, bank and terms are valid");
}

/// Issues a BG for `ppa` expiring on `expiry_day`, on its obligor's request.
fn issue<T: Config>(
	bank: &T::AccountId,
	ppa: PpaId,
	kind: BankGuaranteeKind,
	expiry_day: GridDay,
) -> BgId {
	request_bg::<T>(bank, ppa, kind, expiry_day);
	let bg = NextBgId::<T>::get();
	Pallet::<T>::issue_bank_guarantee(
		RawOrigin::Signed(bank.clone()).into(),
		ppa,
		kind,
		AMOUNT,
		expiry_day,
	)
	.expect("bank, PPA and amount are valid");
	bg
}

/// Fills the LC index of `ppa` to one short of full with ids of no LC.
fn crowd_lcs<T: Config>(ppa: PpaId) {
	let filler = (0..T::MaxLcsPerPpa::get().saturating_sub(1)).map(|i| u32::MAX - i).collect();
	LcsOfPpa::<T>::insert(ppa, BoundedVec::truncate_from(filler));
}

/// Fills the BG index of `ppa` to one short of full with ids of no BG.
fn crowd_bgs<T: Config>(ppa: PpaId) {
	let filler = (0..T::MaxBgsPerPpa::get().saturating_sub(1)).map(|i| u32::MAX - i).collect();
	BgsOfPpa::<T>::insert(ppa, BoundedVec::truncate_from(filler));
}

/// Issues guarantees of `ppa` in every place it has (payment BGs in half, performance BGs in
/// the other half).
fn all_bgs<T: Config>(bank: &T::AccountId, ppa: PpaId, expiry_day: GridDay) {
	let places = Pallet::<T>::bg_places_per_kind() as u32;
	for i in 0..T::MaxBgsPerPpa::get().min(2 * places) {
		let kind =
			if i < places { BankGuaranteeKind::Payment } else { BankGuaranteeKind::Performance };
		issue::<T>(bank, ppa, kind, expiry_day);
	}
}

/// `ppa` with as many LCs and BGs as it may have, and an advance.
fn fully_secured<T: Config>(bank: &T::AccountId, ppa: PpaId, buyer: &T::AccountId) {
	for _ in 0..T::MaxLcsPerPpa::get() {
		open::<T>(bank, ppa, TODAY + 300);
	}
	all_bgs::<T>(bank, ppa, TODAY + 300);
	Pallet::<T>::deposit_advance(RawOrigin::Signed(buyer.clone()).into(), ppa, AMOUNT)
		.expect("the buyer deposits");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open_letter_of_credit() {
		let (bank, ppa, ..) = setup::<T>(0);
		crowd_lcs::<T>(ppa);
		request::<T>(&bank, ppa, TODAY + 365);
		#[extrinsic_call]
		_(RawOrigin::Signed(bank.clone()), ppa, lc_terms(TODAY + 365));
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::LetterOfCredit.into(), &bank), AMOUNT);
	}

	/// The request list of the PPA one short of its bound (with the LCs open).
	#[benchmark]
	fn request_letter_of_credit() {
		let (bank, ppa, _, buyer) = setup::<T>(0);
		crowd_lcs::<T>(ppa);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, bank.clone(), lc_terms(TODAY + 365));
		assert_eq!(crate::pallet::LcRequests::<T>::get(ppa).len(), 1);
	}

	#[benchmark]
	fn withdraw_lc_request() {
		let (bank, ppa, _, buyer) = setup::<T>(0);
		crowd_lcs::<T>(ppa);
		request::<T>(&bank, ppa, TODAY + 365);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, bank.clone());
		assert!(crate::pallet::LcRequests::<T>::get(ppa).is_empty());
	}

	#[benchmark]
	fn force_close_letter_of_credit() -> Result<(), BenchmarkError> {
		let (bank, ppa, ..) = setup::<T>(0);
		crowd_lcs::<T>(ppa);
		let lc = open::<T>(&bank, ppa, TODAY + 365);
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, lc, [7u8; 32].into());
		assert!(LettersOfCredit::<T>::get(lc).is_none());
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::LetterOfCredit.into(), &bank), 0);
		Ok(())
	}

	#[benchmark]
	fn increase_letter_of_credit() {
		let (bank, ppa, ..) = setup::<T>(0);
		let lc = open::<T>(&bank, ppa, TODAY + 365);
		#[extrinsic_call]
		_(RawOrigin::Signed(bank), lc, AMOUNT);
		assert_eq!(LettersOfCredit::<T>::get(lc).map(|r| r.held), Some(2 * AMOUNT));
	}

	#[benchmark]
	fn renew_letter_of_credit() {
		let (bank, ppa, ..) = setup::<T>(0);
		let lc = open::<T>(&bank, ppa, TODAY + 365);
		#[extrinsic_call]
		_(RawOrigin::Signed(bank), lc, TODAY + 395);
		assert_eq!(LettersOfCredit::<T>::get(lc).map(|r| r.terms.expiry_day), Some(TODAY + 395));
	}

	#[benchmark]
	fn restore_letter_of_credit() {
		let (bank, ppa, ..) = setup::<T>(0);
		let lc = open::<T>(&bank, ppa, TODAY + 365);
		Pallet::<T>::draw_lc(lc, AMOUNT / 2, TODAY).expect("the LC is drawable");
		#[extrinsic_call]
		_(RawOrigin::Signed(bank), lc);
		assert_eq!(LettersOfCredit::<T>::get(lc).map(|r| r.held), Some(AMOUNT));
	}

	#[benchmark]
	fn close_letter_of_credit() {
		let (bank, ppa, ..) = setup::<T>(0);
		crowd_lcs::<T>(ppa);
		let lc = open::<T>(&bank, ppa, TODAY);
		Helper::<T>::set_today(TODAY + 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(bank.clone()), lc);
		assert!(LettersOfCredit::<T>::get(lc).is_none());
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::LetterOfCredit.into(), &bank), 0);
	}

	#[benchmark]
	fn reimburse_bank() {
		let (bank, _, _, buyer) = setup::<T>(0);
		ReimbursementsOwed::<T>::insert(&bank, &buyer, AMOUNT);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), bank.clone(), AMOUNT);
		assert!(!ReimbursementsOwed::<T>::contains_key(&bank, &buyer));
	}

	#[benchmark]
	fn issue_bank_guarantee() {
		let (bank, ppa, ..) = setup::<T>(0);
		crowd_bgs::<T>(ppa);
		request_bg::<T>(&bank, ppa, BankGuaranteeKind::Payment, TODAY + 365);
		#[extrinsic_call]
		_(RawOrigin::Signed(bank.clone()), ppa, BankGuaranteeKind::Payment, AMOUNT, TODAY + 365);
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::BankGuarantee.into(), &bank), AMOUNT);
	}

	#[benchmark]
	fn request_bank_guarantee() {
		let (bank, ppa, _, buyer) = setup::<T>(0);
		crowd_bgs::<T>(ppa);
		let terms =
			BgTerms { kind: BankGuaranteeKind::Payment, amount: AMOUNT, expiry_day: TODAY + 365 };
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, bank.clone(), terms);
		assert_eq!(BgRequests::<T>::get(ppa).len(), 1);
	}

	#[benchmark]
	fn withdraw_bg_request() {
		let (bank, ppa, _, buyer) = setup::<T>(0);
		crowd_bgs::<T>(ppa);
		request_bg::<T>(&bank, ppa, BankGuaranteeKind::Payment, TODAY + 365);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, bank.clone(), BankGuaranteeKind::Payment);
		assert!(BgRequests::<T>::get(ppa).is_empty());
	}

	#[benchmark]
	fn release_bank_guarantee() -> Result<(), BenchmarkError> {
		let (bank, ppa, ..) = setup::<T>(0);
		crowd_bgs::<T>(ppa);
		let bg = issue::<T>(&bank, ppa, BankGuaranteeKind::Performance, TODAY + 365);
		let origin =
			T::RegulatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bg, Default::default());
		assert!(BankGuarantees::<T>::get(bg).is_none());
		Ok(())
	}

	#[benchmark]
	fn deposit_advance() {
		let (_, ppa, _, buyer) = setup::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, AMOUNT);
		assert_eq!(Advances::<T>::get(ppa).map(|a| a.held), Some(AMOUNT));
	}

	#[benchmark]
	fn withdraw_advance() {
		let (_, ppa, _, buyer) = setup::<T>(0);
		Pallet::<T>::deposit_advance(RawOrigin::Signed(buyer.clone()).into(), ppa, AMOUNT)
			.expect("the buyer deposits");
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), ppa, AMOUNT / 2);
		assert_eq!(Advances::<T>::get(ppa).map(|a| a.held), Some(AMOUNT / 2));
	}

	#[benchmark]
	fn set_normative_load_factor() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Permill::from_percent(70));
		assert_eq!(NormativeLoadFactor::<T>::get(), Permill::from_percent(70));
		Ok(())
	}

	/// The costliest deadline: an LC expires, its funds are released, the PPA's cover over
	/// every other instrument is checked and found inadequate.
	#[benchmark]
	fn apply_deadline() {
		let (bank, ppa, ..) = setup::<T>(0);
		for _ in 1..T::MaxLcsPerPpa::get() {
			open::<T>(&bank, ppa, TODAY + 300);
		}
		all_bgs::<T>(&bank, ppa, TODAY + 300);
		let lc = open::<T>(&bank, ppa, TODAY);
		Helper::<T>::set_today(TODAY + 1);
		let caller = participant::<T>("caller", 0, Role::Generator);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), Deadline::LcExpiry(lc));
		assert!(LettersOfCredit::<T>::get(lc).is_none());
	}

	/// `on_initialize` applying `n` LC expiries, each on its own PPA.
	#[benchmark]
	fn on_initialize_deadlines(n: Linear<0, { ppa_primitives::queue::BENCHMARKED_ITEMS }>) {
		let (bank, ..) = setup::<T>(0);
		let mut lcs = vec![];
		for i in 0..n {
			let (_, ppa, ..) = setup::<T>(i);
			lcs.push(open::<T>(&bank, ppa, TODAY));
		}
		Helper::<T>::set_today(TODAY + 1);
		DeadlineCursor::<T>::put(TODAY + 1);
		#[block]
		{
			Pallet::<T>::process_deadlines(&mut frame_support::weights::WeightMeter::new());
		}
		for lc in lcs {
			assert!(LettersOfCredit::<T>::get(lc).is_none());
		}
	}

	/// Coverage of a PPA with every LC and BG it may have, and an advance.
	#[benchmark]
	fn coverage() {
		let (bank, ppa, _, buyer) = setup::<T>(0);
		fully_secured::<T>(&bank, ppa, &buyer);
		let c;
		#[block]
		{
			c = Pallet::<T>::coverage(ppa, TODAY);
		}
		assert_eq!(c.advance, AMOUNT);
	}

	/// The scheduling gate's read: LC + advance of a PPA with every LC it may have.
	#[benchmark]
	fn available_cover() {
		let (bank, ppa, _, buyer) = setup::<T>(0);
		fully_secured::<T>(&bank, ppa, &buyer);
		let c;
		#[block]
		{
			c = Pallet::<T>::available_cover(ppa, TODAY);
		}
		assert_eq!(c, AMOUNT * Balance::from(T::MaxLcsPerPpa::get() + 1));
	}

	/// A drawal that empties every LC of the PPA.
	#[benchmark]
	fn draw_letters_of_credit() {
		let (bank, ppa, seller, buyer) = setup::<T>(0);
		fully_secured::<T>(&bank, ppa, &buyer);
		let all = AMOUNT * Balance::from(T::MaxLcsPerPpa::get());
		#[block]
		{
			Pallet::<T>::draw_letters_of_credit(ppa, all).expect("every LC is drawable");
		}
		assert_eq!(T::Currency::balance(&seller), FUNDS + all);
	}

	#[benchmark]
	fn pay_from_advance() {
		let (_, ppa, seller, buyer) = setup::<T>(0);
		Pallet::<T>::deposit_advance(RawOrigin::Signed(buyer).into(), ppa, AMOUNT)
			.expect("the buyer deposits");
		// Half committed to a schedule: the other half pays.
		Pallet::<T>::commit_advance(ppa, TODAY, AMOUNT / 2);
		#[block]
		{
			Pallet::<T>::pay_from_advance(ppa, AMOUNT / 2).expect("advance is held");
		}
		assert_eq!(T::Currency::balance(&seller), FUNDS + AMOUNT / 2);
	}

	/// An encashment that empties every payment BG of the PPA.
	#[benchmark]
	fn encash_bank_guarantees() {
		let (bank, ppa, seller, buyer) = setup::<T>(0);
		fully_secured::<T>(&bank, ppa, &buyer);
		let all = AMOUNT * Balance::from(Pallet::<T>::bg_places_per_kind() as u32);
		#[block]
		{
			Pallet::<T>::encash_bank_guarantees(ppa, BankGuaranteeKind::Payment, all)
				.expect("every BG is in force");
		}
		assert_eq!(T::Currency::balance(&seller), FUNDS + all);
	}

	#[benchmark]
	fn commit_advance() {
		let (_, ppa, _, buyer) = setup::<T>(0);
		Pallet::<T>::deposit_advance(RawOrigin::Signed(buyer).into(), ppa, AMOUNT)
			.expect("the buyer deposits");
		#[block]
		{
			Pallet::<T>::commit_advance(ppa, TODAY, AMOUNT);
		}
		assert_eq!(Advances::<T>::get(ppa).map(|a| a.committed), Some(AMOUNT));
		assert_eq!(AdvanceCommitments::<T>::get(ppa, TODAY), AMOUNT);
	}

	#[benchmark]
	fn release_advance() {
		let (_, ppa, _, buyer) = setup::<T>(0);
		Pallet::<T>::deposit_advance(RawOrigin::Signed(buyer).into(), ppa, AMOUNT)
			.expect("the buyer deposits");
		Pallet::<T>::commit_advance(ppa, TODAY, AMOUNT);
		#[block]
		{
			Pallet::<T>::release_advance(ppa, TODAY, AMOUNT);
		}
		assert_eq!(Advances::<T>::get(ppa).map(|a| a.committed), Some(0));
		assert!(!AdvanceCommitments::<T>::contains_key(ppa, TODAY));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
