"""The engine's side of "My test-drives" (web/profile.html), run inside Pyodide by
web/teacher-worker.js, the page worker the teacher page uses too.

The page keeps the student's plays in localStorage (ctd.profile, web/src/profile/
storage.js) and sends them here; engine.profile checks every code by replaying it and
builds the profile. Like engine/web/glue.py, the worker calls `handle(request_json)` and
gets one JSON reply, never an exception:

- {"op": "profile", "store": {...}, "lang": "en"} -> {"ok": true, "profile": {...}}
- {"op": "export", "store": {...}}                -> {"ok": true, "text": "..."}
- {"op": "import", "text": "..."}                 -> {"ok": true, "store": {...}}
  `text` is what "export" made, or one result code (the kiosk's take-home QR code), which
  becomes a store of that one play. Anything else: {"ok": false, "error": "import",
  "reason": "empty" | "too_long" | "refused", "message": plain words}; the page says it in
  the student's language and changes nothing.

A reply that fails otherwise is {"ok": false, "error": "internal", "message": text}.
"""
from __future__ import annotations

import json

# More than anything a student could paste or pick by accident; a bigger file is refused
# before the engine reads it.
MAX_TEXT = 2_000_000


def _store(raw) -> dict:
    if isinstance(raw, str):
        raw = json.loads(raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("plays"), list):
        raise ValueError("the profile must be {v: 1, plays: [...]}")
    return raw


def _from_code(text: str) -> dict | None:
    """A result code as a store with that one play, or None when it is not one."""
    from engine import results

    code = text.strip()
    if not code[:2].upper() in ("T1", "T2"):
        return None
    try:
        parts = results.parse_code(code)
    except Exception:  # a damaged code: the profile's own import message says so
        return None
    return {"v": 1, "plays": [{"sim": parts["sim"], "version": parts["version"], "lang": parts["lang"],
                               "code": code, "at": "", "enjoyed": {}}]}


def _import(text) -> dict:
    from engine import profile

    if not isinstance(text, str) or not text.strip():
        return {"ok": False, "error": "import", "reason": "empty", "message": "Nothing was pasted or chosen."}
    if len(text) > MAX_TEXT:
        return {"ok": False, "error": "import", "reason": "too_long", "message": "This is far too long."}
    try:
        return {"ok": True, "store": _store(profile.import_profile(text))}
    except profile.ProfileError as exc:
        single = _from_code(text)
        if single is not None:
            return {"ok": True, "store": single}
        return {"ok": False, "error": "import", "reason": "refused", "message": str(exc)}


def _do(req: dict) -> dict:
    op = req.get("op")
    if op == "ping":
        return {"ok": True}
    from engine import profile

    if op == "profile":
        lang = req.get("lang") if req.get("lang") in ("en", "es") else "en"
        return {"ok": True, "profile": profile.build_profile(_store(req.get("store"))["plays"], lang)}
    if op == "export":
        return {"ok": True, "text": profile.export_profile(json.dumps(_store(req.get("store")), ensure_ascii=False))}
    if op == "import":
        return _import(req.get("text"))
    return {"ok": False, "error": "internal", "message": f"unknown request {op!r}"}


def handle(request_json: str) -> str:
    from engine.web.teacher_glue import answer

    return answer(_do, request_json)
