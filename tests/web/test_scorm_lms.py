"""A SCORM package inside a stand-in LMS: scorm-again (npm; the runtime LMS vendors use)
plays the LMS side in a page that frames the extracted package, in Debian's Chromium,
for SCORM 1.2 and 2004. First launch, leave and relaunch, play to an ending; every value
the package sets is checked against its version's data-model limits here (scorm-again
relaxes some: it takes 64,000 characters of suspend_data under 1.2). Also: the package's
page with no LMS around plays standalone and says nothing is recorded, with the wasm
served as application/octet-stream."""
from __future__ import annotations

import atexit
import functools
import http.server
import json
import re
import shutil
import tempfile
import threading
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from webtools import BOOT_TIMEOUT, ROOT, Player, new_context, require_browser, run_axe

SIM = "cnc-first-run"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"

# The LMS side: scorm-again's API on the top window, the package in an iframe. The test
# passes the CMI an LMS would load (#cmi=…) and reads back every call in window.lms.
LMS_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stand-in LMS</title>
<link rel="icon" href="data:,"><script src="%(lib)s"></script><script src="lms.js"></script></head>
<body><h1>Stand-in LMS</h1><main id="course"></main></body></html>"""
LMS_JS = r"""
const q = new URLSearchParams(location.search);
const version = q.get("v");
const cmi = JSON.parse(decodeURIComponent(location.hash.slice(1) || "%7B%7D"));
const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
const api = version === "2004" ? new Scorm2004API(settings) : new Scorm12API(settings);
window.lms = { calls: [], values: {} };
if (Object.keys(cmi).length) api.loadFromJSON(cmi);
const names = version === "2004"
  ? ["Initialize", "Commit", "Terminate"] : ["LMSInitialize", "LMSCommit", "LMSFinish"];
