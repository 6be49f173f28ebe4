//! Grid time: IST grid days and 15-minute time blocks (rule 5), and the chain's one
//! clock.
//!
//! A trading day has 96 time blocks of 15 minutes, counted in Indian Standard Time
//! (UTC+05:30): block 0 is 00:00-00:15 IST, block 95 is 23:45-24:00 IST. A [`GridDay`] counts
//! IST calendar days since 1970-01-01, so grid day 0 began at 1969-12-31T18:30Z.
//!
//! The [`GridClock`] turns a block's timestamp (Unix milliseconds) into grid time. Its `rate`
//! is a genesis parameter: 1 on a real network; a demo chain runs faster so that a whole
//! default cycle (45 days and more) plays out in minutes. All arithmetic saturates: a
//! timestamp before the clock started maps to the clock's start, never to a panic.

use codec::{Decode, DecodeWithMemTracking, Encode, Input, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// An IST calendar day, counted from 1970-01-01 (day 0).
pub type GridDay = u32;

/// Time blocks in a trading day.
pub const BLOCKS_PER_DAY: u8 = 96;
/// Length of a time block in milliseconds (15 minutes).
pub const MILLIS_PER_TIME_BLOCK: u64 = 15 * 60 * 1000;
/// Length of a day in milliseconds.
pub const MILLIS_PER_DAY: u64 = 24 * 60 * 60 * 1000;
/// Indian Standard Time is UTC+05:30, in milliseconds.
pub const IST_OFFSET_MILLIS: u64 = (5 * 60 + 30) * 60 * 1000;

/// One of the 96 time blocks of a day: 0 is 00:00-00:15 IST, 95 is 23:45-24:00 IST.
///
/// Always below [`BLOCKS_PER_DAY`]: the constructor and SCALE decoding both refuse 96 and up.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
	Debug,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct TimeBlock(u8);

impl TimeBlock {
	/// The first block of a day, 00:00-00:15 IST.
	pub const FIRST: TimeBlock = TimeBlock(0);
	/// The last block of a day, 23:45-24:00 IST.
	pub const LAST: TimeBlock = TimeBlock(BLOCKS_PER_DAY - 1);

	/// The block with index `index`, if it is in 0..=95.
	pub const fn new(index: u8) -> Option<Self> {
		if index < BLOCKS_PER_DAY {
			Some(TimeBlock(index))
		} else {
			None
		}
	}

	/// The block's index in its day, 0..=95.
	pub const fn index(self) -> u8 {
		self.0
	}

	/// Minutes after IST midnight at which the block starts (0, 15, ..., 1425).
	pub const fn start_minute(self) -> u16 {
		self.0 as u16 * 15
	}

	/// Every block of a day, in order.
	pub fn all() -> impl Iterator<Item = TimeBlock> {
		(0..BLOCKS_PER_DAY).map(TimeBlock)
	}
}

impl TryFrom<u8> for TimeBlock {
	type Error = &'static str;
	fn try_from(index: u8) -> Result<Self, Self::Error> {
		TimeBlock::new(index).ok_or("a time block is 0..=95")
	}
}

impl From<TimeBlock> for u8 {
	fn from(block: TimeBlock) -> u8 {
		block.0
	}
}

impl Decode for TimeBlock {
	fn decode<I: Input>(input: &mut I) -> Result<Self, codec::Error> {
		let index = u8::decode(input)?;
		TimeBlock::new(index).ok_or_else(|| "time block out of range 0..=95".into())
	}
}

impl DecodeWithMemTracking for TimeBlock {}

/// A point in grid time at time-block resolution: a day and a block of it.
///
/// Ordered by day, then block.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
	Debug,
)]
pub struct GridInstant {
	/// The IST day.
	pub day: GridDay,
	/// The time block of that day.
	pub block: TimeBlock,
}

impl GridInstant {
	/// The instant of `block` on `day`.
	pub const fn new(day: GridDay, block: TimeBlock) -> Self {
		GridInstant { day, block }
	}

