"""Honest evidence (issue 13): a skill is credited only where it was used well, RIASEC
areas count the kind of work done and how often each was on offer, the ending asks what the
student enjoyed, and lint reports tags on choices that harm the work."""
from __future__ import annotations

import pytest

from engine import Session
from engine.cli import main as cli_main

SIM = """
start: pick
variables:
  safety: {type: int, start: 50, min: 0, max: 100, show: meter, label: Safety, judges: true}
  errors: {type: int, start: 0, min: 0, max: 10, show: counter, label: Errors, good: low, judges: true}
  energy: {type: int, start: 50, min: 0, max: 100, show: meter, label: Energy}
  asked: {type: bool, start: false}
scenes:
  pick:
    text: Pick one.
    choices:
      - {id: careful, text: Careful, effects: [safety += 5, energy -= 10], skills: [responsibility], riasec: C, next: calc}
      - {id: rush, text: Rush, effects: [safety -= 5], skills: [time-management], riasec: E, next: calc}
      - {id: sloppy, text: Sloppy, effects: [errors += 1], skills: [decision-making], next: calc}
      - {id: help, text: Help, skills: [teamwork], riasec: S, next: calc}
      - {id: hidden, text: Hidden, if: asked, skills: [communication], riasec: A, next: calc}
  calc:
    text: Work it out.
    activity:
      kind: numeric
      prompt: What is 2 + 2?
      answer: 4
      close_pct: 25
      skills: [applied-math]
      riasec: I
      next: END
enjoy:
  - {id: careful-work, area: C, text: {en: Work carefully, es: Trabajar con cuidado}}
  - {id: math, area: I, text: {en: Do the math, es: Hacer las cuentas}}
  - {id: people, area: S, text: {en: Help a teammate, es: Ayudar a un compañero}}
languages: [en, es]
endings:
  - {id: done, title: {en: Done, es: Listo}, rating: 1, text: {en: Done., es: Listo.}}
"""


@pytest.fixture
def sim(sim_from):
    return sim_from(SIM)


def play(new_session, sim, choice, answer, **kw):
    s = new_session(sim, **kw)
    s.choose(choice)
    s.answer(answer)
    s.continue_()
    assert s.ended
    return s


def test_a_good_choice_and_a_right_answer_are_credited_with_their_evidence(sim, new_session):
    r = play(new_session, sim, "careful", 4).result()
    assert r["evidence"] == [{"skill": "responsibility", "scene": "pick", "how": "good"},
                             {"skill": "applied-math", "scene": "calc", "how": "right"}]
    assert r["skills"] == {"responsibility": 1, "applied-math": 1}
    # a cost that does not judge (energy) does not make a choice poor


def test_a_harmful_choice_and_a_wrong_answer_credit_no_skill(sim, new_session):
    r = play(new_session, sim, "rush", 9).result()
    assert r["evidence"] == [] and r["skills"] == {}
    # the kind of work is still counted: the tag is the author's mistake, which lint reports
    assert r["riasec"] == {"E": 1, "I": 1}


def test_a_variable_where_low_is_good_judges_the_other_way(sim, new_session):
    r = play(new_session, sim, "sloppy", 4).result()
    assert r["skills"] == {"applied-math": 1} and "decision-making" not in r["skills"]


def test_a_partly_right_answer_is_partly_credited(sim, new_session):
    r = play(new_session, sim, "help", 5).result()  # within `close` of 4: partial
    assert r["evidence"] == [{"skill": "teamwork", "scene": "pick", "how": "good"},
                             {"skill": "applied-math", "scene": "calc", "how": "partly"}]


def test_a_harm_is_judged_before_the_value_is_clamped(sim_from):
    sim = sim_from(SIM.replace("safety: {type: int, start: 50", "safety: {type: int, start: 0"))
    s = Session(sim)
    s.choose("rush")  # safety stays 0, but the choice still moved it the wrong way
    assert s.state["vars"]["safety"] == 0 and s.state["evidence"] == []


