//! The billing client: what a discom's or generator's billing system exports from the PPA
//! chain for a participant over a period: its bills, the payments on them (and on blocks
//! settled at once from advance), and its dues with ageing and LPS.
//!
//! Every figure comes from the node's JSON-RPC (`ppa_*`, `settlement_*`), all read at one
//! block, so an export is a consistent snapshot of the chain's state at that block. Amounts
//! are INR units (10^6 per rupee), as the chain keeps them, written as decimal strings.

pub mod csv;
pub mod dates;

use jsonrpsee_client::{
	core::{client::ClientT, params::ArrayParams},
	rpc_params,
	ws_client::WsClientBuilder,
};
use serde_json::{json, Value};

/// What to export.
#[derive(Clone, Debug)]
pub struct Query {
	/// The participant's SS58 address.
	pub account: String,
	/// First grid day of the period.
	pub from: u32,
	/// Last grid day of the period.
	pub to: u32,
	/// The block to read at (its hash); the finalized head when `None`.
	pub at: Option<String>,
}

/// An export: the participant's bills, the PPA ledgers they belong to, and its dues, read at
/// one block.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
	/// The account exported.
	pub account: String,
	/// The period's first and last grid day.
	pub from: u32,
	/// Last grid day of the period.
	pub to: u32,
	/// The block every figure was read at.
	pub at: String,
	/// PPAs in which the account sells and buys (`ppa_ofParticipant`).
	pub ppas: Value,
	/// Bills of those PPAs overlapping the period, by PPA then bill id (`settlement_bills`).
	pub bills: Vec<Value>,
	/// The dues ledger of each PPA (`settlement_ledger`): payments of real-time blocks too.
	pub ledgers: Vec<Value>,
	/// Dues as a buyer and as a seller (`settlement_dues`).
	pub dues: Value,
}

impl Export {
	/// The export as one JSON document.
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

/// Reads an export from the node at `url` (`ws://` or `wss://`).
pub async fn fetch(url: &str, query: &Query) -> Result<Export, String> {
	let client = WsClientBuilder::default()
		.build(url)
		.await
		.map_err(|e| format!("cannot connect to {url}: {e}"))?;
	let call = |method: &'static str, params: ArrayParams| {
		let client = &client;
		async move {
			client
				.request::<Value, _>(method, params)
				.await
				.map_err(|e| format!("{method} failed: {e}"))
		}
	};
	let at = match &query.at {
		Some(hash) => hash.clone(),
		None => call("chain_getFinalizedHead", rpc_params![])
			.await?
			.as_str()
			.ok_or("chain_getFinalizedHead returned no hash")?
			.to_string(),
	};
	let ppas = call("ppa_ofParticipant", rpc_params![&query.account, &at]).await?;
	let mut ids: Vec<u64> = ["selling", "buying"]
		.iter()
		.flat_map(|side| ppas[side].as_array().cloned().unwrap_or_default())
		.filter_map(|id| id.as_u64())
		.collect();
	ids.sort_unstable();
	ids.dedup();
	let mut bills = Vec::new();
	let mut ledgers = Vec::new();
	for ppa in ids {
		let list = call("settlement_bills", rpc_params![ppa, query.from, query.to, &at]).await?;
		bills.extend(list.as_array().cloned().unwrap_or_default());
		ledgers.push(call("settlement_ledger", rpc_params![ppa, &at]).await?);
	}
	let buyer = call("settlement_dues", rpc_params![&query.account, "buyer", &at]).await?;
	let seller = call("settlement_dues", rpc_params![&query.account, "seller", &at]).await?;
	Ok(Export {
		account: query.account.clone(),
		from: query.from,
		to: query.to,
		at,
		ppas,
		bills,
		ledgers,
		dues: json!({ "buyer": buyer, "seller": seller }),
	})
}
