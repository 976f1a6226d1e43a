"""Saves and resume codes: small, versioned, and never a crash on bad input."""
from __future__ import annotations

import json
import random

import pytest

from engine import SaveError, Session, load_source
from engine.saves import CODE_LIMIT
from tests.engine.test_loader import MINIMAL


def random_play(sim, seed, lang="en", max_steps=400):
    """Plays to an ending with random but valid actions (a random student)."""
    rnd = random.Random(seed)
    s = Session(sim, seed=seed, lang=lang)
    for _ in range(max_steps):
        v = s.view()
        if v["phase"] == "ending":
            break
        s.act(random_action(v, rnd))
    return s


def random_action(v, rnd):
    if v["phase"] == "scene" and v["choices"]:
        return {"type": "choose", "choice": rnd.choice([c for c in v["choices"] if c["enabled"]])["id"]}
    if v["phase"] == "activity":
        a = v["activity"]
        k = a["kind"]
        if k in ("order", "sequence"):
            ids = [i["id"] for i in a["items"]]
            rnd.shuffle(ids)
            ans = ids
        elif k == "numeric":
            ans = rnd.choice([0, 1, 2.5, 10, 12.75, 100, 1000])
        elif k in ("multi", "hotspot"):
            ans = [o["id"] for o in a["items"] if rnd.random() < 0.5]
        elif k == "match":
            rights = [r["id"] for r in a["matches"]]
            rnd.shuffle(rights)
            ans = {i["id"]: r for i, r in zip(a["items"], rights)}
        elif k == "model":  # a random step of each input
            ans = {i["id"]: (rnd.choice(i["options"])["id"] if i["options"] else
                             i["min"] + rnd.randint(0, round((i["max"] - i["min"]) / i["step"])) * i["step"])
                   for i in a["inputs"]}
        else:
            ans = {i["id"]: rnd.randint(0, min(i["max"], 12)) for i in a["items"]}
        return {"type": "answer", "answer": ans}
    return {"type": "continue"}


def test_save_is_small_versioned_json(example_sim):
    s = random_play(example_sim, 5)
    data = json.loads(s.save())
    assert data["format"] == 1 and data["sim"] == "every-feature" and data["version"] == example_sim.version
    assert len(s.save()) < 4000
    again = Session.restore(example_sim, s.save())
    assert again.state == s.state and again.view() == s.view()


@pytest.mark.parametrize("text,reason", [
    ("", "empty"), ("{not json", "not readable"), ("[]", "wrong shape"), ("null", "wrong shape"),
    ('{"format": 99, "sim": "every-feature"}', "format 99"),
    ('{"format": 1, "sim": "other-sim", "seed": 1, "log": []}', "another simulation"),
    ('{"format": 1, "sim": "every-feature", "log": []}', "missing seed"),
    ('{"format": 1, "sim": "every-feature", "seed": 1, "log": [["c", "no-such"]]}', "cannot be replayed"),
    ('{"format": 1, "sim": "every-feature", "seed": 1, "log": [["x"]]}', "damaged"),
    ('{"format": 1, "sim": "every-feature", "seed": 1, "log": 5}', "missing seed or actions"),
    ('{"format": 1, "sim": "every-feature", "seed": 1, "start": "nowhere", "log": []}', "does not have"),
    ("[" * 100000, "not readable"),
])
def test_corrupt_saves_say_why(example_sim, text, reason):
    with pytest.raises(SaveError) as err:
        Session.restore(example_sim, text)
    assert reason in str(err.value)


def test_tampered_save_fails_its_check(example_sim):
    s = random_play(example_sim, 9)
    data = json.loads(s.save())
    data["digest"] = "0" * 16
    with pytest.raises(SaveError, match="does not match its own check"):
        Session.restore(example_sim, json.dumps(data))


VERSIONED = """
id: versioned
version: "{version}"
start: welcome
scenes:
  welcome:
    text: Where do you want to start?
    choices:
      - {{id: ask-plan, text: Ask about the plan, feedback: Good question., next: END}}
      - {{id: jump-in, text: Start right away, next: END}}
endings:
  - {{id: done, title: Done, rating: 1, text: Done.}}
"""


def test_save_from_another_version_is_named(sim_from):
    sim = sim_from(VERSIONED.format(version="1.0.0"))
    s = Session(sim, seed=2)
    s.choose("ask-plan")
    data = json.loads(s.save())
    data["version"] = "0.9.0"
    data["log"] = [["c", "removed-choice"]]
    with pytest.raises(SaveError, match="version 0.9.0 of this simulation, and this is version 1.0.0"):
        Session.restore(sim, json.dumps(data))
    # a save from an older version whose actions still fit is carried over by replay
    newer = sim_from(VERSIONED.format(version="9.9.9"))
    again = Session.restore(newer, s.save())
    assert again.view()["phase"] == "feedback" and again.state["log"] == s.state["log"]


def test_resume_code_restores_identical_state(example_sim):
    for seed in range(40):
        s = random_play(example_sim, seed, lang="es" if seed % 2 else "en")
        code = s.resume_code()
        assert len(code) < CODE_LIMIT
        assert all(c.isalnum() or c in "-_" for c in code)  # URL-safe
        again = Session.from_resume_code(example_sim, code)
        assert again.state == s.state and again.lang == s.lang


def test_resume_code_mid_play(example_sim):
    s = Session(example_sim, seed=4)
    s.choose("ask-plan")
    s.continue_()
    s.answer("2")
    again = Session.from_resume_code(example_sim, s.resume_code())
    assert again.view() == s.view()


def test_resume_code_stays_under_suspend_data_limit_for_long_runs(example_sim):
    # the longest plays: every wrong answer, every detour
    longest = max((random_play(example_sim, seed) for seed in range(60)),
                  key=lambda s: len(s.state["log"]))
    assert len(longest.resume_code()) < CODE_LIMIT


def test_bad_codes_are_refused_clearly(example_sim):
    s = random_play(example_sim, 3)
    code = s.resume_code()
    typo = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
    for bad, reason in [(typo, "typo"), ("hello", "not a resume code"), ("", "not a resume code"),
                        ("T1" + "x" * 9000, "too long"), (None, "is text"), ("T1AAAAAAAAB", "typo|damaged")]:
        with pytest.raises(SaveError, match=reason):
            Session.from_resume_code(example_sim, bad)
    assert Session.from_resume_code(example_sim, " " + code[:20] + "\n" + code[20:]).state == s.state


def test_code_for_another_simulation(example_sim):
    other = load_source(MINIMAL)
    code = Session(other, seed=1).resume_code()
    with pytest.raises(SaveError, match="another simulation"):
        Session.from_resume_code(example_sim, code)


def shipped():
    from engine.cli import simulation_files
    from conftest import ROOT
    return simulation_files([ROOT / "simulations"])


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_every_simulation_fits_suspend_data_and_restores(path):
    """SCORM 1.2's suspend_data holds 4,096 characters: the longest random playthrough of
    every shipped simulation must fit, and its code must restore the identical state."""
    from engine import load_simulation
    sim = load_simulation(path)
    plays = [random_play(sim, seed) for seed in range(40)]
    assert all(p.ended for p in plays)
    longest = max(plays, key=lambda s: len(s.resume_code()))
    code = longest.resume_code()
    assert len(code) < CODE_LIMIT
    assert Session.from_resume_code(sim, code).state == longest.state
    assert Session.restore(sim, longest.save()).state == longest.state
