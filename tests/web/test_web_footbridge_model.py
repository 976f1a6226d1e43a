"""The footbridge's beam model in the browser: the depth slider moved by keyboard and by
pointer, the material picked by pointer; the worker's outputs and the drawing (a beam
that bends by its sag and turns red past the limit) follow; the goal is committed; axe
finds nothing on the screen in English, Spanish and high contrast."""
from __future__ import annotations

import pytest

from webtools import Player, page_at, require_browser, resume_code_at, run_axe

BEAM_OK, BEAM_OVER = "#4a5a6a", "#b3261e"


@pytest.fixture(scope="module")
def model_code():
    require_browser()
    return resume_code_at("footbridge-design", "choose-structure")


@pytest.fixture
def page(model_code):
    with page_at("footbridge-design", model_code, "form.activity[data-kind='model']") as page:
        yield page


def output(page, oid):
    return page.inner_text(f"dd[data-output='{oid}']")


def wait_output(page, oid, text):
    page.wait_for_function("([o, t]) => document.querySelector(`dd[data-output='${o}']`).textContent === t",
                           arg=[oid, text])


def beam_colours(page):
    """The beam's colours (the short red mark at x 176 is the sag limit, not the beam)."""
    return set(page.eval_on_selector_all(".model-scene line:not([x1='176'])",
                                         "ls => ls.map(l => l.getAttribute('stroke'))"))


def beam_bottom(page):
    """How far down the beam's middle is drawn: it sinks as the beam sags."""
    return max(page.eval_on_selector_all(
        ".model-scene line[x2='200']", "ls => ls.map(l => Number(l.getAttribute('y2')))"))


def test_keyboard_deepens_the_beam_and_the_outputs_and_drawing_follow(page):
    slider = page.locator("form.activity input[type=range]")
    assert slider.get_attribute("aria-valuetext") == "1 m"
    # wood, 1 m: 83 kN of beams, fails at 500 kN, FoS 500 / 341 = 1.47, sags 150 mm
    assert output(page, "self_weight") == "83 kN" and output(page, "factor") == "1.47"
    assert output(page, "sag") == "150 mm"
    assert BEAM_OVER in beam_colours(page)
    assert page.inner_text(".model-gauge + .model-bar-text") == "1.47 (out of range)"
    sagging = beam_bottom(page)
    slider.focus()
    page.keyboard.press("ArrowRight")                      # 1.1 m: 500 x 1.21 = 605 kN
    wait_output(page, "fails_at", "605 kN")
    assert slider.get_attribute("aria-valuetext") == "1.1 m"
    page.keyboard.press("End")                             # 2 m: 150 / 8 = 19 mm
    wait_output(page, "sag", "19 mm")
    assert output(page, "factor") == "4.72"               # 2000 / (258 + 166)
    assert BEAM_OVER not in beam_colours(page) and BEAM_OK in beam_colours(page)
    assert beam_bottom(page) != sagging
    assert page.get_attribute(".model-gauge", "data-zone") == "good"
    assert page.inner_text(".model-gauge + .model-bar-text") == "4.72 (good)"
    page.wait_for_function("() => document.querySelector('.model-announce').textContent.includes('Sag under a crowd')")
    assert "Goal" in page.inner_text(".model-announce")


def test_pointer_picks_concrete_and_steel_and_commits_beams_that_meet_the_goal(page):
    page.click("form.activity label[for='model-in-0-2']")  # concrete, by pointer
    wait_output(page, "self_weight", "450 kN")              # 30 m x 1 m x 0.6 m x 25 kN/m3
    assert page.get_attribute(".model-gauge", "data-zone") == "bad"
    slider = page.locator("form.activity input[type=range]")
    box = slider.bounding_box()
    before = output(page, "fails_at")
    page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    page.wait_for_function("t => document.querySelector(\"dd[data-output='fails_at']\").textContent !== t",
                           arg=before)
    page.click("form.activity label[for='model-in-0-1']")  # steel I-beams
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(3):                                     # 0.6 -> 0.9 m
        page.keyboard.press("ArrowRight")
    wait_output(page, "factor", "2.33")                    # 891 / 383
    assert output(page, "sag") == "66 mm" and output(page, "cost") == "223 thousand dollars"
    page.wait_for_function("() => document.querySelector('.model-goal-state').dataset.state === 'met'")
    page.click("form.activity button[type=submit]")
    page.wait_for_selector("#main[data-phase='feedback']")
    assert "pass all three checks" in page.inner_text("#main")


def pier_drawn(page) -> int:
    return page.locator(".model-scene rect[x='192']").count()


def beam_middle(page) -> float:
    """How far down the top line of the beam is drawn at the middle of the creek."""
    return min(page.eval_on_selector_all(
        ".model-scene line[x2='200']", "ls => ls.map(l => Number(l.getAttribute('y2')))"))


def test_pointer_and_keys_put_a_pier_in_the_creek_and_the_drawing_follows(page):
    # wood 1 m over one 30 m span: fails at 500 kN, sags 150 mm, limit 83 mm, no pier
    assert output(page, "fails_at") == "500 kN" and output(page, "limit") == "83 mm"
    assert pier_drawn(page) == 0 and beam_middle(page) > 66
    page.click("form.activity label[for='model-in-2-1']")  # a pier, by pointer
    wait_output(page, "fails_at", "2,000 kN")               # two 15 m spans: 4 x 500
    assert output(page, "sag") == "9 mm" and output(page, "limit") == "42 mm"   # 150 / 16; 15,000 / 360
    assert output(page, "cost") == "240 thousand dollars"   # 60 + 100 + the pier's 80
    page.wait_for_function("() => document.querySelectorAll(\".model-scene rect[x='192']\").length === 1")
    assert beam_middle(page) == 66                          # the pier holds the middle up
    page.wait_for_function("() => document.querySelector('.model-goal-state').dataset.state === 'met'")
    pier = page.locator("#model-in-2-1")
    pier.focus()
    page.keyboard.press("ArrowUp")                          # back to the banks only, by keyboard
    wait_output(page, "fails_at", "500 kN")
    assert page.locator("#model-in-2-0").is_checked() and output(page, "limit") == "83 mm"
    page.wait_for_function("() => document.querySelectorAll(\".model-scene rect[x='192']\").length === 0")
    page.keyboard.press("ArrowDown")                        # and the pier again
    wait_output(page, "fails_at", "2,000 kN")
    page.click("form.activity button[type=submit]")
    page.wait_for_selector("#main[data-phase='feedback']")
    assert "pass all three checks" in page.inner_text("#main")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_model_with_a_pier_has_no_wcag_violations(page, lang):
    Player(page).use_settings(lang, False)
    page.wait_for_selector("form.activity[data-kind='model']")
    page.click("form.activity label[for='model-in-2-1']")
    page.wait_for_function("() => document.querySelectorAll(\".model-scene rect[x='192']\").length === 1")
    if lang == "es":
        assert "Un pilar (dos tramos de 15 m)" in page.inner_text("form.activity")
        wait_output(page, "limit", "42 mm")
    assert run_axe(page) == []


@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", False), ("en", True), ("es", True)])
def test_the_beam_model_screen_has_no_wcag_violations(page, lang, contrast):
    Player(page).use_settings(lang, contrast)
    page.wait_for_selector("form.activity[data-kind='model']")
    if lang == "es":
        assert "Altura de las vigas" in page.inner_text("form.activity")
    assert run_axe(page) == []
