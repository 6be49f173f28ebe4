//! A forkless runtime upgrade on a running network: Alice, Bob and Charlie of the `--chain
//! local` testnet finalize blocks; a PPA is signed (`seed-ppa.mjs`); the operator's step,
//! `scripts/upgrade-runtime.sh`, submits the upgrade rehearsal's wasm (this runtime with the
//! next spec_version) through sudo and checks that the new version runs in best and finalized
//! blocks, blocks go on, and storage versions, PPAs and participants are as they were. Then
//! every validator reports the new version.

mod common;

use common::{finalized_number, run_program, run_script, three_local_validators, wait_until};
use std::time::Duration;

/// Generous: three nodes and the build share two cores in CI.
const DEADLINE: Duration = Duration::from_secs(300);

#[tokio::test(flavor = "multi_thread")]
async fn a_new_runtime_submitted_through_sudo_goes_live_with_state_intact() {
	let wasm = ppa_runtime::upgrade_rehearsal::WASM_BINARY_PATH
		.expect("the build makes the upgrade rehearsal's wasm (not with SKIP_WASM_BUILD)");
	let ([mut alice, mut bob, mut charlie], _) = three_local_validators();
	let rpcs = [alice.rpc(DEADLINE).await, bob.rpc(DEADLINE).await, charlie.rpc(DEADLINE).await];
	let logs = || format!("{}\n{}\n{}", alice.log_tail(), bob.log_tail(), charlie.log_tail());
	wait_until("all three finalize block 2", DEADLINE, logs, || async {
		let mut all = true;
		for rpc in &rpcs {
			all &= finalized_number(rpc).await >= 2;
		}
		all
	})
	.await;
	let before = rpcs[0].state_get_runtime_version(None).await.expect("runtime version");
	assert_eq!(before.spec_version, ppa_runtime::VERSION.spec_version);

	run_script(&alice, "seed-ppa.mjs", &[&alice.ws_url()], DEADLINE).await;
	run_program(
		&alice,
		"scripts/upgrade-runtime.sh",
		&["--url", &alice.ws_url(), "--wasm", wasm],
		DEADLINE * 2,
	)
	.await;

	for rpc in &rpcs {
		let version = rpc.state_get_runtime_version(None).await.expect("runtime version");
		assert_eq!(version.spec_version, before.spec_version + 1);
	}

	alice.stop();
	bob.stop();
	charlie.stop();
}
