//! The billing rules through the runtime's reads: LPS shown anywhere is accrued to the day it
//! is read (rule 13), identical in the dues ledger (`settlement_ledger`), the bills
//! (`settlement_bills`), a party's dues (`settlement_dues`, which the billing export prints)
//! and what defaults reads.

mod common;

use common::{account, block, genesis_storage, terms, NOV_24_IST_MIDNIGHT};
use frame_support::BoundedVec;
use ppa_primitives::{money::inr, BillingPeriod, DuesLedger, GridTime};
use ppa_runtime::{views, GridClock, Runtime, Settlement};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{Bob, Charlie};

/// Real milliseconds per grid day on the dev chain (clock rate 150).
const DAY_MS: u64 = 96 * 900_000 / 150;

/// Writes an unpaid bill of `amount` (energy charge) of `ppa` (Bob sells to Charlie), presented
/// on `p` and due on `d` on 30-day months, as presentation writes it; returns its id.
fn unpaid_bill(ppa: u32, p: u32, d: u32, amount: u128) -> u64 {
	let id = pallet_settlement::NextBillId::<Runtime>::get();
	pallet_settlement::NextBillId::<Runtime>::put(id + 1);
	pallet_settlement::Bills::<Runtime>::insert(
		ppa,
		id,
		pallet_settlement::Bill {
			seller: account(Bob),
			buyer: account(Charlie),
			first_day: p - 1,
			last_day: p - 1,
			energy_wh: 1_000_000,
			energy_charge: amount,
			capacity_charge: 0,
			resale_credit: 0,
			billed: amount,
			paid: 0,
			rebate: 0,
			outstanding: amount,
			disputed: 0,
			presented_on: p,
			due_on: d,
			lps: 0,
			lps_paid: 0,
			lps_through: d,
			lps_carry: 0,
			dispute: None,
			terms: pallet_settlement::BillTerms {
				rebate_tiers: BoundedVec::new(),
				lps_rate_cap: None,
				calendar_months: false,
			},
		},
	);
	pallet_settlement::UnpaidBills::<Runtime>::mutate(ppa, |ids| ids.try_push(id).unwrap());
	let unpaid = pallet_settlement::Ledgers::<Runtime>::mutate(ppa, |l| {
		l.billed += amount;
		l.outstanding += amount;
		l.unpaid_bills += 1;
		l.unpaid_bills
	});
	pallet_settlement::UnpaidByPair::<Runtime>::mutate((account(Charlie), account(Bob)), |list| {
		list.retain(|(p, _)| *p != ppa);
		list.try_push((ppa, unpaid)).unwrap();
	});
	pallet_settlement::LpsQueue::<Runtime>::insert(d + 1, (ppa, id), ());
	id
}

/// A bill of INR 1 crore (1,00,00,000) due on day D, unpaid, on 30-day months at the base rate
/// of 13.65 %: month k accrues at 13.65 % + 0.5 % x (k - 1), at most 16.65 %.
/// - Month 1, D + 15: 1,00,00,000 x 0.1365 x 15 / 365 = 56,095.890410.
/// - Month 2, D + 45: 1,00,00,000 x (0.1365 x 30 + 0.1415 x 15) / 365 = 1,70,342.465753.
/// - Month 7, D + 195: 1,00,00,000 x (30 x (0.1365 + 0.1415 + 0.1465 + 0.1515 + 0.1565 +
///   0.1615) + 15 x 0.1665) / 365 = 8,03,219.178082.
/// - Month 8, D + 225: 1,00,00,000 x (30 x 0.894 + 30 x 0.1665 + 15 x 0.1665) / 365
///   = 9,40,068.493150.
///
/// (Rounded down to the unit of 10^-6 INR.) At each, every read says the same.
#[test]
fn lps_reads_agree_at_months_1_2_7_and_8_of_default_on_1_crore_rule_13() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		let mut t = terms(today, today + 400, 2_000_000);
		t.billing_period = BillingPeriod::Daily;
		let ppa = common::singrauli_ppa(t);
		// The bill, presented today and due in 45 days, as presentation writes it.
		let (p, d) = (today, today + 45);
		let crore = inr(10_000_000);
		let id = unpaid_bill(ppa, p, d, crore);
		let mut n = 2;
		for (days_after_d, lps) in [
			(15, 56_095_890_410u128),
			(45, 170_342_465_753),
			(195, 803_219_178_082),
			(225, 940_068_493_150),
		] {
			let day = d + days_after_d;
			// A block a day so that the LPS hook steps each bill's month as a node would.
			while GridClock::today() < day {
				let next = GridClock::today() + 1;
				block(n, NOV_24_IST_MIDNIGHT + u64::from(next - today) * DAY_MS);
				n += 1;
			}
			assert_eq!(GridClock::today(), day);
			let ledger = views::ledger(ppa).unwrap();
			let bills = views::bills(ppa, p - 1, p - 1).unwrap();
			let buyer = views::buyer_dues(account(Charlie));
			let seller = views::seller_dues(account(Bob));
			let dues = Settlement::ppa_dues(ppa);
			let view = views::ppa_dues(ppa).unwrap();
			let bill = <Settlement as DuesLedger>::bill_dues(ppa, id).unwrap();
			assert_eq!(
				[ledger.lps, bills[0].lps, buyer.lps, seller.lps, dues.lps, view.lps, bill.lps],
				[lps; 7],
				"LPS {days_after_d} days after D"
			);
			assert_eq!(ledger.outstanding, crore);
			pallet_settlement::Pallet::<Runtime>::do_try_state().unwrap();
		}
	});
}

