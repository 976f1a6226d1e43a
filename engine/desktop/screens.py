"""The player's screens, one class each: launcher, scene, activity, feedback, ending,
debrief, results, settings."""
from __future__ import annotations

import pygame

from .activities import make_panel
from .qr import qr_surface
from .theme import FIELD_COLOURS, H, W
from .widgets import Button, Screen, cached_panel, draw_icon, draw_stars

HUD_H = 48
OUTCOME_KEYS = {"correct": "correct", "partial": "partly_correct", "wrong": "not_quite"}
MARGIN = 16

_BACKDROPS: dict = {}


def backdrop(field: str, size=(W, H)) -> pygame.Surface:
    """A vertical gradient in the field's colours (used when a scene has no art)."""
    key = (field, size)
    surf = _BACKDROPS.get(key)
    if surf is None:
        top, bottom = FIELD_COLOURS.get(field, FIELD_COLOURS["other"])
        surf = pygame.Surface(size)
        w, h = size
        for y in range(h):
            k = y / max(1, h - 1)
            col = [round(top[i] + (bottom[i] - top[i]) * k) for i in range(3)]
            pygame.draw.line(surf, col, (0, y), (w, y))
        _BACKDROPS[key] = surf
    return surf


class StoryScreen(Screen):
    """Shared frame for scene, activity and feedback: art, HUD, settings button."""

    @property
    def story(self):
        return self.app.story

    @property
    def view(self):
        return self.app.story.view

    def layout(self):
        self.buttons.append(Button("settings", pygame.Rect(W - 52, 4, 46, 40), "",
                                   self.app.open_settings, style="small", icon="gear",
                                   hint=self.tr("settings"), size=22))

    def update(self, dt):
        super().update(dt)
        self.story.hud.update(self.view, dt)

    def draw_frame(self, surf):
        v = self.view
        field = v["sim"]["field"]
        bg = None
        if v["background"] and not self.s.high_contrast:
            bg = self.app.images.load(v["background"], (W, H), "cover")
        surf.blit(bg if bg is not None else (backdrop(field) if not self.s.high_contrast
                                             else backdrop("__black", (W, H))), (0, 0))
        self.story.hud.draw(surf, v, pygame.Rect(0, 0, W, HUD_H), self.story.title)

    def settings_label(self):
        return self.tr("settings")

    def mirror_text(self) -> str:
        v = self.view
        parts = list(v["notices"])
        sp = v["speaker"]
        if sp:
            parts.append(f"{sp['name']}: {v['text']}")
        elif v["text"]:
            parts.append(v["text"])
        return "\n".join(parts)

    def draw_speaker(self, surf, area: pygame.Rect) -> pygame.Rect:
        """Portrait + name in a column on the left; returns the rect left for text."""
        sp = self.view["speaker"]
        if not sp:
            return area
        c = self.c
        col = pygame.Rect(area.x, area.y, 176, area.h)
        cached_panel(surf, col, c["panel"], c["panel_alpha"], 14)
        img = self.app.images.load(sp["portrait"], (156, 156), "fit") if sp["portrait"] else None
        y = col.y + 10
        if img is not None:
            surf.blit(img, img.get_rect(midtop=(col.centerx, y)))
            y += 160
        else:
            pygame.draw.circle(surf, c["button"], (col.centerx, y + 60), 56)
            ini = self.app.text.render((sp["name"] or "?")[:1], self.s.ts(48), c["button_ink"], True)
            surf.blit(ini, ini.get_rect(center=(col.centerx, y + 60)))
            y += 128
        name = self.app.text.fit(sp["name"], self.s.ts(18), c["ink"], col.w - 16,
                                 44, bold=True, align="center")
        surf.blit(name, name.get_rect(midtop=(col.centerx, y)))
        y += name.get_height() + 2
        if sp["role"]:
            role = self.app.text.fit(sp["role"], self.s.ts(14), c["ink_soft"], col.w - 16,
                                     max(14, col.bottom - y - 6), align="center")
            surf.blit(role, role.get_rect(midtop=(col.centerx, y)))
        return pygame.Rect(col.right + 10, area.y, area.right - col.right - 10, area.h)

    def draw_notices(self, surf, rect: pygame.Rect) -> int:
        """Notices as a banner at the top of rect; returns the height used."""
        notes = self.view["notices"]
        if not notes:
            return 0
        c = self.c
        text = "\n".join("• " + n for n in notes)
        t = self.app.text.fit(text, self.s.ts(17), c["notice_ink"], rect.w - 24, 90, bold=True)
        box = pygame.Rect(rect.x, rect.y, rect.w, t.get_height() + 14)
        pygame.draw.rect(surf, c["notice_bg"], box, border_radius=10)
        surf.blit(t, (box.x + 12, box.y + 7))
        return box.h + 8

    def draw_error(self, surf):
        if self.story.error:
            c = self.c
            t = self.app.text.fit(self.tr("error", msg=self.story.error), self.s.ts(15),
                                  c["notice_ink"], 520, 60)
            box = t.get_rect(bottomleft=(MARGIN + 8, H - 12))
            pygame.draw.rect(surf, c["notice_bg"], box.inflate(14, 10), border_radius=8)
            surf.blit(t, box)


