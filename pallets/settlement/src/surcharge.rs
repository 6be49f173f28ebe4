//! The late payment surcharge in storage (rule 12): the base rate of each financial year, and
//! the hook that steps each unpaid bill's LPS month by month.

use crate::{
	pallet::{Bills, Config, Error, Event, Ledgers, LpsCursor, LpsQueue, Pallet, Parameters},
	BillId, LpsRules, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use ppa_primitives::queue::cursor_or_start;
use ppa_primitives::{queue::walk_keyed_queues, GridDay, PpaId};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	// ---- the LPS base rate

	/// Sets the base rate of `financial_year` (rule 12): from its 1 April, or from
	/// tomorrow if that has passed; refused for a year ended or a rate in force.
	pub(crate) fn set_base_rate(financial_year: u16, rate: sp_runtime::Permill) -> DispatchResult {
		let today = Self::today();
		ensure!(
			Self::valid_base_rate(rate, &Parameters::<T>::get()),
			Error::<T>::InvalidParameters
		);
		let start = ppa_primitives::clock::financial_year_start(financial_year);
		let end = ppa_primitives::clock::financial_year_start(financial_year.saturating_add(1));
		let from = start.max(today.saturating_add(1));
		ensure!(from < end, Error::<T>::FinancialYearOver);
		let mut table = crate::pallet::LpsBaseRates::<T>::get();
		if let Some(entry) = table.iter().find(|e| e.financial_year == financial_year) {
			ensure!(entry.from > today, Error::<T>::BaseRateInForce);
		}
		table.retain(|e| e.financial_year != financial_year);
		let at = table.partition_point(|e| e.from < from);
		table
			.try_insert(at, crate::lps::BaseRate { financial_year, from, rate })
			.map_err(|_| Error::<T>::TooManyBaseRates)?;
		crate::pallet::LpsBaseRates::<T>::put(table);
		Self::deposit_event(Event::LpsBaseRateSet { financial_year, rate, from });
		Ok(())
	}

	// ---- LPS months

	/// Steps the overdue bills queued for every day up to today into their month of default,
	/// at most `budget`; returns the weight used.
	pub(crate) fn step_lps_months(budget: u32) -> Weight {
		let today = Self::today();
		let day = match cursor_or_start::<T::GridTime>(LpsCursor::<T>::get(), LpsCursor::<T>::put) {
			Ok(day) => day,
			Err(writes) => return T::DbWeight::get().reads_writes(1, writes),
		};
		let params = Self::lps_rules();
		let mut next = Vec::new();
		let walk = walk_keyed_queues(
			day,
			today,
			budget,
			|d, n| LpsQueue::<T>::iter_key_prefix(d).take(n).collect(),
			|d, (ppa, id)| {
				LpsQueue::<T>::remove(d, (ppa, id));
				if let Some(step) = Self::step_lps_month(ppa, id, d, &params) {
					next.push(step);
				}
			},
		);
		LpsCursor::<T>::put(walk.cursor);
		for (day, item) in next {
			LpsQueue::<T>::insert(day, item, ());
		}
		T::WeightInfo::on_initialize_lps(walk.applied)
			.saturating_add(T::DbWeight::get().reads_writes(walk.reads.into(), walk.applied.into()))
	}

	/// Bill `id` of `ppa` enters a new month of default on `day`: LPS is accrued through the
	/// day before and the step recorded. Returns where to queue the next step, while the rate
	/// still rises.
	fn step_lps_month(
		ppa: PpaId,
		id: BillId,
		day: GridDay,
		params: &LpsRules,
	) -> Option<(GridDay, (PpaId, BillId))> {
		let mut bill = Bills::<T>::get(ppa, id)?;
		if bill.outstanding == 0 || day <= bill.due_on {
			return None;
		}
		let accrued = bill.accrue_through(day.saturating_sub(1), params);
		let calendar = bill.terms.calendar_months;
		let month = crate::lps::month_of(bill.due_on, day, calendar);
		let rates = params.rates(bill.terms.lps_rate_cap);
		let annual_rate = rates.rate(month, day);
		Self::deposit_event(Event::LpsMonthBegan {
			ppa,
			bill: id,
			month,
			annual_rate,
			outstanding: bill.outstanding,
			lps: bill.lps,
		});
		let next_day = crate::lps::month_end(bill.due_on, month, calendar).saturating_add(1);
		let rises = rates.rate(month.saturating_add(1), next_day) != rates.rate(month, next_day);
		Bills::<T>::insert(ppa, id, bill);
		if accrued > 0 {
			Ledgers::<T>::mutate(ppa, |ledger| ledger.lps.saturating_accrue(accrued));
		}
		rises.then_some((next_day, (ppa, id)))
	}
}
