//! Permissioned peers on the `--chain local` testnet: every node connects only to the
//! consortium's well-known nodes (node keys 1 to 5 in the genesis), whatever its role or
//! flags. A member's node (Eve's, key 5, a full node started without any offchain-worker
//! flag) joins and syncs; a node with an unknown key, pointed at the member's node and at a
//! validator, is then refused by every peer: it has none and stays at genesis while the chain
//! goes on.

mod common;

use common::{
	best_number, finalized_number, local_node, local_node_key, peer_id_of, three_local_validators,
	wait_until,
};
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

	let mut member = local_node("member", 5, &bootnode, &[]);
	let member_rpc = member.rpc(DEADLINE).await;

	// The member's node syncs what the validators finalized, and imports two new blocks; it
	// was restricted to the well-known nodes from the start (its genesis names them), and its
	// offchain worker, which runs on every node, keeps it so.
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

	let key_file = member.dir().join("member.key");
	std::fs::write(&key_file, local_node_key(5)).expect("key file written");
	let member_address =
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", member.p2p_port, peer_id_of(&key_file));
	let mut intruder = local_node("intruder", 6, &bootnode, &["--bootnodes", &member_address]);
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
