//! A seeded fuzz test of the whole runtime: random calls of every role, honest and hostile
//! (the wrong party, another LDC, days outside supply, unknown PPAs and instruments, zero and
//! huge amounts), over 90 grid days on the dev clock (one time block per chain block) with
//! every hook running. After every block each pallet's `try_state` holds and the total
//! issuance is unchanged (calls are dispatched without fees here, so no fee is burned).
//!
//! The seed is `FUZZ_SEED` (decimal) if set, a fixed one otherwise, and is printed when the
//! test fails: rerun with `FUZZ_SEED=<seed> cargo test --release -p ppa-runtime --test fuzz`.

mod common;

use common::{account, block, genesis_storage, register, NOV_24_IST_MIDNIGHT};
use frame_support::BoundedVec;
use ppa_primitives::{
	money::inr, BankGuaranteeKind, BillingPeriod, GridDay, GridTime, PaymentSecurity, PpaTerms,
	Role, TimeBlock,
};
use ppa_runtime::{AccountId, Balances, GridClock, Runtime, RuntimeCall, RuntimeOrigin, System};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::traits::Dispatchable;

type EscrowCall = pallet_escrow::Call<Runtime>;
type RegistryCall = pallet_registry::Call<Runtime>;
type SchedulingCall = pallet_scheduling::Call<Runtime>;
type SettlementCall = pallet_settlement::Call<Runtime>;
type DefaultsCall = pallet_defaults::Call<Runtime>;
type ResaleCall = pallet_resale::Call<Runtime>;

/// Real milliseconds per time block on the dev chain (clock rate 150).
const TIME_BLOCK_MS: u64 = 900_000 / 150;
/// Grid days the test runs: long enough for a bill left unpaid to reach its default trigger
/// date (P + 75 days).
const DAYS: u64 = 90;
/// Calls per chain block.
const CALLS_PER_BLOCK: usize = 4;

const GENERATORS: [Sr25519Keyring; 2] = [Bob, Dave];
const BUYERS: [Sr25519Keyring; 3] = [Charlie, Eve, Ferdie];
const BANKS: [Sr25519Keyring; 2] = [DaveStash, EveStash];
const LDCS: [Sr25519Keyring; 2] = [AliceStash, BobStash];
/// Every account the test acts with (all endowed by the dev preset; Alice, the sudo key, acts
/// as nobody: governance is the root origin here).
const EVERYONE: [Sr25519Keyring; 10] =
	[Bob, Dave, Charlie, Eve, Ferdie, DaveStash, EveStash, AliceStash, BobStash, CharlieStash];

/// A small xorshift generator: the same seed, the same calls.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		let mut x = self.0;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		self.0 = x;
		x
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
	fn pick<T: Copy>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize]
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
	/// An amount in INR units: mostly plausible, sometimes zero, one unit or huge.
	fn amount(&mut self) -> u128 {
		match self.below(10) {
			0 => 0,
			1 => 1,
			2 => u128::MAX / 2,
			3 => inr(self.below(10_000_000_000)),
			_ => inr(self.below(500_000)),
		}
	}
}

/// Prints the seed if the test fails.
struct SeedOnFailure(u64);

impl Drop for SeedOnFailure {
	fn drop(&mut self) {
		if std::thread::panicking() {
			eprintln!("fuzz: failed with FUZZ_SEED={}", self.0);
		}
	}
}

/// Every pallet's invariants, as `try_state` checks them after a block.
fn check_invariants(day: GridDay, tb: u64) {
	let at = |pallet: &str, r: Result<(), sp_runtime::TryRuntimeError>| {
		if let Err(e) = r {
			panic!("{pallet} invariant broken on day {day} time block {tb}: {e:?}");
		}
	};
	at("registry", pallet_registry::Pallet::<Runtime>::do_try_state());
	at("escrow", pallet_escrow::Pallet::<Runtime>::do_try_state());
	at("scheduling", pallet_scheduling::Pallet::<Runtime>::do_try_state());
	at("settlement", pallet_settlement::Pallet::<Runtime>::do_try_state());
	at("defaults", pallet_defaults::Pallet::<Runtime>::do_try_state());
	at("resale", pallet_resale::Pallet::<Runtime>::do_try_state());
	at("runtime", ppa_runtime::invariants::do_try_state());
}

