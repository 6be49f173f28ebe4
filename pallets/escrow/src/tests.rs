//! Tests of the escrow pallet, named after the rules of docs/rules.md they check. Every test runs in
//! `run`, which afterwards checks `do_try_state` (recorded amounts equal held funds) and that
//! the total issuance is unchanged and equals the parties' free + held balances.

use crate::{mock::*, pallet::*, BgId, BgRelease, BgTerms, Deadline, LcId, LcTerms};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use ppa_primitives::{
	money::inr, Balance, BankGuaranteeKind, PaymentSecurity, PpaStatus, PsmFailure,
	SecurityPayments,
};
use sp_runtime::{DispatchError, Permill, TokenError};

type Lc = LettersOfCredit<Test>;

/// The PPA's buyer asks `bank` for an LC on `terms` (a refusal is left to the opening to
/// report), then `bank` opens it.
fn open_lc_as(bank: u64, ppa: ppa_primitives::PpaId, terms: LcTerms) -> sp_runtime::DispatchResult {
	use ppa_primitives::PpaRegistry;
	if let Some(parties) = TestRegistry::parties(ppa) {
		let _ = Escrow::request_letter_of_credit(
			RuntimeOrigin::signed(parties.buyer),
			ppa,
			bank,
			terms,
		);
	}
	Escrow::open_letter_of_credit(RuntimeOrigin::signed(bank), ppa, terms)
}

/// The obligor of a guarantee of `kind` on `ppa` asks `bank` for it (a refusal is left to the
/// issue to report), then `bank` issues it.
fn issue_bg_as(
	bank: u64,
	ppa: ppa_primitives::PpaId,
	kind: BankGuaranteeKind,
	amount: Balance,
	expiry_day: ppa_primitives::GridDay,
) -> sp_runtime::DispatchResult {
	use ppa_primitives::PpaRegistry;
	if let Some(parties) = TestRegistry::parties(ppa) {
		let obligor = match kind {
			BankGuaranteeKind::Payment => parties.buyer,
			BankGuaranteeKind::Performance => parties.seller,
		};
		let _ = Escrow::request_bank_guarantee(
			RuntimeOrigin::signed(obligor),
			ppa,
			bank,
			BgTerms { kind, amount, expiry_day },
		);
	}
	Escrow::issue_bank_guarantee(RuntimeOrigin::signed(bank), ppa, kind, amount, expiry_day)
}

/// The grid day the advance is committed to in these tests: tomorrow.
const DAY: ppa_primitives::GridDay = START_DAY + 1;

/// INR 25 crore, revolving, valid a year, one drawal a month, 15 days to restore.
fn lc_terms() -> LcTerms {
	LcTerms {
		amount: inr(250_000_000),
		expiry_day: START_DAY + 364,
		revolving: true,
		drawals_per_month: 1,
		restore_within_days: 15,
	}
}

fn open_lc() -> LcId {
	let id = NextLcId::<Test>::get();
	assert_ok!(open_lc_as(BANK, PPA, lc_terms()));
	id
}

fn held(reason: HoldReason, who: u64) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn free(who: u64) -> Balance {
	Balances::balance(&who)
}

fn draw(amount: Balance) -> Result<Balance, DispatchError> {
	<Escrow as SecurityPayments>::draw_letters_of_credit(PPA, amount)
}

fn coverage() -> ppa_primitives::Coverage {
	<Escrow as PaymentSecurity>::coverage(PPA, <TestGridTime as ppa_primitives::GridTime>::today())
}

// --- Letters of credit --------------------------------------------------------------------

/// rule 4 and 15: an LC is the bank's money, held under its own reason, in favour of
/// the PPA's seller; it counts as cover at once.
#[test]
fn rule_15_lc_is_held_from_the_bank() {
	run(|| {
		let lc = open_lc();
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), inr(250_000_000));
		assert_eq!(free(BANK), ENDOWMENT - inr(250_000_000));
		let record = Lc::get(lc).unwrap();
		assert_eq!((record.buyer, record.seller, record.held), (DISCOM, GENCO, inr(250_000_000)));
		assert_eq!(LcsOfPpa::<Test>::get(PPA).into_inner(), vec![lc]);
		System::assert_last_event(
			Event::LcOpened {
				lc,
				ppa: PPA,
				bank: BANK,
				buyer: DISCOM,
				seller: GENCO,
				terms: lc_terms(),
			}
			.into(),
		);
		let c = coverage();
		assert_eq!(
			(c.letters_of_credit, c.required, c.adequate),
			(inr(250_000_000), REQUIRED, true)
		);
	});
}

#[test]
fn only_an_active_bank_opens_an_lc_for_a_binding_ppa() {
	run(|| {
		assert_noop!(open_lc_as(DISCOM, PPA, lc_terms()), Error::<Test>::NotABank);
		assert_noop!(open_lc_as(STRANGER, PPA, lc_terms()), Error::<Test>::NotABank);
		assert_noop!(open_lc_as(BANK, 77, lc_terms()), Error::<Test>::UnknownPpa);
		assert_noop!(open_lc_as(BANK, ENDED_PPA, lc_terms()), Error::<Test>::PpaNotBinding);
		// A signed PPA that has not started yet may be secured ahead of supply.
		assert_ok!(open_lc_as(BANK, PPA_2, lc_terms()));
	});
}

#[test]
fn lc_terms_are_checked() {
	run(|| {
		let open = |terms| open_lc_as(BANK, PPA, terms);
		let t = lc_terms();
		assert_noop!(open(LcTerms { amount: 0, ..t }), Error::<Test>::ZeroAmount);
		assert_noop!(open(LcTerms { expiry_day: START_DAY - 1, ..t }), Error::<Test>::ExpiryInPast);
		assert_noop!(
			open(LcTerms { expiry_day: START_DAY + 401, ..t }),
			Error::<Test>::ValidityTooLong
		);
		assert_noop!(open(LcTerms { drawals_per_month: 0, ..t }), Error::<Test>::NoDrawalsAllowed);
		assert_noop!(
			open(LcTerms { restore_within_days: 0, ..t }),
			Error::<Test>::RestorationPeriodOutOfRange
		);
		assert_noop!(
			open(LcTerms { restore_within_days: 31, ..t }),
			Error::<Test>::RestorationPeriodOutOfRange
		);
		let too_big = LcTerms { amount: ENDOWMENT, ..t };
		let o = RuntimeOrigin::signed;
		assert_ok!(Escrow::request_letter_of_credit(o(DISCOM), PPA, BANK, too_big));
		assert_noop!(
			Escrow::open_letter_of_credit(o(BANK), PPA, too_big),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_ok!(Escrow::withdraw_lc_request(o(DISCOM), PPA, BANK));
		assert_ok!(open(t));
		assert_ok!(open(t));
		// Open LCs and requests together stay within the PPA's bound.
		assert_noop!(
			Escrow::request_letter_of_credit(o(DISCOM), PPA, BANK_2, t),
			Error::<Test>::TooManyLettersOfCredit
		);
	});
}

/// Issue "A project that stands on its own": a day's deadlines are one storage entry each, so
/// no number of instruments expiring on one day refuses another (a bank crowding a day can no
/// longer lock out a buyer's LC), and the hook still applies two a block.
#[test]
fn a_crowded_deadline_day_accepts_another_instrument() {
	run(|| {
		// Five deadlines on one day: two LCs and three BGs expiring on the same day.
		let t = lc_terms();
		assert_ok!(open_lc_as(BANK, PPA, t));
		assert_ok!(open_lc_as(BANK, PPA_2, t));
		let bg = |ppa| issue_bg_as(BANK, ppa, BankGuaranteeKind::Payment, inr(1), t.expiry_day);
		assert_ok!(bg(PPA));
		assert_ok!(bg(PPA_2));
		let terms =
			BgTerms { kind: BankGuaranteeKind::Payment, amount: inr(1), expiry_day: t.expiry_day };
		assert_ok!(Escrow::request_bank_guarantee(RuntimeOrigin::signed(DISCOM), PPA, BANK, terms));
		assert_ok!(bg(PPA));
		assert_eq!(Deadlines::<Test>::iter_key_prefix(t.expiry_day + 1).count(), 5);
	});
}

#[test]
fn the_bank_increases_a_valid_lc() {
	run(|| {
		let lc = open_lc();
		assert_ok!(Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK), lc, inr(10)));
		assert_eq!(Lc::get(lc).unwrap().terms.amount, inr(250_000_010));
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), inr(250_000_010));
		System::assert_last_event(
			Event::LcIncreased { lc, ppa: PPA, by: inr(10), amount: inr(250_000_010) }.into(),
		);
		assert_noop!(
			Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK_2), lc, 1),
			Error::<Test>::NotTheIssuer
		);
		assert_noop!(
			Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK), 9, 1),
			Error::<Test>::UnknownLetterOfCredit
		);
		assert_noop!(
			Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK), lc, 0),
			Error::<Test>::ZeroAmount
		);
		set_today(START_DAY + 365);
		assert_noop!(
			Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK), lc, 1),
			Error::<Test>::LcExpired
		);
	});
}

