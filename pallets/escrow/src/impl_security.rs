//! What the escrow pallet offers the others: coverage for the scheduling gate and the
//! regulator, and payments out of the instruments for settlement and defaults.

use crate::{
	cover::required_cover,
	pallet::{
		AdvanceCommitments, Advances, BankGuarantees, BgRequests, BgsOfPpa, Config, Error, Event,
		HoldReason, LcRequests, LcsOfPpa, LettersOfCredit, NormativeLoadFactor, Pallet,
		ReimbursementsOwed,
	},
	Deadline, LcId,
};
use frame_support::traits::DefensiveSaturating;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use ppa_primitives::{
	clock::month_index, Balance, BankGuaranteeKind, BillingHistory, Coverage, GridDay, GridTime,
	PartyWeights, PaymentSecurity, PpaId, PpaRegistry, SecurityPayments,
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// What the letters of credit of `ppa` count as cover on `day`, INR units.
	fn letters_of_credit_cover(ppa: PpaId, day: GridDay) -> Balance {
		LcsOfPpa::<T>::get(ppa)
			.into_iter()
			.filter_map(LettersOfCredit::<T>::get)
			.fold(0, |sum: Balance, lc| sum.saturating_add(lc.cover_on(day)))
	}

	/// The cover the terms of `ppa` in force on `day` require, INR units, whether or not the
	/// PPA binds that day (0 for an unknown PPA).
	fn cover_required_by_terms(ppa: PpaId, day: GridDay) -> Balance {
		T::Ppas::terms_on(ppa, day)
			.map(|terms| {
				required_cover(
					&terms,
					T::BillingHistory::average_monthly_billing(ppa),
					NormativeLoadFactor::<T>::get(),
				)
			})
			.unwrap_or(0)
	}

	/// The least a new letter of credit for `ppa` may be on `day`, INR units: the cover the
	/// terms in force require, divided among the most LCs a PPA may hold (`MaxLcsPerPpa`),
	/// rounded up. Before supply starts, the first terms' cover counts: the LC is opened
	/// ahead of the first day.
	pub fn lc_cover_share(ppa: PpaId, day: GridDay) -> Balance {
		let places = Balance::from(T::MaxLcsPerPpa::get().max(1));
		Self::cover_required_by_terms(ppa, day).div_ceil(places)
	}
}

impl<T: Config> PaymentSecurity for Pallet<T> {
	fn available_cover(ppa: PpaId, day: GridDay) -> Balance {
		let advance = Advances::<T>::get(ppa).map(|a| a.held).unwrap_or_default();
		Self::letters_of_credit_cover(ppa, day).saturating_add(advance)
	}

	fn letters_of_credit_not_held(ppa: PpaId) -> u32 {
		let held = LcsOfPpa::<T>::decode_len(ppa).unwrap_or(0);
		T::MaxLcsPerPpa::get().saturating_sub(u32::try_from(held).unwrap_or(u32::MAX))
	}

	fn coverage(ppa: PpaId, day: GridDay) -> Coverage {
		let letters_of_credit = Self::letters_of_credit_cover(ppa, day);
		let (advance, advance_committed) =
			Advances::<T>::get(ppa).map(|a| (a.held, a.committed)).unwrap_or_default();
		let payment_bank_guarantees = BgsOfPpa::<T>::get(ppa)
			.into_iter()
			.filter_map(BankGuarantees::<T>::get)
			.filter(|bg| bg.kind == BankGuaranteeKind::Payment && day <= bg.expiry_day)
			.fold(0, |sum: Balance, bg| sum.saturating_add(bg.amount));
		// No cover is required for a day the PPA does not supply or bind on (before its start,
		// after its end or termination): an instrument's expiry then is no failure.
		let required =
			if T::Ppas::binds_on(ppa, day) { Self::cover_required_by_terms(ppa, day) } else { 0 };
		let mut coverage = Coverage {
			letters_of_credit,
			advance,
			advance_committed,
			payment_bank_guarantees,
			required,
			adequate: false,
		};
		coverage.adequate = coverage.available() >= required;
		coverage
	}
}

impl<T: Config> SecurityPayments for Pallet<T> {
	fn advance_held(ppa: PpaId) -> Balance {
		Advances::<T>::get(ppa).map(|a| a.uncommitted()).unwrap_or_default()
	}

