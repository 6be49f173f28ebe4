//! CSV reports of an [`Export`]: one table each for bills, payments and dues, with a header
//! row, dates as `YYYY-MM-DD`, amounts in INR units as the chain keeps them.

use crate::{dates::iso_date, Export};

/// The tables an export can be written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
	/// One row per bill: period, charges, billed, due date.
	Bills,
	/// One row per bill with what was paid on it, and one per PPA with its ledger's totals
	/// (real-time blocks settled from advance included).
	Payments,
	/// One row per side (buyer, seller): outstanding by age, LPS.
	Dues,
}

/// A field quoted if it needs to be (RFC 4180).
fn field(value: &str) -> String {
	if value.contains([',', '"', '\n', '\r']) {
		format!("\"{}\"", value.replace('"', "\"\""))
	} else {
		value.to_string()
	}
}

fn row(fields: &[String]) -> String {
	fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",") + "\n"
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
	let mut out = row(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
	for r in rows {
		out.push_str(&row(&r));
	}
	out
}

/// `export` as the CSV table `report`.
pub fn render(export: &Export, report: Report) -> String {
	match report {
		Report::Bills => table(
			&[
				"ppa",
				"bill",
				"seller",
				"buyer",
				"period_from",
				"period_to",
				"energy_wh",
				"energy_charge",
				"capacity_charge",
				"resale_credit",
				"billed",
				"presented_on",
				"due_on",
				"outstanding",
				"disputed",
				"lps",
			],
			export.bills.iter().map(|b| {
				vec![
					b.ppa.to_string(),
					b.id.to_string(),
					b.seller.clone(),
					b.buyer.clone(),
					iso_date(b.first_day),
					iso_date(b.last_day),
					b.energy_wh.to_string(),
					b.energy_charge.to_string(),
					b.capacity_charge.to_string(),
					b.resale_credit.to_string(),
					b.billed.to_string(),
					iso_date(b.presented_on),
					iso_date(b.due_on),
					b.outstanding.to_string(),
					b.disputed.to_string(),
					b.lps.to_string(),
				]
			}),
		),
		Report::Payments => table(
			&["ppa", "bill", "billed", "paid", "rebate", "lps_paid", "outstanding", "settled"],
			export
				.bills
				.iter()
				.map(|b| {
					vec![
						b.ppa.to_string(),
						b.id.to_string(),
						b.billed.to_string(),
						b.paid.to_string(),
						b.rebate.to_string(),
						b.lps_paid.to_string(),
						b.outstanding.to_string(),
						b.settled.to_string(),
					]
				})
				.chain(export.ledgers.iter().map(|l| {
					vec![
						l.ppa.to_string(),
						"ledger".to_string(),
						l.billed.to_string(),
						l.paid.to_string(),
						l.rebate.to_string(),
						l.lps_paid.to_string(),
						l.outstanding.to_string(),
						(l.unpaid_bills == 0).to_string(),
					]
				})),
		),
		Report::Dues => table(
			&[
				"side",
				"as_of",
				"billed",
				"paid",
				"outstanding",
				"disputed",
				"lps",
				"unbilled",
				"current",
				"days_1_30",
				"days_31_60",
				"days_61_90",
				"over_90",
			],
			[("buyer", &export.dues.buyer), ("seller", &export.dues.seller)].into_iter().map(
				|(side, d)| {
					let a = &d.ageing;
					vec![
						side.to_string(),
						iso_date(d.as_of),
						d.billed.to_string(),
						d.paid.to_string(),
						d.outstanding.to_string(),
						d.disputed.to_string(),
						d.lps.to_string(),
						d.unbilled.to_string(),
						a.current.to_string(),
						a.days_1_30.to_string(),
						a.days_31_60.to_string(),
						a.days_61_90.to_string(),
						a.over_90.to_string(),
					]
				},
			),
		),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::Dues;
	use ppa_runtime_api::{AgeingInfo, BillInfo, DuesInfo, LedgerInfo, PpasOf};

	fn dues(billed: u128, paid: u128, unbilled: u128) -> DuesInfo {
		DuesInfo {
			as_of: 20_783,
			ppas: vec![0],
			billed,
			paid,
			rebate: 0,
			outstanding: 0,
			disputed: 0,
			lps: 0,
			lps_paid: 0,
			unbilled,
			oldest_unpaid: None,
			ageing: AgeingInfo {
				current: 0,
				days_1_30: 0,
				days_31_60: 0,
				days_61_90: 0,
				over_90: 0,
			},
		}
	}

	fn export() -> Export {
		Export {
			account: "5Grw".into(),
			from: 20_781,
			to: 20_781,
			at: "0x00".into(),
			ppas: PpasOf { selling: vec![], buying: vec![0] },
			bills: vec![BillInfo {
				ppa: 0,
				id: 7,
				seller: "5FHn".into(),
				buyer: "5Grw".into(),
				first_day: 20_781,
				last_day: 20_781,
				energy_wh: 25_000_000,
				energy_charge: 75_000_000_000,
				capacity_charge: 1_000,
				resale_credit: 0,
				billed: 75_000_001_000,
				paid: 74_000_001_000,
				rebate: 1_000_000_000,
				outstanding: 0,
				disputed: 0,
				presented_on: 20_782,
				due_on: 20_827,
				lps: 0,
				lps_paid: 0,
				settled: true,
			}],
			ledgers: vec![LedgerInfo {
				ppa: 0,
				billed: 75_000_001_000,
				paid: 74_000_001_000,
				rebate: 1_000_000_000,
				outstanding: 0,
				disputed: 0,
				lps: 0,
				lps_paid: 0,
				unbilled: 0,
				resale_credit: 0,
				resale_credited: 0,
				unpaid_bills: 0,
				settled_through: None,
			}],
			dues: Dues { buyer: dues(75_000_001_000, 74_000_001_000, 5), seller: dues(0, 0, 0) },
		}
	}

	#[test]
	fn bills_have_a_header_and_a_row_per_bill_with_dates() {
		let csv = render(&export(), Report::Bills);
		let lines: Vec<&str> = csv.lines().collect();
		assert_eq!(lines.len(), 2);
		assert!(lines[0].starts_with("ppa,bill,seller,buyer,period_from"));
		assert_eq!(
			lines[1],
			"0,7,5FHn,5Grw,2026-11-24,2026-11-24,25000000,75000000000,1000,0,75000001000,\
			 2026-11-25,2027-01-09,0,0,0"
		);
	}

	#[test]
	fn payments_list_bills_then_ledgers() {
		let csv = render(&export(), Report::Payments);
		let lines: Vec<&str> = csv.lines().collect();
		assert_eq!(lines[1], "0,7,75000001000,74000001000,1000000000,0,0,true");
		assert_eq!(lines[2], "0,ledger,75000001000,74000001000,1000000000,0,0,true");
	}

	#[test]
	fn dues_have_a_row_per_side() {
		let csv = render(&export(), Report::Dues);
		let lines: Vec<&str> = csv.lines().collect();
		assert_eq!(lines.len(), 3);
		assert_eq!(lines[1], "buyer,2026-11-26,75000001000,74000001000,0,0,0,5,0,0,0,0,0");
		assert!(lines[2].starts_with("seller,"));
	}

	#[test]
	fn fields_with_commas_or_quotes_are_quoted() {
		assert_eq!(field("Station \"A\", Unit 1"), "\"Station \"\"A\"\", Unit 1\"");
		assert_eq!(field("plain"), "plain");
	}
}
