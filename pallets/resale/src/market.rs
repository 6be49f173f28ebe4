//! The market at work: offers of a defaulted share, bids and their holds, and clearing each
//! block's book at the gate (rules 19, 23-25).

use crate::{
	block_value,
	clearing::{self, Ask},
	pallet::{
		Awards, BidderBidsOnDay, Bids, BidsOfBidder, BidsOnDay, BookSizes, ClearingCursor,
		ClearingQueue, Config, Error, Event, HoldReason, NextBidId, Offers, Pallet, Parameters,
		Results,
	},
	AuctionKey, Award, Bid, BidId, Clearing, Offer, ResaleParameters, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
	weights::WeightMeter,
};
use ppa_primitives::{
	energy::WH_PER_KW_BLOCK,
	queue::{self, DayQueue},
	Balance, BuyerDefaults, DayProfile, GridDay, GridTime, ParticipantRoles, PowerKw, PpaId,
	PpaRegistry, Regulation, Role, SaleScheduling, TimeBlock,
};
use sp_runtime::traits::Saturating;

/// Bidders' day counts removed in one block, at most.
const MAX_COUNTS_CLEARED: u32 = 1_000;

/// The clearing queue: on a delivery day, each offer's blocks whose books have bids (one bit
/// per block, lowest first).
pub(crate) struct DueBooks<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for DueBooks<T> {
	type Item = (PpaId, u128);

	fn cursor() -> Option<GridDay> {
		ClearingCursor::<T>::get()
	}

	/// Offers are only ever for tomorrow: past it, nothing can wait.
	fn set_cursor(day: GridDay) {
		ClearingCursor::<T>::set((day <= T::GridTime::today().saturating_add(1)).then_some(day));
	}

	/// The first offer with bids sets the cursor.
	fn start() -> Option<GridDay> {
		None
	}

	/// The offer just cleared a block of, while it has books left; then the next offer.
	fn next(day: GridDay, after: Option<&(PpaId, u128)>) -> Option<(PpaId, u128)> {
		match after {
			None => ClearingQueue::<T>::iter_prefix(day).next(),
			Some(&(ppa, _)) => match ClearingQueue::<T>::get(day, ppa) {
				Some(books) => Some((ppa, books)),
				None => ClearingQueue::<T>::iter_prefix_from(
					day,
					ClearingQueue::<T>::hashed_key_for(day, ppa),
				)
				.next(),
			},
		}
	}

	/// Its book's size read, and the book cleared.
	fn weight_bound(day: GridDay, &(ppa, books): &(PpaId, u128)) -> Weight {
		let db = T::DbWeight::get();
		match next_book(books) {
			Some(block) => T::WeightInfo::clear_block(BookSizes::<T>::get((day, ppa, block)))
				.saturating_add(db.reads_writes(2, 1)),
			None => db.writes(1),
		}
	}

	fn apply(day: GridDay, (ppa, books): (PpaId, u128)) -> Weight {
		let db = T::DbWeight::get();
		let Some(block) = next_book(books) else {
			ClearingQueue::<T>::remove(day, ppa);
			return db.writes(1);
		};
		let key = (day, ppa, block);
		let weight = T::WeightInfo::clear_block(BookSizes::<T>::get(key))
			.saturating_add(db.reads_writes(2, 1));
		Pallet::<T>::clear_due_book(key);
		weight
	}

	/// The day's bid counts, as many bidders' as `meter` holds, then its total.
	fn close_day(day: GridDay, meter: &mut WeightMeter) -> bool {
		let db = T::DbWeight::get();
		let each = db.reads_writes(1, 1);
		let room = |left: u64, cost: u64| left.checked_div(cost).unwrap_or(u64::MAX);
		let left = meter.remaining().saturating_sub(db.writes(1));
		let limit = room(left.ref_time(), each.ref_time())
			.min(room(left.proof_size(), each.proof_size()))
			.min(MAX_COUNTS_CLEARED.into());
		if limit == 0 {
			return false;
		}
		let cleared = BidderBidsOnDay::<T>::clear_prefix(day, limit as u32, None);
		meter.consume(db.reads_writes(cleared.loops.into(), cleared.unique.into()));
		if cleared.maybe_cursor.is_some() {
			return false;
		}
		BidsOnDay::<T>::remove(day);
		meter.consume(db.writes(1));
		true
	}
}

