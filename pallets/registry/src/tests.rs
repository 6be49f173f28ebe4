//! Tests of the registry: participants, the PPA lifecycle, amendments, terminations, and the
//! rules of docs/rules.md section A they implement.

use crate::{mock::*, validation::tests::terms, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{EnsureOrigin, Hooks},
	BoundedVec,
};
use ppa_primitives::{
	Balance, GridDay, ParticipantRoles, PpaId, PpaParties, PpaRegistry, PpaStatus, PpaTerms, Role,
};
use sp_runtime::DispatchError;

fn roles(list: &[Role]) -> RoleList {
	BoundedVec::truncate_from(list.to_vec())
}

fn register(who: u64, list: &[Role]) {
	assert_ok!(Registry::register_participant(
		RuntimeOrigin::root(),
		who,
		roles(list),
		BoundedVec::truncate_from(format!("participant {who}").into_bytes()),
		[who as u8; 32].into(),
	));
}

/// Two generators, two discoms and a bank.
fn onboard() {
	register(GENCO, &[Role::Generator]);
	register(GENCO_2, &[Role::Generator]);
	register(DISCOM, &[Role::Buyer]);
	register(DISCOM_2, &[Role::Buyer]);
	register(BANK, &[Role::Bank]);
	register(NRLDC, &[Role::LoadDespatchCentre]);
}

/// The hash to countersign the proposal of `id` with (zero if none is pending).
fn ph(id: PpaId) -> ppa_primitives::DocumentHash {
	Registry::proposal_hash(id).unwrap_or_default()
}

/// The hash to countersign the pending amendment of `id` with (zero if none is pending).
fn ah(id: PpaId) -> ppa_primitives::DocumentHash {
	Registry::pending_amendment_hash(id).unwrap_or_default()
}

/// A year-long PPA starting in `start_in` days, proposed by the seller.
fn propose(seller: u64, buyer: u64, start_in: GridDay) -> PpaId {
	let id = NextPpaId::<Test>::get();
	let t = terms(START_DAY + start_in, START_DAY + start_in + 365);
	assert_ok!(Registry::propose_ppa(RuntimeOrigin::signed(seller), seller, buyer, NRLDC, t));
	id
}

/// A PPA proposed by the seller and signed by the buyer.
fn signed_ppa(seller: u64, buyer: u64, start_in: GridDay) -> PpaId {
	let id = propose(seller, buyer, start_in);
	assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(buyer), id, ph(id)));
	id
}

fn status(ppa: PpaId) -> Option<PpaStatus> {
	<Registry as PpaRegistry<u64>>::status(ppa)
}

/// Advances grid time to `day` and runs blocks until the hook's cursor has reached it (after a
/// jump of many days the hook catches up over several blocks).
fn next_block_on(day: GridDay) {
	set_today(day);
	loop {
		let n = System::block_number() + 1;
		System::set_block_number(n);
		Registry::on_initialize(n);
		if TransitionCursor::<Test>::get().is_some_and(|c| c >= day) {
			break;
		}
	}
}

// --- Participants ---------------------------------------------------------------------------

#[test]
fn rule_3_participants_are_registered_by_the_admin_with_roles() {
	run(|| {
		register(GENCO, &[Role::Generator, Role::MarketOperator]);
		System::assert_last_event(
			Event::ParticipantRegistered {
				who: GENCO,
				roles: roles(&[Role::Generator, Role::MarketOperator]),
			}
			.into(),
		);
		let p = Participants::<Test>::get(GENCO).unwrap();
		assert_eq!(p.name.to_vec(), b"participant 1".to_vec());
		assert_eq!(p.legal_id_hash, [1u8; 32].into());
		assert_eq!(p.registered_on, START_DAY);
		assert!(Registry::has_active_role(&GENCO, Role::Generator));
		assert!(!Registry::has_active_role(&GENCO, Role::Buyer));
		assert!(!Registry::has_active_role(&STRANGER, Role::Generator));
	});
}

