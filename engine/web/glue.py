"""The engine's side of the browser player, run inside Pyodide by web/worker.js.

The worker calls `handle(request_json)` with one request and gets one JSON reply. The glue
only loads simulations (pre-compiled JSON in the bundle), opens sessions, forwards
actions and returns views: the player renders views and sends actions, nothing else.

Every reply is {"ok": true, "view": ..., "save": ...} or
{"ok": false, "error": kind, "message": text} — never an exception across the boundary.
"""
from __future__ import annotations

import json
import os

from engine import Session

APP_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIMS_DIR = os.path.join(APP_DIR, "sims")

_sims: dict = {}
_state: dict = {"session": None, "sim": None}


def _load(sim_id: str):
    if sim_id not in _sims:
        if not sim_id.replace("-", "").isalnum():
            raise KeyError(sim_id)
        json_path = os.path.join(SIMS_DIR, sim_id + ".json")
        if os.path.exists(json_path):
            from engine.compile import load_compiled

            with open(json_path, encoding="utf-8") as f:
                _sims[sim_id] = load_compiled(json.load(f))
        else:  # bundle built without engine.compile: YAML source + pure-Python PyYAML
            from engine import load_simulation

            _sims[sim_id] = load_simulation(os.path.join(SIMS_DIR, sim_id + ".yaml"))
    return _sims[sim_id]


def _reply(session) -> dict:
    _state["session"] = session
    return {"ok": True, "view": session.view(), "save": session.save()}


def _error_kind(exc: Exception) -> str:
    name = type(exc).__name__
    return {"ActionError": "action", "SaveError": "save"}.get(name, "internal")


def _do(req: dict) -> dict:
    op = req.get("op")
    if op == "ping":
        return {"ok": True}
    if op == "new":
        sim = _load(req["sim"])
        _state["sim"] = req["sim"]
        return _reply(Session(sim, seed=int(req.get("seed", 0)), lang=req.get("lang", "en")))
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
    if op == "lang":
        if req["lang"] in session.sim.languages:  # else the story stays in its language
            session.set_language(req["lang"])
        return _reply(session)
    if op == "code":
        return {"ok": True, "code": session.resume_code()}
    return {"ok": False, "error": "internal", "message": f"unknown request {op!r}"}


def handle(request_json: str) -> str:
    try:
        req = json.loads(request_json)
        reply = _do(req)
    except Exception as exc:  # reported to the page, which shows it kindly
        reply = {"ok": False, "error": _error_kind(exc), "message": str(exc) or type(exc).__name__}
    return json.dumps(reply, ensure_ascii=False)
