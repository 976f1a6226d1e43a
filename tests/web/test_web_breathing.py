"""The respiratory therapist simulation in Chromium, in English and Spanish.

A play reaches an ending, and every kind of screen on the way (a scene, each activity kind,
feedback, the ending) has 0 axe violations (WCAG 2.2 A/AA; Spanish with high contrast). The
live oxygen-tank model answers the keyboard and the pointer: the readout, the drawing's words
and the goal change with each knob. webtools.Guard fails a test on a console error or a
request to another host.
"""
from __future__ import annotations

import re

import pytest

import simplay
from tests.content.test_sim_breathing import CHOICES, CORRECT
from webtools import Player, axe_by_screen, run_axe, simulations, web_ctx, web_site  # noqa: F401 (fixtures)

SIM = "breathing-shift"


def code_at_model():
    """A resume code that opens the tank model (the gauge at 700 psi, the flow at 4 L/min)."""
    s, _seen = simplay.play(simulations()[SIM], CORRECT, CHOICES,
                            until=lambda v: v["scene"] == "tank" and v["phase"] == "activity")
    return s.resume_code()


def open_model(context, mode, lang, contrast):
    page = context.new_page()
    player = Player(page, mode, seed=5).open(SIM)
    player.use_settings(lang, contrast)
    player.enter_code(code_at_model())
    page.wait_for_selector("#code-dialog", state="hidden")
    page.wait_for_function("() => document.querySelector('#main').dataset.phase === 'activity'")
    assert page.locator("form.activity").get_attribute("data-kind") == "model"
    return page, player


def wait_minutes(page, text):
    page.wait_for_function(
        "t => (document.querySelector(\"dd[data-output='minutes']\") || {}).textContent?.startsWith(t)", arg=text)


def goal_state(page):
    return page.locator("form.activity .model-goal-state").get_attribute("data-state")


@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", True)], ids=["en", "es-high-contrast"])
def test_plays_to_an_ending_with_no_axe_violations(web_ctx, lang, contrast):
    context, _guard = web_ctx
    page = context.new_page()
    player = Player(page, "mouse", seed=8).open(SIM)
    player.use_settings(lang, contrast)
    report = axe_by_screen(player)
    assert page.evaluate("document.documentElement.lang") == lang
    assert {"scene", "feedback", "sequence", "multi", "numeric", "match", "model", "ending"} <= set(report)
    assert page.locator("#ending-title").is_visible() and page.locator("#career-title").is_visible()
    bad = {k: v for k, v in report.items() if v}
    assert not bad, bad


@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", True)], ids=["en", "es-high-contrast"])
def test_tank_model_by_keyboard(web_ctx, lang, contrast):
    context, _guard = web_ctx
    page, player = open_model(context, "keys", lang, contrast)
    # the start: (700 − 200) × 0.28 ÷ 4 = 35 minutes, short of the trip
    wait_minutes(page, "35")
    assert "35" in page.get_attribute("svg.model-scene", "aria-label")
    assert goal_state(page) == "not_met"
    start_shapes = page.locator("svg.model-scene").inner_html()
    assert not run_axe(page), "model screen"

    flow, psi = page.locator("#model-in-1"), page.locator("#model-in-0")
    player.tab_to(flow)
    page.keyboard.press("Home")
    for _ in range(3):                       # 0.5 + 3 × 0.5 = 2 L/min, the order
        page.keyboard.press("ArrowRight")
    wait_minutes(page, "70")                 # (700 − 200) × 0.28 ÷ 2
    assert goal_state(page) == "partly"
    assert "L/min" in flow.get_attribute("aria-valuetext")
    player.tab_to(psi)
    for _ in range(3):                       # 700 + 3 × 100 = 1000 psi
        page.keyboard.press("ArrowRight")
    wait_minutes(page, "112")                # (1000 − 200) × 0.28 ÷ 2
    assert goal_state(page) == "met"
    said = psi.get_attribute("aria-valuetext")     # "1,000 psi" in English: the number and its unit
    assert said.endswith("psi") and re.sub(r"\D", "", said) == "1000", said
    assert "112" in page.get_attribute("svg.model-scene", "aria-label")
    assert page.locator("svg.model-scene").inner_html() != start_shapes  # the tank was redrawn
    page.keyboard.press("End")               # the fullest tank: 2200 psi, 280 minutes
    wait_minutes(page, "280")
    assert not run_axe(page), "model screen, changed"

    before = player.step()
    player.press_on(page.locator("form.activity button[type=submit]"))
    player.wait_step(before)
    assert player.phase() == "feedback"
    assert "280" in page.inner_text("#interaction")
    assert not run_axe(page), "feedback"


def test_tank_model_by_pointer(web_ctx):
    context, _guard = web_ctx
    page, _player = open_model(context, "mouse", "en", False)
    wait_minutes(page, "35")
    flow, psi = page.locator("#model-in-1"), page.locator("#model-in-0")
    # a click near the left end of the flow slider: its lowest step, 0.5 L/min
    flow.scroll_into_view_if_needed()
    box = flow.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.02, box["y"] + box["height"] / 2)
    wait_minutes(page, "280")                # (700 − 200) × 0.28 ÷ 0.5
    # a drag of the gauge to its right end: 2200 psi
    psi.scroll_into_view_if_needed()
    box = psi.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 40, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    wait_minutes(page, "1,120")              # (2200 − 200) × 0.28 ÷ 0.5, printed the English way
    assert psi.input_value() == "2200" and flow.input_value() == "0.5"
    assert goal_state(page) == "not_met"     # long enough, but not the ordered flow
