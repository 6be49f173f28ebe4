//! Money and physical units (docs/rules.md, "Money and units").
//!
//! The settlement currency is the chain's native token, a tokenised rupee with 6 decimals,
//! so that tariffs to 0.0001 INR/kWh and daily LPS are exact in integers.

/// An amount of money in the smallest unit: 1 INR = [`UNITS`].
pub type Balance = u128;

/// Energy in watt-hours.
pub type EnergyWh = u64;

/// Power or capacity in kilowatts.
pub type PowerKw = u32;

/// Decimal places of the token.
pub const DECIMALS: u8 = 6;

/// One rupee in the smallest unit.
pub const UNITS: Balance = 1_000_000;

/// One paisa (1/100 INR) in the smallest unit.
pub const PAISA: Balance = UNITS / 100;

/// The token symbol shown by wallets.
pub const TOKEN_SYMBOL: &str = "INR";

/// The SS58 address prefix of the chain (unregistered, our own).
pub const SS58_PREFIX: u16 = 4261;

/// Whole rupees in the smallest unit, saturating.
pub const fn inr(rupees: u64) -> Balance {
	(rupees as Balance).saturating_mul(UNITS)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_rupee_has_six_decimals() {
		assert_eq!(UNITS, 10u128.pow(DECIMALS as u32));
		assert_eq!(inr(10_000_000), 10_000_000_000_000); // one crore rupees
		assert_eq!(PAISA * 100, UNITS);
	}
}
