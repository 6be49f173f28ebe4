//! Tests of the resale pallet, named after the rules of docs/rules.md they check (19, 21, 23-25).

use crate::{mock::*, pallet::*, Clearing, Error, ResaleParameters};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
	weights::Weight,
};
use ppa_primitives::{money::inr, Balance, PowerKw, TimeBlock};
use sp_runtime::{traits::BadOrigin, Percent};

type Event = crate::Event<Test>;

fn tb(i: u8) -> TimeBlock {
	TimeBlock::new(i).unwrap()
}

fn flat(kw: PowerKw) -> crate::KwList {
	crate::KwList::truncate_from(vec![kw; 96])
}

fn only(block: u8, kw: PowerKw) -> crate::KwList {
	let mut list = vec![0; 96];
	list[usize::from(block)] = kw;
	crate::KwList::truncate_from(list)
}

fn free(who: u64) -> Balance {
	<Balances as frame_support::traits::fungible::Inspect<u64>>::balance(&who)
}

fn held(who: u64) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Resale(crate::HoldReason::BidCollateral), &who)
}

/// INR 3 a kWh, as a price.
const INR_3: Balance = 3_000_000;

/// GENCO offers 2,000 kW (20 % of 10 MW) in block 10 of tomorrow at a reserve of INR 3.
fn offer_block_10() {
	assert_ok!(Resale::offer(
		RuntimeOrigin::signed(GENCO),
		PPA,
		TOMORROW,
		only(10, 2_000),
		INR_3,
		false
	));
}

/// GENCO offers 2,000 kW in every block of tomorrow at INR 3.
fn offer_every_block() {
	assert_ok!(Resale::offer(
		RuntimeOrigin::signed(GENCO),
		PPA,
		TOMORROW,
		crate::KwList::truncate_from(vec![2_000; 96]),
		INR_3,
		false
	));
}

/// B bids 1,500 kW at INR 4, C 1,000 kW at INR 3.5, both in block 10.
fn two_bids() {
	assert_ok!(Resale::bid(
		RuntimeOrigin::signed(BIDDER_B),
		PPA,
		TOMORROW,
		tb(10),
		1_500,
		4_000_000
	));
	assert_ok!(Resale::bid(
		RuntimeOrigin::signed(BIDDER_C),
		PPA,
		TOMORROW,
		tb(10),
		1_000,
		3_500_000
	));
}

/// The gate of tomorrow: 09:00 today; the hook clears every block.
fn at_the_gate() {
	set_now(TODAY, 36);
	Resale::on_initialize(2);
}

#[test]
fn rule_23_seller_offers_the_regulated_share_within_the_cap() {
	test(|| {
		// 20 % of 10,000 kW is 2,000 kW in every block; one more is refused.
		assert_noop!(
			Resale::offer(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, flat(2_001), INR_3, false),
			Error::<Test>::OverWithheld
		);
		// Cap: 120 % of INR 3 plus INR 0.5 transmission = INR 4.1 a kWh.
		assert_noop!(
			Resale::offer(
				RuntimeOrigin::signed(GENCO),
				PPA,
				TOMORROW,
				flat(2_000),
				4_100_001,
				false
			),
			Error::<Test>::ReserveAboveCap
		);
		assert_ok!(Resale::offer(
			RuntimeOrigin::signed(GENCO),
			PPA,
			TOMORROW,
			flat(2_000),
			4_100_000,
			false
		));
		assert!(events().contains(&Event::Offered {
			ppa: PPA,
			day: TOMORROW,
			seller: GENCO,
			defaulter: DEFAULTER,
			offered_wh: 2_000 * 250 * 96,
			reserve: 4_100_000,
			whole_share: false,
			automatic: false,
		}));
		// Nothing to clear until a bid comes; the offer expires with its last block.
		assert_eq!(ClearingQueue::<Test>::get(TOMORROW, PPA), None);
		assert!(crate::pallet::Expiries::<Test>::contains_key(
			Resale::expiry_day(TOMORROW),
			(TOMORROW, PPA, TimeBlock::LAST)
		));
		// The exchange's ceiling bounds the reserve too.
		let params = ResaleParameters { price_ceiling: 4_000_000, ..Default::default() };
		assert_ok!(Resale::set_parameters(RuntimeOrigin::root(), params));
		assert_noop!(
			Resale::offer(
				RuntimeOrigin::signed(GENCO),
				PPA,
				TOMORROW,
				flat(2_000),
				4_100_000,
				false
			),
			Error::<Test>::PriceOutOfBounds
		);
	});
}

