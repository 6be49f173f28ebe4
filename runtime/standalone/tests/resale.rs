//! A defaulter's share resold on the open market, through the runtime's own calls and hooks
//! across the registry, escrow, scheduling, settlement, defaults and resale, with the dev
//! clock: Charlie stops paying and defaults at P + 75; Bob stops supply and offers its share
//! of tomorrow's first block; Dave and Alice bid with their funds held, Charlie may not; the
//! book clears at the gate at a uniform price; the winners are scheduled, the block is metered
//! and they pay from their holds; the net proceeds come off Charlie's next bill's capacity
//! charge, exactly (rules 19, 21, 23-25). Total issuance never changes.

mod common;

use common::{account, block, genesis_storage, register, terms, NOV_24_IST_MIDNIGHT};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use ppa_primitives::{
	money::inr, BillingPeriod, BuyerDefaults, GridDay, GridTime, Role, TimeBlock,
};
use ppa_runtime::{
	views, Balances, Defaults, GridClock, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason,
	RuntimeOrigin, System,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::Dispatchable;

type ResaleCall = pallet_resale::Call<Runtime>;
type ResaleEvent = pallet_resale::Event<Runtime>;
type SchedulingCall = pallet_scheduling::Call<Runtime>;

/// Real milliseconds per time block and per grid day on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
const DAY_MS: u64 = 96 * TIME_BLOCK_MS;

/// The PPA's energy rate: INR 2 a kWh.
const ENERGY_RATE: u128 = 2_000_000;

fn call(who: Sr25519Keyring, call: impl Into<RuntimeCall>) -> sp_runtime::DispatchResult {
	call.into().dispatch(RuntimeOrigin::signed(account(who))).map(|_| ()).map_err(|e| e.error)
}

fn resale_events() -> Vec<ResaleEvent> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Resale(e) = r.event { Some(e) } else { None })
		.collect()
}

fn held(who: Sr25519Keyring) -> u128 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::Resale(pallet_resale::HoldReason::BidCollateral),
		&account(who),
	)
}

fn free(who: Sr25519Keyring) -> u128 {
	Balances::balance(&account(who))
}

/// Blocks at a time block of a grid day, numbered in order.
struct Grid {
	first_day: GridDay,
	n: u32,
}

impl Grid {
	fn at(&mut self, day: GridDay, tb: u64) {
		self.n += 1;
		System::reset_events();
		let days = u64::from(day - self.first_day);
		block(self.n, NOV_24_IST_MIDNIGHT + days * DAY_MS + tb * TIME_BLOCK_MS);
		assert_eq!(GridClock::today(), day);
	}
}

