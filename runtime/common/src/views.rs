//! [`impl_ppa_views!`](crate::impl_ppa_views): the views the runtime APIs return.

/// Declares, in the runtime at the call site, the module `views`: the views the runtime APIs
/// return (`ppa_runtime_api`), built from the owner pallets' query functions. The call site
/// provides the pallets `Registry`, `Escrow`, `Scheduling`, `Settlement`, `Defaults`,
/// `Resale` and `GridClock`.
// The expansion names the runtime's own items (`crate::…`): the call site's crate is meant.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! impl_ppa_views {
	() => {
		pub mod views {
			//! The views the runtime APIs return (`ppa_runtime_api::views`), built from the owner pallets'
			//! query functions; nothing here reads a pallet's storage. Reads only; every loop is bounded
			//! by one PPA's records, one day's offers or [`MAX_BIDS_IN_BOOK`].

			use alloc::vec::Vec;
			use ppa_primitives::{
				clock::BLOCKS_PER_DAY, Dues, GridDay, GridTime, PaymentSecurity, PpaId,
				PpaRegistry, PpaTerms, TimeBlock,
			};
			use ppa_runtime_api::{
				AgeingInfo, ApiError, BidInfo, BillInfo, BlockInfo, BookBlock, CoverageInfo,
				DayInfo, DefaultInfo, DuesInfo, EnergyAccountInfo, LedgerInfo, OfferInfo,
				OrderBook, PpaInfo, PpasOf, ResultInfo, TermsInfo, MAX_BIDS_IN_BOOK, MAX_DAY_RANGE,
			};

			use crate::{Defaults, Escrow, GridClock, Registry, Resale, Scheduling, Settlement};
			use $crate::AccountId;

			/// Refuses a PPA the registry does not know.
			fn known(ppa: PpaId) -> Result<(), ApiError> {
				if Registry::ppa_record(ppa).is_some() {
					Ok(())
				} else {
					Err(ApiError::UnknownPpa)
				}
			}

			fn terms_info(
				version: u32,
				effective_from: GridDay,
				agreed_at: Option<u32>,
				terms: PpaTerms,
			) -> TermsInfo {
				TermsInfo {
					version,
					effective_from,
					agreed_at,
					capacity_kw: terms.capacity_kw,
					station: terms.station.into_inner(),
					start_day: terms.start_day,
					end_day: terms.end_day,
					capacity_rate: terms.capacity_rate,
					energy_rate: terms.energy_rate,
					transmission_rate: terms.transmission_rate,
					billing_period: terms.billing_period,
					due_days: terms.due_days,
					rebate_tiers: terms
						.rebate_tiers
						.iter()
						.map(|t| (t.within_days, t.rebate.deconstruct()))
						.collect(),
					lps_rate_cap_ppm: terms.lps_rate_cap.map(|c| c.deconstruct()),
					calendar_months: terms.calendar_months,
					normative_availability_ppm: terms.normative_availability.deconstruct(),
					lc_on_presentation: terms.lc_on_presentation,
					lc_percent_of_monthly_billing: terms
						.payment_security
						.lc_percent_of_monthly_billing,
					payment_bg: terms.payment_security.payment_bg,
					auto_resale_offer: terms.auto_resale_offer,
					agreement_hash: terms.agreement_hash,
				}
			}

			/// A PPA and every version of its terms.
			pub fn ppa(id: PpaId) -> Option<PpaInfo<AccountId>> {
				let record = Registry::ppa_record(id)?;
				let mut terms: Vec<TermsInfo> = Registry::terms_versions(id)
					.into_iter()
					.map(|(v, t)| terms_info(v, t.effective_from, Some(t.agreed_at), t.terms))
					.collect();
				if terms.is_empty() {
					if let Some(proposal) = Registry::proposal(id) {
						terms.push(terms_info(0, proposal.start_day, None, proposal));
					}
				}
				Some(PpaInfo {
					id,
					seller: record.seller,
					buyer: record.buyer,
					ldc: record.ldc,
					proposer: record.proposer,
					status: record.status,
					seller_signed_at: record.seller_signed_at,
					buyer_signed_at: record.buyer_signed_at,
					terminated_on: record.terminated.map(|t| t.0),
					terms,
				})
			}

			/// The PPAs of a participant, ended ones included.
			pub fn ppas_of(who: AccountId) -> PpasOf {
				PpasOf {
					selling: <Registry as PpaRegistry<AccountId>>::every_ppa_of_seller(&who),
					buying: <Registry as PpaRegistry<AccountId>>::every_ppa_of_buyer(&who),
				}
			}

			/// A PPA's day, block by block, and its energy account.
			pub fn day(ppa: PpaId, day: GridDay) -> Result<DayInfo, ApiError> {
				known(ppa)?;
				let sold = Scheduling::sold_on(ppa, day).unwrap_or([0; 96]);
				let blocks = Scheduling::day_detail(ppa, day)
					.map(|d| {
						(0..usize::from(BLOCKS_PER_DAY))
							.map(|b| BlockInfo {
								block: b as u8,
								scheduled_kw: d.scheduled_kw.get(b).copied().unwrap_or_default(),
								sold_kw: sold.get(b).copied().unwrap_or_default(),
								availability_ppm: d
									.availability
									.get(b)
									.map(|a| a.deconstruct())
									.unwrap_or_default(),
								actual_wh: d
									.is_metered(b)
									.then(|| d.actual_wh.get(b).copied().unwrap_or_default()),
							})
							.collect()
					})
					.unwrap_or_default();
				let account = Scheduling::energy_account(ppa, day).map(|a| EnergyAccountInfo {
					requested_wh: a.requested_wh,
					scheduled_wh: a.scheduled_wh,
					cut_availability_wh: a.cut_availability_wh,
					cut_psm_wh: a.cut_psm_wh,
					cut_regulation_wh: a.cut_regulation_wh,
					cut_resale_wh: a.cut_resale_wh,
					regulated_share_percent: a.regulated_share.deconstruct(),
					actual_wh: a.actual_wh,
					deviation_wh: a.deviation_wh,
					blocks_metered: a.blocks_metered,
					energy_rate: a.energy_rate,
					cover: a.cover,
					unmetered_value: a.unmetered_value,
					advance_committed: Escrow::advance_committed(ppa, day),
					revisions: a.revisions,
				});
				Ok(DayInfo { ppa, day, blocks, account })
			}

			/// Payment security of a PPA against a day's requirement.
			pub fn coverage(ppa: PpaId, day: GridDay) -> Result<CoverageInfo, ApiError> {
				known(ppa)?;
				let c = <Escrow as PaymentSecurity>::coverage(ppa, day);
				Ok(CoverageInfo {
					ppa,
					day,
					letters_of_credit: c.letters_of_credit,
					advance: c.advance,
					advance_committed: c.advance_committed,
					payment_bank_guarantees: c.payment_bank_guarantees,
					required: c.required,
					adequate: c.adequate,
				})
			}

			/// Bills of a PPA whose period overlaps `from..=to`, oldest first, LPS accrued through today.
			pub fn bills(
				ppa: PpaId,
				from: GridDay,
				to: GridDay,
			) -> Result<Vec<BillInfo<AccountId>>, ApiError> {
				known(ppa)?;
				if from > to {
					return Err(ApiError::BadDayRange);
				}
				if to - from >= MAX_DAY_RANGE {
					return Err(ApiError::DayRangeTooLong);
				}
				let bills = Settlement::bills_overlapping(ppa, from, to, GridClock::today())
					.into_iter()
					.map(|(id, b)| BillInfo {
						ppa,
						id,
						settled: b.is_settled(),
						seller: b.seller,
						buyer: b.buyer,
						first_day: b.first_day,
						last_day: b.last_day,
						energy_wh: b.energy_wh,
						energy_charge: b.energy_charge,
						capacity_charge: b.capacity_charge,
						resale_credit: b.resale_credit,
						billed: b.billed,
						paid: b.paid,
						rebate: b.rebate,
						outstanding: b.outstanding,
						disputed: b.disputed,
						presented_on: b.presented_on,
						due_on: b.due_on,
						lps: b.lps,
						lps_paid: b.lps_paid,
					})
					.collect();
				Ok(bills)
			}

			/// A PPA's dues ledger, its LPS accrued through today as the bills' and the dues' are.
			pub fn ledger(ppa: PpaId) -> Result<LedgerInfo, ApiError> {
				known(ppa)?;
				let l = Settlement::ledger_on(ppa, GridClock::today());
				Ok(LedgerInfo {
					ppa,
					billed: l.billed,
					paid: l.paid,
					rebate: l.rebate,
					outstanding: l.outstanding,
					disputed: l.disputed,
					lps: l.lps,
					lps_paid: l.lps_paid,
					unbilled: l.unbilled,
					resale_credit: l.resale_credit,
					resale_credited: l.resale_credited,
					unpaid_bills: l.unpaid_bills,
					settled_through: l.settled_through,
				})
			}

			fn dues_info(ppas: Vec<PpaId>, d: Dues) -> DuesInfo {
				DuesInfo {
					as_of: GridClock::today(),
					ppas,
					billed: d.billed,
					paid: d.paid,
					rebate: d.rebate,
					outstanding: d.outstanding,
					disputed: d.disputed,
					lps: d.lps,
					lps_paid: d.lps_paid,
					unbilled: d.unbilled,
					oldest_unpaid: d.oldest_unpaid,
					ageing: AgeingInfo {
						current: d.ageing.current,
						days_1_30: d.ageing.days_1_30,
						days_31_60: d.ageing.days_31_60,
						days_61_90: d.ageing.days_61_90,
						over_90: d.ageing.over_90,
					},
				}
			}

			/// What a buyer owes over all its PPAs.
			pub fn buyer_dues(who: AccountId) -> DuesInfo {
				let ppas = <Registry as PpaRegistry<AccountId>>::every_ppa_of_buyer(&who);
				dues_info(ppas, Settlement::buyer_dues(&who))
			}

			/// What is owed to a seller over all its PPAs.
			pub fn seller_dues(who: AccountId) -> DuesInfo {
				let ppas = <Registry as PpaRegistry<AccountId>>::every_ppa_of_seller(&who);
				dues_info(ppas, Settlement::seller_dues(&who))
			}

			/// What the buyer owes under one PPA.
			pub fn ppa_dues(ppa: PpaId) -> Result<DuesInfo, ApiError> {
				known(ppa)?;
				Ok(dues_info(alloc::vec![ppa], Settlement::ppa_dues(ppa)))
			}

			/// A buyer's default and regulation.
			pub fn default_status(who: AccountId) -> DefaultInfo {
				let s = Defaults::status(&who);
				DefaultInfo {
					as_of: GridClock::today(),
					in_default: s.in_default(),
					in_default_since: s.in_default_since,
					unpaid_dues_since: s.unpaid_dues_since,
					failed_security: s.failed_security,
					overdue_bills: s.overdue_bills,
					regulated_share_percent: s.regulated_share.deconstruct(),
					next_step: s.next_step.map(|(day, share)| (day, share.deconstruct())),
					relaxed_until: s.relaxed_until,
				}
			}

			/// A delivery day's offers, open bids and results.
			pub fn order_book(day: GridDay) -> OrderBook<AccountId> {
				let mut bids_left = MAX_BIDS_IN_BOOK;
				let mut truncated = false;
				let mut offers: Vec<OfferInfo<AccountId>> = Resale::offers_on(day)
					.into_iter()
					.map(|(ppa, offer)| {
						let blocks = (0..BLOCKS_PER_DAY)
							.filter_map(|b| {
								let offered_kw =
									offer.kw.get(usize::from(b)).copied().unwrap_or_default();
								let block = TimeBlock::new(b)?;
								let key = (day, ppa, block);
								let result = Resale::result(key);
								if offered_kw == 0 && result.is_none() {
									return None;
								}
								let mut bids: Vec<BidInfo<AccountId>> = Vec::new();
								let open =
									Resale::open_bids(key, bids_left.saturating_add(1) as usize);
								for (id, bid) in open {
									if bids_left == 0 {
										truncated = true;
										break;
									}
									bids_left -= 1;
									bids.push(BidInfo {
										id,
										bidder: bid.bidder,
										kw: bid.kw,
										price: bid.price,
										held: bid.held,
									});
								}
								bids.sort_by_key(|b| b.id);
								Some(BookBlock {
									block: b,
									offered_kw,
									bids,
									result: result.map(|r| ResultInfo {
										offered_kw: r.offered_kw,
										sold_kw: r.sold_kw,
										price: r.price,
										bids: r.bids,
										winners: r.winners,
										delivered_wh: r.delivered_wh,
									}),
								})
							})
							.collect();
						OfferInfo {
							ppa,
							seller: offer.seller,
							defaulter: offer.defaulter,
							reserve: offer.reserve,
							energy_rate: offer.energy_rate,
							whole_share: offer.whole_share,
							automatic: offer.automatic,
							blocks,
						}
					})
					.collect();
				offers.sort_by_key(|o| o.ppa);
				OrderBook { day, offers, truncated }
			}
		}
	};
}
