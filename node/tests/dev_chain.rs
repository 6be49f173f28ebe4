//! End to end: a `--dev` node produces and finalizes blocks alone, serves its chain facts
//! and metrics, and executes a signed balance transfer submitted through subxt.

mod common;

use common::{best_number, finalized_number, wait_until, Node};
use std::time::Duration;
use subxt::{
	dynamic,
	events::DecodeAsEvent,
	ext::scale_decode::{self, DecodeAsType},
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::dev;

/// Generous: CI shares two cores with the build.
const DEADLINE: Duration = Duration::from_secs(240);

/// One crore rupees in units (6 decimals): what each dev account holds at genesis.
const ENDOWMENT: u128 = 10_000_000 * 1_000_000;

/// `Balances::Transfer`, decoded from the runtime's metadata.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Transfer {
	from: AccountId32,
	to: AccountId32,
	amount: u128,
}
impl DecodeAsEvent for Transfer {
	fn is_event(pallet: &str, event: &str) -> bool {
		pallet == "Balances" && event == "Transfer"
	}
}

/// `TransactionPayment::TransactionFeePaid`: the fee the sender paid.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct TransactionFeePaid {
	who: AccountId32,
	actual_fee: u128,
	tip: u128,
}
impl DecodeAsEvent for TransactionFeePaid {
	fn is_event(pallet: &str, event: &str) -> bool {
		pallet == "TransactionPayment" && event == "TransactionFeePaid"
	}
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountInfo {
	data: AccountData,
}
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountData {
	free: u128,
}

async fn free_balance(
	api: &OnlineClient<PolkadotConfig>,
	at: subxt::config::substrate::H256,
	who: &AccountId32,
) -> u128 {
	let address = dynamic::storage::<([u8; 32],), AccountInfo>("System", "Account");
	let at = api.at_block(at).await.expect("the block exists");
	let value = at.storage().fetch(address, (who.0,)).await.expect("the account exists");
	value.decode().expect("AccountInfo decodes").data.free
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_finalizes_blocks_and_executes_a_signed_transfer() {
	let mut node = Node::start("dev", &["--dev", "--tmp"]);
	let rpc = node.rpc(DEADLINE).await;

	// The chain as wallets see it.
	assert_eq!(rpc.system_chain().await.unwrap(), "PPA Chain Development");
	let properties = rpc.system_properties().await.unwrap();
	assert_eq!(properties["tokenSymbol"], "INR");
	assert_eq!(properties["tokenDecimals"], 6);
	assert_eq!(properties["ss58Format"], 4261);

	// Aura produces and GRANDPA finalizes with one validator.
	wait_until(
		"blocks are produced and finalized",
		DEADLINE,
		|| node.log_tail(),
		|| async { best_number(&rpc).await >= 2 && finalized_number(&rpc).await >= 1 },
	)
	.await;

	// Prometheus serves the node's metrics.
	let metrics = node.metrics();
	assert!(metrics.contains("substrate_block_height"), "no block height metric in:\n{metrics}");

	// Alice sends Bob 12.5 INR, signed and submitted through subxt.
	let api = OnlineClient::<PolkadotConfig>::from_insecure_url(node.ws_url())
		.await
		.expect("subxt reads this runtime's metadata");
	let (alice, bob) = (dev::alice(), dev::bob());
	let (alice_id, bob_id): (AccountId32, AccountId32) =
		(alice.public_key().into(), bob.public_key().into());
	let amount: u128 = 12_500_000;
	let transfer = dynamic::transaction(
		"Balances",
		"transfer_keep_alive",
		(bob.public_key().to_address::<()>(), amount),
	);
	let in_block = api
		.at_current_block()
		.await
		.expect("a finalized block")
		.transactions()
		.sign_and_submit_then_watch_default(&transfer, &alice)
		.await
		.expect("the transfer is accepted into the pool")
		.wait_for_finalized()
		.await
		.unwrap_or_else(|e| panic!("the transfer is finalized: {e}\n{}", node.log_tail()));
	let events = in_block.wait_for_success().await.expect("the transfer succeeds");

	let event = events.find_first::<Transfer>().expect("a Transfer event").unwrap();
	assert_eq!((event.from, event.to, event.amount), (alice_id, bob_id, amount));
	let fee = events.find_first::<TransactionFeePaid>().expect("a fee event").unwrap();
	assert_eq!(fee.who, alice_id);
	assert_eq!(fee.tip, 0);
	assert!(fee.actual_fee > 0, "a signed transaction pays a fee");

	// Balances in the finalized block: Bob gained the amount; Alice lost it and the fee.
	let block = in_block.block_hash();
	assert_eq!(free_balance(&api, block, &bob_id).await, ENDOWMENT + amount);
	assert_eq!(free_balance(&api, block, &alice_id).await, ENDOWMENT - amount - fee.actual_fee);

	node.stop();
	assert!(!node.is_running());
}

/// There is no default chain: without `--chain` or `--dev` the node says what to pass and
/// stops, rather than join the local testnet (public node keys, dev session keys).
#[test]
fn without_a_chain_the_node_says_what_to_pass_and_stops() {
	let dir = common::scratch_dir("no-chain");
	let output = std::process::Command::new(common::NODE_BINARY)
		.args(["--base-path", &dir.to_string_lossy(), "--no-telemetry"])
		.output()
		.expect("the node binary runs");
	let _ = std::fs::remove_dir_all(&dir);
	assert!(!output.status.success(), "the node stops");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("which chain?") && stderr.contains("consortium-spec"), "{stderr}");
}

/// The parachain's chain specification carries what `polkadot-omni-node` reads (`relay_chain`,
/// `para_id`) and the parachain runtime; a live one is refused by `ppa-node`, whose parachain
/// mode seals blocks alone, for development only.
#[test]
fn a_parachain_spec_names_its_relay_chain_and_a_live_one_is_not_run_alone() {
	let spec: serde_json::Value = serde_json::from_str(&common::node_command(&[
		"export-chain-spec",
		"--chain",
		"parachain-dev",
	]))
	.expect("the spec is JSON");
	assert_eq!(spec["relay_chain"], "rococo-local");
	assert_eq!(spec["para_id"], 2000);
	assert_eq!(spec["genesis"]["runtimeGenesis"]["patch"]["parachainInfo"]["parachainId"], 2000);
	let dir = common::scratch_dir("live-parachain");
	let mut live = spec.clone();
	live["chainType"] = "Live".into();
	let path = dir.join("live.json");
	std::fs::write(&path, serde_json::to_vec(&live).expect("JSON")).expect("spec written");
	let output = std::process::Command::new(common::NODE_BINARY)
		.args(["--chain", &path.to_string_lossy(), "--tmp", "--no-telemetry"])
		.output()
		.expect("the node binary runs");
	let _ = std::fs::remove_dir_all(&dir);
	assert!(!output.status.success(), "the node stops");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("live parachain") && stderr.contains("polkadot-omni-node"), "{stderr}");
}

