"""The model screen draws its still picture once and reuses it until something drawn in it
changes; only the spinning parts are drawn every frame. The reused picture must look exactly
like a fresh drawing."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

pygame = pytest.importorskip("pygame")

from tests.kinds.test_model_desktop import at_model  # noqa: E402
from tests.kinds.test_model_desktop import own_config  # noqa: E402,F401 - its fixture, used here too


def fresh(app):
    """The same frame drawn the old way: everything, straight onto the canvas."""
    scr = app.screen
    out = app.canvas.copy()
    scr.draw_still(out, over=True)
    return pygame.image.tobytes(out, "RGB")


def shown(app):
    app.draw()
    return pygame.image.tobytes(app.canvas, "RGB")


def test_nothing_changed_nothing_redrawn():
    app, _d = at_model("mouse")
    for _ in range(5):
        app.frame()
    n = app.screen.still_draws
    for _ in range(30):
        app.frame()
    assert app.screen.still_draws == n


def test_a_moved_slider_or_focus_redraws_and_looks_as_drawn_fresh():
    app, d = at_model("keys")
    app.frame()
    assert shown(app) == fresh(app)
    d.press("slider:sfm")               # focus moves to the slider
    app.frame()
    scr = app.screen
    n = scr.still_draws
    d.key(pygame.K_RIGHT)               # a new value: new outputs
    app.frame()
    assert app.screen.panel.values["sfm"] == 350
    assert app.screen.still_draws > n or app.screen is not scr
    assert shown(app) == fresh(app)
    d.key(pygame.K_TAB)                 # only the focus ring moves
    app.frame()
    assert shown(app) == fresh(app)


def test_hover_and_high_contrast_are_drawn():
    app, d = at_model("mouse")
    app.frame()
    before = app.screen.still_draws
    r = app.screen.button("more:sfm").rect
    app.screen.handle(type("Ev", (), {"kind": "move", "pos": r.center})())
    app.frame()
    assert app.screen.hover is not None and app.screen.still_draws == before + 1
    assert shown(app) == fresh(app)
    app.settings.high_contrast = True
    app.frame()
    assert app.screen.still_draws == before + 2
    assert shown(app) == fresh(app)


def test_the_spindle_still_turns():
    app, _d = at_model("mouse")
    app.frame()
    assert app.screen.panel._spinners, "the example's model has a spinning part"
    app.screen.t = 0.1
    a = shown(app)
    app.screen.t = 0.35
    b = shown(app)
    assert a != b and b == fresh(app)