	fn pay_from_advance(ppa: PpaId, amount: Balance) -> Result<Balance, DispatchError> {
		let mut advance = Advances::<T>::get(ppa).ok_or(Error::<T>::NoAdvance)?;
		// Committed advance backs energy scheduled and not yet metered: it is not spent on
		// other bills.
		let want = amount.min(advance.uncommitted());
		if want == 0 {
			return Ok(0);
		}
		let paid = T::Currency::transfer_on_hold(
			&HoldReason::AdvancePayment.into(),
			&advance.buyer,
			&advance.seller,
			want,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		advance.held.defensive_saturating_reduce(paid);
		let (buyer, seller, held) = (advance.buyer.clone(), advance.seller.clone(), advance.held);
		Self::store_advance(ppa, advance);
		Self::deposit_event(Event::AdvancePaid { ppa, buyer, seller, amount: paid, held });
		Ok(paid)
	}

	fn draw_letters_of_credit(ppa: PpaId, amount: Balance) -> Result<Balance, DispatchError> {
		let today = T::GridTime::today();
		let mut drawn: Balance = 0;
		let mut refusal: DispatchError = Error::<T>::NoLetterOfCredit.into();
		for lc in LcsOfPpa::<T>::get(ppa) {
			let want = amount.saturating_sub(drawn);
			if want == 0 {
				break;
			}
			match with_storage_layer(|| Self::draw_lc(lc, want, today)) {
				Ok(paid) => drawn.saturating_accrue(paid),
				Err(e) => refusal = e,
			}
		}
		if drawn == 0 && amount > 0 {
			return Err(refusal);
		}
		Ok(drawn)
	}

	fn encash_bank_guarantees(
		ppa: PpaId,
		kind: BankGuaranteeKind,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		// All or nothing: a guarantee refused part-way leaves none encashed.
		with_storage_layer(|| Self::encash(ppa, kind, amount))
	}

	fn commit_advance(ppa: PpaId, day: GridDay, amount: Balance) -> Balance {
		let Some(mut advance) = Advances::<T>::get(ppa) else { return 0 };
		let committed = amount.min(advance.uncommitted());
		if committed == 0 {
			return 0;
		}
		advance.committed.saturating_accrue(committed);
		let total = advance.committed;
		Advances::<T>::insert(ppa, advance);
		AdvanceCommitments::<T>::mutate(ppa, day, |on_day| on_day.saturating_accrue(committed));
		Self::deposit_event(Event::AdvanceCommitted {
			ppa,
			day,
			amount: committed,
			committed: total,
		});
		committed
	}

	fn release_advance(ppa: PpaId, day: GridDay, amount: Balance) -> Balance {
		let on_day = AdvanceCommitments::<T>::get(ppa, day);
		let released = amount.min(on_day);
		if released == 0 {
			return 0;
		}
		let Some(mut advance) = Advances::<T>::get(ppa) else {
			// A day's commitment without the advance behind it: drop the orphan.
			frame_support::defensive!("advance committed to a day without an advance");
			AdvanceCommitments::<T>::remove(ppa, day);
			return 0;
		};
		advance.committed.defensive_saturating_reduce(released);
		let total = advance.committed;
		Advances::<T>::insert(ppa, advance);
		let left = on_day.saturating_sub(released);
		if left == 0 {
			AdvanceCommitments::<T>::remove(ppa, day);
		} else {
			AdvanceCommitments::<T>::insert(ppa, day, left);
		}
		Self::deposit_event(Event::AdvanceReleased {
			ppa,
			day,
			amount: released,
			committed: total,
		});
		released
	}

	/// `transfer_on_hold` as pallet-balances does it: the buyer's holds and account are read
	/// and written, and the seller's account.
	fn advance_payment_party_weights() -> PartyWeights {
		let db = T::DbWeight::get();
		PartyWeights { buyer: db.reads_writes(2, 2), seller: db.reads_writes(1, 1) }
	}
}

impl<T: Config> Pallet<T> {
	/// The advance of `ppa` committed to `day` and not yet released, INR units.
	pub fn advance_committed(ppa: PpaId, day: GridDay) -> Balance {
		AdvanceCommitments::<T>::get(ppa, day)
	}