thread_local! {
	/// Calls made and accepted, by `pallet.call`.
	static TALLY: std::cell::RefCell<std::collections::BTreeMap<String, (u32, u32)>> =
		Default::default();
}

/// Dispatches `call` from `origin` and tallies it; returns whether it was accepted.
fn dispatch(call: RuntimeCall, origin: RuntimeOrigin) -> bool {
	use frame_support::traits::GetCallMetadata;
	let meta = call.get_call_metadata();
	let ok = call.dispatch(origin).is_ok();
	TALLY.with(|t| {
		let mut t = t.borrow_mut();
		let entry = t.entry(format!("{}.{}", meta.pallet_name, meta.function_name)).or_default();
		entry.0 += 1;
		entry.1 += u32::from(ok);
	});
	ok
}

fn signed(who: Sr25519Keyring, call: impl Into<RuntimeCall>) -> bool {
	dispatch(call.into(), RuntimeOrigin::signed(account(who)))
}

fn root(call: impl Into<RuntimeCall>) -> bool {
	dispatch(call.into(), RuntimeOrigin::root())
}

/// How many calls of `name` were accepted.
fn accepted(name: &str) -> u32 {
	TALLY.with(|t| t.borrow().get(name).map_or(0, |e| e.1))
}

/// A 1 MW share (an LC the dev accounts can afford), billed `period`, for `days` days.
fn share(station: &[u8], start: GridDay, days: u32, period: BillingPeriod) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(station, 1_000, start, start + days, inr(900), inr(2));
	terms.billing_period = period;
	terms
}

/// The world: participants, PPAs with their LDCs, LCs and advances.
fn onboard(today: GridDay) -> Vec<u32> {
	for g in GENERATORS {
		register(g, Role::Generator, "generator");
	}
	for b in BUYERS {
		register(b, Role::Buyer, "discom");
	}
	for b in BANKS {
		register(b, Role::Bank, "bank");
	}
	for l in LDCS {
		register(l, Role::LoadDespatchCentre, "ldc");
	}
	register(CharlieStash, Role::Regulator, "regulator");
	let periods = [BillingPeriod::Daily, BillingPeriod::PerTimeBlock, BillingPeriod::Monthly];
	let mut ppas = Vec::new();
	for (i, (seller, buyer)) in
		[(Bob, Charlie), (Bob, Eve), (Dave, Ferdie), (Dave, Charlie), (Bob, Ferdie)]
			.into_iter()
			.enumerate()
	{
		let id = pallet_registry::NextPpaId::<Runtime>::get();
		let ldc = LDCS[i % 2];
		// Staggered: some start later; three end within the run, two after it.
		let start = today + (i as u32) * 3;
		let days = [30, 45, 70, 90, 50][i];
		let station: &[u8] = if seller == Bob { b"Singrauli" } else { b"Mundra" };
		let terms = share(station, start, days, periods[i % 3]);
		assert!(signed(
			seller,
			RegistryCall::propose_ppa {
				seller: account(seller),
				buyer: account(buyer),
				ldc: account(ldc),
				terms
			}
		));
		let terms_hash = ppa_runtime::Registry::proposal_hash(id).expect("proposed");
		assert!(signed(buyer, RegistryCall::sign_ppa { ppa: id, terms_hash }));
		let amount = ppa_runtime::Escrow::coverage(id, start).required / 2;
		let lc = pallet_escrow::LcTerms {
			amount,
			expiry_day: start + 30,
			revolving: true,
			drawals_per_month: 1,
			restore_within_days: 15,
		};
		let bank = BANKS[i % 2];
		assert!(signed(
			buyer,
			EscrowCall::request_letter_of_credit { ppa: id, bank: account(bank), terms: lc }
		));
		assert!(signed(bank, EscrowCall::open_letter_of_credit { ppa: id, terms: lc }));
		// Advance behind the real-time PPAs only: the others' bills wait for the buyer.
		if periods[i % 3] == BillingPeriod::PerTimeBlock {
			assert!(signed(buyer, EscrowCall::deposit_advance { ppa: id, amount: inr(200_000) }));
		}
		ppas.push(id);
	}
	ppas
}

