"""Scripted play for a simulation's own tests: a plan per scene, played through the Session.

The new simulations' tests share it (tests/test_sim_weld.py); the flagships' older tests
keep their own copies for now.
"""
from __future__ import annotations

from engine import Session


def en(text) -> str:
    """The English of a text."""
    return text.get("en")


def act_of(sim, scene_id):
    """The activity of a scene."""
    return sim.scene(scene_id).activity


def play(sim, answers: dict, choices: dict, *, seed=1, start=None, lang="en", max_steps=80):
    """Plays to an ending: `answers` holds each activity scene's answer, `choices` the choice
    id to take in a scene (the first enabled choice where none is named, or where the named
    one is hidden). Returns (session, the scene of every view seen, in order)."""
    s = Session(sim, seed=seed, start=start, lang=lang)
    seen = []
    for _ in range(max_steps):
        v = s.view()
        seen.append(v["scene"])
        assert v["text"].strip(), v["scene"]
        if v["phase"] == "ending":
            return s, seen
        if v["continue"]:
            s.continue_()
        elif v["phase"] == "activity":
            s.answer(answers[v["scene"]])
        else:
            enabled = [c["id"] for c in v["choices"] if c["enabled"]]
            assert enabled, f"dead end at {v['scene']}"
            want = choices.get(v["scene"])
            s.choose(want if want in enabled else enabled[0])
    raise AssertionError(f"no ending after {max_steps} steps: {seen[-5:]}")