#[test]
fn rule_19_seller_that_stopped_supply_offers_the_whole_share() {
	test(|| {
		assert_noop!(
			Resale::offer(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, flat(10_000), INR_3, false),
			Error::<Test>::OverWithheld
		);
		assert_ok!(Resale::offer(
			RuntimeOrigin::signed(GENCO),
			PPA,
			TOMORROW,
			flat(10_000),
			INR_3,
			true
		));
		assert_noop!(
			Resale::offer(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, flat(10_001), INR_3, true),
			Error::<Test>::OverWithheld
		);
	});
}

#[test]
fn rule_19_only_a_defaulters_share_tomorrow_before_the_gate() {
	test(|| {
		let offer =
			|who, day, kw| Resale::offer(RuntimeOrigin::signed(who), PPA, day, kw, INR_3, false);
		assert_noop!(offer(OTHER_GENCO, TOMORROW, flat(1)), Error::<Test>::NotTheSeller);
		assert_noop!(offer(GENCO, TODAY, flat(1)), Error::<Test>::NotTomorrow);
		assert_noop!(offer(GENCO, TOMORROW + 1, flat(1)), Error::<Test>::NotTomorrow);
		assert_noop!(
			Resale::offer(RuntimeOrigin::signed(GENCO), 99, TOMORROW, flat(1), INR_3, false),
			Error::<Test>::UnknownPpa
		);
		assert_noop!(
			offer(GENCO, TOMORROW, crate::KwList::truncate_from(vec![1; 95])),
			Error::<Test>::WrongBlockCount
		);
		TestDefaults::restore(DEFAULTER);
		assert_noop!(offer(GENCO, TOMORROW, flat(0)), Error::<Test>::BuyerNotInDefault);
		TestDefaults::put(DEFAULTER, Percent::from_percent(20));
		set_now(TODAY, 36);
		assert_noop!(offer(GENCO, TOMORROW, flat(1)), Error::<Test>::GateClosed);
		assert!(events().is_empty());
	});
}

