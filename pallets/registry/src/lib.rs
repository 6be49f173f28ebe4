//! # Registry pallet
//!
//! Who is on the chain, and the PPAs between them (docs/rules.md section A; terms from sections
//! C and E).
//!
//! - Participants: the admin origin registers an account with one or more [`Role`]s, a display
//!   name and the hash of its legal identifiers; it can change roles, suspend and reinstate.
//!   Other pallets ask [`ParticipantRoles::has_active_role`].
//! - PPAs: either party proposes terms ([`PpaTerms`]); the counterparty signs; both signatures
//!   are on chain. A proposal can be withdrawn until signed. A signed PPA becomes `Active` on
//!   its start day and `Expired` after its end day, by itself in `on_initialize` (a queue keyed
//!   by grid day, bounded per block) or through the permissionless [`Pallet::advance`].
//! - Amendments are proposed and countersigned the same way and become a new version of the
//!   terms from a stated day; earlier versions stay readable, so a bill uses the version in
//!   force on the day it covers ([`PpaRegistry::terms_on`]).
//! - Termination: by both parties' signatures, or by the regulator origin with a reason.
//! - State that stays: participants, and every PPA with its versions of terms, ended or not
//!   (bills and disputes refer to them for as long as the chain runs). An ended PPA leaves its
//!   parties' live index for their ended index, so what hooks and binding checks walk stays
//!   small; a proposal never signed expires; the lifecycle queue empties as days pass.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use origin::EnsureRegulator;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod agreements;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_registry;
mod lifecycle;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod origin;
mod participants;
mod queries;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
pub mod validation;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::validation::{check_terms, TermsError};
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, weights::WeightMeter};
	use frame_system::pallet_prelude::*;

	use ppa_primitives::{
		Balance, DocumentHash, GridDay, GridTime, OnPpaEnded, ParticipantRoles, PowerKw, PpaId,
		PpaStatus, PpaTerms, Role,
	};
	use sp_runtime::Permill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Registers participants and changes their roles (root on a dev chain).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Terminates a PPA on its own authority (root on a dev chain).
		type RegulatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The chain's clock.
		type GridTime: GridTime;
		/// Told when a PPA stops binding (defaults clears what was recorded for it alone).
		type OnPpaEnded: OnPpaEnded<Self::AccountId>;
		/// Longest display name, bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Most PPAs one account may sell or buy under (the index per party is bounded).
		#[pallet::constant]
		type MaxPpasPerParty: Get<u32>;
		/// Most versions of a PPA's terms (the original and its amendments).
		#[pallet::constant]
		type MaxVersions: Get<u32>;
		/// The weight `on_initialize` may take applying lifecycle transitions; the rest waits
		/// (`Pallet::hook_weight_for` gives a budget with room for so many).
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
		/// Largest contracted capacity of a PPA, kW.
		#[pallet::constant]
		type MaxCapacityKw: Get<PowerKw>;
		/// Largest capacity rate, INR units per kW-month.
		#[pallet::constant]
		type MaxCapacityRate: Get<Balance>;
		/// Largest energy or transmission rate, INR units per kWh.
		#[pallet::constant]
		type MaxEnergyRate: Get<Balance>;
		/// Longest due period, days.
		#[pallet::constant]
		type MaxDueDays: Get<u16>;
		/// Largest early-payment rebate.
		#[pallet::constant]
		type MaxRebate: Get<Permill>;
		/// Largest letter of credit, percent of the estimated average monthly billing.
		#[pallet::constant]
		type MaxLcPercent: Get<u16>;
		/// Grid days a proposal awaits its countersignature; after them it lapses (anyone may
		/// then remove it), so proposals never signed do not stay for good (30).
		#[pallet::constant]
		type ProposalLifetimeDays: Get<GridDay>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Registered participants.
	#[pallet::storage]
	pub type Participants<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Participant<T::MaxNameLen>>;

	/// The id the next proposed PPA gets.
	#[pallet::storage]
	pub type NextPpaId<T> = StorageValue<_, PpaId, ValueQuery>;

	/// PPAs by id.
	#[pallet::storage]
	pub type Ppas<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, PpaRecord<T::AccountId, BlockNumberFor<T>>>;

	/// Agreed versions of each PPA's terms: version 0 is the original.
	#[pallet::storage]
	pub type Terms<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PpaId,
		Twox64Concat,
		u32,
		TermsVersion<BlockNumberFor<T>>,
	>;

	/// The terms of a PPA that is proposed and not yet signed.
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageMap<_, Twox64Concat, PpaId, PpaTerms>;

	/// The grid day each proposal still awaiting its countersignature was made.
	#[pallet::storage]
	pub type ProposedOn<T: Config> = StorageMap<_, Twox64Concat, PpaId, GridDay>;

	/// An amendment awaiting the counterparty's signature (at most one per PPA).
	#[pallet::storage]
	pub type PendingAmendments<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, Amendment<T::AccountId>>;

	/// A termination awaiting the counterparty's signature (at most one per PPA).
	#[pallet::storage]
	pub type PendingTerminations<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, TerminationProposal<T::AccountId>>;

	/// PPAs that bind an account as seller (signed, not ended): the bounded index that calls
	/// and hooks walk. A PPA that ends leaves it for [`EndedPpasBySeller`].
	#[pallet::storage]
	pub type PpasBySeller<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PpaId, T::MaxPpasPerParty>,
		ValueQuery,
	>;

	/// PPAs that bind an account as buyer (signed, not ended), as [`PpasBySeller`].
	#[pallet::storage]
	pub type PpasByBuyer<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PpaId, T::MaxPpasPerParty>,
		ValueQuery,
	>;

	/// PPAs in which an account sold and which have ended (expired or terminated): kept for
	/// reading (dues, history), one entry each, so that a party may hold any number of PPAs
	/// over its life.
	#[pallet::storage]
	pub type EndedPpasBySeller<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, PpaId, ()>;

	/// PPAs in which an account bought and which have ended, as [`EndedPpasBySeller`].
	#[pallet::storage]
	pub type EndedPpasByBuyer<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, PpaId, ()>;

	/// PPAs that may change status on a grid day: a start (Signed -> Active) or the day after
	/// an end (Active -> Expired), one entry per PPA so that any number of PPAs may share a day
	/// (every PPA aligned to the financial year ends on 31 March). Entries are checked against
	/// the PPA when processed.
	#[pallet::storage]
	pub type TransitionQueue<T> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, PpaId, ()>;

	/// The first grid day whose transitions have not all been processed.
	#[pallet::storage]
	pub type TransitionCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account was registered with roles.
		ParticipantRegistered { who: T::AccountId, roles: RoleList },
		/// A participant's roles changed.
		RolesChanged { who: T::AccountId, roles: RoleList },
		/// A participant was suspended: it may not act until reinstated.
		ParticipantSuspended { who: T::AccountId },
		/// A suspended participant was reinstated.
		ParticipantReinstated { who: T::AccountId },
		/// A PPA was proposed by one of its parties, naming the load despatch centre that will
		/// schedule and meter it.
		PpaProposed {
			ppa: PpaId,
			seller: T::AccountId,
			buyer: T::AccountId,
			ldc: T::AccountId,
			proposer: T::AccountId,
		},
		/// A proposal was withdrawn before it was signed.
		ProposalWithdrawn { ppa: PpaId, proposer: T::AccountId },
		/// A proposal was not countersigned within its lifetime and was removed.
		ProposalLapsed { ppa: PpaId, proposer: T::AccountId, proposed_on: GridDay },
		/// The counterparty signed: the PPA binds both parties from `start_day` to `end_day`.
		PpaSigned {
			ppa: PpaId,
			seller: T::AccountId,
			buyer: T::AccountId,
			start_day: GridDay,
			end_day: GridDay,
		},
		/// The PPA's supply period began.
		PpaActivated { ppa: PpaId, seller: T::AccountId, buyer: T::AccountId, day: GridDay },
		/// The PPA's supply period ended.
		PpaExpired { ppa: PpaId, seller: T::AccountId, buyer: T::AccountId, day: GridDay },
		/// Governance named another load despatch centre for the PPA (its control area changed,
		/// or its LDC was suspended).
		LdcAssigned { ppa: PpaId, ldc: T::AccountId },
		/// A party proposed new terms from `effective_from`.
		AmendmentProposed { ppa: PpaId, proposer: T::AccountId, effective_from: GridDay },
		/// A proposed amendment was withdrawn.
		AmendmentWithdrawn { ppa: PpaId, proposer: T::AccountId },
		/// Both parties signed new terms: `version` applies from `effective_from`.
		AmendmentSigned { ppa: PpaId, version: u32, effective_from: GridDay },
		/// A party proposed to end the PPA early.
		TerminationProposed { ppa: PpaId, proposer: T::AccountId, reason: DocumentHash },
		/// A proposed termination was withdrawn.
		TerminationWithdrawn { ppa: PpaId, proposer: T::AccountId },
		/// The PPA ended early.
		PpaTerminated {
			ppa: PpaId,
			seller: T::AccountId,
			buyer: T::AccountId,
			by: TerminatedBy,
			reason: DocumentHash,
			day: GridDay,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already registered.
		AlreadyRegistered,
		/// The account is not registered.
		NotRegistered,
		/// A participant needs at least one role.
		NoRoles,
		/// A role is listed twice.
		DuplicateRole,
		/// The display name is empty.
		EmptyName,
		/// The participant is suspended.
		Suspended,
		/// The participant is already suspended.
		AlreadySuspended,
		/// The participant is not suspended.
		NotSuspended,
		/// The seller is not an active generator.
		SellerNotGenerator,
		/// The buyer is not an active discom.
		BuyerNotDiscom,
		/// Seller and buyer are the same account.
		SelfDealing,
		/// The PPA's load despatch centre is not an active load despatch centre.
		LdcNotLoadDespatchCentre,
		/// A party to the PPA cannot be its load despatch centre.
		LdcIsAParty,
		/// The caller is neither the seller nor the buyer.
		NotAParty,
		/// No PPA has this id.
		PpaNotFound,
		/// The PPA is not awaiting signature.
		NotProposed,
		/// The proposer cannot countersign its own proposal.
		ProposerCannotCountersign,
		/// What is pending is not what the signer signed: the hash given differs from the hash
		/// of the pending terms, amendment or termination reason.
		TermsChanged,
		/// Only the proposer may withdraw it.
		NotTheProposer,
		/// The proposal was not countersigned within its lifetime (`ProposalLifetimeDays`).
		ProposalExpired,
		/// The proposal's lifetime has not yet passed.
		ProposalStillOpen,
		/// The PPA is not signed, or has ended.
		NotBinding,
		/// Contracted capacity is zero.
		ZeroCapacity,
		/// Contracted capacity is above the chain's limit.
		CapacityTooLarge,
		/// The station has no name.
		NoStationName,
		/// The start day is not before the end day.
		StartNotBeforeEnd,
		/// The supply period ended before today.
		EndsInThePast,
		/// Neither a capacity nor an energy rate.
		NoTariff,
		/// The capacity rate is above the chain's limit.
		CapacityRateTooHigh,
		/// The energy or transmission rate is above the chain's limit.
		EnergyRateTooHigh,
		/// Due days are zero or above the chain's limit.
		DueDaysOutOfRange,
		/// Rebate windows must be positive and strictly growing.
		RebateWindowsNotIncreasing,
		/// A rebate window ends after the due date.
		RebateWindowAfterDueDate,
		/// A rebate is above the limit or above an earlier tier's.
		RebateOutOfRange,
		/// The letter of credit percentage is above the chain's limit.
		LcPercentTooHigh,
		/// A payment bank guarantee of zero.
		ZeroPaymentBg,
		/// A normative availability of zero (rule 9).
		ZeroNormativeAvailability,
		/// An amendment is already awaiting signature.
		AmendmentPending,
		/// No amendment is awaiting signature.
		NoAmendmentPending,
		/// An amendment must take effect today or later, within the supply period, and not
		/// before the latest agreed version.
		AmendmentDayInvalid,
		/// The PPA has the most versions of terms allowed.
		TooManyVersions,
		/// A termination is already awaiting signature.
		TerminationPending,
		/// No termination is awaiting signature.
		NoTerminationPending,
		/// An account's PPA index is full.
		TooManyPpas,
		/// No status change is due for this PPA today.
		NothingDue,
		/// The Regulator role is held alone: a regulator is no party to what it rules on.
		RegulatorRoleExclusive,
		/// Every PPA id has been used.
		NoPpaIdLeft,
	}

	impl<T> From<TermsError> for Error<T> {
		fn from(e: TermsError) -> Self {
			match e {
				TermsError::ZeroCapacity => Error::ZeroCapacity,
				TermsError::CapacityTooLarge => Error::CapacityTooLarge,
				TermsError::NoStationName => Error::NoStationName,
				TermsError::StartNotBeforeEnd => Error::StartNotBeforeEnd,
				TermsError::EndsInThePast => Error::EndsInThePast,
				TermsError::NoTariff => Error::NoTariff,
				TermsError::CapacityRateTooHigh => Error::CapacityRateTooHigh,
				TermsError::EnergyRateTooHigh => Error::EnergyRateTooHigh,
				TermsError::DueDaysOutOfRange => Error::DueDaysOutOfRange,
				TermsError::RebateWindowsNotIncreasing => Error::RebateWindowsNotIncreasing,
				TermsError::RebateWindowAfterDueDate => Error::RebateWindowAfterDueDate,
				TermsError::RebateOutOfRange => Error::RebateOutOfRange,
				TermsError::LcPercentTooHigh => Error::LcPercentTooHigh,
				TermsError::ZeroPaymentBg => Error::ZeroPaymentBg,
				TermsError::ZeroNormativeAvailability => Error::ZeroNormativeAvailability,
			}
		}
	}

	/// Participants and binding PPAs at genesis (the `demo` grid), registered, proposed and
	/// signed through the same checks as the calls.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accounts registered: account, roles, display name (UTF-8).
		pub participants: Vec<(T::AccountId, Vec<Role>, Vec<u8>)>,
		/// PPAs proposed by the seller and signed by the buyer: seller, buyer, the load despatch
		/// centre, terms. They get ids from 0 in this order and are active from their start day.
		pub ppas: Vec<GenesisPpa<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, roles, name) in &self.participants {
				let roles = RoleList::try_from(roles.clone()).expect("at most six roles");
				let name = BoundedVec::try_from(name.clone()).expect("a name within MaxNameLen");
				Pallet::<T>::register(who.clone(), roles, name, DocumentHash::zero())
					.expect("a genesis participant registers");
			}
			for (seller, buyer, ldc, terms) in &self.ppas {
				let ppa = NextPpaId::<T>::get();
				Pallet::<T>::propose_ppa(
					frame_system::RawOrigin::Signed(seller.clone()).into(),
					seller.clone(),
					buyer.clone(),
					ldc.clone(),
					terms.clone(),
				)
				.expect("a genesis PPA's terms are valid");
				Pallet::<T>::sign_ppa(
					frame_system::RawOrigin::Signed(buyer.clone()).into(),
					ppa,
					Pallet::<T>::terms_hash(terms),
				)
				.expect("a genesis PPA is signed");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			Self::process_transitions(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(
				Self::hook_weight_for(1).all_lte(T::MaxHookWeight::get()),
				"transitions must make progress"
			);
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				Self::hook_weight_bound().all_lt(max / 10),
				"lifecycle transitions may use a tenth of a block"
			);
			assert!(
				T::MaxVersions::get() <= MAX_VERSIONS,
				"a PPA's record keeps at most MAX_VERSIONS versions' first days"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers `who` with `roles`, a display name and the hash of its legal identifiers.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_participant())]
		pub fn register_participant(
			origin: OriginFor<T>,
			who: T::AccountId,
			roles: RoleList,
			name: BoundedVec<u8, T::MaxNameLen>,
			legal_id_hash: DocumentHash,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::register(who, roles, name, legal_id_hash)
		}

		/// Replaces the roles of a registered participant.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_roles())]
		pub fn set_roles(
			origin: OriginFor<T>,
			who: T::AccountId,
			roles: RoleList,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let roles = Self::normalized(roles)?;
			Participants::<T>::try_mutate(&who, |p| -> DispatchResult {
				let p = p.as_mut().ok_or(Error::<T>::NotRegistered)?;
				p.roles = roles.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::RolesChanged { who, roles });
			Ok(())
		}

		/// Suspends a participant: it keeps its PPAs but may not act.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_participant())]
		pub fn suspend_participant(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Participants::<T>::try_mutate(&who, |p| -> DispatchResult {
				let p = p.as_mut().ok_or(Error::<T>::NotRegistered)?;
				ensure!(!p.suspended, Error::<T>::AlreadySuspended);
				p.suspended = true;
				Ok(())
			})?;
			Self::deposit_event(Event::ParticipantSuspended { who });
			Ok(())
		}

		/// Reinstates a suspended participant.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reinstate_participant())]
		pub fn reinstate_participant(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Participants::<T>::try_mutate(&who, |p| -> DispatchResult {
				let p = p.as_mut().ok_or(Error::<T>::NotRegistered)?;
				ensure!(p.suspended, Error::<T>::NotSuspended);
				p.suspended = false;
				Ok(())
			})?;
			Self::deposit_event(Event::ParticipantReinstated { who });
			Ok(())
		}

		/// Proposes a PPA between `seller` (a generator) and `buyer` (a discom), scheduled and
		/// metered by `ldc` (the load despatch centre of its control area); the caller is one
		/// of the parties and signs by proposing. The counterparty signs with
		/// [`Pallet::sign_ppa`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose_ppa())]
		pub fn propose_ppa(
			origin: OriginFor<T>,
			seller: T::AccountId,
			buyer: T::AccountId,
			ldc: T::AccountId,
			terms: PpaTerms,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(who == seller || who == buyer, Error::<T>::NotAParty);
			Self::ensure_parties(&seller, &buyer, &ldc)?;
			check_terms(&terms, &Self::limits(), T::GridTime::today()).map_err(Error::<T>::from)?;

			let ppa = NextPpaId::<T>::get();
			let next_ppa = ppa.checked_add(1).ok_or(Error::<T>::NoPpaIdLeft)?;
			let now = frame_system::Pallet::<T>::block_number();
			let signed_at = |party: &T::AccountId| (*party == who).then_some(now);
			Ppas::<T>::insert(
				ppa,
				PpaRecord {
					seller: seller.clone(),
					buyer: buyer.clone(),
					ldc: ldc.clone(),
					proposer: who.clone(),
					status: PpaStatus::Proposed,
					seller_signed_at: signed_at(&seller),
					buyer_signed_at: signed_at(&buyer),
					versions: VersionDays::new(),
					terminated: None,
				},
			);
			Proposals::<T>::insert(ppa, terms);
			ProposedOn::<T>::insert(ppa, T::GridTime::today());
			NextPpaId::<T>::put(next_ppa);
			Self::deposit_event(Event::PpaProposed { ppa, seller, buyer, ldc, proposer: who });
			Ok(())
		}

		/// Withdraws a proposal that the counterparty has not signed.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw_proposal())]
		pub fn withdraw_proposal(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Ppas::<T>::get(ppa).ok_or(Error::<T>::PpaNotFound)?;
			ensure!(record.status == PpaStatus::Proposed, Error::<T>::NotProposed);
			ensure!(record.proposer == who, Error::<T>::NotTheProposer);
			Self::forget_proposal(ppa);
			Self::deposit_event(Event::ProposalWithdrawn { ppa, proposer: who });
			Ok(())
		}

		/// Removes a proposal whose lifetime (`ProposalLifetimeDays` after the day it was made)
		/// has passed without a countersignature. Anyone may call it.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::lapse_proposal())]
		pub fn lapse_proposal(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::lapse(ppa, T::GridTime::today())
		}

		/// Countersigns a proposed PPA: its terms become version 0 and it binds both parties.
		/// It becomes active on its start day (at once if that day has come). `terms_hash` is
		/// the BLAKE2-256 hash of the SCALE-encoded terms the signer read
		/// ([`Pallet::terms_hash`]); other terms are refused (`TermsChanged`).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::sign_ppa())]
		pub fn sign_ppa(
			origin: OriginFor<T>,
			ppa: PpaId,
			terms_hash: DocumentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Ppas::<T>::get(ppa).ok_or(Error::<T>::PpaNotFound)?;
			ensure!(record.status == PpaStatus::Proposed, Error::<T>::NotProposed);
			ensure!(who == record.seller || who == record.buyer, Error::<T>::NotAParty);
			ensure!(who != record.proposer, Error::<T>::ProposerCannotCountersign);
			Self::ensure_parties(&record.seller, &record.buyer, &record.ldc)?;
			let terms = Proposals::<T>::get(ppa).ok_or(Error::<T>::NotProposed)?;
			ensure!(Self::terms_hash(&terms) == terms_hash, Error::<T>::TermsChanged);
			let proposed_on = ProposedOn::<T>::get(ppa).unwrap_or_default();
			ensure!(!Self::proposal_lapsed(proposed_on), Error::<T>::ProposalExpired);
			let today = T::GridTime::today();
			check_terms(&terms, &Self::limits(), today).map_err(Error::<T>::from)?;

			// Index the PPA under both parties, and queue its start and end.
			PpasBySeller::<T>::try_mutate(&record.seller, |ids| ids.try_push(ppa))
				.map_err(|_| Error::<T>::TooManyPpas)?;
			PpasByBuyer::<T>::try_mutate(&record.buyer, |ids| ids.try_push(ppa))
				.map_err(|_| Error::<T>::TooManyPpas)?;
			let starts_now = terms.start_day <= today;
			if !starts_now {
				Self::queue_transition(terms.start_day, ppa);
			}
			Self::queue_transition(terms.end_day.saturating_add(1), ppa);

			let now = frame_system::Pallet::<T>::block_number();
			if who == record.seller {
				record.seller_signed_at = Some(now);
			} else {
				record.buyer_signed_at = Some(now);
			}
			record.status = PpaStatus::Signed;
			record.versions = VersionDays::truncate_from(alloc::vec![terms.start_day]);
			Self::deposit_event(Event::PpaSigned {
				ppa,
				seller: record.seller.clone(),
				buyer: record.buyer.clone(),
				start_day: terms.start_day,
				end_day: terms.end_day,
			});
			Self::step_status(ppa, &mut record, &terms, today);
			Ppas::<T>::insert(ppa, &record);
			Terms::<T>::insert(
				ppa,
				0,
				TermsVersion { effective_from: terms.start_day, terms, agreed_at: now },
			);
			Proposals::<T>::remove(ppa);
			ProposedOn::<T>::remove(ppa);
			Ok(())
		}

		/// Proposes new terms for a binding PPA, in force from `effective_from` (today or later,
		/// within the supply period). The counterparty signs with [`Pallet::sign_amendment`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::propose_amendment())]
		pub fn propose_amendment(
			origin: OriginFor<T>,
			ppa: PpaId,
			terms: PpaTerms,
			effective_from: GridDay,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::binding_ppa_of(ppa, &who)?;
			ensure!(!PendingAmendments::<T>::contains_key(ppa), Error::<T>::AmendmentPending);
			ensure!(record.version_count() < T::MaxVersions::get(), Error::<T>::TooManyVersions);
			let today = T::GridTime::today();
			check_terms(&terms, &Self::limits(), today).map_err(Error::<T>::from)?;
			let latest = Self::latest_version(ppa, &record);
			Self::ensure_amendment_day(latest.as_ref(), &terms, effective_from, today)?;
			PendingAmendments::<T>::insert(
				ppa,
				Amendment { proposer: who.clone(), effective_from, terms },
			);
			Self::deposit_event(Event::AmendmentProposed { ppa, proposer: who, effective_from });
			Ok(())
		}

		/// Withdraws an amendment the counterparty has not signed.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::withdraw_amendment())]
		pub fn withdraw_amendment(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let amendment =
				PendingAmendments::<T>::get(ppa).ok_or(Error::<T>::NoAmendmentPending)?;
			ensure!(amendment.proposer == who, Error::<T>::NotTheProposer);
			PendingAmendments::<T>::remove(ppa);
			Self::deposit_event(Event::AmendmentWithdrawn { ppa, proposer: who });
			Ok(())
		}

		/// Countersigns the pending amendment: it becomes the next version of the terms.
		/// `amendment_hash` is the hash of the amendment the signer read
		/// ([`Pallet::amendment_hash`]: its first day and terms); another is refused
		/// (`TermsChanged`).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::sign_amendment())]
		pub fn sign_amendment(
			origin: OriginFor<T>,
			ppa: PpaId,
			amendment_hash: DocumentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::binding_ppa_of(ppa, &who)?;
			let amendment =
				PendingAmendments::<T>::get(ppa).ok_or(Error::<T>::NoAmendmentPending)?;
			ensure!(amendment.proposer != who, Error::<T>::ProposerCannotCountersign);
			ensure!(
				Self::amendment_hash(amendment.effective_from, &amendment.terms) == amendment_hash,
				Error::<T>::TermsChanged
			);
			ensure!(record.version_count() < T::MaxVersions::get(), Error::<T>::TooManyVersions);
			let today = T::GridTime::today();
			check_terms(&amendment.terms, &Self::limits(), today).map_err(Error::<T>::from)?;
			let latest = Self::latest_version(ppa, &record);
			Self::ensure_amendment_day(
				latest.as_ref(),
				&amendment.terms,
				amendment.effective_from,
				today,
			)?;
			let version = record.version_count();
			record
				.versions
				.try_push(amendment.effective_from)
				.map_err(|_| Error::<T>::TooManyVersions)?;

			// A moved end (or a moved future start) needs a place in the lifecycle queue; a start
			// that has come is applied below.
			let (new_start, new_end) = (amendment.terms.start_day, amendment.terms.end_day);
			if latest.as_ref().map(|v| v.terms.end_day) != Some(new_end) {
				Self::queue_transition(new_end.saturating_add(1), ppa);
			}
			if record.status == PpaStatus::Signed
				&& new_start > today
				&& latest.as_ref().map(|v| v.terms.start_day) != Some(new_start)
			{
				Self::queue_transition(new_start, ppa);
			}
			let effective_from = amendment.effective_from;
			Self::deposit_event(Event::AmendmentSigned { ppa, version, effective_from });
			Self::step_status(ppa, &mut record, &amendment.terms, today);
			Ppas::<T>::insert(ppa, record);
			Terms::<T>::insert(
				ppa,
				version,
				TermsVersion {
					effective_from,
					terms: amendment.terms,
					agreed_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			PendingAmendments::<T>::remove(ppa);
			Ok(())
		}

		/// Proposes to end a binding PPA early; the counterparty signs with
		/// [`Pallet::sign_termination`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::propose_termination())]
		pub fn propose_termination(
			origin: OriginFor<T>,
			ppa: PpaId,
			reason: DocumentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::binding_ppa_of(ppa, &who)?;
			ensure!(!PendingTerminations::<T>::contains_key(ppa), Error::<T>::TerminationPending);
			PendingTerminations::<T>::insert(
				ppa,
				TerminationProposal { proposer: who.clone(), reason },
			);
			Self::deposit_event(Event::TerminationProposed { ppa, proposer: who, reason });
			Ok(())
		}

		/// Withdraws a termination the counterparty has not signed.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::withdraw_termination())]
		pub fn withdraw_termination(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let proposal =
				PendingTerminations::<T>::get(ppa).ok_or(Error::<T>::NoTerminationPending)?;
			ensure!(proposal.proposer == who, Error::<T>::NotTheProposer);
			PendingTerminations::<T>::remove(ppa);
			Self::deposit_event(Event::TerminationWithdrawn { ppa, proposer: who });
			Ok(())
		}

		/// Countersigns the pending termination: the PPA ends today. `reason` is the hash of
		/// the reasons the signer read; a termination for other reasons is refused
		/// (`TermsChanged`).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::sign_termination().saturating_add(Pallet::<T>::ending_weight()))]
		pub fn sign_termination(
			origin: OriginFor<T>,
			ppa: PpaId,
			reason: DocumentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::binding_ppa_of(ppa, &who)?;
			let proposal =
				PendingTerminations::<T>::get(ppa).ok_or(Error::<T>::NoTerminationPending)?;
			ensure!(proposal.reason == reason, Error::<T>::TermsChanged);
			ensure!(proposal.proposer != who, Error::<T>::ProposerCannotCountersign);
			Self::terminate(ppa, TerminatedBy::Parties, proposal.reason)
		}

		/// The regulator ends a binding PPA today, for the reason whose hash is given.
		#[pallet::call_index(13)]
		#[pallet::weight(
			T::WeightInfo::terminate_by_regulator().saturating_add(Pallet::<T>::ending_weight())
		)]
		pub fn terminate_by_regulator(
			origin: OriginFor<T>,
			ppa: PpaId,
			reason: DocumentHash,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			let record = Ppas::<T>::get(ppa).ok_or(Error::<T>::PpaNotFound)?;
			ensure!(record.status.is_binding(), Error::<T>::NotBinding);
			Self::terminate(ppa, TerminatedBy::Regulator, reason)
		}

		/// Names `ldc` as the load despatch centre of a binding PPA, from now on (the admin
		/// origin: a control area changed, or the PPA's LDC is suspended and another must
		/// meter it).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_ldc())]
		pub fn set_ldc(origin: OriginFor<T>, ppa: PpaId, ldc: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let mut record = Ppas::<T>::get(ppa).ok_or(Error::<T>::PpaNotFound)?;
			ensure!(record.status.is_binding(), Error::<T>::NotBinding);
			ensure!(ldc != record.seller && ldc != record.buyer, Error::<T>::LdcIsAParty);
			ensure!(
				Self::has_active_role(&ldc, Role::LoadDespatchCentre),
				Error::<T>::LdcNotLoadDespatchCentre
			);
			record.ldc = ldc.clone();
			Ppas::<T>::insert(ppa, record);
			Self::deposit_event(Event::LdcAssigned { ppa, ldc });
			Ok(())
		}

		/// Applies a status change that is due today (start or end of supply) without waiting
		/// for `on_initialize`. Anyone may call it.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::advance().saturating_add(Pallet::<T>::ending_weight()))]
		pub fn advance(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(Ppas::<T>::contains_key(ppa), Error::<T>::PpaNotFound);
			ensure!(Self::apply_due_transition(ppa, T::GridTime::today()), Error::<T>::NothingDue);
			Ok(())
		}
	}
}
