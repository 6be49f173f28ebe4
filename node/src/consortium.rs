//! `ppa-node consortium-spec --operators operators.toml`: a consortium's own chain
//! specification, from the file its operators write together (see
//! `docs/operators.example.toml`).
//!
//! The file names the chain, its council, its validators (account and session keys of each
//! grid operator), the well-known nodes that may connect (peer id, owner and, for boot nodes,
//! an address), the regulators, the participants registered at genesis and the balances held
//! at genesis. With a `[parachain]` table (relay chain and para id) it describes a parachain
//! instead: its validators are collators with an Aura key only (the relay chain finalizes),
//! its nodes are boot nodes only (no owner: the parachain keeps no well-known nodes on chain),
//! and the specification carries the relay chain and para id that `polkadot-omni-node` reads. Nothing else is on the chain: no sudo key, no development account, no balance
//! that is not listed, a real-time grid clock no one may speed up. Every key is checked: a
//! well-known development key (Alice and the others), a duplicate or a malformed key is refused
//! with the field that holds it.

use std::{collections::BTreeSet, path::PathBuf, str::FromStr};

use ppa_parachain_runtime::{
	genesis as parachain_genesis, opaque::SessionKeys as ParachainSessionKeys,
};
use ppa_primitives::Role;
use ppa_runtime::{
	genesis::{self, Consortium},
	opaque::SessionKeys,
	AccountId, Balance, UNITS,
};
use sc_network::{config::MultiaddrWithPeerId, Multiaddr, PeerId};
use sc_service::ChainType;
use serde::Deserialize;
use sp_core::{
	crypto::{Ss58Codec, UncheckedFrom},
	ed25519, sr25519, OpaquePeerId,
};

use crate::chain_spec::{self, ChainSpec, ParachainChainSpec, ParachainExtensions};

use ppa_runtime::configs;

/// The fewest validators a consortium's chain starts with (GRANDPA needs more than two thirds
/// of them online).
const MIN_VALIDATORS: usize = configs::MIN_VALIDATORS as usize;
/// The most validators.
const MAX_VALIDATORS: usize = configs::MAX_VALIDATORS as usize;
/// The fewest council members (two thirds of three is two, so no one member governs alone).
const MIN_COUNCIL: usize = configs::MIN_COUNCIL_MEMBERS;
/// The most council members.
const MAX_COUNCIL: usize = configs::MAX_COUNCIL_MEMBERS as usize;
/// The most well-known nodes.
const MAX_NODES: usize = configs::MAX_WELL_KNOWN_NODES as usize;
/// The lowest para id of a parachain that is not one of the relay chain's system chains.
const MIN_PARA_ID: u32 = 2000;
/// The longest display name, bytes.
const MAX_NAME_LEN: usize = configs::MAX_NAME_LEN as usize;

/// Build a consortium's chain specification from the file its operators write.
#[derive(Debug, clap::Parser)]
pub struct ConsortiumSpecCmd {
	/// The operators' file (TOML): see docs/operators.example.toml.
	#[arg(long, value_name = "FILE")]
	pub operators: PathBuf,

	/// Write the raw chain specification (genesis storage), which every node of the
	/// consortium should start from, instead of the readable one.
	#[arg(long)]
	pub raw: bool,

	/// Write it to this file instead of standard output.
	#[arg(long, value_name = "FILE")]
	pub output: Option<PathBuf>,
}

impl ConsortiumSpecCmd {
	/// Reads the operators' file, checks it, and writes the chain specification.
	pub fn run(&self) -> Result<(), String> {
		// The genesis patch names accounts in SS58; the runtime's genesis builder (wasm) reads
		// only the generic prefix, so write it with that one (the chain's own prefix is in the
		// spec's properties, for wallets).
		sp_core::crypto::set_default_ss58_version(
			sp_core::crypto::Ss58AddressFormatRegistry::SubstrateAccount.into(),
		);
		let text = std::fs::read_to_string(&self.operators)
			.map_err(|e| format!("{}: {e}", self.operators.display()))?;
		let spec =
			consortium_spec(&text).map_err(|e| format!("{}: {e}", self.operators.display()))?;
		let json = spec.as_json(self.raw)?;
		match &self.output {
			Some(path) => {
				std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))
			},
			None => {
				println!("{json}");
				Ok(())
			},
		}
	}
}