/// One random call, honest or hostile.
fn random_call(rng: &mut Rng, ppas: &[u32], first_day: GridDay, today: GridDay, tb: u8) {
	let anyone = rng.pick(&EVERYONE);
	// Mostly a real PPA, sometimes one that does not exist.
	let ppa = if rng.chance(5) { 99 } else { rng.pick(ppas) };
	let parties = <ppa_runtime::Registry as ppa_primitives::PpaRegistry<AccountId>>::parties(ppa);
	let party = |rng: &mut Rng, which: u8| -> Sr25519Keyring {
		// The right party three times in four, anyone otherwise.
		if rng.chance(75) {
			if let Some(p) = &parties {
				let wanted = match which {
					0 => &p.seller,
					1 => &p.buyer,
					_ => &p.ldc,
				};
				if let Some(k) = EVERYONE.iter().find(|k| account(**k) == *wanted) {
					return *k;
				}
			}
		}
		rng.pick(&EVERYONE)
	};
	let day = today.saturating_sub(rng.below(20) as u32).saturating_add(rng.below(4) as u32);
	let block_of = |rng: &mut Rng| TimeBlock::new(rng.below(96) as u8).unwrap_or(TimeBlock::FIRST);
	let kw = |rng: &mut Rng, n: usize| -> BoundedVec<u32, frame_support::traits::ConstU32<96>> {
		// Mostly within the 1 MW entitlement; sometimes over it.
		let level = [0, 1, 500, 1_000, 1_000, 800, 1_200, u32::MAX][rng.below(8) as usize];
		BoundedVec::truncate_from(vec![level; n])
	};
	let lc_id = rng.below(u64::from(pallet_escrow::NextLcId::<Runtime>::get()) + 2) as u32;
	let bill_id = rng.below(pallet_settlement::NextBillId::<Runtime>::get() + 2);
	match rng.below(30) {
		0..=2 => {
			let who = party(rng, 1);
			let d = today + 1 + rng.below(2) as u32;
			if rng.chance(70) {
				signed(who, SchedulingCall::requisition { ppa, day: d, kw: kw(rng, 96) });
			} else {
				// Many at once (any PPAs: another party's refuses the batch).
				let mut batch = Vec::new();
				for p in ppas.iter().copied() {
					if rng.chance(40) {
						batch.push((p, kw(rng, 96)));
					}
				}
				let requisitions = BoundedVec::truncate_from(batch);
				signed(who, SchedulingCall::submit_requisitions { day: d, requisitions });
			}
		},
		3..=4 => {
			let who = party(rng, 2);
			let d = today + rng.below(2) as u32;
			let batch: Vec<u32> = ppas.iter().copied().filter(|_| rng.chance(60)).collect();
			signed(
				who,
				SchedulingCall::finalize_schedules {
					day: d,
					ppas: BoundedVec::truncate_from(batch),
				},
			);
		},
		5..=9 => {
			// An LDC meters its own PPAs (one of another LDC's, sometimes).
			let who = if rng.chance(90) { rng.pick(&LDCS) } else { anyone };
			let own: Vec<u32> = ppas
				.iter()
				.copied()
				.filter(|p| {
					<ppa_runtime::Registry as ppa_primitives::PpaRegistry<AccountId>>::parties(*p)
						.is_some_and(|x| x.ldc == account(who))
				})
				.collect();
			// Mostly the block just ended; sometimes any block of a recent or future day.
			let (d, b) = if rng.chance(80) && tb > 0 {
				(today, TimeBlock::new(tb - 1).unwrap_or(TimeBlock::FIRST))
			} else {
				(day, block_of(rng))
			};
			let mut readings: Vec<(u32, u64)> = Vec::new();
			let foreign = if rng.chance(10) { Some(ppa) } else { None };
			for p in own.into_iter().chain(foreign) {
				// Only PPAs binding that day, mostly (a fabricated day sometimes).
				let binds =
					<ppa_runtime::Registry as ppa_primitives::PpaRegistry<AccountId>>::binds_on(
						p, d,
					);
				if (binds || rng.chance(5)) && !readings.iter().any(|(q, _)| *q == p) {
					let wh =
						[0, 1, 250_000, 240_000, 250_000, 300_000, u64::MAX][rng.below(7) as usize];
					readings.push((p, wh));
				}
			}
			signed(
				who,
				SchedulingCall::submit_meter_readings {
					day: d,
					block: b,
					readings: BoundedVec::truncate_from(readings),
				},
			);
		},
		10 => {
			let who = party(rng, 2);
			if rng.chance(50) {
				signed(
					who,
					SchedulingCall::correct_meter_reading {
						ppa,
						day,
						block: block_of(rng),
						actual_wh: rng.below(400_000),
					},
				);
			} else {
				// A revised energy account: schedule and availability too, billed or not.
				signed(
					who,
					SchedulingCall::revise_energy_account {
						ppa,
						day,
						block: block_of(rng),
						scheduled_kw: rng.below(1_200) as u32,
						availability: sp_runtime::Permill::from_percent(rng.below(101) as u32),
						actual_wh: rng.below(400_000),
					},
				);
			}
		},
		11 => {
			// The buyer, or (refused) the seller or anyone.
			let which = if rng.chance(80) { 1 } else { 0 };
			let who = party(rng, which);
			let from = (tb as u64 + 3 + rng.below(10)).min(95) as u8;
			signed(
				who,
				SchedulingCall::request_revision {
					ppa,
					from_block: TimeBlock::new(from).unwrap_or(TimeBlock::LAST),
					kw: kw(rng, 96 - from as usize),
				},
			);
		},
		12 => {
			let who = party(rng, 2);
			if rng.chance(70) {
				signed(who, SchedulingCall::approve_revision { ppa });
			} else {
				signed(who, SchedulingCall::reject_revision { ppa });
			}
		},
		13 => {
			// Mostly to the real-time PPA (paid from advance block by block); the other
			// PPAs' bills are left to payments, drawals and default.
			let real_time = ppas.get(1).copied().unwrap_or(ppa);
			let target = if rng.chance(90) { real_time } else { ppa };
			let who = if rng.chance(75) {
				<ppa_runtime::Registry as ppa_primitives::PpaRegistry<AccountId>>::parties(target)
					.and_then(|p| EVERYONE.iter().copied().find(|k| account(*k) == p.buyer))
					.unwrap_or(anyone)
			} else {
				anyone
			};
			let amount = if rng.chance(50) { rng.amount() } else { inr(rng.below(5_000)) };
			signed(who, EscrowCall::deposit_advance { ppa: target, amount });
		},
		14 => {
			let who = party(rng, 1);
			signed(who, EscrowCall::withdraw_advance { ppa, amount: rng.amount() });
		},
		15 => {
			let who = party(rng, 1);
			let bank = rng.pick(&BANKS);
			let terms = pallet_escrow::LcTerms {
				amount: rng.amount(),
				expiry_day: today + rng.below(60) as u32,
				revolving: rng.chance(70),
				drawals_per_month: rng.below(3) as u8,
				restore_within_days: rng.below(20) as u16,
			};
			signed(who, EscrowCall::request_letter_of_credit { ppa, bank: account(bank), terms });
		},
		16 => {
			// A bank opens what was asked of it (or something else).
			let requests = pallet_escrow::LcRequests::<Runtime>::get(ppa);
			if let Some((bank, terms)) = requests.first().cloned() {
				let who = if rng.chance(80) {
					*BANKS.iter().find(|b| account(**b) == bank).unwrap_or(&DaveStash)
				} else {
					rng.pick(&EVERYONE)
				};
				signed(who, EscrowCall::open_letter_of_credit { ppa, terms });
			} else {
				let bank = rng.pick(&BANKS);
				signed(bank, EscrowCall::withdraw_lc_request { ppa, bank: account(bank) });
			}
		},
		17 => {
			let bank = if rng.chance(80) { rng.pick(&BANKS) } else { anyone };
			match rng.below(4) {
				0 => signed(
					bank,
					EscrowCall::increase_letter_of_credit { lc: lc_id, by: rng.amount() },
				),
				1 => signed(
					bank,
					EscrowCall::renew_letter_of_credit {
						lc: lc_id,
						expiry_day: today + rng.below(90) as u32,
					},
				),
				2 => signed(bank, EscrowCall::restore_letter_of_credit { lc: lc_id }),
				_ => signed(bank, EscrowCall::close_letter_of_credit { lc: lc_id }),
			};
		},
		18 => {
			let kind = if rng.chance(70) {
				BankGuaranteeKind::Payment
			} else {
				BankGuaranteeKind::Performance
			};
			let requests = pallet_escrow::BgRequests::<Runtime>::get(ppa);
			match requests.first().cloned() {
				// A bank issues what was asked of it (or something else, or another bank).
				Some((bank, t)) if rng.chance(60) => {
					let who = if rng.chance(80) {
						*BANKS.iter().find(|b| account(**b) == bank).unwrap_or(&DaveStash)
					} else {
						anyone
					};
					let amount = if rng.chance(85) { t.amount } else { rng.amount() };
					signed(
						who,
						EscrowCall::issue_bank_guarantee {
							ppa,
							kind: t.kind,
							amount,
							expiry_day: t.expiry_day,
						},
					);
				},
				// An obligor (or anyone) asks a bank; or withdraws.
				_ => {
					let who = party(rng, if kind == BankGuaranteeKind::Payment { 1 } else { 0 });
					let bank = account(rng.pick(&BANKS));
					if rng.chance(85) {
						let terms = pallet_escrow::BgTerms {
							kind,
							amount: rng.amount(),
							expiry_day: today + rng.below(60) as u32,
						};
						signed(who, EscrowCall::request_bank_guarantee { ppa, bank, terms });
					} else {
						signed(who, EscrowCall::withdraw_bg_request { ppa, bank, kind });
					}
				},
			}
		},
		19..=20 => {
			let who = party(rng, 1);
			// Ferdie never pays: its bills go to LC drawals, default, regulation and resale.
			if who == Ferdie {
				return;
			}
			// What is owed, part of it, or a random amount.
			let owed = ppa_runtime::Settlement::ppa_dues(ppa);
			let amount = match rng.below(3) {
				0 => owed.outstanding.saturating_add(owed.lps),
				1 => owed.outstanding / 2,
				_ => rng.amount(),
			};
			signed(who, common::pay(ppa, amount));
		},
		21 => {
			signed(anyone, SettlementCall::settle_from_advance { ppa });
		},
		22 => {
			let who = party(rng, 0);
			signed(who, SettlementCall::draw_letter_of_credit { ppa });
		},
		23 => {
			let who = party(rng, 1);
			signed(
				who,
				SettlementCall::dispute_bill {
					ppa,
					bill: bill_id,
					amount: rng.amount(),
					reason: [1u8; 32].into(),
				},
			);
			if rng.chance(30) {
				root(SettlementCall::resolve_dispute { ppa, bill: bill_id, upheld: rng.amount() });
			}
		},
		24 => {
			let obligor = rng.pick(&BUYERS);
			let bank = rng.pick(&BANKS);
			signed(
				obligor,
				EscrowCall::reimburse_bank { bank: account(bank), amount: rng.amount() },
			);
		},
		25 => {
			let d = today + 1;
			match rng.below(3) {
				0 => signed(
					party(rng, 0),
					ResaleCall::offer {
						ppa,
						day: d,
						kw: kw(rng, 96),
						reserve: inr(rng.below(4)),
						whole_share: rng.chance(20),
					},
				),
				1 => signed(
					rng.pick(&BUYERS),
					ResaleCall::bid {
						ppa,
						day: d,
						block: block_of(rng),
						kw: rng.below(2_000) as u32,
						price: inr(rng.below(5)),
					},
				),
				_ => signed(
					rng.pick(&BUYERS),
					ResaleCall::withdraw_bid {
						ppa,
						day: d,
						block: block_of(rng),
						bid: rng.below(4),
					},
				),
			};
		},
		26 => {
			// The permissionless pushes of due work.
			match rng.below(4) {
				0 => signed(anyone, RegistryCall::advance { ppa }),
				1 => signed(
					anyone,
					EscrowCall::apply_deadline {
						deadline: pallet_escrow::Deadline::LcExpiry(lc_id),
					},
				),
				2 => signed(anyone, SettlementCall::present_bill { ppa, period: day }),
				_ => signed(anyone, DefaultsCall::push_bill { ppa, bill: bill_id }),
			};
		},
		27 => {
			// Governance and the regulator, rarely: a suspension is soon lifted; one PPA in
			// five may be terminated, late in the run.
			if rng.chance(20) {
				let who = rng.pick(&EVERYONE);
				if rng.chance(25) {
					root(RegistryCall::suspend_participant { who: account(who) });
				} else {
					for k in EVERYONE {
						root(RegistryCall::reinstate_participant { who: account(k) });
					}
				}
			} else if today >= first_day + 40 && rng.chance(2) {
				root(RegistryCall::terminate_by_regulator { ppa, reason: [4u8; 32].into() });
			} else if rng.chance(30) {
				root(EscrowCall::force_close_letter_of_credit {
					lc: lc_id,
					order: [5u8; 32].into(),
				});
			} else {
				let buyer = rng.pick(&BUYERS);
				root(DefaultsCall::clear_security_failure {
					buyer: account(buyer),
					ppa,
					order: [6u8; 32].into(),
				});
			}
		},
		28 => {
			// An amendment swapped between review and signature.
			let who = party(rng, 0);
			if let Some(mut terms) = <ppa_runtime::Registry as ppa_primitives::PpaRegistry<
				AccountId,
			>>::terms_on(ppa, today)
			{
				terms.energy_rate = inr(1 + rng.below(3));
				signed(
					who,
					RegistryCall::propose_amendment {
						ppa,
						terms,
						effective_from: today + rng.below(3) as u32,
					},
				);
			}
			let hash = ppa_runtime::Registry::pending_amendment_hash(ppa).unwrap_or_default();
			let signer = party(rng, 1);
			let hash = if rng.chance(30) { [9u8; 32].into() } else { hash };
			signed(signer, RegistryCall::sign_amendment { ppa, amendment_hash: hash });
		},
		_ => {
			let who = party(rng, 0);
			let station: BoundedVec<u8, _> = BoundedVec::truncate_from(if who == Bob {
				b"Singrauli".to_vec()
			} else {
				b"Mundra".to_vec()
			});
			signed(
				who,
				SchedulingCall::declare_capability {
					station,
					day: today + 1 + rng.below(2) as u32,
					station_kw: 2_000,
					available_kw: kw(rng, 96),
				},
			);
		},
	}
}

