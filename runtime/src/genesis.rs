//! Genesis presets, built by the runtime's genesis builder (`sp_genesis_builder`).
//!
//! - `development`: one validator (Alice), the well-known dev accounts endowed, Alice as
//!   sudo, and a grid clock 150 times real time (one 15-minute time block per 6-second block).
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave) on one machine, a real-time
//!   grid clock: a rehearsal of the grid operators' network.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_grandpa::AuthorityId as GrandpaId;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	AccountId, AuraConfig, Balance, BalancesConfig, GrandpaConfig, GridClockConfig,
	RuntimeGenesisConfig, SudoConfig, UNITS,
};

/// What each well-known dev account holds at genesis: one crore rupees.
pub const DEV_ENDOWMENT: Balance = 10_000_000 * UNITS;

/// The grid clock's rate on the development chain: a time block every 6-second block.
pub const DEV_CLOCK_RATE: u32 = 150;

/// A validator's session keys: Aura (sr25519) to author, GRANDPA (ed25519) to finalize.
fn authority_keys(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// A genesis patch: validators, endowed accounts, the sudo key and the clock's rate.
fn genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
	clock_rate: u32,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, DEV_ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: AuraConfig {
			authorities: authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>()
		},
		grandpa: GrandpaConfig {
			authorities: authorities.into_iter().map(|x| (x.1, 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		grid_clock: GridClockConfig { rate: clock_rate },
	})
}

/// The `development` preset: Alice validates alone.
pub fn development() -> Value {
	genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		DEV_CLOCK_RATE,
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate; real-time clock.
pub fn local_testnet() -> Value {
	genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority_keys(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			authority_keys(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		Sr25519Keyring::iter().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		1,
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
