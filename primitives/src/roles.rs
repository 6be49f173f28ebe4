//! Roles of registered participants (DOMAIN rules 1-3).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What a registered participant may do on chain. An account may hold several roles.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
	Debug,
)]
pub enum Role {
	/// A generating company or trader: the seller of a PPA.
	Generator,
	/// A distribution licensee (discom): the buyer of a PPA.
	Buyer,
	/// A load despatch centre (NLDC / RLDC / SLDC): schedules power, certifies metered energy.
	LoadDespatchCentre,
	/// A bank: issues letters of credit and bank guarantees.
	Bank,
	/// The regulator (CERC / Ministry of Power): reads everything, rules on disputes.
	Regulator,
	/// A power exchange or market operator.
	MarketOperator,
}

impl Role {
	/// Every role, in declaration order.
	pub const ALL: [Role; 6] = [
		Role::Generator,
		Role::Buyer,
		Role::LoadDespatchCentre,
		Role::Bank,
		Role::Regulator,
		Role::MarketOperator,
	];

	/// The role's bit in a [`Roles`] set.
	pub const fn bit(self) -> u8 {
		1 << (self as u8)
	}
}

/// A set of roles, stored as a bit mask (one byte, whatever the number of roles held).
#[derive(
	Clone,
	Copy,
	Default,
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
pub struct Roles(u8);

impl Roles {
	/// No role.
	pub const fn empty() -> Self {
		Roles(0)
	}

	/// Whether `role` is in the set.
	pub const fn contains(self, role: Role) -> bool {
		self.0 & role.bit() != 0
	}

	/// The set with `role` added.
	pub const fn with(self, role: Role) -> Self {
		Roles(self.0 | role.bit())
	}

	/// The set with `role` removed.
	pub const fn without(self, role: Role) -> Self {
		Roles(self.0 & !role.bit())
	}

	/// Whether the set holds no role.
	pub const fn is_empty(self) -> bool {
		self.0 == 0
	}

	/// The roles in the set, in declaration order.
	pub fn iter(self) -> impl Iterator<Item = Role> {
		Role::ALL.into_iter().filter(move |r| self.contains(*r))
	}
}

impl FromIterator<Role> for Roles {
	fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
		iter.into_iter().fold(Roles::empty(), Roles::with)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn roles_set_adds_and_removes() {
		let r: Roles = [Role::Generator, Role::Bank].into_iter().collect();
		assert!(r.contains(Role::Generator) && r.contains(Role::Bank));
		assert!(!r.contains(Role::Buyer));
		let r = r.without(Role::Bank).with(Role::Buyer);
		assert_eq!(r.iter().collect::<Vec<_>>(), vec![Role::Generator, Role::Buyer]);
		assert!(Roles::empty().is_empty());
	}

	#[test]
	fn every_role_has_its_own_bit() {
		let all: Roles = Role::ALL.into_iter().collect();
		assert_eq!(all.iter().count(), Role::ALL.len());
		assert_eq!(all.encode().len(), 1);
	}
}
