"""Kiosk mode, headless, on a fake clock (no sleeping): attract -> play -> idle prompt ->
reset with nothing kept; results QR; operator menu behind long press + PIN."""
import csv
import gc
import weakref
import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.desktop import screens as S  # noqa: E402
from engine.desktop.app import load_entries  # noqa: E402
from engine.desktop.autoplay import Driver  # noqa: E402
from engine.desktop.kiosk import (CORNER, AttractScreen, KioskApp, KioskConfig,  # noqa: E402
                                  OperatorScreen, PinScreen, StillThere, main)
from engine.desktop.resources import simulation_files  # noqa: E402


PIN = "3917"  # the operator's (there is no default PIN)


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


@pytest.fixture(scope="module")
def entries():
    return load_entries(simulation_files())


@pytest.fixture
def kiosk(entries, tmp_path):
    clock = FakeClock()
    cfg = KioskConfig(idle_seconds=60, warn_seconds=15, attract_seconds=7, data_dir=tmp_path, pin=PIN)
    app = KioskApp(entries=entries, config=cfg, clock=clock, seed=3)
    app.home()
    app.frame()
    return app, clock


def feature_id(app):
    """A simulation in the kiosk's rotation, one with a kiosk cut if there is one."""
    rot = app.rotation_entries()
    return next((e.id for e in rot if e.kiosk_start), rot[0].id)


def test_touch_starts_the_kiosk_cut(kiosk, entries):
    app, clock = kiosk
    assert isinstance(app.screen, AttractScreen)
    d = Driver(app, "touch")
    d.press(f"sim:{feature_id(app)}")
    entry = app.story.entry
    if not entry.kiosk_start:
        pytest.skip("no simulation in the rotation has a kiosk cut")
    assert app.story.view["scene"] == entry.kiosk_start
    assert app.stats.plays[entry.id]["started"] == 1


def test_idle_prompt_then_reset_keeps_nothing(kiosk, entries):
    app, clock = kiosk
    d = Driver(app, "touch", seed=1)
    d.press(f"sim:{feature_id(app)}")
    # the visitor changes settings and plays a little
    d.key(pygame.K_ESCAPE)
    d.press("lang:es")
    d.press("text+")
    d.press("contrast")
    d.press("close")
    d.step()
    d.step()
    assert app.settings.lang == "es"
    story_ref, session_ref = weakref.ref(app.story), weakref.ref(app.story.session)
    # idle, but not long enough
    clock.t += 59
    app.frame()
    assert app.overlay is None
    clock.t += 2
    app.frame()
    assert isinstance(app.overlay, StillThere)
    assert app.overlay.left() == 15
    # a touch means "I'm here": the story goes on
    d.post_click((10, 300))
    assert app.overlay is None and app.story is not None
    # idle again, nobody answers: reset
    clock.t += 61
    app.frame()
    assert isinstance(app.overlay, StillThere)
    clock.t += 14
    app.frame()
    assert app.story is not None
    clock.t += 2
    app.frame()
    assert isinstance(app.screen, AttractScreen)
    assert app.overlay is None and app.story is None
    assert app.settings.lang == "en" and app.settings.text_scale == 1.0
    assert not app.settings.high_contrast
    # nothing holds on to the old visitor's story or session
    gc.collect()
    assert story_ref() is None and session_ref() is None


def test_examples_stay_out_of_the_default_rotation(kiosk, entries):
    app, clock = kiosk
    others = [e.id for e in entries if "examples" not in e.path.parts]
    if others:
        assert sorted(app.rotation) == sorted(others)
    assert all(f"sim:{i}" in [b.id for b in app.screen.buttons] for i in app.rotation)


def test_attract_screen_never_times_out_and_cycles(kiosk, entries):
    app, clock = kiosk
    first = app.screen.featured()
    clock.t += 10_000
    app.frame(dt=8.0)
    assert isinstance(app.screen, AttractScreen) and app.overlay is None
    if len(app.rotation_entries()) > 1:
        assert app.screen.featured() is not first


