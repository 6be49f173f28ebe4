//! Queues keyed by grid day that hooks drain a bounded amount at a time (DESIGN: "queues keyed
//! by day, a cursor for what is left over"). The pallets keep the queues in their own storage;
//! this walks them.

use crate::GridDay;
use alloc::vec::Vec;

/// Where a walk over day queues stopped, and what it cost.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Drained {
	/// The first day not wholly applied: the cursor for the next walk.
	pub cursor: GridDay,
	/// Items applied.
	pub applied: u32,
	/// Day queues read.
	pub days_read: u32,
	/// Day queues written (shortened or removed).
	pub days_written: u32,
}

/// Applies the items queued on the days from `cursor` to `today`, oldest day first, at most
/// `budget` items and at most `4 x budget` day reads (a chain that stood still for long catches
/// up over several blocks). `read` returns a day's queue; `write` stores what is left of it
/// (empty: remove it); empty days are read and not written.
pub fn drain_day_queues<I>(
	cursor: GridDay,
	today: GridDay,
	budget: u32,
	mut read: impl FnMut(GridDay) -> Vec<I>,
	mut write: impl FnMut(GridDay, Vec<I>),
	mut apply: impl FnMut(I),
) -> Drained {
	let mut d = Drained { cursor, applied: 0, days_read: 0, days_written: 0 };
	while d.cursor <= today && d.applied < budget && d.days_read < budget.saturating_mul(4) {
		d.days_read = d.days_read.saturating_add(1);
		let mut queue = read(d.cursor);
		if !queue.is_empty() {
			d.days_written = d.days_written.saturating_add(1);
			let take = (budget.saturating_sub(d.applied) as usize).min(queue.len());
			let rest = queue.split_off(take);
			for item in queue {
				apply(item);
				d.applied = d.applied.saturating_add(1);
			}
			let unfinished = !rest.is_empty();
			write(d.cursor, rest);
			if unfinished {
				break;
			}
		}
		d.cursor = d.cursor.saturating_add(1);
	}
	d
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	fn walk(
		queues: &RefCell<BTreeMap<GridDay, Vec<u32>>>,
		cursor: GridDay,
		today: GridDay,
		budget: u32,
	) -> (Drained, Vec<u32>) {
		let mut applied = Vec::new();
		let d = drain_day_queues(
			cursor,
			today,
			budget,
			|day| queues.borrow().get(&day).cloned().unwrap_or_default(),
			|day, rest| {
				if rest.is_empty() {
					queues.borrow_mut().remove(&day);
				} else {
					queues.borrow_mut().insert(day, rest);
				}
			},
			|item| applied.push(item),
		);
		(d, applied)
	}

	#[test]
	fn drains_oldest_first_within_budget_and_resumes() {
		let queues = RefCell::new(BTreeMap::from([(10, vec![1, 2]), (12, vec![3, 4, 5])]));
		let (d, applied) = walk(&queues, 10, 12, 3);
		assert_eq!(applied, vec![1, 2, 3]);
		// Day 12 is not done: the cursor stays on it, with what is left.
		assert_eq!(d, Drained { cursor: 12, applied: 3, days_read: 3, days_written: 2 });
		assert_eq!(queues.borrow().get(&12), Some(&vec![4, 5]));
		let (d, applied) = walk(&queues, d.cursor, 12, 3);
		assert_eq!(applied, vec![4, 5]);
		assert_eq!(d.cursor, 13);
		assert!(queues.borrow().is_empty());
	}

	#[test]
	fn never_passes_today_and_bounds_empty_days() {
		let queues = RefCell::new(BTreeMap::from([(20, vec![1])]));
		// Today is 15: day 20 waits.
		assert_eq!(walk(&queues, 10, 15, 5).0.cursor, 16);
		// A budget of 1 reads at most 4 empty days a walk.
		let (d, applied) = walk(&queues, 0, 30, 1);
		assert_eq!((d.cursor, d.days_read, applied.len()), (4, 4, 0));
	}
}
