"""The teacher page (teacher.html) end to end in Debian Chromium: the catalogue for
teachers, the assignment builder, and the class results sheet verifying codes by replay
in the engine (Pyodide in a worker, engine.results through engine/web/teacher_glue.py).

Result codes are made here with the engine on CPython (different seeds, so different
plays and endings), then handed to the page the ways a teacher would: pasted, or in a
Google-Forms-like CSV. Every screen is checked with axe-core (WCAG 2.2 A/AA tags) in
English and Spanish, and in high contrast. Like every web test: fails on console errors,
page errors and requests to non-local hosts.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

import webtools
from webtools import BOOT_TIMEOUT, Player, new_context, require_browser, run_axe, simulations, site_url

WCAG22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIM = "footbridge-design"


@pytest.fixture(scope="module")
def site():
    require_browser()
    pytest.importorskip("engine.results")
    return site_url()


@pytest.fixture
def ctx(site):
    context, guard = new_context(accept_downloads=True)
    yield context, guard
    context.close()
    guard.check()


@pytest.fixture
def wcag22(monkeypatch):
    monkeypatch.setattr(webtools, "AXE_TAGS", WCAG22)


played = webtools.finished_session  # a session of `sim` played to an ending with random valid actions


def result_code(seed: int, name: str = "", sim_id: str = SIM, seconds: int = 900) -> tuple[str, dict]:
    from engine.results import verify_code

    code = played(simulations()[sim_id], seed).result_code(name=name, assignment="P3-Science", played_seconds=seconds)
    row = verify_code(code)
    assert row["verified"], row["reason"]
    return code, row


def open_teacher(page, lang: str = "en"):
    page.goto(site_url() + "teacher.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    if lang != "en":
        set_language(page, lang)


def set_language(page, lang: str):
    page.click("#open-settings")
    page.check(f"#lang-{lang}")
    page.click("#close-settings")
    assert page.get_attribute("html", "lang") == lang


def paste(page, text: str, expect_rows: int):
    page.fill("#paste-input", text)
    page.click("#paste-form button[type=submit]")
    page.wait_for_function("n => document.querySelectorAll('#rows tbody tr').length === n"
                           " && document.body.dataset.checking !== 'true'", arg=expect_rows)


def row_cells(page, i: int) -> dict:
    row = page.locator("#rows tbody tr").nth(i)
    return {
        "verified": row.get_attribute("data-verified") == "true",
        "name": row.locator("th").inner_text(),
        "ending": row.locator("td.ending").get_attribute("data-ending"),
        "score": row.locator("td.score").inner_text(),
        "check": row.locator("td.verdict").inner_text(),
        "text": row.inner_text(),
    }


# ------------------------------------------------------------------------- catalogue

def test_start_page_links_to_the_teacher_page_with_every_simulation(ctx):
    context, _ = ctx
    page = context.new_page()
    page.goto(site_url() + "index.html")
    page.click("#teacher-link")
    page.wait_for_selector("body[data-page='teacher']")
    sims = simulations()
    shown = page.locator("#catalogue-list article.teacher-sim")
    assert sorted(shown.nth(i).get_attribute("data-sim") for i in range(shown.count())) == sorted(sims)
    card = page.locator(f"article.teacher-sim[data-sim='{SIM}']")
    text = card.inner_text()
    sim = sims[SIM]
    assert sim.title.get("en") in text
    assert sim.grades in text and f"{sim.minutes} min" in text
    assert "English, Spanish" in text
    assert sim.objectives[0].get("en") in text
    # the standards the simulation's `teacher:` part cites, each with its source
    from engine.teacher import cited_sources, teacher_part

    for std in teacher_part(sim).get("standards") or ():
        assert std["code"] in text and std["text"]["en"] in text
        for src in cited_sources(sim, std["source"]):
            assert card.locator(f"a[href='{src['url']}']").count() >= 1
    assert teacher_part(sim).get("standards"), "the flagship cites standards"
    guide = card.locator(f"a[href='guides/{SIM}.en.html']")
    assert guide.count() == 1
    with page.expect_navigation():
        guide.click()
    assert sim.title.get("en") in page.content()
    page.go_back()
    page.wait_for_selector("body[data-page='teacher']")
    card = page.locator(f"article.teacher-sim[data-sim='{SIM}']")
    set_language(page, "es")
    assert sim.title.get("es") in card.inner_text()
    assert sim.objectives[0].get("es") in card.inner_text()


# ---------------------------------------------------------------------- assignments

def test_assignment_builder_makes_a_link_qr_text_and_handout(ctx):
    from urllib.parse import urlsplit

    context, _ = ctx
    page = context.new_page()
    open_teacher(page)
    page.click("#assign-form button[type=submit]")
    assert page.inner_text("#assign-error") != ""  # no simulation picked
    page.check(f"#assign-sims input[value='{SIM}']")
    page.fill("#assign-label", "Ana Lopez <script>")
    page.click("#assign-form button[type=submit]")
    assert "letters, numbers" in page.inner_text("#assign-error")
    page.fill("#assign-label", "P3-Science")
    page.fill("#assign-due", "Friday")
    page.check("#alang-es")
    page.check("#cut-kiosk")
    page.select_option("#assign-size", "150")
    page.check("#assign-contrast")
    page.click("#assign-form button[type=submit]")
    page.wait_for_selector("#assign-qr[data-ready='true']")
    link = page.input_value("#assign-link")
    parts = urlsplit(link)
    assert parts.path.endswith(f"/sims/{SIM}.html") and parts.query == "" and parts.fragment.startswith("a=")
    decoded = page.evaluate("""async ([hash, ids]) => {
        const m = await import(document.querySelector('link[rel=modulepreload][href*="/assignment."]').href);
        return m.decode(hash, new Set(ids));
    }""", ["#" + parts.fragment, list(simulations())])
    assert decoded == {"sims": [SIM], "lang": "es", "kiosk": True, "label": "P3-Science", "due": "Friday",
                       "textSize": 150, "contrast": True, "readable": False, "motion": False,
                       "readAloud": False, "shared": True}
    post = page.input_value("#assign-text")
    assert link in post and "P3-Science" in post and "Friday" in post
    assert simulations()[SIM].title.get("es") in post  # the post is in the students' language
    assert page.locator("#assign-qr svg path").count() == 1
    handout = page.locator("#handout")
    assert handout.locator("svg").count() == 1 and link in handout.inner_text()


def test_a_student_plays_the_assignment_and_the_teacher_checks_the_code(site, wcag22):
    from engine.results import verify_code

    sim = simulations()[SIM]
    teacher_ctx, teacher_guard = new_context()
    student_ctx, student_guard = new_context()  # another device
    try:
        teacher = teacher_ctx.new_page()
        open_teacher(teacher)
        teacher.check(f"#assign-sims input[value='{SIM}']")
        teacher.fill("#assign-label", "P3-Science")
        teacher.fill("#assign-due", "Friday")
        teacher.check("#alang-es")
        teacher.check("#cut-kiosk")
        teacher.check("#assign-contrast")
        teacher.click("#assign-form button[type=submit]")
        link = teacher.input_value("#assign-link")

        student = student_ctx.new_page()
        student.goto(link)
        player = Player(student)
        player.wait_ready()
        banner = student.inner_text("#assignment-banner")
        assert "P3-Science" in banner and "Friday" in banner
        assert student.get_attribute("html", "data-contrast") == "high"
        assert run_axe(student) == [], "the student's first scene with the class label"
        assert student.evaluate("() => JSON.parse(localStorage.getItem('ctd.settings')).lang") == "es"
        assert player.scene() == sim.kiosk_start  # the short version the teacher chose
        player.play_to_end()
        student.fill("#handin-name", "Ana M.")
        student.click(".handin-form button[type=submit]")
        student.wait_for_selector("#handin-out:not([hidden])")
        student.wait_for_selector("#handin-qr[data-ready='true']")
        code = student.input_value("#handin-code")
        assert run_axe(student) == [], "the student's ending with the code to hand in (Spanish, high contrast)"
        ending_title = student.inner_text("#ending-title")
        # a shared device (the default) keeps nothing of the student once the code is made
        kept = student.evaluate("() => Object.keys(localStorage)")
        assert not [k for k in kept if k.startswith(("ctd.save.", "ctd.view.", "ctd.reflect.", "ctd.started."))
                    or k == "ctd.studentName"], kept

        row = verify_code(code)
        assert row["verified"] and row["bound_name"] == "Ana M." and row["assignment"] == "P3-Science"
        assert row["played_seconds"] is not None and row["lang"] == "es"
        assert sim.ending(row["ending"]).title.get("es") == ending_title
        paste(teacher, code, 1)
        cells = row_cells(teacher, 0)
        assert cells["verified"] and cells["name"] == "Ana M." and cells["ending"] == row["ending"]
        assert cells["score"] == str(row["score"]) and "P3-Science" in cells["check"]
    finally:
        teacher_ctx.close()
        student_ctx.close()
    teacher_guard.check()
    student_guard.check()


def test_an_assignment_of_two_simulations_opens_the_start_page_with_only_those(ctx):
    context, _ = ctx
    ids = sorted(simulations())[:2]
    page = context.new_page()
    open_teacher(page)
    for sim_id in ids:
        page.check(f"#assign-sims input[value='{sim_id}']")
    page.fill("#assign-label", "Period 4")
    page.uncheck("#assign-shared")
    page.click("#assign-form button[type=submit]")
    link = page.input_value("#assign-link")
    assert "/index.html#a=" in link
    page.goto(link)
    page.wait_for_selector("#assignment-banner")
    cards = page.locator("#sim-list a.button")
    hrefs = [cards.nth(i).get_attribute("href") for i in range(cards.count())]
    assert sorted(h.split("/")[-1].split(".html")[0] for h in hrefs) == ids
    assert all("#a=" in h for h in hrefs)  # the assignment goes along to the simulation
    # a link edited by hand: a label with markup and an unknown simulation are not shown
    page.goto("about:blank")  # a new document: only the fragment would change otherwise
    page.goto(site_url() + "index.html#a=" + __import__("base64").urlsafe_b64encode(
        b'{"v":1,"s":["nope"],"l":"en","c":"<b>x</b>"}').decode().rstrip("="))
    page.wait_for_selector("#sim-list")
    assert page.locator("#assignment-banner").count() == 0


# ---------------------------------------------------------------------- the sheet

def test_codes_are_verified_and_bad_ones_refused_with_a_reason(ctx):
    from engine.results import verify_code

    context, _ = ctx
    good, row = result_code(3, name="Ana L.")
    # a tampered code: one character of the play changed
    i = len(good) // 2
    tampered = good[:i] + ("A" if good[i] != "A" else "B") + good[i + 1:]
    truncated = good[: len(good) * 2 // 3]
    newer = dataclasses.replace(simulations()[SIM], version="9.9.9")
    unknown = played(newer, 3).result_code(name="Bo")
    expected = [verify_code(c) for c in (tampered, truncated, unknown)]
    assert not any(r["verified"] for r in expected)
    page = context.new_page()
    open_teacher(page)
    paste(page, "\n".join([good, f"Bea,{tampered}", f"Cy,{truncated}", f"Dee,{unknown}"]), 4)
    first = row_cells(page, 0)
    assert first["verified"] and first["name"] == "Ana L."
    assert first["ending"] == row["ending"] and first["score"] == str(row["score"])
    for act in row["activities"]:
        assert f"{act['scene']}: {round(act['score'] * 100)}%" in first["text"]
    for n, exp in enumerate(expected, 1):
        cells = row_cells(page, n)
        assert not cells["verified"]
        assert exp["reason"] and exp["reason"] in cells["check"]
    assert "9.9.9" in row_cells(page, 3)["check"]
    summary = page.inner_text("#summary")
    assert row["ending_title"] in summary and "plays: 1" in summary


def test_a_class_of_35_from_a_forms_csv_with_summary_export_and_storage(ctx):
    from engine.results import verify_many

    context, _ = ctx
    names = [f"Student {n:02d}" for n in range(1, 36)]
    codes = [result_code(100 + n)[0] for n in range(34)]
    codes.append(codes[5])  # one play handed in under a second name
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["Timestamp", "Your name or initials", "Paste your result code"])
    for name, code in zip(names, codes):
        w.writerow(["2026/05/08 10:00:00", name, code])
    expected = verify_many(list(zip(names, codes)))
    assert all(r["verified"] for r in expected)
    assert len({r["ending"] for r in expected}) >= 2, "seeds should reach different endings"

    page = context.new_page()
    open_teacher(page)
    page.set_input_files("#csv-file", files=[{"name": "forms.csv", "mimeType": "text/csv",
                                              "buffer": out.getvalue().encode()}])
    page.wait_for_selector("#csv-columns:not([hidden])")
    assert page.input_value("#csv-code-col") == "2" and page.input_value("#csv-name-col") == "1"
    page.click("#csv-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#rows tbody tr').length === 35"
                           " && document.body.dataset.checking !== 'true'", timeout=60_000)
    for i, exp in enumerate(expected):
        cells = row_cells(page, i)
        assert cells["verified"] and cells["name"] == names[i] and cells["ending"] == exp["ending"]
    assert "Same play as row 35" in row_cells(page, 5)["check"]
    assert "Same play as row 6" in row_cells(page, 34)["check"]
    # endings spread: every ending the engine found, with its count
    summary = page.inner_text("#summary")
    for title in {r["ending_title"] for r in expected}:
        n = sum(r["ending_title"] == title for r in expected)
        assert f"{title}: {n} (" in summary
    # item analysis: share right on the first try per activity, as the engine's rows say
    scene = expected[0]["activities"][0]["scene"]
    right = sum(next(a for a in r["activities"] if a["scene"] == scene)["outcome"] == "correct"
                for r in expected if any(a["scene"] == scene for a in r["activities"]))
    asked = sum(any(a["scene"] == scene for a in r["activities"]) for r in expected)
    assert f"({right}/{asked})" in page.locator(f"#summary tr[data-scene='{scene}']").inner_text()

    with page.expect_download() as info:
        page.click("#export-sheet")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert [r["name"] for r in rows] == names
    assert [r["ending"] for r in rows] == [r["ending"] for r in expected]
    assert all(r["verified"] == "yes" for r in rows)

    # kept in this browser: back after a reload (replayed again), gone after "forget"
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('#rows tbody tr').length === 35", timeout=60_000)
    page.click("#forget-class")
    page.click("#forget-yes")
    assert page.locator("#rows tbody tr").count() == 0
    assert page.evaluate("() => localStorage.getItem('ctd.teacher.class')") is None


def test_stored_class_is_checked_when_read_back(ctx):
    context, _ = ctx
    page = context.new_page()
    page.goto(site_url() + "index.html")
    good, _ = result_code(11, name="Kai")
    page.evaluate("""code => localStorage.setItem('ctd.teacher.class', JSON.stringify({v: 1, entries: [
        {name: 'Kai', code}, {name: 5, code: 'x'}, 'junk', {name: 'A', code: 'y'.repeat(9000)}]}))""", good)
    open_teacher(page)
    page.wait_for_function("() => document.querySelectorAll('#rows tbody tr').length === 1")
    assert row_cells(page, 0)["verified"] and row_cells(page, 0)["name"] == "Kai"
    page.evaluate("() => localStorage.setItem('ctd.teacher.class', '{not json')")
    page.reload()
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    assert page.locator("#rows tbody tr").count() == 0


def test_camera_scanning_shows_only_where_the_browser_reads_qr_codes(ctx):
    context, _ = ctx
    page = context.new_page()
    open_teacher(page)
    if not page.evaluate("() => 'BarcodeDetector' in window"):
        assert page.locator("#scan").is_hidden()
    good, row = result_code(21, name="Mo")
    # A browser that reads QR codes: its detector and camera are stood in for here (the
    # camera by a canvas stream), so the page's own scanning code runs as it would.
    page.add_init_script(f"const SCANNED = {json.dumps(good)};" + """
        window.BarcodeDetector = class { async detect() { return [{ rawValue: SCANNED }]; } };
        navigator.mediaDevices.getUserMedia = async () => {
            const c = document.createElement('canvas'); c.width = 64; c.height = 64;
            c.getContext('2d').fillRect(0, 0, 64, 64);
            return c.captureStream(5);
        };""")
    open_teacher(page)
    assert page.locator("#scan").is_visible()
    page.click("#scan-start")
    page.wait_for_function("() => document.querySelectorAll('#rows tbody tr').length === 1"
                           " && document.body.dataset.checking !== 'true'")
    page.click("#scan-stop")
    cells = row_cells(page, 0)
    assert cells["verified"] and cells["ending"] == row["ending"] and cells["name"] == "Mo"
    assert page.locator("#rows tbody tr").count() == 1  # the same code seen again is not added twice


# ------------------------------------------------------------------ accessibility

@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", False), ("en", True), ("es", True)])
def test_every_teacher_screen_passes_axe(ctx, wcag22, lang, contrast):
    context, _ = ctx
    page = context.new_page()
    open_teacher(page, lang)
    if contrast:
        page.click("#open-settings")
        page.check("#set-contrast")
        page.click("#close-settings")
    assert run_axe(page) == [], "teacher page"
    page.check(f"#assign-sims input[value='{SIM}']")
    page.fill("#assign-label", "P3")
    page.click("#assign-form button[type=submit]")
    page.wait_for_selector("#assign-qr[data-ready='true']")
    good, _ = result_code(5, name="Ana")
    paste(page, f"{good}\nBo,{good[:40]}", 2)
    assert run_axe(page) == [], "assignment made, sheet with rows and summary"
    page.set_input_files("#csv-file", files=[{"name": "c.csv", "mimeType": "text/csv",
                                              "buffer": f"name,code\nCy,{good}\n".encode()}])
    page.wait_for_selector("#csv-columns:not([hidden])")
    assert run_axe(page) == [], "CSV columns"
    page.click("#forget-class")
    assert run_axe(page) == [], "forget dialog"
    page.click("#forget-no")
    page.click("#open-settings")
    assert run_axe(page) == [], "settings dialog"


def test_teacher_page_by_keyboard_alone(ctx):
    context, _ = ctx
    page = context.new_page()
    open_teacher(page)
    keys = Player(page, mode="keys")
    keys.tab_to(page.locator(f"#assign-sims input[value='{SIM}']"))
    page.keyboard.press("Space")
    keys.tab_to(page.locator("#assign-label"))
    page.keyboard.type("P3")
    page.keyboard.press("Enter")
    page.wait_for_selector("#assign-qr[data-ready='true']")
    assert page.evaluate("() => document.activeElement.id") == "assign-out-title"
    good, row = result_code(8, name="Lu")
    keys.tab_to(page.locator("#paste-input"))
    page.keyboard.insert_text(good)
    keys.tab_to(page.locator("#paste-form button[type=submit]"))
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#rows tbody tr').length === 1"
                           " && document.body.dataset.checking !== 'true'")
    assert row_cells(page, 0)["ending"] == row["ending"]
    keys.tab_to(page.locator("#forget-class"))
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    assert page.locator("#rows tbody tr").count() == 1


def test_frozen_result_codes_from_the_first_release_verify_on_the_page(ctx):
    """Codes are promises: result codes made before the flagships changed (tests/fixtures/
    frozen) still verify in the teacher's browser, each with the ending it had then."""
    frozen = json.loads((webtools.ROOT / "tests/fixtures/frozen/codes.json").read_text(encoding="utf-8"))["records"]
    ends = [r for r in frozen if r["result_code"]]
    sample = ends[::6]
    assert {r["sim"] for r in sample} >= {"er-nurse-shift", "footbridge-design", "cnc-first-run"}
    assert {r["lang"] for r in sample} == {"en", "es"}
    context, _ = ctx
    page = context.new_page()
    open_teacher(page)
    paste(page, "\n".join(f"Student {n},{r['result_code']}" for n, r in enumerate(sample)), len(sample))
    for n, rec in enumerate(sample):
        cells = row_cells(page, n)
        assert cells["verified"], (rec["sim"], rec["seed"], cells["check"])
        assert cells["name"] == f"Student {n}"
        assert cells["ending"] == rec["ending"]
