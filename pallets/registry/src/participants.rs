//! Participants: registering an account with its roles, kept sorted and checked.

use crate::*;
use frame_support::pallet_prelude::*;
use ppa_primitives::{DocumentHash, GridTime, Role};

impl<T: Config> Pallet<T> {
	/// `roles` sorted, each once; refuses an empty or repeated list.
	/// Registers `who` (the admin's call, or genesis).
	pub(crate) fn register(
		who: T::AccountId,
		roles: RoleList,
		name: BoundedVec<u8, T::MaxNameLen>,
		legal_id_hash: DocumentHash,
	) -> DispatchResult {
		ensure!(!Participants::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		let roles = Self::normalized(roles)?;
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		Participants::<T>::insert(
			&who,
			Participant {
				roles: roles.clone(),
				name,
				legal_id_hash,
				suspended: false,
				registered_on: T::GridTime::today(),
			},
		);
		Self::deposit_event(Event::ParticipantRegistered { who, roles });
		Ok(())
	}

	pub(crate) fn normalized(mut roles: RoleList) -> Result<RoleList, Error<T>> {
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		roles.sort();
		ensure!(roles.windows(2).all(|w| w[0] != w[1]), Error::<T>::DuplicateRole);
		ensure!(
			roles.len() == 1 || !roles.contains(&Role::Regulator),
			Error::<T>::RegulatorRoleExclusive
		);
		Ok(roles)
	}
}
