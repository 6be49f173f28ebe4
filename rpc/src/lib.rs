//! JSON-RPC for billing systems, ERP systems and Polkadot.js: the runtime APIs of
//! `ppa-runtime-api` served as `namespace_camelCase` methods.
//!
//! Every method takes an optional block hash as its last parameter (the best block when
//! omitted). Amounts are INR units (10^6 per rupee) as decimal strings, because they exceed
//! JavaScript's safe integers; accounts are SS58 addresses; days are grid days (IST days since
//! 1970-01-01). A refused read is a JSON-RPC error whose code and message say what was wrong:
//!
//! | code | meaning |
//! |---|---|
//! | 1000 | the runtime could not answer (unknown block, a runtime without this API) |
//! | 1001 | unknown PPA |
//! | 1002 | bad day range: the first day is after the last |
//! | 1003 | day range too long (more than 400 days) |

use std::{marker::PhantomData, sync::Arc};

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use ppa_primitives::{GridDay, GridInstant, PpaId};
use ppa_runtime_api::{
	ApiError, BillInfo, CoverageInfo, DayInfo, DefaultInfo, DuesInfo, LedgerInfo, OrderBook,
	PpaInfo, PpasOf,
};
pub use ppa_runtime_api::{DefaultsApi, PpaApi, PsmApi, ResaleApi, SchedulingApi, SettlementApi};
use serde::{de::DeserializeOwned, Serialize};
use sp_api::{ApiError as RuntimeApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// The JSON-RPC error code of a runtime API call that failed.
pub const RUNTIME_ERROR: i32 = 1000;

/// The JSON-RPC error code of a read the runtime refused.
pub fn error_code(error: ApiError) -> i32 {
	match error {
		ApiError::UnknownPpa => 1001,
		ApiError::BadDayRange => 1002,
		ApiError::DayRangeTooLong => 1003,
	}
}

fn refused(error: ApiError) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(error_code(error), error.message(), None::<()>)
}

fn runtime_failed(error: RuntimeApiError) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR, "the runtime could not answer", Some(error.to_string()))
}

/// Which side of its PPAs a participant's dues are read for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
	/// What it owes as a buyer (a discom).
	Buyer,
	/// What it is owed as a seller (a generator).
	Seller,
}

/// The PPA chain's methods: served by [`PpaChain`]; `PpaChainApiClient` (generated from the
/// same declaration) calls them over any jsonrpsee client, with the same types.
#[rpc(server, client)]
pub trait PpaChainApi<BlockHash, AccountId> {
	/// A PPA, its parties and status, and every agreed version of its terms.
	#[method(name = "ppa_get")]
	fn ppa_get(&self, id: PpaId, at: Option<BlockHash>) -> RpcResult<Option<PpaInfo<AccountId>>>;

