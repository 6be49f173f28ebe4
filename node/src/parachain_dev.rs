//! The parachain's development mode: the parachain runtime run by this node alone, without a
//! relay chain, as `polkadot-omni-node --dev-block-time` runs one. Blocks are sealed every
//! 6-second slot by manual seal and finalized at once; each carries the real
//! `parachainSystem.setValidationData` inherent, built from a mocked relay chain whose slot is
//! the block's, whose para head is the parent (so the unincluded segment drains) and whose
//! storage proof cumulus's own builder makes. The node serves the same JSON-RPC as the
//! standalone chain's (`crate::rpc`), so Polkadot.js, the portal and billing systems read both
//! alike. A real network's collators run on `polkadot-omni-node` under a relay chain
//! (`scripts/parachain-zombienet.sh`).

use std::{
	sync::Arc,
	time::{Duration, SystemTime, UNIX_EPOCH},
};

use codec::Encode;
use cumulus_primitives_core::{
	relay_chain::{HeadData, UpgradeGoAhead, MAX_POV_SIZE},
	CollectCollationInfo, GetParachainInfo, PersistedValidationData,
};
use cumulus_primitives_parachain_inherent::ParachainInherentData;
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use ppa_parachain_runtime::{apis::RuntimeApi, opaque::Block};
use sc_consensus_manual_seal::{consensus::aura::AuraConsensusDataProvider, EngineCommand};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager};
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::{sr25519::AuthoritySignature, Slot};
use sp_runtime::traits::Block as BlockT;

use crate::chain_spec::ParachainExtensions;

/// The host functions a parachain runtime calls: Substrate's, and the size of the storage
/// proof recorded so far (for weight reclaim).
pub type HostFunctions = (
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
	sp_io::SubstrateHostFunctions,
);

/// The parachain's client: its runtime executed as wasm only.
pub type ParachainClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;

/// The relay chain's slot, milliseconds (the runtime checks the parachain's against it).
const RELAY_SLOT_MS: u64 = 6_000;

/// The relay chain slot of the block built on `parent`: the current time's, or the parent's
/// next if the clock has not moved past it (slots never go back, and never repeat).
fn relay_slot_after(parent: &<Block as BlockT>::Header) -> u64 {
	let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
	let parent_slot = sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(parent)
		.map_or(0, |slot: Slot| *slot);
	(now_ms / RELAY_SLOT_MS).max(parent_slot.saturating_add(1))
}

