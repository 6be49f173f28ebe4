//! A consortium's chain governs itself without a sudo key: its council's motions of at least
//! two thirds are the admin origin (onboarding, validators, runtime upgrades, the council's own
//! membership); a non-member cannot propose, one member alone cannot act, and no motion mints,
//! burns or takes root. Played on the genesis that `ppa-node consortium-spec` builds
//! ([`genesis::consortium_chain`]), with operators' keys that are not the dev keys.

mod common;

use codec::Encode;
use common::genesis_storage_of;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::fungible::Inspect};
use ppa_primitives::{money::inr, Role};
use ppa_runtime::{
	genesis::{self, Consortium},
	opaque::SessionKeys,
	AccountId, Balances, Registry, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use sp_core::{
	crypto::Pair as _, ed25519, proof_of_possession::ProofOfPossessionGenerator, sr25519, H256,
};
use sp_runtime::{
	traits::{BlakeTwo256, Dispatchable, Hash},
	BoundedVec, DispatchError,
};

type CouncilCall = pallet_collective::Call<Runtime, pallet_collective::Instance1>;
type CouncilEvent = pallet_collective::Event<Runtime, pallet_collective::Instance1>;

/// The account of the secret URI `suri` (sr25519).
fn id(suri: &str) -> AccountId {
	sr25519::Pair::from_string(suri, None).expect("a valid URI").public().into()
}

/// Operator `n`'s validator account and session keys, from its own secret URIs.
fn operator(n: u32) -> (AccountId, SessionKeys) {
	let aura = sr25519::Pair::from_string(&format!("//Operator-{n}//aura"), None).unwrap();
	let grandpa = ed25519::Pair::from_string(&format!("//Operator-{n}//grandpa"), None).unwrap();
	(
		id(&format!("//Operator-{n}")),
		SessionKeys { aura: aura.public().into(), grandpa: grandpa.public().into() },
	)
}

fn member(n: u32) -> AccountId {
	operator(n).0
}

/// Operator `n` registers its session keys with the proof that it holds them (each key's
/// proof of possession over the operator's account).
fn set_keys(n: u32) -> pallet_session::Call<Runtime> {
	let (who, keys) = operator(n);
	let owner = who.encode();
	let mut aura = sr25519::Pair::from_string(&format!("//Operator-{n}//aura"), None).unwrap();
	let mut grandpa =
		ed25519::Pair::from_string(&format!("//Operator-{n}//grandpa"), None).unwrap();
	let proof =
		(aura.generate_proof_of_possession(&owner), grandpa.generate_proof_of_possession(&owner))
			.encode();
	pallet_session::Call::<Runtime>::set_keys { keys, proof }
}

/// Four grid operators validate and sit on the council; CERC is the regulator; a discom is
/// registered; each of them holds INR 1,000 for fees, and the fifth operator (a validator to
/// be) INR 1,000.
fn consortium() -> Consortium {
	let validators: Vec<_> = (1..=4).map(operator).collect();
	let mut endowments: Vec<_> = (1..=5).map(|n| (member(n), inr(1_000))).collect();
	endowments.push((id("//CERC"), inr(1_000)));
	endowments.push((id("//UPPCL"), inr(1_000)));
	Consortium {
		council: validators.iter().map(|(who, _)| who.clone()).collect(),
		validators,
		session_length: 600,
		nodes: vec![],
		participants: vec![
			(id("//CERC"), vec![Role::Regulator], b"CERC".to_vec()),
			(id("//UPPCL"), vec![Role::Buyer], b"UPPCL".to_vec()),
		],
		endowments,
	}
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

/// Dispatches `call` signed by `who`.
fn signed(who: &AccountId, call: impl Into<RuntimeCall>) -> Result<(), DispatchError> {
	call.into().dispatch(RuntimeOrigin::signed(who.clone())).map(|_| ()).map_err(|e| e.error)
}

/// Member `proposer` moves `call` with threshold `threshold`; returns its hash and index.
fn propose(proposer: u32, threshold: u32, call: impl Into<RuntimeCall>) -> (H256, u32) {
	let call: RuntimeCall = call.into();
	let length_bound = call.encoded_size() as u32;
	let hash = BlakeTwo256::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(signed(
		&member(proposer),
		CouncilCall::propose { threshold, proposal: Box::new(call), length_bound }
	));
	(hash, index)
}

/// The outcome of the last motion `hash` as the council reported it on execution.
fn executed(hash: H256) -> Option<Result<(), DispatchError>> {
	events().into_iter().rev().find_map(|e| match e {
		RuntimeEvent::Council(CouncilEvent::Executed { proposal_hash, result })
			if proposal_hash == hash =>
		{
			Some(result)
		},
		_ => None,
	})
}

/// A motion of `call` moved by the first of `ayes`, voted aye by each of them (the proposer's
/// own vote too: proposing is not voting), and closed; returns what its execution gave.
fn motion(ayes: &[u32], call: impl Into<RuntimeCall>) -> Result<(), DispatchError> {
	motion_of(3, ayes, call)
}

/// [`motion`] with the motion's own `threshold` of ayes.
fn motion_of(
	threshold: u32,
	ayes: &[u32],
	call: impl Into<RuntimeCall>,
) -> Result<(), DispatchError> {
	let call: RuntimeCall = call.into();
	let weight = call.get_dispatch_info().call_weight;
	let length_bound = call.encoded_size() as u32;
	let (hash, index) = propose(ayes[0], threshold, call);
	for n in ayes {
		assert_ok!(signed(&member(*n), CouncilCall::vote { proposal: hash, index, approve: true }));
	}
	assert_ok!(close(ayes[0], hash, index, weight, length_bound));
	executed(hash).expect("a carried motion is executed")
}

/// Member `closer` closes the motion `hash` at `index`.
fn close(
	closer: u32,
	hash: H256,
	index: u32,
	weight: frame_support::weights::Weight,
	length_bound: u32,
) -> Result<(), DispatchError> {
	signed(
		&member(closer),
		CouncilCall::close {
			proposal_hash: hash,
			index,
			proposal_weight_bound: weight,
			length_bound,
		},
	)
}

fn register(who: &AccountId) -> pallet_registry::Call<Runtime> {
	pallet_registry::Call::<Runtime>::register_participant {
		who: who.clone(),
		roles: BoundedVec::truncate_from(vec![Role::Generator]),
		name: BoundedVec::truncate_from(b"NTPC Singrauli".to_vec()),
		legal_id_hash: [1u8; 32].into(),
	}
}

#[test]
fn a_consortium_chain_has_no_sudo_key_no_dev_account_and_its_council() {
	genesis_storage_of(genesis::consortium_chain(&consortium())).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		let mut council = (1..=4).map(member).collect::<Vec<_>>();
		council.sort();
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			council
		);
		assert_eq!(Balances::total_issuance(), inr(7_000), "only the listed balances");
		assert!(pallet_grid_clock::Rate::<Runtime>::get() == 1);
		assert!(!pallet_grid_clock::Adjustable::<Runtime>::get());
		for who in frame_system::Account::<Runtime>::iter_keys() {
			assert!(!genesis::is_dev_key(who.as_ref()), "no dev account holds anything");
		}
		// sudo answers no one: not even a member of the council.
		let sudo =
			pallet_sudo::Call::<Runtime>::sudo { call: Box::new(register(&id("//NTPC")).into()) };
		assert_noop!(signed(&member(1), sudo), pallet_sudo::Error::<Runtime>::RequireSudo);
	});
}

