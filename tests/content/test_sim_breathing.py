"""The respiratory therapist simulation (simulations/healthcare/breathing-shift.yaml).

Lint is clean; the peak-flow percent and the oxygen tank's minutes are recomputed here from
the formula and the E cylinder's factor the file cites (not copied from the YAML); scripted
plays reach every ending in both languages, the kiosk cut reaches its three, and the random
elevator stop is decided by the seed.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import simplay
from engine import Session, check_file, load_simulation
from simplay import act_of, en

ROOT = Path(__file__).resolve().parents[2]
SIM_PATH = ROOT / "simulations" / "healthcare" / "breathing-shift.yaml"

# Source 'tank-formula' (and 'e-tank'): an E cylinder's factor is 0.28 liters per psi, and
# 200 psi stays in the tank as the safe residual ('tank-residual').
E_FACTOR, RESIDUAL = 0.28, 200
# Source 'peak-zones' (Mayo Clinic): green 80-100% of the personal best, yellow 50-80, red below 50.
ORDERED_FLOW, TRIP = 2, 45


def tank_minutes(psi, flow):
    """Minutes of oxygen: (gauge − safe residual) × cylinder factor ÷ flow in L/min."""
    return (psi - RESIDUAL) * E_FACTOR / flow


def zone(percent):
    return "green" if percent >= 80 else "yellow" if percent >= 50 else "red"


@pytest.fixture(scope="module")
def sim():
    return load_simulation(SIM_PATH)


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


# ---------------------------------------------------------------- lint and sources
def test_lint_has_no_errors_and_no_warnings():
    assert simplay.lint_messages(SIM_PATH) == []


def test_every_activity_cites_a_source_the_file_lists(sim):
    assert simplay.uncited_activities(sim) == []
    for s in sim.sources:
        assert s.url.startswith(("https://", "http://")), s.id


# ---------------------------------------------------------------- the facts
def test_the_tank_formula_reproduces_the_cited_example():
    # 'tank-formula' works one example: an E tank at 1200 psi, 4 L/min, lasts 70 minutes
    assert tank_minutes(1200, 4) == pytest.approx(70)


def test_peak_flow_answer_follows_from_the_numbers_in_the_scene(sim):
    text = en(sim.scene("peak-flow").text)
    assert "165 liters a minute" in text and "300 liters a minute" in text
    act = act_of(sim, "peak-flow")
    assert act.answer == pytest.approx(165 / 300 * 100) == 55
    assert "165 ÷ 300 = 0.55" in en(act.explain) and "165 ÷ 300 = 0,55" in act.explain.get("es")
    assert zone(55) == "yellow" and "yellow zone" in en(act_of(sim, "zones").explain)
    # the slips the file names: the decimal, the part missing, the division upside down
    assert {a for a, _ in act.diagnoses} == {0.55, 100 - 55, round(300 / 165 * 100)}
    # after the inhaler: 255 of 300 is back in the green zone
    after = en(sim.scene("eli-better").text)
    assert "255 liters a minute" in after and f"{255 / 300 * 100:.0f}%" in after and zone(85) == "green"


def test_zone_pairs_follow_the_cited_thresholds(sim):
    for scene_id in ("zones", "kiosk-zone"):
        lefts = {p.id: en(p.text) for p in act_of(sim, scene_id).items}
        assert "80 to 100%" in lefts["z-green"]
        assert "50 to 80%" in lefts["z-yellow"]
        assert "below 50%" in lefts["z-red"]


def test_the_scene_states_the_formula_the_model_uses(sim):
    for scene_id in ("tank", "kiosk-tank"):
        text = en(sim.scene(scene_id).text)
        assert "− 200) × 0.28 ÷ liters a minute" in text, scene_id
        assert "twice the trip" in text
    assert f"{ORDERED_FLOW} liters a minute" in en(sim.scene("page-gloria").text)
    assert f"{TRIP} minutes" in en(sim.scene("page-gloria").text)


@pytest.mark.parametrize("scene_id", ["tank", "kiosk-tank"])
def test_model_minutes_are_recomputed_from_the_formula(sim, scene_id):
    s = Session(sim, seed=1, start=scene_id)
    for psi, flow in [(700, 4), (700, 2), (1000, 2), (2200, 2), (900, 2), (200, 6), (2200, 0.5)]:
        out = {o["id"]: o["value"] for o in s.preview({"psi": psi, "flow": flow})["outputs"]}
        assert out["minutes"] == pytest.approx(tank_minutes(psi, flow), rel=1e-6), (psi, flow)
        if "liters" in out:
            assert out["liters"] == pytest.approx((psi - RESIDUAL) * E_FACTOR)


def test_the_explanation_and_the_90_minute_line_agree_with_the_formula(sim):
    explain = en(act_of(sim, "tank").explain)
    assert f"224 ÷ 2 = {tank_minutes(1000, 2):.0f} minutes" in explain
    # "any tank at 900 psi or more lasts 90 minutes at 2 L/min": the first 100-psi step that does
    first = min(p for p in range(200, 2300, 100) if tank_minutes(p, ORDERED_FLOW) >= 2 * TRIP)
    assert first == 900 and "900 psi or more" in explain
    assert "1000 − 200" in en(act_of(sim, "kiosk-tank").explain)


@pytest.mark.parametrize("scene_id", ["tank", "kiosk-tank"])
def test_model_goal_keeps_the_ordered_flow_and_twice_the_trip(sim, scene_id):
    s = Session(sim, seed=1, start=scene_id)
    cases = {(900, 2): "met", (2200, 2): "met", (1000, 2): "met",
             (700, 2): "partly",      # 70 minutes: the trip, not twice the trip
             (500, 2): "not_met",     # 42 minutes: runs out on the way
             (700, 4): "not_met",     # the tank's start: 35 minutes at a flow nobody ordered
             (2200, 1): "not_met",    # plenty of minutes, but half the ordered flow
             (2200, 4): "not_met"}
    for (psi, flow), want in cases.items():
        assert s.preview({"psi": psi, "flow": flow})["goal"]["state"] == want, (psi, flow)
        minutes = tank_minutes(psi, flow)
        assert (want == "met") == (flow == ORDERED_FLOW and minutes >= 2 * TRIP)


def test_tank_drawing_responds_to_the_gauge_and_the_flow(sim):
    s = Session(sim, seed=1, start="tank")

    def shapes(psi, flow):
        live = s.preview({"psi": psi, "flow": flow})
        return next(d for d in live["displays"] if d["type"] == "scene")

    def gas(sc):
        return next(x for x in sc["shapes"] if x["shape"] == "rect" and x["fill"] in ("#2e7d4f", "#b3261e"))

    def dots(sc):
        return [x for x in sc["shapes"] if x["shape"] == "circle" and x.get("r") == 6 and x["x"] >= 180]

    def ball(sc):
        return next(x for x in sc["shapes"] if x["shape"] == "circle" and x["fill"] == "#3a6ea5")

    full, half, low = shapes(2200, 2), shapes(1000, 2), shapes(400, 2)
    assert gas(full)["h"] > gas(half)["h"] > gas(low)["h"]          # the gas level follows the gauge
    assert gas(low)["fill"] == "#b3261e" and gas(full)["fill"] == "#2e7d4f"  # red when it runs out on the trip
    assert len(dots(half)) == int(tank_minutes(1000, 2) // 15)      # one dot for each full 15 minutes
    assert len(dots(shapes(900, 2))) == 6                            # 98 minutes: six dots, past the 90 line
    assert len(dots(full)) == int(tank_minutes(2200, 2) // 15) == 18
    assert len(dots(shapes(2200, 0.5))) == 20                        # 1120 minutes: capped to fit the drawing
    assert ball(shapes(1000, 4))["y"] < ball(half)["y"]              # the flowmeter's ball floats higher
    needle = [x for x in full["shapes"] if x["shape"] == "line" and x.get("stroke") == "#b3261e"][0]
    assert needle["rotate"] > [x for x in low["shapes"] if x["shape"] == "line" and x.get("stroke") == "#b3261e"][0]["rotate"]
    assert "112 minutes" in half["alt"] and "{" not in half["alt"]


@pytest.mark.parametrize("setting, says", [
    ({"psi": 2200, "flow": 4}, "not the ordered 2 L/min"),
    ({"psi": 500, "flow": 2}, "run out before the 45-minute trip"),
    ({"psi": 700, "flow": 2}, "only if nothing runs late"),
])
def test_model_diagnoses_say_what_is_wrong(sim, setting, says):
    s = Session(sim, seed=1, start="tank")
    s.answer(setting)
    v = s.view()
    assert v["phase"] == "activity"  # a second try, with the hint and what went wrong
    retry = v["activity"]["retry"]
    assert says in retry["diagnosis"], retry
    assert "2 L/min" in retry["hint"]


def test_identifiers_follow_the_joint_commission(sim):
    act = act_of(sim, "which-ids")
    assert {o.id for o in act.items if o.correct} == {"name", "birthday", "record"}
    room = next(o for o in act.items if o.id == "room")
    assert not room.correct and "room number never counts" in en(room.why)
    order = list(act_of(sim, "before-room").answer)
    assert order[0] == "clean" and order.index("match") < order.index("treat")


def test_spacer_steps_follow_the_cited_order(sim):
    act = act_of(sim, "spacer")
    assert list(act.answer) == ["shake", "attach", "out", "lips", "press", "hold"]
    hold = next(i for i in act.items if i.id == "hold")
    assert "10 seconds" in en(hold.text)


def test_oxygen_targets_follow_the_guideline(sim):
    text = en(sim.scene("o2-high").text)
    assert "between 88 and 92%" in text and "97%" in text
    # the good choice lands inside the range, the harmful ones outside it
    choices = {c.id: c for c in sim.scene("o2-high").choices}
    got = numbers(en(choices["titrate"].feedback))
    assert any(88 <= n <= 92 for n in got)
    assert all(not (88 <= n <= 92) for n in numbers(en(choices["turn-off"].feedback)) if n > 10)


# ---------------------------------------------------------------- scripted play
GOOD_MODEL = {"psi": 1000, "flow": 2}
CORRECT = {
    "before-room": ["clean", "hello", "ask", "match", "explain", "treat"],
    "which-ids": ["name", "birthday", "record"],
    "peak-flow": 55,
    "zones": {"z-green": "z-green", "z-yellow": "z-yellow", "z-red": "z-red"},
    "spacer": ["shake", "attach", "out", "lips", "press", "hold"],
    "tank": GOOD_MODEL,
    "kiosk-tank": GOOD_MODEL,
    "kiosk-zone": {"z-green": "z-green", "z-yellow": "z-yellow", "z-red": "z-red"},
}
CHOICES = {"meet-eli": "eye-level", "elevator": "check-ok", "o2-high": "titrate",
           "handoff": "full-report", "kiosk-start": "k-check"}


def play(sim, seed=1, start=None, max_steps=80, lang="en", **plan):
    """simplay.play with this file's right answers and good choices, changed by `plan`."""
    return simplay.play_plan(sim, CORRECT, CHOICES, plan, seed=seed, start=start, lang=lang, max_steps=max_steps)