/// rule 15: an LC must be renewed before its expiry.
#[test]
fn rule_15_lc_is_renewed_before_expiry() {
	run(|| {
		let lc = open_lc();
		let renew = |day| Escrow::renew_letter_of_credit(RuntimeOrigin::signed(BANK), lc, day);
		assert_noop!(renew(START_DAY + 364), Error::<Test>::RenewalNotLater);
		set_today(START_DAY + 364);
		assert_noop!(renew(START_DAY + 364 + 401), Error::<Test>::ValidityTooLong);
		assert_ok!(renew(START_DAY + 364 + 365));
		System::assert_last_event(
			Event::LcRenewed { lc, ppa: PPA, expiry_day: START_DAY + 729 }.into(),
		);
		// The old expiry passes without effect: the LC still counts.
		go_to_day(START_DAY + 365);
		assert!(Lc::get(lc).is_some());
		assert_eq!(coverage().letters_of_credit, inr(250_000_000));
		// Once expired it cannot be renewed.
		go_to_day(START_DAY + 730);
		assert_noop!(renew(START_DAY + 800), Error::<Test>::UnknownLetterOfCredit);
	});
}

/// rule 15: LC expiry without renewal counts as a PSM failure; the hook releases the
/// funds to the bank the day after expiry and tells defaults.
#[test]
fn rule_15_expired_lc_counts_as_zero_and_is_a_psm_failure() {
	run(|| {
		let lc = open_lc();
		// On the day after expiry the LC counts as nothing even before the hook runs.
		set_today(START_DAY + 365);
		assert_eq!(coverage().letters_of_credit, 0);
		assert_noop!(draw(inr(1)), Error::<Test>::LcExpired);
		go_to_day(START_DAY + 365);
		assert!(Lc::get(lc).is_none());
		assert!(LcsOfPpa::<Test>::get(PPA).is_empty());
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), 0);
		assert_eq!(free(BANK), ENDOWMENT);
		System::assert_has_event(
			Event::LcExpired { lc, ppa: PPA, bank: BANK, released: inr(250_000_000) }.into(),
		);
		System::assert_has_event(
			Event::PsmFailed {
				ppa: PPA,
				failure: PsmFailure::LcExpired,
				available: 0,
				required: REQUIRED,
			}
			.into(),
		);
		assert_eq!(psm_failures(), vec![(PPA, START_DAY + 365, PsmFailure::LcExpired)]);
	});
}

/// An LC that expires while another covers the PPA is no PSM failure.
#[test]
fn expiry_covered_by_another_lc_is_no_psm_failure() {
	run(|| {
		open_lc();
		assert_ok!(open_lc_as(BANK_2, PPA, LcTerms { expiry_day: START_DAY + 400, ..lc_terms() }));
		go_to_day(START_DAY + 365);
		assert_eq!(LcsOfPpa::<Test>::get(PPA).len(), 1);
		assert!(coverage().adequate);
		assert!(psm_failures().is_empty());
	});
}

/// rule 16: a drawal pays the seller from the bank's hold; the buyer owes the bank.
#[test]
fn rule_16_drawal_pays_the_seller_and_the_buyer_owes_the_bank() {
	run(|| {
		let lc = open_lc();
		assert_eq!(draw(inr(10_000_000)), Ok(inr(10_000_000)));
		assert_eq!(free(GENCO), ENDOWMENT + inr(10_000_000));
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), inr(240_000_000));
		assert_eq!(free(BANK), ENDOWMENT - inr(250_000_000));
		assert_eq!(ReimbursementsOwed::<Test>::get(BANK, DISCOM), inr(10_000_000));
		let record = Lc::get(lc).unwrap();
		assert_eq!(record.held, inr(240_000_000));
		assert_eq!(record.restore_by, Some(START_DAY + 15));
		System::assert_last_event(
			Event::LcDrawn {
				lc,
				ppa: PPA,
				bank: BANK,
				seller: GENCO,
				buyer: DISCOM,
				amount: inr(10_000_000),
				held: inr(240_000_000),
				owed: inr(10_000_000),
				restore_by: Some(START_DAY + 15),
			}
			.into(),
		);
		// Until the deadline the LC counts for what it still holds.
		assert_eq!(coverage().letters_of_credit, inr(240_000_000));
	});
}

/// "Amount over held": a drawal never pays more than the LC holds.
#[test]
fn drawal_never_pays_more_than_held() {
	run(|| {
		let lc = open_lc();
		assert_eq!(draw(inr(300_000_000)), Ok(inr(250_000_000)));
		assert_eq!(free(GENCO), ENDOWMENT + inr(250_000_000));
		assert_eq!(Lc::get(lc).unwrap().held, 0);
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), 0);
	});
}

#[test]
fn drawal_needs_an_lc() {
	run(|| {
		assert_noop!(draw(inr(1)), Error::<Test>::NoLetterOfCredit);
		assert_eq!(draw(0), Ok(0));
	});
}

/// rule 15: at most one drawal per calendar month (a per-LC parameter).
#[test]
fn rule_15_at_most_one_drawal_per_month() {
	run(|| {
		let lc = open_lc();
		// 2026-11-24: the first drawal of November.
		assert_ok!(draw(inr(1)));
		assert_noop!(draw(inr(1)), Error::<Test>::DrawalLimitReached);
		// 2026-11-30 is still November.
		set_today(START_DAY + 6);
		assert_noop!(draw(inr(1)), Error::<Test>::DrawalLimitReached);
		// 2026-12-01: a new month.
		set_today(START_DAY + 7);
		assert_eq!(draw(inr(1)), Ok(inr(1)));
		assert_eq!(Lc::get(lc).unwrap().drawals_in_month, 1);
	});
}

