//! What a transaction costs, in tokenised rupees.

use frame_support::weights::Weight;

use crate::Balance;

/// Fee for weight: one second of block compute (10^12 weight) costs 10 INR, so a balance
/// transfer costs about a paisa. Linear in reference time, rounded down; proof size is not
/// charged (a parachain's blocks are bounded by it, not priced by it).
pub struct WeightToFee;
impl frame_support::weights::WeightToFee for WeightToFee {
	type Balance = Balance;
	fn weight_to_fee(weight: &Weight) -> Balance {
		Balance::from(weight.ref_time() / 100_000)
	}
}

/// Fee per byte of an extrinsic: 10 units (0.00001 INR).
pub const FEE_PER_BYTE: Balance = 10;
