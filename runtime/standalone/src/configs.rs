//! The configuration of each pallet in the standalone runtime: what both runtimes share
//! (`ppa_runtime_common::impl_ppa_configs!`), then this chain's consensus (Aura authors in
//! 6-second slots, GRANDPA finalizes), its timestamp and its permissioned peers.

use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::BlockWeights;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

use super::{Aura, Runtime, RuntimeEvent, SLOT_DURATION};

pub use ppa_runtime_common::{
	council::{MAX_COUNCIL_MEMBERS, MIN_COUNCIL_MEMBERS},
	MAX_NAME_LEN, MAX_VALIDATORS, MIN_VALIDATORS,
};

parameter_types! {
	/// Two seconds of compute in each 6-second block; no proof-size limit (no relay chain
	/// checks the block).
	pub RuntimeBlockWeights: BlockWeights = ppa_runtime_common::weights::block_weights(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		ppa_runtime_common::NORMAL_DISPATCH_RATIO,
	);
}

ppa_runtime_common::impl_ppa_configs! {
	system_defaults: frame_system::config_preludes::SolochainDefaultConfig,
	system: {},
	// Bounded by compute alone: a meter batch of 512 PPAs takes 0.2 s.
	limits: {
		meter_batch: 512,
		bids_per_block: 1_000,
		bids_per_day: 60_000,
		auto_offer_buyers_per_block: 2,
	},
}

/// Room for every consortium member's nodes.
pub const MAX_WELL_KNOWN_NODES: u32 = 64;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxValidators;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxValidators;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	pub const MaxWellKnownNodes: u32 = MAX_WELL_KNOWN_NODES;
	/// A libp2p peer id: 38 bytes for an ed25519 key; room for others.
	pub const MaxPeerIdLength: u32 = 128;
}

/// Permissioned peers: each node's offchain worker lets it connect only to the well-known
/// nodes of consortium members (and connections their owners allow).
impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = MaxWellKnownNodes;
	type MaxPeerIdLength = MaxPeerIdLength;
	type AddOrigin = AdminOrigin;
	type RemoveOrigin = AdminOrigin;
	type SwapOrigin = AdminOrigin;
	type ResetOrigin = AdminOrigin;
	/// polkadot-sdk ships this pallet with fixed weights, not benchmarks.
	type WeightInfo = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Unix time in milliseconds.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}