#[test]
fn registration_refusals_name_their_reason() {
	run(|| {
		let name = || BoundedVec::truncate_from(b"x".to_vec());
		assert_noop!(
			Registry::register_participant(
				RuntimeOrigin::signed(ADMIN_NOT_ROOT),
				GENCO,
				roles(&[Role::Generator]),
				name(),
				Default::default()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::register_participant(
				RuntimeOrigin::root(),
				GENCO,
				roles(&[]),
				name(),
				Default::default()
			),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Registry::register_participant(
				RuntimeOrigin::root(),
				GENCO,
				roles(&[Role::Bank, Role::Bank]),
				name(),
				Default::default()
			),
			Error::<Test>::DuplicateRole
		);
		assert_noop!(
			Registry::register_participant(
				RuntimeOrigin::root(),
				GENCO,
				roles(&[Role::Bank]),
				BoundedVec::new(),
				Default::default()
			),
			Error::<Test>::EmptyName
		);
		register(GENCO, &[Role::Generator]);
		assert_noop!(
			Registry::register_participant(
				RuntimeOrigin::root(),
				GENCO,
				roles(&[Role::Bank]),
				name(),
				Default::default()
			),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn roles_change_and_are_kept_sorted() {
	run(|| {
		register(GENCO, &[Role::Generator]);
		assert_ok!(Registry::set_roles(
			RuntimeOrigin::root(),
			GENCO,
			roles(&[Role::MarketOperator, Role::Generator])
		));
		System::assert_last_event(
			Event::RolesChanged {
				who: GENCO,
				roles: roles(&[Role::Generator, Role::MarketOperator]),
			}
			.into(),
		);
		assert!(Registry::has_active_role(&GENCO, Role::MarketOperator));
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::root(), STRANGER, roles(&[Role::Bank])),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::root(), GENCO, roles(&[])),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::signed(GENCO), GENCO, roles(&[Role::Bank])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_suspended_participant_holds_no_active_role_until_reinstated() {
	run(|| {
		onboard();
		assert_ok!(Registry::suspend_participant(RuntimeOrigin::root(), DISCOM));
		System::assert_last_event(Event::ParticipantSuspended { who: DISCOM }.into());
		assert!(!Registry::has_active_role(&DISCOM, Role::Buyer));
		assert_noop!(
			Registry::suspend_participant(RuntimeOrigin::root(), DISCOM),
			Error::<Test>::AlreadySuspended
		);
		// A suspended buyer cannot be offered a PPA.
		assert_noop!(
			Registry::propose_ppa(
				RuntimeOrigin::signed(GENCO),
				GENCO,
				DISCOM,
				NRLDC,
				terms(START_DAY, START_DAY + 30)
			),
			Error::<Test>::BuyerNotDiscom
		);
		assert_ok!(Registry::reinstate_participant(RuntimeOrigin::root(), DISCOM));
		System::assert_last_event(Event::ParticipantReinstated { who: DISCOM }.into());
		assert!(Registry::has_active_role(&DISCOM, Role::Buyer));
		assert_noop!(
			Registry::reinstate_participant(RuntimeOrigin::root(), DISCOM),
			Error::<Test>::NotSuspended
		);
		assert_noop!(
			Registry::suspend_participant(RuntimeOrigin::root(), STRANGER),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Registry::reinstate_participant(RuntimeOrigin::root(), STRANGER),
			Error::<Test>::NotRegistered
		);
	});
}

// --- Proposing and signing ------------------------------------------------------------------

#[test]
fn rule_1_a_ppa_is_one_generator_selling_to_one_discom() {
	run(|| {
		onboard();
		let a = signed_ppa(GENCO, DISCOM, 0);
		let b = signed_ppa(GENCO, DISCOM_2, 0);
		assert_eq!(
			Registry::parties(a),
			Some(PpaParties { seller: GENCO, buyer: DISCOM, ldc: NRLDC })
		);
		assert_eq!(
			Registry::parties(b),
			Some(PpaParties { seller: GENCO, buyer: DISCOM_2, ldc: NRLDC })
		);
		assert_eq!(Registry::ppas_of_seller(&GENCO), vec![a, b]);
		assert_eq!(Registry::ppas_of_buyer(&DISCOM), vec![a]);
		assert_eq!(Registry::ppas_of_buyer(&DISCOM_2), vec![b]);
		assert_eq!(Registry::parties(99), None);
	});
}

#[test]
fn either_party_proposes_and_the_other_countersigns() {
	run(|| {
		onboard();
		// The buyer proposes this time; its signature is the proposal.
		let t = terms(START_DAY + 10, START_DAY + 375);
		assert_ok!(Registry::propose_ppa(
			RuntimeOrigin::signed(DISCOM),
			GENCO,
			DISCOM,
			NRLDC,
			t.clone()
		));
		System::assert_last_event(
			Event::PpaProposed {
				ppa: 0,
				seller: GENCO,
				buyer: DISCOM,
				ldc: NRLDC,
				proposer: DISCOM,
			}
			.into(),
		);
		let record = Ppas::<Test>::get(0).unwrap();
		assert_eq!(record.status, PpaStatus::Proposed);
		assert_eq!((record.seller_signed_at, record.buyer_signed_at), (None, Some(1)));
		assert_eq!(Proposals::<Test>::get(0), Some(t.clone()));
		// Nothing binds yet: no terms in force, no index entries.
		assert_eq!(Registry::terms_on(0, START_DAY + 10), None);
		assert!(Registry::ppas_of_seller(&GENCO).is_empty());

		System::set_block_number(5);
		assert_noop!(
			Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), 0, ph(0)),
			Error::<Test>::ProposerCannotCountersign
		);
		assert_noop!(
			Registry::sign_ppa(RuntimeOrigin::signed(DISCOM_2), 0, ph(0)),
			Error::<Test>::NotAParty
		);
		assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(GENCO), 0, ph(0)));
		System::assert_last_event(
			Event::PpaSigned {
				ppa: 0,
				seller: GENCO,
				buyer: DISCOM,
				start_day: START_DAY + 10,
				end_day: START_DAY + 375,
			}
			.into(),
		);
		let record = Ppas::<Test>::get(0).unwrap();
		assert_eq!((record.seller_signed_at, record.buyer_signed_at), (Some(5), Some(1)));
		assert_eq!(record.status, PpaStatus::Signed);
		assert_eq!(record.version_count(), 1);
		assert_eq!(Registry::terms_on(0, START_DAY + 10), Some(t.clone()));
		// The one-read view agrees with the three separate reads.
		assert_eq!(
			Registry::ppa_on(0, START_DAY + 10),
			Some((PpaParties { seller: GENCO, buyer: DISCOM, ldc: NRLDC }, PpaStatus::Signed, t))
		);
		assert_eq!(Registry::ppa_on(9, START_DAY + 10), None);
		assert_eq!(Proposals::<Test>::get(0), None);
		assert_noop!(
			Registry::sign_ppa(RuntimeOrigin::signed(GENCO), 0, ph(0)),
			Error::<Test>::NotProposed
		);
	});
}

#[test]
fn proposals_are_refused_for_the_wrong_parties() {
	run(|| {
		onboard();
		let t = || terms(START_DAY, START_DAY + 30);
		let propose = |who, seller, buyer| {
			Registry::propose_ppa(RuntimeOrigin::signed(who), seller, buyer, NRLDC, t())
		};
		assert_noop!(propose(STRANGER, GENCO, DISCOM), Error::<Test>::NotAParty);
		assert_noop!(propose(GENCO, GENCO, GENCO), Error::<Test>::SelfDealing);
		assert_noop!(propose(DISCOM, DISCOM_2, DISCOM), Error::<Test>::SellerNotGenerator);
		assert_noop!(propose(GENCO, GENCO, BANK), Error::<Test>::BuyerNotDiscom);
		assert_noop!(propose(GENCO, GENCO, STRANGER), Error::<Test>::BuyerNotDiscom);
		// The PPA's load despatch centre must hold the role, and be neither party.
		let with_ldc =
			|ldc| Registry::propose_ppa(RuntimeOrigin::signed(GENCO), GENCO, DISCOM, ldc, t());
		assert_noop!(with_ldc(BANK), Error::<Test>::LdcNotLoadDespatchCentre);
		assert_noop!(with_ldc(STRANGER), Error::<Test>::LdcNotLoadDespatchCentre);
		assert_noop!(with_ldc(DISCOM), Error::<Test>::LdcIsAParty);
		assert_noop!(with_ldc(GENCO), Error::<Test>::LdcIsAParty);
		assert_noop!(
			Registry::propose_ppa(RuntimeOrigin::none(), GENCO, DISCOM, NRLDC, t()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn invalid_terms_are_refused_with_their_own_error() {
	run(|| {
		onboard();
		let refuse = |change: fn(&mut PpaTerms), error: Error<Test>| {
			let mut t = terms(START_DAY, START_DAY + 365);
			change(&mut t);
			assert_noop!(
				Registry::propose_ppa(RuntimeOrigin::signed(GENCO), GENCO, DISCOM, NRLDC, t),
				error
			);
		};
		refuse(|t| t.capacity_kw = 0, Error::ZeroCapacity);
		refuse(|t| t.capacity_kw = 10_000_001, Error::CapacityTooLarge);
		refuse(|t| t.station = BoundedVec::new(), Error::NoStationName);
		refuse(|t| t.end_day = t.start_day, Error::StartNotBeforeEnd);
		refuse(
			|t| (t.start_day, t.end_day) = (START_DAY - 30, START_DAY - 1),
			Error::EndsInThePast,
		);
		refuse(|t| (t.capacity_rate, t.energy_rate) = (0, 0), Error::NoTariff);
		refuse(|t| t.capacity_rate = 5_000_000_001, Error::CapacityRateTooHigh);
		refuse(|t| t.energy_rate = 50_000_001, Error::EnergyRateTooHigh);
		refuse(|t| t.due_days = 0, Error::DueDaysOutOfRange);
		refuse(|t| t.due_days = 20, Error::RebateWindowAfterDueDate);
		refuse(|t| t.payment_security.lc_percent_of_monthly_billing = 250, Error::LcPercentTooHigh);
		refuse(|t| t.payment_security.payment_bg = Some(0), Error::ZeroPaymentBg);
		refuse(
			|t| {
				t.rebate_tiers = BoundedVec::truncate_from(vec![
					ppa_primitives::RebateTier { within_days: 9, rebate: Default::default() },
					ppa_primitives::RebateTier { within_days: 9, rebate: Default::default() },
				])
			},
			Error::RebateWindowsNotIncreasing,
		);
		refuse(
			|t| {
				t.rebate_tiers = BoundedVec::truncate_from(vec![ppa_primitives::RebateTier {
					within_days: 5,
					rebate: sp_runtime::Permill::from_percent(10),
				}])
			},
			Error::RebateOutOfRange,
		);
		assert_eq!(NextPpaId::<Test>::get(), 0);
	});
}

/// A proposal awaits its countersignature 30 grid days (`ProposalLifetimeDays`); after them
/// it can no longer be signed (`ProposalExpired`) and anyone may remove it, so proposals
/// never signed do not stay in state for good.
#[test]
fn a_proposal_never_signed_lapses_after_its_lifetime() {
	run(|| {
		onboard();
		let id = propose(GENCO, DISCOM, 60);
		assert_eq!(ProposedOn::<Test>::get(id), Some(START_DAY));
		let lapse = || Registry::lapse_proposal(RuntimeOrigin::signed(BANK), id);
		set_today(START_DAY + 30);
		assert_noop!(lapse(), Error::<Test>::ProposalStillOpen);
		set_today(START_DAY + 31);
		assert_noop!(
			Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), id, ph(id)),
			Error::<Test>::ProposalExpired
		);
		assert_ok!(lapse());
		System::assert_last_event(
			Event::ProposalLapsed { ppa: id, proposer: GENCO, proposed_on: START_DAY }.into(),
		);
		assert!(Ppas::<Test>::get(id).is_none() && Proposals::<Test>::get(id).is_none());
		assert!(ProposedOn::<Test>::get(id).is_none());
		assert_noop!(lapse(), Error::<Test>::PpaNotFound);
		// A proposal signed within its lifetime cannot be lapsed.
		let signed = propose(GENCO, DISCOM, 60);
		set_today(START_DAY + 61);
		assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), signed, ph(signed)));
		assert_noop!(
			Registry::lapse_proposal(RuntimeOrigin::signed(BANK), signed),
			Error::<Test>::NotProposed
		);
	});
}

#[test]
fn a_proposal_can_be_withdrawn_by_its_proposer_before_signing() {
	run(|| {
		onboard();
		let id = propose(GENCO, DISCOM, 0);
		assert_noop!(
			Registry::withdraw_proposal(RuntimeOrigin::signed(DISCOM), id),
			Error::<Test>::NotTheProposer
		);
		assert_noop!(
			Registry::withdraw_proposal(RuntimeOrigin::signed(GENCO), 7),
			Error::<Test>::PpaNotFound
		);
		assert_ok!(Registry::withdraw_proposal(RuntimeOrigin::signed(GENCO), id));
		System::assert_last_event(Event::ProposalWithdrawn { ppa: id, proposer: GENCO }.into());
		assert_eq!(Ppas::<Test>::get(id), None);
		assert_eq!(Proposals::<Test>::get(id), None);
		assert_noop!(
			Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), id, ph(id)),
			Error::<Test>::PpaNotFound
		);

		let signed = signed_ppa(GENCO, DISCOM, 0);
		assert_noop!(
			Registry::withdraw_proposal(RuntimeOrigin::signed(GENCO), signed),
			Error::<Test>::NotProposed
		);
	});
}

