# Career Test-Drive — the obvious targets.
# `make play` and `make test` each set up everything they need on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SIM ?= simulations/examples/every-feature.yaml

.PHONY: play play-text test test-py test-py312 test-wasm setup setup-test lint explore bench clean

$(BIN)/testdrive: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[desktop]'
	touch $@

setup: $(BIN)/testdrive

## Play a simulation (terminal player).
play: setup
	$(BIN)/testdrive play $(SIM)

play-text: setup
	$(BIN)/testdrive play $(SIM)

setup-test:
	bash scripts/setup-test.sh

## Run the whole test suite: the engine on CPython 3.12 and in Pyodide (WebAssembly),
## then everything on CPython 3.11 (the main pytest run prints the closing line).
test: setup-test
	bash scripts/test-py312.sh
	$(MAKE) --no-print-directory test-wasm
	$(BIN)/python -m pytest -q

test-py:
	$(BIN)/python -m pytest -q

test-py312:
	bash scripts/test-py312.sh

test-wasm:
	node scripts/test-wasm.mjs

lint: setup
	$(BIN)/testdrive lint simulations

bench: setup-test
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) dist node_modules .pytest_cache