#[test]
fn random_calls_of_every_role_keep_every_invariant() {
	let seed = std::env::var("FUZZ_SEED")
		.ok()
		.and_then(|s| s.parse().ok())
		.unwrap_or(0x5eed_0f20_2612_u64);
	let _guard = SeedOnFailure(seed);
	let mut rng = Rng(seed.max(1));
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let first_day = GridClock::today();
		let ppas = onboard(first_day);
		let issuance = Balances::total_issuance();
		let mut calls = 0usize;
		let mut n = 1u32;
		for t in 1..DAYS * 96 {
			n += 1;
			System::reset_events();
			block(n, NOV_24_IST_MIDNIGHT + t * TIME_BLOCK_MS);
			let now = GridClock::now();
			for _ in 0..CALLS_PER_BLOCK {
				random_call(&mut rng, &ppas, first_day, now.day, now.block.index());
				calls += 1;
			}
			check_invariants(now.day, u64::from(now.block.index()));
			assert_eq!(Balances::total_issuance(), issuance, "issuance changed at block {n}");
		}
		let bills = pallet_settlement::NextBillId::<Runtime>::get();
		eprintln!("fuzz: {bills} bills presented");
		let ferdie = ppa_runtime::Defaults::status(&account(Ferdie));
		eprintln!("fuzz: Ferdie (never pays): {ferdie:?}");
		for p in &ppas {
			let l = pallet_settlement::Ledgers::<Runtime>::get(p);
			eprintln!(
				"fuzz: PPA {p}: billed {} paid {} outstanding {} unbilled {}",
				l.billed, l.paid, l.outstanding, l.unbilled
			);
		}
		TALLY.with(|t| {
			for (name, (made, ok)) in t.borrow().iter() {
				eprintln!("fuzz: {name}: {made} calls, {ok} accepted");
			}
		});
		assert!(calls >= 20_000, "{calls} calls");
		// Honest work got through, not only refusals.
		for name in [
			"Scheduling.requisition",
			"Scheduling.finalize_schedules",
			"Scheduling.submit_meter_readings",
			"Settlement.pay",
			"Escrow.deposit_advance",
			"Escrow.withdraw_advance",
		] {
			assert!(accepted(name) >= 10, "{name}: only {} accepted", accepted(name));
		}
		assert!(GridClock::today() >= first_day + DAYS as u32 - 1);
		// The run did real work: bills were presented and paid.
		assert!(bills >= 20, "only {bills} bills presented");
	});
}
