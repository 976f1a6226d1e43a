"""The web kiosk's operator PIN (audit F6): only a salted hash in the page, checked by the
engine in the worker; three misses close the pad and start a wait that doubles, kept across
openings and reloads; the PIN never stays in the page after a try."""
from __future__ import annotations

import json
import re
import time

import pytest

from webtools import BOOT_TIMEOUT, TEST_KIOSK_PIN, built_site, new_context, require_browser, site_url


def test_the_page_holds_a_salted_hash_and_the_glue_checks_it():
    from engine import kiosk_pin
    from engine.web import glue

    require_browser()
    html = (built_site() / "kiosk.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'id="ctd-config">(.*?)</script>', html, re.S).group(1))
    stored = config["kiosk"]["pin_hash"]
    assert TEST_KIOSK_PIN not in html and kiosk_pin.valid_stored(stored)
    ask = lambda pin: json.loads(glue.handle(json.dumps({"op": "kiosk_pin", "pin": pin, "hash": stored})))
    assert ask(TEST_KIOSK_PIN) == {"ok": True, "match": True}
    assert ask("0000")["match"] is False and ask("")["match"] is False
    assert json.loads(glue.handle(json.dumps({"op": "kiosk_pin", "pin": TEST_KIOSK_PIN, "hash": "x"})))["match"] is False


@pytest.fixture
def page():
    require_browser()
    context, guard = new_context()
    page = context.new_page()
    page.goto(site_url() + "kiosk.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    yield page
    context.close()
    guard.check()


def try_pin(page, pin: str):
    if not page.locator("#pin-dialog[open]").count():
        page.keyboard.press("Control+Alt+o")
        page.wait_for_selector("#pin-dialog[open]")
    page.fill("#pin-input", pin)
    page.keyboard.press("Enter")
    page.wait_for_selector("#pin-form:not([data-checking])", state="attached")


def lock(page) -> dict:
    return page.evaluate("() => JSON.parse(localStorage.getItem('ctd.kioskLock') || '{}')")


def test_misses_lock_the_pad_with_a_growing_wait_kept_across_reloads(page):
    for wrong in ("1111", "2222"):
        try_pin(page, wrong)
        page.wait_for_function("() => document.querySelector('#pin-error').textContent === 'Wrong PIN'")
        assert page.input_value("#pin-input") == ""          # not left in the page
    try_pin(page, "3333")
    page.wait_for_selector("#pin-dialog", state="hidden")
    state = lock(page)
    assert state["misses"] == 3 and 25_000 < state["until"] - time.time() * 1000 <= 30_000
    # reopened, even after a reload: the wait is shown and the right PIN is not checked
    page.reload()
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    try_pin(page, TEST_KIOSK_PIN)
    page.wait_for_timeout(500)
    assert page.locator("#operator[open]").count() == 0
    assert re.fullmatch(r"Too many tries\. Try again in \d+ seconds\.", page.inner_text("#pin-error"))
    assert page.input_value("#pin-input") == ""
    # once the wait has passed, a fourth miss waits twice as long
    page.evaluate("() => localStorage.setItem('ctd.kioskLock', JSON.stringify({misses: 3, until: Date.now() - 1}))")
    try_pin(page, "4444")
    page.wait_for_selector("#pin-dialog", state="hidden")
    state = lock(page)
    assert state["misses"] == 4 and 55_000 < state["until"] - time.time() * 1000 <= 60_000
    page.evaluate("() => localStorage.setItem('ctd.kioskLock', JSON.stringify({misses: 4, until: Date.now() - 1}))")
    try_pin(page, TEST_KIOSK_PIN)
    page.wait_for_selector("#operator[open]")
    assert page.input_value("#pin-input") == ""
    assert page.evaluate("() => localStorage.getItem('ctd.kioskLock')") is None   # the right PIN forgives
