"""The player under the Content-Security-Policy that `testdrive serve` sends (audit F9), in
Chromium WITHOUT Playwright's CSP bypass: a whole simulation with every activity kind, the
start page and a kiosk visit, with no policy violation, console error or page error."""
from __future__ import annotations

import pytest

from webtools import BOOT_TIMEOUT, Guard, Player, browser, require_browser, site_url

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture
def strict():
    require_browser()
    site_url()
    context = browser().new_context(bypass_csp=False)
    context.set_default_timeout(30_000)
    context.add_init_script(RECORD_VIOLATIONS)
    guard = Guard(context)
    yield context, guard
    context.close()
    guard.check()


def violations(page) -> list:
    return page.evaluate("() => window.__csp")


def test_the_policy_is_sent_and_a_whole_play_runs_under_it(strict):
    context, guard = strict
    page = context.new_page()
    response = page.goto(site_url() + "sims/every-feature.html")
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "frame-ancestors 'none'" in csp
    Player(page).wait_ready()
    player = Player(page, seed=5)
    player.play_to_end()
    assert {"order", "numeric", "multi", "match", "hotspot", "allocate"} <= player.kinds
    assert violations(page) == []
    page.goto(site_url() + "index.html")
    page.wait_for_selector("#sim-list li.card")
    assert violations(page) == []
    guard.check()


def test_a_kiosk_visit_runs_under_the_policy(strict):
    context, guard = strict
    page = context.new_page()
    page.goto(site_url() + "kiosk.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    page.locator("#tiles button.tile").first.click()
    page.wait_for_selector("#main:not([hidden])[data-step='0']")
    page.wait_for_function("() => document.body.dataset.busy !== 'true'")
    Player(page, seed=2).play_to_end()
    page.wait_for_selector("#result-qr[data-ready='true'] svg")
    assert violations(page) == []
    guard.check()