/// The first block of a clearing queue entry's bits, if it names one.
fn next_book(books: u128) -> Option<TimeBlock> {
	u8::try_from(books.trailing_zeros()).ok().and_then(TimeBlock::new)
}

impl<T: Config> Pallet<T> {
	// ---- gates

	/// Offers and bids for `day` are open: it is tomorrow and the gate has not passed.
	pub(crate) fn ensure_gate_open(day: GridDay) -> DispatchResult {
		let now = T::GridTime::now();
		ensure!(day == now.day.saturating_add(1), Error::<T>::NotTomorrow);
		ensure!(now.block < Parameters::<T>::get().clearing_gate, Error::<T>::GateClosed);
		Ok(())
	}

	/// The gate of `day` has passed: `day`'s books may clear.
	pub(crate) fn ensure_gate_passed(day: GridDay) -> DispatchResult {
		let now = T::GridTime::now();
		ensure!(day <= Self::last_day_cleared(now.day, now.block), Error::<T>::GateNotClosed);
		Ok(())
	}

	/// The latest delivery day whose gate has passed at `block` of `today`.
	fn last_day_cleared(today: GridDay, block: TimeBlock) -> GridDay {
		if block >= Parameters::<T>::get().clearing_gate {
			today.saturating_add(1)
		} else {
			today
		}
	}

	/// The highest reserve price an offer may name: the cap of rule 23 (a percentage of
	/// the energy rate plus transmission), within the exchange's ceiling.
	pub(crate) fn reserve_cap(
		params: &ResaleParameters,
		energy_rate: Balance,
		transmission_rate: Balance,
	) -> Balance {
		energy_rate
			.saturating_mul(params.reserve_cap_percent.into())
			.saturating_div(100)
			.saturating_add(transmission_rate)
			.min(params.price_ceiling)
	}

	// ---- offers

	/// Places (or replaces) the offer of `ppa`'s withheld share for `day`: by its seller
	/// `by`, or by the chain (`None`) under the automatic-offer term.
	pub(crate) fn place_offer(
		by: Option<&T::AccountId>,
		ppa: PpaId,
		day: GridDay,
		kw: DayProfile,
		reserve: Balance,
		whole_share: bool,
		automatic: bool,
	) -> DispatchResult {
		let (parties, status, terms) = T::Ppas::ppa_on(ppa, day).ok_or(Error::<T>::UnknownPpa)?;
		if let Some(seller) = by {
			ensure!(*seller == parties.seller, Error::<T>::NotTheSeller);
			ensure!(T::Roles::has_active_role(seller, Role::Generator), Error::<T>::Suspended);
		}
		ensure!(status.is_binding(), Error::<T>::NotSupplying);
		Self::ensure_gate_open(day)?;
		ensure!(T::Defaults::in_default(&parties.buyer), Error::<T>::BuyerNotInDefault);
		let entitlement = T::Sales::entitlement_kw(ppa, day).ok_or(Error::<T>::NotSupplying)?;
		let share = T::Defaults::regulated_share(&parties.buyer, day);
		ensure!(
			kw.iter().zip(entitlement.iter()).all(|(offered, cap)| {
				let withheld = if whole_share { *cap } else { share.mul_floor(*cap) };
				*offered <= withheld
			}),
			Error::<T>::OverWithheld
		);
		let params = Parameters::<T>::get();
		ensure!(
			(params.price_floor..=params.price_ceiling).contains(&reserve),
			Error::<T>::PriceOutOfBounds
		);
		ensure!(
			reserve <= Self::reserve_cap(&params, terms.energy_rate, terms.transmission_rate),
			Error::<T>::ReserveAboveCap
		);
		// The offer's records are pruned with its last block's, bid on or not.
		Self::queue_expiry((day, ppa, TimeBlock::LAST));
		let offered_wh = kw
			.iter()
			.fold(0u64, |wh, kw| wh.saturating_add(u64::from(*kw).saturating_mul(WH_PER_KW_BLOCK)));
		Offers::<T>::insert(
			day,
			ppa,
			Offer {
				seller: parties.seller.clone(),
				defaulter: parties.buyer.clone(),
				kw,
				reserve,
				energy_rate: terms.energy_rate,
				whole_share,
				automatic,
			},
		);
		Self::deposit_event(Event::Offered {
			ppa,
			day,
			seller: parties.seller,
			defaulter: parties.buyer,
			offered_wh,
			reserve,
			whole_share,
			automatic,
		});
		Ok(())
	}

