"""The browser's live model: native controls moved by keyboard and pointer; the Pyodide
worker computes the outputs; the chart has a table twin; outputs are announced once the
student stops; axe finds nothing on the model screen (both languages, high contrast)."""
from __future__ import annotations

import pytest

from webtools import Player, page_at, require_browser, run_axe, states_for_checks


@pytest.fixture(scope="module")
def model_code():
    require_browser()
    found = states_for_checks()
    assert "model" in found, "no simulation reaches a model"
    return found["model"]


@pytest.fixture
def page(model_code):
    sim_id, code, _view = model_code
    with page_at(sim_id, code, "form.activity[data-kind='model']") as page:
        yield page


def rpm(page):
    return page.inner_text("dd[data-output='rpm']")


def test_keyboard_moves_a_slider_and_the_worker_updates_the_outputs(page):
    slider = page.locator("form.activity input[type=range]").first
    assert slider.get_attribute("aria-valuetext") == "300 ft/min"
    assert rpm(page) == "4,584 RPM"
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent === '5,348 RPM'")
    assert slider.get_attribute("aria-valuetext") == "350 ft/min"
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent === '15,280 RPM'")
    assert page.get_attribute(".model-gauge", "data-zone") == "bad"
    page.keyboard.press("Home")
    page.keyboard.press("PageUp")  # the browser's own big step
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent !== '15,280 RPM'")
    # the announcement waits for the student to stop, then says the outputs and the goal
    page.wait_for_function("() => document.querySelector('.model-announce').textContent.includes('Spindle speed')")
    assert "Goal" in page.inner_text(".model-announce")


def test_pointer_sets_inputs_and_the_drawing_and_table_follow(page):
    slider = page.locator("form.activity input[type=range]").first
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.78, box["y"] + box["height"] / 2)  # about 800 ft/min
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent !== '4,584 RPM'")
    page.fill("form.activity input[inputmode=decimal]", "0.5")
    page.locator("form.activity input[inputmode=decimal]").dispatch_event("input")
    page.wait_for_function("() => document.querySelector('.model-scene').getAttribute('aria-label').includes('RPM')")
    assert page.locator(".model-scene rect").count() == 2
    rows = page.locator(".model-table tbody tr")
    assert rows.count() == 8  # one row per tool size
    assert page.locator(".model-table tr.now").count() == 1
    page.click("form.activity label[for='model-in-2-1']")  # 3 flutes, by pointer
    page.wait_for_function("() => document.querySelector(\"dd[data-output='cuts']\").textContent !== ''")
    page.click("form.activity button[type=submit]")
    page.wait_for_selector("#main[data-phase='feedback']")


@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", False), ("en", True), ("es", True)])
def test_the_model_screen_has_no_wcag_violations(page, lang, contrast):
    Player(page).use_settings(lang, contrast)
    page.wait_for_selector("form.activity[data-kind='model']")
    assert run_axe(page) == []


def test_a_number_field_is_a_spin_button_stepped_by_keys_and_typed_as_printed(page):
    field = page.locator("form.activity input[role=spinbutton]").first
    assert field.get_attribute("aria-valuetext") == "0.25 in" and field.input_value() == "0.25"
    field.focus()
    page.keyboard.press("ArrowUp")                       # one step, as a native spin button
    assert field.input_value() == "0.375" and field.get_attribute("aria-valuenow") == "0.375"
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent === '3,056 RPM'")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent === '1,146 RPM'")
    field.fill("0,5")                                    # a decimal comma in English: refused with a reason
    field.dispatch_event("input")
    page.wait_for_function("() => document.querySelector('#activity-error').textContent.includes('point: 0.5')")
    field.fill("0.5")
    field.dispatch_event("input")
    page.wait_for_function("() => document.querySelector(\"dd[data-output='rpm']\").textContent === '2,292 RPM'")
    assert field.get_attribute("aria-valuetext") == "0.5 in"


def test_a_value_worked_out_ahead_shows_inside_the_input_event(page):
    # after an input event the browser draws before it runs the worker's reply, so the
    # worker works out ahead what the focused slider can reach (model-ahead.js) and the
    # readout and drawing change within the event itself, in the very next frame
    page.evaluate("""() => {
      window.__seen = [];
      const form = document.querySelector("form.activity[data-kind='model']");
      form.addEventListener("input", () => window.__seen.push([
        document.querySelector("dd[data-output='rpm']").textContent,
        document.querySelector(".model-scene").getAttribute("aria-label")]));
    }""")
    slider = page.locator("form.activity input[type=range]").first
    drawing = page.get_attribute(".model-scene", "aria-label")
    slider.focus()
    for _ in range(40):  # the worker works out the slider's 19 values meanwhile (a busy machine: slowly)
        page.wait_for_timeout(250)
        page.evaluate("() => { window.__seen = []; }")
        page.keyboard.press("End")
        page.keyboard.press("Home")
        if [rpm for rpm, _ in page.evaluate("() => window.__seen")] == ["15,280 RPM", "1,528 RPM"]:
            break
    for _ in range(4):  # from 100 back to 300 ft/min, where it started
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    page.evaluate("() => { window.__seen = []; }")
    for key in ["ArrowRight", "ArrowRight", "End", "ArrowLeft"]:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    seen = page.evaluate("() => window.__seen")
    assert [rpm for rpm, _ in seen] == ["5,348 RPM", "6,112 RPM", "15,280 RPM", "14,516 RPM"]
    assert seen[0][1] != drawing and "5,348" in seen[0][1]
    assert rpm(page) == "14,516 RPM"  # and nothing stale was painted over it afterwards
