"""The HTML mirror of the canvas build: Python side with a fake page, and the real
template's JavaScript in headless Chromium (the pygbag runtime itself is stubbed: it
cannot be fetched here)."""
import json
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402
import webtools  # noqa: E402

from engine.desktop import screens as S  # noqa: E402
from engine.desktop.app import App, load_entries  # noqa: E402
from engine.desktop.mirror import Mirror, snapshot  # noqa: E402
from engine.desktop.resources import simulation_files  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "web" / "pygbag" / "ctd.tmpl"
CHROMIUM = "/usr/bin/chromium"


class FakePage:
    """Stands in for pygbag's platform.window: the two calls the mirror makes, and a
    tiny document with what the template's script would show."""

    def __init__(self):
        self.document = {"lang": None, "title": "", "live": "", "buttons": []}
        self.queue: list[str] = []
        self.calls = 0

    def ctdMirror(self, text):
        view = json.loads(text)
        self.calls += 1
        self.document.update(lang=view["lang"], title=view["title"], live=view["text"],
                             buttons=view["buttons"])

    def ctdTake(self):
        out, self.queue = json.dumps(self.queue), []
        return out

    def click(self, bid):
        b = next(b for b in self.document["buttons"] if b["id"] == bid)
        assert b["enabled"], bid
        self.queue.append(bid)

    def ids(self, prefix=""):
        return [b["id"] for b in self.document["buttons"] if b["id"].startswith(prefix) and b["enabled"]]


@pytest.fixture(scope="module")
def entries():
    return load_entries(simulation_files())


def test_mirror_shows_narration_buttons_and_language(entries):
    e = next(x for x in entries if x.path.name == "every-feature.yaml")
    page = FakePage()
    app = App(entries=[e], seed=1, mirror=Mirror(page))
    app.start(e)
    app.frame()
    doc = page.document
    assert doc["lang"] == "en"
    assert app.story.view["text"] in doc["live"]
    choice_ids = [f"choice:{c['id']}" for c in app.story.view["choices"]]
    assert [b["id"] for b in doc["buttons"] if b["id"].startswith("choice:")] == choice_ids
    locked = [c for c in app.story.view["choices"] if not c["enabled"]]
    for c in locked:
        b = next(b for b in doc["buttons"] if b["id"] == f"choice:{c['id']}")
        assert not b["enabled"] and c["locked"] in b["label"]
    # nothing changed: the page is not rewritten every frame
    calls = page.calls
    app.frame()
    app.frame()
    assert page.calls == calls
    # the settings button, pressed from the page, switches the language
    page.click("settings")
    app.frame()
    assert isinstance(app.screen, S.SettingsScreen)
    page.click("lang:es")
    app.frame()
    page.click("close")
    app.frame()
    assert doc["lang"] == "es" and app.story.view["text"] in doc["live"]


def mirror_move(page):
    """One move using only what the page shows (a screen-reader user's view)."""
    ids = page.ids()
    for prefix in ("choice:", "continue", "debrief", "next"):
        found = page.ids(prefix)
        if found:
            page.click(found[0])
            return
    if "submit" in [b["id"] for b in page.document["buttons"]]:
        for p in ("opt:", "spot:", "more:"):
            if page.ids(p):
                page.click(page.ids(p)[0])
                return "again"
        if page.ids("key:1"):
            page.click("key:1")
            return "again"
        if page.ids("left:"):
            lefts = page.ids("left:")
            rights = page.ids("right:")
            page.queue += [x for pair in zip(lefts, rights) for x in pair]
            return "again"
        page.click("submit")
        return
    raise AssertionError(f"stuck: {ids}")


@pytest.mark.parametrize("path", simulation_files(), ids=lambda p: p.stem)
def test_every_simulation_plays_through_the_mirror_alone(entries, path):
    e = next(x for x in entries if x.path == path)
    page = FakePage()
    app = App(entries=[e], seed=7, mirror=Mirror(page))
    app.start(e)
    app.frame()
    for _ in range(800):
        if isinstance(app.screen, S.ResultsScreen):
            break
        again = mirror_move(page)
        app.frame()
        if again == "again" and "submit" in page.ids():
            page.click("submit")
            app.frame()
    assert isinstance(app.screen, S.ResultsScreen)
    assert app.story.view["phase"] == "ending"
    assert app.screen.code in page.document["live"]


def render_template(cdn: str) -> str:
    values = {"cdn": cdn, "PYBUILD": "3.12", "archive": "careertestdrive", "title": "Career Test-Drive",
              "width": "960", "height": "540", "ume_block": "1", "autorun": "0"}
    text = TEMPLATE.read_text()
    for k, v in values.items():
        text = text.replace("{{cookiecutter." + k + "}}", v)
    return text


def test_template_mirror_in_chromium():
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing")
        pytest.skip("chromium is missing")
    pytest.importorskip("playwright.sync_api")
    base = "http://127.0.0.1:9/"
    html = render_template(base + "cdn/")
    outside = []

    def route(r):
        url = r.request.url
        if url == base + "index.html":
            r.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        elif url == base + "cdn/pythons.js":
            r.fulfill(status=200, content_type="text/javascript", body="/* runtime stub */")
        elif url == base + "favicon.png":
            r.fulfill(status=200, content_type="image/png", body=b"")
        else:
            outside.append(url)
            r.abort()

    # one Playwright per test run, shared with the browser tests: a second sync Playwright
    # in the same process refuses to start inside the first one's loop
    context = webtools.browser().new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", route)
        page.goto(base + "index.html")
        snap = {"lang": "es", "title": "Taller", "text": "Hola. ¿Qué haces?",
                "buttons": [{"id": "choice:a", "label": "Pregunta", "enabled": True, "pressed": False},
                            {"id": "choice:b", "label": "Bloqueado", "enabled": False, "pressed": False},
                            {"id": "opt:x", "label": "Gafas", "enabled": True, "pressed": True}]}
        page.evaluate("s => window.ctdMirror(s)", json.dumps(snap))
        assert page.evaluate("document.documentElement.lang") == "es"
        live = page.locator("[aria-live=polite]#mirror-text")
        assert live.text_content() == "Hola. ¿Qué haces?"
        buttons = page.locator("#mirror-actions button")
        assert buttons.count() == 3
        assert buttons.nth(1).is_disabled()
        assert buttons.nth(2).get_attribute("aria-pressed") == "true"
        # keyboard users reach the real buttons with Tab and press them with Enter
        buttons.nth(0).focus()
        page.keyboard.press("Enter")
        buttons.nth(2).click()
        assert json.loads(page.evaluate("window.ctdTake()")) == ["choice:a", "opt:x"]
        assert json.loads(page.evaluate("window.ctdTake()")) == []
        # a new snapshot keeps the focus on the same button
        buttons.nth(0).focus()
        snap["text"] = "Siguiente"
        page.evaluate("s => window.ctdMirror(s)", json.dumps(snap))
        assert page.evaluate("document.activeElement.dataset.id") == "choice:a"
        # shown to a keyboard user while the focus is in it; 1 px for everyone else
        assert page.locator("#mirror").bounding_box()["height"] > 40
        page.locator("#canvas").focus()
        assert page.locator("#mirror").bounding_box()["height"] <= 1
        assert not errors, errors
    finally:
        context.close()
    assert not outside, outside
