"""The kiosk operator's PIN (audit F6, F7): no default, a salted slow hash and never the PIN
kept, tries limited by a growing wait (on a fake clock: no sleeping), the PIN cleared after
use, and closing the desktop kiosk's window asks for it. Headless pygame."""
from __future__ import annotations

import hashlib
import os
import stat

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine import kiosk_pin  # noqa: E402
from engine.desktop.app import load_entries  # noqa: E402
from engine.desktop.autoplay import Driver  # noqa: E402
from engine.desktop.kiosk import (AttractScreen, KioskApp, KioskConfig, OperatorScreen,  # noqa: E402
                                  PinScreen, SetPinScreen, main)
from engine.desktop.resources import simulation_files  # noqa: E402

PIN = "3917"


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


@pytest.fixture(autouse=True)
def quick_hash(monkeypatch):
    # The real 600,000 rounds take most of a second; the rounds are stored in each hash,
    # so checking works the same with fewer. test_the_hash_is_salted_and_slow uses the real one.
    monkeypatch.setattr(kiosk_pin, "ITERATIONS", 2000)


@pytest.fixture(scope="module")
def entries():
    return load_entries(simulation_files())[:2]


def make_app(entries, data_dir, pin=None, clock=None):
    clock = clock or FakeClock()
    app = KioskApp(entries=entries, config=KioskConfig(data_dir=data_dir, pin=pin), clock=clock, seed=1)
    app.home()
    app.frame()
    return app, clock


def type_pin(app, pin):
    d = Driver(app, "touch")
    for k in pin:
        d.press(f"pin:{k}")
    d.press("pin:ok")


# -- the hash ------------------------------------------------------------------------------

def test_the_hash_is_salted_and_slow(monkeypatch):
    monkeypatch.undo()  # the real number of rounds
    stored = kiosk_pin.hash_pin(PIN)
    scheme, rounds, salt, digest = stored.split("$")
    assert scheme == "pbkdf2-sha256" and int(rounds) >= 600_000 and len(bytes.fromhex(salt)) >= 16
    assert PIN not in stored
    assert digest == hashlib.pbkdf2_hmac("sha256", PIN.encode(), bytes.fromhex(salt), int(rounds)).hex()
    assert kiosk_pin.verify_pin(PIN, stored)


def test_two_hashes_of_one_pin_differ_and_only_the_pin_matches():
    a, b = kiosk_pin.hash_pin(PIN), kiosk_pin.hash_pin(PIN)
    assert a != b
    for stored in (a, b):
        assert kiosk_pin.verify_pin(PIN, stored)
        for wrong in ("3918", "39170", "391", "", "３９１７", "abcd"):
            assert not kiosk_pin.verify_pin(wrong, stored), wrong
    assert not kiosk_pin.verify_pin(PIN, "plain:" + PIN)
    assert not kiosk_pin.verify_pin(PIN, PIN)


def test_the_python_fallback_matches_hashlib():
    # Used where CPython has no OpenSSL (some WebAssembly builds).
    salt = bytes(range(16))
    for rounds in (1, 2, 1000):
        assert kiosk_pin._pbkdf2_sha256_python(b"3917", salt, rounds) == \
            hashlib.pbkdf2_hmac("sha256", b"3917", salt, rounds)


@pytest.mark.parametrize("pin,problem", [
    ("123", "pin_digits"), ("1234567890123", "pin_digits"), ("12a4", "pin_digits"), ("", "pin_digits"),
    ("３９１７", "pin_digits"), ("2468", "weak_pin"), ("0000", "weak_pin"), ("1234", "weak_pin"),
    ("98765", "weak_pin"), ("3917", None), ("20250611", None),
])
def test_which_pins_can_be_chosen(pin, problem):
    assert kiosk_pin.pin_problem(pin) == problem


def test_tries_are_limited_by_a_growing_wait():
    clock = FakeClock()
    guard = kiosk_pin.PinGuard(kiosk_pin.hash_pin(PIN), clock)
    assert [guard.check("0001"), guard.check("0002")] == ["wrong", "wrong"]
    assert guard.wait_left() == 0
    assert guard.check("0003") == "wrong"
    assert guard.wait_left() == 30
    assert guard.check(PIN) == "locked"     # not even the right PIN while locked
    waits = []
    for _ in range(7):
        clock.t += guard.wait_left()
        assert guard.check("0004") == "wrong"
        waits.append(guard.wait_left())
    assert waits == [60, 120, 240, 480, 900, 900, 900]
    clock.t += guard.wait_left()
    assert guard.check(PIN) == "ok"
    assert guard.check("0005") == "wrong" and guard.wait_left() == 0   # three free tries again


# -- the desktop kiosk ---------------------------------------------------------------------

