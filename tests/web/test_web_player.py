"""The browser player end to end: Debian Chromium (headless) plays the built site.

Every test fails on a console error, a page error or a request to a non-local host
(webtools.Guard). Skips without Chromium/node_modules unless CI is set.
"""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from webtools import (
    BOOT_TIMEOUT,
    ROOT,
    Player,
    built_site,
    new_context,
    require_browser,
    run_axe,
    simulation_ids,
    simulations,
    site_url,
)

SIM_IDS = simulation_ids()
EXAMPLE = "every-feature"


@pytest.fixture(scope="module")
def site():
    require_browser()
    return built_site(), site_url()


@pytest.fixture
def ctx(site):
    context, guard = new_context()
    yield context, guard
    context.close()
    guard.check()


def saved(page, sim_id):
    return page.evaluate("id => localStorage.getItem('ctd.save.' + id)", sim_id)


def test_start_page_lists_every_simulation_and_filters_by_field(ctx):
    context, guard = ctx
    page = context.new_page()
    page.goto(site_url())
    cards = page.locator("#sim-list li.card")
    # the authoring example is not on the students' page
    students = {i: s for i, s in simulations().items() if "examples" not in Path(s.path).parts}
    assert EXAMPLE not in students
    assert cards.count() == len(students)
    assert page.locator(f"#sim-list a[href$='sims/{EXAMPLE}.html']").count() == 0
    for sim in students.values():
        card = page.locator(f"#sim-list li.card[data-field='{sim.field}']", has_text=sim.title.get("en"))
        assert card.count() == 1
        assert card.locator("a.button").get_attribute("href").endswith(f"sims/{sim.id}.html")
        cover = dict(sim.art).get("cover")
        if cover and (ROOT / "content" / cover).is_file():
            img = card.locator("img.cover")
            assert img.get_attribute("src").endswith(cover)
            assert img.evaluate("i => i.complete && i.naturalWidth > 0"), f"{sim.id}: cover not shown"
    fields = {sim.field for sim in students.values()}
    for field in fields:
        page.select_option("#field-filter", field)
        shown = page.locator("#sim-list li.card")
        assert shown.count() == sum(1 for s in students.values() if s.field == field)
        assert all(shown.nth(i).get_attribute("data-field") == field for i in range(shown.count()))
    page.select_option("#field-filter", "all")
    assert page.locator("#sim-list li.card").count() == len(students)
    guard.check()


@pytest.mark.parametrize("sim_id", SIM_IDS)
def test_first_narration_is_in_the_html_before_python(site, sim_id):
    from engine import Session

    view = Session(simulations()[sim_id], seed=0).view()
    with urllib.request.urlopen(site_url() + f"sims/{sim_id}.html") as r:
        html = r.read().decode()
    import html as htmllib
    import re

    # The static page holds the narration in the live region and the choices, disabled.
    region = re.search(r'<div id="narration"[^>]*aria-live="polite"[^>]*>(.*?)</div>', html, re.S)
    assert region, "no narration region in the page"
    text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", region.group(1))).split())
    first_line = " ".join(view["text"].split("\n")[0].split())
    assert first_line and first_line[:60] in text
    for choice in view["choices"]:
        assert f'data-choice="{choice["id"]}" disabled' in html


def test_narration_shows_before_the_engine_is_ready_and_choices_enable_after(ctx):
    context, guard = ctx
    page = context.new_page()
    page.goto(site_url() + f"sims/{EXAMPLE}.html", wait_until="domcontentloaded")
    assert page.inner_text("#narration").strip()
    if page.get_attribute("body", "data-ready") != "true":
        assert page.locator("#boot").is_visible()
        assert page.locator("#interaction button.choice:not([disabled])").count() == 0
    # The page answers while Python boots in its worker: settings open and close.
    page.click("#open-settings")
    assert page.locator("#settings").is_visible()
    page.click("#close-settings")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    assert page.locator("#interaction button.choice:not([disabled])").count() > 0
    assert page.locator("#boot").is_hidden()
    guard.check()


