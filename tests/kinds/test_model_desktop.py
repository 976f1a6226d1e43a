"""The canvas player's model panel: keys, mouse and touch move the inputs; the engine's outputs follow."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

pygame = pytest.importorskip("pygame")

from engine import Session  # noqa: E402
from engine.desktop import screens as S  # noqa: E402
from engine.desktop.app import App, load_entries  # noqa: E402
from engine.desktop.autoplay import Driver  # noqa: E402
from tests.conftest import EXAMPLE  # noqa: E402


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def at_model(mode, path=EXAMPLE, scene="spindle"):
    """The canvas player opened straight at the model in `scene` of the simulation at `path`."""
    errors = []
    [entry] = load_entries([path], errors)
    app = App(entries=[entry], seed=1)
    app.resume(entry, Session(entry.sim, seed=1, start=scene))
    app.frame()
    return app, Driver(app, mode)


def rpm(app):
    return app.screen.panel.live["outputs"][0]["text"]


def test_keys_move_a_slider_and_the_outputs_follow():
    app, d = at_model("keys")
    assert isinstance(app.screen, S.ActivityScreen) and rpm(app) == "4,584"
    d.press("slider:sfm")
    d.key(pygame.K_RIGHT)  # one step: 300 -> 350 ft/min
    assert app.screen.panel.values["sfm"] == 350 and rpm(app) == "5,348"
    d.key(pygame.K_END)
    assert app.screen.panel.values["sfm"] == 1000
    d.key(pygame.K_HOME)
    assert app.screen.panel.values["sfm"] == 100
    d.key(pygame.K_PAGEUP)  # a tenth of the range
    assert app.screen.panel.values["sfm"] == 150
    assert app.screen.button("slider:sfm").label.startswith("Surface speed: 150 ft/min")


@pytest.mark.parametrize("mode", ["mouse", "touch"])
def test_dragging_a_track_and_tapping_plus_move_the_inputs(mode):
    app, d = at_model(mode)
    r = app.screen.button("slider:sfm").rect
    d.drag((r.x + 2, r.centery), (r.right - 1, r.centery))
    assert app.screen.panel.values["sfm"] == 1000
    d.press("more:diameter")
    assert app.screen.panel.values["diameter"] == 0.375
    assert rpm(app) == "10,187"
    assert app.screen.panel.live["displays"][0]["zone"] == "bad"


def test_check_commits_the_inputs_on_screen():
    app, d = at_model("mouse")
    panel = app.screen.panel
    panel.set_index("sfm", 14)  # 800 ft/min
    panel.set_index("diameter", 3)  # 0.5 in
    d.press("submit")
    assert app.story.session.state["answers"][-1]["answer"] == {"sfm": 800, "diameter": 0.5, "flutes": "two"}
    assert app.story.session.state["outcomes"]["spindle"] == "correct"
