"""The solar shelter simulation in the browser player (Chromium, the built site).

Played to an ending in English and in Spanish; every kind of screen it shows on the way
(a scene, each activity kind, feedback and the ending) has 0 axe violations for WCAG 2.2
A/AA; the live model's drawing, readouts and goal respond to its sliders by keyboard; no
console error and no request to another host (webtools.Guard).
"""
from __future__ import annotations

import pytest

from webtools import Player, axe_by_screen, run_axe, web_ctx, web_site  # noqa: F401 (fixtures)

SIM = "solar-shelter"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plays_to_an_ending_with_no_axe_violations(web_ctx, lang):
    context, _guard = web_ctx
    page = context.new_page()
    player = Player(page, "mouse", seed=8).open(SIM)
    player.use_settings(lang, contrast=False)
    report = axe_by_screen(player)
    assert page.evaluate("document.documentElement.lang") == lang
    # the screens a play of this simulation must pass through
    assert {"scene", "feedback", "numeric", "model", "allocate", "multi", "sequence", "ending"} <= set(report)
    assert page.locator("#ending-title").is_visible() and page.locator("#career-title").is_visible()
    bad = {k: v for k, v in report.items() if v}
    assert not bad, bad


def test_the_model_drawing_and_goal_respond_to_the_sliders_by_keyboard(web_ctx):
    context, _guard = web_ctx
    page = context.new_page()
    player = Player(page, "keys", seed=2).open(SIM)
    for _ in range(60):
        if player.scene() == "sizing" and player.phase() == "activity":
            break
        player.act_once()
    else:
        raise AssertionError("never reached the sizing model")
    form = page.locator("#interaction form.activity[data-kind='model']")
    panels, battery = form.locator("input[type=range]").nth(0), form.locator("input[type=range]").nth(1)
    alt = form.locator(".model-scene-alt")
    state = form.locator(".model-goal-state")
    # the start (4 panels, 4 kWh) misses the goal
    assert "1.6 kW" in alt.inner_text()
    assert form.locator(".model-scene rect").count() >= 4
    before_rects = form.locator(".model-scene rect").count()
    assert state.get_attribute("data-state") == "not_met"
    # two more panels (6) and two steps of battery (8 kWh): the smallest design that works
    player.tab_to(panels)
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    player.tab_to(battery)
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.model-goal-state').dataset.state === 'met'")
    assert "2.4 kW" in alt.inner_text() and "24" in alt.inner_text()
    assert form.locator(".model-scene rect").count() == before_rects + 2  # two panels more
    assert "12,336" in form.locator(".model-outputs").inner_text()
    assert battery.get_attribute("aria-valuetext").startswith("8")
    # past the grant: End puts 30 panels on the roof
    player.tab_to(panels)
    page.keyboard.press("End")
    page.wait_for_function(
        "() => document.querySelector('.model-goal-state').dataset.state !== 'met'")
    assert "12 kW" in alt.inner_text() or "12.0 kW" in alt.inner_text()
    assert not run_axe(page)
