//! The gates a day-ahead schedule passes, as pure arithmetic on 96 block values (kW): the
//! seller's declared availability, payment security (rule 14) and graded regulation
//! (rule 20).
//!
//! Rounding rules: entitlements round down (a buyer never draws more than its share); the PSM
//! cut rounds the kW cut up (the schedule's value never exceeds the cover); the regulation cut
//! rounds down (the buyer keeps the fraction of a kW).

pub use ppa_primitives::resale::{DayProfile, BLOCKS};
use ppa_primitives::{energy::WH_PER_KW_BLOCK, Balance, EnergyWh, PowerKw};
use sp_runtime::{Percent, Permill};

/// Energy of `kw` over one time block, Wh.
pub fn block_wh(kw: PowerKw) -> EnergyWh {
	EnergyWh::from(kw).saturating_mul(WH_PER_KW_BLOCK)
}

/// Energy of a profile over the day, Wh.
pub fn day_wh(profile: &[PowerKw]) -> EnergyWh {
	profile.iter().fold(0, |sum: EnergyWh, kw| sum.saturating_add(block_wh(*kw)))
}

/// The seller's availability in a block as a share of capacity: `available / station`, at most
/// one; all of it when the station capacity is zero (nothing declared).
pub fn availability(available_kw: PowerKw, station_kw: PowerKw) -> Permill {
	if station_kw == 0 {
		Permill::one()
	} else {
		Permill::from_rational(available_kw.min(station_kw), station_kw)
	}
}

/// A buyer's entitlement in a block: its contracted capacity times the declared availability
/// share, kW, rounded down.
pub fn entitlement_kw(
	contracted_kw: PowerKw,
	available_kw: PowerKw,
	station_kw: PowerKw,
) -> PowerKw {
	if station_kw == 0 {
		return contracted_kw;
	}
	let kw = u64::from(contracted_kw).saturating_mul(u64::from(available_kw.min(station_kw)))
		/ u64::from(station_kw);
	// At most `contracted_kw`, so it fits.
	PowerKw::try_from(kw).unwrap_or(contracted_kw)
}

/// Lowers every block to its entitlement; returns the energy cut, Wh.
pub fn clip_to(profile: &mut [PowerKw], entitlement: &[PowerKw]) -> EnergyWh {
	let mut cut: EnergyWh = 0;
	for (kw, cap) in profile.iter_mut().zip(entitlement) {
		if *kw > *cap {
			cut = cut.saturating_add(block_wh(*kw - *cap));
			*kw = *cap;
		}
	}
	cut
}

/// The value of a profile at `energy_rate` (INR units per kWh), in quarter-units: 4 x INR
/// units, exact (a kW over a quarter of an hour is 1/4 kWh).
pub fn value_quarters(profile: &[PowerKw], energy_rate: Balance) -> Balance {
	profile.iter().fold(0, |sum: Balance, kw| {
		sum.saturating_add(Balance::from(*kw).saturating_mul(energy_rate))
	})
}

/// The value of a profile at `energy_rate`, INR units, rounded up.
pub fn value(profile: &[PowerKw], energy_rate: Balance) -> Balance {
	value_quarters(profile, energy_rate).div_ceil(4)
}

/// rule 14: cuts the profile from the last block of the day backwards until its value at
/// `energy_rate` is at most `cover` (INR units), touching no block before `first`. Returns the
/// energy cut, Wh.
pub fn cut_to_cover(
	profile: &mut [PowerKw],
	energy_rate: Balance,
	cover: Balance,
	first: usize,
) -> EnergyWh {
	if energy_rate == 0 {
		return 0;
	}
	let mut excess = value_quarters(profile, energy_rate).saturating_sub(cover.saturating_mul(4));
	let mut cut_kw_blocks: EnergyWh = 0;
	for kw in profile.iter_mut().skip(first).rev() {
		if excess == 0 {
			break;
		}
		let block_value = Balance::from(*kw).saturating_mul(energy_rate);
		let cut = if block_value <= excess {
			*kw
		} else {
			// The fewest whole kW whose value covers the excess: at most `*kw`.
			PowerKw::try_from(excess.div_ceil(energy_rate)).unwrap_or(*kw).min(*kw)
		};
		excess = excess.saturating_sub(Balance::from(cut).saturating_mul(energy_rate));
		*kw = kw.saturating_sub(cut);
		cut_kw_blocks = cut_kw_blocks.saturating_add(EnergyWh::from(cut));
	}
	cut_kw_blocks.saturating_mul(WH_PER_KW_BLOCK)
}

/// rule 20: withholds `share` of every block from `first` on; returns the energy cut, Wh.
pub fn regulate(profile: &mut [PowerKw], share: Percent, first: usize) -> EnergyWh {
	if share.is_zero() {
		return 0;
	}
	let mut cut: EnergyWh = 0;
	for kw in profile.iter_mut().skip(first) {
		let withheld = share.mul_floor(*kw);
		*kw = kw.saturating_sub(withheld);
		cut = cut.saturating_add(block_wh(withheld));
	}
	cut
}

/// rule 25: lowers every block to its entitlement less what was sold of it on the open
/// market; returns the energy cut, Wh.
pub fn leave_sold(profile: &mut [PowerKw], entitlement: &[PowerKw], sold: &[PowerKw]) -> EnergyWh {
	let mut cut: EnergyWh = 0;
	for ((kw, cap), sold) in profile.iter_mut().zip(entitlement).zip(sold) {
		let left = cap.saturating_sub(*sold);
		if *kw > left {
			cut = cut.saturating_add(block_wh(*kw - left));
			*kw = left;
		}
	}
	cut
}

