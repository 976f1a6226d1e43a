"""The teacher guides in the built site: every flagship in English and Spanish, read in Chromium.

0 axe violations (WCAG 2.2 A/AA tags), no console errors (the page's strict
Content-Security-Policy included), no request to another host; printable.
"""
import json
from pathlib import Path

import pytest

import webtools as wt

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIPS = ["er-nurse-shift", "footbridge-design", "cnc-first-run", "weld-test-day", "solar-shelter",
             "breathing-shift"]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(autouse=True)
def _browser_ready():
    wt.require_browser()


def test_the_build_writes_every_guide_and_precaches_them():
    site = wt.built_site()
    sw = (site / "sw.js").read_text(encoding="utf-8")
    for sim in FLAGSHIPS + ["every-feature"]:
        for lang in ("en", "es"):
            page = site / "guides" / f"{sim}.{lang}.html"
            assert page.is_file(), page
            assert json.dumps(f"guides/{sim}.{lang}.html") in sw
    assert (site / "guides" / "guide.css").is_file()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_guide_reads_cleanly_in_chromium(lang):
    base = wt.site_url()
    ctx, guard = wt.new_context(bypass_csp=False)  # under the guides' own policy
    page = ctx.new_page()
    for sim in FLAGSHIPS:
        page.goto(f"{base}guides/{sim}.{lang}.html")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").count() == 1
        # the stylesheet applied (the CSP allows it): headings have the guide's rule under them
        assert page.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle") == "solid"
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
        page.emulate_media(media="screen")
    guard.check()
    ctx.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_guide_has_no_wcag_violations(lang, monkeypatch):
    monkeypatch.setattr(wt, "AXE_TAGS", AXE_TAGS)
    base = wt.site_url()
    # axe is injected as a script, which the guides' own policy (no script at all) forbids
    ctx, guard = wt.new_context(bypass_csp=True)
    page = ctx.new_page()
    for sim in FLAGSHIPS + ["every-feature"]:
        page.goto(f"{base}guides/{sim}.{lang}.html")
        found = wt.run_axe(page)
        assert found == [], f"{sim}.{lang}: {json.dumps(found, indent=1)}"
    guard.check()
    ctx.close()
