"""Start-up of the browser player against the platform floor, side by side.

The floor is a bare page that only boots Pyodide (from node_modules, served raw by a plain
static server like `python -m http.server`) and prints 1+1. Our player is the built site
served by `testdrive serve`. For each, medians of N runs (default 5), interleaved:

  cold: a fresh incognito context per run (empty HTTP cache, no service worker)
  warm: one persistent context (`launch_persistent_context`), visited once before measuring

and three numbers: time to the first narration visible (Element Timing on the narration's
first paragraph; a run without that entry falls back to first contentful paint and says so
with a WARNING), time to the first clickable choice (the player's "ctd-interactive" mark),
and bytes the server sent. The floor has one time: "Python ready" (its 1+1 printed).

Targets (issue 4): first narration <= 0.1 x floor boot; first clickable choice <= 1.0 x
floor boot; cold transfer <= 6 MB (the floor sends ~13.5 MB).

A school's Chromebook (issue 15): the same cold runs with Chromium's CPU throttled 4x
(DevTools `Emulation.setCPUThrottlingRate`), beside a minimal inkjs page (npm `inkjs`, a
three-choice story compiled to JSON beforehand, shown by its runtime). Targets: our first
narration no later than the inkjs page's first text; our first clickable choice under half
of the floor's boot.

    .venv/bin/python benchmarks/web_startup.py [--runs 5] [--sim every-feature]
"""
from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync"]
FLOOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide floor</title></head>
<body><p id="out">Booting Python…</p>
<script type="module">
import { loadPyodide } from "./pyodide.mjs";
const py = await loadPyodide({ indexURL: "./", packageBaseUrl: "./" });
document.getElementById("out").textContent = "Python ready: 1+1 = " + py.runPython("1+1");
window.__ready = performance.now();
</script></body></html>
"""


INK_STORY = """The night shift starts at seven. The waiting room is full, and the charge nurse waves you over.
"Three new patients. Where do you want to start?"
* [Check the man holding his chest] -> END
* [Ask the child with a cough about her breathing] -> END
* [Read the charts first] -> END
"""
INK_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>inkjs floor</title></head>
<body><p id="story" elementtiming="story"></p><ul id="choices"></ul>
<script src="./ink.js"></script>
<script>
fetch("./story.json").then((r) => r.text()).then((json) => {
  const story = new inkjs.Story(json);
  document.getElementById("story").textContent = story.ContinueMaximally();
  for (const c of story.currentChoices) {
    const li = document.createElement("li"); const b = document.createElement("button");
    b.textContent = c.text; li.append(b); document.getElementById("choices").append(li);
  }
  window.__text = performance.now();
});
</script></body></html>
"""


class CountingHandler(SimpleHTTPRequestHandler):
    """A plain static server (no compression, no cache headers) that counts bytes."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.server.bytes_sent = getattr(self.server, "bytes_sent", 0) + len(data)


def start(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def floor_site(tmp: Path) -> Path:
    floor = tmp / "floor"
    floor.mkdir()
    pyo = ROOT / "node_modules" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy(pyo / name, floor / name)
    (floor / "index.html").write_text(FLOOR_HTML)
    return floor


def ink_site(tmp: Path) -> Path:
    """A minimal inkjs page: the runtime, one story compiled by inkjs's own compiler in Node."""
    import subprocess
    ink = tmp / "ink"
    ink.mkdir()
    dist = ROOT / "node_modules" / "inkjs" / "dist"
    shutil.copy(dist / "ink.js", ink / "ink.js")
    compile_js = ("const ink = require(process.argv[1]); const src = require('fs').readFileSync(0, 'utf8');"
                  "process.stdout.write(new ink.Compiler(src).Compile().ToJson());")
    story = subprocess.run(["node", "-e", compile_js, str(dist / "ink-full.js")], input=INK_STORY,
                           capture_output=True, text=True, check=True).stdout
    (ink / "story.json").write_text(story, encoding="utf-8")
    (ink / "index.html").write_text(INK_HTML, encoding="utf-8")
    return ink


