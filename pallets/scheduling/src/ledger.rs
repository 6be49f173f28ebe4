//! Metered energy and its corrections, and what a PPA's end releases.

use crate::{
	gate::{self, BLOCKS},
	pallet::{
		Config, DayDetails, Declarations, EnergyAccounts, Error, Event, Pallet, Parameters,
		PruneQueue, Sales,
	},
	DayDetail, EnergyAccount, WeightInfo,
};
use alloc::collections::BTreeSet;
use frame_support::{pallet_prelude::*, traits::Get};
use ppa_primitives::{
	Balance, BindingPpa, BlockEnergy, EnergyLedger, EnergyWh, GridDay, GridInstant, GridTime,
	OnEnergyMetered, PowerKw, PpaId, PpaParties, PpaRegistry, SecurityPayments, TimeBlock,
};
use sp_runtime::{traits::Saturating, Permill};

/// Which of the rarer paths one reading took: they weigh more than the benchmarked one.
pub(crate) struct MeterPath {
	/// The day had no schedule: the declaration was read and the day queued for pruning.
	pub unscheduled: bool,
	/// Part of the block's energy was resold: resale queues it for its winners to pay.
	pub resold: bool,
	/// The block was paid at once from the buyer's advance to the seller.
	pub paid: bool,
}

/// What a batch of readings did that its benchmark does not assume, counted in readings.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct MeterPaths {
	/// Readings of a day without a schedule.
	pub unscheduled: u32,
	/// Readings of a block with resold energy.
	pub resold: u32,
	/// Readings paid at once whose buyer an earlier reading of the batch paid from.
	pub repeated_buyers: u32,
	/// Readings paid at once whose seller an earlier reading of the batch paid.
	pub repeated_sellers: u32,
}

impl MeterPaths {
	/// The most `n` readings can weigh: each on every rarer path, no party seen twice.
	pub fn worst(n: u32) -> Self {
		MeterPaths { unscheduled: n, resold: n, repeated_buyers: 0, repeated_sellers: 0 }
	}
}

/// Counts a batch's paths as its readings are metered.
pub(crate) struct MeterBatch<AccountId> {
	/// What the readings so far did.
	pub paths: MeterPaths,
	/// The buyers and sellers of the readings paid at once so far.
	buyers: BTreeSet<AccountId>,
	sellers: BTreeSet<AccountId>,
}

impl<AccountId: Ord + Clone> MeterBatch<AccountId> {
	/// A batch before its first reading.
	pub fn new() -> Self {
		MeterBatch {
			paths: MeterPaths::default(),
			buyers: BTreeSet::new(),
			sellers: BTreeSet::new(),
		}
	}

	/// One reading of a PPA between `parties`, metered along `path`. Only a reading paid at
	/// once touched its parties' balances: one that was not (an open bill, nothing due) is
	/// charged their accesses in full, which pays for the open bill's own.
	pub fn record(&mut self, parties: &PpaParties<AccountId>, path: MeterPath) {
		let paths = &mut self.paths;
		paths.unscheduled.saturating_accrue(u32::from(path.unscheduled));
		paths.resold.saturating_accrue(u32::from(path.resold));
		if path.paid {
			let buyer_again = !self.buyers.insert(parties.buyer.clone());
			let seller_again = !self.sellers.insert(parties.seller.clone());
			paths.repeated_buyers.saturating_accrue(u32::from(buyer_again));
			paths.repeated_sellers.saturating_accrue(u32::from(seller_again));
		}
	}
}

/// `a - b` of two energies as a signed deviation, Wh.
fn signed_difference(a: EnergyWh, b: EnergyWh) -> i64 {
	let a = i64::try_from(a).unwrap_or(i64::MAX);
	let b = i64::try_from(b).unwrap_or(i64::MAX);
	a.saturating_sub(b)
}

impl<T: Config> Pallet<T> {
	/// kW of `ppa`'s share sold on the open market in block `b` of `day`.
	pub(crate) fn sold_kw(ppa: PpaId, day: GridDay, b: usize) -> PowerKw {
		Sales::<T>::get(ppa, day).and_then(|sold| sold.get(b).copied()).unwrap_or(0)
	}

