"""The browser kiosk (kiosk.html, docs/web.md "Kiosk") end to end in Debian Chromium.

Attract screen, a kiosk visit to its ending with the take-home QR code, idle prompt and
reset with nothing of the visitor kept, the operator menu (long press, PIN, rotation,
CSV) and axe-core on the attract screen and the "Still there?" dialog. Idle times, the
long press and the slideshow are made short through the page's URL parameters. Like
every web test: fails on console errors, page errors and requests to non-local hosts.
"""
from __future__ import annotations

import csv
import io
import re

import pytest

from webtools import (
    BOOT_TIMEOUT,
    ROOT,
    TEST_KIOSK_PIN,
    Player,
    built_site,
    new_context,
    require_browser,
    run_axe,
    simulation_files,
    simulations,
    site_url,
)


def _kiosk_ids():
    from engine import load_simulation

    return [load_simulation(p).id for p in simulation_files() if "examples" not in p.parts]


SHOWN = _kiosk_ids()            # what the attract screen rotates by default
SIM = "er-nurse-shift" if "er-nurse-shift" in SHOWN else SHOWN[0]
ONLY_KIOSK_KEYS = "() => Object.keys(localStorage).filter(k => k !== 'ctd.kiosk')"


@pytest.fixture(scope="module")
def site():
    require_browser()
    return site_url()


@pytest.fixture
def ctx(site):
    context, guard = new_context(accept_downloads=True)
    yield context, guard
    context.close()
    guard.check()


def open_kiosk(page, query: str = ""):
    page.goto(site_url() + "kiosk.html" + (f"?{query}" if query else ""))
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    assert page.get_attribute("body", "data-screen") == "attract"


def start_visit(page, sim_id: str) -> Player:
    page.click(f"#tiles button.tile[data-sim='{sim_id}']")
    page.wait_for_selector("#main:not([hidden])[data-step='0']")
    page.wait_for_function("() => document.body.dataset.busy !== 'true'")
    return Player(page)