#[test]
fn rule_24_bids_hold_their_full_value_and_defaulters_cannot_bid() {
	test(|| {
		offer_block_10();
		let bid = |who, block, kw, price| {
			Resale::bid(RuntimeOrigin::signed(who), PPA, TOMORROW, tb(block), kw, price)
		};
		// 1,500 kW for a quarter hour at INR 4 = 375 kWh x INR 4 = INR 1,500.
		assert_ok!(bid(BIDDER_B, 10, 1_500, 4_000_000));
		assert_eq!(held(BIDDER_B), inr(1_500));
		assert_eq!(free(BIDDER_B), inr(100_000) - inr(1_500));
		assert!(events().contains(&Event::BidPlaced {
			ppa: PPA,
			day: TOMORROW,
			block: tb(10),
			bid: 0,
			bidder: BIDDER_B,
			kw: 1_500,
			price: 4_000_000,
			held: inr(1_500),
		}));
		// Rounded up: 101 kW at 3,000,001 units a kWh is worth 75,750,025.25 units over the
		// quarter hour: 75,750,026 held.
		assert_ok!(bid(BIDDER_C, 10, 101, 3_000_001));
		assert_eq!(held(BIDDER_C), 75_750_026);
		// The defaulter itself and another defaulter may not buy (rule 19).
		assert_noop!(bid(DEFAULTER, 10, 100, INR_3), Error::<Test>::BidderInDefault);
		assert_noop!(bid(OTHER_DEFAULTER, 10, 100, INR_3), Error::<Test>::BidderInDefault);
		assert_noop!(bid(OTHER_GENCO, 10, 100, INR_3), Error::<Test>::NotABuyer);
		assert_noop!(bid(BIDDER_C, 11, 100, INR_3), Error::<Test>::NothingOffered);
		assert_noop!(bid(BIDDER_C, 10, 0, INR_3), Error::<Test>::ZeroQuantity);
		assert_noop!(bid(BIDDER_C, 10, 100, 10_000_001), Error::<Test>::PriceOutOfBounds);
		// Below the offer's reserve (INR 3) a bid could never win; below 100 kW it is dust.
		assert_noop!(bid(BIDDER_C, 10, 100, INR_3 - 1), Error::<Test>::BelowReserve);
		assert_noop!(bid(BIDDER_C, 10, 99, INR_3), Error::<Test>::BidBelowMinimum);
		// INR 1 lakh does not cover 100 MW at INR 10 (INR 2.5 lakh).
		assert_noop!(bid(BIDDER_C, 10, 100_000, 10_000_000), Error::<Test>::CannotCoverBid);
		assert_noop!(
			Resale::bid(RuntimeOrigin::signed(BIDDER_C), PPA, TODAY, tb(10), 1, INR_3),
			Error::<Test>::NotTomorrow
		);
		assert_ok!(bid(BIDDER_C, 10, 200, INR_3));
		// Two bids a bidder in a book (the mock's bound): C cannot flood the book.
		assert_noop!(bid(BIDDER_C, 10, 300, INR_3), Error::<Test>::TooManyBidsFromBidder);
		assert_eq!(BidsOfBidder::<Test>::get((TOMORROW, PPA, tb(10)), BIDDER_C), 2);
		assert_ok!(bid(BIDDER_B, 10, 300, INR_3));
		assert_eq!(BookSizes::<Test>::get((TOMORROW, PPA, tb(10))), 4);
		// Restored: a bidder may bid again (rule 22), but this book is full.
		TestDefaults::restore(OTHER_DEFAULTER);
		assert_noop!(bid(OTHER_DEFAULTER, 10, 100, INR_3), Error::<Test>::BookFull);
		set_now(TODAY, 33);
		assert_noop!(
			Resale::bid(RuntimeOrigin::signed(BIDDER_C), 42, TOMORROW, tb(10), 1, INR_3),
			Error::<Test>::NoOffer
		);
	});
}

#[test]
fn rule_24_bids_can_be_withdrawn_until_the_gate() {
	test(|| {
		offer_block_10();
		two_bids();
		let withdraw =
			|who, bid| Resale::withdraw_bid(RuntimeOrigin::signed(who), PPA, TOMORROW, tb(10), bid);
		assert_noop!(withdraw(BIDDER_C, 0), Error::<Test>::NotYourBid);
		assert_noop!(withdraw(BIDDER_C, 7), Error::<Test>::NoSuchBid);
		assert_ok!(withdraw(BIDDER_B, 0));
		assert_eq!(held(BIDDER_B), 0);
		assert_eq!(free(BIDDER_B), inr(100_000));
		assert!(events().contains(&Event::BidWithdrawn {
			ppa: PPA,
			day: TOMORROW,
			block: tb(10),
			bid: 0,
			bidder: BIDDER_B,
			released: inr(1_500),
		}));
		set_now(TODAY, 36);
		assert_noop!(withdraw(BIDDER_C, 1), Error::<Test>::GateClosed);
	});
}

