"""`testdrive explore`: every shipped simulation reaches every ending with no dead end or
soft-lock, and the explorer catches small broken simulations written here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import load_simulation, load_source
from engine.explore import Explorer, explore_all, failed, format_report, representative_answers
from engine.explore_command import main

ROOT = Path(__file__).resolve().parents[2]
SIMS = sorted(p for p in (ROOT / "simulations").rglob("*") if p.suffix in (".yaml", ".yml"))
IDS = [str(p.relative_to(ROOT / "simulations")) for p in SIMS]

HEAD = """
format: 1
id: broken
version: "1"
title: Broken
field: manufacturing
career: industrial-engineering-technician
minutes: 5
summary: A small broken simulation.
languages: [en]
start: hall
variables:
  quality: {type: int, start: 50, min: 0, max: 100, show: meter, label: Quality}
"""


def test_there_are_simulations_to_explore():
    assert SIMS, "no simulation files under simulations/"


@pytest.mark.parametrize("path", SIMS, ids=IDS)
def test_shipped_simulation_has_no_dead_end_soft_lock_or_unreachable_ending(path):
    sim = load_simulation(path)
    report = explore_all(sim, players=300, max_states=5000)
    print(format_report(report))
    errors = [p["message"] for p in report["problems"] + report.get("kiosk", {}).get("problems", [])
              if p["severity"] == "error"]
    assert not report["unreached_endings"], f"{path.name}: endings never reached: {report['unreached_endings']}"
    assert not errors, f"{path.name}: " + "; ".join(errors)
    # every activity has an answer that is graded correct
    bad = [p["message"] for p in report["problems"] if p["kind"] == "activity"]
    assert not bad, f"{path.name}: " + "; ".join(bad)
    assert report["play"]["minutes"] is not None
    # and no warning either: an unreached scene, a kiosk cut off its time, a clock overrun
    assert not warnings(report), f"{path.name}: " + "; ".join(warnings(report))


@pytest.mark.parametrize("path", SIMS, ids=IDS)
def test_shipped_simulation_has_no_warning_in_spanish(path):
    # the language changes the reading-time estimate, so the kiosk cut's time warning;
    # a smaller search keeps this quick (random players reach the scenes)
    report = explore_all(load_simulation(path), players=300, max_states=1000, lang="es")
    assert not warnings(report), f"{path.name}: " + "; ".join(warnings(report))


def warnings(report) -> list:
    return [p["message"] for p in report["problems"] + report.get("kiosk", {}).get("problems", [])
            if p["severity"] == "warning"]


def write(tmp_path, body: str) -> Path:
    p = tmp_path / "broken.yaml"
    p.write_text(HEAD + body, encoding="utf-8")
    return p


def load(tmp_path, body):
    return load_simulation(write(tmp_path, body))


def test_unreachable_ending_fails(tmp_path):
    sim = load(tmp_path, """
scenes:
  hall:
    text: You are in the hall.
    choices:
      - {id: careful, text: Work carefully, effects: [quality += 20], next: END}
      - {id: rush, text: Rush, effects: [quality -= 20], next: END}
endings:
  - {id: perfect, if: quality > 100, title: Perfect, rating: 3, text: Impossible.}
  - {id: fine, if: quality >= 60, title: Fine, rating: 2, text: Good work.}
  - {id: learning, title: Learning, rating: 1, text: Keep going.}
""")
    report = explore_all(sim, players=50)
    assert report["unreached_endings"] == ["perfect"]
    assert report["endings"]["fine"]["reached"] and report["endings"]["learning"]["reached"]
    assert report["endings"]["fine"]["variables"]["quality"] == [70, 70]
    assert failed(report)
    assert main([str(tmp_path / "broken.yaml"), "--players", "20"]) == 1


def test_dead_end_from_an_impossible_condition_fails(tmp_path):
    load(tmp_path, """
