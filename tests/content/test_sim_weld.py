"""The welder simulation (simulations/manufacturing/weld-test-day.yaml).

Lint is clean; the heat input the student computes and the live model's numbers are
recomputed here from the formula and the maker's chart the file cites (not copied from the
YAML); scripted plays reach every ending in both languages, the kiosk cut reaches its three,
and the random bay-door event is decided by the seed.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import simplay
from engine import Session, check_file, load_simulation
from simplay import act_of, en

ROOT = Path(__file__).resolve().parents[2]
SIM_PATH = ROOT / "simulations" / "manufacturing" / "weld-test-day.yaml"
CONTENT = ROOT / "content"

# The maker's chart the procedure sheet copies (source 'otc-chart': MAG short arc, mild steel,
# 1/8 in plate): 120 to 140 A, 17 to 19 V, 10 to 12 in/min.
AMPS, VOLTS, SPEED = (120, 140), (17, 19), (10, 12)


def heat_input(volts, amps, speed):
    """J/in, the formula the file cites ('heat-input'): 60 × A × V ÷ travel speed (in/min)."""
    return volts * amps * 60 / speed


@pytest.fixture(scope="module")
def sim():
    return load_simulation(SIM_PATH)


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


# ---------------------------------------------------------------- lint and sources
def test_lint_has_no_errors_and_no_warnings():
    sim, diags, text = check_file(SIM_PATH)
    assert sim is not None
    assert [d.format(text) for d in diags] == []


def test_every_activity_cites_a_source_the_file_lists(sim):
    ids = {s.id for s in sim.sources}
    for scene in sim.scenes:
        if scene.activity is not None:
            assert scene.activity.source and set(scene.activity.source) <= ids, scene.id
    for s in sim.sources:
        assert s.url.startswith(("https://", "http://")), s.id


# ---------------------------------------------------------------- the facts
def test_heat_input_answer_follows_from_the_numbers_in_the_scene(sim):
    text = en(sim.scene("heat-calc").text)
    assert "18 volts" in text and "130 amps" in text and "12 inches a minute" in text
    v, a, sixty, ts = numbers(en(act_of(sim, "heat-calc").prompt))[:4]
    assert (v, a, sixty, ts) == (18, 130, 60, 12)
    act = act_of(sim, "heat-calc")
    assert act.answer == pytest.approx(heat_input(v, a, ts)) == 11700
    # the explanation's steps, and the same value in kJ/in in both languages
    explain = en(act.explain)
    assert f"{v:.0f} × {a:.0f} = {v * a:.0f}" in explain
    assert f"{v * a:.0f} × 60 = {v * a * 60:.0f}" in explain
    assert "11.7 kJ/in" in explain and "11,7 kJ/pulg" in act.explain.get("es")
    # the sheet's settings sit inside the maker's chart
    assert VOLTS[0] <= v <= VOLTS[1] and AMPS[0] <= a <= AMPS[1] and SPEED[0] <= ts <= SPEED[1]


def test_heat_input_diagnoses_are_the_named_slips(sim):
    act = act_of(sim, "heat-calc")
    slips = {answer for answer, _says in act.diagnoses}
    assert slips == {18 * 130 / 12, 18 * 130 * 60, 11.7}  # no × 60, no ÷ speed, kJ not J


def test_procedure_ranges_in_the_text_match_the_chart(sim):
    for scene_id in ("set-up", "kiosk-model"):
        text = en(sim.scene(scene_id).text)
        assert f"{VOLTS[0]} to {VOLTS[1]} volts" in text
        assert f"{AMPS[0]} to {AMPS[1]} amps" in text
        assert f"{SPEED[0]} to {SPEED[1]} inches a minute" in text


def test_model_heat_input_is_recomputed_from_the_formula(sim):
    s = Session(sim, seed=1, start="set-up")
    for volts, amps, speed in [(18, 130, 12), (16, 100, 16), (19, 140, 10), (22, 170, 6)]:
        live = s.preview({"volts": volts, "amps": amps, "speed": speed})
        out = {o["id"]: o["value"] for o in live["outputs"]}
        assert out["heat"] == pytest.approx(heat_input(volts, amps, speed) / 1000, rel=1e-6)
        assert out["heat_mm"] == pytest.approx(out["heat"] / 25.4, abs=1e-5)  # 25.4 mm in an inch


def test_the_sheets_heat_input_range_is_its_corners(sim):
    lo = heat_input(VOLTS[0], AMPS[0], SPEED[1]) / 1000
    hi = heat_input(VOLTS[1], AMPS[1], SPEED[0]) / 1000
    assert round(lo, 1) == 10.2 and round(hi, 1) == 16.0
    assert "10.2 to 16.0 kJ/in" in en(act_of(sim, "set-up").explain)
    # Aiko's faster plan keeps the heat input inside, but its speed is off the sheet
    text = en(sim.scene("speed-choice").text)
    assert "18 × 140 × 60 ÷ 14 = 10800" in text
    assert lo * 1000 <= heat_input(18, 140, 14) <= hi * 1000 and 14 > SPEED[1]


def test_model_goal_grades_every_setting_against_the_sheet(sim):
    s = Session(sim, seed=1, start="set-up")
    cases = {(18, 130, 12): "met", (17, 120, 10): "met", (19, 140, 12): "met",
             (18, 140, 14): "partly",   # Aiko's plan: heat in range, speed off the sheet
             (20, 120, 12): "partly",   # heat 12.0 kJ/in, but the voltage is off the sheet
             (16, 100, 16): "not_met",  # the machine's start: 6.0 kJ/in
             (22, 170, 6): "not_met"}
    for (v, a, ts), want in cases.items():
        assert s.preview({"volts": v, "amps": a, "speed": ts})["goal"]["state"] == want, (v, a, ts)


def test_bead_drawing_responds_to_the_settings(sim):
    s = Session(sim, seed=1, start="set-up")

    def shapes(v, a, ts):
        live = s.preview({"volts": v, "amps": a, "speed": ts})
        return next(d for d in live["displays"] if d["type"] == "scene")["shapes"]

    def bead_r(sh):
        return next(x for x in sh if x["shape"] == "circle" and x["fill"] in ("#c8ced4", "#8a6a52"))["r"]

    def undercut(sh):
        return sum(x.get("h", 0) for x in sh if x["shape"] == "rect" and x["fill"] == "#3b2a26")

    def cold_edges(sh):
        return sum(x.get("h", 0) for x in sh if x["shape"] == "rect" and x["fill"] == "#20252a")

    def spatter(sh):
        return sum(x["r"] for x in sh if x["shape"] == "circle" and x["fill"] == "#59616a")

    good, fast, cold, hot_volts, slow = (shapes(18, 130, 12), shapes(18, 130, 16), shapes(16, 100, 16),
                                         shapes(21, 130, 12), shapes(18, 130, 7))
    assert bead_r(slow) > bead_r(good) > bead_r(fast) > bead_r(cold)  # wider with more heat
    assert undercut(good) == 0 and undercut(fast) > 0 and undercut(hot_volts) > 0
    assert cold_edges(good) == 0 and cold_edges(cold) > 0
    assert spatter(good) == 0 and spatter(hot_volts) > 0
    # ripples closer together when the hand moves slower
    ripples = [x["x"] for x in slow if x["shape"] == "circle" and x["fill"] in ("#c8ced4", "#8a6a52")]
    ripples_fast = [x["x"] for x in fast if x["shape"] == "circle" and x["fill"] in ("#c8ced4", "#8a6a52")]
    assert ripples[1] - ripples[0] < ripples_fast[1] - ripples_fast[0]
    # and the drawing says what it shows, in words
    alt = next(d for d in s.preview({"volts": 18, "amps": 130, "speed": 12})["displays"] if d["type"] == "scene")["alt"]
    assert "11.7 kJ" in alt


@pytest.mark.parametrize("setting, says", [
    ({"volts": 18, "amps": 130, "speed": 16}, "faster than 12 in/min"),
    ({"volts": 18, "amps": 130, "speed": 8}, "slower than 10 in/min"),
    ({"volts": 20, "amps": 130, "speed": 12}, "above the sheet's 19 V"),
    ({"volts": 16, "amps": 130, "speed": 12}, "below 17 V"),
    ({"volts": 18, "amps": 110, "speed": 12}, "below 120 A"),
    ({"volts": 18, "amps": 150, "speed": 12}, "above 140 A"),
])
def test_model_diagnoses_name_the_knob_that_is_off(sim, setting, says):
    s = Session(sim, seed=1, start="set-up")
    s.answer(setting)
    v = s.view()
    assert v["phase"] == "activity"  # a second try, with the hint and what went wrong
    retry = v["activity"]["retry"]
    assert says in retry["diagnosis"], retry
    assert "17 to 19 V" in retry["hint"]


def test_shade_number_follows_the_osha_table(sim):
    # 1910.133(a)(5): gas metal arc welding, 60-160 A: minimum shade 10; our arc runs near 130 A
    act = act_of(sim, "ppe")
    assert "130 amps" in en(act.prompt)
    helmet = next(o for o in act.items if o.id == "helmet")
    assert "shade 10" in en(helmet.text) and helmet.correct
    assert "60 to 160 amps" in en(helmet.why)
    assert {o.id for o in act.items if o.correct} == {"helmet", "glasses", "gloves", "jacket"}


def test_pre_weld_checks_clear_the_area_before_the_grinder_sparks(sim):
    order = list(act_of(sim, "prep").answer)
    assert order[0] == "read" and order[-1] == "warn"
    assert order.index("clear") < order.index("grind") < order.index("clamp")
    clear = next(i for i in act_of(sim, "prep").items if i.id == "clear")
    assert "35 feet" in en(clear.text)  # the fire-watch distance of 1910.252(a)


def test_inspection_spots_sit_on_the_flaws_in_the_picture(sim):
    act = act_of(sim, "inspect")
    root = ET.parse(CONTENT / act.image).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("viewBox") == f"0 0 {act.width} {act.height}"
    spots = {s.id: s for s in act.items}
    assert {s.id for s in act.items if s.correct} == {"pores", "groove", "balls"}

    def inside(spot, x, y):
        return spot.x <= x <= spot.x + spot.w and spot.y <= y <= spot.y + spot.h

    dark_holes = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(ns + "circle")
                  if c.get("fill") == "#1e2226"]
    balls = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(ns + "circle")
             if c.get("fill") == "#59616a"]
    assert dark_holes and all(inside(spots["pores"], x, y) for x, y in dark_holes)
    assert balls and all(inside(spots["balls"], x, y) for x, y in balls)
    groove = next(r for r in root.iter(ns + "rect") if r.get("fill") == "#3b2a26")
    gx, gy = float(groove.get("x")) + float(groove.get("width")) / 2, float(groove.get("y"))
    assert inside(spots["groove"], gx, gy)
    # the kiosk cut shows the same plate with the same right spots
    kiosk = act_of(sim, "kiosk-inspect")
    assert kiosk.image == act.image and {s.id for s in kiosk.items if s.correct} == {"pores", "groove", "balls"}


# ---------------------------------------------------------------- scripted play
GOOD_MODEL = {"volts": 18, "amps": 130, "speed": 12}
CORRECT = {
    "ppe": ["helmet", "glasses", "gloves", "jacket"],
    "prep": ["read", "clear", "grind", "clamp", "gas", "warn"],
    "heat-calc": 11700,
    "set-up": GOOD_MODEL,
    "inspect": ["pores", "groove", "balls"],
    "causes": {"m-pores": "m-pores", "m-undercut": "m-undercut", "m-spatter": "m-spatter", "m-cold": "m-cold"},
    "kiosk-model": GOOD_MODEL,
    "kiosk-inspect": ["pores", "groove", "balls"],
}
CHOICES = {"fume": "fume-arm", "speed-choice": "stay-sheet", "door-draft": "stop-screen",
           "fire-watch": "watch-30", "kiosk-start": "k-gear"}


def play(sim, seed=1, start=None, max_steps=80, lang="en", **plan):
    """simplay.play with this file's right answers and good choices, changed by `plan`."""
    return simplay.play_plan(sim, CORRECT, CHOICES, plan, seed=seed, start=start, lang=lang, max_steps=max_steps)