/// Offered 2,000 kW: B's 1,500 at INR 4 in full, C's 1,000 at INR 3.5 gets the 500 left; both
/// pay the lowest accepted price, INR 3.5; the winners are scheduled; C's hold keeps the value
/// of its award at INR 3.5 (500 kW x 1/4 h x 3.5 = INR 437.5) and B's INR 1,312.5.
#[test]
fn rule_25_books_clear_at_the_gate_at_a_uniform_price() {
	test(|| {
		offer_block_10();
		two_bids();
		// Before the gate nothing clears.
		Resale::on_initialize(1);
		assert!(Results::<Test>::get((TOMORROW, PPA, tb(10))).is_none());
		assert_noop!(
			Resale::clear_block(RuntimeOrigin::signed(BIDDER_B), PPA, TOMORROW, tb(10)),
			Error::<Test>::GateNotClosed
		);
		at_the_gate();
		assert_eq!(
			Results::<Test>::get((TOMORROW, PPA, tb(10))),
			Some(Clearing {
				offered_kw: 2_000,
				sold_kw: 2_000,
				price: Some(3_500_000),
				bids: 2,
				winners: 2,
				delivered_wh: None,
			})
		);
		assert_eq!(
			TestScheduling::sold(PPA, TOMORROW, 10),
			vec![(BIDDER_B, 1_500), (BIDDER_C, 500)]
		);
		assert_eq!(held(BIDDER_B), 1_312_500_000);
		assert_eq!(held(BIDDER_C), 437_500_000);
		assert!(events().contains(&Event::BidAwarded {
			ppa: PPA,
			day: TOMORROW,
			block: tb(10),
			bid: 1,
			bidder: BIDDER_C,
			kw: 500,
			price: 3_500_000,
			released: inr(875) - 437_500_000,
		}));
		// The one book with bids cleared in the hook; the others, bid on by nobody, sold
		// nothing and have no result.
		assert_eq!(Results::<Test>::iter().count(), 1);
		assert_eq!(ClearingQueue::<Test>::iter().count(), 0);
		assert_eq!(Results::<Test>::get((TOMORROW, PPA, tb(11))), None);
		assert_noop!(
			Resale::clear_block(RuntimeOrigin::signed(BIDDER_B), PPA, TOMORROW, tb(10)),
			Error::<Test>::AlreadyCleared
		);
	});
}

/// Metered: the PPA's own 8,000 kW (2,000,000 Wh) and the 2,000 kW sold (500,000 Wh) in full.
/// B pays 375 kWh x INR 3.5 = INR 1,312.5, C 125 kWh x INR 3.5 = INR 437.5: INR 1,750 to the
/// seller. The energy cost at the PPA's INR 3 is 500 kWh x 3 = INR 1,500: INR 250 net proceeds
/// credited against the defaulter's capacity charges (rule 21).
#[test]
fn rule_21_delivery_is_paid_and_net_proceeds_are_credited() {
	test(|| {
		offer_block_10();
		two_bids();
		at_the_gate();
		let key = (TOMORROW, PPA, tb(10));
		assert_noop!(
			Resale::settle_delivery(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, tb(10)),
			Error::<Test>::NotMetered
		);
		set_now(TOMORROW, 11);
		// A block with nothing resold is nothing to this pallet.
		TestScheduling::meter(PPA, TOMORROW, 9, 2_500_000, 2_500_000);
		assert_eq!(Deliveries::<Test>::iter().count(), 0);
		TestScheduling::meter(PPA, TOMORROW, 10, 2_000_000, 2_500_000);
		assert!(Deliveries::<Test>::contains_key(key));
		Resale::on_initialize(3);
		assert_eq!(free(GENCO), inr(100_000) + inr(1_750));
		assert_eq!(free(BIDDER_B), inr(100_000) - 1_312_500_000);
		assert_eq!(free(BIDDER_C), inr(100_000) - 437_500_000);
		assert_eq!((held(BIDDER_B), held(BIDDER_C)), (0, 0));
		assert_eq!(TestSettlement::credited(PPA), inr(250));
		assert!(events().contains(&Event::DeliverySettled {
			ppa: PPA,
			day: TOMORROW,
			block: tb(10),
			seller: GENCO,
			defaulter: DEFAULTER,
			delivered_wh: 500_000,
			revenue: inr(1_750),
			energy_cost: inr(1_500),
			net_proceeds: inr(250),
		}));
		let proceeds = ProceedsOf::<Test>::get(PPA);
		assert_eq!(
			(proceeds.delivered_wh, proceeds.revenue, proceeds.energy_cost, proceeds.credited),
			(500_000, inr(1_750), inr(1_500), inr(250))
		);
		assert_eq!(Results::<Test>::get(key).and_then(|r| r.delivered_wh), Some(500_000));
		assert!(!Deliveries::<Test>::contains_key(key));
		assert_noop!(
			Resale::settle_delivery(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, tb(10)),
			Error::<Test>::AlreadySettled
		);
		assert_noop!(
			Resale::settle_delivery(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, tb(11)),
			Error::<Test>::NotCleared
		);
	});
}

