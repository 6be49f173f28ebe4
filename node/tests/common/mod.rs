//! Starting the built `ppa-node` binary for end-to-end tests, and waiting on what it does.
//!
//! A [`Node`] is stopped when dropped, also when the test panics: first SIGTERM, then SIGKILL
//! if it has not exited within 30 s. Waits poll the node's JSON-RPC for a condition (a block
//! number, finality) against a generous deadline, never a fixed sleep: CI shares two cores
//! with the build.

#![allow(dead_code)]

use std::{
	future::Future,
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	sync::atomic::{AtomicU32, Ordering},
	time::{Duration, Instant},
};
use subxt::{config::RpcConfigFor, rpcs::LegacyRpcMethods, PolkadotConfig};

/// JSON-RPC methods of the legacy interface, for block numbers and chain facts.
pub type Rpc = LegacyRpcMethods<RpcConfigFor<PolkadotConfig>>;

/// The node binary that cargo built for these tests.
pub const NODE_BINARY: &str = env!("CARGO_BIN_EXE_ppa-node");

/// A port on the loopback interface that is free now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// A directory of its own for a test's node data and logs, removed with the [`Node`].
pub fn scratch_dir(name: &str) -> PathBuf {
	static COUNTER: AtomicU32 = AtomicU32::new(0);
	let n = COUNTER.fetch_add(1, Ordering::SeqCst);
	let dir = std::env::temp_dir().join(format!("ppa-node-test-{}-{n}-{name}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("temp dir is writable");
	dir
}

/// A running node process.
pub struct Node {
	pub name: String,
	pub rpc_port: u16,
	pub p2p_port: u16,
	pub prometheus_port: u16,
	dir: PathBuf,
	/// The arguments it was started with (without the ports), to start it again.
	args: Vec<String>,
	child: Option<Child>,
}

impl Node {
	/// Starts `ppa-node` with `args`, on free loopback ports for RPC, p2p and Prometheus.
	/// Output goes to `<dir>/node.log`.
	pub fn start(name: &str, args: &[&str]) -> Node {
		Self::start_in(scratch_dir(name), name, args)
	}

	/// Like [`Node::start`], with the node's database under its scratch directory
	/// (`--base-path`), removed with the node.
	pub fn start_with_base_path(name: &str, args: &[&str]) -> Node {
		let dir = scratch_dir(name);
		let base = dir.join("data").to_string_lossy().to_string();
		let mut all = vec!["--base-path", &base];
		all.extend_from_slice(args);
		Self::start_in(dir, name, &all)
	}

	/// Like [`Node::start`], in the scratch directory `dir` (prepared by the test: keystores,
	/// key files), removed with the node.
	pub fn start_in(dir: PathBuf, name: &str, args: &[&str]) -> Node {
		let mut node = Node {
			name: name.into(),
			rpc_port: 0,
			p2p_port: 0,
			prometheus_port: 0,
			dir,
			args: args.iter().map(|a| a.to_string()).collect(),
			child: None,
		};
		node.spawn();
		node
	}

	/// Starts the process on fresh free ports, its output appended to `<dir>/node.log`.
	fn spawn(&mut self) {
		(self.rpc_port, self.p2p_port, self.prometheus_port) =
			(free_port(), free_port(), free_port());
		// RPC endpoints the test chose (`--experimental-rpc-endpoint`, which excludes
		// `--rpc-port`): the first one's port is the node's RPC port.
		let endpoints = self
			.args
			.iter()
			.filter_map(|a| a.strip_prefix("listen-addr="))
			.filter_map(|a| a.split(',').next()?.rsplit(':').next()?.parse::<u16>().ok())
			.collect::<Vec<_>>();
		if let Some(port) = endpoints.first() {
			self.rpc_port = *port;
		}
		// A p2p port the test chose (to name the node's address in a chain spec) is kept.
		let fixed = self.args.iter().position(|a| a == "--port");
		if let Some(port) = fixed.and_then(|i| self.args.get(i + 1)).and_then(|p| p.parse().ok()) {
			self.p2p_port = port;
		}
		let log = std::fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(self.dir.join("node.log"))
			.expect("log file");
		let child = Command::new(NODE_BINARY)
			.args(&self.args)
			.args(if endpoints.is_empty() {
				vec!["--rpc-port".to_string(), self.rpc_port.to_string()]
			} else {
				vec![]
			})
			.args(if fixed.is_some() {
				vec![]
			} else {
				vec!["--port".to_string(), self.p2p_port.to_string()]
			})
			.args(["--prometheus-port", &self.prometheus_port.to_string()])
			.args(["--no-telemetry", "--no-mdns", "--name", &self.name])
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("the node binary starts");
		self.child = Some(child);
	}

	/// Stops the node cleanly and starts it again with the same arguments (and so the same
	/// `--base-path`: its database and keys are kept), on fresh ports.
	pub fn restart(&mut self) {
		self.stop();
		self.spawn();
	}

	/// This node's scratch directory (for `--base-path` and key files).
	pub fn dir(&self) -> &PathBuf {
		&self.dir
	}

	/// The WebSocket URL of the node's JSON-RPC server.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// The last lines the node logged, to explain a failure.
	pub fn log_tail(&self) -> String {
		let log = std::fs::read_to_string(self.dir.join("node.log")).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		let from = lines.len().saturating_sub(40);
		format!("--- last log lines of {} ---\n{}", self.name, lines[from..].join("\n"))
	}

	/// Whether the process is still running.
	pub fn is_running(&mut self) -> bool {
		matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
	}

	/// Kills the node at once (SIGKILL): a validator that crashes.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Stops the node: SIGTERM, then SIGKILL after 30 s.
	pub fn stop(&mut self) {
		let Some(mut child) = self.child.take() else { return };
		let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
		let deadline = Instant::now() + Duration::from_secs(30);
		while Instant::now() < deadline {
			if let Ok(Some(_)) = child.try_wait() {
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
	}

	/// Connects to the node's JSON-RPC, retrying until it listens (or `timeout`).
	pub async fn rpc(&mut self, timeout: Duration) -> Rpc {
		let deadline = Instant::now() + timeout;
		loop {
			match subxt::rpcs::RpcClient::from_insecure_url(self.ws_url()).await {
				Ok(client) => return Rpc::new(client),
				Err(_) if Instant::now() < deadline && self.is_running() => {
					tokio::time::sleep(Duration::from_millis(250)).await;
				},
				Err(e) => panic!("{} serves no RPC: {e}\n{}", self.name, self.log_tail()),
			}
		}
	}

	/// The node's Prometheus metrics page (plain HTTP GET on loopback).
	pub fn metrics(&self) -> String {
		let mut stream = TcpStream::connect(("127.0.0.1", self.prometheus_port)).expect("metrics");
		let request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
		stream.write_all(request.as_bytes()).expect("request sent");
		let mut response = String::new();
		stream.read_to_string(&mut response).expect("response read");
		response
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.stop();
		let _ = std::fs::remove_dir_all(&self.dir);
	}
}

/// The libp2p peer id of a node key file, as the node itself computes it.
pub fn peer_id_of(key_file: &std::path::Path) -> String {
	let output = Command::new(NODE_BINARY)
		.args(["key", "inspect-node-key", "--file"])
		.arg(key_file)
		.output()
		.expect("the node binary runs");
	assert!(
		output.status.success(),
		"inspect-node-key: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	String::from_utf8(output.stdout).expect("utf-8").trim().to_string()
}

/// Posts the JSON-RPC call `method` (no parameters) over HTTP to `port` on loopback, from a
/// web page of `origin` if given; the whole response, headers and body.
pub fn rpc_post(port: u16, method: &str, origin: Option<&str>) -> String {
	let body = format!(r#"{{"id":1,"jsonrpc":"2.0","method":"{method}","params":[]}}"#);
	let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
	let request = format!(
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n{origin}\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	);
	let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the RPC port listens");
	stream.write_all(request.as_bytes()).expect("request sent");
	let mut response = String::new();
	stream.read_to_string(&mut response).expect("response read");
	response
}

/// Runs the node binary with `args` to completion (a subcommand such as `key`); its standard
/// output, or a panic with its standard error if it fails.
pub fn node_command(args: &[&str]) -> String {
	let output = Command::new(NODE_BINARY).args(args).output().expect("the node binary runs");
	assert!(
		output.status.success(),
		"ppa-node {args:?}: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	String::from_utf8(output.stdout).expect("utf-8")
}

/// Alice's node key on the local testnet, so that the others can find her at a known address.
pub const ALICE_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";

/// The peer id of [`ALICE_NODE_KEY`].
pub fn alice_peer_id() -> String {
	let dir = scratch_dir("alice-key");
	let key_file = dir.join("alice.key");
	std::fs::write(&key_file, ALICE_NODE_KEY).expect("key file written");
	let peer = peer_id_of(&key_file);
	let _ = std::fs::remove_dir_all(&dir);
	peer
}

/// The local testnet's node key for its `n`-th node (1 to 5: Alice's to Eve's, the genesis's
/// well-known nodes; 6 and more are unknown to the chain).
pub fn local_node_key(n: u8) -> String {
	format!("{n:064x}")
}

/// Starts validator `who` (alice, bob, charlie, dave) of the `--chain local` testnet with the
/// node key `key_hex` and a database under its scratch directory.
pub fn local_validator(who: &str, key_hex: &str, bootnode: Option<&str>) -> Node {
	let flag = format!("--{who}");
	let mut args = vec!["--chain", "local", "--validator", "--node-key", key_hex, &flag];
	if let Some(bootnode) = bootnode {
		args.extend(["--bootnodes", bootnode]);
	}
	Node::start_with_base_path(who, &args)
}

/// Starts a node of the `--chain local` testnet named `name` with the `n`-th node key (see
/// [`local_node_key`]), finding the network through `bootnode`, with `extra` arguments.
pub fn local_node(name: &str, n: u8, bootnode: &str, extra: &[&str]) -> Node {
	let key = local_node_key(n);
	let mut args = vec!["--chain", "local", "--node-key", &key, "--bootnodes", bootnode];
	args.extend_from_slice(extra);
	Node::start_with_base_path(name, &args)
}

/// Alice, Bob and Charlie of the local testnet (three of its four authorities: enough for
/// GRANDPA), Bob and Charlie finding the network through Alice; with Alice's bootnode address
/// for nodes started later.
pub fn three_local_validators() -> ([Node; 3], String) {
	let alice = local_validator("alice", ALICE_NODE_KEY, None);
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", alice.p2p_port, alice_peer_id());
	let bob = local_validator("bob", &local_node_key(2), Some(&bootnode));
	let charlie = local_validator("charlie", &local_node_key(3), Some(&bootnode));
	([alice, bob, charlie], bootnode)
}

/// The `@polkadot/api` scripts (`scripts/polkadot-js`), installed by `scripts/setup.sh`.
pub fn polkadot_js_dir() -> PathBuf {
	let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	assert!(
		dir.join("node_modules/@polkadot/api").exists(),
		"@polkadot/api is not installed: run scripts/setup.sh"
	);
	dir
}

/// Runs the Node.js script `script` of [`polkadot_js_dir`] with `args`; panics with `node`'s
/// log tail if it fails or is still running at `deadline`.
pub async fn run_script(node: &Node, script: &str, args: &[&str], deadline: Duration) {
	let script = polkadot_js_dir().join(script).to_string_lossy().to_string();
	let mut all = vec![script.as_str()];
	all.extend_from_slice(args);
	run_program(node, "node", &all, deadline).await;
}

/// Runs `program` with `args` from the repository's root; panics with `node`'s log tail if it
/// fails or is still running at `deadline`.
pub async fn run_program(node: &Node, program: &str, args: &[&str], deadline: Duration) {
	let mut child = Command::new(program)
		.args(args)
		.current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
		.spawn()
		.unwrap_or_else(|e| panic!("{program} runs (scripts/setup.sh installs Node.js): {e}"));
	let until = Instant::now() + deadline;
	let status = loop {
		if let Some(status) = child.try_wait().expect("the program's status") {
			break status;
		}
		if Instant::now() > until {
			let _ = child.kill();
			panic!("{program} {args:?} did not finish in {deadline:?}\n{}", node.log_tail());
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	};
	assert!(status.success(), "{program} {args:?} failed ({status})\n{}", node.log_tail());
}

/// The best block number the node knows.
pub async fn best_number(rpc: &Rpc) -> u64 {
	rpc.chain_get_header(None).await.ok().flatten().map(|h| h.number).unwrap_or(0)
}

/// The number of the node's last finalized block.
pub async fn finalized_number(rpc: &Rpc) -> u64 {
	let Ok(hash) = rpc.chain_get_finalized_head().await else { return 0 };
	rpc.chain_get_header(Some(hash)).await.ok().flatten().map(|h| h.number).unwrap_or(0)
}

/// Polls `check` every half second until it returns true; panics with `what` and the nodes'
/// log tails once `timeout` has passed.
pub async fn wait_until<F, Fut>(
	what: &str,
	timeout: Duration,
	logs: impl Fn() -> String,
	mut check: F,
) where
	F: FnMut() -> Fut,
	Fut: Future<Output = bool>,
{
	let deadline = Instant::now() + timeout;
	loop {
		if check().await {
			return;
		}
		if Instant::now() >= deadline {
			panic!("timed out after {timeout:?} waiting until {what}\n{}", logs());
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
