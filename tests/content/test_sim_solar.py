"""The electrical engineering simulation (simulations/engineering/solar-shelter.yaml).

Checks that lint is clean, that every answer and the live model's numbers follow from the
constants the student reads (recomputed here from the scene text, prompts and cited
figures, not copied from the YAML), and plays scripted runs to every ending, through the
seeded storm week, and through the kiosk cut.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import simplay
from engine import Session, load_simulation
from simplay import act_of, en

ROOT = Path(__file__).resolve().parents[2]
SIM_PATH = ROOT / "simulations" / "engineering" / "solar-shelter.yaml"

# The cited constants, as the student reads them (each test finds them in the text too)
PANEL_KW = 0.4        # a 400 W panel
SUN_HOURS = 4.5       # the town's average peak sun hours
CLOUDY_SUN_HOURS = 2  # a cloudy day in Solar Energy International's example
LOSS = 0.14           # PVWatts' default total system losses
INVERTER = 0.96       # PVWatts v5 nominal inverter efficiency
DERATE = 0.8          # 0.86 × 0.96 ≈ 0.83, rounded down by the team
DOLLARS_PER_WATT = 2.90
DOLLARS_PER_KWH = 672
GRANT = 25000


@pytest.fixture(scope="module")
def sim():
    return load_simulation(SIM_PATH)


# ---------------------------------------------------------------- lint
def test_lint_has_no_errors_and_no_warnings():
    assert simplay.lint_messages(SIM_PATH) == []


# ---------------------------------------------------------------- the facts
def loads_from_text(sim) -> list[tuple[float, float]]:
    """(watts, hours) of each load, read from the load list the student reads."""
    text = en(sim.scene("loads").text)
    return [(float(w), float(h)) for w, h in
            re.findall(r"(\d+) W for (\d+) hours", text)]


def test_load_list_adds_up_to_the_daily_energy(sim):
    loads = loads_from_text(sim)
    assert len(loads) == 5
    wh = sum(w * h for w, h in loads)
    assert wh == 8000
    act = act_of(sim, "loads")
    assert act.answer == pytest.approx(wh / 1000)  # 8 kWh
    # the explanation shows each product and the total, in both languages
    for lang in ("en", "es"):
        explain = act.explain.get(lang)
        for w, h in loads:
            assert f"{w * h:.0f}" in explain, (lang, w, h)
        assert "8000" in explain
    # the diagnosed slips are the ones a student makes: Wh, watts added, kW added
    slips = {wrong for wrong, _says in act.diagnoses}
    assert slips == {wh, sum(w for w, _ in loads), sum(w for w, _ in loads) / 1000}


def test_one_panel_energy_is_kw_times_sun_hours_times_losses(sim):
    text, prompt = en(sim.scene("sun").text), en(act_of(sim, "sun").prompt)
    assert f"gets {SUN_HOURS}" in text
    # the loss factor comes from PVWatts' 14 % losses and its 96 % inverter, rounded down
    assert "14%" in text and "96%" in text and "0.86 × 0.96 is about 0.83" in text
    assert round((1 - LOSS) * INVERTER, 2) == 0.83 and DERATE <= (1 - LOSS) * INVERTER
    assert "400 W" in prompt and f"{PANEL_KW} kW" in prompt and f"× {DERATE}" in prompt
    act = act_of(sim, "sun")
    assert act.answer == pytest.approx(PANEL_KW * SUN_HOURS * DERATE)  # 1.44
    slips = sorted(wrong for wrong, _says in act.diagnoses)
    assert slips == pytest.approx(sorted([PANEL_KW * SUN_HOURS, 400 * SUN_HOURS * DERATE]))
    cited = set(sim.scene("sun").source)
    assert {"losses", "inverter", "psh", "dc-rating"} <= cited


def test_prices_follow_the_cited_benchmarks(sim):
    text = en(sim.scene("sizing").text)
    panel_cost = round(400 * DOLLARS_PER_WATT)
    assert panel_cost == 1160
    assert f"${panel_cost:,}" in text and f"${DOLLARS_PER_WATT:.2f} a watt" in text
    assert f"${DOLLARS_PER_KWH}" in text
    titles = {s.id: s.title for s in sim.sources}
    assert "$2.90 per watt" in titles["pv-cost"] and "$672 per kWh" in titles["battery-cost"]
    assert f"${GRANT:,}" in en(sim.scene("arrival").text)


def model_outputs(sim, scene_id, panels, battery):
    """The engine's outputs for these inputs, through the preview API the players use."""
    s = Session(sim, seed=0, start=scene_id)
    assert s.view()["phase"] == "activity"
    live = s.preview({"n_panels": panels, "battery_kwh": battery})
    return {o["id"]: o["value"] for o in live["outputs"]}, live["goal"]["state"]


