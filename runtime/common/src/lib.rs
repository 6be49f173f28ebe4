//! # What both runtimes of the PPA chain share
//!
//! The chain runs from one set of pallets in two runtimes: `ppa-runtime`, a standalone
//! consortium chain (Aura and GRANDPA, permissioned peers), and `ppa-parachain-runtime`, a
//! Polkadot parachain (Aura collators, finality from the relay chain). Everything that is not
//! about consensus is configured once, here:
//!
//! - the types and constants below (accounts, blocks, the tokenised rupee, block time);
//! - [`fee`]: what a transaction costs;
//! - [`council`]: the consortium's council and its voting rule;
//! - [`invariants`]: what pallets keep of each other's facts agrees with the owner;
//! - macros each runtime expands, since a pallet's `Config` must be implemented in the crate
//!   that declares the runtime:
//!   - [`impl_ppa_configs!`]: the configuration of every pallet both runtimes carry (balances,
//!     fees, sudo, the council, the validator set and sessions, and the PPA pallets);
//!   - [`impl_ppa_runtime_apis!`]: the runtime APIs both serve (block building, Aura,
//!     sessions, fees, the PPA views, genesis presets, benchmarks, try-runtime), with a
//!     runtime's own APIs passed in;
//!   - [`impl_ppa_views!`]: the views those APIs return;
//!   - [`impl_ppa_genesis!`]: the genesis presets' grid (participants, PPAs, payment security)
//!     and endowments;
//!   - [`impl_ppa_benchmark_helpers!`]: registry and clock state for the pallets' benchmarks.
//!
//! A runtime keeps to itself only what differs: its consensus pallets, its session keys, its
//! block weights (a parachain's carry a proof-size limit) and its consortium's genesis.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod apis;
mod benchmark_helpers;
mod configs;
pub mod council;
pub mod fee;
pub mod genesis;
pub mod invariants;
mod views;
pub mod weights;

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};

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
/// How an extrinsic names its sender.
pub type Address = MultiAddress<AccountId, ()>;
/// A block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// The minimum balance an account must keep to exist: one paisa (0.01 INR).
pub const EXISTENTIAL_DEPOSIT: Balance = ppa_primitives::money::PAISA;

/// The target block time in milliseconds: Aura's slot, on either chain.
pub const MILLISECS_PER_BLOCK: u64 = 6_000;
/// Aura's slot duration. It cannot change once the chain has started.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks in a minute, an hour and a day of real time at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Share of a block's weight and length for normal (not operational) extrinsics.
pub const NORMAL_DISPATCH_RATIO: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(75);
/// Largest block, bytes: 5 MiB.
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// The most validators (collators, on a parachain): they are run by grid operators, a
/// consortium of a few dozen at most.
pub const MAX_VALIDATORS: u32 = 32;
/// The fewest validators the set may shrink to. GRANDPA finalizes with more than two thirds of
/// the votes, so with three one validator offline stalls finality: a consortium runs four or
/// more, and three is the floor below which authoring itself is fragile.
pub const MIN_VALIDATORS: u32 = 3;
/// The longest display name of a participant, bytes.
pub const MAX_NAME_LEN: u32 = 64;

/// `weight` with its proof size cut to `share` of `max_block`'s: a hook's budget on a
/// parachain, whose blocks' storage proof the relay chain bounds, so that the budget takes
/// fewer of its costliest items when their proof, not their compute, would not fit. The
/// standalone chain's blocks have no proof limit: there it is `weight`.
pub fn with_proof_share(
	weight: frame_support::weights::Weight,
	share: sp_runtime::Perbill,
	max_block: frame_support::weights::Weight,
) -> frame_support::weights::Weight {
	frame_support::weights::Weight::from_parts(
		weight.ref_time(),
		weight.proof_size().min(share * max_block.proof_size()),
	)
}

/// The runtime's version for a chain named `spec_name`: Polkadot.js Apps and subxt read it to
/// pick the metadata. `spec_version` is a literal: the `runtime_version` attribute writes it
/// into the wasm's custom section, from which the node reads it.
#[macro_export]
macro_rules! runtime_version {
	($spec_name:tt, $spec_version:tt) => {
		/// The runtime's version: Polkadot.js Apps and subxt read it to pick the metadata.
		#[sp_version::runtime_version]
		pub const VERSION: sp_version::RuntimeVersion = sp_version::RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed($spec_name),
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