#[test]
fn a_party_can_index_only_so_many_ppas() {
	run(|| {
		onboard();
		for _ in 0..4 {
			signed_ppa(GENCO, DISCOM, 0);
		}
		let id = propose(GENCO, DISCOM_2, 0);
		assert_noop!(
			Registry::sign_ppa(RuntimeOrigin::signed(DISCOM_2), id, ph(id)),
			Error::<Test>::TooManyPpas
		);
	});
}

// --- Lifecycle ------------------------------------------------------------------------------

#[test]
fn a_signed_ppa_activates_on_its_start_day_and_expires_after_its_end_day() {
	run(|| {
		onboard();
		next_block_on(START_DAY); // the hook's cursor starts today
		let id = signed_ppa(GENCO, DISCOM, 3);
		let end = START_DAY + 3 + 365;
		assert_eq!(status(id), Some(PpaStatus::Signed));

		next_block_on(START_DAY + 2);
		assert_eq!(status(id), Some(PpaStatus::Signed));
		next_block_on(START_DAY + 3);
		assert_eq!(status(id), Some(PpaStatus::Active));
		System::assert_last_event(
			Event::PpaActivated { ppa: id, seller: GENCO, buyer: DISCOM, day: START_DAY + 3 }
				.into(),
		);

		next_block_on(end);
		assert_eq!(status(id), Some(PpaStatus::Active));
		next_block_on(end + 1);
		assert_eq!(status(id), Some(PpaStatus::Expired));
		System::assert_last_event(
			Event::PpaExpired { ppa: id, seller: GENCO, buyer: DISCOM, day: end + 1 }.into(),
		);
		// An expired PPA still reads its terms for the days it covered.
		assert!(Registry::terms_on(id, end).is_some());
	});
}