def qr_matrix_from_svg(page) -> list[list[int]]:
    """The QR modules the page drew: the path's runs "M{x} {y}h{n}v1h-{n}z"."""
    box = page.get_attribute("#result-qr svg", "viewBox").split()
    size = int(box[2])
    d = page.get_attribute("#result-qr svg path", "d")
    grid = [[0] * size for _ in range(size)]
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", d):
        for i in range(int(n)):
            grid[int(y)][int(x) + i] = 1
    assert len(re.findall(r"M", d)) == len(re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", d)), "unexpected path data"
    return grid


def segno_matrix(code: str) -> list[list[int]]:
    import segno

    qr = segno.make(code, error="m", micro=False, boost_error=False)
    border = 4
    n = qr.symbol_size(border=0)[0]
    grid = [[0] * (n + 2 * border) for _ in range(n + 2 * border)]
    for y, row in enumerate(qr.matrix):
        for x, v in enumerate(row):
            grid[y + border][x + border] = 1 if v & 1 else 0
    return grid


def operator_login(page, pin: str = TEST_KIOSK_PIN):
    page.keyboard.press("Control+Alt+o")
    page.wait_for_selector("#pin-dialog[open]")
    page.fill("#pin-input", pin)
    page.keyboard.press("Enter")
    page.wait_for_selector("#operator[open]")


def export_csv(page) -> list[dict]:
    with page.expect_download() as info:
        page.click("#export-csv")
    download = info.value
    assert download.suggested_filename.startswith("kiosk-plays-") and download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as f:
        return list(csv.DictReader(io.StringIO(f.read())))


# --------------------------------------------------------------------------- attract

def test_attract_screen_shows_every_simulation_but_the_examples(ctx):
    context, guard = ctx
    page = context.new_page()
    page.goto(site_url() + "index.html?kiosk&attract=1")     # index.html?kiosk is the kiosk too
    page.wait_for_url(re.compile(r"kiosk\.html\?kiosk&attract=1$"))
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    tiles = page.eval_on_selector_all("#tiles button.tile", "bs => bs.map(b => b.dataset.sim)")
    assert sorted(tiles) == sorted(SHOWN)
    for sim_id in SHOWN:
        tile = page.locator(f"#tiles button.tile[data-sim='{sim_id}']")
        assert simulations()[sim_id].title.get("en") in tile.inner_text()
        assert tile.locator("img").evaluate("i => i.complete && i.naturalWidth > 0"), f"{sim_id}: no cover art"
        box = tile.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
    # the featured simulation cycles through the whole rotation
    page.wait_for_function("""n => {
        window.seen = window.seen || new Set();
        window.seen.add(document.querySelector('#featured').dataset.sim);
        return window.seen.size >= n;
    }""", arg=len(SHOWN), polling=100, timeout=len(SHOWN) * 1500 + 5000)
    assert sorted(page.evaluate("[...window.seen]")) == sorted(SHOWN)
    featured = page.inner_text("#featured")
    assert "Tap to start" in featured and "Toca para empezar" in featured
    assert page.locator("#featured-art").evaluate("i => i.complete && i.naturalWidth > 0")
    # the language toggle is on screen and switches the titles
    page.click("#kiosk-lang")
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    es_titles = [simulations()[s].title.get("es") for s in SHOWN]
    assert any(tt in page.inner_text("#tiles") for tt in es_titles)
    assert page.inner_text("#kiosk-lang") == "English"
    # the kiosk wrote nothing but its counts (none yet)
    assert page.evaluate(ONLY_KIOSK_KEYS) == []
    guard.check()


def test_reduced_motion_stops_the_slideshow(site):
    context, guard = new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        open_kiosk(page, "attract=1")
        assert page.evaluate("document.documentElement.dataset.motion") == "reduce"
        first = page.get_attribute("#featured", "data-sim")
        page.wait_for_timeout(2500)
        assert page.get_attribute("#featured", "data-sim") == first
        assert page.locator("#slides-pause").is_hidden()
        guard.check()
    finally:
        context.close()


# ------------------------------------------------------------------------ a visit

@pytest.mark.parametrize("sim_id", SHOWN)
def test_kiosk_visit_plays_the_kiosk_cut_to_the_qr_code(ctx, sim_id):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page)
    player = start_visit(page, sim_id)
    sim = simulations()[sim_id]
    assert player.scene() == (sim.kiosk_start or sim.start)
    assert page.locator("#open-code").count() == 0, "no resume code in kiosk mode"
    player.play_to_end()
    page.wait_for_selector("#result-qr[data-ready='true'] svg")
    code = page.get_attribute("#result-qr", "data-code")
    assert code and code in page.inner_text("#result-qr")
    assert qr_matrix_from_svg(page) == segno_matrix(code)
    assert page.locator("#debrief-title").is_visible()
    assert page.locator("#interaction textarea, #interaction input").count() == 0, "no answer boxes"
    assert page.evaluate(ONLY_KIOSK_KEYS) == []
    # Done: back to the attract screen, the visit gone from the page
    page.click("#interaction button.kiosk-done")
    page.wait_for_selector("body[data-screen='attract']")
    assert code not in page.content()
    assert page.inner_text("#narration") == "" and page.inner_text("#interaction") == ""
    # the operator's counts: one started, one finished, by ending
    operator_login(page)
    rows = {r["sim_id"]: r for r in export_csv(page)}
    assert rows[sim_id]["started"] == "1" and rows[sim_id]["finished"] == "1"
    assert re.fullmatch(r"[\w-]+=1", rows[sim_id]["endings"])
    assert all(r["started"] == "0" for k, r in rows.items() if k != sim_id)
    guard.check()


