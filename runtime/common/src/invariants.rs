//! Invariants that span pallets: where one pallet keeps what another told it, the two agree.
//! Each runtime's tests check them after every block, beside each pallet's own `try_state`.

/// Scheduling cuts by the graded regulation defaults decided, for every buyer and no other;
/// the advance escrow holds committed to a PPA's day never exceeds the value scheduling keeps
/// unmetered in it.
pub fn do_try_state<T>() -> Result<(), sp_runtime::TryRuntimeError>
where
	T: pallet_scheduling::Config + pallet_defaults::Config + pallet_escrow::Config,
{
	for (ppa, day, account) in pallet_scheduling::EnergyAccounts::<T>::iter() {
		frame_support::ensure!(
			pallet_escrow::Pallet::<T>::advance_committed(ppa, day) <= account.unmetered_value,
			"advance committed beyond the unmetered value"
		);
	}
	for (buyer, standing) in pallet_defaults::Standings::<T>::iter() {
		frame_support::ensure!(
			pallet_scheduling::Regulations::<T>::get(&buyer) == standing.graded_regulation(),
			"scheduling's regulation of a buyer differs from its standing's"
		);
	}
	for (buyer, _) in pallet_scheduling::Regulations::<T>::iter() {
		frame_support::ensure!(
			pallet_defaults::Standings::<T>::get(&buyer)
				.is_some_and(|s| s.graded_regulation().is_some()),
			"scheduling regulates a buyer defaults does not"
		);
	}
	Ok(())
}
