//! [`impl_ppa_runtime_apis!`](crate::impl_ppa_runtime_apis): the runtime APIs both runtimes
//! serve.

/// Implements, for the runtime at the call site, every runtime API both runtimes serve: block
/// building and execution, metadata, the transaction queue, offchain workers, Aura, session
/// keys, nonces and fees, the PPA chain's views (`ppa_runtime_api`), the genesis builder,
/// and, with their features, benchmarks and try-runtime; followed by the runtime's own API
/// implementations, passed in (GRANDPA's, or a parachain's).
///
/// The call site provides `Runtime`, `Block`, `Executive`, `RuntimeCall`,
/// `RuntimeGenesisConfig`, `System`, `Aura`, `GridClock`, `TransactionPayment`,
/// `InherentDataExt`, `opaque::SessionKeys`, `views` ([`impl_ppa_views!`](crate::impl_ppa_views)),
/// `genesis` (with `preset` and `preset_names`), `VERSION` and `configs::RuntimeBlockWeights`,
/// and with `runtime-benchmarks` the `benches` module of `define_benchmarks!`.
// The expansion names the runtime's own items (`crate::…`): the call site's crate is meant.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! impl_ppa_runtime_apis {
	($($extra:tt)*) => {
		sp_api::impl_runtime_apis! {
			impl sp_api::Core<Block> for Runtime {
				fn version() -> sp_version::RuntimeVersion {
					VERSION
				}

				fn execute_block(block: <Block as sp_runtime::traits::Block>::LazyBlock) {
					Executive::execute_block(block);
				}

				fn initialize_block(header: &<Block as sp_runtime::traits::Block>::Header) -> sp_runtime::ExtrinsicInclusionMode {
					Executive::initialize_block(header)
				}
			}

			impl sp_api::Metadata<Block> for Runtime {
				fn metadata() -> sp_core::OpaqueMetadata {
					sp_core::OpaqueMetadata::new(Runtime::metadata().into())
				}

				fn metadata_at_version(version: u32) -> Option<sp_core::OpaqueMetadata> {
					Runtime::metadata_at_version(version)
				}

				fn metadata_versions() -> alloc::vec::Vec<u32> {
					Runtime::metadata_versions()
				}
			}

			impl sp_block_builder::BlockBuilder<Block> for Runtime {
				fn apply_extrinsic(extrinsic: <Block as sp_runtime::traits::Block>::Extrinsic) -> sp_runtime::ApplyExtrinsicResult {
					Executive::apply_extrinsic(extrinsic)
				}

				fn finalize_block() -> <Block as sp_runtime::traits::Block>::Header {
					Executive::finalize_block()
				}

				fn inherent_extrinsics(data: sp_inherents::InherentData) -> alloc::vec::Vec<<Block as sp_runtime::traits::Block>::Extrinsic> {
					data.create_extrinsics()
				}

				fn check_inherents(
					block: <Block as sp_runtime::traits::Block>::LazyBlock,
					data: sp_inherents::InherentData,
				) -> sp_inherents::CheckInherentsResult {
					data.check_extrinsics(&block)
				}
			}

			impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
				fn validate_transaction(
					source: sp_runtime::transaction_validity::TransactionSource,
					tx: <Block as sp_runtime::traits::Block>::Extrinsic,
					block_hash: <Block as sp_runtime::traits::Block>::Hash,
				) -> sp_runtime::transaction_validity::TransactionValidity {
					Executive::validate_transaction(source, tx, block_hash)
				}
			}

			impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
				fn offchain_worker(header: &<Block as sp_runtime::traits::Block>::Header) {
					Executive::offchain_worker(header)
				}
			}

			impl sp_consensus_aura::AuraApi<Block, sp_consensus_aura::sr25519::AuthorityId> for Runtime {
				fn slot_duration() -> sp_consensus_aura::SlotDuration {
					sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
				}

				fn authorities() -> alloc::vec::Vec<sp_consensus_aura::sr25519::AuthorityId> {
					pallet_aura::Authorities::<Runtime>::get().into_inner()
				}
			}

			impl sp_session::SessionKeys<Block> for Runtime {
				fn generate_session_keys(
					owner: alloc::vec::Vec<u8>,
					seed: Option<alloc::vec::Vec<u8>>,
				) -> sp_session::OpaqueGeneratedSessionKeys {
					opaque::SessionKeys::generate(&owner, seed).into()
				}

				fn decode_session_keys(encoded: Vec<u8>) -> Option<alloc::vec::Vec<(alloc::vec::Vec<u8>, sp_core::crypto::KeyTypeId)>> {
					opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
				}
			}

			impl frame_system_rpc_runtime_api::AccountNonceApi<Block, $crate::AccountId, $crate::Nonce> for Runtime {
				fn account_nonce(account: $crate::AccountId) -> $crate::Nonce {
					System::account_nonce(account)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, $crate::Balance> for Runtime {
				fn query_info(
					uxt: <Block as sp_runtime::traits::Block>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<$crate::Balance> {
					TransactionPayment::query_info(uxt, len)
				}
				fn query_fee_details(
					uxt: <Block as sp_runtime::traits::Block>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment::FeeDetails<$crate::Balance> {
					TransactionPayment::query_fee_details(uxt, len)
				}
				fn query_weight_to_fee(weight: frame_support::weights::Weight) -> $crate::Balance {
					TransactionPayment::weight_to_fee(weight)
				}
				fn query_length_to_fee(length: u32) -> $crate::Balance {
					TransactionPayment::length_to_fee(length)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, $crate::Balance, RuntimeCall>
				for Runtime
			{
				fn query_call_info(
					call: RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment::RuntimeDispatchInfo<$crate::Balance> {
					TransactionPayment::query_call_info(call, len)
				}
				fn query_call_fee_details(
					call: RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment::FeeDetails<$crate::Balance> {
					TransactionPayment::query_call_fee_details(call, len)
				}
				fn query_weight_to_fee(weight: frame_support::weights::Weight) -> $crate::Balance {
					TransactionPayment::weight_to_fee(weight)
				}
				fn query_length_to_fee(length: u32) -> $crate::Balance {
					TransactionPayment::length_to_fee(length)
				}
			}

			impl ppa_runtime_api::PpaApi<Block, $crate::AccountId> for Runtime {
				fn ppa(id: ppa_primitives::PpaId) -> Option<ppa_runtime_api::PpaInfo<$crate::AccountId>> {
					views::ppa(id)
				}
				fn ppas_of(who: $crate::AccountId) -> ppa_runtime_api::PpasOf {
					views::ppas_of(who)
				}
				fn grid_now() -> ppa_primitives::GridInstant {
					<GridClock as ppa_primitives::GridTime>::now()
				}
			}

			impl ppa_runtime_api::SchedulingApi<Block> for Runtime {
				fn day(ppa: ppa_primitives::PpaId, day: ppa_primitives::GridDay) -> Result<ppa_runtime_api::DayInfo, ppa_runtime_api::ApiError> {
					views::day(ppa, day)
				}
			}

			impl ppa_runtime_api::PsmApi<Block> for Runtime {
				fn coverage(ppa: ppa_primitives::PpaId, day: ppa_primitives::GridDay) -> Result<ppa_runtime_api::CoverageInfo, ppa_runtime_api::ApiError> {
					views::coverage(ppa, day)
				}
			}

			impl ppa_runtime_api::SettlementApi<Block, $crate::AccountId> for Runtime {
				fn bills(
					ppa: ppa_primitives::PpaId,
					from: ppa_primitives::GridDay,
					to: ppa_primitives::GridDay,
				) -> Result<alloc::vec::Vec<ppa_runtime_api::BillInfo<$crate::AccountId>>, ppa_runtime_api::ApiError> {
					views::bills(ppa, from, to)
				}
				fn ledger(ppa: ppa_primitives::PpaId) -> Result<ppa_runtime_api::LedgerInfo, ppa_runtime_api::ApiError> {
					views::ledger(ppa)
				}
				fn buyer_dues(who: $crate::AccountId) -> ppa_runtime_api::DuesInfo {
					views::buyer_dues(who)
				}
				fn seller_dues(who: $crate::AccountId) -> ppa_runtime_api::DuesInfo {
					views::seller_dues(who)
				}
				fn ppa_dues(
					ppa: ppa_primitives::PpaId,
				) -> Result<ppa_runtime_api::DuesInfo, ppa_runtime_api::ApiError> {
					views::ppa_dues(ppa)
				}
			}

			impl ppa_runtime_api::DefaultsApi<Block, $crate::AccountId> for Runtime {
				fn status(who: $crate::AccountId) -> ppa_runtime_api::DefaultInfo {
					views::default_status(who)
				}
			}

			impl ppa_runtime_api::ResaleApi<Block, $crate::AccountId> for Runtime {
				fn order_book(day: ppa_primitives::GridDay) -> ppa_runtime_api::OrderBook<$crate::AccountId> {
					views::order_book(day)
				}
			}

			impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
				fn build_state(config: alloc::vec::Vec<u8>) -> sp_genesis_builder::Result {
					frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(config)
				}

				fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<alloc::vec::Vec<u8>> {
					frame_support::genesis_builder_helper::get_preset::<RuntimeGenesisConfig>(id, genesis::preset)
				}

				fn preset_names() -> alloc::vec::Vec<sp_genesis_builder::PresetId> {
					genesis::preset_names()
				}
			}

			#[cfg(feature = "runtime-benchmarks")]
			impl frame_benchmarking::Benchmark<Block> for Runtime {
				fn benchmark_metadata(extra: bool) -> (
					alloc::vec::Vec<frame_benchmarking::BenchmarkList>,
					alloc::vec::Vec<frame_support::traits::StorageInfo>,
				) {
					use frame_benchmarking::{baseline, BenchmarkList};
					use frame_support::traits::StorageInfoTrait;
					use frame_system_benchmarking::Pallet as SystemBench;
					use baseline::Pallet as BaselineBench;
					use crate::*;

					let mut list = alloc::vec::Vec::<BenchmarkList>::new();
					list_benchmarks!(list, extra);
					let storage_info = AllPalletsWithSystem::storage_info();
					(list, storage_info)
				}

				fn dispatch_benchmark(
					config: frame_benchmarking::BenchmarkConfig
				) -> Result<alloc::vec::Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
					use frame_benchmarking::{baseline, BenchmarkBatch};
					use frame_support::traits::WhitelistedStorageKeys;
					use sp_storage::TrackedStorageKey;
					use frame_system_benchmarking::Pallet as SystemBench;
					use baseline::Pallet as BaselineBench;
					use crate::*;

					let whitelist: alloc::vec::Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
					let mut batches = alloc::vec::Vec::<BenchmarkBatch>::new();
					let params = (&config, &whitelist);
					add_benchmarks!(params, batches);
					Ok(batches)
				}
			}

			#[cfg(feature = "try-runtime")]
			impl frame_try_runtime::TryRuntime<Block> for Runtime {
				fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (frame_support::weights::Weight, frame_support::weights::Weight) {
					// A failed pre/post check must stop the try-runtime tool right here, with a trace.
					#[allow(clippy::unwrap_used)]
					let weight = Executive::try_runtime_upgrade(checks).unwrap();
					(weight, crate::configs::RuntimeBlockWeights::get().max_block)
				}

				fn execute_block(
					block: <Block as sp_runtime::traits::Block>::LazyBlock,
					state_root_check: bool,
					signature_check: bool,
					select: frame_try_runtime::TryStateSelect,
				) -> frame_support::weights::Weight {
					let checks = !matches!(select, frame_try_runtime::TryStateSelect::None);
					#[allow(clippy::expect_used)]
					let weight =
						Executive::try_execute_block(block, state_root_check, signature_check, select)
							.expect("execute-block failed");
					// What pallets keep of each other's facts agrees with the owners, after the block.
					if checks {
						if let Err(e) = $crate::invariants::do_try_state::<Runtime>() {
							panic!("cross-pallet invariants: {e:?}");
						}
					}
					weight
				}
			}

			$($extra)*
		}
	};
}
