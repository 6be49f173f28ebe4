//! Registry and clock state for the benchmarks of pallets that read the registry through
//! traits (`ppa_runtime_common::impl_ppa_benchmark_helpers!`), and this runtime's session keys
//! (a collator's Aura key) for the validator set's.

use crate::{AccountId, Runtime};

ppa_runtime_common::impl_ppa_benchmark_helpers!();

/// Registers session keys for the validator set's benchmarks, as `session.set_keys` leaves
/// them (keys derived from the account, so each account's are distinct).
pub struct SessionKeysBenchmarkHelper;

impl pallet_validator_set::BenchmarkHelper<AccountId> for SessionKeysBenchmarkHelper {
	fn register_keys(who: &AccountId) {
		let raw: [u8; 32] = *who.as_ref();
		let keys =
			crate::opaque::SessionKeys { aura: sp_core::sr25519::Public::from_raw(raw).into() };
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}