	/// Records block `block` of `day` of the PPA `binding` as metered at `actual_wh`, with its
	/// deviation from the schedule (its own and what was resold), moves the block's value
	/// from the schedule's exposure to billing, and tells settlement and resale. Returns which
	/// of the rarer paths the reading took, for its weight.
	pub(crate) fn meter(
		binding: &BindingPpa<T::AccountId>,
		day: GridDay,
		block: TimeBlock,
		actual_wh: EnergyWh,
	) -> Result<MeterPath, DispatchError> {
		let ppa = binding.ppa;
		let b = usize::from(block.index());
		let (mut detail, mut account, fresh) =
			match (DayDetails::<T>::get(ppa, day), EnergyAccounts::<T>::get(ppa, day)) {
				(Some(detail), Some(account)) => (detail, account, false),
				// Metered without a schedule: the whole reading is deviation, and the block's
				// availability is what the seller declared for the station, none without a
				// declaration (rule 9).
				(None, None) => {
					let mut detail = DayDetail::empty();
					let station = (&binding.parties.seller, &binding.terms.station);
					if let Some(d) = Declarations::<T>::get(day, station) {
						detail.availability =
							d.available_kw.map(|kw| gate::availability(kw, d.station_kw));
					}
					(detail, EnergyAccount::default(), true)
				},
				// An account an earlier version kept without its detail: past retention.
				_ => return Err(Error::<T>::AlreadyBilled.into()),
			};
		ensure!(!detail.is_metered(b), Error::<T>::AlreadyMetered);
		let scheduled_kw = detail.scheduled_kw.get(b).copied().unwrap_or(0);
		let sold_kw = Self::sold_kw(ppa, day, b);
		let scheduled_wh = gate::block_wh(scheduled_kw);
		detail.metered |= 1u128 << b;
		if let Some(slot) = detail.actual_wh.get_mut(b) {
			*slot = actual_wh;
		}
		account.actual_wh.saturating_accrue(actual_wh);
		let due_wh = scheduled_wh.saturating_add(gate::block_wh(sold_kw));
		account.deviation_wh =
			account.deviation_wh.saturating_add(signed_difference(actual_wh, due_wh));
		account.blocks_metered.saturating_inc();
		let block_value = if usize::from(account.blocks_metered) >= BLOCKS {
			account.unmetered_value
		} else {
			gate::value(&[scheduled_kw], account.energy_rate).min(account.unmetered_value)
		};
		let left = account.unmetered_value.saturating_sub(block_value);
		Self::revalue(ppa, day, &mut account, left);
		let energy = detail.energy(b, sold_kw);
		DayDetails::<T>::insert(ppa, day, detail);
		EnergyAccounts::<T>::insert(ppa, day, account);
		if fresh {
			Self::queue_pruning(day, alloc::vec![ppa]);
		}
		Self::deposit_event(Event::EnergyMetered { ppa, day, block, scheduled_wh, actual_wh });
		let paid =
			T::OnEnergyMetered::energy_metered(binding, GridInstant::new(day, block), energy);
		Ok(MeterPath { unscheduled: fresh, resold: sold_kw > 0, paid })
	}