/// Issue "Robust at the edges": a block sold and never metered. The retention period
/// (`RetentionDays`, 5 here) after its delivery day, what is still held for its awards goes
/// back to the winners, with an event, and the day's results, awards and offer are pruned.
#[test]
fn awards_of_a_block_never_metered_are_released_after_retention() {
	test(|| {
		offer_block_10();
		two_bids();
		at_the_gate();
		let key = (TOMORROW, PPA, tb(10));
		let kept = held(BIDDER_B) + held(BIDDER_C);
		assert!(kept > 0 && Awards::<Test>::iter_prefix(key).count() == 2);
		// The last day of retention: nothing expires yet.
		set_now(TOMORROW + 5, 0);
		Resale::on_initialize(3);
		assert_eq!(held(BIDDER_B) + held(BIDDER_C), kept);
		set_now(TOMORROW + 6, 0);
		for n in 4..40 {
			Resale::on_initialize(n);
		}
		assert_eq!((held(BIDDER_B), held(BIDDER_C)), (0, 0));
		assert_eq!((free(BIDDER_B), free(BIDDER_C)), (inr(100_000), inr(100_000)));
		assert!(events().contains(&Event::BlockExpired {
			ppa: PPA,
			day: TOMORROW,
			block: tb(10),
			metered: false,
			awards: 2,
			released: kept,
		}));
		assert_eq!(crate::Expiries::<Test>::iter().count(), 0);
		assert_eq!(Results::<Test>::iter().count(), 0);
		assert_eq!(Awards::<Test>::iter().count(), 0);
		assert!(!crate::Offers::<Test>::contains_key(TOMORROW, PPA));
	});
}

/// Only 250,000 Wh metered beyond the PPA's own schedule: half of what was sold. Each winner
/// gets half of its award and pays for that; the rest of its hold is released.
#[test]
fn rule_25_short_delivery_is_shared_in_proportion() {
	test(|| {
		offer_block_10();
		two_bids();
		at_the_gate();
		set_now(TOMORROW, 11);
		TestScheduling::meter(PPA, TOMORROW, 10, 2_000_000, 2_250_000);
		assert_ok!(Resale::settle_delivery(RuntimeOrigin::signed(GENCO), PPA, TOMORROW, tb(10)));
		// B: 187,500 Wh x INR 3.5 = INR 656.25; C: 62,500 Wh = INR 218.75.
		assert_eq!(free(BIDDER_B), inr(100_000) - 656_250_000);
		assert_eq!(free(BIDDER_C), inr(100_000) - 218_750_000);
		assert_eq!(free(GENCO), inr(100_000) + inr(875));
		// Cost 250 kWh x INR 3 = INR 750: INR 125 net.
		assert_eq!(TestSettlement::credited(PPA), inr(125));
		assert_eq!((held(BIDDER_B), held(BIDDER_C)), (0, 0));
	});
}

/// Sold below the energy rate: the seller bears the loss, nothing is credited (rule 21's max).
#[test]
fn rule_21_no_credit_when_sold_below_the_energy_rate() {
	test(|| {
		assert_ok!(Resale::offer(
			RuntimeOrigin::signed(GENCO),
			PPA,
			TOMORROW,
			only(10, 2_000),
			0,
			false
		));
		assert_ok!(Resale::bid(
			RuntimeOrigin::signed(BIDDER_B),
			PPA,
			TOMORROW,
			tb(10),
			2_000,
			2_000_000
		));
		at_the_gate();
		set_now(TOMORROW, 11);
		TestScheduling::meter(PPA, TOMORROW, 10, 0, 500_000);
		Resale::on_initialize(3);
		assert_eq!(free(GENCO), inr(100_000) + inr(1_000));
		assert_eq!(TestSettlement::credited(PPA), 0);
		assert_eq!(ProceedsOf::<Test>::get(PPA).energy_cost, inr(1_500));
	});
}

