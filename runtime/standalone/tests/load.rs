//! Issue "National scale": the state the load tool (`scripts/load.sh`) starts a node from.
//! `LOAD_PPAS` real-time PPAs (10,000 by default), 1 MW each, paid from an advance of INR 10
//! lakh, between generators and discoms whose keys are `//seller{i}` and `//buyer{i}` (at most
//! 200 PPAs a party), scheduled and metered by Ferdie (the LDC). Day D is requisitioned and
//! finalized (1 MW in every block), day D+1 requisitioned; the clock stands at D 10:15 IST,
//! just past the gate of D+1. From there the node can take, each on its own:
//! - meter readings for any of D's first 41 blocks (ended, scheduled);
//! - the finalization of D+1 (its gate has closed, its requisitions are in);
//! - requisitions for D+2 (its gate is D+1 10:00);
//! - balance transfers, the baseline.
//!
//! With `LOAD_DUMP` set, the state is written there (hex keys and values, JSON: a chain spec's
//! raw genesis) with the grid clock set to restart at that instant in real time (rate 1), and
//! `LOAD_FACTS` (JSON) says what the state holds. Ignored in the test suite; run by
//! `scripts/load.sh`.

mod common;

use common::{account, block, dump_state, genesis_storage, sudo, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_ok, traits::Get, BoundedVec};
use ppa_primitives::{money::inr, BillingPeriod, GridTime, PpaId, PpaTerms, Role};
use ppa_runtime::{AccountId, GridClock, Registry, Runtime, RuntimeCall, RuntimeOrigin};
use sp_core::{sr25519, Pair};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::Ferdie;
use sp_runtime::traits::Dispatchable;

type SchedulingCall = pallet_scheduling::Call<Runtime>;

/// Real milliseconds per time block and per grid day on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
const DAY_MS: u64 = 96 * TIME_BLOCK_MS;
/// PPAs a party holds at most here (the registry's bound is 256).
const PPAS_PER_PARTY: u64 = 200;
/// Each PPA's contracted capacity, kW, requisitioned in every block.
const CAPACITY_KW: u32 = 1_000;

