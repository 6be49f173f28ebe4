//! The consortium's membership: governance decides, the session pallet enacts at a session
//! boundary, and every refusal leaves the set as it was.

use crate::{mock::*, Changed, Error, Event, SessionLength, Validators};
use frame_support::{assert_noop, assert_ok, traits::EstimateNextSessionRotation};
use pallet_session::ShouldEndSession;
use sp_core::H256;
use sp_runtime::{traits::Hash, DispatchError, Permill};

fn validators() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

fn session_validators() -> Vec<u64> {
	pallet_session::Validators::<Test>::get()
}

fn planned(session: u32) -> bool {
	System::events().iter().any(|r| {
		matches!(
			&r.event,
			RuntimeEvent::ValidatorSet(Event::NewSessionPlanned { session: s, .. }) if *s == session
		)
	})
}

#[test]
fn genesis_validators_author_from_the_first_session() {
	new_test_ext().execute_with(|| {
		assert_eq!(validators(), vec![1, 2, 3], "sorted");
		assert_eq!(session_validators(), vec![1, 2, 3]);
		assert_eq!(authorities(), vec![1, 2, 3]);
		assert_eq!(SessionLength::<Test>::get(), SESSION_LENGTH);
		assert!(!Changed::<Test>::get());
	});
}

#[test]
fn an_added_validator_authors_from_the_session_after_next() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		System::assert_last_event(Event::ValidatorAdded { who: 4 }.into());
		assert_eq!(validators(), vec![1, 2, 3, 4]);
		assert!(Changed::<Test>::get());

		// Session 1 starts at block 5 with the genesis set; it plans session 2 with 4.
		run_to_block(5);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 1);
		assert_eq!(authorities(), vec![1, 2, 3]);
		System::assert_has_event(
			Event::NewSessionPlanned { session: 2, validators: vec![1, 2, 3, 4] }.into(),
		);
		assert!(!Changed::<Test>::get());
		run_to_block(9);
		assert_eq!(authorities(), vec![1, 2, 3]);

		// Session 2: 4 authors and votes.
		run_to_block(10);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 2);
		assert_eq!(session_validators(), vec![1, 2, 3, 4]);
		assert_eq!(authorities(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn a_removed_validator_stops_at_the_session_after_next() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
		assert_eq!(validators(), vec![1, 3]);

		run_to_block(9);
		assert_eq!(authorities(), vec![1, 2, 3], "2 still authors in session 1");
		run_to_block(10);
		assert_eq!(authorities(), vec![1, 3]);
		assert_eq!(session_validators(), vec![1, 3]);
	});
}

#[test]
fn sessions_without_a_change_keep_the_set_and_plan_nothing() {
	new_test_ext().execute_with(|| {
		run_to_block(20);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 4);
		assert_eq!(authorities(), vec![1, 2, 3]);
		assert!((1..=5).all(|s| !planned(s)));
	});
}

#[test]
fn changes_in_one_session_are_enacted_together() {
	new_test_ext().execute_with(|| {
		run_to_block(6);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		run_to_block(10);
		assert!(planned(3));
		assert_eq!(authorities(), vec![1, 2, 3]);
		run_to_block(15);
		assert_eq!(authorities(), vec![2, 3, 5]);
	});
}

#[test]
fn a_validator_needs_registered_session_keys() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 6),
			Error::<Test>::NoSessionKeys
		);
		assert_eq!(validators(), vec![1, 2, 3]);
	});
}

#[test]
fn only_the_admin_origin_changes_the_set() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(4), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::signed(1), 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::authorize_upgrade(RuntimeOrigin::signed(1), H256::repeat_byte(7)),
			DispatchError::BadOrigin
		);
		assert!(!Changed::<Test>::get());
		assert!(!crate::upgrade_authorized());
	});
}

#[test]
fn the_admin_origin_authorizes_a_runtime_upgrade_that_anyone_then_uploads() {
	new_test_ext().execute_with(|| {
		System::set_block_number(1);
		let code = b"the next runtime".to_vec();
		let code_hash = <Test as frame_system::Config>::Hashing::hash(&code);
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(9), code.clone()),
			frame_system::Error::<Test>::NothingAuthorized
		);
		assert_ok!(ValidatorSet::authorize_upgrade(RuntimeOrigin::root(), code_hash));
		System::assert_last_event(
			frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
		assert!(crate::upgrade_authorized());
		// Other code than the authorized is refused, whoever uploads it.
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(9), b"other code".to_vec()),
			frame_system::Error::<Test>::Unauthorized
		);
	});
}

#[test]
fn refusals_name_their_reason_and_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 4),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroSessionLength
		);
		assert_eq!(validators(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn the_session_length_sets_when_sessions_end() {
	new_test_ext().execute_with(|| {
		assert!(ValidatorSet::should_end_session(5));
		assert!(!ValidatorSet::should_end_session(6));
		assert_eq!(ValidatorSet::estimate_next_session_rotation(6).0, Some(10));
		assert_eq!(
			ValidatorSet::estimate_current_session_progress(6).0,
			Some(Permill::from_percent(20))
		);

		assert_ok!(ValidatorSet::set_session_length(RuntimeOrigin::root(), 3));
		System::assert_last_event(Event::SessionLengthSet { blocks: 3 }.into());
		assert!(ValidatorSet::should_end_session(6));
		assert!(!ValidatorSet::should_end_session(5));
		assert_eq!(ValidatorSet::average_session_length(), 3);
		run_to_block(9);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 3, "ended at 3, 6 and 9");
	});
}