def test_first_start_without_a_pin_asks_the_operator_to_choose_one(entries, tmp_path):
    app, clock = make_app(entries, tmp_path)
    assert isinstance(app.screen, SetPinScreen)
    clock.t += 3600                          # no idle reset skips it
    app.frame()
    assert isinstance(app.screen, SetPinScreen)
    type_pin(app, "2468")                    # the old published default
    assert app.screen.message and isinstance(app.screen, SetPinScreen)
    type_pin(app, "12")
    assert isinstance(app.screen, SetPinScreen)
    type_pin(app, PIN)
    type_pin(app, "3918")                    # not the same twice
    assert isinstance(app.screen, SetPinScreen) and app.screen.title_key == "choose_pin"
    type_pin(app, PIN)
    type_pin(app, PIN)
    assert isinstance(app.screen, AttractScreen)
    saved = (tmp_path / "kiosk-pin.json").read_text()
    assert PIN not in saved and kiosk_pin.verify_pin(PIN, kiosk_pin.load_stored(tmp_path))
    assert stat.S_IMODE((tmp_path / "kiosk-pin.json").stat().st_mode) == 0o600
    # the next start uses the kept hash
    again, _ = make_app(entries, tmp_path)
    assert isinstance(again.screen, AttractScreen)
    again.show(PinScreen(again))
    type_pin(again, PIN)
    assert isinstance(again.screen, OperatorScreen)


def test_a_pin_given_at_start_is_hashed_and_dropped(entries, tmp_path):
    app, _ = make_app(entries, tmp_path, pin=PIN)
    assert isinstance(app.screen, AttractScreen)
    assert app.config.pin is None
    assert PIN not in (tmp_path / "kiosk-pin.json").read_text()
    # a new PIN at start replaces the kept one
    app2, _ = make_app(entries, tmp_path, pin="58203")
    app2.show(PinScreen(app2))
    type_pin(app2, PIN)
    assert not isinstance(app2.screen, OperatorScreen)
    app2.show(PinScreen(app2))
    type_pin(app2, "58203")
    assert isinstance(app2.screen, OperatorScreen)


def test_the_pin_is_cleared_after_use(entries, tmp_path):
    app, _ = make_app(entries, tmp_path, pin=PIN)
    app.show(PinScreen(app))
    pad = app.screen
    d = Driver(app, "touch")
    for k in PIN:
        d.press(f"pin:{k}")
    assert pad.entered == PIN
    d.press("pin:ok")
    assert isinstance(app.screen, OperatorScreen)
    assert pad.entered == ""
    app.frame()
    assert not any(PIN in str(v) for obj in (app, app.config, pad, app.screen) for v in vars(obj).values())
    assert not any(PIN in str(k[0]) for k in app.text.surfaces.data)
    # a wrong try is cleared too
    app.show(PinScreen(app))
    for k in "0815":
        d.press(f"pin:{k}")
    d.press("pin:ok")
    assert app.screen.entered == ""


def test_three_misses_lock_the_keypad_and_the_wait_grows(entries, tmp_path):
    app, clock = make_app(entries, tmp_path, pin=PIN)
    app.show(PinScreen(app))
    for wrong in ("1111", "2222", "3333"):
        type_pin(app, wrong)
    assert isinstance(app.screen, AttractScreen)      # back to the visitors
    app.show(PinScreen(app))                           # reopening does not start afresh
    app.frame()
    assert "30" in app.screen.mirror_text()
    type_pin(app, PIN)
    assert isinstance(app.screen, PinScreen) and app.screen.entered == ""
    clock.t += 29
    type_pin(app, PIN)
    assert isinstance(app.screen, PinScreen)
    clock.t += 1
    type_pin(app, "4444")                              # a fourth miss: 60 s
    assert app.pin_guard.wait_left() == 60
    clock.t += 60
    app.show(PinScreen(app))
    type_pin(app, PIN)
    assert isinstance(app.screen, OperatorScreen)


def test_closing_the_window_asks_for_the_pin(entries, tmp_path):
    app, clock = make_app(entries, tmp_path, pin=PIN)
    for where in ("attract", "play"):
        if where == "play":
            Driver(app, "touch").press(f"sim:{app.rotation_entries()[0].id}")
            assert app.story is not None
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        app.frame()
        assert app.running, where
        assert isinstance(app.screen, PinScreen), where
        Driver(app, "touch").press("cancel")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.frame()
    type_pin(app, PIN)
    assert isinstance(app.screen, OperatorScreen)
    pygame.event.post(pygame.event.Event(pygame.QUIT))   # on the menu: stays there
    app.frame()
    assert app.running and isinstance(app.screen, OperatorScreen)
    Driver(app, "touch").press("exit")
    assert not app.running


def test_main_refuses_a_weak_pin_and_takes_the_pin_out_of_the_environment(tmp_path, monkeypatch, capsys):
    assert main(["--windowed", "--frames", "1", "--data-dir", str(tmp_path), "--pin", "1111"]) == 2
    assert "too easy" in capsys.readouterr().err
    monkeypatch.setenv("TESTDRIVE_KIOSK_PIN", PIN)
    assert main(["--windowed", "--frames", "2", "--data-dir", str(tmp_path)]) == 0
    assert "TESTDRIVE_KIOSK_PIN" not in os.environ
    assert kiosk_pin.verify_pin(PIN, kiosk_pin.load_stored(tmp_path))
