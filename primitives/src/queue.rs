//! Queues keyed by grid day that hooks drain a bounded amount at a time (docs/architecture.md,
//! "Hooks": queues keyed by day, a cursor for what is left over). The pallets keep the queues in their own storage;
//! this walks them.

use crate::{GridDay, GridTime};
use alloc::vec::Vec;

/// Where a hook's walk over day queues starts: its cursor, or, on the hook's first run, today
/// (nothing can be queued before the chain started), once grid time is known: never in the
/// hooks of the chain's first block, which run before its timestamp is set (the cursor would
/// start in 1970). `Err(writes)`: nothing to walk this block; `writes` is 1 if `start` stored
/// the cursor now, 0 if grid time is not known yet.
pub fn cursor_or_start<G: GridTime>(
	cursor: Option<GridDay>,
	start: impl FnOnce(GridDay),
) -> Result<GridDay, u64> {
	match cursor {
		Some(day) => Ok(day),
		None if G::is_running() => {
			start(G::today());
			Err(1)
		},
		None => Err(0),
	}
}

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

/// Where a walk over keyed day queues stopped, and what it read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Walked {
	/// The first day not wholly applied: the cursor for the next walk.
	pub cursor: GridDay,
	/// Items applied (each removed by `apply`: one write).
	pub applied: u32,
	/// Keys read.
	pub reads: u32,
}

/// Applies the items of day queues kept one storage entry per item (a double map keyed by day
/// then item, so that queueing costs one write however many items share a day), from `cursor`
/// to `today`, oldest day first, at most `budget` items and `4 x budget` days. `keys(day, n)`
/// lists up to `n` of a day's items; `apply` must remove the item it is given.
pub fn walk_keyed_queues<K>(
	cursor: GridDay,
	today: GridDay,
	budget: u32,
	mut keys: impl FnMut(GridDay, usize) -> Vec<K>,
	mut apply: impl FnMut(GridDay, K),
) -> Walked {
	let mut walk = Walked { cursor, applied: 0, reads: 0 };
	let mut days: u32 = 0;
	while walk.cursor <= today && walk.applied < budget && days < budget.saturating_mul(4) {
		days = days.saturating_add(1);
		let room = budget.saturating_sub(walk.applied) as usize;
		// One more than there is room for tells whether the day has more.
		let items = keys(walk.cursor, room.saturating_add(1));
		walk.reads = walk.reads.saturating_add(items.len().saturating_add(1) as u32);
		let more = items.len() > room;
		for item in items.into_iter().take(room) {
			apply(walk.cursor, item);
			walk.applied = walk.applied.saturating_add(1);
		}
		if more {
			break;
		}
		walk.cursor = walk.cursor.saturating_add(1);
	}
	walk
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

	#[test]
	fn keyed_walk_stops_inside_a_full_day_and_resumes_there() {
		let queues = RefCell::new(BTreeMap::from([(5, vec![1, 2, 3]), (7, vec![4])]));
		let mut applied = Vec::new();
		let mut walk_once = |cursor, budget| {
			walk_keyed_queues(
				cursor,
				7,
				budget,
				|day, n| {
					queues
						.borrow()
						.get(&day)
						.map(|q| q.iter().take(n).copied().collect())
						.unwrap_or_default()
				},
				|day, item| {
					let mut q = queues.borrow_mut();
					if let Some(items) = q.get_mut(&day) {
						items.retain(|i| *i != item);
					}
					applied.push(item);
				},
			)
		};
		let w = walk_once(5, 2);
		// Day 5 has a third item: the cursor stays on it.
		assert_eq!(w, Walked { cursor: 5, applied: 2, reads: 4 });
		let w = walk_once(w.cursor, 2);
		assert_eq!((w.cursor, w.applied), (8, 2));
		assert_eq!(applied, vec![1, 2, 3, 4]);
	}
}
