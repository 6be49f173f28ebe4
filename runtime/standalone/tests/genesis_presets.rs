//! Every genesis preset builds, and holds the balances, authorities and clock it promises.

mod common;

use common::{genesis_storage, merge};

use frame_support::genesis_builder_helper::build_state;
use ppa_runtime::{
	genesis::{
		self, demo_accounts::*, DEMO_CLOCK_RATE, DEMO_ENDOWMENT, DEMO_FIRST_DAY,
		DEMO_RUNTIME_PRESET, DEV_CLOCK_RATE, DEV_ENDOWMENT,
	},
	Aura, Balances, Grandpa, Runtime, RuntimeGenesisConfig, EXISTENTIAL_DEPOSIT, UNITS,
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

fn aura(keys: &[Sr25519Keyring]) -> Vec<AuraId> {
	keys.iter().map(|k| k.public().into()).collect()
}

fn grandpa(keys: &[Ed25519Keyring]) -> Vec<(sp_consensus_grandpa::AuthorityId, u64)> {
	keys.iter().map(|k| (k.public().into(), 1)).collect()
}

#[test]
fn the_runtime_offers_development_local_testnet_and_demo() {
	let names = genesis::preset_names();
	assert_eq!(
		names,
		vec![
			PresetId::from(DEV_RUNTIME_PRESET),
			PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
			PresetId::from(DEMO_RUNTIME_PRESET)
		]
	);
	assert_eq!(genesis::preset(&PresetId::from("mainnet")), None);
}

#[test]
fn development_preset_has_alice_as_validator_and_sudo() {
	genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
			aura(&[Sr25519Keyring::Alice])
		);
		assert_eq!(Grandpa::grandpa_authorities(), grandpa(&[Ed25519Keyring::Alice]));
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		assert_eq!(pallet_grid_clock::Rate::<Runtime>::get(), DEV_CLOCK_RATE);
		assert!(!pallet_grid_clock::Adjustable::<Runtime>::get());
		assert_eq!(Aura::slot_duration(), 6_000);

		// Every well-known dev account holds one crore rupees, and nothing else exists.
		let accounts: Vec<_> = Sr25519Keyring::well_known().collect();
		for account in &accounts {
			assert_eq!(Balances::free_balance(account.to_account_id()), DEV_ENDOWMENT);
		}
		assert_eq!(DEV_ENDOWMENT, 10_000_000 * UNITS);
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			DEV_ENDOWMENT * accounts.len() as u128
		);
	});
}

#[test]
fn local_testnet_preset_has_four_validators_and_a_real_time_clock() {
	genesis_storage(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		use Sr25519Keyring as S;
		// The validator set holds its members sorted by account; Aura's and GRANDPA's
		// authorities are their session keys, in that order.
		let mut members = [
			(S::Alice, Ed25519Keyring::Alice),
			(S::Bob, Ed25519Keyring::Bob),
			(S::Charlie, Ed25519Keyring::Charlie),
			(S::Dave, Ed25519Keyring::Dave),
		];
		members.sort_by_key(|(s, _)| s.to_account_id());
		let accounts: Vec<_> = members.iter().map(|(s, _)| s.to_account_id()).collect();
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().into_inner(), accounts);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), accounts);
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
			aura(&members.map(|(s, _)| s))
		);
		assert_eq!(Grandpa::grandpa_authorities(), grandpa(&members.map(|(_, e)| e)));
		assert_eq!(
			pallet_validator_set::SessionLength::<Runtime>::get(),
			genesis::LOCAL_SESSION_LENGTH
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(S::Alice.to_account_id()));
		// The council is the four validators' operators: three of them carry a motion.
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			accounts
		);
		assert_eq!(pallet_grid_clock::Rate::<Runtime>::get(), 1);
		assert_eq!(Balances::free_balance(S::Dave.to_account_id()), DEV_ENDOWMENT);
		assert_eq!(Balances::free_balance(S::One.to_account_id()), DEV_ENDOWMENT);

		// Five well-known nodes (node keys 0x..01 to 0x..05), owned by Alice to Eve.
		let nodes = genesis::local_testnet_nodes();
		let owners = [S::Alice, S::Bob, S::Charlie, S::Dave, S::Eve];
		assert_eq!(nodes.len(), 5);
		for (node, owner) in &nodes {
			assert!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().contains(node));
			assert_eq!(
				pallet_node_authorization::Owners::<Runtime>::get(node).as_ref(),
				Some(owner)
			);
			assert!(owners.iter().any(|o| o.to_account_id() == *owner));
			assert_eq!(node.0.len(), 38, "an ed25519 peer id");
		}
	});
}

#[test]
fn the_development_and_demo_chains_admit_no_peers_until_governance_names_nodes() {
	for preset in [DEV_RUNTIME_PRESET, DEMO_RUNTIME_PRESET] {
		genesis_storage(preset).execute_with(|| {
			assert!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().is_empty());
			assert_eq!(
				pallet_validator_set::Validators::<Runtime>::get().into_inner(),
				vec![Sr25519Keyring::Alice.to_account_id()]
			);
			assert_eq!(
				pallet_validator_set::SessionLength::<Runtime>::get(),
				genesis::DEV_SESSION_LENGTH
			);
		});
	}
}

