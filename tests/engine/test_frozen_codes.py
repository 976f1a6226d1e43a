"""Codes and saves are promises: everything today's engine made must restore for years.

`tests/fixtures/frozen/` holds copies of the simulations as they were released and, for
many seeds, both languages, full plays and kiosk cuts, mid-play and at endings: the save,
the resume code and the result code the engine made then, with what they stood for. Never
regenerate these files; add new ones beside them when a new release should be frozen too.
"""
import json
from pathlib import Path

import pytest

from engine import Session, load_simulation

FROZEN = Path(__file__).resolve().parents[1] / "fixtures" / "frozen"
RECORDS = json.loads((FROZEN / "codes.json").read_text(encoding="utf-8"))["records"]
_SIMS: dict = {}


def frozen_sim(name):
    if name not in _SIMS:
        _SIMS[name] = load_simulation(FROZEN / "simulations" / name)
    return _SIMS[name]


def same_result(now: dict, then: dict):
    """The result as recorded, except `skills`: the crediting rule became honest (issue 13: a
    skill counts only where it was used well, never on a wrong answer or a harmful choice), so
    today's tally may be lower than the recorded one, never higher nor a skill more. Endings,
    ratings, scores, outcomes and variables are the promise, and stay equal; `evidence` and
    `chances` are new keys."""
    assert {k: v for k, v in now.items() if k in then and k != "skills"} == \
        {k: v for k, v in then.items() if k != "skills"}
    assert set(then) <= set(now)
    assert all(n <= then["skills"].get(s, 0) for s, n in now["skills"].items()), (now["skills"], then["skills"])
    assert all(now["chances"].get(a, 0) >= n for a, n in now["riasec"].items())


def check_same(session, rec):
    assert session.scene == rec["scene"]
    assert session.phase == rec["phase"]
    same_result(session.result(), rec["result"])
    assert session.resume_code() == rec["resume_code"]  # the same log, re-encoded


def test_the_frozen_set_covers_every_simulation_language_cut_and_stage():
    seen = {(r["sim"], r["lang"], r["start"] is not None, r["stage"]) for r in RECORDS}
    sims = {r["sim"] for r in RECORDS}
    assert sims >= {"er-nurse-shift", "footbridge-design", "cnc-first-run", "every-feature"}
    for sim in sims - {"every-feature"}:
        for lang in ("en", "es"):
            for kiosk in (False, True):
                assert (sim, lang, kiosk, "mid") in seen and (sim, lang, kiosk, "end") in seen
    assert sum(r["stage"] == "end" for r in RECORDS) >= 150


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: f"{r['sim']}-{r['lang']}-{r['seed']}-{r['stage']}-{'kiosk' if r['start'] else 'full'}")
def test_a_frozen_resume_code_and_save_restore_to_the_same_play(rec):
    sim = frozen_sim(rec["file"])
    check_same(Session.from_resume_code(sim, rec["resume_code"]), rec)
    check_same(Session.restore(sim, rec["save"]), rec)
    if rec["result_code"] is not None:
        session = Session.from_resume_code(sim, rec["result_code"])
        assert session.phase == "ending" and session.result()["ending"] == rec["ending"]
        same_result(session.result(), rec["result"])
