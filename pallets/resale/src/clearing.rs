//! Clearing one time block's book (rule 25), as a pure function: highest bids first, a
//! uniform price (the lowest accepted bid), pro-rata at the margin, nothing below the reserve;
//! what is not sold stays with the seller.
//!
//! Rounding: at the margin each bid gets its share of what is left rounded down, and the kW
//! left over by rounding go one each to the margin's earliest bids (time priority). No bid
//! gets more than it asked.

use alloc::vec::Vec;
use ppa_primitives::{Balance, PowerKw};

/// A bid as the clearing sees it; books list them in the order they were placed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Ask {
	/// The most the bidder pays, INR units per kWh.
	pub price: Balance,
	/// The power asked for the block, kW.
	pub kw: PowerKw,
}

/// What clearing a block's book gave.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Outcome {
	/// The uniform price every winner pays, INR units per kWh: the lowest accepted bid;
	/// `None` when nothing was sold.
	pub price: Option<Balance>,
	/// The kW awarded to each bid, in the book's order (0 for a bid that lost).
	pub awards: Vec<PowerKw>,
	/// The kW sold in all: at most what was offered.
	pub sold_kw: PowerKw,
}

/// Clears `offered_kw` at reserve price `reserve` against `book`.
pub fn clear(offered_kw: PowerKw, reserve: Balance, book: &[Ask]) -> Outcome {
	let mut awards: Vec<PowerKw> = alloc::vec![0; book.len()];
	let mut order: Vec<usize> = (0..book.len())
		.filter(|i| book.get(*i).is_some_and(|a| a.price >= reserve && a.kw > 0))
		.collect();
	// Highest price first; a stable sort keeps equal prices in the order they were placed.
	order.sort_by_key(|i| core::cmp::Reverse(price_of(book, *i)));
	let mut left = u64::from(offered_kw);
	let mut price = None;
	let mut start = 0;
	while start < order.len() && left > 0 {
		let level_price = order.get(start).map_or(0, |i| price_of(book, *i));
		let end = order
			.iter()
			.skip(start)
			.position(|i| price_of(book, *i) != level_price)
			.map_or(order.len(), |n| start.saturating_add(n));
		let level = order.get(start..end).unwrap_or_default();
		let asked =
			level.iter().fold(0u64, |sum, i| sum.saturating_add(u64::from(kw_of(book, *i))));
		if asked <= left {
			for i in level {
				set(&mut awards, *i, kw_of(book, *i));
			}
			left = left.saturating_sub(asked);
		} else {
			pro_rata(book, level, asked, left, &mut awards);
			left = 0;
		}
		price = Some(level_price);
		start = end;
	}
	let sold_kw = PowerKw::try_from(u64::from(offered_kw).saturating_sub(left)).unwrap_or(0);
	Outcome { price, awards, sold_kw }
}

/// Shares `left` kW among the bids of the margin `level` (asking `asked` > `left` in all) in
/// proportion to what each asked, rounded down; the kW left over by rounding go one each to
/// the earliest bids.
fn pro_rata(book: &[Ask], level: &[usize], asked: u64, left: u64, awards: &mut [PowerKw]) {
	let mut given: u64 = 0;
	for i in level {
		let share = left.saturating_mul(u64::from(kw_of(book, *i))) / asked.max(1);
		given = given.saturating_add(share);
		set(awards, *i, PowerKw::try_from(share).unwrap_or(0));
	}
	let mut spare = left.saturating_sub(given);
	let mut by_time: Vec<usize> = level.to_vec();
	by_time.sort_unstable();
	for i in by_time {
		if spare == 0 {
			break;
		}
		if let Some(award) = awards.get_mut(i) {
			if *award < kw_of(book, i) {
				*award = award.saturating_add(1);
				spare = spare.saturating_sub(1);
			}
		}
	}
}

fn price_of(book: &[Ask], i: usize) -> Balance {
	book.get(i).map_or(0, |a| a.price)
}

fn kw_of(book: &[Ask], i: usize) -> PowerKw {
	book.get(i).map_or(0, |a| a.kw)
}