def throttled(page, rate: float):
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return page


def measure_ink(page, url):
    page.goto(url + "index.html")
    page.wait_for_function("() => window.__text !== undefined", timeout=60_000)
    text, fcp = text_paint(page, "story")
    return {"text": text, "text_is_fcp": fcp, "ready": page.evaluate("window.__text")}


NARRATION_JS = """() => new Promise((resolve) => {
  try {
    new PerformanceObserver((list) => {
      const e = list.getEntries().find((x) => x.identifier === 'narration');
      if (e) resolve({ time: e.renderTime || e.loadTime, fcp: false });
    }).observe({ type: 'element', buffered: true });
  } catch (err) { /* no Element Timing */ }
  setTimeout(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({ time: fcp ? fcp.startTime : null, fcp: true });
  }, 2000);
})"""


def text_paint(page, identifier):
    """When the element marked `elementtiming=identifier` painted its text. Without that
    entry (say the mark sits on an element that holds no text itself) the page's first
    contentful paint stands in, and this says so loudly: such a figure is not the text's."""
    r = page.evaluate(NARRATION_JS.replace("'narration'", repr(identifier)))
    if r["fcp"]:
        print(f"WARNING: no Element Timing entry '{identifier}' on {page.url}; "
              "using first contentful paint instead", file=sys.stderr)
    return r["time"], r["fcp"]


def measure_floor(page, url):
    page.goto(url + "index.html")
    page.wait_for_function("() => window.__ready !== undefined", timeout=120_000)
    return {"boot": page.evaluate("window.__ready")}


def measure_player(page, url, sim):
    page.goto(url + f"sims/{sim}.html")
    narration, fcp = text_paint(page, "narration")
    page.wait_for_function("() => performance.getEntriesByName('ctd-interactive').length > 0", timeout=120_000)
    interactive = page.evaluate("performance.getEntriesByName('ctd-interactive')[0].startTime")
    clickable = page.locator("#interaction button.choice:not([disabled]), #interaction button.continue:not([disabled]),"
                             " #interaction form button[type=submit]").count()
    assert clickable, "no clickable control when the player says it is ready"
    return {"narration": narration, "narration_is_fcp": fcp, "interactive": interactive}


