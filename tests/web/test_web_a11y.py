"""Accessibility of the browser player: axe-core (npm axe-core, injected from
node_modules) finds no WCAG 2.1 A/AA violations on the start page, a scene, every activity
kind, feedback, the ending with its debrief, and the settings dialog — in English and
Spanish, with normal and high contrast. Resume codes jump to each state in one page.
"""
from __future__ import annotations

import pytest

from webtools import Player, new_context, require_browser, run_axe, site_url, states_for_checks

STATES = ["scene", "order", "sequence", "numeric", "multi", "match", "hotspot", "allocate", "model",
          "feedback", "ending"]
COMBOS = [("en", False), ("es", False), ("en", True), ("es", True)]


@pytest.fixture(scope="module")
def checks():
    require_browser()
    found = states_for_checks()
    missing = set(STATES) - set(found)
    assert not missing, f"no simulation reaches these states: {sorted(missing)}"
    return found


def set_settings(page, lang: str, contrast: bool):
    page.click("#open-settings")
    page.check(f"#lang-{lang}")
    page.set_checked("#set-contrast", contrast)
    violations = run_axe(page, "#settings")
    page.click("#close-settings")
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang)
    return violations


def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)


@pytest.mark.parametrize("lang,contrast", COMBOS, ids=[f"{l}-{'high' if c else 'normal'}" for l, c in COMBOS])
def test_no_wcag_violations(checks, lang, contrast):
    context, guard = new_context()
    try:
        page = context.new_page()
        report: dict[str, list] = {}
        # start page
        page.goto(site_url())
        report["settings (start page)"] = set_settings(page, lang, contrast)
        page.wait_for_function("() => document.querySelectorAll('#sim-list li.card').length > 0")
        report["start page"] = run_axe(page)
        # the player, jumping to each state with a resume code
        opened = None
        for state in STATES:
            sim_id, code, view = checks[state]
            player = Player(page)
            if opened != sim_id:
                player.open(sim_id)
                opened = sim_id
                report[f"settings ({sim_id})"] = set_settings(page, lang, contrast)
            page.click("#open-code")
            page.fill("#code-enter", code)
            page.click("#enter-code-form button[type=submit]")
            page.wait_for_selector("#code-dialog", state="hidden")
            page.wait_for_function("p => document.querySelector('#main').dataset.phase === p",
                                   arg="activity" if state not in ("scene", "feedback", "ending") else state)
            assert page.evaluate("document.documentElement.lang") == lang
            report[state] = run_axe(page)
        bad = {where: v for where, v in report.items() if v}
        assert not bad, "\n".join(f"[{where}]\n{describe(v)}" for where, v in bad.items())
        guard.check()
    finally:
        context.close()


def test_the_checker_catches_violations(checks):
    """The axe run above can fail: a nameless button, an image without alt text and
    unreadable grey-on-white text are each reported."""
    context, guard = new_context()
    try:
        page = context.new_page()
        page.goto(site_url())
        page.evaluate("""() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend',
              '<button id="bad1"></button><img id="bad2" src="icon.svg">' +
              '<p id="bad3" style="color:#ccc;background:#fff">faint</p>');
        }""")
        ids = {v["id"] for v in run_axe(page)}
        assert {"button-name", "image-alt", "color-contrast"} <= ids
        guard.check()
    finally:
        context.close()
