//! Each rule of docs/rules.md sections E (16) and F (18-22) this pallet applies, and each refusal.
//! Every test ends with the pallet's books checked (`do_try_state`).

use crate::{mock::*, Duties, Duty, DutyCursor, Error, Event, Standings, WatchedBills};
use frame_support::{assert_noop, assert_ok};
use ppa_primitives::{
	money::inr,
	BuyerDefaults, DocumentHash, OnPsmFailure, PsmFailure, Regulation,
	SecurityInstrument::{LettersOfCredit, PaymentBankGuarantees},
};
use sp_runtime::{traits::BadOrigin, DispatchError, Percent};

/// P of the bill the tests follow; D = P + 45 (overdue from P + 46), DTD = P + 75, regulation
/// from P + 105.
const P: u32 = START_DAY + 1;
const BILL: u64 = 1;

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Defaults(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn share(day: u32) -> Percent {
	Defaults::regulated_share(&DISCOM, day)
}

/// A bill of INR 10 lakh presented on P with an LC of INR 4 lakh; nothing paid.
fn unpaid_bill_with_lc() {
	hold(PPA, LettersOfCredit, inr(400_000));
	TestDues::present(PPA, BILL, P, inr(1_000_000));
}

#[test]
fn lc_is_drawn_once_the_due_date_has_passed_rule_16() {
	run(|| {
		unpaid_bill_with_lc();
		// The due date is a whole day: a payment on it is on time, so nothing is drawn.
		go_to(P + 45);
		assert_eq!(held(PPA, LettersOfCredit), Some(inr(400_000)));
		go_to(P + 46);
		// The LC paid what it held; INR 6 lakh stays unpaid and the bill is watched.
		assert_eq!(held(PPA, LettersOfCredit), Some(0));
		let events = events();
		assert!(events.contains(&Event::SecurityInvoked {
			ppa: PPA,
			bill: BILL,
			instrument: LettersOfCredit,
			amount: inr(400_000),
		}));
		assert!(events.contains(&Event::BillOverdue {
			ppa: PPA,
			bill: BILL,
			buyer: DISCOM,
			outstanding: inr(600_000),
			trigger_on: P + 75,
		}));
		assert_eq!(WatchedBills::<Test>::get(PPA, BILL).map(|w| w.trigger_on), Some(P + 75));
		assert_eq!(Defaults::status(&DISCOM).overdue_bills, 1);
		assert!(!Defaults::in_default(&DISCOM));
	});
}

#[test]
fn a_bill_paid_by_its_due_date_is_neither_drawn_nor_watched_rule_16() {
	run(|| {
		unpaid_bill_with_lc();
		TestDues::change(PPA, BILL, |d| d.outstanding = 0);
		go_to(P + 46);
		assert_eq!(held(PPA, LettersOfCredit), Some(inr(400_000)));
		assert!(events().is_empty());
		assert_eq!(Standings::<Test>::get(DISCOM), None);
	});
}

#[test]
fn without_an_lc_the_refusal_is_told_and_the_bill_watched_rule_16() {
	run(|| {
		TestDues::present(PPA, BILL, P, inr(1_000_000));
		go_to(P + 46);
		// (An `Other` error's text is not stored with the event.)
		assert!(events().contains(&Event::SecurityNotInvoked {
			ppa: PPA,
			bill: BILL,
			instrument: LettersOfCredit,
			error: DispatchError::Other(""),
		}));
		assert!(WatchedBills::<Test>::contains_key(PPA, BILL));
	});
}

#[test]
fn buyer_defaults_at_the_trigger_date_and_the_payment_bg_is_encashed_rule_18_rule_17() {
	run(|| {
		unpaid_bill_with_lc();
		hold(PPA, PaymentBankGuarantees, inr(100_000));
		go_to(P + 74);
		assert!(!Defaults::in_default(&DISCOM));
		assert_eq!(held(PPA, PaymentBankGuarantees), Some(inr(100_000)));
		TestDues::accrue(PPA, BILL, inr(5_000));
		go_to(P + 75);
		assert!(Defaults::in_default(&DISCOM));
		let events = events();
		assert!(events.contains(&Event::BuyerDefaulted { buyer: DISCOM, since: P + 75 }));
		assert!(events.contains(&Event::DefaultTriggered {
			ppa: PPA,
			bill: BILL,
			buyer: DISCOM,
			outstanding: inr(600_000),
			lps: inr(5_000),
			regulation_from: P + 105,
		}));
		// The BG paid LPS and INR 95,000 of principal: 5 lakh remain.
		assert!(events.contains(&Event::SecurityInvoked {
			ppa: PPA,
			bill: BILL,
			instrument: PaymentBankGuarantees,
			amount: inr(100_000),
		}));
		let status = Defaults::status(&DISCOM);
		assert_eq!(status.in_default_since, Some(P + 75));
		assert_eq!(status.unpaid_dues_since, Some(P + 75));
		assert_eq!(status.next_step, Some((P + 105, Percent::from_percent(10))));
		assert_eq!(status.regulated_share, Percent::zero());
	});
}

#[test]
fn graded_regulation_cuts_ten_percent_a_month_from_p_plus_105_days_rule_20() {
	run(|| {
		unpaid_bill_with_lc();
		go_to(P + 75);
		assert_eq!(share(P + 104), Percent::zero());
		assert_eq!(share(P + 105), Percent::from_percent(10));
		assert_eq!(share(P + 135), Percent::from_percent(20));
		assert_eq!(share(P + 375), Percent::from_percent(100));
		System::reset_events();
		go_to(P + 105);
		assert_eq!(
			events(),
			vec![Event::RegulationStepped {
				buyer: DISCOM,
				share: Percent::from_percent(10),
				next_step: Some((P + 135, Percent::from_percent(20))),
			}]
		);
		go_to(P + 134);
		assert_eq!(Defaults::status(&DISCOM).regulated_share, Percent::from_percent(10));
		go_to(P + 135);
		assert_eq!(Defaults::status(&DISCOM).regulated_share, Percent::from_percent(20));
		assert!(events().contains(&Event::RegulationStepped {
			buyer: DISCOM,
			share: Percent::from_percent(20),
			next_step: Some((P + 165, Percent::from_percent(30))),
		}));
		// The next step is queued, once.
		assert!(Duties::<Test>::contains_key(P + 165, Duty::RegulationStep { buyer: DISCOM }));
	});
}

#[test]
fn calendar_months_set_the_trigger_and_regulation_dates_rule_18_rule_20() {
	run(|| {
		// P = 1 January 2026 (day 20,454); D = 15 February.
		let p = 20_454;
		TestRegistry::insert(PPA, GENCO, DISCOM, ppa_primitives::PpaStatus::Active, terms(true));
		go_to(p - 1);
		TestDues::present(PPA, BILL, p, inr(1_000));
		go_to(p + 46);
		// D + 1 month = 15 March (p + 73); P + 2.5 months = 16 March (p + 74).
		assert_eq!(WatchedBills::<Test>::get(PPA, BILL).map(|w| w.trigger_on), Some(p + 74));
		go_to(p + 74);
		// P + 3.5 months = 16 April (p + 105).
		assert_eq!(Defaults::status(&DISCOM).next_step, Some((p + 105, Percent::from_percent(10))));
	});
}

#[test]
fn paying_all_overdue_dues_and_lps_restores_the_buyer_in_the_same_block_rule_22() {
	run(|| {
		unpaid_bill_with_lc();
		go_to(P + 106);
		assert_eq!(share(P + 107), Percent::from_percent(10));
		TestDues::accrue(PPA, BILL, inr(7_000));
		// Principal paid, LPS not: still in default.
		TestDues::change(PPA, BILL, |d| d.outstanding = 0);
		assert!(Defaults::in_default(&DISCOM));
		System::reset_events();
		TestDues::change(PPA, BILL, |d| d.lps = 0);
		assert_eq!(
			events(),
			vec![
				Event::DuesDefaultCured { buyer: DISCOM, since: P + 75 },
				Event::BuyerRestored { buyer: DISCOM, in_default_since: P + 75 },
			]
		);
		assert!(!Defaults::in_default(&DISCOM));
		// The next schedule is uncut, and nothing is kept.
		assert_eq!(share(P + 107), Percent::zero());
		assert_eq!(Standings::<Test>::get(DISCOM), None);
		assert!(!WatchedBills::<Test>::contains_key(PPA, BILL));
		// The queued step of a cured default does nothing.
		System::reset_events();
		go_to(P + 135);
		assert!(events().is_empty());
	});
}

#[test]
fn a_bill_not_yet_due_does_not_keep_the_default_rule_22() {
	run(|| {
		unpaid_bill_with_lc();
		go_to(P + 75);
		// A second bill on the other PPA, presented today, is not overdue.
		TestDues::present(PPA_2, 2, P + 75, inr(50_000));
		TestDues::change(PPA, BILL, |d| d.outstanding = 0);
		assert!(!Defaults::in_default(&DISCOM));
	});
}

#[test]
fn overdue_dues_on_another_ppa_keep_the_default_rule_22() {
	run(|| {
		unpaid_bill_with_lc();
		TestDues::present(PPA_2, 2, P, inr(50_000));
		go_to(P + 75);
		TestDues::change(PPA, BILL, |d| d.outstanding = 0);
		assert!(Defaults::in_default(&DISCOM));
		assert_eq!(Defaults::status(&DISCOM).overdue_bills, 1);
		TestDues::change(PPA_2, 2, |d| d.outstanding = 0);
		assert!(!Defaults::in_default(&DISCOM));
	});
}

#[test]
fn disputed_principal_does_not_trigger_default_until_a_ruling_rule_11_rule_18() {
	run(|| {
		TestDues::present(PPA, BILL, P, inr(1_000));
		TestDues::change(PPA, BILL, |d| {
			d.disputed = d.outstanding;
			d.outstanding = 0;
		});
		go_to(P + 75);
		// Watched (disputed) but not overdue, and no default.
		assert!(WatchedBills::<Test>::get(PPA, BILL).is_some_and(|w| !w.overdue));
		assert!(!Defaults::in_default(&DISCOM));
		// The regulator rules against the buyer after the trigger date: default at once.
		go_to(P + 80);
		TestDues::change(PPA, BILL, |d| {
			d.outstanding = d.disputed;
			d.disputed = 0;
		});
		assert_eq!(Defaults::status(&DISCOM).unpaid_dues_since, Some(P + 80));
		assert!(events().contains(&Event::BuyerDefaulted { buyer: DISCOM, since: P + 80 }));
	});
}

#[test]
fn failed_payment_security_is_a_reason_of_default_until_cover_is_adequate_rule_15() {
	run(|| {
		TestSecurity::set_adequate(PPA, false);
		Defaults::psm_failed(PPA, START_DAY, PsmFailure::LcExpired);
		assert!(Defaults::in_default(&DISCOM));
		assert_eq!(Defaults::status(&DISCOM).failed_security, 1);
		// No graded cut: the scheduling gate limits schedules to the cover (rule 14).
		assert_eq!(share(START_DAY + 200), Percent::zero());
		// Told twice, recorded once.
		Defaults::psm_failed(PPA, START_DAY, PsmFailure::LcNotRestored);
		assert_eq!(Defaults::status(&DISCOM).failed_security, 1);
		go_to(START_DAY + 1);
		assert!(Defaults::in_default(&DISCOM));
		TestSecurity::set_adequate(PPA, true);
		go_to(START_DAY + 2);
		assert!(!Defaults::in_default(&DISCOM));
		let events = events();
		assert!(events.contains(&Event::SecurityFailureCleared { buyer: DISCOM, ppa: PPA }));
		assert!(
			events.contains(&Event::BuyerRestored { buyer: DISCOM, in_default_since: START_DAY })
		);
	});
}

#[test]
fn a_buyer_with_both_reasons_is_restored_only_when_both_end_rule_22() {
	run(|| {
		unpaid_bill_with_lc();
		go_to(P + 75);
		TestSecurity::set_adequate(PPA_2, false);
		Defaults::psm_failed(PPA_2, P + 75, PsmFailure::LcNotRestored);
		TestDues::change(PPA, BILL, |d| d.outstanding = 0);
		let status = Defaults::status(&DISCOM);
		assert_eq!((status.in_default_since, status.unpaid_dues_since), (Some(P + 75), None));
		TestSecurity::set_adequate(PPA_2, true);
		go_to(P + 77);
		assert!(!Defaults::in_default(&DISCOM));
	});
}

#[test]
fn the_regulator_relaxes_regulation_for_a_time_with_a_reason() {
	run(|| {
		let order = DocumentHash::repeat_byte(7);
		assert_noop!(
			Defaults::relax_regulation(RuntimeOrigin::root(), DISCOM, START_DAY + 10, order),
			Error::<Test>::NotRegulated
		);
		unpaid_bill_with_lc();
		go_to(P + 106);
		assert_noop!(
			Defaults::relax_regulation(RuntimeOrigin::signed(DISCOM), DISCOM, P + 120, order),
			BadOrigin
		);
		assert_noop!(
			Defaults::relax_regulation(RuntimeOrigin::root(), DISCOM, P + 105, order),
			Error::<Test>::RelaxationInPast
		);
		assert_noop!(
			Defaults::relax_regulation(RuntimeOrigin::root(), DISCOM, P + 137, order),
			Error::<Test>::RelaxationTooLong
		);
		assert_noop!(
			Defaults::end_relaxation(RuntimeOrigin::root(), DISCOM),
			Error::<Test>::NotRelaxed
		);
		let regulated = told_regulation(DISCOM).map(|r| (r.from, r.relaxed_until));
		assert_eq!(regulated, Some((P + 105, None)));
		assert_ok!(Defaults::relax_regulation(RuntimeOrigin::root(), DISCOM, P + 120, order));
		System::assert_last_event(
			Event::RegulationRelaxed { buyer: DISCOM, until: P + 120, reason: order }.into(),
		);
		// Scheduling is told, and cuts nothing through the relaxation.
		assert_eq!(told_regulation(DISCOM).and_then(|r| r.relaxed_until), Some(P + 120));
		assert_eq!(told_regulation(DISCOM).map(|r| r.share_on(P + 120)), Some(Percent::zero()));
		assert_eq!(share(P + 120), Percent::zero());
		assert_eq!(share(P + 121), Percent::from_percent(10));
		let status = Defaults::status(&DISCOM);
		assert_eq!(
			(status.relaxed_until, status.regulated_share),
			(Some(P + 120), Percent::zero())
		);
		// Still in default: relaxation is of regulation only.
		assert!(status.in_default());
		assert_ok!(Defaults::end_relaxation(RuntimeOrigin::root(), DISCOM));
		System::assert_last_event(Event::RelaxationEnded { buyer: DISCOM }.into());
		assert_eq!(share(P + 110), Percent::from_percent(10));
	});
}

#[test]
fn push_bill_applies_the_transitions_that_have_come() {
	run(|| {
		assert_noop!(
			Defaults::push_bill(RuntimeOrigin::signed(GENCO), PPA, BILL),
			Error::<Test>::NoSuchBill
		);
		unpaid_bill_with_lc();
		assert_noop!(
			Defaults::push_bill(RuntimeOrigin::signed(GENCO), PPA, BILL),
			Error::<Test>::NotYetDue
		);
		// The clock passed the trigger date but no block has run the hook.
		set_today(P + 75);
		assert_ok!(Defaults::push_bill(RuntimeOrigin::signed(GENCO), PPA, BILL));
		assert_eq!(held(PPA, LettersOfCredit), Some(0));
		assert!(Defaults::in_default(&DISCOM));
		assert_noop!(
			Defaults::push_bill(RuntimeOrigin::signed(GENCO), PPA, BILL),
			Error::<Test>::NothingToPush
		);
		// The hook then finds nothing left to do for the bill.
		System::reset_events();
		go_to(P + 75);
		assert!(events().is_empty());
	});
}

#[test]
fn the_hook_applies_at_most_its_budget_a_block_and_resumes() {
	run(|| {
		for bill in 0..10 {
			TestDues::present(PPA, bill, P, inr(1_000));
		}
		go_to(P + 45);
		// Four duties a block (the mock's budget): 10 due dates take three blocks.
		next_block(P + 46);
		assert_eq!(WatchedBills::<Test>::iter().count(), 4);
		assert_eq!(DutyCursor::<Test>::get(), Some(P + 46));
		next_block(P + 46);
		assert_eq!(WatchedBills::<Test>::iter().count(), 8);
		next_block(P + 46);
		assert_eq!(WatchedBills::<Test>::iter().count(), 10);
		assert_eq!(DutyCursor::<Test>::get(), Some(P + 47));
		assert_eq!(Defaults::status(&DISCOM).overdue_bills, 10);
	});
}

/// Resale walks the buyers in default (rule 19): only they, a batch at a time.
#[test]
fn defaulters_are_walked_for_resale_rule_19() {
	use crate::{pallet::Standings, Standing};
	new_test_ext().execute_with(|| {
		let standing = |since| Standing { in_default_since: since, ..Default::default() };
		Standings::<Test>::insert(21, standing(Some(START_DAY)));
		Standings::<Test>::insert(22, standing(None));
		Standings::<Test>::insert(23, standing(Some(START_DAY)));
		let all = Defaults::defaulters_after(None, 10);
		assert_eq!(all.len(), 2);
		assert!(all.contains(&21) && all.contains(&23));
		let first = Defaults::defaulters_after(None, 1);
		let rest = Defaults::defaulters_after(first.first(), 10);
		assert_eq!(first.len() + rest.len(), 2);
		assert!(!rest.contains(&first[0]));
	});
}

/// rule 15: no cover is required of a PPA that no longer binds, so a payment-security
/// failure recorded for it ends when it expires or is terminated (told by the registry), with
/// an event; a failure on another PPA stands.
#[test]
fn rule_15_a_failure_ends_with_its_ppa() {
	run(|| {
		use ppa_primitives::OnPpaEnded;
		TestSecurity::set_adequate(PPA, false);
		TestSecurity::set_adequate(PPA_2, false);
		Defaults::psm_failed(PPA, START_DAY, PsmFailure::LcExpired);
		Defaults::psm_failed(PPA_2, START_DAY, PsmFailure::LcExpired);
		assert_eq!(Defaults::status(&DISCOM).failed_security, 2);
		Defaults::ppa_ended(PPA, &DISCOM, START_DAY + 3);
		assert!(events().contains(&Event::SecurityFailureEndedWithPpa {
			buyer: DISCOM,
			ppa: PPA,
			day: START_DAY + 3
		}));
		assert_eq!(Defaults::status(&DISCOM).failed_security, 1);
		assert!(Defaults::in_default(&DISCOM), "the other PPA's failure stands");
		Defaults::ppa_ended(PPA_2, &DISCOM, START_DAY + 3);
		assert!(!Defaults::in_default(&DISCOM));
		assert_eq!(Defaults::status(&DISCOM), ppa_primitives::DefaultStatus::default());
		// A PPA that ends with nothing recorded tells nothing.
		let before = events().len();
		Defaults::ppa_ended(PPA, &DISCOM, START_DAY + 4);
		assert_eq!(events().len(), before);
	});
}

/// The regulator clears a recorded payment-security failure by the hash of its order; nobody
/// else can, and there must be one to clear.
#[test]
fn the_regulator_clears_a_security_failure_by_order() {
	run(|| {
		let order: DocumentHash = [8u8; 32].into();
		assert_noop!(
			Defaults::clear_security_failure(RuntimeOrigin::root(), DISCOM, PPA, order),
			Error::<Test>::NoSecurityFailure
		);
		TestSecurity::set_adequate(PPA, false);
		Defaults::psm_failed(PPA, START_DAY, PsmFailure::LcNotRestored);
		assert_noop!(
			Defaults::clear_security_failure(RuntimeOrigin::signed(DISCOM), DISCOM, PPA, order),
			BadOrigin
		);
		assert_ok!(Defaults::clear_security_failure(RuntimeOrigin::root(), DISCOM, PPA, order));
		assert!(events().contains(&Event::SecurityFailureClearedByOrder {
			buyer: DISCOM,
			ppa: PPA,
			order
		}));
		assert!(!Defaults::in_default(&DISCOM));
		// The daily review queued for it finds nothing to do.
		go_to(START_DAY + 2);
		assert!(!Defaults::in_default(&DISCOM));
	});
}

/// rule 18: the default comes with the trigger-date duty of the bill that is overdue, dated
/// its trigger date. A payment of another bill of the PPA, made on that day before the hook
/// has run, is told with the bill it changed only, and defaults nobody early.
#[test]
fn a_payment_of_another_bill_leaves_the_trigger_date_to_its_duty_rule_18() {
	run(|| {
		const LATER: u64 = 2;
		unpaid_bill_with_lc();
		TestDues::present(PPA, LATER, P + 40, inr(100_000));
		go_to(P + 74);
		assert!(!Defaults::in_default(&DISCOM));
		// The trigger date of the overdue bill has come; its duty has not run yet.
		set_today(P + 75);
		TestDues::change(PPA, LATER, |d| d.outstanding -= inr(50_000));
		assert!(!Defaults::in_default(&DISCOM));
		assert!(WatchedBills::<Test>::contains_key(PPA, BILL));
		assert!(!WatchedBills::<Test>::contains_key(PPA, LATER));
		go_to(P + 75);
		let status = Defaults::status(&DISCOM);
		assert_eq!(
			(status.in_default_since, status.unpaid_dues_since),
			(Some(P + 75), Some(P + 75))
		);
	});
}
