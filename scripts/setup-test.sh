#!/usr/bin/env bash
# Installs everything the test suite needs: a virtualenv with the dev extras, then each
# part's own set-up (scripts/setup-test.d/*.sh: npm packages, Chromium, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
for part in scripts/setup-test.d/*.sh; do
  [ -e "$part" ] || continue
  bash "$part"
done