def ending(s):
    return s.view()["ending"]["id"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_best_day_qualifies_the_procedure(sim, lang):
    s, seen = play(sim, lang=lang)
    assert ending(s) == "qualified" and s.view()["ending"]["rating"] == 3
    assert "plate-good" in seen
    assert s.state["vars"]["weld_heat"] == pytest.approx(11.7)
    assert len(s.view()["ending"]["debrief"]["went_well"]) >= 2


def test_testing_the_faster_speed_shows_undercut_and_still_qualifies(sim):
    s, seen = play(sim, speed_choice="test-faster")
    assert "fast-test" in seen and ending(s) == "qualified"


def test_using_an_untested_speed_does_not_count(sim):
    s, seen = play(sim, speed_choice="go-faster")
    assert "plate-off" in seen
    assert ending(s) == "passed-with-notes" and s.view()["ending"]["rating"] == 2


def test_the_fan_blows_the_gas_away_and_the_plate_fails(sim):
    s, seen = play(sim, fume="big-fan")
    assert s.state["vars"]["porosity"] is True and "plate-pores" in seen
    assert "door-draft" not in seen  # the fan's draft is certain, not a roll of the dice
    assert ending(s) in ("passed-with-notes", "retest")
    assert ending(s) != "qualified"


def test_many_mistakes_give_a_retest(sim):
    s, _seen = play(sim, fume="big-fan", heat_calc=195,
                    set_up={"volts": 16, "amps": 100, "speed": 16}, inspect=["start"])
    assert ending(s) == "retest" and s.view()["ending"]["rating"] == 1


def test_unsafe_choices_end_in_safety_first(sim):
    s, _seen = play(sim, ppe=["fleece", "rolled"], fume="hold-breath", fire_watch="go-now")
    assert s.state["outcomes"]["ppe"] == "wrong"
    assert ending(s) == "safety-first" and s.view()["ending"]["rating"] == 1


def test_bay_door_event_is_random_and_seeded(sim):
    hit, missed = [], []
    for seed in range(30):
        s, seen = play(sim, seed=seed, door_draft="finish-bead")
        (hit if "door-draft" in seen else missed).append(seed)
        if "door-draft" in seen:
            after = next(x for x in seen[seen.index("door-draft"):] if x != "door-draft")
            assert after == "test-weld"  # BACK to the weld the event interrupted
            assert s.state["vars"]["porosity"] is True and ending(s) != "qualified"
        else:
            assert ending(s) == "qualified"
    assert hit and missed
    a, seen_a = play(sim, seed=hit[0])
    b, seen_b = play(sim, seed=hit[0])
    assert seen_a == seen_b and a.state["vars"] == b.state["vars"]
    # stopping to block the wind keeps the plate sound
    assert ending(a) == "qualified" and "door-draft" in seen_a


def test_kiosk_cut_reaches_each_kiosk_ending(sim):
    assert sim.kiosk_start == "kiosk-start"
    cases = [({}, "kiosk-great"),
             ({"kiosk_inspect": ["start"]}, "kiosk-good"),
             ({"kiosk_start": "k-fleece"}, "kiosk-learning")]
    for plan, want in cases:
        s, seen = play(sim, start=sim.kiosk_start, max_steps=12, **plan)
        assert ending(s) == want, plan
        assert set(seen) <= {"kiosk-start", "kiosk-model", "kiosk-inspect", want}


def test_every_ending_has_a_full_debrief_in_both_languages(sim):
    assert simplay.debrief_gaps(sim) == []


def test_explorer_finds_every_ending_and_no_dead_end(sim):
    assert simplay.explorer_problems(sim) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_kiosk_cut_takes_three_to_four_minutes(sim, lang):
    """The explorer's reading-time estimate of the kiosk cut (median of random players)."""
    median, (low, high), real = simplay.kiosk_minutes(sim, lang)
    assert low <= median <= high, real


def test_every_ending_asks_what_the_student_enjoyed(sim):
    """Four kinds of work the day tried, each a different RIASEC area, asked at every ending."""
    for start, plan in ((None, {}), ("kiosk-start", {})):
        s, _seen = play(sim, start=start, **plan)
        enjoy = s.view()["ending"]["enjoy"]
        assert [e["area"] for e in enjoy] == ["R", "I", "C", "E"]
    s.set_language("es")
    assert all(e["text"] for e in s.view()["ending"]["enjoy"])
    assert s.view()["ending"]["enjoy"][1]["text"] == "Calcular el aporte de calor con una fórmula"


def test_the_story_fits_a_morning_on_the_clock(sim):
    """The clock starts at 07:00 and the longest day ends before noon, so nobody breaks
    for lunch in the story."""
    from engine.stats import student_texts
    longest = max(play(sim, seed=seed, speed_choice="test-faster", door_draft="stop-screen")[0].state["time"]
                  for seed in range(10))
    assert sim.clock.start == 7 * 60  # minutes after midnight
    assert sim.clock.start + longest < 12 * 60, longest  # the longest path: a second test plate and a fresh one after the wind
    for where, t in student_texts(sim):
        assert "lunch" not in (t.get("en") or "").lower(), where