scenes:
  hall:
    text: You are in the hall.
    choices:
      - {id: go, text: Go to the machine, next: machine}
      - {id: leave, text: Leave, next: END}
  machine:
    text: The machine is locked.
    choices:
      - {id: fix, text: Fix it, if: quality > 500, show_locked: true, locked: Not yet., next: END}
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
""")
    report = explore_all(load_simulation(tmp_path / "broken.yaml"), players=50)
    dead = [p for p in report["problems"] if p["kind"] == "dead-end"]
    assert dead and dead[0]["scene"] == "machine"
    assert dead[0]["path"] == ["go"]
    assert failed(report)
    assert "dead end in scene 'machine'" in format_report(report)


def test_loop_without_exit_is_a_soft_lock(tmp_path):
    sim = load(tmp_path, """
scenes:
  hall:
    text: You are in the hall.
    choices:
      - {id: enter, text: Enter the maze, next: maze-a}
      - {id: leave, text: Leave, next: END}
  maze-a:
    text: A corridor.
    next: maze-b
  maze-b:
    text: Another corridor.
    next: maze-a
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
""")
    report = explore_all(sim, players=30)
    kinds = {p["kind"] for p in report["problems"]}
    assert "soft-lock" in kinds
    scenes = {p["scene"] for p in report["problems"] if p["kind"] == "soft-lock"}
    assert scenes & {"maze-a", "maze-b"}
    assert failed(report)


def test_clean_small_simulation_passes_and_reports_json(tmp_path, capsys):
    write(tmp_path, """
clock: {start: "09:00", limit: 30}
scenes:
  hall:
    text: You are in the hall.
    time: 5
    choices:
      - {id: careful, text: Work carefully, time: 10, effects: [quality += 20], next: check}
      - {id: rush, text: Rush, effects: [quality -= 20], next: END}
  check:
    text: Check the part.
    activity:
      kind: numeric
      prompt: How many millimetres?
      answer: 12
      tolerance: 0.5
      close_pct: 20
      effects: {correct: [quality += 10], wrong: [quality -= 10]}
      next: END
endings:
  - {id: great, if: quality >= 80, title: Great, rating: 3, text: Great work.}
  - {id: learning, title: Learning, rating: 1, text: Keep going.}
""")
    assert main([str(tmp_path / "broken.yaml"), "--players", "40", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unreached_endings"] == [] and report["search"]["complete"]
    assert report["endings"]["great"]["minutes"] == [15, 15]
    assert report["play"]["minutes"] == [5, 15]
    assert report["play"]["steps"][0] == 1
    assert report["endings"]["great"]["variables"]["quality"] == [80, 80]


def test_representative_answers_cover_every_outcome_of_the_example():
    sim = load_simulation(ROOT / "simulations" / "examples" / "every-feature.yaml")
    kinds = set()
    for scene in sim.scenes:
        if scene.activity is None:
            continue
        answers, outcomes = representative_answers(scene.activity, keep_scores=False)
        kinds.add(scene.activity.kind)
        assert "correct" in outcomes and "wrong" in outcomes, scene.id
        assert answers[0][0].startswith("right"), scene.id
    assert kinds == {"order", "sequence", "numeric", "multi", "match", "hotspot", "allocate", "model"}


def test_chance_events_are_explored_with_several_seeds():
    sim = load_simulation(ROOT / "simulations" / "examples" / "every-feature.yaml")
    xp = Explorer(sim)
    assert xp.reads.random  # the press-jam event has a chance
    found = xp.search(range(3), max_depth=200, max_states=20000)
    assert "jam" in found["scenes"]


def test_kiosk_cut_is_explored_from_its_own_start():
    sim = load_simulation(ROOT / "simulations" / "examples" / "every-feature.yaml")
    report = explore_all(sim, players=30)
    kiosk = report["kiosk"]
    assert kiosk["start"] == sim.kiosk_start
    assert kiosk["play"]["real_minutes"]["median"] > 0
    assert kiosk["target_minutes"] == [3.0, 4.0]
    assert any(e["reached"] for e in kiosk["endings"].values())


def test_unloadable_file_exits_1(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("format: 1\nid: [oops\n", encoding="utf-8")
    assert main([str(p)]) == 1


def test_broken_simulation_in_source_form_is_rejected_by_loader_not_explorer():
    with pytest.raises(Exception):
        load_source(HEAD + "scenes: {}\nendings: []\n")


def test_targeted_search_finds_an_ending_random_players_miss(tmp_path):
    # ten choices in a row; only "careful" every time reaches 'perfect' (1 in 1,024)
    scenes = []
    for i in range(10):
        nxt = f"step{i + 1}" if i < 9 else "END"
        scenes.append(f"""
  step{i}:
    text: Step {i}.
    choices:
      - {{id: careful{i}, text: Be careful, effects: [quality += 5], next: {nxt}}}
      - {{id: quick{i}, text: Be quick, effects: [quality -= 1], next: {nxt}}}""")
    body = "scenes:\n  hall:\n    text: Start.\n    next: step0" + "".join(scenes) + """
