//! Types and traits shared by the pallets of the PPA chain.
//!
//! Pallets never depend on each other's crates: each declares in its `Config` the traits it
//! needs from this crate, and the runtime wires them (see
//! `docs/architecture.md`). Rule numbers in comments and test names are those of
//! `docs/rules.md`.
//!
//! - [`clock`]: grid time. IST grid days, 96 time blocks of 15 minutes, and the [`GridClock`]
//!   that turns block timestamps into grid time at a rate fixed at genesis.
//! - [`defaults`]: a buyer's default and graded regulation, for resale and the regulator.
//! - [`dues`]: the dues ledger settlement keeps: billed, paid, outstanding, LPS, ageing.
//! - [`energy`]: schedules and metered energy: regulation, exposure, billing hooks.
//! - [`money`]: the tokenised rupee (6 decimals) and units of energy and power.
//! - [`roles`]: what a registered participant may do.
//! - [`ppa`]: the terms of a PPA and the registry's traits (roles, terms in force).
//! - [`queue`]: day-keyed queues that hooks drain a bounded amount at a time.
//! - [`resale`]: the open market for a defaulted share: sale schedules and proceeds credited.
//! - [`security`]: payment security (LCs, BGs, advance): coverage and payments out of it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod clock;
pub mod defaults;
pub mod dues;
pub mod energy;
pub mod money;
pub mod ppa;
pub mod proof;
pub mod queue;
pub mod resale;
pub mod roles;
pub mod security;
#[cfg(feature = "testing")]
pub mod testing;

pub use clock::{GridClock, GridDay, GridInstant, GridTime, TimeBlock};
pub use defaults::{BuyerDefaults, DefaultStatus, GradedRegulation, OnRegulation};
pub use dues::{
	Ageing, BillDues, Collected, Dues, DuesBenchmarkHelper, DuesCollection, DuesLedger,
	DuesObserver, SecurityInstrument,
};
pub use energy::{BindingPpa, BlockEnergy, EnergyLedger, Exposure, OnEnergyMetered, Regulation};
pub use money::{Balance, EnergyWh, PowerKw};
pub use ppa::{
	BillingPeriod, DocumentHash, OnPpaEnded, ParticipantRoles, PaymentSecurityTerms,
	PpaBenchmarkHelper, PpaParties, PpaRegistry, PpaStatus, PpaTerms, RebateTier,
};
pub use resale::{DayProfile, ProceedsCredit, ResaleBenchmarkHelper, SaleScheduling};
pub use roles::Role;
pub use security::{
	AdvanceBenchmarkHelper, BankGuaranteeKind, BillingHistory, Coverage, GuaranteeBenchmarkHelper,
	OnPsmFailure, PartyWeights, PaymentSecurity, PsmFailure, SecurityBenchmarkHelper,
	SecurityPayments,
};

/// Identifies one power purchase agreement: one (seller, buyer) allocation of a station's
/// capacity (rule 1). Assigned from a counter by the registry.
pub type PpaId = u32;