#[test]
fn the_token_is_a_rupee_with_six_decimals_and_a_paisa_to_exist() {
	assert_eq!(ppa_runtime::DECIMALS, 6);
	assert_eq!(ppa_runtime::TOKEN_SYMBOL, "INR");
	assert_eq!(UNITS, 1_000_000);
	const { assert!(EXISTENTIAL_DEPOSIT > 0) };
	assert_eq!(EXISTENTIAL_DEPOSIT, UNITS / 100);
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), ppa_runtime::SS58_PREFIX);
}

#[test]
fn a_preset_with_an_unknown_field_is_refused() {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::json!({ "gridClock": { "rat": 5 } }));
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		assert!(build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).is_err());
	});
}

#[test]
fn demo_preset_is_a_grid_in_force_from_1_april_2026() {
	use frame_support::traits::fungible::InspectHold;
	use ppa_primitives::{BillingPeriod, GridTime, PaymentSecurity, PpaStatus, Role};
	genesis_storage(DEMO_RUNTIME_PRESET).execute_with(|| {
		// The clock: 1 April 2026 at 1,800 times real time.
		assert_eq!(pallet_grid_clock::Rate::<Runtime>::get(), DEMO_CLOCK_RATE);
		assert!(pallet_grid_clock::Adjustable::<Runtime>::get(), "the demo may change pace");
		assert_eq!(<ppa_runtime::GridClock as GridTime>::today(), DEMO_FIRST_DAY);

		// Eight participants, each with its role.
		for (who, role, name) in [
			(NTPC, Role::Generator, "NTPC Singrauli STPS"),
			(ADANI, Role::Generator, "Adani Mundra TPS"),
			(UPPCL, Role::Buyer, "UPPCL"),
			(MSEDCL, Role::Buyer, "MSEDCL"),
			(TANGEDCO, Role::Buyer, "TANGEDCO"),
			(SBI, Role::Bank, "State Bank of India"),
			(NRLDC, Role::LoadDespatchCentre, "NRLDC"),
			(CERC, Role::Regulator, "CERC"),
		] {
			let p = pallet_registry::Participants::<Runtime>::get(who.to_account_id()).unwrap();
			assert_eq!((p.roles.into_inner(), p.name.into_inner()), (vec![role], name.into()));
		}

		// Three PPAs signed and active from the first day.
		for (ppa, seller, buyer, kw, period) in [
			(0, NTPC, UPPCL, 250_000, BillingPeriod::Daily),
			(1, NTPC, MSEDCL, 100_000, BillingPeriod::PerTimeBlock),
			(2, ADANI, TANGEDCO, 200_000, BillingPeriod::Daily),
		] {
			let record = pallet_registry::Ppas::<Runtime>::get(ppa).unwrap();
			assert_eq!(
				(record.version_count(), record.seller, record.buyer, record.status),
				(1, seller.to_account_id(), buyer.to_account_id(), PpaStatus::Active)
			);
			let terms = pallet_registry::Terms::<Runtime>::get(ppa, 0).unwrap().terms;
			assert_eq!((terms.capacity_kw, terms.billing_period), (kw, period));
			assert_eq!((terms.start_day, terms.end_day), (DEMO_FIRST_DAY, DEMO_FIRST_DAY + 364));
		}

		// SBI's LCs for UPPCL (INR 57 crore) and TANGEDCO (INR 52 crore) held from its
		// account; MSEDCL's advance of INR 23 crore held from its own. Each covers what the PSM
		// requires of its PPA (rules 14-15).
		let crore = 10_000_000 * UNITS;
		let lcs: Vec<_> = (0..2)
			.map(|lc| pallet_escrow::LettersOfCredit::<Runtime>::get(lc).unwrap())
			.map(|lc| (lc.ppa, lc.held))
			.collect();
		assert_eq!(lcs, vec![(0, 57 * crore), (2, 52 * crore)]);
		let sbi = SBI.to_account_id();
		assert_eq!(Balances::total_balance_on_hold(&sbi), 109 * crore);
		assert_eq!(Balances::free_balance(&sbi), DEMO_ENDOWMENT - 109 * crore);
		let advance = pallet_escrow::Advances::<Runtime>::get(1).unwrap();
		assert_eq!((advance.held, advance.buyer), (23 * crore, MSEDCL.to_account_id()));
		assert_eq!(Balances::total_balance_on_hold(&MSEDCL.to_account_id()), 23 * crore);
		for ppa in 0..3 {
			let cover = <ppa_runtime::Escrow as PaymentSecurity>::coverage(ppa, DEMO_FIRST_DAY);
			assert!(cover.adequate, "PPA {ppa}: {cover:?}");
		}

		// Holds move no money: the issuance is what was endowed.
		let endowed = Sr25519Keyring::iter().count() as u128;
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), endowed * DEMO_ENDOWMENT);
	});
}