endings:
  - {id: perfect, if: quality >= 100, title: Perfect, rating: 3, text: Every step was careful.}
  - {id: fine, title: Fine, rating: 1, text: Done.}
"""
    sim = load(tmp_path, body)
    report = explore_all(sim, players=0, max_states=50)
    assert not report["search"]["complete"]
    perfect = report["endings"]["perfect"]
    assert perfect["reached"] and perfect["by_targeted_search"]
    assert perfect["example"] == ["continue"] + [f"careful{i}" for i in range(10)]
    assert not failed(report)
    assert "one way there: continue → careful0" in format_report(report)


def test_kiosk_cut_outside_two_to_five_minutes_warns_without_failing(tmp_path):
    sim = load(tmp_path, """
kiosk: {start: quick}
scenes:
  hall:
    text: You are in the hall.
    next: END
  quick:
    text: A very short visit.
    next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
""")
    report = explore_all(sim, players=20)
    warnings = [p for p in report["kiosk"]["problems"] if p["kind"] == "kiosk-time"]
    assert warnings and warnings[0]["severity"] == "warning"
    assert report["kiosk"]["play"]["real_minutes"]["median"] < 2
    assert not failed(report)


def test_activity_score_read_by_an_expression_keeps_distinct_scores():
    sim = load_source(HEAD + """
scenes:
  hall:
    text: Put them in order.
    activity:
      kind: order
      prompt: Most urgent first.
      items: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}, {id: d, text: D}]
      answer: [a, b, c, d]
      next: END
endings:
  - {id: close, if: score("hall") >= 0.8, title: Close, rating: 2, text: Close.}
  - {id: other, title: Other, rating: 1, text: Other.}
""")
    xp = Explorer(sim)
    assert xp.reads.score_ids == ("hall",)
    answers, _ = representative_answers(sim.scene("hall").activity, keep_scores=True)
    fewer, _ = representative_answers(sim.scene("hall").activity, keep_scores=False)
    assert len(answers) > len(fewer)
    report = explore_all(sim, players=0)
    assert report["endings"]["close"]["by_search"] and report["endings"]["other"]["by_search"]


def test_an_unreached_ending_names_its_condition_the_closest_state_and_its_line(tmp_path, capsys):
    """Issue 14: an unreachable ending gets a reason and a line, not just "never reached"."""
    load(tmp_path, """
scenes:
  hall:
    text: You are in the hall.
    choices:
      - {id: careful, text: Work carefully, effects: [quality += 20], next: END}
      - {id: rush, text: Rush, effects: [quality -= 20], next: END}
endings:
  - {id: perfect, if: quality > 100, title: Perfect, rating: 3, text: Impossible.}
  - {id: learning, title: Learning, rating: 1, text: Keep going.}
""")
    assert main([str(tmp_path / "broken.yaml"), "--players", "20"]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "'perfect' was never reached" in x)
    # the ending's line in the file (HEAD's 14 lines, then scenes..., the first ending at line 22)
    text = (tmp_path / "broken.yaml").read_text().splitlines()
    at = next(i for i, x in enumerate(text, 1) if "id: perfect" in x)
    assert line.strip().startswith(f"{tmp_path / 'broken.yaml'}:{at}:")
    assert "`quality > 100` never held" in line and "quality 70" in line, line


def test_a_play_past_the_clock_limit_is_a_warning_at_the_clock_line(tmp_path, capsys):
    """Issue 14: `clock.limit` is checked: an ending reached after the shift ends is reported."""
    load(tmp_path, """
clock: {start: "08:00", limit: 60, show: true}
scenes:
  hall:
    text: You are in the hall.
    choices:
      - {id: quick, text: Quick look, time: 30, next: END}
      - {id: slow, text: Full check, time: 90, next: END}