#[test]
fn rule_25_nothing_sold_once_the_day_is_finalized() {
	test(|| {
		offer_block_10();
		two_bids();
		TestScheduling::finalize(PPA, TOMORROW);
		at_the_gate();
		assert_eq!(Results::<Test>::get((TOMORROW, PPA, tb(10))).map(|r| r.sold_kw), Some(0));
		assert_eq!((held(BIDDER_B), held(BIDDER_C)), (0, 0));
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::SaleRefused { block, .. } if *block == tb(10))));
		assert_eq!(Awards::<Test>::iter().count(), 0);
	});
}

/// The hook clears within its budget and picks up where it stopped: the day's bids at their
/// bound (8 in the mock), each alone in its book (the costliest layout: one clearing per bid),
/// with room in a block for three clearings.
#[test]
fn rule_25_clearing_hook_keeps_to_its_budget() {
	test(|| {
		offer_every_block();
		for b in 0..8u8 {
			let bidder = if b % 2 == 0 { BIDDER_B } else { BIDDER_C };
			assert_ok!(Resale::bid(
				RuntimeOrigin::signed(bidder),
				PPA,
				TOMORROW,
				tb(b),
				500,
				INR_3
			));
		}
		assert_eq!(ClearingQueue::<Test>::get(TOMORROW, PPA), Some(0xff));
		set_now(TODAY, 36);
		let per_book = <() as crate::WeightInfo>::clear_block(1).saturating_add(
			<<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads_writes(2, 1),
		);
		let budget =
			per_book.saturating_mul(3).saturating_add(Weight::from_parts(1, 1) * 1_000_000);
		let mut blocks = 0;
		while ClearingCursor::<Test>::get().is_some() {
			Resale::clear_due(&mut frame_support::weights::WeightMeter::with_limit(budget));
			blocks += 1;
			assert!(blocks <= 3, "eight books clear in three blocks of three");
		}
		assert_eq!(Results::<Test>::iter().count(), 8);
		assert_eq!(ClearingQueue::<Test>::iter().count(), 0);
		// The day's count goes once the walk has passed the day.
		assert_eq!(crate::pallet::BidsOnDay::<Test>::get(TOMORROW), None);
	});
}

/// Resale markets cannot be flooded past what clears before the requisition gate: a
/// delivery day's books hold at most `MaxBidsPerDay` bids (8 in the mock); a withdrawal makes
/// room again, and a book left empty leaves the clearing queue.
#[test]
fn rule_25_a_days_books_hold_a_bounded_number_of_bids() {
	test(|| {
		offer_every_block();
		let bid =
			|who, b| Resale::bid(RuntimeOrigin::signed(who), PPA, TOMORROW, tb(b), 500, INR_3);
		for b in 0..4u8 {
			assert_ok!(bid(BIDDER_B, b));
			assert_ok!(bid(BIDDER_C, b));
		}
		assert_eq!(crate::pallet::BidsOnDay::<Test>::get(TOMORROW), Some(8));
		assert_noop!(bid(BIDDER_B, 5), Error::<Test>::DayFull);
		assert_ok!(Resale::withdraw_bid(RuntimeOrigin::signed(BIDDER_B), PPA, TOMORROW, tb(3), 6));
		assert_ok!(Resale::withdraw_bid(RuntimeOrigin::signed(BIDDER_C), PPA, TOMORROW, tb(3), 7));
		assert_eq!(ClearingQueue::<Test>::get(TOMORROW, PPA), Some(0b0111));
		assert_ok!(bid(BIDDER_B, 5));
		assert_eq!(ClearingQueue::<Test>::get(TOMORROW, PPA), Some(0b10_0111));
		assert_eq!(crate::pallet::BidsOnDay::<Test>::get(TOMORROW), Some(7));
		assert_ok!(Resale::do_try_state());
	});
}