/// The RPC exposure of the compose files (`docker/`): the public endpoint serves the safe
/// methods only, to web pages of the configured origin; the unsafe methods answer only on the
/// loopback endpoint.
#[tokio::test(flavor = "multi_thread")]
async fn public_rpc_is_safe_methods_for_configured_origins_and_unsafe_only_on_loopback() {
	let (public, private) = (common::free_port(), common::free_port());
	let public_endpoint =
		format!("listen-addr=127.0.0.1:{public},methods=safe,cors=http://portal.example");
	let private_endpoint = format!("listen-addr=127.0.0.1:{private},methods=unsafe");
	let mut node = Node::start(
		"rpc-exposure",
		&[
			"--dev",
			"--tmp",
			"--experimental-rpc-endpoint",
			&public_endpoint,
			"--experimental-rpc-endpoint",
			&private_endpoint,
		],
	);
	let _ = node.rpc(Duration::from_secs(120)).await;

	let allowed = common::rpc_post(public, "system_health", Some("http://portal.example"));
	assert!(allowed.contains("\"result\""), "{allowed}");
	assert!(
		allowed.to_lowercase().contains("access-control-allow-origin: http://portal.example"),
		"the configured origin may read the answer: {allowed}"
	);
	let other = common::rpc_post(public, "system_health", Some("http://evil.example"));
	assert!(
		!other.to_lowercase().contains("access-control-allow-origin"),
		"no other web page may read it: {other}"
	);
	let unsafe_public = common::rpc_post(public, "author_rotateKeys", None);
	assert!(
		unsafe_public.contains("\"error\"") && !unsafe_public.contains("\"result\""),
		"the public endpoint refuses an unsafe method: {unsafe_public}"
	);
	let unsafe_loopback = common::rpc_post(private, "author_rotateKeys", None);
	assert!(unsafe_loopback.contains("\"result\""), "{unsafe_loopback}");
	node.stop();
}
