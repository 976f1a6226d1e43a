"""The welder simulation in Chromium, in English and Spanish: the live heat-input model
answers the keyboard (the bead drawing, its words and the readout change with each knob),
the model, its feedback and the ending pass axe (WCAG 2.2 A/AA; Spanish with high
contrast), and a play reaches an ending. webtools.Guard fails the test on a console error
or a request to another host.
"""
from __future__ import annotations

import pytest

import simplay
from tests.content.test_sim_weld import CHOICES, CORRECT
from webtools import Player, built_site, new_context, require_browser, run_axe, simulations, site_url

SIM = "weld-test-day"


@pytest.fixture(scope="module")
def site():
    require_browser()
    return built_site()


def code_at_model():
    """A resume code that opens the set-up model (the machine still at 16 V, 100 A, 16 in/min)."""
    s, _seen = simplay.play(simulations()[SIM], CORRECT, CHOICES,
                            until=lambda v: v["scene"] == "set-up" and v["phase"] == "activity")
    return s.resume_code()


def set_slider(page, index, presses):
    """Home, then ArrowRight `presses` times: the keyboard alone sets a knob."""
    slider = page.locator(f"#model-in-{index}")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(presses):
        page.keyboard.press("ArrowRight")


def wait_heat(page, text):
    page.wait_for_function(
        "t => (document.querySelector(\"dd[data-output='heat']\") || {}).textContent?.startsWith(t)", arg=text)


@pytest.mark.parametrize("lang,contrast", [("en", False), ("es", True)], ids=["en", "es-high-contrast"])
def test_model_by_keyboard_then_play_to_an_ending(site, lang, contrast):
    dec = "," if lang == "es" else "."
    context, guard = new_context()
    try:
        page = context.new_page()
        player = Player(page, "keys", seed=5).open(SIM)
        player.use_settings(lang, contrast)
        player.enter_code(code_at_model())
        page.wait_for_selector("#code-dialog", state="hidden")
        page.wait_for_function("() => document.querySelector('#main').dataset.phase === 'activity'")
        assert page.locator("form.activity").get_attribute("data-kind") == "model"
        wait_heat(page, "6 kJ")  # 16 × 100 × 60 ÷ 16 = 6000 J/in (whole numbers print without decimals)
        cold = page.get_attribute("svg.model-scene", "aria-label")
        assert "6 kJ" in cold
        cold_shapes = page.locator("svg.model-scene").inner_html()
        assert not run_axe(page), "model screen"

        set_slider(page, 2, 6)   # travel speed 6 + 6 = 12 in/min
        wait_heat(page, "8 kJ")  # 16 × 100 × 60 ÷ 12
        set_slider(page, 0, 6)   # 15 + 6 × 0.5 = 18 V
        set_slider(page, 1, 8)   # 90 + 8 × 5 = 130 A
        wait_heat(page, f"11{dec}7")  # 18 × 130 × 60 ÷ 12 = 11700 J/in
        assert f"11{dec}7 kJ" in page.get_attribute("svg.model-scene", "aria-label")
        assert page.locator("svg.model-scene").inner_html() != cold_shapes  # the bead was redrawn
        assert not run_axe(page), "model screen, changed"

        before = player.step()
        player.press_on(page.locator("form.activity button[type=submit]"))
        player.wait_step(before)
        assert player.phase() == "feedback"
        assert f"11{dec}7" in page.inner_text("#interaction")
        assert not run_axe(page), "feedback"

        player.play_to_end()
        assert page.locator("#ending-title").is_visible()
        assert page.evaluate("document.documentElement.lang") == lang
        assert not run_axe(page), "ending"
        guard.check()
    finally:
        context.close()
