"""The glue's `previews` request (engine/web/glue.py), run on the host: a live model's
values worked out ahead are exactly what `preview` answers one at a time, a refused
answer is null, and nothing is logged (the save is unchanged)."""
from __future__ import annotations

import json

from webtools import simulations, states_for_checks


def _glue(request: dict) -> dict:
    from engine.web import glue

    return json.loads(glue.handle(json.dumps(request)))


def test_previews_match_preview_one_by_one_and_log_nothing(monkeypatch):
    from engine.web import glue

    sim_id, code, view = states_for_checks()["model"]
    monkeypatch.setattr(glue, "_sims", {sim_id: simulations()[sim_id]})
    opened = _glue({"op": "from_code", "sim": sim_id, "code": code})
    a = opened["view"]["activity"]
    slider = next(i for i in a["inputs"] if i["control"] == "slider")
    start = dict(a["live"]["inputs"])
    answers = [{**start, slider["id"]: slider["min"] + k * slider["step"]} for k in range(3)]
    answers.append({**start, slider["id"]: slider["max"] + slider["step"]})  # out of range: refused
    reply = _glue({"op": "previews", "answers": answers})
    assert reply["ok"] and len(reply["lives"]) == 4
    for answer, live in zip(answers[:3], reply["lives"]):
        assert live == _glue({"op": "preview", "answer": answer})["live"]
    assert reply["lives"][0] != reply["lives"][2]  # the outputs moved with the input
    assert reply["lives"][3] is None
    assert _glue({"op": "preview", "answer": answers[3]})["error"] == "action"
    # worked out, never logged: the session saves as it did before
    assert _glue({"op": "act", "action": {"type": "answer", "answer": start}})["save"] == \
        _replayed_save(sim_id, code, start)


def _replayed_save(sim_id, code, answer):
    from engine import Session

    s = Session.from_resume_code(simulations()[sim_id], code)
    s.act({"type": "answer", "answer": answer})
    return json.loads(json.dumps(s.save()))


def test_previews_refuses_a_long_list(monkeypatch):
    from engine.web import glue

    sim_id, code, _view = states_for_checks()["model"]
    monkeypatch.setattr(glue, "_sims", {sim_id: simulations()[sim_id]})
    _glue({"op": "from_code", "sim": sim_id, "code": code})
    reply = _glue({"op": "previews", "answers": [{}] * (glue.MAX_PREVIEWS + 1)})
    assert reply["ok"] is False and "at most" in reply["message"]
