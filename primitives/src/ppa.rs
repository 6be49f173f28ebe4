//! The terms of a power purchase agreement, and what other pallets may ask the registry
//! (rules 1, 4, 7-12, 14-15).
//!
//! The registry owns PPAs; settlement, escrow, scheduling and defaults read the terms in force
//! on a day through [`PpaRegistry`], never the registry's storage.

use crate::{Balance, GridDay, PowerKw, PpaId, Role};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::{ConstU32, H256};
use sp_runtime::{BoundedVec, Permill};

/// The most rebate tiers a PPA may list.
pub const MAX_REBATE_TIERS: u32 = 4;

/// The hash of a document kept off chain (the signed PPA, a legal identifier, a reason).
pub type DocumentHash = H256;

/// How often charges are billed (rule 7).
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
	Serialize,
	Deserialize,
	Debug,
)]
pub enum BillingPeriod {
	/// One bill per calendar month (the default of the regulations).
	Monthly,
	/// One bill per IST grid day.
	Daily,
	/// One bill per 15-minute time block: real-time settlement.
	PerTimeBlock,
}

/// An early-payment rebate: `rebate` of the bill if it is paid in full within `within_days`
/// days of presentation (rule 10).
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
	Serialize,
	Deserialize,
	Debug,
)]
pub struct RebateTier {
	/// Days after presentation within which the bill must be paid in full.
	pub within_days: u16,
	/// The share of the bill's principal rebated.
	pub rebate: Permill,
}

/// The payment security a PPA requires of its buyer (rules 4, 15, 17).
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
	Serialize,
	Deserialize,
	Debug,
)]
pub struct PaymentSecurityTerms {
	/// Letter of credit size as a percentage of the estimated average monthly billing
	/// (110 = 110 %; SECI's 110 % is the default, state PPAs use 100 %).
	pub lc_percent_of_monthly_billing: u16,
	/// A payment bank guarantee in the seller's favour, in INR units, if the PPA asks one.
	pub payment_bg: Option<Balance>,
}

impl Default for PaymentSecurityTerms {
	fn default() -> Self {
		PaymentSecurityTerms { lc_percent_of_monthly_billing: 110, payment_bg: None }
	}
}

/// One version of a PPA's commercial terms.
#[derive(
	Clone,
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
pub struct PpaTerms {
	/// Contracted capacity allocated to the buyer, in kW.
	pub capacity_kw: PowerKw,
	/// Name of the generating station behind the PPA (UTF-8, at most 64 bytes).
	pub station: BoundedVec<u8, ConstU32<64>>,
	/// First grid day of supply.
	pub start_day: GridDay,
	/// Last grid day of supply (inclusive).
	pub end_day: GridDay,
	/// Capacity (fixed) charge rate, INR units per kW per month.
	pub capacity_rate: Balance,
	/// Energy (variable) charge rate, INR units per kWh.
	pub energy_rate: Balance,
	/// Transmission charge passed through on resale, INR units per kWh (rule 23).
	pub transmission_rate: Balance,
	/// How often charges are billed.
	pub billing_period: BillingPeriod,
	/// Days from presentation to due date (rule 8; default 45).
	pub due_days: u16,
	/// Early-payment rebates, shortest window first (rule 10).
	pub rebate_tiers: BoundedVec<RebateTier, ConstU32<MAX_REBATE_TIERS>>,
	/// The PPA's own cap on the annual LPS rate; the lower of it and the rules' rate applies
	/// (rule 12). `None`: the rules' rate.
	pub lps_rate_cap: Option<Permill>,
	/// Whether LPS months and the default trigger date count calendar months (the General
	/// Clauses Act's month, the default) instead of 30-day months (rules 12, 18).
	pub calendar_months: bool,
	/// The normative annual availability (NAPAF): at this plant availability factor in a
	/// month, the month's whole capacity charge is recovered; below it, pro rata (rule
	/// 9; 85 % for a thermal station).
	pub normative_availability: Permill,
	/// Whether the seller presents each bill to the buyer's letters of credit for payment on
	/// presentation: the chain draws them as the bill is presented, and the payment earns the
	/// rebate of a payment on the day of presentation (rule 10). Otherwise letters of
	/// credit are drawn only once the due date has passed (rule 16).
	pub lc_on_presentation: bool,
	/// Payment security the buyer must maintain.
	pub payment_security: PaymentSecurityTerms,
	/// Whether the chain offers a defaulter's withheld share on the open market by itself
	/// (rule 23).
	pub auto_resale_offer: bool,
	/// Hash of the signed paper or PDF agreement these terms come from.
	pub agreement_hash: DocumentHash,
}

