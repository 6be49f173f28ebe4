//! CSV reports of an [`Export`]: one table each for bills, payments and dues, with a header
//! row, dates as `YYYY-MM-DD`, amounts in INR units as the chain keeps them.

use serde_json::Value;

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

/// A JSON value as text: strings unquoted, numbers as they are, null empty.
fn text(value: &Value) -> String {
	match value {
		Value::Null => String::new(),
		Value::String(s) => s.clone(),
		other => other.to_string(),
	}
}

fn date(value: &Value) -> String {
	value.as_u64().and_then(|d| u32::try_from(d).ok()).map(iso_date).unwrap_or_default()
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
					text(&b["ppa"]),
					text(&b["id"]),
					text(&b["seller"]),
					text(&b["buyer"]),
					date(&b["firstDay"]),
					date(&b["lastDay"]),
					text(&b["energyWh"]),
					text(&b["energyCharge"]),
					text(&b["capacityCharge"]),
					text(&b["resaleCredit"]),
					text(&b["billed"]),
					date(&b["presentedOn"]),
					date(&b["dueOn"]),
					text(&b["outstanding"]),
					text(&b["disputed"]),
					text(&b["lps"]),
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
						text(&b["ppa"]),
						text(&b["id"]),
						text(&b["billed"]),
						text(&b["paid"]),
						text(&b["rebate"]),
						text(&b["lpsPaid"]),
						text(&b["outstanding"]),
						text(&b["settled"]),
					]
				})
				.chain(export.ledgers.iter().map(|l| {
					vec![
						text(&l["ppa"]),
						"ledger".to_string(),
						text(&l["billed"]),
						text(&l["paid"]),
						text(&l["rebate"]),
						text(&l["lpsPaid"]),
						text(&l["outstanding"]),
						(l["unpaidBills"].as_u64() == Some(0)).to_string(),
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
			["buyer", "seller"].into_iter().map(|side| {
				let d = &export.dues[side];
				let a = &d["ageing"];
				vec![
					side.to_string(),
					date(&d["asOf"]),
					text(&d["billed"]),
					text(&d["paid"]),
					text(&d["outstanding"]),
					text(&d["disputed"]),
					text(&d["lps"]),
					text(&d["unbilled"]),
					text(&a["current"]),
					text(&a["days1To30"]),
					text(&a["days31To60"]),
					text(&a["days61To90"]),
					text(&a["over90"]),
				]
			}),
		),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	fn export() -> Export {
		Export {
			account: "5Grw".into(),
			from: 20_781,
			to: 20_781,
			at: "0x00".into(),
			ppas: json!({ "selling": [], "buying": [0] }),
			bills: vec![json!({
				"ppa": 0, "id": 7, "seller": "5FHn", "buyer": "5Grw", "firstDay": 20_781,
				"lastDay": 20_781, "energyWh": 25_000_000u64, "energyCharge": "75000000000",
				"capacityCharge": "1000", "resaleCredit": "0", "billed": "75000001000",
				"presentedOn": 20_782, "dueOn": 20_827, "outstanding": "0", "disputed": "0",
				"lps": "0", "paid": "74000001000", "rebate": "1000000000", "lpsPaid": "0",
				"settled": true,
			})],
			ledgers: vec![json!({
				"ppa": 0, "billed": "75000001000", "paid": "74000001000", "rebate": "1000000000",
				"lpsPaid": "0", "outstanding": "0", "unpaidBills": 0,
			})],
			dues: json!({
				"buyer": { "asOf": 20_783, "billed": "75000001000", "paid": "74000001000",
					"outstanding": "0", "disputed": "0", "lps": "0", "unbilled": "5",
					"ageing": { "current": "0", "days1To30": "0", "days31To60": "0",
						"days61To90": "0", "over90": "0" } },
				"seller": { "asOf": 20_783, "billed": "0", "paid": "0", "outstanding": "0",
					"disputed": "0", "lps": "0", "unbilled": "0",
					"ageing": { "current": "0", "days1To30": "0", "days31To60": "0",
						"days61To90": "0", "over90": "0" } },
			}),
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
