//! Storage migrations of the registry pallet. Its storage version is 4: the lifecycle queue
//! keeps one entry per PPA and day (version 1 kept a bounded list per day, which refused a
//! signature once a day had 1,024 transitions), ended PPAs leave their parties' bounded
//! indexes for the unbounded indexes of ended PPAs, terms name the normative availability
//! and whether letters of credit pay on presentation, and a PPA's record keeps the first day
//! of each version of its terms (version 3 kept their number, and finding the version in force
//! on a day read every later version). A chain built from genesis with this code starts at 4.

/// From storage version 0 to 1.
pub mod v1 {
	use frame_support::{
		migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
	};

	use crate::{Config, Pallet};

	/// Version 1 keeps version 0's items as they are: nothing to translate.
	pub struct SameLayout<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for SameLayout<T> {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}
	}

	/// Records version 1 on a chain at 0; on a chain at 1 (every chain so far) it does
	/// nothing but read the version.
	pub type MigrateToV1<T> =
		VersionedMigration<0, 1, SameLayout<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}

/// From storage version 1 to 2: the day lists of `Transitions` become the entries of
/// `TransitionQueue`, one per PPA and day; ended PPAs move to `EndedPpasBySeller` and
/// `EndedPpasByBuyer`.
pub mod v2 {
	use crate::{
		Config, EndedPpasByBuyer, EndedPpasBySeller, Pallet, PpasByBuyer, PpasBySeller,
		TransitionQueue,
	};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use ppa_primitives::PpaStatus;
	use ppa_primitives::{GridDay, PpaId};

	/// PPAs' records as versions 1 to 3 kept them (the number of their terms' versions).
	#[storage_alias]
	pub type Ppas<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		PpaId,
		super::v4::PpaRecordV3<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>,
	>;

	/// Version 1's lifecycle queue: the PPAs to look at on a day, as one list.
	#[storage_alias]
	pub type Transitions<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, GridDay, Vec<PpaId>, ValueQuery>;

	/// Moves every queued transition to its own entry (a queue of a few days' starts and ends:
	/// one read and one write per PPA queued), and every ended PPA out of its parties' bounded
	/// indexes (every PPA read once; a chain before launch holds few).
	pub struct KeyedTransitions<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for KeyedTransitions<T> {
		fn on_runtime_upgrade() -> Weight {
			let days: Vec<(GridDay, Vec<PpaId>)> = Transitions::<T>::drain().collect();
			let mut reads: u64 = 1;
			let mut writes: u64 = 0;
			for (day, ppas) in days {
				for ppa in ppas {
					TransitionQueue::<T>::insert(day, ppa, ());
					(reads, writes) = (reads.saturating_add(1), writes.saturating_add(2));
				}
			}
			for (ppa, record) in Ppas::<T>::iter() {
				reads = reads.saturating_add(1);
				if record.status.is_binding() || record.status == PpaStatus::Proposed {
					continue;
				}
				PpasBySeller::<T>::mutate(&record.seller, |ids| ids.retain(|id| *id != ppa));
				PpasByBuyer::<T>::mutate(&record.buyer, |ids| ids.retain(|id| *id != ppa));
				EndedPpasBySeller::<T>::insert(&record.seller, ppa, ());
				EndedPpasByBuyer::<T>::insert(&record.buyer, ppa, ());
				(reads, writes) = (reads.saturating_add(2), writes.saturating_add(4));
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Moves the queue on a chain at 1; on a chain at 2 it does nothing but read the version.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		KeyedTransitions<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Registry, Test, DISCOM, GENCO, NRLDC};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		use frame_support::BoundedVec;

		#[test]
		fn version_1_day_lists_become_keyed_entries() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Registry>();
				// The alias names version 1's items exactly: prefix `Registry`, item
				// `Transitions`, the day under Twox64Concat.
				let day = 10u32.to_le_bytes();
				let key = [
					sp_io::hashing::twox_128(b"Registry").to_vec(),
					sp_io::hashing::twox_128(b"Transitions").to_vec(),
					sp_io::hashing::twox_64(&day).to_vec(),
					day.to_vec(),
				]
				.concat();
				assert_eq!(Transitions::<Test>::hashed_key_for(10), key);
				Transitions::<Test>::insert(10, alloc::vec![1, 2]);
				Transitions::<Test>::insert(11, alloc::vec![3]);
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(2));
				assert_eq!(Transitions::<Test>::iter().count(), 0);
				let mut moved: Vec<_> = TransitionQueue::<Test>::iter_keys().collect();
				moved.sort();
				assert_eq!(moved, alloc::vec![(10, 1), (10, 2), (11, 3)]);
			});
		}

		#[test]
		fn version_1_ended_ppas_leave_the_bounded_indexes() {
			new_test_ext().execute_with(|| {
				// Version 1 kept an ended PPA in its parties' indexes of binding PPAs.
				let record = crate::migrations::v4::PpaRecordV3 {
					seller: GENCO,
					buyer: DISCOM,
					ldc: NRLDC,
					proposer: GENCO,
					status: PpaStatus::Expired,
					seller_signed_at: Some(1),
					buyer_signed_at: Some(1),
					versions: 1,
					terminated: None,
				};
				Ppas::<Test>::insert(7, record);
				PpasBySeller::<Test>::insert(GENCO, BoundedVec::truncate_from(alloc::vec![7]));
				PpasByBuyer::<Test>::insert(DISCOM, BoundedVec::truncate_from(alloc::vec![7]));
				StorageVersion::new(1).put::<Registry>();
				MigrateToV2::<Test>::on_runtime_upgrade();
				assert!(PpasBySeller::<Test>::get(GENCO).is_empty());
				assert!(PpasByBuyer::<Test>::get(DISCOM).is_empty());
				assert!(EndedPpasBySeller::<Test>::contains_key(GENCO, 7));
				assert!(EndedPpasByBuyer::<Test>::contains_key(DISCOM, 7));
			});
		}
	}
}

