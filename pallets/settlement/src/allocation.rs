//! How money is applied to a PPA's unpaid bills (rules 10 and 13): first to accrued
//! LPS, oldest bill first, then to principal, oldest bill first; a bill whose outstanding
//! principal is paid in full inside a rebate window gets the rebate. Pure: the caller accrues
//! LPS to the day first, and moves the money the result says.

use crate::{Applied, Bill};
use alloc::vec::Vec;
use ppa_primitives::{Balance, GridDay};
use sp_runtime::traits::Saturating;

/// Which bills a payment may reach.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reach {
	/// Every bill, with rebates: the buyer pays, or its advance does.
	All,
	/// Only bills whose due date has passed, without rebates: a letter of credit or bank
	/// guarantee drawn for what is due (rule 16: the due date is a whole day, so from
	/// D + 1).
	Due,
}

/// Whether `bill`'s due date has passed on `today`: a payment at any time on the due date is
/// on time (rule 16).
pub fn fallen_due<A>(bill: &Bill<A>, today: GridDay) -> bool {
	today > bill.due_on
}

/// What has fallen due by `today` on `bills`: LPS and the payable principal of bills whose due
/// date has passed.
pub fn fallen_due_amount<A>(bills: &[Bill<A>], today: GridDay) -> Balance {
	bills.iter().fold(0, |sum: Balance, bill| {
		let principal = if fallen_due(bill, today) { bill.outstanding } else { 0 };
		sum.saturating_add(bill.lps).saturating_add(principal)
	})
}

/// What settles every bill on `today`: LPS and undisputed principal, less the rebates due.
pub fn amount_to_settle<A>(bills: &[Bill<A>], today: GridDay) -> Balance {
	bills.iter().fold(0, |sum: Balance, bill| {
		sum.saturating_add(bill.lps)
			.saturating_add(bill.outstanding.saturating_sub(bill.rebate_if_settled_on(today)))
	})
}

