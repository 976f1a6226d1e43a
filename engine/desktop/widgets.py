"""Input events, buttons and the base Screen with pointer + keyboard focus handling.

Every clickable thing on every screen is a :class:`Button` with an id. Pointer (mouse
or touch) presses activate the button under them; Tab / Shift+Tab move the focus;
Enter or Space activate the focused one. The HTML mirror and the tests use the same
buttons (``Screen.buttons``), so a screen-reader user, a keyboard user, a touch user
and a test all press the very same things.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import pygame

from .theme import W, H


@dataclass
class Input:
    kind: str                      # down | up | move | key | wheel
    pos: tuple[int, int] | None = None
    key: int = 0
    mod: int = 0
    text: str = ""
    pointer: str = "mouse"         # mouse | touch | key
    dy: int = 0


@dataclass
class Button:
    id: str
    rect: pygame.Rect
    label: str
    action: Callable[[], None] | None = None
    enabled: bool = True
    selected: bool = False
    style: str = "button"          # button | choice | ghost | spot | tile | small | row
    hint: str = ""                 # extra words for the mirror / screen readers
    size: int = 20
    icon: str = ""
    align: str = "center"
    visible: bool = True
    data: object = None

    def hit(self, pos) -> bool:
        return self.visible and self.rect.collidepoint(pos)


class Screen:
    """One screen of the player. Subclasses build ``self.buttons`` in ``layout()``."""

    title_key = ""
    idle_ok = True                 # kiosk: may the idle timer run here?

    def __init__(self, app):
        self.app = app
        self.buttons: list[Button] = []
        self.focus: int = -1       # index into focusable buttons, -1 = none
        self.pressed: Button | None = None
        self.hover: Button | None = None
        self.dirty = True
        self.t = 0.0

    # -- helpers --------------------------------------------------------------------
    @property
    def s(self):
        return self.app.settings

    @property
    def c(self):
        return self.app.settings.colors

    def tr(self, key, **fmt):
        return self.app.strings.get(key, self.app.settings.lang, **fmt)

    def focusables(self) -> list[Button]:
        return [b for b in self.buttons if b.visible and b.enabled and b.action is not None]

    def focused(self) -> Button | None:
        f = self.focusables()
        if 0 <= self.focus < len(f):
            return f[self.focus]
        return None

    def button(self, bid: str) -> Button | None:
        for b in self.buttons:
            if b.id == bid:
                return b
        return None

    def relayout(self):
        keep = self.focused().id if self.focused() else None
        self.buttons = []
        self.layout()
        if keep is not None:
            ids = [b.id for b in self.focusables()]
            self.focus = ids.index(keep) if keep in ids else -1
        self.dirty = True

    # -- lifecycle ------------------------------------------------------------------
    def enter(self):
        self.relayout()

    def leave(self):
        pass

    def layout(self):
        pass

    def update(self, dt: float):
        self.t += dt

    def draw(self, surf: pygame.Surface):
        pass

    # -- input ----------------------------------------------------------------------
    def activate(self, b: Button):
        if b.enabled and b.action:
            self.app.sounds.play("click")
            b.action()

    def press(self, bid: str) -> bool:
        """Activate a button by id (the HTML mirror does this)."""
        b = self.button(bid)
        if b is None or not b.enabled or not b.visible:
            return False
        self.activate(b)
        return True

    def handle(self, ev: Input) -> bool:
        if ev.kind == "down" and ev.pos:
            hit = self.hit(ev.pos)
            self.pressed = hit
            if hit is not None:
                f = self.focusables()
                self.focus = f.index(hit) if hit in f else -1
            return hit is not None
        if ev.kind == "up" and ev.pos:
            hit = self.hit(ev.pos)
            was = self.pressed
            self.pressed = None
            if hit is not None and hit is was:
                self.activate(hit)
                return True
            return False
        if ev.kind == "move" and ev.pos:
            self.hover = self.hit(ev.pos)
            return False
        if ev.kind == "key":
            return self.handle_key(ev)
        return False

    def hit(self, pos) -> Button | None:
        for b in reversed(self.buttons):
            if b.enabled and b.action is not None and b.hit(pos):
                return b
        return None

    def handle_key(self, ev: Input) -> bool:
        f = self.focusables()
        if ev.key == pygame.K_TAB and f:
            step = -1 if ev.mod & pygame.KMOD_SHIFT else 1
            self.focus = (self.focus + step) % len(f) if self.focus >= 0 else (
                0 if step > 0 else len(f) - 1)
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            b = self.focused()
            if b is not None:
                self.activate(b)
                return True
        return False

    # -- drawing helpers ------------------------------------------------------------
    def draw_buttons(self, surf: pygame.Surface):
        focus = self.focused() if self.app.show_focus else None
        for b in self.buttons:
            if b.visible:
                draw_button(self.app, surf, b, hover=(b is self.hover), focus=(b is focus),
                            pressed=(b is self.pressed))


# ----------------------------------------------------------------------------------------
# drawing
# ----------------------------------------------------------------------------------------

def panel(surf, rect, color, alpha=255, radius=14, border=None):
    rect = pygame.Rect(rect)
    if alpha >= 255:
        pygame.draw.rect(surf, color, rect, border_radius=radius)
    else:
        tmp = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(tmp, (*color[:3], alpha), tmp.get_rect(), border_radius=radius)
        surf.blit(tmp, rect.topleft)
    if border:
        pygame.draw.rect(surf, border, rect, width=2, border_radius=radius)


_PANELS: dict = {}


def cached_panel(surf, rect, color, alpha, radius=14, border=None):
    """An alpha panel, drawn once per (size, colour) and blitted after that."""
    rect = pygame.Rect(rect)
    key = (rect.size, tuple(color), alpha, radius, tuple(border) if border else None)
    tile = _PANELS.get(key)
    if tile is None:
        if len(_PANELS) > 64:
            _PANELS.clear()
        tile = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(tile, (*color[:3], alpha), tile.get_rect(), border_radius=radius)
        if border:
            pygame.draw.rect(tile, border, tile.get_rect(), width=2, border_radius=radius)
        _PANELS[key] = tile
    surf.blit(tile, rect.topleft)


def draw_button(app, surf, b: Button, hover=False, focus=False, pressed=False):
    c = app.settings.colors
    s = app.settings
    r = b.rect
    if b.style == "spot":
        if b.selected:
            pygame.draw.rect(surf, c["selected"], r, width=4, border_radius=8)
            pygame.draw.circle(surf, c["selected"], r.center, 9)
        if focus:
            pygame.draw.rect(surf, c["focus"], r.inflate(6, 6), width=3, border_radius=10)
            lab = app.text.render(b.label, s.ts(16), c["hud_ink"], True)
            box = lab.get_rect(midtop=(r.centerx, r.bottom + 6)).clamp(surf.get_rect())
            cached_panel(surf, box.inflate(12, 6), c["hud_bg"], 230, 6)
            surf.blit(lab, box)
        return
    if not b.enabled:
        bg, ink = c["button_off"], c["button_off_ink"]
    elif b.selected:
        bg, ink = c["selected"], c["selected_ink"]
    elif b.style == "ghost":
        bg, ink = c["panel"], c["ink"]
    else:
        bg, ink = (c["button_hover"] if hover else c["button"]), c["button_ink"]
    rr = r.move(0, 2) if pressed else r
    radius = 10 if b.style != "tile" else 16
    pygame.draw.rect(surf, bg, rr, border_radius=radius)
    if s.high_contrast or b.style == "ghost":
        pygame.draw.rect(surf, c["ink"] if b.style == "ghost" else c["button_ink"], rr,
                         width=2, border_radius=radius)
    pad = 14
    size = s.ts(b.size)
    if b.icon in ICONS:
        isz = min(rr.h - 16, 28)
        if not b.label:
            draw_icon(surf, b.icon, pygame.Rect(0, 0, isz, isz).move(
                rr.centerx - isz // 2, rr.centery - isz // 2), ink, bg)
            if focus:
                pygame.draw.rect(surf, c["focus"], rr.inflate(8, 8), width=4, border_radius=radius + 3)
            return
        draw_icon(surf, b.icon, pygame.Rect(rr.x + pad, rr.centery - isz // 2, isz, isz), ink)
        rr = pygame.Rect(rr.x + isz + 8, rr.y, rr.w - isz - 8, rr.h)
        text = b.label
    else:
        text = (b.icon + "  " if b.icon else "") + b.label
    if b.style in ("choice", "row", "tile"):
        lab = app.text.fit(text, size, ink, rr.w - 2 * pad, rr.h - 8, align=b.align)
    else:
        lab = app.text.render(app.text.ellipsize(text, size, rr.w - 2 * pad), size, ink)
    if b.align == "left":
        pos = lab.get_rect(midleft=(rr.x + pad, rr.centery))
    else:
        pos = lab.get_rect(center=rr.center)
    surf.blit(lab, pos)
    if focus:
        pygame.draw.rect(surf, c["focus"], rr.inflate(8, 8), width=4, border_radius=radius + 3)


ICONS = ("gear", "lock", "up", "down", "backspace", "check", "box", "cross", "approx")


def draw_icon(surf, name: str, r: pygame.Rect, col, bg=None):
    """Small vector icons (the bundled font has no symbol glyphs)."""
    cx, cy = r.center
    w = max(2, r.w // 9)
    if name == "gear":
        outer, inner, half = r.w * 0.5, r.w * 0.36, math.pi / 16
        pts = []
        for k in range(8):                     # eight square teeth around a disc
            a = k * math.pi / 4
            for ang, rad in ((a - 2 * half, inner), (a - half, outer), (a + half, outer), (a + 2 * half, inner)):
                pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
        pygame.draw.polygon(surf, col, pts)
        pygame.draw.circle(surf, col, (cx, cy), round(inner))
        pygame.draw.circle(surf, bg if bg is not None else _inv(col), (cx, cy), round(r.w * 0.15))
    elif name == "lock":
        body = pygame.Rect(0, 0, round(r.w * 0.7), round(r.h * 0.5))
        body.midbottom = (cx, r.bottom)
        pygame.draw.rect(surf, col, body, border_radius=3)
        arc = pygame.Rect(0, 0, round(r.w * 0.5), round(r.h * 0.6))
        arc.midtop = (cx, r.top + 1)
        pygame.draw.arc(surf, col, arc, 0, math.pi, w)
        pygame.draw.line(surf, col, (arc.left + w // 2, arc.centery), (arc.left + w // 2, body.top), w)
        pygame.draw.line(surf, col, (arc.right - w // 2 - 1, arc.centery), (arc.right - w // 2 - 1, body.top), w)
    elif name in ("up", "down"):
        s = -1 if name == "up" else 1
        pts = [(r.left + 2, cy - s * r.h * 0.25), (r.right - 2, cy - s * r.h * 0.25), (cx, cy + s * r.h * 0.3)]
        pygame.draw.polygon(surf, col, pts)
    elif name == "backspace":
        pts = [(r.left, cy), (r.left + r.w * 0.3, r.top + 3), (r.right, r.top + 3), (r.right, r.bottom - 3),
               (r.left + r.w * 0.3, r.bottom - 3)]
        pygame.draw.polygon(surf, col, pts, w)
        m = r.w * 0.15
        pygame.draw.line(surf, col, (cx - m + 3, cy - m), (cx + m + 3, cy + m), w)
        pygame.draw.line(surf, col, (cx - m + 3, cy + m), (cx + m + 3, cy - m), w)
    elif name in ("box", "check"):
        pygame.draw.rect(surf, col, r.inflate(-4, -4), w, border_radius=4)
        if name == "check":
            pygame.draw.lines(surf, col, False, [(r.left + r.w * 0.25, cy), (r.left + r.w * 0.45, r.bottom - r.h * 0.28),
                                                 (r.right - r.w * 0.2, r.top + r.h * 0.25)], w + 1)
    elif name == "cross":
        pygame.draw.line(surf, col, (r.left + 4, r.top + 4), (r.right - 4, r.bottom - 4), w + 2)
        pygame.draw.line(surf, col, (r.left + 4, r.bottom - 4), (r.right - 4, r.top + 4), w + 2)
    elif name == "approx":
        for dy in (-r.h * 0.15, r.h * 0.15):
            pts = [(r.left + 2 + i * (r.w - 4) / 12, cy + dy + math.sin(i / 12 * 2 * math.pi) * r.h * 0.1)
                   for i in range(13)]
            pygame.draw.lines(surf, col, False, pts, w + 1)


def _inv(col):
    return (40, 40, 40) if sum(col[:3]) > 380 else (230, 230, 230)


def draw_stars(surf, center, n, m, c, r=22):
    cx, cy = center
    gap = r * 2 + 14
    x0 = cx - (m - 1) * gap / 2
    for i in range(m):
        pts = []
        for k in range(10):
            ang = -math.pi / 2 + k * math.pi / 5
            rad = r if k % 2 == 0 else r * 0.45
            pts.append((x0 + i * gap + rad * math.cos(ang), cy + rad * math.sin(ang)))
        pygame.draw.polygon(surf, c["star"] if i < n else c["star_off"], pts)


def letterbox(window_size, canvas_size=(W, H)) -> tuple[pygame.Rect, float]:
    """Where the canvas goes in the window: the largest same-aspect rect, centred."""
    ww, wh = window_size
    cw, ch = canvas_size
    k = min(ww / cw, wh / ch) if cw and ch else 1.0
    w, h = max(1, round(cw * k)), max(1, round(ch * k))
    return pygame.Rect((ww - w) // 2, (wh - h) // 2, w, h), k
