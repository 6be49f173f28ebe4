//! # Validator set pallet
//!
//! The grid operators' consortium (docs/operators.md): which validators author blocks
//! (Aura) and vote on finality (GRANDPA). The admin origin adds and removes validators; the
//! change takes effect at a session boundary through `pallet_session`, for which this pallet is
//! the [`SessionManager`](pallet_session::SessionManager) and the session clock
//! ([`ShouldEndSession`](pallet_session::ShouldEndSession)).
//!
//! How an operator joins:
//! 1. it runs a node and generates session keys in that node's keystore
//!    (`author_rotateKeysWithOwner` with its account as owner);
//! 2. it registers them on chain from its account: `session.set_keys(keys, proof)`;
//! 3. governance (the admin origin) calls [`Pallet::add_validator`], which refuses an account
//!    without registered keys ([`Error::NoSessionKeys`]).
//!
//! Timing: a change decided during session `i` is planned at the start of session `i + 1`
//! (the session pallet queues the keys) and enacted at the start of session `i + 2`: from
//! then on the new validator authors in its Aura slots and votes in GRANDPA, and a removed
//! one no longer does. Sessions last [`SessionLength`] blocks, a genesis parameter the admin
//! origin may change.
//!
//! The consortium also decides the code every validator runs: [`Pallet::authorize_upgrade`]
//! lets the admin origin (the council, on a consortium's chain where no key is root) authorize
//! the hash of a new runtime, which anyone may then upload with
//! `system.apply_authorized_upgrade(code)`; frame-system checks that the code has that hash, the
//! same spec name and a higher spec version before it sets it.
//!
//! The set never falls below [`Config::MinValidators`] (GRANDPA needs more than two thirds of
//! the voters online; a consortium of one is no consortium) nor exceeds
//! [`Config::MaxValidators`].

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
mod session;
#[cfg(test)]
mod tests;
pub mod weights;
pub use weights::WeightInfo;

extern crate alloc;

/// Whether frame-system holds an authorized upgrade not yet applied (its storage item is
/// private to it: read by its key).
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub(crate) fn upgrade_authorized() -> bool {
	frame_support::storage::unhashed::exists(&frame_support::storage::storage_prefix(
		b"System",
		b"AuthorizedUpgrade",
	))
}

#[frame_support::pallet]
pub mod pallet {
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;

	use crate::WeightInfo;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Registers session keys for an account in benchmarks (the runtime knows its key types).
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// Registers session keys for `who`, as `session.set_keys` would.
		fn register_keys(who: &AccountId);
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who adds and removes validators, sets the session length and authorizes runtime
		/// upgrades (the consortium's governance: its council; root too on a dev chain).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Whether an account has registered session keys (`pallet_session`).
		type KeysRegistered: ValidatorRegistration<Self::AccountId>;
		/// The fewest validators the set may have.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// The most validators the set may have (at most Aura's and GRANDPA's
		/// `MaxAuthorities`).
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
		/// Registers session keys in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validators governance has decided on, sorted by account. The session pallet enacts
	/// them two session boundaries after a change (its `Validators` are the ones authoring now).
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since the session pallet last planned a session.
	#[pallet::storage]
	pub type Changed<T> = StorageValue<_, bool, ValueQuery>;

	/// Blocks per session: sessions end at block numbers divisible by it.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The first validators (their session keys are in the session pallet's genesis).
		pub validators: Vec<T::AccountId>,
		/// Blocks per session (at least 1).
		pub session_length: BlockNumberFor<T>,
	}

	/// Blocks per session unless genesis says otherwise: an hour of 6-second blocks.
	pub const DEFAULT_SESSION_LENGTH: u32 = 600;

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { validators: Vec::new(), session_length: DEFAULT_SESSION_LENGTH.into() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(!self.session_length.is_zero(), "a session lasts at least one block");
			let mut validators = self.validators.clone();
			validators.sort();
			validators.dedup();
			let validators = BoundedVec::<_, T::MaxValidators>::try_from(validators)
				.unwrap_or_else(|_| panic!("more genesis validators than MaxValidators"));
			Validators::<T>::put(validators);
			SessionLength::<T>::put(self.session_length);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validators from the session after next.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the validators from the session after next.
		ValidatorRemoved { who: T::AccountId },
		/// The session pallet planned session `session` with these validators.
		NewSessionPlanned { session: u32, validators: Vec<T::AccountId> },
		/// Sessions now last `blocks` blocks.
		SessionLengthSet { blocks: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has not registered session keys (`session.set_keys`) yet.
		NoSessionKeys,
		/// The set is full: `MaxValidators`.
		TooManyValidators,
		/// Removing would leave fewer than `MinValidators`.
		TooFewValidators,
		/// A session lasts at least one block.
		ZeroSessionLength,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validators. Its session keys must be registered; it authors and
		/// votes from the session after next.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(T::KeysRegistered::is_registered(&who), Error::<T>::NoSessionKeys);
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				let at =
					validators.binary_search(&who).err().ok_or(Error::<T>::AlreadyValidator)?;
				validators
					.try_insert(at, who.clone())
					.map_err(|_| Error::<T>::TooManyValidators)?;
				Ok(())
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Removes `who` from the validators: it stops authoring and voting from the session
		/// after next. Its session keys stay registered until it purges them.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				let at = validators.binary_search(&who).map_err(|_| Error::<T>::NotValidator)?;
				ensure!(
					validators.len() > T::MinValidators::get() as usize,
					Error::<T>::TooFewValidators
				);
				validators.remove(at);
				Ok(())
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}

		/// Sets the session length, in blocks. Sessions end at block numbers divisible by it,
		/// so the current one may end sooner or later than it would have.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_session_length())]
		pub fn set_session_length(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!blocks.is_zero(), Error::<T>::ZeroSessionLength);
			SessionLength::<T>::put(blocks);
			Self::deposit_event(Event::SessionLengthSet { blocks });
			Ok(())
		}

		/// Authorizes the runtime whose code hashes to `code_hash` (BLAKE2-256 of the wasm) as
		/// the next upgrade; anyone may then upload it with `system.apply_authorized_upgrade`,
		/// which refuses other code, another spec name or a spec version that does not rise.
		/// A later authorization replaces an earlier one not yet applied. frame-system records
		/// it and says so (`system.UpgradeAuthorized`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::authorize_upgrade())]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			frame_system::Pallet::<T>::do_authorize_upgrade(code_hash, true);
			Ok(())
		}
	}
}