def test_chromium_times_the_first_narrations_paint(ctx):
    """Chromium reports an Element Timing entry 'narration' for the prerendered story's
    first paragraph, painted before the engine is ready (what benchmarks/web_startup.py
    waits for), and the player marks the first paragraph of each view it renders."""
    context, guard = ctx
    page = context.new_page()
    player = Player(page, "mouse", seed=1).open(EXAMPLE)
    entry = page.evaluate("""() => new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const e = list.getEntries().find((x) => x.identifier === 'narration');
        if (e) resolve({ time: e.renderTime, width: e.intersectionRect.width,
                         ready: performance.getEntriesByName('ctd-interactive')[0].startTime });
      }).observe({ type: 'element', buffered: true });
      setTimeout(() => resolve(null), 5000);
    })""")
    assert entry, "no Element Timing entry 'narration'"
    # The prerendered paragraph painted (it is replaced once the engine renders the view).
    assert 0 < entry["time"] < entry["ready"] and entry["width"] > 0, entry
    player.act_once()
    marked = page.locator("#narration > [elementtiming='narration']")
    assert marked.count() == 1
    assert marked.evaluate("e => e === e.parentElement.firstElementChild")
    guard.check()


@pytest.mark.parametrize("sim_id", SIM_IDS)
def test_full_playthrough_by_mouse(ctx, sim_id):
    context, guard = ctx
    page = context.new_page()
    player = Player(page, "mouse", seed=len(sim_id)).open(sim_id)
    player.play_to_end()
    assert page.locator("#ending-title").is_visible()
    assert page.locator("#debrief-title").is_visible()
    assert page.locator(".certificate").is_visible()
    assert page.locator("#cert-heading").is_visible()
    sim = simulations()[sim_id]
    if sim.career:
        assert page.locator("#career-title").is_visible()
    data = json.loads(saved(page, sim_id))
    assert data["sim"] == sim_id and len(data["log"]) == player.step()
    # Each simulation's own ending, debrief and career facts pass axe too.
    violations = run_axe(page)
    assert not violations, violations
    # Reflection answers stay on the device.
    areas = page.locator(".reflection textarea")
    if areas.count():
        areas.nth(0).fill("I liked helping people.")
        page.reload()
        player.wait_ready()
        assert page.locator(".reflection textarea").nth(0).input_value() == "I liked helping people."
    guard.check()


def test_full_playthrough_by_keyboard_alone(ctx):
    context, guard = ctx
    page = context.new_page()
    player = Player(page, "keys", seed=3).open(EXAMPLE)
    player.play_to_end()
    assert page.locator("#ending-title").is_visible()
    assert "activity" in player.phases
    guard.check()


def test_every_activity_kind_by_mouse_and_keyboard(ctx):
    """The example has every kind; resume codes jump straight to each one."""
    from webtools import states_for_checks

    context, guard = ctx
    page = context.new_page()
    checks = states_for_checks()
    kinds = ["order", "sequence", "numeric", "multi", "match", "hotspot", "allocate", "model"]
    assert set(kinds) <= set(checks), f"no simulation reaches: {set(kinds) - set(checks)}"
    opened = None
    for mode in ("mouse", "keys"):
        for kind in kinds:
            sim_id, code, _ = checks[kind]
            player = Player(page, mode, seed=1)
            if opened != sim_id:
                player.open(sim_id)
                opened = sim_id
            enter_code(page, code)
            form = page.locator(f"form.activity[data-kind='{kind}']")
            assert form.is_visible()
            before = player.step()
            player.answer_activity(form)
            player.wait_step(before)
            assert player.phase() in ("feedback", "scene", "activity", "ending")
            assert kind in player.kinds
    guard.check()


def enter_code(page, code):
    """Paste a resume code into the player's own dialog."""
    before = page.get_attribute("#main", "data-step")
    page.click("#open-code")
    page.fill("#code-enter", code)
    page.click("#enter-code-form button[type=submit]")
    page.wait_for_selector("#code-dialog", state="hidden")
    return before


