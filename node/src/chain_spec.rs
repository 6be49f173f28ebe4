//! Chain specifications: `dev` (one validator), `local` (four validators on one machine) and
//! `demo` (a small grid with PPAs in force, one validator), from the standalone runtime's
//! genesis presets; a consortium's own chain comes from its operators' file
//! (`crate::consortium`). The parachain's `parachain-dev` and `parachain-demo` come from the
//! parachain runtime's presets, with the extensions a collator (`polkadot-omni-node`) reads.

use ppa_runtime::{DECIMALS, SS58_PREFIX, TOKEN_SYMBOL, WASM_BINARY};
use sc_chain_spec::{ChainSpecExtension, ChainSpecGroup};
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

/// What a parachain's chain specification says beyond its genesis, as `polkadot-omni-node`
/// and the relay chain's tools read it: the relay chain it runs on, and its para id.
#[derive(
	Debug,
	Clone,
	PartialEq,
	serde::Serialize,
	serde::Deserialize,
	ChainSpecGroup,
	ChainSpecExtension,
)]
pub struct ParachainExtensions {
	/// The relay chain's id, e.g. `rococo-local`.
	#[serde(alias = "relayChain", alias = "RelayChain")]
	pub relay_chain: String,
	/// The para id the relay chain registered the parachain under.
	#[serde(alias = "paraId", alias = "ParaId")]
	pub para_id: u32,
}

/// A chain specification of the parachain runtime.
pub type ParachainChainSpec = sc_service::GenericChainSpec<ParachainExtensions>;

/// The relay chain of the development and demo parachains: a local test relay chain.
pub const DEV_RELAY_CHAIN: &str = "rococo-local";

/// The parachain runtime's wasm.
pub fn parachain_wasm() -> Result<&'static [u8], String> {
	ppa_parachain_runtime::WASM_BINARY
		.ok_or_else(|| "the parachain runtime's wasm was not built (SKIP_WASM_BUILD set?)".into())
}

/// The development parachain: Alice collates alone; a fast grid clock; para id 2000 on a
/// local relay chain.
pub fn parachain_development() -> Result<ParachainChainSpec, String> {
	Ok(ParachainChainSpec::builder(
		parachain_wasm()?,
		ParachainExtensions {
			relay_chain: DEV_RELAY_CHAIN.into(),
			para_id: ppa_parachain_runtime::genesis::PARA_ID,
		},
	)
	.with_name("PPA Parachain Development")
	.with_id("ppa_parachain_dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// The demo grid as a parachain: Alice collates; the standalone demo's participants, PPAs and
/// payment security; para id 2000 on a local relay chain.
pub fn parachain_demo() -> Result<ParachainChainSpec, String> {
	Ok(ParachainChainSpec::builder(
		parachain_wasm()?,
		ParachainExtensions {
			relay_chain: DEV_RELAY_CHAIN.into(),
			para_id: ppa_parachain_runtime::genesis::PARA_ID,
		},
	)
	.with_name("PPA Parachain Demo Grid")
	.with_id("ppa_parachain_demo")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(ppa_parachain_runtime::genesis::DEMO_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// Whether `spec` is a parachain's: it carries a para id.
pub fn is_parachain(spec: &dyn sc_service::ChainSpec) -> bool {
	sc_chain_spec::get_extension::<ParachainExtensions>(spec.extensions()).is_some()
}
