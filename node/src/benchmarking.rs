//! `ppa-node benchmark …` (only with the `runtime-benchmarks` feature): the weights of the
//! chain's pallets (`pallet`: frame-benchmarking v2), its database's read and write weights
//! measured on a node's own ParityDB (`storage`), and the fixed cost of a block and of an
//! extrinsic (`overhead`). `scripts/benchmark.sh` runs them and writes the weight files.

use crate::{cli::Cli, service};
use frame_benchmarking_cli::BenchmarkCmd;
use ppa_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sp_runtime::traits::HashingFor;

/// Runs a benchmark subcommand; `machine`, `block` and `extrinsic` are not wired (this
/// chain's weights do not use them) and are refused with a message.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	match cmd {
		BenchmarkCmd::Pallet(cmd) => runner
			.sync_run(|config| cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec))),
		BenchmarkCmd::Storage(cmd) => runner.sync_run(|config| {
			let partial = service::new_partial(&config)?;
			let db = partial.backend.expose_db();
			let storage = partial.backend.expose_storage();
			let shared_cache = partial.backend.expose_shared_trie_cache();
			cmd.run(config, partial.client, db, storage, shared_cache)
		}),
		// The remark extrinsics are built from the runtime's metadata (its transaction
		// extensions are the standard ones).
		BenchmarkCmd::Overhead(cmd) => runner.sync_run(|config| {
			cmd.run_with_default_builder_and_spec::<Block, ()>(Some(config.chain_spec))
		}),
		_ => {
			Err("only `benchmark pallet`, `storage` and `overhead` are available on this node"
				.into())
		},
	}
}
