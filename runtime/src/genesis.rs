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
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	opaque::SessionKeys, AccountId, Balance, BalancesConfig, BlockNumber, CouncilConfig,
	EscrowConfig, GridClockConfig, NodeAuthorizationConfig, RegistryConfig, RuntimeGenesisConfig,
	SessionConfig, SudoConfig, ValidatorSetConfig, UNITS,
};
use pallet_escrow::LcTerms;
use ppa_primitives::{BillingPeriod, PpaTerms, Role};
use sp_core::{hex2array as hex, OpaquePeerId as PeerId};

/// What each well-known dev account holds at genesis: one crore rupees.
pub const DEV_ENDOWMENT: Balance = 10_000_000 * UNITS;

/// The grid clock's rate on the development chain: a time block every 6-second block.
pub const DEV_CLOCK_RATE: u32 = 150;

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

/// Blocks per session on the development and demo chains: 10 minutes.
pub const DEV_SESSION_LENGTH: BlockNumber = 100;

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

/// A genesis patch: the consortium, endowed accounts, the sudo key and the clock's rate.
fn genesis(consortium: Value, endowed: Vec<AccountId>, root: AccountId, clock_rate: u32) -> Value {
	let mut patch = build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, DEV_ENDOWMENT)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		grid_clock: GridClockConfig { rate: clock_rate },
	});
	merge(&mut patch, consortium);
	patch
}

/// Adds the keys of `other` to `patch` (both JSON objects with distinct pallets).
fn merge(patch: &mut Value, other: Value) {
	if let (Value::Object(patch), Value::Object(other)) = (patch, other) {
		patch.extend(other);
	}
}