	/// Time blocks since the first block of grid day 0: a single counter for queues keyed by
	/// time block.
	pub const fn absolute_block(self) -> u64 {
		self.day as u64 * BLOCKS_PER_DAY as u64 + self.block.0 as u64
	}

	/// The instant `absolute` time blocks after the first block of grid day 0 (saturating at
	/// the last representable day).
	pub fn from_absolute_block(absolute: u64) -> Self {
		let per_day = BLOCKS_PER_DAY as u64;
		let day = GridDay::try_from(absolute / per_day).unwrap_or(GridDay::MAX);
		// `absolute % 96` is below 96, so the cast cannot truncate.
		GridInstant { day, block: TimeBlock((absolute % per_day) as u8) }
	}

	/// The instant `blocks` time blocks later (saturating).
	pub fn plus_blocks(self, blocks: u64) -> Self {
		Self::from_absolute_block(self.absolute_block().saturating_add(blocks))
	}

	/// The grid instant that contains the Unix time `unix_millis` (milliseconds, UTC).
	pub fn at_unix_millis(unix_millis: u64) -> Self {
		let ist = unix_millis.saturating_add(IST_OFFSET_MILLIS);
		let day = GridDay::try_from(ist / MILLIS_PER_DAY).unwrap_or(GridDay::MAX);
		// The remainder is below one day, so the block index is below 96.
		let block = TimeBlock(((ist % MILLIS_PER_DAY) / MILLIS_PER_TIME_BLOCK) as u8);
		GridInstant { day, block }
	}

	/// The Unix time (milliseconds, UTC) at which this instant's time block starts.
	pub fn start_unix_millis(self) -> u64 {
		(self.day as u64)
			.saturating_mul(MILLIS_PER_DAY)
			.saturating_add(self.block.0 as u64 * MILLIS_PER_TIME_BLOCK)
			.saturating_sub(IST_OFFSET_MILLIS)
	}
}

/// The chain's clock: real time (block timestamps) to grid time.
///
/// `grid = grid_start + (now - started_at) * rate`, in Unix milliseconds. With `rate` 1 and
/// `grid_start == started_at` grid time is real time; a demo chain with rate 150 plays one
/// 15-minute time block in every 6-second block.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
	Debug,
)]
pub struct GridClock {
	/// Grid milliseconds per real millisecond: 1 on a real network.
	pub rate: u32,
	/// Real Unix time (ms) at which the clock started: the timestamp of the chain's first block.
	pub started_at: u64,
	/// Grid Unix time (ms) at `started_at`. Equal to `started_at` on a real network; a demo
	/// chain may start on a chosen grid day.
	pub grid_start: u64,
}

impl GridClock {
	/// A clock running at real time, started at `started_at` (Unix ms).
	pub const fn real_time(started_at: u64) -> Self {
		GridClock { rate: 1, started_at, grid_start: started_at }
	}

	/// Grid Unix time (ms) at the real Unix time `now` (ms). Times before the start map to the
	/// start.
	pub fn grid_unix_millis(&self, now: u64) -> u64 {
		let elapsed = now.saturating_sub(self.started_at);
		self.grid_start.saturating_add(elapsed.saturating_mul(self.rate as u64))
	}

	/// The grid instant at the real Unix time `now` (ms).
	pub fn instant_at(&self, now: u64) -> GridInstant {
		GridInstant::at_unix_millis(self.grid_unix_millis(now))
	}

	/// The earliest real Unix time (ms) at which grid time has reached `grid` (ms): what an
	/// off-chain tool waits for. A grid time before the start maps to the start.
	pub fn real_unix_millis(&self, grid: u64) -> u64 {
		let grid_elapsed = grid.saturating_sub(self.grid_start);
		let rate = (self.rate as u64).max(1);
		self.started_at.saturating_add(grid_elapsed.div_ceil(rate))
	}
}

