//! The regulator origin as the chain knows the regulator: a signed call of an account the
//! registry holds, not suspended, with the [`Role::Regulator`] role (CERC, or a state
//! commission), which it holds alone (no discom or generator rules on its own dispute). Dispute rulings, relaxations of regulation, terminations and the regulator's
//! orders on payment security take this origin in the runtime; the account it yields is the
//! regulator who acted.

use crate::{Config, Pallet};
use core::marker::PhantomData;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;
use ppa_primitives::{ParticipantRoles, Role};

/// Succeeds for a signed origin whose account is an active registered regulator, with that
/// account; gives any other origin back.
pub struct EnsureRegulator<T>(PhantomData<T>);

impl<T: Config> EnsureOrigin<T::RuntimeOrigin> for EnsureRegulator<T> {
	type Success = T::AccountId;

	fn try_origin(o: T::RuntimeOrigin) -> Result<Self::Success, T::RuntimeOrigin> {
		o.into().and_then(|raw| match raw {
			RawOrigin::Signed(who) if Pallet::<T>::has_active_role(&who, Role::Regulator) => {
				Ok(who)
			},
			other => Err(other.into()),
		})
	}

	/// Registers a regulator (if none is registered under the benchmark's account) and signs as
	/// it.
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<T::RuntimeOrigin, ()> {
		let who: T::AccountId = frame_benchmarking::account("regulator", 0, 0);
		if !Pallet::<T>::has_active_role(&who, Role::Regulator) {
			let roles = crate::RoleList::try_from(alloc::vec![Role::Regulator]).map_err(|_| ())?;
			let name = frame_support::BoundedVec::truncate_from(b"regulator".to_vec());
			Pallet::<T>::register(who.clone(), roles, name, Default::default()).map_err(|_| ())?;
		}
		Ok(RawOrigin::Signed(who).into())
	}
}
