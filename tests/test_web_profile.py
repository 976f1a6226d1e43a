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

from webtools import (  # noqa: F401  (web_site, web_ctx: fixtures)
    BOOT_TIMEOUT, Player, finished_session, simulations, site_url, web_ctx, web_site,
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


# -------------------------------------------------------------------------- the ending

def test_an_ending_keeps_the_play(web_ctx):
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


def test_a_kiosk_keeps_no_profile(web_ctx):
    context, _ = web_ctx
    page = context.new_page()
    page.goto(site_url() + "kiosk.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    page.click(f"#tiles button.tile[data-sim='{KIOSK_SIM}']")
    page.wait_for_selector("#main:not([hidden])[data-step='0']")
    page.wait_for_function("() => document.body.dataset.busy !== 'true'")
    Player(page).play_to_end()
    page.wait_for_selector("#result-qr[data-ready='true'] svg")
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k !== 'ctd.kiosk')") == []
