//! Issue "Robust at the edges": how big the state grows. `PPAS` PPAs (1,000 by default: 80 %
//! billed monthly, 10 % daily, 10 % per time block, each a 10 MW share paid from advance) are
//! requisitioned, finalized and metered in all 96 blocks of every grid day for `DAYS` grid days
//! (30 by default), with every hook running each time block, through the runtime's own calls.
//! The state is measured by storage item (keys and values, bytes) at half time and at the end,
//! and projected to a year of 100,000 PPAs: what grows with days grows for a year, or for its
//! retention period where a hook prunes it (62 days), or until its due date where a queue is
//! drained by it. With `STATE_DUMP` set, the final state is written
//! there (hex keys and values, JSON) for `scripts/state-size.sh` to load into a node's ParityDB
//! and measure the database directory.
//!
//! Ignored in the test suite (it takes minutes); run by `scripts/state-size.sh`.

mod common;

use common::{account, block, dump_state, genesis_storage, sudo, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_ok, traits::StorageInfoTrait, BoundedVec};
use ppa_primitives::{money::inr, BillingPeriod, GridDay, GridTime, PpaId, PpaTerms, Role};
use ppa_runtime::{
	AccountId, AllPalletsWithSystem, GridClock, Registry, Runtime, RuntimeCall, RuntimeOrigin,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::Ferdie;
use sp_runtime::traits::Dispatchable;
use std::collections::BTreeMap;

type SchedulingCall = pallet_scheduling::Call<Runtime>;

/// Real milliseconds per time block and per grid day on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
const DAY_MS: u64 = 96 * TIME_BLOCK_MS;
/// The projection: a year of a national grid's PPAs.
const YEAR_DAYS: u64 = 365;
const NATIONAL_PPAS: u64 = 100_000;
/// Days a hook keeps what it prunes (scheduling's retention of a day's detail, requisitions,
/// sales and declarations; resale's records of a delivery day).
const RETAINED_DAYS: u64 = 62;
/// Days a queue keyed by a due date holds an entry: a bill's due date (45 days) and the
/// month of default after it, when the defaults' and LPS duties are taken off.
const DUE_DAYS: u64 = 45 + 31;
/// Queues drained by their due dates.
const DUE: [(&str, &str); 3] =
	[("Defaults", "Duties"), ("Settlement", "LpsQueue"), ("Defaults", "WatchedBills")];
/// Storage items pruned after [`RETAINED_DAYS`]: the rest grow for as long as the chain runs,
/// or stay as they are.
const PRUNED: [(&str, &str); 11] = [
	("Scheduling", "EnergyAccounts"),
	("Scheduling", "DayDetails"),
	("Scheduling", "Requisitions"),
	("Scheduling", "Sales"),
	("Scheduling", "Declarations"),
	("Scheduling", "PruneQueue"),
	("Resale", "Offers"),
	("Resale", "Results"),
	("Resale", "Awards"),
	("Resale", "Expiries"),
	("Escrow", "AdvanceCommitments"),
];

fn env(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn dispatch(who: AccountId, call: impl Into<RuntimeCall>) {
	assert_ok!(call.into().dispatch(RuntimeOrigin::signed(who)));
}

/// A participant's account: `kind` 1 generators, 2 discoms.
fn party(kind: u8, i: u64) -> AccountId {
	let mut raw = [kind; 32];
	raw[..8].copy_from_slice(&i.to_le_bytes());
	AccountId::from(raw)
}

/// Bytes (keys and values) and entries per storage item, named `Pallet::Item`.
fn measure() -> BTreeMap<String, (u64, u64)> {
	let infos = AllPalletsWithSystem::storage_info();
	let names: BTreeMap<Vec<u8>, String> = infos
		.iter()
		.map(|info| {
			let name = format!(
				"{}::{}",
				String::from_utf8_lossy(&info.pallet_name),
				String::from_utf8_lossy(&info.storage_name)
			);
			(info.prefix.clone(), name)
		})
		.collect();
	// A pallet's other keys (its storage version) by the pallet's half of the prefix.
	let pallets: BTreeMap<Vec<u8>, String> = infos
		.iter()
		.filter_map(|info| {
			let prefix = info.prefix.get(..16)?.to_vec();
			Some((prefix, format!("{}::(version)", String::from_utf8_lossy(&info.pallet_name))))
		})
		.collect();
	let mut sizes: BTreeMap<String, (u64, u64)> = BTreeMap::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map_or(0, |v| v.len() as u64);
		let name = next
			.get(..32)
			.and_then(|prefix| names.get(prefix).cloned())
			.or_else(|| next.get(..16).and_then(|prefix| pallets.get(prefix).cloned()))
			.unwrap_or_else(|| String::from_utf8_lossy(&next).into_owned());
		let entry = sizes.entry(name).or_default();
		entry.0 += next.len() as u64 + value;
		entry.1 += 1;
		key = next;
	}
	sizes
}

#[test]
#[ignore = "minutes of work: run by scripts/state-size.sh"]
fn state_size_of_ppas_over_grid_days() {
	let (ppas, days) = (env("PPAS", 1_000), env("DAYS", 30));
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		let ldc = account(Ferdie);
		sudo(pallet_registry::Call::<Runtime>::register_participant {
			who: ldc.clone(),
			roles: BoundedVec::truncate_from(vec![Role::LoadDespatchCentre]),
			name: BoundedVec::truncate_from(b"NRLDC".to_vec()),
			legal_id_hash: [1u8; 32].into(),
		});
		// At most 200 PPAs per party (the registry's bound is 256).
		let parties = ppas.div_ceil(200).max(1);
		for i in 0..parties {
			for (kind, role) in [(1, Role::Generator), (2, Role::Buyer)] {
				sudo(pallet_registry::Call::<Runtime>::register_participant {
					who: party(kind, i),
					roles: BoundedVec::truncate_from(vec![role]),
					name: BoundedVec::truncate_from(b"participant".to_vec()),
					legal_id_hash: [1u8; 32].into(),
				});
				sudo(pallet_balances::Call::<Runtime>::force_set_balance {
					who: party(kind, i).into(),
					new_free: inr(100_000_000_000),
				});
			}
		}
		let mut ids: Vec<(PpaId, AccountId)> = Vec::new();
		for k in 0..ppas {
			let (seller, buyer) = (party(1, k % parties), party(2, (k / parties) % parties));
			let mut terms = PpaTerms::with_defaults(
				b"Station",
				10_000,
				today + 1,
				today + 1 + 365 * 25,
				inr(500),
				inr(3),
			);
			terms.billing_period = match k % 10 {
				0 => BillingPeriod::Daily,
				1 => BillingPeriod::PerTimeBlock,
				_ => BillingPeriod::Monthly,
			};
			// Secured by advance alone.
			terms.payment_security.lc_percent_of_monthly_billing = 0;
			let ppa = pallet_registry::NextPpaId::<Runtime>::get();
			dispatch(
				seller.clone(),
				pallet_registry::Call::<Runtime>::propose_ppa {
					seller: seller.clone(),
					buyer: buyer.clone(),
					ldc: ldc.clone(),
					terms,
				},
			);
			dispatch(
				buyer.clone(),
				pallet_registry::Call::<Runtime>::sign_ppa {
					ppa,
					terms_hash: Registry::proposal_hash(ppa).expect("just proposed"),
				},
			);
			// Two months of charges: 240 MWh a day at INR 3 and INR 500 a kW-month.
			dispatch(
				buyer.clone(),
				pallet_escrow::Call::<Runtime>::deposit_advance { ppa, amount: inr(60_000_000) },
			);
			ids.push((ppa, buyer));
		}
		let batch = <<Runtime as pallet_scheduling::Config>::MaxBatch as frame_support::traits::Get<u32>>::get() as usize;
		let mut number = 1;
		let mut half = BTreeMap::new();
		let start = std::time::Instant::now();
		for d in 0..=days {
			let day: GridDay = today + d as u32;
			let midnight = NOV_24_IST_MIDNIGHT + d * DAY_MS;
			for tb in 0..96u64 {
				number += 1;
				// A block's events go with it (the node keeps them in its blocks, not state).
				frame_system::Pallet::<Runtime>::reset_events();
				block(number, midnight + tb * TIME_BLOCK_MS + 1);
				if tb == 2 && d > 1 {
					// Yesterday's 96 blocks metered, 2.4 MWh each (96 % of the schedule).
					for b in 0..96u8 {
						for chunk in ids.chunks(batch) {
							let readings =
								chunk.iter().map(|(ppa, _)| (*ppa, 2_400_000u64)).collect();
							dispatch(
								ldc.clone(),
								SchedulingCall::submit_meter_readings {
									day: day - 1,
									block: ppa_primitives::TimeBlock::new(b).unwrap(),
									readings: BoundedVec::truncate_from(readings),
								},
							);
						}
					}
				}
				if tb == 30 && d < days {
					for (ppa, buyer) in &ids {
						dispatch(
							buyer.clone(),
							SchedulingCall::requisition {
								ppa: *ppa,
								day: day + 1,
								kw: BoundedVec::truncate_from(vec![10_000; 96]),
							},
						);
					}
				}
				if tb == 41 && d < days {
					for chunk in ids.chunks(batch) {
						dispatch(
							ldc.clone(),
							SchedulingCall::finalize_schedules {
								day: day + 1,
								ppas: BoundedVec::truncate_from(
									chunk.iter().map(|(ppa, _)| *ppa).collect(),
								),
							},
						);
					}
				}
			}
			if d == days / 2 {
				frame_system::Pallet::<Runtime>::reset_events();
				half = measure();
			}
			eprintln!("grid day {d} of {days} done after {:?}", start.elapsed());
		}
		frame_system::Pallet::<Runtime>::reset_events();
		let end = measure();
		let scale = NATIONAL_PPAS as f64 / ppas as f64;
		let (d1, d2) = ((days / 2) as f64, days as f64);
		println!(
			"{:<40} {:>9} {:>14} {:>14} {:>12} {:>16}",
			"storage item",
			"entries",
			format!("bytes day {}", days / 2),
			format!("bytes day {days}"),
			"B/PPA-day",
			"projected bytes"
		);
		let (mut total, mut projected_total) = (0u64, 0f64);
		for (name, (bytes, entries)) in &end {
			let before = half.get(name).map_or(0, |(b, _)| *b) as f64;
			let slope = ((*bytes as f64 - before) / (d2 - d1)).max(0.0);
			let fixed = (*bytes as f64 - slope * d2).max(0.0);
			let is = |list: &[(&str, &str)]| list.iter().any(|(p, i)| name == &format!("{p}::{i}"));
			let grown_days = if is(&PRUNED) {
				RETAINED_DAYS
			} else if is(&DUE) {
				DUE_DAYS
			} else {
				YEAR_DAYS
			} as f64;
			let projected = (fixed + slope * grown_days) * scale;
			total += bytes;
			projected_total += projected;
			println!(
				"{:<40} {:>9} {:>14} {:>14} {:>12.1} {:>16.0}",
				name,
				entries,
				before as u64,
				bytes,
				slope / ppas as f64,
				projected
			);
		}
		println!(
			"state after {days} grid days of {ppas} PPAs: {total} bytes; a year of \
			 {NATIONAL_PPAS} PPAs: {projected_total:.0} bytes ({:.1} GiB)",
			projected_total / f64::from(1u32 << 30)
		);
		if let Ok(path) = std::env::var("STATE_DUMP") {
			dump_state(&path);
			println!("state written to {path}");
		}
	});
}