/// The `development` preset: Alice validates alone.
pub fn development() -> Value {
	genesis(
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
	genesis(
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

/// The `demo` preset's name.
pub const DEMO_RUNTIME_PRESET: &str = "demo";

/// The demo grid's first instant: 2026-04-01 00:00 IST (the financial year's first day), Unix
/// ms.
pub const DEMO_GRID_START: u64 = 1_774_981_800_000;

/// The demo grid's first day: 2026-04-01.
pub const DEMO_FIRST_DAY: u32 = 20_544;

/// The demo grid's clock rate: a 15-minute time block every half second, a day in 48 s.
pub const DEMO_CLOCK_RATE: u32 = 1_800;

/// Ten million rupees, in INR units.
const CRORE: Balance = 10_000_000 * UNITS;

/// What each demo account holds at genesis: a thousand crore rupees (a discom's dues and a
/// bank's letters of credit run to tens of crores).
pub const DEMO_ENDOWMENT: Balance = 1_000 * CRORE;

/// Who is who on the demo grid (well-known keys, so that Polkadot.js Apps can sign for them).
pub mod demo_accounts {
	use sp_keyring::Sr25519Keyring;

	/// The grid operator: validator and sudo (the admin origin).
	pub const OPERATOR: Sr25519Keyring = Sr25519Keyring::Alice;
	/// Generator: NTPC Singrauli STPS.
	pub const NTPC: Sr25519Keyring = Sr25519Keyring::Bob;
	/// Generator: Adani Mundra TPS.
	pub const ADANI: Sr25519Keyring = Sr25519Keyring::Charlie;
	/// Discom: UPPCL (Uttar Pradesh).
	pub const UPPCL: Sr25519Keyring = Sr25519Keyring::Dave;
	/// Discom: MSEDCL (Maharashtra).
	pub const MSEDCL: Sr25519Keyring = Sr25519Keyring::Eve;
	/// Discom: TANGEDCO (Tamil Nadu).
	pub const TANGEDCO: Sr25519Keyring = Sr25519Keyring::Ferdie;
	/// Bank: State Bank of India.
	pub const SBI: Sr25519Keyring = Sr25519Keyring::One;
	/// Load despatch centre: NRLDC.
	pub const NRLDC: Sr25519Keyring = Sr25519Keyring::Two;
	/// Regulator: CERC.
	pub const CERC: Sr25519Keyring = Sr25519Keyring::AliceStash;
}

/// Terms of a demo PPA: a year from the demo's first day, INR 900/kW-month, 45 days' credit.
fn demo_terms(
	station: &[u8],
	capacity_kw: u32,
	energy_rate: Balance,
	period: BillingPeriod,
) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(
		station,
		capacity_kw,
		DEMO_FIRST_DAY,
		DEMO_FIRST_DAY + 364,
		900 * UNITS,
		energy_rate,
	);
	terms.billing_period = period;
	terms.agreement_hash = sp_core::H256::repeat_byte(0xd0);
	// The demo's PPAs take the 30-day month, a PPA's option (calendar months are the
	// default): its story's dates read P + 75 and P + 105 as the LPS Rules count them.
	terms.calendar_months = false;
	terms
}

/// The `demo` preset: a small grid in force from 1 April 2026.
///
/// | PPA | seller | buyer | capacity | energy rate | billing | security |
/// |---|---|---|---|---|---|---|
/// | 0 | NTPC Singrauli | UPPCL | 250 MW | INR 2.00/kWh | daily | LC INR 57 crore (SBI) |
/// | 1 | NTPC Singrauli | MSEDCL | 100 MW | INR 2.00/kWh | per time block | advance INR 23 crore |
/// | 2 | Adani Mundra | TANGEDCO | 200 MW | INR 2.50/kWh | daily | LC INR 52 crore (SBI) |
///
/// Each cover meets what the PSM requires at the normative load factor (110 % of a month's
/// billing): INR 56.87, 22.75 and 51.92 crore.
pub fn demo() -> Value {
	use demo_accounts::*;
	let id = |k: Sr25519Keyring| k.to_account_id();
	let participants = vec![
		(id(NTPC), vec![Role::Generator], b"NTPC Singrauli STPS".to_vec()),
		(id(ADANI), vec![Role::Generator], b"Adani Mundra TPS".to_vec()),
		(id(UPPCL), vec![Role::Buyer], b"UPPCL".to_vec()),
		(id(MSEDCL), vec![Role::Buyer], b"MSEDCL".to_vec()),
		(id(TANGEDCO), vec![Role::Buyer], b"TANGEDCO".to_vec()),
		(id(SBI), vec![Role::Bank], b"State Bank of India".to_vec()),
		(id(NRLDC), vec![Role::LoadDespatchCentre], b"NRLDC".to_vec()),
		(id(CERC), vec![Role::Regulator], b"CERC".to_vec()),
	];
	let ppas = vec![
		(
			id(NTPC),
			id(UPPCL),
			id(NRLDC),
			demo_terms(b"NTPC Singrauli STPS", 250_000, 2 * UNITS, BillingPeriod::Daily),
		),
		(
			id(NTPC),
			id(MSEDCL),
			id(NRLDC),
			demo_terms(b"NTPC Singrauli STPS", 100_000, 2 * UNITS, BillingPeriod::PerTimeBlock),
		),
		(
			id(ADANI),
			id(TANGEDCO),
			id(NRLDC),
			demo_terms(b"Adani Mundra TPS", 200_000, 2_500_000, BillingPeriod::Daily),
		),
	];
	let lc = |amount: Balance| LcTerms {
		amount,
		expiry_day: DEMO_FIRST_DAY + 364,
		revolving: true,
		drawals_per_month: 1,
		restore_within_days: 15,
	};
	let balances: Vec<(AccountId, Balance)> =
		Sr25519Keyring::iter().map(|k| (k.to_account_id(), DEMO_ENDOWMENT)).collect();
	let mut patch = build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		sudo: SudoConfig { key: Some(id(OPERATOR)) },
		grid_clock: GridClockConfig {
			rate: DEMO_CLOCK_RATE,
			grid_start: Some(DEMO_GRID_START),
			adjustable: true,
		},
		registry: RegistryConfig { participants, ppas },
		escrow: EscrowConfig {
			letters_of_credit: vec![(id(SBI), 0, lc(57 * CRORE)), (id(SBI), 2, lc(52 * CRORE))],
			advances: vec![(1, 23 * CRORE)],
		},
	});
	merge(
		&mut patch,
		consortium(vec![validator(OPERATOR, Ed25519Keyring::Alice)], DEV_SESSION_LENGTH, vec![]),
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
	let mut patch = build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: c.endowments.clone() },
		grid_clock: GridClockConfig { rate: 1, grid_start: None, adjustable: false },
		registry: RegistryConfig { participants: c.participants.clone() },
	});
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

/// Whether `public` (an account, or an Aura or GRANDPA key) is one of the well-known
/// development keys, sr25519 or ed25519 (Alice to Ferdie, One, Two, their stashes): its
/// secret is public, so a real chain must not trust it.
pub fn is_dev_key(public: &[u8; 32]) -> bool {
	Sr25519Keyring::iter().any(|k| &k.public().0 == public)
		|| Ed25519Keyring::iter().any(|k| &k.public().0 == public)
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
