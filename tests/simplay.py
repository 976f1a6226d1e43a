"""Scripted play for a simulation's own tests: a plan per scene, played through the Session.

The simulations' tests share it (tests/content/test_sim_weld.py, test_sim_cnc.py); the ER and
footbridge tests keep their own loops, which check more per view.
"""
from __future__ import annotations

from engine import Session, check_file


def en(text) -> str:
    """The English of a text."""
    return text.get("en")


def act_of(sim, scene_id):
    """The activity of a scene."""
    return sim.scene(scene_id).activity


def play(sim, answers: dict, choices: dict, *, seed=1, start=None, lang="en", max_steps=80, until=None,
         every_lang=False):
    """Plays to an ending, or to the first view where until(view) holds: `answers` holds each
    activity scene's answer, `choices` the choice id to take in a scene (the first enabled
    choice where none is named, or where the named one is hidden). Every view must have
    text in `lang` (with `every_lang`, in each of the simulation's languages). Returns
    (session, the scene of every view seen, in order)."""
    s = Session(sim, seed=seed, start=start, lang=lang)
    seen = []
    for _ in range(max_steps):
        v = s.view()
        seen.append(v["scene"])
        assert v["text"].strip(), v["scene"]
        if every_lang:
            for other in sim.languages:
                s.set_language(other)
                assert s.view()["text"].strip(), (v["scene"], other)
            s.set_language(lang)
        if v["phase"] == "ending" or (until is not None and until(v)):
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


def play_plan(sim, answers: dict, choices: dict, plan: dict, **kw):
    """play() with a file's right answers and good choices, changed by `plan`: each key
    (underscores for dashes) names a scene and gives its answer or its choice."""
    answers, choices = dict(answers), dict(choices)
    for key, value in plan.items():
        key = key.replace("_", "-")
        (answers if key in answers else choices)[key] = value
    return play(sim, answers, choices, **kw)


def kiosk_minutes(sim, lang: str) -> tuple:
    """The explorer's reading-time estimate of the kiosk cut (random players' median, and
    the 3-4 minute target): (median, (low, high), the whole estimate)."""
    from engine.explore import KIOSK_MINUTES, explore
    real = explore(sim, sim.kiosk_start, players=200, lang=lang)["play"]["real_minutes"]
    return real["median"], KIOSK_MINUTES, real


def debrief_gaps(sim) -> list:
    """Endings whose debrief misses a part: 2-3 reflection questions (translated, not
    copied), something to try next and what a professional would do."""
    gaps = []
    for e in sim.endings:
        if not 2 <= len(e.reflection) <= 3 or not e.try_next or not e.professional:
            gaps.append(e.id)
        gaps += [(e.id, q.get("en")) for q in e.reflection if not q.get("es") or q.get("es") == q.get("en")]
    return gaps


def explorer_problems(sim, players=150, max_states=3000) -> list:
    """The explorer's failing problems (an ending never reached, a dead end, a soft-lock)."""
    from engine.explore import explore_all, failed
    report = explore_all(sim, players=players, max_states=max_states)
    return [p["message"] for p in report["problems"]] if failed(report) else []


def lint_messages(path) -> list:
    """Every problem lint reports for a simulation file (errors and warnings), as printed."""
    sim, diags, text = check_file(path)
    assert sim is not None, path
    return [d.format(text) for d in diags]


def uncited_activities(sim) -> list:
    """Scenes whose activity cites no source, or one the file's `sources:` does not list."""
    ids = {s.id for s in sim.sources}
    return [sc.id for sc in sim.scenes if sc.activity is not None
            and not (sc.activity.source and set(sc.activity.source) <= ids)]
