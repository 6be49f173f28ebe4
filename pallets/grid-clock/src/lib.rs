//! # Grid clock pallet
//!
//! The chain's one clock (docs/architecture.md, "Time"): it turns block timestamps into
//! grid time, IST grid days and 15-minute time blocks (rule 5), at a rate fixed at
//! genesis. Every other pallet asks it, through [`ppa_primitives::GridTime`], "what grid
//! instant is it?" and never reads timestamps itself.
//!
//! - `rate` 1 is a real network: grid time is the block's timestamp.
//! - A demo chain runs faster: with rate 150 each 6-second block plays one 15-minute time
//!   block, so a 45-day billing cycle takes 7.2 hours; with rate 1440 a grid day takes a
//!   minute.
//!
//! The clock starts at the chain's first block: its timestamp is recorded as the real start,
//! and the grid time at that start is either the genesis `grid_start` (a demo chain that
//! begins on a chosen day) or the same timestamp.
//!
//! A demo or test chain whose genesis makes the clock `adjustable` lets the admin origin
//! change its rate as it runs ([`Pallet::set_rate`]): the clock is re-anchored at the grid
//! instant of that block, so grid time never jumps or runs backwards, only faster or slower.
//! This is how a demonstration plays a day's schedules slowly and then the 45 days to a due
//! date quickly. A real network's clock is not adjustable.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use ppa_primitives::{GridClock, GridInstant, GridTime};

	use crate::WeightInfo;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Real time: the timestamp of the block being built.
		type UnixTime: UnixTime;
		/// Who may change the rate of an adjustable clock.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Grid milliseconds per real millisecond: 1 on a real network. Set at genesis.
	#[pallet::storage]
	pub type Rate<T> = StorageValue<_, u32, ValueQuery, ConstU32<1>>;

	/// Grid Unix time (ms) at which the clock starts, if genesis chose one; otherwise grid
	/// time starts at the first block's timestamp.
	#[pallet::storage]
	pub type GridStart<T> = StorageValue<_, u64, OptionQuery>;

	/// The clock, once the first block has recorded its timestamp. `None` during the first
	/// block.
	#[pallet::storage]
	pub type Clock<T> = StorageValue<_, GridClock, OptionQuery>;

	/// Whether the admin origin may change the rate (a demo or test chain). Set at genesis.
	#[pallet::storage]
	pub type Adjustable<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Grid milliseconds per real millisecond (at least 1).
		pub rate: u32,
		/// Grid Unix time (ms) at the first block; `None`: the first block's timestamp.
		pub grid_start: Option<u64>,
		/// Whether the admin origin may change the rate (never on a real network).
		pub adjustable: bool,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// A real-time clock starting at the first block.
		fn default() -> Self {
			GenesisConfig {
				rate: 1,
				grid_start: None,
				adjustable: false,
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.rate >= 1, "the grid clock's rate is at least 1 (real time)");
			Rate::<T>::put(self.rate);
			Adjustable::<T>::put(self.adjustable);
			if let Some(start) = self.grid_start {
				GridStart::<T>::put(start);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The clock started with the first block: grid time `grid_start` (Unix ms) at real
		/// time `started_at` (Unix ms), running `rate` times real time.
		ClockStarted { started_at: u64, grid_start: u64, rate: u32, instant: GridInstant },
		/// The admin changed the clock's rate: from `instant` on, grid time runs `rate` times
		/// real time (it was `previous`).
		RateChanged { previous: u32, rate: u32, instant: GridInstant },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This chain's clock is not adjustable: its rate was fixed at genesis.
		NotAdjustable,
		/// The rate must be at least 1 (real time).
		ZeroRate,
		/// The clock has not started yet (the chain's first block).
		NotStarted,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Changes the rate of an adjustable clock from this block on: grid milliseconds per
		/// real millisecond. The clock is re-anchored at this block's grid instant, so grid
		/// time goes on from where it is, faster or slower.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rate())]
		pub fn set_rate(origin: OriginFor<T>, rate: u32) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(Adjustable::<T>::get(), Error::<T>::NotAdjustable);
			ensure!(rate >= 1, Error::<T>::ZeroRate);
			let clock = Clock::<T>::get().ok_or(Error::<T>::NotStarted)?;
			let now = Self::unix_millis();
			let grid_now = clock.grid_unix_millis(now);
			let next = GridClock { rate, started_at: now, grid_start: grid_now };
			Clock::<T>::put(next);
			Rate::<T>::put(rate);
			Self::deposit_event(Event::RateChanged {
				previous: clock.rate,
				rate,
				instant: next.instant_at(now),
			});
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			// `on_finalize` reads `Clock`; in the first block it also reads `Rate` and
			// `GridStart` and writes `Clock`.
			if Clock::<T>::exists() {
				T::DbWeight::get().reads(1)
			} else {
				T::DbWeight::get().reads_writes(3, 1)
			}
		}

		fn on_finalize(_n: BlockNumberFor<T>) {
			if Clock::<T>::exists() {
				return;
			}
			// The timestamp inherent has run by now: this is the first block's own time.
			let started_at = Self::unix_millis();
			let grid_start = GridStart::<T>::get().unwrap_or(started_at);
			let clock = GridClock { rate: Rate::<T>::get().max(1), started_at, grid_start };
			Clock::<T>::put(clock);
			Self::deposit_event(Event::ClockStarted {
				started_at,
				grid_start,
				rate: clock.rate,
				instant: clock.instant_at(started_at),
			});
		}
	}

	impl<T: Config> Pallet<T> {
		/// Real time of the block being built, in Unix milliseconds (saturating).
		fn unix_millis() -> u64 {
			u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
		}

		/// The clock as it runs, or as it will run from the first block while it has not
		/// started yet (then grid time is `GridStart`, or real time, at rate 1 from now).
		pub fn clock() -> GridClock {
			Clock::<T>::get().unwrap_or_else(|| {
				let now = Self::unix_millis();
				GridClock {
					rate: Rate::<T>::get().max(1),
					started_at: now,
					grid_start: GridStart::<T>::get().unwrap_or(now),
				}
			})
		}

		/// Grid Unix time (ms) of the block being built.
		pub fn grid_unix_millis() -> u64 {
			Self::clock().grid_unix_millis(Self::unix_millis())
		}
	}

	impl<T: Config> GridTime for Pallet<T> {
		fn now() -> GridInstant {
			GridInstant::at_unix_millis(Self::grid_unix_millis())
		}

		/// The timestamp is 0 only before the first block's timestamp inherent: in that
		/// block's `on_initialize` hooks.
		fn is_running() -> bool {
			Self::unix_millis() > 0
		}
	}
}
