//! `ppa-billing`: exports a participant's bills, payments and dues over a period from a PPA
//! chain node, for a billing or ERP system.
//!
//! ```text
//! ppa-billing --url ws://127.0.0.1:9944 --account 5Grw... --from 2026-11-01 --to 2026-11-30 \
//!     --format csv --report bills > bills.csv
//! ```

use clap::{Parser, ValueEnum};
use ppa_billing::{csv, dates::parse_day, fetch, Query};

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
	/// One JSON document: PPAs, bills, ledgers and dues.
	Json,
	/// One CSV table (see `--report`).
	Csv,
}

/// Which CSV table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Report {
	/// One row per bill.
	Bills,
	/// What was paid on each bill, and each PPA's ledger totals.
	Payments,
	/// Outstanding by age and LPS, as a buyer and as a seller.
	Dues,
}

/// Exports a participant's bills, payments and dues from a PPA chain node.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
	/// The node's JSON-RPC WebSocket address.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The participant's SS58 address (a generator or a discom).
	#[arg(long)]
	account: String,
	/// First day of the period: YYYY-MM-DD (IST) or a grid day number.
	#[arg(long, value_parser = parse_day)]
	from: u32,
	/// Last day of the period: YYYY-MM-DD (IST) or a grid day number.
	#[arg(long, value_parser = parse_day)]
	to: u32,
	/// The block to read at (hash); the finalized head by default.
	#[arg(long)]
	at: Option<String>,
	/// Output format.
	#[arg(long, value_enum, default_value_t = Format::Json)]
	format: Format,
	/// The CSV table to write.
	#[arg(long, value_enum, default_value_t = Report::Bills)]
	report: Report,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
	let cli = Cli::parse();
	let query = Query { account: cli.account, from: cli.from, to: cli.to, at: cli.at };
	let export = match fetch(&cli.url, &query).await {
		Ok(export) => export,
		Err(e) => {
			eprintln!("ppa-billing: {e}");
			std::process::exit(1);
		},
	};
	match cli.format {
		Format::Json => match serde_json::to_string_pretty(&export.to_json()) {
			Ok(text) => println!("{text}"),
			Err(e) => {
				eprintln!("ppa-billing: {e}");
				std::process::exit(1);
			},
		},
		Format::Csv => {
			let report = match cli.report {
				Report::Bills => csv::Report::Bills,
				Report::Payments => csv::Report::Payments,
				Report::Dues => csv::Report::Dues,
			};
			print!("{}", csv::render(&export, report));
		},
	}
}
