"""What issue 3 asks of every flagship simulation, checked across all of them."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine import load_simulation
from engine.stats import stats

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIPS = sorted(p for field in ("healthcare", "engineering", "manufacturing")
                   for p in (ROOT / "simulations" / field).glob("*.yaml"))


def test_there_is_a_flagship_in_each_field():
    assert {p.parent.name for p in FLAGSHIPS} == {"healthcare", "engineering", "manufacturing"}


@pytest.fixture(scope="module", params=FLAGSHIPS, ids=lambda p: p.stem)
def flagship(request):
    sim = load_simulation(request.param)
    return sim, stats(sim, players=200)


def test_shape(flagship):
    sim, _ = flagship
    kinds = {s.activity.kind for s in sim.scenes if s.activity}
    assert len(kinds) >= 4, kinds
    assert len({e.rating for e in sim.endings}) >= 3
    assert any(e.chance is not None for e in sim.events), "a random event"
    assert any(v.show == "meter" for v in sim.variables)
    assert sim.kiosk_start and set(sim.languages) >= {"en", "es"}
    for e in sim.endings:
        assert e.reflection and 2 <= len(e.reflection) <= 3, e.id
        assert e.went_well or e.try_next, e.id


def test_ten_to_fifteen_minutes_in_each_language(flagship):
    sim, st = flagship
    assert 10 <= sim.minutes <= 15
    for lang, d in st["languages"].items():
        assert d["minutes"]["median"] <= sim.minutes + 0.25, (lang, d["minutes"])


def test_reading_level(flagship):
    """Prose a middle-schooler reads comfortably: never above grade 8 overall, nothing
    far above it, and not the choppy grade-2 text we started from."""
    _sim, st = flagship
    en, es = st["languages"]["en"], st["languages"]["es"]
    assert 4.5 <= en["grade"] <= 8.5, en["grade"]
    assert 5.5 <= es["prose"]["fernandez_huerta_grade"] <= 8.5
    assert en["missing_texts"] == 0 and es["missing_texts"] == 0


def test_one_number_convention_per_language(flagship):
    """English writes 2.75; Spanish writes 2,75, as the engine prints {fos} (review 3.5).
    A number a student types back is printed without a thousands separator, so typing it as
    printed is never marked wrong ("6112", not "6,112")."""
    import re

    from engine.stats import student_texts
    sim, _ = flagship
    # G-code words (F36.7) and rule numbers (OSHA 1910.147) keep their own spelling
    allowed = {"F36.7", "1910.147"}
    for where, t in student_texts(sim):
        es = dict(t.by_lang).get("es", "")
        for m in re.finditer(r"[A-Z]?\d+\.\d+", es):
            assert m.group(0) in allowed, (where, es)
    for s in sim.scenes:
        a = s.activity
        if a is None or a.kind != "numeric" or abs(a.answer) < 1000:
            continue
        shown = f"{a.answer:,.0f}"
        for where, t in student_texts(sim):
            for lang, text in t.by_lang:
                assert shown not in text, (s.id, where, lang)


def test_unsafe_shortcuts_credit_no_skill_and_no_interest_type(flagship):
    """Review 3.2: skipping a safety or quality step is not 'time management', and a
    reckless or corner-cutting choice is not a sign of an Enterprising or Conventional
    interest. A choice that costs 5 or more safety points tallies nothing."""
    import re
    sim, _ = flagship
    tagged = []
    for s in sim.scenes:
        for c in s.choices:
            m = re.search(r"safety\s*-=\s*(\d+)", " ".join(e.source for e in c.effects))
            if m and int(m.group(1)) >= 5 and (c.skills or c.riasec):
                tagged.append((s.id, c.id))
    assert tagged == []
    # and the ones the review named, in each flagship, are untagged
    # (ER 1.7.0 folded the label check and telling the patient into the medication-pass
    # sequence, so 'skip-label' and 'just-give' are no longer choices)
    named = {"er-nurse-shift": ["skip-huddle", "brush-off", "skip-break",
                                "wait-recheck", "send-out", "kiosk-wait"],
             "footbridge-design": ["steep-8", "keep-steep", "skip-check", "build-anyway", "insist",
                                   "brush-off", "stay-office", "keep-lifting", "kiosk-rush"],
             "cnc-first-run": ["skip-fai", "just-leave", "reach-in", "keep-running",
                               "k-nogear", "k-keep"],
             "weld-test-day": ["big-fan", "hold-breath", "go-faster", "finish-bead", "quick-look",
                               "go-now", "k-fleece"],
             "solar-shelter": ["whole-bill", "design-first", "send-now", "open-now", "wait-dark",
                               "show-average", "full-report", "k-rush", "k-comfort"],
             "breathing-shift": ["be-brave", "only-dad", "wait-low", "more-better", "turn-off",
                                 "all-fine", "k-room"]}[sim.id]
    choices = {c.id: c for s in sim.scenes for c in s.choices}
    for cid in named:
        assert not choices[cid].skills and not choices[cid].riasec, cid


def test_each_flagship_judges_its_work_and_asks_what_the_student_enjoyed(flagship):
    """Issue 13: the meters that say how well the work goes judge it, so a skill is credited
    only where it was used well; no skill or RIASEC tag sits on a choice that harms the work;
    the ending asks about 3-5 pieces of the work, of at least 3 kinds."""
    from engine.tagging import harmful_effects
    sim, _ = flagship
    variables = {v.id: v for v in sim.variables}
    assert any(v.judges for v in sim.variables)
    assert [(s.id, c.id) for s in sim.scenes for c in s.choices
            if (c.skills or c.riasec) and harmful_effects(c, variables)] == []
    assert 3 <= len(sim.enjoy) <= 5 and len({e.area for e in sim.enjoy}) >= 3
    assert all(e.text.get("es") != e.text.get("en") for e in sim.enjoy)  # written in Spanish too


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_play_runs_past_the_clock_limit(flagship, lang):
    """`clock.limit` is the shift the story describes: the longest play the explorer finds
    (search and random players) must end inside it, in each language (issue 12)."""
    from engine.explore import explore_all
    sim, _ = flagship
    if not sim.clock or not sim.clock.limit:
        return
    report = explore_all(sim, players=200, lang=lang)
    longest = report["play"]["minutes"][1]
    assert longest <= sim.clock.limit, (sim.id, lang, longest)
    assert not [p for p in report["problems"] if p["kind"] == "clock-limit"]
