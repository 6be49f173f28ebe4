//! Invariants that span pallets: where one pallet keeps what another told it, the two agree.
//! The runtime's tests check them after every block, beside each pallet's own `try_state`.

use crate::Runtime;

/// Scheduling cuts by the graded regulation defaults decided, for every buyer and no other;
/// the advance escrow holds committed to a PPA's day never exceeds the value scheduling keeps
/// unmetered in it.
pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
	for (ppa, day, account) in pallet_scheduling::EnergyAccounts::<Runtime>::iter() {
		frame_support::ensure!(
			crate::Escrow::advance_committed(ppa, day) <= account.unmetered_value,
			"advance committed beyond the unmetered value"
		);
	}
	for (buyer, standing) in pallet_defaults::Standings::<Runtime>::iter() {
		frame_support::ensure!(
			pallet_scheduling::Regulations::<Runtime>::get(&buyer) == standing.graded_regulation(),
			"scheduling's regulation of a buyer differs from its standing's"
		);
	}
	for (buyer, _) in pallet_scheduling::Regulations::<Runtime>::iter() {
		frame_support::ensure!(
			pallet_defaults::Standings::<Runtime>::get(&buyer)
				.is_some_and(|s| s.graded_regulation().is_some()),
			"scheduling regulates a buyer defaults does not"
		);
	}
	Ok(())
}
