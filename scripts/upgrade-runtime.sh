#!/usr/bin/env bash
# A forkless runtime upgrade of a running network, through the admin origin:
#
#   scripts/upgrade-runtime.sh [--url WS] [--wasm FILE] [--council SURIS | --sudo SURI]
#
# --url WS         a node's JSON-RPC (default ws://127.0.0.1:9944)
# --wasm FILE      the new runtime (a .compact.compressed.wasm). Default: the upgrade
#                  rehearsal, this repository's runtime with the next spec_version, which the
#                  build makes beside the runtime (feature `upgrade-rehearsal`).
# --council SURIS  council members' secret URIs, comma-separated, at least two thirds of the
#                  council (default //Alice,//Bob,//Charlie: the local testnet's, or Alice alone
#                  on the dev chain). The way a consortium upgrades.
# --sudo SURI      instead, the sudo key (dev and demo chains only; a consortium has none)
#
# Builds the runtime (both wasm blobs; cached after the first build), records the runtime
# version, every pallet's storage version and the registry's PPAs and participants; the
# council's members move and carry a motion authorizing the code's hash
# (validatorSet.authorizeUpgrade) and upload it (system.applyAuthorizedUpgrade), or sudo
# submits sudo(system.setCode); waits until the new version runs in the best and the finalized
# blocks and blocks go on, then checks that the recorded state is unchanged
# (scripts/polkadot-js/upgrade.mjs). Exits non-zero on the first mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."

URL=ws://127.0.0.1:9944
WASM=
MODE=council
SURIS=//Alice,//Bob,//Charlie
while [ $# -gt 0 ]; do
	case "$1" in
		--url) URL="${2:-}"; shift 2 ;;
		--url=*) URL="${1#*=}"; shift ;;
		--wasm) WASM="${2:-}"; shift 2 ;;
		--wasm=*) WASM="${1#*=}"; shift ;;
		--council) MODE=council; SURIS="${2:-}"; shift 2 ;;
		--council=*) MODE=council; SURIS="${1#*=}"; shift ;;
		--sudo) MODE=sudo; SURIS="${2:-}"; shift 2 ;;
		--sudo=*) MODE=sudo; SURIS="${1#*=}"; shift ;;
		-h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) echo "upgrade-runtime: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
if [ -z "$WASM" ]; then
	WASM="$CARGO_TARGET_DIR/release/wbuild/ppa-runtime/wasm_binary_upgrade_rehearsal.rs.compact.compressed.wasm"
	if [ ! -f "$WASM" ] || [ "${BUILD:-1}" = 1 ]; then
		scripts/setup.sh
		cargo build --release --locked -p ppa-runtime
	fi
fi
[ -f "$WASM" ] || { echo "upgrade-runtime: no wasm at $WASM" >&2; exit 2; }
[ -d scripts/polkadot-js/node_modules/@polkadot/api ] || scripts/setup.sh
echo "upgrade-runtime: submitting $WASM to $URL"
exec node scripts/polkadot-js/upgrade.mjs "$URL" "$WASM" "$MODE" "$SURIS"