/// From storage version 2 to 3: every stored set of terms (agreed versions, proposals and
/// pending amendments) gains a normative availability and the letters of credit's mode.
/// Version 2 billed capacity in proportion to availability, as a normative availability of
/// 100 % does, and drew letters of credit only after the due date: the terms keep both, so
/// that no bill changes until the parties amend them.
pub mod v3 {
	use crate::{Config, Pallet, PendingAmendments, Proposals, Terms};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use ppa_primitives::{
		ppa::MAX_REBATE_TIERS, Balance, BillingPeriod, DocumentHash, GridDay, PaymentSecurityTerms,
		PowerKw, PpaTerms, RebateTier,
	};
	use sp_runtime::Permill;

	/// Terms as version 2 stored them.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct TermsV2 {
		pub capacity_kw: PowerKw,
		pub station: BoundedVec<u8, ConstU32<64>>,
		pub start_day: GridDay,
		pub end_day: GridDay,
		pub capacity_rate: Balance,
		pub energy_rate: Balance,
		pub transmission_rate: Balance,
		pub billing_period: BillingPeriod,
		pub due_days: u16,
		pub rebate_tiers: BoundedVec<RebateTier, ConstU32<MAX_REBATE_TIERS>>,
		pub lps_rate_cap: Option<Permill>,
		pub calendar_months: bool,
		pub payment_security: PaymentSecurityTerms,
		pub auto_resale_offer: bool,
		pub agreement_hash: DocumentHash,
	}

	impl From<TermsV2> for PpaTerms {
		fn from(old: TermsV2) -> Self {
			PpaTerms {
				capacity_kw: old.capacity_kw,
				station: old.station,
				start_day: old.start_day,
				end_day: old.end_day,
				capacity_rate: old.capacity_rate,
				energy_rate: old.energy_rate,
				transmission_rate: old.transmission_rate,
				billing_period: old.billing_period,
				due_days: old.due_days,
				rebate_tiers: old.rebate_tiers,
				lps_rate_cap: old.lps_rate_cap,
				calendar_months: old.calendar_months,
				normative_availability: Permill::one(),
				lc_on_presentation: false,
				payment_security: old.payment_security,
				auto_resale_offer: old.auto_resale_offer,
				agreement_hash: old.agreement_hash,
			}
		}
	}

	/// A version of terms as version 2 stored it.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct TermsVersionV2<BlockNumber> {
		pub effective_from: GridDay,
		pub terms: TermsV2,
		pub agreed_at: BlockNumber,
	}

	/// An amendment as version 2 stored it.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct AmendmentV2<AccountId> {
		pub proposer: AccountId,
		pub effective_from: GridDay,
		pub terms: TermsV2,
	}

	/// Rewrites every stored set of terms (one read and one write each).
	pub struct TermsWithAvailability<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for TermsWithAvailability<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n: u64 = 0;
			Terms::<T>::translate::<TermsVersionV2<BlockNumberFor<T>>, _>(|_, _, old| {
				n = n.saturating_add(1);
				Some(crate::TermsVersion {
					effective_from: old.effective_from,
					terms: old.terms.into(),
					agreed_at: old.agreed_at,
				})
			});
			Proposals::<T>::translate::<TermsV2, _>(|_, old| {
				n = n.saturating_add(1);
				Some(old.into())
			});
			PendingAmendments::<T>::translate::<AmendmentV2<T::AccountId>, _>(|_, old| {
				n = n.saturating_add(1);
				Some(crate::Amendment {
					proposer: old.proposer,
					effective_from: old.effective_from,
					terms: old.terms.into(),
				})
			});
			T::DbWeight::get().reads_writes(n, n)
		}
	}

	/// Rewrites the terms on a chain at 2; on a chain at 3 it does nothing but read the version.
	pub type MigrateToV3<T> = VersionedMigration<
		2,
		3,
		TermsWithAvailability<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Registry, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_2_terms_bill_as_before_with_full_normative_availability() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(2).put::<Registry>();
				let new = crate::validation::tests::terms(10, 400);
				let old = TermsV2 {
					capacity_kw: new.capacity_kw,
					station: new.station.clone(),
					start_day: new.start_day,
					end_day: new.end_day,
					capacity_rate: new.capacity_rate,
					energy_rate: new.energy_rate,
					transmission_rate: new.transmission_rate,
					billing_period: new.billing_period,
					due_days: new.due_days,
					rebate_tiers: new.rebate_tiers.clone(),
					lps_rate_cap: new.lps_rate_cap,
					calendar_months: true,
					payment_security: new.payment_security,
					auto_resale_offer: new.auto_resale_offer,
					agreement_hash: new.agreement_hash,
				};
				let key = Proposals::<Test>::hashed_key_for(5);
				frame_support::storage::unhashed::put_raw(&key, &old.encode());
				MigrateToV3::<Test>::on_runtime_upgrade();
				assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(3));
				let migrated = Proposals::<Test>::get(5).unwrap();
				assert_eq!(migrated.normative_availability, Permill::one());
				assert!(!migrated.lc_on_presentation && migrated.calendar_months);
				assert_eq!(migrated.capacity_rate, new.capacity_rate);
			});
		}
	}
}