/// The operators' file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Operators {
	/// The chain's name, as wallets show it.
	name: String,
	/// The chain's id: also the name of each node's database directory.
	id: String,
	/// Blocks per session: a change of validators takes effect two sessions after it is
	/// decided. Default 600 (an hour of 6-second blocks).
	#[serde(default = "default_session_length")]
	session_length: u32,
	council: Council,
	validators: Vec<Validator>,
	#[serde(default)]
	nodes: Vec<WellKnownNode>,
	#[serde(default)]
	regulators: Vec<Regulator>,
	#[serde(default)]
	participants: Vec<Participant>,
	#[serde(default)]
	endowments: Vec<Endowment>,
	/// Present if the chain is a parachain: its relay chain and para id.
	parachain: Option<Parachain>,
}

/// Where a consortium's parachain runs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Parachain {
	/// The relay chain's id, as its chain specification names it (e.g. `polkadot`, `paseo`).
	relay_chain: String,
	/// The para id the relay chain registered for the parachain (2000 or above).
	para_id: u32,
}

fn default_session_length() -> u32 {
	600
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Council {
	/// Members' accounts: any two thirds of them carry a motion.
	members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Validator {
	/// Who runs it (for the reader; not on chain).
	operator: String,
	/// The validator's account (SS58 or 0x-hex public key).
	account: String,
	/// Its Aura key (sr25519), which authors blocks.
	aura: String,
	/// Its GRANDPA key (ed25519), which votes on finality; absent for a parachain's collator
	/// (the relay chain finalizes).
	grandpa: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WellKnownNode {
	/// The node's libp2p peer id (`ppa-node key inspect-node-key --file <node key>`).
	peer_id: String,
	/// The account that owns it (may add connections for it); absent on a parachain, which
	/// keeps no well-known nodes on chain.
	owner: Option<String>,
	/// Where others reach it, without `/p2p/...` (e.g. `/dns/node.example/tcp/30333`): a
	/// boot node of the chain specification. Optional.
	address: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Regulator {
	account: String,
	name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Participant {
	account: String,
	name: String,
	/// Among Generator, Buyer, LoadDespatchCentre, Bank, Regulator, MarketOperator.
	roles: Vec<Role>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Endowment {
	account: String,
	/// Whole rupees held at genesis.
	inr: u64,
}

/// The example operators' file, whose keys come from public phrases.
const EXAMPLE: &str = include_str!("../../docs/operators.example.toml");

/// Every public key of the example file: a chain must not trust them.
fn example_keys() -> BTreeSet<[u8; 32]> {
	EXAMPLE
		.split('"')
		.filter_map(|text| sr25519::Public::from_ss58check_with_version(text).ok())
		.map(|(public, _)| public.0)
		.collect()
}

/// Whether `public` is the root key (sr25519 or ed25519) of the development phrase, from which
/// `//Alice` and the others derive.
fn is_dev_phrase_root(public: &[u8; 32]) -> bool {
	use sp_core::Pair;
	let sr = sr25519::Pair::from_string(sp_core::crypto::DEV_PHRASE, None).map(|p| p.public().0);
	let ed = ed25519::Pair::from_string(sp_core::crypto::DEV_PHRASE, None).map(|p| p.public().0);
	sr.ok().as_ref() == Some(public) || ed.ok().as_ref() == Some(public)
}

/// A 32-byte public key from SS58 or 0x-hex, refused if it is a development key or one of the
/// example file's.
fn public_key(field: &str, text: &str) -> Result<[u8; 32], String> {
	let bytes = if let Some(hex) = text.strip_prefix("0x") {
		let raw: Vec<u8> = (0..hex.len())
			.step_by(2)
			.map(|i| {
				hex.get(i..i + 2)
					.filter(|b| b.chars().all(|c| c.is_ascii_hexdigit()))
					.and_then(|b| u8::from_str_radix(b, 16).ok())
			})
			.collect::<Option<_>>()
			.ok_or_else(|| format!("{field}: {text} is not hex"))?;
		<[u8; 32]>::try_from(raw).map_err(|_| format!("{field}: {text} is not 32 bytes"))?
	} else {
		sr25519::Public::from_ss58check_with_version(text)
			.map_err(|e| format!("{field}: {text} is not an SS58 address ({e:?})"))?
			.0
			 .0
	};
	if genesis::is_dev_key(&bytes) || is_dev_phrase_root(&bytes) {
		return Err(format!(
			"{field}: {text} is a well-known development key, whose secret is public"
		));
	}
	if example_keys().contains(&bytes) {
		return Err(format!(
			"{field}: {text} is copied from docs/operators.example.toml, whose secrets are public: \
			 generate your own"
		));
	}
	Ok(bytes)
}

fn account(field: &str, text: &str) -> Result<AccountId, String> {
	public_key(field, text).map(AccountId::from)
}

/// `items` have no duplicate, by `key`.
fn distinct<T, K: Ord>(what: &str, items: &[T], key: impl Fn(&T) -> K) -> Result<(), String> {
	let mut seen = BTreeSet::new();
	match items.iter().all(|item| seen.insert(key(item))) {
		true => Ok(()),
		false => Err(format!("{what}: the same one is listed twice")),
	}
}

/// A consortium's genesis, for the chain its operators' file describes.
#[derive(Debug)]
enum Genesis {
	/// Its own chain: validators author (Aura) and finalize (GRANDPA).
	Standalone(genesis::Consortium),
	/// A parachain: collators author, the relay chain's validators secure and finalize.
	Parachain(parachain_genesis::Consortium, ParachainExtensions),
}

/// What both kinds of consortium chain hold at genesis: the council, the participants
/// (regulators first) and the endowments.
struct Members {
	council: Vec<AccountId>,
	participants: Vec<(AccountId, Vec<Role>, Vec<u8>)>,
	endowments: Vec<(AccountId, Balance)>,
}

/// The consortium's genesis and boot nodes from the operators' file.
fn consortium(operators: &Operators) -> Result<(Genesis, Vec<MultiaddrWithPeerId>), String> {
	let id_ok = !operators.id.is_empty()
		&& operators.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
	if !id_ok {
		return Err(format!(
			"id: {:?} must be lowercase letters, digits and underscores (it names each node's \
			 database directory and the network protocol)",
			operators.id
		));
	}
	if operators.session_length == 0 {
		return Err("session_length: a session lasts at least one block".into());
	}
	let count = operators.validators.len();
	if !(MIN_VALIDATORS..=MAX_VALIDATORS).contains(&count) {
		let why = match operators.parachain {
			None => "GRANDPA needs more than two thirds of them online",
			Some(_) => "the validator set keeps at least that many collators, so that no one operator authors alone",
		};
		return Err(format!(
			"validators: {count} listed; a consortium's chain starts with {MIN_VALIDATORS} to \
			 {MAX_VALIDATORS} ({why})"
		));
	}
	let members = members(operators)?;
	match &operators.parachain {
		None => standalone(operators, members),
		Some(parachain) => on_relay_chain(operators, parachain, members),
	}
}

/// A standalone consortium chain: validators with Aura and GRANDPA keys, and its well-known
/// nodes (every validator's among them), which alone may connect.
fn standalone(
	operators: &Operators,
	members: Members,
) -> Result<(Genesis, Vec<MultiaddrWithPeerId>), String> {
	let validators = operators
		.validators
		.iter()
		.enumerate()
		.map(|(i, v)| -> Result<_, String> {
			let field = format!("validators[{i}] ({})", v.operator);
			let grandpa = v.grandpa.as_deref().ok_or_else(|| {
				format!("{field}.grandpa: a validator's GRANDPA key (ed25519) is required")
			})?;
			let keys = SessionKeys {
				aura: sr25519::Public::unchecked_from(public_key(
					&format!("{field}.aura"),
					&v.aura,
				)?)
				.into(),
				grandpa: ed25519::Public::unchecked_from(public_key(
					&format!("{field}.grandpa"),
					grandpa,
				)?)
				.into(),
			};
			Ok((account(&format!("{field}.account"), &v.account)?, keys))
		})
		.collect::<Result<Vec<_>, _>>()?;
	distinct("validators' accounts", &validators, |(who, _)| who.clone())?;
	distinct("validators' aura keys", &validators, |(_, k)| k.aura.clone())?;
	distinct("validators' grandpa keys", &validators, |(_, k)| k.grandpa.clone())?;

	let mut boot_nodes = Vec::new();
	let nodes = operators
		.nodes
		.iter()
		.enumerate()
		.map(|(i, n)| -> Result<_, String> {
			let field = format!("nodes[{i}]");
			let (peer, boot) = node(&field, n)?;
			boot_nodes.extend(boot);
			let owner = n.owner.as_deref().ok_or_else(|| {
				format!("{field}.owner: the account that owns the node is required")
			})?;
			Ok((OpaquePeerId(peer.to_bytes()), account(&format!("{field}.owner"), owner)?))
		})
		.collect::<Result<Vec<_>, _>>()?;
	if nodes.len() > MAX_NODES {
		return Err(format!("nodes: at most {MAX_NODES} well-known nodes"));
	}
	// Each validator runs a node, and only well-known nodes connect: without them the chain
	// could never finalize, and no one could repair it.
	if nodes.len() < validators.len() {
		return Err(format!(
			"nodes: {} well-known nodes for {} validators; every validator's node must be listed",
			nodes.len(),
			validators.len()
		));
	}
	if boot_nodes.is_empty() {
		return Err("nodes: give at least one node an address, to boot the others from".into());
	}
	distinct("nodes' peer ids", &nodes, |(peer, _)| peer.clone())?;
	let Members { council, participants, endowments } = members;
	let genesis = Consortium {
		validators,
		session_length: operators.session_length,
		nodes,
		council,
		participants,
		endowments,
	};
	Ok((Genesis::Standalone(genesis), boot_nodes))
}

/// A consortium's parachain: collators with Aura keys only (finality is the relay chain's),
/// the para id and relay chain of its `[parachain]` table, and boot nodes (the parachain
/// keeps no list of well-known nodes on chain).
fn on_relay_chain(
	operators: &Operators,
	parachain: &Parachain,
	members: Members,
) -> Result<(Genesis, Vec<MultiaddrWithPeerId>), String> {
	if parachain.para_id < MIN_PARA_ID {
		return Err(format!(
			"parachain.para_id: {} is reserved for the relay chain's system parachains; a \
			 parachain's id is {MIN_PARA_ID} or above, as the relay chain registered it",
			parachain.para_id
		));
	}
	let relay = parachain.relay_chain.as_str();
	let relay_ok = !relay.is_empty()
		&& relay
			.chars()
			.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
	if !relay_ok {
		return Err(format!(
			"parachain.relay_chain: {relay:?} must be the relay chain's id (e.g. polkadot, paseo)"
		));
	}
	// A consortium's chain is live: a local or development relay chain (whose validators'
	// keys are public) secures nothing.
	if relay.ends_with("-local") || relay.ends_with("-dev") || relay == "dev" || relay == "local" {
		return Err(format!(
			"parachain.relay_chain: {relay} is a local or development relay chain; a consortium's \
			 parachain runs on a live one (e.g. polkadot, kusama, paseo)"
		));
	}
	let collators = operators
		.validators
		.iter()
		.enumerate()
		.map(|(i, v)| -> Result<_, String> {
			let field = format!("validators[{i}] ({})", v.operator);
			if v.grandpa.is_some() {
				return Err(format!(
					"{field}.grandpa: a parachain's collator has no GRANDPA key (the relay chain \
					 finalizes its blocks): leave it out"
				));
			}
			let keys = ParachainSessionKeys {
				aura: sr25519::Public::unchecked_from(public_key(
					&format!("{field}.aura"),
					&v.aura,
				)?)
				.into(),
			};
			Ok((account(&format!("{field}.account"), &v.account)?, keys))
		})
		.collect::<Result<Vec<_>, _>>()?;
	distinct("validators' accounts", &collators, |(who, _)| who.clone())?;
	distinct("validators' aura keys", &collators, |(_, k)| k.aura.clone())?;

	let mut boot_nodes = Vec::new();
	for (i, n) in operators.nodes.iter().enumerate() {
		let field = format!("nodes[{i}]");
		if n.owner.is_some() {
			return Err(format!(
				"{field}.owner: a parachain keeps no well-known nodes on chain (any node may \
				 follow it; the relay chain checks its blocks): list boot nodes with peer_id and \
				 address only"
			));
		}
		match node(&field, n)? {
			(_, Some(boot)) => boot_nodes.push(boot),
			(_, None) => return Err(format!("{field}.address: a parachain's node is a boot node")),
		}
	}
	if boot_nodes.is_empty() {
		return Err("nodes: list at least one boot node (peer_id and address)".into());
	}
	if boot_nodes.len() > MAX_NODES {
		return Err(format!("nodes: at most {MAX_NODES} boot nodes"));
	}
	distinct("nodes' peer ids", &boot_nodes, |boot| boot.peer_id)?;
	let Members { council, participants, endowments } = members;
	let genesis = parachain_genesis::Consortium {
		para_id: parachain.para_id,
		collators,
		session_length: operators.session_length,
		council,
		participants,
		endowments,
	};
	let extensions = ParachainExtensions {
		relay_chain: parachain.relay_chain.clone(),
		para_id: parachain.para_id,
	};
	Ok((Genesis::Parachain(genesis, extensions), boot_nodes))
}

/// A node's peer id, and its boot node address if it has one.
fn node(field: &str, n: &WellKnownNode) -> Result<(PeerId, Option<MultiaddrWithPeerId>), String> {
	let peer = PeerId::from_str(&n.peer_id)
		.map_err(|e| format!("{field}.peer_id: {} is not a peer id ({e})", n.peer_id))?;
	let local_testnet_nodes: BTreeSet<_> =
		genesis::local_testnet_nodes().into_iter().map(|(peer, _)| peer).collect();
	if local_testnet_nodes.contains(&OpaquePeerId(peer.to_bytes())) {
		return Err(format!(
			"{field}.peer_id: {} is a local testnet node, whose key is public",
			n.peer_id
		));
	}
	let Some(address) = &n.address else { return Ok((peer, None)) };
	if address.contains("/p2p/") {
		return Err(format!(
			"{field}.address: {address}: leave out /p2p/..., the peer id is peer_id"
		));
	}
	let multiaddr =
		Multiaddr::from_str(address).map_err(|e| format!("{field}.address: {address}: {e}"))?;
	Ok((peer, Some(MultiaddrWithPeerId { multiaddr, peer_id: peer })))
}

/// The council, the regulators and participants, and the endowments of the operators' file.
fn members(operators: &Operators) -> Result<Members, String> {
	let council = operators
		.council
		.members
		.iter()
		.enumerate()
		.map(|(i, m)| account(&format!("council.members[{i}]"), m))
		.collect::<Result<Vec<_>, _>>()?;
	if !(MIN_COUNCIL..=MAX_COUNCIL).contains(&council.len()) {
		return Err(format!(
			"council.members: {} listed; {MIN_COUNCIL} to {MAX_COUNCIL} (two thirds of them carry \
			 a motion, so no one member governs alone)",
			council.len()
		));
	}
	distinct("council.members", &council, |who| who.clone())?;

	let regulators = operators.regulators.iter().enumerate().map(|(i, r)| {
		Ok((
			account(&format!("regulators[{i}].account"), &r.account)?,
			vec![Role::Regulator],
			name(&format!("regulators[{i}].name"), &r.name)?,
		))
	});
	let others = operators.participants.iter().enumerate().map(|(i, p)| {
		let field = format!("participants[{i}]");
		if p.roles.is_empty() {
			return Err(format!("{field}.roles: at least one role"));
		}
		distinct(&format!("{field}.roles"), &p.roles, |r| *r as u8)?;
		if p.roles.contains(&Role::Regulator) && p.roles.len() > 1 {
			return Err(format!("{field}.roles: the Regulator role is held alone"));
		}
		Ok((
			account(&format!("{field}.account"), &p.account)?,
			p.roles.clone(),
			name(&field, &p.name)?,
		))
	});
	let participants = regulators.chain(others).collect::<Result<Vec<_>, String>>()?;
	distinct("regulators' and participants' accounts", &participants, |(who, _, _)| who.clone())?;

	let endowments = operators
		.endowments
		.iter()
		.enumerate()
		.map(|(i, e)| -> Result<(AccountId, Balance), String> {
			let field = format!("endowments[{i}]");
			if e.inr == 0 {
				return Err(format!("{field}.inr: at least one rupee"));
			}
			Ok((account(&format!("{field}.account"), &e.account)?, Balance::from(e.inr) * UNITS))
		})
		.collect::<Result<Vec<_>, _>>()?;
	distinct("endowments' accounts", &endowments, |(who, _)| who.clone())?;
	if let Some(member) = council.iter().find(|m| !endowments.iter().any(|(who, _)| who == *m)) {
		return Err(format!(
			"council member {member} has no endowment: it could not pay the fee of a motion"
		));
	}

	Ok(Members { council, participants, endowments })
}

fn name(field: &str, name: &str) -> Result<Vec<u8>, String> {
	match name.len() {
		1..=MAX_NAME_LEN => Ok(name.as_bytes().to_vec()),
		_ => Err(format!("{field}: a name of 1 to {MAX_NAME_LEN} bytes")),
	}
}

/// The chain specification of the consortium that the operators' file `text` describes: its
/// own chain, or with a `[parachain]` table a parachain (which `polkadot-omni-node` runs).
pub fn consortium_spec(text: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	let operators: Operators = toml::from_str(text).map_err(|e| e.to_string())?;
	let (genesis, boot_nodes) = consortium(&operators)?;
	Ok(match genesis {
		Genesis::Standalone(genesis) => Box::new(
			ChainSpec::builder(chain_spec::wasm()?, None)
				.with_name(&operators.name)
				.with_id(&operators.id)
				.with_chain_type(ChainType::Live)
				.with_protocol_id(&operators.id)
				.with_boot_nodes(boot_nodes)
				.with_genesis_config_patch(genesis::consortium_chain(&genesis))
				.with_properties(chain_spec::properties())
				.build(),
		),
		Genesis::Parachain(genesis, extensions) => Box::new(
			ParachainChainSpec::builder(chain_spec::parachain_wasm()?, extensions)
				.with_name(&operators.name)
				.with_id(&operators.id)
				.with_chain_type(ChainType::Live)
				.with_protocol_id(&operators.id)
				.with_boot_nodes(boot_nodes)
				.with_genesis_config_patch(parachain_genesis::consortium_chain(&genesis))
				.with_properties(chain_spec::properties())
				.build(),
		),
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::Pair;

	/// The example file with each of its keys replaced by a fresh one (as operators do).
	fn example() -> Operators {
		toml::from_str(&example_text()).expect("the example parses")
	}

	/// [`example_text`] made a parachain's: para id 3000 on Polkadot, no GRANDPA keys, no
	/// node owners.
	fn parachain_example_text() -> String {
		let text = example_text()
			.lines()
			.filter(|line| !line.starts_with("grandpa =") && !line.starts_with("owner ="))
			.collect::<Vec<_>>()
			.join("\n");
		format!("{text}\n[parachain]\nrelay_chain = \"polkadot\"\npara_id = 3000\n")
	}

	fn parachain_example() -> Operators {
		toml::from_str(&parachain_example_text()).expect("the parachain example parses")
	}

	/// The example file's text with each of its keys replaced by a fresh one.
	fn example_text() -> String {
		let mut text = EXAMPLE.to_string();
		let keys: BTreeSet<&str> = EXAMPLE
			.split('"')
			.filter(|t| sr25519::Public::from_ss58check_with_version(t).is_ok())
			.collect();
		for (i, key) in keys.into_iter().enumerate() {
			let fresh = sr25519::Pair::from_string(&format!("//Fresh-key-{i}"), None).unwrap();
			text = text.replace(key, &fresh.public().to_ss58check());
		}
		text
	}

	fn standalone_genesis(operators: &Operators) -> Result<(Consortium, usize), String> {
		match consortium(operators)? {
			(Genesis::Standalone(genesis), boot_nodes) => Ok((genesis, boot_nodes.len())),
			(Genesis::Parachain(..), _) => Err("a parachain's genesis".into()),
		}
	}

	#[test]
	fn the_example_operators_file_makes_a_chain_without_sudo_or_dev_accounts() {
		let (genesis, boot_nodes) = standalone_genesis(&example()).expect("the example is valid");
		assert_eq!(genesis.validators.len(), 4);
		assert_eq!(genesis.council.len(), 4);
		assert_eq!(boot_nodes, 4);
		assert!(genesis.participants.iter().any(|(_, roles, _)| roles == &vec![Role::Regulator]));
		let patch = genesis::consortium_chain(&genesis);
		assert!(patch.get("sudo").is_none(), "no sudo key");
		assert_eq!(patch["gridClock"]["adjustable"], false);
	}

	#[test]
	fn the_example_file_as_it_stands_is_refused_its_secrets_are_public() {
		let copied: Operators = toml::from_str(EXAMPLE).expect("the example parses");
		let error = consortium(&copied).unwrap_err();
		assert!(error.contains("copied from docs/operators.example.toml"), "{error}");
	}

	#[test]
	fn a_development_key_anywhere_is_refused() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let mut operators = example();
		operators.validators[1].aura = alice.into();
		let error = consortium(&operators).unwrap_err();
		assert!(error.contains("validators[1]") && error.contains("development key"), "{error}");
		let mut operators = example();
		operators.endowments[0].account = alice.into();
		assert!(consortium(&operators).unwrap_err().contains("development key"));
		let root = sr25519::Pair::from_string(sp_core::crypto::DEV_PHRASE, None).unwrap();
		let mut operators = example();
		operators.regulators[0].account = root.public().to_ss58check();
		assert!(consortium(&operators).unwrap_err().contains("development key"));
	}

	#[test]
	fn too_few_validators_nodes_or_members_duplicates_and_unfunded_members_are_refused() {
		let mut operators = example();
		operators.validators.truncate(2);
		assert!(consortium(&operators).unwrap_err().contains("validators: 2 listed"));
		let mut operators = example();
		operators.validators[1].grandpa = operators.validators[0].grandpa.clone();
		assert!(consortium(&operators).unwrap_err().contains("grandpa keys"));
		let mut operators = example();
		operators.validators[1].grandpa = None;
		assert!(consortium(&operators).unwrap_err().contains("validators[1] (NRLDC).grandpa"));
		let mut operators = example();
		operators.nodes[2].owner = None;
		assert!(consortium(&operators).unwrap_err().contains("nodes[2].owner"));
		let mut operators = example();
		operators.endowments.retain(|e| e.account != operators.council.members[0]);
		assert!(consortium(&operators).unwrap_err().contains("no endowment"));
		let mut operators = example();
		operators.council.members.truncate(2);
		assert!(consortium(&operators).unwrap_err().contains("council.members: 2 listed"));
		let mut operators = example();
		operators.nodes.truncate(3);
		assert!(consortium(&operators).unwrap_err().contains("every validator's node"));
		let mut operators = example();
		operators.participants[0].roles.push(Role::Regulator);
		assert!(consortium(&operators).unwrap_err().contains("held alone"));
		let mut operators = example();
		operators.id = "PPA consortium".into();
		assert!(consortium(&operators).unwrap_err().contains("id:"));
		assert!(toml::from_str::<Operators>(&format!("{EXAMPLE}\nsudo = \"x\"\n")).is_err());
	}

	#[test]
	fn a_parachain_consortium_has_collators_its_para_id_and_no_sudo() {
		let (genesis, boot_nodes) = consortium(&parachain_example()).expect("valid");
		let Genesis::Parachain(genesis, extensions) = genesis else {
			panic!("a [parachain] table makes a parachain's genesis")
		};
		assert_eq!((extensions.relay_chain.as_str(), extensions.para_id), ("polkadot", 3000));
		assert_eq!(genesis.para_id, 3000);
		assert_eq!(genesis.collators.len(), 4);
		assert_eq!(genesis.council.len(), 4);
		assert_eq!(boot_nodes.len(), 4);
		let patch = parachain_genesis::consortium_chain(&genesis);
		assert!(patch.get("sudo").is_none(), "no sudo key");
		assert_eq!(patch["parachainInfo"]["parachainId"], 3000);
		assert_eq!(patch["gridClock"]["adjustable"], false);
		assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(4));
		assert!(patch.get("nodeAuthorization").is_none());
	}

	#[test]
	fn a_parachain_consortium_spec_names_its_relay_chain_and_para_id_and_is_live() {
		let spec = consortium_spec(&parachain_example_text()).expect("the spec builds");
		assert_eq!(spec.chain_type(), ChainType::Live);
		assert!(chain_spec::is_parachain(spec.as_ref()));
		let json: serde_json::Value =
			serde_json::from_str(&spec.as_json(false).expect("as JSON")).expect("JSON");
		assert_eq!(json["relay_chain"], "polkadot");
		assert_eq!(json["para_id"], 3000);
		let patch = &json["genesis"]["runtimeGenesis"]["patch"];
		assert_eq!(patch["parachainInfo"]["parachainId"], 3000);
		assert!(patch.get("sudo").is_none(), "no sudo key");
		// The runtime builds its genesis storage from it (the raw specification).
		let raw: serde_json::Value =
			serde_json::from_str(&spec.as_json(true).expect("raw")).expect("JSON");
		assert!(raw["genesis"]["raw"]["top"].as_object().is_some_and(|top| !top.is_empty()));
		// The standalone chain's is not a parachain's.
		let spec = consortium_spec(&example_text()).expect("the spec builds");
		assert!(!chain_spec::is_parachain(spec.as_ref()));
	}

	#[test]
	fn a_parachain_consortium_refuses_grandpa_keys_node_owners_and_system_para_ids() {
		let mut operators = parachain_example();
		operators.validators[2].grandpa = example().validators[2].grandpa.clone();
		let error = consortium(&operators).unwrap_err();
		assert!(error.contains("validators[2]") && error.contains("no GRANDPA key"), "{error}");
		let mut operators = parachain_example();
		operators.nodes[0].owner = example().nodes[0].owner.clone();
		assert!(consortium(&operators).unwrap_err().contains("nodes[0].owner"));
		let mut operators = parachain_example();
		operators.nodes[1].address = None;
		assert!(consortium(&operators).unwrap_err().contains("nodes[1].address"));
		let mut operators = parachain_example();
		if let Some(parachain) = operators.parachain.as_mut() {
			parachain.para_id = 1000;
		}
		assert!(consortium(&operators).unwrap_err().contains("reserved"));
		let mut operators = parachain_example();
		if let Some(parachain) = operators.parachain.as_mut() {
			parachain.relay_chain = "Polkadot Relay".into();
		}
		assert!(consortium(&operators).unwrap_err().contains("parachain.relay_chain"));
		let mut operators = parachain_example();
		operators.validators[3].aura = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY".into();
		assert!(consortium(&operators).unwrap_err().contains("development key"));
		let mut operators = parachain_example();
		if let Some(parachain) = operators.parachain.as_mut() {
			parachain.relay_chain = "rococo-local".into();
		}
		assert!(consortium(&operators).unwrap_err().contains("local or development relay chain"));
		let mut operators = parachain_example();
		operators.nodes.iter_mut().for_each(|n| n.address = None);
		assert!(consortium(&operators).unwrap_err().contains("nodes[0].address"));
		let mut operators = parachain_example();
		operators.nodes.clear();
		assert!(consortium(&operators).unwrap_err().contains("at least one boot node"));
		let mut operators = parachain_example();
		operators.validators.truncate(2);
		assert!(consortium(&operators).unwrap_err().contains("validators: 2 listed"));
	}
}
