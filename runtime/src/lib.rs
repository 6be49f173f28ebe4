//! # The PPA chain's runtime
//!
//! A permissioned chain on which power purchase agreements execute themselves
//! (docs/architecture.md).
//! This crate assembles the pallets, declares the runtime APIs clients read, and carries the
//! genesis presets `development` and `local_testnet`.
//!
//! - [`configs`]: each pallet's configuration, one block per pallet.
//! - [`apis`]: the runtime APIs served to the node, Polkadot.js and billing systems.
//! - [`genesis`]: the named genesis presets, built by the genesis builder.
//! - [`invariants`]: what pallets keep of each other's facts agrees with the owner.
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
pub mod views;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use ppa_primitives::{
	money::{DECIMALS, SS58_PREFIX, TOKEN_SYMBOL, UNITS},
	Balance,
};

/// A block number: blocks since genesis.
pub type BlockNumber = u32;
/// A transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key of its signing key.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Transactions an account has sent.
pub type Nonce = u32;
/// The hash of blocks and tries.
pub type Hash = sp_core::H256;

/// The minimum balance an account must keep to exist: one paisa (0.01 INR).
pub const EXISTENTIAL_DEPOSIT: Balance = ppa_primitives::money::PAISA;

/// The target block time in milliseconds: Aura's slot.
pub const MILLISECS_PER_BLOCK: u64 = 6_000;
/// Aura's slot duration. It cannot change once the chain has started.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks in a minute, an hour and a day of real time at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// A block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
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

/// Declares [`VERSION`] with the given `spec_version` (a literal: the `runtime_version`
/// attribute writes it into the wasm's custom section, from which the node reads it).
macro_rules! runtime_version_with_spec {
	($spec_version:tt) => {
		/// The runtime's version: Polkadot.js Apps and subxt read it to pick the metadata.
		#[runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("ppa-chain"),
			impl_name: alloc::borrow::Cow::Borrowed("ppa-chain-node"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 2,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "upgrade-rehearsal"))]
runtime_version_with_spec!(100);
// The upgrade rehearsal's runtime: this code with the next spec_version.
#[cfg(feature = "upgrade-rehearsal")]
runtime_version_with_spec!(101);

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

/// How an extrinsic names its sender.
pub type Address = MultiAddress<AccountId, ()>;
/// A block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
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
