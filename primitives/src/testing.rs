//! Test doubles of the registry and the clock, for the mocks of pallets that read them through
//! traits (feature `testing`; never in a runtime).

use crate::{
	GridDay, GridInstant, GridTime, ParticipantRoles, PpaBenchmarkHelper, PpaId, PpaParties,
	PpaRegistry, PpaStatus, PpaTerms, Role, TimeBlock,
};
use core::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// The load despatch centre the registry double names for every PPA it is given.
pub const TEST_LDC: u64 = 40;

/// A PPA as the registry double knows it.
#[derive(Clone, Debug)]
pub struct TestPpa {
	/// Seller and buyer.
	pub parties: PpaParties<u64>,
	/// Where it is in its life.
	pub status: PpaStatus,
	/// The terms, on every day.
	pub terms: PpaTerms,
}

thread_local! {
	static NOW: Cell<GridInstant> = const { Cell::new(GridInstant::new(0, TimeBlock::FIRST)) };
	static ROLES: RefCell<BTreeMap<u64, Vec<Role>>> = const { RefCell::new(BTreeMap::new()) };
	static PPAS: RefCell<BTreeMap<PpaId, TestPpa>> = const { RefCell::new(BTreeMap::new()) };
}

/// Grid time the tests set.
pub struct TestGridTime;
impl GridTime for TestGridTime {
	fn now() -> GridInstant {
		NOW.with(|n| n.get())
	}
}

/// Makes `day` today, at its first time block.
pub fn set_today(day: GridDay) {
	set_now(day, 0);
}

/// Makes it time block `block` (0..=95) of `day`.
pub fn set_now(day: GridDay, block: u8) -> GridInstant {
	let now = GridInstant::new(day, TimeBlock::new(block).unwrap_or(TimeBlock::LAST));
	NOW.with(|n| n.set(now));
	now
}

/// The registry double: roles and PPAs the tests set.
pub struct TestRegistry;

impl TestRegistry {
	/// Forgets every role and PPA.
	pub fn reset() {
		ROLES.with(|r| r.borrow_mut().clear());
		PPAS.with(|p| p.borrow_mut().clear());
	}

	/// Gives `who` `role`.
	pub fn grant(who: u64, role: Role) {
		ROLES.with(|r| r.borrow_mut().entry(who).or_default().push(role));
	}

	/// Takes every role from `who`.
	pub fn revoke_all(who: u64) {
		ROLES.with(|r| r.borrow_mut().remove(&who));
	}

	/// Adds PPA `id`.
	pub fn insert(id: PpaId, seller: u64, buyer: u64, status: PpaStatus, terms: PpaTerms) {
		PPAS.with(|p| {
			p.borrow_mut().insert(
				id,
				TestPpa { parties: PpaParties { seller, buyer, ldc: TEST_LDC }, status, terms },
			)
		});
	}

	/// Names `ldc` as the load despatch centre of `ppa`.
	pub fn set_ldc(ppa: PpaId, ldc: u64) {
		PPAS.with(|p| {
			if let Some(p) = p.borrow_mut().get_mut(&ppa) {
				p.parties.ldc = ldc;
			}
		});
	}

	/// Sets a PPA's status.
	pub fn set_status(ppa: PpaId, status: PpaStatus) {
		PPAS.with(|p| {
			if let Some(p) = p.borrow_mut().get_mut(&ppa) {
				p.status = status;
			}
		});
	}
}

impl ParticipantRoles<u64> for TestRegistry {
	fn has_active_role(who: &u64, role: Role) -> bool {
		ROLES.with(|r| r.borrow().get(who).is_some_and(|roles| roles.contains(&role)))
	}
}

impl PpaRegistry<u64> for TestRegistry {
	fn parties(ppa: PpaId) -> Option<PpaParties<u64>> {
		PPAS.with(|p| p.borrow().get(&ppa).map(|p| p.parties.clone()))
	}
	fn status(ppa: PpaId) -> Option<PpaStatus> {
		PPAS.with(|p| p.borrow().get(&ppa).map(|p| p.status))
	}
	fn terms_on(ppa: PpaId, _day: GridDay) -> Option<PpaTerms> {
		PPAS.with(|p| p.borrow().get(&ppa).map(|p| p.terms.clone()))
	}
	fn every_ppa_of_seller(who: &u64) -> Vec<PpaId> {
		PPAS.with(|p| {
			p.borrow().iter().filter(|(_, p)| p.parties.seller == *who).map(|(id, _)| *id).collect()
		})
	}
	fn ppas_of_buyer(who: &u64) -> Vec<PpaId> {
		PPAS.with(|p| {
			p.borrow().iter().filter(|(_, p)| p.parties.buyer == *who).map(|(id, _)| *id).collect()
		})
	}
	fn every_ppa_of_buyer(who: &u64) -> Vec<PpaId> {
		Self::ppas_of_buyer(who)
	}
}

impl PpaBenchmarkHelper<u64> for TestRegistry {
	fn set_today(day: GridDay) {
		set_today(day);
	}
	fn participant(who: &u64, role: Role) {
		Self::grant(*who, role);
	}
	fn binding_ppa(seller: &u64, buyer: &u64, terms: PpaTerms) -> PpaId {
		let id = PPAS.with(|p| p.borrow().keys().next_back().map_or(0, |last| last + 1));
		Self::insert(id, *seller, *buyer, PpaStatus::Active, terms);
		id
	}
	fn ldc() -> u64 {
		Self::grant(TEST_LDC, Role::LoadDespatchCentre);
		TEST_LDC
	}
}
