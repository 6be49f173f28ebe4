//! The demo's story (`scripts/demo.sh`) as a test: a node on the `demo` preset, driven through
//! its JSON-RPC by `scripts/polkadot-js/demo.mjs` from two days of supply to a discom's
//! default, graded regulation, resale of its share, payment and restoration, every figure
//! checked against the chain as it goes (the script exits non-zero on the first mismatch).
//! About eight minutes: the grid clock runs four months in that time.
//!
//! Then, on the same node, the portal in headless Chromium (`portal/test/browser.mjs`): the
//! regulator's page against the RPC; a requisition, a payment and an LC request through the
//! discom's forms; the market's cleared book; the bank, the generator and the LDC acting through
//! a stand-in Polkadot.js extension; a refused call and an unreachable node; a screenshot of
//! every view (about three minutes).

mod common;

use common::Node;
use std::time::Duration;

/// Generous: the story takes about eight minutes of grid-clock time on an idle machine.
const STORY_DEADLINE: Duration = Duration::from_secs(1_200);

/// Generous: the portal's test makes a bill (three or four grid days at 3,600x, about a minute
/// and a half) and then drives the browser.
const PORTAL_DEADLINE: Duration = Duration::from_secs(900);

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_story_runs_to_the_end_and_every_figure_matches_the_chain_and_the_portal_shows_it()
{
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

	common::run_script(&node, "demo.mjs", &[&node.ws_url()], STORY_DEADLINE).await;

	let shots = common::scratch_dir("portal-screenshots");
	let shots = shots.to_string_lossy();
	common::run_program(
		&node,
		"node",
		&["portal/test/browser.mjs", &node.ws_url(), &shots],
		PORTAL_DEADLINE,
	)
	.await;
	node.stop();
}
