"""Kiosk mode: the career-fair stand that runs all day, unattended.

Attract screen cycling the simulations -> touch to start (each simulation's kiosk cut)
-> play -> QR code to take the result home -> back to the attract screen. After a set
idle time a "Still there?" prompt, then a reset with nothing of the visitor kept. An
operator menu sits behind a long press in the top-left corner plus a PIN: choose the
rotation, see plays per simulation, export them as CSV, exit. There is no default PIN: the
operator gives one with --pin (or TESTDRIVE_KIOSK_PIN) or chooses it on the first start; only
a salted slow hash of it is kept (engine/kiosk_pin.py), and closing the window asks for it too.

Only counts are stored (plays started/finished per simulation and ending); no names,
no answers, no codes.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from .. import kiosk_pin
from .app import App, load_entries
from .screens import MARGIN, backdrop
from .theme import H, W, Settings
from .widgets import Button, Screen, cached_panel

CORNER = pygame.Rect(0, 0, 90, 90)          # long-press here for the operator menu


@dataclass
class KioskConfig:
    idle_seconds: float = 60.0               # no touch for this long -> "Still there?"
    warn_seconds: float = 15.0               # ...then this long to answer before a reset
    attract_seconds: float = 7.0             # each simulation shows this long
    long_press: float = 3.0                  # seconds in the corner to ask for the PIN
    pin: str | None = None                   # the operator's PIN: hashed at start, then dropped
    lang: str = "en"
    data_dir: Path | None = None             # stats + rotation; None keeps them in memory
    rotation: list[str] = field(default_factory=list)   # sim ids; empty = every one


class Stats:
    """Plays per simulation: counts only, saved as JSON in the data folder."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.plays: dict[str, dict] = {}
        self.rotation: list[str] | None = None
        if folder:
            try:
                data = json.loads((folder / "kiosk-stats.json").read_text(encoding="utf-8"))
                self.plays = {str(k): {"started": int(v.get("started", 0)),
                                       "finished": int(v.get("finished", 0)),
                                       "endings": {str(a): int(b) for a, b in (v.get("endings") or {}).items()}}
                              for k, v in (data.get("plays") or {}).items()}
                rot = data.get("rotation")
                self.rotation = [str(x) for x in rot] if isinstance(rot, list) else None
            except (OSError, ValueError, AttributeError, TypeError):
                pass

    def entry(self, sim_id: str) -> dict:
        return self.plays.setdefault(sim_id, {"started": 0, "finished": 0, "endings": {}})

    def started(self, sim_id: str):
        self.entry(sim_id)["started"] += 1
        self.save()

    def finished(self, sim_id: str, ending_id: str):
        e = self.entry(sim_id)
        e["finished"] += 1
        e["endings"][ending_id] = e["endings"].get(ending_id, 0) + 1
        self.save()

    def save(self):
        if not self.folder:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / "kiosk-stats.json.tmp"
            tmp.write_text(json.dumps({"plays": self.plays, "rotation": self.rotation}, indent=1),
                           encoding="utf-8")
            os.replace(tmp, self.folder / "kiosk-stats.json")
        except OSError:
            pass

    def export_csv(self, entries, rotation, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["sim_id", "title", "in_rotation", "started", "finished", "endings"])
            for e in entries:
                p = self.plays.get(e.id, {"started": 0, "finished": 0, "endings": {}})
                endings = ";".join(f"{k}={v}" for k, v in sorted(p["endings"].items()))
                w.writerow([e.id, e.title("en"), "yes" if e.id in rotation else "no",
                            p["started"], p["finished"], endings])
        return path


