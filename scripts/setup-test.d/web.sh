#!/usr/bin/env bash
# Set-up for the browser player's tests (issue 4): npm packages (Pyodide, axe-core, the
# readable font), Debian's Chromium, and the pure-Python wheels that `make test-wasm`
# unpacks into Pyodide. Runs as root in CI. Never downloads a browser from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -d node_modules/pyodide ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  else
    echo "web.sh: /usr/bin/chromium is missing; run as root: apt-get install -y chromium" >&2
  fi
fi

# Wheels for running the engine's tests inside Pyodide (scripts/test-wasm.mjs): the same
# versions as the virtualenv's, pure Python, downloaded once into a cache folder.
WHEELS=node_modules/.cache/wasm-wheels
mkdir -p "$WHEELS"
.venv/bin/python scripts/wasm/wheels.py "$WHEELS"
