# Career Test-Drive — the obvious targets.
# `make play` and `make test` each set up everything they need on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SIM ?= simulations/examples/every-feature.yaml

.PHONY: play play-text desktop kiosk pygbag screenshots audio test test-py test-py312 test-wasm setup setup-test lint explore bench clean

$(BIN)/testdrive: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[desktop]'
	touch $@

setup: $(BIN)/testdrive

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## Play: build the browser player into dist/web/ and serve it on http://127.0.0.1:8000/
play: setup node_modules/.package-lock.json
	$(BIN)/testdrive build web
	$(BIN)/testdrive serve

## Play a simulation in the terminal (SIM=path/to/simulation.yaml).
play-text: setup
	$(BIN)/testdrive play $(SIM)

## The pygame-ce window with every simulation, and the career-fair kiosk.
desktop: setup
	$(BIN)/testdrive desktop

kiosk: setup
	$(BIN)/testdrive kiosk

## The canvas build for browsers (pygbag), into dist/pygbag/.
pygbag: setup
	$(BIN)/pip install -q -e '.[build]' && $(BIN)/testdrive build pygbag

## Refresh the reference screenshots after an intended layout change.
screenshots: setup-test
	UPDATE_SCREENSHOTS=1 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q tests/desktop/test_desktop_screenshots.py

## Re-make the sound effects (needs Debian's vorbis-tools).
audio:
	python3 scripts/make_audio.py

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

explore: setup
	$(BIN)/testdrive explore simulations

bench: setup-test
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/hostile_inputs.py
	$(BIN)/python benchmarks/web_startup.py
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python benchmarks/pygame_frames.py
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python benchmarks/kiosk_soak.py

clean:
	rm -rf $(VENV) dist node_modules .pytest_cache
