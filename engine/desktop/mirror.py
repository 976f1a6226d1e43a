"""The HTML mirror: what a canvas cannot give screen-reader and keyboard users.

In the pygbag build the page (web/pygbag/ctd.tmpl) holds a mirror of the current
screen: the narration in an aria-live region, every button as a real <button>, and
``lang`` set per language. Python drives it through pygbag's ``platform.window``
with exactly two calls, so it is easy to fake in tests:

    window.ctdMirror(json_text)   # show this snapshot
    window.ctdTake() -> json_text # ids of the buttons pressed since the last call

The snapshot is plain JSON: ``{"lang", "title", "text", "buttons": [{"id", "label",
"enabled", "pressed"}]}``. A pressed id is handed to the screen's own ``press(id)``, the
very path a mouse click takes.
"""
from __future__ import annotations

import json
import sys


def label_of(b) -> str:
    label = (b.label or "").strip()
    hint = (b.hint or "").strip()
    if label and hint and hint not in label:
        return f"{label} ({hint})"
    return label or hint or b.id


def snapshot(app) -> dict:
    scr = app.overlay or app.screen
    lang = app.settings.lang
    if app.story is not None:
        lang = app.story.view["lang"]
    title = app.story.title if app.story is not None else app.strings.get("app_title", lang)
    text = ""
    if scr is not None and hasattr(scr, "mirror_text"):
        text = scr.mirror_text() or ""
    buttons = []
    if scr is not None:
        for b in scr.buttons:
            if not b.visible or b.action is None:
                continue
            buttons.append({"id": b.id, "label": label_of(b), "enabled": bool(b.enabled),
                            "pressed": bool(b.selected)})
    return {"lang": lang, "title": title, "text": text, "buttons": buttons}


class Mirror:
    """Keeps the page's mirror in step with the canvas; collects presses from it."""

    def __init__(self, window):
        self.window = window
        self.last: str | None = None
        self.updates = 0

    def sync(self, app):
        snap = json.dumps(snapshot(app), ensure_ascii=False, sort_keys=True)
        if snap != self.last:
            self.last = snap
            self.updates += 1
            try:
                self.window.ctdMirror(snap)
            except Exception:      # the page is gone or has no mirror: the canvas goes on
                pass

    def take(self) -> list[str]:
        try:
            raw = self.window.ctdTake()
        except Exception:
            return []
        try:
            ids = json.loads(str(raw or "[]"))
        except ValueError:
            return []
        return [i for i in ids if isinstance(i, str)][:20] if isinstance(ids, list) else []


def browser_mirror():
    """The page's mirror under pygbag, or None on the desktop / without a mirror."""
    if sys.platform != "emscripten":
        return None
    try:
        import platform as pf          # pygbag's platform module exposes the page
        window = pf.window
        if not hasattr(window, "ctdMirror"):
            return None
        return Mirror(window)
    except Exception:
        return None
