"""A robot player that drives the canvas player through real pygame events.

Used by the headless tests and the kiosk soak benchmark: it finds the button it wants on
the current screen and clicks it with the mouse, taps it with a finger, or reaches it
with Tab and presses Enter — the same paths a person uses.
"""
from __future__ import annotations

import random

import pygame

from . import activities as A
from . import screens as S


class Driver:
    def __init__(self, app, mode: str = "mouse", seed: int = 0):
        assert mode in ("mouse", "touch", "keys")
        self.app = app
        self.mode = mode
        self.rng = random.Random(seed)
        self.log: list[str] = []

    # -- low level: real events, then one frame ---------------------------------------
    def to_window(self, pos):
        box, k = self.app.box, self.app.k
        return (round(box.x + pos[0] * k + k / 2), round(box.y + pos[1] * k + k / 2))

    def post_click(self, pos):
        wx, wy = self.to_window(pos)
        if self.mode == "touch":
            ww, wh = self.app.window.get_size()
            for t in (pygame.FINGERDOWN, pygame.FINGERUP):
                pygame.event.post(pygame.event.Event(t, x=wx / ww, y=wy / wh, dx=0, dy=0,
                                                     finger_id=1, touch_id=1, pressure=1.0))
        else:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(wx, wy), button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(wx, wy), button=1))
        self.app.frame()

    def key(self, key, mod=0, text=""):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text,
                                             scancode=0))
        self.app.frame()

    def drag(self, start, end, steps=4):
        """A mouse (or finger) drag from start to end, in canvas coordinates."""
        a, b = self.to_window(start), self.to_window(end)
        ww, wh = self.app.window.get_size()
        pts = [(a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)
               for i in range(steps + 1)]
        if self.mode == "touch":
            ev = [pygame.event.Event(pygame.FINGERDOWN, x=a[0] / ww, y=a[1] / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1.0)]
            ev += [pygame.event.Event(pygame.FINGERMOTION, x=p[0] / ww, y=p[1] / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1.0) for p in pts[1:]]
            ev += [pygame.event.Event(pygame.FINGERUP, x=b[0] / ww, y=b[1] / wh, dx=0, dy=0, finger_id=1, touch_id=1, pressure=1.0)]
        else:
            ev = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=1)]
            ev += [pygame.event.Event(pygame.MOUSEMOTION, pos=(round(p[0]), round(p[1])), rel=(0, 0), buttons=(1, 0, 0)) for p in pts[1:]]
            ev += [pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=1)]
        for e in ev:
            pygame.event.post(e)
        self.app.frame()

    def press(self, bid: str):
        """Activate the button with this id on the current screen (or overlay)."""
        scr = self.app.overlay or self.app.screen
        b = scr.button(bid)
        if b is None:
            raise LookupError(f"no button {bid!r} on {type(scr).__name__}: "
                              f"{[x.id for x in scr.buttons]}")
        if not b.enabled:
            raise LookupError(f"button {bid!r} is disabled")
        self.log.append(f"{self.mode}:{bid}")
        if self.mode == "keys":
            f = scr.focusables()
            target = f.index(b)
            if scr.focus < 0:
                self.key(pygame.K_TAB)
            cur = scr.focus
            n = len(f)
            fwd = (target - cur) % n
            back = (cur - target) % n
            for _ in range(min(fwd, back)):
                self.key(pygame.K_TAB, pygame.KMOD_SHIFT if back < fwd else 0)
            assert scr.focused() is b, (scr.focused(), b)
            self.key(pygame.K_RETURN)
        else:
            self.post_click(b.rect.center)

    # -- high level: one sensible move on whatever screen is showing ----------------------
    def step(self) -> str:
        app = self.app
        scr = app.overlay or app.screen
        if isinstance(scr, S.SceneScreen):
            choices = [b for b in scr.buttons if b.id.startswith("choice:") and b.enabled]
            if choices:
                self.press(self.rng.choice(choices).id)
            else:
                self.press("continue")
            return "scene"
        if isinstance(scr, S.ActivityScreen):
            self.do_activity(scr)
            return "activity"
        if isinstance(scr, S.FeedbackScreen):
            self.press("continue")
            return "feedback"
        if isinstance(scr, S.EndingScreen):
            self.press("debrief")
            return "ending"
        if isinstance(scr, S.DebriefScreen):
            self.press("next")
            return "debrief"
        if isinstance(scr, S.ResultsScreen):
            return "results"
        return type(scr).__name__

    def do_activity(self, scr):
        p = scr.panel
        if isinstance(p, A.OrderPanel):
            ids = list(p.order)
            if len(ids) > 1:
                if self.mode == "keys":
                    self.press(f"item:{ids[-1]}")         # grab the last one...
                    self.key(pygame.K_UP)                 # ...and move it up with the arrow
                    self.key(pygame.K_RETURN)             # drop it
                elif self.rng.random() < 0.5:
                    a = scr.button(f"item:{ids[0]}").rect.center
                    b = scr.button(f"item:{ids[-1]}").rect.center
                    self.drag(a, (a[0], b[1]))
                else:
                    self.press(f"down:{ids[0]}")
        elif isinstance(p, A.NumericPanel):
            digits = str(self.rng.randint(1, 99))
            if self.mode == "keys":
                for ch in digits:
                    self.key(getattr(pygame, f"K_{ch}"), text=ch)
            else:
                for ch in digits:
                    self.press(f"key:{ch}")
        elif isinstance(p, A.MultiPanel):
            opts = [oid for oid, _ in p.items]
            for oid in self.rng.sample(opts, max(1, len(opts) // 2)):
                self.press(f"opt:{oid}")
        elif isinstance(p, A.MatchPanel):
            rights = [r for r, _ in p.matches]
            self.rng.shuffle(rights)
            for (lid, _), rid in zip(p.items, rights):
                self.press(f"left:{lid}")
                self.press(f"right:{rid}")
        elif isinstance(p, A.HotspotPanel):
            spots = [sp["id"] for sp in p.items]
            for sid in self.rng.sample(spots, max(1, len(spots) // 2)):
                self.press(f"spot:{sid}")
        elif isinstance(p, A.ModelPanel):
            for i in p.inputs:
                if self.mode == "keys":
                    self.press(f"slider:{i['id']}")      # focus the slider...
                    self.key(self.rng.choice([pygame.K_END, pygame.K_PAGEUP, pygame.K_RIGHT]))  # ...and move it
                elif self.rng.random() < 0.5:
                    r = scr.button(f"slider:{i['id']}").rect
                    self.drag((r.x + 2, r.centery), (r.x + round(r.w * self.rng.random()), r.centery))
                else:
                    b = scr.button(f"more:{i['id']}")
                    if b is not None and b.enabled:
                        self.press(b.id)
        elif isinstance(p, A.AllocatePanel):
            for it in p.items:
                b = scr.button(f"more:{it['id']}")
                if b is not None and b.enabled:
                    self.press(b.id)
        self.press("submit")

    def play_to_results(self, limit: int = 600) -> bool:
        """Step until the results screen; False if it never gets there."""
        for _ in range(limit):
            if self.step() == "results":
                return True
            if self.app.story is not None and self.app.story.error:
                raise AssertionError(f"the engine refused an action: {self.app.story.error}")
        return False