endings:
  - {id: done, title: Done, rating: 2, text: Done.}
""")
    assert main([str(tmp_path / "broken.yaml"), "--players", "20"]) == 0  # a warning, not a failure
    out = capsys.readouterr().out
    text = (tmp_path / "broken.yaml").read_text().splitlines()
    at = next(i for i, x in enumerate(text, 1) if x.startswith("clock:"))
    assert f"broken.yaml:{at}:1: warning: ending 'done' is reached at up to 90 min, past the clock's " \
           "limit of 60 min" in out


def test_problems_in_a_scene_carry_the_scene_line(tmp_path, capsys):
    load(tmp_path, """
scenes:
  hall:
    text: You are in the hall.
    choices:
      - {id: wait, text: Wait, next: hall}
endings:
  - {id: done, title: Done, rating: 2, text: Done.}
""")
    assert main([str(tmp_path / "broken.yaml"), "--players", "5"]) == 1
    out = capsys.readouterr().out
    text = (tmp_path / "broken.yaml").read_text().splitlines()
    at = next(i for i, x in enumerate(text, 1) if x.strip() == "hall:")
    assert f"broken.yaml:{at}:3: error: soft-lock in scene 'hall'" in out, out



def test_a_value_a_model_sets_is_tried_even_when_its_grade_is_shared(tmp_path):
    # The story turns on the chip load the student sets (an event from 0.003), not on the
    # grade: wrong answers at 0.001 and at 0.004 share an outcome, so trying one answer
    # per outcome (and the first inputs' ends) never sets 0.004 and 'snap' looks unreachable.
    sim = load(tmp_path, """
  chip_load: {type: number, start: 0.001, min: 0, max: 1}
  running: {type: bool, start: false}
scenes:
  hall:
    text: Set the feed.
    activity:
      kind: model
      prompt: Pick a chip load.
      inputs:
        - {id: sfm, label: Speed, min: 400, max: 1200, step: 100, start: 500}
        - {id: flutes, label: Flutes, min: 2, max: 6, step: 1, start: 2}
        - {id: width, label: Width, min: 1, max: 5, step: 1, start: 1}
        - {id: chip, label: Chip load, min: 0.001, max: 0.007, step: 0.0005, start: 0.001}
      outputs:
        - {id: feed, label: Feed, value: "sfm * flutes * chip"}
      goal:
        text: The chart's speed and a chip load from 0.002 to 0.0025.
        met: "sfm == 800 and chip >= 0.002 and chip <= 0.0025"
      sets: {chip_load: chip}
    next: run
  run:
    effects: [running = true]
    text: The mill runs.
    next: END
  snap:
    text: The tool snaps.
    next: END
events:
  - {id: break, when: running and chip_load >= 0.003 and chip_load <= 0.0045, goto: snap}
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
""")
    answers, _ = representative_answers(sim.scene("hall").activity, keep_scores=False)
    chips = {a["chip"] for _label, a in answers}
    assert any(0.003 <= c <= 0.0045 for c in chips), chips
    report = explore_all(sim, players=0)
    assert "snap" not in report["scenes"]["unreached"]
    assert not [p for p in report["problems"] if p["severity"] == "warning"]


def test_a_random_players_chance_of_a_grade_does_not_grow_with_the_answers_listed():
    """Answers listed for coverage (one per value a model sets) must not make a random player
    likelier to give a wrong answer: answers with one grade count as one option, so the
    play-time estimate follows the play, not the listing."""
    import random

    from engine.explore import _random_pick
    acts = [("ask", {"type": "choose", "choice": "ask"})]
    acts += [(f"mix {i} (wrong)", {"type": "answer", "answer": i}) for i in range(10)]
    acts += [("right (right)", {"type": "answer", "answer": 99})]
    pick = random.Random(1)
    picks = [_random_pick(acts, pick)[0] for _ in range(3000)]
    shares = {k: sum(1 for p in picks if p == k or (k == "wrong" and p.endswith("(wrong)")))
              / len(picks) for k in ("ask", "right (right)", "wrong")}
    assert all(0.29 < v < 0.38 for v in shares.values()), shares  # a third each, not 1/12
    assert len({p for p in picks if p.endswith("(wrong)")}) == 10  # every listed answer is played
