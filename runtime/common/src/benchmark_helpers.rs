//! [`impl_ppa_benchmark_helpers!`](crate::impl_ppa_benchmark_helpers): registry and clock
//! state for the pallets' benchmarks.

/// Declares, in the runtime at the call site, `RegistryBenchmarkHelper`: registry and clock
/// state for the benchmarks of pallets that read the registry through traits
/// (`ppa_primitives::PpaBenchmarkHelper`), set up with the registry's own calls and the
/// timestamp. The call site provides `Runtime`, `RuntimeOrigin` and the pallets `Balances`,
/// `Registry`, `Escrow`, `Scheduling` and `GridClock`.
// The expansion names the runtime's own items (`crate::…`): the call site's crate is meant.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! impl_ppa_benchmark_helpers {
	() => {
		mod registry_helper {
			use crate::{Balances, Escrow, Registry, Runtime, RuntimeOrigin};
			use frame_support::{
				traits::{fungible::Mutate, Get},
				BoundedVec,
			};
			use ppa_primitives::{
				AdvanceBenchmarkHelper, Balance, BankGuaranteeKind, DuesBenchmarkHelper, GridClock,
				GridDay, GuaranteeBenchmarkHelper, PpaBenchmarkHelper, PpaId, PpaTerms, Role,
				SecurityBenchmarkHelper,
			};
			use $crate::AccountId;

			/// Milliseconds in a day.
			const DAY_MS: u64 = 86_400_000;

			/// Sets up participants and PPAs with the registry's own calls, and grid time with the
			/// timestamp.
			pub struct RegistryBenchmarkHelper;

			impl PpaBenchmarkHelper<AccountId> for RegistryBenchmarkHelper {
				fn set_today(day: GridDay) {
					// A clock at rate 1 that started at the epoch: grid time is the block's timestamp.
					// 00:00 UTC of `day` is 05:30 IST of the same grid day.
					pallet_grid_clock::Clock::<Runtime>::put(GridClock {
						rate: 1,
						started_at: 0,
						grid_start: 0,
					});
					pallet_timestamp::Now::<Runtime>::put(u64::from(day).saturating_mul(DAY_MS));
				}

				fn participant(who: &AccountId, role: Role) {
					let result = match pallet_registry::Participants::<Runtime>::get(who) {
						Some(p) if p.roles.contains(&role) => Ok(()),
						Some(p) => {
							let mut roles = p.roles;
							// Six roles at most, and `role` is not among them: there is room.
							let _ = roles.try_push(role);
							Registry::set_roles(RuntimeOrigin::root(), who.clone(), roles)
						},
						None => Registry::register_participant(
							RuntimeOrigin::root(),
							who.clone(),
							BoundedVec::truncate_from(alloc::vec![role]),
							BoundedVec::truncate_from(b"benchmark participant".to_vec()),
							Default::default(),
						),
					};
					assert!(result.is_ok(), "registering a benchmark participant: {result:?}");
				}

				fn binding_ppa(seller: &AccountId, buyer: &AccountId, terms: PpaTerms) -> PpaId {
					let ppa = pallet_registry::NextPpaId::<Runtime>::get();
					let proposed = Registry::propose_ppa(
						RuntimeOrigin::signed(seller.clone()),
						seller.clone(),
						buyer.clone(),
						Self::ldc(),
						terms,
					);
					assert!(proposed.is_ok(), "proposing a benchmark PPA: {proposed:?}");
					let hash = Registry::proposal_hash(ppa).unwrap_or_default();
					let signed =
						Registry::sign_ppa(RuntimeOrigin::signed(buyer.clone()), ppa, hash);
					assert!(signed.is_ok(), "signing a benchmark PPA: {signed:?}");
					ppa
				}

				fn ldc() -> AccountId {
					let ldc: AccountId = frame_benchmarking::account("ldc", 0, 0);
					Self::participant(&ldc, Role::LoadDespatchCentre);
					ldc
				}
			}

			impl SecurityBenchmarkHelper<AccountId> for RegistryBenchmarkHelper {
				fn secure(ppa: PpaId, buyer: &AccountId, cover: Balance) {
					let bank: AccountId = frame_benchmarking::account("bank", 0, 0);
					Self::participant(&bank, Role::Bank);
					let lcs: u32 = <Runtime as pallet_escrow::Config>::MaxLcsPerPpa::get();
					// Each LC and the advance take an equal part of the cover; an LC no less than its
					// cover share.
					let today = <crate::GridClock as ppa_primitives::GridTime>::today();
					let part = cover / Balance::from(lcs.saturating_add(1)).max(1);
					let lc_amount = part.max(Escrow::lc_cover_share(ppa, today));
					let funds = lc_amount
						.saturating_mul(Balance::from(lcs).saturating_add(1))
						.saturating_add(part)
						.saturating_add($crate::UNITS);
					let _ = Balances::mint_into(&bank, funds);
					let _ = Balances::mint_into(buyer, funds);
					let terms = pallet_escrow::LcTerms {
						amount: lc_amount,
						expiry_day: today.saturating_add(365),
						revolving: true,
						drawals_per_month: 1,
						restore_within_days: 15,
					};
					for _ in 0..lcs {
						let requested = Escrow::request_letter_of_credit(
							RuntimeOrigin::signed(buyer.clone()),
							ppa,
							bank.clone(),
							terms,
						);
						assert!(requested.is_ok(), "requesting a benchmark LC: {requested:?}");
						let opened = Escrow::open_letter_of_credit(
							RuntimeOrigin::signed(bank.clone()),
							ppa,
							terms,
						);
						assert!(opened.is_ok(), "opening a benchmark LC: {opened:?}");
					}
					let deposited =
						Escrow::deposit_advance(RuntimeOrigin::signed(buyer.clone()), ppa, part);
					assert!(deposited.is_ok(), "depositing benchmark advance: {deposited:?}");
				}
			}

			impl AdvanceBenchmarkHelper<AccountId> for RegistryBenchmarkHelper {
				fn deposit_advance(ppa: PpaId, buyer: &AccountId, amount: Balance) {
					let _ = Balances::mint_into(buyer, amount.saturating_add($crate::UNITS));
					let deposited =
						Escrow::deposit_advance(RuntimeOrigin::signed(buyer.clone()), ppa, amount);
					assert!(deposited.is_ok(), "depositing benchmark advance: {deposited:?}");
				}
			}

			impl GuaranteeBenchmarkHelper for RegistryBenchmarkHelper {
				fn payment_guarantees(ppa: PpaId, amount: Balance) {
					let bank: AccountId = frame_benchmarking::account("bank", 0, 0);
					Self::participant(&bank, Role::Bank);
					let _ = Balances::mint_into(&bank, amount.saturating_add($crate::UNITS));
					// The payment BGs' half of the PPA's places.
					let bgs =
						<<Runtime as pallet_escrow::Config>::MaxBgsPerPpa as Get<u32>>::get() / 2;
					let part = amount / Balance::from(bgs).max(1);
					let today = <crate::GridClock as ppa_primitives::GridTime>::today();
					let buyer = <Registry as ppa_primitives::PpaRegistry<AccountId>>::parties(ppa)
						.map(|p| p.buyer)
						.unwrap_or_else(|| bank.clone());
					for _ in 0..bgs {
						let terms = pallet_escrow::BgTerms {
							kind: BankGuaranteeKind::Payment,
							amount: part,
							expiry_day: today.saturating_add(365),
						};
						let requested = Escrow::request_bank_guarantee(
							RuntimeOrigin::signed(buyer.clone()),
							ppa,
							bank.clone(),
							terms,
						);
						assert!(requested.is_ok(), "requesting a benchmark BG: {requested:?}");
						let issued = Escrow::issue_bank_guarantee(
							RuntimeOrigin::signed(bank.clone()),
							ppa,
							BankGuaranteeKind::Payment,
							part,
							today.saturating_add(365),
						);
						assert!(issued.is_ok(), "issuing a benchmark BG: {issued:?}");
					}
				}
			}

			impl DuesBenchmarkHelper<AccountId> for RegistryBenchmarkHelper {
				/// Bills of INR 10 crore each, straight into settlement's storage.
				fn unpaid_bills(
					ppa: PpaId,
					seller: &AccountId,
					buyer: &AccountId,
					n: u32,
					first_presented_on: GridDay,
					due_days: u32,
				) -> alloc::vec::Vec<u64> {
					pallet_settlement::benchmark_setup::unpaid_bills::<Runtime>(
						ppa,
						seller,
						buyer,
						n,
						first_presented_on,
						due_days,
						100_000_000 * $crate::UNITS,
					)
				}
			}

			impl ppa_primitives::ResaleBenchmarkHelper<AccountId> for RegistryBenchmarkHelper {
				/// A dues default written straight into the defaults pallet's standing (with a made-up
				/// bill 0 of no PPA), and the regulation it imposes told to scheduling as defaults tells
				/// it: the resale pallet reads only whether the buyer is in default and its regulated
				/// share.
				fn put_in_default(buyer: &AccountId, since: GridDay, regulated_from: GridDay) {
					let standing = pallet_defaults::Standing {
						in_default_since: Some(since),
						dues_default: Some(pallet_defaults::DuesDefault {
							since,
							ppa: 0,
							bill: 0,
							regulation_from: regulated_from,
							calendar_months: false,
						}),
						..Default::default()
					};
					pallet_defaults::Standings::<Runtime>::insert(buyer, standing);
					// Scheduling keeps what defaults would have told it.
					let regulation = standing.graded_regulation();
					type Told = crate::Scheduling;
					<Told as ppa_primitives::OnRegulation<AccountId>>::regulation_changed(
						buyer, regulation,
					);
				}

				/// Metered by a load despatch centre through the scheduling pallet's own call.
				fn meter(
					ppa: PpaId,
					day: GridDay,
					block: ppa_primitives::TimeBlock,
					actual_wh: ppa_primitives::EnergyWh,
				) {
					let ldc: AccountId = frame_benchmarking::account("ldc", 0, 0);
					Self::participant(&ldc, Role::LoadDespatchCentre);
					let metered = crate::Scheduling::submit_meter_readings(
						RuntimeOrigin::signed(ldc),
						day,
						block,
						BoundedVec::truncate_from(alloc::vec![(ppa, actual_wh)]),
					);
					assert!(metered.is_ok(), "metering a benchmark block: {metered:?}");
				}
			}
		}
		pub use registry_helper::RegistryBenchmarkHelper;
	};
}
