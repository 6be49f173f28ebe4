#!/usr/bin/env bash
# A real relay chain rehearsal of the parachain build, opt-in (it is not part of the tests):
#   1. installs, once, the relay chain's node `polkadot` (with its two workers) and
#      `polkadot-omni-node` from crates.io at the polkadot-sdk release this chain pins
#      (stable2609: polkadot 41.0.0, polkadot-omni-node 0.24.0) into $PPA_TOOLS (default
#      ~/.cache/ppa-chain/tools), and zombienet from the npm registry; prints how long each
#      build took (hours on two cores: they are large);
#   2. exports the parachain's raw chain specification from ppa-node (`parachain-dev`: para id
#      2000, Alice collates);
#   3. starts scripts/zombienet/parachain.toml (rococo-local with two validators, one
#      collator on polkadot-omni-node) and waits until the relay chain has included and
#      finalized parachain blocks; prints the parachain's best and finalized block numbers
#      as the collator sees them (the relay chain's finality), then stops the network.
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
if [ ! -x "$TOOLS/node_modules/.bin/zombienet" ]; then
	say "installing zombienet (npm: @zombienet/cli 1.3.138)"
	(cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error @zombienet/cli@1.3.138)
fi
[ "$tools_only" = 1 ] && exit 0

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --release --locked --workspace --bins --tests
work="$(mktemp -d)"
trap 'kill "${zn:-0}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
"$CARGO_TARGET_DIR/release/ppa-node" export-chain-spec --chain parachain-dev --raw \
	>"$work/para-2000.json"
sed "s#{{PARA_SPEC}}#$work/para-2000.json#" scripts/zombienet/parachain.toml >"$work/network.toml"
say "starting the network (logs in $work)"
(cd "$work" && zombienet -p native -d "$work/net" spawn network.toml >"$work/zombienet.log" 2>&1) &
zn=$!

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
		say "no $want finalized parachain blocks within 30 min; see $work/zombienet.log"
		exit 1
	fi
	sleep 6
done
say "relay chain: best $(number 9900 chain_getHeader), finalized $(finalized 9900)"
say "parachain (collator on polkadot-omni-node): best $(number 9944 chain_getHeader), finalized $(finalized 9944) (finality from the relay chain)"
say "the ppa_* custom RPC is absent on omni-node: read through state_call (docs/integrators.md)"
