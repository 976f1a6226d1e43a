"""The engine's side of the browser player, run inside Pyodide by web/worker.js.

The worker calls `handle(request_json)` with one request and gets one JSON reply. The glue
only loads simulations (pre-compiled JSON in the bundle), opens sessions, forwards
actions and returns views: the player renders views and sends actions, nothing else.

Every reply is {"ok": true, "view": ..., "save": ...} or
{"ok": false, "error": kind, "message": text} — never an exception across the boundary.

Kiosk mode (web/kiosk.html) adds: `new` with `kiosk: true` (start at the simulation's
kiosk cut, `sim.kiosk_start`, when it has one), `drop` (forget the visitor's session) and
`qr` (a QR code of a text as SVG, made with segno's encoder, which the bundle ships).
A live model (web/src/activities/model.js) asks for `preview` with the inputs the student
is moving: {"ok": true, "live": ...}, computed by the engine and never logged; and
`previews` with several answers at once (the values the control can reach next, worked
out ahead by web/src/activities/model-ahead.js): {"ok": true, "lives": [live or null]},
null where the engine refuses that answer.
An assignment's ending (web/src/play/assignment.js) asks for `result_code`: the session's
result code with the student's name, the class label and the seconds played bound in.
"""
from __future__ import annotations

import json
import os

from engine import ActionError, SaveError, Session
from engine import kiosk_pin
from engine.compile import load_compiled

APP_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIMS_DIR = os.path.join(APP_DIR, "sims")

MAX_PREVIEWS = 16  # one `previews` request stays short: a request the student waits on queues behind it
_sims: dict = {}
_state: dict = {"session": None, "sim": None}


def _load(sim_id: str):
    if sim_id not in _sims:
        if not sim_id.replace("-", "").isalnum():
            raise KeyError(sim_id)
        with open(os.path.join(SIMS_DIR, sim_id + ".json"), encoding="utf-8") as f:
            _sims[sim_id] = load_compiled(json.load(f))
    return _sims[sim_id]


def _reply(session) -> dict:
    _state["session"] = session
    return {"ok": True, "view": session.view(), "save": session.save()}


def _error_kind(exc: Exception) -> str:
    if isinstance(exc, ActionError):
        return "action"
    if isinstance(exc, SaveError):
        return "save"
    return "internal"


def _do(req: dict) -> dict:
    op = req.get("op")
    if op == "ping":
        return {"ok": True}
    if op == "kiosk_pin":  # the operator's PIN against the salted hash the build wrote
        return {"ok": True, "match": kiosk_pin.verify_pin(str(req.get("pin", "")), str(req.get("hash", "")))}
    if op == "new":
        sim = _load(req["sim"])
        _state["sim"] = req["sim"]
        start = sim.kiosk_start if req.get("kiosk") else None  # None: the normal start
        return _reply(Session(sim, seed=int(req.get("seed", 0)), lang=req.get("lang", "en"), start=start))
    if op == "drop":
        _state["session"] = None
        _state["sim"] = None
        return {"ok": True}
    if op == "qr":
        return {"ok": True, **qr_svg(str(req["text"]))}
    if op == "restore":
        sim = _load(req["sim"])
        _state["sim"] = req["sim"]
        session = Session.restore(sim, req["save"])
        if req.get("lang") in sim.languages:
            session.set_language(req["lang"])
        return _reply(session)
    if op == "from_code":
        sim = _load(req["sim"])
        _state["sim"] = req["sim"]
        session = Session.from_resume_code(sim, req["code"].strip())
        if req.get("lang") in sim.languages:
            session.set_language(req["lang"])
        return _reply(session)
    session = _state["session"]
    if session is None:
        return {"ok": False, "error": "internal", "message": "no session"}
    if op == "act":
        session.act(req["action"])
        return _reply(session)
    if op == "preview":  # a live model while the student drags: computed, never logged
        return {"ok": True, "live": session.preview(req["answer"])}
    if op == "previews":
        answers = req["answers"]
        if not isinstance(answers, list) or len(answers) > MAX_PREVIEWS:
            return {"ok": False, "error": "internal", "message": f"previews takes a list of at most {MAX_PREVIEWS}"}
        return {"ok": True, "lives": [_preview_or_none(session, answer) for answer in answers]}
    if op == "lang":
        if req["lang"] in session.sim.languages:  # else the story stays in its language
            session.set_language(req["lang"])
        return _reply(session)
    if op == "code":
        return {"ok": True, "code": session.resume_code()}
    if op == "result_code":  # an assignment's ending: the code binds the name and class label
        secs = req.get("played_seconds")
        return {"ok": True, "code": session.result_code(
            name=str(req.get("name") or ""), assignment=str(req.get("assignment") or ""),
            played_seconds=int(secs) if isinstance(secs, (int, float)) and secs >= 0 else None)}
    return {"ok": False, "error": "internal", "message": f"unknown request {op!r}"}


def _preview_or_none(session, answer):
    try:
        return session.preview(answer)
    except ActionError:
        return None


def qr_svg(text: str, border: int = 4) -> dict:
    """A QR code of `text` (segno's encoder: error level M, never a Micro QR) as SVG:
    one path, a run of dark modules per subpath "M{x} {y}h{n}v1h-{n}z", black on a
    white square with a quiet zone of `border` modules."""
    from segno import encoder

    code = encoder.encode(text, error="m", micro=False, boost_error=False)
    runs = []
    for y, row in enumerate(code.matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x] & 1:
                start = x
                while x < n and row[x] & 1:
                    x += 1
                runs.append(f"M{start + border} {y + border}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    size = len(code.matrix) + 2 * border
    path = "".join(runs)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
           f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>')
    return {"svg": svg, "size": size, "border": border, "path": path, "version": code.version}


def handle(request_json: str) -> str:
    try:
        req = json.loads(request_json)
        reply = _do(req)
    except Exception as exc:  # reported to the page, which shows it kindly
        reply = {"ok": False, "error": _error_kind(exc), "message": str(exc) or type(exc).__name__}
    return json.dumps(reply, ensure_ascii=False)
