//! `ppa-node benchmark pallet`: runs the runtime's frame-benchmarking v2 benchmarks and
//! writes weight files (only with the `runtime-benchmarks` feature).

use crate::cli::Cli;
use frame_benchmarking_cli::BenchmarkCmd;
use ppa_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sp_runtime::traits::HashingFor;

/// Runs a benchmark subcommand. `pallet` is wired; the machine, storage and overhead
/// benchmarks are not needed by this chain's weights and are refused with a message.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	match cmd {
		BenchmarkCmd::Pallet(cmd) => runner
			.sync_run(|config| cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec))),
		_ => Err("only `benchmark pallet` is available on this node".into()),
	}
}
