//! What the genesis presets of both runtimes share: endowments, the grid clock's rates, and
//! the demo's grid (who is who, its PPAs, letters of credit and advance).
//! [`impl_ppa_genesis!`](crate::impl_ppa_genesis) builds their patches for a runtime's
//! `RuntimeGenesisConfig`; each runtime adds its consortium (validators or collators, keys).

use alloc::{vec, vec::Vec};
use ppa_primitives::{BillingPeriod, PpaTerms, Role};
use serde_json::Value;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{AccountId, Balance, BlockNumber, UNITS};

/// What each well-known dev account holds at genesis: one crore rupees.
pub const DEV_ENDOWMENT: Balance = 10_000_000 * UNITS;

/// The grid clock's rate on the development chain: a time block every 6-second block.
pub const DEV_CLOCK_RATE: u32 = 150;

/// Blocks per session on the development and demo chains: 10 minutes.
pub const DEV_SESSION_LENGTH: BlockNumber = 100;

/// The `demo` preset's name.
pub const DEMO_RUNTIME_PRESET: &str = "demo";

/// The demo grid's first instant: 2026-04-01 00:00 IST (the financial year's first day), Unix
/// ms.
pub const DEMO_GRID_START: u64 = 1_774_981_800_000;

/// The demo grid's first day: 2026-04-01.
pub const DEMO_FIRST_DAY: u32 = 20_544;

/// The demo grid's clock rate: a 15-minute time block every half second, a day in 48 s.
pub const DEMO_CLOCK_RATE: u32 = 1_800;

/// Ten million rupees, in INR units.
pub const CRORE: Balance = 10_000_000 * UNITS;

/// What each demo account holds at genesis: a thousand crore rupees (a discom's dues and a
/// bank's letters of credit run to tens of crores).
pub const DEMO_ENDOWMENT: Balance = 1_000 * CRORE;

/// Who is who on the demo grid (well-known keys, so that Polkadot.js Apps can sign for them).
pub mod demo_accounts {
	use sp_keyring::Sr25519Keyring;

	/// The grid operator: validator (collator, on the parachain) and sudo (the admin origin).
	pub const OPERATOR: Sr25519Keyring = Sr25519Keyring::Alice;
	/// Generator: NTPC Singrauli STPS.
	pub const NTPC: Sr25519Keyring = Sr25519Keyring::Bob;
	/// Generator: Adani Mundra TPS.
	pub const ADANI: Sr25519Keyring = Sr25519Keyring::Charlie;
	/// Discom: UPPCL (Uttar Pradesh).
	pub const UPPCL: Sr25519Keyring = Sr25519Keyring::Dave;
	/// Discom: MSEDCL (Maharashtra).
	pub const MSEDCL: Sr25519Keyring = Sr25519Keyring::Eve;
	/// Discom: TANGEDCO (Tamil Nadu).
	pub const TANGEDCO: Sr25519Keyring = Sr25519Keyring::Ferdie;
	/// Bank: State Bank of India.
	pub const SBI: Sr25519Keyring = Sr25519Keyring::One;
	/// Load despatch centre: NRLDC.
	pub const NRLDC: Sr25519Keyring = Sr25519Keyring::Two;
	/// Regulator: CERC.
	pub const CERC: Sr25519Keyring = Sr25519Keyring::AliceStash;
}

/// Terms of a demo PPA: a year from the demo's first day, INR 900/kW-month, 45 days' credit.
fn demo_terms(
	station: &[u8],
	capacity_kw: u32,
	energy_rate: Balance,
	period: BillingPeriod,
) -> PpaTerms {
	let mut terms = PpaTerms::with_defaults(
		station,
		capacity_kw,
		DEMO_FIRST_DAY,
		DEMO_FIRST_DAY + 364,
		900 * UNITS,
		energy_rate,
	);
	terms.billing_period = period;
	terms.agreement_hash = sp_core::H256::repeat_byte(0xd0);
	// The demo's PPAs take the 30-day month, a PPA's option (calendar months are the
	// default): its story's dates read P + 75 and P + 105 as the LPS Rules count them.
	terms.calendar_months = false;
	terms
}

