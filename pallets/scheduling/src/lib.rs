//! # Scheduling pallet
//!
//! Day-ahead schedules per 15-minute time block, gated by payment security, and the metered
//! energy they are billed on (rules 5-7, 9, 14, 20).
//!
//! - Declared capability: a seller declares, for a day, each block's available capacity of a
//!   station against the station's capacity; without a declaration all of it is available.
//! - Requisition: a buyer asks kW per block for day D by the requisition gate on D-1 (10:00
//!   IST), each at most its entitlement: contracted capacity x declared availability share.
//! - Finalization: a load despatch centre finalizes day D for a batch of PPAs. Each block's
//!   schedule is the requisition clipped to the entitlement, then cut by the PSM gate (the
//!   day's value at the energy rate must fit the cover escrow reports, less what is already
//!   owed and scheduled; cut from the last block backwards), then cut by the buyer's
//!   regulation share. Each cut is recorded with its reason. Advance is committed to it.
//! - Resale: the share of a defaulting buyer that its seller sold on the open market (the
//!   resale pallet) is scheduled here per block to the winners, and the PPA's own schedule is
//!   kept to its entitlement less what was sold (rule 25).
//! - Revisions: the buyer asks to revise today's blocks from the lead time on; the LDC
//!   approves (the same gates apply) or rejects.
//! - Metered energy: an LDC submits Wh per PPA for an ended block in batches; deviation is
//!   recorded; settlement is told at once. The LDC corrects a reading, or revises a metered
//!   block's energy account (schedule, availability, reading), billed or not, within the
//!   meter window; settlement bills the difference in its charges.
//! - Energy account per PPA per day, with its per-block detail: both are pruned by a bounded
//!   hook after the retention period (62 days by default, far past the 15-day meter window, so
//!   nothing can change the day any more; billing never reads it back). The account's last
//!   figures go into the event log (`EnergyAccountPruned`) as it leaves the state.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use finalization::FinalizePaths;
pub use ledger::MeterPaths;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod finalization;
pub mod gate;
mod ledger;
pub mod migrations;
#[cfg(test)]
mod mock;
mod prune;
mod queries;
mod regulation;
mod sales;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::finalization::{FinalizeBatch, FinalizedPpa};
	use crate::gate::{self, DayProfile, BLOCKS};
	use crate::ledger::{MeterBatch, MeterPaths};
	use frame_support::{pallet_prelude::*, weights::WeightMeter};
	use frame_system::pallet_prelude::*;
	use ppa_primitives::{
		Balance, BindingPpa, EnergyWh, Exposure, GridDay, GridInstant, GridTime, OnEnergyMetered,
		ParticipantRoles, PaymentSecurity, PowerKw, PpaId, PpaParties, PpaRegistry, PpaTerms, Role,
		SecurityPayments, TimeBlock,
	};
	use sp_runtime::{traits::Saturating, Permill};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Roles of participants (the registry).
		type Roles: ParticipantRoles<Self::AccountId>;
		/// PPAs, their parties and terms (the registry).
		type Ppas: PpaRegistry<Self::AccountId>;
		/// Payment security: coverage at the gate, advance commitments (escrow).
		type Security: PaymentSecurity + SecurityPayments;
		/// What the buyer already owes (settlement).
		type Exposure: Exposure;
		/// Told when a block's energy is metered (settlement).
		type OnEnergyMetered: OnEnergyMetered<Self::AccountId>;
		/// The chain's clock.
		type GridTime: GridTime;
		/// Sets the scheduling parameters (root on a dev chain).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most PPAs finalized, or readings submitted, in one call.
		#[pallet::constant]
		type MaxBatch: Get<u32>;
		/// Most requisitions a buyer submits in one call (at most the PPAs a party may hold).
		#[pallet::constant]
		type MaxRequisitions: Get<u32>;
		/// The weight `on_initialize` may take pruning; the rest waits (`Pallet::hook_weight_for`
		/// gives a budget with room for so many PPA-days).
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
		/// Sets up registry state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: ppa_primitives::PpaBenchmarkHelper<Self::AccountId>
			+ ppa_primitives::SecurityBenchmarkHelper<Self::AccountId>
			+ ppa_primitives::AdvanceBenchmarkHelper<Self::AccountId>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The timing rules in force.
	#[pallet::storage]
	pub type Parameters<T> = StorageValue<_, SchedulingParameters, ValueQuery>;

	/// Declared capability per day, seller and station.
	#[pallet::storage]
	pub type Declarations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		GridDay,
		Blake2_128Concat,
		(T::AccountId, StationName),
		Declaration,
	>;

	/// Requisitions not yet finalized, kW per block.
	#[pallet::storage]
	pub type Requisitions<T> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, GridDay, DayProfile>;

	/// Per-block schedule, availability and metered energy of a PPA's day.
	#[pallet::storage]
	pub type DayDetails<T> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, GridDay, DayDetail>;

	/// A PPA's energy account for a day.
	#[pallet::storage]
	pub type EnergyAccounts<T> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, GridDay, EnergyAccount>;

	/// kW per block of a PPA's share sold on the open market for a day (rule 25).
	#[pallet::storage]
	pub type Sales<T> = StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, GridDay, DayProfile>;

	/// A revision of a PPA's schedule awaiting the LDC (at most one per PPA).
	#[pallet::storage]
	pub type PendingRevisions<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, Revision<T::AccountId>>;

	/// The graded regulation of buyers in default (rule 20), as the defaults pallet told it:
	/// finalization and revisions withhold its share of each day from the buyer's schedules.
	#[pallet::storage]
	pub type Regulations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ppa_primitives::GradedRegulation>;

	/// PPA-days due for pruning on a day (the retention period after them): the day whose
	/// requisition, detail and sales go, keyed by the day due and the PPA, one entry each so that
	/// any number of PPAs share a day.
	#[pallet::storage]
	pub type PruneQueue<T> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, PpaId, GridDay>;

	/// The first day whose pruning is not done.
	#[pallet::storage]
	pub type PruneCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The scheduling parameters changed.
		ParametersSet { parameters: SchedulingParameters },
		/// A seller declared a station's capability for a day; `available_wh` over the day.
		CapabilityDeclared {
			seller: T::AccountId,
			station: StationName,
			day: GridDay,
			station_kw: PowerKw,
			available_wh: EnergyWh,
		},
		/// A buyer requisitioned energy for a day, Wh over the day.
		Requisitioned { ppa: PpaId, buyer: T::AccountId, day: GridDay, requested_wh: EnergyWh },
		/// A day's schedule was finalized: what was asked, what was cut for each reason (declared
		/// availability, payment security, regulation), what was scheduled and its value (INR
		/// units).
		ScheduleFinalized {
			ppa: PpaId,
			day: GridDay,
			requested_wh: EnergyWh,
			cuts: Cuts,
			scheduled_wh: EnergyWh,
			value: Balance,
		},
		/// A PPA in a finalization batch was passed over: it had no requisition or was done.
		FinalizationSkipped { ppa: PpaId, day: GridDay },
		/// `kw` of a PPA's share in a block was sold on the open market and scheduled to `buyer`
		/// (rule 25); `sold_kw` of the block is sold in all.
		SaleScheduled {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			buyer: T::AccountId,
			kw: PowerKw,
			sold_kw: PowerKw,
		},
		/// A party asked to revise today's schedule from `from_block`.
		RevisionRequested { ppa: PpaId, by: T::AccountId, day: GridDay, from_block: TimeBlock },
		/// The LDC approved a revision: blocks from `from_block` changed, less what the gates
		/// cut; the day now schedules `scheduled_wh`.
		RevisionApproved {
			ppa: PpaId,
			day: GridDay,
			from_block: TimeBlock,
			cuts: Cuts,
			scheduled_wh: EnergyWh,
		},
		/// The LDC rejected a revision (or cleared an expired one).
		RevisionRejected { ppa: PpaId, day: GridDay },
		/// A block's energy was metered.
		EnergyMetered {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			scheduled_wh: EnergyWh,
			actual_wh: EnergyWh,
		},
		/// The LDC corrected a block's reading.
		MeterReadingCorrected {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			was_wh: EnergyWh,
			actual_wh: EnergyWh,
		},
		/// The per-block detail of a day past retention was pruned.
		DetailPruned { ppa: PpaId, day: GridDay },
		/// The PPA stopped binding before a day it was scheduled for: nothing of that day will
		/// be metered, and the advance committed to it (`released`, INR units) is free again.
		ScheduleCancelled { ppa: PpaId, day: GridDay, released: Balance },
		/// The retention period of `day` passed with blocks scheduled and never metered: their
		/// `value` (INR units) left the exposure and the advance committed to them
		/// (`released`, INR units) is free again.
		UnmeteredReleased { ppa: PpaId, day: GridDay, value: Balance, released: Balance },
		/// The retention period of `day` passed: its energy account left the state; this is
		/// what it said at the end.
		EnergyAccountPruned { ppa: PpaId, day: GridDay, account: EnergyAccount },
		/// The LDC revised a metered block's energy account: what it was and what it is now
		/// (settlement bills the difference in its charges).
		EnergyAccountRevised {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			was: ppa_primitives::BlockEnergy,
			now: ppa_primitives::BlockEnergy,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not an active load despatch centre.
		NotAnLdc,
		/// The caller is suspended (or no longer holds its role): it may only pay what it owes
		/// and release what it holds.
		Suspended,
		/// The caller is not the load despatch centre the PPA names: only that one schedules
		/// and meters it.
		NotTheSchedulingLdc,
		/// The PPA does not bind on that day: outside its supply period, before it was signed
		/// or after it was terminated.
		NotBindingThatDay,
		/// The day is older than the meter window: readings and corrections for it are closed.
		MeterWindowClosed,
		/// A reading above twice the contracted capacity over the block: a meter or data error.
		ReadingAboveCapacity,
		/// The caller is not an active generator.
		NotAGenerator,
		/// The caller is not the PPA's buyer.
		NotTheBuyer,
		/// No PPA has this id.
		UnknownPpa,
		/// The PPA is not signed, or has ended.
		PpaNotBinding,
		/// The PPA does not supply on that day.
		NotSupplyingThatDay,
		/// A day needs 96 values; a revision one per block from its first block.
		WrongBlockCount,
		/// A block asks more than the buyer's entitlement.
		OverEntitlement,
		/// The requisition gate for that day has closed (10:00 IST the day before).
		RequisitionGateClosed,
		/// The day is further ahead than requisitions may be made.
		TooFarAhead,
		/// The day has passed.
		DayPassed,
		/// The requisition gate for that day has not closed yet.
		GateNotClosed,
		/// The day's schedule is already finalized.
		AlreadyFinalized,
		/// The day's schedule is not finalized.
		NotFinalized,
		/// A revision is already awaiting the LDC.
		RevisionPending,
		/// No revision is awaiting the LDC.
		NoRevisionPending,
		/// A revision may change blocks only from the lead time after the request block.
		RevisionTooSoon,
		/// Every block the revision would change has begun or is metered.
		RevisionExpired,
		/// The block has not ended yet.
		BlockNotEnded,
		/// The block's energy is already metered: correct it instead.
		AlreadyMetered,
		/// The block's energy is not metered.
		NotMetered,
		/// The day is past retention: its account was pruned.
		AlreadyBilled,
		/// The batch is empty.
		EmptyBatch,
		/// The station capacity is zero.
		ZeroStationCapacity,
		/// The parameters are out of range.
		InvalidParameters,
		/// A sale would take more of a block than the buyer's entitlement.
		SaleOverEntitlement,
		/// The day has not ended: its energy account is revised once it has.
		DayNotEnded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			Self::prune(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(
				Self::hook_weight_for(1).all_lte(T::MaxHookWeight::get()),
				"pruning must make progress"
			);
			let weights = <T as frame_system::Config>::BlockWeights::get();
			assert!(
				Self::hook_weight_bound().all_lt(weights.max_block / 10),
				"pruning may use a tenth of a block"
			);
			// A full batch of meter readings or of schedules is one transaction the block takes,
			// in compute and (on a parachain) in storage proof.
			let normal = weights.get(frame_support::dispatch::DispatchClass::Normal);
			let largest = normal.max_extrinsic.unwrap_or(weights.max_block);
			let batch = T::MaxBatch::get();
			assert!(
				T::WeightInfo::submit_meter_readings(batch).all_lte(largest),
				"a full batch of meter readings fits one transaction"
			);
			assert!(
				T::WeightInfo::finalize_schedules(batch).all_lte(largest),
				"a full batch of schedules fits one transaction"
			);
			assert!(
				T::WeightInfo::submit_requisitions(T::MaxRequisitions::get()).all_lte(largest),
				"a full batch of requisitions fits one transaction"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the requisition gate, revision lead time, retention and days ahead.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			parameters: SchedulingParameters,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				(1..=16).contains(&parameters.revision_lead_blocks)
					&& parameters.retention_days > 0
					&& parameters.max_days_ahead > 0
					&& (1..=parameters.retention_days).contains(&parameters.meter_window_days),
				Error::<T>::InvalidParameters
			);
			Parameters::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Declares a station's available capacity per block of `day` (kW, 96 values) against
		/// the station's capacity `station_kw`; until the requisition gate of that day.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::declare_capability())]
		pub fn declare_capability(
			origin: OriginFor<T>,
			station: StationName,
			day: GridDay,
			station_kw: PowerKw,
			available_kw: KwList,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			ensure!(T::Roles::has_active_role(&seller, Role::Generator), Error::<T>::NotAGenerator);
			Self::ensure_gate_open(day)?;
			ensure!(station_kw > 0, Error::<T>::ZeroStationCapacity);
			let available_kw = Self::day_profile(&available_kw)?;
			let available_wh = gate::day_wh(&available_kw);
			Declarations::<T>::insert(
				day,
				(&seller, &station),
				Declaration { station_kw, available_kw },
			);
			Self::deposit_event(Event::CapabilityDeclared {
				seller,
				station,
				day,
				station_kw,
				available_wh,
			});
			Ok(())
		}

		/// Requisitions kW per block of `day` (96 values) under `ppa`, of which the caller is
		/// the buyer; each at most the entitlement; until the requisition gate (rule 6).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::requisition())]
		pub fn requisition(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			kw: KwList,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::requisition_one(&buyer, ppa, day, kw)
		}

		/// Requisitions `day` under many PPAs at once, as `requisition` does each: the caller is
		/// the buyer of every one, and each profile (96 kW values) is at most its entitlement.
		/// All or none: the first refusal refuses the batch, with its reason. A PPA given twice
		/// keeps its last profile, as a requisition made again does.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::submit_requisitions(requisitions.len() as u32))]
		pub fn submit_requisitions(
			origin: OriginFor<T>,
			day: GridDay,
			requisitions: BoundedVec<(PpaId, KwList), T::MaxRequisitions>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			ensure!(!requisitions.is_empty(), Error::<T>::EmptyBatch);
			for (ppa, kw) in requisitions {
				Self::requisition_one(&buyer, ppa, day, kw)?;
			}
			Ok(())
		}

		/// Finalizes the schedules of `ppas` for `day` once its requisition gate has closed:
		/// requisition, then availability, PSM and regulation gates (rules 14, 20). PPAs
		/// without a requisition, or already finalized, are passed over.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::finalize_schedules(ppas.len() as u32))]
		pub fn finalize_schedules(
			origin: OriginFor<T>,
			day: GridDay,
			ppas: BoundedVec<PpaId, T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let ldc = Self::ensure_ldc(origin)?;
			ensure!(!ppas.is_empty(), Error::<T>::EmptyBatch);
			// Another LDC's PPA refuses the batch whole; unknown ones are passed over below.
			for ppa in ppas.iter() {
				if let Some(parties) = T::Ppas::parties(*ppa) {
					ensure!(parties.ldc == ldc, Error::<T>::NotTheSchedulingLdc);
				}
			}
			let now = T::GridTime::now();
			ensure!(day >= now.day, Error::<T>::DayPassed);
			let gate_closed = day == now.day
				|| (day == now.day.saturating_add(1)
					&& now.block >= Parameters::<T>::get().requisition_gate);
			ensure!(gate_closed, Error::<T>::GateNotClosed);
			// Each finalized PPA-day was queued for pruning with its requisition.
			let n = ppas.len() as u32;
			let mut batch = FinalizeBatch::new();
			for ppa in ppas {
				match Self::finalize_one(ppa, day) {
					Some(done) => batch.record(done),
					None => {
						batch.pass_over();
						Self::deposit_event(Event::FinalizationSkipped { ppa, day });
					},
				}
			}
			Ok(Some(Self::finalize_weight(n, &batch.paths)).into())
		}

		/// The buyer of `ppa` asks to revise today's schedule from `from_block`: one kW value for
		/// it and each later block. `from_block` must be at least the lead time after the
		/// current block, counting it as the first (rule 6). Only the buyer revises its
		/// requisition; the seller speaks through its declared availability.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::request_revision())]
		pub fn request_revision(
			origin: OriginFor<T>,
			ppa: PpaId,
			from_block: TimeBlock,
			kw: KwList,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = T::GridTime::now();
			let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(who == parties.buyer, Error::<T>::NotTheBuyer);
			ensure!(T::Roles::has_active_role(&who, Role::Buyer), Error::<T>::Suspended);
			ensure!(EnergyAccounts::<T>::contains_key(ppa, now.day), Error::<T>::NotFinalized);
			if let Some(pending) = PendingRevisions::<T>::get(ppa) {
				ensure!(pending.day < now.day, Error::<T>::RevisionPending);
			}
			ensure!(
				usize::from(from_block.index()) >= Self::first_changeable_block(now),
				Error::<T>::RevisionTooSoon
			);
			ensure!(
				kw.len() == BLOCKS.saturating_sub(usize::from(from_block.index())),
				Error::<T>::WrongBlockCount
			);
			PendingRevisions::<T>::insert(
				ppa,
				Revision { by: who.clone(), day: now.day, from_block, kw },
			);
			Self::deposit_event(Event::RevisionRequested {
				ppa,
				by: who,
				day: now.day,
				from_block,
			});
			Ok(())
		}

		/// Approves the pending revision of `ppa`: blocks from its first block (and not begun
		/// nor metered) take the revised values, through the same gates as at finalization.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::approve_revision()
			// What was sold of the PPA's share, read at the resale gate.
			.saturating_add(T::DbWeight::get().reads(1)))]
		pub fn approve_revision(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			Self::ensure_scheduling_ldc(origin, ppa)?;
			let revision = PendingRevisions::<T>::get(ppa).ok_or(Error::<T>::NoRevisionPending)?;
			let now = T::GridTime::now();
			ensure!(revision.day == now.day, Error::<T>::RevisionExpired);
			let first = usize::from(revision.from_block.index())
				.max(usize::from(now.block.index()).saturating_add(1));
			ensure!(first < BLOCKS, Error::<T>::RevisionExpired);
			let (cuts, scheduled_wh) = Self::apply_revision(ppa, &revision, first)?;
			PendingRevisions::<T>::remove(ppa);
			Self::deposit_event(Event::RevisionApproved {
				ppa,
				day: revision.day,
				from_block: revision.from_block,
				cuts,
				scheduled_wh,
			});
			Ok(())
		}

		/// Rejects the pending revision of `ppa`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reject_revision())]
		pub fn reject_revision(origin: OriginFor<T>, ppa: PpaId) -> DispatchResult {
			Self::ensure_scheduling_ldc(origin, ppa)?;
			let revision = PendingRevisions::<T>::take(ppa).ok_or(Error::<T>::NoRevisionPending)?;
			Self::deposit_event(Event::RevisionRejected { ppa, day: revision.day });
			Ok(())
		}

		/// Submits metered energy (Wh) of an ended block for a batch of PPAs. Each reading is
		/// recorded with its deviation from schedule, and settlement is told at once. The
		/// batch is refused whole if any reading is for an unknown PPA or already metered.
		#[pallet::call_index(7)]
		// Charged as if every reading took the rarer paths too; what they did not take is
		// refunded (see `meter_weight`).
		#[pallet::weight({
			let n = readings.len() as u32;
			Pallet::<T>::meter_weight(n, &MeterPaths::worst(n))
		})]
		pub fn submit_meter_readings(
			origin: OriginFor<T>,
			day: GridDay,
			block: TimeBlock,
			readings: BoundedVec<(PpaId, EnergyWh), T::MaxBatch>,
		) -> DispatchResultWithPostInfo {
			let ldc = Self::ensure_ldc(origin)?;
			ensure!(!readings.is_empty(), Error::<T>::EmptyBatch);
			ensure!(GridInstant::new(day, block) < T::GridTime::now(), Error::<T>::BlockNotEnded);
			Self::ensure_meter_window(day)?;
			let n = readings.len() as u32;
			let mut batch = MeterBatch::new();
			for (ppa, actual_wh) in readings {
				let binding = Self::ensure_metered_by(&ldc, ppa, day, actual_wh)?;
				let path = Self::meter(&binding, day, block, actual_wh)?;
				batch.record(&binding.parties, path);
			}
			Ok(Some(Self::meter_weight(n, &batch.paths)).into())
		}

		/// Corrects the metered energy of one block of `ppa`, billed or not (rule 2:
		/// energy accounts are revised after billing). Energy is billed as scheduled (rule
		/// 9), so a reading alone changes the deviation, not the bill.
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::revision_weight())]
		pub fn correct_meter_reading(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			actual_wh: EnergyWh,
		) -> DispatchResult {
			let ldc = Self::ensure_ldc(origin)?;
			Self::ensure_meter_window(day)?;
			Self::ensure_metered_by(&ldc, ppa, day, actual_wh)?;
			let (was, _) = Self::revise(ppa, GridInstant::new(day, block), actual_wh, None)?;
			Self::deposit_event(Event::MeterReadingCorrected {
				ppa,
				day,
				block,
				was_wh: was.actual_wh,
				actual_wh,
			});
			Ok(())
		}

		/// Revises the energy account of one metered block of `ppa` of a day that has ended
		/// (so its terms are settled), billed or not, as the
		/// regional energy account is revised (rule 2): its implemented schedule (kW, at
		/// most the contracted capacity less what was resold), the declared availability and
		/// the metered energy (Wh). Settlement bills the difference in the block's charges: in
		/// its open bill if the period is not yet presented, otherwise as a supplementary bill,
		/// or a credit to the buyer.
		#[pallet::call_index(9)]
		#[pallet::weight(Pallet::<T>::revision_weight()
			.max(T::WeightInfo::revise_energy_account()))]
		pub fn revise_energy_account(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			scheduled_kw: PowerKw,
			availability: Permill,
			actual_wh: EnergyWh,
		) -> DispatchResult {
			let ldc = Self::ensure_ldc(origin)?;
			ensure!(day < T::GridTime::today(), Error::<T>::DayNotEnded);
			Self::ensure_meter_window(day)?;
			Self::ensure_metered_by(&ldc, ppa, day, actual_wh)?;
			let at = GridInstant::new(day, block);
			let (was, now) = Self::revise(ppa, at, actual_wh, Some((scheduled_kw, availability)))?;
			Self::deposit_event(Event::EnergyAccountRevised { ppa, day, block, was, now });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		fn ensure_ldc(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Roles::has_active_role(&who, Role::LoadDespatchCentre),
				Error::<T>::NotAnLdc
			);
			Ok(who)
		}

		/// The caller, if it is the active load despatch centre that `ppa` names.
		fn ensure_scheduling_ldc(
			origin: OriginFor<T>,
			ppa: PpaId,
		) -> Result<T::AccountId, DispatchError> {
			let ldc = Self::ensure_ldc(origin)?;
			let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(parties.ldc == ldc, Error::<T>::NotTheSchedulingLdc);
			Ok(ldc)
		}

		/// `ldc` may record `actual_wh` for a block of `ppa` on `day`: it is the PPA's load
		/// despatch centre, the PPA binds on that day (rule 5: only supplied energy is
		/// metered and billed), and the reading is at most twice the contracted capacity over
		/// the block (a larger one is a meter or data error, not energy).
		/// `ppa` binds on `day`, `ldc` schedules it and `actual_wh` is within twice its
		/// capacity for a block; the PPA as read, for the reading's observers.
		fn ensure_metered_by(
			ldc: &T::AccountId,
			ppa: PpaId,
			day: GridDay,
			actual_wh: EnergyWh,
		) -> Result<BindingPpa<T::AccountId>, DispatchError> {
			let Some((parties, terms)) = T::Ppas::binding_on(ppa, day) else {
				// Refused with the first reason that holds, as a reader would check.
				let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
				ensure!(parties.ldc == *ldc, Error::<T>::NotTheSchedulingLdc);
				return Err(Error::<T>::NotBindingThatDay.into());
			};
			ensure!(parties.ldc == *ldc, Error::<T>::NotTheSchedulingLdc);
			let most = gate::block_wh(terms.capacity_kw).saturating_mul(2);
			ensure!(actual_wh <= most, Error::<T>::ReadingAboveCapacity);
			Ok(BindingPpa { ppa, parties, terms })
		}

		/// `day` is inside the meter window: not older than `meter_window_days` before today.
		fn ensure_meter_window(day: GridDay) -> DispatchResult {
			let window = u32::from(Parameters::<T>::get().meter_window_days);
			ensure!(
				day >= T::GridTime::today().saturating_sub(window),
				Error::<T>::MeterWindowClosed
			);
			Ok(())
		}

		/// `buyer` requisitions `kw` of `day` under `ppa` (rule 6): the PPA supplies that day,
		/// `buyer` is its active buyer, the gate is open, the day not finalized, the profile 96
		/// blocks each within the entitlement. Queued for pruning with its day.
		fn requisition_one(
			buyer: &T::AccountId,
			ppa: PpaId,
			day: GridDay,
			kw: KwList,
		) -> DispatchResult {
			let (parties, terms) = Self::supplying(ppa, day)?;
			ensure!(parties.buyer == *buyer, Error::<T>::NotTheBuyer);
			ensure!(T::Roles::has_active_role(buyer, Role::Buyer), Error::<T>::Suspended);
			Self::ensure_gate_open(day)?;
			ensure!(!EnergyAccounts::<T>::contains_key(ppa, day), Error::<T>::AlreadyFinalized);
			let kw = Self::day_profile(&kw)?;
			let (entitlement, _) = Self::entitlement(&parties.seller, &terms, day);
			ensure!(
				kw.iter().zip(entitlement.iter()).all(|(ask, cap)| ask <= cap),
				Error::<T>::OverEntitlement
			);
			Requisitions::<T>::insert(ppa, day, kw);
			// Pruned after the retention period, whether or not the day is ever finalized.
			Self::queue_pruning(day, alloc::vec![ppa]);
			let requested_wh = gate::day_wh(&kw);
			Self::deposit_event(Event::Requisitioned {
				ppa,
				buyer: buyer.clone(),
				day,
				requested_wh,
			});
			Ok(())
		}

		/// Requisitions and declarations for `day` are open: the day is ahead, not too far,
		/// and for tomorrow only before the gate.
		fn ensure_gate_open(day: GridDay) -> DispatchResult {
			let now = T::GridTime::now();
			let params = Parameters::<T>::get();
			ensure!(day > now.day, Error::<T>::RequisitionGateClosed);
			ensure!(
				day.saturating_sub(now.day) <= u32::from(params.max_days_ahead),
				Error::<T>::TooFarAhead
			);
			ensure!(
				day > now.day.saturating_add(1) || now.block < params.requisition_gate,
				Error::<T>::RequisitionGateClosed
			);
			Ok(())
		}

		/// 96 kW values as a day profile.
		fn day_profile(kw: &KwList) -> Result<DayProfile, DispatchError> {
			DayProfile::try_from(kw.as_slice()).map_err(|_| Error::<T>::WrongBlockCount.into())
		}

		/// The parties and terms of `ppa` if it binds and supplies on `day`.
		pub(crate) fn supplying(
			ppa: PpaId,
			day: GridDay,
		) -> Result<(PpaParties<T::AccountId>, PpaTerms), DispatchError> {
			let (parties, status, terms) =
				T::Ppas::ppa_on(ppa, day).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(status.is_binding(), Error::<T>::PpaNotBinding);
			ensure!(
				(terms.start_day..=terms.end_day).contains(&day),
				Error::<T>::NotSupplyingThatDay
			);
			Ok((parties, terms))
		}

		/// The buyer's entitlement per block (kW) and the declared availability share, from the
		/// seller's declaration for the PPA's station; all of the contract without one.
		pub(crate) fn entitlement(
			seller: &T::AccountId,
			terms: &PpaTerms,
			day: GridDay,
		) -> (DayProfile, [Permill; BLOCKS]) {
			let contracted = terms.capacity_kw;
			match Declarations::<T>::get(day, (seller, &terms.station)) {
				Some(d) => (
					d.available_kw.map(|kw| gate::entitlement_kw(contracted, kw, d.station_kw)),
					d.available_kw.map(|kw| gate::availability(kw, d.station_kw)),
				),
				None => ([contracted; BLOCKS], [Permill::one(); BLOCKS]),
			}
		}

		/// Finalizes one PPA's day, and says what it read; none if it has no requisition, is
		/// done, or is unknown.
		fn finalize_one(ppa: PpaId, day: GridDay) -> Option<FinalizedPpa<T::AccountId>> {
			if EnergyAccounts::<T>::contains_key(ppa, day) {
				return None;
			}
			let (parties, terms) = Self::supplying(ppa, day).ok()?;
			// The requisition has served once the day is finalized: its account says what it
			// asked (a requisition never finalized is pruned after the retention period).
			let requested = Requisitions::<T>::take(ppa, day)?;
			let mut kw = requested;
			// Finalized on the day itself (or in its eve's last blocks): only blocks from the
			// lead time on can be scheduled.
			let now = T::GridTime::now();
			let first = Self::first_changeable_block(now);
			let first = if day == now.day { first } else { first.saturating_sub(BLOCKS) };
			let passed = kw.get_mut(..first.min(BLOCKS)).unwrap_or_default();
			let cut_lead_time_wh = gate::day_wh(passed);
			passed.iter_mut().for_each(|b| *b = 0);
			let (entitlement, availability) = Self::entitlement(&parties.seller, &terms, day);
			let cut_availability_wh = gate::clip_to(&mut kw, &entitlement);
			let cover = Self::cover_left(ppa, day);
			let cut_psm_wh = gate::cut_to_cover(&mut kw, terms.energy_rate, cover, 0);
			let regulated_share = Self::regulated_share(&parties.buyer, day);
			let cut_regulation_wh = gate::regulate(&mut kw, regulated_share, 0);
			let sold = Sales::<T>::get(ppa, day).unwrap_or([0; BLOCKS]);
			let cut_resale_wh = gate::leave_sold(&mut kw, &entitlement, &sold);
			let value = gate::value(&kw, terms.energy_rate);
			T::Security::commit_advance(ppa, day, value);
			let account = EnergyAccount {
				requested_wh: gate::day_wh(&requested),
				scheduled_wh: gate::day_wh(&kw),
				cut_availability_wh,
				cut_psm_wh,
				cut_regulation_wh,
				cut_resale_wh,
				regulated_share,
				energy_rate: terms.energy_rate,
				cover,
				unmetered_value: value,
				..Default::default()
			};
			DayDetails::<T>::insert(
				ppa,
				day,
				DayDetail { scheduled_kw: kw, availability, ..DayDetail::empty() },
			);
			Self::deposit_event(Event::ScheduleFinalized {
				ppa,
				day,
				requested_wh: account.requested_wh,
				cuts: Cuts {
					availability_wh: cut_availability_wh,
					payment_security_wh: cut_psm_wh,
					regulation_wh: cut_regulation_wh,
					resale_wh: cut_resale_wh,
					lead_time_wh: cut_lead_time_wh,
				},
				scheduled_wh: account.scheduled_wh,
				value,
			});
			EnergyAccounts::<T>::insert(ppa, day, account);
			let lcs_not_held = T::Security::letters_of_credit_not_held(ppa);
			Some(FinalizedPpa { parties, station: terms.station, lcs_not_held })
		}

		/// The first block of today a schedule may still change at `now`: the revision lead time
		/// after the current block, which counts as the first (rule 6).
		pub(crate) fn first_changeable_block(now: GridInstant) -> usize {
			let lead = Parameters::<T>::get().revision_lead_blocks.saturating_sub(1);
			usize::from(now.block.index()).saturating_add(usize::from(lead))
		}

		/// Cover left for `ppa`'s schedule of `day` (rule 14): LC + advance, less billed
		/// principal unpaid, less the value of energy scheduled on other days and not metered.
		pub(crate) fn cover_left(ppa: PpaId, day: GridDay) -> Balance {
			T::Security::available_cover(ppa, day)
				.saturating_sub(T::Exposure::exposure(ppa))
				.saturating_sub(Self::scheduled_elsewhere(ppa, day))
		}

		/// Value of `ppa`'s scheduled, unmetered energy on the days other than `day` that can
		/// hold any: yesterday (late meter data), today and tomorrow, INR units. Older days'
		/// energy is metered or billed; later days are not finalized before tomorrow's gate.
		fn scheduled_elsewhere(ppa: PpaId, day: GridDay) -> Balance {
			let today = T::GridTime::today();
			(today.saturating_sub(1)..=today.saturating_add(1))
				.filter(|d| *d != day)
				.filter_map(|d| EnergyAccounts::<T>::get(ppa, d))
				.fold(0, |sum: Balance, a| sum.saturating_add(a.unmetered_value))
		}

		/// Applies an approved revision from block `first`; returns what the gates cut and the
		/// day's scheduled Wh.
		fn apply_revision(
			ppa: PpaId,
			revision: &Revision<T::AccountId>,
			first: usize,
		) -> Result<(Cuts, EnergyWh), DispatchError> {
			let day = revision.day;
			let (parties, terms) = Self::supplying(ppa, day)?;
			let mut detail = DayDetails::<T>::get(ppa, day).ok_or(Error::<T>::NotFinalized)?;
			let mut account = EnergyAccounts::<T>::get(ppa, day).ok_or(Error::<T>::NotFinalized)?;
			let from = usize::from(revision.from_block.index());
			// Unmetered blocks keep their value in the exposure; metered ones moved to billing.
			let mut unmetered = detail.scheduled_kw;
			for (b, kw) in unmetered.iter_mut().enumerate() {
				if detail.is_metered(b) {
					*kw = 0;
				} else if b >= first {
					*kw = revision.kw.get(b.saturating_sub(from)).copied().unwrap_or(0);
				}
			}
			let (entitlement, _) = Self::entitlement(&parties.seller, &terms, day);
			let mut revised = unmetered;
			let cut_availability_wh = gate::clip_to(&mut revised, &entitlement);
			let cover = Self::cover_left(ppa, day);
			let cut_psm_wh = gate::cut_to_cover(&mut revised, terms.energy_rate, cover, first);
			let share = Self::regulated_share(&parties.buyer, day);
			let cut_regulation_wh = gate::regulate(&mut revised, share, first);
			let sold = Sales::<T>::get(ppa, day).unwrap_or([0; BLOCKS]);
			let cut_resale_wh = gate::leave_sold(&mut revised, &entitlement, &sold);
			for b in first..BLOCKS {
				if !detail.is_metered(b) {
					if let (Some(kw), Some(new)) = (detail.scheduled_kw.get_mut(b), revised.get(b))
					{
						*kw = *new;
					}
				}
			}
			let value = gate::value(&revised, account.energy_rate);
			Self::revalue(ppa, day, &mut account, value);
			account.scheduled_wh = gate::day_wh(&detail.scheduled_kw);
			account.cut_availability_wh.saturating_accrue(cut_availability_wh);
			account.cut_psm_wh.saturating_accrue(cut_psm_wh);
			account.cut_regulation_wh.saturating_accrue(cut_regulation_wh);
			account.cut_resale_wh.saturating_accrue(cut_resale_wh);
			account.revisions.saturating_inc();
			let scheduled_wh = account.scheduled_wh;
			DayDetails::<T>::insert(ppa, day, detail);
			EnergyAccounts::<T>::insert(ppa, day, account);
			let cuts = Cuts {
				availability_wh: cut_availability_wh,
				payment_security_wh: cut_psm_wh,
				regulation_wh: cut_regulation_wh,
				resale_wh: cut_resale_wh,
				lead_time_wh: 0,
			};
			Ok((cuts, scheduled_wh))
		}

		/// Sets the unmetered value of `ppa`'s `day` to `value`: the advance escrow holds
		/// committed to the day follows (more committed as far as the advance allows; a fall
		/// releases as much, escrow keeping no more than was committed).
		pub(crate) fn revalue(
			ppa: PpaId,
			day: GridDay,
			account: &mut EnergyAccount,
			value: Balance,
		) {
			let old = account.unmetered_value;
			if value > old {
				T::Security::commit_advance(ppa, day, value.saturating_sub(old));
			} else if value < old {
				T::Security::release_advance(ppa, day, old.saturating_sub(value));
			}
			account.unmetered_value = value;
		}
	}
}