impl PpaTerms {
	/// Terms of a PPA with the regulations' defaults for everything but the supply and the
	/// tariff: monthly bills due in 45 days, the CERC rebates, the LPS Rules' rate, calendar
	/// months, 85 % normative availability, an LC of 110 % of monthly billing drawn after the
	/// due date, no payment BG, no automatic resale.
	pub fn with_defaults(
		station: &[u8],
		capacity_kw: PowerKw,
		start_day: GridDay,
		end_day: GridDay,
		capacity_rate: Balance,
		energy_rate: Balance,
	) -> Self {
		PpaTerms {
			capacity_kw,
			station: BoundedVec::truncate_from(station.to_vec()),
			start_day,
			end_day,
			capacity_rate,
			energy_rate,
			transmission_rate: 0,
			billing_period: BillingPeriod::Monthly,
			due_days: 45,
			rebate_tiers: Self::default_rebate_tiers(),
			lps_rate_cap: None,
			calendar_months: true,
			normative_availability: Self::DEFAULT_NORMATIVE_AVAILABILITY,
			lc_on_presentation: false,
			payment_security: PaymentSecurityTerms::default(),
			auto_resale_offer: false,
			agreement_hash: DocumentHash::zero(),
		}
	}

	/// The normative annual availability of a thermal station under the CERC Tariff
	/// Regulations 2024: 85 %.
	pub const DEFAULT_NORMATIVE_AVAILABILITY: Permill = Permill::from_percent(85);

	/// The rebate tiers of the CERC tariff regulations: 1.5 % within 5 days, 1 % within 30.
	pub fn default_rebate_tiers() -> BoundedVec<RebateTier, ConstU32<MAX_REBATE_TIERS>> {
		BoundedVec::truncate_from(alloc::vec![
			RebateTier { within_days: 5, rebate: Permill::from_parts(15_000) },
			RebateTier { within_days: 30, rebate: Permill::from_percent(1) },
		])
	}
}

/// Where a PPA is in its life (the registry's lifecycle).
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
	Serialize,
	Deserialize,
	Debug,
)]
pub enum PpaStatus {
	/// Proposed by one party, awaiting the other's signature.
	Proposed,
	/// Signed by both parties; supply starts on the start day.
	Signed,
	/// In force: between its start and end day.
	Active,
	/// Past its end day.
	Expired,
	/// Ended early, by both parties or by the regulator.
	Terminated,
}

impl PpaStatus {
	/// Whether the PPA binds its parties (signed and not ended).
	pub fn is_binding(self) -> bool {
		matches!(self, PpaStatus::Signed | PpaStatus::Active)
	}
}

/// The two parties of a PPA, and the load despatch centre that schedules and meters it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PpaParties<AccountId> {
	/// The generator.
	pub seller: AccountId,
	/// The discom.
	pub buyer: AccountId,
	/// The load despatch centre (the RLDC or SLDC of the PPA's control area): the only
	/// account that finalizes its schedules, approves its revisions and submits or corrects
	/// its metered energy.
	pub ldc: AccountId,
}

/// "Does this account hold role R, and is it active?": what every pallet asks the registry.
pub trait ParticipantRoles<AccountId> {
	/// Whether `who` is registered, not suspended, and holds `role`.
	fn has_active_role(who: &AccountId, role: Role) -> bool;
}