/// The demo's participants: account, roles, display name.
pub fn demo_participants() -> Vec<(AccountId, Vec<Role>, Vec<u8>)> {
	use demo_accounts::*;
	let id = |k: Sr25519Keyring| k.to_account_id();
	vec![
		(id(NTPC), vec![Role::Generator], b"NTPC Singrauli STPS".to_vec()),
		(id(ADANI), vec![Role::Generator], b"Adani Mundra TPS".to_vec()),
		(id(UPPCL), vec![Role::Buyer], b"UPPCL".to_vec()),
		(id(MSEDCL), vec![Role::Buyer], b"MSEDCL".to_vec()),
		(id(TANGEDCO), vec![Role::Buyer], b"TANGEDCO".to_vec()),
		(id(SBI), vec![Role::Bank], b"State Bank of India".to_vec()),
		(id(NRLDC), vec![Role::LoadDespatchCentre], b"NRLDC".to_vec()),
		(id(CERC), vec![Role::Regulator], b"CERC".to_vec()),
	]
}

/// The demo's PPAs, in force from its first day: seller, buyer, load despatch centre, terms.
///
/// | PPA | seller | buyer | capacity | energy rate | billing | security |
/// |---|---|---|---|---|---|---|
/// | 0 | NTPC Singrauli | UPPCL | 250 MW | INR 2.00/kWh | daily | LC INR 57 crore (SBI) |
/// | 1 | NTPC Singrauli | MSEDCL | 100 MW | INR 2.00/kWh | per time block | advance INR 23 crore |
/// | 2 | Adani Mundra | TANGEDCO | 200 MW | INR 2.50/kWh | daily | LC INR 52 crore (SBI) |
///
/// Each cover meets what the PSM requires at the normative load factor (110 % of a month's
/// billing): INR 56.87, 22.75 and 51.92 crore.
pub fn demo_ppas() -> Vec<(AccountId, AccountId, AccountId, PpaTerms)> {
	use demo_accounts::*;
	let id = |k: Sr25519Keyring| k.to_account_id();
	vec![
		(
			id(NTPC),
			id(UPPCL),
			id(NRLDC),
			demo_terms(b"NTPC Singrauli STPS", 250_000, 2 * UNITS, BillingPeriod::Daily),
		),
		(
			id(NTPC),
			id(MSEDCL),
			id(NRLDC),
			demo_terms(b"NTPC Singrauli STPS", 100_000, 2 * UNITS, BillingPeriod::PerTimeBlock),
		),
		(
			id(ADANI),
			id(TANGEDCO),
			id(NRLDC),
			demo_terms(b"Adani Mundra TPS", 200_000, 2_500_000, BillingPeriod::Daily),
		),
	]
}

/// The demo's letters of credit (bank, PPA, terms): SBI's, revolving, a drawal a month.
pub fn demo_letters_of_credit() -> Vec<(AccountId, u32, pallet_escrow::LcTerms)> {
	let lc = |amount: Balance| pallet_escrow::LcTerms {
		amount,
		expiry_day: DEMO_FIRST_DAY + 364,
		revolving: true,
		drawals_per_month: 1,
		restore_within_days: 15,
	};
	let sbi = demo_accounts::SBI.to_account_id();
	vec![(sbi.clone(), 0, lc(57 * CRORE)), (sbi, 2, lc(52 * CRORE))]
}

/// Adds the keys of `other` to `patch` (both JSON objects with distinct pallets).
pub fn merge_patch(patch: &mut Value, other: Value) {
	if let (Value::Object(patch), Value::Object(other)) = (patch, other) {
		patch.extend(other);
	}
}