	/// Encashes the guarantees of `kind` of `ppa` one after the other, up to `amount`;
	/// returns what was paid. Runs in the caller's storage layer.
	fn encash(
		ppa: PpaId,
		kind: BankGuaranteeKind,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		let today = T::GridTime::today();
		let mut paid_total: Balance = 0;
		let mut found = false;
		for bg in BgsOfPpa::<T>::get(ppa) {
			let want = amount.saturating_sub(paid_total);
			if want == 0 {
				break;
			}
			let Some(mut record) = BankGuarantees::<T>::get(bg) else { continue };
			if record.kind != kind || today > record.expiry_day {
				continue;
			}
			found = true;
			let paid = T::Currency::transfer_on_hold(
				&HoldReason::BankGuarantee.into(),
				&record.bank,
				&record.beneficiary,
				want.min(record.amount),
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Polite,
			)?;
			paid_total.saturating_accrue(paid);
			record.amount.defensive_saturating_reduce(paid);
			ReimbursementsOwed::<T>::mutate(&record.bank, &record.obligor, |owed| {
				owed.saturating_accrue(paid)
			});
			Self::deposit_event(Event::BgEncashed {
				bg,
				ppa,
				kind,
				bank: record.bank.clone(),
				beneficiary: record.beneficiary.clone(),
				amount: paid,
				remaining: record.amount,
			});
			if record.amount == 0 {
				BankGuarantees::<T>::remove(bg);
				BgsOfPpa::<T>::mutate(ppa, |bgs| bgs.retain(|id| *id != bg));
			} else {
				BankGuarantees::<T>::insert(bg, record);
			}
		}
		ensure!(found, Error::<T>::NoBankGuarantee);
		Ok(paid_total)
	}

