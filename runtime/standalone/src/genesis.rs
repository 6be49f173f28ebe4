//! Genesis presets, built by the runtime's genesis builder (`sp_genesis_builder`).
//!
//! - `development`: one validator (Alice), the well-known dev accounts endowed, Alice as
//!   sudo, and a grid clock 150 times real time (one 15-minute time block per 6-second block).
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave) on one machine, a real-time
//!   grid clock: a rehearsal of the grid operators' network. Its nodes are well-known (node
//!   keys `0x00…01` to `0x00…05`, Eve's the fifth) and connect only to each other; sessions
//!   last 5 blocks, so governance's changes of validators take effect within a minute.
//!
//! Every preset's validators come from the validator set and the session pallet (Aura's and
//! GRANDPA's authorities are the session's validators' keys).
//! - `demo`: a small grid from 1 April 2026 with a clock 1,800 times real time (a grid day in
//!   48 seconds): two generators, three discoms, a bank, an LDC and the regulator registered,
//!   three PPAs signed and in force, letters of credit and an advance held. Its clock is
//!   adjustable: the admin may speed it up to play weeks in a minute, or slow it down.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_grandpa::AuthorityId as GrandpaId;
use ppa_primitives::Role;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	opaque::SessionKeys, AccountId, Balance, BalancesConfig, BlockNumber, CouncilConfig,
	EscrowConfig, GridClockConfig, NodeAuthorizationConfig, RegistryConfig, RuntimeGenesisConfig,
	SessionConfig, SudoConfig, ValidatorSetConfig,
};
use sp_core::{hex2array as hex, OpaquePeerId as PeerId};

use ppa_runtime_common::genesis::merge_patch as merge;
pub use ppa_runtime_common::genesis::{
	demo_accounts, is_dev_key, DEMO_CLOCK_RATE, DEMO_ENDOWMENT, DEMO_FIRST_DAY, DEMO_GRID_START,
	DEMO_RUNTIME_PRESET, DEV_CLOCK_RATE, DEV_ENDOWMENT, DEV_SESSION_LENGTH,
};

ppa_runtime_common::impl_ppa_genesis!();

/// A consortium member's validator: its account, and its session keys (Aura, sr25519, to
/// author; GRANDPA, ed25519, to finalize), all from the same well-known dev name.
fn validator(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AccountId, SessionKeys) {
	let keys = SessionKeys {
		aura: AuraId::from(aura.public()),
		grandpa: GrandpaId::from(grandpa.public()),
	};
	(aura.to_account_id(), keys)
}

/// The libp2p peer id of a node whose ed25519 node key has public key `public`: the
/// identity multihash of the protobuf-encoded key, as `ppa-node key inspect-node-key` prints
/// it in base58.
fn peer_id(public: [u8; 32]) -> PeerId {
	let mut bytes = vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	bytes.extend_from_slice(&public);
	PeerId(bytes)
}

/// The public keys of the node keys `0x00…01` to `0x00…05` (`--node-key`), which the local
/// testnet's nodes, `scripts/local-testnet.sh` and `docker/docker-compose.yml` use: Alice's
/// node, Bob's, Charlie's, Dave's and Eve's.
const LOCAL_NODE_KEYS: [[u8; 32]; 5] = [
	hex!("4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"),
	hex!("7422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674"),
	hex!("f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b"),
	hex!("fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b"),
	hex!("fde4fba030ad002f7c2f7d4c331f49d13fb0ec747eceebec634f1ff4cbca9def"),
];

/// The well-known nodes of the local testnet: node key `0x00…0n` owned by the n-th of Alice,
/// Bob, Charlie, Dave and Eve.
pub fn local_testnet_nodes() -> Vec<(PeerId, AccountId)> {
	let owners = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
	];
	LOCAL_NODE_KEYS
		.iter()
		.zip(owners)
		.map(|(key, owner)| (peer_id(*key), owner.to_account_id()))
		.collect()
}

/// Blocks per session on the local testnet: 30 seconds, so that a change of validators is
/// rehearsed in about a minute.
pub const LOCAL_SESSION_LENGTH: BlockNumber = 5;