/// Issue "Robust at the edges": a PPA that ends (expired or terminated) leaves the bounded
/// index of its parties' binding PPAs, which calls and hooks walk, and stays readable among
/// their ended PPAs; so a party may sign any number of PPAs over its life, not only
/// `MaxPpasPerParty` (4 here).
#[test]
fn ended_ppas_leave_the_bounded_index_and_stay_readable() {
	run(|| {
		onboard();
		next_block_on(START_DAY);
		let mut ended = Vec::new();
		for round in 0..3u32 {
			let day = START_DAY + round * 400;
			// Four PPAs fill the seller's index of binding PPAs.
			let ids: Vec<_> =
				(0..4).map(|_| signed_ppa(GENCO, DISCOM, day + 1 - START_DAY)).collect();
			let fifth = propose(GENCO, DISCOM_2, day + 1 - START_DAY);
			assert_noop!(
				Registry::sign_ppa(RuntimeOrigin::signed(DISCOM_2), fifth, ph(fifth)),
				Error::<Test>::TooManyPpas
			);
			assert_eq!(Registry::ppas_of_seller(&GENCO), ids);
			// Each runs a year and a day from its start: all four expire.
			next_block_on(day + 1 + 366);
			assert!(ids.iter().all(|id| status(*id) == Some(PpaStatus::Expired)));
			assert!(Registry::ppas_of_seller(&GENCO).is_empty());
			assert!(Registry::ppas_of_buyer(&DISCOM).is_empty());
			ended.extend(ids);
			assert_ok!(Registry::withdraw_proposal(RuntimeOrigin::signed(GENCO), fifth));
		}
		// Twelve PPAs over its life, every one still readable.
		assert_eq!(Registry::every_ppa_of_seller(&GENCO), ended);
		assert_eq!(Registry::every_ppa_of_buyer(&DISCOM), ended);
	});
}

#[test]
fn a_ppa_signed_on_or_after_its_start_day_is_active_at_once() {
	run(|| {
		onboard();
		let id = propose(GENCO, DISCOM, 0);
		assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), id, ph(id)));
		assert_eq!(status(id), Some(PpaStatus::Active));
		System::assert_last_event(
			Event::PpaActivated { ppa: id, seller: GENCO, buyer: DISCOM, day: START_DAY }.into(),
		);
	});
}

#[test]
fn the_hook_applies_a_bounded_number_of_transitions_per_block() {
	run(|| {
		onboard();
		next_block_on(START_DAY);
		let ids: Vec<_> = (0..3).map(|_| signed_ppa(GENCO, DISCOM, 1)).collect();
		// Two per block (the mock's `MaxHookWeight` has room for two): the third waits for the
		// next block.
		next_block_on(START_DAY + 1);
		let waiting: Vec<_> =
			ids.iter().copied().filter(|i| status(*i) == Some(PpaStatus::Signed)).collect();
		assert_eq!(waiting.len(), 1);
		assert_eq!(
			TransitionQueue::<Test>::iter_key_prefix(START_DAY + 1).collect::<Vec<_>>(),
			waiting
		);
		assert_eq!(TransitionCursor::<Test>::get(), Some(START_DAY + 1));
		next_block_on(START_DAY + 1);
		assert_eq!(status(waiting[0]), Some(PpaStatus::Active));
		assert_eq!(TransitionQueue::<Test>::iter_key_prefix(START_DAY + 1).count(), 0);
	});
}

#[test]
fn after_a_long_stop_the_hook_catches_up_a_bounded_number_of_days_per_block() {
	run(|| {
		next_block_on(START_DAY);
		set_today(START_DAY + 100);
		Registry::on_initialize(2);
		// At most `MAX_DAYS_PER_WALK` (32) days are read per block, empty ones included.
		assert_eq!(TransitionCursor::<Test>::get(), Some(START_DAY + 32));
		Registry::on_initialize(3);
		assert_eq!(TransitionCursor::<Test>::get(), Some(START_DAY + 64));
	});
}