class SceneScreen(StoryScreen):
    """Narration with choices (or a Continue button)."""

    def layout(self):
        super().layout()
        v = self.view
        choices = v["choices"]
        items = []
        for i, ch in enumerate(choices):
            label = ch["text"] or ch["id"]
            hint = ""
            if not ch["enabled"] and ch["locked"]:
                hint = ch["locked"]
                label = f"{label} — {hint}"
            items.append((f"choice:{ch['id']}", label, ch["enabled"], hint,
                          (lambda cid=ch["id"]: self.story.act({"type": "choose", "choice": cid})),
                          "lock" if not ch["enabled"] else str(i + 1)))
        if v["continue"] and not choices:
            items.append(("continue", self.tr("continue"), True, "",
                          lambda: self.story.act({"type": "continue"}), ""))
        n = len(items)
        cols = 2 if n > 4 else 1
        rows = (n + cols - 1) // cols
        bh = 50 if rows <= 3 else 44
        gap = 8
        total = rows * bh + (rows - 1) * gap if rows else 0
        top = H - MARGIN - total
        colw = (W - 2 * MARGIN - (cols - 1) * 12) // cols
        for k, (bid, label, enabled, hint, act, num) in enumerate(items):
            r, cidx = divmod(k, cols) if cols == 2 else (k, 0)
            rect = pygame.Rect(MARGIN + cidx * (colw + 12), top + r * (bh + gap), colw, bh)
            self.buttons.append(Button(bid, rect, label, act, enabled=enabled,
                                       style="choice", hint=hint, icon=num, size=19, align="left"))
        self.text_bottom = top - 12

    def handle_key(self, ev):
        if pygame.K_1 <= ev.key <= pygame.K_9:
            idx = ev.key - pygame.K_1
            choices = [b for b in self.buttons if b.id.startswith("choice:")]
            if idx < len(choices) and choices[idx].enabled:
                self.activate(choices[idx])
                return True
        return super().handle_key(ev)

    def draw(self, surf):
        self.draw_frame(surf)
        c = self.c
        area = pygame.Rect(MARGIN, HUD_H + 10, W - 2 * MARGIN, self.text_bottom - HUD_H - 10)
        text_rect = self.draw_speaker(surf, area)
        cached_panel(surf, text_rect, c["panel"], c["panel_alpha"], 14)
        inner = text_rect.inflate(-28, -24)
        used = self.draw_notices(surf, inner)
        t = self.app.text.fit(self.view["text"], self.s.ts(22), c["ink"], inner.w,
                              inner.h - used)
        surf.blit(t, (inner.x, inner.y + used))
        self.draw_buttons(surf)
        self.draw_error(surf)


