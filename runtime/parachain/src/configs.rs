//! The configuration of each pallet in the parachain runtime: what both runtimes share
//! (`ppa_runtime_common::impl_ppa_configs!`), then the parachain's own: its block weights (a
//! proof-size limit), the relay chain's view (`ParachainSystem`), the para id, Aura under
//! async backing, the timestamp and proof-size reclaim.

use cumulus_primitives_core::relay_chain::MAX_POV_SIZE;
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::BlockWeights;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

use super::{Aura, ParachainInfo, Runtime, RuntimeEvent, SLOT_DURATION};

pub use ppa_runtime_common::{
	council::{MAX_COUNCIL_MEMBERS, MIN_COUNCIL_MEMBERS},
	MAX_NAME_LEN, MAX_VALIDATORS, MIN_VALIDATORS,
};

/// The relay chain's slot, milliseconds: a relay block every 6 seconds.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6_000;
/// Parachain blocks per relay-chain block: one (6-second blocks, as on the standalone chain).
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Blocks a collator may build on before the relay chain includes their parent (async
/// backing).
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;

/// The largest storage proof a block may carry, bytes: the relay chain's limit on a
/// parachain's proof of validity (10 MiB).
pub const MAX_BLOCK_PROOF_SIZE: u64 = MAX_POV_SIZE as u64;

parameter_types! {
	/// Two seconds of compute in each 6-second block, as on the standalone chain (the relay
	/// chain's validators allow two seconds to check it), and a storage proof no larger than
	/// the relay chain takes.
	pub RuntimeBlockWeights: BlockWeights = ppa_runtime_common::weights::block_weights(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, MAX_BLOCK_PROOF_SIZE),
		ppa_runtime_common::NORMAL_DISPATCH_RATIO,
	);
}

ppa_runtime_common::impl_ppa_configs! {
	system_defaults: frame_system::config_preludes::ParaChainDefaultConfig,
	system: {
		/// A new runtime is set through the relay chain (`ParachainSystem`), which must
		/// approve it first.
		type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	},
	// Bounded by the storage proof (the generated weights' worst case): a meter batch of 256
	// PPAs, metered, charged and paid, carries 2.6 MB of it, so that a full batch fits half
	// the normal class beside every hook's worst case; a full book of 500 bids 1.3 MB; a
	// lone book 53 kB, so 27 clear a block and 10,000 lone bids a day clear before the gate.
	limits: {
		meter_batch: 256,
		bids_per_block: 500,
		bids_per_day: 10_000,
		auto_offer_buyers_per_block: 1,
	},
}

parameter_types! {
	/// No weight is kept back for messages: the chain takes none (no XCM).
	pub const ReservedXcmpWeight: Weight = Weight::zero();
	pub const ReservedDmpWeight: Weight = Weight::zero();
}

/// The relay chain's view of the parachain. The chain speaks no XCM: it has no message queue,
/// so downward and horizontal messages (which the relay chain may route to any parachain)
/// are dropped, and it sends none.
impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = ParachainInfo;
	type OutboundXcmpMessageSource = ();
	type DmpQueue = ();
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = ();
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber =
		cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
	/// Async backing: one block a relay slot, up to three ahead of inclusion.
	type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
		Runtime,
		RELAY_CHAIN_SLOT_DURATION_MILLIS,
		BLOCK_PROCESSING_VELOCITY,
		UNINCLUDED_SEGMENT_CAPACITY,
	>;
	/// Blocks are built on the relay chain's best block.
	type RelayParentOffset = ConstU32<0>;
	type SchedulingSignatureVerifier = ();
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
}

impl parachain_info::Config for Runtime {}

impl cumulus_pallet_aura_ext::Config for Runtime {}

/// Proof size a transaction declared but did not use is given back to the block.
impl cumulus_pallet_weight_reclaim::Config for Runtime {
	type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxValidators;
	/// Async backing builds on a parent the relay chain has not included yet, possibly in the
	/// same slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_timestamp::Config for Runtime {
	/// Unix time in milliseconds.
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// Aura's slot and the relay chain's govern block times; the timestamp need only not go
	/// back.
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = ();
}