def test_kiosk_visit_by_keyboard_alone(ctx):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page)
    player = Player(page, "keys", seed=3)
    player.press_on(page.locator(f"#tiles button.tile[data-sim='{SIM}']"))
    page.wait_for_selector("#main:not([hidden])[data-step='0']")
    page.wait_for_function("() => document.body.dataset.busy !== 'true'")
    player.play_to_end()
    page.wait_for_selector("#result-qr[data-ready='true'] svg")
    player.press_on(page.locator("#interaction button.kiosk-done"))
    page.wait_for_selector("body[data-screen='attract']")
    assert page.evaluate("document.activeElement.id") == "featured"
    guard.check()


# ----------------------------------------------------------------------------- idle

def test_idle_visitor_is_asked_then_reset_with_nothing_kept(ctx):
    context, guard = ctx
    page = context.new_page()
    # Seconds long enough that a machine under heavy load still acts before the prompt
    # (CI saw the prompt cover the first choice at idle=1.5 with a load average of 20).
    open_kiosk(page, "idle=4&warn=3")
    player = start_visit(page, SIM)
    player.act_once()
    story = page.inner_text("#narration").strip()
    assert story
    page.click("#kiosk-lang")                      # the visitor switched to Spanish
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    page.wait_for_selector("#still-there[open]")
    assert "segundos" in page.inner_text("#still-count")
    page.wait_for_selector("body[data-screen='attract'][data-resets='1']")
    assert page.locator("#still-there[open]").count() == 0
    assert page.evaluate(ONLY_KIOSK_KEYS) == []
    assert page.evaluate("sessionStorage.length") == 0
    assert page.inner_text("#narration") == "" and page.inner_text("#interaction") == ""
    assert story[:40] not in page.inner_text("body")
    assert page.evaluate("document.documentElement.lang") == "en", "settings back to the kiosk's"
    assert page.locator("#main").is_hidden() and page.locator("#attract").is_visible()
    guard.check()


PYTHON_MEMORY = """() => JSON.parse(pyodide.runPython(
  "import gc, json; gc.collect(); json.dumps([len(gc.get_objects())])")).concat([pyodide._module.HEAP8.length])"""


def test_kiosk_resets_leave_no_trace_and_no_growth(ctx):
    """Visit after visit in one page (a fair runs all day without a reload): each reset
    leaves the same event listeners, the browser's record of fetched files (resource
    timings, which name the pictures of the visitor's simulation and fill up) holds only
    what the attract screen fetched since the reset, and in the worker Python keeps no
    object of a visit (its collector's count) and its WebAssembly memory stays the same
    size, once every simulation has been played once (each is loaded once and kept)."""
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    engine = next(w for w in page.workers if w.evaluate("() => typeof pyodide === 'object'"))

    def visit(n: int) -> dict:
        start_visit(page, SHOWN[n % len(SHOWN)]).act_once()
        page.click("#start-over")
        page.wait_for_selector(f"body[data-screen='attract'][data-resets='{n + 1}']", state="attached")
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        objects, wasm = engine.evaluate(PYTHON_MEMORY)
        return {"listeners": metrics["JSEventListeners"],
                "resources": page.evaluate("performance.getEntriesByType('resource').length"),
                "python_objects": objects, "wasm_memory": wasm}

    first = [visit(n) for n in range(len(SHOWN))][-1]
    later = [visit(n) for n in range(len(SHOWN), 2 * len(SHOWN) + 1)][-1]
    # only what the attract screen itself shows after a reset, never piling up visit by visit
    assert later["resources"] <= first["resources"] <= 3 * len(SHOWN), (first, later)
    assert later["listeners"] == first["listeners"], (first, later)
    assert later["python_objects"] <= first["python_objects"], (first, later)
    assert later["wasm_memory"] == first["wasm_memory"], (first, later)
    guard.check()


