//! Permissioned peers on the `--chain local` testnet: once the validators' offchain workers
//! have run, each connects only to the consortium's well-known nodes (node keys 1 to 5 in the
//! genesis). A member's node (Eve's, key 5, a full node whose offchain worker runs too:
//! `--offchain-worker always`) joins and syncs; a node with an unknown key is then refused by
//! every peer: it has none and stays at genesis while the chain goes on.

mod common;

use common::{best_number, finalized_number, local_node, three_local_validators, wait_until};
use std::time::Duration;

/// Generous: five nodes and the build share two cores in CI.
const DEADLINE: Duration = Duration::from_secs(300);

#[tokio::test(flavor = "multi_thread")]
async fn a_members_node_syncs_and_an_unknown_node_is_refused() {
	let ([mut alice, mut bob, mut charlie], bootnode) = three_local_validators();
	let alice_rpc = alice.rpc(DEADLINE).await;
	let logs = || format!("{}\n{}\n{}", alice.log_tail(), bob.log_tail(), charlie.log_tail());
	// The offchain workers of blocks 1 and 2 have set each validator's reserved peers.
	wait_until("the validators finalize block 2", DEADLINE, logs, || async {
		finalized_number(&alice_rpc).await >= 2
	})
	.await;

	let mut member = local_node("member", 5, &bootnode, &["--offchain-worker", "always"]);
	let member_rpc = member.rpc(DEADLINE).await;

	// The member's node syncs what the validators finalized, and imports two new blocks: its
	// offchain worker, which runs on new blocks, has restricted it to the well-known nodes.
	let target = best_number(&alice_rpc).await;
	let logs = || format!("{}\n{}", alice.log_tail(), member.log_tail());
	wait_until(
		&format!("the member's node imports block {}", target + 2),
		DEADLINE,
		logs,
		|| async {
			finalized_number(&member_rpc).await >= target
				&& best_number(&member_rpc).await >= target + 2
		},
	)
	.await;

	let mut intruder = local_node("intruder", 6, &bootnode, &[]);
	let intruder_rpc = intruder.rpc(DEADLINE).await;

	// For five more blocks, the intruder gets nothing: no peer, no block.
	let until = best_number(&alice_rpc).await + 5;
	let logs = || format!("{}\n{}", alice.log_tail(), intruder.log_tail());
	wait_until(&format!("the validators build block {until}"), DEADLINE, logs, || async {
		best_number(&alice_rpc).await >= until
	})
	.await;
	let health = intruder_rpc.system_health().await.expect("system_health answers");
	assert_eq!(health.peers, 0, "no peer accepted the intruder\n{}", intruder.log_tail());
	assert_eq!(best_number(&intruder_rpc).await, 0, "the intruder is still at genesis");
	let health = member_rpc.system_health().await.expect("system_health answers");
	assert!(health.peers >= 1, "the member's node has peers");

	intruder.stop();
	member.stop();
	alice.stop();
	bob.stop();
	charlie.stop();
}
