"""A student's work on a shared device (audit F2, F14), in Chromium: "Clear my work on this
device" on the start page, full storage reported to the student instead of losing the game
silently, and saves set aside pruned."""
from __future__ import annotations

import time

import pytest

from webtools import BOOT_TIMEOUT, new_context, require_browser, run_axe, site_url

SIM = "every-feature"
WORK = {"ctd.save.cnc-first-run": "x", "ctd.view.cnc-first-run": "{}", "ctd.started.cnc-first-run": "1",
        "ctd.reflect.cnc-first-run.0": "something private", "ctd.studentName": "Maria Lopez"}
KEPT = {"ctd.settings": '{"textSize": 1.25}', "ctd.kiosk": "{}", "ctd.teacher.class": "{}"}


@pytest.fixture
def ctx():
    require_browser()
    site_url()
    context, guard = new_context()
    yield context, guard
    context.close()
    guard.check()


def fill_storage(page, items: dict) -> None:
    page.evaluate("items => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_clear_my_work_on_this_device(ctx, lang):
    context, guard = ctx
    page = context.new_page()
    page.goto(site_url() + "index.html")
    fill_storage(page, {**WORK, **KEPT, "ctd.settings": f'{{"lang": "{lang}"}}'})
    page.reload()
    page.wait_for_selector("#sim-list li.card")
    button = page.locator("#forget-work")
    assert button.is_visible()
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    button.click()
    assert dialogs and page.evaluate("() => localStorage.getItem('ctd.studentName')") == "Maria Lopez"
    page.once("dialog", lambda d: d.accept())
    button.click()
    page.wait_for_function("() => document.querySelector('#forget-status').textContent.length > 0")
    keys = set(page.evaluate("() => Object.keys(localStorage)"))
    assert not keys & set(WORK), keys
    assert set(KEPT) - {"ctd.settings"} <= keys and "ctd.settings" in keys
    status = page.inner_text("#forget-status")
    assert status == ("Your work is cleared from this device." if lang == "en" else "Tu trabajo se borró de este aparato.")
    assert page.evaluate("document.documentElement.lang") == lang
    assert run_axe(page, "main") == []
    guard.check()


def test_saves_set_aside_are_pruned(ctx):
    context, guard = ctx
    page = context.new_page()
    page.goto(site_url() + "index.html")
    now = int(time.time() * 1000)
    broken = {f"ctd.broken.{SIM}.{now - i * 60_000}": "bad" for i in range(6)}
    broken[f"ctd.broken.{SIM}.{now - 90 * 86400_000}"] = "old"
    fill_storage(page, broken)
    page.reload()
    page.wait_for_selector("#sim-list li.card")
    left = sorted(k for k in page.evaluate("() => Object.keys(localStorage)") if k.startswith("ctd.broken."))
    assert left == sorted(list(broken)[:3])
    guard.check()


def test_full_storage_is_told_to_the_student(ctx):
    context, guard = ctx
    # The game cannot be saved: as when the disk is full or the school's origin is crowded.
    context.add_init_script("""
        const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (String(k).startsWith('ctd.save.')) throw new DOMException('full', 'QuotaExceededError');
            return real.call(this, k, v);
        };""")
    page = context.new_page()
    page.goto(site_url() + f"sims/{SIM}.html")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
    page.wait_for_selector("#alert:not([hidden])")
    assert "no room left to save your game" in page.inner_text("#alert")
    # said once, not on every step
    page.click("#alert button")
    page.locator("#interaction button.choice:not([disabled]), #interaction button.continue").first.click()
    page.wait_for_function("() => document.body.dataset.busy !== 'true'")
    assert page.locator("#alert").is_hidden()
    guard.check()