def test_drag_reorders_and_move_buttons_announce(ctx):
    from webtools import states_for_checks

    context, guard = ctx
    page = context.new_page()
    sim_id, code, view = states_for_checks()["order"]
    Player(page).open(sim_id)
    enter_code(page, code)
    items = page.locator("li.order-item")
    first = items.nth(0).get_attribute("data-id")
    last = items.nth(items.count() - 1).get_attribute("data-id")
    items.nth(items.count() - 1).drag_to(items.nth(0))
    ids = [items.nth(i).get_attribute("data-id") for i in range(items.count())]
    assert ids[0] == last and first in ids
    items.nth(0).locator("button.down").click()
    ids2 = [items.nth(i).get_attribute("data-id") for i in range(items.count())]
    assert ids2[1] == last
    assert page.locator(".activity [aria-live=polite]").inner_text().strip()
    guard.check()


def test_resume_after_reload(ctx):
    context, guard = ctx
    page = context.new_page()
    player = Player(page, seed=5).open(EXAMPLE)
    for _ in range(3):
        player.act_once()
    step, text, phase = player.step(), player.narration(), player.phase()
    page.reload()
    # The last view shows at once, before Python is ready, then the engine takes over.
    assert page.inner_text("#narration") == text
    player.wait_ready()
    assert (player.step(), player.narration(), player.phase()) == (step, text, phase)
    guard.check()


@pytest.mark.parametrize("stored_format", [1, 2])
def test_a_stored_view_is_drawn_early_only_in_this_players_view_format(ctx, stored_format):
    """Until the engine is ready, the page draws the view this device stored with its save;
    a view an older player stored in another view format is not drawn (its keys may have
    other names), and the save itself still resumes."""
    from engine import Session

    context, guard = ctx
    page = context.new_page()
    session = Session(simulations()[EXAMPLE], seed=4)
    session.act({"type": "choose", "choice": session.view()["choices"][0]["id"]})
    stored = {**session.view(), "format": stored_format, "text": "The view this device stored."}
    page.goto(site_url() + "index.html")
    page.evaluate("([k, v, kv, vv]) => { localStorage.setItem(k, v); localStorage.setItem(kv, vv); }",
                  ["ctd.save." + EXAMPLE, session.save(), "ctd.view." + EXAMPLE, json.dumps(stored)])
    # every text the narration shows, from the first paint on
    page.add_init_script("""window.ctdSeen = [];
        new MutationObserver(() => {
          const n = document.getElementById('narration');
          if (n) window.ctdSeen.push(n.textContent);
        }).observe(document, {subtree: true, childList: true, characterData: true});""")
    player = Player(page, seed=1).open(EXAMPLE)
    seen = page.evaluate("window.ctdSeen")
    assert seen, "the observer saw the narration"
    assert any("The view this device stored." in text for text in seen) == (stored_format == 2)
    assert player.step() == 1 and "The view this device stored." not in player.narration()  # the engine's own
    guard.check()


def test_resume_code_in_a_fresh_browser_context(ctx, site):
    context, guard = ctx
    page = context.new_page()
    player = Player(page, seed=9).open(EXAMPLE)
    for _ in range(4):
        player.act_once()
    step, text = player.step(), player.narration()
    page.click("#open-code")
    page.wait_for_function("() => document.querySelector('#code-output').value.length > 10")
    code = page.input_value("#code-output")
    page.click("#close-code")

    other, other_guard = new_context()
    try:
        page2 = other.new_page()
        page2.goto(site_url())
        page2.select_option("#code-sim", EXAMPLE)
        page2.fill("#code-input", code)
        page2.click("#code-form button[type=submit]")
        page2.wait_for_url(f"**/sims/{EXAMPLE}.html")
        player2 = Player(page2)
        player2.wait_ready()
        assert player2.step() == step
        assert player2.narration() == text
        player2.act_once()  # and it plays on
        other_guard.check()
    finally:
        other.close()
    guard.check()


