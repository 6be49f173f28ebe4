//! Queues keyed by grid day that hooks walk a bounded amount at a time (docs/architecture.md,
//! "Hooks"). The pallets keep the queues in their own storage and say, through [`DayQueue`],
//! how to read one, apply an item and bound its weight; [`walk`] is the one walk they share,
//! with the one budget rule:
//!
//! - a hook walks its queue oldest day first, from its cursor, never past its last day;
//! - it is given a [`WeightMeter`] (its pallet's `MaxHookWeight`, a share of the block);
//! - it applies the next item only if the meter can still take that item's worst-case weight
//!   and the read of the item after it; it then charges what the item really took;
//! - it reads at most [`MAX_DAYS_PER_WALK`] days a block, empty ones included, so a chain that
//!   stood still catches up over several blocks;
//! - the cursor stays on the first day not wholly done.

use crate::{GridDay, GridTime};
use sp_weights::{RuntimeDbWeight, Weight, WeightMeter};

/// The most day queues one walk reads in a block, empty ones included.
pub const MAX_DAYS_PER_WALK: u32 = 32;

/// How often one walk reads a day again from its start, for items queued on it while it was
/// walked; past that, the cursor stays on the day for the next block.
const MAX_RESCANS: u8 = 2;

/// The most items the hooks' benchmarks apply in one walk (their weight is linear in it).
pub const BENCHMARKED_ITEMS: u32 = 64;

/// A queue of items keyed by grid day, kept in a pallet's storage (typically a double map
/// keyed by day then item, so that queueing costs one write however many items share a day).
pub trait DayQueue {
	/// What is queued.
	type Item: PartialEq + Clone;

	/// The first day not wholly done (`None`: never walked).
	fn cursor() -> Option<GridDay>;
	/// Stores the cursor.
	fn set_cursor(day: GridDay);
	/// Where a walk that has no cursor begins (`None`: nothing to walk yet); the first walk
	/// sets the cursor there and walks from the next block on. Typically today once grid time
	/// is known: [`today_once_running`].
	fn start() -> Option<GridDay>;
	/// The item queued on `day` after `after` in the queue's order, or its first (`None`), in
	/// one storage read: reading after the last item applied does not step over the entries
	/// the walk removed.
	fn next(day: GridDay, after: Option<&Self::Item>) -> Option<Self::Item>;
	/// The most applying `item`, queued on `day`, may take.
	fn weight_bound(day: GridDay, item: &Self::Item) -> Weight;
	/// Takes `item` off `day`'s queue (or changes it: the changed item is a new item) and
	/// applies it; returns the weight it took, at most its bound. Whatever it queues on `day`
	/// meanwhile is found when the walk reads the day again from its start.
	fn apply(day: GridDay, item: Self::Item) -> Weight;
	/// What is left to do for `day` once its queue is empty (clearing what the day kept), within
	/// `meter`; returns whether the day is done. Nothing by default.
	fn close_day(_day: GridDay, _meter: &mut WeightMeter) -> bool {
		true
	}
}

/// What a walk costs besides its items, for budgets sized in items: the cursor read twice and
/// written, and two day queues read: the cursor's (yesterday's, when a day has just begun and
/// the last walk ended on it) and the day the items are on. Each item's budget holds the read
/// of the item after it; the last of those reads the day again from its start.
pub fn walk_overhead(db: RuntimeDbWeight) -> Weight {
	db.reads_writes(4, 1)
}

/// Where a queue with no cursor starts: today, once grid time is known (never in the hooks of
/// the chain's first block, which run before its timestamp is set; the cursor would start in
/// 1970), as nothing can be queued before the chain started.
pub fn today_once_running<G: GridTime>() -> Option<GridDay> {
	G::is_running().then(G::today)
}

/// What a walk did.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Walked {
	/// The first day not wholly done: the cursor for the next walk.
	pub cursor: Option<GridDay>,
	/// Items applied.
	pub applied: u32,
	/// Day queues read.
	pub days: u32,
}

