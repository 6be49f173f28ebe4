//! Benchmarks of the validator set's calls (frame-benchmarking v2): adding and removing are
//! linear in the size of the set (a sorted, bounded list).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;

/// A set of `n` validators, each with registered session keys.
fn set_of<T: Config>(n: u32) {
	let validators: alloc::vec::Vec<T::AccountId> = (0..n)
		.map(|i| {
			let who: T::AccountId = account("validator", i, 0);
			T::BenchmarkHelper::register_keys(&who);
			who
		})
		.collect();
	let mut validators = validators;
	validators.sort();
	Validators::<T>::put(BoundedVec::truncate_from(validators));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adding to a set of `v` validators.
	#[benchmark]
	fn add_validator(
		v: Linear<1, { T::MaxValidators::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		set_of::<T>(v);
		let who: T::AccountId = account("candidate", 0, 0);
		T::BenchmarkHelper::register_keys(&who);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	/// Removing from a set of `v` validators.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get().saturating_add(1) }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		set_of::<T>(v);
		let who: T::AccountId = account("validator", 0, 0);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	/// Setting the session length.
	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks: BlockNumberFor<T> = 600u32.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(SessionLength::<T>::get(), blocks);
		Ok(())
	}

	/// Authorizing a runtime upgrade.
	#[benchmark]
	fn authorize_upgrade() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let code_hash = T::Hash::default();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		assert!(crate::upgrade_authorized());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
