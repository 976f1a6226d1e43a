"""The play session: views, actions, activities, events, endings — run plain and with a
save/restore round trip after every action (see conftest.new_session)."""
from __future__ import annotations

import json

import pytest

from engine import ActionError, Session, load_source


def seed_where(sim, jam: bool):
    """A seed for which the random press-jam event does (or does not) fire."""
    for seed in range(200):
        s = Session(sim, seed=seed)
        play_to_five_s(s)
        s.answer(["sort", "set", "shine", "standardize", "sustain"])
        s.continue_()
        if (s.view()["scene"] == "jam") == jam:
            return seed
    raise AssertionError("no such seed")


def play_to_five_s(s):
    s.choose("ask-plan")
    s.continue_()  # choice feedback
    s.answer(2)
    s.continue_()
    s.answer(["glasses", "earplugs"])
    s.continue_()


def test_first_view_has_everything_to_draw(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    v = s.view()
    assert v["phase"] == "scene" and v["scene"] == "welcome"
    assert v["speaker"]["name"] == "Sam Rivera" and v["speaker"]["role"] == "Shift lead"
    assert v["background"] == "art/examples/workshop.svg" and v["sound"] == "door"
    assert "08:05" in v["text"]  # {clock} filled in; the scene cost 5 minutes
    assert v["clock"] == {"time": "08:05", "elapsed": 5, "limit": 45, "left": 40}
    assert [m["id"] for m in v["meters"]] == ["quality", "safety", "parts"]
    ids = [(c["id"], c["enabled"]) for c in v["choices"]]
    assert ids == [("ask-plan", True), ("jump-in", True), ("expert-tip", False)]
    assert v["choices"][2]["locked"] == "You need 90 quality first."
    assert v["continue"] is False
    json.dumps(v)  # plain data only


def test_locked_choice_cannot_be_taken_and_changes_nothing(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    before = s.view()
    with pytest.raises(ActionError):
        s.choose("expert-tip")
    with pytest.raises(ActionError):
        s.choose("no-such-choice")
    with pytest.raises(ActionError):
        s.continue_()
    with pytest.raises(ActionError):
        s.answer(3)
    assert s.view() == before


def test_choice_effects_feedback_and_tallies(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    s.choose("ask-plan")
    v = s.view()
    assert v["phase"] == "feedback" and v["continue"]
    assert "Asking first" in v["feedback"]["text"]
    assert v["meters"][0]["value"] == 65
    s.continue_()
    v = s.view()
    assert v["scene"] == "takt" and v["phase"] == "activity"
    assert v["activity"]["kind"] == "numeric" and v["activity"]["unit"] == "min"
    assert "answer" not in v["activity"]
    assert s.state["skills"] == {"communication": 1} and s.state["riasec"] == {"S": 1}


@pytest.mark.parametrize("given,outcome,quality", [(2, "correct", 75), ("2.0", "correct", 75),
                                                   (2.4, "partial", 65), (7, "wrong", 60)])
def test_numeric_activity(example_sim, new_session, given, outcome, quality):
    s = new_session(example_sim, seed=1)
    s.choose("ask-plan")
    s.continue_()
    s.answer(given)
    fb = s.view()["feedback"]
    assert fb["outcome"] == outcome
    assert fb["correct"]["display"] == ["2 min"]
    assert "480 minutes" in fb["explain"]
    assert s.view()["meters"][0]["value"] == quality


def test_bad_answers_are_refused(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    s.choose("ask-plan")
    s.continue_()
    for bad in ["two", None, [2], {"a": 1}, True, "1e400"]:
        with pytest.raises(ActionError):
            s.answer(bad)
    assert s.view()["phase"] == "activity"


def test_multi_branches_on_outcome(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    s.choose("jump-in")
    s.answer(2)
    s.continue_()
    s.answer(["necktie"])
    assert s.view()["feedback"]["outcome"] == "wrong"
    assert s.view()["meters"][1]["value"] == 55
    s.continue_()
    assert s.view()["scene"] == "safety-talk"


def test_multi_partial_credit(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    s.choose("jump-in")
    s.answer(2)
    s.continue_()
    s.answer(["glasses"])
    fb = s.view()["feedback"]
    assert fb["outcome"] == "partial" and fb["score"] == 0.5
    assert fb["correct"]["answer"] == ["glasses", "earplugs"]


def test_sequence_is_shuffled_the_same_for_a_seed(example_sim):
    orders = []
    for _ in range(2):
        s = Session(example_sim, seed=seed_where(example_sim, jam=False))
        play_to_five_s(s)
        orders.append([i["id"] for i in s.view()["activity"]["items"]])
    assert orders[0] == orders[1]
    assert orders[0] != ["sort", "set", "shine", "standardize", "sustain"]
    assert sorted(orders[0]) == sorted(["sort", "set", "shine", "standardize", "sustain"])


def test_random_event_interrupts_and_returns(example_sim, new_session):
    seed = seed_where(example_sim, jam=True)
    s = new_session(example_sim, seed=seed)
    play_to_five_s(s)
    s.answer(["sort", "set", "shine", "standardize", "sustain"])
    s.continue_()
    v = s.view()
    assert v["scene"] == "jam" and v["notices"] == ["A loud clunk comes from the press."]
    s.continue_()  # next: BACK
    v = s.view()
    assert v["scene"] == "jobs" and v["phase"] == "activity" and v["notices"] == []


def cont(s):
    """Continue, and come back from the random press-jam interruption if it fires."""
    s.continue_()
    if s.view()["scene"] == "jam":
        s.continue_()


def full_run(s, good=True):
    s.choose("ask-plan" if good else "jump-in")
    if good:
        cont(s)
    s.answer(2 if good else 9)
    cont(s)
    s.answer(["glasses", "earplugs"] if good else ["necktie"])
    cont(s)
    if not good:
        cont(s)  # safety talk
    s.answer(["sort", "set", "shine", "standardize", "sustain"] if good
             else ["sustain", "sort", "set", "shine", "standardize"])
    cont(s)
    s.answer(["line-down", "tomorrow", "next-week"] if good else ["next-week", "tomorrow", "line-down"])
    cont(s)
    s.answer({"caliper": "caliper", "deburr": "deburr", "torque": "torque"} if good
             else {"caliper": "deburr", "deburr": "caliper", "torque": "torque"})
    cont(s)
    s.answer(["crack", "burr"] if good else ["left-hole"])
    cont(s)
    s.answer({"steel": 5, "bolts": 2} if good else {"steel": 10, "bolts": 10})
    cont(s)
    if good:  # the live model: 800 ft/min with the 1/2-inch tool
        s.answer({"sfm": 800, "diameter": 0.5})
    else:  # two tries, both with the start's 1/4-inch tool
        s.answer({})
        s.answer({})
    cont(s)
    s.choose("extra-check" if good else "finish")


def test_good_run_reaches_best_ending_with_debrief(example_sim, new_session):
    s = new_session(example_sim, seed=seed_where(example_sim, jam=False))
    full_run(s, good=True)
    v = s.view()
    assert v["phase"] == "ending" and v["continue"] is False and v["choices"] == []
    e = v["ending"]
    assert e["id"] == "expert" and e["rating"] == 3 and e["max_rating"] == 3
    assert e["debrief"]["went_well"] == ["You asked about the plan before you started.",
                                         "You worked out the takt time."]
    assert len(e["debrief"]["reflection"]) == 2
    assert e["career"]["id"] == "industrial-engineering-technician"
    r = e["result"]
    assert r["sim"] == "every-feature" and r["ending"] == "expert" and r["rating"] == 3
    assert [a["outcome"] for a in r["activities"]] == ["correct"] * 8
    assert r["activities"][-1] == {"scene": "spindle", "kind": "model", "score": 1.0, "outcome": "correct",
                                   "first_outcome": "correct", "tries": 1}
    assert r["skills"]["communication"] == 1 and r["riasec"]["I"] == 3
    assert len(e["result_code"]) < 4096
    with pytest.raises(ActionError):
        s.continue_()


def test_poor_run_reaches_learning_ending(example_sim, new_session):
    s = new_session(example_sim, seed=seed_where(example_sim, jam=False))
    full_run(s, good=False)
    e = s.view()["ending"]
    assert e["id"] == "learning" and e["rating"] == 1
    assert e["result"]["activities"][-2]["score"] == 0  # over budget scores 0
    assert e["result"]["activities"][-1]["tries"] == 2  # the model's two tries


def test_allocate_feedback_shows_budget_and_goals(example_sim):
    s = Session(example_sim, seed=seed_where(example_sim, jam=False))
    s.choose("jump-in")
    s.answer(2)
    cont(s)
    s.answer(["glasses", "earplugs"])
    cont(s)
    s.answer(["sort", "set", "shine", "standardize", "sustain"])
    cont(s)
    s.answer(["line-down", "tomorrow", "next-week"])
    cont(s)
    s.answer({"caliper": "caliper", "deburr": "deburr", "torque": "torque"})
    cont(s)
    s.answer(["crack"])
    assert s.view()["feedback"]["outcome"] == "partial"
    cont(s)
    s.answer({"steel": 5, "bolts": 1})
    fb = s.view()["feedback"]
    assert fb["outcome"] == "partial" and fb["score"] == 0.5
    assert fb["correct"]["display"] == ["215 / 300 USD", "✓ Steel for 100 brackets: 100 / 100",
                                        "✗ 100 bolts: 50 / 100"]


def test_language_switch_mid_play_keeps_the_story(example_sim, new_session):
    s = new_session(example_sim, seed=1)
    s.choose("ask-plan")
    s.set_language("es")
    v = s.view()
    assert v["lang"] == "es" and v["feedback"]["text"].startswith("Sam sonríe")
    s.continue_()
    v = s.view()
    assert v["activity"]["prompt"].startswith("Tiempo takt") and v["meters"][0]["label"] == "Calidad"
    with pytest.raises(ActionError):
        s.set_language("fr")


def test_time_event_ends_the_shift(example_sim, new_session):
    s = new_session(example_sim, seed=seed_where(example_sim, jam=False))
    full_run(s, good=True)
    assert s.view()["ending"]["id"] != "out-of-time"
    src = (EXAMPLE_TEXT()).replace("limit: 45", "limit: 12").replace("time >= 45", "time >= 12")
    sim = load_source(src, "short.yaml")
    s = new_session(sim, seed=1)
    s.choose("ask-plan")
    s.continue_()
    s.answer(2)  # 5 + 5 + 5 minutes: past the limit of 12
    assert s.view()["phase"] == "feedback"
    s.continue_()
    v = s.view()
    assert v["notices"] == ["Time is up for this morning."]
    assert v["phase"] == "ending" and v["ending"]["id"] == "out-of-time"


def EXAMPLE_TEXT():
    from conftest import EXAMPLE
    return EXAMPLE.read_text(encoding="utf-8")


def test_kiosk_cut_starts_at_its_scene(example_sim, new_session):
    s = new_session(example_sim, seed=3, start=example_sim.kiosk_start)
    assert s.view()["scene"] == "kiosk-welcome"
    assert [m["id"] for m in s.view()["meters"]] == ["quality"]  # kiosk.meters
    s.continue_()
    assert s.view()["activity"]["kind"] == "hotspot"
    spots = s.view()["activity"]["items"]
    assert {sp["id"] for sp in spots} == {"crack", "burr", "left-hole"} and all(sp["text"] for sp in spots)


def test_same_seed_and_actions_give_the_same_state(example_sim):
    a, b = Session(example_sim, seed=11), Session(example_sim, seed=11)
    full_run(a, good=True)
    full_run(b, good=True)
    assert a.state == b.state and a.view() == b.view()


def test_sim_content_is_immutable(example_sim):
    with pytest.raises(Exception):
        example_sim.start = "x"
    with pytest.raises(Exception):
        example_sim.scenes[0].text = None


EVENTS_SIM = """\
format: 1
id: events
version: "1"
title: Events
field: other
career: welder
minutes: 1
summary: Events fire when a condition becomes true.
languages: [en]
start: hub
variables:
  heat: {type: int, start: 0, min: 0, max: 10, show: meter, label: Heat}
  alarms: {type: int, start: 0, min: 0, max: 99, show: counter, label: Alarms}
scenes:
  hub:
    text: "Heat {heat}"
    choices:
      - {id: up, text: Heat up, effects: [heat += 5], next: hub}
      - {id: down, text: Cool down, effects: [heat = 0], next: hub}
      - {id: stop, text: Stop, next: END}
events:
  - id: alarm
    when: heat >= 5
    repeat: true
    text: Too hot!
    effects: [alarms += 1]
endings:
  - id: done
    title: Done
    rating: 1
    text: Done.
"""


def test_repeat_event_fires_each_time_its_condition_becomes_true(new_session):
    sim = load_source(EVENTS_SIM)
    s = new_session(sim, seed=1)
    s.choose("up")
    assert s.view()["notices"] == ["Too hot!"]
    s.choose("up")  # still hot: no new alarm
    assert s.view()["notices"] == []
    s.choose("down")
    s.choose("up")  # hot again: a new alarm
    assert s.view()["notices"] == ["Too hot!"]
    assert s.state["vars"]["alarms"] == 2


def test_numbers_follow_the_language():
    from engine.text import format_number
    assert format_number(2.75, "en") == "2.75" and format_number(2.75, "es") == "2,75"
    assert format_number(3, "es") == "3" and format_number(True, "en") == "✓"
    assert format_number(1234.5, "en", 2) == "1,234.5" and format_number(1234.5, "es", 2) == "1234,5"
    assert format_number(12345.5, "es", 2) == "12\u00a0345,5"  # Spanish groups from five digits on
    assert format_number(2.0, "es", 2) == "2" and format_number(0.125, "en", 2) == "0.12"
