//! Every custom pallet declares storage version 1 and has a migration to it in the runtime's
//! `Migrations`: a chain built from genesis is at 1 and the migrations leave it (and its
//! storage) alone; a chain at 0 is brought to 1 without touching its items.

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
fn a_chain_built_from_genesis_is_at_version_1_and_the_migrations_change_nothing() {
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		let one = StorageVersion::new(1);
		assert_eq!(versions(), vec![(one, one); 8]);
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Migrations::on_runtime_upgrade();
		assert_eq!(versions(), vec![(one, one); 8]);
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root, "storage untouched");
	});
}

#[test]
fn a_pallet_at_version_0_is_brought_to_1() {
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		StorageVersion::new(0).put::<Registry>();
		StorageVersion::new(0).put::<ValidatorSet>();
		let ppas = pallet_registry::Ppas::<ppa_runtime::Runtime>::iter().count();
		Migrations::on_runtime_upgrade();
		assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(ValidatorSet::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(pallet_registry::Ppas::<ppa_runtime::Runtime>::iter().count(), ppas);
		assert_eq!(ppas, 3, "the demo's three PPAs");
	});
}