#[test]
fn two_thirds_of_the_council_onboard_and_no_fewer_and_no_outsider() {
	genesis_storage_of(genesis::consortium_chain(&consortium())).execute_with(|| {
		System::set_block_number(1);
		let ntpc = id("//NTPC");
		// An outsider (even a registered participant) neither acts as admin nor proposes.
		assert_noop!(signed(&id("//UPPCL"), register(&ntpc)), DispatchError::BadOrigin);
		assert_noop!(
			signed(
				&id("//UPPCL"),
				CouncilCall::propose {
					threshold: 1,
					proposal: Box::new(register(&ntpc).into()),
					length_bound: 1_000
				}
			),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		// One member alone: the motion executes at once with one of four, which is refused.
		let (hash, _) = propose(1, 1, register(&ntpc));
		assert_eq!(executed(hash), Some(Err(DispatchError::BadOrigin)));
		// A motion that two members carry by its own threshold of two executes, and is refused:
		// two of four is below two thirds.
		assert_eq!(motion_of(2, &[1, 2], register(&ntpc)), Err(DispatchError::BadOrigin));
		// Two of four ayes do not carry a motion of three: closing is too early while two may
		// still vote.
		let call: RuntimeCall = register(&ntpc).into();
		let weight = call.get_dispatch_info().call_weight;
		let length_bound = call.encoded_size() as u32;
		let (hash, index) = propose(1, 3, call);
		for n in [1, 2] {
			assert_ok!(signed(
				&member(n),
				CouncilCall::vote { proposal: hash, index, approve: true }
			));
		}
		assert_noop!(
			close(1, hash, index, weight, length_bound),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::TooEarly
		);
		assert!(pallet_registry::Participants::<Runtime>::get(&ntpc).is_none());
		// The third aye carries it.
		assert_ok!(signed(&member(3), CouncilCall::vote { proposal: hash, index, approve: true }));
		assert_ok!(close(1, hash, index, weight, length_bound));
		assert_eq!(executed(hash), Some(Ok(())));
		assert!(<Registry as ppa_primitives::ParticipantRoles<AccountId>>::has_active_role(
			&ntpc,
			Role::Generator
		));
	});
}

#[test]
fn the_council_adds_a_validator_authorizes_an_upgrade_and_changes_itself() {
	genesis_storage_of(genesis::consortium_chain(&consortium())).execute_with(|| {
		System::set_block_number(1);
		// The fifth operator registers its session keys, then the council adds it.
		let fifth = member(5);
		assert_ok!(signed(&fifth, set_keys(5)));
		let add = pallet_validator_set::Call::<Runtime>::add_validator { who: fifth.clone() };
		assert_noop!(signed(&member(1), add.clone()), DispatchError::BadOrigin);
		assert_eq!(motion(&[1, 2, 3], add), Ok(()));
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&fifth));

		// A runtime upgrade: the council authorizes the code's hash; the upload needs no origin.
		let code_hash = H256::repeat_byte(0x42);
		let authorize = pallet_validator_set::Call::<Runtime>::authorize_upgrade { code_hash };
		assert_noop!(signed(&member(1), authorize.clone()), DispatchError::BadOrigin);
		assert_eq!(motion(&[2, 3, 4], authorize), Ok(()));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash: h, check_version: true })
				if *h == code_hash
		)));
		assert_noop!(
			signed(&member(1), frame_system::Call::<Runtime>::apply_authorized_upgrade { code: vec![1, 2, 3] }),
			frame_system::Error::<Runtime>::Unauthorized
		);

		// The council replaces its fourth member by the fifth operator.
		let mut members: Vec<_> = [1, 2, 3, 5].map(member).to_vec();
		let set = CouncilCall::set_members { new_members: members.clone(), prime: None, old_count: 4 };
		assert_eq!(motion(&[1, 2, 4], set), Ok(()));
		members.sort();
		assert_eq!(pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(), members);

		// It cannot shrink below three members: no one governs alone, nor does no one.
		// Nor hold a member twice: a seat that cannot vote.
		for few in [
			vec![],
			vec![member(1)],
			vec![member(1), member(2)],
			vec![member(1), member(1), member(2), member(3)],
		] {
			let old_count = 4;
			let set = CouncilCall::set_members { new_members: few, prime: None, old_count };
			assert_eq!(motion(&[1, 2, 3], set), Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		}
		assert_eq!(pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(), members);
	});
}

