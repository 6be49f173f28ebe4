//! Collection of what has fallen due from payment security (rules 16 and 17): letters of
//! credit drawn and payment bank guarantees encashed, booked against the bills like a
//! payment. Defaults decides when; this books it.

use crate::{
	allocation::{self, Reach},
	pallet::{Config, Error, Pallet},
	PaymentSource,
};
use frame_support::{pallet_prelude::*, storage::with_storage_layer};
use ppa_primitives::{
	Balance, BankGuaranteeKind, Collected, DuesCollection, PpaId, PpaRegistry, SecurityInstrument,
	SecurityPayments,
};

impl<T: Config> Pallet<T> {
	/// Draws `instrument` of `ppa` for what has fallen due (LPS, and principal once its due date
	/// has passed) and applies the money to it (rules 16, 17). Returns the unpaid bills
	/// looked at (for the weight) and what was collected.
	pub(crate) fn collect(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<(u32, Balance), DispatchError> {
		let today = Self::today();
		let mut unpaid = Self::load_unpaid(ppa, today, &Self::lps_rules());
		let looked = unpaid.bills.len() as u32;
		let due = allocation::fallen_due_amount(&unpaid.bills, today);
		ensure!(due > 0, Error::<T>::NothingFallenDue);
		let (drawn, source) = match instrument {
			SecurityInstrument::LettersOfCredit => {
				(T::Security::draw_letters_of_credit(ppa, due)?, PaymentSource::LetterOfCredit)
			},
			SecurityInstrument::PaymentBankGuarantees => (
				T::Security::encash_bank_guarantees(ppa, BankGuaranteeKind::Payment, due)?,
				PaymentSource::BankGuarantee,
			),
		};
		let applied = allocation::allocate(&mut unpaid.bills, drawn, today, Reach::Due);
		let total = Self::book(ppa, &mut unpaid, &applied, source);
		// Drawn at most what is due, and all of that is applied.
		ensure!(total.money() == drawn, Error::<T>::NothingFallenDue);
		let parties = T::Ppas::parties(ppa).ok_or(Error::<T>::UnknownPpa)?;
		Self::close_payment(ppa, unpaid, source, parties.seller, &parties.buyer, total);
		Ok((looked, drawn))
	}
}

impl<T: Config> DuesCollection for Pallet<T> {
	fn collect_fallen_due(
		ppa: PpaId,
		instrument: SecurityInstrument,
	) -> Result<Collected, DispatchError> {
		// All or nothing: called from the defaults hook, where no transaction wraps it, so a
		// refusal after the drawal (nothing to book it against) leaves nothing drawn.
		with_storage_layer(|| Self::collect(ppa, instrument))
			.map(|(bills, amount)| Collected { amount, bills })
	}
}
