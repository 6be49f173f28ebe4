//! The runtime APIs: both runtimes' (`ppa_runtime_common::impl_ppa_runtime_apis!`), and the
//! parachain's, which a collator (`polkadot-omni-node` or `ppa-node`'s parachain mode) calls:
//! collation info for the relay chain, whether Aura may build on a block not yet included
//! (async backing), the relay parent's offset and the para id.

use alloc::vec::Vec;
use cumulus_primitives_core::{CollationInfo, ParaId};
use frame_support::traits::Get;
use sp_consensus_aura::Slot;
use sp_runtime::traits::Block as BlockT;

use super::{
	configs, genesis, opaque, views, Aura, Block, Executive, GridClock, InherentDataExt,
	ParachainInfo, ParachainSystem, Runtime, RuntimeCall, RuntimeGenesisConfig, System,
	TransactionPayment, VERSION,
};

/// Whether a collator may build on `included_hash` in `slot`: async backing's rule, as the
/// consensus hook checks it.
type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	{ configs::RELAY_CHAIN_SLOT_DURATION_MILLIS },
	{ configs::BLOCK_PROCESSING_VELOCITY },
	{ configs::UNINCLUDED_SEGMENT_CAPACITY },
>;

ppa_runtime_common::impl_ppa_runtime_apis! {
	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(header: &<Block as BlockT>::Header) -> CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(included_hash: <Block as BlockT>::Hash, slot: Slot) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			<Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset::get()
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> ParaId {
			ParachainInfo::parachain_id()
		}
	}
}
