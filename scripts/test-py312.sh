#!/usr/bin/env bash
# Runs the pure engine tests on CPython 3.12, the Python of pygbag's browser runtime,
# when this machine has it (the image ships pyenv's 3.12). Prints why when it does not.
set -euo pipefail
cd "$(dirname "$0")/.."
PY312=$(ls -d /root/.pyenv/versions/3.12*/bin/python3 2>/dev/null | head -n 1 || true)
if [ -z "$PY312" ] && command -v python3.12 >/dev/null; then PY312=$(command -v python3.12); fi
if [ -z "$PY312" ]; then
  echo "test-py312: no CPython 3.12 on this machine; skipped"
  exit 0
fi
if [ ! -x .venv312/bin/python ]; then
  "$PY312" -m venv .venv312
fi
.venv312/bin/pip install -q --upgrade pip
.venv312/bin/pip install -q -e '.' pytest hypothesis
.venv312/bin/python -m pytest -q -p no:cacheprovider tests/engine/test_engine.py tests/engine/test_loader.py \
  tests/engine/test_saves.py tests/engine/test_expressions.py tests/engine/test_hostile.py tests/content/test_catalogue.py \
  tests/kinds tests/engine/test_layers.py \
  --ignore-glob='tests/kinds/*_web.py' --ignore-glob='tests/kinds/*_desktop.py'
# (a kind's browser and desktop tests run in the main run, which has Playwright and pygame-ce)
