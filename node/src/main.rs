//! The PPA chain's node: Aura block production (6-second slots), GRANDPA finality, ParityDB
//! storage, JSON-RPC on port 9944 and Prometheus metrics; and the parachain runtime's
//! development mode (`parachain_dev`), with the same JSON-RPC.

// The error types are sc-cli's and sc-service's; their size is theirs to choose.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod consortium;
mod parachain_dev;
mod permissioned;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