#[cfg(test)]
mod tests {
	use super::*;

	fn flat(kw: PowerKw) -> DayProfile {
		[kw; BLOCKS]
	}

	#[test]
	fn a_kw_over_a_block_is_250_wh() {
		assert_eq!(block_wh(1), 250);
		assert_eq!(day_wh(&flat(100_000)), 100_000 * 24_000);
	}

	/// Entitlement = contracted x declared / station capacity: a 100 MW share of a 1,000 MW
	/// station that declares 800 MW is entitled to 80 MW; a declaration above the station's
	/// capacity counts as full availability.
	#[test]
	fn entitlement_is_the_share_of_declared_availability() {
		assert_eq!(entitlement_kw(100_000, 800_000, 1_000_000), 80_000);
		assert_eq!(entitlement_kw(100_000, 1_200_000, 1_000_000), 100_000);
		assert_eq!(entitlement_kw(100_000, 0, 1_000_000), 0);
		assert_eq!(entitlement_kw(100_000, 5, 0), 100_000);
		// Rounds down: 1 kW x 2/3 = 0.67 kW -> 0.
		assert_eq!(entitlement_kw(1, 2, 3), 0);
		assert_eq!(availability(800_000, 1_000_000), Permill::from_percent(80));
	}

	/// rule 14: 100 MW all day at INR 3/kWh is worth 100,000 kW x 24 h x INR 3 = INR 72
	/// lakh. With INR 36 lakh of cover the last 48 blocks (12 hours) are cut.
	#[test]
	fn rule_14_psm_cut_from_the_last_block_backwards() {
		let rate = 3_000_000;
		let mut p = flat(100_000);
		assert_eq!(value(&p, rate), 7_200_000_000_000);
		let cut = cut_to_cover(&mut p, rate, 3_600_000_000_000, 0);
		assert_eq!(cut, 48 * 100_000 * 250);
		assert!(p[..48].iter().all(|kw| *kw == 100_000));
		assert!(p[48..].iter().all(|kw| *kw == 0));
		assert_eq!(value(&p, rate), 3_600_000_000_000);
	}

	/// A partial block: the cut is rounded up to whole kW so the value stays within cover.
	#[test]
	fn rule_14_partial_block_cut_rounds_up() {
		// 2 blocks of 10 kW at 4 units/kWh: 10 x 4 / 4 = 10 units each, 20 in all.
		let mut p = [10, 10];
		// Cover of 17 units: 3 units too much = 12 quarter-units = 3 kW of the last block.
		assert_eq!(cut_to_cover(&mut p, 4, 17, 0), 3 * 250);
		assert_eq!(p, [10, 7]);
		// At 3 units/kWh the day is worth 60 quarter-units; cover of 14 units is 56: the excess
		// of 4 quarter-units needs ceil(4 / 3) = 2 kW cut.
		let mut p = [10, 10];
		assert_eq!(cut_to_cover(&mut p, 3, 14, 0), 2 * 250);
		assert_eq!(p, [10, 8]);
		assert!(value_quarters(&p, 3) <= 14 * 4);
	}

	#[test]
	fn rule_14_no_cut_within_cover_or_without_energy_rate() {
		let mut p = flat(10);
		assert_eq!(cut_to_cover(&mut p, 4, 960, 0), 0);
		assert_eq!(cut_to_cover(&mut p, 0, 0, 0), 0);
		assert_eq!(p, flat(10));
		// No cover at all: everything goes.
		assert_eq!(cut_to_cover(&mut p, 4, 0, 0), day_wh(&flat(10)));
		assert_eq!(p, flat(0));
	}

	/// A revision cuts only blocks from its first effective block.
	#[test]
	fn rule_14_cut_spares_blocks_before_first() {
		let mut p = [10, 10, 10];
		assert_eq!(cut_to_cover(&mut p, 4, 0, 1), 20 * 250);
		assert_eq!(p, [10, 0, 0]);
	}

	/// rule 20: a 10 % regulation withholds 10 % of every block, rounded down.
	#[test]
	fn rule_20_regulation_withholds_a_share() {
		let mut p = [100, 15, 0];
		assert_eq!(regulate(&mut p, Percent::from_percent(10), 0), (10 + 1) * 250);
		assert_eq!(p, [90, 14, 0]);
		let mut p = [100, 15];
		assert_eq!(regulate(&mut p, Percent::from_percent(100), 0), 115 * 250);
		assert_eq!(p, [0, 0]);
	}

	/// rule 25: a regulated schedule already leaves room for the regulated share sold;
	/// a seller that stopped supply and sold the whole share leaves the buyer nothing.
	#[test]
	fn rule_25_sold_share_is_left_out_of_the_schedule() {
		// Entitlement 100 kW, 10 % regulation leaves 90, 10 sold: nothing more to cut.
		let mut p = [100, 100];
		regulate(&mut p, Percent::from_percent(10), 0);
		assert_eq!(leave_sold(&mut p, &[100, 100], &[10, 10]), 0);
		assert_eq!(p, [90, 90]);
		// All sold in the first block: the buyer's 90 kW there go.
		assert_eq!(leave_sold(&mut p, &[100, 100], &[100, 0]), 90 * 250);
		assert_eq!(p, [0, 90]);
	}

	#[test]
	fn clip_lowers_to_entitlement() {
		let mut p = [10, 5];
		assert_eq!(clip_to(&mut p, &[8, 8]), 2 * 250);
		assert_eq!(p, [8, 5]);
	}
}
