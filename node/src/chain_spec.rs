//! Chain specifications: `dev` (one validator), `local` (four validators on one machine) and
//! `demo` (a small grid with PPAs in force, one validator), from the runtime's genesis presets;
//! a consortium's own chain comes from its operators' file (`crate::consortium`).

use ppa_runtime::{DECIMALS, SS58_PREFIX, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::ChainType;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A chain specification of this node's runtime (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// What wallets show: the tokenised rupee with 6 decimals and our SS58 prefix.
pub(crate) fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

pub(crate) fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's wasm was not built (SKIP_WASM_BUILD set?)".into())
}

/// The development chain: Alice validates alone; a fast grid clock.
pub fn development() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("PPA Chain Development")
		.with_id("ppa_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The local testnet: Alice, Bob, Charlie and Dave validate on one machine.
pub fn local_testnet() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("PPA Chain Local Testnet")
		.with_id("ppa_local_testnet")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The demo grid: Alice validates; generators, discoms, a bank, an LDC and the regulator with
/// PPAs, LCs and an advance from 1 April 2026; a grid day every 48 seconds.
pub fn demo() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("PPA Chain Demo Grid")
		.with_id("ppa_demo")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(ppa_runtime::genesis::DEMO_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