	/// The PPAs in which an account sells and buys.
	#[method(name = "ppa_ofParticipant")]
	fn ppa_of_participant(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<PpasOf>;

	/// The grid time of the block: IST day and time block.
	#[method(name = "grid_now")]
	fn grid_now(&self, at: Option<BlockHash>) -> RpcResult<GridInstant>;

	/// A PPA's schedule, availability and metering for a day, block by block, and the day's
	/// energy account.
	#[method(name = "scheduling_day")]
	fn scheduling_day(&self, ppa: PpaId, day: GridDay, at: Option<BlockHash>)
		-> RpcResult<DayInfo>;

	/// A PPA's payment security: LCs, advance, BGs, what is required and whether it is
	/// adequate for a day.
	#[method(name = "psm_coverage")]
	fn psm_coverage(
		&self,
		ppa: PpaId,
		day: GridDay,
		at: Option<BlockHash>,
	) -> RpcResult<CoverageInfo>;

	/// Bills of a PPA whose period overlaps the days `from..=to`, with payments and LPS.
	#[method(name = "settlement_bills")]
	fn settlement_bills(
		&self,
		ppa: PpaId,
		from: GridDay,
		to: GridDay,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<BillInfo<AccountId>>>;

	/// A PPA's dues ledger, real-time settlement included.
	#[method(name = "settlement_ledger")]
	fn settlement_ledger(&self, ppa: PpaId, at: Option<BlockHash>) -> RpcResult<LedgerInfo>;

	/// What an account owes as a buyer or is owed as a seller, aged, with LPS.
	#[method(name = "settlement_dues")]
	fn settlement_dues(
		&self,
		who: AccountId,
		side: Side,
		at: Option<BlockHash>,
	) -> RpcResult<DuesInfo>;

	/// A buyer's default and graded regulation.
	#[method(name = "defaults_status")]
	fn defaults_status(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<DefaultInfo>;

	/// The resale order book and results of a delivery day.
	#[method(name = "resale_orderBook")]
	fn resale_order_book(
		&self,
		day: GridDay,
		at: Option<BlockHash>,
	) -> RpcResult<OrderBook<AccountId>>;
}

/// Serves [`PpaChainApiServer`] from a client's runtime APIs.
pub struct PpaChain<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> PpaChain<C, Block> {
	/// Methods answered by `client`.
	pub fn new(client: Arc<C>) -> Self {
		PpaChain { client, _block: PhantomData }
	}
}

impl<C, Block: BlockT> PpaChain<C, Block>
where
	C: HeaderBackend<Block>,
{
	fn at(&self, at: Option<Block::Hash>) -> Block::Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

impl<C, Block, AccountId> PpaChainApiServer<Block::Hash, AccountId> for PpaChain<C, Block>
where
	Block: BlockT,
	AccountId: Codec + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: PpaApi<Block, AccountId>
		+ SchedulingApi<Block>
		+ PsmApi<Block>
		+ SettlementApi<Block, AccountId>
		+ DefaultsApi<Block, AccountId>
		+ ResaleApi<Block, AccountId>,
{
	fn ppa_get(&self, id: PpaId, at: Option<Block::Hash>) -> RpcResult<Option<PpaInfo<AccountId>>> {
		self.client.runtime_api().ppa(self.at(at), id).map_err(runtime_failed)
	}

	fn ppa_of_participant(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<PpasOf> {
		self.client.runtime_api().ppas_of(self.at(at), who).map_err(runtime_failed)
	}

	fn grid_now(&self, at: Option<Block::Hash>) -> RpcResult<GridInstant> {
		self.client.runtime_api().grid_now(self.at(at)).map_err(runtime_failed)
	}

	fn scheduling_day(
		&self,
		ppa: PpaId,
		day: GridDay,
		at: Option<Block::Hash>,
	) -> RpcResult<DayInfo> {
		self.client
			.runtime_api()
			.day(self.at(at), ppa, day)
			.map_err(runtime_failed)?
			.map_err(refused)
	}

	fn psm_coverage(
		&self,
		ppa: PpaId,
		day: GridDay,
		at: Option<Block::Hash>,
	) -> RpcResult<CoverageInfo> {
		self.client
			.runtime_api()
			.coverage(self.at(at), ppa, day)
			.map_err(runtime_failed)?
			.map_err(refused)
	}

	fn settlement_bills(
		&self,
		ppa: PpaId,
		from: GridDay,
		to: GridDay,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<BillInfo<AccountId>>> {
		self.client
			.runtime_api()
			.bills(self.at(at), ppa, from, to)
			.map_err(runtime_failed)?
			.map_err(refused)
	}

	fn settlement_ledger(&self, ppa: PpaId, at: Option<Block::Hash>) -> RpcResult<LedgerInfo> {
		self.client.runtime_api().ledger(self.at(at), ppa).map_err(runtime_failed)?.map_err(refused)
	}

	fn settlement_dues(
		&self,
		who: AccountId,
		side: Side,
		at: Option<Block::Hash>,
	) -> RpcResult<DuesInfo> {
		let api = self.client.runtime_api();
		let at = self.at(at);
		match side {
			Side::Buyer => api.buyer_dues(at, who),
			Side::Seller => api.seller_dues(at, who),
		}
		.map_err(runtime_failed)
	}

	fn defaults_status(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<DefaultInfo> {
		self.client.runtime_api().status(self.at(at), who).map_err(runtime_failed)
	}

	fn resale_order_book(
		&self,
		day: GridDay,
		at: Option<Block::Hash>,
	) -> RpcResult<OrderBook<AccountId>> {
		self.client.runtime_api().order_book(self.at(at), day).map_err(runtime_failed)
	}
}
