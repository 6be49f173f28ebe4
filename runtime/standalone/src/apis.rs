//! The runtime APIs: what the node, Polkadot.js Apps and billing systems call into. Both
//! runtimes' (`ppa_runtime_common::impl_ppa_runtime_apis!`), and GRANDPA's.

use alloc::vec::Vec;
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_runtime::traits::{Block as BlockT, NumberFor};

use super::{
	genesis, opaque, views, Aura, Block, Executive, Grandpa, GridClock, InherentDataExt, Runtime,
	RuntimeCall, RuntimeGenesisConfig, System, TransactionPayment, VERSION,
};

ppa_runtime_common::impl_ppa_runtime_apis! {
	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocations are not reported on chain: validators are a known consortium whose
			// misbehaviour is handled by governance (the validator-set issue).
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// The key owner proof type is `Void`: no proof can exist.
			None
		}
	}
}