#[test]
fn a_defaulters_share_is_resold_paid_for_and_credited_against_its_capacity_charges_rules_19_to_25()
{
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		let mut grid = Grid { first_day: today, n: 1 };
		register(Bob, Role::Generator, "NTPC Singrauli");
		register(Charlie, Role::Buyer, "UPPCL");
		register(Dave, Role::Buyer, "Tata Power-DDL");
		register(Alice, Role::Buyer, "BSES Rajdhani");
		register(Eve, Role::Bank, "State Bank of India");
		register(Ferdie, Role::LoadDespatchCentre, "NRLDC");
		let mut terms = terms(today, today + 365, ENERGY_RATE);
		terms.billing_period = BillingPeriod::Daily;
		// The PPA asks no LC cover of its own (0 % of a month's billing), so the small LC this
		// test drains is no dust below its cover share.
		terms.payment_security.lc_percent_of_monthly_billing = 0;
		assert_ok!(call(
			Bob,
			pallet_registry::Call::<Runtime>::propose_ppa {
				seller: account(Bob),
				buyer: account(Charlie),
				ldc: account(Ferdie),
				terms,
			}
		));
		assert_ok!(call(
			Charlie,
			pallet_registry::Call::<Runtime>::sign_ppa {
				ppa: 0,
				terms_hash: ppa_runtime::Registry::proposal_hash(0).unwrap()
			}
		));
		common::open_lc(
			Charlie,
			Eve,
			0,
			pallet_escrow::LcTerms {
				amount: inr(50_000),
				expiry_day: today + 364,
				revolving: false,
				drawals_per_month: 1,
				restore_within_days: 15,
			},
		);
		let issuance = Balances::total_issuance();

		// Charlie is supplied 10 MW in the first block of tomorrow, billed the day after (P)
		// and pays nothing: the LC pays INR 50,000 at D, the rest stays unpaid past P + 75.
		let supply_day = today + 1;
		let mut kw = vec![0u32; 96];
		kw[0] = 10_000;
		assert_ok!(call(
			Charlie,
			SchedulingCall::requisition {
				ppa: 0,
				day: supply_day,
				kw: BoundedVec::truncate_from(kw)
			}
		));
		grid.at(today, 40);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::finalize_schedules {
				day: supply_day,
				ppas: BoundedVec::truncate_from(vec![0])
			}
		));
		grid.at(supply_day, 1);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::submit_meter_readings {
				day: supply_day,
				block: TimeBlock::FIRST,
				readings: BoundedVec::truncate_from(vec![(0, 2_500_000)]),
			}
		));
		// The hooks walk at most 32 days a block: a block every month or so.
		let p = supply_day + 1;
		for day in [p, p + 30, p + 45, p + 74, p + 75] {
			grid.at(day, 0);
		}
		let charlie = account(Charlie);
		assert!(Defaults::in_default(&charlie));

		// Day X = P + 75: Bob stops supply and offers the first block of X + 1, 10 MW, at a
		// reserve of INR 2 (the cap is 120 % of INR 2 = INR 2.4).
		let x = p + 75;
		let delivery = x + 1;
		let b0 = TimeBlock::FIRST;
		grid.at(x, 1);
		// Bob declares the station fully available for the delivery day: the capacity charge
		// Charlie stays liable for follows the seller's declared capability (rule 9), schedule
		// or not.
		assert_ok!(call(
			Bob,
			pallet_scheduling::Call::<Runtime>::declare_capability {
				station: BoundedVec::truncate_from(b"Singrauli STPS".to_vec()),
				day: delivery,
				station_kw: 10_000,
				available_kw: BoundedVec::truncate_from(vec![10_000; 96]),
			}
		));
		let mut kw = vec![0u32; 96];
		kw[0] = 10_000;
		let kw: pallet_resale::KwList = BoundedVec::truncate_from(kw);
		assert_noop!(
			call(
				Bob,
				ResaleCall::offer {
					ppa: 0,
					day: delivery,
					kw: kw.clone(),
					reserve: 2_400_001,
					whole_share: true
				}
			),
			pallet_resale::Error::<Runtime>::ReserveAboveCap
		);
		assert_ok!(call(
			Bob,
			ResaleCall::offer {
				ppa: 0,
				day: delivery,
				kw,
				reserve: ENERGY_RATE,
				whole_share: true
			}
		));

		// Charlie, in default, may not buy (rule 19); Dave and Alice bid with funds held
		// (rule 24): 6 MW at INR 2.3 = 1,500 kWh x 2.3 = INR 3,450; 6 MW at INR 2.2 = INR 3,300.
		let bid = |who, kw, price| {
			call(who, ResaleCall::bid { ppa: 0, day: delivery, block: b0, kw, price })
		};
		assert_noop!(
			bid(Charlie, 1_000, 2_500_000),
			pallet_resale::Error::<Runtime>::BidderInDefault
		);
		let (dave, alice) = (free(Dave), free(Alice));
		assert_ok!(bid(Dave, 6_000, 2_300_000));
		assert_ok!(bid(Alice, 6_000, 2_200_000));
		assert_eq!((held(Dave), held(Alice)), (inr(3_450), inr(3_300)));
		// The order book as clients read it (runtime API): one offer, block 0, two open bids
		// in order of arrival; Charlie's standing shows the default (rule 19).
		let book = views::order_book(delivery);
		assert_eq!((book.offers.len(), book.truncated), (1, false));
		let offer = &book.offers[0];
		assert_eq!((offer.ppa, offer.reserve, offer.whole_share), (0, ENERGY_RATE, true));
		assert_eq!((offer.blocks.len(), offer.blocks[0].offered_kw), (1, 10_000));
		let bids: Vec<_> =
			offer.blocks[0].bids.iter().map(|b| (b.bidder.clone(), b.kw, b.price)).collect();
		assert_eq!(
			bids,
			vec![(account(Dave), 6_000, 2_300_000), (account(Alice), 6_000, 2_200_000)]
		);
		assert!(offer.blocks[0].result.is_none());
		let status = views::default_status(charlie.clone());
		assert_eq!((status.in_default, status.in_default_since), (true, Some(p + 75)));

		// The gate (09:00): the book clears. Dave's 6 MW in full, Alice the 4 MW left; both at
		// INR 2.2, the lowest accepted bid (rule 25). The winners are scheduled; the holds keep
		// the awards' value: Dave 1,500 kWh x 2.2 = INR 3,300, Alice 1,000 kWh x 2.2 = INR 2,200.
		grid.at(x, 36);
		let result = pallet_resale::Results::<Runtime>::get((delivery, 0, b0)).unwrap();
		assert_eq!((result.sold_kw, result.price, result.winners), (10_000, Some(2_200_000), 2));
		assert_eq!(
			pallet_scheduling::Sales::<Runtime>::get(0, delivery).map(|s| s[0]),
			Some(10_000)
		);
		assert_eq!((held(Dave), held(Alice)), (inr(3_300), inr(2_200)));
		let cleared = &views::order_book(delivery).offers[0].blocks[0];
		assert!(cleared.bids.is_empty());
		let result = cleared.result.clone().unwrap();
		assert_eq!((result.sold_kw, result.price, result.winners), (10_000, Some(2_200_000), 2));

		// The block is delivered and metered: 2,500 kWh beyond Charlie's (empty) schedule. The
		// next block, the winners pay Bob INR 5,500; the energy at the PPA's rate is
		// 2,500 kWh x INR 2 = INR 5,000, so INR 500 of net proceeds are credited to Charlie.
		let bob = free(Bob);
		grid.at(delivery, 1);
		assert_ok!(call(
			Ferdie,
			SchedulingCall::submit_meter_readings {
				day: delivery,
				block: b0,
				readings: BoundedVec::truncate_from(vec![(0, 2_500_000)]),
			}
		));
		let metered = views::day(0, delivery).unwrap();
		let b = &metered.blocks[0];
		assert_eq!((b.scheduled_kw, b.sold_kw, b.actual_wh), (0, 10_000, Some(2_500_000)));
		assert_eq!(metered.blocks[1].actual_wh, None);
		grid.at(delivery, 2);
		assert_eq!(free(Bob), bob + inr(5_500));
		let delivered = views::order_book(delivery).offers[0].blocks[0].result.clone();
		assert_eq!(delivered.and_then(|r| r.delivered_wh), Some(2_500_000));
		assert_eq!(free(Dave), dave - inr(3_300));
		assert_eq!(free(Alice), alice - inr(2_200));
		assert_eq!((held(Dave), held(Alice)), (0, 0));
		assert!(resale_events().contains(&ResaleEvent::DeliverySettled {
			ppa: 0,
			day: delivery,
			block: b0,
			seller: account(Bob),
			defaulter: charlie.clone(),
			delivered_wh: 2_500_000,
			revenue: inr(5_500),
			energy_cost: inr(5_000),
			net_proceeds: inr(500),
		}));
		assert_eq!(pallet_settlement::Ledgers::<Runtime>::get(0).resale_credit, inr(500));

		// Charlie's bill for the delivery day: its capacity charge less exactly the INR 500
		// (rule 21). It had no schedule of its own, so no energy charge.
		grid.at(delivery + 1, 0);
		let bill = pallet_settlement::Bills::<Runtime>::iter_prefix_values(0)
			.find(|b| b.first_day == delivery)
			.unwrap();
		assert_eq!(bill.energy_charge, 0);
		assert_eq!(bill.resale_credit, inr(500));
		assert_eq!(bill.billed, bill.capacity_charge - inr(500));
		assert_eq!(bill.outstanding, bill.billed);

		// Past the retention period after the delivery day (62 days), the market's records of
		// the day are pruned, the delivered block's result and the offer with them.
		let mut expired = Vec::new();
		for tb in 0..4 {
			grid.at(delivery + 63, tb);
			expired.extend(resale_events());
		}
		assert!(expired.contains(&ResaleEvent::BlockExpired {
			ppa: 0,
			day: delivery,
			block: b0,
			metered: true,
			awards: 0,
			released: 0,
		}));
		assert!(views::order_book(delivery).offers.is_empty());
		assert_eq!(pallet_resale::Results::<Runtime>::iter().count(), 0);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// Issue "Robust at the edges": however many offers there are, every book with bids clears
