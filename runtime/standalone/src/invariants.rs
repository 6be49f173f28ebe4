//! Invariants that span pallets (`ppa_runtime_common::invariants`), for this runtime. The
//! runtime's tests check them after every block, beside each pallet's own `try_state`.

/// What pallets keep of each other's facts agrees with the owners.
pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
	ppa_runtime_common::invariants::do_try_state::<crate::Runtime>()
}
