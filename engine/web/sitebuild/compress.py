"""A .gz copy of every compressible file, which `testdrive serve` sends to browsers."""
from __future__ import annotations

import gzip
from pathlib import Path


COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".webmanifest", ".zip", ".txt"}


def gzip_tree(root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < 512:
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data) * 0.95:
            path.with_name(path.name + ".gz").write_bytes(packed)
