//! Tests of the grid clock: rule 5 (96 IST time blocks a day) on chain.

use crate::{mock::*, Clock, Event};
use frame_support::traits::Hooks;
use ppa_primitives::{GridClock as Clock_, GridInstant, GridTime, TimeBlock};

/// 2026-11-24T00:00:00+05:30 in Unix ms; grid day 20_781.
const NOV_24_IST_MIDNIGHT: u64 = 1_795_458_600_000;
const NOV_24: u32 = 20_781;

/// Runs block `n` with timestamp `now` (ms) through the hooks the clock uses.
fn run_block(n: u64, now: u64) {
	System::set_block_number(n);
	Timestamp::set_timestamp(now);
	GridClock::on_finalize(n);
}

fn block(i: u8) -> TimeBlock {
	TimeBlock::new(i).unwrap()
}

#[test]
fn rule_5_real_time_clock_reads_ist_time_blocks() {
	new_test_ext(1, None).execute_with(|| {
		run_block(1, NOV_24_IST_MIDNIGHT - 1);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24 - 1, TimeBlock::LAST));
		run_block(2, NOV_24_IST_MIDNIGHT + 10 * 3_600_000);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24, block(40)));
		assert_eq!(GridClock::today(), NOV_24);
	});
}

#[test]
fn clock_starts_at_the_first_block_and_says_so() {
	new_test_ext(150, Some(NOV_24_IST_MIDNIGHT)).execute_with(|| {
		assert_eq!(Clock::<Test>::get(), None);
		let t0 = 1_700_000_000_000;
		run_block(1, t0);
		let expected = Clock_ { rate: 150, started_at: t0, grid_start: NOV_24_IST_MIDNIGHT };
		assert_eq!(Clock::<Test>::get(), Some(expected));
		System::assert_last_event(
			Event::ClockStarted {
				started_at: t0,
				grid_start: NOV_24_IST_MIDNIGHT,
				rate: 150,
				instant: GridInstant::new(NOV_24, TimeBlock::FIRST),
			}
			.into(),
		);
		// Later blocks leave the clock alone and emit nothing more.
		System::reset_events();
		run_block(2, t0 + 6_000);
		assert_eq!(Clock::<Test>::get(), Some(expected));
		assert!(System::events().is_empty());
	});
}

#[test]
fn fast_clock_plays_a_time_block_per_six_second_block() {
	new_test_ext(150, Some(NOV_24_IST_MIDNIGHT)).execute_with(|| {
		let t0 = 1_700_000_000_000;
		run_block(1, t0);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24, TimeBlock::FIRST));
		for n in 1..=96u64 {
			run_block(1 + n, t0 + n * 6_000);
			assert_eq!(GridClock::now(), GridInstant::new(NOV_24, TimeBlock::FIRST).plus_blocks(n));
		}
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24 + 1, TimeBlock::FIRST));
	});
}

#[test]
fn without_a_grid_start_grid_time_starts_at_the_first_timestamp() {
	new_test_ext(2, None).execute_with(|| {
		run_block(1, NOV_24_IST_MIDNIGHT);
		run_block(2, NOV_24_IST_MIDNIGHT + 450_000);
		// 7.5 real minutes at rate 2 are 15 grid minutes: block 1.
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24, block(1)));
	});
}

#[test]
fn before_the_first_block_the_clock_reads_its_start() {
	new_test_ext(1_440, Some(NOV_24_IST_MIDNIGHT)).execute_with(|| {
		Timestamp::set_timestamp(42);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24, TimeBlock::FIRST));
	});
}

#[test]
#[should_panic(expected = "the grid clock's rate is at least 1")]
fn genesis_refuses_a_stopped_clock() {
	let _ = new_test_ext(0, None);
}

#[test]
fn an_adjustable_clock_changes_rate_from_where_it_is_without_a_jump() {
	use frame_support::{assert_noop, assert_ok};
	use sp_runtime::DispatchError;
	test_ext(150, Some(NOV_24_IST_MIDNIGHT), true).execute_with(|| {
		let real = 1_000_000_000;
		run_block(1, real);
		// Ten 6-second blocks at 150x: ten time blocks.
		run_block(2, real + 60_000);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24, block(10)));
		assert_noop!(
			crate::Pallet::<Test>::set_rate(RuntimeOrigin::signed(1), 86_400),
			DispatchError::BadOrigin
		);
		assert_noop!(
			crate::Pallet::<Test>::set_rate(RuntimeOrigin::root(), 0),
			crate::Error::<Test>::ZeroRate
		);
		// A day per real second from here: same instant now, a day later one second on.
		assert_ok!(crate::Pallet::<Test>::set_rate(RuntimeOrigin::root(), 86_400));
		System::assert_last_event(
			Event::RateChanged {
				previous: 150,
				rate: 86_400,
				instant: GridInstant::new(NOV_24, block(10)),
			}
			.into(),
		);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24, block(10)));
		assert_eq!(crate::Rate::<Test>::get(), 86_400);
		run_block(3, real + 61_000);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24 + 1, block(10)));
		// And back to 150x: grid time goes on from there, never backwards.
		assert_ok!(crate::Pallet::<Test>::set_rate(RuntimeOrigin::root(), 150));
		run_block(4, real + 67_000);
		assert_eq!(GridClock::now(), GridInstant::new(NOV_24 + 1, block(11)));
	});
}

#[test]
fn a_clock_fixed_at_genesis_or_not_started_keeps_its_rate() {
	use frame_support::assert_noop;
	new_test_ext(150, Some(NOV_24_IST_MIDNIGHT)).execute_with(|| {
		run_block(1, 1_000_000_000);
		assert_noop!(
			crate::Pallet::<Test>::set_rate(RuntimeOrigin::root(), 86_400),
			crate::Error::<Test>::NotAdjustable
		);
		assert_eq!(crate::Rate::<Test>::get(), 150);
	});
	test_ext(150, Some(NOV_24_IST_MIDNIGHT), true).execute_with(|| {
		assert_noop!(
			crate::Pallet::<Test>::set_rate(RuntimeOrigin::root(), 86_400),
			crate::Error::<Test>::NotStarted
		);
	});
}
