"""The engine's side of the teacher page (web/teacher.html), run inside Pyodide by
web/teacher-worker.js.

The class results sheet sends codes here to be verified by replaying them in the engine
(engine.results, the only engine module this file uses). Like engine/web/glue.py, the
worker calls `handle(request_json)` and gets one JSON reply, never an exception:

- {"op": "ping"}                                  -> {"ok": true}
- {"op": "releases"}                              -> {"ok": true, "releases": [...]}
- {"op": "verify", "pairs": [[name, code], ...]}  -> {"ok": true, "rows": [...]}

A reply that fails is {"ok": false, "error": "internal", "message": text}.
"""
from __future__ import annotations

import json

# The most codes one request may carry: a class sheet sends a class at a time, and a
# pasted file of thousands of lines must not freeze the worker for minutes.
MAX_PAIRS = 500
MAX_CODE = 8192
MAX_NAME = 120


def _pairs(raw) -> list[tuple[str, str]]:
    if not isinstance(raw, list):
        raise ValueError("pairs must be a list")
    if len(raw) > MAX_PAIRS:
        raise ValueError(f"at most {MAX_PAIRS} codes at a time")
    pairs = []
    for item in raw:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ValueError("each pair is [name, code]")
        name, code = (str(x) if x is not None else "" for x in item)
        pairs.append((name.strip()[:MAX_NAME], code.strip()[:MAX_CODE]))
    return pairs


def _do(req: dict) -> dict:
    op = req.get("op")
    if op == "ping":
        return {"ok": True}
    from engine import results

    if op == "releases":
        return {"ok": True, "releases": results.releases()}
    if op == "verify":
        return {"ok": True, "rows": results.verify_many(_pairs(req.get("pairs")))}
    return {"ok": False, "error": "internal", "message": f"unknown request {op!r}"}


def answer(do, request_json: str) -> str:
    """One JSON request to `do(request) -> reply`, answered as JSON, never an exception
    (profile_glue.py answers the same way)."""
    try:
        req = json.loads(request_json)
        if not isinstance(req, dict):
            raise ValueError("a request is a JSON object")
        reply = do(req)
    except Exception as exc:  # reported to the page, which shows it kindly
        reply = {"ok": False, "error": "internal", "message": str(exc) or type(exc).__name__}
    return json.dumps(reply, ensure_ascii=False)


def handle(request_json: str) -> str:
    return answer(_do, request_json)