def test_chances_count_each_area_on_offer_once_and_hidden_choices_not_at_all(sim, new_session):
    r = play(new_session, sim, "help", 4).result()
    assert r["chances"] == {"C": 1, "E": 1, "S": 1, "I": 1}  # A's choice was hidden
    assert r["riasec"] == {"S": 1, "I": 1}
    did = {a: r["riasec"].get(a, 0) / n for a, n in r["chances"].items()}
    assert did == {"C": 0.0, "E": 0.0, "S": 1.0, "I": 1.0}


def test_the_ending_shows_only_skills_used_well(sim, new_session):
    s = play(new_session, sim, "rush", 4)
    skills = s.view()["ending"]["skills"]
    assert [(k["id"], k["count"]) for k in skills] == [("applied-math", 1)]


def test_a_roll_in_a_choice_condition_spends_no_dice_when_chances_are_counted(sim_from):
    sim = sim_from(SIM.replace("if: asked", 'if: "roll(1, 6) > 3"'))
    a, b = Session(sim, seed=7), Session(sim, seed=7)
    a.choose("help")
    assert a.state["rng"] == b.state["rng"]


def test_a_saves_check_leaves_out_the_new_keys_so_older_saves_keep_theirs(sim):
    import hashlib
    import json
    s = Session(sim)
    s.choose("careful")
    older = {k: v for k, v in s.state.items() if k not in ("evidence", "chances")}
    body = json.dumps(older, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    assert json.loads(s.save())["digest"] == hashlib.sha256(body.encode()).hexdigest()[:16]
    assert Session.restore(sim, s.save()).state == s.state


# ---- what the student enjoyed ---------------------------------------------------------------

def test_the_ending_lists_the_enjoy_statements_in_the_language(sim):
    s = Session(sim, lang="es")
    s.choose("help")
    s.answer(4)
    s.continue_()
    assert s.view()["ending"]["enjoy"] == [
        {"id": "careful-work", "area": "C", "text": "Trabajar con cuidado"},
        {"id": "math", "area": "I", "text": "Hacer las cuentas"},
        {"id": "people", "area": "S", "text": "Ayudar a un compañero"}]


def test_a_simulation_without_enjoy_statements_asks_nothing(sim_from):
    sim = sim_from("""
        start: a
        scenes:
          a: {text: Hi., next: END}
        endings:
          - {id: done, title: Done, rating: 1, text: Done.}
        """)
    s = Session(sim)
    s.continue_()
    assert s.view()["ending"]["enjoy"] == []


ENJOY = """
start: a
scenes:
  a: {text: Hi., next: END}
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
enjoy:
"""


@pytest.mark.parametrize("items,message", [
    (["{id: a, area: R, text: Fix}", "{id: b, area: I, text: Think}"], "'enjoy' has 2 statement(s); give 3 to 5"),
    ([f"{{id: s{i}, area: R, text: Fix}}" for i in range(6)], "'enjoy' has 6 statement(s); give 3 to 5"),
    (["{id: a, area: R, text: Fix}", "{id: a, area: I, text: Think}", "{id: c, area: S, text: Help}"],
     "id 'a' is used twice in the simulation"),
    (["{id: a, area: X, text: Fix}", "{id: b, area: I, text: Think}", "{id: c, area: S, text: Help}"],
     "area 'X' is not known"),
    (["{id: a, area: R}", "{id: b, area: I, text: Think}", "{id: c, area: S, text: Help}"],
     "enjoy 1 of the simulation is missing 'text'"),
    (["{id: a, area: R, text: Fix, stars: 3}", "{id: b, area: I, text: Think}", "{id: c, area: S, text: Help}"],
     "unknown key 'stars' in enjoy 1 of the simulation"),
])
def test_enjoy_statement_mistakes_are_errors_with_a_place(problems_from, items, message):
    text = ENJOY + "".join(f"  - {i}\n" for i in items)
    errors = [d for d in problems_from(text) if d.severity == "error"]
    assert any(d.message == message for d in errors), [d.message for d in errors]
    assert all(d.line > 0 for d in errors)


# ---- lint: tags describe the kind of work, never a poor decision --------------------------------

def _warnings(problems):
    return [d for d in problems if d.severity == "warning"]


def test_lint_reports_tags_on_a_choice_that_harms_the_work_where_they_are_written(problems_from):
    found = [d for d in _warnings(problems_from(SIM)) if "harms the work" in d.message]
    lines = SIM.strip("\n").splitlines()
    rush = next(i for i, line in enumerate(lines, 1) if "id: rush" in line)
    sloppy = next(i for i, line in enumerate(lines, 1) if "id: sloppy" in line)
    about = {(d.line, d.col, d.message.split(" but ")[1]) for d in found}
    assert (rush, lines[rush - 1].index("riasec") + 1, "has RIASEC area 'E'") in about
    assert (rush, lines[rush - 1].index("skills") + 1, "lists skills (time-management)") in about
    assert (sloppy, lines[sloppy - 1].index("skills") + 1, "lists skills (decision-making)") in about
    assert len(found) == 3  # nothing on the careful choice, the helpful one, or the activity
    assert all(d.hint for d in found)
    assert "never that it was a poor decision" in next(d.hint for d in found if "RIASEC" in d.message)


@pytest.mark.parametrize("effect,harms", [
    ("safety -= 5", True), ("safety += -2", True), ("safety -= 2 * 3", True), ("safety *= 0.5", True),
    ("safety += 5", False), ("safety -= 0", False), ("safety = 10", False), ("safety -= energy", False),
    ("energy -= 50", False), ("errors += 1", True), ("errors -= 1", False),
])
def test_which_effects_surely_harm_the_work(problems_from, effect, harms):
    text = SIM.replace("effects: [safety += 5, energy -= 10]", f"effects: ['{effect}']")
    careful = [d for d in _warnings(problems_from(text)) if "choice 'careful' of scene 'pick' harms" in d.message]
    assert bool(careful) == harms, [d.message for d in careful]


def test_lint_warns_when_choices_list_skills_but_nothing_judges(problems_from):
    text = SIM.replace(", judges: true", "")
    found = [d for d in _warnings(problems_from(text)) if "judges: true" in d.message]
    assert len(found) == 1 and "every choice's skills are credited" in found[0].message


CLEAN = """
start: pick
variables:
  safety: {type: int, start: 50, min: 0, max: 100, show: meter, label: Safety, judges: true}
scenes:
  pick:
    text: Pick one.
    choices:
      - {id: careful, text: Careful, effects: [safety += 5], skills: [responsibility], riasec: C, next: END}
      - {id: rush, text: Rush, effects: [safety -= 5], TAGS next: END}
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


def test_lint_strict_fails_on_a_dishonest_tag_and_passes_once_it_is_gone(tmp_path, capsys):
    from conftest import _inline_text
    bad = tmp_path / "bad.yaml"
    text = _inline_text(CLEAN.replace("TAGS", "riasec: E,"))
    bad.write_text(text, encoding="utf-8")
    assert cli_main(["lint", str(bad)]) == 0  # a warning
    assert cli_main(["lint", "--strict", str(bad)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "id: rush" in t)
    col = text.splitlines()[line - 1].index("riasec") + 1
    assert f"bad.yaml:{line}:{col}: warning: choice 'rush' of scene 'pick' harms the work ('safety -= 5') " \
           "but has RIASEC area 'E'" in out
    assert "hint: a RIASEC area says what kind of work a choice is" in out
    good = tmp_path / "good.yaml"
    good.write_text(_inline_text(CLEAN.replace("TAGS", "")), encoding="utf-8")
    assert cli_main(["lint", "--strict", str(good)]) == 0


def test_the_shipped_simulations_lint_clean_even_strict(capsys):
    assert cli_main(["lint", "--strict", "simulations"]) == 0