/// Grid time as the runtime sees it: what pallets ask instead of reading timestamps.
pub trait GridTime {
	/// The grid instant of the block being built.
	fn now() -> GridInstant;

	/// The grid day of the block being built.
	fn today() -> GridDay {
		Self::now().day
	}

	/// Whether grid time is known yet: false only in the hooks of the chain's first block,
	/// which run before the block's timestamp is set. A hook that would start a cursor at
	/// today waits until it is known.
	fn is_running() -> bool {
		true
	}
}

/// A date of the proleptic Gregorian calendar, as printed on a bill.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct CivilDate {
	/// The year, e.g. 2026.
	pub year: i32,
	/// The month, 1..=12.
	pub month: u8,
	/// The day of the month, 1..=31.
	pub day: u8,
}

/// The calendar date of a grid day (days-from-civil inverted, after H. Hinnant's algorithm;
/// integer-only and exact for every `GridDay`).
pub fn civil_date(day: GridDay) -> CivilDate {
	let z = day as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097); // [0, 146096]
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
	let mp = (5 * doy + 2) / 153; // [0, 11], March-based
	let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
	let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
	let y = yoe + era * 400 + i64::from(m <= 2);
	// The ranges above bound `m` and `d`; `y` stays within i32 for every u32 day.
	CivilDate { year: y as i32, month: m as u8, day: d as u8 }
}

/// The grid day of a calendar date, if the date exists and is not before 1970-01-01.
pub fn grid_day_of(date: CivilDate) -> Option<GridDay> {
	if date.month == 0 || date.month > 12 || date.day == 0 {
		return None;
	}
	if date.day > days_in_month(date.year, date.month) {
		return None;
	}
	let y = date.year as i64 - i64::from(date.month <= 2);
	let era = y.div_euclid(400);
	let yoe = y.rem_euclid(400);
	let m = date.month as i64;
	let mp = if m > 2 { m - 3 } else { m + 9 };
	let doy = (153 * mp + 2) / 5 + date.day as i64 - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	let days = era * 146_097 + doe - 719_468;
	GridDay::try_from(days).ok()
}

/// Whether `year` is a leap year of the Gregorian calendar.
pub const fn is_leap_year(year: i32) -> bool {
	(year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1..=12) of `year`; 0 for a month out of range.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
	match month {
		1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
		4 | 6 | 9 | 11 => 30,
		2 if is_leap_year(year) => 29,
		2 => 28,
		_ => 0,
	}
}

/// Days in the calendar month that contains grid day `day` (28..=31).
pub fn days_in_month_of(day: GridDay) -> u8 {
	let date = civil_date(day);
	days_in_month(date.year, date.month)
}

/// Months since January 1970 of the calendar month that contains grid day `day` (January 1970
/// is 0): two days are in the same month exactly when their indexes are equal.
pub fn month_index(day: GridDay) -> u32 {
	let date = civil_date(day);
	// A `GridDay` is at most ~11.7 million years after 1970, so the product fits in u32.
	((date.year - 1970) as u32).saturating_mul(12).saturating_add(u32::from(date.month) - 1)
}

/// The first grid day of the calendar month that contains `day`.
pub fn first_day_of_month(day: GridDay) -> GridDay {
	let date = civil_date(day);
	day.saturating_sub(u32::from(date.day).saturating_sub(1))
}

/// The grid day `months` calendar months after `day`, on the same day of the month or the
/// month's last day if it is shorter (31 January + 1 month = 28 or 29 February).
pub fn add_calendar_months(day: GridDay, months: u32) -> GridDay {
	let date = civil_date(day);
	let zero_based = i64::from(date.month) - 1 + i64::from(months);
	let year = i64::from(date.year).saturating_add(zero_based.div_euclid(12));
	let month = (zero_based.rem_euclid(12) + 1) as u8;
	let year = i32::try_from(year).unwrap_or(i32::MAX);
	let dom = date.day.min(days_in_month(year, month));
	grid_day_of(CivilDate { year, month, day: dom }).unwrap_or(GridDay::MAX)
}