# The attract screen's tiles as they are now, and a count of the elements put into the
# tile list from here on (any way: made anew or moved back in).
KEEP_TILES = """() => {
  window.keptTiles = [...document.querySelectorAll('#tiles > li, #tiles .tile, #tiles img, #tiles .tile-title')];
  window.tilesAdded = 0;
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) window.tilesAdded += 1;
  }).observe(document.querySelector('#tiles'), {childList: true, subtree: true});
}"""
SAME_TILES = """() => {
  const now = [...document.querySelectorAll('#tiles > li, #tiles .tile, #tiles img, #tiles .tile-title')];
  return {same: now.length === window.keptTiles.length && now.every((n, i) => n === window.keptTiles[i]),
          added: window.tilesAdded, images: document.querySelectorAll('#tiles img').length};
}"""


def test_resets_reuse_the_attract_screen_built_once(ctx):
    """The attract screen is built once: after each reset (Done at the ending, a visitor
    who switched the language, Start over) its tiles, their buttons and cover pictures are
    the same nodes as before the first visit, none is put into the list again and the
    titles are back in the kiosk's language. And no visit leaves anything in the page:
    after garbage collections, the DevTools protocol's DOM counters (documents, DOM nodes,
    event listeners) are the same after each round of visits once every job was played
    once. (Waits go through locators:
    an element handle, e.g. page.wait_for_selector's, keeps its detached nodes alive.)"""
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page)
    cdp = context.new_cdp_session(page)
    page.click("#slides-pause")                    # the featured job moves on only at a reset
    page.evaluate(KEEP_TILES)
    tiles = page.evaluate(SAME_TILES)
    assert tiles["images"] == len(SHOWN) and tiles["same"], tiles
    resets = 0

    def reset_by(how: str, sim_id: str):
        nonlocal resets
        player = start_visit(page, sim_id)
        if how == "done":
            player.play_to_end()
            page.locator("#result-qr[data-ready='true'] svg").wait_for()
            page.click("#interaction button.kiosk-done")
        else:
            player.act_once()
            if how == "spanish":
                page.click("#kiosk-lang")
                page.wait_for_function("() => document.documentElement.lang === 'es'").dispose()
            page.click("#start-over")
        resets += 1
        page.locator(f"body[data-screen='attract'][data-resets='{resets}']").wait_for(state="attached")
        tiles = page.evaluate(SAME_TILES)
        assert tiles == {"same": True, "added": 0, "images": len(SHOWN)}, (how, sim_id, tiles)

    def a_round() -> dict:
        # Each round ends with a plain visit: the browser holds on to the last element
        # clicked (Done, in the ending) until the next click, which is not a leak. And each
        # round has one reset per tile, so the same cover picture is featured (its SVG has
        # nodes of its own) when the counters are read.
        for n, sim_id in enumerate(SHOWN):
            reset_by(("done", "spanish", "start over")[(n - len(SHOWN)) % 3], sim_id)
        for _ in range(3):
            cdp.send("HeapProfiler.collectGarbage")
        return cdp.send("Memory.getDOMCounters")

    a_round()                                      # the first round makes what is made once
    for sim_id in SHOWN:
        title = simulations()[sim_id].title.get("en")
        assert page.locator(f"#tiles button.tile[data-sim='{sim_id}'] .tile-title").inner_text() == title
    first, later = a_round(), a_round()
    assert later == first, (first, later)
    guard.check()


def test_idle_at_the_ending_leaves_no_result_code(ctx):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page, "idle=4&warn=1")
    player = start_visit(page, SIM)
    player.play_to_end()
    page.wait_for_selector("#result-qr[data-ready='true'] svg")
    code = page.get_attribute("#result-qr", "data-code")
    page.wait_for_selector("body[data-screen='attract'][data-resets='1']", timeout=20_000)
    assert code not in page.content()
    assert page.locator("#result-qr").count() == 0
    assert page.evaluate(ONLY_KIOSK_KEYS) == []
    # the engine dropped the session too: the next visit starts fresh
    player = start_visit(page, SIM)
    assert player.step() == 0
    guard.check()


