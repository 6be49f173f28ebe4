//! Roles of registered participants (rules 1-3).

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
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn roles_encode_as_one_byte_in_declaration_order() {
		for (i, role) in Role::ALL.iter().enumerate() {
			assert_eq!(role.encode(), vec![i as u8]);
		}
		assert_eq!(Role::decode(&mut &[6u8][..]).ok(), None);
	}
}
