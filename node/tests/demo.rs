//! The demo's story (`scripts/demo.sh`) as a test: a node on the `demo` preset, driven through
//! its JSON-RPC by `scripts/polkadot-js/demo.mjs` from two days of supply to a discom's
//! default, graded regulation, resale of its share, payment and restoration, every figure
//! checked against the chain as it goes (the script exits non-zero on the first mismatch).
//! About eight minutes: the grid clock runs four months in that time.

mod common;

use common::Node;
use std::{
	path::PathBuf,
	process::Command,
	time::{Duration, Instant},
};

/// Generous: the story takes about eight minutes of grid-clock time on an idle machine.
const STORY_DEADLINE: Duration = Duration::from_secs(1_200);

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_story_runs_to_the_end_and_every_figure_matches_the_chain() {
	let scripts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	assert!(
		scripts.join("node_modules/@polkadot/api").exists(),
		"@polkadot/api is not installed: run scripts/setup.sh"
	);
	let mut node = Node::start(
		"demo",
		&[
			"--chain",
			"demo",
			"--alice",
			"--validator",
			"--force-authoring",
			"--tmp",
			"--node-key",
			"0000000000000000000000000000000000000000000000000000000000000001",
		],
	);
	let _ = node.rpc(Duration::from_secs(240)).await;

	let mut story = Command::new("node")
		.arg(scripts.join("demo.mjs"))
		.arg(node.ws_url())
		.spawn()
		.expect("node (Node.js) runs: scripts/setup.sh installs it");
	let deadline = Instant::now() + STORY_DEADLINE;
	let status = loop {
		if let Some(status) = story.try_wait().expect("the story's status") {
			break status;
		}
		if Instant::now() > deadline {
			let _ = story.kill();
			panic!("demo.mjs did not finish in {STORY_DEADLINE:?}\n{}", node.log_tail());
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	};
	assert!(status.success(), "demo.mjs stopped ({status})\n{}", node.log_tail());
	node.stop();
}