#[test]
fn advance_applies_a_due_transition_without_the_hook() {
	run(|| {
		onboard();
		next_block_on(START_DAY);
		let id = signed_ppa(GENCO, DISCOM, 2);
		assert_noop!(
			Registry::advance(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NothingDue
		);
		assert_noop!(
			Registry::advance(RuntimeOrigin::signed(STRANGER), 42),
			Error::<Test>::PpaNotFound
		);
		set_today(START_DAY + 2);
		assert_ok!(Registry::advance(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(status(id), Some(PpaStatus::Active));
		// The hook later finds nothing left to do for it.
		System::reset_events();
		next_block_on(START_DAY + 2);
		assert!(System::events().is_empty());
	});
}

/// Issue "Robust at the edges": every PPA aligned to the financial year starts (and ends) on
/// the same day; no number of them is refused at signing, and the hook applies them all, a
/// bounded number a block.
#[test]
fn transitions_on_one_day_are_never_refused_at_signing() {
	run(|| {
		onboard();
		next_block_on(START_DAY);
		// Ten PPAs starting on one day (more than a block's budget of 2, five times over).
		let mut ids = Vec::new();
		for i in 0..10u64 {
			let (seller, buyer) = (100 + i, 200 + i);
			register(seller, &[Role::Generator]);
			register(buyer, &[Role::Buyer]);
			ids.push(signed_ppa(seller, buyer, 5));
		}
		assert_eq!(TransitionQueue::<Test>::iter_key_prefix(START_DAY + 5).count(), 10);
		next_block_on(START_DAY + 5);
		while TransitionQueue::<Test>::iter_key_prefix(START_DAY + 5).count() > 0 {
			next_block_on(START_DAY + 5);
		}
		assert!(ids.iter().all(|id| status(*id) == Some(PpaStatus::Active)));
	});
}

// --- Amendments -----------------------------------------------------------------------------

#[test]
fn an_amendment_is_a_new_version_from_its_day_and_old_versions_stay_readable() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		let original = Registry::terms_on(id, START_DAY).unwrap();
		let mut revised = original.clone();
		revised.energy_rate = 2_750_000;
		revised.agreement_hash = [9u8; 32].into();

		assert_ok!(Registry::propose_amendment(
			RuntimeOrigin::signed(DISCOM),
			id,
			revised.clone(),
			START_DAY + 30
		));
		System::assert_last_event(
			Event::AmendmentProposed { ppa: id, proposer: DISCOM, effective_from: START_DAY + 30 }
				.into(),
		);
		assert_noop!(
			Registry::propose_amendment(
				RuntimeOrigin::signed(GENCO),
				id,
				revised.clone(),
				START_DAY + 40
			),
			Error::<Test>::AmendmentPending
		);
		assert_noop!(
			Registry::sign_amendment(RuntimeOrigin::signed(DISCOM), id, ah(id)),
			Error::<Test>::ProposerCannotCountersign
		);
		// Not in force until countersigned.
		assert_eq!(Registry::terms_on(id, START_DAY + 30), Some(original.clone()));

		assert_ok!(Registry::sign_amendment(RuntimeOrigin::signed(GENCO), id, ah(id)));
		System::assert_last_event(
			Event::AmendmentSigned { ppa: id, version: 1, effective_from: START_DAY + 30 }.into(),
		);
		assert_eq!(Ppas::<Test>::get(id).unwrap().version_count(), 2);
		// Bills for days before the amendment use the original terms; from its day, the new.
		assert_eq!(Registry::terms_on(id, START_DAY + 29), Some(original.clone()));
		assert_eq!(Registry::terms_on(id, START_DAY + 30), Some(revised.clone()));
		assert_eq!(Registry::terms_on(id, START_DAY + 300), Some(revised));
		assert_eq!(Terms::<Test>::get(id, 0).unwrap().terms, original);
		assert_eq!(PendingAmendments::<Test>::get(id), None);
	});
}

#[test]
fn the_terms_in_force_on_a_day_are_found_by_the_versions_first_days() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		let original = Registry::terms_on(id, START_DAY).unwrap();
		let versioned = |rate: Balance| {
			let mut t = original.clone();
			t.energy_rate = rate;
			t
		};
		// Two amendments from one day (the later agreed wins), MaxVersions = 3.
		for rate in [2_000_000, 3_000_000] {
			assert_ok!(Registry::propose_amendment(
				RuntimeOrigin::signed(GENCO),
				id,
				versioned(rate),
				START_DAY + 50
			));
			assert_ok!(Registry::sign_amendment(RuntimeOrigin::signed(DISCOM), id, ah(id)));
		}
		let record = Ppas::<Test>::get(id).unwrap();
		assert_eq!(
			record.versions.clone().into_inner(),
			vec![original.start_day, START_DAY + 50, START_DAY + 50]
		);
		assert_eq!(record.version_on(original.start_day - 1), Some(0), "before the start");
		assert_eq!(record.version_on(START_DAY + 49), Some(0));
		assert_eq!(record.version_on(START_DAY + 50), Some(2), "the later of one day's two");
		assert_eq!(Registry::terms_on(id, START_DAY + 49), Some(original.clone()));
		assert_eq!(Registry::terms_on(id, START_DAY + 50), Some(versioned(3_000_000)));
		assert_eq!(Registry::terms_on(id, original.end_day), Some(versioned(3_000_000)));
		// The version the first days name is the only one read: with version 2's entry gone,
		// its days have no terms (version 3 walked back to version 1's).
		let latest = Terms::<Test>::take(id, 2).unwrap();
		assert_eq!(Registry::terms_on(id, START_DAY + 50), None);
		assert_eq!(Registry::terms_on(id, START_DAY + 49), Some(original));
		assert!(Registry::do_try_state().is_err(), "a version the record names is missing");
		Terms::<Test>::insert(id, 2, latest);
	});
}