/// The consortium's part of a genesis patch: validators with their session keys, the session
/// length, the well-known nodes (none: the validators accept no peers until governance adds
/// some) and the council, which is every validator's operator on the dev, local and demo
/// chains.
fn consortium(
	validators: Vec<(AccountId, SessionKeys)>,
	session_length: BlockNumber,
	nodes: Vec<(PeerId, AccountId)>,
) -> Value {
	let council = validators.iter().map(|(who, _)| who.clone()).collect();
	consortium_with_council(validators, session_length, nodes, council)
}

/// [`consortium`] with a council of its own.
fn consortium_with_council(
	validators: Vec<(AccountId, SessionKeys)>,
	session_length: BlockNumber,
	nodes: Vec<(PeerId, AccountId)>,
	council: Vec<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		council: CouncilConfig { members: council },
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|(who, _)| who.clone()).collect::<Vec<_>>(),
			session_length,
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|(who, keys)| (who.clone(), who, keys))
				.collect::<Vec<_>>(),
		},
		node_authorization: NodeAuthorizationConfig { nodes },
	})
}

/// A genesis patch: the consortium, `endowed` with [`DEV_ENDOWMENT`] each, the sudo key and
/// the clock's rate.
fn with_grid(
	consortium: Value,
	endowed: Vec<AccountId>,
	root: AccountId,
	clock_rate: u32,
) -> Value {
	let mut patch = grid(endowed, root, clock_rate);
	merge(&mut patch, consortium);
	patch
}

/// The `development` preset: Alice validates alone.
pub fn development() -> Value {
	with_grid(
		consortium(
			vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
			DEV_SESSION_LENGTH,
			vec![],
		),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		DEV_CLOCK_RATE,
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate; Eve's node is a
/// consortium member's too (a validator to be, added by governance); real-time clock.
pub fn local_testnet() -> Value {
	with_grid(
		consortium(
			vec![
				validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
				validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
				validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
				validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
			],
			LOCAL_SESSION_LENGTH,
			local_testnet_nodes(),
		),
		Sr25519Keyring::iter().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		1,
	)
}

/// The `demo` preset: a small grid in force from 1 April 2026
/// (`ppa_runtime_common::genesis::demo_ppas`), Alice its one validator.
pub fn demo() -> Value {
	let mut patch = demo_grid();
	merge(
		&mut patch,
		consortium(
			vec![validator(demo_accounts::OPERATOR, Ed25519Keyring::Alice)],
			DEV_SESSION_LENGTH,
			vec![],
		),
	);
	patch
}

/// A consortium's own chain, as its operators describe it (`ppa-node consortium-spec` reads
/// it from their file): no sudo key, no dev account, a real-time grid clock that no one can
/// speed up, and only the balances listed.
#[derive(Clone, Debug, Default)]
pub struct Consortium {
	/// The first validators: each operator's account and its session keys.
	pub validators: Vec<(AccountId, SessionKeys)>,
	/// Blocks per session.
	pub session_length: BlockNumber,
	/// The well-known nodes: peer id and owner.
	pub nodes: Vec<(PeerId, AccountId)>,
	/// The council: its two thirds are the admin origin.
	pub council: Vec<AccountId>,
	/// Participants registered at genesis (regulators among them, with the Regulator role):
	/// account, roles, display name.
	pub participants: Vec<(AccountId, Vec<Role>, Vec<u8>)>,
	/// Balances at genesis, INR units: the total issuance, which nothing on the chain changes.
	pub endowments: Vec<(AccountId, Balance)>,
}

/// The genesis patch of a consortium's chain.
pub fn consortium_chain(c: &Consortium) -> Value {
	let mut patch = consortium_grid(c.endowments.clone(), c.participants.clone());
	merge(
		&mut patch,
		consortium_with_council(
			c.validators.clone(),
			c.session_length,
			c.nodes.clone(),
			c.council.clone(),
		),
	);
	patch
}

/// The JSON patch of the preset `id`, if there is one.
pub fn preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		DEMO_RUNTIME_PRESET => demo(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(DEMO_RUNTIME_PRESET),
	]
}