	/// The weight of a batch of `n` readings that took `paths`. The benchmark runs in the
	/// runtime on scheduled blocks with nothing resold, settlement charging each block and
	/// paying it from the advance (its costliest path), every PPA with parties of its own; a
	/// reading of an unscheduled day adds the declaration read and its day queued for pruning,
	/// one of a resold block what resale does for it; a reading paid at once whose buyer or
	/// seller an earlier paid reading of the batch had is refunded the accesses keyed by that
	/// party (`OnEnergyMetered::party_weights`: already in the block's state); each batch adds the
	/// presentation cursor, read when a block opens a bill.
	pub(crate) fn meter_weight(n: u32, paths: &MeterPaths) -> Weight {
		use frame_support::traits::StorageInfoTrait;
		let declaration = Declarations::<T>::storage_info().first().and_then(|i| i.max_size);
		let unscheduled_weight = T::DbWeight::get()
			.reads_writes(1, 1)
			.saturating_add(ppa_primitives::proof::map_read_proof(declaration));
		let party = T::OnEnergyMetered::party_weights();
		let repeated = party
			.buyer
			.saturating_mul(paths.repeated_buyers.into())
			.saturating_add(party.seller.saturating_mul(paths.repeated_sellers.into()));
		T::WeightInfo::submit_meter_readings(n)
			.saturating_add(unscheduled_weight.saturating_mul(paths.unscheduled.into()))
			.saturating_add(T::OnEnergyMetered::resold_weight().saturating_mul(paths.resold.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_sub(repeated)
	}

	/// Replaces the energy account of a metered block of `ppa`, billed or not: its metered
	/// energy, and with `schedule` its implemented schedule (kW, at most the contracted
	/// capacity less what was resold) and declared availability. Settlement is told, and bills
	/// the difference in the block's charges. Returns the block's energy before and after.
	pub(crate) fn revise(
		ppa: PpaId,
		at: GridInstant,
		actual_wh: EnergyWh,
		schedule: Option<(PowerKw, Permill)>,
	) -> Result<(BlockEnergy, BlockEnergy), DispatchError> {
		let b = usize::from(at.block.index());
		let mut detail = DayDetails::<T>::get(ppa, at.day).ok_or(Error::<T>::NotMetered)?;
		let mut account = EnergyAccounts::<T>::get(ppa, at.day).ok_or(Error::<T>::NotMetered)?;
		ensure!(detail.is_metered(b), Error::<T>::NotMetered);
		let sold_kw = Self::sold_kw(ppa, at.day, b);
		let was = detail.energy(b, sold_kw);
		if let Some((scheduled_kw, availability)) = schedule {
			let (_, _, terms) = T::Ppas::ppa_on(ppa, at.day).ok_or(Error::<T>::UnknownPpa)?;
			ensure!(
				scheduled_kw <= terms.capacity_kw.saturating_sub(sold_kw),
				Error::<T>::OverEntitlement
			);
			let slot = detail.scheduled_kw.get_mut(b).ok_or(Error::<T>::NotMetered)?;
			*slot = scheduled_kw;
			let slot = detail.availability.get_mut(b).ok_or(Error::<T>::NotMetered)?;
			*slot = availability;
		}
		let slot = detail.actual_wh.get_mut(b).ok_or(Error::<T>::NotMetered)?;
		*slot = actual_wh;
		let now = detail.energy(b, sold_kw);
		account.scheduled_wh =
			account.scheduled_wh.saturating_sub(was.scheduled_wh).saturating_add(now.scheduled_wh);
		account.actual_wh =
			account.actual_wh.saturating_sub(was.actual_wh).saturating_add(actual_wh);
		// Deviation is metered less due (own schedule and what was resold), per block.
		let due = |e: &BlockEnergy| e.scheduled_wh.saturating_add(e.resold_wh);
		account.deviation_wh = account
			.deviation_wh
			.saturating_sub(signed_difference(was.actual_wh, due(&was)))
			.saturating_add(signed_difference(now.actual_wh, due(&now)));
		DayDetails::<T>::insert(ppa, at.day, detail);
		EnergyAccounts::<T>::insert(ppa, at.day, account);
		T::OnEnergyMetered::energy_revised(ppa, at, was, now)?;
		Ok((was, now))
	}

	/// Queues `day` of `ppas` for pruning after the retention period in force (one write per
	/// PPA; queued twice, it is pruned once).
	pub(crate) fn queue_pruning(day: GridDay, ppas: alloc::vec::Vec<PpaId>) {
		let due =
			day.saturating_add(u32::from(Parameters::<T>::get().retention_days)).saturating_add(1);
		for ppa in ppas {
			PruneQueue::<T>::insert(due, ppa, day);
		}
	}

	/// Past the retention period no reading can come for `day` (the meter window is shorter):
	/// what was scheduled and never metered will not be, so its value leaves the exposure and
	/// the advance committed to it is released to the buyer.
	pub(crate) fn release_unmetered(ppa: PpaId, day: GridDay) {
		let Some(mut account) = EnergyAccounts::<T>::get(ppa, day) else { return };
		let value = account.unmetered_value;
		let released = T::Security::release_advance(ppa, day, Balance::MAX);
		if value == 0 && released == 0 {
			return;
		}
		account.unmetered_value = 0;
		EnergyAccounts::<T>::insert(ppa, day, account);
		Self::deposit_event(Event::UnmeteredReleased { ppa, day, value, released });
	}

	/// A correction or revision of one block: the call's own reads and writes, the PPA's
	/// terms, LDC and what was resold read for its checks, and settlement billing the
	/// difference.
	pub(crate) fn revision_weight() -> Weight {
		T::WeightInfo::correct_meter_reading()
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::OnEnergyMetered::revision_weight())
	}
}

impl<T: Config> ppa_primitives::OnPpaEnded<T::AccountId> for Pallet<T> {
	/// The days after `day` that were finalized (at most tomorrow and the day after) will not
	/// be supplied: their unmetered value leaves the exposure and their advance commitment is
	/// released.
	fn ppa_ended(ppa: PpaId, _buyer: &T::AccountId, day: GridDay) {
		for later in day.saturating_add(1)..=day.saturating_add(2) {
			let Some(mut account) = EnergyAccounts::<T>::get(ppa, later) else { continue };
			let released = T::Security::release_advance(ppa, later, Balance::MAX);
			if account.unmetered_value == 0 && released == 0 {
				continue;
			}
			account.unmetered_value = 0;
			EnergyAccounts::<T>::insert(ppa, later, account);
			Self::deposit_event(Event::ScheduleCancelled { ppa, day: later, released });
		}
	}