#[test]
fn an_lc_may_allow_more_drawals_a_month() {
	run(|| {
		assert_ok!(open_lc_as(BANK, PPA, LcTerms { drawals_per_month: 2, ..lc_terms() }));
		assert_ok!(draw(inr(1)));
		assert_ok!(draw(inr(1)));
		assert_noop!(draw(inr(1)), Error::<Test>::DrawalLimitReached);
	});
}

/// A second LC is drawn when the first has used up its drawals or holds too little.
#[test]
fn drawal_spreads_over_the_lcs_of_the_ppa() {
	run(|| {
		open_lc();
		assert_ok!(open_lc_as(BANK_2, PPA, lc_terms()));
		assert_eq!(draw(inr(300_000_000)), Ok(inr(300_000_000)));
		assert_eq!(ReimbursementsOwed::<Test>::get(BANK, DISCOM), inr(250_000_000));
		assert_eq!(ReimbursementsOwed::<Test>::get(BANK_2, DISCOM), inr(50_000_000));
		assert_eq!(free(GENCO), ENDOWMENT + inr(300_000_000));
		// Both have drawn this month; the next drawal is refused with the reason.
		assert_noop!(draw(inr(1)), Error::<Test>::DrawalLimitReached);
	});
}

/// rule 15: a revolving LC is restored within 15 days of a drawal; restoration frees
/// cover again.
#[test]
fn rule_15_revolving_lc_is_restored_within_15_days() {
	run(|| {
		let lc = open_lc();
		assert_ok!(draw(inr(50_000_000)));
		go_to_day(START_DAY + 15);
		assert_ok!(Escrow::restore_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		System::assert_last_event(
			Event::LcRestored { lc, ppa: PPA, bank: BANK, restored: inr(50_000_000) }.into(),
		);
		let record = Lc::get(lc).unwrap();
		assert_eq!(
			(record.held, record.restore_by, record.lapsed),
			(inr(250_000_000), None, false)
		);
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), inr(250_000_000));
		// The bank paid INR 5 crore to the seller and holds the full LC again.
		assert_eq!(free(BANK), ENDOWMENT - inr(300_000_000));
		// The queued restoration deadline passes without effect.
		go_to_day(START_DAY + 16);
		assert!(!Lc::get(lc).unwrap().lapsed);
		assert_eq!(coverage().letters_of_credit, inr(250_000_000));
		assert!(psm_failures().is_empty());
		assert_noop!(
			Escrow::restore_letter_of_credit(RuntimeOrigin::signed(BANK), lc),
			Error::<Test>::NothingToRestore
		);
	});
}

/// rule 15: an LC not restored within 15 days counts as nothing from then on, and a
/// late restoration is refused.
#[test]
fn rule_15_unrestored_lc_lapses_and_restoring_late_is_refused() {
	run(|| {
		let lc = open_lc();
		assert_ok!(draw(inr(50_000_000)));
		go_to_day(START_DAY + 16);
		let record = Lc::get(lc).unwrap();
		assert!(record.lapsed);
		System::assert_has_event(
			Event::LcRestorationMissed {
				lc,
				ppa: PPA,
				bank: BANK,
				buyer: DISCOM,
				shortfall: inr(50_000_000),
			}
			.into(),
		);
		System::assert_has_event(
			Event::PsmFailed {
				ppa: PPA,
				failure: PsmFailure::LcNotRestored,
				available: 0,
				required: REQUIRED,
			}
			.into(),
		);
		assert_eq!(psm_failures(), vec![(PPA, START_DAY + 16, PsmFailure::LcNotRestored)]);
		assert_eq!(coverage().letters_of_credit, 0);
		assert!(!coverage().adequate);
		assert_noop!(
			Escrow::restore_letter_of_credit(RuntimeOrigin::signed(BANK), lc),
			Error::<Test>::RestorationDeadlinePassed
		);
		assert_noop!(
			Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK), lc, 1),
			Error::<Test>::LcLapsed
		);
		// The lapsed LC can be closed at once; its remaining funds go back to the bank.
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		System::assert_last_event(
			Event::LcClosed { lc, ppa: PPA, bank: BANK, released: inr(200_000_000) }.into(),
		);
		assert_eq!(free(BANK), ENDOWMENT - inr(50_000_000));
	});
}

/// A non-revolving LC shrinks by what is drawn and needs no restoration.
#[test]
fn non_revolving_lc_shrinks_by_drawals() {
	run(|| {
		assert_ok!(open_lc_as(BANK, PPA, LcTerms { revolving: false, ..lc_terms() }));
		assert_eq!(draw(inr(50_000_000)), Ok(inr(50_000_000)));
		let record = Lc::get(0).unwrap();
		assert_eq!(
			(record.terms.amount, record.held, record.restore_by),
			(inr(200_000_000), inr(200_000_000), None)
		);
		go_to_day(START_DAY + 40);
		assert!(!Lc::get(0).unwrap().lapsed);
		assert_eq!(coverage().letters_of_credit, inr(200_000_000));
		assert_ok!(draw(inr(200_000_000)));
		// Drawn out: the bank may close it.
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), 0));
		assert!(LcsOfPpa::<Test>::get(PPA).is_empty());
	});
}

#[test]
fn a_valid_lc_is_closed_only_once_expired_lapsed_or_the_ppa_ended() {
	run(|| {
		let lc = open_lc();
		let close = || Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc);
		assert_noop!(close(), Error::<Test>::LcStillValid);
		assert_noop!(
			Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK_2), lc),
			Error::<Test>::NotTheIssuer
		);
		TestRegistry::set_status(PPA, PpaStatus::Terminated);
		assert_ok!(close());
		assert_eq!(free(BANK), ENDOWMENT);
	});
}

#[test]
fn the_buyer_reimburses_the_bank() {
	run(|| {
		open_lc();
		assert_ok!(draw(inr(1_000)));
		let pay = |who, amount| Escrow::reimburse_bank(RuntimeOrigin::signed(who), BANK, amount);
		assert_noop!(pay(DISCOM, inr(1_001)), Error::<Test>::ReimbursementOverOwed);
		assert_noop!(pay(DISCOM, 0), Error::<Test>::ZeroAmount);
		assert_noop!(pay(DISCOM_2, inr(1)), Error::<Test>::NothingOwed);
		assert_ok!(pay(DISCOM, inr(400)));
		System::assert_last_event(
			Event::BankReimbursed { bank: BANK, obligor: DISCOM, amount: inr(400), owed: inr(600) }
				.into(),
		);
		assert_ok!(pay(DISCOM, inr(600)));
		assert!(!ReimbursementsOwed::<Test>::contains_key(BANK, DISCOM));
		assert_eq!(free(DISCOM), ENDOWMENT - inr(1_000));
		assert_eq!(free(GENCO), ENDOWMENT + inr(1_000));
		// The bank is whole: it paid INR 1,000 and was repaid INR 1,000.
		assert_eq!(total(BANK), ENDOWMENT);
	});
}

// --- Coverage ------------------------------------------------------------------------------