/// Walks `Q` from its cursor up to `last` within `meter`, by the one budget rule (the module's
/// documentation); `db` prices the cursor and the queue reads. Stores the cursor.
pub fn walk<Q: DayQueue>(meter: &mut WeightMeter, db: RuntimeDbWeight, last: GridDay) -> Walked {
	let mut walked = Walked::default();
	let read = db.reads(1);
	if meter.try_consume(db.reads_writes(2, 1)).is_err() {
		return walked;
	}
	// A queue walked for the first time only sets its cursor this block.
	let Some(mut day) = Q::cursor() else {
		if let Some(start) = Q::start() {
			Q::set_cursor(start);
			walked.cursor = Some(start);
		}
		return walked;
	};
	let from = day;
	'days: while day <= last && walked.days < MAX_DAYS_PER_WALK {
		if meter.try_consume(read).is_err() {
			break;
		}
		walked.days = walked.days.saturating_add(1);
		// Items are read one after the other; once the day seems done it is read again from
		// its start (one more read), for what was queued on it meanwhile.
		let (mut after, mut applied, mut rescans): (Option<Q::Item>, Option<Q::Item>, u8) =
			(None, None, 0);
		loop {
			let item = match Q::next(day, after.as_ref()) {
				Some(item) => item,
				None if after.is_none() => break,
				None => {
					if rescans == MAX_RESCANS || meter.try_consume(read).is_err() {
						break 'days;
					}
					rescans = rescans.saturating_add(1);
					after = None;
					continue;
				},
			};
			// An item `apply` left as it was would be applied again: a broken queue, left for
			// the next block rather than walked in a loop.
			if applied.as_ref() == Some(&item) {
				broken_invariant("a day queue's item was applied and stayed queued");
				break 'days;
			}
			if !meter.can_consume(Q::weight_bound(day, &item).saturating_add(read)) {
				break 'days;
			}
			(after, applied) = (Some(item.clone()), Some(item.clone()));
			let took = Q::apply(day, item);
			meter.consume(took.saturating_add(read));
			walked.applied = walked.applied.saturating_add(1);
		}
		if !Q::close_day(day, meter) {
			break;
		}
		day = day.saturating_add(1);
	}
	// An item applied may have queued work on a day before the walk's (and moved the cursor
	// back to it): the cursor stays there.
	if let Some(moved) = Q::cursor().filter(|c| *c != from) {
		day = day.min(moved);
	}
	Q::set_cursor(day);
	walked.cursor = Some(day);
	walked
}

