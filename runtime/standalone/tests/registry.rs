//! The registry through the runtime's own calls: onboard a generator, two discoms and a bank;
//! create, sign, amend and terminate PPAs (docs/rules.md, section A).

mod common;

use common::{account, block, genesis_storage, register, sudo, terms, NOV_24_IST_MIDNIGHT};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use ppa_primitives::{GridTime, PpaRegistry, PpaStatus, Role};
use ppa_runtime::{
	AccountId, GridClock, Registry, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Dispatchable;

type RegistryCall = pallet_registry::Call<Runtime>;
type RegistryEvent = pallet_registry::Event<Runtime>;

fn signed(
	who: Sr25519Keyring,
	call: RegistryCall,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	RuntimeCall::Registry(call).dispatch(RuntimeOrigin::signed(account(who)))
}

fn registry_events() -> Vec<RegistryEvent> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Registry(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn onboard_create_sign_amend_and_terminate_ppas_through_the_runtime() {
	use Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		// The dev clock: 150x real time from 24 Nov 2026 00:00 IST.
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		assert_eq!(today, 20_781);

		// Onboarding by the admin (sudo on the dev chain).
		register(Bob, Role::Generator, "NTPC Singrauli");
		register(Charlie, Role::Buyer, "UPPCL");
		register(Dave, Role::Buyer, "MPPMCL");
		register(Eve, Role::Bank, "State Bank of India");
		register(Ferdie, Role::LoadDespatchCentre, "NRLDC");
		assert!(<Registry as ppa_primitives::ParticipantRoles<AccountId>>::has_active_role(
			&account(Eve),
			Role::Bank
		));
		// Only the admin registers.
		assert_noop!(
			signed(
				Alice,
				RegistryCall::register_participant {
					who: account(Alice),
					roles: BoundedVec::truncate_from(vec![Role::Generator]),
					name: BoundedVec::truncate_from(b"x".to_vec()),
					legal_id_hash: Default::default(),
				}
			),
			sp_runtime::DispatchError::BadOrigin
		);

		// Bob proposes to both discoms; each countersigns.
		let first = terms(today + 1, today + 365, 2_500_000);
		assert_ok!(signed(
			Bob,
			RegistryCall::propose_ppa {
				seller: account(Bob),
				buyer: account(Charlie),
				ldc: account(Ferdie),
				terms: first.clone(),
			}
		));
		assert_ok!(signed(
			Bob,
			RegistryCall::propose_ppa {
				seller: account(Bob),
				buyer: account(Dave),
				ldc: account(Ferdie),
				terms: terms(today, today + 730, 2_400_000),
			}
		));
		assert_ok!(signed(
			Charlie,
			RegistryCall::sign_ppa {
				ppa: 0,
				terms_hash: ppa_runtime::Registry::proposal_hash(0).unwrap()
			}
		));
		assert_ok!(signed(
			Dave,
			RegistryCall::sign_ppa {
				ppa: 1,
				terms_hash: ppa_runtime::Registry::proposal_hash(1).unwrap()
			}
		));
		assert_eq!(Registry::status(0), Some(PpaStatus::Signed));
		assert_eq!(Registry::status(1), Some(PpaStatus::Active));
		assert_eq!(Registry::ppas_of_seller(&account(Bob)), vec![0, 1]);

		// 96 blocks of 6 s at rate 150 are one grid day: PPA 0 starts by itself.
		block(2, NOV_24_IST_MIDNIGHT + 96 * 6_000);
		assert_eq!(GridClock::today(), today + 1);
		assert_eq!(Registry::status(0), Some(PpaStatus::Active));

		// Charlie proposes a lower energy rate from day +10; Bob countersigns.
		let mut revised = first.clone();
		revised.energy_rate = 2_300_000;
		assert_ok!(signed(
			Charlie,
			RegistryCall::propose_amendment {
				ppa: 0,
				terms: revised.clone(),
				effective_from: today + 10,
			}
		));
		assert_ok!(signed(
			Bob,
			RegistryCall::sign_amendment {
				ppa: 0,
				amendment_hash: Registry::pending_amendment_hash(0).unwrap()
			}
		));
		assert_eq!(Registry::terms_on(0, today + 9), Some(first));
		assert_eq!(Registry::terms_on(0, today + 10), Some(revised));

		// Bob and Dave end PPA 1 by mutual signature; the regulator (sudo) ends PPA 0.
		assert_ok!(signed(
			Dave,
			RegistryCall::propose_termination { ppa: 1, reason: [3u8; 32].into() }
		));
		assert_ok!(signed(
			Bob,
			RegistryCall::sign_termination { ppa: 1, reason: [3u8; 32].into() }
		));
		sudo(RegistryCall::terminate_by_regulator { ppa: 0, reason: [4u8; 32].into() });
		assert_eq!(Registry::status(0), Some(PpaStatus::Terminated));
		assert_eq!(Registry::status(1), Some(PpaStatus::Terminated));

		let events = registry_events();
		assert_eq!(
			events
				.iter()
				.filter(|e| matches!(e, RegistryEvent::ParticipantRegistered { .. }))
				.count(),
			5,
			"two discoms, a generator, a bank and the load despatch centre"
		);
		assert!(events.iter().any(|e| matches!(e, RegistryEvent::PpaActivated { ppa: 0, .. })));
		assert!(events
			.iter()
			.any(|e| matches!(e, RegistryEvent::AmendmentSigned { ppa: 0, version: 1, .. })));
		assert!(events.iter().any(|e| matches!(
			e,
			RegistryEvent::PpaTerminated { ppa: 1, by: pallet_registry::TerminatedBy::Parties, .. }
		)));
		assert!(events.iter().any(|e| matches!(
			e,
			RegistryEvent::PpaTerminated {
				ppa: 0,
				by: pallet_registry::TerminatedBy::Regulator,
				..
			}
		)));
	});
}

