//! # Resale pallet
//!
//! The open market for a defaulting buyer's share (rules 19, 21, 23-25): the seller
//! offers what is withheld from the defaulter per time block of tomorrow, discoms in good
//! standing bid with their funds held, each block clears at a uniform price, the winners get a
//! schedule and pay on delivery, and the net proceeds come off the defaulter's capacity
//! charges.
//!
//! - Offers: for a PPA whose buyer is in default, its seller offers, for day D (tomorrow),
//!   kW per block up to what regulation withholds (the regulated share of the buyer's
//!   entitlement), or up to the whole entitlement once it stops supply (rule 19), at a reserve
//!   price within the exchange's bounds (INR 0-10 per kWh) and at most 120 % of the PPA's
//!   energy rate plus its transmission rate (rule 23). A PPA with the automatic-offer term gets
//!   its regulated share offered by the chain at the energy rate, from the first block of D-1.
//!   An offer may be replaced until the clearing gate.
//! - Bids: registered buyers not in default (rule 24) bid a price and kW for a block; the bid's
//!   full value is held from the bidder (hold reason `BidCollateral`); a bid may be withdrawn
//!   until the gate.
//! - Clearing at the gate (block 36 of D-1 = 09:00 IST, before the requisition gate and the
//!   day-ahead finalization): a hook clears the books block by block within a weight budget
//!   ([`clearing`]: highest price first, uniform price = lowest accepted bid, pro-rata at the
//!   margin, nothing below the reserve). Winners are scheduled through the scheduling pallet,
//!   which keeps the PPA's own schedule to its entitlement less what was sold; the value of
//!   each award at the clearing price stays held, the rest is released. Anyone may push a
//!   block's clearing with `clear_block`.
//! - Delivery: when the block's energy is metered, the energy metered beyond the PPA's own
//!   schedule (at most what was sold) is the energy delivered to the winners, shared in
//!   proportion to their awards; each pays the seller for its part at the clearing price from
//!   its hold, and the rest is released. A hook does it (or anyone, with `settle_delivery`).
//! - Proceeds: per block, revenue less the delivered energy at the PPA's energy rate, when
//!   positive, is credited through settlement against the defaulter's capacity charges: it
//!   comes off the capacity charge of the PPA's next bills (rule 21).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod auto;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod clearing;
mod delivery;
mod expiry;
mod market;
pub mod migrations;
#[cfg(test)]
mod mock;
mod queries;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use ppa_primitives::{
		Balance, BuyerDefaults, EnergyLedger, EnergyWh, GridDay, GridTime, ParticipantRoles,
		PowerKw, PpaId, PpaRegistry, ProceedsCredit, Regulation, SaleScheduling, TimeBlock,
	};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The value of a bid, held from the bidder until clearing and delivery (rule 24).
		BidCollateral,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The tokenised rupee (pallet-balances): bids are held in it and paid from the hold.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// Roles of participants (the registry).
		type Roles: ParticipantRoles<Self::AccountId>;
		/// PPAs, their parties and terms (the registry).
		type Ppas: PpaRegistry<Self::AccountId>;
		/// Who is in default and how far it is regulated (defaults).
		type Defaults: BuyerDefaults<Self::AccountId> + Regulation<Self::AccountId>;
		/// Entitlements and the winners' schedules (scheduling).
		type Sales: SaleScheduling<Self::AccountId>;
		/// Metered energy of a block (scheduling).
		type Energy: EnergyLedger;
		/// Net proceeds credited against the defaulter's capacity charges (settlement).
		type Proceeds: ProceedsCredit;
		/// The chain's clock.
		type GridTime: GridTime;
		/// Sets the market's parameters (root on a dev chain).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most bids in one block's book.
		#[pallet::constant]
		type MaxBidsPerBlock: Get<u32>;
		/// Most bids one bidder holds in one block's book.
		#[pallet::constant]
		type MaxBidsPerBidder: Get<u32>;
		/// Most bids all books of one delivery day hold: sized so that the hook clears the
		/// worst case they allow (each bid alone in its book) between the clearing gate and the
		/// requisition gate, in real time.
		#[pallet::constant]
		type MaxBidsPerDay: Get<u32>;
		/// Most bids one bidder holds in all books of one delivery day: no one bidder (nor a
		/// few) can take the day's bids from the others.
		#[pallet::constant]
		type MaxBidsPerBidderPerDay: Get<u32>;
		/// The most weight the hook spends a block on clearing books and paying deliveries.
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
		/// Most defaulters the hook looks at a block for automatic offers.
		#[pallet::constant]
		type MaxAutoOfferBuyersPerBlock: Get<u32>;
		/// Grid days after its delivery day that a block's offer, result and awards are kept
		/// (longer than the meter window): then what is still held for a block never metered is
		/// released to its winners, and the records are pruned.
		#[pallet::constant]
		type RetentionDays: Get<GridDay>;
		/// Sets up registry and defaults state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: ppa_primitives::PpaBenchmarkHelper<Self::AccountId>
			+ ppa_primitives::ResaleBenchmarkHelper<Self::AccountId>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The market's rules in force.
	#[pallet::storage]
	pub type Parameters<T> = StorageValue<_, ResaleParameters, ValueQuery>;

	/// Offers per delivery day and PPA.
	#[pallet::storage]
	pub type Offers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, PpaId, Offer<T::AccountId>>;

	/// Offers with books to clear: bit `b` is set while block `b`'s book holds bids and is not
	/// cleared. A book nobody bid on is never cleared (nothing is sold in it, and it has no
	/// result), so offers cost the hook nothing; bids do, and they are bounded per day.
	#[pallet::storage]
	pub type ClearingQueue<T> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, PpaId, u128>;

	/// Bids held in the books of a delivery day (at most `MaxBidsPerDay`), until its clearing.
	#[pallet::storage]
	pub type BidsOnDay<T> = StorageMap<_, Twox64Concat, GridDay, u32, OptionQuery>;

	/// Bids each bidder holds in the books of a delivery day (at most
	/// `MaxBidsPerBidderPerDay`), until its clearing.
	#[pallet::storage]
	pub type BidderBidsOnDay<T: Config> =
		StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, T::AccountId, u32, OptionQuery>;

	/// The first delivery day whose clearing may not be done.
	#[pallet::storage]
	pub type ClearingCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	/// Bids in each block's book.
	#[pallet::storage]
	pub type BookSizes<T> = StorageMap<_, Twox64Concat, AuctionKey, u32, ValueQuery>;

	/// The open books: bids per block.
	#[pallet::storage]
	pub type Bids<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AuctionKey, Twox64Concat, BidId, Bid<T::AccountId>>;

	/// How many bids each bidder holds in each open book (at most `MaxBidsPerBidder`); gone
	/// with the book when it clears.
	#[pallet::storage]
	pub type BidsOfBidder<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AuctionKey, Twox64Concat, T::AccountId, u32, ValueQuery>;

	/// The next bid's id.
	#[pallet::storage]
	pub type NextBidId<T> = StorageValue<_, BidId, ValueQuery>;

	/// How each block cleared, and its delivery.
	#[pallet::storage]
	pub type Results<T> = StorageMap<_, Twox64Concat, AuctionKey, Clearing>;

	/// What each winner bought, until it has paid for the delivery.
	#[pallet::storage]
	pub type Awards<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AuctionKey, Twox64Concat, BidId, Award<T::AccountId>>;

	/// Blocks metered whose winners have not paid yet.
	#[pallet::storage]
	pub type Deliveries<T> = StorageMap<_, Twox64Concat, AuctionKey, ()>;

	/// Proceeds of reselling each PPA's share.
	#[pallet::storage]
	pub type ProceedsOf<T> = StorageMap<_, Twox64Concat, PpaId, Proceeds, ValueQuery>;

	/// Cleared blocks to expire on a day (the retention period after their delivery day).
	#[pallet::storage]
	pub type Expiries<T> = StorageDoubleMap<_, Twox64Concat, GridDay, Twox64Concat, AuctionKey, ()>;

	/// The first day whose expiries are not all done.
	#[pallet::storage]
	pub type ExpiryCursor<T> = StorageValue<_, GridDay, OptionQuery>;

	/// How far the hook got posting tomorrow's automatic offers.
	#[pallet::storage]
	pub type AutoOffers<T: Config> = StorageValue<_, AutoOfferWalk<T::AccountId>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The market's parameters changed.
		ParametersSet { parameters: ResaleParameters },
		/// A seller offered a defaulter's share for `day`: `offered_wh` over the day at
		/// `reserve` INR units per kWh or more.
		Offered {
			ppa: PpaId,
			day: GridDay,
			seller: T::AccountId,
			defaulter: T::AccountId,
			offered_wh: EnergyWh,
			reserve: Balance,
			whole_share: bool,
			automatic: bool,
		},
		/// A discom bid for a block; `held` INR units are held from it.
		BidPlaced {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			bid: BidId,
			bidder: T::AccountId,
			kw: PowerKw,
			price: Balance,
			held: Balance,
		},
		/// A bid was withdrawn and its funds released.
		BidWithdrawn {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			bid: BidId,
			bidder: T::AccountId,
			released: Balance,
		},
		/// A block's book cleared: `sold_kw` of `offered_kw` at `price` to `winners` of `bids`
		/// bids; the losers' funds were released.
		BlockCleared {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			offered_kw: PowerKw,
			sold_kw: PowerKw,
			price: Option<Balance>,
			bids: u32,
			winners: u32,
		},
		/// A bid won `kw` at the clearing price; `released` of its hold went back, the award's
		/// value stays held until delivery.
		BidAwarded {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			bid: BidId,
			bidder: T::AccountId,
			kw: PowerKw,
			price: Balance,
			released: Balance,
		},
		/// Scheduling refused the winners' schedule (the day was already finalized): nothing
		/// was sold and every bid was released.
		SaleRefused { ppa: PpaId, day: GridDay, block: TimeBlock, error: DispatchError },
		/// A winner paid the seller for the energy delivered to it; the rest of its hold was
		/// released.
		WinnerPaid {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			bid: BidId,
			bidder: T::AccountId,
			seller: T::AccountId,
			delivered_wh: EnergyWh,
			paid: Balance,
			released: Balance,
		},
		/// A block's resold energy was delivered and paid: revenue, its energy cost at the PPA's
		/// energy rate, and the net proceeds credited against the defaulter's capacity charges
		/// (rule 21).
		DeliverySettled {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			seller: T::AccountId,
			defaulter: T::AccountId,
			delivered_wh: EnergyWh,
			revenue: Balance,
			energy_cost: Balance,
			net_proceeds: Balance,
		},
		/// The hook could not settle a block's delivery; `settle_delivery` may retry it.
		DeliveryFailed { ppa: PpaId, day: GridDay, block: TimeBlock, error: DispatchError },
		/// The retention period after a block's delivery day passed: `released` (INR units)
		/// still held for its `awards` (a block never `metered`) went back to the winners, and
		/// its records were pruned (the offer with the day's last block).
		BlockExpired {
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			metered: bool,
			awards: u32,
			released: Balance,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The parameters are out of range.
		InvalidParameters,
		/// The caller is suspended (or no longer holds its role): it may only pay what it owes
		/// and release what it holds.
		Suspended,
		/// No PPA has this id.
		UnknownPpa,
		/// The PPA does not bind or does not supply on that day.
		NotSupplying,
		/// The caller is not the PPA's seller.
		NotTheSeller,
		/// The PPA's buyer is not in default: its share is not for sale (rule 19).
		BuyerNotInDefault,
		/// Offers and bids are for tomorrow only.
		NotTomorrow,
		/// The day's clearing gate has passed.
		GateClosed,
		/// The day's clearing gate has not passed yet.
		GateNotClosed,
		/// A day needs 96 values.
		WrongBlockCount,
		/// A block offers more than regulation withholds (or, once supply is stopped, than the
		/// buyer's entitlement).
		OverWithheld,
		/// A price is outside the exchange's bounds.
		PriceOutOfBounds,
		/// The reserve price is above 120 % of the energy rate plus transmission (rule
		/// 23).
		ReserveAboveCap,
		/// Nothing is offered for that day.
		NoOffer,
		/// Nothing is offered in that block.
		NothingOffered,
		/// The caller is not an active registered buyer.
		NotABuyer,
		/// The bidder is in default and may not buy on the market (rule 19).
		BidderInDefault,
		/// A bid of nothing.
		ZeroQuantity,
		/// The block's book is full.
		BookFull,
		/// The bid's price is below the offer's reserve: it could never win.
		BelowReserve,
		/// The bid is smaller than the market's minimum (`min_bid_kw`).
		BidBelowMinimum,
		/// The bidder already holds the most bids one bidder may hold in this book.
		TooManyBidsFromBidder,
		/// The bidder's free balance does not cover the bid's value.
		CannotCoverBid,
		/// No such bid in that block's book.
		NoSuchBid,
		/// The bid is someone else's.
		NotYourBid,
		/// The block's book is already cleared.
		AlreadyCleared,
		/// The block's book is not cleared yet.
		NotCleared,
		/// Nothing was sold in that block.
		NothingSold,
		/// The block's energy is not metered yet.
		NotMetered,
		/// The block's delivery is already paid.
		AlreadySettled,
		/// The books of that delivery day hold the most bids a day may: all of them must clear
		/// before the requisition gate.
		DayFull,
		/// The bidder holds the most bids one bidder may in that delivery day's books.
		TooManyBidsFromBidderToday,
		/// Every bid id has been used.
		NoBidIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let auto_offers = Self::post_auto_offers();
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			Self::clear_due(&mut meter);
			Self::settle_due(&mut meter);
			Self::expire_due(&mut meter);
			auto_offers.saturating_add(meter.consumed())
		}

		fn integrity_test() {
			assert!(T::MaxBidsPerBlock::get() > 0, "books must take bids");
			assert!(
				T::MaxBidsPerDay::get() >= T::MaxBidsPerBlock::get(),
				"a day takes a full book"
			);
			assert!(
				T::MaxBidsPerBidderPerDay::get() >= T::MaxBidsPerBidder::get(),
				"a bidder may fill its share of a book"
			);
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			let budget = T::MaxHookWeight::get();
			assert!(budget.all_lte(max / 2), "the hook may use half a block");
			let bids = T::MaxBidsPerBlock::get();
			assert!(
				T::WeightInfo::clear_block(bids).all_lte(budget),
				"a full book must clear within the hook's budget"
			);
			assert!(
				T::WeightInfo::settle_delivery(bids).all_lte(budget),
				"a full block's delivery must settle within the hook's budget"
			);
			assert!(
				Self::expiry_weight(bids)
					.saturating_add(T::DbWeight::get().reads(bids.into()))
					.saturating_add(ppa_primitives::queue::walk_overhead(T::DbWeight::get()))
					.all_lte(budget),
				"a full block's expiry must fit within the hook's budget"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the price bounds, the reserve cap and the clearing gate.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			parameters: ResaleParameters,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				parameters.price_floor <= parameters.price_ceiling
					&& parameters.reserve_cap_percent >= 100
					&& parameters.clearing_gate != TimeBlock::FIRST,
				Error::<T>::InvalidParameters
			);
			Parameters::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Offers `ppa`'s share withheld from its defaulting buyer for `day` (tomorrow): kW per
		/// block (96 values) at `reserve` INR units per kWh or more; `whole_share` once the
		/// seller stopped supply to the defaulter. Replaces an earlier offer until the gate.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::offer())]
		pub fn offer(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			kw: KwList,
			reserve: Balance,
			whole_share: bool,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			let kw: ppa_primitives::DayProfile =
				kw.as_slice().try_into().map_err(|_| Error::<T>::WrongBlockCount)?;
			Self::place_offer(Some(&seller), ppa, day, kw, reserve, whole_share, false)
		}

		/// Bids `price` INR units per kWh for `kw` of `ppa`'s offered share in `block` of `day`;
		/// holds the bid's full value (`kw x price / 4`, rounded up) from the caller.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::bid()
			// The day's bid counts, and the offer's clearing entry and the cursor for a book's
			// first bid (not yet in the benchmark).
			.saturating_add(T::DbWeight::get().reads_writes(4, 4)))]
		pub fn bid(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			kw: PowerKw,
			price: Balance,
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			Self::place_bid(bidder, (day, ppa, block), kw, price)
		}

		/// Withdraws the caller's bid `bid` from the book of `block` of `day` of `ppa`, until
		/// the gate, releasing its funds.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_bid()
			// The day's bid counts, and the offer's clearing entry for a book left empty (not
			// yet in the benchmark).
			.saturating_add(T::DbWeight::get().reads_writes(3, 3)))]
		pub fn withdraw_bid(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
			bid: BidId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::take_back_bid(who, (day, ppa, block), bid)
		}

		/// Clears the book of `block` of `day` of `ppa` once the gate has passed (the hook does
		/// it too).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::clear_block(T::MaxBidsPerBlock::get()))]
		pub fn clear_block(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let key = (day, ppa, block);
			Self::ensure_gate_passed(day)?;
			let bids = BookSizes::<T>::get(key);
			Self::clear(key)?;
			Ok(Some(T::WeightInfo::clear_block(bids)).into())
		}

		/// Has the winners of `block` of `day` of `ppa` pay for the energy delivered to them,
		/// once metered (the hook does it too).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::settle_delivery(T::MaxBidsPerBlock::get()))]
		pub fn settle_delivery(
			origin: OriginFor<T>,
			ppa: PpaId,
			day: GridDay,
			block: TimeBlock,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let winners = Self::settle((day, ppa, block))?;
			Ok(Some(T::WeightInfo::settle_delivery(winners)).into())
		}
	}
}
