//! # The PPA chain's runtime
//!
//! A permissioned chain on which power purchase agreements execute themselves
//! (docs/architecture.md).
//! This crate is its standalone runtime: the consortium's own chain, whose validators author
//! with Aura and finalize with GRANDPA, and whose nodes connect only to permissioned peers.
//! What it shares with the parachain runtime (`ppa-parachain-runtime`), every pallet's
//! configuration but consensus's and the runtime APIs, comes from `ppa-runtime-common`.
//!
//! - [`configs`]: the shared configuration, and that of Aura, GRANDPA, the timestamp and
//!   permissioned peers.
//! - [`apis`]: the runtime APIs served to the node, Polkadot.js and billing systems.
//! - [`genesis`]: the named genesis presets `development`, `local_testnet` and `demo`.
//! - [`invariants`]: what pallets keep of each other's facts agrees with the owner.
//! - [`views`]: what the PPA chain's runtime APIs return.
//! - [`migrations`]: what the runtime hands its pallets' migrations from other pallets.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands to a very deep type.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helpers;
pub mod configs;
pub mod genesis;
pub mod invariants;
pub mod migrations;

use sp_runtime::{generic, impl_opaque_keys};

pub use ppa_runtime_common::{
	AccountId, Address, Balance, BlockNumber, Hash, Header, Nonce, Signature, DAYS, DECIMALS,
	EXISTENTIAL_DEPOSIT, HOURS, MILLISECS_PER_BLOCK, MINUTES, SLOT_DURATION, SS58_PREFIX,
	TOKEN_SYMBOL, UNITS,
};

ppa_runtime_common::impl_ppa_views!();

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	pub use ppa_runtime_common::Header;
	/// A block with opaque extrinsics.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;

	impl_opaque_keys! {
		/// The session keys of a validator: Aura to author blocks, GRANDPA to finalize them.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

#[cfg(not(feature = "upgrade-rehearsal"))]
ppa_runtime_common::runtime_version!("ppa-chain", 100);
// The upgrade rehearsal's runtime: this code with the next spec_version.
#[cfg(feature = "upgrade-rehearsal")]
ppa_runtime_common::runtime_version!("ppa-chain", 101);

/// The upgrade rehearsal's wasm: this runtime with the next `spec_version`, which
/// `scripts/upgrade-runtime.sh` and the node's upgrade test submit to a running network.
#[cfg(feature = "std")]
pub mod upgrade_rehearsal {
	include!(concat!(env!("OUT_DIR"), "/wasm_binary_upgrade_rehearsal.rs"));
}

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	/// The grid operators' consortium: validators added and removed by governance.
	#[runtime::pallet_index(7)]
	pub type ValidatorSet = pallet_validator_set;
	/// Sessions: the validators' keys, and the set changing at session boundaries.
	#[runtime::pallet_index(8)]
	pub type Session = pallet_session;
	/// Permissioned peers: nodes connect only to consortium members' well-known nodes.
	#[runtime::pallet_index(9)]
	pub type NodeAuthorization = pallet_node_authorization;

	/// The chain's one clock: block timestamps to IST grid days and time blocks.
	#[runtime::pallet_index(10)]
	pub type GridClock = pallet_grid_clock;

	/// Participants and their roles; PPAs as signed, versioned contracts.
	#[runtime::pallet_index(11)]
	pub type Registry = pallet_registry;

	/// Payment security: letters of credit, bank guarantees, advance payment (held funds).
	#[runtime::pallet_index(12)]
	pub type Escrow = pallet_escrow;

	/// Day-ahead schedules per time block, gated by payment security; metered energy.
	#[runtime::pallet_index(13)]
	pub type Scheduling = pallet_scheduling;

	/// Bills, real-time settlement, payments, rebates, LPS and disputes: the dues ledger.
	#[runtime::pallet_index(14)]
	pub type Settlement = pallet_settlement;

	/// Due dates, default, graded regulation and restoration (LPS Rules).
	#[runtime::pallet_index(15)]
	pub type Defaults = pallet_defaults;

	/// Auctions of a defaulter's withheld share, per time block.
	#[runtime::pallet_index(16)]
	pub type Resale = pallet_resale;

	/// The consortium's council: two thirds of its members' motion is the admin origin.
	#[runtime::pallet_index(17)]
	pub type Council = pallet_collective<Instance1>;
}

/// A block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks every signed transaction passes, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it arrives.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a sender signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run by the first block of a new runtime: each custom pallet's, in
/// order of storage version (each runs only if the pallet's on-chain version is the one it
/// migrates from, so they are no-ops on a chain that is up to date).
pub type Migrations = (
	pallet_grid_clock::migrations::v1::MigrateToV1<Runtime>,
	pallet_registry::migrations::v1::MigrateToV1<Runtime>,
	pallet_registry::migrations::v2::MigrateToV2<Runtime>,
	pallet_registry::migrations::v3::MigrateToV3<Runtime>,
	pallet_registry::migrations::v4::MigrateToV4<Runtime>,
	pallet_escrow::migrations::v1::MigrateToV1<Runtime>,
	pallet_escrow::migrations::v2::MigrateToV2<Runtime>,
	pallet_scheduling::migrations::v1::MigrateToV1<Runtime>,
	pallet_scheduling::migrations::v2::MigrateToV2<Runtime>,
	pallet_scheduling::migrations::v3::MigrateToV3<Runtime, migrations::DefaultsRegulations>,
	pallet_settlement::migrations::v1::MigrateToV1<Runtime>,
	pallet_settlement::migrations::v2::MigrateToV2<Runtime>,
	pallet_settlement::migrations::v3::MigrateToV3<Runtime>,
	pallet_defaults::migrations::v1::MigrateToV1<Runtime>,
	pallet_resale::migrations::v1::MigrateToV1<Runtime>,
	pallet_resale::migrations::v2::MigrateToV2<Runtime>,
	pallet_validator_set::migrations::v1::MigrateToV1<Runtime>,
);

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[cfg(feature = "runtime-benchmarks")]
mod benches {
	use super::Runtime;

	impl frame_system_benchmarking::Config for Runtime {}
	impl frame_benchmarking::baseline::Config for Runtime {}

	frame_benchmarking::define_benchmarks!(
		[frame_benchmarking, BaselineBench::<Runtime>]
		[frame_system, SystemBench::<Runtime>]
		[pallet_balances, Balances]
		[pallet_collective, Council]
		[pallet_timestamp, Timestamp]
		[pallet_sudo, Sudo]
		[pallet_grid_clock, GridClock]
		[pallet_registry, Registry]
		[pallet_escrow, Escrow]
		[pallet_scheduling, Scheduling]
		[pallet_settlement, Settlement]
		[pallet_defaults, Defaults]
		[pallet_resale, Resale]
		[pallet_validator_set, ValidatorSet]
	);
}