/// between the clearing gate and the requisition gate on a real network (grid clock rate 1:
/// 150 chain blocks of 6 s a time block). Books nobody bid on cost the hook nothing; the
/// costliest day the bounds allow is `MaxBidsPerDay` bids each alone in its book, one
/// clearing per bid, each within the hook's per-block budget. From the generated weights,
/// not timing. (A demo chain's faster clock leaves fewer blocks between the gates.)
#[test]
fn every_book_with_bids_clears_before_the_requisition_gate() {
	use frame_support::traits::Get;
	use pallet_resale::WeightInfo as _;
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let clearing_gate = pallet_resale::Parameters::<Runtime>::get().clearing_gate;
		let requisition_gate = pallet_scheduling::Parameters::<Runtime>::get().requisition_gate;
		let time_blocks = u64::from(requisition_gate.index() - clearing_gate.index());
		let chain_blocks_per_time_block = 900_000 / ppa_runtime::MILLISECS_PER_BLOCK;
		let window = time_blocks * chain_blocks_per_time_block;
		assert_eq!(window, 600, "09:00 to 10:00 in real time");
		let budget = <Runtime as pallet_resale::Config>::MaxHookWeight::get();
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		let per_book = pallet_resale::weights::SubstrateWeight::<Runtime>::clear_block(1)
			.saturating_add(db.reads_writes(2, 1));
		// As many as the budget holds in compute and, on a parachain, in storage proof.
		let books_per_block: u64 = (budget.ref_time() / per_book.ref_time().max(1))
			.min(budget.proof_size() / per_book.proof_size().max(1));
		let bids =
			u64::from(<<Runtime as pallet_resale::Config>::MaxBidsPerDay as Get<u32>>::get());
		let blocks_needed: u64 = bids.div_ceil(books_per_block);
		println!(
			"{bids} lone bids: {books_per_block} books a block, {blocks_needed} of {window} blocks"
		);
		assert!(blocks_needed <= window * 2 / 3, "a third of the window to spare");
		// A full book (the most bids one may hold) clears within one block's budget.
		let full = <Runtime as pallet_resale::Config>::MaxBidsPerBlock::get();
		assert!(pallet_resale::weights::SubstrateWeight::<Runtime>::clear_block(full)
			.saturating_add(db.reads_writes(2, 1))
			.all_lte(budget));
	});
}