	fn weight() -> Weight {
		// Two days' accounts read and written, each releasing advance in escrow (the PPA's
		// advance and the day's commitment, each read and written).
		T::DbWeight::get().reads_writes(6, 6)
	}
}

impl<T: Config> EnergyLedger for Pallet<T> {
	fn block_energy(ppa: PpaId, at: GridInstant) -> Option<BlockEnergy> {
		let detail = DayDetails::<T>::get(ppa, at.day)?;
		let b = usize::from(at.block.index());
		detail.is_metered(b).then(|| detail.energy(b, Self::sold_kw(ppa, at.day, b)))
	}
}

impl<T: Config> Pallet<T> {
	/// Checks that every day's energy account agrees with its per-block detail: scheduled and
	/// metered energy, deviation over the metered blocks, blocks metered; and that only billed
	/// days have lost their detail. (That the advance escrow holds committed to a day never
	/// exceeds its unmetered value is the runtime's check: `ppa_runtime::invariants`.)
	/// Also run by the runtime's tests after every block (not only under `try-runtime`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let retention = u32::from(Parameters::<T>::get().retention_days);
		for (ppa, day, account) in EnergyAccounts::<T>::iter() {
			ensure!(T::Ppas::parties(ppa).is_some(), "an energy account of an unknown PPA");
			let Some(detail) = DayDetails::<T>::get(ppa, day) else {
				// Only an earlier version kept an account without its detail, past retention.
				ensure!(
					day.saturating_add(retention) < T::GridTime::today(),
					"an energy account without detail"
				);
				continue;
			};
			ensure!(detail.metered >> BLOCKS == 0, "a block beyond the day is metered");
			ensure!(
				u32::from(account.blocks_metered) == detail.metered.count_ones(),
				"blocks metered out of step"
			);
			ensure!(
				account.scheduled_wh == gate::day_wh(&detail.scheduled_kw),
				"scheduled energy out of step"
			);
			let mut actual: EnergyWh = 0;
			let mut deviation: i64 = 0;
			for b in (0..BLOCKS).filter(|b| detail.is_metered(*b)) {
				let wh = detail.actual_wh.get(b).copied().unwrap_or(0);
				let energy = detail.energy(b, Self::sold_kw(ppa, day, b));
				let scheduled = energy.scheduled_wh.saturating_add(energy.resold_wh);
				actual = actual.saturating_add(wh);
				deviation = deviation.saturating_add(signed_difference(wh, scheduled));
			}
			ensure!(account.actual_wh == actual, "metered energy out of step");
			ensure!(account.deviation_wh == deviation, "deviation out of step");
		}
		Ok(())
	}
}