def test_language_switch_mid_play_keeps_the_story(ctx):
    from engine import Session

    context, guard = ctx
    page = context.new_page()
    player = Player(page, seed=2).open(EXAMPLE)
    for _ in range(2):
        player.act_once()
    step = player.step()
    save = saved(page, EXAMPLE)
    page.click("#open-settings")
    page.check("#lang-es")
    page.click("#close-settings")
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    page.wait_for_function("() => document.body.dataset.busy !== 'true'")
    session = Session.restore(simulations()[EXAMPLE], save)
    session.set_language("es")
    expected = session.view()
    page.wait_for_function("t => document.querySelector('#narration').innerText.includes(t)",
                           arg=expected["text"].split("\n")[0][:30])
    assert player.step() == step
    assert page.inner_text("#open-settings") == "Ajustes"
    # It persists: a reload stays in Spanish and in the same place.
    page.reload()
    player.wait_ready()
    assert page.evaluate("document.documentElement.lang") == "es"
    assert player.step() == step
    player.act_once()
    guard.check()


@pytest.mark.parametrize("damage", ["garbage", "bomb", "old-format", "outdated", "tampered"])
def test_corrupt_or_outdated_save_is_reported_and_set_aside(ctx, damage):
    from engine import Session

    context, guard = ctx
    page = context.new_page()
    sim = simulations()[EXAMPLE]
    session = Session(sim, seed=4)
    session.act({"type": "choose", "choice": session.view()["choices"][0]["id"]})
    data = json.loads(session.save())
    if damage == "garbage":
        bad = '{"format": 1, "sim": "every-feature", "log": [[[[['
    elif damage == "bomb":  # would exhaust WebAssembly's stack if parsed naively
        bad = "[" * 100000
    elif damage == "old-format":
        data["format"] = 0
        bad = json.dumps(data)
    elif damage == "outdated":  # an older version whose actions no longer replay
        data["version"] = "0.0.1"
        data["log"] = [["c", "no-such-choice"]]
        bad = json.dumps(data)
    else:
        data["digest"] = "0" * 16
        bad = json.dumps(data)
    page.goto(site_url() + "index.html")
    page.evaluate("([k, v]) => { localStorage.setItem(k, v); localStorage.setItem('ctd.view.every-feature', '{broken'); }",
                  ["ctd.save." + EXAMPLE, bad])
    player = Player(page, seed=1).open(EXAMPLE)
    alert = page.locator("#alert")
    assert alert.is_visible()
    assert "saved game" in alert.inner_text()
    assert player.step() == 0
    assert page.locator("#interaction button.choice:not([disabled])").count() > 0
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ctd.broken.'))")
    assert len(kept) == 1 and page.evaluate("k => localStorage.getItem(k)", kept[0]) == bad
    player.act_once()
    guard.check()


def test_settings_persist_and_200_percent_text_loses_nothing(ctx):
    context, guard = ctx
    page = context.new_page()
    page.set_viewport_size({"width": 800, "height": 700})
    Player(page).open(EXAMPLE)
    page.click("#open-settings")
    page.select_option("#text-size", "200")
    page.check("#set-contrast")
    page.check("#set-readable")
    page.check("#set-motion")
    page.check("#set-read-aloud")
    page.click("#close-settings")
    page.reload()
    Player(page).wait_ready()
    root = page.evaluate("""() => ({size: document.documentElement.style.fontSize,
        contrast: document.documentElement.dataset.contrast, font: document.documentElement.dataset.font,
        motion: document.documentElement.dataset.motion,
        family: getComputedStyle(document.body).fontFamily,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth})""")
    assert root["size"] == "200%"
    assert root["contrast"] == "high" and root["font"] == "readable" and root["motion"] == "reduce"
    assert "Atkinson Hyperlegible" in root["family"]
    assert root["overflow"] <= 0, "text at 200% must not need horizontal scrolling"
    page.click("#open-settings")
    assert page.is_checked("#set-read-aloud")
    page.click("#close-settings")
    # Every choice is still on screen and clickable at 200%.
    Player(page).act_once()
    guard.check()