class ActivityScreen(StoryScreen):
    """The prompt, the kind's own panel (activities.py) and a Check button."""

    def __init__(self, app):
        super().__init__(app)
        self.panel = make_panel(self, self.view["activity"])

    def layout(self):
        super().layout()
        self._still_key = None  # laid out again (a change, a setting): the still is drawn afresh
        prompt = self.view["activity"]["prompt"] or self.view["text"]
        story = self.view["text"].strip()
        if story == prompt.strip():
            story = ""
        sp = self.view["speaker"]
        if story and sp and sp["name"]:
            story = f"{sp['name']}: {story}"
        retry = self.view["activity"].get("retry")
        if retry:  # the try before was not right: what it means and the next hint
            parts = [f"{self.tr('not_quite')}. "
                     f"{self.tr('retry_tries', n=retry['tried'] + 1, attempts=retry['attempts'])}",
                     retry["diagnosis"], f"{self.tr('retry_hint')}: {retry['hint']}" if retry["hint"] else ""]
            story = " ".join(p for p in parts if p)
        c = self.c
        width = W - 2 * MARGIN - 28
        # the scene's narration (often holding the numbers), then the task itself
        self.story_surf = self.app.text.fit(story, self.s.ts(17), c["ink_soft"], width, 92,
                                            min_size=12) if story else None
        self.prompt_surf = self.app.text.fit(prompt, self.s.ts(20), c["ink"], width, 66, bold=True)
        h = self.prompt_surf.get_height() + 20
        if self.story_surf is not None:
            h += self.story_surf.get_height() + 6
        self.prompt_rect = pygame.Rect(MARGIN, HUD_H + 8, W - 2 * MARGIN, h)
        area = pygame.Rect(MARGIN, self.prompt_rect.bottom + 8, W - 2 * MARGIN,
                           H - 72 - self.prompt_rect.bottom - 8)
        self.panel.layout(area)
        self.buttons.extend(self.panel.buttons)
        self.buttons.append(Button("submit", pygame.Rect(W - MARGIN - 300, H - 60, 300, 50),
                                   self.tr("check_answer"), self.submit, enabled=self.panel.ready(),
                                   size=20))

    def submit(self):
        if self.panel.ready():
            self.story.act({"type": "answer", "answer": self.panel.answer()})

    def changed(self):
        """The panel's state changed: rebuild buttons (labels, selection, Check)."""
        self.relayout()

    def handle(self, ev):
        if self.panel.handle(ev):
            return True
        return super().handle(ev)

    def handle_key(self, ev):
        if self.panel.handle_key(ev):
            return True
        return super().handle_key(ev)

    def update(self, dt):
        super().update(dt)
        self.panel.update(dt)

    def mirror_text(self):
        return "\n".join(x for x in [super().mirror_text(), self.view["activity"]["prompt"],
                                     self.panel.status(), self.panel.describe()] if x)

    def draw(self, surf):
        panel_key = self.panel.still_key()
        if panel_key is None:
            self.draw_still(surf, over=True)
            return
        # A panel that says what its picture depends on (a live model) gets the whole screen
        # drawn once into a still frame, redrawn only when something drawn in it changes;
        # what moves (a turning spindle) is drawn on top each frame by draw_over.
        key = (panel_key, self.still_key())
        if self._still is None or self._still_key != key:
            if self._still is None or self._still.get_size() != surf.get_size():
                self._still = pygame.Surface(surf.get_size())
                if pygame.display.get_surface() is not None:
                    self._still = self._still.convert()  # the display's pixel format blits fastest
            self.draw_still(self._still, over=False)
            self._still_key = key
            self.still_draws += 1
        surf.blit(self._still, (0, 0))
        self.panel.draw_over(surf)

    _still = None
    _still_key = None
    still_draws = 0  # how many times the still frame was drawn (tests check it is reused)

    def still_key(self) -> tuple:
        """Everything the screen around the panel draws from: the view, the HUD's animated
        meters and clock, the buttons' looks and which one is hovered, pressed or focused,
        the theme and the error line. Objects, not ids, so a freed one's id cannot match."""
        hud = self.story.hud
        focus = self.focused() if self.app.show_focus else None
        s = self.s
        return (self.view, self.story.title, tuple(hud.shown.items()), tuple(hud.flash), hud.minutes,
                tuple((b.id, b.label, b.enabled, b.selected, b.visible, tuple(b.rect), b.style,
                       b.icon, b.size, b.align) for b in self.buttons),
                self.hover, self.pressed, focus, self.story_surf, self.prompt_surf,
                tuple(self.prompt_rect), self.story.error, self.panel.status(),
                s.high_contrast, s.text_scale, s.lang)

    def draw_still(self, surf, over: bool):
        """The whole screen; the panel's draw_over (what moves) only when `over`."""
        self.draw_frame(surf)
        c = self.c
        cached_panel(surf, self.prompt_rect, c["panel"], c["panel_alpha"], 14)
        y = self.prompt_rect.y + 10
        if self.story_surf is not None:
            surf.blit(self.story_surf, (self.prompt_rect.x + 14, y))
            y += self.story_surf.get_height() + 6
        surf.blit(self.prompt_surf, (self.prompt_rect.x + 14, y))
        self.panel.draw_under(surf)
        self.draw_buttons(surf)
        if over:
            self.panel.draw_over(surf)
        st = self.panel.status()
        if st and not self.story.error:
            t = self.app.text.fit(st, self.s.ts(16), c["hud_ink"], W - 360, 44)
            box = t.get_rect(midleft=(MARGIN + 10, H - 35))
            cached_panel(surf, box.inflate(16, 10), c["hud_bg"], 210, 8)
            surf.blit(t, box)
        self.draw_error(surf)