class KioskApp(App):
    def __init__(self, *, entries, config: KioskConfig | None = None, **kw):
        self.config = config or KioskConfig()
        kw.setdefault("settings", Settings(lang=self.config.lang))
        kw["prefs_path"] = None            # a kiosk keeps no settings between visitors
        super().__init__(entries=entries, **kw)
        self.defaults = Settings(**vars(self.settings))
        self.stats = Stats(self.config.data_dir)
        ids = [e.id for e in self.entries]
        # the authoring examples (simulations/examples/) stay out of the default rotation
        shown = [e.id for e in self.entries if "examples" not in Path(e.path).parts] or ids
        wanted = self.stats.rotation or self.config.rotation or shown
        self.rotation = [i for i in wanted if i in ids] or ids
        self.resets = 0
        self.sessions = 0
        self.pin_guard = kiosk_pin.PinGuard(self._pin_hash(), self.clock)

    def _pin_hash(self) -> str | None:
        """The PIN given at start replaces the stored one; the plain PIN is not kept."""
        pin, self.config.pin = self.config.pin, None
        if pin is None or kiosk_pin.pin_problem(pin):
            # (the command line refuses a weak PIN with a message; here the screen asks)
            return kiosk_pin.load_stored(self.config.data_dir)
        stored = kiosk_pin.hash_pin(pin)
        kiosk_pin.save_stored(self.config.data_dir, stored)
        return stored

    def set_pin(self, pin: str):
        stored = kiosk_pin.hash_pin(pin)
        kiosk_pin.save_stored(self.config.data_dir, stored)
        self.pin_guard.stored = stored

    def rotation_entries(self):
        return [e for e in self.entries if e.id in self.rotation]

    # -- flow -----------------------------------------------------------------------
    def home(self):
        self.reset()

    def reset(self):
        """Back to the attract screen with nothing of the visitor kept."""
        self.story = None
        self.overlay = None
        keep_sound = (self.settings.muted, self.settings.volume)
        self.settings.__dict__.update(vars(self.defaults))
        self.settings.muted, self.settings.volume = keep_sound
        self.apply_settings()
        self.finger = None
        self.resets += 1
        # First start without a PIN: the operator chooses one before any visitor plays.
        self.show(AttractScreen(self) if self.pin_guard.stored else SetPinScreen(self))
        self.last_input = self.clock()

    def start(self, entry, *, seed=None, kiosk=True):
        self.sessions += 1
        self.stats.started(entry.id)
        super().start(entry, seed=seed, kiosk=True)

    def on_finished(self, story):
        if getattr(story, "counted", False):
            return
        story.counted = True
        self.stats.finished(story.entry.id, story.view["ending"]["id"])

    def results_buttons(self, screen):
        return [Button("done", pygame.Rect(W - MARGIN - 280, H - 62, 280, 50),
                       screen.tr("done"), self.reset)]

    def settings_extra_buttons(self, screen):
        if self.story is None:
            return []
        return [Button("start_over", pygame.Rect(64, H - 88, 280, 50), screen.tr("start_over"),
                       self.reset)]

    def global_key(self, inp):
        if inp.kind == "key" and inp.key == pygame.K_F11:
            return True                      # a kiosk stays full screen
        return super().global_key(inp)

    def handle_event(self, ev):
        # Closing the window (or Alt+F4) asks for the PIN, like the operator menu.
        if ev.type == pygame.QUIT:
            if isinstance(self.screen, SetPinScreen) and self.pin_guard.stored is None:
                self.quit()                  # first start, no PIN yet: nothing to protect
            elif not isinstance(self.screen, (PinScreen, OperatorScreen)):
                self.overlay = None
                self.show(PinScreen(self))
            return
        super().handle_event(ev)

    def update(self, dt):
        super().update(dt)
        idle = self.clock() - self.last_input
        scr = self.screen
        if isinstance(scr, (AttractScreen, SetPinScreen)):
            return
        if self.overlay is None and idle >= self.config.idle_seconds:
            self.overlay = StillThere(self, self.clock() + self.config.warn_seconds)
            self.overlay.enter()
            self.sounds.play("notice")
        if isinstance(self.overlay, StillThere) and self.clock() >= self.overlay.deadline:
            self.reset()

    def dispatch(self, inp):
        if isinstance(self.overlay, StillThere) and inp.kind in ("down", "key"):
            # any touch or key means "I'm here"
            self.overlay = None
            self.last_input = self.clock()
            return
        super().dispatch(inp)


