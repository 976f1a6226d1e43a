"""Shared browser fixtures and helpers for the web player's tests (tests/web/, tests/kinds/*_web.py).

One site is built per test run (into a temporary folder), served by `testdrive serve`'s
server in a thread, and driven by one headless Debian Chromium. Each test gets its own
browser context (fresh storage) that fails the test on any console error, page error or
request to a host other than 127.0.0.1.

Without /usr/bin/chromium or node_modules the browser tests skip with the reason — unless
CI is set, where they fail instead.
"""
from __future__ import annotations

import atexit
import contextlib
import functools
import os
import random
import shutil
import sys
import tempfile
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.2 A and AA
BOOT_TIMEOUT = 90_000  # ms: Pyodide's first boot on a busy 2-core machine
STEP_TIMEOUT = 20_000
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TEST_KIOSK_PIN = "3917"  # the operator PIN the test site is built with (there is no default)


def missing_requirements() -> str | None:
    if not Path(CHROMIUM).is_file():
        return f"{CHROMIUM} is missing (apt-get install -y chromium; scripts/setup-test.d/web.sh)"
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        return "node_modules/pyodide is missing (npm ci; scripts/setup-test.d/web.sh)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright Python package is missing (pip install -e '.[dev]')"
    return None


def require_browser() -> None:
    reason = missing_requirements()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)


def require_node() -> None:
    reason = None
    if not shutil.which("node"):
        reason = "node is not installed"
    elif not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        reason = "node_modules/pyodide is missing (npm ci)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def simulation_files() -> list[Path]:
    return sorted((ROOT / "simulations").rglob("*.yaml"))


def simulation_ids() -> list[str]:
    from engine import load_simulation

    return [load_simulation(p).id for p in simulation_files()]


@functools.cache
def built_site() -> Path:
    from engine.web.build import build

    out = Path(tempfile.mkdtemp(prefix="ctd-web-test-")) / "web"
    build(out, ROOT / "simulations", kiosk_pin=TEST_KIOSK_PIN)
    atexit.register(shutil.rmtree, out.parent, True)
    return out


@functools.cache
def site_url() -> str:
    from engine.web.serve import serve_in_thread

    server, url = serve_in_thread(built_site())
    atexit.register(server.shutdown)
    return url


@functools.cache
def browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

    def close():
        try:
            b.close()
        finally:
            pw.stop()

    atexit.register(close)
    return b


class Guard:
    """Collects console errors, page errors and requests to non-local hosts."""

    def __init__(self, context):
        self.problems: list[str] = []
        self.requests: list[str] = []
        context.on("console", self._console)
        context.on("weberror", lambda e: self.problems.append(f"page error: {e.error}"))
        context.on("request", self._request)
        context.on("page", self._page)

    def _page(self, page):
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def _console(self, msg):
        if msg.type == "error":
            self.problems.append(f"console error: {msg.text} ({msg.location})")

    def _request(self, request):
        url = request.url
        self.requests.append(url)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname not in LOCAL_HOSTS:
            self.problems.append(f"request to a non-local host: {url}")

    def check(self):
        assert not self.problems, "\n".join(self.problems)


def new_context(**kwargs):
    # `testdrive serve` sends a Content-Security-Policy without 'unsafe-eval', and Playwright
    # evaluates string predicates (wait_for_function("a === b")) with eval inside the page.
    # The player itself runs under the policy in tests/web/test_security_csp.py.
    kwargs.setdefault("bypass_csp", True)
    ctx = browser().new_context(**kwargs)
    ctx.set_default_timeout(STEP_TIMEOUT)
    return ctx, Guard(ctx)


@pytest.fixture(scope="module")
def web_site():
    """The built site's address; skips (fails under CI) without Chromium or node_modules.
    A test module uses it by importing it (from webtools import web_site, web_ctx)."""
    require_browser()
    return site_url()


@pytest.fixture
def web_ctx(web_site):
    """A fresh browser context (downloads allowed) and its Guard, checked after the test."""
    context, guard = new_context(accept_downloads=True)
    yield context, guard
    context.close()
    guard.check()


# ----------------------------------------------------------------------------- player

