//! What each subcommand does.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use ppa_runtime::{opaque::Block, SS58_PREFIX};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use sp_core::crypto::{set_default_ss58_version, Ss58AddressFormat};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"PPA Chain Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/ppa-chain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" | "development" => Box::new(chain_spec::development()?),
			"" => return Err(NO_CHAIN.into()),
			"local" | "local_testnet" => Box::new(chain_spec::local_testnet()?),
			"demo" => Box::new(chain_spec::demo()?),
			"parachain-dev" => Box::new(chain_spec::parachain_development()?),
			"parachain-demo" => Box::new(chain_spec::parachain_demo()?),
			path => {
				let path = std::path::PathBuf::from(path);
				// A parachain's specification names its relay chain and para id; any other is
				// the standalone chain's.
				match chain_spec::ParachainChainSpec::from_json_file(path.clone()) {
					Ok(spec) => Box::new(spec),
					Err(_) => Box::new(chain_spec::ChainSpec::from_json_file(path)?),
				}
			},
		})
	}
}

/// What the node says when it is not told which chain to run: there is no default, so that no
/// one joins the local testnet (public node keys, dev session keys) by mistake.
const NO_CHAIN: &str = "which chain? Pass --chain with a chain specification file (a \
	consortium's: `ppa-node consortium-spec --operators operators.toml --raw`), or one of \
	`--chain local` (four validators on this machine), `--chain demo` (a small grid in force), \
	`--dev` (one validator, a fast clock), `--chain parachain-dev` (the parachain runtime in its \
	development mode, without a relay chain). See the README.";

/// What the node says when asked to run a live parachain's specification: its blocks are
/// collated for a relay chain, not sealed by this node alone.
const LIVE_PARACHAIN: &str = "this is a live parachain's chain specification: its blocks are \
	collated for a relay chain by polkadot-omni-node (docs/operators.md, \"Running the chain as \
	a parachain\"). ppa-node runs only development and local parachain specifications \
	(`--chain parachain-dev`), in its development mode, without a relay chain.";

/// Runs a parachain's development or local specification in the parachain development mode
/// (`crate::parachain_dev`): this node alone seals its blocks, with no relay chain. A live
/// parachain's is refused: sealing its blocks here would make a fork nobody checks.
fn parachain_dev(config: sc_service::Configuration) -> sc_cli::Result<sc_service::TaskManager> {
	if !matches!(
		config.chain_spec.chain_type(),
		sc_service::ChainType::Development | sc_service::ChainType::Local
	) {
		return Err(sc_cli::Error::Input(LIVE_PARACHAIN.into()));
	}
	match config.network.network_backend {
		sc_network::config::NetworkBackendType::Libp2p => crate::parachain_dev::new_dev::<
			sc_network::NetworkWorker<Block, <Block as sp_runtime::traits::Block>::Hash>,
		>(config)
		.map_err(sc_cli::Error::Service),
		sc_network::config::NetworkBackendType::Litep2p => {
			crate::parachain_dev::new_dev::<sc_network::Litep2pNetworkBackend>(config)
				.map_err(sc_cli::Error::Service)
		},
	}
}

/// Parses the command line and runs it.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();
	// Accounts in JSON-RPC answers (and the node's own output) as the chain's addresses.
	set_default_ss58_version(Ss58AddressFormat::custom(SS58_PREFIX));

	match &cli.subcommand {
		// A node key for a file or standard output belongs to no chain: it needs no `--chain`
		// (there is no default chain to take it from).
		Some(Subcommand::Key(sc_cli::KeySubcommand::GenerateNodeKey(cmd)))
			if cmd.chain.is_none() =>
		{
			cmd.common.run()
		},
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::ConsortiumSpec(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => crate::benchmarking::run(&cli, cmd),
		None => {
			let runner = cli.create_runner(&cli.run)?;
			runner.run_node_until_exit(|config| async move {
				if chain_spec::is_parachain(config.chain_spec.as_ref()) {
					return parachain_dev(config);
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							Block,
							<Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config)
							.map_err(sc_cli::Error::Service)
					},
				}
			})
		},
	}
}
