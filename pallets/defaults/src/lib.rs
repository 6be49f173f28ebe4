//! # Defaults pallet
//!
//! What happens, without anyone asking, when a buyer does not pay: the Late Payment Surcharge
//! Rules' default machinery (rules 16-22).
//!
//! - Due date D: settlement tells this pallet of every bill presented; on the bill's D, if
//!   undisputed principal is unpaid, the PPA's letters of credit are drawn for what has fallen
//!   due (within each LC's monthly drawal and what it holds), applied LPS first, oldest bill
//!   first. A bill still unpaid is watched from then on.
//! - Default trigger date (DTD = later of D + 1 month and P + 2.5 months): if undisputed dues
//!   of the bill remain, the buyer is in default from that day, and the PPA's payment bank
//!   guarantees are encashed for what remains.
//! - A failure of payment security (an LC expired or not restored, cover inadequate), told by
//!   escrow, is a reason of default of its own, until the PPA's cover is adequate again (the
//!   scheduling gate already limits the PPA's schedules to its cover, rule 14).
//! - Graded regulation: from P + 3.5 months of the bill that started the default, 10 % of the
//!   buyer's long-term schedules are withheld, 10 % more each further month, up to 100 %. This
//!   pallet tells scheduling each change ([`ppa_primitives::OnRegulation`]), which cuts the
//!   schedules it finalizes by it; resale reads the share ([`ppa_primitives::Regulation`]).
//!   The regulator may relax it for a time, with the hash of its order.
//! - Restoration: in the block in which the buyer's last overdue undisputed dues and LPS are
//!   paid (settlement tells this pallet of every payment), the default and the regulation end.
//!
//! All of it runs from a queue of duties keyed by grid day, applied by `on_initialize` within
//! `MaxHookWeight` with a cursor for leftovers; `push_bill` lets anyone apply a bill's duties
//! that have come without waiting.
//!
//! State: a duty leaves the queue when applied. The duties that queue their own next (a failed
//! security's daily review, a regulation's monthly step) keep one entry at a time and stop with
//! what they watch: the review when the cover is adequate or the PPA ends, the steps at 100 %
//! or at restoration. A watched bill leaves when it is paid. Standings stay: one per buyer.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod duties;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod regulation;
mod standing;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, weights::WeightMeter};
	use frame_system::pallet_prelude::*;
	use ppa_primitives::{
		Balance, DocumentHash, DuesCollection, DuesLedger, GridDay, GridTime, PaymentSecurity,
		PpaId, PpaRegistry, PsmFailure, SecurityInstrument,
	};
	use sp_runtime::{DispatchError, Percent};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// PPAs, their parties and terms (the registry).
		type Ppas: PpaRegistry<Self::AccountId>;
		/// The dues ledger and collections from payment security (settlement).
		type Dues: DuesLedger + DuesCollection;
		/// Cover of each PPA (escrow), for failed payment security.
		type Security: PaymentSecurity;
		/// Told when a buyer's graded regulation starts, is relaxed, or ends (scheduling, which
		/// cuts schedules by it).
		type OnRegulation: ppa_primitives::OnRegulation<Self::AccountId>;
		/// The chain's clock.
		type GridTime: GridTime;
		/// Relaxes a buyer's regulation (root on a dev chain).
		type RegulatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The weight `on_initialize` may take applying duties; the rest waits
		/// (`Pallet::hook_weight_for` gives a budget with room for so many).
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
		/// Most unpaid bills a PPA has (settlement's cap): bounds the bills watched per PPA and
		/// the work of one collection.
		#[pallet::constant]
		type MaxUnpaidBills: Get<u32>;
		/// Longest relaxation of regulation the regulator may grant at once, grid days.
		#[pallet::constant]
		type MaxRelaxationDays: Get<u32>;
		/// Sets up registry, escrow and settlement state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: ppa_primitives::PpaBenchmarkHelper<Self::AccountId>
			+ ppa_primitives::SecurityBenchmarkHelper<Self::AccountId>
			+ ppa_primitives::GuaranteeBenchmarkHelper
			+ ppa_primitives::DuesBenchmarkHelper<Self::AccountId>;
		/// Weights of the calls and duties, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Duties to apply on a grid day. One entry per duty, so that queueing costs one write.
	#[pallet::storage]
	pub type Duties<T: Config> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Blake2_128Concat, Duty<T::AccountId>, ()>;

	/// The first day whose duties are not all applied.
	#[pallet::storage]
	pub type DutyCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	/// Bills past their due date with something unpaid or disputed, per PPA.
	#[pallet::storage]
	pub type WatchedBills<T> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, BillId, WatchedBill>;

	/// The standing of buyers with watched bills, a default or a relaxation.
	#[pallet::storage]
	pub type Standings<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Standing>;

	/// PPAs whose payment security failed, per buyer.
	#[pallet::storage]
	pub type FailedSecurity<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, PpaId, FailedPsm>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A bill passed its due date with undisputed principal unpaid: watched until paid;
		/// the buyer defaults on `trigger_on` if it is still unpaid then.
		BillOverdue {
			ppa: PpaId,
			bill: BillId,
			buyer: T::AccountId,
			outstanding: Balance,
			trigger_on: GridDay,
		},
		/// Payment security was invoked for a bill's due date or trigger date: `amount` (INR
		/// units) collected and applied to what had fallen due.
		SecurityInvoked {
			ppa: PpaId,
			bill: BillId,
			instrument: SecurityInstrument,
			amount: Balance,
		},
		/// Payment security could not be invoked (none held, this month's drawal made, nothing
		/// left in it): why.
		SecurityNotInvoked {
			ppa: PpaId,
			bill: BillId,
			instrument: SecurityInstrument,
			error: DispatchError,
		},
		/// A bill passed its default trigger date with undisputed dues unpaid (rule 18).
		DefaultTriggered {
			ppa: PpaId,
			bill: BillId,
			buyer: T::AccountId,
			outstanding: Balance,
			lps: Balance,
			regulation_from: GridDay,
		},
		/// A PPA's payment security failed, leaving its cover inadequate: a reason of default.
		SecurityFailureRecorded { buyer: T::AccountId, ppa: PpaId, failure: PsmFailure },
		/// A PPA's cover is adequate again: that reason of default ended.
		SecurityFailureCleared { buyer: T::AccountId, ppa: PpaId },
		/// The PPA whose payment security had failed stopped binding on `day` (expired or
		/// terminated): no cover is required of it any more, so that reason of default ends.
		SecurityFailureEndedWithPpa { buyer: T::AccountId, ppa: PpaId, day: GridDay },
		/// The regulator cleared a recorded payment-security failure by the order whose hash is
		/// given.
		SecurityFailureClearedByOrder { buyer: T::AccountId, ppa: PpaId, order: DocumentHash },
		/// The buyer went into default: from now it may not bid in resale auctions and its
		/// sellers may resell its share (rule 19).
		BuyerDefaulted { buyer: T::AccountId, since: GridDay },
		/// A step of graded regulation began: `share` of the buyer's schedules is withheld
		/// from today; the next step, if any (rule 20).
		RegulationStepped {
			buyer: T::AccountId,
			share: Percent,
			next_step: Option<(GridDay, Percent)>,
		},
		/// All overdue undisputed dues and LPS of the buyer are paid: its default for unpaid
		/// dues and its regulation ended (rule 22).
		DuesDefaultCured { buyer: T::AccountId, since: GridDay },
		/// No reason of default stands any more: the buyer is restored from this block.
		BuyerRestored { buyer: T::AccountId, in_default_since: GridDay },
		/// The regulator relaxed the buyer's regulation through `until` (grid security).
		RegulationRelaxed { buyer: T::AccountId, until: GridDay, reason: DocumentHash },
		/// The regulator ended a relaxation before its time.
		RelaxationEnded { buyer: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such bill of the PPA.
		NoSuchBill,
		/// The bill's due date has not come.
		NotYetDue,
		/// None of the bill's duties is left to apply today.
		NothingToPush,
		/// The buyer is not in default for unpaid dues: there is no regulation to relax.
		NotRegulated,
		/// A relaxation must last through today at least.
		RelaxationInPast,
		/// A relaxation may last at most `MaxRelaxationDays`.
		RelaxationTooLong,
		/// The buyer's regulation is not relaxed.
		NotRelaxed,
		/// No payment-security failure is recorded for this buyer and PPA.
		NoSecurityFailure,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			Self::apply_duties(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(
				Self::hook_weight_for(1).all_lte(T::MaxHookWeight::get()),
				"duties must make progress"
			);
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				Self::hook_weight_bound().all_lt(max / 10),
				"the defaults hook may use a tenth of a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Applies the duties of a bill whose time has come (its due date, its default trigger
		/// date) now, without waiting for the hook. Anyone may push it.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::with_regulations(T::WeightInfo::push_bill(T::MaxUnpaidBills::get()), 3))]
		pub fn push_bill(
			origin: OriginFor<T>,
			ppa: PpaId,
			bill: BillId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let weight = Self::push(ppa, bill)?;
			Ok(Some(weight).into())
		}

		/// The regulator suspends the buyer's graded regulation through grid day `until` (at
		/// most `MaxRelaxationDays` ahead), citing its order's hash. The default stands.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::with_regulation(T::WeightInfo::relax_regulation()))]
		pub fn relax_regulation(
			origin: OriginFor<T>,
			buyer: T::AccountId,
			until: GridDay,
			reason: DocumentHash,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			let today = T::GridTime::today();
			ensure!(until >= today, Error::<T>::RelaxationInPast);
			ensure!(
				until <= today.saturating_add(T::MaxRelaxationDays::get()),
				Error::<T>::RelaxationTooLong
			);
			let mut standing = Standings::<T>::get(&buyer)
				.filter(|s| s.dues_default.is_some())
				.ok_or(Error::<T>::NotRegulated)?;
			standing.relaxation = Some(Relaxation { granted_on: today, until, reason });
			Self::write_standing(&buyer, Some(standing));
			Self::deposit_event(Event::RegulationRelaxed { buyer, until, reason });
			Ok(())
		}

		/// The regulator ends a relaxation of the buyer's regulation now: the share of today
		/// applies to the next schedules.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::with_regulation(T::WeightInfo::end_relaxation()))]
		pub fn end_relaxation(origin: OriginFor<T>, buyer: T::AccountId) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			let today = T::GridTime::today();
			let mut standing = Standings::<T>::get(&buyer)
				.filter(|s| s.relaxation.is_some_and(|r| r.until >= today))
				.ok_or(Error::<T>::NotRelaxed)?;
			standing.relaxation = None;
			Self::store_standing(&buyer, standing);
			Self::deposit_event(Event::RelaxationEnded { buyer });
			Ok(())
		}

		/// The regulator clears the payment-security failure recorded for `buyer` on `ppa`, by
		/// the order whose document hash is given (e.g. a failure found to be the bank's error).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::clear_security_failure())]
		pub fn clear_security_failure(
			origin: OriginFor<T>,
			buyer: T::AccountId,
			ppa: PpaId,
			order: DocumentHash,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			ensure!(FailedSecurity::<T>::contains_key(&buyer, ppa), Error::<T>::NoSecurityFailure);
			Self::drop_security_failure(&buyer, ppa);
			Self::deposit_event(Event::SecurityFailureClearedByOrder { buyer, ppa, order });
			Ok(())
		}
	}
}