class FeedbackScreen(StoryScreen):
    """How the answer or choice went, the explanation, and the right answer."""

    def layout(self):
        super().layout()
        self.buttons.append(Button("continue", pygame.Rect(W - MARGIN - 260, H - 62, 260, 50),
                                   self.tr("continue"),
                                   lambda: self.story.act({"type": "continue"}), size=20))

    def lines(self):
        fb = self.view["feedback"]
        outcome = fb["outcome"]  # None after a choice's feedback
        head = self.tr(OUTCOME_KEYS[outcome]) if outcome in OUTCOME_KEYS else ""
        if head and fb["score"] is not None:
            head += "   " + self.tr("score", n=round(float(fb["score"]) * 100))
        body = [fb["text"], fb["explain"]]
        disp = fb["correct"]["display"] if fb["correct"] else None
        if disp and outcome != "correct":
            body.append(self.tr("the_right_answer") + ":\n" + "\n".join("• " + str(d) for d in disp))
        out = [head] + [b for b in body if b]
        return outcome, out

    def mirror_text(self):
        _, lines = self.lines()
        return "\n".join([super().mirror_text()] + [x for x in lines if x])

    def draw(self, surf):
        self.draw_frame(surf)
        c = self.c
        outcome, lines = self.lines()
        box = pygame.Rect(MARGIN, HUD_H + 10, W - 2 * MARGIN, H - HUD_H - 90)
        cached_panel(surf, box, c["panel"], c["panel_alpha"], 14)
        y = box.y + 14
        if lines[0]:
            col = {"correct": c["good"], "partial": c["mid"], "wrong": c["bad"]}.get(outcome, c["button"])
            band = pygame.Rect(box.x, box.y, box.w, 54)
            pygame.draw.rect(surf, col, band, border_top_left_radius=14, border_top_right_radius=14)
            ink = (255, 255, 255) if not self.s.high_contrast else (0, 0, 0)
            mark = {"correct": "check", "partial": "approx", "wrong": "cross"}.get(outcome)
            x = box.x + 18
            if mark:
                draw_icon(surf, mark, pygame.Rect(x, band.y + 11, 32, 32), ink)
                x += 44
            t = self.app.text.render(lines[0], self.s.ts(24), ink, True)
            surf.blit(t, t.get_rect(midleft=(x, band.centery)))
            y = band.bottom + 12
        text = "\n\n".join(lines[1:])
        t = self.app.text.fit(text, self.s.ts(20), c["ink"], box.w - 36, box.bottom - y - 12)
        surf.blit(t, (box.x + 18, y))
        self.draw_buttons(surf)
        self.draw_error(surf)


