//! A consortium's own chain, launched as its operators would: `ppa-node consortium-spec` builds
//! the chain specification from their file (four operators' validator accounts and session
//! keys, their nodes' peer ids, the council, CERC as regulator, a discom, the listed balances;
//! no dev key, no sudo); each operator inserts its own session keys and starts its validator
//! with its own node key. Then, on the running network (`governance.mjs`): no sudo key; an
//! outsider and a lone member are refused; two thirds of the council register a participant
//! and add a validator; a unanimous motion cannot mint; the regulator's signed ruling passes
//! the origin and a discom's does not; the registered generator and the discom sign a PPA. Last, the council upgrades the runtime
//! (`scripts/upgrade-runtime.sh --council`, the upgrade rehearsal's wasm with the next
//! spec_version): it runs in best and finalized blocks on every validator, state intact.

mod common;

use common::{
	finalized_number, node_command, peer_id_of, run_program, run_script, scratch_dir, wait_until,
	Node,
};
use std::time::Duration;

/// Generous: four validators and the build share two cores in CI.
const DEADLINE: Duration = Duration::from_secs(300);

/// The public key (SS58) of the secret URI `suri` in `scheme`.
fn public(scheme: &str, suri: &str) -> String {
	let json = node_command(&["key", "inspect", "--scheme", scheme, "--output-type", "json", suri]);
	let value: serde_json::Value = serde_json::from_str(&json).expect("key inspect prints JSON");
	value["ss58PublicKey"].as_str().expect("an SS58 public key").to_string()
}

/// Operator `n`'s secret URIs: its account, its Aura key and its GRANDPA key. Derived from
/// names that are not the development keys' (the spec refuses those).
fn operator(n: u32) -> [String; 3] {
	let base = format!("//Consortium-Operator-{n}");
	[base.clone(), format!("{base}//aura"), format!("{base}//grandpa")]
}

