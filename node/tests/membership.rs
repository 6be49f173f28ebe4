//! Validator membership by governance, on the `--chain local` testnet: Alice, Bob and Charlie
//! validate (Dave, the fourth genesis validator, is offline); Eve's node, a consortium member's
//! well-known node, runs with the validator role but no keys on chain. `membership.mjs` then
//! has Eve's operator generate and register session keys, governance add Eve and remove
//! Dave, sees Eve author and finality include her vote; then governance removes Charlie and
//! it sees Charlie author nothing from the session after next while Alice, Bob and Eve
//! finalize.

mod common;

use common::{finalized_number, local_node, run_script, three_local_validators, wait_until};
use std::time::Duration;

/// Generous: four nodes and the build share two cores in CI.
const DEADLINE: Duration = Duration::from_secs(300);

/// Sessions are 5 blocks on the local testnet; two changes, each enacted two sessions later.
const SCRIPT_DEADLINE: Duration = Duration::from_secs(900);

#[tokio::test(flavor = "multi_thread")]
async fn governance_adds_a_validator_that_authors_and_removes_one_that_stops() {
	let ([mut alice, mut bob, mut charlie], bootnode) = three_local_validators();
	let mut eve = local_node("eve", 5, &bootnode, &["--validator"]);
	let alice_rpc = alice.rpc(DEADLINE).await;
	let eve_rpc = eve.rpc(DEADLINE).await;
	let logs = || format!("{}\n{}", alice.log_tail(), eve.log_tail());
	wait_until("alice and eve's node finalize block 2", DEADLINE, logs, || async {
		finalized_number(&alice_rpc).await >= 2 && finalized_number(&eve_rpc).await >= 2
	})
	.await;

	run_script(&alice, "membership.mjs", &[&alice.ws_url(), &eve.ws_url()], SCRIPT_DEADLINE).await;

	// Eve's node says so too: it authored blocks once it was a validator.
	let log = std::fs::read_to_string(eve.dir().join("node.log")).unwrap_or_default();
	assert!(log.contains("Pre-sealed block for proposal"), "eve authored\n{}", eve.log_tail());

	eve.stop();
	alice.stop();
	bob.stop();
	charlie.stop();
}