/// LPS Rules 2022, rule 5 (rule 13), through the runtime's `pay`: Charlie owes Bob on two
/// PPAs. Under PPA 1 (Rihand) INR 20 lakh fell due on D = day 45; under PPA 0 (Singrauli)
/// INR 10 lakh on D + 10. On D + 20 the first is 20 days overdue, the second 10: LPS
/// 20,00,000 x 0.1365 x 20 / 365 = 14,958.904109 and 10,00,000 x 0.1365 x 10 / 365
/// = 3,739.726027. Charlie pays INR 25 lakh naming PPA 0: 18,698.630136 to LPS, the older
/// 20 lakh of PPA 1 in full, and 4,81,301.369864 to PPA 0's bill.
#[test]
fn a_payment_reaches_the_longest_overdue_bill_of_every_ppa_of_the_pair_rule_13() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		let mut t = terms(today, today + 400, 2_000_000);
		t.billing_period = BillingPeriod::Daily;
		let singrauli = common::singrauli_ppa(t.clone());
		// A second PPA of the same pair, for Rihand.
		t.station = BoundedVec::truncate_from(b"Rihand STPS".to_vec());
		let rihand = pallet_registry::NextPpaId::<Runtime>::get();
		let propose = ppa_runtime::RuntimeCall::Registry(pallet_registry::Call::propose_ppa {
			seller: account(Bob),
			buyer: account(Charlie),
			ldc: account(sp_keyring::Sr25519Keyring::Ferdie),
			terms: t,
		});
		frame_support::assert_ok!(sp_runtime::traits::Dispatchable::dispatch(
			propose,
			ppa_runtime::RuntimeOrigin::signed(account(Bob))
		));
		let sign = ppa_runtime::RuntimeCall::Registry(pallet_registry::Call::sign_ppa {
			ppa: rihand,
			terms_hash: ppa_runtime::Registry::proposal_hash(rihand).unwrap(),
		});
		frame_support::assert_ok!(sp_runtime::traits::Dispatchable::dispatch(
			sign,
			ppa_runtime::RuntimeOrigin::signed(account(Charlie))
		));
		let d = today + 45;
		let newer = unpaid_bill(singrauli, today + 10, d + 10, inr(1_000_000));
		let older = unpaid_bill(rihand, today, d, inr(2_000_000));
		let mut n = 2;
		while GridClock::today() < d + 20 {
			let next = GridClock::today() + 1;
			block(n, NOV_24_IST_MIDNIGHT + u64::from(next - today) * DAY_MS);
			n += 1;
		}
		let (bob, charlie) = (
			ppa_runtime::Balances::free_balance(account(Bob)),
			ppa_runtime::Balances::free_balance(account(Charlie)),
		);
		let pay = common::pay(singrauli, inr(2_500_000));
		frame_support::assert_ok!(sp_runtime::traits::Dispatchable::dispatch(
			ppa_runtime::RuntimeCall::Settlement(pay),
			ppa_runtime::RuntimeOrigin::signed(account(Charlie))
		));
		assert_eq!(ppa_runtime::Balances::free_balance(account(Bob)), bob + inr(2_500_000));
		assert_eq!(ppa_runtime::Balances::free_balance(account(Charlie)), charlie - inr(2_500_000));
		let a = pallet_settlement::Bills::<Runtime>::get(rihand, older).unwrap();
		let b = pallet_settlement::Bills::<Runtime>::get(singrauli, newer).unwrap();
		assert_eq!((a.lps_paid, a.paid, a.outstanding), (14_958_904_109, inr(2_000_000), 0));
		assert_eq!((b.lps_paid, b.paid), (3_739_726_027, 481_301_369_864));
		assert_eq!(b.outstanding, inr(1_000_000) - 481_301_369_864);
		pallet_settlement::Pallet::<Runtime>::do_try_state().unwrap();
	});
}
