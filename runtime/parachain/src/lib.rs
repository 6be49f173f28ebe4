//! # The PPA chain's parachain runtime
//!
//! The same pallets as the standalone chain (`ppa-runtime`), as a Polkadot parachain: the
//! consortium's collators author blocks with Aura, chosen by the same validator-set pallet
//! through sessions; the relay chain's validators check each block against its storage proof
//! and finalize it. Every pallet's configuration but consensus's, and every runtime API but
//! the parachain's, come from `ppa-runtime-common`.
//!
//! It runs on `polkadot-omni-node` unchanged: the pallets are named as omni-node expects
//! (`ParachainSystem`, `ParachainInfo`, `Aura`, `Timestamp`), blocks are numbered with `u32`,
//! collators' Aura keys are sr25519, and it serves the runtime APIs omni-node calls. It has no
//! XCM: the chain's money is its own tokenised rupee, settled between its participants, and
//! nothing on it sends or receives messages of other chains (downward and horizontal messages
//! are accepted by the relay chain's rules and dropped; see [`configs`]).
//!
//! - [`configs`]: the shared configuration, and the parachain's: system, parachain system,
//!   Aura (async backing), the timestamp and weight reclaim.
//! - [`apis`]: both runtimes' APIs and the parachain's (`CollectCollationInfo`,
//!   `AuraUnincludedSegmentApi`, `RelayParentOffsetApi`, `GetParachainInfo`).
//! - [`genesis`]: the presets `development` and `demo`, on the para id [`genesis::PARA_ID`].
//! - [`invariants`]: what pallets keep of each other's facts agrees with the owner.
//! - [`views`]: what the PPA chain's runtime APIs return.

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
		/// The session keys of a collator: Aura, to author blocks (the relay chain finalizes).
		pub struct SessionKeys {
			pub aura: Aura,
		}
	}
}

ppa_runtime_common::runtime_version!("ppa-parachain", 1);

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
	/// The relay chain's view: validation data, the parachain's code, its messages.
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	/// The para id this chain runs under.
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	/// Refunds the proof size a call did not use.
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	#[runtime::pallet_index(5)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(6)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	/// The grid operators' consortium: collators added and removed by governance. The order
	/// of these four matters: sessions choose Aura's authorities, which aura-ext checks.
	#[runtime::pallet_index(8)]
	pub type ValidatorSet = pallet_validator_set;
	/// Sessions: the collators' keys, and the set changing at session boundaries.
	#[runtime::pallet_index(9)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(10)]
	pub type Aura = pallet_aura;
	/// Aura's slots checked against the relay chain's, and the unincluded segment.
	#[runtime::pallet_index(11)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	/// The chain's one clock: block timestamps to IST grid days and time blocks.
	#[runtime::pallet_index(12)]
	pub type GridClock = pallet_grid_clock;

	/// Participants and their roles; PPAs as signed, versioned contracts.
	#[runtime::pallet_index(13)]
	pub type Registry = pallet_registry;

	/// Payment security: letters of credit, bank guarantees, advance payment (held funds).
	#[runtime::pallet_index(14)]
	pub type Escrow = pallet_escrow;

	/// Day-ahead schedules per time block, gated by payment security; metered energy.
	#[runtime::pallet_index(15)]
	pub type Scheduling = pallet_scheduling;

	/// Bills, real-time settlement, payments, rebates, LPS and disputes: the dues ledger.
	#[runtime::pallet_index(16)]
	pub type Settlement = pallet_settlement;

	/// Due dates, default, graded regulation and restoration (LPS Rules).
	#[runtime::pallet_index(17)]
	pub type Defaults = pallet_defaults;

	/// Auctions of a defaulter's withheld share, per time block.
	#[runtime::pallet_index(18)]
	pub type Resale = pallet_resale;

	/// The consortium's council: two thirds of its members' motion is the admin origin.
	#[runtime::pallet_index(19)]
	pub type Council = pallet_collective<Instance1>;
}

/// A block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks every signed transaction passes, in order; weight reclaim refunds the proof
/// size the transaction did not use (measured by the node's proof recorder).
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	),
>;

/// An extrinsic as it arrives.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a sender signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Dispatches blocks and extrinsics to the pallets. A new chain: no migrations yet.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

// The relay chain's validators run this to check a block against its storage proof.
cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}

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
		[cumulus_pallet_parachain_system, ParachainSystem]
		[cumulus_pallet_weight_reclaim, WeightReclaim]
	);
}