/// From storage version 3 to 4: each PPA's record keeps the first day of each agreed version
/// of its terms instead of their number, so that the version in force on a day is read with one
/// access (version 3 read every version later than it, up to `MaxVersions`, while every weight
/// counted one).
pub mod v4 {
	use crate::{Config, Pallet, PpaRecord, Ppas, TerminatedBy, Terms, VersionDays};
	use frame_support::{
		defensive,
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use ppa_primitives::{DocumentHash, GridDay, PpaStatus};

	/// A PPA's record as version 3 stored it: the number of its terms' versions.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct PpaRecordV3<AccountId, BlockNumber> {
		pub seller: AccountId,
		pub buyer: AccountId,
		pub ldc: AccountId,
		pub proposer: AccountId,
		pub status: PpaStatus,
		pub seller_signed_at: Option<BlockNumber>,
		pub buyer_signed_at: Option<BlockNumber>,
		pub versions: u32,
		pub terminated: Option<(GridDay, TerminatedBy, DocumentHash)>,
	}

	/// Rewrites every PPA's record with its versions' first days, read from `Terms`: one read
	/// and one write per PPA and a read per version (a chain before launch holds few PPAs; a
	/// consortium's thousands take well under a block).
	pub struct VersionsFirstDays<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for VersionsFirstDays<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut records, mut reads): (u64, u64) = (0, 0);
			Ppas::<T>::translate::<PpaRecordV3<T::AccountId, BlockNumberFor<T>>, _>(|ppa, old| {
				records = records.saturating_add(1);
				let mut versions = VersionDays::new();
				for v in 0..old.versions {
					reads = reads.saturating_add(1);
					// A version missing (which try_state refuses), or more than the bound,
					// ends the list there: later versions are dropped, and the next
					// amendment takes the missing version's number.
					let Some(version) = Terms::<T>::get(ppa, v) else {
						defensive!("a counted version of the terms is missing");
						break;
					};
					if versions.try_push(version.effective_from).is_err() {
						defensive!("more versions than MAX_VERSIONS");
						break;
					}
				}
				Some(PpaRecord {
					seller: old.seller,
					buyer: old.buyer,
					ldc: old.ldc,
					proposer: old.proposer,
					status: old.status,
					seller_signed_at: old.seller_signed_at,
					buyer_signed_at: old.buyer_signed_at,
					versions,
					terminated: old.terminated,
				})
			});
			T::DbWeight::get().reads_writes(records.saturating_add(reads), records)
		}

		/// The number of records before: every one must decode as a record afterwards (a
		/// record `translate` cannot decode is left as it was, and reads as no PPA).
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Ppas::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("the record count"))?;
			ensure!(Ppas::<T>::iter().count() as u64 == before, "a PPA record did not migrate");
			Ok(())
		}
	}

	/// Rewrites the records on a chain at 3; on a chain at 4 it does nothing but read the
	/// version.
	pub type MigrateToV4<T> = VersionedMigration<
		3,
		4,
		VersionsFirstDays<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Registry, Test, DISCOM, GENCO, NRLDC};
		use crate::TermsVersion;
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn version_3_records_keep_their_versions_first_days() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(3).put::<Registry>();
				let terms = crate::validation::tests::terms(10, 400);
				for (v, from) in [(0, 10), (1, 40), (2, 40)] {
					Terms::<Test>::insert(
						7,
						v,
						TermsVersion { effective_from: from, terms: terms.clone(), agreed_at: 1 },
					);
				}
				let old = PpaRecordV3 {
					seller: GENCO,
					buyer: DISCOM,
					ldc: NRLDC,
					proposer: GENCO,
					status: PpaStatus::Active,
					seller_signed_at: Some(1),
					buyer_signed_at: Some(1),
					versions: 3,
					terminated: None,
				};
				let key = Ppas::<Test>::hashed_key_for(7);
				frame_support::storage::unhashed::put_raw(&key, &old.encode());
				MigrateToV4::<Test>::on_runtime_upgrade();
				assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(4));
				let record = Ppas::<Test>::get(7).unwrap();
				assert_eq!(record.versions.into_inner(), alloc::vec![10, 40, 40]);
				assert_eq!((record.seller, record.status), (GENCO, PpaStatus::Active));
			});
		}
	}
}