@pytest.mark.parametrize("scene_id", ["sizing", "kiosk-size"])
@pytest.mark.parametrize("panels,battery", [(2, 0), (5, 8), (6, 8), (8, 16), (10, 18), (30, 30)])
def test_model_recomputes_from_the_cited_constants(sim, scene_id, panels, battery):
    out, goal = model_outputs(sim, scene_id, panels, battery)
    daily_need = act_of(sim, "loads").answer  # 8 kWh a day
    kw = panels * PANEL_KW
    daily = kw * SUN_HOURS * DERATE
    backup = battery * 24 / daily_need
    cost = panels * 400 * DOLLARS_PER_WATT + battery * DOLLARS_PER_KWH
    assert out["kw"] == pytest.approx(kw)
    assert out["daily"] == pytest.approx(daily)
    assert out["backup"] == pytest.approx(backup)
    assert out["cost"] == pytest.approx(cost)
    met = daily >= daily_need and backup >= 24 and cost <= GRANT
    partly = cost <= GRANT and (daily >= daily_need or backup >= 24)
    assert goal == ("met" if met else "partly" if partly else "not_met")


def test_the_smallest_working_design_is_the_one_explained(sim):
    """6 panels and 8 kWh: the fewest panels that make 8 kWh a day, the smallest battery
    for 24 hours, and the cost the explanation states."""
    need = act_of(sim, "loads").answer
    panels = next(n for n in range(1, 31) if n * PANEL_KW * SUN_HOURS * DERATE >= need)
    battery = next(b for b in range(0, 31, 2) if b * 24 / need >= 24)
    assert (panels, battery) == (6, 8)
    cost = panels * 1160 + battery * DOLLARS_PER_KWH
    assert cost == 12336 <= GRANT
    for sid in ("sizing", "kiosk-size"):
        explain = en(act_of(sim, sid).explain)
        assert "6 × 1.44 = 8.64" in explain and "$12,336" in explain
    # Jin's fixed design (8 panels, 16 kWh) meets every goal and fits the grant too
    out, goal = model_outputs(sim, "sizing", 8, 16)
    assert goal == "met"
    assert "8 panels and a" in en(sim.scene("peer-check").choices[0].feedback)


def test_storm_plan_fits_the_cloudy_day_budget(sim):
    act = act_of(sim, "storm-plan")
    cost = {it.id: it.cost for it in act.items}
    # the hourly costs are the load list's watts (an hour of 150 W is 150 Wh)
    assert sorted(cost.values()) == sorted(w for w, _ in loads_from_text(sim))
    need = {"fridge-hour": 8, "radio-hour": 24, "light-hour": 6, "charge-hour": 4}
    needed = sum(cost[k] * n for k, n in need.items())
    assert needed == 4160 and act.budget == 5000
    fans = (act.budget - needed) // cost["fan-hour"]
    assert fans == 4
    assert "4160" in en(act.explain) and "840" in en(act.explain)
    s = Session(sim, seed=0, start="storm-plan")
    s.answer({**need, "fan-hour": fans})
    assert s.state["outcomes"]["storm-plan"] == "correct"
    s = Session(sim, seed=0, start="storm-plan")
    s.answer({**need, "fan-hour": fans + 1})  # 200 Wh over: the battery would run down
    assert s.state["outcomes"]["storm-plan"] == "wrong"


def test_lockout_steps_follow_the_written_pv_procedure(sim):
    # announce (Fluke), then AC, DC, tarp and a zero reading (the PV procedure read)
    assert list(act_of(sim, "loto").answer) == ["announce", "ac-off", "dc-off", "cover", "test"]
    right = {o.id for o in act_of(sim, "ppe").items if o.correct}
    assert right == {"rubber-gloves", "arc-gear", "no-jewelry"}


def test_every_activity_cites_a_source_with_a_link(sim):
    assert simplay.uncited_activities(sim) == []
    assert all(s.url.startswith("https://") for s in sim.sources)


# ---------------------------------------------------------------- scripted play
BEST = {
    "meeting": "ask-needs", "loads": 8, "sun": 1.44,
    "sizing": {"n_panels": 8, "battery_kwh": 16}, "peer-check": "ask-jin",
    "storm-plan": {"fridge-hour": 8, "radio-hour": 24, "light-hour": 6, "charge-hour": 4, "fan-hour": 4},
    "ppe": ["rubber-gloves", "arc-gear", "no-jewelry"], "pressure": "full-lockout",
    "loto": ["announce", "ac-off", "dc-off", "cover", "test"], "first-month": "show-all",
    "kiosk-size": {"n_panels": 8, "battery_kwh": 16}, "kiosk-safety": "k-lockout",
    "kiosk-storm": "k-medicine",
}


def play(sim, seed=1, start=None, max_steps=80, lang="en", **plan):
    """Plays with a per-scene plan (tests/simplay.py): the activity answer or the choice id
    for each scene, BEST unless the plan says otherwise."""
    steps = dict(BEST)
    steps.update({k.replace("_", "-"): v for k, v in plan.items()})
    return simplay.play(sim, steps, steps, seed=seed, start=start, lang=lang, max_steps=max_steps)


def ending(session):
    return session.view()["ending"]["id"]


def seeds_with_storm(sim, want=True, n=2):
    out = []
    for seed in range(60):
        _s, seen = play(sim, seed=seed)
        if ("cloudy-week" in seen) == want:
            out.append(seed)
            if len(out) == n:
                return out
    raise AssertionError("no such seed")