def test_answering_still_there_keeps_the_visit(ctx):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page, "idle=4&warn=30")  # long enough to act first under heavy load
    player = start_visit(page, SIM)
    player.act_once()
    step, story = player.step(), page.inner_text("#narration")
    page.wait_for_selector("#still-there[open]")
    page.click("#im-here")                         # by touch
    page.wait_for_selector("#still-there", state="hidden")
    page.wait_for_selector("#still-there[open]")
    page.keyboard.press("Shift")                   # any key answers too
    page.wait_for_selector("#still-there", state="hidden")
    page.wait_for_selector("#still-there[open]")
    target = page.locator("#interaction button, #interaction input").first
    target.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = target.bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + 5)   # a tap anywhere, even over the story,
    page.wait_for_selector("#still-there", state="hidden")   # only answers the prompt
    assert page.get_attribute("body", "data-resets") == "0"
    assert player.step() == step and page.inner_text("#narration") == story
    assert page.get_attribute("body", "data-screen") == "play"
    guard.check()


# ------------------------------------------------------------------------- operator

def test_operator_menu_long_press_pin_rotation_and_csv(ctx):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page, "hold=1")
    # one visit started and abandoned, for the counts
    start_visit(page, SIM)
    page.click("#start-over")
    page.wait_for_selector("body[data-screen='attract']")
    # a short press does nothing; a long one asks for the PIN
    page.mouse.move(20, 20)
    page.mouse.down()
    page.wait_for_timeout(300)
    page.mouse.up()
    page.wait_for_timeout(1200)
    assert page.locator("#pin-dialog[open]").count() == 0
    page.mouse.down()
    page.wait_for_selector("#pin-dialog[open]", timeout=5000)
    page.mouse.up()
    for key in "1111":
        page.click(f"#keypad button[data-key='{key}']")
    page.click("#pin-form button[type=submit]")
    page.wait_for_selector("#pin-form:not([data-checking])")   # the worker checks the PIN
    assert page.inner_text("#pin-error") == "Wrong PIN"
    assert page.locator("#operator[open]").count() == 0
    for key in TEST_KIOSK_PIN:
        page.click(f"#keypad button[data-key='{key}']")
    page.click("#pin-form button[type=submit]")
    page.wait_for_selector("#operator[open]")
    # plays per simulation
    row = page.locator(f"#operator-rows tr[data-sim='{SIM}']")
    assert row.locator(".n-started").inner_text() == "1"
    assert row.locator(".n-finished").inner_text() == "0"
    # rotation: take one simulation out
    dropped = SIM
    page.uncheck(f"#rot-{dropped}")
    rows = export_csv(page)
    by = {r["sim_id"]: r for r in rows}
    assert by[SIM]["started"] == "1" and by[SIM]["finished"] == "0" and by[SIM]["in_rotation"] == "no"
    assert {r["sim_id"] for r in rows} == set(simulations())
    page.click("#operator-close")
    tiles = page.eval_on_selector_all("#tiles button.tile", "bs => bs.map(b => b.dataset.sim)")
    assert dropped not in tiles and sorted(tiles) == sorted(s for s in SHOWN if s != dropped)
    # kept across a reload (counts and rotation only)
    open_kiosk(page, "hold=1")
    tiles = page.eval_on_selector_all("#tiles button.tile", "bs => bs.map(b => b.dataset.sim)")
    assert dropped not in tiles
    stored = page.evaluate("JSON.parse(localStorage.getItem('ctd.kiosk'))")
    assert set(stored) == {"plays", "rotation"}
    # at least one simulation stays in the rotation
    operator_login(page)
    boxes = page.locator("#operator-rows input[type=checkbox]")
    for i in range(boxes.count()):
        if boxes.nth(i).is_checked():
            boxes.nth(i).click()        # the last one is ticked again
    assert page.locator("#operator-rows input[type=checkbox]:checked").count() == 1
    assert page.inner_text("#operator-status") == "Keep at least one job on the kiosk."
    # exit kiosk mode
    page.click("#exit-kiosk")
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert page.get_attribute("body", "data-page") == "start"
    guard.check()


