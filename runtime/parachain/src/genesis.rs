//! Genesis presets of the parachain, built by the runtime's genesis builder
//! (`sp_genesis_builder`), each on the para id [`PARA_ID`]:
//!
//! - `development`: one collator (Alice), the well-known dev accounts endowed, Alice as sudo,
//!   a grid clock 150 times real time (one 15-minute time block per 6-second block);
//! - `demo`: the standalone chain's demo grid (`ppa_runtime_common::genesis::demo_ppas`: two
//!   generators, three discoms, a bank, an LDC and the regulator, three PPAs in force from 1
//!   April 2026, LCs and an advance held), collated by Alice.
//!
//! Collators come from the validator set and the session pallet, as the standalone chain's
//! validators do (Aura's authorities are the session's collators' keys); the council is every
//! collator's operator.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

use ppa_primitives::Role;

use crate::{
	opaque::SessionKeys, AccountId, Balance, BalancesConfig, BlockNumber, CouncilConfig,
	EscrowConfig, GridClockConfig, ParachainInfoConfig, RegistryConfig, RuntimeGenesisConfig,
	SessionConfig, SudoConfig, ValidatorSetConfig,
};

use ppa_runtime_common::genesis::merge_patch as merge;
pub use ppa_runtime_common::genesis::{
	demo_accounts, is_dev_key, DEMO_CLOCK_RATE, DEMO_ENDOWMENT, DEMO_FIRST_DAY, DEMO_GRID_START,
	DEMO_RUNTIME_PRESET, DEV_CLOCK_RATE, DEV_ENDOWMENT, DEV_SESSION_LENGTH,
};

ppa_runtime_common::impl_ppa_genesis!();

/// The para id of the development and demo chains: the first a relay chain gives a
/// parachain that is not a system chain.
pub const PARA_ID: u32 = 2000;

/// A collator: its account, and its session keys (Aura, sr25519) from the same dev name.
fn collator(aura: Sr25519Keyring) -> (AccountId, SessionKeys) {
	(aura.to_account_id(), SessionKeys { aura: AuraId::from(aura.public()) })
}

/// The consortium's part of a genesis patch of the dev and demo chains: para id [`PARA_ID`],
/// the collators with their session keys, the session length, and every collator's operator
/// on the council.
fn consortium(collators: Vec<(AccountId, SessionKeys)>, session_length: BlockNumber) -> Value {
	let council = collators.iter().map(|(who, _)| who.clone()).collect::<Vec<_>>();
	collators_and_council(PARA_ID, collators, session_length, council)
}

/// The para id, the collators with their session keys, the session length and the council.
fn collators_and_council(
	para_id: u32,
	collators: Vec<(AccountId, SessionKeys)>,
	session_length: BlockNumber,
	council: Vec<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		parachain_info: ParachainInfoConfig { parachain_id: para_id.into() },
		council: CouncilConfig { members: council },
		validator_set: ValidatorSetConfig {
			validators: collators.iter().map(|(who, _)| who.clone()).collect::<Vec<_>>(),
			session_length,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(who, keys)| (who.clone(), who, keys))
				.collect::<Vec<_>>(),
		},
	})
}

/// The `development` preset: Alice collates alone.
pub fn development() -> Value {
	let mut patch = grid(
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		DEV_CLOCK_RATE,
	);
	merge(&mut patch, consortium(vec![collator(Sr25519Keyring::Alice)], DEV_SESSION_LENGTH));
	patch
}

/// The `demo` preset: the demo grid from 1 April 2026, Alice its one collator.
pub fn demo() -> Value {
	let mut patch = demo_grid();
	merge(&mut patch, consortium(vec![collator(demo_accounts::OPERATOR)], DEV_SESSION_LENGTH));
	patch
}

/// A consortium's own parachain, as its operators describe it (`ppa-node consortium-spec`
/// reads it from their file, with a `[parachain]` table): no sudo key, no dev account, a
/// real-time grid clock that no one can speed up, and only the balances listed. Its blocks are
/// secured by the relay chain's validators; its collators only author them.
#[derive(Clone, Debug, Default)]
pub struct Consortium {
	/// The para id the relay chain registered the parachain under.
	pub para_id: u32,
	/// The first collators: each operator's account and its session key (Aura).
	pub collators: Vec<(AccountId, SessionKeys)>,
	/// Blocks per session.
	pub session_length: BlockNumber,
	/// The council: its two thirds are the admin origin.
	pub council: Vec<AccountId>,
	/// Participants registered at genesis (regulators among them, with the Regulator role):
	/// account, roles, display name.
	pub participants: Vec<(AccountId, Vec<Role>, Vec<u8>)>,
	/// Balances at genesis, INR units: the total issuance, which nothing on the chain changes.
	pub endowments: Vec<(AccountId, Balance)>,
}

/// The genesis patch of a consortium's parachain.
pub fn consortium_chain(c: &Consortium) -> Value {
	let mut patch = consortium_grid(c.endowments.clone(), c.participants.clone());
	merge(
		&mut patch,
		collators_and_council(c.para_id, c.collators.clone(), c.session_length, c.council.clone()),
	);
	patch
}

/// The JSON patch of the preset `id`, if there is one.
pub fn preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		DEMO_RUNTIME_PRESET => demo(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(DEMO_RUNTIME_PRESET)]
}
