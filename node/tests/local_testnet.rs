//! The 4-validator `--chain local` testnet on loopback: with 3 of 4 validators up, blocks are
//! produced and finalized (GRANDPA needs more than 2/3 of the votes: 3 of 4); after one of
//! the three is killed, the remaining two keep producing blocks.

mod common;

use common::{best_number, finalized_number, three_local_validators, wait_until};
use std::time::Duration;

/// Generous: three nodes and the build share two cores in CI.
const DEADLINE: Duration = Duration::from_secs(300);

#[tokio::test(flavor = "multi_thread")]
async fn three_of_four_validators_finalize_and_two_keep_producing() {
	let ([mut alice, mut bob, mut charlie], _) = three_local_validators();
	let alice_rpc = alice.rpc(DEADLINE).await;
	let bob_rpc = bob.rpc(DEADLINE).await;
	let charlie_rpc = charlie.rpc(DEADLINE).await;
	assert_eq!(alice_rpc.system_chain().await.unwrap(), "PPA Chain Local Testnet");

	let logs = || format!("{}\n{}\n{}", alice.log_tail(), bob.log_tail(), charlie.log_tail());

	// The three see each other.
	wait_until("each node has two peers", DEADLINE, logs, || async {
		let mut all = true;
		for rpc in [&alice_rpc, &bob_rpc, &charlie_rpc] {
			all &= rpc.system_health().await.map(|h| h.peers >= 2).unwrap_or(false);
		}
		all
	})
	.await;

	// Finality advances on every node with 3 of 4 authorities voting.
	wait_until("all three finalize block 3", DEADLINE, logs, || async {
		let mut all = true;
		for rpc in [&alice_rpc, &bob_rpc, &charlie_rpc] {
			all &= finalized_number(rpc).await >= 3;
		}
		all
	})
	.await;

	// Charlie crashes. Alice and Bob keep producing blocks in their own Aura slots.
	charlie.kill();
	assert!(!charlie.is_running());
	let logs = || format!("{}\n{}", alice.log_tail(), bob.log_tail());
	let best_at_kill = best_number(&alice_rpc).await.max(best_number(&bob_rpc).await);
	wait_until("alice and bob build 3 more blocks", DEADLINE, logs, || async {
		best_number(&alice_rpc).await >= best_at_kill + 3
			&& best_number(&bob_rpc).await >= best_at_kill + 3
	})
	.await;

	// Both still agree on the chain they finalized.
	let finalized = finalized_number(&alice_rpc).await;
	assert!(finalized >= 3);
	let hash_a = alice_rpc.chain_get_block_hash(Some(finalized.into())).await.unwrap();
	let hash_b = bob_rpc.chain_get_block_hash(Some(finalized.into())).await.unwrap();
	assert_eq!(hash_a, hash_b, "alice and bob agree on finalized block {finalized}");

	alice.stop();
	bob.stop();
}