def run(kind, ctx_factory, fn, server, n):
    results = []
    for _ in range(n):
        ctx, close = ctx_factory()
        page = ctx.new_page()
        server.bytes_sent = 0
        r = fn(page)
        r["bytes"] = server.bytes_sent
        results.append(r)
        page.close()
        close()
    return results


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sim", default="every-feature")
    parser.add_argument("--throttle", type=float, default=4, help="CPU slow-down for the Chromebook runs")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"{CHROMIUM} is missing", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from engine.web.build import build
    from engine.web.serve import make_server

    tmp = Path(tempfile.mkdtemp(prefix="ctd-bench-"))
    try:
        site = tmp / "web"
        build(site, ROOT / "simulations")
        floor = floor_site(tmp)
        ours = make_server(site, 0, quiet=True)
        ours_url = start(ours)
        plain = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(floor)))
        plain_url = start(plain)
        ink = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(ink_site(tmp))))
        ink_url = start(ink)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)

            def cold():
                c = browser.new_context(service_workers="block")
                return c, c.close

            cold_floor, cold_ours = [], []
            for _ in range(args.runs):  # interleaved, side by side
                cold_floor += run("floor", cold, lambda p: measure_floor(p, plain_url), plain, 1)
                cold_ours += run("ours", cold, lambda p: measure_player(p, ours_url, args.sim), ours, 1)

            slow_floor, slow_ours, slow_ink = [], [], []
            k = args.throttle
            for _ in range(args.runs):  # the Chromebook: CPU throttled, cold, interleaved
                slow_ink += run("ink", cold, lambda p: measure_ink(throttled(p, k), ink_url), ink, 1)
                slow_floor += run("floor", cold, lambda p: measure_floor(throttled(p, k), plain_url), plain, 1)
                slow_ours += run("ours", cold, lambda p: measure_player(throttled(p, k), ours_url, args.sim), ours, 1)

            warm = {}
            for name, url, server, fn in (
                    ("floor", plain_url, plain, lambda p, u=plain_url: measure_floor(p, u)),
                    ("ours", ours_url, ours, lambda p, u=ours_url: measure_player(p, u, args.sim))):
                profile = tmp / f"profile-{name}"
                ctx = pw.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, args=ARGS)
                first = ctx.new_page()
                fn(first)  # the first visit fills the cache (and installs the service worker)
                if name == "ours":
                    first.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
                    first.evaluate("navigator.serviceWorker.ready.then(() => true)")
                    first.wait_for_timeout(1500)
                first.close()
                warm[name] = run(name, lambda c=ctx: (c, lambda: None), fn, server, args.runs)
                ctx.close()
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    floor_cold, floor_warm = med(cold_floor, "boot"), med(warm["floor"], "boot")
    rows = [
        ("cold", floor_cold, med(cold_floor, "bytes"), med(cold_ours, "narration"),
         med(cold_ours, "interactive"), med(cold_ours, "bytes")),
        ("warm", floor_warm, med(warm["floor"], "bytes"), med(warm["ours"], "narration"),
         med(warm["ours"], "interactive"), med(warm["ours"], "bytes")),
    ]
    print(f"web start-up, medians of {args.runs} runs; simulation {args.sim}; headless Chromium, localhost")
    print(f"{'':6}{'floor boot':>12}{'floor bytes':>14}{'narration':>12}{'clickable':>12}{'our bytes':>12}")
    for label, fb, fbytes, nar, inter, obytes in rows:
        print(f"{label:6}{fb:>10.0f}ms{fbytes / 1e6:>12.2f}MB{nar:>10.0f}ms{inter:>10.0f}ms{obytes / 1e6:>10.2f}MB")
    ok = True
    print()
    for label, fb, fbytes, nar, inter, obytes in rows:
        r1, r2 = nar / fb, inter / fb
        ok &= r1 <= 0.1 and r2 <= 1.0
        print(f"{label}: first narration = {r1:.3f} x floor boot (target <= 0.1)   "
              f"first clickable choice = {r2:.2f} x floor boot (target <= 1.0)")
    cold_mb = rows[0][5] / 1e6
    ok &= cold_mb <= 6
    print(f"cold transfer: {cold_mb:.2f} MB (target <= 6 MB) = {rows[0][5] / rows[0][2]:.2f} x the floor's "
          f"{rows[0][2] / 1e6:.2f} MB")
    ink_text, slow_boot = med(slow_ink, "text"), med(slow_floor, "boot")
    slow_nar, slow_click = med(slow_ours, "narration"), med(slow_ours, "interactive")
    print(f"\nChromebook: CPU throttled {args.throttle:g}x, cold, medians of {args.runs}")
    print(f"  inkjs page first text {ink_text:.0f} ms; floor boot {slow_boot:.0f} ms; "
          f"ours: first narration {slow_nar:.0f} ms, first clickable choice {slow_click:.0f} ms")
    r3, r4 = slow_nar / ink_text, slow_click / slow_boot
    ok &= r3 <= 1.0 and r4 <= 0.5
    print(f"  first narration = {r3:.2f} x the inkjs page's first text (target <= 1.0)   "
          f"first clickable choice = {r4:.2f} x floor boot (target <= 0.5)")
    for label, rows_, key in (("ours, cold", cold_ours, "narration_is_fcp"), ("ours, warm", warm["ours"], "narration_is_fcp"),
                              ("ours, throttled", slow_ours, "narration_is_fcp"), ("inkjs, throttled", slow_ink, "text_is_fcp")):
        n = sum(1 for r in rows_ if r[key])
        if n:
            ok = False
            print(f"WARNING: {label}: {n} of {len(rows_)} runs had no Element Timing entry for the text; "
                  "their figure is first contentful paint, not the text's paint")
    print("all targets met" if ok else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