#[test]
fn amendment_refusals_name_their_reason() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		let t = Registry::terms_on(id, START_DAY).unwrap();
		let amend = |who: u64, t: PpaTerms, day| {
			Registry::propose_amendment(RuntimeOrigin::signed(who), id, t, day)
		};
		assert_noop!(amend(STRANGER, t.clone(), START_DAY + 1), Error::<Test>::NotAParty);
		assert_noop!(amend(GENCO, t.clone(), START_DAY - 1), Error::<Test>::AmendmentDayInvalid);
		assert_noop!(amend(GENCO, t.clone(), t.end_day + 1), Error::<Test>::AmendmentDayInvalid);
		let mut bad = t.clone();
		bad.capacity_kw = 0;
		assert_noop!(amend(GENCO, bad, START_DAY + 1), Error::<Test>::ZeroCapacity);
		assert_noop!(
			Registry::propose_amendment(RuntimeOrigin::signed(GENCO), 77, t.clone(), START_DAY + 1),
			Error::<Test>::PpaNotFound
		);
		assert_noop!(
			Registry::sign_amendment(RuntimeOrigin::signed(DISCOM), id, ah(id)),
			Error::<Test>::NoAmendmentPending
		);
		assert_noop!(
			Registry::withdraw_amendment(RuntimeOrigin::signed(DISCOM), id),
			Error::<Test>::NoAmendmentPending
		);

		assert_ok!(amend(GENCO, t.clone(), START_DAY + 1));
		assert_noop!(
			Registry::withdraw_amendment(RuntimeOrigin::signed(DISCOM), id),
			Error::<Test>::NotTheProposer
		);
		assert_ok!(Registry::withdraw_amendment(RuntimeOrigin::signed(GENCO), id));
		System::assert_last_event(Event::AmendmentWithdrawn { ppa: id, proposer: GENCO }.into());

		// A suspended party cannot amend.
		assert_ok!(Registry::suspend_participant(RuntimeOrigin::root(), GENCO));
		assert_noop!(amend(GENCO, t.clone(), START_DAY + 1), Error::<Test>::Suspended);
		assert_ok!(Registry::reinstate_participant(RuntimeOrigin::root(), GENCO));

		// MaxVersions = 3: the original and two amendments.
		for day in [START_DAY + 1, START_DAY + 2] {
			assert_ok!(amend(GENCO, t.clone(), day));
			assert_ok!(Registry::sign_amendment(RuntimeOrigin::signed(DISCOM), id, ah(id)));
		}
		assert_noop!(amend(GENCO, t.clone(), START_DAY + 3), Error::<Test>::TooManyVersions);
		// Not before the latest version's day.
		assert_eq!(Ppas::<Test>::get(id).unwrap().version_count(), 3);
	});
}

#[test]
fn extending_the_end_day_by_amendment_moves_the_expiry() {
	run(|| {
		onboard();
		next_block_on(START_DAY);
		let id = signed_ppa(GENCO, DISCOM, 0);
		let mut t = Registry::terms_on(id, START_DAY).unwrap();
		let old_end = t.end_day;
		t.end_day = old_end + 30;
		assert_ok!(Registry::propose_amendment(
			RuntimeOrigin::signed(GENCO),
			id,
			t,
			START_DAY + 10
		));
		assert_ok!(Registry::sign_amendment(RuntimeOrigin::signed(DISCOM), id, ah(id)));
		next_block_on(old_end + 1);
		assert_eq!(status(id), Some(PpaStatus::Active));
		next_block_on(old_end + 31);
		assert_eq!(status(id), Some(PpaStatus::Expired));
	});
}

// --- Termination ----------------------------------------------------------------------------

#[test]
fn both_parties_can_terminate_by_signature() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		let reason = [5u8; 32].into();
		assert_noop!(
			Registry::sign_termination(RuntimeOrigin::signed(DISCOM), id, reason),
			Error::<Test>::NoTerminationPending
		);
		assert_ok!(Registry::propose_termination(RuntimeOrigin::signed(GENCO), id, reason));
		System::assert_last_event(
			Event::TerminationProposed { ppa: id, proposer: GENCO, reason }.into(),
		);
		assert_noop!(
			Registry::propose_termination(RuntimeOrigin::signed(DISCOM), id, reason),
			Error::<Test>::TerminationPending
		);
		assert_noop!(
			Registry::sign_termination(RuntimeOrigin::signed(GENCO), id, reason),
			Error::<Test>::ProposerCannotCountersign
		);
		set_today(START_DAY + 7);
		assert_ok!(Registry::sign_termination(RuntimeOrigin::signed(DISCOM), id, reason));
		System::assert_last_event(
			Event::PpaTerminated {
				ppa: id,
				seller: GENCO,
				buyer: DISCOM,
				by: TerminatedBy::Parties,
				reason,
				day: START_DAY + 7,
			}
			.into(),
		);
		assert_eq!(status(id), Some(PpaStatus::Terminated));
		assert_eq!(
			Ppas::<Test>::get(id).unwrap().terminated,
			Some((START_DAY + 7, TerminatedBy::Parties, reason))
		);
		// Nothing more can be done to it.
		assert_noop!(
			Registry::propose_termination(RuntimeOrigin::signed(GENCO), id, reason),
			Error::<Test>::NotBinding
		);
		let t = Registry::terms_on(id, START_DAY).unwrap();
		assert_noop!(
			Registry::propose_amendment(RuntimeOrigin::signed(GENCO), id, t, START_DAY + 8),
			Error::<Test>::NotBinding
		);
	});
}

#[test]
fn a_termination_proposal_can_be_withdrawn() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		assert_ok!(Registry::propose_termination(
			RuntimeOrigin::signed(DISCOM),
			id,
			Default::default()
		));
		assert_noop!(
			Registry::withdraw_termination(RuntimeOrigin::signed(GENCO), id),
			Error::<Test>::NotTheProposer
		);
		assert_ok!(Registry::withdraw_termination(RuntimeOrigin::signed(DISCOM), id));
		System::assert_last_event(Event::TerminationWithdrawn { ppa: id, proposer: DISCOM }.into());
		assert_noop!(
			Registry::withdraw_termination(RuntimeOrigin::signed(DISCOM), id),
			Error::<Test>::NoTerminationPending
		);
		assert_eq!(status(id), Some(PpaStatus::Active));
	});
}

