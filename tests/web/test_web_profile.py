""""My test-drives" (profile.html) and the ending's ratings, end to end in Debian Chromium.

Three simulations are played to an ending with random valid actions by the engine on
CPython (like a student would, only faster), and each game is opened in the browser
through its resume code, the way the start page's code form hands one over: the
simulation's page shows the ending and keeps the play in ctd.profile. The profile page
then works everything out with engine/profile.py in its worker (Pyodide). Like every web
test: fails on console errors, page errors and requests to non-local hosts; every screen
is checked with axe-core (WCAG 2.2 A/AA tags) in English and Spanish and in high contrast.
"""
from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from webtools import (  # noqa: F401  (web_site, web_ctx: fixtures)
    BOOT_TIMEOUT, Player, finished_session, new_context, run_axe, simulations, site_url, web_ctx, web_site,
)

# The three flagships (the authoring example is not on the students' start page).
THREE = ["er-nurse-shift", "footbridge-design", "cnc-first-run"]
KIOSK_SIM = "footbridge-design"


def open_at_ending(page, sim_id: str, seed: int) -> dict:
    """The simulation's page opened on a finished game (its resume code, as the start
    page's form hands it over); returns the engine's ending view."""
    session = finished_session(simulations()[sim_id], seed)
    page.goto(site_url() + "index.html")
    page.evaluate("([sim, code]) => sessionStorage.setItem('ctd.pendingCode', JSON.stringify({sim, code}))",
                  [sim_id, session.resume_code()])
    page.goto(site_url() + f"sims/{sim_id}.html")
    Player(page).wait_ready()
    page.wait_for_selector("#ending-title")
    return session.view()


def stored(page) -> dict:
    return json.loads(page.evaluate("() => localStorage.getItem('ctd.profile')") or "null")