fn set(awards: &mut [PowerKw], i: usize, kw: PowerKw) {
	if let Some(award) = awards.get_mut(i) {
		*award = kw;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn ask(price: Balance, kw: PowerKw) -> Ask {
		Ask { price, kw }
	}

	#[test]
	fn rule_25_empty_book_sells_nothing() {
		let out = clear(1_000, 3, &[]);
		assert_eq!(out, Outcome { price: None, awards: vec![], sold_kw: 0 });
	}

	#[test]
	fn rule_25_one_bid_takes_what_it_asks_at_its_own_price() {
		let out = clear(1_000, 3, &[ask(5, 400)]);
		assert_eq!(out, Outcome { price: Some(5), awards: vec![400], sold_kw: 400 });
		// Asking more than is offered: it gets all of it.
		let out = clear(1_000, 3, &[ask(5, 4_000)]);
		assert_eq!(out, Outcome { price: Some(5), awards: vec![1_000], sold_kw: 1_000 });
	}

	#[test]
	fn rule_25_nothing_below_the_reserve() {
		let out = clear(1_000, 3, &[ask(2, 400), ask(3, 100)]);
		assert_eq!(out, Outcome { price: Some(3), awards: vec![0, 100], sold_kw: 100 });
		let out = clear(1_000, 3, &[ask(2, 400)]);
		assert_eq!(out, Outcome { price: None, awards: vec![0], sold_kw: 0 });
	}

	/// Highest first, and every winner pays the lowest accepted price.
	#[test]
	fn rule_25_uniform_price_is_the_lowest_accepted_bid() {
		let book = [ask(4, 500), ask(7, 300), ask(6, 300), ask(5, 300)];
		let out = clear(1_000, 3, &book);
		// 7 and 6 in full (600), then 5 in full (900), then 100 of the 4.
		assert_eq!(out.awards, vec![100, 300, 300, 300]);
		assert_eq!(out.price, Some(4));
		assert_eq!(out.sold_kw, 1_000);
		// With the offer filled by the 5, the 4 gets nothing and the price is 5.
		let out = clear(900, 3, &book);
		assert_eq!(out.awards, vec![0, 300, 300, 300]);
		assert_eq!(out.price, Some(5));
	}

	/// Ties at the margin share what is left in proportion to what they asked.
	#[test]
	fn rule_25_ties_share_pro_rata() {
		let out = clear(600, 0, &[ask(5, 300), ask(5, 900)]);
		assert_eq!(out.awards, vec![150, 450]);
		assert_eq!(out.price, Some(5));
		assert_eq!(out.sold_kw, 600);
	}

	/// 100 kW among three equal bids: 33 each rounded down, the 1 kW over goes to the earliest.
	#[test]
	fn rule_25_pro_rata_rounding_gives_the_rest_to_the_earliest() {
		let out = clear(100, 0, &[ask(5, 50), ask(5, 50), ask(5, 50)]);
		assert_eq!(out.awards, vec![34, 33, 33]);
		assert_eq!(out.sold_kw, 100);
		// A later, higher bid is served first; the margin's rounding still favours time.
		let out = clear(101, 0, &[ask(5, 50), ask(5, 50), ask(5, 50), ask(9, 1)]);
		assert_eq!(out.awards, vec![34, 33, 33, 1]);
	}

	#[test]
	fn rule_25_unsold_stays_and_nothing_offered_sells_nothing() {
		let out = clear(1_000, 3, &[ask(5, 200), ask(4, 300)]);
		assert_eq!(out.sold_kw, 500);
		assert_eq!(out.price, Some(4));
		let out = clear(0, 3, &[ask(5, 200)]);
		assert_eq!(out, Outcome { price: None, awards: vec![0], sold_kw: 0 });
		// A bid of nothing takes nothing and sets no price.
		let out = clear(10, 3, &[ask(5, 0)]);
		assert_eq!(out, Outcome { price: None, awards: vec![0], sold_kw: 0 });
	}

	/// No bid ever gets more than it asked, and the awards add up to what was sold.
	#[test]
	fn rule_25_awards_never_exceed_asks_and_add_up() {
		for offered in [0, 1, 7, 99, 100, 101, 1_000] {
			let book = [ask(5, 3), ask(5, 97), ask(6, 10), ask(5, 1), ask(2, 50)];
			let out = clear(offered, 3, &book);
			assert!(out.awards.iter().zip(&book).all(|(a, b)| *a <= b.kw));
			assert_eq!(out.awards.iter().sum::<PowerKw>(), out.sold_kw);
			assert!(out.sold_kw <= offered);
			assert_eq!(out.awards[4], 0, "below the reserve");
		}
	}
}
