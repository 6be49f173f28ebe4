//! End to end through the interfaces people and billing systems use: a node whose grid clock
//! runs a day in 48 s (the development chain at rate 1800), driven by `@polkadot/api`
//! (`scripts/polkadot-js/test.mjs`: metadata, one custom call per pallet, storage, every custom
//! RPC method and runtime API), then the billing client's export of the discom's bills,
//! payments and dues, checked against the chain's own storage at the same block. The same
//! script and checks run against both chains: the standalone chain (Aura and GRANDPA) and the
//! parachain runtime in the node's parachain development mode (blocks sealed with the real
//! validation-data inherent of a mocked relay chain). On the parachain, the portal in headless
//! Chromium then shows the regulator's figures as the RPC states them and pays a bill
//! (`portal/test/parachain.mjs`).

mod common;

use common::Node;
use ppa_billing::{csv, fetch, fetch_via, Query, Via};
use serde_json::Value;
use std::{path::PathBuf, process::Command, time::Duration};
use subxt::{dynamic, ext::scale_decode, ext::scale_decode::DecodeAsType};

/// Generous: the script waits for up to three grid days (48 s each) on two shared cores.
const SCRIPT_DEADLINE: Duration = Duration::from_secs(600);

/// Generous: the portal's parachain test builds the portal, then waits on a few blocks.
const PORTAL_DEADLINE: Duration = Duration::from_secs(600);

/// The grid clock's rate for this test: a 15-minute time block every 0.5 s.
const FAST_CLOCK: u64 = 1800;