def test_best_run_earns_three_stars_with_or_without_a_storm(sim):
    for storm, lang in ((True, "es"), (False, "en")):
        seed = seeds_with_storm(sim, storm, 1)[0]
        s, seen = play(sim, seed=seed, lang=lang)
        assert ending(s) == "shelter-star" and s.view()["ending"]["rating"] == 3
        if storm:
            assert "storm-held" in seen and s.state["vars"]["shelter_ok"] is True
            # back where the storm struck: the month-later review
            assert seen[seen.index("storm-held") + 1] == "first-month"


def test_the_storm_week_is_seeded_and_decided_by_the_design(sim):
    stormy = seeds_with_storm(sim, True, 2)
    calm = seeds_with_storm(sim, False, 1)
    assert stormy and calm  # a real chance, decided by the seed
    s1, seen1 = play(sim, seed=stormy[0])
    s2, seen2 = play(sim, seed=stormy[0])
    assert seen1 == seen2 and s1.state["vars"] == s2.state["vars"]
    # the smallest design without a storm plan: 6 panels make 6 × 0.4 × 2 × 0.8 = 3.84 kWh on
    # a cloudy day, the room uses 8, so the 8 kWh battery falls 4.16 kWh short each day
    s, seen = play(sim, seed=stormy[0], sizing={"n_panels": 6, "battery_kwh": 8},
                   storm_plan={"fan-hour": 12})
    v = s.state["vars"]
    cloudy = round(6 * PANEL_KW * CLOUDY_SUN_HOURS * DERATE, 1)
    assert v["cloud_kwh"] == pytest.approx(cloudy) and v["storm_load"] == 8
    assert v["deficit"] == pytest.approx(8 - cloudy)
    assert "storm-dark" in seen and v["shelter_ok"] is False
    assert v["dark_day"] == int(8 // (8 - cloudy)) + 1 == 2
    assert ending(s) != "shelter-star"
    # the same design with the storm plan (5 kWh a day) gets through all five days
    s, seen = play(sim, seed=stormy[0], sizing={"n_panels": 6, "battery_kwh": 8})
    assert "storm-held" in seen
    assert 8 >= 5 * (5 - cloudy)


def test_a_rushed_unchecked_design_is_a_rough_start(sim):
    s, seen = play(sim, seed=seeds_with_storm(sim, True, 1)[0], meeting="design-first",
                   loads=830, sizing={"n_panels": 4, "battery_kwh": 4}, peer_check="send-now",
                   storm_plan={"fan-hour": 12}, first_month="show-average")
    assert ending(s) == "rough-start" and s.view()["ending"]["rating"] == 1


def test_a_good_design_with_a_weaker_plan_is_solid(sim):
    s, _seen = play(sim, seed=seeds_with_storm(sim, False, 1)[0], meeting="whole-bill",
                    storm_plan={"fan-hour": 12}, first_month="full-report")
    assert ending(s) == "shelter-solid" and s.view()["ending"]["rating"] == 2


def test_unsafe_choices_end_in_safety_training(sim):
    s, _seen = play(sim, ppe=["no-gear"], pressure="open-now")
    assert s.state["outcomes"]["ppe"] == "wrong"
    assert ending(s) == "safety-stop" and s.view()["ending"]["rating"] == 1


def test_wrong_lockout_order_is_retaught(sim):
    s, seen = play(sim, loto=["test", "cover", "dc-off", "ac-off", "announce"])
    assert "loto-redo" in seen and s.ended


def test_jins_check_fixes_a_design_that_missed_the_goal(sim):
    s, _seen = play(sim, seed=seeds_with_storm(sim, False, 1)[0],
                    sizing={"n_panels": 3, "battery_kwh": 2})
    v = s.state["vars"]
    assert v["jin_fixed"] is True and v["kw_sys"] == pytest.approx(3.2) and v["batt"] == 16
    s, _seen = play(sim, seed=seeds_with_storm(sim, False, 1)[0])
    v = s.state["vars"]
    assert v["jin_fixed"] is False and v["kw_sys"] == pytest.approx(3.2) and v["batt"] == 16


@pytest.mark.parametrize("plan,want", [({}, "kiosk-great"),
                                       ({"kiosk_storm": "k-comfort"}, "kiosk-good"),
                                       ({"kiosk_safety": "k-rush"}, "kiosk-learning")])
def test_kiosk_cut_reaches_each_kiosk_ending_in_four_scenes(sim, plan, want):
    s, seen = play(sim, start=sim.kiosk_start, max_steps=12, **plan)
    assert (ending(s), s.view()["ending"]["rating"]) == (want, {"kiosk-great": 3, "kiosk-good": 2}.get(want, 1))
    assert [sc for i, sc in enumerate(seen) if sc not in seen[:i]][:4] == \
        ["kiosk-start", "kiosk-size", "kiosk-safety", "kiosk-storm"]
    assert s.state["step"] <= 10


def test_every_ending_has_a_full_debrief_in_both_languages(sim):
    assert simplay.debrief_gaps(sim) == []


def test_explorer_finds_every_ending_and_no_dead_end(sim):
    assert simplay.explorer_problems(sim, max_states=2000) == []