fn env(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn dispatch(who: &AccountId, call: impl Into<RuntimeCall>) {
	assert_ok!(call.into().dispatch(RuntimeOrigin::signed(who.clone())));
}

/// The account of the development key `//{name}{i}` (the load driver signs with the same).
fn party(name: &str, i: u64) -> AccountId {
	let pair = sr25519::Pair::from_string(&format!("//{name}{i}"), None).expect("a dev seed");
	AccountId::from(pair.public())
}

fn register(who: &AccountId, role: Role) {
	sudo(pallet_registry::Call::<Runtime>::register_participant {
		who: who.clone(),
		roles: BoundedVec::truncate_from(vec![role]),
		name: BoundedVec::truncate_from(b"load".to_vec()),
		legal_id_hash: [1u8; 32].into(),
	});
	sudo(pallet_balances::Call::<Runtime>::force_set_balance {
		who: who.clone().into(),
		new_free: inr(100_000_000_000),
	});
}

#[test]
#[ignore = "minutes of work: run by scripts/load.sh"]
fn load_state_of_real_time_ppas() {
	let ppas = env("LOAD_PPAS", 10_000);
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut number = 1;
		block(number, NOV_24_IST_MIDNIGHT + 1);
		let today = GridClock::today();
		let ldc = account(Ferdie);
		register(&ldc, Role::LoadDespatchCentre);
		let parties = ppas.div_ceil(PPAS_PER_PARTY).max(1);
		let sellers: Vec<AccountId> = (0..parties).map(|i| party("seller", i)).collect();
		let buyers: Vec<AccountId> = (0..parties).map(|i| party("buyer", i)).collect();
		sellers.iter().for_each(|s| register(s, Role::Generator));
		buyers.iter().for_each(|b| register(b, Role::Buyer));
		// PPA k: seller k mod parties, buyer (k / parties + k) mod parties, so that each party
		// holds ppas / parties PPAs and each pair ppas / parties^2 (4 at 10,000).
		let mut ids: Vec<(PpaId, usize)> = Vec::new();
		// The order an LDC meters in: by buyer, then seller (a batch pays each party once).
		let mut by_party: Vec<(usize, usize, PpaId)> = Vec::new();
		for k in 0..ppas {
			let (s, b) = ((k % parties) as usize, ((k / parties + k) % parties) as usize);
			let mut terms = PpaTerms::with_defaults(
				b"Station",
				CAPACITY_KW,
				today + 1,
				today + 1 + 365 * 25,
				inr(500),
				inr(3),
			);
			terms.billing_period = BillingPeriod::PerTimeBlock;
			// Secured by advance alone.
			terms.payment_security.lc_percent_of_monthly_billing = 0;
			let ppa = pallet_registry::NextPpaId::<Runtime>::get();
			dispatch(
				&sellers[s],
				pallet_registry::Call::<Runtime>::propose_ppa {
					seller: sellers[s].clone(),
					buyer: buyers[b].clone(),
					ldc: ldc.clone(),
					terms,
				},
			);
			dispatch(
				&buyers[b],
				pallet_registry::Call::<Runtime>::sign_ppa {
					ppa,
					terms_hash: Registry::proposal_hash(ppa).expect("just proposed"),
				},
			);
			dispatch(
				&buyers[b],
				pallet_escrow::Call::<Runtime>::deposit_advance { ppa, amount: inr(1_000_000) },
			);
			ids.push((ppa, b));
			by_party.push((b, s, ppa));
		}
		by_party.sort();
		eprintln!("{ppas} PPAs signed and advanced");
		let requisition = |day: u32| {
			for (ppa, b) in &ids {
				dispatch(
					&buyers[*b],
					SchedulingCall::requisition {
						ppa: *ppa,
						day,
						kw: BoundedVec::truncate_from(vec![CAPACITY_KW; 96]),
					},
				);
			}
		};
		let batch = <<Runtime as pallet_scheduling::Config>::MaxBatch as Get<u32>>::get() as usize;
		let finalize = |day: u32| {
			for chunk in ids.chunks(batch) {
				dispatch(
					&ldc,
					SchedulingCall::finalize_schedules {
						day,
						ppas: BoundedVec::truncate_from(chunk.iter().map(|(p, _)| *p).collect()),
					},
				);
			}
		};
		// Day D = today + 1 requisitioned before its gate and finalized after it.
		let (day, midnight) = (today + 1, NOV_24_IST_MIDNIGHT);
		number += 1;
		block(number, midnight + 30 * TIME_BLOCK_MS + 1);
		requisition(day);
		number += 1;
		block(number, midnight + 41 * TIME_BLOCK_MS + 1);
		finalize(day);
		// D+1 requisitioned on D before its gate; the clock stops at D 10:15 (block 41).
		number += 1;
		block(number, midnight + DAY_MS + 30 * TIME_BLOCK_MS + 1);
		requisition(day + 1);
		number += 1;
		let now_ms = midnight + DAY_MS + 41 * TIME_BLOCK_MS + 1;
		block(number, now_ms);
		let now = GridClock::now();
		assert_eq!((now.day, now.block.index()), (day, 41));
		eprintln!("day {day} finalized, day {} requisitioned", day + 1);
		frame_system::Pallet::<Runtime>::reset_events();
		if let Ok(path) = std::env::var("LOAD_DUMP") {
			// The node's first block restarts the clock at this grid instant, in real time.
			let grid_ms = GridClock::clock().grid_unix_millis(now_ms);
			pallet_grid_clock::Clock::<Runtime>::kill();
			pallet_grid_clock::GridStart::<Runtime>::put(grid_ms);
			pallet_grid_clock::Rate::<Runtime>::put(1);
			// The node's chain starts from block 0 again.
			frame_system::Pallet::<Runtime>::set_block_number(0);
			dump_state(&path);
			eprintln!("state written to {path}");
		}
		if let Ok(path) = std::env::var("LOAD_FACTS") {
			let facts = serde_json::json!({
				"ppas": ids.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
				"meter_order": by_party.iter().map(|(_, _, p)| *p).collect::<Vec<_>>(),
				"parties": parties,
				"metered_day": day,
				"finalize_day": day + 1,
				"requisition_day": day + 2,
				"capacity_kw": CAPACITY_KW,
				"max_batch": batch,
				"max_requisitions":
					<<Runtime as pallet_scheduling::Config>::MaxRequisitions as Get<u32>>::get(),
			});
			std::fs::write(&path, facts.to_string()).expect("the facts are written");
		}
	});
}