/// Reads of PPAs for the other pallets.
pub trait PpaRegistry<AccountId> {
	/// The seller and buyer of `ppa`.
	fn parties(ppa: PpaId) -> Option<PpaParties<AccountId>>;
	/// Where `ppa` is in its life.
	fn status(ppa: PpaId) -> Option<PpaStatus>;
	/// The version of the terms in force on grid day `day` (the latest version effective on or
	/// before it), whether or not the PPA supplies on that day.
	fn terms_on(ppa: PpaId, day: GridDay) -> Option<PpaTerms>;
	/// Parties, status and the terms in force on `day` together: what a pallet checks before
	/// acting on a PPA's day. The registry answers from one read of the PPA.
	fn ppa_on(ppa: PpaId, day: GridDay) -> Option<(PpaParties<AccountId>, PpaStatus, PpaTerms)> {
		Some((Self::parties(ppa)?, Self::status(ppa)?, Self::terms_on(ppa, day)?))
	}
	/// Whether `ppa` binds its parties on grid day `day`: signed, `day` inside the supply
	/// period of the terms in force on it, and not after the day it was terminated. An expired
	/// PPA still binds on the days of its supply period (late meter data is still its own).
	fn binds_on(ppa: PpaId, day: GridDay) -> bool {
		Self::ppa_on(ppa, day).is_some_and(|(_, status, terms)| {
			!matches!(status, PpaStatus::Proposed | PpaStatus::Terminated)
				&& (terms.start_day..=terms.end_day).contains(&day)
		})
	}
	/// Parties and the terms in force on `day` if `ppa` binds on that day (as
	/// [`Self::binds_on`]): what the metering of a block checks and charges by. The registry
	/// answers from one read of the PPA and one of its terms.
	fn binding_on(ppa: PpaId, day: GridDay) -> Option<(PpaParties<AccountId>, PpaTerms)> {
		if !Self::binds_on(ppa, day) {
			return None;
		}
		Self::ppa_on(ppa, day).map(|(parties, _, terms)| (parties, terms))
	}
	/// The PPAs that bind `who` as buyer (signed, not ended): a bounded list.
	fn ppas_of_buyer(who: &AccountId) -> alloc::vec::Vec<PpaId>;
	/// Every PPA `who` ever signed as seller, ended ones included, by id: for reading (dues
	/// and history), not for on-chain walks (it grows over the party's life).
	fn every_ppa_of_seller(who: &AccountId) -> alloc::vec::Vec<PpaId>;
	/// Every PPA `who` ever signed as buyer, ended ones included, by id (as
	/// [`Self::every_ppa_of_seller`]).
	fn every_ppa_of_buyer(who: &AccountId) -> alloc::vec::Vec<PpaId>;
}

/// Told when a PPA stops binding (it expired after its end day, or was terminated), so that
/// what was recorded against its buyer for it alone ends with it. Defaults listens.
pub trait OnPpaEnded<AccountId> {
	/// `ppa`, bought by `buyer`, stopped binding on grid day `day`.
	fn ppa_ended(ppa: PpaId, buyer: &AccountId, day: GridDay);
	/// The most `ppa_ended` costs.
	fn weight() -> sp_runtime::Weight;
}

/// Nobody listens.
impl<AccountId> OnPpaEnded<AccountId> for () {
	fn ppa_ended(_: PpaId, _: &AccountId, _: GridDay) {}
	fn weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

/// Two listeners, told in order.
impl<AccountId, A: OnPpaEnded<AccountId>, B: OnPpaEnded<AccountId>> OnPpaEnded<AccountId>
	for (A, B)
{
	fn ppa_ended(ppa: PpaId, buyer: &AccountId, day: GridDay) {
		A::ppa_ended(ppa, buyer, day);
		B::ppa_ended(ppa, buyer, day);
	}
	fn weight() -> sp_runtime::Weight {
		A::weight().saturating_add(B::weight())
	}
}

/// Sets up registry and clock state for the benchmarks of pallets that read the registry
/// through the traits above (they do not depend on the registry's crate). The runtime
/// implements it with the registry's calls and the timestamp; mocks with their test doubles.
pub trait PpaBenchmarkHelper<AccountId> {
	/// Makes grid day `day` today.
	fn set_today(day: GridDay);
	/// Registers `who` (if needed) and gives it `role`.
	fn participant(who: &AccountId, role: Role);
	/// A PPA between `seller` and `buyer` on `terms`, signed by both and binding today,
	/// scheduled and metered by [`PpaBenchmarkHelper::ldc`].
	fn binding_ppa(seller: &AccountId, buyer: &AccountId, terms: PpaTerms) -> PpaId;
	/// The load despatch centre of every PPA `binding_ppa` makes, registered in its role.
	fn ldc() -> AccountId;
}
