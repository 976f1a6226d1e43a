"""One panel class per activity kind. Each builds buttons (so mouse, touch, keyboard and
the HTML mirror all work the same way), keeps the student's answer-in-progress and
gives it back in the shape docs/view.md asks for."""
from __future__ import annotations

import math

import pygame

from ..text import format_number, marks
from .widgets import Button, cached_panel

MISS_TIME = 0.8


class Panel:
    hint_key = ""

    def __init__(self, screen, act: dict):
        self.screen = screen
        self.app = screen.app
        self.act = act
        self.buttons: list[Button] = []
        self.area = pygame.Rect(0, 0, 0, 0)

    # what the screen asks
    def layout(self, area: pygame.Rect):
        self.area = area
        self.buttons = []

    def ready(self) -> bool:
        return True

    def answer(self):
        raise NotImplementedError

    def status(self) -> str:
        return self.screen.tr(self.hint_key) if self.hint_key else ""

    def describe(self) -> str:
        """What the panel shows in words, for the screen-reader mirror (a chart's table)."""
        return ""

    def handle(self, ev) -> bool:
        return False

    def handle_key(self, ev) -> bool:
        return False

    def update(self, dt):
        pass

    def draw_under(self, surf):
        pass

    def draw_over(self, surf):
        pass

    def still_key(self):
        """None: the screen draws this panel afresh every frame. A panel whose picture moves
        only in draw_over returns what the rest of its picture depends on instead."""
        return None

    # helpers
    def changed(self):
        self.screen.changed()

    @property
    def s(self):
        return self.app.settings

    @property
    def c(self):
        return self.app.settings.colors