def test_default_long_press_and_three_wrong_tries(ctx):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page)
    page.mouse.move(30, 30)
    page.mouse.down()                                  # the default hold: 3 seconds
    page.wait_for_timeout(2000)
    assert page.locator("#pin-dialog[open]").count() == 0
    page.wait_for_selector("#pin-dialog[open]", timeout=5000)
    page.mouse.up()
    for attempt in range(3):
        page.fill("#pin-input", "2468")
        page.keyboard.press("Enter")
        page.wait_for_selector("#pin-form:not([data-checking])", state="attached")
    page.wait_for_selector("#pin-dialog", state="hidden")   # three wrong tries close it
    assert page.locator("#operator[open]").count() == 0
    # (the growing wait that follows: tests/web/test_kiosk_pin_web.py) once it has passed:
    page.evaluate("() => localStorage.setItem('ctd.kioskLock', JSON.stringify({misses: 3, until: Date.now() - 1}))")
    operator_login(page)
    guard.check()


# ------------------------------------------------------------------------- a11y

def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)


@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", False), ("en", True)])
def test_no_wcag_violations_on_attract_and_still_there(site, lang, contrast):
    context, guard = new_context()
    try:
        page = context.new_page()
        open_kiosk(page, f"lang={lang}&idle=1&warn=60")
        if contrast:
            page.click("#open-settings")
            page.check("#set-contrast")
            page.click("#close-settings")
        report = {"attract": run_axe(page)}
        start_visit(page, SIM)
        page.wait_for_selector("#still-there[open]")
        report["still there"] = run_axe(page)
        report["still there (dialog)"] = run_axe(page, "#still-there")
        bad = {k: v for k, v in report.items() if v}
        assert not bad, "\n".join(f"[{k}]\n{describe(v)}" for k, v in bad.items())
        guard.check()
    finally:
        context.close()


# ------------------------------------------------------------------- offline, build

def test_kiosk_reloads_offline_through_the_service_worker(ctx):
    context, guard = ctx
    page = context.new_page()
    open_kiosk(page)
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                           timeout=BOOT_TIMEOUT)
    page.evaluate("navigator.serviceWorker.ready")
    context.set_offline(True)
    try:
        open_kiosk(page, "idle=30")
        start_visit(page, SIM).play_to_end()
        page.wait_for_selector("#result-qr[data-ready='true'] svg")
    finally:
        context.set_offline(False)
    guard.check()


def test_build_ships_the_kiosk_page_and_the_qr_encoder(site):
    import json
    import zipfile

    site_dir = built_site()
    html = (site_dir / "kiosk.html").read_text()
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not re.match(r"^[a-z]+:", ref), f"kiosk.html refers to another site: {ref}"
    config = json.loads(re.search(r'<script type="application/json" id="ctd-config">(.*?)</script>', html, re.S)
                        .group(1).replace("<\\/", "</"))
    from engine.kiosk_pin import verify_pin

    assert verify_pin(TEST_KIOSK_PIN, config["kiosk"]["pin_hash"]) and TEST_KIOSK_PIN not in html
    assert {s["id"] for s in config["catalog"] if not s["example"]} == set(SHOWN)
    names = zipfile.ZipFile(next(site_dir.glob("bundle-*.zip"))).namelist()
    assert {"segno/encoder.pyc", "segno/consts.pyc", "segno/__init__.pyc", "segno/LICENSE"} <= set(names)
    assert "kiosk.html" in (site_dir / "sw.js").read_text(), "the service worker caches the kiosk"


