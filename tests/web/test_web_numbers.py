"""Numbers typed the way the simulation prints them, in the browser: the numeric widget
sends what was typed, the engine in the Pyodide worker reads it the page language's way
(engine/text.py read_number), and a number it cannot read is refused in the form's own
error line, with the focus back on the field."""
from __future__ import annotations

import pytest

from webtools import Player, new_context, next_actions, require_browser, run_axe, simulations


@pytest.fixture(scope="module")
def rpm_code():
    """A resume code at the CNC kiosk cut's spindle-speed question (the answer is 6112 RPM)."""
    require_browser()
    from engine import Session

    sim = simulations()["cnc-first-run"]
    s = Session(sim, seed=7, start=sim.kiosk_start)
    for _ in range(30):
        v = s.view()
        if v["phase"] == "activity" and v["activity"]["kind"] == "numeric":
            break
        s.act(next_actions(v)[0])
    assert s.view()["activity"]["unit"] == "RPM"
    return s.resume_code()


@pytest.fixture
def page(rpm_code):
    context, guard = new_context()
    page = context.new_page()
    yield page, rpm_code
    context.close()
    guard.check()


def open_at_rpm(page, code, lang):
    Player(page).open("cnc-first-run")
    if lang != "en":
        page.click("#open-settings")
        page.check(f"#lang-{lang}")
        page.click("#close-settings")
        page.wait_for_function("l => document.documentElement.lang === l", arg=lang)
    page.click("#open-code")
    page.fill("#code-enter", code)
    page.click("#enter-code-form button[type=submit]")
    page.wait_for_selector("form.activity[data-kind='numeric']")


@pytest.mark.parametrize("lang,typed", [("en", "6,112"), ("en", "6112"), ("es", "6.112"), ("es", "6 112"),
                                        ("es", "6112")])
def test_a_number_typed_as_printed_is_right(page, lang, typed):
    page, code = page
    open_at_rpm(page, code, lang)
    page.fill("#numeric-input", typed)
    page.click("form.activity button[type=submit]")
    page.wait_for_selector("#main[data-phase='feedback']")
    assert page.locator("section.feedback.outcome-correct").count() == 1


def test_a_decimal_comma_in_english_is_refused_in_the_form_with_the_focus_back(page):
    page, code = page
    open_at_rpm(page, code, "en")
    page.fill("#numeric-input", "6112,5")
    page.click("form.activity button[type=submit]")
    page.wait_for_function("() => document.querySelector('#activity-error').textContent.includes('point')")
    assert page.inner_text("#activity-error") == (
        "In English, a comma only separates thousands (6,112). Write a decimal with a point: 6112.5")
    assert page.get_attribute("#main", "data-phase") == "activity"
    assert page.evaluate("document.activeElement.id") == "numeric-input"
    assert page.get_attribute("#numeric-input", "aria-invalid") == "true"
    assert page.locator("#alert:not([hidden])").count() == 0  # said in the form, not in a pop-up
    assert run_axe(page) == []
