//! [`impl_ppa_configs!`](crate::impl_ppa_configs): the configuration of every pallet both
//! runtimes carry.

/// Implements, for the runtime at the call site, the configuration of every pallet both
/// runtimes carry: system (with the runtime's own additions), balances, transaction payment,
/// sudo, the council, the validator set and sessions, the grid clock and the PPA pallets, with
/// the admin and regulator origins, the call filter and the hooks' budgets.
///
/// Expanded in a runtime's `configs` module as a module `shared`, whose items it re-exports.
/// The call site provides `Runtime` and its pallets (`System`, `Balances`, `Session`,
/// `ValidatorSet`, `GridClock`, `Registry`, `Escrow`, `Scheduling`, `Settlement`, `Defaults`,
/// `Resale`), `Block`, `RuntimeBlockWeights` (a parachain's carry a proof-size limit),
/// `opaque::SessionKeys` and, with `runtime-benchmarks`, `benchmark_helpers`.
///
/// `limits` are the bounds a runtime sizes to its blocks: a parachain's carry at most a 10 MiB
/// storage proof, so it takes smaller batches and books than the standalone chain, whose
/// blocks are bounded by compute alone. Every hook's budget is its standalone room (so many of
/// its costliest items) with its proof cut to a share of the block's
/// ([`with_proof_share`](crate::with_proof_share); a no-op without a proof limit): registry
/// 6 %, escrow 5 %, scheduling 3 %, settlement 12 %, defaults 8 %, resale 14 % (and the
/// automatic offers beside it), so that together they leave half of the normal class to
/// calls on either chain (the runtime test
/// `the_hooks_worst_case_and_a_full_meter_batch_fit_one_block`).
///
/// ```ignore
/// ppa_runtime_common::impl_ppa_configs! {
///     system_defaults: frame_system::config_preludes::SolochainDefaultConfig,
///     system: {},
///     limits: {
///         meter_batch: 512,
///         bids_per_block: 1_000,
///         bids_per_day: 60_000,
///         auto_offer_buyers_per_block: 2,
///     },
/// }
/// ```
// The expansion names the runtime's own items (`crate::…`): the call site's crate is meant.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! impl_ppa_configs {
	(
		system_defaults: $($defaults:ident)::+,
		system: { $($system:tt)* },
		limits: {
			meter_batch: $meter_batch:expr,
			bids_per_block: $bids_per_block:expr,
			bids_per_day: $bids_per_day:expr,
			auto_offer_buyers_per_block: $auto_offer_buyers:expr $(,)?
		} $(,)?
	) => {
		/// The configuration both runtimes share (`ppa_runtime_common::impl_ppa_configs!`).
		pub mod shared {
			use super::*;
			use frame_support::{
				derive_impl,
				dispatch::DispatchClass,
				parameter_types,
				traits::{
					ConstBool, ConstU128, ConstU16, ConstU32, ConstU64, ConstU8, EitherOfDiverse,
					VariantCountOf,
				},
				weights::{ConstantMultiplier, Weight},
			};
			use frame_system::limits::BlockLength;
			use frame_system::EnsureRoot;
			use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
			use sp_runtime::{
				traits::{ConvertInto, One, OpaqueKeys},
				Perbill, Permill,
			};
			use sp_version::RuntimeVersion;

			use $crate::{AccountId, Balance, BlockNumber, Hash, Nonce};
			use crate::{
				opaque::SessionKeys, Balances, Block, Defaults, Escrow, GridClock, PalletInfo,
				Registry, Resale, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
				RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Scheduling, Session, Settlement,
				System, Timestamp, ValidatorSet, VERSION,
			};

			parameter_types! {
				pub const BlockHashCount: BlockNumber = 2400;
				pub const Version: RuntimeVersion = VERSION;
				/// At most 5 MiB of extrinsics in a block.
				pub RuntimeBlockLength: BlockLength = BlockLength::builder()
					.max_length($crate::MAX_BLOCK_LENGTH)
					.modify_max_length_for_class(DispatchClass::Normal, |max| {
						*max = $crate::NORMAL_DISPATCH_RATIO * *max
					})
					.build();
				pub const SS58Prefix: u16 = $crate::SS58_PREFIX;
			}

			/// Calls no origin but root may make (root is not filtered; on a consortium's chain there is
			/// none):
			/// - `balances.burn`, which would destroy tokenised rupees outside any instrument (money is
			///   never lost or created on this chain, apart from fees);
			/// - `council.set_members` with fewer than `MIN_COUNCIL_MEMBERS` members, more than
			///   `MAX_COUNCIL_MEMBERS`, or one listed twice (a seat that cannot vote).
			pub struct BaseCallFilter;
			impl frame_support::traits::Contains<RuntimeCall> for BaseCallFilter {
				fn contains(call: &RuntimeCall) -> bool {
					match call {
						RuntimeCall::Balances(pallet_balances::Call::burn { .. }) => false,
						RuntimeCall::Council(pallet_collective::Call::set_members { new_members, .. }) => {
							let distinct = new_members.iter().collect::<alloc::collections::BTreeSet<_>>();
							distinct.len() == new_members.len()
								&& ($crate::council::MIN_COUNCIL_MEMBERS..=$crate::council::MAX_COUNCIL_MEMBERS as usize)
									.contains(&new_members.len())
						},
						_ => true,
					}
				}
			}

			/// Every runtime's system configuration: the chain's accounts, blocks, weights and calls
			/// (`system` adds a runtime's own, e.g. a parachain's `OnSetCode`).
			#[derive_impl($($defaults)::+)]
			impl frame_system::Config for Runtime {
				type BaseCallFilter = BaseCallFilter;
				type Block = Block;
				type BlockWeights = RuntimeBlockWeights;
				type BlockLength = RuntimeBlockLength;
				type AccountId = AccountId;
				type Nonce = Nonce;
				type Hash = Hash;
				type BlockHashCount = BlockHashCount;
				/// The node stores state in ParityDB (no RocksDB): its read and write weights as
				/// measured (`weights::paritydb`).
				type DbWeight = $crate::weights::ParityDbWeight;
				type Version = Version;
				type AccountData = pallet_balances::AccountData<Balance>;
				type SS58Prefix = SS58Prefix;
				type MaxConsumers = ConstU32<16>;
				$($system)*
			}

			/// Validators are run by grid operators: a consortium of a few dozen at most.
			pub type MaxValidators = ConstU32<{ $crate::MAX_VALIDATORS }>;

			/// The admin origin, for onboarding, parameters, validators, well-known nodes and runtime
			/// upgrades: a motion of at least two thirds of the council. Root passes too: the sudo key of
			/// the development and demo chains; a consortium's chain has no sudo key, and no call of its
			/// runtime dispatches as root, so there only the council governs.
			pub type AdminOrigin = EitherOfDiverse<
				EnsureRoot<AccountId>,
				pallet_collective::EnsureProportionAtLeast<AccountId, $crate::council::CouncilCollective, 2, 3>,
			>;

			/// The regulator origin, for dispute rulings, relaxations of regulation, terminations and
			/// orders on payment security: a signed call of a registered, active Regulator (CERC or a
			/// state commission, as the registry has it), or root on the development and demo chains.
			pub type RegulatorOrigin =
				EitherOfDiverse<EnsureRoot<AccountId>, pallet_registry::EnsureRegulator<Runtime>>;

			parameter_types! {
				/// A motion not carried within a week may be closed and fails (absent members vote nay).
				pub const CouncilMotionDuration: BlockNumber = 7 * $crate::DAYS;
				/// A motion may carry at most half a block's weight.
				pub MaxCouncilProposalWeight: Weight =
					Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
			}

			/// The council of the consortium's members (set at genesis, changed by the council itself).
			/// Only members propose and vote; motions need no deposit (members are known operators, and
			/// at most `MaxProposals` are open at once).
			impl pallet_collective::Config<$crate::council::CouncilCollective> for Runtime {
				type RuntimeOrigin = RuntimeOrigin;
				type Proposal = RuntimeCall;
				type RuntimeEvent = RuntimeEvent;
				type MotionDuration = CouncilMotionDuration;
				type MaxProposals = ConstU32<32>;
				type MaxMembers = ConstU32<{ $crate::council::MAX_COUNCIL_MEMBERS }>;
				/// Absent members vote nay, whoever is prime: a motion passes only with two thirds of
				/// ayes actually cast.
				type DefaultVote = $crate::council::AbsentVoteNay;
				/// polkadot-sdk's benchmarked weights for the collective, with our database weights.
				type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
				type SetMembersOrigin = AdminOrigin;
				type MaxProposalWeight = MaxCouncilProposalWeight;
				type DisapproveOrigin = AdminOrigin;
				type KillOrigin = AdminOrigin;
				type Consideration = ();
			}

			impl pallet_validator_set::Config for Runtime {
				/// The consortium's governance (also for runtime upgrades).
				type AdminOrigin = AdminOrigin;
				type KeysRegistered = Session;
				type MinValidators = ConstU32<{ $crate::MIN_VALIDATORS }>;
				type MaxValidators = MaxValidators;
				type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = crate::benchmark_helpers::SessionKeysBenchmarkHelper;
			}

			impl pallet_session::Config for Runtime {
				type RuntimeEvent = RuntimeEvent;
				/// A validator is named by its account.
				type ValidatorId = AccountId;
				type ValidatorIdOf = ConvertInto;
				/// The validator set's session length (a genesis parameter governance may change).
				type ShouldEndSession = ValidatorSet;
				type NextSessionRotation = ValidatorSet;
				/// Governance decides the validators.
				type SessionManager = ValidatorSet;
				/// The session's validators author with Aura (and finalize with GRANDPA, standalone).
				type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
				type Keys = SessionKeys;
				/// No slashing in a consortium: misbehaviour is answered by governance.
				type DisablingStrategy = ();
				type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
				type Currency = Balances;
				/// Operators are known parties: no deposit for registering keys.
				type KeyDeposit = ConstU128<0>;
			}

			impl pallet_balances::Config for Runtime {
				type MaxLocks = ConstU32<50>;
				type MaxReserves = ();
				type ReserveIdentifier = [u8; 8];
				/// Tokenised rupees, 6 decimals.
				type Balance = Balance;
				type RuntimeEvent = RuntimeEvent;
				type DustRemoval = ();
				type ExistentialDeposit = ConstU128<{ $crate::EXISTENTIAL_DEPOSIT }>;
				type AccountStore = System;
				type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
				type FreezeIdentifier = RuntimeFreezeReason;
				type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
				type RuntimeHoldReason = RuntimeHoldReason;
				type RuntimeFreezeReason = RuntimeFreezeReason;
				type DoneSlashHandler = ();
			}

			parameter_types! {
				pub FeeMultiplier: Multiplier = Multiplier::one();
			}

			impl pallet_transaction_payment::Config for Runtime {
				type RuntimeEvent = RuntimeEvent;
				type OnChargeTransaction = FungibleAdapter<Balances, ()>;
				type OperationalFeeMultiplier = ConstU8<5>;
				type WeightToFee = $crate::fee::WeightToFee;
				/// 10 units (0.00001 INR) per byte.
				type LengthToFee = ConstantMultiplier<Balance, ConstU128<{ $crate::fee::FEE_PER_BYTE }>>;
				type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
				type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
			}

			impl pallet_sudo::Config for Runtime {
				type RuntimeEvent = RuntimeEvent;
				type RuntimeCall = RuntimeCall;
				type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
			}

			impl pallet_grid_clock::Config for Runtime {
				type UnixTime = Timestamp;
				type AdminOrigin = AdminOrigin;
				type WeightInfo = pallet_grid_clock::weights::SubstrateWeight<Runtime>;
			}

			parameter_types! {
				/// The largest PPA: 10 GW.
				pub const MaxCapacityKw: u32 = 10_000_000;
				/// The highest capacity charge: 5,000 INR per kW-month.
				pub const MaxCapacityRate: Balance = 5_000 * $crate::UNITS;
				/// The highest energy or transmission charge: 50 INR per kWh.
				pub const MaxEnergyRate: Balance = 50 * $crate::UNITS;
				/// The largest early-payment rebate: 5 %.
				pub const MaxRebatePermill: Permill = Permill::from_percent(5);
			}

			parameter_types! {
				/// The day-keyed hooks' budgets (one rule, `ppa_primitives::queue`: an item is
				/// applied only if the budget still holds its worst case), each with room for so
				/// many of its costliest items on one day, its proof cut to a share of a
				/// parachain block's; together they leave half of the normal class to calls (the
				/// runtime test `the_hooks_worst_case_and_a_full_meter_batch_fit_one_block`).
				/// 64 PPAs start or end a block: a 10,000-PPA grid's 31 March in 157 blocks.
				pub RegistryHookWeight: Weight = $crate::with_proof_share(
					pallet_registry::Pallet::<Runtime>::hook_weight_for(64),
					Perbill::from_percent(6),
					RuntimeBlockWeights::get().max_block,
				);
				/// 64 LC or BG deadlines a block.
				pub EscrowHookWeight: Weight = $crate::with_proof_share(
					pallet_escrow::Pallet::<Runtime>::hook_weight_for(64),
					Perbill::from_percent(5),
					RuntimeBlockWeights::get().max_block,
				);
				/// 64 PPA-days pruned a block: every PPA of a 10,000-PPA grid within a day.
				pub SchedulingHookWeight: Weight = $crate::with_proof_share(
					pallet_scheduling::Pallet::<Runtime>::hook_weight_for(64),
					Perbill::from_percent(3),
					RuntimeBlockWeights::get().max_block,
				);
				/// Four bills presented to PPAs with 100 unpaid bills and 64 LPS month steps a
				/// block (on a parachain, one such presentation and the steps the rest allows);
				/// while both queues are full, each has at least half.
				pub SettlementHookWeight: Weight = $crate::with_proof_share(
					pallet_settlement::Pallet::<Runtime>::hook_weight_for(4, 64),
					Perbill::from_percent(12),
					RuntimeBlockWeights::get().max_block,
				);
				/// Eight of the costliest duties (a due date drawing LCs over 100 unpaid bills
				/// costs about what a payment of them does) a block; two on a parachain.
				pub DefaultsHookWeight: Weight = $crate::with_proof_share(
					pallet_defaults::Pallet::<Runtime>::hook_weight_for(8),
					Perbill::from_percent(8),
					RuntimeBlockWeights::get().max_block,
				);
			}

			impl pallet_registry::Config for Runtime {
				type AdminOrigin = AdminOrigin;
				type RegulatorOrigin = RegulatorOrigin;
				type GridTime = GridClock;
				/// Defaults clears failures recorded for the PPA; scheduling cancels the days after its
				/// end, releasing the advance committed to them.
				type OnPpaEnded = (Defaults, Scheduling);
				type MaxNameLen = ConstU32<{ $crate::MAX_NAME_LEN }>;
				type MaxPpasPerParty = ConstU32<256>;
				type MaxVersions = ConstU32<32>;
				type MaxHookWeight = RegistryHookWeight;
				type ProposalLifetimeDays = ConstU32<30>;
				type MaxCapacityKw = MaxCapacityKw;
				type MaxCapacityRate = MaxCapacityRate;
				type MaxEnergyRate = MaxEnergyRate;
				type MaxDueDays = ConstU16<120>;
				type MaxRebate = MaxRebatePermill;
				type MaxLcPercent = ConstU16<200>;
				type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
			}

			impl pallet_escrow::Config for Runtime {
				type Currency = Balances;
				type RuntimeHoldReason = RuntimeHoldReason;
				type Roles = Registry;
				type Ppas = Registry;
				/// The average of the last 12 months' billing, once there are 12; the normative estimate
				/// before.
				type BillingHistory = Settlement;
				type Dues = Settlement;
				/// A PSM failure is a reason of default of its own.
				type OnPsmFailure = Defaults;
				type GridTime = GridClock;
				type AdminOrigin = AdminOrigin;
				type RegulatorOrigin = RegulatorOrigin;
				type MaxLcsPerPpa = ConstU32<4>;
				type MaxBgsPerPpa = ConstU32<8>;
				/// Five years: LCs are usually annual; BGs run to commercial operation and beyond.
				type MaxValidityDays = ConstU32<1_827>;
				type MaxRestoreWithinDays = ConstU16<60>;
				type MaxHookWeight = EscrowHookWeight;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = crate::benchmark_helpers::RegistryBenchmarkHelper;
				type WeightInfo = pallet_escrow::weights::SubstrateWeight<Runtime>;
			}

			impl pallet_scheduling::Config for Runtime {
				type Roles = Registry;
				type Ppas = Registry;
				type Security = Escrow;
				/// Billed principal unpaid and charges not yet presented.
				type Exposure = Settlement;
				/// Settlement bills each metered block at once; then resale has the winners of a resold
				/// block pay for it.
				type OnEnergyMetered = (Settlement, Resale);
				type GridTime = GridClock;
				type AdminOrigin = AdminOrigin;
				/// The runtime's batch: 512 PPAs standalone (10,000 PPAs take 20 batches), 256 on a
				/// parachain (a batch's storage proof; see the scheduling weights).
				type MaxBatch = ConstU32<{ $meter_batch }>;
				/// A buyer's requisitions in one call: as many PPAs as a party may hold binding.
				type MaxRequisitions = <Runtime as pallet_registry::Config>::MaxPpasPerParty;
				type MaxHookWeight = SchedulingHookWeight;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = crate::benchmark_helpers::RegistryBenchmarkHelper;
				type WeightInfo = pallet_scheduling::weights::SubstrateWeight<Runtime>;
			}

			impl pallet_settlement::Config for Runtime {
				type Currency = Balances;
				type Roles = Registry;
				type Ppas = Registry;
				type Security = Escrow;
				/// Defaults starts the due-date clock of each bill and hears of every payment.
				type Observer = Defaults;
				type GridTime = GridClock;
				type AdminOrigin = AdminOrigin;
				type RegulatorOrigin = RegulatorOrigin;
				/// Over three months of daily bills: graded regulation reaches 100 % long before.
				type MaxUnpaidBills = ConstU32<100>;
				type MaxHookWeight = SettlementHookWeight;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = crate::benchmark_helpers::RegistryBenchmarkHelper;
				type WeightInfo = pallet_settlement::weights::SubstrateWeight<Runtime>;
			}

			impl pallet_defaults::Config for Runtime {
				type Ppas = Registry;
				type Dues = Settlement;
				type Security = Escrow;
				/// Scheduling cuts the schedules of buyers in default by their graded regulation.
				type OnRegulation = Scheduling;
				type GridTime = GridClock;
				type RegulatorOrigin = RegulatorOrigin;
				type MaxHookWeight = DefaultsHookWeight;
				/// Settlement's cap.
				type MaxUnpaidBills = <Runtime as pallet_settlement::Config>::MaxUnpaidBills;
				/// A month: regulation steps monthly, so a relaxation spans at most one step.
				type MaxRelaxationDays = ConstU32<30>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = crate::benchmark_helpers::RegistryBenchmarkHelper;
				type WeightInfo = pallet_defaults::weights::SubstrateWeight<Runtime>;
			}

			parameter_types! {
				/// Clearing books and paying deliveries may take 25 % of a block's compute and 14 %
				/// of its proof: a full book (1,000 bids standalone, about 77 ms; 500 on a
				/// parachain, 1.3 MB of proof) clears within it (integrity test), so that the four
				/// time blocks between the clearing and the requisition gates clear thousands; and
				/// every hook together leaves half of the normal weight to calls (the runtime test
				/// `the_hooks_worst_case_and_a_full_meter_batch_fit_one_block`).
				pub ResaleHookWeight: Weight = $crate::with_proof_share(
					Perbill::from_percent(25) * RuntimeBlockWeights::get().max_block,
					Perbill::from_percent(14),
					RuntimeBlockWeights::get().max_block,
				);
			}

			impl pallet_resale::Config for Runtime {
				type Currency = Balances;
				type RuntimeHoldReason = RuntimeHoldReason;
				type Roles = Registry;
				type Ppas = Registry;
				/// Who is in default, and its regulated share.
				type Defaults = Defaults;
				/// Entitlements, and the winners' schedules.
				type Sales = Scheduling;
				type Energy = Scheduling;
				/// Net proceeds come off the defaulter's next bills' capacity charge.
				type Proceeds = Settlement;
				type GridTime = GridClock;
				type AdminOrigin = AdminOrigin;
				/// A thousand bids a block standalone (DAM-sized books for one PPA's share); 500 on
				/// a parachain (a full book's storage proof).
				type MaxBidsPerBlock = ConstU32<{ $bids_per_block }>;
				type MaxBidsPerBidder = ConstU32<10>;
				/// Sixty thousand bids a delivery day standalone: even each alone in its book (0.77
				/// ms to clear), they clear in 93 blocks of the hook's 0.5 s, well within the 600
				/// blocks (one hour in real time) from the clearing gate (09:00) to the requisition
				/// gate (10:00); ten thousand on a parachain, where a lone book's proof (53 kB)
				/// lets 27 clear a block; see the runtime test
				/// `every_book_with_bids_clears_before_the_requisition_gate`.
				type MaxBidsPerDay = ConstU32<{ $bids_per_day }>;
				/// Six hundred of them per bidder: it takes a hundred discoms to fill a day.
				type MaxBidsPerBidderPerDay = ConstU32<600>;
				type MaxHookWeight = ResaleHookWeight;
				/// Defaulters whose PPAs the chain offers for by itself in a block: two standalone,
				/// one on a parachain (256 offers' proof, 1 MB).
				type MaxAutoOfferBuyersPerBlock = ConstU32<{ $auto_offer_buyers }>;
				/// Two months, as scheduling keeps a day's detail: far beyond the 15-day meter window.
				type RetentionDays = ConstU32<62>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = crate::benchmark_helpers::RegistryBenchmarkHelper;
				type WeightInfo = pallet_resale::weights::SubstrateWeight<Runtime>;
			}
		}
		pub use shared::*;
	};
}