#[tokio::test(flavor = "multi_thread")]
async fn a_consortium_chain_is_governed_by_its_council_and_upgraded_without_sudo() {
	let wasm = ppa_runtime::upgrade_rehearsal::WASM_BINARY_PATH
		.expect("the build makes the upgrade rehearsal's wasm (not with SKIP_WASM_BUILD)");
	let dir = scratch_dir("consortium");

	// Each operator's node key and keys.
	let dirs: Vec<_> = (1..=4).map(|n| scratch_dir(&format!("operator-{n}"))).collect();
	let mut validators = String::new();
	let mut nodes = String::new();
	let mut endowments = String::new();
	let mut council = Vec::new();
	// The first operator's node boots the others, at the address the spec gives it.
	let boot_port = common::free_port();
	for (i, node_dir) in dirs.iter().enumerate() {
		let n = i as u32 + 1;
		let [account, aura, grandpa] = operator(n);
		let key_file = node_dir.join("node.key");
		node_command(&["key", "generate-node-key", "--file", &key_file.to_string_lossy()]);
		let account = public("sr25519", &account);
		validators += &format!(
			"[[validators]]\noperator = \"operator {n}\"\naccount = \"{account}\"\naura = \"{}\"\n\
			 grandpa = \"{}\"\n",
			public("sr25519", &aura),
			public("ed25519", &grandpa)
		);
		nodes +=
			&format!("[[nodes]]\npeer_id = \"{}\"\nowner = \"{account}\"\n", peer_id_of(&key_file));
		if n == 1 {
			nodes += &format!("address = \"/ip4/127.0.0.1/tcp/{boot_port}\"\n");
		}
		council.push(format!("\"{account}\""));
	}
	let fifth = "//Consortium-Operator-5";
	let (cerc, uppcl, ntpc, nrldc) =
		("//Consortium-CERC", "//Consortium-UPPCL", "//Consortium-NTPC", "//Consortium-NRLDC");
	for suri in [
		operator(1)[0].as_str(),
		&operator(2)[0],
		&operator(3)[0],
		&operator(4)[0],
		fifth,
		cerc,
		uppcl,
		ntpc,
	] {
		endowments +=
			&format!("[[endowments]]\naccount = \"{}\"\ninr = 10000\n", public("sr25519", suri));
	}
	let operators = format!(
		"name = \"Consortium rehearsal\"\nid = \"ppa_consortium_test\"\nsession_length = 10\n\
		 [council]\nmembers = [{}]\n{validators}{nodes}\
		 [[regulators]]\naccount = \"{}\"\nname = \"CERC\"\n\
		 [[participants]]\naccount = \"{}\"\nname = \"UPPCL\"\nroles = [\"Buyer\"]\n\
		 [[participants]]\naccount = \"{}\"\nname = \"NRLDC\"\nroles = [\"LoadDespatchCentre\"]\n\
		 {endowments}",
		council.join(", "),
		public("sr25519", cerc),
		public("sr25519", uppcl),
		public("sr25519", nrldc),
	);
	let operators_file = dir.join("operators.toml");
	std::fs::write(&operators_file, operators).expect("operators' file written");
	let spec = dir.join("consortium.json");
	let spec_path = spec.to_string_lossy().to_string();
	node_command(&[
		"consortium-spec",
		"--operators",
		&operators_file.to_string_lossy(),
		"--raw",
		"--output",
		&spec_path,
	]);

	// Each operator inserts its session keys into its node's keystore and starts it; the
	// others find the first through the spec's boot node.
	let mut started: Vec<Node> = Vec::new();
	let boot_port = boot_port.to_string();
	for (i, node_dir) in dirs.into_iter().enumerate() {
		let [_, aura, grandpa] = operator(i as u32 + 1);
		let base = node_dir.join("data").to_string_lossy().to_string();
		for (scheme, suri, key_type) in [("sr25519", &aura, "aura"), ("ed25519", &grandpa, "gran")]
		{
			node_command(&[
				"key",
				"insert",
				"--base-path",
				&base,
				"--chain",
				&spec_path,
				"--scheme",
				scheme,
				"--suri",
				suri,
				"--key-type",
				key_type,
			]);
		}
		let key_path = node_dir.join("node.key").to_string_lossy().to_string();
		let name = format!("operator-{}", i + 1);
		let mut args = vec![
			"--chain",
			&spec_path,
			"--validator",
			"--base-path",
			&base,
			"--node-key-file",
			&key_path,
		];
		if i == 0 {
			args.extend(["--port", &boot_port]);
		}
		started.push(Node::start_in(node_dir.clone(), &name, &args));
	}
	let mut rpcs = Vec::new();
	for node in started.iter_mut() {
		rpcs.push(node.rpc(DEADLINE).await);
	}
	let logs = || started.iter().map(|n| n.log_tail()).collect::<Vec<_>>().join("\n");
	wait_until("all four finalize block 2", DEADLINE, logs, || async {
		let mut all = true;
		for rpc in &rpcs {
			all &= finalized_number(rpc).await >= 2;
		}
		all
	})
	.await;
	let before = rpcs[0].state_get_runtime_version(None).await.expect("runtime version");

	let members = (1..=4).map(|n| operator(n)[0].clone()).collect::<Vec<_>>().join(",");
	run_script(
		&started[0],
		"governance.mjs",
		&[&started[0].ws_url(), &started[1].ws_url(), &members, fifth, cerc, uppcl, ntpc, nrldc],
		DEADLINE * 2,
	)
	.await;

	// The council upgrades the runtime: members 2 to 4 carry it (member 1 is not asked).
	let ayes = (2..=4).map(|n| operator(n)[0].clone()).collect::<Vec<_>>().join(",");
	run_program(
		&started[0],
		"scripts/upgrade-runtime.sh",
		&["--url", &started[0].ws_url(), "--wasm", wasm, "--council", &ayes],
		DEADLINE * 2,
	)
	.await;
	for rpc in &rpcs {
		let version = rpc.state_get_runtime_version(None).await.expect("runtime version");
		assert_eq!(version.spec_version, before.spec_version + 1);
	}
	for node in started.iter_mut() {
		node.stop();
	}
}
