//! Every custom pallet has a migration to its storage version in the runtime's `Migrations`
//! (version 1 for all but the registry, at 4 since its lifecycle queue keeps one entry per PPA
//! and day, terms name their normative availability and a PPA's record keeps its versions'
//! first days, escrow, at 2 since its deadline queue
//! keeps one entry per deadline and day, scheduling, at 3 since it keeps the
//! graded regulation defaults tells it, settlement, at 3 since its LPS base rate is a table by
//! financial year, and resale, at 2 since only books with bids are queued for clearing): a
//! chain built from genesis is at those versions and the migrations leave it (and its storage)
//! alone; a chain at 0 is brought to them with its items intact; scheduling at 2 takes in the
//! regulation of every buyer defaults regulates.

mod common;

use common::genesis_storage;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use ppa_runtime::{
	genesis::DEMO_RUNTIME_PRESET, Defaults, Escrow, GridClock, Migrations, Registry, Resale,
	Scheduling, Settlement, ValidatorSet,
};

/// Each custom pallet's (in-code, on-chain) storage version.
fn versions() -> Vec<(StorageVersion, StorageVersion)> {
	macro_rules! both {
		($($pallet:ty),*) => {
			vec![$((<$pallet>::in_code_storage_version(), <$pallet>::on_chain_storage_version())),*]
		};
	}
	both!(GridClock, Registry, Escrow, Scheduling, Settlement, Defaults, Resale, ValidatorSet)
}

#[test]
fn a_chain_built_from_genesis_is_at_its_versions_and_the_migrations_change_nothing() {
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		let (one, two) = (StorageVersion::new(1), StorageVersion::new(2));
		let mut expected = vec![(one, one); 8];
		let (three, four) = (StorageVersion::new(3), StorageVersion::new(4));
		expected[1] = (four, four); // the registry
		expected[2] = (two, two); // escrow
		expected[3] = (three, three); // scheduling
		expected[4] = (three, three); // settlement
		expected[6] = (two, two); // resale
		assert_eq!(versions(), expected);
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Migrations::on_runtime_upgrade();
		assert_eq!(versions(), expected);
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root, "storage untouched");
	});
}

#[test]
fn a_pallet_at_version_0_is_brought_to_its_version() {
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		StorageVersion::new(0).put::<Registry>();
		StorageVersion::new(0).put::<ValidatorSet>();
		let ppas = pallet_registry::Ppas::<ppa_runtime::Runtime>::iter().count();
		put_version_3_records();
		// A transition queued as version 1 kept it: in the day's list.
		pallet_registry::migrations::v2::Transitions::<ppa_runtime::Runtime>::insert(
			30_000,
			vec![7],
		);
		Migrations::on_runtime_upgrade();
		assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(4));
		assert!(pallet_registry::TransitionQueue::<ppa_runtime::Runtime>::contains_key(30_000, 7));
		assert_eq!(
			pallet_registry::migrations::v2::Transitions::<ppa_runtime::Runtime>::iter().count(),
			0
		);
		assert_eq!(ValidatorSet::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(pallet_registry::Ppas::<ppa_runtime::Runtime>::iter().count(), ppas);
		assert_eq!(ppas, 3, "the demo's three PPAs");
	});
}

/// Writes every PPA's record as version 3 (and earlier) kept it: the number of its terms'
/// versions; returns each PPA's versions' first days as version 4 keeps them.
fn put_version_3_records() -> Vec<(u32, pallet_registry::VersionDays)> {
	let mut first_days = Vec::new();
	let records: Vec<_> = pallet_registry::Ppas::<ppa_runtime::Runtime>::iter().collect();
	for (ppa, record) in records {
		let versions = record.version_count();
		let old = pallet_registry::migrations::v4::PpaRecordV3 {
			seller: record.seller,
			buyer: record.buyer,
			ldc: record.ldc,
			proposer: record.proposer,
			status: record.status,
			seller_signed_at: record.seller_signed_at,
			buyer_signed_at: record.buyer_signed_at,
			versions,
			terminated: record.terminated,
		};
		let key = pallet_registry::Ppas::<ppa_runtime::Runtime>::hashed_key_for(ppa);
		frame_support::storage::unhashed::put_raw(&key, &codec::Encode::encode(&old));
		first_days.push((ppa, record.versions));
	}
	first_days
}

#[test]
fn registry_at_version_3_keeps_each_ppas_versions_first_days() {
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		let first_days = put_version_3_records();
		assert_eq!(first_days.len(), 3, "the demo's three PPAs");
		StorageVersion::new(3).put::<Registry>();
		Migrations::on_runtime_upgrade();
		assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(4));
		for (ppa, days) in first_days {
			let record = pallet_registry::Ppas::<ppa_runtime::Runtime>::get(ppa).unwrap();
			assert_eq!(record.versions, days, "each version's first day, from its terms");
		}
		ppa_runtime::invariants::do_try_state().expect("records and terms agree");
	});
}

#[test]
fn scheduling_at_version_2_takes_in_the_regulation_defaults_decided() {
	use pallet_defaults::{DuesDefault, Standing};
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		let buyer = common::account(sp_keyring::Sr25519Keyring::Charlie);
		let standing = Standing {
			in_default_since: Some(20_000),
			dues_default: Some(DuesDefault {
				since: 20_000,
				ppa: 0,
				bill: 0,
				regulation_from: 20_030,
				calendar_months: false,
			}),
			failed_security: 0,
			watched_bills: 1,
			overdue_bills: 1,
			relaxation: None,
		};
		// As version 2 left it: the standing in defaults, nothing in scheduling.
		pallet_defaults::Standings::<ppa_runtime::Runtime>::insert(&buyer, standing);
		StorageVersion::new(2).put::<Scheduling>();
		assert_eq!(Scheduling::regulated_share(&buyer, 20_030), sp_runtime::Percent::zero());
		Migrations::on_runtime_upgrade();
		assert_eq!(Scheduling::on_chain_storage_version(), StorageVersion::new(3));
		assert_eq!(
			pallet_scheduling::Regulations::<ppa_runtime::Runtime>::get(&buyer),
			standing.graded_regulation()
		);
		assert_eq!(
			Scheduling::regulated_share(&buyer, 20_060),
			sp_runtime::Percent::from_percent(20)
		);
		ppa_runtime::invariants::do_try_state().expect("scheduling and defaults agree");
	});
}
