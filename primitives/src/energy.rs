//! Schedules and metered energy: what the scheduling pallet tells the others, and what it asks
//! of them (rules 5-7, 9, 14, 20).

use crate::{Balance, EnergyWh, GridDay, GridInstant, PartyWeights, PpaId, PpaParties, PpaTerms};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchResult, Percent, Permill, Weight};

/// Wh in one time block of 1 kW: 15 minutes = 1/4 h, so 1,000 Wh / 4.
pub const WH_PER_KW_BLOCK: EnergyWh = 250;

/// The share of a buyer's long-term scheduled quantum withheld by graded regulation (rules.md
/// rule 20). The defaults pallet provides it.
pub trait Regulation<AccountId> {
	/// The share of `buyer`'s schedules for grid day `day` to withhold (0 % when not regulated).
	fn regulated_share(buyer: &AccountId, day: GridDay) -> Percent;
}

/// What a PPA's buyer owes that the PSM gate counts against cover before a new day's schedule
/// (rule 14: billed principal still unpaid). The settlement pallet provides it.
pub trait Exposure {
	/// Billed principal of `ppa` still unpaid, INR units.
	fn exposure(ppa: PpaId) -> Balance;
	/// What `ppa`'s payment security keeps securing until it is paid, INR units: the
	/// exposure and the late payment surcharge recorded unpaid.
	fn dues_secured(ppa: PpaId) -> Balance {
		Self::exposure(ppa)
	}
}

/// The energy of one PPA in one time block, as scheduled and as metered.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct BlockEnergy {
	/// Scheduled energy, Wh.
	pub scheduled_wh: EnergyWh,
	/// Metered energy, Wh: the seller's injection for the PPA's share, its resold part
	/// included.
	pub actual_wh: EnergyWh,
	/// Energy of the PPA's share sold on the open market for the block, Wh (rule 25).
	pub resold_wh: EnergyWh,
	/// The seller's declared availability for the block, as a share of the contracted
	/// capacity (scales the capacity charge, rule 9).
	pub availability: Permill,
}

/// A PPA that binds on a day, as the caller read it from the registry: its parties and its
/// terms in force that day. Passed along so that every observer of a reading works from the
/// one read.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BindingPpa<AccountId> {
	/// The PPA's id.
	pub ppa: PpaId,
	/// Its seller, buyer and scheduling LDC.
	pub parties: PpaParties<AccountId>,
	/// Its terms in force on the day.
	pub terms: PpaTerms,
}

/// Told when a time block's metered energy is in, so that settlement bills it at once.
pub trait OnEnergyMetered<AccountId> {
	/// `binding.ppa`'s energy for the block at `at` is in, for the first time. The PPA binds
	/// on `at.day` with `binding`'s parties and terms: the caller has checked (rule 5).
	/// Returns whether the block was paid at once, from the buyer's advance to the seller: the
	/// accesses `party_weights` counts were made.
	fn energy_metered(
		binding: &BindingPpa<AccountId>,
		at: GridInstant,
		energy: BlockEnergy,
	) -> bool;
	/// The energy account of `ppa`'s metered block at `at` was revised by its LDC, billed or
	/// not: `was` is what it said, `now` what it says. Settlement bills the difference in the
	/// block's charges (a supplementary bill, or a credit); a refusal refuses the revision.
	fn energy_revised(
		_ppa: PpaId,
		_at: GridInstant,
		_was: BlockEnergy,
		_now: BlockEnergy,
	) -> DispatchResult {
		Ok(())
	}
	/// The most weight one `energy_metered` call may take.
	fn weight() -> Weight {
		Weight::zero()
	}
	/// What one `energy_metered` call of a block with resold energy takes beyond one of a
	/// block without: scheduling's metering benchmark runs the runtime's own observers on
	/// blocks with nothing resold, and charges this for each block with resold energy.
	fn resold_weight() -> Weight {
		Weight::zero()
	}
	/// The most weight one `energy_revised` call may take.
	fn revision_weight() -> Weight {
		Weight::zero()
	}
	/// What `weight` counts for accesses keyed by the PPA's buyer and seller when a block is
	/// paid at once from the advance, which a batch of readings needs once per party (for
	/// the readings `energy_metered` says were paid). Two observers' are added: each must key
	/// them by the PPA's own buyer and seller.
	fn party_weights() -> PartyWeights {
		PartyWeights::default()
	}
}

/// Both are told, `A` first (settlement charges the block before resale settles its sales).
impl<AccountId, A: OnEnergyMetered<AccountId>, B: OnEnergyMetered<AccountId>>
	OnEnergyMetered<AccountId> for (A, B)
{
	fn energy_metered(
		binding: &BindingPpa<AccountId>,
		at: GridInstant,
		energy: BlockEnergy,
	) -> bool {
		let a = A::energy_metered(binding, at, energy);
		let b = B::energy_metered(binding, at, energy);
		a || b
	}
	fn energy_revised(
		ppa: PpaId,
		at: GridInstant,
		was: BlockEnergy,
		now: BlockEnergy,
	) -> DispatchResult {
		A::energy_revised(ppa, at, was, now)?;
		B::energy_revised(ppa, at, was, now)
	}
	fn weight() -> Weight {
		A::weight().saturating_add(B::weight())
	}
	fn resold_weight() -> Weight {
		A::resold_weight().saturating_add(B::resold_weight())
	}
	fn revision_weight() -> Weight {
		A::revision_weight().saturating_add(B::revision_weight())
	}
	fn party_weights() -> PartyWeights {
		A::party_weights().saturating_add(B::party_weights())
	}
}

/// Reads of metered energy, for resale (which pays for a resold block as it is delivered).
/// Scheduling owns the energy accounts.
pub trait EnergyLedger {
	/// The energy of `ppa` in the block at `at`, once metered.
	fn block_energy(ppa: PpaId, at: GridInstant) -> Option<BlockEnergy>;
}
