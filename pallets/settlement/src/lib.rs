//! # Settlement pallet
//!
//! Bills, real-time settlement, payments, rebates, late payment surcharge and disputes: the
//! dues ledger of every PPA (rules 7-13, 16, 26).
//!
//! - Charges: when a block's energy is metered (scheduling tells this pallet at once), its
//!   energy charge (scheduled Wh at the energy rate) and capacity charge (contracted kW x
//!   capacity rate / (days in month x 96) x declared availability) are computed, rounded down.
//! - Real-time settlement: a PPA billed per time block whose buyer holds enough advance and
//!   owes nothing is billed and paid from the advance in the same block, with the best rebate.
//!   Otherwise the block's charges join the day's bill.
//! - Bills: daily and monthly charges accumulate in the open bill of their period; the bill
//!   is presented by a hook on the day after the period closes (P = that day, D = P + due
//!   days), and paid at once from the buyer's advance, if any. Anyone may push a closed
//!   period's bill out with `present_bill`.
//! - Payments (buyer, advance, letters of credit drawn by the seller from D on) go to accrued
//!   LPS first, then to principal oldest bill first; a bill paid in full inside a rebate
//!   window earns the rebate.
//! - LPS accrues daily on undisputed principal after D at the LPS Rules' stepped rate
//!   ([`lps`]); a hook steps each overdue bill into its next month of default.
//! - Revised energy accounts (rule 2): when the LDC revises a metered block's
//!   schedule or availability, the difference in its charges goes into its period's open
//!   bill, or, once billed, into a supplementary bill presented at once (its own P and D) or a
//!   credit taken off the buyer's unpaid bills and then its next bills.
//! - State that stays: every bill presented, paid or not, and each PPA's dues ledger stay for
//!   the chain's life (they are the record of what was billed and paid that regulators audit,
//!   and LPS accrues on an unpaid bill until it is paid). Open bills and the presentation and
//!   LPS queues empty as bills are presented and paid.
//! - Disputes within the window exclude the disputed part from what is owed until the
//!   regulator rules: upheld, the bill is reduced; rejected, the amount is due with LPS from D.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod allocation;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_setup;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod charges;
mod charging;
mod collection;
mod disputes;
mod impl_dues;
mod impl_observers;
pub mod lps;
pub mod migrations;
#[cfg(test)]
mod mock;
mod payments;
mod presentation;
mod queries;
mod surcharge;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible, weights::WeightMeter};
	use frame_system::pallet_prelude::*;
	use ppa_primitives::{
		Balance, DocumentHash, DuesObserver, EnergyWh, GridDay, GridInstant, GridTime,
		ParticipantRoles, PpaId, PpaRegistry, Role, SecurityPayments,
	};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The tokenised rupee (pallet-balances): buyers pay sellers in it.
		type Currency: fungible::Mutate<Self::AccountId, Balance = Balance>;
		/// Who holds which role, and who is suspended (the registry).
		type Roles: ParticipantRoles<Self::AccountId>;
		/// PPAs, their parties and terms (the registry).
		type Ppas: PpaRegistry<Self::AccountId>;
		/// Payment from advance and letters of credit (escrow).
		type Security: SecurityPayments;
		/// Told of bills presented and dues reduced (defaults).
		type Observer: ppa_primitives::DuesObserver<Self::AccountId>;
		/// The chain's clock.
		type GridTime: GridTime;
		/// Sets the settlement parameters (root on a dev chain).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Rules on disputes (root on a dev chain).
		type RegulatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most bills with something unpaid between one buyer and one seller, over all their
		/// PPAs (a payment reaches them all, rule 13); a period's bill waits (charges stay
		/// open) while the pair has this many.
		#[pallet::constant]
		type MaxUnpaidBills: Get<u32>;
		/// The weight `on_initialize` may take presenting bills and stepping LPS months, each
		/// assured half of it; the rest waits (`Pallet::hook_weight_for` gives a budget with
		/// room for so many).
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
		/// Sets up registry and escrow state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: ppa_primitives::PpaBenchmarkHelper<Self::AccountId>
			+ ppa_primitives::SecurityBenchmarkHelper<Self::AccountId>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The settlement rules in force.
	#[pallet::storage]
	pub type Parameters<T> = StorageValue<_, SettlementParameters, ValueQuery>;

	/// The LPS base rate by financial year (rule 12), sorted by the day each applies
	/// from.
	#[pallet::storage]
	pub type LpsBaseRates<T> =
		StorageValue<_, BoundedVec<lps::BaseRate, ConstU32<{ lps::MAX_BASE_RATES }>>, ValueQuery>;

	/// Stays of disputed amounts, per PPA and bill (rule 11).
	#[pallet::storage]
	pub type Stays<T> = StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, BillId, Stay>;

	/// The PPAs of a (buyer, seller) pair with unpaid bills, and how many each has: what a
	/// payment of the buyer to the seller reaches (rule 13).
	#[pallet::storage]
	pub type UnpaidByPair<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		(T::AccountId, T::AccountId),
		BoundedVec<(PpaId, u32), T::MaxUnpaidBills>,
		ValueQuery,
	>;

	/// The next bill's id.
	#[pallet::storage]
	pub type NextBillId<T> = StorageValue<_, BillId, ValueQuery>;

	/// Presented bills, per PPA.
	#[pallet::storage]
	pub type Bills<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, BillId, Bill<T::AccountId>>;

	/// A PPA's bills with something unpaid, oldest first.
	#[pallet::storage]
	pub type UnpaidBills<T: Config> =
		StorageMap<_, Twox64Concat, PpaId, BoundedVec<BillId, T::MaxUnpaidBills>, ValueQuery>;

	/// Charges of a PPA's billing period not yet presented, by the period's first day.
	#[pallet::storage]
	pub type OpenBills<T> =
		StorageDoubleMap<_, Twox64Concat, PpaId, Twox64Concat, GridDay, OpenBill>;

	/// The dues ledger of each PPA.
	#[pallet::storage]
	pub type Ledgers<T> = StorageMap<_, Twox64Concat, PpaId, PpaLedger, ValueQuery>;

	/// Open bills (PPA, period's first day) to present on a day. One entry per bill, so that
	/// queueing costs one write however many bills fall on the day.
	#[pallet::storage]
	pub type PresentationQueue<T> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, (PpaId, GridDay), ()>;

	/// The first day whose presentations are not all done.
	#[pallet::storage]
	pub type PresentationCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	/// Overdue bills that enter a new month of default (a higher LPS rate) on a day.
	#[pallet::storage]
	pub type LpsQueue<T> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, (PpaId, BillId), ()>;

	/// The first day whose LPS month steps are not all done.
	#[pallet::storage]
	pub type LpsCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The settlement rules at genesis.
		pub parameters: SettlementParameters,
		/// The LPS base rate by financial year (the year of its 1 April) at genesis: at least
		/// one.
		pub base_rates: alloc::vec::Vec<(u16, sp_runtime::Permill)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			GenesisConfig {
				parameters: SettlementParameters::default(),
				base_rates: alloc::vec![(2026, BASE_RATE_2026)],
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut table = alloc::vec::Vec::new();
			for (year, rate) in self.base_rates.iter() {
				let from = ppa_primitives::clock::financial_year_start(*year);
				table.push(lps::BaseRate { financial_year: *year, from, rate: *rate });
			}
			table.sort_by_key(|entry| entry.from);
			assert!(
				table.windows(2).all(|w| w[0].financial_year < w[1].financial_year),
				"one base rate per financial year"
			);
			assert!(table.len() <= lps::MAX_BASE_RATES as usize, "at most 64 base rates");
			assert!(!table.is_empty(), "a base rate for LPS");
			let table = BoundedVec::truncate_from(table);
			assert!(Pallet::<T>::valid(&self.parameters, &table), "invalid settlement parameters");
			Parameters::<T>::put(self.parameters);
			LpsBaseRates::<T>::put(table);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The settlement parameters changed.
		ParametersSet { parameters: SettlementParameters },
		/// The LPS base rate of a financial year was set: it applies from day `from` (the
		/// year's 1 April, or the day after today if set late; rule 12).
		LpsBaseRateSet { financial_year: u16, rate: sp_runtime::Permill, from: GridDay },
		/// A competent authority stayed `amount` of a bill's disputed principal: it is not
		/// payable and does not count toward default until the ruling (rule 11).
		DisputeStayed {
			ppa: PpaId,
			bill: BillId,
			authority: StayAuthority,
			order: DocumentHash,
			amount: Balance,
		},
		/// A block of a real-time PPA was billed and paid from the buyer's advance at once:
		/// charges, what the advance paid and the rebate (INR units).
		BlockSettled {
			ppa: PpaId,
			at: GridInstant,
			seller: T::AccountId,
			buyer: T::AccountId,
			energy_wh: EnergyWh,
			energy_charge: Balance,
			capacity_charge: Balance,
			paid: Balance,
			rebate: Balance,
		},
		/// A metered block's charges joined the open bill of the period starting `period`.
		BlockCharged {
			ppa: PpaId,
			at: GridInstant,
			period: GridDay,
			energy_wh: EnergyWh,
			energy_charge: Balance,
			capacity_charge: Balance,
		},
		/// A bill was presented: presentation date P, due date D, its charges (INR units), and
		/// the net resale proceeds taken off its capacity charge (rule 21).
		BillPresented {
			ppa: PpaId,
			bill: BillId,
			seller: T::AccountId,
			buyer: T::AccountId,
			first_day: GridDay,
			last_day: GridDay,
			energy_wh: EnergyWh,
			energy_charge: Balance,
			capacity_charge: Balance,
			resale_credit: Balance,
			presented_on: GridDay,
			due_on: GridDay,
		},
		/// Net proceeds of reselling the PPA's share on the open market were credited against
		/// its buyer's capacity charges (rule 21): `pending` is now waiting to come off
		/// the next bills.
		ResaleProceedsCredited {
			ppa: PpaId,
			seller: T::AccountId,
			buyer: T::AccountId,
			amount: Balance,
			pending: Balance,
		},
		/// A closed period's bill must wait: the PPA has the most unpaid bills it may have.
		PresentationDeferred { ppa: PpaId, period: GridDay },
		/// A payment reached a bill: to LPS, to principal, rebate allowed; what stays unpaid.
		BillPaid {
			ppa: PpaId,
			bill: BillId,
			source: PaymentSource,
			lps: Balance,
			principal: Balance,
			rebate: Balance,
			outstanding: Balance,
			lps_unpaid: Balance,
		},
		/// A bill was paid off: nothing, disputed or not, is owed on it.
		BillSettled { ppa: PpaId, bill: BillId },
		/// Money went from `source` to the seller for a PPA's dues: `amount` in all (LPS and
		/// principal), plus rebates allowed.
		PaymentApplied {
			ppa: PpaId,
			source: PaymentSource,
			seller: T::AccountId,
			amount: Balance,
			lps: Balance,
			principal: Balance,
			rebate: Balance,
		},
		/// An overdue bill entered month `month` of default: LPS now accrues at `annual_rate`
		/// on `outstanding`; `lps` is accrued through the day before.
		LpsMonthBegan {
			ppa: PpaId,
			bill: BillId,
			month: u32,
			annual_rate: sp_runtime::Permill,
			outstanding: Balance,
			lps: Balance,
		},
		/// The buyer disputed part of a bill: still payable, and counted toward default, unless
		/// stayed.
		BillDisputed {
			ppa: PpaId,
			bill: BillId,
			buyer: T::AccountId,
			amount: Balance,
			reason: DocumentHash,
		},
		/// The regulator ruled on a dispute: `upheld` came off the bill (what of it was paid
		/// already is credited to the buyer); of a stayed amount, `due` became payable again
		/// with `lps` of surcharge for the days it was stayed.
		DisputeResolved { ppa: PpaId, bill: BillId, upheld: Balance, due: Balance, lps: Balance },
		/// A metered block's energy account was revised (rule 2): its charges `was` and
		/// `now` (INR units: its energy charge, and what it adds to its month's capacity
		/// charge); the difference went into the open bill of `period`, or (`None`:
		/// billed already) into a supplementary bill or a credit.
		BlockRevised {
			ppa: PpaId,
			at: GridInstant,
			was: Balance,
			now: Balance,
			period: Option<GridDay>,
		},
		/// A revision raised a billed block's charges: the rise is bill `bill`, presented now
		/// (its `BillPresented` says the amounts and dates).
		SupplementaryBillPresented { ppa: PpaId, bill: BillId, at: GridInstant },
		/// A revision lowered billed charges by `amount` (INR units): `applied` came off unpaid
		/// bills' principal, oldest first; `pending` (all credit owed) comes off the next bills.
		CreditNoted { ppa: PpaId, amount: Balance, applied: Balance, pending: Balance },
		/// Credit owed to the buyer came off a bill as it was presented, or (`None`) off a
		/// real-time block settled at once.
		CreditTakenOff { ppa: PpaId, bill: Option<BillId>, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The parameters are out of range (a zero dispute window or base rate, or a rate
		/// above 100 %).
		InvalidParameters,
		/// The financial year has ended: its days accrued at the rates in force then.
		FinancialYearOver,
		/// The financial year's base rate is in force already: days past keep their rate.
		BaseRateInForce,
		/// The base-rate table is full.
		TooManyBaseRates,
		/// The dispute is stayed already.
		AlreadyStayed,
		/// Nothing of the disputed amount is unpaid: nothing to stay.
		NothingToStay,
		/// Only the PPA's buyer pays its dues to the seller: the named PPA is not between
		/// them.
		NotBetweenThePair,
		/// No such PPA.
		UnknownPpa,
		/// Only the PPA's buyer may do this.
		NotTheBuyer,
		/// Only the PPA's seller may do this.
		NotTheSeller,
		/// The caller is suspended (or no longer holds its role): it may only pay what it owes
		/// and release what it holds.
		Suspended,
		/// An amount must be above zero.
		ZeroAmount,
		/// Nothing is owed on the PPA.
		NothingDue,
		/// Nothing on the PPA has reached its due date.
		NothingFallenDue,
		/// The buyer holds no advance for the PPA.
		NoAdvance,
		/// Escrow paid less from the advance than it holds.
		AdvanceShort,
		/// No such bill of the PPA.
		NoSuchBill,
		/// The dispute window after presentation has closed.
		DisputeWindowClosed,
		/// The bill was already disputed.
		AlreadyDisputed,
		/// A dispute may not exceed the bill's undisputed unpaid principal.
		DisputeExceedsOutstanding,
		/// The bill has no dispute awaiting a ruling.
		NoDispute,
		/// The part upheld may not exceed the part disputed.
		UpheldExceedsDisputed,
		/// No open bill of the PPA for that period.
		NoOpenBill,
		/// The billing period has not closed yet.
		PeriodNotClosed,
		/// The buyer and seller have the most unpaid bills they may have.
		TooManyUnpaidBills,
		/// Every bill id has been used.
		NoBillIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			if meter.try_consume(T::WeightInfo::on_initialize_lps(0)).is_ok() {
				// Presentations first within half of the budget, so that a month-end of them
				// cannot hold the LPS steps back; then the steps; then presentations again
				// with what the steps left.
				let mut half = WeightMeter::with_limit(meter.remaining() / 2);
				let first = Self::present_due_bills(&mut half);
				meter.consume(half.consumed());
				Self::step_lps_months(&mut meter);
				// Only a walk that ran out of its half, not a first one setting its cursor.
				if first.days > 0 && first.cursor.is_some_and(|day| day <= Self::today()) {
					Self::present_due_bills(&mut meter);
				}
			}
			meter.consumed()
		}

		fn integrity_test() {
			assert!(
				Self::hook_weight_for(1, 1).all_lte(T::MaxHookWeight::get()),
				"presentations and LPS steps must make progress"
			);
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			// An eighth: one presentation to a PPA with its most unpaid bills carries the
			// largest storage proof of any hook's item (1.25 MB on a parachain).
			assert!(
				Self::hook_weight_bound().all_lt(max / 8),
				"settlement hooks may use an eighth of a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the LPS monthly step, its maximum and the dispute window.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			parameters: SettlementParameters,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				Self::valid(&parameters, &LpsBaseRates::<T>::get()),
				Error::<T>::InvalidParameters
			);
			Parameters::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// The buyer pays up to `amount` (INR units) to `seller` (LPS Rules 2022, rule 5;
		/// rule 13): first to the LPS accrued on every bill of all their PPAs, then to
		/// principal, the longest overdue bill first, whichever PPA it is of; then to bills not
		/// yet due, those of `prefer` first if named, each earning its rebate if paid in full
		/// inside a rebate window. Only what is owed moves.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::pair_payment_weight(T::MaxUnpaidBills::get()))]
		pub fn pay(
			origin: OriginFor<T>,
			seller: T::AccountId,
			amount: Balance,
			prefer: Option<PpaId>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			if let Some(ppa) = prefer {
				let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
				ensure!(
					parties.buyer == who && parties.seller == seller,
					Error::<T>::NotBetweenThePair
				);
			}
			let bills = Self::pay_seller(&who, &seller, amount, prefer)?;
			Ok(Some(Self::pair_payment_weight(bills)).into())
		}

		/// Applies the buyer's advance held for the PPA to its dues, as a payment. Anyone may
		/// push it (bills are otherwise paid from advance when presented).
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::observed(T::WeightInfo::settle_from_advance(T::MaxUnpaidBills::get())))]
		pub fn settle_from_advance(origin: OriginFor<T>, ppa: PpaId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(T::Ppas::parties(ppa).is_some(), Error::<T>::UnknownPpa);
			let held = T::Security::advance_held(ppa);
			ensure!(held > 0, Error::<T>::NoAdvance);
			let bills = Self::pay_from_advance(ppa, held)?;
			Ok(Some(Self::observed(T::WeightInfo::settle_from_advance(bills))).into())
		}

		/// The seller draws the PPA's letters of credit for what has fallen due (LPS, and
		/// principal of bills on or after their due date, rule 16), within each LC's
		/// limits; the drawal is applied to those dues like a payment.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::observed(T::WeightInfo::draw_letter_of_credit(T::MaxUnpaidBills::get())))]
		pub fn draw_letter_of_credit(
			origin: OriginFor<T>,
			ppa: PpaId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(parties.seller == who, Error::<T>::NotTheSeller);
			ensure!(T::Roles::has_active_role(&who, Role::Generator), Error::<T>::Suspended);
			let (bills, _) =
				Self::collect(ppa, ppa_primitives::SecurityInstrument::LettersOfCredit)?;
			Ok(Some(Self::observed(T::WeightInfo::draw_letter_of_credit(bills))).into())
		}

		/// The buyer disputes `amount` of a bill's unpaid principal, within the dispute window
		/// after presentation, with the hash of its reasons (rule 11). The amount stays
		/// payable, accrues LPS and counts toward default unless a competent authority stays it
		/// (`stay_dispute`).
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::observed(T::WeightInfo::dispute_bill()))]
		pub fn dispute_bill(
			origin: OriginFor<T>,
			ppa: PpaId,
			bill: BillId,
			amount: Balance,
			reason: DocumentHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			Self::dispute(who, ppa, bill, amount, reason)
		}

		/// The regulator rules on a bill's dispute: `upheld` (at most the disputed amount)
		/// comes off the bill, and what of it the buyer paid meanwhile is credited to it; the
		/// rest of a stayed amount is due again, with LPS for the days it was stayed.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::observed(T::WeightInfo::resolve_dispute()))]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			ppa: PpaId,
			bill: BillId,
			upheld: Balance,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			Self::rule_on_dispute(ppa, bill, upheld)
		}

		/// Presents the open bill of the PPA's period starting `period` now that the period
		/// has closed, without waiting for the hook. Anyone may push it.
		#[pallet::call_index(6)]
		#[pallet::weight(Pallet::<T>::presentation_weight(T::MaxUnpaidBills::get()))]
		pub fn present_bill(
			origin: OriginFor<T>,
			ppa: PpaId,
			period: GridDay,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let bills = Self::present(ppa, period)?;
			Ok(Some(Self::presentation_weight(bills)).into())
		}

		/// Sets the LPS base rate of `financial_year` (the year of its 1 April): SBI's one-year
		/// MCLR on that 1 April + 5 % (rule 12). It applies from the year's 1 April, or,
		/// set late, from tomorrow: a day already past keeps the rate it accrued at. A year
		/// whose rate is in force, or that has ended, is refused.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_lps_base_rate())]
		pub fn set_lps_base_rate(
			origin: OriginFor<T>,
			financial_year: u16,
			rate: sp_runtime::Permill,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::set_base_rate(financial_year, rate)
		}

		/// Records that a competent authority (the regulator, a court or the PPA's dispute
		/// body) stayed the disputed amount of a bill, with the hash of its order: the part of
		/// it still unpaid is held back from what is payable and from default until the ruling
		/// (rule 11).
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::observed(T::WeightInfo::stay_dispute()))]
		pub fn stay_dispute(
			origin: OriginFor<T>,
			ppa: PpaId,
			bill: BillId,
			authority: StayAuthority,
			order: DocumentHash,
		) -> DispatchResult {
			T::RegulatorOrigin::ensure_origin(origin)?;
			Self::stay(ppa, bill, authority, order)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `parameters` are in range with the base rates `base`: a dispute window, and
		/// every base rate above zero with the most uplift at most 100 %.
		pub(crate) fn valid(parameters: &SettlementParameters, base: &[lps::BaseRate]) -> bool {
			parameters.dispute_window_days > 0
				&& base.iter().all(|entry| Self::valid_base_rate(entry.rate, parameters))
		}

		/// Whether `rate` is a valid base rate under `parameters`.
		pub(crate) fn valid_base_rate(
			rate: sp_runtime::Permill,
			parameters: &SettlementParameters,
		) -> bool {
			!rate.is_zero()
				&& rate.deconstruct().saturating_add(parameters.lps_max_uplift.deconstruct())
					<= <sp_runtime::Permill as sp_runtime::PerThing>::ACCURACY
		}

		/// The LPS rules in force.
		pub fn lps_rules() -> LpsRules {
			LpsRules { parameters: Parameters::<T>::get(), base: LpsBaseRates::<T>::get() }
		}

		/// The weight of a payment reaching `bills` unpaid bills of a pair, on as many PPAs,
		/// with defaults told of each PPA.
		pub(crate) fn pair_payment_weight(bills: u32) -> Weight {
			T::WeightInfo::pay(bills).saturating_add(
				<T::Observer as DuesObserver<T::AccountId>>::dues_reduced_weight_of(bills),
			)
		}

		/// `weight` of a call that changes a buyer's dues, with telling defaults.
		pub(crate) fn observed(weight: Weight) -> Weight {
			weight
				.saturating_add(<T::Observer as DuesObserver<T::AccountId>>::dues_reduced_weight())
		}

		/// Presenting a bill to a PPA with `unpaid` unpaid bills, with telling defaults of the
		/// bill and of its payment from advance, and its presentation to the letters of credit
		/// (for a PPA whose LCs pay on presentation).
		pub(crate) fn presentation_weight(unpaid: u32) -> Weight {
			Self::observed(T::WeightInfo::present_bill(unpaid))
				.saturating_add(<T::Observer as DuesObserver<T::AccountId>>::bill_presented_weight())
				// A bill paid from the advance and then by LC on presentation tells defaults twice.
				.saturating_add(T::WeightInfo::draw_letter_of_credit(unpaid))
				.saturating_add(<T::Observer as DuesObserver<T::AccountId>>::dues_reduced_weight())
		}

		/// A hook budget with room for `presentations` bills presented to PPAs with the most
		/// unpaid bills and `steps` LPS steps, each on one day: the benchmark's base, each
		/// walk's overhead, each item with the read of the next.
		pub fn hook_weight_for(presentations: u32, steps: u32) -> Weight {
			let db = T::DbWeight::get();
			let read = db.reads(1);
			T::WeightInfo::on_initialize_lps(0)
				.saturating_add(ppa_primitives::queue::walk_overhead(db).saturating_mul(3))
				.saturating_add(
					Self::presentation_bound()
						.saturating_add(read)
						.saturating_mul(presentations.into()),
				)
				.saturating_add(
					Self::lps_step_weight().saturating_add(read).saturating_mul(steps.into()),
				)
		}

		/// The most `on_initialize` may take: its budget.
		pub fn hook_weight_bound() -> Weight {
			T::MaxHookWeight::get()
		}

		/// Today on the grid clock.
		pub(crate) fn today() -> GridDay {
			T::GridTime::today()
		}
	}
}