def test_full_visit_ends_on_the_qr_and_counts_the_play(kiosk, entries, tmp_path):
    app, clock = kiosk
    d = Driver(app, "mouse", seed=2)
    d.press(f"sim:{feature_id(app)}")
    assert d.play_to_results()
    assert isinstance(app.screen, S.ResultsScreen)
    code = app.screen.code
    assert app.screen.qr is not None
    sim_id = app.story.entry.id
    assert app.stats.plays[sim_id]["finished"] == 1
    d.press("done")
    assert isinstance(app.screen, AttractScreen) and app.story is None
    saved = (tmp_path / "kiosk-stats.json").read_text()
    assert code not in saved                     # counts only, never codes or answers
    assert json.loads(saved)["plays"][sim_id]["finished"] == 1


def test_operator_menu_long_press_pin_rotation_csv_exit(kiosk, entries, tmp_path):
    app, clock = kiosk
    d = Driver(app, "touch")
    # a short press in the corner does nothing
    wx, wy = d.to_window(CORNER.center)
    ww, wh = app.window.get_size()
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=wx / ww, y=wy / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1))
    app.frame()
    clock.t += 1
    app.frame()
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=wx / ww, y=wy / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1))
    app.frame()
    clock.t += 5
    app.frame()
    assert isinstance(app.screen, AttractScreen)
    # a long press asks for the PIN
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=wx / ww, y=wy / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1))
    app.frame()
    clock.t += 3.1
    app.frame()
    assert isinstance(app.screen, PinScreen)
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=wx / ww, y=wy / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1))
    app.frame()
    for k in "1111":
        d.press(f"pin:{k}")
    d.press("pin:ok")
    assert isinstance(app.screen, PinScreen) and app.screen.message
    for k in PIN:
        d.press(f"pin:{k}")
    d.press("pin:ok")
    assert isinstance(app.screen, OperatorScreen)
    fid = feature_id(app)
    was_in = fid in app.rotation
    if len(app.rotation) > 1 or not was_in:
        d.press(f"rot:{fid}")
        assert (fid in app.rotation) != was_in
        d.press(f"rot:{fid}")
    assert (fid in app.rotation) == was_in
    d.press("export")
    rows = list(csv.DictReader(app.last_export.open()))
    assert {r["sim_id"] for r in rows} == {e.id for e in entries}
    assert set(rows[0]) == {"sim_id", "title", "in_rotation", "started", "finished", "endings"}
    d.press("exit")
    assert not app.running


def test_three_wrong_pins_go_back_to_attract(kiosk):
    app, clock = kiosk
    app.show(PinScreen(app))
    d = Driver(app, "keys")
    for _ in range(3):
        d.key(pygame.K_0, text="0")
        d.key(pygame.K_RETURN)
    assert isinstance(app.screen, AttractScreen)


def test_rotation_is_remembered(entries, tmp_path):
    clock = FakeClock()
    cfg = KioskConfig(data_dir=tmp_path)
    app = KioskApp(entries=entries, config=cfg, clock=clock)
    app.home()
    app.show(OperatorScreen(app))
    if len(entries) < 2:
        pytest.skip("needs two simulations")
    gone = entries[0].id
    Driver(app, "mouse").press(f"rot:{gone}")
    again = KioskApp(entries=entries, config=KioskConfig(data_dir=tmp_path), clock=clock)
    assert gone not in again.rotation


def test_kiosk_main_runs(tmp_path):
    assert main(["--windowed", "--frames", "3", "--data-dir", str(tmp_path)]) == 0


def test_typed_numbers_are_not_kept_in_any_cache(kiosk):
    from engine.desktop.activities import NumericPanel
    app, clock = kiosk
    d = Driver(app, "keys", seed=4)
    for e in app.rotation_entries():
        app.reset()
        d.press(f"sim:{e.id}")
        for _ in range(200):
            scr = app.screen
            if isinstance(scr, S.ActivityScreen) and isinstance(scr.panel, NumericPanel):
                for ch in "98765":
                    d.key(getattr(pygame, f"K_{ch}"), text=ch)
                clock.t += 100          # walks away: the prompt...
                app.frame()
                clock.t += 100          # ...then the reset
                app.frame()
                assert isinstance(app.screen, AttractScreen)
                assert not any("98765" in str(k[0]) for k in app.text.surfaces.data)
                return
            if d.step() == "results":
                break
    pytest.skip("no numeric activity in the rotation")
