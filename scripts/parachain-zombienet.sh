#!/usr/bin/env bash
# A real relay chain rehearsal of the parachain build, opt-in (it is not part of the tests):
#   1. installs, once, the relay chain's node `polkadot` (with its two workers) and
#      `polkadot-omni-node` from crates.io at the polkadot-sdk release this chain pins
#      (stable2609: polkadot 41.0.0, polkadot-omni-node 0.24.0) into $PPA_TOOLS (default
#      ~/.cache/ppa-chain/tools); prints how long each build took (53 and 36 minutes on this
#      two-core machine, one after the other, sharing one target directory);
#   2. exports the parachain's raw chain specification from ppa-node (`parachain-dev`: para id
#      2000, Alice collates), and its genesis head and wasm with polkadot-omni-node;
#   3. starts the network of scripts/zombienet/parachain.toml itself: a `rococo-local` relay
#      chain whose genesis registers the parachain (para id 2000, its genesis head and wasm),
#      two validators (Alice, Bob) and one collator of our runtime on polkadot-omni-node,
#      unchanged, all on loopback; waits until the relay chain has included and finalized
#      parachain blocks; prints both chains' best and finalized block numbers and how long
#      the first parablock took, then stops the network.
# The network file is zombienet's description of the same network, for those who have
# zombienet (`zombienet -p native spawn scripts/zombienet/parachain.toml`); the script does not
# need it: zombienet's npm package depends on a GitHub repository (its TOML parser), which
# machines that reach only the package registries cannot install.
# Usage: scripts/parachain-zombienet.sh [--blocks N] [--tools-only]
#   --blocks N     how many finalized parablocks to wait for (default 10)
#   --tools-only   step 1 only (the tools' build can run at low priority beside other work:
#                  `nice -n 19 scripts/parachain-zombienet.sh --tools-only`)
set -euo pipefail
cd "$(dirname "$0")/.."
want=10
tools_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	--blocks) want="$2"; shift 2 ;;
	--tools-only) tools_only=1; shift ;;
	*) echo "usage: $0 [--blocks N] [--tools-only]" >&2; exit 2 ;;
	esac
done
TOOLS="${PPA_TOOLS:-$HOME/.cache/ppa-chain/tools}"
mkdir -p "$TOOLS"
export PATH="$TOOLS/bin:$TOOLS/node_modules/.bin:$PATH"
say() { printf 'parachain-zombienet: %s\n' "$*"; }