/// rule 4: PSM is an LC or advance payment, and they add up.
#[test]
fn rule_4_psm_is_lc_plus_advance() {
	run(|| {
		assert!(!coverage().adequate);
		assert_eq!(coverage().required, REQUIRED);
		assert_ok!(open_lc_as(BANK, PPA, LcTerms { amount: inr(200_000_000), ..lc_terms() }));
		assert!(!coverage().adequate);
		assert_ok!(Escrow::deposit_advance(RuntimeOrigin::signed(DISCOM), PPA, inr(3_720_000)));
		let c = coverage();
		assert_eq!(
			(c.letters_of_credit, c.advance, c.available()),
			(inr(200_000_000), inr(3_720_000), REQUIRED)
		);
		assert!(c.adequate);
	});
}

/// rule 15: once a PPA has 12 bills, their average sizes the LC.
#[test]
fn rule_15_required_cover_follows_the_average_of_twelve_bills() {
	run(|| {
		set_average_billing(PPA, inr(100_000_000));
		assert_eq!(coverage().required, inr(110_000_000));
		assert_ok!(Escrow::set_normative_load_factor(
			RuntimeOrigin::root(),
			Permill::from_percent(50)
		));
		// The average still applies; a PPA without history uses the new load factor:
		// 1 crore + 100,000 kW x 730 h x 50 % x INR 3 = 11.95 crore, x 110 %.
		assert_eq!(coverage().required, inr(110_000_000));
		assert_eq!(Escrow::coverage(PPA_2, START_DAY).required, inr(131_450_000));
		System::assert_last_event(
			Event::NormativeLoadFactorSet { load_factor: Permill::from_percent(50) }.into(),
		);
		assert_noop!(
			Escrow::set_normative_load_factor(RuntimeOrigin::signed(BANK), Permill::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn coverage_reports_payment_guarantees_apart() {
	run(|| {
		assert_ok!(issue_bg_as(
			BANK,
			PPA,
			BankGuaranteeKind::Payment,
			inr(5_000_000),
			START_DAY + 100
		));
		let c = coverage();
		assert_eq!((c.payment_bank_guarantees, c.available()), (inr(5_000_000), 0));
		assert_eq!(
			Escrow::coverage(99, START_DAY),
			ppa_primitives::Coverage { adequate: true, ..Default::default() }
		);
	});
}

// --- Bank guarantees -----------------------------------------------------------------------

fn issue_bg(kind: BankGuaranteeKind) -> BgId {
	let id = NextBgId::<Test>::get();
	assert_ok!(issue_bg_as(BANK, PPA, kind, inr(5_000_000), START_DAY + 100));
	id
}

/// rule 17: a payment BG is the buyer's obligation, encashed in the seller's favour.
#[test]
fn rule_17_payment_bg_is_encashed_to_the_seller() {
	run(|| {
		let bg = issue_bg(BankGuaranteeKind::Payment);
		System::assert_last_event(
			Event::BgIssued {
				bg,
				ppa: PPA,
				kind: BankGuaranteeKind::Payment,
				bank: BANK,
				obligor: DISCOM,
				beneficiary: GENCO,
				amount: inr(5_000_000),
				expiry_day: START_DAY + 100,
			}
			.into(),
		);
		assert_eq!(held(HoldReason::BankGuarantee, BANK), inr(5_000_000));
		let encash = |kind, amount| Escrow::encash_bank_guarantees(PPA, kind, amount);
		assert_noop!(
			encash(BankGuaranteeKind::Performance, inr(1)),
			Error::<Test>::NoBankGuarantee
		);
		assert_eq!(encash(BankGuaranteeKind::Payment, inr(2_000_000)), Ok(inr(2_000_000)));
		System::assert_last_event(
			Event::BgEncashed {
				bg,
				ppa: PPA,
				kind: BankGuaranteeKind::Payment,
				bank: BANK,
				beneficiary: GENCO,
				amount: inr(2_000_000),
				remaining: inr(3_000_000),
			}
			.into(),
		);
		assert_eq!(free(GENCO), ENDOWMENT + inr(2_000_000));
		assert_eq!(ReimbursementsOwed::<Test>::get(BANK, DISCOM), inr(2_000_000));
		// More than held: what is held, and the BG is gone.
		assert_eq!(encash(BankGuaranteeKind::Payment, inr(9_000_000)), Ok(inr(3_000_000)));
		assert!(BankGuarantees::<Test>::get(bg).is_none());
		assert!(BgsOfPpa::<Test>::get(PPA).is_empty());
		assert_eq!(free(GENCO), ENDOWMENT + inr(5_000_000));
		assert_eq!(held(HoldReason::BankGuarantee, BANK), 0);
	});
}

/// rule 17: a performance BG is the seller's obligation, encashed in the buyer's favour.
#[test]
fn rule_17_performance_bg_is_encashed_to_the_buyer() {
	run(|| {
		let bg = issue_bg(BankGuaranteeKind::Performance);
		let record = BankGuarantees::<Test>::get(bg).unwrap();
		assert_eq!((record.obligor, record.beneficiary), (GENCO, DISCOM));
		assert_eq!(
			Escrow::encash_bank_guarantees(PPA, BankGuaranteeKind::Performance, inr(1_000_000)),
			Ok(inr(1_000_000))
		);
		assert_eq!(free(DISCOM), ENDOWMENT + inr(1_000_000));
		assert_eq!(ReimbursementsOwed::<Test>::get(BANK, GENCO), inr(1_000_000));
	});
}

/// rule 17: a BG is released at expiry, by itself, and cannot be encashed after.
#[test]
fn rule_17_bg_is_released_at_expiry() {
	run(|| {
		let bg = issue_bg(BankGuaranteeKind::Performance);
		set_today(START_DAY + 101);
		assert_noop!(
			Escrow::encash_bank_guarantees(PPA, BankGuaranteeKind::Performance, inr(1)),
			Error::<Test>::NoBankGuarantee
		);
		go_to_day(START_DAY + 101);
		assert!(BankGuarantees::<Test>::get(bg).is_none());
		assert_eq!(free(BANK), ENDOWMENT);
		System::assert_has_event(
			Event::BgReleased {
				bg,
				ppa: PPA,
				bank: BANK,
				released: inr(5_000_000),
				why: BgRelease::Expired,
			}
			.into(),
		);
	});
}

/// rule 17: a performance BG is released after COD, on the regulator's order.
#[test]
fn rule_17_bg_is_released_on_the_regulators_order() {
	run(|| {
		let bg = issue_bg(BankGuaranteeKind::Performance);
		let order = sp_core::H256::repeat_byte(7);
		assert_noop!(
			Escrow::release_bank_guarantee(RuntimeOrigin::signed(GENCO), bg, order),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Escrow::release_bank_guarantee(RuntimeOrigin::root(), 9, order),
			Error::<Test>::UnknownBankGuarantee
		);
		assert_ok!(Escrow::release_bank_guarantee(RuntimeOrigin::root(), bg, order));
		System::assert_last_event(
			Event::BgReleased {
				bg,
				ppa: PPA,
				bank: BANK,
				released: inr(5_000_000),
				why: BgRelease::ByRegulator(order),
			}
			.into(),
		);
		assert_eq!(free(BANK), ENDOWMENT);
		// Its queued expiry finds nothing to do.
		go_to_day(START_DAY + 101);
		assert_eq!(free(BANK), ENDOWMENT);
	});
}

#[test]
fn bg_issue_is_checked() {
	run(|| {
		let issue = |who, ppa, amount, expiry| {
			issue_bg_as(who, ppa, BankGuaranteeKind::Payment, amount, expiry)
		};
		assert_noop!(issue(GENCO, PPA, 1, START_DAY), Error::<Test>::NotABank);
		assert_noop!(issue(BANK, ENDED_PPA, 1, START_DAY), Error::<Test>::PpaNotBinding);
		assert_noop!(issue(BANK, PPA, 0, START_DAY), Error::<Test>::ZeroAmount);
		assert_noop!(issue(BANK, PPA, 1, START_DAY - 1), Error::<Test>::ExpiryInPast);
		assert_ok!(issue(BANK, PPA, 1, START_DAY));
		assert_ok!(issue(BANK, PPA, 1, START_DAY + 1));
		// The PPA's two places are taken: no further request is taken.
		assert_noop!(
			Escrow::request_bank_guarantee(
				RuntimeOrigin::signed(DISCOM),
				PPA,
				BANK,
				BgTerms { kind: BankGuaranteeKind::Payment, amount: 1, expiry_day: START_DAY + 2 }
			),
			Error::<Test>::TooManyBankGuarantees
		);
		assert_noop!(issue(BANK, PPA, 1, START_DAY + 2), Error::<Test>::NoBgRequest);
	});
}

/// A bank cannot issue a guarantee nobody asked for (`NoBgRequest`): dust BGs would fill the
/// PPA's places, lock out the obligor's own bank and make the obligor owe a bank it never
/// chose. Only the obligor asks (the buyer for a payment BG, the seller for a performance
/// BG), and the bank issues exactly the terms asked (`BgTermsDiffer`); a request can be
/// withdrawn until it is used.
#[test]
fn a_bank_issues_a_bg_only_on_the_obligors_request() {
	run(|| {
		let payment = BgTerms {
			kind: BankGuaranteeKind::Payment,
			amount: inr(1_000),
			expiry_day: START_DAY + 90,
		};
		let issue = |bank, t: BgTerms| {
			Escrow::issue_bank_guarantee(
				RuntimeOrigin::signed(bank),
				PPA,
				t.kind,
				t.amount,
				t.expiry_day,
			)
		};
		let request =
			|who, bank, t| Escrow::request_bank_guarantee(RuntimeOrigin::signed(who), PPA, bank, t);
		assert_noop!(issue(BANK, payment), Error::<Test>::NoBgRequest);
		assert_noop!(request(GENCO, BANK, payment), Error::<Test>::NotTheObligor);
		assert_noop!(request(DISCOM, STRANGER, payment), Error::<Test>::NotABank);
		assert_ok!(request(DISCOM, BANK, payment));
		System::assert_last_event(
			Event::BgRequested { ppa: PPA, obligor: DISCOM, bank: BANK, terms: payment }.into(),
		);
		assert_noop!(request(DISCOM, BANK, payment), Error::<Test>::BgRequestPending);
		assert_noop!(issue(BANK_2, payment), Error::<Test>::NoBgRequest);
		assert_noop!(issue(BANK, BgTerms { amount: 1, ..payment }), Error::<Test>::BgTermsDiffer);
		let performance = BgTerms { kind: BankGuaranteeKind::Performance, ..payment };
		assert_noop!(issue(BANK, performance), Error::<Test>::NoBgRequest);
		assert_noop!(request(DISCOM, BANK, performance), Error::<Test>::NotTheObligor);
		assert_ok!(request(GENCO, BANK, performance));
		let bg = NextBgId::<Test>::get();
		assert_ok!(issue(BANK, payment));
		assert_eq!(
			BankGuarantees::<Test>::get(bg).map(|b| (b.obligor, b.beneficiary)),
			Some((DISCOM, GENCO))
		);
		assert_noop!(issue(BANK, payment), Error::<Test>::NoBgRequest);
		// The seller withdraws its request; the bank can no longer act on it.
		assert_noop!(
			Escrow::withdraw_bg_request(RuntimeOrigin::signed(DISCOM), PPA, BANK, performance.kind),
			Error::<Test>::NotTheObligor
		);
		assert_ok!(Escrow::withdraw_bg_request(
			RuntimeOrigin::signed(GENCO),
			PPA,
			BANK,
			performance.kind
		));
		System::assert_last_event(
			Event::BgRequestWithdrawn {
				ppa: PPA,
				obligor: GENCO,
				bank: BANK,
				kind: performance.kind,
			}
			.into(),
		);
		assert!(BgRequests::<Test>::get(PPA).is_empty());
		assert_noop!(issue(BANK, performance), Error::<Test>::NoBgRequest);
	});
}

/// Each party has its own half of the PPA's guarantee places: the seller's performance-BG
/// requests cannot crowd out the buyer's payment BGs. A request that expired before its bank
/// acted holds no place; a request of an obligor suspended since is not acted on.
#[test]
fn bg_requests_cannot_crowd_out_the_other_party_or_outlive_their_terms() {
	run(|| {
		let ask = |who, bank, kind, expiry_day| {
			Escrow::request_bank_guarantee(
				RuntimeOrigin::signed(who),
				PPA,
				bank,
				BgTerms { kind, amount: inr(1_000), expiry_day },
			)
		};
		use BankGuaranteeKind::{Payment, Performance};
		// The mock's four places: two for each kind.
		assert_ok!(ask(GENCO, BANK, Performance, START_DAY));
		assert_ok!(ask(GENCO, BANK_2, Performance, START_DAY + 90));
		assert_noop!(ask(GENCO, STRANGER, Performance, START_DAY + 90), Error::<Test>::NotABank);
		assert_ok!(ask(DISCOM, BANK, Payment, START_DAY + 90));
		assert_ok!(ask(DISCOM, BANK_2, Payment, START_DAY + 90));
		assert_noop!(ask(DISCOM, BANK, Payment, START_DAY + 90), Error::<Test>::BgRequestPending);
		// A day later the first performance request has expired unused: it gives its place up.
		set_today(START_DAY + 1);
		assert_noop!(
			Escrow::issue_bank_guarantee(
				RuntimeOrigin::signed(BANK),
				PPA,
				Performance,
				inr(1_000),
				START_DAY
			),
			Error::<Test>::ExpiryInPast
		);
		assert_ok!(ask(GENCO, BANK, Performance, START_DAY + 90));
		assert_eq!(BgRequests::<Test>::get(PPA).len(), 4);
		// The buyer is suspended after asking: it asks no more, and its bank cannot act on the
		// request meanwhile.
		TestRegistry::revoke_all(DISCOM);
		assert_noop!(ask(DISCOM, BANK_2, Payment, START_DAY + 80), Error::<Test>::ObligorNotActive);
		assert_noop!(
			Escrow::issue_bank_guarantee(
				RuntimeOrigin::signed(BANK),
				PPA,
				Payment,
				inr(1_000),
				START_DAY + 90
			),
			Error::<Test>::ObligorNotActive
		);
		TestRegistry::grant(DISCOM, ppa_primitives::Role::Buyer);
		assert_ok!(Escrow::issue_bank_guarantee(
			RuntimeOrigin::signed(BANK),
			PPA,
			Payment,
			inr(1_000),
			START_DAY + 90
		));
	});
}

// --- Advance payment -----------------------------------------------------------------------

/// rule 4 (advance payment, MoP 2019): the buyer holds funds against its PPA and
/// withdraws what is not committed to a schedule.
#[test]
fn rule_4_advance_is_held_and_uncommitted_advance_withdrawn() {
	run(|| {
		let deposit =
			|who, ppa, amount| Escrow::deposit_advance(RuntimeOrigin::signed(who), ppa, amount);
		assert_noop!(deposit(DISCOM_2, PPA, inr(1)), Error::<Test>::NotTheBuyer);
		assert_noop!(deposit(DISCOM, 77, inr(1)), Error::<Test>::UnknownPpa);
		assert_noop!(deposit(DISCOM, ENDED_PPA, inr(1)), Error::<Test>::PpaNotBinding);
		assert_noop!(deposit(DISCOM, PPA, 0), Error::<Test>::ZeroAmount);
		assert_ok!(deposit(DISCOM, PPA, inr(1_000_000)));
		assert_ok!(deposit(DISCOM, PPA, inr(500_000)));
		System::assert_last_event(
			Event::AdvanceDeposited {
				ppa: PPA,
				buyer: DISCOM,
				amount: inr(500_000),
				held: inr(1_500_000),
			}
			.into(),
		);
		assert_eq!(held(HoldReason::AdvancePayment, DISCOM), inr(1_500_000));

		assert_eq!(Escrow::commit_advance(PPA, DAY, inr(1_000_000)), inr(1_000_000));
		System::assert_last_event(
			Event::AdvanceCommitted {
				ppa: PPA,
				day: DAY,
				amount: inr(1_000_000),
				committed: inr(1_000_000),
			}
			.into(),
		);
		let withdraw =
			|who, amount| Escrow::withdraw_advance(RuntimeOrigin::signed(who), PPA, amount);
		assert_noop!(withdraw(DISCOM, inr(500_001)), Error::<Test>::AmountOverUncommitted);
		assert_noop!(withdraw(GENCO, inr(1)), Error::<Test>::NotTheBuyer);
		assert_noop!(withdraw(DISCOM, 0), Error::<Test>::ZeroAmount);
		assert_ok!(withdraw(DISCOM, inr(500_000)));
		System::assert_last_event(
			Event::AdvanceWithdrawn {
				ppa: PPA,
				buyer: DISCOM,
				amount: inr(500_000),
				held: inr(1_000_000),
			}
			.into(),
		);
		assert_eq!(AdvanceCommitments::<Test>::get(PPA, DAY), inr(1_000_000));
		// A schedule cut releases the day's commitment, no more; it can then be withdrawn.
		assert_eq!(Escrow::release_advance(PPA, DAY + 1, inr(1)), 0);
		assert_eq!(Escrow::release_advance(PPA, DAY, inr(2_000_000)), inr(1_000_000));
		System::assert_last_event(
			Event::AdvanceReleased { ppa: PPA, day: DAY, amount: inr(1_000_000), committed: 0 }
				.into(),
		);
		assert!(!AdvanceCommitments::<Test>::contains_key(PPA, DAY), "an empty day is forgotten");
		assert_ok!(withdraw(DISCOM, inr(1_000_000)));
		assert!(Advances::<Test>::get(PPA).is_none());
		assert_eq!(free(DISCOM), ENDOWMENT);
		assert_noop!(withdraw(DISCOM, inr(1)), Error::<Test>::NoAdvance);
	});
}

/// Commitment never exceeds what is held.
#[test]
fn commitment_is_bounded_by_the_advance() {
	run(|| {
		assert_eq!(Escrow::commit_advance(PPA, DAY, inr(1)), 0);
		assert_ok!(Escrow::deposit_advance(RuntimeOrigin::signed(DISCOM), PPA, inr(100)));
		assert_eq!(Escrow::commit_advance(PPA, DAY, inr(70)), inr(70));
		assert_eq!(Escrow::commit_advance(PPA, DAY, inr(70)), inr(30));
		assert_eq!(Escrow::commit_advance(PPA, DAY, inr(1)), 0);
		assert_eq!(Advances::<Test>::get(PPA).unwrap().committed, inr(100));
	});
}

/// A bill paid from advance goes to the seller, only from the uncommitted part: advance
/// committed to energy not yet metered is not spent on other bills, and the commitment is
/// not lowered by the payment (it stays with its schedule until scheduling releases it).
#[test]
fn bill_is_paid_from_uncommitted_advance_only() {
	run(|| {
		assert_noop!(Escrow::pay_from_advance(PPA, inr(1)), Error::<Test>::NoAdvance);
		assert_ok!(Escrow::deposit_advance(RuntimeOrigin::signed(DISCOM), PPA, inr(1_000)));
		Escrow::commit_advance(PPA, DAY, inr(300));
		assert_eq!(Escrow::advance_held(PPA), inr(700));
		assert_eq!(Escrow::pay_from_advance(PPA, inr(200)), Ok(inr(200)));
		System::assert_last_event(
			Event::AdvancePaid {
				ppa: PPA,
				buyer: DISCOM,
				seller: GENCO,
				amount: inr(200),
				held: inr(800),
			}
			.into(),
		);
		let advance = Advances::<Test>::get(PPA).unwrap();
		assert_eq!((advance.held, advance.committed), (inr(800), inr(300)));
		assert_eq!(free(GENCO), ENDOWMENT + inr(200));
		assert_eq!(Escrow::pay_from_advance(PPA, inr(5_000)), Ok(inr(500)));
		let advance = Advances::<Test>::get(PPA).unwrap();
		assert_eq!((advance.held, advance.committed), (inr(300), inr(300)));
		assert_eq!(Escrow::pay_from_advance(PPA, inr(1)), Ok(0));
		// Once the energy is metered, scheduling releases the commitment: it can pay.
		assert_eq!(Escrow::release_advance(PPA, DAY, inr(300)), inr(300));
		assert_eq!(Escrow::pay_from_advance(PPA, inr(5_000)), Ok(inr(300)));
		assert!(Advances::<Test>::get(PPA).is_none());
		assert_eq!(free(GENCO), ENDOWMENT + inr(1_000));
		assert_eq!(total(DISCOM), ENDOWMENT - inr(1_000));
	});
}

/// The advance secures the PPA's dues: the buyer withdraws only what is neither committed
/// nor needed for unpaid, unbilled or disputed charges (`AdvanceSecuresDues`).
#[test]
fn withdrawal_never_takes_the_advance_below_commitments_and_dues() {
	run(|| {
		assert_ok!(Escrow::deposit_advance(RuntimeOrigin::signed(DISCOM), PPA, inr(1_000)));
		Escrow::commit_advance(PPA, DAY, inr(300));
		set_dues(PPA, inr(500));
		let withdraw =
			|amount| Escrow::withdraw_advance(RuntimeOrigin::signed(DISCOM), PPA, amount);
		assert_noop!(withdraw(inr(201)), Error::<Test>::AdvanceSecuresDues);
		assert_noop!(withdraw(inr(701)), Error::<Test>::AmountOverUncommitted);
		assert_ok!(withdraw(inr(200)));
		assert_eq!(Advances::<Test>::get(PPA).map(|a| a.held), Some(inr(800)));
		// Dues paid: what is not committed comes back.
		set_dues(PPA, 0);
		assert_ok!(withdraw(inr(500)));
		assert_noop!(withdraw(inr(1)), Error::<Test>::AmountOverUncommitted);
	});
}

// --- Deadlines -----------------------------------------------------------------------------

#[test]
fn deadlines_are_applied_a_bounded_number_per_block() {
	run(|| {
		// Two LCs and a BG expire on the same day; the hook applies two per block.
		let t = lc_terms();
		assert_ok!(open_lc_as(BANK, PPA, t));
		assert_ok!(open_lc_as(BANK, PPA_2, t));
		assert_ok!(issue_bg_as(BANK_2, PPA, BankGuaranteeKind::Payment, inr(1), t.expiry_day));
		go_to_day(t.expiry_day);
		set_today(t.expiry_day + 1);
		next_block();
		assert_eq!(LettersOfCredit::<Test>::iter().count(), 0);
		assert_eq!(BankGuarantees::<Test>::iter().count(), 1);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(t.expiry_day + 1));
		next_block();
		assert_eq!(BankGuarantees::<Test>::iter().count(), 0);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(t.expiry_day + 2));
		assert!(Deadlines::<Test>::iter().next().is_none());
		assert_eq!(free(BANK), ENDOWMENT);
		assert_eq!(free(BANK_2), ENDOWMENT);
	});
}

/// Anyone may push a due deadline through at once; nothing else.
#[test]
fn anyone_applies_a_due_deadline() {
	run(|| {
		let lc = open_lc();
		let apply = |d| Escrow::apply_deadline(RuntimeOrigin::signed(STRANGER), d);
		assert_noop!(apply(Deadline::LcExpiry(lc)), Error::<Test>::NothingDue);
		assert_noop!(apply(Deadline::LcRestoration(lc)), Error::<Test>::NothingDue);
		assert_noop!(apply(Deadline::BgExpiry(0)), Error::<Test>::NothingDue);
		assert_ok!(draw(inr(1)));
		set_today(START_DAY + 16);
		assert_ok!(apply(Deadline::LcRestoration(lc)));
		assert!(Lc::get(lc).unwrap().lapsed);
		assert_noop!(apply(Deadline::LcRestoration(lc)), Error::<Test>::NothingDue);
		set_today(START_DAY + 365);
		assert_ok!(apply(Deadline::LcExpiry(lc)));
		assert!(Lc::get(lc).is_none());
		// The hook later finds both deadlines already applied.
		go_to_day(START_DAY + 365);
		assert_eq!(free(BANK), ENDOWMENT - inr(1));
	});
}

/// Invariant: on every path (open, increase, draw, restore, lapse, close, BG encash and
/// release, advance deposit, payment, withdrawal, reimbursement, expiry) no money is created
/// or lost, and each party's free + held balance moves exactly by what it paid or received.
#[test]
fn money_is_never_created_or_lost() {
	run(|| {
		let issuance = Balances::total_issuance();
		let lc = open_lc();
		assert_ok!(Escrow::increase_letter_of_credit(RuntimeOrigin::signed(BANK), lc, inr(7)));
		assert_ok!(draw(inr(11)));
		assert_ok!(Escrow::restore_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		set_today(START_DAY + 40);
		assert_ok!(draw(inr(13)));
		let bg = issue_bg(BankGuaranteeKind::Payment);
		assert_ok!(Escrow::encash_bank_guarantees(PPA, BankGuaranteeKind::Payment, inr(17)));
		assert_ok!(Escrow::release_bank_guarantee(RuntimeOrigin::root(), bg, Default::default()));
		assert_ok!(Escrow::deposit_advance(RuntimeOrigin::signed(DISCOM), PPA, inr(100)));
		Escrow::commit_advance(PPA, DAY, inr(50));
		assert_ok!(Escrow::pay_from_advance(PPA, inr(19)));
		assert_ok!(Escrow::withdraw_advance(RuntimeOrigin::signed(DISCOM), PPA, inr(31)));
		assert_ok!(Escrow::reimburse_bank(RuntimeOrigin::signed(DISCOM), BANK, inr(23)));
		go_to_day(START_DAY + 56);
		assert!(Lc::get(lc).unwrap().lapsed);
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		assert_eq!(Balances::total_issuance(), issuance);
		// The seller received 11 + 13 (LC) + 17 (BG) + 19 (advance).
		assert_eq!(total(GENCO), ENDOWMENT + inr(60));
		// The bank paid 11 + 13 + 17 and was repaid 23.
		assert_eq!(total(BANK), ENDOWMENT - inr(41) + inr(23));
		// The buyer paid 19 from advance and 23 to the bank; 50 is still held as advance.
		assert_eq!(total(DISCOM), ENDOWMENT - inr(42));
		assert_eq!(held(HoldReason::AdvancePayment, DISCOM), inr(50));
		assert_eq!(ReimbursementsOwed::<Test>::get(BANK, DISCOM), inr(18));
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), 0);
	});
}

// --- Letters of credit only where the buyer asked ------------------------------------------

/// A bank cannot open an LC on a PPA whose buyer did not ask it (`NoLcRequest`), nor on other
/// terms than those asked (`LcTermsDiffer`): a rogue bank cannot fill a buyer's LC slots and
/// lock its real bank out. The buyer may withdraw a request; only the buyer requests.
#[test]
fn a_bank_opens_an_lc_only_on_the_buyers_request() {
	run(|| {
		let open =
			|bank, terms| Escrow::open_letter_of_credit(RuntimeOrigin::signed(bank), PPA, terms);
		let dust = LcTerms { amount: 1, expiry_day: START_DAY + 400, ..lc_terms() };
		assert_noop!(open(BANK_2, dust), Error::<Test>::NoLcRequest);
		let request = |who, bank, terms| {
			Escrow::request_letter_of_credit(RuntimeOrigin::signed(who), PPA, bank, terms)
		};
		assert_noop!(request(GENCO, BANK, lc_terms()), Error::<Test>::NotTheBuyer);
		assert_noop!(request(DISCOM, STRANGER, lc_terms()), Error::<Test>::NotABank);
		assert_ok!(request(DISCOM, BANK, lc_terms()));
		System::assert_last_event(
			Event::LcRequested { ppa: PPA, buyer: DISCOM, bank: BANK, terms: lc_terms() }.into(),
		);
		assert_noop!(request(DISCOM, BANK, lc_terms()), Error::<Test>::LcRequestPending);
		// Another bank, or other terms, are refused.
		assert_noop!(open(BANK_2, lc_terms()), Error::<Test>::NoLcRequest);
		assert_noop!(open(BANK, dust), Error::<Test>::LcTermsDiffer);
		assert_ok!(open(BANK, lc_terms()));
		assert!(LcRequests::<Test>::get(PPA).is_empty(), "the request is used up");
		assert_noop!(open(BANK, lc_terms()), Error::<Test>::NoLcRequest);
		// A request the bank has not acted on can be withdrawn.
		assert_ok!(request(DISCOM, BANK_2, lc_terms()));
		assert_ok!(Escrow::withdraw_lc_request(RuntimeOrigin::signed(DISCOM), PPA, BANK_2));
		System::assert_last_event(
			Event::LcRequestWithdrawn { ppa: PPA, buyer: DISCOM, bank: BANK_2 }.into(),
		);
		assert_noop!(open(BANK_2, lc_terms()), Error::<Test>::NoLcRequest);
	});
}

/// An LC covers at least its share of the PPA's required cover: the INR 20.372 crore the
/// terms require, divided among the two LCs the mock allows, is INR 10.186 crore. A smaller
/// request is refused (`LcBelowCoverShare`), so dust LCs cannot fill the PPA's places.
#[test]
fn rule_15_an_lc_below_its_cover_share_is_refused() {
	run(|| {
		let today = <TestGridTime as ppa_primitives::GridTime>::today();
		assert_eq!(Escrow::lc_cover_share(PPA, today), REQUIRED / 2);
		let request = |amount| {
			Escrow::request_letter_of_credit(
				RuntimeOrigin::signed(DISCOM),
				PPA,
				BANK,
				LcTerms { amount, ..lc_terms() },
			)
		};
		assert_noop!(request(REQUIRED / 2 - 1), Error::<Test>::LcBelowCoverShare);
		assert_ok!(request(REQUIRED / 2));
		assert_ok!(Escrow::open_letter_of_credit(
			RuntimeOrigin::signed(BANK),
			PPA,
			LcTerms { amount: REQUIRED / 2, ..lc_terms() }
		));
		assert_eq!(coverage().letters_of_credit, REQUIRED / 2);
	});
}

/// The regulator force-closes any LC with the hash of its order; nobody else can.
#[test]
fn the_regulator_force_closes_an_lc_by_order() {
	run(|| {
		let lc = open_lc();
		let order = [9u8; 32].into();
		assert_noop!(
			Escrow::force_close_letter_of_credit(RuntimeOrigin::signed(BANK), lc, order),
			DispatchError::BadOrigin
		);
		assert_ok!(Escrow::force_close_letter_of_credit(RuntimeOrigin::root(), lc, order));
		System::assert_last_event(
			Event::LcForceClosed { lc, ppa: PPA, bank: BANK, released: inr(250_000_000), order }
				.into(),
		);
		assert!(Lc::get(lc).is_none());
		assert_eq!(held(HoldReason::LetterOfCredit, BANK), 0);
	});
}

/// A suspended bank can do nothing but release: no new LC, increase, renewal or restoration.
#[test]
fn a_suspended_bank_can_only_release() {
	run(|| {
		let lc = open_lc();
		assert_ok!(draw(inr(1_000)));
		assert_ok!(Escrow::request_letter_of_credit(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			BANK,
			lc_terms()
		));
		TestRegistry::revoke_all(BANK);
		let o = || RuntimeOrigin::signed(BANK);
		assert_noop!(Escrow::open_letter_of_credit(o(), PPA, lc_terms()), Error::<Test>::NotABank);
		assert_noop!(Escrow::increase_letter_of_credit(o(), lc, inr(1)), Error::<Test>::NotABank);
		assert_noop!(
			Escrow::renew_letter_of_credit(o(), lc, START_DAY + 380),
			Error::<Test>::NotABank
		);
		assert_noop!(Escrow::restore_letter_of_credit(o(), lc), Error::<Test>::NotABank);
		go_to_day(START_DAY + 16);
		assert_ok!(Escrow::close_letter_of_credit(o(), lc));
	});
}

/// rule 15: closing a drawn revolving LC inside its restoration window hides nothing:
/// it is a missed restoration, a PSM failure when the cover left is inadequate.
#[test]
fn rule_15_closing_a_drawn_lc_inside_its_restoration_window_is_a_psm_failure() {
	run(|| {
		let lc = open_lc();
		assert_ok!(draw(inr(1_000)));
		// The LC is still valid: it cannot be closed while the PPA binds...
		assert_noop!(
			Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc),
			Error::<Test>::LcStillValid
		);
		// ...unless the PPA has ended: then a closure inside the window is no failure.
		TestRegistry::set_status(PPA, PpaStatus::Expired);
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		assert!(psm_failures().is_empty());
		// A non-revolving LC drawn out closes while the PPA binds; a revolving one drawn and
		// closed inside its window is a failure of restoration.
		TestRegistry::set_status(PPA, PpaStatus::Active);
		let lc = open_lc();
		assert_ok!(draw(inr(250_000_000)));
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		assert_eq!(psm_failures(), vec![(PPA, START_DAY, PsmFailure::LcNotRestored)]);
	});
}

/// Security is released only when the dues it secures are settled: once the PPA has ended,
/// the bank closes its LC only when the PPA's unpaid, unbilled and disputed dues are zero
/// (`DuesUnsettled`); expiry still releases it.
#[test]
fn an_lc_of_an_ended_ppa_stays_until_its_dues_are_settled() {
	run(|| {
		let lc = open_lc();
		TestRegistry::set_status(PPA, PpaStatus::Terminated);
		set_dues(PPA, inr(10));
		assert_noop!(
			Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc),
			Error::<Test>::DuesUnsettled
		);
		set_dues(PPA, 0);
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
	});
}

