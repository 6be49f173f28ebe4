//! Genesis storage from a preset, as the node's genesis builder makes it.

#![allow(dead_code)]

use frame_support::{assert_ok, genesis_builder_helper::build_state, traits::Hooks, BoundedVec};
use ppa_primitives::{PpaTerms, Role};
use ppa_runtime::{
	genesis, AccountId, Defaults, Escrow, GridClock, Registry, Resale, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, Scheduling, Settlement, System,
};
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Dispatchable;

/// 2026-11-24T00:00+05:30 in Unix ms.
pub const NOV_24_IST_MIDNIGHT: u64 = 1_795_458_600_000;

/// The account of a well-known key.
pub fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// Dispatches `call` through sudo, signed by Alice (the dev chain's sudo key).
pub fn sudo(call: impl Into<RuntimeCall>) {
	let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call.into()) });
	assert_ok!(call.dispatch(RuntimeOrigin::signed(account(Sr25519Keyring::Alice))));
}

/// Runs block `n` at real time `now` through the hooks of the grid clock, the registry, the
/// escrow, scheduling, settlement and defaults (the timestamp is written directly: Aura's slot check needs a real block
/// digest).
pub fn block(n: u32, now: u64) {
	System::set_block_number(n);
	pallet_timestamp::Now::<Runtime>::put(now);
	<Registry as Hooks<u32>>::on_initialize(n);
	<Escrow as Hooks<u32>>::on_initialize(n);
	<Scheduling as Hooks<u32>>::on_initialize(n);
	<Settlement as Hooks<u32>>::on_initialize(n);
	<Defaults as Hooks<u32>>::on_initialize(n);
	<Resale as Hooks<u32>>::on_initialize(n);
	<GridClock as Hooks<u32>>::on_finalize(n);
}

/// Merges `patch` into `base` the way the node does: objects key by key, anything else
/// replaced.
pub fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The storage that the preset `name` builds, as the node's genesis builder would.
pub fn genesis_storage(name: &str) -> sp_io::TestExternalities {
	let patch = genesis::preset(&PresetId::from(name)).expect("the preset exists");
	genesis_storage_of(serde_json::from_slice(&patch).expect("a preset is JSON"))
}

/// The storage that the genesis patch `patch` builds, as the node's genesis builder would.
pub fn genesis_storage_of(patch: Value) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap())
			.expect("the preset builds")
	});
	ext
}

/// A 250 MW share of Singrauli at INR 900 per kW-month, from grid day `start` to `end`. Its
/// months are 30 days and its normative availability 100 % (capacity billed in proportion to
/// availability), which the scenario tests' figures assume; the rules' tests of calendar
/// months and of NAPAF set the defaults themselves.
pub fn terms(start: u32, end: u32, energy_rate: u128) -> PpaTerms {
	let mut terms =
		PpaTerms::with_defaults(b"Singrauli STPS", 250_000, start, end, 900_000_000, energy_rate);
	terms.agreement_hash = [2u8; 32].into();
	terms.calendar_months = false;
	terms.normative_availability = sp_runtime::Permill::one();
	terms
}

/// Registers `who` with one role, through the admin origin.
pub fn register(who: Sr25519Keyring, role: Role, name: &str) {
	sudo(pallet_registry::Call::<Runtime>::register_participant {
		who: account(who),
		roles: BoundedVec::truncate_from(vec![role]),
		name: BoundedVec::truncate_from(name.as_bytes().to_vec()),
		legal_id_hash: [1u8; 32].into(),
	});
}

/// `buyer` asks `bank` for a letter of credit on `terms` for `ppa`, and `bank` opens it.
pub fn open_lc(
	buyer: Sr25519Keyring,
	bank: Sr25519Keyring,
	ppa: u32,
	terms: pallet_escrow::LcTerms,
) {
	let request = RuntimeCall::Escrow(pallet_escrow::Call::request_letter_of_credit {
		ppa,
		bank: account(bank),
		terms,
	});
	assert_ok!(request.dispatch(RuntimeOrigin::signed(account(buyer))));
	let open = RuntimeCall::Escrow(pallet_escrow::Call::open_letter_of_credit { ppa, terms });
	assert_ok!(open.dispatch(RuntimeOrigin::signed(account(bank))));
}

/// Registers the cast of the single-PPA tests (Bob, NTPC Singrauli, generator; Charlie, UPPCL,
/// buyer; Eve, State Bank of India, bank; Ferdie, NRLDC, load despatch centre), and makes the
/// next PPA on `terms`: Bob proposes, Charlie countersigns, Ferdie schedules and meters it.
/// Returns its id.
pub fn singrauli_ppa(terms: PpaTerms) -> u32 {
	use sp_keyring::Sr25519Keyring::{Bob, Charlie, Eve, Ferdie};
	register(Bob, Role::Generator, "NTPC Singrauli");
	register(Charlie, Role::Buyer, "UPPCL");
	register(Eve, Role::Bank, "State Bank of India");
	register(Ferdie, Role::LoadDespatchCentre, "NRLDC");
	let ppa = pallet_registry::NextPpaId::<Runtime>::get();
	let propose = RuntimeCall::Registry(pallet_registry::Call::propose_ppa {
		seller: account(Bob),
		buyer: account(Charlie),
		ldc: account(Ferdie),
		terms,
	});
	assert_ok!(propose.dispatch(RuntimeOrigin::signed(account(Bob))));
	let sign = RuntimeCall::Registry(pallet_registry::Call::sign_ppa {
		ppa,
		terms_hash: Registry::proposal_hash(ppa).expect("just proposed"),
	});
	assert_ok!(sign.dispatch(RuntimeOrigin::signed(account(Charlie))));
	ppa
}

/// The buyer's payment of `amount` to the seller of `ppa`, naming `ppa` (LPS Rules 2022, rule 5:
/// it reaches every PPA of the pair, longest overdue bill first).
#[allow(dead_code)]
pub fn pay(ppa: u32, amount: u128) -> pallet_settlement::Call<ppa_runtime::Runtime> {
	let seller = <ppa_runtime::Registry as ppa_primitives::PpaRegistry<AccountId>>::parties(ppa)
		.map(|p| p.seller)
		.unwrap_or_else(|| account(Sr25519Keyring::Alice));
	pallet_settlement::Call::pay { seller, amount, prefer: Some(ppa) }
}

/// Writes every key and value of the state, hex, as a JSON object (a chain spec's raw
/// genesis `top`).
pub fn dump_state(path: &str) {
	let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
	let mut out = String::from("{");
	let mut key = Vec::new();
	let mut first = true;
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).unwrap_or_default();
		if !first {
			out.push(',');
		}
		first = false;
		out.push_str(&format!("\"0x{}\":\"0x{}\"", hex(&next), hex(&value)));
		key = next;
	}
	out.push('}');
	std::fs::write(path, out).expect("the state is written");
}
