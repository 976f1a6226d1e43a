"""`testdrive preview`: edit the file, see the page change within a second; errors shown as
lint prints them; the player reloads with the new version. Headless Chromium."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from engine.scaffold import render
from webtools import BOOT_TIMEOUT, new_context, require_browser, run_axe

ONE_SECOND = 1000  # ms: the preview's promise, from the save to the page


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    require_browser()
    from engine.preview import start

    folder = tmp_path_factory.mktemp("preview")
    sim_file = folder / "clinic.yaml"
    sim_file.write_text(render("healthcare", "clinic"), encoding="utf-8")
    server, watcher, url = start(sim_file, 0, folder / "work", log=lambda *a: None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield sim_file, url
    watcher.stop()
    server.shutdown()


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def version(page) -> int:
    return int(page.get_attribute("#status", "data-version"))


def test_each_save_shows_on_the_page_within_a_second(preview):
    sim_file, url = preview
    context, guard = new_context()
    page = context.new_page()
    page.goto(url)
    frame = page.frame_locator("#player")
    frame.locator("body[data-ready='true']").wait_for(state="attached", timeout=BOOT_TIMEOUT)
    assert "Welcome! I'm Alex." in frame.locator("#narration").inner_text()
    assert run_axe(page) == []

    # a good edit: the status says so within a second, and the player restarts with it
    before = version(page)
    save(sim_file, "Welcome! I'm Alex.", "Good morning! I'm Alex.")
    page.wait_for_function(f"document.querySelector('#status').dataset.version > {before}", timeout=ONE_SECOND)
    assert page.get_attribute("#status", "data-ok") == "true"
    assert "no problems" in page.inner_text("#summary")
    frame.locator("#narration", has_text="Good morning! I'm Alex.").wait_for(timeout=BOOT_TIMEOUT)

    # a slip: within a second the page shows lint's message, and the player keeps the last good version
    before = version(page)
    save(sim_file, "next: first-task", "next: frist-task")
    page.wait_for_function(f"document.querySelector('#status').dataset.version > {before}", timeout=ONE_SECOND)
    assert page.get_attribute("#status", "data-ok") == "false"
    problems = page.inner_text("#problems")
    assert "clinic.yaml:" in problems and "error: 'frist-task' in scene 'welcome' is not a scene or an ending" in problems
    assert "hint: did you mean 'first-task'?" in problems
    assert run_axe(page) == []

    # fixed again: back to no problems
    before = version(page)
    save(sim_file, "next: frist-task", "next: first-task")
    page.wait_for_function(f"document.querySelector('#status').dataset.version > {before}", timeout=ONE_SECOND)
    assert page.get_attribute("#status", "data-ok") == "true"
    frame.locator("body[data-ready='true']").wait_for(state="attached", timeout=BOOT_TIMEOUT)
    context.close()
    guard.check()
    assert all("127.0.0.1" in u or u.startswith(("data:", "blob:", "about:")) for u in guard.requests)