for (const n of names) api.on(n, () => window.lms.calls.push([n]));
api.on((version === "2004" ? "SetValue" : "LMSSetValue") + ".cmi.*", (el, value) => {
  window.lms.calls.push(["set", el, value]);
  window.lms.values[el] = value;
});
window[version === "2004" ? "API_1484_11" : "API"] = api;
window.lmsApi = api;
addEventListener("DOMContentLoaded", () => {
  const frame = document.createElement("iframe");
  frame.title = "Course";
  frame.src = q.get("pkg") + "/index.html";
  frame.style.cssText = "width:1000px;height:900px";
  document.getElementById("course").append(frame);
});
"""

LIMITS = {
    "1.2": {"cmi.suspend_data": 4096, "cmi.core.lesson_location": 255, "cmi.comments": 4096,
            r"cmi\.interactions\.\d+\.student_response": 255, r"cmi\.interactions\.\d+\.id": 255},
    "2004": {"cmi.suspend_data": 64000, "cmi.location": 1000,
             r"cmi\.interactions\.\d+\.learner_response": 4000, r"cmi\.interactions\.\d+\.id": 4000,
             r"cmi\.comments_from_learner\.\d+\.comment": 4000},
}


class Handler(http.server.SimpleHTTPRequestHandler):
    wasm_type = "application/wasm"
    extensions_map = {".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript",
                      ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json",
                      ".woff2": "font/woff2", "": "application/octet-stream"}

    def guess_type(self, path):
        if str(path).endswith(".wasm"):
            return self.wasm_type
        return super().guess_type(path)

    def log_message(self, *args):
        pass


@functools.cache
def served(wasm_type: str = "application/wasm") -> str:
    from engine.web.scorm import build_packages, resolve

    require_browser()
    root = Path(tempfile.mkdtemp(prefix="ctd-scorm-lms-"))
    atexit.register(shutil.rmtree, root, True)
    for version in ("1.2", "2004"):
        made = build_packages(root / "zips", resolve([SIM], ROOT / "simulations"), version, log=lambda *a: None)
        zipfile.ZipFile(made[0]["path"]).extractall(root / f"pkg{version.replace('.', '')}")
        lib = "scorm12.min.js" if version == "1.2" else "scorm2004.min.js"
        shutil.copy(SCORM_AGAIN / lib, root / lib)
    (root / "lms.js").write_text(LMS_JS)
    for version in ("1.2", "2004"):
        lib = "scorm12.min.js" if version == "1.2" else "scorm2004.min.js"
        (root / f"lms{version.replace('.', '')}.html").write_text(LMS_HTML % {"lib": lib})
    handler = type("H", (Handler,), {"wasm_type": wasm_type,
                                     "__init__": lambda self, *a, **k: Handler.__init__(self, *a, directory=str(root), **k)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(server.shutdown)
    return f"http://127.0.0.1:{server.server_address[1]}/"


def launch(page, version: str, cmi: dict | None = None):
    v = version.replace(".", "")
    url = served() + f"lms{v}.html?v={version}&pkg=pkg{v}#" + urllib.parse.quote(json.dumps(cmi or {}))
    page.goto(url)
    page.wait_for_function("() => window.frames.length > 0")
    frame = page.frame_locator("iframe")
    frame.locator("body[data-ready='true']").wait_for(state="attached", timeout=BOOT_TIMEOUT)
    return next(f for f in page.frames if f.url.endswith("/index.html"))


def leave(page):
    """The student leaves: the LMS removes the course frame (its page gets pagehide)."""
    page.evaluate("document.querySelector('iframe').remove()")
    return page.evaluate("window.lms")


def meters(frame) -> str:
    return frame.inner_text("#hud")


def check_limits(version: str, lms: dict):
    for name, value in lms["values"].items():
        for pattern, limit in LIMITS[version].items():
            if re.fullmatch(pattern, name):
                assert len(value) <= limit, f"{name} is {len(value)} characters (limit {limit})"


def calls_named(lms, name):
    return [c for c in lms["calls"] if c[0] == name]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_package_in_scorm_again_resumes_and_reports(version):
    v12 = version == "1.2"
    status = "cmi.core.lesson_status" if v12 else "cmi.completion_status"
    location = "cmi.core.lesson_location" if v12 else "cmi.location"
    ctx, guard = new_context()
    try:
        page = ctx.new_page()
        # -- first launch: initialise, incomplete, suspend data after the first action
        frame = launch(page, version)
        assert frame.get_attribute("body", "data-lms") == "recording"
        lms = page.evaluate("window.lms")
        assert lms["calls"][0] == (["LMSInitialize"] if v12 else ["Initialize"])
        assert lms["values"][status] == "incomplete"
        player = Player(frame, seed=3)
        player.act_once()
        page.wait_for_function("() => (window.lms.values['cmi.suspend_data'] || '').length > 0")
        player.act_once()
        player.act_once()
        scene, hud = player.scene(), meters(frame)
        page.wait_for_function(f"s => window.lms.values['{location}'] === s", arg=scene)
        lms = leave(page)
        assert calls_named(lms, "LMSFinish" if v12 else "Terminate")
        exit_name = "cmi.core.exit" if v12 else "cmi.exit"
        assert lms["values"][exit_name] == "suspend"
        time_name = "cmi.core.session_time" if v12 else "cmi.session_time"
        assert re.fullmatch(r"\d{4}:\d\d:\d\d(\.\d\d)?" if v12 else r"PT\d+H\d+M[\d.]+S", lms["values"][time_name])
        check_limits(version, lms)

        # -- relaunch with what the LMS kept: back at the same scene with the same meters
        saved = lms["values"]
        if v12:
            cmi = {"core": {"entry": "resume", "lesson_status": saved[status], "lesson_location": saved[location]},
                   "suspend_data": saved["cmi.suspend_data"]}
        else:
            cmi = {"entry": "resume", "completion_status": saved[status], "location": saved[location],
                   "suspend_data": saved["cmi.suspend_data"]}
        page.close()
        page = ctx.new_page()
        frame = launch(page, version, cmi)
        player = Player(frame, seed=4)
        assert player.scene() == scene and meters(frame) == hud

        # -- play to an ending: completed, score, interactions, the result code, finish
        player.play_to_end()
        page.wait_for_function(f"() => window.lms.values['{status}'] === 'completed'")
        ending_code = frame.evaluate("() => document.querySelector('#main').dataset.step")
        assert int(ending_code) > 0
        lms = leave(page)
        values = lms["values"]
        score = "cmi.core.score" if v12 else "cmi.score"
        assert values[f"{score}.min"] == "0" and values[f"{score}.max"] == "100"
        assert 0 <= float(values[f"{score}.raw"]) <= 100
        if not v12:
            assert float(values["cmi.score.scaled"]) == pytest.approx(float(values["cmi.score.raw"]) / 100)
            assert "cmi.success_status" not in values  # never "failed" for a test-drive (docs/lms.md)
        ids = [val for name, val in values.items() if re.fullmatch(r"cmi\.interactions\.\d+\.id", name)]
        assert any(i.startswith("activity-") for i in ids), ids
        assert any(i.startswith("result-code-") for i in ids), ids
        response = "student_response" if v12 else "learner_response"
        for name, val in values.items():
            if name.endswith(".latency"):
                assert re.fullmatch(r"\d{4}:\d\d:\d\d(\.\d\d)?" if v12 else r"PT\d+H\d+M[\d.]+S", val)
        code_slot = next(n for n, val in values.items() if val.startswith("result-code-"))
        code = values[code_slot.replace(".id", f".{response}")]
        comment = values["cmi.comments"] if v12 else next(
            val for n, val in values.items() if n.startswith("cmi.comments_from_learner."))
        assert code and code in comment
        assert calls_named(lms, "LMSFinish" if v12 else "Terminate")
        check_limits(version, lms)
        guard.check()
        assert all(urllib.parse.urlsplit(u).hostname == "127.0.0.1" for u in guard.requests
                   if not u.startswith(("data:", "blob:", "about:")))
    finally:
        ctx.close()


def test_standalone_with_wasm_as_octet_stream():
    """No LMS around, and a server that sends the wasm as application/octet-stream: the
    page still plays (the worker compiles the bytes) and says nothing is recorded."""
    ctx, guard = new_context()
    try:
        page = ctx.new_page()
        seen = []
        page.on("response", lambda r: seen.append(r.headers.get("content-type", "")) if r.url.endswith(".wasm") else None)
        page.goto(served("application/octet-stream") + "pkg12/index.html")
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
        assert seen and all(s.startswith("application/octet-stream") for s in seen)
        assert page.get_attribute("body", "data-lms") == "standalone"
        alert = page.inner_text("#alert")
        assert "not being recorded" in alert
        assert run_axe(page) == []
        player = Player(page, seed=1)
        before = player.step()
        player.act_once()
        assert player.step() > before
        guard.check()
    finally:
        ctx.close()


def test_standalone_notice_in_spanish_is_accessible():
    """A browser set to Spanish: the player and the notice in Spanish (settings.js reads navigator.language)."""
    ctx, guard = new_context(locale="es-ES")
    try:
        page = ctx.new_page()
        page.goto(served() + "pkg2004/index.html")
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=BOOT_TIMEOUT)
        assert page.get_attribute("html", "lang") == "es"
        assert "no se están guardando" in page.inner_text("#alert")
        assert run_axe(page) == []
        guard.check()
    finally:
        ctx.close()
