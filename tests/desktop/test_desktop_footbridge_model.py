"""The footbridge's beam model in the pygame-ce player: keys, mouse and touch move the
material and the depth, the engine's outputs and the drawing follow, and the committed
beams are the ones on screen."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

pygame = pytest.importorskip("pygame")

from engine.desktop import screens as S  # noqa: E402
from tests.kinds.test_model_desktop import at_model as open_model  # noqa: E402
from tests.kinds.test_model_desktop import own_config  # noqa: E402,F401 - its fixture, used here too

SIM = Path(__file__).resolve().parents[2] / "simulations" / "engineering" / "footbridge-design.yaml"


def at_model(mode) -> tuple:
    app, driver = open_model(mode, SIM, "choose-structure")
    assert isinstance(app.screen, S.ActivityScreen)
    return app, driver


def out(app, oid):
    return next(o["text"] for o in app.screen.panel.live["outputs"] if o["id"] == oid)


def beam_fills(app):
    scene = next(d for d in app.screen.panel.live["displays"] if d["type"] == "scene")
    return {sh["fill"] for sh in scene["shapes"] if sh["shape"] == "line" and sh["fill"]}


def test_keys_deepen_the_beam_and_the_outputs_follow():
    app, d = at_model("keys")
    assert out(app, "sag") == "150" and beam_fills(app) == {"#b3261e"}
    d.press("slider:depth")
    d.key(pygame.K_RIGHT)                                  # 1 m -> 1.1 m
    assert app.screen.panel.values["depth"] == 1.1 and out(app, "fails_at") == "605"
    d.key(pygame.K_END)                                    # 2 m: 150 / 8 = 19 mm
    assert out(app, "sag") == "19" and beam_fills(app) == {"#4a5a6a"}
    assert app.screen.button("slider:depth").label.startswith("Beam depth: 2 m")
    app.frame()                                            # the drawing is painted without error


@pytest.mark.parametrize("mode", ["mouse", "touch"])
def test_pointer_picks_steel_and_commits_beams_that_meet_the_goal(mode, tmp_path):
    app, d = at_model(mode)
    d.press("more:material")                               # wood -> steel I-beams
    assert app.screen.panel.values["material"] == "steel" and out(app, "self_weight") == "139"
    r = app.screen.button("slider:depth").rect
    d.drag((r.right - 4, r.centery), (r.x + 2, r.centery))  # all the way down: 0.6 m
    assert app.screen.panel.values["depth"] == 0.6
    for _ in range(3):
        d.press("more:depth")                              # 0.9 m
    assert out(app, "factor") == "2.33" and app.screen.panel.live["goal"]["state"] == "met"
    app.frame()
    pygame.image.save(app.surface if hasattr(app, "surface") else pygame.display.get_surface(),
                      str(tmp_path / "beam.png"))
    d.press("submit")
    session = app.story.session
    assert session.state["answers"][-1]["answer"] == {"material": "steel", "depth": 0.9, "span": "banks"}
    assert session.state["outcomes"]["choose-structure"] == "correct"
    assert session.state["vars"]["capacity"] == 891


def test_a_pier_in_the_creek_by_key_holds_four_times_the_load():
    app, d = at_model("keys")
    assert out(app, "fails_at") == "500" and out(app, "limit") == "83"
    d.press("more:span")                                   # the banks only -> a pier
    assert app.screen.panel.values["span"] == "pier"
    assert out(app, "fails_at") == "2,000" and out(app, "sag") == "9" and out(app, "limit") == "42"
    scene = next(x for x in app.screen.panel.live["displays"] if x["type"] == "scene")
    assert [sh for sh in scene["shapes"] if sh["shape"] == "rect" and sh["x"] == 192]   # the pier is drawn
    app.frame()


def test_the_drawings_words_are_drawn_in_ink(monkeypatch):
    """A text shape without a colour is drawn in the theme's ink (readable in every theme),
    as the browser draws it in the page's text colour."""
    app, _d = at_model("mouse")
    drawn = []
    real = app.text.render

    def spy(text, size, colour, *a, **kw):
        drawn.append((text, tuple(colour)[:3]))
        return real(text, size, colour, *a, **kw)

    monkeypatch.setattr(app.text, "render", spy)
    app.screen.panel._drawn_key = None                     # the outputs are cached: draw them again
    app.screen.panel.changed()
    app.frame()
    ink = tuple(app.screen.panel.c["ink"])[:3]
    assert ("Sag 150 mm (limit 83 mm)", ink) in drawn
