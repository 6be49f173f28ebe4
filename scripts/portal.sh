#!/usr/bin/env bash
# The portal (portal/): installs its packages from the npm registry (as package-lock.json pins
# them), bundles it to static files and serves them on loopback, against a node's WebSocket
# JSON-RPC (default ws://127.0.0.1:9944, the node scripts/run.sh and scripts/demo.sh start).
# Prints the URL to open.
# Usage: scripts/portal.sh [--node ws://host:port] [--port 8080] [--dev]
#   --dev   offer the well-known development accounts (Alice, ...) on development chains
set -euo pipefail
cd "$(dirname "$0")/../portal"
node_url="ws://127.0.0.1:9944"
port=8080
dev=""
while [ $# -gt 0 ]; do
	case "$1" in
	--node) node_url="$2"; shift 2 ;;
	--port) port="$2"; shift 2 ;;
	--dev) dev="&dev=1"; shift ;;
	*) echo "usage: $0 [--node ws://host:port] [--port N] [--dev]" >&2; exit 2 ;;
	esac
done
command -v npm >/dev/null || { echo "portal: npm missing: run scripts/setup.sh" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
npx vite build --logLevel warn
echo "portal: open http://127.0.0.1:$port/?node=$node_url$dev"
exec node serve.mjs "$port"
