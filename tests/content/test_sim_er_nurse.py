"""The healthcare flagship: an ER nurse's night shift (simulations/healthcare/er-nurse-shift.yaml).

Lint must be clean; every right answer is worked out again here from the numbers and
words the student reads (scene text, prompts, items), not copied from the YAML; scripted
runs reach every ending in both languages; the kiosk cut ends in a few steps; the
explorer finds every ending and no dead end.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import simplay
from engine import Session, load_simulation
from simplay import act_of, en

ROOT = Path(__file__).resolve().parents[2]
SIM_PATH = ROOT / "simulations" / "healthcare" / "er-nurse-shift.yaml"
CONTENT = ROOT / "content"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sim():
    return load_simulation(SIM_PATH)


# ---------------------------------------------------------------- lint and art
def test_lint_has_no_errors_and_no_warnings():
    assert simplay.lint_messages(SIM_PATH) == []






# ---------------------------------------------------------------- ESI triage
RESOURCE_WORDS = ("blood test", "iv fluid", "ct scan", "x-ray")   # ESI handbook, Table 5-1
NOT_RESOURCES = ("exam", "prescription")


def esi_level(description: str) -> int:
    """The ESI algorithm applied to the words the student reads."""
    d = description.lower()
    if "won't wake up" in d or "breaths a minute" in d:
        return 1                      # needs a life-saving intervention now
    if "chest pressure" in d:
        return 2                      # high-risk presentation
    needs = d.split("needs", 1)[1]
    n = sum(1 for w in RESOURCE_WORDS if w in needs)
    return 3 if n >= 2 else 4 if n == 1 else 5


@pytest.mark.parametrize("scene_id", ["triage", "kiosk-triage"])
def test_triage_levels_follow_the_esi_rules(sim, scene_id):
    act = act_of(sim, scene_id)
    assert act.kind == "match"
    levels = []
    for pair in act.items:
        shown = int(re.match(r"ESI (\d)", en(pair.right)).group(1))
        assert esi_level(en(pair.text)) == shown, pair.id
        levels.append(shown)
        assert re.match(r"ESI \d", pair.right.get("es"))
    assert len(set(levels)) == len(levels)
    if scene_id == "triage":
        assert sorted(levels) == [1, 2, 3, 4, 5]


def test_the_intro_states_the_esi_rules(sim):
    text = en(sim.scene("triage-intro").text)
    for phrase in ("Level 1 needs a life-saving treatment now", "high risk", "newly confused",
                   "severe pain", "Two or more: level 3", "One: level 4", "None: level 5"):
        assert phrase in text


def test_resources_are_counted_as_the_handbook_counts_them(sim):
    intro = en(sim.scene("triage-intro").text).lower()
    # Table 5-1: labs, imaging, IV fluids or IV medicine (a saline lock alone is not a resource)
    for w in ("blood tests", "x-rays", "fluids or medicine through a vein"):
        assert w in intro
    assert "an iv (a thin tube" not in intro
    assert "suero por vía intravenosa" in sim.scene("triage-intro").text.get("es")
    act = act_of(sim, "triage")
    assert "esi-resources" in act.source
    explain = en(act.explain).lower()
    assert "several blood tests count as just one resource" in explain
    not_resources = explain.split("blood tests count as just one resource", 1)[1]
    for w in ("an exam", "a prescription", "a pill by mouth"):   # not resources in Table 5-1
        assert w in not_resources
    assert "is not a resource" in not_resources
    dev = next(p for p in act.items if p.id == "dev")
    assert sum(1 for w in RESOURCE_WORDS if w in en(dev.text).lower()) == 3


# ---------------------------------------------------------------- the dose
def test_dose_is_desired_over_have_times_quantity_after_unit_change(sim):
    order = en(sim.scene("dose").text)    # the order stays on screen with the question
    desired_g = float(re.search(r"(\d+\.?\d*) g by mouth", order).group(1))
    have_mg, qty_ml = (float(x) for x in re.search(r"(\d+) mg in every (\d+) mL", order).groups())
    act = act_of(sim, "dose")
    assert act.kind == "numeric" and act.unit.get("en") == "mL"
    prompt = en(act.prompt)           # the numbers stay on screen while the student works
    g_to_mg = float(re.search(r"1 g = ([\d,]+) mg", prompt).group(1).replace(",", ""))
    dose = desired_g * g_to_mg / have_mg * qty_ml
    assert f"Order: {desired_g:g} g" in prompt and f"{have_mg:g} mg in {qty_ml:g} mL" in prompt
    assert "1 g = 1,000 mg" in prompt
    assert act.answer == pytest.approx(dose) == pytest.approx(10)
    assert act.tolerance < 0.1                       # a dose is exact
    # forgetting the conversion (0.5 ÷ 250 × 5) is graded wrong, not close
    s = Session(sim, seed=1, start="dose")
    s.answer(0.5 / 250 * 5)
    assert s.view()["feedback"]["outcome"] == "wrong"
    assert "made up for the game" in order


def test_dose_explanation_shows_the_same_numbers(sim):
    # the worked answer is shown with the feedback; Marcus's help then points to the units
    explain = en(act_of(sim, "dose").explain)
    assert "0.5 g × 1,000 = 500 mg" in explain and "500 mg ÷ 250 mg × 5 mL = 10 mL" in explain
    assert "units first" in en(sim.scene("dose-help").text)


# ---------------------------------------------------------------- vital signs
def normal_ranges(text: str) -> dict:
    """Normal adult ranges as the scene states them (MedlinePlus; Cleveland Clinic for SpO2)."""
    t = text.replace("–", "-")
    rng = lambda pat: tuple(float(x) for x in re.search(pat, t).groups())
    return {
        "pulse": rng(r"pulse (\d+)-(\d+)"),
        "breathing": rng(r"breathing (\d+)-(\d+)"),
        "systolic": rng(r"blood pressure (\d+)/\d+ to (\d+)/\d+"),
        "diastolic": rng(r"blood pressure \d+/(\d+) to \d+/(\d+)"),
        "temperature": rng(r"temperature (\d+\.?\d*)-(\d+\.?\d*)"),
        "oxygen": rng(r"oxygen (\d+)-(\d+)%"),
    }


def out_of_range(label: str, ranges: dict) -> bool:
    low = label.lower()
    inside = lambda v, key: ranges[key][0] <= v <= ranges[key][1]
    if "blood pressure" in low:
        sys_, dia = (float(x) for x in re.search(r"(\d+)/(\d+)", low).groups())
        return not (inside(sys_, "systolic") and inside(dia, "diastolic"))
    value = float(re.search(r"(\d+\.?\d*)", low).group(1))
    key = ("pulse" if "heart" in low else "breathing" if "breathing" in low
           else "oxygen" if "oxygen" in low else "temperature")
    return not inside(value, key)


@pytest.mark.parametrize("scene_id", ["decline-monitor", "kiosk-monitor"])
def test_abnormal_vitals_follow_the_normal_ranges(sim, scene_id):
    act = act_of(sim, scene_id)       # the prompt is on screen while the student taps
    ranges = normal_ranges(en(act.prompt))
    assert ranges["pulse"] == (60, 100) and ranges["oxygen"] == (95, 100)
    assert act.kind == "hotspot"
    for spot in act.items:
        assert spot.correct == out_of_range(en(spot.text), ranges), spot.id
        assert 0 <= spot.x and spot.x + spot.w <= act.width
        assert 0 <= spot.y and spot.y + spot.h <= act.height
    assert {s.id for s in act.items if s.correct} == {"hr", "rr", "spo2"}


def test_monitor_picture_shows_the_same_numbers(sim):
    act = act_of(sim, "decline-monitor")
    title = ET.parse(CONTENT / act.image).getroot().find(SVG + "title").text
    for spot in act.items:
        for number in re.findall(r"\d+(?:\.\d+)?", en(spot.text)):
            assert number in title, (spot.id, number)


# ---------------------------------------------------------------- procedures
def test_steps_before_giving_a_medicine(sim):
    # the medication pass in one sequence: the label against the order in the med room,
    # then at the bedside hands, two identifiers, allergies, telling her what it is, give, chart
    order = act_of(sim, "before-giving").answer
    assert order[0] == "label" and order[1] == "hands" and order[-1] == "chart"
    assert order.index("two-ids") < order.index("allergies") < order.index("explain") < order.index("give")
    items = {it.id: en(it.text) for it in act_of(sim, "before-giving").items}
    assert "name and birth date" in items["two-ids"]  # two identifiers
    assert "label against the order" in items["label"] and "what it is" in items["explain"]
    assert "right to know" in en(act_of(sim, "before-giving").explain)


def test_sbar_order(sim):
    act = act_of(sim, "decline-sbar")
    assert list(act.answer) == ["s", "b", "a", "r"]
    words = en(act.prompt)
    assert [w for w in ("Situation", "Background", "Assessment", "Recommendation") if w in words] == \
        ["Situation", "Background", "Assessment", "Recommendation"]


def test_breathing_problems_come_first(sim):
    act = act_of(sim, "call-lights")
    assert act.answer[0] == "oxygen"
    first = next(it for it in act.items if it.id == act.answer[0])
    assert "oxygen" in en(first.text) and "ABCs" in en(act.explain)


def test_every_activity_and_fact_scene_cites_a_known_source(sim):
    known = {s.id for s in sim.sources}
    for scene in sim.scenes:
        if scene.activity is not None:
            assert scene.activity.source and set(scene.activity.source) <= known, scene.id
        assert set(scene.source) <= known, scene.id


# ---------------------------------------------------------------- scripted runs
BEST = {
    "arrival": ("choose", "join-huddle"),
    "triage": ("answer", {k: k for k in ("dana", "tomas", "dev", "jordan", "mateo")}),
    "resources": ("answer", ["labs", "ct", "iv-fluid"]),
    "iv-drip": ("answer", {"rate": 31}),
    "family": ("choose", "honest-talk"),
    "dose": ("answer", 10),
    "before-giving": ("answer", ["label", "hands", "two-ids", "allergies", "explain", "give", "chart"]),
    "break-time": ("choose", "take-break"),
    "call-lights": ("answer", ["oxygen", "pain", "tv"]),
    "decline-monitor": ("answer", ["hr", "rr", "spo2"]),
    "decline-act": ("choose", "call-now"),
    "decline-sbar": ("answer", ["s", "b", "a", "r"]),
    "decline-kai": ("choose", "include-lucia"),
    "rounds": ("choose", "call-interpreter"),
    "surge": ("choose", "honest-limit"),
    "handoff": ("answer", ["change", "meds", "pending"]),
    "kiosk-triage": ("answer", {"dana": "dana", "jordan": "jordan", "mateo": "mateo"}),
    "kiosk-monitor": ("answer", ["hr", "rr", "spo2"]),
    "kiosk-call": ("choose", "kiosk-sbar"),
}

WORST = {
    "arrival": ("choose", "skip-huddle"),
    "triage": ("answer", {"dana": "mateo", "tomas": "jordan", "dev": "dev", "jordan": "tomas", "mateo": "dana"}),
    "resources": ("answer", ["exam", "pill"]),
    "iv-drip": ("answer", {"rate": 125}),
    "family": ("choose", "brush-off"),
    "dose": ("answer", 0.02),
    "before-giving": ("answer", ["give", "chart", "hands", "allergies", "two-ids", "label", "explain"]),
    "break-time": ("choose", "skip-break"),
    "call-lights": ("answer", ["tv", "pain", "oxygen"]),
    "decline-monitor": ("answer", ["bp", "temp"]),
    "decline-act": ("choose", "wait-recheck"),
    "decline-sbar": ("answer", ["r", "a", "s", "b"]),
    "decline-kai": ("choose", "send-out"),
    "rounds": ("choose", "family-interprets"),
    "surge": ("choose", "take-extra"),
    "handoff": ("answer", ["opinion"]),
    "kiosk-triage": ("answer", {"dana": "mateo", "jordan": "dana", "mateo": "jordan"}),
    "kiosk-monitor": ("answer", ["bp"]),
    "kiosk-call": ("choose", "kiosk-wait"),
}


def play(sim, plan: dict, seed: int = 1, start: str | None = None, max_steps: int = 90,
         check_es: bool = True):
    """Plays `plan` (scene -> action); scenes it does not name are continued past.
    Checks that every view has text in English and in Spanish. Returns (session, scenes)."""
    s = Session(sim, seed=seed, start=start)
    scenes = []
    while not s.ended:
        assert s.state["step"] < max_steps, scenes[-5:]
        view = s.view()
        if check_es:
            s.set_language("es")
            es = s.view()
            s.set_language("en")
            assert es["text"].strip() and view["text"].strip(), view["scene"]
            assert es["text"] != view["text"], view["scene"]
            for c_en, c_es in zip(view["choices"], es["choices"]):
                assert c_es["text"].strip() and c_es["text"] != c_en["text"]
            if es["activity"]:
                assert es["activity"]["prompt"].strip() != view["activity"]["prompt"]
            if es["feedback"]:
                assert es["feedback"]["text"].strip()
        if view["phase"] == "feedback" or (view["phase"] == "scene" and not view["choices"]):
            s.continue_()
            continue
        scenes.append(view["scene"])
        kind, value = plan[view["scene"]]
        if kind == "choose":
            s.choose(value)
        else:
            s.answer(value)
    end = s.view()
    for lang in ("en", "es"):
        s.set_language(lang)
        e = s.view()["ending"]
        assert e["title"] and e["text"] and e["debrief"]["reflection"]
        assert e["debrief"]["went_well"] or e["debrief"]["try_next"]
    s.set_language("en")
    return s, scenes, end


CALM_SEED = 2        # with BEST, no second ambulance on this seed...
SURGE_SEED = 3       # ...and two ambulances on this one (ER 1.7.0 draws its shuffles in a new order)


def ending(session) -> str:
    return session.state["ending"]


def test_best_run_is_a_three_star_shift(sim):
    s, scenes, end = play(sim, BEST, seed=CALM_SEED)
    assert ending(s) == "star-shift" and end["ending"]["rating"] == 3
    assert "surge" not in scenes                          # calm seed: no second ambulance
    # the patient who gets worse interrupts rounds and the story comes back to rounds
    assert s.state["visits"]["decline-monitor"] == 1 and s.state["visits"]["rounds"] == 1
    assert scenes.index("decline-kai") < scenes.index("handoff") == len(scenes) - 1
    assert end["clock"]["time"] == "06:45"
    assert len(end["ending"]["debrief"]["went_well"]) >= 4


def test_random_ambulance_surge_is_seeded(sim):
    s, scenes, end = play(sim, BEST, seed=SURGE_SEED)
    assert "surge" in scenes and ending(s) == "star-shift"
    assert any("two ambulances" in t for t in end["ending"]["debrief"]["went_well"])
    # the surge interrupts the call-light task, which then goes on
    assert scenes.index("surge") < scenes.index("call-lights")
    again, scenes_again, _ = play(sim, BEST, seed=SURGE_SEED, check_es=False)
    assert scenes_again == scenes and again.state["vars"] == s.state["vars"]


def test_skipping_the_break_leaves_you_running_on_empty(sim):
    plan = dict(BEST, **{"break-time": ("choose", "skip-break")})
    s, _, end = play(sim, plan, seed=CALM_SEED)
    assert ending(s) == "running-on-empty" and end["ending"]["rating"] == 2
    assert s.state["vars"]["energy"] < 25 and s.state["vars"]["safety"] >= 90


def test_taking_the_extra_patient_costs_energy(sim):
    plan = dict(BEST, **{"break-time": ("choose", "skip-break"), "surge": ("choose", "take-extra")})
    s, scenes, _ = play(sim, plan, seed=SURGE_SEED, check_es=False)
    assert "surge" in scenes and s.state["vars"]["took_extra"]
    assert ending(s) == "running-on-empty"
    restored = Session.restore(sim, s.save())
    restored.set_language("en")
    tips = " ".join(restored.view()["ending"]["debrief"]["try_next"])
    assert "at your limit" in tips


def test_a_slow_call_and_a_broken_promise_give_a_solid_shift(sim):
    plan = dict(BEST, **{"family": ("choose", "promise"), "decline-act": ("choose", "wait-recheck"),
                         "decline-kai": ("choose", "repair-trust")})
    s, scenes, end = play(sim, plan, seed=CALM_SEED)
    assert "decline-late" in scenes or s.state["visits"].get("decline-late") == 1
    assert ending(s) == "solid-shift" and end["ending"]["rating"] == 2
    tips = " ".join(end["ending"]["debrief"]["try_next"])
    assert "call the doctor at once" in tips and "tell the truth" in tips


def test_worst_run_is_a_night_to_learn_from(sim):
    s, scenes, end = play(sim, WORST, seed=CALM_SEED)
    assert ending(s) == "learning-night" and end["ending"]["rating"] == 1
    assert "dose-help" in s.state["visits"]              # Marcus re-teaches the dose
    assert s.state["vars"]["late_call"]


def test_kiosk_cut_is_short_and_reaches_three_ratings(sim):
    assert sim.kiosk_start == "kiosk-start"
    mixed = dict(BEST, **{"kiosk-monitor": ("answer", ["hr"])})
    for plan, want in ((BEST, "star-shift"), (mixed, "solid-shift"), (WORST, "learning-night")):
        s, scenes, end = play(sim, plan, seed=3, start=sim.kiosk_start, max_steps=12)
        assert ending(s) == want
        assert set(scenes) <= {"kiosk-triage", "kiosk-monitor", "kiosk-call"}
        assert s.state["step"] <= 8
        debrief = " ".join(end["ending"]["debrief"]["went_well"] + end["ending"]["debrief"]["try_next"])
        assert "12-hour" not in debrief                  # no full-shift praise in the cut


def test_every_ending_has_a_full_debrief_in_both_languages(sim):
    assert simplay.debrief_gaps(sim) == []
    ratings = {e.rating for e in sim.endings}
    assert ratings == {1, 2, 3}
    assert sim.endings[-1].condition is None


def test_explorer_finds_every_ending_and_no_dead_end(sim):
    from engine.explore import explore_all, failed
    report = explore_all(sim, players=150, max_states=4000)
    assert not failed(report), [p["message"] for p in report["problems"]]
    reached = {e for e, v in report["endings"].items() if v["reached"]}
    assert reached == {e.id for e in sim.endings}


def test_a_resume_code_replays_the_same_shift(sim):
    s, _, _ = play(sim, BEST, seed=SURGE_SEED, check_es=False)
    again = Session.from_resume_code(sim, s.resume_code())
    assert again.state["ending"] == s.state["ending"] == "star-shift"
    assert again.state["vars"] == s.state["vars"] and again.state["time"] == s.state["time"]


def test_every_listed_source_is_cited_somewhere(sim):
    cited = set()
    for scene in sim.scenes:
        cited.update(scene.source)
        if scene.activity is not None:
            cited.update(scene.activity.source)
        for c in scene.choices:
            cited.update(c.source)
    assert {s.id for s in sim.sources} <= cited


def test_a_family_with_limited_english_gets_a_medical_interpreter(sim):
    # review 4.7: a trained interpreter, not the patient's daughter, interprets (cited)
    rounds = sim.scene("rounds")
    assert {"interpreter", "interpreter-law"} <= {s.id for s in sim.sources}
    assert "little English" in en(rounds.text)
    good = next(c for c in rounds.choices if c.id == "call-interpreter")
    family = next(c for c in rounds.choices if c.id == "family-interprets")
    assert "interpreter = true" in [e.source.replace("  ", " ") for e in good.effects]
    assert "leaves out" in en(family.feedback) and "free" in en(family.feedback)
    s, scenes, end = play(sim, BEST, seed=CALM_SEED)
    assert any("interpreter" in t for t in end["ending"]["debrief"]["went_well"])


def test_review_details_agree_with_the_story(sim):
    # ER-2: MedlinePlus lists four vital signs; oxygen is an added monitor value
    for lang, words in (("en", "four vital signs and his oxygen level"),
                        ("es", "cuatro signos vitales y su nivel de oxígeno")):
        assert words in sim.scene("decline-monitor").text.get(lang)
    # ER-3: Tomás waited for heart blood tests, never an X-ray; the hand-off says so
    pending = next(o for o in act_of(sim, "handoff").items if o.id == "pending")
    assert "heart blood test" in en(pending.text) and "X-ray" not in en(pending.text)
    assert "blood tests" in en(sim.scene("family").text) or "blood tests" in en(
        next(c for c in sim.scene("family").choices if c.id == "honest-talk").feedback)
    # ER-4: chest pressure everywhere, as at triage
    kiosk = next(c for c in sim.scene("kiosk-call").choices if c.id == "kiosk-sbar")
    assert "chest pressure" in en(kiosk.text) and "presión en el pecho" in kiosk.text.get("es")
    # Spanish register: the nurse speaks to adult patients and family with "usted"
    told = act_of(sim, "before-giving").feedback_for("correct").get("es")
    assert "Si siente comezón, apriete" in " ".join(told.split())


# ---------------------------------------------------------------- the IV drip (a live model, issue 11)
def iv_order(sim) -> tuple:
    """The order and the tubing as the student reads them: mL, hours, drops per mL."""
    text = en(sim.scene("iv-drip").text)
    ml = float(re.search(r"([\d,]+) mL over", text).group(1).replace(",", ""))
    hours = float(re.search(r"over (\d+) hours", text).group(1))
    factor = float(re.search(r"makes (\d+) drops per mL", text).group(1))
    assert "drops per minute = mL × drops per mL ÷ minutes" in text and "made up for the game" in text
    return ml, hours, factor


def test_the_drip_rate_is_worked_out_from_the_order_and_the_tubing(sim):
    ml, hours, factor = iv_order(sim)
    exact = ml * factor / (hours * 60)                  # drops per minute (DosageHelp; cliot)
    assert exact == pytest.approx(31.25) and round(exact) == 31  # a whole drop (DosageHelp)
    act = act_of(sim, "iv-drip")
    assert act.kind == "model" and {"iv-rate"} <= set(act.source)
    assert {"iv-gravity", "drop-factor"} <= set(sim.scene("iv-drip").source)
    s = Session(sim, seed=1, start="iv-drip")
    for rate in (10, 30, 31, 32, 125):
        live = s.preview({"rate": rate})
        outs = {o["id"]: o["value"] for o in live["outputs"]}
        assert outs["ml_h"] == pytest.approx(rate * 60 / factor)      # mL an hour
        assert outs["hours"] == pytest.approx(ml / (rate * 60 / factor))  # how long the bag lasts
    states = {r: s.preview({"rate": r})["goal"]["state"] for r in range(1, 151)}
    assert [r for r, st in states.items() if st == "met"] == [round(exact)]
    assert [r for r, st in states.items() if st == "partly"] == [30, 32]
    assert en(act.explain).startswith("1,000 × 15 ÷ 480 minutes = 31.25: 31 drops a minute")


def test_the_drawing_drips_at_the_rate_and_says_so_in_words(sim):
    s = Session(sim, seed=1, start="iv-drip")
    scene = next(d for d in s.preview({"rate": 31})["displays"] if d["type"] == "scene")
    hand = next(sh for sh in scene["shapes"] if sh.get("spin"))
    assert hand["spin"] == round(31 / 60, 3)           # one turn of the counter per drop
    dots = [sh for sh in scene["shapes"] if sh["shape"] == "circle" and sh.get("r") == 3]
    assert len(dots) == round(31 / 4)                   # the drops a nurse counts in 15 seconds
    assert scene["alt"] == "The drip runs 124 mL an hour, so the bag empties in 8.1 hours. The red hand turns once for each drop."
    drop = next(sh for sh in scene["shapes"] if sh["shape"] == "circle" and sh.get("r") == 4)
    fast = next(d for d in s.preview({"rate": 125})["displays"] if d["type"] == "scene")
    fast_drop = next(sh for sh in fast["shapes"] if sh["shape"] == "circle" and sh.get("r") == 4)
    assert drop["fill"] != fast_drop["fill"] == "#b3261e"   # a bag that empties too fast turns the drop red
    s.set_language("es")
    scene = next(d for d in s.preview({"rate": 31})["displays"] if d["type"] == "scene")
    assert "8,1 horas" in scene["alt"]


@pytest.mark.parametrize("rate,meaning", [(125, "mL per hour"), (21, "10 drops per mL"), (42, "20 drops per mL"),
                                          (2, "counts drops")])
def test_a_common_wrong_rate_says_what_went_wrong_then_a_hint_and_a_second_try(sim, rate, meaning):
    s = Session(sim, seed=1, start="iv-drip")
    s.answer({"rate": rate})
    v = s.view()
    assert v["phase"] == "activity" and meaning in v["activity"]["retry"]["diagnosis"]
    assert "480" in v["activity"]["retry"]["hint"]      # the stepped hint: hours to minutes first
    s.answer({"rate": 31})
    fb = s.view()["feedback"]
    assert (fb["outcome"], fb["first_outcome"], fb["tries"]) == ("correct", "wrong", 2)


def test_the_model_fits_the_shift_clock_and_the_explorer_tries_its_grid(sim):
    from engine.kinds import kind_of
    act = act_of(sim, "iv-drip")
    cands = dict(kind_of(act).candidates(act))
    assert cands["right"] == {"rate": 31}
    s, scenes, _ = play(sim, BEST, seed=CALM_SEED, check_es=False)
    assert scenes.index("triage") < scenes.index("iv-drip") < scenes.index("family")
    assert s.state["outcomes"]["iv-drip"] == "correct"


def test_the_teachers_answer_key_shows_a_drip_that_meets_the_goal(sim):
    from engine.guides import guide_html
    for lang, words in (("en", ("Live model", "Drops per minute: 31 drops/min", "Bag empty in: 8.1 h")),
                        ("es", ("Modelo interactivo", "Gotas por minuto: 31 gotas/min", "La bolsa se vacía en: 8,1 h"))):
        key = " ".join(re.sub("<[^>]+>", " ", guide_html(sim, lang).split("Answer key" if lang == "en" else "Respuestas")[-1]).split())
        for w in words:
            assert w in key, (lang, w)


@pytest.mark.parametrize("mode", ["keys", "mouse"])
def test_the_desktop_player_moves_the_drip_by_keys_and_pointer(mode, tmp_path, monkeypatch):
    """The canvas player's model panel on Dev's drip: Home then 30 steps right is 31 drops,
    the goal is met and the drawing's counter turns; dragging the track to the right end
    makes a bag that empties in under 2 hours."""
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame = pytest.importorskip("pygame")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from engine.desktop.app import App, load_entries
    from engine.desktop.autoplay import Driver
    [entry] = load_entries([SIM_PATH], [])
    app = App(entries=[entry], seed=1)
    app.resume(entry, Session(entry.sim, seed=1, start="iv-drip"))
    app.frame()
    d, panel = Driver(app, mode), app.screen.panel
    if mode == "keys":
        d.press("slider:rate")
        d.key(pygame.K_HOME)
        for _ in range(30):
            d.key(pygame.K_RIGHT)
        assert panel.values["rate"] == 31 and panel.live["goal"]["state"] == "met"
        assert app.screen.button("slider:rate").label.startswith("Drops per minute: 31 drops/min")
        d.press("submit")
        assert app.story.session.state["outcomes"]["iv-drip"] == "correct"
    else:
        r = app.screen.button("slider:rate").rect
        d.drag((r.x + 2, r.centery), (r.right - 1, r.centery))
        assert panel.values["rate"] == 150
        hours = next(o for o in panel.live["outputs"] if o["id"] == "hours")
        assert hours["value"] < 2 and panel.live["displays"][0]["zone"] == "bad"
    app.frame()  # drawn, the drop counter turning, without crashing