	/// Draws up to `want` from letter of credit `lc` on `today` to its seller (rules 15
	/// and 16); returns what was drawn. Refused, changing nothing, when the LC has expired,
	/// its drawals for the month are used up, or it holds nothing.
	pub(crate) fn draw_lc(
		lc: LcId,
		want: Balance,
		today: GridDay,
	) -> Result<Balance, DispatchError> {
		let mut record = LettersOfCredit::<T>::get(lc).ok_or(Error::<T>::UnknownLetterOfCredit)?;
		ensure!(!record.expired_on(today), Error::<T>::LcExpired);
		let drawals = record.drawals_in_month_of(today);
		ensure!(drawals < record.terms.drawals_per_month, Error::<T>::DrawalLimitReached);
		ensure!(record.held > 0, Error::<T>::NothingHeld);
		if record.terms.revolving && record.restore_by.is_none() {
			let restore_by = today.saturating_add(record.terms.restore_within_days.into());
			record.restore_by = Some(restore_by);
			Self::queue(restore_by.saturating_add(1), Deadline::LcRestoration(lc));
		}
		let paid = T::Currency::transfer_on_hold(
			&HoldReason::LetterOfCredit.into(),
			&record.bank,
			&record.seller,
			want.min(record.held),
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		ensure!(paid > 0, Error::<T>::NothingHeld);
		record.held.defensive_saturating_reduce(paid);
		if !record.terms.revolving {
			record.terms.amount.defensive_saturating_reduce(paid);
		}
		record.drawal_month = month_index(today);
		record.drawals_in_month = drawals.saturating_add(1);
		let owed = ReimbursementsOwed::<T>::mutate(&record.bank, &record.buyer, |owed| {
			owed.saturating_accrue(paid);
			*owed
		});
		Self::deposit_event(Event::LcDrawn {
			lc,
			ppa: record.ppa,
			bank: record.bank.clone(),
			seller: record.seller.clone(),
			buyer: record.buyer.clone(),
			amount: paid,
			held: record.held,
			owed,
			restore_by: record.restore_by,
		});
		LettersOfCredit::<T>::insert(lc, record);
		Ok(paid)
	}

	/// Checks the escrow's invariants: every instrument indexed under its PPA, what each
	/// records equals what is actually held under its reason in each account, advance
	/// commitments within what is held.
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		// Keyed by the reason's index: hold reasons are not ordered.
		let mut expected: BTreeMap<(u8, T::AccountId), Balance> = BTreeMap::new();
		let mut add = |reason: HoldReason, who: &T::AccountId, amount: Balance| {
			let entry = expected.entry((reason as u8, who.clone())).or_default();
			*entry = entry.saturating_add(amount);
		};
		for (id, lc) in LettersOfCredit::<T>::iter() {
			ensure!(id < crate::pallet::NextLcId::<T>::get(), "LC id beyond the counter");
			ensure!(LcsOfPpa::<T>::get(lc.ppa).contains(&id), "LC not indexed under its PPA");
			ensure!(lc.held <= lc.terms.amount, "LC holds more than its amount");
			add(HoldReason::LetterOfCredit, &lc.bank, lc.held);
		}
		for (ppa, requests) in crate::pallet::LcRequests::<T>::iter() {
			ensure!(!requests.is_empty(), "an empty request list kept");
			let open = LcsOfPpa::<T>::decode_len(ppa).unwrap_or(0);
			ensure!(
				open.saturating_add(requests.len()) <= T::MaxLcsPerPpa::get() as usize,
				"open LCs and requests beyond the PPA's bound"
			);
		}
		for (ppa, lcs) in LcsOfPpa::<T>::iter() {
			for id in lcs {
				let lc = LettersOfCredit::<T>::get(id).ok_or("indexed LC missing")?;
				ensure!(lc.ppa == ppa, "LC indexed under another PPA");
			}
		}
		for (id, bg) in BankGuarantees::<T>::iter() {
			ensure!(id < crate::pallet::NextBgId::<T>::get(), "BG id beyond the counter");
			ensure!(BgsOfPpa::<T>::get(bg.ppa).contains(&id), "BG not indexed under its PPA");
			ensure!(bg.amount > 0, "empty BG kept");
			add(HoldReason::BankGuarantee, &bg.bank, bg.amount);
		}
		for (ppa, bgs) in BgsOfPpa::<T>::iter() {
			for id in bgs {
				let bg = BankGuarantees::<T>::get(id).ok_or("indexed BG missing")?;
				ensure!(bg.ppa == ppa, "BG indexed under another PPA");
			}
		}
		// Requests are kept only while there are some, one per bank (and kind), and with the
		// instruments they would add to within the PPA's places.
		for (ppa, requests) in LcRequests::<T>::iter() {
			ensure!(!requests.is_empty(), "an empty LC request list kept");
			let open = LcsOfPpa::<T>::decode_len(ppa).unwrap_or(0);
			ensure!(
				open.saturating_add(requests.len()) <= T::MaxLcsPerPpa::get() as usize,
				"LCs and LC requests beyond a PPA's places"
			);
			for (i, (bank, _)) in requests.iter().enumerate() {
				ensure!(
					requests.iter().skip(i + 1).all(|(b, _)| b != bank),
					"two LC requests to one bank"
				);
			}
		}
		for (ppa, requests) in BgRequests::<T>::iter() {
			ensure!(!requests.is_empty(), "an empty BG request list kept");
			for kind in [BankGuaranteeKind::Payment, BankGuaranteeKind::Performance] {
				let issued = BgsOfPpa::<T>::get(ppa)
					.into_iter()
					.filter_map(BankGuarantees::<T>::get)
					.filter(|bg| bg.kind == kind)
					.count();
				let asked = requests.iter().filter(|(_, t)| t.kind == kind).count();
				ensure!(
					issued.saturating_add(asked) <= Self::bg_places_per_kind(),
					"BGs and BG requests of a kind beyond its places"
				);
			}
			for (i, (bank, t)) in requests.iter().enumerate() {
				ensure!(
					requests.iter().skip(i + 1).all(|(b, u)| b != bank || u.kind != t.kind),
					"two BG requests of a kind to one bank"
				);
			}
		}
		// The advance committed to a PPA's schedules is the sum of its days' commitments.
		let mut committed: BTreeMap<PpaId, Balance> = BTreeMap::new();
		for (ppa, _, on_day) in AdvanceCommitments::<T>::iter() {
			ensure!(on_day > 0, "an empty day's commitment kept");
			let sum = committed.entry(ppa).or_default();
			*sum = sum.saturating_add(on_day);
		}
		for (ppa, advance) in Advances::<T>::iter() {
			ensure!(advance.held > 0, "empty advance kept");
			ensure!(advance.committed <= advance.held, "advance committed beyond what is held");
			ensure!(
				committed.remove(&ppa).unwrap_or(0) == advance.committed,
				"advance committed differs from the days' commitments"
			);
			add(HoldReason::AdvancePayment, &advance.buyer, advance.held);
		}
		ensure!(committed.is_empty(), "a day's commitment without an advance");
		for who in frame_system::Account::<T>::iter_keys() {
			for reason in
				[HoldReason::LetterOfCredit, HoldReason::BankGuarantee, HoldReason::AdvancePayment]
			{
				let recorded = expected.remove(&(reason as u8, who.clone())).unwrap_or(0);
				let held = T::Currency::balance_on_hold(&reason.into(), &who);
				ensure!(recorded == held, "recorded amount differs from what is held");
			}
		}
		ensure!(expected.values().all(|v| *v == 0), "an instrument's account holds nothing");
		Ok(())
	}
}
