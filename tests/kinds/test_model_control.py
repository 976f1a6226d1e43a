"""A live model's control chart (display `control`): the measurements taken so far against
the centre line and the control limits, with a data-table twin; and what the controls show
on a second try."""
from __future__ import annotations

import pytest

from engine import Session
from tests.conftest import sim_from_text

CHART = """      displays:
        - type: control
          label: {en: Bore, es: Barreno}
          unit: mm
          values: [25.005, 24.995, 25.031, 24.975, 24.965]
          shown: samples
          centre: 25.00
          lower: "25.00 - 3 * sigma"
          upper: "25.00 + 3 * sigma"
          decimals: 3
"""

SPC = """
start: s
languages: [en, es]
variables:
  sigma: {type: number, start: 0.01}
scenes:
  s:
    text: Measure one bore every 20 minutes.
    activity:
      kind: model
      prompt: Measure parts until the chart tells you to stop.
      inputs:
        - {id: samples, label: Parts measured, control: stepper, min: 1, max: 5, step: 1, start: 1, decimals: 0}
      outputs:
        - {id: last, label: Parts measured, value: "samples", decimals: 0}
""" + CHART + """      goal: {text: Stop at the first point outside the limits, met: "samples == 3"}
      attempts: 2
      hints: [Look for a point above the top line or below the bottom line.]
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture(scope="module")
def spc():
    return sim_from_text(SPC)


def control(live):
    return next(d for d in live["displays"] if d["type"] == "control")


def test_the_chart_shows_the_parts_measured_so_far_against_its_limits(spc):
    s = Session(spc)
    a = s.view()["activity"]
    assert a["displays"] == [{"type": "control", "output": None, "input": None, "label": "Bore", "unit": "mm"}]
    c = control(a["live"])
    assert [p["y"] for p in c["points"]] == [25.005]  # one part measured at the start
    assert (c["centre"], c["lower"], c["upper"]) == (25.0, pytest.approx(24.97), pytest.approx(25.03))
    assert (c["lower_text"], c["upper_text"], c["count"]) == ("24.970", "25.030", 5)
    c3 = control(s.preview({"samples": 3}))
    assert [(p["x_text"], p["y_text"], p["out"]) for p in c3["points"]] == [
        ("1", "25.005", False), ("2", "24.995", False), ("3", "25.031", True)]
    assert c3["first_out"] == 3
    c5 = control(s.preview({"samples": 5}))
    assert [p["out"] for p in c5["points"]] == [False, False, True, False, True]
    assert c5["first_out"] == 3
    # the scale covers every measurement and both limits from the start: it never jumps
    assert (c["y_min"], c["y_max"]) == (c5["y_min"], c5["y_max"])
    assert c["y_min"] < 24.965 and c["y_max"] > 25.031


def test_spanish_writes_the_chart_with_a_decimal_comma(spc):
    s = Session(spc, lang="es")
    a = s.view()["activity"]
    assert a["displays"][0]["label"] == "Barreno"
    c = control(s.preview({"samples": 2}))
    assert [p["y_text"] for p in c["points"]] == ["25,005", "24,995"]
    assert c["centre_text"] == "25,000"  # a measurement keeps every decimal
    assert c["lower_text"] == "24,970"


def test_the_limits_follow_the_simulations_variables(spc):
    s = Session(spc)
    s.state["vars"]["sigma"] = 0.02
    c = control(s.preview({"samples": 5}))
    assert c["upper"] == pytest.approx(25.06) and c["first_out"] is None


def test_a_second_try_keeps_the_students_last_setting(spc):
    """On a second try the controls stay where the student left them: the diagnosis and the
    hint talk about the setting still on screen, and one knob can be fixed without redoing
    the others. Every front end starts its controls from the view's live inputs."""
    s = Session(spc)
    s.answer({"samples": 5})
    a = s.view()["activity"]
    assert a["retry"]["answer"] == {"samples": 5}
    assert a["live"]["inputs"] == {"samples": 5}
    assert [p["y"] for p in control(a["live"])["points"]][-1] == 24.965
    assert a["inputs"][0]["start"] == 1  # the authored start is still there for the record
    # a resumed game shows the same
    again = Session.from_resume_code(spc, s.resume_code())
    assert again.view()["activity"]["live"]["inputs"] == {"samples": 5}
    s.answer({"samples": 3})
    assert s.state["outcomes"]["s"] == "correct"


def test_a_goal_can_wait_for_the_check(spc):
    hidden = sim_from_text(SPC.replace('met: "samples == 3"}', 'met: "samples == 3", live: false}'))
    s = Session(hidden)
    assert s.view()["activity"]["live"]["goal"] == {"state": "hidden", "score": 0}
    assert s.preview({"samples": 3})["goal"] == {"state": "hidden", "score": 0}
    assert Session(spc).preview({"samples": 3})["goal"]["state"] == "met"  # shown by default
    s.answer({"samples": 3})
    assert s.state["outcomes"]["s"] == "correct"  # graded all the same


