//! What other pallets read of the ledger: the exposure the PSM gate and escrow count, the
//! billing history that sizes letters of credit, and one bill's dues for defaults.

use crate::{
	pallet::{Config, Ledgers, Pallet},
	BillId,
};
use ppa_primitives::{
	clock::month_index, Balance, BillDues, BillingHistory, DuesLedger, Exposure, PpaId,
};

impl<T: Config> Exposure for Pallet<T> {
	/// Principal billed and unpaid (disputed or not) and charges not yet presented, less the
	/// resale credit and the credit owed to the buyer that will come off them.
	fn exposure(ppa: PpaId) -> Balance {
		let ledger = Ledgers::<T>::get(ppa);
		ledger
			.outstanding
			.saturating_add(ledger.disputed)
			.saturating_add(ledger.unbilled)
			.saturating_sub(ledger.resale_credit)
			.saturating_sub(ledger.credit)
	}

	/// The exposure, and the LPS recorded unpaid (security drawn for dues pays LPS first).
	fn dues_secured(ppa: PpaId) -> Balance {
		Self::exposure(ppa).saturating_add(Ledgers::<T>::get(ppa).lps)
	}
}

impl<T: Config> BillingHistory for Pallet<T> {
	fn average_monthly_billing(ppa: PpaId) -> Option<Balance> {
		Ledgers::<T>::get(ppa).average_monthly_billing(month_index(Self::today()))
	}
}

impl<T: Config> DuesLedger for Pallet<T> {
	fn bill_dues(ppa: PpaId, bill: BillId) -> Option<BillDues> {
		Self::bill_on(ppa, bill, Self::today()).map(|bill| bill.dues())
	}
}
