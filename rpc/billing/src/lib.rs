//! The billing client: what a discom's or generator's billing system exports from the PPA
//! chain for a participant over a period: its bills, the payments on them (and on blocks
//! settled at once from advance), and its dues with ageing and LPS.
//!
//! Every figure comes from the chain's runtime APIs, all read at one block, so an export is a
//! consistent snapshot of the chain's state at that block. A `ppa-node` (standalone, or the
//! parachain's development mode) serves them as JSON-RPC methods (`ppa_*`, `settlement_*`),
//! called through `ppa_rpc::PpaChainApiClient`, generated from the declaration the node
//! serves; a node without them (a parachain collator on `polkadot-omni-node`) is read through
//! `state_call`, the runtime APIs' SCALE encoding (see [`Via`]). Either way the answers are the
//! runtime API's own view types (`ppa_runtime_api`): built from the same tree as the node, a
//! field the chain renames or retypes breaks this client's build, not its figures; against a
//! node of another release, a view it cannot read fails the export with the method's name
//! rather than exporting a wrong figure. Amounts are INR units (10^6 per rupee), as the chain
//! keeps them, written as decimal strings.

mod state_call;

pub mod csv;
pub mod dates;

use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClientBuilder};
use ppa_rpc::{PpaChainApiClient, Side};
use ppa_runtime_api::{BillInfo, DuesInfo, LedgerInfo, PpasOf};
use serde::Serialize;
use serde_json::{json, Value};

/// Accounts as the node writes them: SS58 addresses.
pub type Address = String;

/// Block hashes as the node writes them: `0x`-prefixed hex.
pub type BlockHash = String;

/// A bill as the node answers `settlement_bills`.
pub type Bill = BillInfo<Address>;

/// What to export.
#[derive(Clone, Debug)]
pub struct Query {
	/// The participant's SS58 address.
	pub account: Address,
	/// First grid day of the period.
	pub from: u32,
	/// Last grid day of the period.
	pub to: u32,
	/// The block to read at (its hash); the finalized head when `None`.
	pub at: Option<BlockHash>,
}

/// A participant's dues on both sides of its PPAs (`settlement_dues`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dues {
	/// What it owes as a buyer.
	pub buyer: DuesInfo,
	/// What it is owed as a seller.
	pub seller: DuesInfo,
}

/// An export: the participant's bills, the PPA ledgers they belong to, and its dues, read at
/// one block.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
	/// The account exported.
	pub account: Address,
	/// The period's first and last grid day.
	pub from: u32,
	/// Last grid day of the period.
	pub to: u32,
	/// The block every figure was read at.
	pub at: BlockHash,
	/// PPAs in which the account sells and buys (`ppa_ofParticipant`).
	pub ppas: PpasOf,
	/// Bills of those PPAs overlapping the period, by PPA then bill id (`settlement_bills`).
	pub bills: Vec<Bill>,
	/// The dues ledger of each PPA (`settlement_ledger`): payments of real-time blocks too.
	pub ledgers: Vec<LedgerInfo>,
	/// Dues as a buyer and as a seller (`settlement_dues`).
	pub dues: Dues,
}

impl Export {
	/// The export as one JSON document: the node's answers as the views write them (a field
	/// this build does not know is left out).
	pub fn to_json(&self) -> Value {
		json!({
			"account": self.account,
			"from": self.from,
			"to": self.to,
			"at": self.at,
			"ppas": self.ppas,
			"bills": self.bills,
			"ledgers": self.ledgers,
			"dues": self.dues,
		})
	}
}

/// How the node is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
	/// The chain's JSON-RPC methods, which `ppa-node` serves.
	Rpc,
	/// The runtime APIs through `state_call`, which every node of the chain serves (a
	/// parachain collator on `polkadot-omni-node` has no custom method).
	StateCall,
}

/// Reads an export from the node at `url` (`ws://` or `wss://`): through the chain's JSON-RPC
/// methods if the node serves them, through `state_call` otherwise.
pub async fn fetch(url: &str, query: &Query) -> Result<Export, String> {
	let client = connect(url).await?;
	let methods: Value = client
		.request("rpc_methods", rpc_params![])
		.await
		.map_err(|e| format!("rpc_methods failed: {e}"))?;
	let serves_ppa = methods["methods"]
		.as_array()
		.is_some_and(|m| m.iter().any(|m| m.as_str() == Some("ppa_ofParticipant")));
	let via = if serves_ppa { Via::Rpc } else { Via::StateCall };
	fetch_with(&client, query, via).await
}

/// Reads an export from the node at `url`, the way `via` says.
pub async fn fetch_via(url: &str, query: &Query, via: Via) -> Result<Export, String> {
	fetch_with(&connect(url).await?, query, via).await
}

async fn connect(url: &str) -> Result<jsonrpsee::ws_client::WsClient, String> {
	WsClientBuilder::default().build(url).await.map_err(|e| format!("cannot connect to {url}: {e}"))
}

async fn fetch_with(
	client: &jsonrpsee::ws_client::WsClient,
	query: &Query,
	via: Via,
) -> Result<Export, String> {
	let failed = |method: &'static str| move |e| format!("{method} failed: {e}");
	let at = match &query.at {
		Some(hash) => hash.clone(),
		None => client
			.request::<BlockHash, _>("chain_getFinalizedHead", rpc_params![])
			.await
			.map_err(failed("chain_getFinalizedHead"))?,
	};
	if via == Via::StateCall {
		return state_call::fetch(client, query, at).await;
	}
	let api = |at: &BlockHash| Some(at.clone());
	let ppas = PpaChainApiClient::<BlockHash, Address>::ppa_of_participant(
		client,
		query.account.clone(),
		api(&at),
	)
	.await
	.map_err(failed("ppa_ofParticipant"))?;
	let mut ids: Vec<u32> = ppas.selling.iter().chain(&ppas.buying).copied().collect();
	ids.sort_unstable();
	ids.dedup();
	let mut bills = Vec::new();
	let mut ledgers = Vec::new();
	for ppa in ids {
		bills.extend(
			PpaChainApiClient::<BlockHash, Address>::settlement_bills(
				client,
				ppa,
				query.from,
				query.to,
				api(&at),
			)
			.await
			.map_err(failed("settlement_bills"))?,
		);
		ledgers.push(
			PpaChainApiClient::<BlockHash, Address>::settlement_ledger(client, ppa, api(&at))
				.await
				.map_err(failed("settlement_ledger"))?,
		);
	}
	let dues = |side| {
		PpaChainApiClient::<BlockHash, Address>::settlement_dues(
			client,
			query.account.clone(),
			side,
			api(&at),
		)
	};
	let buyer = dues(Side::Buyer).await.map_err(failed("settlement_dues (buyer)"))?;
	let seller = dues(Side::Seller).await.map_err(failed("settlement_dues (seller)"))?;
	Ok(Export {
		account: query.account.clone(),
		from: query.from,
		to: query.to,
		at,
		ppas,
		bills,
		ledgers,
		dues: Dues { buyer, seller },
	})
}