@pytest.mark.parametrize("display,message", [
    ("{type: control, label: Bore, centre: 1, lower: 0, upper: 2}", "needs 'values'"),
    ("{type: control, label: Bore, values: [1, x], centre: 1, lower: 0, upper: 2}", "value 2 of display 1"),
    ("{type: control, label: Bore, values: [1], centre: 1, lower: 0}", "needs 'upper'"),
    ("{type: control, label: Bore, values: [1], centre: 1, lower: 'zz - 1', upper: 2}", "unknown name 'zz'"),
    ("{type: control, values: [1], centre: 1, lower: 0, upper: 2}", "needs a 'label'"),
])
def test_control_chart_mistakes_are_reported(problems_from, display, message):
    text = SPC.replace(CHART, f"      displays: [{display}]\n")
    errors = [d.message for d in problems_from(text) if d.severity == "error"]
    assert len(errors) == 1 and message in errors[0], errors


# ---------------------------------------------------------------- the terminal
def _play_text(sim, lines, lang="en"):
    from engine.textplayer import TextPlayer
    session = Session(sim, lang=lang)
    feed, out = list(lines), []
    TextPlayer(session, lambda: feed.pop(0) if feed else None, out.append).run()
    return session, "".join(out)


def test_the_terminal_prints_the_control_chart_as_a_table(spc):
    _s, text = _play_text(spc, ["set samples 3", "done", ""])
    assert "Control chart of Bore: centre line 25.000 mm, control limits 24.970 to 25.030 mm" in " ".join(text.split())
    assert "Sample 2: 24.995 mm\n" in text
    assert "Sample 3: 25.031 mm  <- outside the limits" in text
    assert "Sample 3 is the first outside the limits." in text
    assert "Every sample so far is inside the limits." in text  # before `set samples 3`
    _s, es = _play_text(spc, ["set samples 2", "done", "set samples 3", "done", ""], lang="es")
    assert "Muestra 2: 24,995 mm" in es and "Gráfica de control de Barreno" in es


def test_the_terminal_keeps_the_last_setting_on_a_second_try(spc):
    session, text = _play_text(spc, ["set samples 5", "done", "done", ""])
    # the second `done` commits what was on screen: the last try's 5, not the start's 1
    assert [r["answer"] for r in session.state["answers"]] == [{"samples": 5}]
    assert "samples = 5" in text.split("Try again")[1]


# ---------------------------------------------------------------- the canvas player
@pytest.fixture
def desktop(spc, tmp_path, monkeypatch):
    """The canvas player on the SPC model, headless."""
    import os
    from pathlib import Path
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pytest.importorskip("pygame")
    from engine.desktop import screens as S
    from engine.desktop.app import App, Entry
    app = App(entries=[], seed=1)
    app.resume(Entry(spc.id, Path("inline.yaml"), spc), Session(spc, seed=1))
    app.frame()
    assert isinstance(app.screen, S.ActivityScreen)
    return app


def test_the_canvas_draws_the_chart_and_mirrors_its_table(desktop):
    from engine.desktop.mirror import snapshot
    app = desktop
    panel = app.screen.panel

    def bad_pixels():
        surf, bad = panel._drawn, app.screen.c["bad"]
        return sum(surf.get_at((x, y))[:3] == bad for x in range(surf.get_width()) for y in range(surf.get_height()))

    panel.set_index("samples", 1)  # two parts measured, both inside: only the limit lines are red
    app.frame()
    inside = bad_pixels()
    panel.set_index("samples", 2)  # three parts measured
    app.frame()
    assert bad_pixels() >= inside + 100  # the third is outside: a 12 px square in the 'bad' colour
    text = snapshot(app)["text"]
    assert "Control chart of Bore: centre line 25.000 mm, control limits 24.970 to 25.030 mm" in text
    assert "Sample 2: 24.995 mm (inside)" in text
    assert "Sample 3: 25.031 mm (outside the limits)" in text
    assert "Sample 3 is the first outside the limits." in text


def test_the_canvas_keeps_the_last_setting_on_a_second_try(desktop):
    app = desktop
    app.screen.panel.set_index("samples", 4)  # five parts
    app.screen.submit()
    app.frame()
    retry = app.screen.view["activity"]["retry"]
    assert retry["tried"] == 1
    assert app.screen.panel.values == {"samples": 5}  # a new panel, started where the try left it
    assert "Sample 5: 24.965 mm" in app.screen.panel.describe()


def test_the_canvas_shows_small_steps_with_their_decimals(tmp_path, monkeypatch):
    """The CNC feed model's chip load moves in steps of 0.0005 inch: the slider says
    0.001, 0.0015 ... (it read "0." before), with the decimal comma in Spanish."""
    import os
    from pathlib import Path
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pytest.importorskip("pygame")
    from engine import load_simulation
    from engine.desktop.app import App, Entry
    from engine.desktop.autoplay import Driver
    from tests.content.test_sim_cnc import SIM_PATH
    sim = load_simulation(SIM_PATH)
    for lang, start, after in (("en", "Chip load: 0.001 in", "Chip load: 0.0015 in"),
                               ("es", "Carga de viruta: 0,001 in", "Carga de viruta: 0,0015 in")):
        app = App(entries=[], seed=1)
        app.resume(Entry(sim.id, Path(SIM_PATH), sim), Session(sim, seed=1, start="feed", lang=lang))
        app.frame()
        assert app.screen.button("slider:chip").label == start
        Driver(app, "mouse").press("more:chip")
        assert app.screen.button("slider:chip").label == after
        assert app.screen.panel.live["outputs"][1]["text"] == ("22,9" if lang == "es" else "22.9")  # 7640 × 2 × 0.0015
