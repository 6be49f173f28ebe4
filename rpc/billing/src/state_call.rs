//! An export read through `state_call`: the runtime APIs (`PpaApi`, `SettlementApi`) called
//! by name with SCALE-encoded arguments, their SCALE answers decoded into the same view types
//! the JSON-RPC methods return. This is how a node that serves no custom method (a parachain
//! collator on `polkadot-omni-node`) is read; accounts are written in the chain's own SS58
//! format, as its `system_properties` give it.

use codec::{Decode, DecodeAll, Encode};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use ppa_runtime_api::{ApiError, BillInfo, DuesInfo, LedgerInfo, PpasOf};
use serde_json::Value;
use sp_core::crypto::{AccountId32, Ss58AddressFormat, Ss58Codec};

use crate::{Bill, BlockHash, Dues, Export, Query};

/// `0x`-prefixed lowercase hex of `bytes`.
fn to_hex(bytes: &[u8]) -> String {
	let mut hex = String::with_capacity(2 + 2 * bytes.len());
	hex.push_str("0x");
	for b in bytes {
		hex.push_str(&format!("{b:02x}"));
	}
	hex
}

/// The bytes of `0x`-prefixed hex.
fn from_hex(hex: &str) -> Result<Vec<u8>, String> {
	let digits = hex.strip_prefix("0x").ok_or("the node answered no 0x-prefixed hex")?;
	if digits.len() % 2 != 0 {
		return Err("the node answered hex of odd length".into());
	}
	(0..digits.len())
		.step_by(2)
		.map(|i| {
			digits
				.get(i..i + 2)
				.and_then(|pair| u8::from_str_radix(pair, 16).ok())
				.ok_or_else(|| format!("the node answered a bad hex digit at {i}"))
		})
		.collect()
}

/// Calls the runtime API method `method` (`Trait_method`) with `args` at block `at`.
async fn call<R: Decode>(
	client: &WsClient,
	method: &str,
	args: impl Encode,
	at: &BlockHash,
) -> Result<R, String> {
	let answer: String = client
		.request("state_call", rpc_params![method, to_hex(&args.encode()), at])
		.await
		.map_err(|e| format!("state_call {method} failed: {e}"))?;
	let bytes = from_hex(&answer).map_err(|e| format!("state_call {method}: {e}"))?;
	// Every byte must be read: an answer longer than this build's view type (a field the
	// chain added) fails the export rather than shifting its figures.
	R::decode_all(&mut &bytes[..])
		.map_err(|e| format!("state_call {method}: the answer does not decode ({e})"))
}

/// A refusal of the runtime API, as the JSON-RPC methods word it.
fn refused(method: &str, error: ApiError) -> String {
	format!("state_call {method} refused: {error:?}")
}

/// The chain's SS58 address format (`ss58Format` of `system_properties`).
async fn ss58_format(client: &WsClient) -> Result<Ss58AddressFormat, String> {
	let properties: Value = client
		.request("system_properties", rpc_params![])
		.await
		.map_err(|e| format!("system_properties failed: {e}"))?;
	let prefix = properties["ss58Format"]
		.as_u64()
		.and_then(|p| u16::try_from(p).ok())
		.ok_or("the chain's properties name no ss58Format")?;
	Ok(Ss58AddressFormat::custom(prefix))
}

/// A bill with its parties written as the chain's addresses.
fn with_addresses(bill: BillInfo<AccountId32>, format: Ss58AddressFormat) -> Result<Bill, String> {
	let (seller, buyer) = (
		bill.seller.to_ss58check_with_version(format),
		bill.buyer.to_ss58check_with_version(format),
	);
	let mut json = serde_json::to_value(&bill).map_err(|e| e.to_string())?;
	json["seller"] = seller.into();
	json["buyer"] = buyer.into();
	serde_json::from_value(json).map_err(|e| format!("a bill does not read back: {e}"))
}

/// The export of `query` at block `at`, read through `state_call`.
pub async fn fetch(client: &WsClient, query: &Query, at: BlockHash) -> Result<Export, String> {
	let format = ss58_format(client).await?;
	// The chain's own prefix (4261) is not in the SS58 registry: read the address with
	// whatever prefix it has, and take it only in the chain's format or the generic one.
	let (who, written_in) = AccountId32::from_ss58check_with_version(&query.account)
		.map_err(|e| format!("{} is no address: {e:?}", query.account))?;
	let generic = Ss58AddressFormat::custom(42);
	if written_in != format && written_in != generic {
		return Err(format!(
			"{} is an address of another chain (prefix {})",
			query.account,
			u16::from(written_in)
		));
	}
	let ppas: PpasOf = call(client, "PpaApi_ppas_of", &who, &at).await?;
	let mut ids: Vec<u32> = ppas.selling.iter().chain(&ppas.buying).copied().collect();
	ids.sort_unstable();
	ids.dedup();
	let mut bills = Vec::new();
	let mut ledgers = Vec::new();
	for ppa in ids {
		let answer: Result<Vec<BillInfo<AccountId32>>, ApiError> =
			call(client, "SettlementApi_bills", (ppa, query.from, query.to), &at).await?;
		for bill in answer.map_err(|e| refused("SettlementApi_bills", e))? {
			bills.push(with_addresses(bill, format)?);
		}
		let ledger: Result<LedgerInfo, ApiError> =
			call(client, "SettlementApi_ledger", ppa, &at).await?;
		ledgers.push(ledger.map_err(|e| refused("SettlementApi_ledger", e))?);
	}
	let buyer: DuesInfo = call(client, "SettlementApi_buyer_dues", &who, &at).await?;
	let seller: DuesInfo = call(client, "SettlementApi_seller_dues", &who, &at).await?;
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_address_in_the_chains_own_format_reads_back() {
		let alice = AccountId32::new([7u8; 32]);
		let format = Ss58AddressFormat::custom(4261);
		let written = alice.to_ss58check_with_version(format);
		let (read, prefix) = AccountId32::from_ss58check_with_version(&written).unwrap();
		assert_eq!((read, prefix), (alice, format));
	}

	#[test]
	fn hex_reads_back_what_it_wrote() {
		let bytes = vec![0u8, 1, 0xab, 0xff];
		assert_eq!(to_hex(&bytes), "0x0001abff");
		assert_eq!(from_hex("0x0001abff"), Ok(bytes));
		assert!(from_hex("0001").is_err());
		assert!(from_hex("0x0").is_err());
		assert!(from_hex("0xzz").is_err());
	}
}