/// Applies up to `money` to `bills` (oldest first) on `today`; returns what went to each bill,
/// index by index. The money used is the sum of `Applied::money`, never above `money`.
pub fn allocate<A>(
	bills: &mut [Bill<A>],
	money: Balance,
	today: GridDay,
	reach: Reach,
) -> Vec<Applied> {
	let mut applied = alloc::vec![Applied::default(); bills.len()];
	let mut left = money;
	for (bill, to) in bills.iter_mut().zip(applied.iter_mut()) {
		let lps = bill.lps.min(left);
		bill.lps.saturating_reduce(lps);
		bill.lps_paid.saturating_accrue(lps);
		to.lps = lps;
		left.saturating_reduce(lps);
	}
	for (bill, to) in bills.iter_mut().zip(applied.iter_mut()) {
		if left == 0 {
			break;
		}
		if bill.outstanding == 0 || (reach == Reach::Due && !fallen_due(bill, today)) {
			continue;
		}
		let rebate = match reach {
			Reach::All => bill.rebate_if_settled_on(today),
			Reach::Due => 0,
		};
		let in_full = bill.outstanding.saturating_sub(rebate);
		let (principal, rebate) = if left >= in_full { (in_full, rebate) } else { (left, 0) };
		bill.outstanding = bill.outstanding.saturating_sub(principal).saturating_sub(rebate);
		bill.paid.saturating_accrue(principal);
		bill.rebate.saturating_accrue(rebate);
		to.principal = principal;
		to.rebate = rebate;
		left.saturating_reduce(principal);
	}
	applied
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{BillTerms, SettlementParameters};
	use ppa_primitives::{money::inr, PpaTerms};
	use sp_runtime::Permill;

	fn bill(presented_on: GridDay, amount: Balance) -> Bill<u64> {
		Bill {
			seller: 1,
			buyer: 2,
			first_day: presented_on,
			last_day: presented_on,
			energy_wh: 0,
			energy_charge: amount,
			capacity_charge: 0,
			resale_credit: 0,
			billed: amount,
			paid: 0,
			rebate: 0,
			outstanding: amount,
			disputed: 0,
			presented_on,
			due_on: presented_on + 45,
			lps: 0,
			lps_paid: 0,
			lps_through: presented_on + 45,
			lps_carry: 0,
			dispute: None,
			terms: BillTerms {
				rebate_tiers: PpaTerms::default_rebate_tiers(),
				lps_rate_cap: None,
				calendar_months: false,
			},
		}
	}

	fn balanced(bill: &Bill<u64>) -> bool {
		bill.paid + bill.rebate + bill.outstanding + bill.disputed == bill.billed
	}

	#[test]
	fn payments_go_to_lps_first_then_the_oldest_bill_rule_13() {
		let mut bills = [bill(0, inr(1_000)), bill(30, inr(1_000))];
		bills[0].lps = inr(10);
		bills[1].lps = inr(5);
		// Day 100: both overdue; INR 1,100 pays both LPS, then 1,000 of the first, 85 of the
		// second.
		let applied = allocate(&mut bills, inr(1_100), 100, Reach::All);
		assert_eq!(applied[0], Applied { lps: inr(10), principal: inr(1_000), rebate: 0 });
		assert_eq!(applied[1], Applied { lps: inr(5), principal: inr(85), rebate: 0 });
		assert_eq!((bills[0].outstanding, bills[1].outstanding), (0, inr(915)));
		assert_eq!((bills[0].lps, bills[1].lps, bills[1].lps_paid), (0, 0, inr(5)));
		assert!(bills.iter().all(balanced));
	}

	#[test]
	fn rebate_only_for_a_bill_paid_in_full_inside_the_window_rule_10() {
		// Day 3 after presentation: 1.5 %; INR 985 settles a bill of 1,000.
		let mut bills = [bill(0, inr(1_000))];
		let applied = allocate(&mut bills, inr(2_000), 3, Reach::All);
		assert_eq!(applied[0], Applied { lps: 0, principal: inr(985), rebate: inr(15) });
		assert!(bills[0].is_settled() && balanced(&bills[0]));
		// A part payment earns nothing; paying the rest on day 20 earns 1 % of the whole bill.
		let mut bills = [bill(0, inr(1_000))];
		allocate(&mut bills, inr(400), 3, Reach::All);
		assert_eq!((bills[0].outstanding, bills[0].rebate), (inr(600), 0));
		assert_eq!(amount_to_settle(&bills, 20), inr(590));
		let applied = allocate(&mut bills, inr(590), 20, Reach::All);
		assert_eq!(applied[0], Applied { lps: 0, principal: inr(590), rebate: inr(10) });
		assert!(bills[0].is_settled() && balanced(&bills[0]));
		// After 30 days, no rebate.
		let mut bills = [bill(0, inr(1_000))];
		assert_eq!(allocate(&mut bills, inr(1_000), 31, Reach::All)[0].rebate, 0);
	}

	#[test]
	fn letters_of_credit_reach_only_bills_past_their_due_date_without_rebate_rule_16() {
		let mut bills = [bill(0, inr(1_000)), bill(40, inr(1_000))];
		// The first bill is due on day 45 (a whole day: drawable from day 46), the second on
		// day 85.
		assert_eq!(fallen_due_amount(&bills, 45), 0);
		assert_eq!(fallen_due_amount(&bills, 46), inr(1_000));
		let applied = allocate(&mut bills, inr(1_500), 46, Reach::Due);
		assert_eq!(applied[0].principal, inr(1_000));
		assert_eq!(applied[1], Applied::default());
	}

	#[test]
	fn disputed_principal_is_not_paid_rule_11() {
		let mut bills = [bill(0, inr(1_000))];
		bills[0].outstanding = inr(700);
		bills[0].disputed = inr(300);
		// Paid in full (the undisputed part) within 5 days: 1.5 % of 700 = 10.5.
		let applied = allocate(&mut bills, inr(1_000), 2, Reach::All);
		assert_eq!(applied[0], Applied { lps: 0, principal: 689_500_000, rebate: 10_500_000 });
		assert_eq!((bills[0].outstanding, bills[0].disputed), (0, inr(300)));
		assert!(!bills[0].is_settled() && balanced(&bills[0]));
	}

	#[test]
	fn accrual_before_a_payment_is_exact() {
		let params = crate::LpsRules {
			parameters: SettlementParameters::default(),
			base: frame_support::BoundedVec::truncate_from(alloc::vec![crate::lps::BaseRate {
				financial_year: 2026,
				from: 0,
				rate: Permill::from_percent(10),
			}]),
		};
		let mut b = bill(0, inr(3_650));
		// 10 days past D at 10 % a year on 3,650: 3,650 x 0.10 x 10 / 365 = 10.
		assert_eq!(b.accrue_through(55, &params), inr(10));
		assert_eq!(b.accrue_through(55, &params), 0);
		assert_eq!((b.lps, b.lps_carry, b.lps_through), (inr(10), 0, 55));
	}
}