#[test]
fn rule_3_the_regulator_can_terminate_with_a_reason() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		let reason = [6u8; 32].into();
		assert_ok!(Registry::propose_amendment(
			RuntimeOrigin::signed(GENCO),
			id,
			Registry::terms_on(id, START_DAY).unwrap(),
			START_DAY + 1
		));
		assert_noop!(
			Registry::terminate_by_regulator(RuntimeOrigin::signed(GENCO), id, reason),
			DispatchError::BadOrigin
		);
		assert_ok!(Registry::terminate_by_regulator(RuntimeOrigin::root(), id, reason));
		System::assert_last_event(
			Event::PpaTerminated {
				ppa: id,
				seller: GENCO,
				buyer: DISCOM,
				by: TerminatedBy::Regulator,
				reason,
				day: START_DAY,
			}
			.into(),
		);
		// Pending changes die with the PPA.
		assert_eq!(PendingAmendments::<Test>::get(id), None);
		assert_noop!(
			Registry::terminate_by_regulator(RuntimeOrigin::root(), id, reason),
			Error::<Test>::NotBinding
		);
		let proposed = propose(GENCO, DISCOM_2, 0);
		assert_noop!(
			Registry::terminate_by_regulator(RuntimeOrigin::root(), proposed, reason),
			Error::<Test>::NotBinding
		);
		assert_noop!(
			Registry::terminate_by_regulator(RuntimeOrigin::root(), 99, reason),
			Error::<Test>::PpaNotFound
		);
	});
}

#[test]
fn a_terminated_ppa_does_not_activate_or_expire_later() {
	run(|| {
		onboard();
		next_block_on(START_DAY);
		let id = signed_ppa(GENCO, DISCOM, 3);
		assert_eq!(TransitionQueue::<Test>::iter_keys().filter(|(_, p)| *p == id).count(), 2);
		assert_ok!(Registry::terminate_by_regulator(RuntimeOrigin::root(), id, Default::default()));
		// Its start and end leave the lifecycle queue with it.
		assert_eq!(TransitionQueue::<Test>::iter_keys().filter(|(_, p)| *p == id).count(), 0);
		System::reset_events();
		next_block_on(START_DAY + 3);
		assert_eq!(status(id), Some(PpaStatus::Terminated));
		assert!(System::events().is_empty());
	});
}

/// A PPA binds on the days of its supply period while signed; after it expires still on those
/// days (late meter data is its own), after a termination only up to the termination day, and
/// a proposal on none.
#[test]
fn a_ppa_binds_on_its_supply_days_up_to_its_termination() {
	run(|| {
		onboard();
		let ppa = propose(GENCO, DISCOM, 2);
		let (start, end) = (START_DAY + 2, START_DAY + 2 + 365);
		assert!(!Registry::binds_on(ppa, start), "a proposal binds no day");
		assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), ppa, ph(ppa)));
		assert!(!Registry::binds_on(ppa, start - 1), "not before supply");
		assert!(Registry::binds_on(ppa, start) && Registry::binds_on(ppa, end));
		assert!(!Registry::binds_on(ppa, end + 1), "not after supply");
		assert!(!Registry::binds_on(99, start), "an unknown PPA binds nothing");
		set_today(start + 10);
		assert_ok!(Registry::terminate_by_regulator(RuntimeOrigin::root(), ppa, [7u8; 32].into()));
		assert!(Registry::binds_on(ppa, start + 10), "the termination day is still supplied");
		assert!(!Registry::binds_on(ppa, start + 11), "nothing after the termination day");
	});
}

/// What metering checks and charges by, from one read of the PPA: its parties and the terms
/// in force on a day it binds, and nothing on a day it does not, as `binds_on` and `ppa_on`
/// say apart.
#[test]
fn binding_on_a_day_is_binds_on_with_the_ppas_parties_and_terms() {
	run(|| {
		onboard();
		let ppa = propose(GENCO, DISCOM, 2);
		let (start, end) = (START_DAY + 2, START_DAY + 2 + 365);
		assert_eq!(Registry::binding_on(ppa, start), None, "a proposal binds no day");
		assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(DISCOM), ppa, ph(ppa)));
		for day in [start - 1, start, end, end + 1] {
			let apart = Registry::ppa_on(ppa, day)
				.filter(|_| Registry::binds_on(ppa, day))
				.map(|(parties, _, terms)| (parties, terms));
			assert_eq!(Registry::binding_on(ppa, day), apart, "day {day}");
		}
		let (parties, terms) = Registry::binding_on(ppa, start).expect("binds on its first day");
		assert_eq!((parties.seller, parties.buyer, terms.start_day), (GENCO, DISCOM, start));
		assert_eq!(Registry::binding_on(99, start), None, "an unknown PPA binds nothing");
		set_today(start + 10);
		assert_ok!(Registry::terminate_by_regulator(RuntimeOrigin::root(), ppa, [7u8; 32].into()));
		assert!(Registry::binding_on(ppa, start + 10).is_some(), "the termination day binds");
		assert_eq!(Registry::binding_on(ppa, start + 11), None, "nothing after it");
	});
}

