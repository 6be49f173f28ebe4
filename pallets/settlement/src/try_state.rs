//! The ledger's invariants, checked after every block in the runtime's tests.

use crate::pallet::{Bills, Config, Ledgers, OpenBills, Pallet, UnpaidBills, UnpaidByPair};
use frame_support::pallet_prelude::*;
use ppa_primitives::PpaRegistry;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Checks the ledger: each bill's `paid + rebate + outstanding + disputed == billed`, and
	/// its resale credit within its capacity charge; the
	/// unpaid list holds exactly the bills with something unpaid; each PPA's ledger balances
	/// and agrees with its unpaid bills and open bills.
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (ppa, id, bill) in Bills::<T>::iter() {
			ensure!(
				bill.paid
					.saturating_add(bill.rebate)
					.saturating_add(bill.outstanding)
					.saturating_add(bill.disputed)
					== bill.billed,
				"a bill's paid + rebate + outstanding + disputed is not what was billed"
			);
			ensure!(
				bill.resale_credit <= bill.capacity_charge,
				"a bill's resale credit exceeds its capacity charge"
			);
			ensure!(
				UnpaidBills::<T>::get(ppa).contains(&id) != bill.is_settled(),
				"the unpaid list disagrees with a bill"
			);
		}
		for (ppa, ledger) in Ledgers::<T>::iter() {
			ensure!(
				ledger
					.paid
					.saturating_add(ledger.rebate)
					.saturating_add(ledger.outstanding)
					.saturating_add(ledger.disputed)
					== ledger.billed,
				"a PPA's paid + rebate + outstanding + disputed is not what was billed"
			);
			let ids = UnpaidBills::<T>::get(ppa);
			ensure!(ids.len() as u32 == ledger.unpaid_bills, "unpaid bills miscounted");
			ensure!(ids.windows(2).all(|w| w[0] < w[1]), "unpaid bills out of order");
			let (mut outstanding, mut disputed, mut lps) = (0u128, 0u128, 0u128);
			for id in ids {
				let bill = Bills::<T>::get(ppa, id).ok_or("an unpaid bill is missing")?;
				outstanding.saturating_accrue(bill.outstanding);
				disputed.saturating_accrue(bill.disputed);
				lps.saturating_accrue(bill.lps);
			}
			ensure!(ledger.outstanding == outstanding, "outstanding out of step with the bills");
			ensure!(ledger.disputed == disputed, "disputed out of step with the bills");
			ensure!(ledger.lps == lps, "LPS out of step with the bills");
			let unbilled = OpenBills::<T>::iter_prefix_values(ppa)
				.fold(0u128, |sum, open| sum.saturating_add(open.total()));
			ensure!(ledger.unbilled == unbilled, "unbilled out of step with the open bills");
			if ledger.unpaid_bills > 0 {
				let parties = T::Ppas::parties(ppa).ok_or("an unpaid PPA is unknown")?;
				let listed = UnpaidByPair::<T>::get((&parties.buyer, &parties.seller))
					.iter()
					.find(|(p, _)| *p == ppa)
					.map(|(_, count)| *count);
				ensure!(listed == Some(ledger.unpaid_bills), "a pair's unpaid count is wrong");
			}
		}
		for ((buyer, seller), list) in UnpaidByPair::<T>::iter() {
			let mut total = 0u32;
			for (ppa, count) in list {
				let parties = T::Ppas::parties(ppa).ok_or("a listed PPA is unknown")?;
				ensure!(
					parties.buyer == buyer && parties.seller == seller,
					"a PPA is listed under another pair"
				);
				ensure!(
					count > 0 && Ledgers::<T>::get(ppa).unpaid_bills == count,
					"a pair lists a PPA wrong"
				);
				total = total.saturating_add(count);
			}
			ensure!(total <= T::MaxUnpaidBills::get(), "a pair holds too many unpaid bills");
		}
		Ok(())
	}
}