/// No cover is required for a day the PPA does not bind on: an LC that expires on the last
/// day of supply (or a terminated PPA's) is no PSM failure.
#[test]
fn no_cover_is_required_outside_the_supply_period() {
	run(|| {
		assert_eq!(Escrow::coverage(PPA, START_DAY).required, REQUIRED);
		assert_eq!(Escrow::coverage(PPA, START_DAY - 1).required, 0);
		assert_eq!(Escrow::coverage(ENDED_PPA, START_DAY).required, 0);
		assert!(Escrow::coverage(ENDED_PPA, START_DAY).adequate);
	});
}

/// rule 15: an LC closed after its expiry day but before the deadline hook applied it
/// is judged as expired there: a PSM failure if the cover left is inadequate.
#[test]
fn rule_15_closing_an_expired_lc_before_its_deadline_is_its_expiry() {
	run(|| {
		let lc = {
			let t = LcTerms { expiry_day: START_DAY, ..lc_terms() };
			let id = NextLcId::<Test>::get();
			assert_ok!(open_lc_as(BANK, PPA, t));
			id
		};
		set_today(START_DAY + 1);
		assert_ok!(Escrow::close_letter_of_credit(RuntimeOrigin::signed(BANK), lc));
		assert_eq!(psm_failures(), vec![(PPA, START_DAY + 1, PsmFailure::LcExpired)]);
	});
}

/// Arithmetic policy: the LC and BG id counters never wrap onto an instrument in use.
#[test]
fn an_lc_or_bg_is_refused_once_every_id_is_used() {
	run(|| {
		NextLcId::<Test>::put(LcId::MAX);
		assert_ok!(Escrow::request_letter_of_credit(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			BANK,
			lc_terms()
		));
		assert_noop!(
			Escrow::open_letter_of_credit(RuntimeOrigin::signed(BANK), PPA, lc_terms()),
			Error::<Test>::NoLcIdLeft
		);
		NextBgId::<Test>::put(BgId::MAX);
		let expiry_day = START_DAY + 100;
		let kind = BankGuaranteeKind::Payment;
		assert_ok!(Escrow::request_bank_guarantee(
			RuntimeOrigin::signed(DISCOM),
			PPA,
			BANK,
			BgTerms { kind, amount: inr(5_000_000), expiry_day },
		));
		assert_noop!(
			Escrow::issue_bank_guarantee(
				RuntimeOrigin::signed(BANK),
				PPA,
				kind,
				inr(5_000_000),
				expiry_day
			),
			Error::<Test>::NoBgIdLeft
		);
	});
}