/// No one bidder takes a delivery day's bids from the others: it holds at most
/// `MaxBidsPerBidderPerDay` (6 in the mock) across the day's books.
#[test]
fn rule_25_a_bidder_holds_a_bounded_number_of_bids_a_day() {
	test(|| {
		offer_every_block();
		let bid =
			|b| Resale::bid(RuntimeOrigin::signed(BIDDER_B), PPA, TOMORROW, tb(b), 500, INR_3);
		for b in 0..6u8 {
			assert_ok!(bid(b));
		}
		assert_noop!(bid(6), Error::<Test>::TooManyBidsFromBidderToday);
		assert_ok!(Resale::bid(RuntimeOrigin::signed(BIDDER_C), PPA, TOMORROW, tb(6), 500, INR_3));
		at_the_gate();
		// Cleared and past: the day's counts are gone.
		set_now(TOMORROW, 1);
		Resale::on_initialize(3);
		assert_eq!(crate::pallet::BidderBidsOnDay::<Test>::iter_prefix(TOMORROW).count(), 0);
		assert_eq!(crate::pallet::BidsOnDay::<Test>::get(TOMORROW), None);
	});
}

/// A PPA with the automatic-offer term has its regulated share offered by the chain at the
/// energy rate on the day before; a seller's own offer is left alone.
#[test]
fn rule_23_automatic_offer_posts_the_regulated_share() {
	test(|| {
		let mut terms = terms();
		terms.auto_resale_offer = true;
		ppa_primitives::testing::TestRegistry::insert(
			PPA,
			GENCO,
			DEFAULTER,
			ppa_primitives::PpaStatus::Active,
			terms.clone(),
		);
		// Another PPA of the same defaulter, seller's own offer already in.
		ppa_primitives::testing::TestRegistry::insert(
			8,
			OTHER_GENCO,
			DEFAULTER,
			ppa_primitives::PpaStatus::Active,
			terms,
		);
		set_now(TODAY, 0);
		assert_ok!(Resale::offer(
			RuntimeOrigin::signed(OTHER_GENCO),
			8,
			TOMORROW,
			flat(5),
			INR_3 + 1,
			false
		));
		Resale::on_initialize(1);
		let offer = Offers::<Test>::get(TOMORROW, PPA).unwrap();
		assert!(offer.automatic);
		assert_eq!(offer.kw, [2_000; 96]);
		assert_eq!(offer.reserve, ENERGY_RATE);
		let own = Offers::<Test>::get(TOMORROW, 8).unwrap();
		assert!(!own.automatic);
		assert_eq!(own.reserve, INR_3 + 1);
		// Two defaulters filled the hook's batch of two: the next block finds no more and marks
		// the day done.
		assert!(
			AutoOffers::<Test>::get().is_some_and(|w| !w.done && w.after == Some(OTHER_DEFAULTER))
		);
		Resale::on_initialize(2);
		assert!(AutoOffers::<Test>::get().is_some_and(|w| w.done && w.day == TOMORROW));
	});
}

#[test]
fn parameters_are_governed_and_checked() {
	test(|| {
		let bad = ResaleParameters { price_floor: 5, price_ceiling: 4, ..Default::default() };
		assert_noop!(
			Resale::set_parameters(RuntimeOrigin::root(), bad),
			Error::<Test>::InvalidParameters
		);
		let bad = ResaleParameters { reserve_cap_percent: 99, ..Default::default() };
		assert_noop!(
			Resale::set_parameters(RuntimeOrigin::root(), bad),
			Error::<Test>::InvalidParameters
		);
		assert_noop!(
			Resale::set_parameters(RuntimeOrigin::signed(GENCO), ResaleParameters::default()),
			BadOrigin
		);
		let params = ResaleParameters { clearing_gate: tb(32), ..Default::default() };
		assert_ok!(Resale::set_parameters(RuntimeOrigin::root(), params));
		assert_eq!(Parameters::<Test>::get(), params);
		assert!(events().contains(&Event::ParametersSet { parameters: params }));
	});
}

/// Arithmetic policy: the bid id counter never wraps onto a bid in use.
#[test]
fn a_bid_is_refused_once_every_bid_id_is_used() {
	test(|| {
		offer_block_10();
		NextBidId::<Test>::put(u64::MAX);
		assert_noop!(
			Resale::bid(RuntimeOrigin::signed(BIDDER_B), PPA, TOMORROW, tb(10), 1_500, 4_000_000),
			Error::<Test>::NoBidIdLeft
		);
	});
}