/// The financial year (1 April to 31 March) that contains grid day `day`, named by the year in
/// which it starts: 2026 is the year from 1 April 2026 to 31 March 2027.
pub fn financial_year_of(day: GridDay) -> u16 {
	let date = civil_date(day);
	let year = if date.month >= 4 { date.year } else { date.year.saturating_sub(1) };
	u16::try_from(year).unwrap_or(u16::MAX)
}

/// The first grid day (1 April) of financial year `year`.
pub fn financial_year_start(year: u16) -> GridDay {
	grid_day_of(CivilDate { year: i32::from(year), month: 4, day: 1 }).unwrap_or(0)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn financial_years_run_from_1_april_to_31_march() {
		let apr_1_2027 = grid_day_of(CivilDate { year: 2027, month: 4, day: 1 }).unwrap();
		assert_eq!(financial_year_start(2027), apr_1_2027);
		assert_eq!(financial_year_of(apr_1_2027), 2027);
		assert_eq!(financial_year_of(apr_1_2027 - 1), 2026);
		assert_eq!(financial_year_of(NOV_24_2026), 2026);
		assert_eq!(financial_year_start(2026), apr_1_2027 - 365);
	}

	/// 2026-11-24 is grid day 20_781 (checked with Python's `date(2026,11,24) - date(1970,1,1)`).
	const NOV_24_2026: GridDay = 20_781;
	/// 2026-11-23T18:30:00Z = 2026-11-24T00:00:00+05:30, in Unix ms.
	const NOV_24_2026_IST_MIDNIGHT: u64 = 1_795_458_600_000;

	#[test]
	fn calendar_months_clamp_to_the_months_end() {
		// 2026-11-24 + 1 month = 2026-12-24 (30 days later); + 3 = 2027-02-24.
		assert_eq!(add_calendar_months(NOV_24_2026, 1), NOV_24_2026 + 30);
		assert_eq!(add_calendar_months(NOV_24_2026, 3), NOV_24_2026 + 30 + 31 + 31);
		// 2027-01-31 + 1 month = 2027-02-28; 2028-01-31 + 1 = 2028-02-29 (leap).
		let jan_31_2027 = grid_day_of(CivilDate { year: 2027, month: 1, day: 31 }).unwrap();
		let feb_28_2027 = grid_day_of(CivilDate { year: 2027, month: 2, day: 28 }).unwrap();
		assert_eq!(add_calendar_months(jan_31_2027, 1), feb_28_2027);
		assert_eq!(add_calendar_months(jan_31_2027, 13), feb_28_2027 + 366);
		assert_eq!(first_day_of_month(NOV_24_2026), NOV_24_2026 - 23);
		assert_eq!(first_day_of_month(jan_31_2027), jan_31_2027 - 30);
	}

	#[test]
	fn month_index_counts_calendar_months() {
		assert_eq!(month_index(0), 0);
		assert_eq!(month_index(30), 0); // 1970-01-31
		assert_eq!(month_index(31), 1); // 1970-02-01
								  // 2026-11-24 and 2026-11-30 share a month; 2026-12-01 is the next.
		assert_eq!(month_index(NOV_24_2026), 56 * 12 + 10);
		assert_eq!(month_index(NOV_24_2026 + 6), month_index(NOV_24_2026));
		assert_eq!(month_index(NOV_24_2026 + 7), month_index(NOV_24_2026) + 1);
	}

	fn block(i: u8) -> TimeBlock {
		TimeBlock::new(i).unwrap()
	}

	#[test]
	fn rule_5_a_day_has_96_blocks_of_15_minutes() {
		assert_eq!(TimeBlock::all().count(), 96);
		assert_eq!(MILLIS_PER_TIME_BLOCK * BLOCKS_PER_DAY as u64, MILLIS_PER_DAY);
		assert_eq!(TimeBlock::LAST.index(), 95);
		assert_eq!(TimeBlock::LAST.start_minute(), 23 * 60 + 45);
		assert_eq!(TimeBlock::new(96), None);
		assert_eq!(TimeBlock::try_from(255u8), Err("a time block is 0..=95"));
	}

	#[test]
	fn rule_5_ist_midnight_starts_a_grid_day() {
		// One millisecond before IST midnight is the last block of 23 November...
		let before = GridInstant::at_unix_millis(NOV_24_2026_IST_MIDNIGHT - 1);
		assert_eq!(before, GridInstant::new(NOV_24_2026 - 1, TimeBlock::LAST));
		// ...and IST midnight (18:30 UTC the day before) is block 0 of 24 November.
		let midnight = GridInstant::at_unix_millis(NOV_24_2026_IST_MIDNIGHT);
		assert_eq!(midnight, GridInstant::new(NOV_24_2026, TimeBlock::FIRST));
		assert_eq!(midnight.start_unix_millis(), NOV_24_2026_IST_MIDNIGHT);
		// UTC midnight is 05:30 IST: block 22 (05:30-05:45) of the same IST day.
		let utc_midnight = NOV_24_2026_IST_MIDNIGHT + 5 * 3_600_000 + 30 * 60_000;
		assert_eq!(
			GridInstant::at_unix_millis(utc_midnight),
			GridInstant::new(NOV_24_2026, block(22))
		);
	}

	#[test]
	fn rule_6_ten_o_clock_ist_is_block_40() {
		// 2026-11-24T04:30:00Z = 10:00 IST, the day-ahead requisition gate.
		let ten = GridInstant::at_unix_millis(1_795_494_600_000);
		assert_eq!(ten, GridInstant::new(NOV_24_2026, block(40)));
		assert_eq!(ten.block.start_minute(), 600);
		// 09:59:59.999 IST is still block 39.
		assert_eq!(GridInstant::at_unix_millis(1_795_494_600_000 - 1).block, block(39));
	}

	#[test]
	fn unix_epoch_is_block_22_of_grid_day_0() {
		// 1970-01-01T00:00Z is 05:30 IST on 1970-01-01.
		assert_eq!(GridInstant::at_unix_millis(0), GridInstant::new(0, block(22)));
		// Grid day 0 began before the Unix epoch: its start saturates to 0.
		assert_eq!(GridInstant::new(0, TimeBlock::FIRST).start_unix_millis(), 0);
	}

	#[test]
	fn absolute_blocks_round_trip_across_days() {
		let last = GridInstant::new(NOV_24_2026, TimeBlock::LAST);
		let next = last.plus_blocks(1);
		assert_eq!(next, GridInstant::new(NOV_24_2026 + 1, TimeBlock::FIRST));
		assert_eq!(next.absolute_block(), last.absolute_block() + 1);
		assert_eq!(GridInstant::from_absolute_block(last.absolute_block()), last);
		assert!(last < next);
		// Saturates instead of overflowing.
		assert_eq!(GridInstant::from_absolute_block(u64::MAX).day, GridDay::MAX);
	}

	#[test]
	fn time_block_decoding_refuses_96_and_up() {
		assert_eq!(TimeBlock::decode(&mut &[95u8][..]), Ok(TimeBlock::LAST));
		assert!(TimeBlock::decode(&mut &[96u8][..]).is_err());
		assert_eq!(block(7).encode(), vec![7u8]);
	}

	#[test]
	fn real_time_clock_is_identity() {
		let clock = GridClock::real_time(NOV_24_2026_IST_MIDNIGHT);
		let t = NOV_24_2026_IST_MIDNIGHT + 37 * 60_000;
		assert_eq!(clock.grid_unix_millis(t), t);
		assert_eq!(clock.instant_at(t), GridInstant::new(NOV_24_2026, block(2)));
		assert_eq!(clock.real_unix_millis(t), t);
	}

	#[test]
	fn fast_clock_plays_one_time_block_per_six_second_slot() {
		// Rate 150: 6 s of real time are 900 s = one time block of grid time.
		let start = 1_700_000_000_000;
		let clock =
			GridClock { rate: 150, started_at: start, grid_start: NOV_24_2026_IST_MIDNIGHT };
		assert_eq!(clock.instant_at(start), GridInstant::new(NOV_24_2026, TimeBlock::FIRST));
		assert_eq!(clock.instant_at(start + 6_000), GridInstant::new(NOV_24_2026, block(1)));
		assert_eq!(
			clock.instant_at(start + 5_999),
			GridInstant::new(NOV_24_2026, TimeBlock::FIRST)
		);
		// A whole day in 96 slots: 9.6 minutes.
		assert_eq!(
			clock.instant_at(start + 96 * 6_000),
			GridInstant::new(NOV_24_2026 + 1, block(0))
		);
		// Timestamps before the start map to the start.
		assert_eq!(clock.instant_at(start - 1), clock.instant_at(start));
		// The real time at which grid day D+1 begins, rounded up.
		let next_day = GridInstant::new(NOV_24_2026 + 1, TimeBlock::FIRST).start_unix_millis();
		assert_eq!(clock.real_unix_millis(next_day), start + 96 * 6_000);
		assert_eq!(clock.real_unix_millis(NOV_24_2026_IST_MIDNIGHT + 1), start + 1);
	}

	#[test]
	fn clock_saturates_instead_of_overflowing() {
		let clock = GridClock { rate: u32::MAX, started_at: 0, grid_start: u64::MAX - 1 };
		assert_eq!(clock.grid_unix_millis(u64::MAX), u64::MAX);
		assert_eq!(clock.instant_at(u64::MAX).day, GridInstant::at_unix_millis(u64::MAX).day);
	}

	#[test]
	fn calendar_dates_match_known_days() {
		assert_eq!(civil_date(0), CivilDate { year: 1970, month: 1, day: 1 });
		assert_eq!(civil_date(NOV_24_2026), CivilDate { year: 2026, month: 11, day: 24 });
		// 2024-02-29 is day 19_782 and 2000-03-01 day 11_017 (Python's datetime).
		assert_eq!(civil_date(19_782), CivilDate { year: 2024, month: 2, day: 29 });
		assert_eq!(civil_date(11_017), CivilDate { year: 2000, month: 3, day: 1 });
		for day in [0, 59, 11_016, 11_017, 19_782, NOV_24_2026, 100_000] {
			assert_eq!(grid_day_of(civil_date(day)), Some(day));
		}
	}

	#[test]
	fn calendar_refuses_impossible_dates() {
		assert_eq!(grid_day_of(CivilDate { year: 2026, month: 2, day: 29 }), None);
		assert_eq!(grid_day_of(CivilDate { year: 2026, month: 13, day: 1 }), None);
		assert_eq!(grid_day_of(CivilDate { year: 2026, month: 4, day: 31 }), None);
		assert_eq!(grid_day_of(CivilDate { year: 1969, month: 12, day: 31 }), None);
		assert_eq!(grid_day_of(CivilDate { year: 2024, month: 2, day: 29 }), Some(19_782));
	}

	#[test]
	fn months_have_their_lengths() {
		assert_eq!(days_in_month(2024, 2), 29);
		assert_eq!(days_in_month(2026, 2), 28);
		assert_eq!(days_in_month(2000, 2), 29);
		assert_eq!(days_in_month(1900, 2), 28);
		assert_eq!(days_in_month(2026, 11), 30);
		assert_eq!(days_in_month(2026, 0), 0);
		assert_eq!(days_in_month_of(NOV_24_2026), 30);
		let total: u32 = (1..=12).map(|m| days_in_month(2026, m) as u32).sum();
		assert_eq!(total, 365);
	}
}