@contextlib.contextmanager
def page_at(sim_id: str, code: str, ready: str):
    """A fresh page of the player resumed from `code`, once `ready` (a selector) shows;
    no request to another host and no console error on the way (checked at the end)."""
    context, guard = new_context()
    page = context.new_page()
    Player(page).open(sim_id).enter_code(code)
    page.wait_for_selector(ready)
    try:
        yield page
    finally:
        context.close()
    guard.check()


class Player:
    """Drives the player page like a person: by mouse, or by keyboard alone."""

    def __init__(self, page, mode: str = "mouse", seed: int = 0):
        assert mode in ("mouse", "keys")
        self.page = page
        self.mode = mode
        self.rng = random.Random(seed)
        self.taken: dict[str, int] = {}
        self.kinds: set[str] = set()
        self.phases: list[str] = []

    # -- state --------------------------------------------------------------------
    def open(self, sim_id: str):
        self.page.goto(site_url() + f"sims/{sim_id}.html")
        self.wait_ready()
        return self

    def wait_ready(self):
        self.page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)

    def enter_code(self, code: str):
        """A resume code pasted into the player's own dialog."""
        page = self.page
        page.click("#open-code")
        page.fill("#code-enter", code)
        page.click("#enter-code-form button[type=submit]")
        return self

    def use_settings(self, lang: str, contrast: bool):
        """Language and high contrast set in the settings dialog, which is then closed."""
        page = self.page
        page.click("#open-settings")
        page.check(f"#lang-{lang}")
        page.set_checked("#set-contrast", contrast)
        page.click("#close-settings")
        page.wait_for_function("l => document.documentElement.lang === l", arg=lang)

    def step(self) -> int:
        return int(self.page.get_attribute("#main", "data-step") or 0)

    def phase(self) -> str:
        return self.page.get_attribute("#main", "data-phase") or ""

    def scene(self) -> str:
        return self.page.get_attribute("#main", "data-scene") or ""

    def wait_step(self, before: int):
        self.page.wait_for_function(
            "n => Number(document.querySelector('#main').dataset.step) > n && document.body.dataset.busy !== 'true'",
            arg=before)

    def narration(self) -> str:
        return self.page.inner_text("#narration")

    # -- input ----------------------------------------------------------------------
    def press_on(self, locator, key: str = "Enter"):
        """Click (mouse) or Tab to the element and press a key (keyboard)."""
        if self.mode == "mouse":
            locator.click()
            return
        self.tab_to(locator)
        self.page.keyboard.press(key)

    def tab_to(self, locator, limit: int = 200):
        handle = locator.element_handle()
        for _ in range(limit):
            if handle.evaluate("el => el === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"could not reach {locator} with Tab")

    # -- one action -------------------------------------------------------------------
    def act_once(self):
        page = self.page
        phase = self.phase()
        self.phases.append(phase)
        before = self.step()
        box = page.locator("#interaction")
        if phase == "scene":
            enabled = box.locator("button.choice:not([disabled])")
            n = enabled.count()
            if n:
                scene = self.scene()
                options = [(self.taken.get(f"{scene}/{enabled.nth(i).get_attribute('data-choice')}", 0),
                            self.rng.random(), i) for i in range(n)]
                _, _, pick = min(options)
                button = enabled.nth(pick)
                key = f"{scene}/{button.get_attribute('data-choice')}"
                self.taken[key] = self.taken.get(key, 0) + 1
                self.press_on(button)
            else:
                self.press_on(box.locator("button.continue"))
        elif phase == "activity":
            self.answer_activity(box.locator("form.activity"))
        elif phase == "feedback":
            self.press_on(box.locator("button.continue"))
        else:
            raise AssertionError(f"cannot act in phase {phase!r}")
        self.wait_step(before)

    def answer_activity(self, form):
        page = self.page
        kind = form.get_attribute("data-kind")
        self.kinds.add(kind)
        keys = self.mode == "keys"
        if kind in ("order", "sequence"):
            items = form.locator("li.order-item")
            if keys:
                self.press_on(items.nth(0).locator("button.down"))
                self.press_on(items.nth(items.count() - 1).locator("button.up"))
            else:
                items.nth(0).locator("button.down").click()
                items.nth(items.count() - 1).drag_to(items.nth(0))
        elif kind == "numeric":
            field = form.locator("input#numeric-input")
            typed = str(self.rng.choice([1, 2.5, 10, 100]))
            if page.evaluate("document.documentElement.lang") == "es":
                typed = typed.replace(".", ",")  # written the way the page's language writes it
            if keys:
                self.tab_to(field)
                page.keyboard.type(typed)
            else:
                field.fill(typed)
        elif kind == "multi":
            boxes = form.locator("input[type=checkbox]")
            for i in range(boxes.count()):
                if self.rng.random() < 0.5 or i == 0:
                    if keys:
                        self.tab_to(boxes.nth(i))
                        page.keyboard.press("Space")
                    else:
                        boxes.nth(i).check()
        elif kind == "match":
            selects = form.locator("select")
            for i in range(selects.count()):
                options = selects.nth(i).locator("option")
                target = 1 + (i % (options.count() - 1))
                if keys:
                    self.tab_to(selects.nth(i))
                    for _ in range(target):
                        page.keyboard.press("ArrowDown")
                else:
                    selects.nth(i).select_option(index=target)
        elif kind == "hotspot":
            spots = form.locator("button.spot")
            self.press_on(spots.nth(0))
        elif kind == "allocate":
            inputs = form.locator("input[type=number]")
            field = inputs.nth(0)
            if keys:
                self.tab_to(field)
                page.keyboard.press("ArrowUp")
            else:
                field.fill("1")
        elif kind == "model":
            # a slider if the model has one, else a spin button (a number field), else an option
            slider = form.locator("input[type=range]").first
            spin = form.locator("input[role=spinbutton]").first
            if form.locator("input[type=range]").count():
                if keys:
                    self.tab_to(slider)
                    page.keyboard.press("ArrowRight")
                else:
                    box = slider.bounding_box()  # a locator's click: works in a frame (an LMS) too
                    slider.click(position={"x": box["width"] * 0.8, "y": box["height"] / 2})
            elif form.locator("input[role=spinbutton]").count():
                if keys:
                    self.tab_to(spin)
                else:
                    spin.click()
                spin.press("ArrowUp")  # the locator's own press: a frame (an LMS) has no keyboard
            else:
                self.press_on(form.locator("input[type=radio]").last, "Space")
        else:
            raise AssertionError(f"unknown activity kind {kind!r}")
        self.press_on(form.locator("button[type=submit]"))

    def play_to_end(self, max_steps: int = 400) -> int:
        for _ in range(max_steps):
            if self.phase() == "ending":
                return self.step()
            self.act_once()
        raise AssertionError(f"no ending after {max_steps} actions")


def axe_by_screen(player, max_actions: int = 200) -> dict:
    """Plays to an ending, running axe once on each kind of screen met on the way: the phase
    (scene, feedback, ending) or the activity's kind. Returns {screen kind: violations}."""
    def screen() -> str:
        phase = player.phase()
        if phase == "activity":
            return player.page.locator("#interaction form.activity").get_attribute("data-kind")
        return phase

    report: dict[str, list] = {}
    for _ in range(max_actions):
        kind = screen()
        if kind not in report:
            report[kind] = run_axe(player.page)
        if kind == "ending":
            return report
        player.act_once()
    raise AssertionError(f"no ending after {max_actions} actions: {sorted(report)}")


def run_axe(page, context: str = "document") -> list:
    """axe-core's WCAG 2.1 A/AA violations on the page (injected from node_modules)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Through the DevTools protocol, not a <script> tag: the site's Content-Security-Policy
        # (testdrive serve, engine/web/serve.py) rightly refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        """async ([ctx, tags]) => {
            const r = await axe.run(ctx === 'document' ? document : document.querySelector(ctx),
                                    {runOnly: {type: 'tag', values: tags}});
            const found = r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
            // axe leaves some contrast checks "to review"; one it could measure and that
            // falls short is a failure too.
            for (const v of r.incomplete.filter(v => v.id === 'color-contrast')) {
                const bad = v.nodes.filter(n => n.any.some(a => a.data && a.data.contrastRatio
                    && a.data.contrastRatio < (parseFloat(a.data.expectedContrastRatio) || 4.5)));
                if (bad.length) found.push({id: 'color-contrast (measured)', impact: v.impact, help: v.help,
                    nodes: bad.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.any[0].message)});
            }
            return found;
        }""",
        [context, AXE_TAGS],
    )
    return result


# ------------------------------------------------------------------ reaching a state

def default_answer(activity: dict):
    """A valid (not necessarily right) answer for an activity view."""
    kind = activity["kind"]
    if kind in ("order", "sequence"):
        return [i["id"] for i in activity["items"]]
    if kind == "numeric":
        return 1
    if kind in ("multi", "hotspot"):
        return [activity["items"][0]["id"]]
    if kind == "match":
        return {i["id"]: m["id"] for i, m in zip(activity["items"], activity["matches"])}
    if kind == "allocate":
        return {i["id"]: 0 for i in activity["items"]}
    if kind == "model":
        return {}  # every input at its start
    raise ValueError(kind)


def next_actions(view: dict) -> list[dict]:
    if view["phase"] == "scene":
        acts = [{"type": "choose", "choice": c["id"]} for c in view["choices"] if c["enabled"]]
        if view.get("continue"):
            acts.append({"type": "continue"})
        return acts
    if view["phase"] == "activity":
        return [{"type": "answer", "answer": default_answer(view["activity"])}]
    if view["phase"] == "feedback":
        return [{"type": "continue"}]
    return []


def finished_session(sim, seed: int, max_steps: int = 500):
    """A session of `sim` played to an ending with random valid actions (seeded)."""
    from engine import Session

    rng = random.Random(seed)
    session = Session(sim, seed=seed)
    for _ in range(max_steps):
        view = session.view()
        if view["phase"] == "ending":
            return session
        session.act(rng.choice(next_actions(view)))
    raise AssertionError(f"no ending after {max_steps} actions")


def reach(sim, predicate, seed: int = 7, max_states: int = 4000):
    """A session of `sim` in the first state (breadth first) whose view satisfies
    predicate(view), or None."""
    from engine import Session

    start = Session(sim, seed=seed)
    queue = [start.save()]
    seen = set()
    while queue and len(seen) < max_states:
        save = queue.pop(0)
        session = Session.restore(sim, save)
        view = session.view()
        if predicate(view):
            return session
        # the tries so far count too: after a wrong first try (attempts: 2) the activity is
        # shown again with the same variables, and that state must not be taken for the first
        key = (view["scene"], view["phase"], tuple(sorted(session.state["vars"].items())),
               tuple(sorted(session.state["fired"])) if isinstance(session.state.get("fired"), list) else (),
               tuple(sorted((session.state.get("tries") or {}).items())))
        if key in seen:
            continue
        seen.add(key)
        for action in next_actions(view):
            child = Session.restore(sim, save)
            child.act(action)
            queue.append(child.save())
    return None


@functools.cache
def simulations() -> dict:
    from engine import load_simulation

    return {sim.id: sim for sim in (load_simulation(p) for p in simulation_files())}


@functools.cache
def resume_code_at(sim_id: str, scene_id: str, max_steps: int = 80) -> str:
    """A resume code at the activity of `scene_id`, reached by a short scripted play (the
    first open choice, a valid answer to each activity on the way)."""
    from engine import Session

    s = Session(simulations()[sim_id], seed=3)
    for _ in range(max_steps):
        v = s.view()
        if v["scene"] == scene_id and v["phase"] == "activity":
            return s.resume_code()
        if v["phase"] == "activity":
            s.answer(default_answer(v["activity"]))
        elif v["phase"] == "feedback" or v.get("continue"):
            s.continue_()
        else:
            s.choose(next(c["id"] for c in v["choices"] if c["enabled"]))
    raise AssertionError(f"{scene_id} was not reached in {sim_id}")


@functools.cache
def states_for_checks() -> dict:
    """Resume codes for a scene, every activity kind, feedback and an ending, found in
    whichever simulations have them (the example uses every kind)."""
    found: dict = {}
    wanted = ["scene", "feedback", "ending", "order", "sequence", "numeric", "multi", "match",
              "hotspot", "allocate", "model"]

    def label(view):
        if view["phase"] == "activity":
            return view["activity"]["kind"]
        return view["phase"]

    # The example first: it is written to use every feature and changes least.
    ordered = sorted(simulations().values(), key=lambda s: s.id != "every-feature")
    for sim in ordered:
        for want in wanted:
            if want in found:
                continue
            session = reach(sim, lambda v, w=want: label(v) == w and (w != "scene" or v["step"] > 0))
            if session is not None:
                found[want] = (sim.id, session.resume_code(), session.view())
    return found