	// ---- bids

	/// Places `bidder`'s bid in the book of `key`, holding its value.
	pub(crate) fn place_bid(
		bidder: T::AccountId,
		key: AuctionKey,
		kw: PowerKw,
		price: Balance,
	) -> DispatchResult {
		let (day, ppa, block) = key;
		ensure!(T::Roles::has_active_role(&bidder, Role::Buyer), Error::<T>::NotABuyer);
		ensure!(!T::Defaults::in_default(&bidder), Error::<T>::BidderInDefault);
		Self::ensure_gate_open(day)?;
		let offer = Offers::<T>::get(day, ppa).ok_or(Error::<T>::NoOffer)?;
		let offered = offer.kw.get(usize::from(block.index())).copied().unwrap_or(0);
		ensure!(offered > 0, Error::<T>::NothingOffered);
		ensure!(kw > 0, Error::<T>::ZeroQuantity);
		let params = Parameters::<T>::get();
		ensure!(
			(params.price_floor..=params.price_ceiling).contains(&price),
			Error::<T>::PriceOutOfBounds
		);
		ensure!(price >= offer.reserve, Error::<T>::BelowReserve);
		ensure!(kw >= params.min_bid_kw, Error::<T>::BidBelowMinimum);
		let size = BookSizes::<T>::get(key);
		ensure!(size < T::MaxBidsPerBlock::get(), Error::<T>::BookFull);
		let on_day = BidsOnDay::<T>::get(day).unwrap_or(0);
		ensure!(on_day < T::MaxBidsPerDay::get(), Error::<T>::DayFull);
		let own_on_day = BidderBidsOnDay::<T>::get(day, &bidder).unwrap_or(0);
		ensure!(
			own_on_day < T::MaxBidsPerBidderPerDay::get(),
			Error::<T>::TooManyBidsFromBidderToday
		);
		let own = BidsOfBidder::<T>::get(key, &bidder);
		ensure!(own < T::MaxBidsPerBidder::get(), Error::<T>::TooManyBidsFromBidder);
		let id = NextBidId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::NoBidIdLeft)?;
		let held = block_value(kw, price);
		T::Currency::hold(&HoldReason::BidCollateral.into(), &bidder, held)
			.map_err(|_| Error::<T>::CannotCoverBid)?;
		NextBidId::<T>::put(next_id);
		BookSizes::<T>::insert(key, size.saturating_add(1));
		BidsOnDay::<T>::insert(day, on_day.saturating_add(1));
		BidderBidsOnDay::<T>::insert(day, &bidder, own_on_day.saturating_add(1));
		if size == 0 {
			// The book now has something to clear.
			ClearingQueue::<T>::mutate(day, ppa, |books| {
				*books = Some(books.unwrap_or(0) | (1u128 << block.index()));
			});
			ClearingCursor::<T>::mutate(|c| *c = Some(c.map_or(day, |c| c.min(day))));
		}
		BidsOfBidder::<T>::insert(key, &bidder, own.saturating_add(1));
		Bids::<T>::insert(key, id, Bid { bidder: bidder.clone(), kw, price, held });
		Self::deposit_event(Event::BidPlaced { ppa, day, block, bid: id, bidder, kw, price, held });
		Ok(())
	}

	/// Takes `who`'s bid `id` out of the book of `key`, releasing its funds.
	pub(crate) fn take_back_bid(who: T::AccountId, key: AuctionKey, id: BidId) -> DispatchResult {
		let (day, ppa, block) = key;
		let bid = Bids::<T>::get(key, id).ok_or(Error::<T>::NoSuchBid)?;
		ensure!(bid.bidder == who, Error::<T>::NotYourBid);
		Self::ensure_gate_open(day)?;
		Bids::<T>::remove(key, id);
		let size = BookSizes::<T>::mutate_exists(key, |n| {
			*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
			n.unwrap_or(0)
		});
		BidsOnDay::<T>::mutate_exists(day, |n| {
			*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		BidderBidsOnDay::<T>::mutate_exists(day, &who, |n| {
			*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		if size == 0 {
			// Nothing left to clear in the book.
			Self::book_done(key);
		}
		BidsOfBidder::<T>::mutate_exists(key, &who, |n| {
			*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		let released = Self::release(&who, bid.held);
		Self::deposit_event(Event::BidWithdrawn {
			ppa,
			day,
			block,
			bid: id,
			bidder: who,
			released,
		});
		Ok(())
	}

	/// Releases up to `amount` held for bids from `who`; returns what was released.
	pub(crate) fn release(who: &T::AccountId, amount: Balance) -> Balance {
		if amount == 0 {
			return 0;
		}
		T::Currency::release(&HoldReason::BidCollateral.into(), who, amount, Precision::BestEffort)
			.unwrap_or(0)
	}

	// ---- clearing

	/// The book of `key` needs no clearing (any more): its bit leaves the offer's queue entry.
	pub(crate) fn book_done(key: AuctionKey) {
		let (day, ppa, block) = key;
		ClearingQueue::<T>::mutate_exists(day, ppa, |books| {
			*books = books.map(|b| b & !(1u128 << block.index())).filter(|b| *b != 0);
		});
	}

	/// Clears the book of `key` (rule 25): the winners are scheduled, the value of each
	/// award at the clearing price stays held, everything else is released.
	pub(crate) fn clear(key: AuctionKey) -> DispatchResult {
		let (day, ppa, block) = key;
		ensure!(!Results::<T>::contains_key(key), Error::<T>::AlreadyCleared);
		let offer = Offers::<T>::get(day, ppa).ok_or(Error::<T>::NoOffer)?;
		let offered_kw = offer.kw.get(usize::from(block.index())).copied().unwrap_or(0);
		let mut book: Vec<(BidId, Bid<T::AccountId>)> = Bids::<T>::drain_prefix(key).collect();
		BookSizes::<T>::remove(key);
		Self::book_done(key);
		// At most one entry per bid drained above.
		let _ = BidsOfBidder::<T>::clear_prefix(key, T::MaxBidsPerBlock::get(), None);
		book.sort_unstable_by_key(|(id, _)| *id);
		let asks: Vec<Ask> = book.iter().map(|(_, b)| Ask { price: b.price, kw: b.kw }).collect();
		let mut outcome = clearing::clear(offered_kw, offer.reserve, &asks);
		if outcome.price.is_some() {
			let winners: Vec<(T::AccountId, PowerKw)> = book
				.iter()
				.zip(outcome.awards.iter())
				.filter(|(_, kw)| **kw > 0)
				.map(|((_, bid), kw)| (bid.bidder.clone(), *kw))
				.collect();
			if let Err(error) = T::Sales::schedule_sale(ppa, day, block, &winners) {
				Self::deposit_event(Event::SaleRefused { ppa, day, block, error });
				outcome = clearing::Outcome {
					price: None,
					awards: alloc::vec![0; book.len()],
					sold_kw: 0,
				};
			}
		}
		let mut winners: u32 = 0;
		for ((id, bid), kw) in book.iter().zip(outcome.awards.iter()) {
			match outcome.price.filter(|_| *kw > 0) {
				Some(price) => {
					winners.saturating_inc();
					let keep = block_value(*kw, price).min(bid.held);
					let released = Self::release(&bid.bidder, bid.held.saturating_sub(keep));
					Awards::<T>::insert(
						key,
						id,
						Award { bidder: bid.bidder.clone(), kw: *kw, held: keep },
					);
					Self::deposit_event(Event::BidAwarded {
						ppa,
						day,
						block,
						bid: *id,
						bidder: bid.bidder.clone(),
						kw: *kw,
						price,
						released,
					});
				},
				None => {
					Self::release(&bid.bidder, bid.held);
				},
			}
		}
		let bids = book.len() as u32;
		Self::queue_expiry(key);
		Results::<T>::insert(
			key,
			Clearing {
				offered_kw,
				sold_kw: outcome.sold_kw,
				price: outcome.price,
				bids,
				winners,
				delivered_wh: None,
			},
		);
		Self::deposit_event(Event::BlockCleared {
			ppa,
			day,
			block,
			offered_kw,
			sold_kw: outcome.sold_kw,
			price: outcome.price,
			bids,
			winners,
		});
		Ok(())
	}

	/// Clears the books with bids of every day whose gate has passed, oldest day first and
	/// each offer's blocks in order, within `meter`. The cursor is the earliest day with a book
	/// to clear; none when no book waits. A day's bid counts go once its books are cleared.
	pub(crate) fn clear_due(meter: &mut WeightMeter) {
		let now = T::GridTime::now();
		let last = Self::last_day_cleared(now.day, now.block);
		queue::walk::<DueBooks<T>>(meter, T::DbWeight::get(), last);
	}

	/// Clears the book `key`, due: cleared already by a call, or refused (its offer gone),
	/// either way the book is done, and any bid still in it is released.
	fn clear_due_book(key: AuctionKey) {
		if frame_support::storage::with_storage_layer(|| Self::clear(key)).is_err() {
			Self::book_done(key);
			for (_, bid) in Bids::<T>::drain_prefix(key) {
				Self::release(&bid.bidder, bid.held);
			}
			BookSizes::<T>::remove(key);
			let _ = BidsOfBidder::<T>::clear_prefix(key, T::MaxBidsPerBlock::get(), None);
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Checks the books: each book's size counts its bids; awards remain only for cleared
	/// blocks not yet paid for; and every account's funds held for bids are exactly its bids'
	/// and awards' holds (nothing held is forgotten, nothing is paid twice).
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let mut held: alloc::collections::BTreeMap<T::AccountId, Balance> = Default::default();
		let mut on_day: alloc::collections::BTreeMap<GridDay, u32> = Default::default();
		for (key, size) in BookSizes::<T>::iter() {
			ensure!(
				Bids::<T>::iter_prefix(key).count() as u32 == size,
				"a book's size does not count its bids"
			);
			let (day, ppa, block) = key;
			ensure!(
				ClearingQueue::<T>::get(day, ppa)
					.is_some_and(|b| b & (1u128 << block.index()) != 0),
				"a book with bids is not queued for clearing"
			);
			*on_day.entry(day).or_default() += size;
		}
		for (day, open) in on_day {
			ensure!(
				BidsOnDay::<T>::get(day).unwrap_or(0) >= open,
				"a day's bid count is below its open books' bids"
			);
			ensure!(open <= T::MaxBidsPerDay::get(), "a day holds too many bids");
		}
		for (_, _, n) in BidderBidsOnDay::<T>::iter() {
			ensure!(n <= T::MaxBidsPerBidderPerDay::get(), "a bidder holds too many bids a day");
		}
		// Each bidder's count in a book is the number of its bids there, within the bound.
		let mut own: alloc::collections::BTreeMap<(AuctionKey, T::AccountId), u32> =
			Default::default();
		for (key, _, bid) in Bids::<T>::iter() {
			*own.entry((key, bid.bidder.clone())).or_default() += 1;
		}
		for (key, bidder, n) in BidsOfBidder::<T>::iter() {
			ensure!(n <= T::MaxBidsPerBidder::get(), "a bidder holds too many bids in a book");
			ensure!(
				own.remove(&(key, bidder)) == Some(n),
				"a bidder's count differs from its bids"
			);
		}
		ensure!(own.is_empty(), "bids no bidder's count records");
		for (key, _, bid) in Bids::<T>::iter() {
			ensure!(BookSizes::<T>::contains_key(key), "a bid outside a counted book");
			ensure!(!Results::<T>::contains_key(key), "a bid in a cleared book");
			let h = held.entry(bid.bidder).or_default();
			*h = h.saturating_add(bid.held);
		}
		for (key, result) in Results::<T>::iter() {
			ensure!(
				crate::pallet::Expiries::<T>::contains_key(Self::expiry_day(key.0), key),
				"a cleared block that never expires"
			);
			// Metering tells this pallet of a block only when it says part of it was resold.
			let (day, ppa, block) = key;
			let at = ppa_primitives::GridInstant::new(day, block);
			let metered = <T::Energy as ppa_primitives::EnergyLedger>::block_energy(ppa, at);
			ensure!(
				result.sold_kw == 0 || metered.is_none_or(|e| e.resold_wh > 0),
				"a block sold on the market was metered as not resold"
			);
		}
		for (key, _, award) in Awards::<T>::iter() {
			let result = Results::<T>::get(key).ok_or("an award of an uncleared block")?;
			ensure!(result.delivered_wh.is_none(), "an award of a block already paid");
			let h = held.entry(award.bidder).or_default();
			*h = h.saturating_add(award.held);
		}
		for (who, amount) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::BidCollateral.into(), &who) == amount,
				"funds held for bids differ from the bids' and awards' holds"
			);
		}
		Ok(())
	}
}