/// A signature binds what was signed: the proposer swaps the pending amendment (withdraw and
/// propose anew) between the counterparty's review and its signature, in one block; the
/// signature, carrying the hash of what was reviewed, is refused (`TermsChanged`) and nothing
/// changes. The same holds for a termination's reasons and a proposal's terms.
#[test]
fn a_signature_binds_the_terms_signed() {
	run(|| {
		onboard();
		let id = signed_ppa(GENCO, DISCOM, 0);
		let fair = Registry::terms_on(id, START_DAY).unwrap();
		assert_ok!(Registry::propose_amendment(
			RuntimeOrigin::signed(GENCO),
			id,
			fair.clone(),
			START_DAY + 5
		));
		let reviewed = ah(id);
		// The swap: the capacity rate doubled.
		let mut unfair = fair.clone();
		unfair.capacity_rate *= 2;
		assert_ok!(Registry::withdraw_amendment(RuntimeOrigin::signed(GENCO), id));
		assert_ok!(Registry::propose_amendment(
			RuntimeOrigin::signed(GENCO),
			id,
			unfair,
			START_DAY + 5
		));
		assert_noop!(
			Registry::sign_amendment(RuntimeOrigin::signed(DISCOM), id, reviewed),
			Error::<Test>::TermsChanged
		);
		assert_eq!(Ppas::<Test>::get(id).unwrap().version_count(), 1, "no new version");
		assert_eq!(reviewed, Registry::amendment_hash(START_DAY + 5, &fair));

		// A termination for other reasons than those read.
		let reason = [5u8; 32].into();
		assert_ok!(Registry::propose_termination(RuntimeOrigin::signed(GENCO), id, reason));
		assert_noop!(
			Registry::sign_termination(RuntimeOrigin::signed(DISCOM), id, [6u8; 32].into()),
			Error::<Test>::TermsChanged
		);
		assert_eq!(status(id), Some(PpaStatus::Active));

		// A proposal signed with the hash of other terms.
		let other = propose(GENCO, DISCOM_2, 0);
		assert_noop!(
			Registry::sign_ppa(
				RuntimeOrigin::signed(DISCOM_2),
				other,
				Registry::terms_hash(&unfair_terms())
			),
			Error::<Test>::TermsChanged
		);
		assert_ok!(Registry::sign_ppa(RuntimeOrigin::signed(DISCOM_2), other, ph(other)));
	});
}

fn unfair_terms() -> PpaTerms {
	let mut t = terms(START_DAY, START_DAY + 365);
	t.energy_rate += 1;
	t
}

/// Governance names another load despatch centre for a binding PPA (the old one suspended, or
/// the control area changed); only an active LDC that is not a party, only by the admin.
#[test]
fn governance_reassigns_a_ppas_load_despatch_centre() {
	run(|| {
		onboard();
		register(41, &[Role::LoadDespatchCentre]);
		let id = signed_ppa(GENCO, DISCOM, 0);
		assert_noop!(
			Registry::set_ldc(RuntimeOrigin::signed(NRLDC), id, 41),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::set_ldc(RuntimeOrigin::root(), id, BANK),
			Error::<Test>::LdcNotLoadDespatchCentre
		);
		assert_noop!(
			Registry::set_ldc(RuntimeOrigin::root(), id, DISCOM),
			Error::<Test>::LdcIsAParty
		);
		assert_noop!(Registry::set_ldc(RuntimeOrigin::root(), 77, 41), Error::<Test>::PpaNotFound);
		assert_ok!(Registry::set_ldc(RuntimeOrigin::root(), id, 41));
		System::assert_last_event(Event::LdcAssigned { ppa: id, ldc: 41 }.into());
		assert_eq!(Registry::parties(id).map(|p| p.ldc), Some(41));
	});
}

#[test]
fn the_regulator_origin_is_a_registered_regulators_signed_call() {
	run(|| {
		const CERC: u64 = 90;
		const SERC: u64 = 91;
		onboard();
		register(CERC, &[Role::Regulator]);
		register(SERC, &[Role::Regulator]);
		assert_eq!(
			EnsureRegulator::<Test>::try_origin(RuntimeOrigin::signed(CERC)).ok(),
			Some(CERC)
		);
		assert_eq!(
			EnsureRegulator::<Test>::try_origin(RuntimeOrigin::signed(SERC)).ok(),
			Some(SERC)
		);
		// A discom, a generator, an unregistered account, root and an unsigned call are not
		// the regulator.
		for origin in [
			RuntimeOrigin::signed(DISCOM),
			RuntimeOrigin::signed(GENCO),
			RuntimeOrigin::signed(STRANGER),
			RuntimeOrigin::root(),
			RuntimeOrigin::none(),
		] {
			assert!(EnsureRegulator::<Test>::try_origin(origin).is_err());
		}
		// A suspended regulator acts no more; reinstated, it does again.
		assert_ok!(Registry::suspend_participant(RuntimeOrigin::root(), SERC));
		assert!(EnsureRegulator::<Test>::try_origin(RuntimeOrigin::signed(SERC)).is_err());
		assert_ok!(Registry::reinstate_participant(RuntimeOrigin::root(), SERC));
		assert!(EnsureRegulator::<Test>::try_origin(RuntimeOrigin::signed(SERC)).is_ok());
		// The Regulator role is held alone: a discom cannot also be the regulator.
		assert_noop!(
			Registry::set_roles(
				RuntimeOrigin::root(),
				DISCOM,
				roles(&[Role::Buyer, Role::Regulator])
			),
			Error::<Test>::RegulatorRoleExclusive
		);
		assert_noop!(
			Registry::register_participant(
				RuntimeOrigin::root(),
				92,
				roles(&[Role::Regulator, Role::Bank]),
				BoundedVec::truncate_from(b"a bank".to_vec()),
				[9; 32].into(),
			),
			Error::<Test>::RegulatorRoleExclusive
		);
		// A regulator whose role is taken away is no longer one.
		assert_ok!(Registry::set_roles(RuntimeOrigin::root(), CERC, roles(&[Role::Buyer])));
		assert!(EnsureRegulator::<Test>::try_origin(RuntimeOrigin::signed(CERC)).is_err());
	});
}

/// Arithmetic policy: the PPA id counter never wraps onto a PPA in use.
#[test]
fn a_proposal_is_refused_once_every_ppa_id_is_used() {
	run(|| {
		onboard();
		NextPpaId::<Test>::put(PpaId::MAX);
		let t = terms(START_DAY, START_DAY + 30);
		assert_noop!(
			Registry::propose_ppa(RuntimeOrigin::signed(GENCO), GENCO, DISCOM, NRLDC, t),
			Error::<Test>::NoPpaIdLeft
		);
	});
}
