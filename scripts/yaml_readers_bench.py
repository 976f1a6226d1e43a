"""Times reading every shipped simulation with libyaml and with the pure-Python reader.

Why: engine/yamlsafe.py keeps libyaml for everyday reading and adds the pure-Python reader
only in `testdrive lint` and the pygbag build; this prints the figures behind that choice.
Run: PYTHONPATH=. .venv/bin/python scripts/yaml_readers_bench.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from engine import yamlsafe

ROOT = Path(__file__).resolve().parent.parent


def seconds(loader, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        reader = loader(text)
        try:
            reader.get_single_node()
        finally:
            reader.dispose()
    return time.perf_counter() - start


def main() -> int:
    if not hasattr(yaml, "CSafeLoader"):
        print("libyaml is not installed here: nothing to compare", file=sys.stderr)
        return 1
    files = sorted((ROOT / "simulations").rglob("*.yaml"))
    files = [f for f in files if "releases" not in f.parts]
    texts = [f.read_text(encoding="utf-8") for f in files]
    best = {}
    for name, loader in (("libyaml", yaml.CSafeLoader), ("pure-Python", yamlsafe._PyLoader)):
        best[name] = min(seconds(loader, texts) for _ in range(3))
    size = sum(len(t) for t in texts)
    print(f"{len(files)} simulations, {size:,} characters: libyaml {best['libyaml'] * 1000:,.0f} ms, "
          f"pure-Python {best['pure-Python'] * 1000:,.0f} ms, "
          f"ratio {best['pure-Python'] / best['libyaml']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