def open_profile(page, lang: str = "en"):
    page.goto(site_url() + "profile.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    if lang != "en":
        page.click("#open-settings")
        page.check(f"#lang-{lang}")
        page.click("#close-settings")
    wait_shown(page)


def wait_shown(page):
    page.wait_for_function("() => document.body.dataset.computing === 'false' && document.body.dataset.shown")


def one_decimal(x: float) -> float:
    """Rounded as the page rounds (half up, like JavaScript's Math.round)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(str(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations)


def rate_by_keyboard(page) -> dict:
    """Rate each statement at the ending from the keyboard alone: Tab into its radio group,
    Space, then arrow keys (statement i gets i + 2, wrapping past 5). Returns {statement id: rating}."""
    player = Player(page, mode="keys")
    groups = page.locator("#interaction fieldset.enjoy-item")
    given = {}
    for i in range(groups.count()):
        rating = (i + 1) % 5 + 1
        player.tab_to(groups.nth(i).locator("input[type=radio]").first)
        page.keyboard.press("Space")  # Tab lands on the first choice without choosing it
        for _ in range(rating - 1):
            page.keyboard.press("ArrowRight")
        assert groups.nth(i).locator(f"input[value='{rating}']").is_checked()
        given[groups.nth(i).get_attribute("data-statement")] = rating
    return given


def play_three(page) -> dict:
    """Finish the three simulations in this browser, rating the statements of the first
    one by keyboard; returns {sim id: ending view}."""
    views = {}
    for i, sim_id in enumerate(THREE):
        views[sim_id] = open_at_ending(page, sim_id, seed=11 + i)
        if i == 0:
            given = rate_by_keyboard(page)
            assert len(given) == len(views[sim_id]["ending"]["enjoy"]) >= 3
            assert stored(page)["plays"][0]["enjoyed"] == given
    return views


# -------------------------------------------------------------------------- the ending

def test_an_ending_keeps_the_play_and_links_to_my_test_drives(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    view = open_at_ending(page, THREE[0], seed=3)
    data = stored(page)
    assert data["v"] == 1 and len(data["plays"]) == 1
    play = data["plays"][0]
    assert play["sim"] == THREE[0] and play["code"] == view["ending"]["result_code"]
    assert play["version"] == view["sim"]["version"] and play["lang"] == "en" and play["at"]
    # showing the same ending again (a reload) keeps one play, not two
    page.reload()
    Player(page).wait_ready()
    page.wait_for_selector("#ending-title")
    assert len(stored(page)["plays"]) == 1
    # a second simulation is a second play
    second = open_at_ending(page, THREE[1], seed=4)
    assert [p["code"] for p in stored(page)["plays"]] == [view["ending"]["result_code"],
                                                           second["ending"]["result_code"]]
    link = page.locator(".ending-actions a[href$='profile.html']")
    assert link.count() == 1 and link.inner_text() == "My test-drives"


def test_the_ending_asks_how_much_each_part_of_the_work_was_liked(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    view = open_at_ending(page, THREE[1], seed=7)
    statements = view["ending"]["enjoy"]
    assert 3 <= len(statements) <= 5
    groups = page.locator("#interaction fieldset.enjoy-item")
    assert groups.count() == len(statements)
    for i, s in enumerate(statements):
        group = groups.nth(i)
        assert group.locator("legend").inner_text() == s["text"]
        assert group.locator("input[type=radio]").count() == 5
        assert group.locator("input:checked").count() == 0  # skippable: nothing chosen for the student
    labels = [groups.nth(0).locator("label").nth(n).inner_text() for n in range(5)]
    assert labels == ["Strongly dislike", "Dislike", "Not sure", "Like", "Strongly like"]
    given = rate_by_keyboard(page)
    assert stored(page)["plays"][0]["enjoyed"] == given
    # changed by mouse, kept across a reload and a language switch
    groups.nth(0).locator("label").nth(4).click()
    given[statements[0]["id"]] = 5
    assert stored(page)["plays"][0]["enjoyed"] == given
    page.reload()
    Player(page).wait_ready()
    page.wait_for_selector("#ending-title")
    page.click("#open-settings")
    page.check("#lang-es")
    page.click("#close-settings")
    page.wait_for_function("() => document.documentElement.lang === 'es' && document.body.dataset.busy !== 'true'")
    groups = page.locator("#interaction fieldset.enjoy-item")
    assert groups.nth(0).locator("input[value='5']").is_checked()
    assert groups.nth(0).locator("label").nth(4).inner_text() == "Me gusta mucho"
    assert len(stored(page)["plays"]) == 1
    # "Clear my answers" takes them all back
    page.locator("#interaction section.enjoy button").click()
    assert stored(page)["plays"][0]["enjoyed"] == {}
    assert page.locator("#interaction fieldset.enjoy-item input:checked").count() == 0


def test_the_start_page_links_to_my_test_drives(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    page.goto(site_url() + "index.html")
    page.click("#profile-link")
    page.wait_for_selector("body[data-page='profile']")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    wait_shown(page)
    assert "You have not finished a simulation on this device yet." in page.inner_text("#plays-list")


def test_clear_my_work_clears_my_test_drives(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    open_at_ending(page, THREE[1], seed=5)
    assert stored(page)
    open_profile(page)
    assert page.locator("#plays-list li.play").count() == 1
    page.click("#forget-work")
    page.wait_for_selector("#forget-dialog[open]")
    page.click("#forget-yes")
    wait_shown(page)
    assert stored(page) is None
    assert page.locator("#plays-list li.play").count() == 0
    assert page.inner_text("#forget-status") == "Your work is cleared from this device."


def import_text(page, text: str):
    page.fill("#import-text", text)
    page.click("#import-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('#import-error').textContent"
                           " || document.querySelector('#import-status').textContent")


def test_a_kiosk_keeps_no_profile_and_its_qr_code_imports_at_home(web_site):
    kiosk_ctx, kiosk_guard = new_context()
    home_ctx, home_guard = new_context()
    try:
        page = kiosk_ctx.new_page()
        page.goto(site_url() + "kiosk.html")
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
        page.click(f"#tiles button.tile[data-sim='{KIOSK_SIM}']")
        page.wait_for_selector("#main:not([hidden])[data-step='0']")
        page.wait_for_function("() => document.body.dataset.busy !== 'true'")
        Player(page).play_to_end()
        page.wait_for_selector("#result-qr[data-ready='true'] svg")
        code = page.get_attribute("#result-qr", "data-code")
        assert "open My test-drives and paste this code" in page.inner_text("#result-qr")
        assert page.locator("#interaction fieldset.enjoy-item").count() == 0, "no ratings at a kiosk"
        assert page.evaluate("() => Object.keys(localStorage).filter(k => k !== 'ctd.kiosk')") == []
        # the visitor's own device: the code from the QR code, pasted into My test-drives
        home = home_ctx.new_page()
        home.goto(site_url() + "profile.html#import=" + urllib.parse.quote(code, safe=""))
        home.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
        wait_shown(home)
        assert home.input_value("#import-text") == code, "a profile.html#import= link fills the box"
        import_text(home, code)
        assert home.inner_text("#import-error") == ""
        assert home.inner_text("#import-status") == "Imported: 1 new test-drives added."
        wait_shown(home)
        assert [p["code"] for p in stored(home)["plays"]] == [code]
        assert home.locator(f"#plays-list li.play[data-sim='{KIOSK_SIM}']").count() == 1
    finally:
        kiosk_ctx.close()
        home_ctx.close()
    kiosk_guard.check()
    home_guard.check()


# ------------------------------------------------------------------- the profile page

def test_three_simulations_build_the_profile_page(web_ctx):
    from engine import profile

    context, _ = web_ctx
    page = context.new_page()
    views = play_three(page)
    data = stored(page)
    assert [p["sim"] for p in data["plays"]] == THREE
    expected = profile.build_profile(data["plays"], "en")
    open_profile(page)
    # the simulations tried, each with its ending
    plays = page.locator("#plays-list li.play")
    assert [plays.nth(i).get_attribute("data-sim") for i in range(plays.count())] == THREE
    for i, sim_id in enumerate(THREE):
        text = plays.nth(i).inner_text()
        assert views[sim_id]["sim"]["title"] in text
        assert views[sim_id]["ending"]["title"] in text
    # skills, each with its evidence, as the engine worked them out
    assert expected["skills"], "three finished flagships show some skill used well"
    for skill in expected["skills"]:
        item = page.locator(f"#skills-list li[data-skill='{skill['id']}']")
        assert item.count() == 1 and skill["name"] in item.inner_text()
        assert item.locator("ul.evidence > li").count() == len(skill["evidence"])
    # the interest chart and its table twin: the same six areas, did and liked apart
    areas = expected["interests"]["areas"]
    assert page.locator("svg.interest-chart g[data-area]").count() == len(areas) == 6
    rows = page.locator("table.interest-table tbody tr")
    assert rows.count() == 6
    for i, area in enumerate(areas):
        row = rows.nth(i)
        assert row.get_attribute("data-area") == area["area"] and area["name"] in row.inner_text()
        did = row.locator("td.did").inner_text()
        assert did == ("not yet" if area["did"] is None else f"{round(area['did'] * 100)}%")
        assert row.locator("td.chances").inner_text() == str(area["chances"])
        liked = row.locator("td.enjoyed").inner_text()
        assert liked == ("not yet" if area["enjoyed"] is None else f"{one_decimal(area['enjoyed']):g} of 5")
    assert any(a["enjoyed"] is not None for a in areas), "the ratings given at the first ending count"
    assert any(a["did"] is not None for a in areas)
    meanings = page.locator("#interests details.area-meanings dd")
    assert [meanings.nth(i).text_content() for i in range(6)] == [a["description"] for a in areas]
    top = page.inner_text("#top-areas")
    if expected["interests"]["top"]:
        assert top.startswith("My top kinds of work so far:")
    else:
        assert expected["interests"]["why_no_top"] in top
    # what to try next: careers by fit and one stretch career
    nxt = expected["next"]
    assert page.locator("#next-body ol.next-careers > li").count() == len(nxt["careers"])
    assert nxt["stretch"] and nxt["stretch"]["title"] in page.inner_text("#next-body .stretch")


def test_fewer_than_three_simulations_name_no_top_kind_of_work_and_say_why(web_ctx):
    from engine import profile

    context, _ = web_ctx
    page = context.new_page()
    open_at_ending(page, THREE[0], seed=21)
    # a code that does not check (typed by hand into storage) is listed with its reason
    page.evaluate("""() => { const p = JSON.parse(localStorage.getItem('ctd.profile'));
        p.plays.push({sim: 'cnc-first-run', version: '1.0.0', lang: 'en', code: 'T1notacode', at: '', enjoyed: {}});
        localStorage.setItem('ctd.profile', JSON.stringify(p)); }""")
    built = profile.build_profile(stored(page)["plays"], "en")
    expected = built["interests"]
    assert expected["top"] == [] and expected["why_no_top"]
    assert [r["sim"] for r in built["refused"]] == ["cnc-first-run"]
    open_profile(page)
    assert page.inner_text("#top-areas") == f"No top kind of work yet. {expected['why_no_top']}"
    assert page.locator("#plays-list li.play").count() == 1
    assert built["refused"][0]["reason"] in page.inner_text("#refused")


def test_export_and_import_move_the_profile_to_a_fresh_device(web_site):
    home, home_guard = new_context(accept_downloads=True)
    school, school_guard = new_context()
    other, other_guard = new_context()
    try:
        page = home.new_page()
        for i, sim_id in enumerate(THREE[:2]):
            open_at_ending(page, sim_id, seed=31 + i)
        before = stored(page)
        open_profile(page)
        # as a code to copy
        page.click("#export-code")
        page.wait_for_selector("#export-out:not([hidden])")
        code = page.input_value("#export-text")
        assert code
        # as a file
        with page.expect_download() as info:
            page.click("#export-file")
        download = info.value
        assert re.fullmatch(r"my-test-drives-\d{4}-\d{2}-\d{2}\.txt", download.suggested_filename)
        with open(download.path(), encoding="utf-8") as f:
            file_text = f.read()
        # the code, pasted on another device
        there = school.new_page()
        open_profile(there)
        import_text(there, code)
        assert there.inner_text("#import-error") == ""
        assert there.inner_text("#import-status") == "Imported: 2 new test-drives added."
        wait_shown(there)
        assert stored(there) == before
        assert there.locator("#plays-list li.play").count() == 2
        # importing it again adds nothing and loses nothing
        import_text(there, code)
        assert there.inner_text("#import-status") == "Imported: 0 new test-drives added."
        assert stored(there) == before
        # the file, chosen on a third device
        third = other.new_page()
        open_profile(third)
        third.set_input_files("#import-file", files=[{"name": "mine.txt", "mimeType": "text/plain",
                                                      "buffer": file_text.encode()}])
        third.wait_for_function("() => document.querySelector('#import-status').textContent")
        wait_shown(third)
        assert stored(third) == before
    finally:
        for c in (home, school, other):
            c.close()
    for g in (home_guard, school_guard, other_guard):
        g.check()


def test_a_corrupt_import_says_so_and_keeps_the_profile(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    open_at_ending(page, THREE[2], seed=41)
    before = stored(page)
    open_profile(page)
    page.click("#export-code")
    page.wait_for_selector("#export-out:not([hidden])")
    good = page.input_value("#export-text")
    damaged = good[:len(good) // 2] + ("x" if good[len(good) // 2] != "x" else "y") + good[len(good) // 2 + 1:]
    for bad in (damaged, "hello, this is not a profile", good[:-12]):
        import_text(page, bad)
        message = page.inner_text("#import-error")
        assert message.startswith("This could not be imported, so nothing was changed."), message
        assert page.evaluate("() => document.activeElement.id") == "import-text"
        assert stored(page) == before
    page.fill("#import-text", "")
    page.click("#import-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('#import-error').textContent === "
                           "'Paste a code or choose a file first.'")
    assert stored(page) == before
    assert page.locator("#plays-list li.play").count() == 1


@pytest.mark.parametrize("lang, contrast", [("en", False), ("es", False), ("en", True), ("es", True)])
def test_no_wcag_violations_on_the_profile_page_and_the_ratings(web_site, lang, contrast):
    context, guard = new_context()
    try:
        page = context.new_page()
        if contrast:
            page.goto(site_url() + "index.html")
            page.evaluate("() => localStorage.setItem('ctd.settings', JSON.stringify({contrast: true}))")
        play_three(page)
        if lang != "en":
            page.click("#open-settings")
            page.check(f"#lang-{lang}")
            page.click("#close-settings")
            page.wait_for_function("l => document.documentElement.lang === l && document.body.dataset.busy !== 'true'",
                                   arg=lang)
        assert page.locator("#interaction fieldset.enjoy-item").count() >= 3
        violations = run_axe(page)
        assert violations == [], f"the ending with its ratings ({lang}):\n" + describe(violations)
        open_profile(page, lang)
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "data-contrast") == ("high" if contrast else "normal")
        page.click("#export-code")
        page.wait_for_selector("#export-out:not([hidden])")
        import_text(page, "not a profile")
        violations = run_axe(page)
        assert violations == [], f"the profile page ({lang}):\n" + describe(violations)
        page.click("#forget-work")
        page.wait_for_selector("#forget-dialog[open]")
        violations = run_axe(page)
        assert violations == [], f"the clear dialog ({lang}):\n" + describe(violations)
        page.click("#forget-no")
    finally:
        context.close()
    guard.check()


def test_the_profile_page_by_keyboard_alone_and_at_200_percent_text(web_site):
    context, guard = new_context(viewport={"width": 640, "height": 800})
    try:
        page = context.new_page()
        open_at_ending(page, THREE[0], seed=51)
        page.evaluate("() => localStorage.setItem('ctd.settings', JSON.stringify({textSize: 200}))")
        open_profile(page)
        # nothing needs scrolling sideways (WCAG 1.4.10); the numbers' table may scroll in its own region
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        keys = Player(page, mode="keys")
        for target in ("#print-sheet", "#plays-list li.play button", "#export-file", "#export-code",
                       "#import-text", "#import-file", "#import-form button[type=submit]", "#forget-work"):
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            keys.tab_to(page.locator(target).first)
        keys.press_on(page.locator("#export-code"))
        page.wait_for_selector("#export-out:not([hidden])")
        assert page.evaluate("() => document.activeElement.id") == "export-text"
        text = page.input_value("#export-text")
        keys.tab_to(page.locator("#import-text"))
        page.keyboard.insert_text(text)
        keys.press_on(page.locator("#import-form button[type=submit]"))
        page.wait_for_function("() => document.querySelector('#import-status').textContent")
        assert page.inner_text("#import-status") == "Imported: 0 new test-drives added."
        keys.press_on(page.locator("#forget-work"))
        page.wait_for_selector("#forget-dialog[open]")
        page.keyboard.press("Escape")
        assert page.locator("#forget-dialog[open]").count() == 0
        assert stored(page)["plays"]
    finally:
        context.close()
    guard.check()


def test_the_evidence_sheet_and_a_certificate_print(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    view = open_at_ending(page, THREE[2], seed=61)
    page.fill("#cert-name", "Ana López")
    open_profile(page)
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    shown = """sel => [...document.querySelectorAll(sel)].map(e => e.getClientRects().length > 0
        && getComputedStyle(e).visibility === 'visible')"""
    # the evidence sheet: the page without its buttons and forms, with a heading naming the student
    page.click("#print-sheet")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert all(page.evaluate(shown, "#plays, #skills, #interests, #next, #sheet-heading, #plays-list li.play h3"))
    assert not any(page.evaluate(shown, "#move, .profile-nav, #print-sheet, #plays-list button, .topbar"))
    sheet = page.inner_text("#sheet-heading")
    assert "Evidence sheet" in sheet and "Ana López" in sheet
    page.emulate_media(media="screen")
    # one play's certificate, on its own
    page.click("#plays-list li.play button")
    assert page.evaluate("window.printed") == 2
    page.emulate_media(media="print")
    cert = page.locator("#cert-print .certificate")
    assert all(page.evaluate(shown, "#cert-print .certificate, #cert-print .certificate p"))
    assert not any(page.evaluate(shown, "#plays-list li.play h3, #skills h2, #interests h2"))
    text = cert.inner_text()
    for part in ("Ana López", view["sim"]["title"], view["ending"]["title"], view["ending"]["result_code"]):
        assert part in text
    page.emulate_media(media="screen")
    page.evaluate("() => dispatchEvent(new Event('afterprint'))")
    assert page.get_attribute("body", "data-print") is None
    assert page.locator("#cert-print .certificate").count() == 0


# ------------------------------------------------------------------- the worker's glue

def _glue(request: dict) -> dict:
    from engine.web import profile_glue

    return json.loads(profile_glue.handle(json.dumps(request)))


def test_glue_builds_exports_and_imports_a_profile():
    session = finished_session(simulations()[THREE[0]], 71)
    code = session.result_code()
    store = {"v": 1, "plays": [{"sim": THREE[0], "version": session.sim.version, "lang": "en", "code": code,
                                "at": "2026-12-02T10:00:00.000Z", "enjoyed": {}}]}
    built = _glue({"op": "profile", "store": store, "lang": "es"})
    assert built["ok"] and [p["sim"] for p in built["profile"]["plays"]] == [THREE[0]]
    assert built["profile"]["plays"][0]["title"] == session.sim.title.get("es")
    text = _glue({"op": "export", "store": store})["text"]
    assert _glue({"op": "import", "text": text}) == {"ok": True, "store": store}
    # a result code alone (the kiosk's QR code) is one play
    one = _glue({"op": "import", "text": f"  {code}\n"})
    assert one["ok"] and [(p["sim"], p["code"], p["version"]) for p in one["store"]["plays"]] == [
        (THREE[0], code, session.sim.version)]
    for bad, reason in (("", "empty"), ("   ", "empty"), ("x" * 2_000_001, "too_long"),
                        ("not a profile", "refused"), (text[:-3], "refused"), (code[:-6], "refused")):
        reply = _glue({"op": "import", "text": bad})
        assert reply["ok"] is False and reply["error"] == "import" and reply["reason"] == reason, (bad[:40], reply)
        assert reply["message"]
    assert _glue({"op": "nope"})["ok"] is False
    assert _glue({"op": "profile", "store": "not json"})["error"] == "internal"


# ------------------------------------------------------------------ the teacher's sheet

def test_the_class_results_sheet_counts_kinds_of_work_for_the_class_only(web_ctx):
    from engine.catalogue import load_interests
    from engine.results import verify_code

    context, _ = web_ctx
    codes = [finished_session(simulations()[sim_id], 81 + i).result_code() for i, sim_id in enumerate(THREE)]
    rows = [verify_code(c) for c in codes]
    assert all(r["verified"] for r in rows)
    page = context.new_page()
    page.goto(site_url() + "teacher.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    page.fill("#paste-input", "\n".join(f"Student {i},{c}" for i, c in enumerate(codes)))
    page.click("#paste-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#rows tbody tr').length === 3"
                           " && document.body.dataset.checking !== 'true'")
    box = page.locator("#summary section.class-interests")
    assert box.count() == 1
    assert "rank no one" in box.inner_text()
    names = load_interests()["areas"]
    for area in "RIASEC":
        row = box.locator(f"tr[data-area='{area}']")
        cells = [row.locator("td").nth(i).inner_text() for i in range(2)]
        assert row.locator("th").inner_text() == names[area]["name"]["en"]
        assert cells == [str(sum(r["riasec"].get(area, 0) for r in rows)),
                         str(sum(r["chances"].get(area, 0) for r in rows))]
    assert sum(sum(r["chances"].values()) for r in rows) > 0
    # nothing per student: the rows name no kind of work
    table = page.inner_text("#rows")
    assert not any(names[a]["name"]["en"] in table for a in "RIASEC")
