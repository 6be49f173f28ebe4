//! # Escrow pallet
//!
//! Payment security for PPAs (rules 4, 14-17): letters of credit, bank guarantees and
//! advance payment. Every instrument is money **held** with `fungible::MutateHold` in its
//! issuer's or depositor's own account, under a hold reason of its own; invoking one is a
//! `transfer_on_hold` to the party it names. Nothing is moved to a pallet account, so balances
//! always add up.
//!
//! - Letters of credit: the buyer requests one of a named bank on stated terms; that bank opens
//!   it for the buyer in favour of the seller, on exactly those terms; it can increase, renew
//!   (before expiry), restore (within the period after a drawal) and close it (once expired or
//!   lapsed, or once the PPA has ended and its dues are settled). The regulator can force-close
//!   any instrument with the hash of its order. A suspended bank can only release. Drawals are made by settlement and defaults through [`SecurityPayments`], at
//!   most `drawals_per_month` in a calendar month; the buyer then owes the bank what was drawn
//!   and repays it with [`Pallet::reimburse_bank`].
//! - Bank guarantees: payment (the buyer's, for the seller) and performance (the seller's, for
//!   the buyer); encashed only through [`SecurityPayments`] by the pallet that owns the
//!   trigger; released at expiry or by the regulator.
//! - Advance payment: the buyer deposits against a PPA; scheduling commits part of it to a
//!   day's schedule until that energy is metered; settlement pays bills from the uncommitted
//!   part; the buyer withdraws only what is neither committed nor securing the PPA's unpaid,
//!   unbilled or disputed dues.
//! - Coverage ([`PaymentSecurity::coverage`]): LC + advance available on a day against the
//!   cover the PPA's terms require ([`cover::required_cover`]).
//! - Deadlines (an LC's expiry, its restoration deadline, a BG's expiry) take effect by
//!   themselves in `on_initialize` from a queue keyed by grid day, bounded per block, or at
//!   once through the permissionless [`Pallet::apply_deadline`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod cover;
mod deadlines;
mod impl_security;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::{Precision, Preservation},
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use ppa_primitives::{
		Balance, BankGuaranteeKind, BillingHistory, DocumentHash, Exposure, GridDay, GridTime,
		OnPsmFailure, ParticipantRoles, PpaId, PpaParties, PpaRegistry, Role,
	};
	use sp_runtime::{traits::Saturating, Permill};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why funds are held by this pallet.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A bank's funds under its letters of credit.
		LetterOfCredit,
		/// A bank's funds under its bank guarantees.
		BankGuarantee,
		/// A buyer's advance payment against its PPAs.
		AdvancePayment,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The tokenised rupee, whose funds the instruments hold.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// Who is a bank (the registry).
		type Roles: ParticipantRoles<Self::AccountId>;
		/// PPAs, their parties and terms (the registry).
		type Ppas: PpaRegistry<Self::AccountId>;
		/// Bill history that sizes LCs (settlement).
		type BillingHistory: BillingHistory;
		/// A PPA's unpaid, unbilled and disputed dues and unpaid LPS, which its security keeps
		/// securing (settlement).
		type Dues: Exposure;
		/// Told when a PPA's payment security fails (defaults).
		type OnPsmFailure: OnPsmFailure;
		/// The chain's clock.
		type GridTime: GridTime;
		/// Sets the normative load factor (root on a dev chain).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Releases bank guarantees by order (root on a dev chain).
		type RegulatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most letters of credit one PPA may have at a time.
		#[pallet::constant]
		type MaxLcsPerPpa: Get<u32>;
		/// Most bank guarantees one PPA may have at a time.
		#[pallet::constant]
		type MaxBgsPerPpa: Get<u32>;
		/// Longest validity of an LC or BG from the day it is opened or renewed, days.
		#[pallet::constant]
		type MaxValidityDays: Get<u32>;
		/// Longest restoration period an LC may allow after a drawal, days.
		#[pallet::constant]
		type MaxRestoreWithinDays: Get<u16>;
		/// The weight `on_initialize` may take applying deadlines; the rest waits
		/// (`Pallet::hook_weight_for` gives a budget with room for so many).
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
		/// Sets up registry state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: ppa_primitives::PpaBenchmarkHelper<Self::AccountId>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next letter of credit gets.
	#[pallet::storage]
	pub type NextLcId<T> = StorageValue<_, LcId, ValueQuery>;

	/// Open letters of credit.
	#[pallet::storage]
	pub type LettersOfCredit<T: Config> =
		StorageMap<_, Twox64Concat, LcId, LetterOfCredit<T::AccountId>>;

	/// The open letters of credit of each PPA.
	#[pallet::storage]
	pub type LcsOfPpa<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, BoundedVec<LcId, T::MaxLcsPerPpa>, ValueQuery>;

	/// Letters of credit a PPA's buyer has asked of a bank, not yet opened: the bank and the
	/// terms it is to open on.
	#[pallet::storage]
	pub type LcRequests<T: Config> = StorageMap<
		_,
		Twox64Concat,
		PpaId,
		BoundedVec<(T::AccountId, LcTerms), T::MaxLcsPerPpa>,
		ValueQuery,
	>;

	/// The bank guarantees the obligors of each PPA asked for and the banks have not yet
	/// issued: the bank asked and the terms (one request per bank and kind).
	#[pallet::storage]
	pub type BgRequests<T: Config> = StorageMap<
		_,
		Twox64Concat,
		PpaId,
		BoundedVec<(T::AccountId, BgTerms), T::MaxBgsPerPpa>,
		ValueQuery,
	>;

	/// The id the next bank guarantee gets.
	#[pallet::storage]
	pub type NextBgId<T> = StorageValue<_, BgId, ValueQuery>;

	/// Bank guarantees in force.
	#[pallet::storage]
	pub type BankGuarantees<T: Config> =
		StorageMap<_, Twox64Concat, BgId, BankGuarantee<T::AccountId>>;

	/// The bank guarantees in force of each PPA.
	#[pallet::storage]
	pub type BgsOfPpa<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, BoundedVec<BgId, T::MaxBgsPerPpa>, ValueQuery>;

	/// Advance payment held against each PPA.
	#[pallet::storage]
	pub type Advances<T: Config> = StorageMap<_, Twox64Concat, PpaId, AdvancePayment<T::AccountId>>;

	/// Advance of a PPA committed to its schedule of a grid day and not yet released, INR
	/// units: PPA, day. The one record of each day's commitment (scheduling commits and
	/// releases it through `SecurityPayments`); [`AdvancePayment::committed`] is its sum over
	/// the PPA's days. An entry exists only while it is above zero: from a day's finalization
	/// until its energy is metered, its schedule is cancelled, or (never metered) scheduling's
	/// retention period passes; so at most one per PPA and day of that period.
	#[pallet::storage]
	pub type AdvanceCommitments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, GridDay, Balance, ValueQuery>;

	/// What an obligor (a buyer for LC drawals and payment BGs, a seller for performance BGs)
	/// owes the bank that paid for it, INR units: bank, obligor.
	#[pallet::storage]
	pub type ReimbursementsOwed<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		Balance,
		ValueQuery,
	>;

	#[pallet::type_value]
	pub fn DefaultLoadFactor() -> Permill {
		Permill::from_percent(80)
	}

	/// The normative load factor of the LC size estimate before a PPA has 12 bills (rules.md
	/// rule 15; 80 % by default).
	#[pallet::storage]
	pub type NormativeLoadFactor<T> = StorageValue<_, Permill, ValueQuery, DefaultLoadFactor>;

	/// Deadlines that take effect on a grid day, one entry each (queueing one costs one write
	/// however many share the day). Entries are checked against the instrument when applied,
	/// so a renewed or restored one is skipped. A day's deadlines are applied in key order:
	/// LC expiries, then missed restorations, then BG expiries; an LC whose restoration
	/// deadline passes on the day it expires therefore goes as expired (`LcExpired`).
	#[pallet::storage]
	pub type Deadlines<T: Config> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Identity, Deadline, (), OptionQuery>;

	/// The first grid day whose deadlines have not all been applied.
	#[pallet::storage]
	pub type DeadlineCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A bank opened a letter of credit for the buyer in favour of the seller.
		LcOpened {
			lc: LcId,
			ppa: PpaId,
			bank: T::AccountId,
			buyer: T::AccountId,
			seller: T::AccountId,
			terms: LcTerms,
		},
		/// The bank increased an LC by `by`; it now stands at `amount` (INR units).
		LcIncreased { lc: LcId, ppa: PpaId, by: Balance, amount: Balance },
		/// The bank extended an LC's validity to `expiry_day`.
		LcRenewed { lc: LcId, ppa: PpaId, expiry_day: GridDay },
		/// An LC was drawn: `amount` went from the bank's hold to the seller; the buyer owes the
		/// bank `owed` in all; `held` remains; a revolving LC must be restored by `restore_by`.
		LcDrawn {
			lc: LcId,
			ppa: PpaId,
			bank: T::AccountId,
			seller: T::AccountId,
			buyer: T::AccountId,
			amount: Balance,
			held: Balance,
			owed: Balance,
			restore_by: Option<GridDay>,
		},
		/// The bank restored a revolving LC to its amount, holding `restored` more.
		LcRestored { lc: LcId, ppa: PpaId, bank: T::AccountId, restored: Balance },
		/// A revolving LC was not restored by its deadline: it no longer counts as cover.
		LcRestorationMissed {
			lc: LcId,
			ppa: PpaId,
			bank: T::AccountId,
			buyer: T::AccountId,
			shortfall: Balance,
		},
		/// An LC expired; `released` went back to the bank.
		LcExpired { lc: LcId, ppa: PpaId, bank: T::AccountId, released: Balance },
		/// The bank closed an LC; `released` went back to it.
		LcClosed { lc: LcId, ppa: PpaId, bank: T::AccountId, released: Balance },
		/// The buyer asked `bank` to open a letter of credit for the PPA on `terms`.
		LcRequested { ppa: PpaId, buyer: T::AccountId, bank: T::AccountId, terms: LcTerms },
		/// The buyer withdrew its request to `bank`.
		LcRequestWithdrawn { ppa: PpaId, buyer: T::AccountId, bank: T::AccountId },
		/// The regulator closed an LC by the order whose hash is given; `released` went back
		/// to the bank.
		LcForceClosed {
			lc: LcId,
			ppa: PpaId,
			bank: T::AccountId,
			released: Balance,
			order: DocumentHash,
		},
		/// The obligor of `terms.kind` asked `bank` to issue a bank guarantee for the PPA.
		BgRequested { ppa: PpaId, obligor: T::AccountId, bank: T::AccountId, terms: BgTerms },
		/// The obligor withdrew its request to `bank` for a guarantee of `kind`.
		BgRequestWithdrawn {
			ppa: PpaId,
			obligor: T::AccountId,
			bank: T::AccountId,
			kind: BankGuaranteeKind,
		},
		/// An obligor repaid its bank; `owed` remains.
		BankReimbursed { bank: T::AccountId, obligor: T::AccountId, amount: Balance, owed: Balance },
		/// A bank issued a guarantee of `obligor`'s obligation in favour of `beneficiary`.
		BgIssued {
			bg: BgId,
			ppa: PpaId,
			kind: BankGuaranteeKind,
			bank: T::AccountId,
			obligor: T::AccountId,
			beneficiary: T::AccountId,
			amount: Balance,
			expiry_day: GridDay,
		},
		/// A guarantee was encashed: `amount` went to the beneficiary; `remaining` is held.
		BgEncashed {
			bg: BgId,
			ppa: PpaId,
			kind: BankGuaranteeKind,
			bank: T::AccountId,
			beneficiary: T::AccountId,
			amount: Balance,
			remaining: Balance,
		},
		/// A guarantee ended; `released` went back to the bank.
		BgReleased { bg: BgId, ppa: PpaId, bank: T::AccountId, released: Balance, why: BgRelease },
		/// The buyer deposited advance against the PPA; `held` in all.
		AdvanceDeposited { ppa: PpaId, buyer: T::AccountId, amount: Balance, held: Balance },
		/// The buyer withdrew uncommitted advance; `held` remains.
		AdvanceWithdrawn { ppa: PpaId, buyer: T::AccountId, amount: Balance, held: Balance },
		/// Advance was committed to the schedule of `day`; `committed` in all for the PPA.
		AdvanceCommitted { ppa: PpaId, day: GridDay, amount: Balance, committed: Balance },
		/// Advance committed to `day` was released; `committed` remains for the PPA.
		AdvanceReleased { ppa: PpaId, day: GridDay, amount: Balance, committed: Balance },
		/// A bill was paid from advance: `amount` went from the buyer's hold to the seller.
		AdvancePaid {
			ppa: PpaId,
			buyer: T::AccountId,
			seller: T::AccountId,
			amount: Balance,
			held: Balance,
		},
		/// The PPA's cover fell below what it requires after an LC expired or lapsed (a PSM
		/// failure, rule 15). INR units.
		PsmFailed {
			ppa: PpaId,
			failure: ppa_primitives::PsmFailure,
			available: Balance,
			required: Balance,
		},
		/// The normative load factor of the LC estimate changed.
		NormativeLoadFactorSet { load_factor: Permill },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not an active bank.
		NotABank,
		/// The caller is not the bank that issued the instrument.
		NotTheIssuer,
		/// The caller is not the PPA's buyer.
		NotTheBuyer,
		/// No PPA has this id.
		UnknownPpa,
		/// The PPA is not signed, or has ended.
		PpaNotBinding,
		/// An amount of zero.
		ZeroAmount,
		/// The expiry day is before today.
		ExpiryInPast,
		/// The validity is longer than the chain allows.
		ValidityTooLong,
		/// An LC must allow at least one drawal a month.
		NoDrawalsAllowed,
		/// The restoration period is zero or longer than the chain allows.
		RestorationPeriodOutOfRange,
		/// The PPA has the most letters of credit allowed.
		TooManyLettersOfCredit,
		/// The PPA has the most bank guarantees allowed.
		TooManyBankGuarantees,
		/// No letter of credit has this id.
		UnknownLetterOfCredit,
		/// No bank guarantee has this id.
		UnknownBankGuarantee,
		/// The letter of credit has expired.
		LcExpired,
		/// The letter of credit lapsed: it was not restored in time after a drawal.
		LcLapsed,
		/// A renewal must move the expiry day later.
		RenewalNotLater,
		/// The letter of credit holds its full amount: nothing to restore.
		NothingToRestore,
		/// The restoration deadline has passed; the LC lapsed.
		RestorationDeadlinePassed,
		/// The LC is valid and the PPA binds: it can be closed only once expired or lapsed.
		LcStillValid,
		/// The LC's drawals for this calendar month are used up.
		DrawalLimitReached,
		/// The instrument holds nothing.
		NothingHeld,
		/// The PPA has no letter of credit.
		NoLetterOfCredit,
		/// The PPA has no bank guarantee of that kind in force.
		NoBankGuarantee,
		/// The PPA has no advance payment.
		NoAdvance,
		/// More than the uncommitted advance.
		AmountOverUncommitted,
		/// The advance left would not cover what is committed to schedules plus the PPA's
		/// unpaid, unbilled and disputed dues.
		AdvanceSecuresDues,
		/// The PPA's unpaid, unbilled or disputed dues are not settled: its security stays.
		DuesUnsettled,
		/// The buyer has not asked this bank for a letter of credit for the PPA.
		NoLcRequest,
		/// The terms differ from those the buyer asked for.
		LcTermsDiffer,
		/// The buyer has already asked this bank for a letter of credit for the PPA.
		LcRequestPending,
		/// The LC is smaller than its share of the PPA's required cover (the cover divided
		/// among the most LCs a PPA may have): small LCs must not fill a PPA's places.
		LcBelowCoverShare,
		/// The caller is not an active buyer (a suspended one can only pay and release).
		BuyerNotActive,
		/// Only the party whose obligation a guarantee secures asks for it: the buyer for a
		/// payment BG, the seller for a performance BG.
		NotTheObligor,
		/// The obligor is not active in its role (a suspended one can only pay and release).
		ObligorNotActive,
		/// The obligor has not asked this bank for a guarantee of this kind for the PPA.
		NoBgRequest,
		/// The guarantee's amount or expiry differs from what the obligor asked for.
		BgTermsDiffer,
		/// The obligor has already asked this bank for a guarantee of this kind for the PPA.
		BgRequestPending,
		/// The obligor owes this bank nothing.
		NothingOwed,
		/// More than the obligor owes the bank.
		ReimbursementOverOwed,
		/// The deadline has not come, or was already applied.
		NothingDue,
		/// Every letter of credit id has been used.
		NoLcIdLeft,
		/// Every bank guarantee id has been used.
		NoBgIdLeft,
	}

	/// Payment security at genesis (the `demo` grid), opened through the same checks as the
	/// calls: funds held from the banks and buyers endowed at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Letters of credit: the issuing bank, the PPA, the terms.
		pub letters_of_credit: Vec<(T::AccountId, PpaId, LcTerms)>,
		/// Advance payments held from each PPA's buyer: the PPA, INR units.
		pub advances: Vec<(PpaId, Balance)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (bank, ppa, terms) in &self.letters_of_credit {
				let buyer = Pallet::<T>::binding_parties(*ppa)
					.expect("a genesis letter of credit is for a binding PPA")
					.buyer;
				Pallet::<T>::request_letter_of_credit(
					frame_system::RawOrigin::Signed(buyer).into(),
					*ppa,
					bank.clone(),
					*terms,
				)
				.expect("a genesis letter of credit is requested");
				Pallet::<T>::open_letter_of_credit(
					frame_system::RawOrigin::Signed(bank.clone()).into(),
					*ppa,
					*terms,
				)
				.expect("a genesis letter of credit opens");
			}
			for (ppa, amount) in &self.advances {
				let buyer = Pallet::<T>::binding_parties(*ppa)
					.expect("a genesis advance is for a binding PPA")
					.buyer;
				Pallet::<T>::deposit_advance(
					frame_system::RawOrigin::Signed(buyer).into(),
					*ppa,
					*amount,
				)
				.expect("a genesis advance is deposited");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			Self::process_deadlines(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(
				Self::hook_weight_for(1).all_lte(T::MaxHookWeight::get()),
				"deadlines must make progress"
			);
			assert!(T::MaxLcsPerPpa::get() > 0 && T::MaxBgsPerPpa::get() > 0);
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				Self::hook_weight_bound().all_lt(max / 10),
				"deadlines may use a tenth of a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Opens the letter of credit that `ppa`'s buyer asked the calling bank for, on exactly
		/// the terms asked, for the buyer in favour of the seller, holding `terms.amount` from
		/// the bank until it expires or is closed.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_letter_of_credit())]
		pub fn open_letter_of_credit(
			origin: OriginFor<T>,
			ppa: PpaId,
			terms: LcTerms,
		) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			let parties = Self::binding_parties(ppa)?;
			// A request made before the buyer's suspension is not acted on during it.
			ensure!(
				T::Roles::has_active_role(&parties.buyer, Role::Buyer),
				Error::<T>::BuyerNotActive
			);
			let today = T::GridTime::today();
			Self::ensure_lc_terms(today, &terms)?;
			let mut requests = LcRequests::<T>::get(ppa);
			let asked =
				requests.iter().position(|(b, _)| *b == bank).ok_or(Error::<T>::NoLcRequest)?;
			ensure!(
				requests.get(asked).is_some_and(|(_, t)| *t == terms),
				Error::<T>::LcTermsDiffer
			);
			requests.remove(asked);
			Self::store_requests(ppa, requests);
			let lc = NextLcId::<T>::get();
			let next_lc = lc.checked_add(1).ok_or(Error::<T>::NoLcIdLeft)?;
			LcsOfPpa::<T>::try_mutate(ppa, |lcs| lcs.try_push(lc))
				.map_err(|_| Error::<T>::TooManyLettersOfCredit)?;
			Self::queue(terms.expiry_day.saturating_add(1), Deadline::LcExpiry(lc));
			T::Currency::hold(&HoldReason::LetterOfCredit.into(), &bank, terms.amount)?;
			NextLcId::<T>::put(next_lc);
			LettersOfCredit::<T>::insert(
				lc,
				LetterOfCredit {
					ppa,
					bank: bank.clone(),
					buyer: parties.buyer.clone(),
					seller: parties.seller.clone(),
					terms,
					held: terms.amount,
					drawal_month: 0,
					drawals_in_month: 0,
					restore_by: None,
					lapsed: false,
				},
			);
			Self::deposit_event(Event::LcOpened {
				lc,
				ppa,
				bank,
				buyer: parties.buyer,
				seller: parties.seller,
				terms,
			});
			Ok(())
		}

		/// Increases a valid letter of credit by `by`, held from the issuing bank.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::increase_letter_of_credit())]
		pub fn increase_letter_of_credit(
			origin: OriginFor<T>,
			lc: LcId,
			by: Balance,
		) -> DispatchResult {
			let mut record = Self::issued_lc(origin, lc)?;
			ensure!(T::Roles::has_active_role(&record.bank, Role::Bank), Error::<T>::NotABank);
			let today = T::GridTime::today();
			ensure!(by > 0, Error::<T>::ZeroAmount);
			ensure!(!record.expired_on(today), Error::<T>::LcExpired);
			ensure!(!record.unrestored_on(today), Error::<T>::LcLapsed);
			T::Currency::hold(&HoldReason::LetterOfCredit.into(), &record.bank, by)?;
			record.terms.amount.saturating_accrue(by);
			record.held.saturating_accrue(by);
			let (ppa, amount) = (record.ppa, record.terms.amount);
			LettersOfCredit::<T>::insert(lc, record);
			Self::deposit_event(Event::LcIncreased { lc, ppa, by, amount });
			Ok(())
		}

		/// Extends a letter of credit's validity to `expiry_day`, before it expires (rules.md
		/// rule 15: an LC must be renewed before its expiry).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::renew_letter_of_credit())]
		pub fn renew_letter_of_credit(
			origin: OriginFor<T>,
			lc: LcId,
			expiry_day: GridDay,
		) -> DispatchResult {
			let mut record = Self::issued_lc(origin, lc)?;
			ensure!(T::Roles::has_active_role(&record.bank, Role::Bank), Error::<T>::NotABank);
			let today = T::GridTime::today();
			ensure!(!record.expired_on(today), Error::<T>::LcExpired);
			ensure!(expiry_day > record.terms.expiry_day, Error::<T>::RenewalNotLater);
			Self::ensure_validity(today, expiry_day)?;
			Self::queue(expiry_day.saturating_add(1), Deadline::LcExpiry(lc));
			record.terms.expiry_day = expiry_day;
			let ppa = record.ppa;
			LettersOfCredit::<T>::insert(lc, record);
			Self::deposit_event(Event::LcRenewed { lc, ppa, expiry_day });
			Ok(())
		}

		/// Restores a revolving letter of credit to its amount after a drawal, holding the
		/// shortfall from the bank; allowed until the restoration deadline (rule 15).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::restore_letter_of_credit())]
		pub fn restore_letter_of_credit(origin: OriginFor<T>, lc: LcId) -> DispatchResult {
			let mut record = Self::issued_lc(origin, lc)?;
			ensure!(T::Roles::has_active_role(&record.bank, Role::Bank), Error::<T>::NotABank);
			let today = T::GridTime::today();
			ensure!(!record.expired_on(today), Error::<T>::LcExpired);
			let shortfall = record.shortfall();
			ensure!(record.restore_by.is_some() && shortfall > 0, Error::<T>::NothingToRestore);
			ensure!(!record.unrestored_on(today), Error::<T>::RestorationDeadlinePassed);
			T::Currency::hold(&HoldReason::LetterOfCredit.into(), &record.bank, shortfall)?;
			record.held = record.terms.amount;
			record.restore_by = None;
			let (ppa, bank) = (record.ppa, record.bank.clone());
			LettersOfCredit::<T>::insert(lc, record);
			Self::deposit_event(Event::LcRestored { lc, ppa, bank, restored: shortfall });
			Ok(())
		}

		/// Closes a letter of credit and releases its funds to the bank: once it has expired or
		/// lapsed, once a non-revolving LC is drawn out, or once the PPA no longer binds and its
		/// unpaid, unbilled and disputed dues are settled. Closing a drawn revolving LC inside
		/// its restoration window is a missed restoration: a PSM failure if the cover left is
		/// inadequate (rule 15). A suspended bank may close.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close_letter_of_credit()
			.saturating_add(T::OnPsmFailure::weight()))]
		pub fn close_letter_of_credit(origin: OriginFor<T>, lc: LcId) -> DispatchResult {
			let record = Self::issued_lc(origin, lc)?;
			let today = T::GridTime::today();
			let binding = T::Ppas::status(record.ppa).is_some_and(|s| s.is_binding());
			let ended = !binding;
			ensure!(
				record.expired_on(today)
					|| record.unrestored_on(today)
					|| ended || record.held == 0,
				Error::<T>::LcStillValid
			);
			if ended && !record.expired_on(today) {
				ensure!(T::Dues::dues_secured(record.ppa) == 0, Error::<T>::DuesUnsettled);
			}
			let hides_a_missed_restoration = binding
				&& record.terms.revolving
				&& record.restore_by.is_some()
				&& !record.lapsed
				&& !record.expired_on(today);
			// Closed after its expiry but before the deadline hook got to it: the expiry is
			// judged here, or it would never be.
			let expires_here = binding && record.expired_on(today);
			let released = Self::remove_lc(lc, &record)?;
			Self::deposit_event(Event::LcClosed {
				lc,
				ppa: record.ppa,
				bank: record.bank,
				released,
			});
			if hides_a_missed_restoration {
				Self::check_cover(record.ppa, today, ppa_primitives::PsmFailure::LcNotRestored);
			} else if expires_here {
				Self::check_cover(record.ppa, today, ppa_primitives::PsmFailure::LcExpired);
			}
			Ok(())
		}

		/// Repays `bank` `amount` of what the caller owes it for drawals and encashments.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reimburse_bank())]
		pub fn reimburse_bank(
			origin: OriginFor<T>,
			bank: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let obligor = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let owed = ReimbursementsOwed::<T>::get(&bank, &obligor);
			ensure!(owed > 0, Error::<T>::NothingOwed);
			ensure!(amount <= owed, Error::<T>::ReimbursementOverOwed);
			T::Currency::transfer(&obligor, &bank, amount, Preservation::Preserve)?;
			let owed = owed.saturating_sub(amount);
			if owed == 0 {
				ReimbursementsOwed::<T>::remove(&bank, &obligor);
			} else {
				ReimbursementsOwed::<T>::insert(&bank, &obligor, owed);
			}
			Self::deposit_event(Event::BankReimbursed { bank, obligor, amount, owed });
			Ok(())
		}

		/// Issues a bank guarantee for `ppa`, holding `amount` from the calling bank until
		/// `expiry_day`: a payment BG secures the buyer's bills for the seller, a performance
		/// BG the seller's obligations for the buyer (rule 17). Only on its obligor's
		/// request to this bank, on exactly the terms asked.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::issue_bank_guarantee())]
		pub fn issue_bank_guarantee(
			origin: OriginFor<T>,
			ppa: PpaId,
			kind: BankGuaranteeKind,
			amount: Balance,
			expiry_day: GridDay,
		) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			let parties = Self::binding_parties(ppa)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			Self::ensure_validity(T::GridTime::today(), expiry_day)?;
			let (obligor, role) = Self::obligor_of(&parties, kind);
			// A request made before the obligor's suspension is not acted on during it.
			ensure!(T::Roles::has_active_role(&obligor, role), Error::<T>::ObligorNotActive);
			let mut requests = BgRequests::<T>::get(ppa);
			let asked = requests
				.iter()
				.position(|(b, t)| *b == bank && t.kind == kind)
				.ok_or(Error::<T>::NoBgRequest)?;
			ensure!(
				requests
					.get(asked)
					.is_some_and(|(_, t)| *t == BgTerms { kind, amount, expiry_day }),
				Error::<T>::BgTermsDiffer
			);
			requests.remove(asked);
			Self::store_bg_requests(ppa, requests);
			let bg = NextBgId::<T>::get();
			let next_bg = bg.checked_add(1).ok_or(Error::<T>::NoBgIdLeft)?;
			BgsOfPpa::<T>::try_mutate(ppa, |bgs| bgs.try_push(bg))
				.map_err(|_| Error::<T>::TooManyBankGuarantees)?;
			Self::queue(expiry_day.saturating_add(1), Deadline::BgExpiry(bg));
			T::Currency::hold(&HoldReason::BankGuarantee.into(), &bank, amount)?;
			NextBgId::<T>::put(next_bg);
			// The obligor's counterparty is paid on encashment.
			let beneficiary = match kind {
				BankGuaranteeKind::Payment => parties.seller,
				BankGuaranteeKind::Performance => parties.buyer,
			};
			BankGuarantees::<T>::insert(
				bg,
				BankGuarantee {
					ppa,
					kind,
					bank: bank.clone(),
					obligor: obligor.clone(),
					beneficiary: beneficiary.clone(),
					amount,
					expiry_day,
				},
			);
			Self::deposit_event(Event::BgIssued {
				bg,
				ppa,
				kind,
				bank,
				obligor,
				beneficiary,
				amount,
				expiry_day,
			});
			Ok(())
		}

		/// The obligor of a guarantee of `terms.kind` for `ppa` (its buyer for a payment BG, its
		/// seller for a performance BG) asks `bank` to issue it; only then may that bank issue
		/// it, on exactly these terms.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::request_bank_guarantee())]
		pub fn request_bank_guarantee(
			origin: OriginFor<T>,
			ppa: PpaId,
			bank: T::AccountId,
			terms: BgTerms,
		) -> DispatchResult {
			let obligor = ensure_signed(origin)?;
			let parties = Self::binding_parties(ppa)?;
			let (expected, role) = Self::obligor_of(&parties, terms.kind);
			ensure!(expected == obligor, Error::<T>::NotTheObligor);
			ensure!(T::Roles::has_active_role(&obligor, role), Error::<T>::ObligorNotActive);
			ensure!(T::Roles::has_active_role(&bank, Role::Bank), Error::<T>::NotABank);
			ensure!(terms.amount > 0, Error::<T>::ZeroAmount);
			Self::ensure_validity(T::GridTime::today(), terms.expiry_day)?;
			let today = T::GridTime::today();
			let issued = BgsOfPpa::<T>::get(ppa)
				.into_iter()
				.filter_map(BankGuarantees::<T>::get)
				.filter(|bg| bg.kind == terms.kind)
				.count();
			BgRequests::<T>::try_mutate(ppa, |requests| {
				// A request that expired before its bank acted is dropped: it holds no place.
				requests.retain(|(_, t)| t.expiry_day >= today);
				ensure!(
					requests.iter().all(|(b, t)| *b != bank || t.kind != terms.kind),
					Error::<T>::BgRequestPending
				);
				// Guarantees of this kind in force and requests for it stay within half the
				// PPA's places: neither party can fill the other's.
				let of_kind = requests.iter().filter(|(_, t)| t.kind == terms.kind).count();
				ensure!(
					issued.saturating_add(of_kind) < Self::bg_places_per_kind(),
					Error::<T>::TooManyBankGuarantees
				);
				requests
					.try_push((bank.clone(), terms))
					.map_err(|_| Error::<T>::TooManyBankGuarantees)
			})?;
			Self::deposit_event(Event::BgRequested { ppa, obligor, bank, terms });
			Ok(())
		}

		/// The obligor withdraws its request to `bank` for a guarantee of `kind` for `ppa`,
		/// before the bank issues it.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::withdraw_bg_request())]
		pub fn withdraw_bg_request(
			origin: OriginFor<T>,
			ppa: PpaId,
			bank: T::AccountId,
			kind: BankGuaranteeKind,
		) -> DispatchResult {
			let obligor = ensure_signed(origin)?;
			let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(Self::obligor_of(&parties, kind).0 == obligor, Error::<T>::NotTheObligor);
			let mut requests = BgRequests::<T>::get(ppa);
			let asked = requests
				.iter()
				.position(|(b, t)| *b == bank && t.kind == kind)
				.ok_or(Error::<T>::NoBgRequest)?;
			requests.remove(asked);
			Self::store_bg_requests(ppa, requests);
			Self::deposit_event(Event::BgRequestWithdrawn { ppa, obligor, bank, kind });
			Ok(())
		}

		/// The buyer of `ppa` asks `bank` to open a letter of credit on `terms` for it in favour
		/// of the seller; only then may that bank open it, on exactly these terms. The amount is
		/// at least the LC's share of the required cover ([`Pallet::lc_cover_share`]).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::request_letter_of_credit())]
		pub fn request_letter_of_credit(
			origin: OriginFor<T>,
			ppa: PpaId,
			bank: T::AccountId,
			terms: LcTerms,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			let parties = Self::binding_parties(ppa)?;
			ensure!(parties.buyer == buyer, Error::<T>::NotTheBuyer);
			ensure!(T::Roles::has_active_role(&buyer, Role::Buyer), Error::<T>::BuyerNotActive);
			ensure!(T::Roles::has_active_role(&bank, Role::Bank), Error::<T>::NotABank);
			let today = T::GridTime::today();
			Self::ensure_lc_terms(today, &terms)?;
			ensure!(
				terms.amount >= Self::lc_cover_share(ppa, today),
				Error::<T>::LcBelowCoverShare
			);
			let open = LcsOfPpa::<T>::decode_len(ppa).unwrap_or(0);
			LcRequests::<T>::try_mutate(ppa, |requests| {
				// A request that expired before its bank acted is dropped: it holds no place.
				requests.retain(|(_, t)| t.expiry_day >= today);
				ensure!(requests.iter().all(|(b, _)| *b != bank), Error::<T>::LcRequestPending);
				// Open LCs and requests together stay within the PPA's bound.
				ensure!(
					open.saturating_add(requests.len()) < T::MaxLcsPerPpa::get() as usize,
					Error::<T>::TooManyLettersOfCredit
				);
				requests
					.try_push((bank.clone(), terms))
					.map_err(|_| Error::<T>::TooManyLettersOfCredit)
			})?;
			Self::deposit_event(Event::LcRequested { ppa, buyer, bank, terms });
			Ok(())
		}

		/// The buyer of `ppa` withdraws its request to `bank`, before the bank opens the LC.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::withdraw_lc_request())]
		pub fn withdraw_lc_request(
			origin: OriginFor<T>,
			ppa: PpaId,
			bank: T::AccountId,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(parties.buyer == buyer, Error::<T>::NotTheBuyer);
			let mut requests = LcRequests::<T>::get(ppa);
			let asked =
				requests.iter().position(|(b, _)| *b == bank).ok_or(Error::<T>::NoLcRequest)?;
			requests.remove(asked);
			Self::store_requests(ppa, requests);
			Self::deposit_event(Event::LcRequestWithdrawn { ppa, buyer, bank });
			Ok(())
		}

		/// The regulator closes a letter of credit by its order, citing the order's document
		/// hash: the funds go back to the bank at once.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::force_close_letter_of_credit())]
		pub fn force_close_letter_of_credit(
			origin: OriginFor<T>,
			lc: LcId,
			order: DocumentHash,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			let record = LettersOfCredit::<T>::get(lc).ok_or(Error::<T>::UnknownLetterOfCredit)?;
			let released = Self::remove_lc(lc, &record)?;
			Self::deposit_event(Event::LcForceClosed {
				lc,
				ppa: record.ppa,
				bank: record.bank,
				released,
				order,
			});
			Ok(())
		}

		/// Releases a bank guarantee to its bank on the regulator's order (e.g. a performance
		/// BG after commercial operation), citing the order's document hash.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::release_bank_guarantee())]
		pub fn release_bank_guarantee(
			origin: OriginFor<T>,
			bg: BgId,
			order: DocumentHash,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			let record = BankGuarantees::<T>::get(bg).ok_or(Error::<T>::UnknownBankGuarantee)?;
			Self::remove_bg(bg, &record, BgRelease::ByRegulator(order))
		}

		/// Holds `amount` of the caller's funds as advance payment against `ppa`, of which the
		/// caller is the buyer.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::deposit_advance())]
		pub fn deposit_advance(
			origin: OriginFor<T>,
			ppa: PpaId,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let parties = Self::binding_parties(ppa)?;
			ensure!(parties.buyer == who, Error::<T>::NotTheBuyer);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			T::Currency::hold(&HoldReason::AdvancePayment.into(), &who, amount)?;
			let held = Advances::<T>::mutate(ppa, |advance| {
				let advance = advance.get_or_insert_with(|| AdvancePayment {
					buyer: parties.buyer,
					seller: parties.seller,
					held: 0,
					committed: 0,
				});
				advance.held.saturating_accrue(amount);
				advance.held
			});
			Self::deposit_event(Event::AdvanceDeposited { ppa, buyer: who, amount, held });
			Ok(())
		}

		/// Releases `amount` of the caller's advance against `ppa` back to it; only what is
		/// neither committed to a schedule nor securing the PPA's unpaid, unbilled and disputed
		/// dues (the energy delivered stays paid for, whether or not the PPA still binds).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::withdraw_advance())]
		pub fn withdraw_advance(
			origin: OriginFor<T>,
			ppa: PpaId,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut advance = Advances::<T>::get(ppa).ok_or(Error::<T>::NoAdvance)?;
			ensure!(advance.buyer == who, Error::<T>::NotTheBuyer);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(amount <= advance.uncommitted(), Error::<T>::AmountOverUncommitted);
			let free = advance.uncommitted().saturating_sub(T::Dues::dues_secured(ppa));
			ensure!(amount <= free, Error::<T>::AdvanceSecuresDues);
			T::Currency::release(
				&HoldReason::AdvancePayment.into(),
				&who,
				amount,
				Precision::Exact,
			)?;
			advance.held.saturating_reduce(amount);
			let held = advance.held;
			Self::store_advance(ppa, advance);
			Self::deposit_event(Event::AdvanceWithdrawn { ppa, buyer: who, amount, held });
			Ok(())
		}

		/// Sets the normative load factor of the LC size estimate (rule 15).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_normative_load_factor())]
		pub fn set_normative_load_factor(
			origin: OriginFor<T>,
			load_factor: Permill,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			NormativeLoadFactor::<T>::put(load_factor);
			Self::deposit_event(Event::NormativeLoadFactorSet { load_factor });
			Ok(())
		}

		/// Applies a deadline that has come (an LC's expiry or missed restoration, a BG's
		/// expiry) now, without waiting for the hook. Anyone may call it.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::apply_deadline().saturating_add(T::OnPsmFailure::weight()))]
		pub fn apply_deadline(origin: OriginFor<T>, deadline: Deadline) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(
				Self::apply_due_deadline(deadline, T::GridTime::today()),
				Error::<T>::NothingDue
			);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The caller, if it is an active bank.
		fn ensure_bank(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_active_role(&who, Role::Bank), Error::<T>::NotABank);
			Ok(who)
		}

		/// The parties of `ppa`, if it binds.
		pub(crate) fn binding_parties(
			ppa: PpaId,
		) -> Result<PpaParties<T::AccountId>, DispatchError> {
			let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(
				T::Ppas::status(ppa).is_some_and(|s| s.is_binding()),
				Error::<T>::PpaNotBinding
			);
			Ok(parties)
		}

		/// The letter of credit `lc`, if the caller issued it.
		fn issued_lc(
			origin: OriginFor<T>,
			lc: LcId,
		) -> Result<LetterOfCredit<T::AccountId>, DispatchError> {
			let who = ensure_signed(origin)?;
			let record = LettersOfCredit::<T>::get(lc).ok_or(Error::<T>::UnknownLetterOfCredit)?;
			ensure!(record.bank == who, Error::<T>::NotTheIssuer);
			Ok(record)
		}

		/// Terms an LC may be requested and opened on: an amount, a validity within the chain's
		/// limits, at least one drawal a month, a restoration period within limits.
		fn ensure_lc_terms(today: GridDay, terms: &LcTerms) -> DispatchResult {
			ensure!(terms.amount > 0, Error::<T>::ZeroAmount);
			Self::ensure_validity(today, terms.expiry_day)?;
			ensure!(terms.drawals_per_month > 0, Error::<T>::NoDrawalsAllowed);
			ensure!(
				(1..=T::MaxRestoreWithinDays::get()).contains(&terms.restore_within_days),
				Error::<T>::RestorationPeriodOutOfRange
			);
			Ok(())
		}

		/// The places a PPA has for guarantees of one kind: half of `MaxBgsPerPpa` (at least
		/// one), so that the buyer's payment BGs and the seller's performance BGs never crowd
		/// each other out.
		pub(crate) fn bg_places_per_kind() -> usize {
			(T::MaxBgsPerPpa::get() as usize / 2).max(1)
		}

		/// The party whose obligation a guarantee of `kind` secures, and the role it acts in.
		fn obligor_of(
			parties: &PpaParties<T::AccountId>,
			kind: BankGuaranteeKind,
		) -> (T::AccountId, Role) {
			match kind {
				BankGuaranteeKind::Payment => (parties.buyer.clone(), Role::Buyer),
				BankGuaranteeKind::Performance => (parties.seller.clone(), Role::Generator),
			}
		}

		/// Stores a PPA's BG requests, or forgets them once there are none.
		fn store_bg_requests(
			ppa: PpaId,
			requests: BoundedVec<(T::AccountId, BgTerms), T::MaxBgsPerPpa>,
		) {
			if requests.is_empty() {
				BgRequests::<T>::remove(ppa);
			} else {
				BgRequests::<T>::insert(ppa, requests);
			}
		}

		/// Stores a PPA's LC requests, or forgets them once there are none.
		fn store_requests(
			ppa: PpaId,
			requests: BoundedVec<(T::AccountId, LcTerms), T::MaxLcsPerPpa>,
		) {
			if requests.is_empty() {
				LcRequests::<T>::remove(ppa);
			} else {
				LcRequests::<T>::insert(ppa, requests);
			}
		}

		/// An expiry day from today on, within the chain's longest validity.
		fn ensure_validity(today: GridDay, expiry_day: GridDay) -> DispatchResult {
			ensure!(expiry_day >= today, Error::<T>::ExpiryInPast);
			ensure!(
				expiry_day.saturating_sub(today) <= T::MaxValidityDays::get(),
				Error::<T>::ValidityTooLong
			);
			Ok(())
		}

		/// Releases what `lc` holds to its bank and forgets it; returns what was released.
		pub(crate) fn remove_lc(
			lc: LcId,
			record: &LetterOfCredit<T::AccountId>,
		) -> Result<Balance, DispatchError> {
			let released = T::Currency::release(
				&HoldReason::LetterOfCredit.into(),
				&record.bank,
				record.held,
				Precision::Exact,
			)?;
			LettersOfCredit::<T>::remove(lc);
			LcsOfPpa::<T>::mutate(record.ppa, |lcs| lcs.retain(|id| *id != lc));
			Ok(released)
		}

		/// Releases what `bg` holds to its bank, forgets it, and says why.
		pub(crate) fn remove_bg(
			bg: BgId,
			record: &BankGuarantee<T::AccountId>,
			why: BgRelease,
		) -> DispatchResult {
			let released = T::Currency::release(
				&HoldReason::BankGuarantee.into(),
				&record.bank,
				record.amount,
				Precision::Exact,
			)?;
			BankGuarantees::<T>::remove(bg);
			BgsOfPpa::<T>::mutate(record.ppa, |bgs| bgs.retain(|id| *id != bg));
			Self::deposit_event(Event::BgReleased {
				bg,
				ppa: record.ppa,
				bank: record.bank.clone(),
				released,
				why,
			});
			Ok(())
		}

		/// Stores an advance, or forgets it once it holds nothing.
		pub(crate) fn store_advance(ppa: PpaId, advance: AdvancePayment<T::AccountId>) {
			if advance.held == 0 {
				Advances::<T>::remove(ppa);
			} else {
				Advances::<T>::insert(ppa, advance);
			}
		}
	}
}