def test_offline_reload_through_the_service_worker(ctx):
    context, guard = ctx
    page = context.new_page()
    player = Player(page, seed=6).open(EXAMPLE)
    player.act_once()
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                           timeout=BOOT_TIMEOUT)
    page.evaluate("navigator.serviceWorker.ready")
    step = player.step()
    context.set_offline(True)
    try:
        page.reload()
        player.wait_ready()
        assert player.step() == step
        player.act_once()
        page.goto(site_url())
        # every simulation but the authoring example is listed, offline too
        students = [i for i, s in simulations().items() if "examples" not in Path(s.path).parts]
        assert page.locator("#sim-list li.card").count() == len(students)
    finally:
        context.set_offline(False)
    guard.check()


def test_read_aloud_speaks_narration_and_choices(ctx):
    context, guard = ctx
    context.add_init_script("""
        if (location.protocol === 'http:') {
          localStorage.setItem('ctd.settings', JSON.stringify({readAloud: true, lang: 'en'}));
        }
        window.__spoken = [];
        if (window.speechSynthesis) {
          speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang});
          speechSynthesis.cancel = () => {};
        }
    """)
    page = context.new_page()
    player = Player(page, seed=8).open(EXAMPLE)
    player.act_once()
    spoken = page.evaluate("window.__spoken")
    assert spoken, "nothing was read aloud"
    last = spoken[-1]
    assert page.inner_text("#narration").split("\n")[0].strip()[:30] in last["text"]
    if player.phase() == "scene":
        first_choice = page.locator("#interaction button.choice:not([disabled])").first.inner_text()
        assert first_choice in last["text"]
    assert last["lang"].startswith("en")
    guard.check()


def test_certificate_prints_on_its_own(ctx):
    from webtools import states_for_checks

    context, guard = ctx
    page = context.new_page()
    sim_id, code, view = states_for_checks()["ending"]
    Player(page).open(sim_id)
    enter_code(page, code)
    page.fill("#cert-name", "Ana López")
    assert "Ana López" in page.inner_text(".certificate")
    assert view["ending"]["title"] in page.inner_text(".certificate")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => [...document.querySelectorAll('#narration, .debrief, .topbar, .career')]
        .map(e => getComputedStyle(e).visibility === 'hidden' || getComputedStyle(e).display === 'none')""")
    assert all(hidden)
    assert page.evaluate("getComputedStyle(document.querySelector('.certificate')).visibility") == "visible"
    page.emulate_media(media="screen")
    # The name stays on this device for the next certificate.
    page.reload()
    Player(page).wait_ready()
    assert page.input_value("#cert-name") == "Ana López"
    guard.check()


def test_every_screen_reflows_at_200_percent_on_a_narrow_window(ctx):
    """WCAG 1.4.4 and 1.4.10: at 200 % text in a 640 px window (320 CSS px of text at
    100 %), no screen needs horizontal scrolling."""
    from webtools import states_for_checks

    context, guard = ctx
    context.add_init_script("if (location.protocol === 'http:') "
                            "localStorage.setItem('ctd.settings', JSON.stringify({textSize: 200, lang: 'es'}))")
    page = context.new_page()
    page.set_viewport_size({"width": 640, "height": 800})
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    page.goto(site_url())
    assert page.evaluate(overflow) <= 0, "start page"
    opened = None
    for state, (sim_id, code, _) in states_for_checks().items():
        if opened != sim_id:
            Player(page).open(sim_id)
            opened = sim_id
        enter_code(page, code)
        assert page.evaluate("document.documentElement.style.fontSize") == "200%"
        assert page.evaluate(overflow) <= 0, state
    guard.check()


def test_site_is_installable_as_an_app(site, tmp_path):
    """Chromium's own installability check (manifest, icon, service worker) finds nothing
    missing. It needs a normal profile: incognito contexts are never installable."""
    from webtools import CHROMIUM, CHROMIUM_ARGS, Guard, browser

    context = browser().browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    guard = Guard(context)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(site_url())
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=BOOT_TIMEOUT)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getAppManifest").get("errors") == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        guard.check()
    finally:
        context.close()