def ending(s):
    return s.view()["ending"]["id"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_best_shift_is_a_great_shift(sim, lang):
    s, seen = play(sim, lang=lang)
    assert ending(s) == "great-shift" and s.view()["ending"]["rating"] == 3
    assert s.state["vars"]["tank_minutes"] == pytest.approx(tank_minutes(1000, 2))
    assert "tank-dry" not in seen
    assert len(s.view()["ending"]["debrief"]["went_well"]) >= 2


def test_a_tank_that_cannot_cover_the_trip_runs_dry_every_time(sim):
    for seed in range(5):
        s, seen = play(sim, seed=seed, tank={"psi": 400, "flow": 2})
        assert "tank-dry" in seen and "elevator" not in seen  # certain, not a roll of the dice
        assert s.state["vars"]["tank_low"] is True and ending(s) != "great-shift"


def test_harmful_choices_end_in_safety_first(sim):
    s, _seen = play(sim, which_ids=["room", "window"], tank={"psi": 400, "flow": 2}, o2_high="more-better")
    assert s.state["outcomes"]["which-ids"] == "wrong"
    assert ending(s) == "safety-first" and s.view()["ending"]["rating"] == 1


def test_a_careless_shift_is_a_hard_shift(sim):
    s, _seen = play(sim, meet_eli="be-brave", peak_flow=45, zones={"z-green": "z-red", "z-yellow": "z-green",
                    "z-red": "z-yellow"}, spacer=["hold", "press", "lips", "out", "attach", "shake"],
                    handoff="all-fine")
    assert ending(s) == "hard-shift" and s.view()["ending"]["rating"] == 1


def test_a_tank_for_the_trip_only_gives_a_solid_shift_without_a_delay(sim):
    s, seen = play(sim, seed=0, tank={"psi": 700, "flow": 2}, meet_eli="only-dad", handoff="all-fine")
    assert ending(s) == "solid-shift" and s.view()["ending"]["rating"] == 2


def test_elevator_event_is_random_and_seeded(sim):
    hit, missed = [], []
    for seed in range(30):
        s, seen = play(sim, seed=seed, tank={"psi": 700, "flow": 2}, elevator="wait-low")
        (hit if "elevator" in seen else missed).append(seed)
        if "elevator" in seen:
            after = next(x for x in seen[seen.index("elevator"):] if x != "elevator")
            assert after == "o2-high"  # BACK to the scene the stop interrupted
            assert s.state["vars"]["tank_low"] is True  # 70 minutes cannot cover 45 + 30
            assert ending(s) != "great-shift"
        else:
            assert s.state["vars"]["tank_low"] is False
    assert hit and missed
    a, seen_a = play(sim, seed=hit[0])
    b, seen_b = play(sim, seed=hit[0])
    assert seen_a == seen_b and a.state["vars"] == b.state["vars"]
    # with a tank for twice the trip, checking the gauge keeps the great shift
    assert ending(a) == "great-shift" and "elevator" in seen_a
    # a tank for the trip only: checking again and calling for a full tank keeps her safe
    c, seen_c = play(sim, seed=hit[0], tank={"psi": 700, "flow": 2}, elevator="check-low")
    assert "elevator" in seen_c and c.state["vars"]["tank_low"] is False
    # 800 psi lasts 84 minutes: short of twice the trip, but enough for the 45 + 30 of the long way
    assert tank_minutes(800, 2) >= TRIP + 30 > tank_minutes(700, 2)
    d, seen_d = play(sim, seed=hit[0], tank={"psi": 800, "flow": 2}, elevator="wait-ok")
    assert "elevator" in seen_d and d.state["vars"]["tank_low"] is False


def test_kiosk_cut_reaches_each_kiosk_ending(sim):
    assert sim.kiosk_start == "kiosk-start"
    cases = [({}, "kiosk-great"),
             ({"kiosk_tank": {"psi": 700, "flow": 2}}, "kiosk-good"),
             ({"kiosk_start": "k-room"}, "kiosk-learning")]
    for plan, want in cases:
        s, seen = play(sim, start=sim.kiosk_start, max_steps=12, **plan)
        assert ending(s) == want, plan
        assert set(seen) <= {"kiosk-start", "kiosk-tank", "kiosk-zone", want}


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
    """Four kinds of work the shift tried, each a different RIASEC area, asked at every ending."""
    for start in (None, "kiosk-start"):
        s, _seen = play(sim, start=start)
        enjoy = s.view()["ending"]["enjoy"]
        assert [e["area"] for e in enjoy] == ["R", "I", "S", "C"]
    s.set_language("es")
    assert s.view()["ending"]["enjoy"][1]["text"] == "Calcular cuánto va a durar un tanque de oxígeno"


def test_the_story_fits_a_morning_on_the_clock(sim):
    """The clock starts at 07:00 and the longest shift ends before noon."""
    longest = max(play(sim, seed=seed, tank={"psi": 700, "flow": 2}, elevator="check-low")[0].state["time"]
                  for seed in range(10))
    assert sim.clock.start == 7 * 60
    assert sim.clock.start + longest < 12 * 60, longest


def test_names_are_not_reused_for_other_people():
    """Every character here is a new person: no name is shared with another simulation."""
    mine = {c.name for c in load_simulation(SIM_PATH).characters}
    others = set()
    for path in (ROOT / "simulations").glob("*/*.yaml"):
        if path != SIM_PATH:
            others |= {c.name for c in load_simulation(path).characters}
    assert mine and not mine & others
