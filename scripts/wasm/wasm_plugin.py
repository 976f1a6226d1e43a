"""pytest plugin used by scripts/test-wasm.mjs inside Pyodide.

WebAssembly runs Python on the JavaScript engine's stack, which is far smaller than a
native thread's: input nested tens of thousands of levels deep (a JSON "bomb" that
CPython answers with RecursionError) exhausts it and kills the whole runtime instead of
raising. Such test cases are skipped here, with that reason; they run on the host.
"""
from __future__ import annotations

import pytest

DEEP = 5000


def _deep(value) -> bool:
    if isinstance(value, (str, bytes)):
        opens = value.count("[" if isinstance(value, str) else b"[") + value.count("{" if isinstance(value, str) else b"{")
        return opens > DEEP
    if isinstance(value, (list, tuple)):
        return any(_deep(v) for v in value)
    if isinstance(value, dict):
        return any(_deep(v) for v in value.values())
    return False


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="input nested too deep for WebAssembly's stack (runs on the host)")
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and any(_deep(v) for v in callspec.params.values()):
            item.add_marker(skip)