install_crate() { # crate version binary
	if [ -x "$TOOLS/bin/$3" ] && "$TOOLS/bin/$3" --version 2>/dev/null | grep -q .; then
		say "$3 already installed: $("$TOOLS/bin/$3" --version | head -n1)"
		return
	fi
	local start=$SECONDS
	say "building $1 $2 from crates.io (this takes long on two cores)"
	# One target directory for both tools: they share most of their dependencies, and an
	# interrupted build resumes where it stopped.
	cargo install "$1" --version "$2" --locked --root "$TOOLS" --target-dir "$TOOLS/target"
	say "$1 $2 built in $(( (SECONDS - start) / 60 )) min"
}
scripts/setup.sh >/dev/null
# The relay chain node links RocksDB, whose bindings are generated with libclang.
if ! ls /usr/lib/*/libclang*.so* /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1; then
	say "installing libclang (Debian's libclang-dev), for the relay chain node's RocksDB"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libclang-dev >/dev/null
fi
install_crate polkadot 41.0.0 polkadot
install_crate polkadot-omni-node 0.24.0 polkadot-omni-node
[ "$tools_only" = 1 ] && exit 0

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --release --locked --workspace --bins --tests
work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
node_bin="$CARGO_TARGET_DIR/release/ppa-node"
"$node_bin" export-chain-spec --chain parachain-dev --raw >"$work/para-2000.json"
polkadot-omni-node export-genesis-head --chain "$work/para-2000.json" "$work/genesis-head" 2>/dev/null
polkadot-omni-node export-genesis-wasm --chain "$work/para-2000.json" "$work/genesis-wasm" 2>/dev/null

# The relay chain's specification, with the parachain registered at its genesis (what
# zombienet does for a `[[parachains]]` entry): paras.paras = [[2000, {genesis_head,
# validation_code, parachain: true}]].
polkadot build-spec --chain rococo-local --disable-default-bootnode >"$work/relay-plain.json" 2>/dev/null
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
spec = json.load(open(f"{work}/relay-plain.json"))
genesis = spec["genesis"]["runtimeGenesis"]
config = genesis.get("patch") or genesis.get("config")
head = open(f"{work}/genesis-head").read().strip()
wasm = open(f"{work}/genesis-wasm").read().strip()
config.setdefault("paras", {})["paras"] = [[2000, {"genesis_head": head, "validation_code": wasm, "parachain": True}]]
json.dump(spec, open(f"{work}/relay-plain.json", "w"))
print(f"parachain-zombienet: para 2000 registered at the relay chain's genesis (wasm {len(wasm) // 2:,} bytes)")
PY
polkadot build-spec --chain "$work/relay-plain.json" --raw --disable-default-bootnode \
	>"$work/relay.json" 2>/dev/null

# Alice's node key is fixed, so that the others know her address.
alice_key=0000000000000000000000000000000000000000000000000000000000000001
alice_peer=12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
boot="/ip4/127.0.0.1/tcp/30333/p2p/$alice_peer"
say "starting the relay chain's validators Alice and Bob and the collator (logs in $work)"
start=$SECONDS
polkadot --chain "$work/relay.json" --alice --validator --base-path "$work/alice" \
	--node-key "$alice_key" --port 30333 --rpc-port 9900 --no-telemetry --no-prometheus \
	--insecure-validator-i-know-what-i-do >"$work/alice.log" 2>&1 &
pids+=($!)
polkadot --chain "$work/relay.json" --bob --validator --base-path "$work/bob" \
	--port 30334 --rpc-port 9901 --bootnodes "$boot" --no-telemetry --no-prometheus \
	--insecure-validator-i-know-what-i-do --unsafe-force-node-key-generation >"$work/bob.log" 2>&1 &
pids+=($!)
polkadot-omni-node --collator --alice --chain "$work/para-2000.json" --base-path "$work/collator" \
	--port 30433 --rpc-port 9944 --no-telemetry --no-prometheus --unsafe-force-node-key-generation \
	-lparachain=info,aura=info \
	-- --chain "$work/relay.json" --port 30434 --rpc-port 9902 --bootnodes "$boot" \
	--no-telemetry --no-prometheus --unsafe-force-node-key-generation >"$work/collator.log" 2>&1 &
pids+=($!)
zn=${pids[2]}

rpc() { # port method -> result JSON
	curl -s -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":[]}" "http://127.0.0.1:$1" |
		python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin).get("result")))'
}
number() { # port method(header)
	rpc "$1" "$2" | python3 -c 'import json,sys; h=json.load(sys.stdin); print(int(h["number"],16) if h else 0)'
}
finalized() { # port
	local hash
	hash="$(rpc "$1" chain_getFinalizedHead | tr -d '"')"
	curl -s -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"chain_getHeader\",\"params\":[\"$hash\"]}" \
		"http://127.0.0.1:$1" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"],16))'
}
deadline=$((SECONDS + 1800))
until [ "$(finalized 9944 2>/dev/null || echo 0)" -ge "$want" ]; do
	if [ $SECONDS -ge $deadline ] || ! kill -0 "$zn" 2>/dev/null; then
		say "no $want finalized parachain blocks within 30 min; see $work/*.log"
		exit 1
	fi
	sleep 6
done
say "$want parachain blocks finalized $(( SECONDS - start )) s after the nodes started"
say "relay chain: best $(number 9900 chain_getHeader), finalized $(finalized 9900)"
say "parachain (collator on polkadot-omni-node): best $(number 9944 chain_getHeader), finalized $(finalized 9944) (finality from the relay chain)"
say "the ppa_* custom RPC is absent on omni-node: read through state_call (docs/integrators.md)"
