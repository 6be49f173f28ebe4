//! What the resale pallet stores: the market's parameters, offers of a defaulted share, bids
//! backed by held funds, each block's clearing and awards, and the proceeds per PPA.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use ppa_primitives::{
	money::UNITS, Balance, DayProfile, EnergyWh, GridDay, PowerKw, PpaId, TimeBlock,
};
use scale_info::TypeInfo;

/// kW per time block as a call gives it: 96 values.
pub type KwList = BoundedVec<PowerKw, ConstU32<96>>;

/// Identifies a bid; assigned from a counter, so bids in id order are in the order placed.
pub type BidId = u64;

/// One block's auction: the delivery day, the PPA whose share is sold, the time block.
pub type AuctionKey = (GridDay, PpaId, TimeBlock);

/// The rules of the market (rule 23); governance may change them.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ResaleParameters {
	/// The lowest price an offer or bid may name, INR units per kWh (the exchange's floor,
	/// INR 0).
	pub price_floor: Balance,
	/// The highest price an offer or bid may name, INR units per kWh (the exchange's ceiling,
	/// INR 10).
	pub price_ceiling: Balance,
	/// An offer's reserve price is at most this percentage of the PPA's energy rate, plus the
	/// transmission rate (120).
	pub reserve_cap_percent: u16,
	/// Offers and bids for day D close, and the books clear, at this time block of D-1
	/// (block 36 = 09:00 IST), before the requisition gate and day-ahead finalization.
	pub clearing_gate: TimeBlock,
	/// The smallest bid, kW over the block (100 kW, the exchanges' 0.1 MW): books are not
	/// filled with dust.
	pub min_bid_kw: PowerKw,
}

impl Default for ResaleParameters {
	fn default() -> Self {
		ResaleParameters {
			price_floor: 0,
			price_ceiling: 10 * UNITS,
			reserve_cap_percent: 120,
			clearing_gate: TimeBlock::new(36).unwrap_or(TimeBlock::FIRST),
			min_bid_kw: 100,
		}
	}
}

/// A seller's offer of a defaulting buyer's share for one day (rule 23).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Offer<AccountId> {
	/// The generator selling.
	pub seller: AccountId,
	/// The buyer in default whose share is sold.
	pub defaulter: AccountId,
	/// kW offered per time block.
	pub kw: DayProfile,
	/// The lowest price accepted, INR units per kWh.
	pub reserve: Balance,
	/// The PPA's energy rate on the day, INR units per kWh: the energy cost of the proceeds.
	pub energy_rate: Balance,
	/// The seller stopped supply to the defaulter and offers its whole share (rule
	/// 19), not only the regulated part.
	pub whole_share: bool,
	/// Posted by the chain under the PPA's automatic-offer term.
	pub automatic: bool,
}

/// A bid for one block, with the funds held for it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Bid<AccountId> {
	/// The discom bidding.
	pub bidder: AccountId,
	/// Power asked for the block, kW.
	pub kw: PowerKw,
	/// The most it pays, INR units per kWh.
	pub price: Balance,
	/// Held from the bidder: the bid's full value, `kw x price / 4` rounded up, INR units.
	pub held: Balance,
}

/// What a winner bought in a block, with the funds still held for it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Award<AccountId> {
	/// The winning discom.
	pub bidder: AccountId,
	/// Power bought, kW.
	pub kw: PowerKw,
	/// Held: its value at the clearing price, `kw x price / 4` rounded up, INR units.
	pub held: Balance,
}

/// How a block's auction cleared, and its delivery once metered.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Clearing {
	/// kW offered.
	pub offered_kw: PowerKw,
	/// kW sold and scheduled to the winners.
	pub sold_kw: PowerKw,
	/// The uniform clearing price, INR units per kWh; `None` when nothing was sold.
	pub price: Option<Balance>,
	/// Bids in the book.
	pub bids: u32,
	/// Bids that won some of the block.
	pub winners: u32,
	/// Once paid: the energy delivered to the winners, Wh.
	pub delivered_wh: Option<EnergyWh>,
}

/// The proceeds of reselling one PPA's share, INR units (rule 21).
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Proceeds {
	/// Energy delivered to winners, Wh.
	pub delivered_wh: EnergyWh,
	/// Paid by the winners to the seller.
	pub revenue: Balance,
	/// The delivered energy at the PPA's energy rate.
	pub energy_cost: Balance,
	/// Net proceeds credited against the defaulter's capacity charges: per block, revenue less
	/// energy cost when positive.
	pub credited: Balance,
}

/// The walk that posts automatic offers for one day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AutoOfferWalk<AccountId> {
	/// The delivery day the offers are for.
	pub day: GridDay,
	/// The last defaulter done; `None` before the first.
	pub after: Option<AccountId>,
	/// Every defaulter is done.
	pub done: bool,
}

/// The value of `kw` over one time block at `price` (INR units per kWh), rounded up: a kW for
/// a quarter of an hour is 1/4 kWh.
pub fn block_value(kw: PowerKw, price: Balance) -> Balance {
	Balance::from(kw).saturating_mul(price).div_ceil(4)
}

/// The value of `wh` at `price` (INR units per kWh), rounded down (in the payer's favour).
pub fn energy_value(wh: EnergyWh, price: Balance) -> Balance {
	Balance::from(wh).saturating_mul(price) / 1_000
}
