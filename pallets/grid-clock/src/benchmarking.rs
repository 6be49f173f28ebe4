//! Benchmarks of the grid clock's call (frame-benchmarking v2).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use ppa_primitives::GridClock as Clock_;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Re-anchoring a running adjustable clock at a new rate.
	#[benchmark]
	fn set_rate() -> Result<(), BenchmarkError> {
		Adjustable::<T>::put(true);
		Clock::<T>::put(Clock_ { rate: 150, started_at: 0, grid_start: 1_795_458_600_000 });
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 86_400);

		assert_eq!(Rate::<T>::get(), 86_400);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::test_ext(1, None, true), crate::mock::Test);
}