/// A broken invariant: a panic in tests and debug builds; on chain the walk stops.
fn broken_invariant(what: &'static str) {
	debug_assert!(false, "{what}");
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	thread_local! {
		static QUEUES: RefCell<BTreeMap<GridDay, Vec<u32>>> = const { RefCell::new(BTreeMap::new()) };
		static CURSOR: RefCell<Option<GridDay>> = const { RefCell::new(None) };
		static APPLIED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
	}

	/// Items cost their value in ref time; reads and writes cost 1.
	struct Test;
	impl DayQueue for Test {
		type Item = u32;
		fn cursor() -> Option<GridDay> {
			CURSOR.with(|c| *c.borrow())
		}
		fn set_cursor(day: GridDay) {
			CURSOR.with(|c| *c.borrow_mut() = Some(day));
		}
		fn start() -> Option<GridDay> {
			Some(10)
		}
		fn next(day: GridDay, after: Option<&u32>) -> Option<u32> {
			QUEUES.with(|q| {
				let q = q.borrow();
				let items = q.get(&day)?;
				match after {
					None => items.first().copied(),
					// The first after `a` in order, as a storage map's next key is.
					Some(a) => items.iter().find(|i| *i > a).copied(),
				}
			})
		}
		fn weight_bound(_day: GridDay, item: &u32) -> Weight {
			Weight::from_parts(u64::from(*item) * 2, 0)
		}
		fn apply(day: GridDay, item: u32) -> Weight {
			QUEUES.with(|q| {
				let mut q = q.borrow_mut();
				if let Some(items) = q.get_mut(&day) {
					items.retain(|i| *i != item);
					if items.is_empty() {
						q.remove(&day);
					}
				}
			});
			APPLIED.with(|a| a.borrow_mut().push(item));
			// Item 3 queues item 2 on its own day, before itself in the queue's order.
			if item == 3 {
				QUEUES.with(|q| q.borrow_mut().entry(day).or_default().insert(0, 2));
			}
			Weight::from_parts(u64::from(item), 0)
		}
	}

	const DB: RuntimeDbWeight = RuntimeDbWeight { read: 1, write: 1 };

	fn setup(queues: &[(GridDay, Vec<u32>)], cursor: Option<GridDay>) {
		QUEUES.with(|q| *q.borrow_mut() = queues.iter().cloned().collect());
		CURSOR.with(|c| *c.borrow_mut() = cursor);
		APPLIED.with(|a| a.borrow_mut().clear());
	}

	fn applied() -> Vec<u32> {
		APPLIED.with(|a| a.borrow().clone())
	}

	fn meter(ref_time: u64) -> WeightMeter {
		WeightMeter::with_limit(Weight::from_parts(ref_time, u64::MAX))
	}

	#[test]
	fn walks_oldest_first_while_the_meter_holds_the_next_items_bound_and_resumes() {
		setup(&[(10, vec![5, 6]), (12, vec![7, 8])], None);
		// The first walk sets the cursor where the queue starts, and applies nothing.
		let w = walk::<Test>(&mut meter(1_000), DB, 12);
		assert_eq!((w.cursor, w.applied, Test::cursor()), (Some(10), 0, Some(10)));
		// The cursor 3; day 10: 1 + (5 + 1) + (6 + 1) + 1 (read again from its start); day 11:
		// 1; day 12: 1 + (7 + 1): 28; the next item's bound (16) and read do not fit in the 7
		// left.
		let mut m = meter(35);
		let w = walk::<Test>(&mut m, DB, 12);
		assert_eq!(applied(), vec![5, 6, 7]);
		assert_eq!(w, Walked { cursor: Some(12), applied: 3, days: 3 });
		assert_eq!(m.consumed().ref_time(), 28);
		assert_eq!(Test::cursor(), Some(12));
		let w = walk::<Test>(&mut meter(100), DB, 12);
		assert_eq!(applied(), vec![5, 6, 7, 8]);
		assert_eq!(w.cursor, Some(13));
	}

	#[test]
	fn never_passes_its_last_day_and_reads_a_bounded_number_of_days() {
		setup(&[(20, vec![1])], Some(10));
		assert_eq!(walk::<Test>(&mut meter(1_000), DB, 15).cursor, Some(16));
		assert!(applied().is_empty());
		setup(&[], Some(0));
		let w = walk::<Test>(&mut meter(1_000), DB, 1_000);
		assert_eq!((w.cursor, w.days), (Some(MAX_DAYS_PER_WALK), MAX_DAYS_PER_WALK));
	}

	#[test]
	fn an_item_queued_on_the_day_being_walked_is_applied_in_the_same_walk() {
		setup(&[(10, vec![3, 6])], Some(10));
		let w = walk::<Test>(&mut meter(1_000), DB, 10);
		assert_eq!(applied(), vec![3, 6, 2]);
		assert_eq!((w.cursor, w.applied), (Some(11), 3));
	}

	#[test]
	fn a_meter_without_room_for_the_cursor_walks_nothing() {
		setup(&[(10, vec![1])], None);
		let mut m = meter(1);
		assert_eq!(walk::<Test>(&mut m, DB, 10), Walked::default());
		assert_eq!((Test::cursor(), m.consumed().ref_time()), (None, 0));
	}
}
