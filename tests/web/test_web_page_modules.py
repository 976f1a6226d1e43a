"""Each page fetches its own modules, none of another page's, and a simulation's page
fetches its player only after it has painted its story (issue 15, a school's Chromebook).

A simulation's page used to import every page's module up front and preload all 46, so
it fetched and compiled the teacher and profile pages' code while the browser was
painting the prerendered first narration; on a 4x-throttled CPU that story painted later
than a plain inkjs page's text (benchmarks/web_startup.py). Now main.js imports the page's
module lazily once the page has painted, and the HTML preloads only what main.js itself
imports.
"""
from __future__ import annotations

import re
import urllib.parse

import pytest

from webtools import ROOT, built_site, new_context, require_browser, site_url

PAGES = {  # page -> its module (main.js's PAGES)
    "index.html": "pages/start.js",
    "sims/every-feature.html": "pages/play.js",
    "kiosk.html": "pages/kiosk.js",
    "teacher.html": "pages/teacher.js",
    "profile.html": "pages/profile.js",
}
HASHED = re.compile(r"\.[0-9a-f]{12}\.js$")


def module_name(url: str) -> str:
    """…/assets/js/pages/play.0123456789ab.js -> pages/play.js"""
    return HASHED.sub(".js", urllib.parse.urlsplit(url).path.split("/assets/js/", 1)[1])


def preloaded(html: str) -> set[str]:
    return {module_name("/" + href) for href in re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)}


def static_closure(name: str) -> set[str]:
    """The modules the browser fetches for `name` before running it (its static imports)."""
    from engine.web.sitebuild.assets import hashed_modules, module_closure

    return set(module_closure(hashed_modules(ROOT / "web" / "src", "assets/js/"), name, lazy=False))


@pytest.fixture(scope="module")
def site():
    require_browser()
    return built_site(), site_url()


def test_pages_preload_only_what_the_entry_module_imports(site):
    entry = static_closure("main.js") - {"main.js"}
    assert entry and not [m for m in entry if m.startswith(("pages/", "play/", "teacher/", "profile/"))], entry
    for page in PAGES:
        assert preloaded((site[0] / page).read_text()) == entry, page


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_fetches_its_own_modules_and_no_other_pages(site, page):
    out, url = site
    own = static_closure("main.js") | static_closure(PAGES[page])
    context, guard = new_context(service_workers="block")
    try:
        tab = context.new_page()
        tab.goto(url + page)
        # the page's module ran (its lazy import and that module's imports were fetched)
        tab.wait_for_function("own => performance.getEntriesByType('resource').some((e) => e.name.includes(own))",
                              arg="/assets/js/" + PAGES[page][:-3] + ".")
        tab.wait_for_timeout(500)
        fetched = {module_name(u) for u in guard.requests if "/assets/js/" in u}
        assert fetched == own, (sorted(fetched - own), sorted(own - fetched))
        guard.check()
    finally:
        context.close()


def test_a_simulation_page_fetches_its_player_after_painting_the_story(site):
    out, url = site
    context, guard = new_context(service_workers="block")
    try:
        tab = context.new_page()
        tab.goto(url + "sims/every-feature.html")
        # the first contentful paint: the page's first text, its story among it
        tab.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
        painted = tab.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        tab.wait_for_function("() => performance.getEntriesByType('resource').some((e) => e.name.includes('/pages/play.'))")
        player = tab.evaluate("performance.getEntriesByType('resource').find((e) => e.name.includes('/pages/play.')).startTime")
        assert painted > 0 and player >= painted, (painted, player)
        guard.check()
    finally:
        context.close()
