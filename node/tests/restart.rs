//! Restart without loss, on the 4-validator `--chain local` testnet with three validators up:
//! a validator stopped and started again with the same base path resumes from its own
//! database (not from genesis), catches up with the blocks built without it and votes again,
//! so finality, stalled with two of four voters, moves on; a full node that joins later syncs
//! the whole chain and holds the same finalized block and state root as the validators.

mod common;

use common::{best_number, finalized_number, local_node, three_local_validators, wait_until, Rpc};
use std::time::Duration;

/// Generous: four nodes and the build share two cores in CI.
const DEADLINE: Duration = Duration::from_secs(300);

/// The state root of block `number` as `rpc`'s node holds it, with the block's hash.
async fn state_root_at(rpc: &Rpc, number: u64) -> (String, String) {
	let hash = rpc
		.chain_get_block_hash(Some(number.into()))
		.await
		.expect("chain_getBlockHash answers")
		.expect("the node has the block");
	let header = rpc
		.chain_get_header(Some(hash))
		.await
		.expect("chain_getHeader answers")
		.expect("the node has the header");
	(format!("{hash:?}"), format!("{:?}", header.state_root))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restarted_validator_resumes_and_a_late_full_node_syncs_the_same_state() {
	let ([mut alice, mut bob, mut charlie], bootnode) = three_local_validators();
	let alice_rpc = alice.rpc(DEADLINE).await;
	let bob_rpc = bob.rpc(DEADLINE).await;
	let charlie_rpc = charlie.rpc(DEADLINE).await;
	let logs = || format!("{}\n{}\n{}", alice.log_tail(), bob.log_tail(), charlie.log_tail());

	wait_until("all three finalize block 3", DEADLINE, logs, || async {
		finalized_number(&alice_rpc).await >= 3
			&& finalized_number(&bob_rpc).await >= 3
			&& finalized_number(&charlie_rpc).await >= 3
	})
	.await;

	// Bob stops cleanly. Alice and Charlie keep building blocks in their Aura slots; with two
	// of four GRANDPA voters nothing more is finalized.
	let bob_best = best_number(&bob_rpc).await;
	let bob_finalized = finalized_number(&bob_rpc).await;
	drop(bob_rpc);
	bob.stop();
	let logs = || format!("{}\n{}", alice.log_tail(), charlie.log_tail());
	let best_at_stop = best_number(&alice_rpc).await;
	wait_until("alice and charlie build 2 blocks without bob", DEADLINE, logs, || async {
		best_number(&alice_rpc).await >= best_at_stop + 2
	})
	.await;

	// Bob starts again on the same base path: its database is there, so it resumes where it
	// stopped rather than from genesis.
	bob.restart();
	let bob_rpc = bob.rpc(DEADLINE).await;
	let resumed_best = best_number(&bob_rpc).await;
	let resumed_finalized = finalized_number(&bob_rpc).await;
	assert!(
		resumed_best >= bob_best && resumed_finalized >= bob_finalized,
		"bob resumed at best {resumed_best} / finalized {resumed_finalized}, \
		 had {bob_best} / {bob_finalized} before the restart\n{}",
		bob.log_tail()
	);

	// It catches up with what was built without it and votes: finality passes every block
	// built while it was down, on all three.
	let target = best_number(&alice_rpc).await;
	let logs = || format!("{}\n{}\n{}", alice.log_tail(), bob.log_tail(), charlie.log_tail());
	wait_until(&format!("all three finalize block {target}"), DEADLINE, logs, || async {
		finalized_number(&alice_rpc).await >= target
			&& finalized_number(&bob_rpc).await >= target
			&& finalized_number(&charlie_rpc).await >= target
	})
	.await;

	// A full node (no validator keys) joins now and syncs the whole chain from genesis. Its
	// node key is Eve's, a well-known node: the validators admit consortium members' nodes
	// only.
	let mut full = local_node("full", 5, &bootnode, &[]);
	let full_rpc = full.rpc(DEADLINE).await;
	let target = finalized_number(&alice_rpc).await;
	let logs = || format!("{}\n{}", alice.log_tail(), full.log_tail());
	wait_until(&format!("the full node finalizes block {target}"), DEADLINE, logs, || async {
		finalized_number(&full_rpc).await >= target
	})
	.await;
	let at_alice = state_root_at(&alice_rpc, target).await;
	assert_eq!(state_root_at(&full_rpc, target).await, at_alice, "full node vs alice at {target}");
	assert_eq!(state_root_at(&bob_rpc, target).await, at_alice, "bob vs alice at {target}");

	full.stop();
	alice.stop();
	bob.stop();
	charlie.stop();
}