class OrderPanel(Panel):
    """order / sequence: drag rows, or pick one and move it with ▲ ▼ or the arrow keys."""

    hint_key = "order_hint"

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.items = {i["id"]: i["text"] for i in act["items"]}
        self.order = [i["id"] for i in act["items"]]
        self.grabbed: str | None = None
        self.drag: dict | None = None

    def layout(self, area):
        super().layout(area)
        n = max(1, len(self.order))
        gap = 6
        rh = max(34, min(54, (area.h - gap * (n - 1)) // n))
        self.rh, self.gap = rh, gap
        for k, iid in enumerate(self.order):
            y = area.y + k * (rh + gap)
            row = pygame.Rect(area.x, y, area.w - 2 * (rh + 8) - 8, rh)
            self.buttons.append(Button(f"item:{iid}", row, f"{k + 1}.  {self.items[iid]}",
                                       (lambda iid=iid: self.grab(iid)), selected=self.grabbed == iid,
                                       style="row", align="left", size=18))
            self.buttons.append(Button(f"up:{iid}", pygame.Rect(row.right + 8, y, rh + 8, rh), "",
                                       (lambda iid=iid: self.move(iid, -1)), icon="up", enabled=k > 0,
                                       style="small", size=18, hint=self.screen.tr("move_up")))
            self.buttons.append(Button(f"down:{iid}", pygame.Rect(row.right + rh + 24, y, rh + 8, rh),
                                       "", icon="down", action=(lambda iid=iid: self.move(iid, 1)),
                                       enabled=k < len(self.order) - 1, style="small", size=18,
                                       hint=self.screen.tr("move_down")))

    def grab(self, iid):
        self.grabbed = None if self.grabbed == iid else iid
        self.changed()

    def move(self, iid, d):
        k = self.order.index(iid)
        j = max(0, min(len(self.order) - 1, k + d))
        if j != k:
            self.order.insert(j, self.order.pop(k))
            self.app.sounds.play("tick")
        self.changed()

    def answer(self):
        return list(self.order)

    def status(self):
        return self.screen.tr("sequence_hint" if self.act["kind"] == "sequence" else "order_hint")

    def row_at(self, pos):
        for b in self.buttons:
            if b.id.startswith("item:") and b.rect.collidepoint(pos):
                return b.id[5:]
        return None

    def handle(self, ev):
        if ev.kind == "down" and ev.pos:
            iid = self.row_at(ev.pos)
            if iid:
                self.drag = {"id": iid, "y0": ev.pos[1], "y": ev.pos[1], "on": False}
            return False
        if ev.kind == "move" and ev.pos and self.drag:
            self.drag["y"] = ev.pos[1]
            if abs(ev.pos[1] - self.drag["y0"]) > 10:
                self.drag["on"] = True
            return self.drag["on"]
        if ev.kind == "up" and self.drag:
            d, self.drag = self.drag, None
            if d["on"] and ev.pos:
                k = self.order.index(d["id"])
                step = self.rh + self.gap
                j = max(0, min(len(self.order) - 1, (ev.pos[1] - self.area.y) // step))
                if j != k:
                    self.order.insert(j, self.order.pop(k))
                    self.app.sounds.play("tick")
                self.grabbed = None
                self.screen.pressed = None
                self.changed()
                return True
        return False

    def handle_key(self, ev):
        if ev.key in (pygame.K_UP, pygame.K_DOWN):
            target = self.grabbed
            if target is None:
                f = self.screen.focused()
                if f is None or not f.id.startswith("item:"):
                    return False
                # plain arrows move the focus between rows
                rows = [b for b in self.screen.focusables() if b.id.startswith("item:")]
                k = rows.index(f) + (-1 if ev.key == pygame.K_UP else 1)
                if 0 <= k < len(rows):
                    self.screen.focus = self.screen.focusables().index(rows[k])
                return True
            self.move(target, -1 if ev.key == pygame.K_UP else 1)
            return True
        if ev.key == pygame.K_ESCAPE and self.grabbed:
            self.grabbed = None
            self.changed()
            return True
        return False

    def draw_over(self, surf):
        if self.drag and self.drag["on"]:
            b = self.screen.button(f"item:{self.drag['id']}")
            if b:
                ghost = b.rect.copy()
                ghost.centery = self.drag["y"]
                pygame.draw.rect(surf, self.c["selected"], ghost, width=4, border_radius=10)
                step = self.rh + self.gap
                j = max(0, min(len(self.order) - 1, (self.drag["y"] - self.area.y) // step))
                y = self.area.y + j * step - 3
                pygame.draw.line(surf, self.c["focus"], (self.area.x, y), (b.rect.right, y), 4)


class NumericPanel(Panel):
    """numeric: type, or use the on-screen keypad. The panel sends what was typed; the
    engine reads it the language's way ("6,112" in English, "6 112" or "6,5" in Spanish)."""

    hint_key = "numeric_hint"
    KEYS = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "-", "0", "."]

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.text = ""

    def layout(self, area):
        super().layout(area)
        kw, kh, gap = 86, 56, 8
        pad_w = 3 * kw + 2 * gap
        x0 = area.right - pad_w - 10
        rows = 4
        y0 = area.y + max(0, (area.h - (rows * kh + (rows - 1) * gap)) // 2)
        point = marks(self.s.lang)[0]  # the keypad's decimal key writes the language's mark
        for i, ch in enumerate(self.KEYS):
            r, col = divmod(i, 3)
            ch = point if ch == "." else ch
            self.buttons.append(Button(f"key:{ch}", pygame.Rect(x0 + col * (kw + gap), y0 + r * (kh + gap), kw, kh),
                                       ch, (lambda ch=ch: self.type(ch)), size=26))
        self.display = pygame.Rect(area.x + 20, area.y + 30, x0 - area.x - 60, 80)
        self.buttons.append(Button("key:back", pygame.Rect(self.display.x, self.display.bottom + 16, 150, 52),
                                   "", self.back, icon="backspace", size=24, hint=self.screen.tr("clear")))
        self.buttons.append(Button("key:clear", pygame.Rect(self.display.x + 166, self.display.bottom + 16, 150, 52),
                                   self.screen.tr("clear"), self.clear, size=20))

    def type(self, ch):
        if ch == "-":
            self.text = self.text[1:] if self.text.startswith("-") else "-" + self.text
        elif (ch.isdigit() or ch in ".,") and len(self.text) < 16:
            self.text += ch  # kept as typed: the engine reads the marks
        self.changed()

    def back(self):
        self.text = self.text[:-1]
        self.changed()

    def clear(self):
        self.text = ""
        self.changed()

    def ready(self):
        return any(c.isdigit() for c in self.text)

    def answer(self):
        return self.text

    def handle_key(self, ev):
        ch = ev.text
        if ch and (ch.isdigit() or ch in ".,-"):
            self.type(ch)
            return True
        if ev.key == pygame.K_BACKSPACE:
            self.back()
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            f = self.screen.focused()
            if f is None or not f.id.startswith("key:"):
                self.screen.submit()
                return True
        return False

    def status(self):
        return self.screen.tr("numeric_hint")

    def draw_under(self, surf):
        c = self.c
        pygame.draw.rect(surf, c["panel"], self.display, border_radius=12)
        pygame.draw.rect(surf, c["button"], self.display, width=3, border_radius=12)
        unit = self.act["unit"]
        blink = int(self.screen.t * 2) % 2 == 0 or self.s.reduced_motion
        shown = (self.text or "") + ("|" if blink else " ")
        # what the student types is drawn uncached: a kiosk keeps nothing of a visitor
        t = self.app.text.font(self.s.ts(40), True).render(shown, True, c["ink"])
        surf.blit(t, t.get_rect(midleft=(self.display.x + 18, self.display.centery)))
        if unit:
            u = self.app.text.render(unit, self.s.ts(26), c["ink_soft"])
            surf.blit(u, u.get_rect(midright=(self.display.right - 16, self.display.centery)))


class MultiPanel(Panel):
    """multi: toggle every option that fits."""

    hint_key = "pick_all"

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.items = [(o["id"], o["text"]) for o in act["items"]]
        self.picked: set[str] = set()

    def layout(self, area):
        super().layout(area)
        n = max(1, len(self.items))
        cols = 2 if n > 4 else 1
        rows = (n + cols - 1) // cols
        gap = 8
        bh = max(36, min(56, (area.h - gap * (rows - 1)) // rows))
        bw = (area.w - (cols - 1) * 12) // cols
        for k, (oid, text) in enumerate(self.items):
            r, col = (k % rows, k // rows) if cols == 2 else (k, 0)
            sel = oid in self.picked
            self.buttons.append(Button(f"opt:{oid}", pygame.Rect(area.x + col * (bw + 12), area.y + r * (bh + gap), bw, bh),
                                       text, (lambda oid=oid: self.toggle(oid)), selected=sel,
                                       style="row", align="left", icon="check" if sel else "box", size=18))

    def toggle(self, oid):
        self.picked.symmetric_difference_update({oid})
        self.changed()

    def ready(self):
        return bool(self.picked)

    def answer(self):
        return [oid for oid, _ in self.items if oid in self.picked]

    def status(self):
        return f"{self.screen.tr('pick_all')}  ({self.screen.tr('selected_count', n=len(self.picked))})"


class MatchPanel(Panel):
    """match: pick an item (left), then its match (right)."""

    hint_key = "match_hint"
    TAGS = "ABCDEFGHIJKLMNOP"

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.items = [(x["id"], x["text"]) for x in act["items"]]
        self.matches = [(x["id"], x["text"]) for x in act["matches"]]
        self.pairs: dict[str, str] = {}
        self.sel: str | None = None

    def tag(self, lid):
        ids = [x for x, _ in self.items]
        return self.TAGS[ids.index(lid) % len(self.TAGS)]

    def layout(self, area):
        super().layout(area)
        n = max(len(self.items), len(self.matches), 1)
        gap = 8
        bh = max(34, min(56, (area.h - gap * (n - 1)) // n))
        bw = (area.w - 90) // 2
        inv = {r: l for l, r in self.pairs.items()}
        for k, (lid, text) in enumerate(self.items):
            paired = lid in self.pairs
            self.buttons.append(Button(f"left:{lid}", pygame.Rect(area.x, area.y + k * (bh + gap), bw, bh),
                                       text, (lambda lid=lid: self.pick_left(lid)),
                                       selected=self.sel == lid, style="row", align="left",
                                       icon=self.tag(lid), size=17,
                                       hint=("→ " + dict(self.matches)[self.pairs[lid]]) if paired else ""))
        for k, (rid, text) in enumerate(self.matches):
            lid = inv.get(rid)
            self.buttons.append(Button(f"right:{rid}", pygame.Rect(area.right - bw, area.y + k * (bh + gap), bw, bh),
                                       text, (lambda rid=rid: self.pick_right(rid)),
                                       style="row", align="left", icon=self.tag(lid) if lid else "·",
                                       size=17, hint=("← " + dict(self.items)[lid]) if lid else ""))

    def pick_left(self, lid):
        self.sel = None if self.sel == lid else lid
        self.changed()

    def pick_right(self, rid):
        if self.sel is not None:
            for l, r in list(self.pairs.items()):
                if r == rid:
                    del self.pairs[l]
            self.pairs[self.sel] = rid
            self.sel = None
            self.app.sounds.play("tick")
        else:
            for l, r in list(self.pairs.items()):
                if r == rid:
                    del self.pairs[l]
        self.changed()

    def ready(self):
        return len(self.pairs) == len(self.items) and bool(self.items)

    def answer(self):
        return dict(self.pairs)

    def draw_under(self, surf):
        c = self.c
        for lid, rid in self.pairs.items():
            a = self.screen.button(f"left:{lid}")
            b = self.screen.button(f"right:{rid}")
            if a and b:
                pygame.draw.line(surf, c["selected"], a.rect.midright, b.rect.midleft, 5)
                pygame.draw.circle(surf, c["selected"], a.rect.midright, 7)
                pygame.draw.circle(surf, c["selected"], b.rect.midleft, 7)


class HotspotPanel(Panel):
    """hotspot: tap (or Tab to) every spot that matters on the picture."""

    hint_key = "hotspot_hint"

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.items = act["items"]
        self.picked: set[str] = set()
        self.misses: list[list] = []

    def layout(self, area):
        super().layout(area)
        iw, ih = float(self.act["width"]), float(self.act["height"])
        k = min(area.w / iw, area.h / ih)
        self.k = k
        self.img_rect = pygame.Rect(0, 0, round(iw * k), round(ih * k))
        self.img_rect.center = area.center
        for sp in self.items:
            r = pygame.Rect(self.img_rect.x + round(float(sp["x"]) * k),
                            self.img_rect.y + round(float(sp["y"]) * k),
                            max(24, round(float(sp["w"]) * k)),
                            max(24, round(float(sp["h"]) * k)))
            sid = sp["id"]
            self.buttons.append(Button(f"spot:{sid}", r, sp["text"],
                                       (lambda sid=sid: self.toggle(sid)),
                                       selected=sid in self.picked, style="spot"))

    def toggle(self, sid):
        self.picked.symmetric_difference_update({sid})
        self.changed()

    def ready(self):
        return bool(self.picked)

    def answer(self):
        return [sp["id"] for sp in self.items if sp["id"] in self.picked]

    def status(self):
        return f"{self.screen.tr('hotspot_hint')}  ({self.screen.tr('selected_count', n=len(self.picked))})"

    def handle(self, ev):
        if ev.kind == "up" and ev.pos and self.img_rect.collidepoint(ev.pos):
            if not any(b.hit(ev.pos) for b in self.buttons):
                self.misses.append([ev.pos, MISS_TIME])
                del self.misses[:-5]
        return False

    def update(self, dt):
        for m in self.misses:
            m[1] -= dt
        self.misses = [m for m in self.misses if m[1] > 0]

    def draw_under(self, surf):
        img = self.app.images.load(self.act["image"], self.img_rect.size, "stretch")
        if img is not None and not self.s.high_contrast:
            surf.blit(img, self.img_rect)
        else:
            pygame.draw.rect(surf, self.c["panel"], self.img_rect, border_radius=6)
            for b in self.buttons:     # without the picture, show where the spots are
                pygame.draw.rect(surf, self.c["ink_soft"], b.rect, width=1, border_radius=6)
                t = self.app.text.fit(b.label, self.s.ts(13), self.c["ink"], b.rect.w - 6, b.rect.h)
                surf.blit(t, t.get_rect(center=b.rect.center))
        pygame.draw.rect(surf, self.c["ink_soft"], self.img_rect, width=2, border_radius=6)

    def draw_over(self, surf):
        for pos, t in self.misses:
            r = 10 + (MISS_TIME - t) * 20
            pygame.draw.circle(surf, self.c["bad"], pos, int(r), width=3)


class AllocatePanel(Panel):
    """allocate: + and − per item, within the budget."""

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.items = act["items"]
        self.qty = {i["id"]: 0 for i in self.items}
        self.budget = float(act["budget"])

    def spent(self):
        return sum(float(i["cost"]) * self.qty[i["id"]] for i in self.items)

    def layout(self, area):
        super().layout(area)
        n = max(1, len(self.items))
        top_h = 30 if self.act["goals"] else 0
        gap = 6
        rh = max(34, min(54, (area.h - top_h - gap * (n - 1)) // n))
        left = self.budget - self.spent()
        unit = self.act["unit"]
        for k, it in enumerate(self.items):
            y = area.y + top_h + k * (rh + gap)
            iid = it["id"]
            cost = float(it["cost"])
            q = self.qty[iid]
            label = f"{it['text']}   ({format_number(cost, self.s.lang, 2)} {unit})"
            self.buttons.append(Button(f"qty:{iid}", pygame.Rect(area.x, y, area.w - 250, rh),
                                       label, None, style="ghost", align="left",
                                       size=17, enabled=True, hint=f"× {q}"))
            self.buttons.append(Button(f"less:{iid}", pygame.Rect(area.right - 240, y, 70, rh), "-",
                                       (lambda iid=iid: self.add(iid, -1)), enabled=q > 0, size=26,
                                       hint=self.screen.tr("less") + " " + it["text"]))
            self.buttons.append(Button(f"more:{iid}", pygame.Rect(area.right - 80, y, 70, rh), "+",
                                       (lambda iid=iid: self.add(iid, 1)),
                                       enabled=q < it["max"] and cost <= left + 1e-9, size=26,
                                       hint=self.screen.tr("more") + " " + it["text"]))

    def add(self, iid, d):
        self.qty[iid] = max(0, self.qty[iid] + d)
        self.changed()

    def answer(self):
        return dict(self.qty)

    def status(self):
        left = self.budget - self.spent()
        lang = self.s.lang  # numbers the engine's way: 1,200.5 in English, 1200,5 in Spanish
        return self.screen.tr("budget_left", left=format_number(left, lang, 2),
                              budget=format_number(self.budget, lang, 2),
                              unit=self.act["unit"])

    def draw_under(self, surf):
        goals = self.act["goals"]
        if goals:
            text = self.screen.tr("goals") + " " + "  ·  ".join(g["label"] for g in goals)
            t = self.app.text.fit(text, self.s.ts(16), self.c["hud_ink"], self.area.w - 20, 26)
            box = pygame.Rect(self.area.x, self.area.y, self.area.w, 26)
            cached_panel(surf, box, self.c["hud_bg"], 210, 8)
            surf.blit(t, (box.x + 10, box.y + 3))
        for it in self.items:
            b = self.screen.button(f"qty:{it['id']}")
            if b:
                q = self.app.text.render(str(self.qty[it["id"]]), self.s.ts(24), self.c["hud_ink"], True)
                mid = (self.area.right - 125, b.rect.centery)
                pygame.draw.circle(surf, self.c["hud_bg"], mid, 24)
                surf.blit(q, q.get_rect(center=mid))
        # the budget bar
        frac = 0 if self.budget <= 0 else max(0.0, min(1.0, self.spent() / self.budget))
        bar = pygame.Rect(self.area.x, self.area.bottom + 2, self.area.w - 330, 8)
        pygame.draw.rect(surf, self.c["track"], bar, border_radius=4)
        pygame.draw.rect(surf, self.c["mid"], (bar.x, bar.y, round(bar.w * frac), bar.h), border_radius=4)


class ModelPanel(Panel):
    """model: a slider row per input (drag the track, tap − and +, or focus it and use the
    arrows, Page Up/Down, Home/End); the outputs and displays the engine computes beside it.
    The panel never does the model's maths: it asks the session for a preview."""

    def __init__(self, screen, act):
        super().__init__(screen, act)
        self.inputs = act["inputs"]
        self.live = act["live"]
        self.values = dict(self.live["inputs"])
        self.drag: str | None = None
        self.tracks: dict = {}

    # the inputs as step indexes: the same moves for sliders, steppers and options
    @staticmethod
    def _steps(i) -> int:
        if i["control"] == "options":
            return len(i["options"]) - 1
        return int(round((i["max"] - i["min"]) / i["step"])) if i["step"] else 0

    def _index(self, i) -> int:
        v = self.values.get(i["id"], i["start"])
        if i["control"] == "options":
            return [o["id"] for o in i["options"]].index(v)
        return int(round((v - i["min"]) / i["step"])) if i["step"] else 0

    def _value(self, i, k):
        k = max(0, min(self._steps(i), k))
        if i["control"] == "options":
            return i["options"][k]["id"]
        x = round(i["min"] + k * i["step"], 9)
        return int(x) if float(x).is_integer() else x

    def _text(self, i) -> str:
        v = self.values.get(i["id"], i["start"])
        if i["control"] == "options":
            return next((o["text"] for o in i["options"] if o["id"] == v), str(v))
        # the input's own decimals: a chip load of 0.002 must not read "0."
        return f"{format_number(float(v), self.s.lang, i['decimals'])} {i['unit']}".strip()

    def set_index(self, iid, k):
        i = next(x for x in self.inputs if x["id"] == iid)
        v = self._value(i, k)
        if v == self.values.get(iid):
            return
        self.values[iid] = v
        try:
            self.live = self.screen.story.session.preview(self.values)
        except Exception:  # noqa: BLE001 - an input the engine refuses leaves the last good state
            return
        self.changed()

    def nudge(self, iid, d):
        i = next(x for x in self.inputs if x["id"] == iid)
        self.set_index(iid, self._index(i) + d)

    def layout(self, area):
        super().layout(area)
        n = max(1, len(self.inputs))
        rh = max(40, min(52, (area.h - 8 * (n - 1)) // n))
        half = area.w // 2 - 10
        self.tracks = {}
        for k, i in enumerate(self.inputs):
            y = area.y + k * (rh + 8)
            iid = i["id"]
            track = pygame.Rect(area.x + rh + 8, y, half - 2 * (rh + 8), rh)
            self.tracks[iid] = track
            self.buttons.append(Button(f"less:{iid}", pygame.Rect(area.x, y, rh, rh), "-",
                                       (lambda iid=iid: self.nudge(iid, -1)), enabled=self._index(i) > 0,
                                       size=24, hint=self.screen.tr("less") + " " + i["label"]))
            self.buttons.append(Button(f"slider:{iid}", track, f"{i['label']}: {self._text(i)}",
                                       (lambda: None), style="ghost", align="left", size=17,
                                       hint=self._text(i)))
            self.buttons.append(Button(f"more:{iid}", pygame.Rect(track.right + 8, y, rh, rh), "+",
                                       (lambda iid=iid: self.nudge(iid, 1)),
                                       enabled=self._index(i) < self._steps(i), size=24,
                                       hint=self.screen.tr("more") + " " + i["label"]))
        self.out_rect = pygame.Rect(area.x + half + 20, area.y, area.w - half - 20, area.h)

    def answer(self):
        return dict(self.values)

    def status(self):
        return f"{self.screen.tr('model_goal_' + self.live['goal']['state'])}: {self.act['goal']}"

    def describe(self):
        """A control chart's data table, row by row: the chart's twin for screen readers."""
        lines = []
        for spec, d in zip(self.act["displays"], self.live["displays"]):
            if d["type"] != "control":
                continue
            unit = f" {spec['unit']}" if spec["unit"] else ""
            lines.append(self.screen.tr("model_control", label=spec["label"],
                                        centre=d["centre_text"] + unit, lower=d["lower_text"],
                                        upper=d["upper_text"] + unit))
            for p in d["points"]:
                where = self.screen.tr("model_control_out" if p["out"] else "model_control_in")
                lines.append(f"{self.screen.tr('model_sample')} {p['x_text']}: {p['y_text']}{unit} ({where})")
            lines.append(self.screen.tr("model_control_first", n=d["first_out"]) if d["first_out"]
                         else self.screen.tr("model_control_none"))
        return "\n".join(lines)

    def _track_at(self, pos):
        for iid, r in self.tracks.items():
            if r.collidepoint(pos):
                return iid
        return None

    def _set_from_x(self, iid, x):
        i = next(v for v in self.inputs if v["id"] == iid)
        r = self.tracks[iid]
        frac = max(0.0, min(1.0, (x - r.x) / max(1, r.w)))
        self.set_index(iid, round(frac * self._steps(i)))

    def handle(self, ev):
        if ev.kind == "down" and ev.pos:
            iid = self._track_at(ev.pos)
            if iid:
                self.drag = iid
                self._set_from_x(iid, ev.pos[0])
                return True
            return False
        if ev.kind == "move" and ev.pos and self.drag:
            self._set_from_x(self.drag, ev.pos[0])
            return True
        if ev.kind == "up" and self.drag:
            self.drag = None
            self.screen.pressed = None
            return True
        return False

    def handle_key(self, ev):
        f = self.screen.focused()
        if f is None or not f.id.startswith("slider:"):
            return False
        iid = f.id[7:]
        i = next(v for v in self.inputs if v["id"] == iid)
        big = max(1, self._steps(i) // 10)
        moves = {pygame.K_LEFT: -1, pygame.K_DOWN: -1, pygame.K_RIGHT: 1, pygame.K_UP: 1,
                 pygame.K_PAGEDOWN: -big, pygame.K_PAGEUP: big}
        if ev.key in moves:
            self.nudge(iid, moves[ev.key])
        elif ev.key == pygame.K_HOME:
            self.set_index(iid, 0)
        elif ev.key == pygame.K_END:
            self.set_index(iid, self._steps(i))
        else:
            return False
        return True

    def draw_under(self, surf):
        c, s = self.c, self.s
        for i in self.inputs:  # the slider's fill and thumb, under its label
            r = self.tracks.get(i["id"])
            if r is None:
                continue
            n = self._steps(i)
            frac = self._index(i) / n if n else 0
            bar = pygame.Rect(r.x + 6, r.bottom - 9, r.w - 12, 5)
            pygame.draw.rect(surf, c["track"], bar, border_radius=3)
            pygame.draw.rect(surf, c["mid"], (bar.x, bar.y, round(bar.w * frac), bar.h), border_radius=3)
            pygame.draw.circle(surf, c["selected"], (bar.x + round(bar.w * frac), bar.centery), 7)
        box = self.out_rect
        cached_panel(surf, box, c["panel"], c["panel_alpha"], 10)
        # the outputs change only when an input does: drawn once into a surface, then blitted
        key = (id(self.live), box.size, s.high_contrast, s.text_scale, s.lang)
        if getattr(self, "_drawn_key", None) != key:
            self._drawn = pygame.Surface(box.size, pygame.SRCALPHA)
            if pygame.display.get_surface() is not None:
                self._drawn = self._drawn.convert_alpha()  # the display's pixel format blits fastest
            self._spinners = []
            self._draw_outputs(self._drawn, pygame.Rect(0, 0, box.w, box.h))
            self._drawn_key = key
        surf.blit(self._drawn, box.topleft)

    def still_key(self):
        """What the panel's still picture is drawn from: the inputs and the engine's answer
        (the screen keys the rest). Only the spinners move, drawn by draw_over."""
        return (self.live, tuple(self.values.items()))

    def draw_over(self, surf):
        # the spinners sit inside the outputs box, clear of the buttons, status and error
        # lines, so drawing them last looks the same as drawing them under those
        box, s = self.out_rect, self.s
        turn = 0.0 if s.reduced_motion else self.screen.t  # still under reduced motion
        for (x, y, ex, ey, rot, spin, col) in getattr(self, "_spinners", ()):
            a = rot + 2 * math.pi * spin * turn
            dx, dy = ex * math.cos(a) - ey * math.sin(a), ex * math.sin(a) + ey * math.cos(a)
            pygame.draw.line(surf, col, (box.x + x, box.y + y), (box.x + x + dx, box.y + y + dy), 3)

    def _draw_outputs(self, surf, box):
        c, s = self.c, self.s
        y = box.y + 8
        for o, v in zip(self.act["outputs"], self.live["outputs"]):
            t = self.app.text.render(f"{o['label']}: {v['text']} {o['unit']}".strip(), s.ts(18), c["ink"], True)
            surf.blit(t, (box.x + 10, y))
            y += t.get_height() + 4
        zone_col = {"good": c["good"], "bad": c["bad"]}
        # gauges and bars side by side in one row, so a drawing below them keeps its room
        bars = [d for d in self.live["displays"] if d["type"] in ("gauge", "bar")]
        if bars and y <= box.bottom - 20:
            w = (box.w - 20 - 8 * (len(bars) - 1)) / len(bars)
            for k, d in enumerate(bars):
                bar = pygame.Rect(round(box.x + 10 + k * (w + 8)), y + 4, round(w), 12)
                pygame.draw.rect(surf, c["track"], bar, border_radius=4)
                pygame.draw.rect(surf, zone_col.get(d["zone"], c["mid"]),
                                 (bar.x, bar.y, round(bar.w * d["fraction"]), bar.h), border_radius=4)
            y += 24
        for d in self.live["displays"]:
            if y > box.bottom - 20:
                break
            if d["type"] == "chart":
                self._chart(surf, pygame.Rect(box.x + 10, y, box.w - 20, 60), d)
                y += 68
            elif d["type"] == "control":
                y = self._control(surf, pygame.Rect(box.x + 10, y + 4, box.w - 20, 110), d)
            elif d["type"] == "scene":
                self._scene(surf, pygame.Rect(box.x + 10, y, box.w - 20, box.bottom - y - 8), d)
                y = box.bottom

    def _chart(self, surf, r, d):
        pts = d["points"]
        xs, ys = [p["x"] for p in pts], [p["y"] for p in pts]
        x0, x1 = min(xs), max(xs) or 1
        y0, y1 = min(ys), max(ys)
        sx = r.w / ((x1 - x0) or 1)
        sy = r.h / ((y1 - y0) or 1)
        line = [(r.x + (x - x0) * sx, r.bottom - (y - y0) * sy) for x, y in zip(xs, ys)]
        pygame.draw.rect(surf, self.c["track"], r, width=1)
        if len(line) > 1:
            pygame.draw.lines(surf, self.c["ink"], False, line, 2)
        cx = r.x + (d["current"] - x0) * sx
        pygame.draw.line(surf, self.c["selected"], (cx, r.y), (cx, r.bottom), 2)

    def _control(self, surf, r, d):
        """A control chart: dashed centre line, the two limits, the samples so far; a sample
        outside the limits is a square, not only another colour. Returns the next free y."""
        c = self.c
        lo, hi, n = d["y_min"], d["y_max"], max(2, d["count"])

        def at(k, v):
            return (r.x + 8 + (k - 1) * (r.w - 16) / (n - 1), r.bottom - (v - lo) * r.h / ((hi - lo) or 1))

        pygame.draw.rect(surf, c["track"], r, width=1)
        for v in (d["lower"], d["upper"]):
            yv = at(1, v)[1]
            pygame.draw.line(surf, c["bad"], (r.x, yv), (r.right, yv), 2)
        yc = at(1, d["centre"])[1]
        for x in range(r.x, r.right, 12):  # dashed
            pygame.draw.line(surf, c["ink_soft"], (x, yc), (min(x + 6, r.right), yc), 1)
        pts = [at(p["x"], p["y"]) for p in d["points"]]
        if len(pts) > 1:
            pygame.draw.lines(surf, c["ink"], False, pts, 2)
        for p, (x, y) in zip(d["points"], pts):
            if p["out"]:
                pygame.draw.rect(surf, c["bad"], (x - 6, y - 6, 12, 12))
            else:
                pygame.draw.circle(surf, c["ink"], (x, y), 4)
        note = (self.screen.tr("model_control_first", n=d["first_out"]) if d["first_out"]
                else self.screen.tr("model_control_none"))
        t = self.app.text.render(note, self.s.ts(15), c["ink"], True)
        surf.blit(t, (r.x, r.bottom + 4))
        return r.bottom + 8 + t.get_height()

    def _scene(self, surf, r, d):
        spec = next(x for x in self.act["displays"] if x["type"] == "scene")
        w, h = float(spec["width"]), float(spec["height"])
        k = min(r.w / w, r.h / h) if r.h > 0 else 0
        if k <= 0:
            return
        for sh in d["shapes"]:  # a number an author left out is 0 (docs/view.md)
            fill = _colour(sh["fill"]) or self.c["mid"]
            stroke = _colour(sh["stroke"])
            x, y = r.x + sh.get("x", 0) * k, r.y + sh.get("y", 0) * k
            if sh["shape"] == "rect":
                pygame.draw.rect(surf, fill, (x, y, max(1, sh.get("w", 0) * k), max(1, sh.get("h", 0) * k)))
            elif sh["shape"] == "circle":
                pygame.draw.circle(surf, fill, (x, y), max(1, sh.get("r", 0) * k))
            elif sh["shape"] == "line":
                ex, ey = r.x + sh.get("x2", 0) * k - x, r.y + sh.get("y2", 0) * k - y
                line = (x, y, ex, ey, math.radians(sh.get("rotate", 0)), sh.get("spin", 0), stroke or fill)
                if line[5]:
                    self._spinners.append(line)  # drawn each frame, turning
                else:
                    a = line[4]
                    dx, dy = ex * math.cos(a) - ey * math.sin(a), ex * math.sin(a) + ey * math.cos(a)
                    pygame.draw.line(surf, line[6], (x, y), (x + dx, y + dy), 3)
            elif sh["shape"] == "text" and sh.get("text"):
                # words without a colour take the ink, as the browser's take the text colour
                t = self.app.text.render(sh["text"], self.s.ts(15), _colour(sh["fill"]) or self.c["ink"])
                surf.blit(t, (x, y - t.get_height()))


def _colour(hexcode):
    if not hexcode:
        return None
    return tuple(int(hexcode[n:n + 2], 16) for n in (1, 3, 5))


PANELS = {"order": OrderPanel, "sequence": OrderPanel, "numeric": NumericPanel,
          "multi": MultiPanel, "match": MatchPanel, "hotspot": HotspotPanel,
          "allocate": AllocatePanel, "model": ModelPanel}


def make_panel(screen, act: dict) -> Panel:
    cls = PANELS.get(act["kind"])
    if cls is None:
        raise ValueError(f"unknown activity kind {act['kind']!r}")
    return cls(screen, act)