/// The development chain's spec (`chain`: `dev` or `parachain-dev`) with the grid clock at
/// [`FAST_CLOCK`].
fn fast_clock_spec(dir: &std::path::Path, chain: &str) -> PathBuf {
	let out = Command::new(common::NODE_BINARY)
		.args(["export-chain-spec", "--chain", chain])
		.output()
		.expect("export-chain-spec runs");
	assert!(out.status.success(), "export-chain-spec: {}", String::from_utf8_lossy(&out.stderr));
	let mut spec: Value = serde_json::from_slice(&out.stdout).expect("the spec is JSON");
	let patch =
		spec.pointer_mut("/genesis/runtimeGenesis/patch").expect("the dev spec is a genesis patch");
	patch["gridClock"]["rate"] = FAST_CLOCK.into();
	let path = dir.join("fast-clock.json");
	std::fs::write(&path, serde_json::to_vec(&spec).expect("JSON")).expect("spec written");
	path
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Bill {
	billed: u128,
	paid: u128,
	rebate: u128,
	outstanding: u128,
	lps_paid: u128,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Ledger {
	billed: u128,
	paid: u128,
}

/// Both chains at once (each waits mostly on its grid clock, so together they take the time
/// of one).
#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_and_the_billing_client_read_what_either_chain_holds() {
	tokio::join!(drive("dev", &["--validator", "--force-authoring"]), drive("parachain-dev", &[]),);
}

/// Starts a node of `chain`'s development spec at the fast clock (with `extra` arguments), runs
/// the `@polkadot/api` script against it, then checks the billing client's export against the
/// chain's storage.
async fn drive(chain: &str, extra: &[&str]) {
	let spec_dir = common::scratch_dir(&format!("fast-clock-spec-{chain}"));
	let spec = fast_clock_spec(&spec_dir, chain);
	let spec = spec.to_string_lossy().to_string();
	let mut args = vec![
		"--chain",
		&spec,
		"--alice",
		"--tmp",
		"--node-key",
		"0000000000000000000000000000000000000000000000000000000000000001",
	];
	args.extend_from_slice(extra);
	let mut node = Node::start(&format!("polkadot-js-{chain}"), &args);
	let _ = node.rpc(Duration::from_secs(240)).await;

	// The @polkadot/api script, stopped at the deadline.
	let facts_path = node.dir().join("facts.json");
	let facts = facts_path.to_string_lossy().to_string();
	common::run_script(&node, "test.mjs", &[&node.ws_url(), &facts], SCRIPT_DEADLINE).await;

	// The billing client's export of the discom's day, at the block the script checked.
	let facts: Value =
		serde_json::from_slice(&std::fs::read(&facts_path).expect("facts written")).unwrap();
	let (ppa, day, bill_id) = (
		facts["ppa"].as_u64().unwrap() as u32,
		facts["day"].as_u64().unwrap() as u32,
		facts["bill"].as_u64().unwrap(),
	);
	let at = facts["at"].as_str().unwrap().to_string();
	let query = Query {
		account: facts["buyer"].as_str().unwrap().to_string(),
		from: day,
		to: day,
		at: Some(at.clone()),
	};
	let export = fetch(&node.ws_url(), &query).await.expect("the billing client exports");
	// The same export through `state_call` (as from a collator on polkadot-omni-node, which
	// serves no custom method) is the same, figure for figure.
	let via_state_call = fetch_via(&node.ws_url(), &query, Via::StateCall)
		.await
		.expect("the billing client exports through state_call");
	assert_eq!(via_state_call, export, "state_call and the custom RPC agree");

	// The chain's own storage at that block.
	let api = subxt::OnlineClient::<subxt::PolkadotConfig>::from_insecure_url(node.ws_url())
		.await
		.expect("subxt connects");
	let hash: subxt::config::substrate::H256 = at.parse().expect("a block hash");
	let block = api.at_block(hash).await.expect("the block exists");
	let bill = block
		.storage()
		.fetch(dynamic::storage::<(u32, u64), Bill>("Settlement", "Bills"), (ppa, bill_id))
		.await
		.expect("the bill is stored")
		.decode()
		.expect("Bill decodes");
	let ledger = block
		.storage()
		.fetch(dynamic::storage::<(u32,), Ledger>("Settlement", "Ledgers"), (ppa,))
		.await
		.expect("the ledger is stored")
		.decode()
		.expect("PpaLedger decodes");
	assert!(bill.paid > 0, "the script paid part of the bill");

	assert_eq!(export.at, at);
	assert_eq!(export.bills.len(), 1, "one bill of the day: {:?}", export.bills);
	let exported = &export.bills[0];
	assert_eq!(exported.id, bill_id);
	for (field, exported, stored) in [
		("billed", exported.billed, bill.billed),
		("paid", exported.paid, bill.paid),
		("rebate", exported.rebate, bill.rebate),
		("outstanding", exported.outstanding, bill.outstanding),
		("lpsPaid", exported.lps_paid, bill.lps_paid),
	] {
		assert_eq!(exported, stored, "bill {field}");
	}
	assert_eq!(export.ledgers[0].billed, ledger.billed);
	assert_eq!(export.ledgers[0].paid, ledger.paid);
	assert_eq!(export.dues.buyer.outstanding, bill.outstanding);

	// The CSV tables carry the same figures.
	let bills_csv = csv::render(&export, csv::Report::Bills);
	let rows: Vec<&str> = bills_csv.lines().collect();
	assert_eq!(rows.len(), 2, "{bills_csv}");
	assert!(rows[1].starts_with(&format!("{ppa},{bill_id},")), "{bills_csv}");
	assert!(rows[1].contains(&format!(",{},", bill.billed)), "{bills_csv}");
	let payments_csv = csv::render(&export, csv::Report::Payments);
	assert!(
		payments_csv.contains(&format!(
			"{ppa},{bill_id},{},{},{},{},{},",
			bill.billed, bill.paid, bill.rebate, bill.lps_paid, bill.outstanding
		)),
		"{payments_csv}"
	);
	assert!(payments_csv.contains(&format!("{ppa},ledger,{},{},", ledger.billed, ledger.paid)));
	let dues_csv = csv::render(&export, csv::Report::Dues);
	assert!(dues_csv.lines().nth(1).is_some_and(|l| l.starts_with("buyer,")), "{dues_csv}");

	// The portal on the parachain runtime (its own transaction extensions, runtime APIs through
	// `state_call`): the regulator's page against the RPC, and the discom pays the rest of the
	// day's bill through the page (portal/test/parachain.mjs; after the export, which read the
	// bill as it stood).
	if chain == "parachain-dev" {
		let shots = common::scratch_dir("portal-parachain-screenshots");
		let shots = shots.to_string_lossy();
		let facts = facts_path.to_string_lossy();
		common::run_program(
			&node,
			"node",
			&["portal/test/parachain.mjs", &node.ws_url(), &facts, &shots],
			PORTAL_DEADLINE,
		)
		.await;
	}

	node.stop();
	let _ = std::fs::remove_dir_all(spec_dir);
}
