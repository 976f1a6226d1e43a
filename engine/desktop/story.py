"""A play-through: the engine session, its current view, and the animated HUD.

The player only ever calls ``session.view()``, ``session.act(action)``,
``session.set_language(lang)`` and ``session.resume_code()`` (docs/view.md). Which
screen shows next is decided from ``view["phase"]`` alone.
"""
from __future__ import annotations

import pygame

from .widgets import cached_panel

from engine import ActionError


class Hud:
    """Meters and the clock, easing smoothly toward the view's numbers."""

    def __init__(self, app):
        self.app = app
        self.shown: dict[str, float] = {}
        self.minutes: float = 0.0
        self.flash: dict[str, float] = {}

    def sync(self, view, instant=False):
        for m in view["meters"]:
            v = float(m["value"])
            if instant or m["id"] not in self.shown:
                self.shown[m["id"]] = v
            elif abs(self.shown[m["id"]] - v) > 1e-9:
                self.flash[m["id"]] = 0.8
        clock = view["clock"]
        if clock and (instant or not self.minutes):
            self.minutes = float(clock["elapsed"])

    def animating(self, view) -> bool:
        for m in view["meters"]:
            if abs(self.shown.get(m["id"], 0) - float(m["value"])) > 0.01:
                return True
        clock = view["clock"]
        return bool(clock) and abs(self.minutes - float(clock["elapsed"])) > 0.01

    def update(self, view, dt):
        rate = 1.0 if self.app.settings.reduced_motion else min(1.0, dt * 5.0)
        for m in view["meters"]:
            target = float(m["value"])
            cur = self.shown.get(m["id"], target)
            cur += (target - cur) * rate
            if abs(target - cur) < 0.01:
                cur = target
            self.shown[m["id"]] = cur
        for k in list(self.flash):
            self.flash[k] -= dt
            if self.flash[k] <= 0:
                del self.flash[k]
        clock = view["clock"]
        if clock:
            target = float(clock["elapsed"])
            self.minutes += (target - self.minutes) * rate
            if abs(target - self.minutes) < 0.01:
                self.minutes = target

    def draw(self, surf, view, rect: pygame.Rect, title: str):
        app = self.app
        c = app.settings.colors
        ts = app.settings.ts
        cached_panel(surf, rect, c["hud_bg"], 235, 0)
        x = rect.x + 12
        t = app.text.render(app.text.ellipsize(title, ts(16), 230, True), ts(16), c["hud_ink"], True)
        surf.blit(t, t.get_rect(midleft=(x, rect.centery)))
        x += min(240, t.get_width() + 16)
        right = rect.right - 60
        clock = view["clock"]
        if clock:
            start = _minutes_of(clock["time"], clock["elapsed"])
            now = start + int(round(self.minutes))
            label = f"{(now // 60) % 24:02d}:{now % 60:02d}"
            ct = app.text.render(label, ts(20), c["hud_ink"], True)
            limit = clock["limit"]  # None: no time limit
            box = ct.get_rect(midright=(right, rect.centery - (6 if limit else 0)))
            surf.blit(ct, box)
            if limit:
                frac = max(0.0, min(1.0, self.minutes / float(limit)))
                bar = pygame.Rect(box.x, box.bottom + 2, box.w, 5)
                pygame.draw.rect(surf, c["track"], bar, border_radius=2)
                pygame.draw.rect(surf, c["mid"], (bar.x, bar.y, round(bar.w * frac), bar.h),
                                 border_radius=2)
            right = box.x - 16
        meters = view["meters"]
        if meters:
            width = max(60, min(170, (right - x) // len(meters) - 10))
            for m in meters:
                if x + width > right + 1:
                    break
                self._meter(surf, m, pygame.Rect(x, rect.y + 6, width, rect.h - 12))
                x += width + 10

    def _meter(self, surf, m, r):
        app = self.app
        c = app.settings.colors
        ts = app.settings.ts
        label = app.text.render(app.text.ellipsize(m["label"] or m["id"], ts(13), r.w),
                                ts(13), c["hud_ink"])
        surf.blit(label, (r.x, r.y))
        value = self.shown.get(m["id"], float(m["value"]))
        if m["show"] == "counter":
            target = float(m["value"])
            shown = _num(round(value)) if target == int(target) else _num(value)
            num = app.text.render(shown, ts(16), c["hud_ink"], True)
            surf.blit(num, (r.x, r.y + label.get_height()))
            return
        # a meter without bounds (min/max null) is drawn on 0-100
        lo = float(m["min"]) if m["min"] is not None else 0.0
        hi = float(m["max"]) if m["max"] is not None else 100.0
        frac = 0.0 if hi <= lo else max(0.0, min(1.0, (value - lo) / (hi - lo)))
        good = frac if m["good"] != "low" else 1 - frac
        col = c["good"] if good >= 0.66 else c["mid"] if good >= 0.33 else c["bad"]
        bar = pygame.Rect(r.x, r.bottom - 10, r.w, 10)
        pygame.draw.rect(surf, c["track"], bar, border_radius=4)
        pygame.draw.rect(surf, col, (bar.x, bar.y, round(bar.w * frac), bar.h), border_radius=4)
        if m["id"] in self.flash:
            pygame.draw.rect(surf, c["focus"], bar.inflate(4, 4), width=2, border_radius=5)


def _num(v: float) -> str:
    return str(int(round(v))) if abs(v - round(v)) < 0.05 else f"{v:.1f}"


def _minutes_of(hhmm: str, elapsed: int) -> int:
    """The story's start time in minutes, from the view's current time ("19:35") and elapsed."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m) - elapsed


class Story:
    """One play-through of one simulation."""

    def __init__(self, app, sim, session, *, path=None):
        self.app = app
        self.sim = sim
        self.session = session
        self.path = path
        self.view = session.view()
        self.hud = Hud(app)
        self.hud.sync(self.view, instant=True)
        self.error = ""
        self.seen_notices: list[str] = []
        self.finished = False

    @property
    def title(self) -> str:
        return self.view["sim"]["title"]

    def act(self, action: dict) -> bool:
        try:
            self.session.act(action)
        except ActionError as exc:
            self.error = str(exc)
            self.app.sounds.play("wrong")
            return False
        self.error = ""
        before = self.view
        self.view = self.session.view()
        self.hud.sync(self.view)
        self._sounds(before, self.view)
        self.app.on_view(self)
        return True

    def _sounds(self, before, view):
        snd = self.app.sounds
        if view["notices"]:
            snd.play("notice")
        phase = view["phase"]
        if phase == "feedback":
            snd.play(view["feedback"]["outcome"] or "choice")  # a choice's feedback has none
        elif phase == "ending":
            snd.play("ending")
        elif view["sound"] and view["scene"] != before["scene"]:
            snd.play(view["sound"])

    def set_language(self, lang: str):
        if lang in self.view["languages"]:
            self.session.set_language(lang)
            self.view = self.session.view()

    def result_code(self) -> str:
        """The code a teacher page verifies by replay: the ending's `result_code`."""
        return self.view["ending"]["result_code"]