class EndingScreen(StoryScreen):
    """The ending's title, stars and text."""

    def layout(self):
        super().layout()
        bw = 280
        self.buttons.append(Button("debrief", pygame.Rect(W // 2 - bw - 10, H - 66, bw, 50),
                                   self.tr("debrief"), lambda: self.app.show(DebriefScreen(self.app))))
        self.buttons.append(Button("results", pygame.Rect(W // 2 + 10, H - 66, bw, 50),
                                   self.tr("results"), lambda: self.app.show(ResultsScreen(self.app))))

    def mirror_text(self):
        e = self.view["ending"]
        return "\n".join([e["title"], self.tr("rating_n", n=e["rating"], max=e["max_rating"]),
                          e["text"]])

    def draw(self, surf):
        self.draw_frame(surf)
        c = self.c
        e = self.view["ending"]
        box = pygame.Rect(80, HUD_H + 16, W - 160, H - HUD_H - 100)
        cached_panel(surf, box, c["panel"], c["panel_alpha"], 18)
        t = self.app.text.fit(e["title"], self.s.ts(32), c["ink"], box.w - 40, 90,
                              bold=True, align="center")
        surf.blit(t, t.get_rect(midtop=(box.centerx, box.y + 16)))
        y = box.y + 24 + t.get_height()
        draw_stars(surf, (box.centerx, y + 26), e["rating"], e["max_rating"], c)
        y += 64
        body = self.app.text.fit(e["text"], self.s.ts(20), c["ink"], box.w - 60,
                                 box.bottom - y - 12, align="center")
        surf.blit(body, body.get_rect(midtop=(box.centerx, y)))
        self.draw_buttons(surf)


def career_pages(career, tr) -> list[tuple[str, list[str]]]:
    """The career's catalogue entry (the view's `ending.career`, None when the catalogue
    could not be read) as one or two readable pages; empty fields are left out."""
    if career is None:
        return []
    first, second = [], []
    if career["title"]:
        first.append(career["title"])
    for key in ("description", "day"):
        if career[key]:
            first.append((tr("career_day") + ": " if key == "day" else "") + career[key])
    if career["wage"]["display"]:
        second.append(f"{tr('median_wage')}: {career['wage']['display']}")
    for key in ("education", "training"):
        if career[key]:
            second.append(f"{tr(key)}: {career[key]}")
    for key in ("certifications", "courses"):
        if career[key]:
            second.append(f"{tr(key)}: " + "; ".join(career[key]))
    if career["related"]:
        second.append(f"{tr('related_careers')}: " + ", ".join(r["title"] for r in career["related"]))
    if career["onet"]["code"]:
        second.append(f"{tr('career_onet')}: {career['onet']['code']}")
    if career["attribution"]:
        second.append(career["attribution"])
    pages = [(tr("career_facts"), first)] if first else []
    if second:
        pages.append((tr("career_facts"), second))
    return pages


class DebriefScreen(StoryScreen):
    """The debrief, one page per section, then the career's facts."""

    def __init__(self, app):
        super().__init__(app)
        self.page = 0

    def pages(self):
        e = self.view["ending"]
        d = e["debrief"]
        pages = []
        for key, label in (("went_well", "what_went_well"), ("try_next", "try_next"),
                           ("professional", "what_a_pro_would_do"), ("reflection", "reflection")):
            items = [x for x in d[key] if x]
            if items:
                pages.append((self.tr(label), items))
        # a skill's description is missing only when the catalogue could not be read
        skills = [f"{k['name']}: {k['description']}" if k.get("description") else k["name"]
                  for k in e["skills"]]
        if skills:
            pages.append((self.tr("skills_you_used"), skills))
        pages.extend(career_pages(e["career"], self.tr))
        return pages or [(self.tr("debrief"), [])]

    def layout(self):
        super().layout()
        n = len(self.pages())
        self.page = min(self.page, n - 1)
        self.buttons.append(Button("prev", pygame.Rect(MARGIN, H - 62, 200, 50), self.tr("back"),
                                   self.prev))
        last = self.page >= n - 1
        self.buttons.append(Button("next", pygame.Rect(W - MARGIN - 260, H - 62, 260, 50),
                                   self.tr("results") if last else self.tr("next"), self.next))

    def prev(self):
        if self.page == 0:
            self.app.show(EndingScreen(self.app))
        else:
            self.page -= 1
            self.relayout()

    def next(self):
        if self.page >= len(self.pages()) - 1:
            self.app.show(ResultsScreen(self.app))
        else:
            self.page += 1
            self.relayout()

    def mirror_text(self):
        head, items = self.pages()[self.page]
        return "\n".join([head] + items)

    def draw(self, surf):
        self.draw_frame(surf)
        c = self.c
        pages = self.pages()
        head, items = pages[self.page]
        box = pygame.Rect(MARGIN + 20, HUD_H + 12, W - 2 * MARGIN - 40, H - HUD_H - 90)
        cached_panel(surf, box, c["panel"], c["panel_alpha"], 16)
        t = self.app.text.render(f"{head}   ({self.page + 1}/{len(pages)})", self.s.ts(26), c["ink"], True)
        surf.blit(t, (box.x + 20, box.y + 14))
        body = "\n".join("• " + x for x in items)
        bt = self.app.text.fit(body, self.s.ts(20), c["ink"], box.w - 44,
                               box.h - t.get_height() - 40)
        surf.blit(bt, (box.x + 22, box.y + 24 + t.get_height()))
        self.draw_buttons(surf)


class ResultsScreen(StoryScreen):
    """The QR code carrying the result code, to take the result home."""

    def __init__(self, app):
        super().__init__(app)
        self.code = app.story.result_code()
        self.qr = qr_surface(self.code, 330) if self.code else None
        app.story.finished = True
        app.on_finished(app.story)

    def layout(self):
        super().layout()
        self.buttons.append(Button("back", pygame.Rect(MARGIN, H - 62, 200, 50), self.tr("back"),
                                   lambda: self.app.show(EndingScreen(self.app))))
        for b in self.app.results_buttons(self):
            self.buttons.append(b)

    def mirror_text(self):
        e = self.view["ending"]
        return "\n".join([self.tr("results"), e["title"],
                          self.tr("rating_n", n=e["rating"], max=e["max_rating"]),
                          self.code])

    def draw(self, surf):
        self.draw_frame(surf)
        c = self.c
        e = self.view["ending"]
        box = pygame.Rect(MARGIN + 20, HUD_H + 12, W - 2 * MARGIN - 40, H - HUD_H - 90)
        cached_panel(surf, box, c["panel"], c["panel_alpha"], 16)
        left = pygame.Rect(box.x + 20, box.y + 20, box.w - 400, box.h - 40)
        t = self.app.text.fit(self.tr("results"), self.s.ts(30), c["ink"], left.w, 50, bold=True)
        surf.blit(t, left.topleft)
        y = left.y + t.get_height() + 10
        t2 = self.app.text.fit(e["title"], self.s.ts(22), c["ink"], left.w, 70)
        surf.blit(t2, (left.x, y))
        y += t2.get_height() + 30
        draw_stars(surf, (left.x + 90, y), e["rating"], e["max_rating"], c, 20)
        y += 44
        msg = self.tr("scan_to_take_home") if self.qr else self.tr("code_too_long")
        t3 = self.app.text.fit(msg, self.s.ts(18), c["ink_soft"], left.w, left.bottom - y)
        surf.blit(t3, (left.x, y))
        if self.qr is not None:
            qr_box = self.qr.get_rect(midright=(box.right - 30, box.centery))
            pygame.draw.rect(surf, (255, 255, 255), qr_box.inflate(8, 8))
            surf.blit(self.qr, qr_box)
        self.draw_buttons(surf)


class SettingsScreen(Screen):
    """Text size, contrast, language, sound, full screen. Drawn over the game."""

    def __init__(self, app, back_to):
        super().__init__(app)
        self.back_to = back_to

    def layout(self):
        s = self.s
        x0, y0, rh = 330, 88, 50
        rows = []
        rows.append(("text_size", [("text-", "A−", lambda: self._set(lambda: s.bigger_text(-1)), False),
                                   ("text+", "A+", lambda: self._set(lambda: s.bigger_text(1)), False)]))
        rows.append(("high_contrast", [("contrast", self.tr("on") if s.high_contrast else self.tr("off"),
                                        lambda: self._set(self._toggle_contrast), s.high_contrast)]))
        langs = self.app.languages()
        rows.append(("language", [(f"lang:{lg}", lg.upper(), (lambda lg=lg: self._set(
            lambda: self.app.set_language(lg))), s.lang == lg) for lg in langs]))
        rows.append(("sound", [("mute", self.tr("off") if s.muted else self.tr("on"),
                                lambda: self._set(self._toggle_mute), not s.muted)]))
        rows.append(("volume", [("vol-", "−", lambda: self._set(lambda: self._vol(-0.1)), False),
                                ("vol+", "+", lambda: self._set(lambda: self._vol(0.1)), False)]))
        rows.append(("reduced_motion", [("motion", self.tr("on") if s.reduced_motion else self.tr("off"),
                                         lambda: self._set(self._toggle_motion), s.reduced_motion)]))
        rows.append(("fullscreen", [("fullscreen", self.tr("on") if s.fullscreen else self.tr("off"),
                                     lambda: self._set(self.app.toggle_fullscreen), s.fullscreen)]))
        self.rows = []
        for i, (key, btns) in enumerate(rows):
            y = y0 + i * rh
            self.rows.append((key, y))
            x = x0
            for bid, label, act, sel in btns:
                self.buttons.append(Button(bid, pygame.Rect(x, y, 110, 46), label, act,
                                           selected=sel, size=20, hint=self.tr(key)))
                x += 122
        self.buttons.append(Button("close", pygame.Rect(W - 64 - 240, H - 88, 240, 50), self.tr("back"),
                                   self.close))
        for b in self.app.settings_extra_buttons(self):
            self.buttons.append(b)

    def _set(self, fn):
        fn()
        self.app.apply_settings()
        self.relayout()

    def _toggle_contrast(self):
        self.s.high_contrast = not self.s.high_contrast

    def _toggle_motion(self):
        self.s.reduced_motion = not self.s.reduced_motion

    def _toggle_mute(self):
        self.s.muted = not self.s.muted

    def _vol(self, d):
        self.s.volume = max(0.0, min(1.0, round(self.s.volume + d, 2)))

    def close(self):
        self.app.show(self.back_to)
        self.back_to.relayout()

    def handle_key(self, ev):
        if ev.key == pygame.K_ESCAPE:
            self.close()
            return True
        return super().handle_key(ev)

    def mirror_text(self):
        return self.tr("settings")

    def draw(self, surf):
        self.back_to.draw(surf)
        c = self.c
        shade = pygame.Surface((W, H), pygame.SRCALPHA)
        shade.fill(c["shade"])
        surf.blit(shade, (0, 0))
        box = pygame.Rect(40, 30, W - 80, H - 60)
        cached_panel(surf, box, c["panel"], 250, 18)
        t = self.app.text.render(self.tr("settings"), self.s.ts(28), c["ink"], True)
        surf.blit(t, (box.x + 24, box.y + 14))
        for key, y in self.rows:
            label = self.tr(key)
            if key == "volume":
                label += f"  {round(self.s.volume * 100)}%"
            lt = self.app.text.render(label, self.s.ts(20), c["ink"])
            surf.blit(lt, lt.get_rect(midleft=(box.x + 30, y + 23)))
        self.draw_buttons(surf)


class LauncherScreen(Screen):
    """Every simulation as a tile; pick one to play."""

    def __init__(self, app, entries):
        super().__init__(app)
        self.entries = entries          # list of Entry (app.py)
        self.page = 0

    def layout(self):
        per = 6
        pages = max(1, (len(self.entries) + per - 1) // per)
        self.page = min(self.page, pages - 1)
        shown = self.entries[self.page * per:(self.page + 1) * per]
        tw, th = 284, 170
        for i, e in enumerate(shown):
            r, col = divmod(i, 3)
            rect = pygame.Rect(MARGIN + 20 + col * (tw + 20), 96 + r * (th + 20), tw, th)
            self.buttons.append(Button(f"sim:{e.id}", rect, e.title(self.s.lang),
                                       (lambda e=e: self.app.start(e)), style="tile",
                                       hint=self.tr("minutes_n", n=e.minutes), size=20, data=e))
        if pages > 1:
            self.buttons.append(Button("prev", pygame.Rect(MARGIN, H - 62, 160, 48), self.tr("back"),
                                       self._flip(-1), enabled=self.page > 0))
            self.buttons.append(Button("next", pygame.Rect(W - MARGIN - 160, H - 62, 160, 48),
                                       self.tr("next"), self._flip(1), enabled=self.page < pages - 1))
        self.buttons.append(Button("settings", pygame.Rect(W - 52, 12, 46, 40), "",
                                   self.app.open_settings, style="small", hint=self.tr("settings"),
                                   icon="gear", size=22))

    def _flip(self, d):
        def go():
            self.page += d
            self.relayout()
        return go

    def mirror_text(self):
        return self.tr("choose_sim")

    def draw(self, surf):
        c = self.c
        surf.blit(backdrop("other") if not self.s.high_contrast else backdrop("__black"), (0, 0))
        t = self.app.text.render(self.tr("choose_sim"), self.s.ts(30), c["hud_ink"], True)
        surf.blit(t, (MARGIN + 20, 30))
        if not self.entries:
            m = self.app.text.render(self.tr("no_sims"), self.s.ts(22), c["hud_ink"])
            surf.blit(m, (MARGIN + 20, 120))
        focus = self.focused() if self.app.show_focus else None
        for b in self.buttons:
            if b.style != "tile":
                continue
            e = b.data
            r = b.rect
            pygame.draw.rect(surf, c["panel"], r, border_radius=16)
            art = None if self.s.high_contrast else self.app.images.load(e.cover, (r.w, 104), "cover")
            if art is not None:
                surf.blit(art, r.topleft)
            else:
                surf.blit(backdrop(e.field, (r.w, 104)), r.topleft)
            tt = self.app.text.fit(b.label, self.s.ts(18), c["ink"], r.w - 20, 44, bold=True)
            surf.blit(tt, (r.x + 10, r.y + 108))
            mt = self.app.text.render(b.hint or "", self.s.ts(14), c["ink_soft"])
            surf.blit(mt, (r.right - mt.get_width() - 10, r.bottom - mt.get_height() - 4))
            border = c["focus"] if b is focus else (c["button"] if b is self.hover else c["ink_soft"])
            pygame.draw.rect(surf, border, r, width=4 if b in (focus, self.hover) else 1,
                             border_radius=16)
        for b in self.buttons:
            if b.style != "tile" and b.visible:
                from .widgets import draw_button
                draw_button(self.app, surf, b, hover=b is self.hover, focus=b is focus)