def test_build_takes_the_kiosk_pin_and_refuses_a_bad_one(tmp_path):
    from engine.web.build import BuildError, build

    import shutil

    require_browser()
    sims = tmp_path / "sims"                 # one simulation is enough here
    sims.mkdir()
    shutil.copy(ROOT / "simulations" / "examples" / "every-feature.yaml", sims)
    with pytest.raises(BuildError, match="PIN"):
        build(tmp_path / "bad", sims, pyc=False, kiosk_pin="12ab")
    with pytest.raises(BuildError, match="too easy"):
        build(tmp_path / "bad", sims, pyc=False, kiosk_pin="2468")    # the old published default
    build(tmp_path / "web", sims, pyc=False, kiosk_pin="97531", log=lambda *a: None)
    html = (tmp_path / "web" / "kiosk.html").read_text()
    assert "97531" not in html and '"pin_hash":"pbkdf2-sha256$' in html


# ------------------------------------------------------------- the glue, on the host

def _glue(request: dict) -> dict:
    import json

    from engine.web import glue

    return json.loads(glue.handle(json.dumps(request)))


def test_glue_kiosk_cut_drop_and_qr(monkeypatch):
    import dataclasses

    from engine.web import glue

    sims = simulations()
    with_cut = next(s for s in sims.values() if s.kiosk_start)
    without = dataclasses.replace(with_cut, id="no-cut", kiosk_start=None)
    monkeypatch.setattr(glue, "_sims", {with_cut.id: with_cut, "no-cut": without})
    # kiosk: true starts at the kiosk cut; without it, or without a cut, at the start
    assert _glue({"op": "new", "sim": with_cut.id, "seed": 3, "kiosk": True})["view"]["scene"] == with_cut.kiosk_start
    assert _glue({"op": "new", "sim": with_cut.id, "seed": 3})["view"]["scene"] == with_cut.start
    assert _glue({"op": "new", "sim": "no-cut", "seed": 3, "kiosk": True})["view"]["scene"] == without.start
    # drop forgets the visitor's session
    assert _glue({"op": "drop"}) == {"ok": True}
    reply = _glue({"op": "act", "action": {"type": "continue"}})
    assert reply["ok"] is False and reply["message"] == "no session"
    # qr: the SVG's modules are segno's matrix
    code = "T1eNpLLdLNKy0qTtUtzshMK6kx1DPQM6gxN7YwMTc0MjKqSc2ryc7ML87WLS5JLCqpydNJBKkw0gEyDI"
    reply = _glue({"op": "qr", "text": code})
    assert reply["ok"] and reply["svg"].startswith("<svg") and reply["path"] in reply["svg"]
    size = reply["size"]
    grid = [[0] * size for _ in range(size)]
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", reply["path"]):
        for i in range(int(n)):
            grid[int(y)][int(x) + i] = 1
    assert grid == segno_matrix(code)
    assert grid != segno_matrix(code[:-1] + "x"), "a different code gives a different picture"


def test_glue_drop_frees_the_visitor_session_at_once(monkeypatch):
    """Nothing of a visitor outlives the reset in the worker either, and a kiosk's Python
    heap (WebAssembly memory, which never shrinks) does not wait on the cycle collector:
    a dropped session is freed by reference counting alone. A session that referred to
    itself (its expressions' dice were a bound method) stayed alive until gc ran."""
    import gc
    import weakref

    from engine.web import glue

    sims = simulations()
    monkeypatch.setattr(glue, "_sims", dict(sims))
    gc.collect()
    gc.disable()
    try:
        for n, sim_id in enumerate(SHOWN):
            reply = _glue({"op": "new", "sim": sim_id, "seed": n, "kiosk": True})
            for _ in range(4):                       # a few steps: choices, continues, rolls
                view = reply["view"]
                if view["continue"]:
                    action = {"type": "continue"}
                elif view["phase"] == "scene":
                    action = {"type": "choose", "choice": next(c["id"] for c in view["choices"] if c["enabled"])}
                else:
                    break
                reply = _glue({"op": "act", "action": action})
                assert reply["ok"], reply
            session = weakref.ref(glue._state["session"])
            assert _glue({"op": "drop"}) == {"ok": True}
            assert session() is None, f"{sim_id}: the dropped session is still alive"
    finally:
        gc.enable()