class StillThere(Screen):
    """The idle prompt, drawn over whatever is showing."""

    def __init__(self, app, deadline):
        super().__init__(app)
        self.deadline = deadline

    def layout(self):
        self.buttons.append(Button("im_here", pygame.Rect(W // 2 - 150, H // 2 + 50, 300, 60),
                                   self.tr("im_here"), self.dismiss, size=24))

    def dismiss(self):
        self.app.overlay = None
        self.app.last_input = self.app.clock()

    def left(self) -> int:
        return max(0, int(self.deadline - self.app.clock() + 0.999))

    def mirror_text(self):
        return self.tr("still_there") + "\n" + self.tr("reset_in", n=self.left())

    def draw(self, surf):
        c = self.c
        shade = pygame.Surface((W, H), pygame.SRCALPHA)
        shade.fill(c["shade"])
        surf.blit(shade, (0, 0))
        box = pygame.Rect(W // 2 - 300, H // 2 - 130, 600, 260)
        cached_panel(surf, box, c["panel"], 255, 20)
        t = self.app.text.render(self.tr("still_there"), self.s.ts(34), c["ink"], True)
        surf.blit(t, t.get_rect(midtop=(box.centerx, box.y + 24)))
        m = self.app.text.fit(self.tr("touch_to_continue") + "\n" + self.tr("reset_in", n=self.left()),
                              self.s.ts(20), c["ink_soft"], box.w - 40, 80, align="center")
        surf.blit(m, m.get_rect(midtop=(box.centerx, box.y + 84)))
        self.draw_buttons(surf)


class AttractScreen(Screen):
    """Cycles the rotation's art and titles; a touch starts one."""

    idle_ok = False

    def __init__(self, app):
        super().__init__(app)
        self.index = 0
        self.since = 0.0
        self.hold_start: float | None = None

    def featured(self):
        rot = self.app.rotation_entries()
        return rot[self.index % len(rot)] if rot else None

    def layout(self):
        rot = self.app.rotation_entries()
        feat = self.featured()
        if feat is not None:
            self.buttons.append(Button("start", pygame.Rect(CORNER.right, 0, W - CORNER.right, H - 120),
                                       self.tr("tap_to_start") + ": " + feat.title(self.s.lang),
                                       lambda: self.app.start(self.featured()), style="ghost"))
        n = len(rot)
        if n:
            tw = min(200, (W - 2 * MARGIN - (n - 1) * 10) // n)
            x0 = (W - (n * tw + (n - 1) * 10)) // 2
            for i, e in enumerate(rot):
                self.buttons.append(Button(f"sim:{e.id}", pygame.Rect(x0 + i * (tw + 10), H - 104, tw, 88),
                                           e.title(self.s.lang), (lambda e=e: self.app.start(e)),
                                           style="tile", size=16, selected=(e is feat), data=e))

    def update(self, dt):
        super().update(dt)
        self.since += dt
        if self.since >= self.app.config.attract_seconds and not self.app.settings.reduced_motion:
            self.since = 0.0
            self.index += 1
            self.relayout()
        if self.hold_start is not None and self.app.clock() - self.hold_start >= self.app.config.long_press:
            self.hold_start = None
            self.app.show(PinScreen(self.app))

    def handle(self, ev):
        if ev.kind == "down" and ev.pos and CORNER.collidepoint(ev.pos):
            self.hold_start = self.app.clock()
            return True
        if ev.kind == "up":
            self.hold_start = None
        if ev.kind == "move" and ev.pos and self.hold_start is not None and not CORNER.collidepoint(ev.pos):
            self.hold_start = None
        return super().handle(ev)

    def mirror_text(self):
        f = self.featured()
        return (f.title(self.s.lang) + "\n" if f else "") + self.tr("tap_to_start")

    def draw(self, surf):
        c = self.c
        feat = self.featured()
        art = self.app.images.load(feat.cover, (W, H), "cover") if feat and not self.s.high_contrast else None
        surf.blit(art if art is not None else backdrop(feat.field if feat else "other"), (0, 0))
        if feat is not None:
            box = pygame.Rect(60, 60, W - 120, 190)
            cached_panel(surf, box, c["hud_bg"], 215, 20)
            t = self.app.text.fit(feat.title(self.s.lang), self.s.ts(40), c["hud_ink"], box.w - 40, 110,
                                  bold=True, align="center")
            surf.blit(t, t.get_rect(midtop=(box.centerx, box.y + 20)))
            pulse = 0.5 + 0.5 * abs(((self.t * 0.8) % 2) - 1)
            col = c["focus"] if pulse > 0.5 or self.s.reduced_motion else c["hud_ink"]
            tap = self.app.text.render(self.tr("tap_to_start"), self.s.ts(28), col, True)
            surf.blit(tap, tap.get_rect(midbottom=(box.centerx, box.bottom - 16)))
        focus = self.focused() if self.app.show_focus else None
        for b in self.buttons:
            if b.style == "tile":
                e = b.data
                thumb = None if self.s.high_contrast else self.app.images.load(e.cover, (b.rect.w, b.rect.h), "cover")
                surf.blit(thumb if thumb is not None else backdrop(e.field, b.rect.size), b.rect)
                lab = self.app.text.fit(b.label, self.s.ts(15), c["hud_ink"], b.rect.w - 12, 40,
                                        bold=True, align="center")
                strip = pygame.Rect(b.rect.x, b.rect.bottom - lab.get_height() - 8, b.rect.w, lab.get_height() + 8)
                cached_panel(surf, strip, c["hud_bg"], 220, 0)
                surf.blit(lab, lab.get_rect(center=strip.center))
                border = c["focus"] if (b is focus or b.selected) else c["hud_ink"]
                pygame.draw.rect(surf, border, b.rect, width=4 if (b is focus or b.selected) else 1,
                                 border_radius=6)
            elif b is focus:
                pygame.draw.rect(surf, c["focus"], b.rect.inflate(-8, -8), width=4, border_radius=12)
        if self.hold_start is not None:
            frac = min(1.0, (self.app.clock() - self.hold_start) / self.app.config.long_press)
            pygame.draw.arc(surf, c["focus"], CORNER.inflate(-30, -30), 0, frac * 6.283, 5)


class PinScreen(Screen):
    """The operator's PIN, on a keypad. Wrong tries are limited by the app's PinGuard."""

    title_key = "enter_pin"

    def __init__(self, app):
        super().__init__(app)
        self.entered = ""
        self.message = ""

    def layout(self):
        kw, kh, gap = 90, 60, 10
        x0, y0 = W // 2 - (3 * kw + 2 * gap) // 2, 150
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"]
        for i, k in enumerate(keys):
            r, col = divmod(i, 3)
            rect = pygame.Rect(x0 + col * (kw + gap), y0 + r * (kh + gap), kw, kh)
            if k == "back":
                self.buttons.append(Button("pin:back", rect, "", self.back, icon="backspace"))
            elif k == "ok":
                self.buttons.append(Button("pin:ok", rect, "OK", self.ok, size=24))
            else:
                self.buttons.append(Button(f"pin:{k}", rect, k, (lambda k=k: self.type(k)), size=26))
        self.buttons.append(Button("cancel", pygame.Rect(MARGIN, H - 62, 200, 50), self.tr("back"),
                                   self.cancel))

    def cancel(self):
        self.entered = ""
        self.app.reset()

    def type(self, k):
        if len(self.entered) < kiosk_pin.MAX_DIGITS and not self.app.pin_guard.wait_left():
            self.entered += k

    def back(self):
        self.entered = self.entered[:-1]

    def ok(self):
        entered, self.entered = self.entered, ""   # off the screen and out of the screen's state
        result = self.app.pin_guard.check(entered)
        del entered
        if result == "ok":
            self.app.show(OperatorScreen(self.app))
            return
        self.message = self.tr("wrong_pin") if result == "wrong" else ""
        if result == "wrong" and self.app.pin_guard.wait_left():
            self.app.reset()                   # the third miss in a row: back to the visitors

    def status(self) -> str:
        wait = self.app.pin_guard.wait_left()
        if wait:
            return self.tr("pin_wait", n=int(wait + 0.999))
        return self.message

    def handle_key(self, ev):
        if ev.text and ev.text.isdigit():
            self.type(ev.text)
            return True
        if ev.key == pygame.K_BACKSPACE:
            self.back()
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None:
            self.ok()
            return True
        return super().handle_key(ev)

    def mirror_text(self):
        return "\n".join(t for t in (self.tr(self.title_key), self.status()) if t)

    def draw(self, surf):
        c = self.c
        surf.blit(backdrop("__black"), (0, 0))
        t = self.app.text.fit(self.tr(self.title_key), self.s.ts(28), c["hud_ink"], W - 2 * MARGIN, 90,
                              bold=True, align="center")
        surf.blit(t, t.get_rect(midtop=(W // 2, 30)))
        dots = self.app.text.render("•" * len(self.entered) or " ", 40, c["hud_ink"], True)
        surf.blit(dots, dots.get_rect(midtop=(W // 2, 95)))
        status = self.status()
        if status:
            m = self.app.text.fit(status, self.s.ts(18), c["bad"], W - 2 * MARGIN, 60, align="center")
            surf.blit(m, m.get_rect(midtop=(W // 2, 440)))
        self.draw_buttons(surf)


class SetPinScreen(PinScreen):
    """First start without a PIN: the operator chooses one (twice) before any visitor plays."""

    title_key = "choose_pin"

    def __init__(self, app):
        super().__init__(app)
        self.first: str | None = None

    def layout(self):
        super().layout()
        self.buttons = [b for b in self.buttons if b.id != "cancel"]   # nothing to go back to

    def type(self, k):
        if len(self.entered) < kiosk_pin.MAX_DIGITS:
            self.entered += k

    def ok(self):
        entered, self.entered = self.entered, ""
        if self.first is None:
            problem = kiosk_pin.pin_problem(entered)
            if problem:
                self.message = self.tr(problem)
                return
            self.first, self.title_key, self.message = entered, "repeat_pin", ""
            return
        first, self.first, self.title_key = self.first, None, "choose_pin"
        if entered != first:
            self.message = self.tr("pins_differ")
            return
        self.app.set_pin(entered)
        self.app.reset()

    def status(self) -> str:
        return self.message


class OperatorScreen(Screen):
    """Rotation, plays per simulation, CSV export, exit."""

    def __init__(self, app):
        super().__init__(app)
        self.message = ""
        self.page = 0

    def layout(self):
        per = 6
        ents = self.app.entries
        pages = max(1, (len(ents) + per - 1) // per)
        self.page = min(self.page, pages - 1)
        self.rows = []
        for i, e in enumerate(ents[self.page * per:(self.page + 1) * per]):
            y = 100 + i * 58
            on = e.id in self.app.rotation
            self.rows.append((e, y))
            self.buttons.append(Button(f"rot:{e.id}", pygame.Rect(W - MARGIN - 150, y, 150, 48),
                                       self.tr("on") if on else self.tr("off"),
                                       (lambda e=e: self.toggle(e.id)), selected=on,
                                       hint=self.tr("rotation") + ": " + e.title("en")))
        if pages > 1:
            self.buttons.append(Button("page", pygame.Rect(W // 2 - 80, H - 124, 160, 44),
                                       f"{self.page + 1}/{pages}", self.flip, size=18))
        y = H - 66
        self.buttons.append(Button("export", pygame.Rect(MARGIN, y, 220, 50), self.tr("export_csv"), self.export))
        self.buttons.append(Button("exit", pygame.Rect(MARGIN + 236, y, 220, 50), self.tr("exit_kiosk"), self.app.quit))
        self.buttons.append(Button("close", pygame.Rect(W - MARGIN - 220, y, 220, 50), self.tr("back"), self.app.reset))

    def flip(self):
        self.page += 1
        if self.page * 6 >= len(self.app.entries):
            self.page = 0
        self.relayout()

    def toggle(self, sim_id):
        rot = self.app.rotation
        if sim_id in rot:
            if len(rot) > 1:           # keep at least one in rotation
                rot.remove(sim_id)
        else:
            rot.append(sim_id)
            order = [e.id for e in self.app.entries]
            rot.sort(key=order.index)
        self.app.stats.rotation = list(rot)
        self.app.stats.save()
        self.relayout()

    def export(self):
        folder = self.app.config.data_dir or Path.cwd()
        name = time.strftime("kiosk-plays-%Y%m%d-%H%M%S.csv", time.localtime())
        path = self.app.stats.export_csv(self.app.entries, self.app.rotation, Path(folder) / name)
        self.app.last_export = path
        self.message = self.tr("exported", path=str(path))
        self.relayout()

    def mirror_text(self):
        return self.tr("operator")

    def draw(self, surf):
        c = self.c
        surf.blit(backdrop("__black"), (0, 0))
        t = self.app.text.render(self.tr("operator"), self.s.ts(28), c["hud_ink"], True)
        surf.blit(t, (MARGIN, 24))
        head = self.app.text.render(f"{self.tr('plays')} / {self.tr('finished')}", self.s.ts(16), c["hud_ink"])
        surf.blit(head, (W - MARGIN - 370, 70))
        rh = self.app.text.render(self.tr("rotation"), self.s.ts(16), c["hud_ink"])
        surf.blit(rh, (W - MARGIN - 150, 70))
        for e, y in self.rows:
            p = self.app.stats.plays.get(e.id, {"started": 0, "finished": 0})
            nt = self.app.text.render(self.app.text.ellipsize(e.title(self.s.lang), self.s.ts(18), 520),
                                      self.s.ts(18), c["hud_ink"])
            surf.blit(nt, (MARGIN, y + 12))
            ct = self.app.text.render(f"{p['started']} / {p['finished']}", self.s.ts(20), c["hud_ink"], True)
            surf.blit(ct, (W - MARGIN - 370, y + 10))
        if self.message:
            m = self.app.text.fit(self.message, self.s.ts(14), c["hud_ink"], W - 2 * MARGIN, 40)
            surf.blit(m, (MARGIN, H - 110))
        self.draw_buttons(surf)


# -- command line ------------------------------------------------------------------------
def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "career-test-drive" / "kiosk"


def build_parser():
    p = argparse.ArgumentParser(prog="testdrive kiosk",
                                description="Run the career-fair kiosk (full screen, unattended).")
    p.add_argument("sims", nargs="*", help="simulation files (default: every one under simulations/)")
    p.add_argument("--idle", type=float, default=60.0, help="seconds without a touch before 'Still there?'")
    p.add_argument("--warn", type=float, default=15.0, help="seconds the prompt waits before a reset")
    p.add_argument("--attract", type=float, default=7.0, help="seconds each simulation shows on the attract screen")
    p.add_argument("--pin", default=None,
                   help="set the operator PIN, 4-12 digits (or env TESTDRIVE_KIOSK_PIN); without one, "
                        "the PIN kept from an earlier start, or the kiosk asks for a new one")
    p.add_argument("--lang", default="en")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="where plays and rotation are kept (default ~/.local/share/career-test-drive/kiosk)")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--frames", type=int, default=0, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Taken out of the environment so child processes and crash reports do not carry it.
    env_pin = os.environ.pop("TESTDRIVE_KIOSK_PIN", None)
    pin = args.pin if args.pin is not None else env_pin
    if pin is not None and kiosk_pin.pin_problem(pin):
        print(f"testdrive kiosk: {kiosk_pin.PROBLEM_TEXT[kiosk_pin.pin_problem(pin)]}", file=sys.stderr)
        return 2
    errors: list[str] = []
    entries = load_entries([Path(s) for s in args.sims] if args.sims else None, errors)
    for e in errors:
        print("skipped:", e, file=sys.stderr)
    if not entries:
        print("no simulations to show", file=sys.stderr)
        return 2
    config = KioskConfig(idle_seconds=args.idle, warn_seconds=args.warn, attract_seconds=args.attract,
                         pin=pin, lang=args.lang, data_dir=args.data_dir or default_data_dir())
    app = KioskApp(entries=entries, config=config,
                   settings=Settings(lang=args.lang, fullscreen=not args.windowed))
    app.home()
    if args.frames:
        for _ in range(args.frames):
            app.frame()
        return 0
    return asyncio.run(app.run())


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
