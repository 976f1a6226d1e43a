# Career Test-Drive — the obvious targets.
# `make play` and `make test` each set up everything they need on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SIM ?= simulations/examples/every-feature.yaml

.PHONY: play play-text test test-py setup setup-test lint explore bench clean

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

## Run the whole test suite.
test: setup-test
	$(BIN)/python -m pytest -q

test-py:
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/testdrive lint simulations

bench: setup-test
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) dist node_modules .pytest_cache
