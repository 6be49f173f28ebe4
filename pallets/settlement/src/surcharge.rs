//! The late payment surcharge in storage (rule 12): the base rate of each financial year, and
//! the hook that steps each unpaid bill's LPS month by month.

use crate::{
	pallet::{Bills, Config, Error, Event, Ledgers, LpsCursor, LpsQueue, Pallet, Parameters},
	BillId, LpsRules, WeightInfo,
};
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use ppa_primitives::{
	queue::{self, today_once_running, DayQueue},
	GridDay, PpaId,
};
use sp_runtime::traits::Saturating;

/// The LPS queue: on a day, the overdue bills (PPA, bill) that enter a new month of default.
pub(crate) struct LpsMonths<T>(core::marker::PhantomData<T>);

impl<T: Config> DayQueue for LpsMonths<T> {
	type Item = (PpaId, BillId);

	fn cursor() -> Option<GridDay> {
		LpsCursor::<T>::get()
	}

	fn set_cursor(day: GridDay) {
		LpsCursor::<T>::put(day)
	}

	fn start() -> Option<GridDay> {
		today_once_running::<T::GridTime>()
	}

	fn next(day: GridDay, after: Option<&(PpaId, BillId)>) -> Option<(PpaId, BillId)> {
		match after {
			None => LpsQueue::<T>::iter_key_prefix(day).next(),
			Some(item) => {
				LpsQueue::<T>::iter_key_prefix_from(day, LpsQueue::<T>::hashed_key_for(day, item))
					.next()
			},
		}
	}

	fn weight_bound(_day: GridDay, _bill: &(PpaId, BillId)) -> Weight {
		Pallet::<T>::lps_step_weight()
	}

	/// Steps the bill, and queues its next step while the rate still rises (a later day: a
	/// walk catching up reaches it in turn).
	fn apply(day: GridDay, (ppa, id): (PpaId, BillId)) -> Weight {
		LpsQueue::<T>::remove(day, (ppa, id));
		if let Some((next, item)) =
			Pallet::<T>::step_lps_month(ppa, id, day, &Pallet::<T>::lps_rules())
		{
			LpsQueue::<T>::insert(next, item, ());
		}
		Pallet::<T>::lps_step_weight()
	}
}

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
	/// oldest day first, within `meter`.
	pub(crate) fn step_lps_months(meter: &mut WeightMeter) {
		queue::walk::<LpsMonths<T>>(meter, T::DbWeight::get(), Self::today());
	}

	/// One LPS month step: its share of the benchmark, the LPS rules read (parameters and base
	/// rates), its queue entry removed and the next step queued.
	pub(crate) fn lps_step_weight() -> Weight {
		T::WeightInfo::on_initialize_lps(1)
			.saturating_sub(T::WeightInfo::on_initialize_lps(0))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
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