/// Whether `public` (an account, or an Aura or GRANDPA key) is one of the well-known
/// development keys, sr25519 or ed25519 (Alice to Ferdie, One, Two, their stashes): its
/// secret is public, so a real chain must not trust it.
pub fn is_dev_key(public: &[u8; 32]) -> bool {
	Sr25519Keyring::iter().any(|k| &k.public().0 == public)
		|| Ed25519Keyring::iter().any(|k| &k.public().0 == public)
}

/// Declares, in a runtime's `genesis` module, the grid's part of its presets as patches of its
/// `RuntimeGenesisConfig` (which the call site provides, with `BalancesConfig`, `SudoConfig`,
/// `GridClockConfig`, `RegistryConfig` and `EscrowConfig`):
/// - `grid(endowed, root, clock_rate)`: the dev accounts endowed, the sudo key, the clock;
/// - `demo_grid()`: the demo's participants, PPAs, LCs and advance, its adjustable clock;
/// - `consortium_grid(endowments, participants)`: a consortium's own, with no sudo key and
///   a real-time clock no one can speed up.
#[macro_export]
macro_rules! impl_ppa_genesis {
	() => {
		mod grid {
			use super::*;
			use $crate::genesis::*;

			/// A genesis patch of the grid: `endowed` holding [`DEV_ENDOWMENT`] each, the sudo
			/// key and the clock's rate.
			pub fn grid(
				endowed: alloc::vec::Vec<$crate::AccountId>,
				root: $crate::AccountId,
				clock_rate: u32,
			) -> serde_json::Value {
				frame_support::build_struct_json_patch!(RuntimeGenesisConfig {
					balances: BalancesConfig {
						balances: endowed
							.into_iter()
							.map(|a| (a, DEV_ENDOWMENT))
							.collect::<alloc::vec::Vec<_>>(),
					},
					sudo: SudoConfig { key: Some(root) },
					grid_clock: GridClockConfig { rate: clock_rate },
				})
			}

			/// The demo's grid from 1 April 2026: every well-known account holding
			/// [`DEMO_ENDOWMENT`], the operator as sudo, an adjustable clock, the participants,
			/// PPAs and LCs of [`demo_participants`], [`demo_ppas`] and
			/// [`demo_letters_of_credit`], and MSEDCL's advance of INR 23 crore.
			pub fn demo_grid() -> serde_json::Value {
				let balances: alloc::vec::Vec<($crate::AccountId, $crate::Balance)> =
					sp_keyring::Sr25519Keyring::iter()
						.map(|k| (k.to_account_id(), DEMO_ENDOWMENT))
						.collect();
				frame_support::build_struct_json_patch!(RuntimeGenesisConfig {
					balances: BalancesConfig { balances },
					sudo: SudoConfig { key: Some(demo_accounts::OPERATOR.to_account_id()) },
					grid_clock: GridClockConfig {
						rate: DEMO_CLOCK_RATE,
						grid_start: Some(DEMO_GRID_START),
						adjustable: true,
					},
					registry: RegistryConfig {
						participants: demo_participants(),
						ppas: demo_ppas(),
					},
					escrow: EscrowConfig {
						letters_of_credit: demo_letters_of_credit(),
						advances: alloc::vec![(1, 23 * CRORE)],
					},
				})
			}

			/// A consortium's grid: only the balances listed, the participants registered, no
			/// sudo key, and a real-time grid clock that no one can speed up.
			pub fn consortium_grid(
				endowments: alloc::vec::Vec<($crate::AccountId, $crate::Balance)>,
				participants: alloc::vec::Vec<(
					$crate::AccountId,
					alloc::vec::Vec<ppa_primitives::Role>,
					alloc::vec::Vec<u8>,
				)>,
			) -> serde_json::Value {
				frame_support::build_struct_json_patch!(RuntimeGenesisConfig {
					balances: BalancesConfig { balances: endowments },
					grid_clock: GridClockConfig { rate: 1, grid_start: None, adjustable: false },
					registry: RegistryConfig { participants },
				})
			}
		}
		pub use grid::{consortium_grid, demo_grid, grid};
	};
}