/// The inherents of the block built on `parent`: the timestamp of its slot, and validation
/// data of a relay chain at that slot that has included `parent` (and lets a pending code
/// upgrade go ahead).
fn inherents(
	client: &ParachainClient,
	para_id: u32,
	parent: <Block as BlockT>::Hash,
) -> Result<(sp_timestamp::InherentDataProvider, ParachainInherentData), String> {
	let header = client
		.header(parent)
		.map_err(|e| format!("reading the parent header: {e}"))?
		.ok_or("the parent header is not in the database")?;
	let relay_slot = relay_slot_after(&header);
	let relay_parent_number =
		u32::try_from(relay_slot).map_err(|_| "the relay slot does not fit a block number")?;
	let upgrade_pending = client
		.runtime_api()
		.collect_collation_info(parent, &header)
		.map(|info| info.new_validation_code.is_some())
		.unwrap_or(false);
	let parent_head = HeadData(header.encode());
	let sproof = RelayStateSproofBuilder {
		para_id: para_id.into(),
		current_slot: relay_slot.into(),
		included_para_head: Some(parent_head.clone()),
		upgrade_go_ahead: upgrade_pending.then_some(UpgradeGoAhead::GoAhead),
		..Default::default()
	};
	let (relay_parent_storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
	let validation = ParachainInherentData {
		validation_data: PersistedValidationData {
			parent_head,
			relay_parent_number,
			relay_parent_storage_root,
			max_pov_size: MAX_POV_SIZE,
		},
		relay_chain_state,
		downward_messages: Vec::new(),
		horizontal_messages: Default::default(),
		relay_parent_descendants: Vec::new(),
		collator_peer_id: None,
	};
	let timestamp = sp_timestamp::InherentDataProvider::new(sp_timestamp::Timestamp::new(
		relay_slot.saturating_mul(RELAY_SLOT_MS),
	));
	Ok((timestamp, validation))
}

/// Starts the parachain's development node: a block every slot, finalized at once, and the
/// chain's JSON-RPC.
pub fn new_dev<N>(config: Configuration) -> Result<TaskManager, ServiceError>
where
	N: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>,
{
	let para_id =
		sc_chain_spec::get_extension::<ParachainExtensions>(config.chain_spec.extensions())
			.map(|e| e.para_id)
			.ok_or_else(|| {
				ServiceError::Other("the chain specification names no para id".into())
			})?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	// Blocks imported from elsewhere are re-executed with the storage proof recorded, as the
	// runtime's weight reclaim measured it when they were built.
	let (client, backend, keystore_container, mut task_manager) =
		sc_service::new_full_parts_record_import::<Block, RuntimeApi, _>(
			&config,
			None,
			executor,
			true,
			Default::default(),
		)?;
	let client = Arc::new(client);
	// The relay chain's proof is keyed by the para id the runtime holds: the specification's
	// must be the same, or every block would be refused.
	let genesis = client.chain_info().genesis_hash;
	let runtime_para_id = u32::from(
		client
			.runtime_api()
			.parachain_id(genesis)
			.map_err(|e| ServiceError::Other(format!("reading the runtime's para id: {e}")))?,
	);
	if runtime_para_id != para_id {
		return Err(ServiceError::Other(format!(
			"the chain specification says para id {para_id}, its genesis {runtime_para_id}"
		)));
	}
	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let import_queue = sc_consensus_manual_seal::import_queue(
		Box::new(client.clone()),
		&task_manager.spawn_essential_handle(),
		config.prometheus_registry(),
	);

	let net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as BlockT>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: None,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps { client: client.clone(), pool: pool.clone() };
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};
	let prometheus_registry = config.prometheus_registry().cloned();
	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: Arc::new(network.clone()),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service,
		config,
		telemetry: None,
		tracing_execute_block: None,
	})?;

	// A seal every slot, then its finality (there is no relay chain to finalize it): clients
	// see a transaction in a block, then finalized, as on a real chain.
	let (mut seal, commands_stream) = futures::channel::mpsc::channel(1024);
	task_manager.spawn_essential_handle().spawn("parachain-dev-slots", None, async move {
		use futures::SinkExt;
		loop {
			futures_timer::Delay::new(Duration::from_millis(RELAY_SLOT_MS)).await;
			let (sealed, created) = futures::channel::oneshot::channel();
			let command = EngineCommand::SealNewBlock {
				create_empty: true,
				finalize: false,
				parent_hash: None,
				sender: Some(sealed),
			};
			if seal.send(command).await.is_err() {
				return;
			}
			let hash = match created.await {
				Ok(Ok(block)) => block.hash,
				Ok(Err(e)) => {
					log::warn!(target: "ppa-node", "no block sealed in this slot: {e}");
					continue;
				},
				Err(_) => return,
			};
			let command = EngineCommand::FinalizeBlock { hash, sender: None, justification: None };
			if seal.send(command).await.is_err() {
				return;
			}
		}
	});
	let proposer = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		None,
	);
	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
	let cidp_client = client.clone();
	let authorship =
		sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
			block_import: client.clone(),
			env: proposer,
			client: client.clone(),
			pool: transaction_pool,
			select_chain,
			commands_stream: Box::pin(commands_stream),
			consensus_data_provider: Some(Box::new(
				AuraConsensusDataProvider::new_with_slot_duration(slot_duration),
			)),
			create_inherent_data_providers: move |parent, ()| {
				futures::future::ready(
					inherents(&cidp_client, para_id, parent)
						.map_err(Box::<dyn std::error::Error + Send + Sync>::from),
				)
			},
		});
	task_manager.spawn_essential_handle().spawn_blocking("manual-seal", None, authorship);
	log::info!(
		target: "ppa-node",
		"🪂 Parachain development mode: para id {para_id}, a block every {} s sealed without a \
		 relay chain (mocked validation data), finalized at once",
		RELAY_SLOT_MS / 1000
	);
	Ok(task_manager)
}