/// Issue "Robust at the edges": every PPA aligned to the financial year ends on 31 March.
/// 2,000 of them (twice what one day's queue once held) all sign, and on 1 April the hook
/// expires every one, 64 a block (the registry's `MaxHookWeight` holds 64 transitions): the
/// queue keeps one entry per PPA and a cursor, so 100,000 PPAs would take 1,563 blocks (under
/// three hours of 6 s blocks) and none is refused at signing. Ended, they leave their parties' bounded indexes.
#[test]
fn two_thousand_ppas_ending_on_31_march_all_sign_and_all_expire() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		block(1, NOV_24_IST_MIDNIGHT);
		let today = GridClock::today();
		let march_31 = 20_908; // 2027-03-31
		let party = |kind: u8, i: u32| {
			let mut raw = [kind; 32];
			raw[..4].copy_from_slice(&i.to_le_bytes());
			AccountId::from(raw)
		};
		let enrol = |who: AccountId, role: Role| {
			sudo(pallet_registry::Call::<Runtime>::register_participant {
				who,
				roles: BoundedVec::truncate_from(vec![role]),
				name: BoundedVec::truncate_from(b"participant".to_vec()),
				legal_id_hash: [1u8; 32].into(),
			})
		};
		// Eight generators and eight discoms (at most 256 PPAs each), one LDC.
		for i in 0..8 {
			enrol(party(1, i), Role::Generator);
			enrol(party(2, i), Role::Buyer);
		}
		enrol(account(Sr25519Keyring::Ferdie), Role::LoadDespatchCentre);
		let n: u32 = 2_000;
		for k in 0..n {
			let (seller, buyer) = (party(1, k % 8), party(2, (k / 8) % 8));
			let ppa = pallet_registry::NextPpaId::<Runtime>::get();
			assert_ok!(RuntimeCall::Registry(RegistryCall::propose_ppa {
				seller: seller.clone(),
				buyer: buyer.clone(),
				ldc: account(Sr25519Keyring::Ferdie),
				terms: terms(today + 1, march_31, 2_000_000),
			})
			.dispatch(RuntimeOrigin::signed(seller)));
			assert_ok!(RuntimeCall::Registry(RegistryCall::sign_ppa {
				ppa,
				terms_hash: Registry::proposal_hash(ppa).unwrap(),
			})
			.dispatch(RuntimeOrigin::signed(buyer)));
		}
		assert_eq!(
			pallet_registry::TransitionQueue::<Runtime>::iter_key_prefix(march_31 + 1).count(),
			n as usize
		);
		let queued =
			|day| pallet_registry::TransitionQueue::<Runtime>::iter_key_prefix(day).count();
		let day_ms = 96 * 6_000;
		let midnight_of = |day: u32| NOV_24_IST_MIDNIGHT + u64::from(day - today) * day_ms;
		// Tomorrow they all start, 64 a block; on 1 April 2027 they all expire, 64 a block. The
		// chain makes blocks every day in between, and its hooks walk each day as it comes.
		let mut number = 1;
		let mut last_day = today;
		for (day, status) in [(today + 1, PpaStatus::Active), (march_31 + 1, PpaStatus::Expired)] {
			for between in last_day + 1..day {
				number += 1;
				block(number, midnight_of(between));
			}
			last_day = day;
			let midnight = midnight_of(day);
			let mut blocks = 0;
			while queued(day) > 0 {
				blocks += 1;
				number += 1;
				block(number, midnight + u64::from(blocks));
				assert!(blocks <= n.div_ceil(64), "the queue drains at 64 a block");
			}
			assert_eq!(blocks, n.div_ceil(64));
			assert!((0..n).all(|ppa| Registry::status(ppa) == Some(status)));
		}
		// Ended, they left their parties' bounded indexes (each party may sign 256 more) and
		// stay readable among its ended PPAs.
		for i in 0..8 {
			assert!(Registry::ppas_of_seller(&party(1, i)).is_empty());
			assert!(Registry::ppas_of_buyer(&party(2, i)).is_empty());
			assert_eq!(Registry::every_ppa_of_seller(&party(1, i)).len(), 250);
		}
		let bought: usize = (0..8).map(|i| Registry::every_ppa_of_buyer(&party(2, i)).len()).sum();
		assert_eq!(bought, n as usize);
	});
}
