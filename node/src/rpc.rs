//! The node's JSON-RPC methods beyond the standard ones: account nonces (`system_*`), fee
//! queries (`payment_*`), and the PPA chain's reads for billing systems (`ppa_*`, `grid_*`,
//! `scheduling_*`, `psm_*`, `settlement_*`, `defaults_*`, `resale_*`) from the `rpc/` crate.

use std::sync::Arc;

use jsonrpsee::RpcModule;
use ppa_runtime::{opaque::Block, AccountId, Balance, Nonce};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need from the node.
pub struct FullDeps<C, P> {
	/// The client, to call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool, for nonces that count pending transactions.
	pub pool: Arc<P>,
}

/// All the node's extra RPC methods.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: ppa_rpc::PpaApi<Block, AccountId>
		+ ppa_rpc::SchedulingApi<Block>
		+ ppa_rpc::PsmApi<Block>
		+ ppa_rpc::SettlementApi<Block, AccountId>
		+ ppa_rpc::DefaultsApi<Block, AccountId>
		+ ppa_rpc::ResaleApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use ppa_rpc::{PpaChain, PpaChainApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(PpaChain::new(client).into_rpc())?;
	Ok(module)
}
