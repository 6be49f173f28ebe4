//! Payment security through the runtime's own calls, with the real registry and balances: a
//! bank opens an LC for a discom's PPA, the discom deposits advance, the LC is drawn and a
//! bill paid from advance, the LC lapses unrestored and is closed, the discom repays the bank
//! (rules 4, 14-17). No money is created or lost on the way.

mod common;

use common::{account, block, genesis_storage, register, sudo, terms, NOV_24_IST_MIDNIGHT};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use ppa_primitives::{
	money::inr, Balance, GridTime, PaymentSecurity, PsmFailure, Role, SecurityPayments,
};
use ppa_runtime::{
	Balances, Escrow, GridClock, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason,
	RuntimeOrigin, System,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::Dispatchable;

type EscrowCall = pallet_escrow::Call<Runtime>;
type EscrowEvent = pallet_escrow::Event<Runtime>;

/// Real milliseconds per grid day on the dev chain (clock rate 150).
const GRID_DAY_MS: u64 = 86_400_000 / 150;

fn escrow(
	who: Sr25519Keyring,
	call: EscrowCall,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	RuntimeCall::Escrow(call).dispatch(RuntimeOrigin::signed(account(who)))
}

fn total(who: Sr25519Keyring) -> Balance {
	Balances::total_balance(&account(who))
}

fn escrow_events() -> Vec<EscrowEvent> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Escrow(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn lc_and_advance_secure_a_ppa_and_every_rupee_is_accounted_for() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		register(Bob, Role::Generator, "NTPC Singrauli");
		register(Charlie, Role::Buyer, "UPPCL");
		register(Eve, Role::Bank, "State Bank of India");
		register(Ferdie, Role::LoadDespatchCentre, "NRLDC");
		// 250 MW at INR 900 per kW-month and INR 2.50 per kWh.
		assert_ok!(RuntimeCall::Registry(pallet_registry::Call::propose_ppa {
			seller: account(Bob),
			buyer: account(Charlie),
			ldc: account(Ferdie),
			terms: terms(today, today + 5 * 365, 2_500_000),
		})
		.dispatch(RuntimeOrigin::signed(account(Bob))));
		assert_ok!(RuntimeCall::Registry(pallet_registry::Call::sign_ppa {
			ppa: 0,
			terms_hash: ppa_runtime::Registry::proposal_hash(0).unwrap()
		})
		.dispatch(RuntimeOrigin::signed(account(Charlie))));
		// The bank and the discom get the funds an LC of this size needs.
		for (who, rupees) in [(Eve, 1_000_000_000), (Charlie, 100_000_000)] {
			sudo(pallet_balances::Call::<Runtime>::force_set_balance {
				who: account(who).into(),
				new_free: inr(rupees),
			});
		}
		let issuance = Balances::total_issuance();
		let before = [Bob, Charlie, Eve].map(total);

		// Required cover (rule 15, before 12 bills): 250,000 kW x INR 900 = 22.5 crore
		// plus 250,000 kW x 730 h x 80 % x INR 2.50 = 36.5 crore; 110 % of 59 crore.
		let required = inr(649_000_000);
		assert_eq!(Escrow::coverage(0, today).required, required);
		assert!(!Escrow::coverage(0, today).adequate);

		// Only a bank opens an LC.
		let lc_terms = pallet_escrow::LcTerms {
			amount: required,
			expiry_day: today + 364,
			revolving: true,
			drawals_per_month: 1,
			restore_within_days: 15,
		};
		assert_noop!(
			escrow(Dave, EscrowCall::open_letter_of_credit { ppa: 0, terms: lc_terms }),
			pallet_escrow::Error::<Runtime>::NotABank
		);
		assert_noop!(
			escrow(Eve, EscrowCall::open_letter_of_credit { ppa: 0, terms: lc_terms }),
			pallet_escrow::Error::<Runtime>::NoLcRequest
		);
		assert_ok!(escrow(
			Charlie,
			EscrowCall::request_letter_of_credit { ppa: 0, bank: account(Eve), terms: lc_terms }
		));
		assert_ok!(escrow(Eve, EscrowCall::open_letter_of_credit { ppa: 0, terms: lc_terms }));
		assert_ok!(escrow(Charlie, EscrowCall::deposit_advance { ppa: 0, amount: inr(5_000_000) }));
		let cover = Escrow::coverage(0, today);
		assert_eq!((cover.letters_of_credit, cover.advance), (required, inr(5_000_000)));
		assert!(cover.adequate);
		let lc_hold: RuntimeHoldReason = pallet_escrow::HoldReason::LetterOfCredit.into();
		assert_eq!(Balances::balance_on_hold(&lc_hold, &account(Eve)), required);

		// Settlement pays a bill from advance; defaults draws the LC for an overdue bill.
		assert_eq!(Escrow::pay_from_advance(0, inr(1_000_000)), Ok(inr(1_000_000)));
		assert_eq!(Escrow::draw_letters_of_credit(0, inr(20_000_000)), Ok(inr(20_000_000)));

		// Sixteen grid days later the bank has not restored the LC: it lapses by itself.
		block(2, NOV_24_IST_MIDNIGHT + 16 * GRID_DAY_MS);
		assert_eq!(GridClock::today(), today + 16);
		let events = escrow_events();
		assert!(events.contains(&EscrowEvent::LcRestorationMissed {
			lc: 0,
			ppa: 0,
			bank: account(Eve),
			buyer: account(Charlie),
			shortfall: inr(20_000_000),
		}));
		assert!(events.contains(&EscrowEvent::PsmFailed {
			ppa: 0,
			failure: PsmFailure::LcNotRestored,
			available: inr(4_000_000),
			required,
		}));
		assert!(!Escrow::coverage(0, today + 16).adequate);

		// The bank closes the lapsed LC; the discom repays it half of the drawal.
		assert_ok!(escrow(Eve, EscrowCall::close_letter_of_credit { lc: 0 }));
		assert_ok!(escrow(
			Charlie,
			EscrowCall::reimburse_bank { bank: account(Eve), amount: inr(10_000_000) }
		));
		assert_eq!(
			pallet_escrow::ReimbursementsOwed::<Runtime>::get(account(Eve), account(Charlie)),
			inr(10_000_000)
		);
		assert_eq!(Balances::balance_on_hold(&lc_hold, &account(Eve)), 0);

		// Every rupee is accounted for: the seller got 2 crore (LC) + 10 lakh (advance); the
		// bank paid 2 crore and got 1 crore back; the discom paid 10 lakh and 1 crore.
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(total(Bob), before[0] + inr(21_000_000));
		assert_eq!(total(Eve), before[2] - inr(10_000_000));
		assert_eq!(total(Charlie), before[1] - inr(11_000_000));
	});
}