/// A prime member's aye does not carry a motion the others did not vote for: after the motion
/// duration, absent members count as nay.
#[test]
fn absent_members_vote_nay_whoever_is_prime() {
	genesis_storage_of(genesis::consortium_chain(&consortium())).execute_with(|| {
		System::set_block_number(1);
		let members: Vec<_> = (1..=4).map(member).collect();
		let prime =
			CouncilCall::set_members { new_members: members, prime: Some(member(1)), old_count: 4 };
		assert_eq!(motion(&[1, 2, 3], prime), Ok(()));
		let call: RuntimeCall = register(&id("//NTPC")).into();
		let weight = call.get_dispatch_info().call_weight;
		let length_bound = call.encoded_size() as u32;
		let (hash, index) = propose(1, 3, call);
		assert_ok!(signed(&member(1), CouncilCall::vote { proposal: hash, index, approve: true }));
		System::set_block_number(1 + ppa_runtime::configs::CouncilMotionDuration::get() + 1);
		assert_ok!(close(1, hash, index, weight, length_bound));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Council(CouncilEvent::Disapproved { proposal_hash }) if *proposal_hash == hash
		)));
		assert_eq!(executed(hash), None, "never executed");
		assert!(pallet_registry::Participants::<Runtime>::get(id("//NTPC")).is_none());
	});
}

/// Nothing the council carries mints, burns or becomes root: the balances' force calls, the
/// runtime code and a sudo key are root's, and a unanimous motion is refused them; no account
/// burns its own funds; the total issuance stays what genesis listed.
#[test]
fn no_motion_mints_money_or_takes_root() {
	genesis_storage_of(genesis::consortium_chain(&consortium())).execute_with(|| {
		System::set_block_number(1);
		let issuance = Balances::total_issuance();
		let rich = member(1);
		let root_only: Vec<RuntimeCall> = vec![
			pallet_balances::Call::<Runtime>::force_set_balance {
				who: rich.clone().into(),
				new_free: inr(1_000_000),
			}
			.into(),
			pallet_balances::Call::<Runtime>::force_adjust_total_issuance {
				direction: pallet_balances::AdjustmentDirection::Increase,
				delta: inr(1_000_000),
			}
			.into(),
			pallet_balances::Call::<Runtime>::force_transfer {
				source: id("//UPPCL").into(),
				dest: rich.clone().into(),
				value: inr(500),
			}
			.into(),
			pallet_sudo::Call::<Runtime>::set_key { new: rich.clone().into() }.into(),
			frame_system::Call::<Runtime>::set_code { code: vec![0; 8] }.into(),
			frame_system::Call::<Runtime>::authorize_upgrade { code_hash: H256::zero() }.into(),
		];
		for call in root_only {
			let what = format!("{:?}", call);
			let result = motion(&[1, 2, 3, 4], call);
			assert!(result == Err(DispatchError::BadOrigin), "{what} refused, got {result:?}");
			System::reset_events();
		}
		// Nor may an account burn its own money.
		assert_noop!(
			signed(
				&rich,
				pallet_balances::Call::<Runtime>::burn { value: inr(1), keep_alive: true }
			),
			frame_system::Error::<Runtime>::CallFiltered
		);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(Balances::balance(&id("//UPPCL")), inr(1_000));
	});
}
