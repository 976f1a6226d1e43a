"""Download the pure-Python wheels that scripts/test-wasm.mjs unpacks into Pyodide.

Same versions as the virtualenv's (so the suite runs on the same pytest everywhere),
`pip download --no-deps --only-binary=:all:`, once: a wheel already in the folder is kept.
PyYAML is not downloaded: its pure-Python `yaml/*.py` files are taken from the
virtualenv by test-wasm.mjs (its wheels are platform builds).
"""
from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

PACKAGES = ["pytest", "pluggy", "iniconfig", "packaging", "pygments", "hypothesis", "sortedcontainers"]
# Newer hypothesis wheels carry a native extension built for CPython on Linux; this is the
# newest release published as a pure-Python wheel, which Pyodide can import.
PURE_VERSIONS = {"hypothesis": "6.155.7"}


def main(argv: list[str]) -> int:
    dest = Path(argv[0] if argv else "node_modules/.cache/wasm-wheels")
    dest.mkdir(parents=True, exist_ok=True)
    for name in PACKAGES:
        version = PURE_VERSIONS.get(name) or importlib.metadata.version(name)
        stem = name.replace("-", "_").lower()
        found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(f"{stem}-")]
        if any(p.name.lower().startswith(f"{stem}-{version}-") and p.name.endswith("-none-any.whl") for p in found):
            continue
        for old in found:
            old.unlink()
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
             "-d", str(dest), f"{name}=={version}"],
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
