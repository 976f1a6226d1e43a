"""Web kiosk soak: hundreds of scripted visitors back to back in ONE Chromium page.

The browser kiosk (kiosk.html) runs all day at a career fair without a reload, so memory
must not creep up from visitor to visitor. Each visitor taps a tile and then, in turn:
plays the kiosk cut to its ending and taps Done (with the QR code on screen), plays a few
steps and taps "Start over", or (every 10th) walks away and is reset by the idle timer.

Visitors play by mouse and the script waits with locators: Playwright element handles
(page.wait_for_selector, the keyboard helper's tab_to) keep their nodes alive in the page
and showed up here as a leak of the player that was not there.

Memory is read through the Chrome DevTools Protocol after forced garbage collections:
  page:   a heap snapshot summed, less DevTools' own records of the page's requests (the
          "page heap (own)"; Performance.getMetrics' JSHeapUsedSize is printed too but counts
          those records), and the DOM counters (Memory.getDOMCounters after the snapshot's
          full collection: documents, DOM nodes attached or not, event listeners; a node or
          listener a visit leaves behind adds up here)
  worker: Runtime.getHeapUsage (used + backing stores); Python's side through Pyodide,
          which web/worker.js names on the worker's global: the WebAssembly memory and
          the objects Python's collector tracks
  both:   the renderer processes' private resident memory (/proc/<pid>/smaps_rollup; pid
          from SystemInfo.getProcessInfo), which also holds the WebAssembly memory; PSS is
          printed beside it but shares Chromium's file pages with every Chromium on the
          machine and moves with them (Runtime.queryObjects on WebAssembly.Memory crashed
          the renderer, so that is not how the WebAssembly memory is read)
and printed at visitor 10, half-way and at the last (and every N with --every N), the
first and last side by side with the ratio; the target is within 5 % (issue 15) for the
page's own heap, the worker's heap, the renderer's private memory and the WebAssembly
memory; the run also fails if DOM nodes or event listeners grow more than 5 %. Also
printed: median seconds per visitor for the first and the last 50 (no slowdown), and
every console error, page error or non-local request (none).

    .venv/bin/python benchmarks/web_kiosk_soak.py [--visitors 500] [--every 10]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

IDLE, WARN = 4, 1                   # seconds: the idle reset of a visitor who walks away


class Worker:
    """CDP messages to the kiosk's Web Worker through the page's session (Target domain)."""

    def __init__(self, page, cdp):
        self.page, self.cdp = page, cdp
        self.replies: dict[int, dict] = {}
        self.sessions: list[tuple[str, str]] = []
        self.next_id = 0
        cdp.on("Target.attachedToTarget",
               lambda ev: self.sessions.append((ev["targetInfo"]["type"], ev["sessionId"])))
        cdp.on("Target.receivedMessageFromTarget", self._reply)
        cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})
        for _ in range(100):
            if self.session():
                break
            page.wait_for_timeout(50)
        if not self.session():
            raise SystemExit("the kiosk's worker did not show up in the DevTools protocol")

    def _reply(self, ev):
        msg = json.loads(ev["message"])
        if "id" in msg:
            self.replies[msg["id"]] = msg

    def session(self) -> str | None:
        return next((sid for kind, sid in self.sessions if kind == "worker"), None)

    def send(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        n = self.next_id
        self.cdp.send("Target.sendMessageToTarget", {"sessionId": self.session(), "message": json.dumps(
            {"id": n, "method": method, "params": params or {}})})
        for _ in range(600):
            if n in self.replies:
                reply = self.replies.pop(n)
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.page.wait_for_timeout(25)
        raise TimeoutError(method)



def renderer_memory(browser_cdp) -> dict:
    """Resident memory of Chromium's renderer processes: the page, its worker and the
    worker's WebAssembly memory all live there (Linux /proc). PSS shares the pages of
    Chromium's own files with every Chromium on the machine (other tests, other browsers),
    so it moves when they start and stop; the private part (pages no other process maps)
    is this page's own and is the one the target is on."""
    total = {"renderer_pss": 0, "renderer_private": 0}
    for proc in browser_cdp.send("SystemInfo.getProcessInfo")["processInfo"]:
        if proc["type"] != "renderer":
            continue
        try:
            text = Path(f"/proc/{proc['id']}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            field, _, rest = line.partition(":")
            if field == "Pss":
                total["renderer_pss"] += int(rest.split()[0]) * 1024
            elif field in ("Private_Clean", "Private_Dirty"):
                total["renderer_private"] += int(rest.split()[0]) * 1024
    return total


# Python's side, read in the worker (web/worker.js names Pyodide on its global for this):
# the WebAssembly memory (it never shrinks, so it shows the high-water mark of Python's
# heap) and the objects the collector tracks. (sys.getallocatedblocks() is 0 there: Pyodide's
# Python allocates with plain malloc.)
PYTHON_MEMORY = """(() => {
  const py = globalThis.pyodide;
  const facts = JSON.parse(py.runPython(
    "import gc, json; gc.collect(); json.dumps([len(gc.get_objects())])"));
  return JSON.stringify({wasm: py._module.HEAP8.length, objects: facts[0]});
})()"""


def python_memory(worker: Worker) -> dict:
    reply = worker.send("Runtime.evaluate", {"expression": PYTHON_MEMORY, "returnByValue": True})
    if "exceptionDetails" in reply:
        raise SystemExit(f"reading Python's memory in the worker failed: {reply['exceptionDetails']}")
    facts = json.loads(reply["result"]["value"])
    return {"wasm_memory": facts["wasm"], "python_objects": facts["objects"]}


# DevTools' own records in the page's heap: the protocol session Playwright opens keeps one
# entry per request the page makes (about 4 a visitor: the pictures of the visit) for as
# long as it is attached. A kiosk runs without DevTools, so the page's own heap leaves them out.
DEVTOOLS_RECORDS = ("blink::NetworkResourcesData", "blink::XHRReplayData")
# Entries the browser keeps for the Performance timeline: each kind in a buffer of fixed
# size (150 to 200), so they level off (shown, not left out).
TIMELINE_ENTRIES = ("Performance", "LayoutShift", "LargestContentfulPaint", "InteractionContentfulPaint",
                    "TaskAttributionTiming", "blink::ScriptTimingInfo")


class HeapSnapshot:
    """The page's heap by a DevTools heap snapshot (after a garbage collection), summed."""

    def __init__(self, cdp):
        self.cdp, self.chunks = cdp, []
        cdp.on("HeapProfiler.addHeapSnapshotChunk", lambda ev: self.chunks.append(ev["chunk"]))

    def take(self) -> dict:
        self.chunks.clear()
        self.cdp.send("HeapProfiler.takeHeapSnapshot", {"reportProgress": False})
        snap = json.loads("".join(self.chunks))
        self.chunks.clear()
        fields = snap["snapshot"]["meta"]["node_fields"]
        width, name_at, size_at = len(fields), fields.index("name"), fields.index("self_size")
        strings, nodes = snap["strings"], snap["nodes"]
        total = devtools = timeline = 0
        for i in range(0, len(nodes), width):
            size = nodes[i + size_at]
            total += size
            name = strings[nodes[i + name_at]]
            if name.startswith(DEVTOOLS_RECORDS):
                devtools += size
            elif name.startswith(TIMELINE_ENTRIES):
                timeline += size
        return {"page_heap_own": total - devtools, "page_devtools_records": devtools,
                "page_timeline_entries": timeline}


def measure(page, cdp, worker: Worker, browser_cdp, snapshot: HeapSnapshot) -> dict:
    python = python_memory(worker)              # (its gc.collect first: then the JS collectors)
    cdp.send("HeapProfiler.collectGarbage")
    worker.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    heap = worker.send("Runtime.getHeapUsage")
    page_heap = snapshot.take()
    dom = cdp.send("Memory.getDOMCounters")     # after the snapshot's own full collection
    return {
        **python,
        **page_heap,
        "page_js_heap": metrics["JSHeapUsedSize"],
        "page_documents": dom["documents"],
        "page_nodes": dom["nodes"],
        "page_listeners": dom["jsEventListeners"],
        "worker_js_heap": heap["usedSize"] + heap.get("backingStorageSize", 0),
        **renderer_memory(browser_cdp),
    }


def visitor(page, n: int, sims: list[str]) -> None:
    from webtools import Player

    sim = sims[n % len(sims)]
    page.click(f"#tiles button.tile[data-sim='{sim}']")
    # locator.wait_for, not page.wait_for_selector: the latter returns an element handle
    # that keeps its (later detached) node alive in the page, which this soak would count.
    page.locator("#main:not([hidden])[data-step='0']").wait_for()
    page.wait_for_function("() => document.body.dataset.busy !== 'true'").dispose()
    # by mouse: the keyboard helper (webtools.Player.tab_to) keeps element handles too
    player = Player(page, "mouse", seed=n)
    resets = int(page.get_attribute("body", "data-resets") or 0)
    if n % 10 == 0:                              # walks away after two steps
        for _ in range(2):
            if player.phase() != "ending":
                player.act_once()
        page.locator(f"body[data-screen='attract'][data-resets='{resets + 1}']").wait_for(
            state="attached", timeout=(IDLE + WARN + 20) * 1000)
    elif n % 2 == 0:                             # plays to the QR code, taps Done
        player.play_to_end()
        page.locator("#result-qr[data-ready='true'] svg").wait_for()
        page.click("#interaction button.kiosk-done")
    else:                                        # a few steps, then Start over
        for _ in range(3):
            if player.phase() != "ending":
                player.act_once()
        page.click("#start-over")
    page.locator("body[data-screen='attract']").wait_for(state="attached")
    if page.locator("#narration").inner_text() or page.locator("#result-qr").count():
        raise SystemExit(f"visitor {n}: something of the visit stayed on the page")


def second_network_session(context, page, mode: str) -> dict:
    """The control (issue 15): Playwright's own DevTools session on the page enables the
    Network domain with Chromium's default buffers, which keep the page's response bodies
    in the renderer. One more such session doubles that artefact ("buffering"); one with
    zero-size buffers ("unbuffered") tracks the same requests and keeps nothing. Whatever
    the renderer's private memory grows by between the two runs, per visitor, is what one
    DevTools session costs, not the kiosk. Returns the response bytes the session saw."""
    if mode == "none":
        return {}
    session = context.new_cdp_session(page)
    seen = {"bytes": 0, "responses": 0}

    def finished(ev):
        seen["bytes"] += ev.get("encodedDataLength", 0)
        seen["responses"] += 1
    session.on("Network.loadingFinished", finished)
    buffers = {} if mode == "buffering" else {"maxTotalBufferSize": 0, "maxResourceBufferSize": 0}
    session.send("Network.enable", buffers)
    return seen


def slope(marks: dict[int, dict], key: str) -> float:
    """Bytes a visitor by a least-squares line through every checkpoint: the renderer's
    private memory goes up and down by megabytes as Chromium frees and purges, so the
    first and last checkpoints alone are too noisy for a short run."""
    xs = sorted(marks)
    if len(xs) < 2:
        return 0.0
    mx = statistics.fmean(xs)
    my = statistics.fmean(marks[x][key] for x in xs)
    return (sum((x - mx) * (marks[x][key] - my) for x in xs)
            / sum((x - mx) ** 2 for x in xs))


def mb(x: float) -> str:
    return f"{x / 1e6:8.2f} MB"


def main(argv=None) -> int:
    from webtools import CHROMIUM_ARGS, Guard, built_site, missing_requirements, simulation_files, site_url

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--visitors", type=int, default=500)
    ap.add_argument("--every", type=int, default=0, help="also measure every N visitors (finding a leak)")
    ap.add_argument("--second-network-session", choices=("none", "buffering", "unbuffered"), default="none",
                    help="control: attach one more DevTools session that tracks the network, keeping "
                         "response bodies (Chromium's default buffers, as Playwright's session does) or not")
    ap.add_argument("--service-worker", choices=("allow", "block"), default="allow",
                    help="control: block the site's service worker (every picture of a visit goes "
                         "through it; its heap is in the renderer but not among the heaps read here)")
    args = ap.parse_args(argv)
    reason = missing_requirements()
    if reason:
        print("cannot run:", reason)
        return 2
    from playwright.sync_api import sync_playwright

    from engine import load_simulation

    sims = [load_simulation(p).id for p in simulation_files() if "examples" not in p.parts]
    t_build = time.perf_counter()
    built_site()
    url = site_url()
    print(f"site built and served in {time.perf_counter() - t_build:.0f} s; "
          f"{args.visitors} visitors over {len(sims)} simulations", flush=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(service_workers=args.service_worker)
        context.set_default_timeout(60_000)
        guard = Guard(context)
        page = context.new_page()
        page.goto(url + f"kiosk.html?idle={IDLE}&warn={WARN}")
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=180_000)
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cdp.send("HeapProfiler.enable")
        worker = Worker(page, cdp)
        browser_cdp = browser.new_browser_cdp_session()
        received = second_network_session(context, page, args.second_network_session)
        snapshot = HeapSnapshot(cdp)
        marks: dict[int, dict] = {}
        checkpoints = sorted(({10, args.visitors // 2, args.visitors}
                              | set(range(args.every or args.visitors, args.visitors, args.every or args.visitors))) - {0})
        secs: list[float] = []
        for n in range(1, args.visitors + 1):
            t0 = time.perf_counter()
            visitor(page, n, sims)
            secs.append(time.perf_counter() - t0)
            if n in checkpoints:
                marks[n] = measure(page, cdp, worker, browser_cdp, snapshot)
                print(f"  visitor {n}: " + ", ".join(f"{k} {v:,.0f}" for k, v in marks[n].items()), flush=True)
        resets = int(page.get_attribute("body", "data-resets") or 0)
        problems = list(guard.problems)
        browser.close()

    first, last = marks[checkpoints[0]], marks[checkpoints[-1]]
    print(f"\nweb kiosk soak: {args.visitors} visitors in one page, {resets} resets, "
          f"{sum(secs):.0f} s in all; second DevTools network session: {args.second_network_session}; "
          f"service worker: {args.service_worker}")
    print(f"growth per visitor (least-squares slope over the {len(marks)} checkpoints): renderer (own) "
          f"{slope(marks, 'renderer_private') / 1e3:.1f} KB, page heap (own) "
          f"{slope(marks, 'page_heap_own') / 1e3:.1f} KB, DOM nodes {slope(marks, 'page_nodes'):.2f}, "
          f"event listeners {slope(marks, 'page_listeners'):.3f}")
    if received:
        print(f"response bytes the second session saw: {received['bytes'] / args.visitors / 1e3:.1f} KB "
              f"a visitor ({received['responses'] / args.visitors:.1f} responses a visitor)")
    print(f"{'':18}{'visitor ' + str(checkpoints[0]):>14}{'visitor ' + str(checkpoints[-1]):>14}   ratio")
    for key, label in (("page_js_heap", "page JS heap"), ("page_heap_own", "page heap (own)"),
                       ("page_devtools_records", " DevTools' records"), ("page_timeline_entries", " timeline entries"),
                       ("worker_js_heap", "worker JS heap")):
        print(f"{label:18}{mb(first[key]):>14}{mb(last[key]):>14}   {last[key] / first[key]:.3f}")
    for key, label, note in (
            ("renderer_private", "renderer (own)", "the target; page + worker + WebAssembly memory"),
            ("renderer_pss", "renderer (PSS)", "moves with other Chromiums on the machine"),
            ("wasm_memory", "WebAssembly mem.", "Python's heap; it never shrinks")):
        print(f"{label:18}{mb(first[key]):>14}{mb(last[key]):>14}   {last[key] / first[key]:.3f}  ({note})")
    for key, label, note in (
            ("python_objects", "Python objects", ""),
            ("page_documents", "documents", "the page and each SVG picture it holds decoded"),
            ("page_nodes", "DOM nodes", "attached or not, after a full collection"),
            ("page_listeners", "event listeners", "")):
        print(f"{label:18}{first[key]:>14,.0f}{last[key]:>14,.0f}   {last[key] / max(first[key], 1):.3f}"
              + (f"  ({note})" if note else ""))
    k = min(50, len(secs) // 2) or 1
    a, b = statistics.median(secs[:k]), statistics.median(secs[-k:])
    print(f"median s/visitor   first {k}: {a:.2f}   last {k}: {b:.2f}   ratio {b / a:.2f}  (no slowdown: ~1)")
    print(f"errors: {len(problems)}")
    for p in problems[:20]:
        print("  ", p)
    grown = [key for key in ("page_heap_own", "worker_js_heap", "renderer_private", "wasm_memory",
                             "page_nodes", "page_listeners")
             if last[key] > first[key] * 1.05]
    print("grew more than 5 %:", ", ".join(grown) or "nothing")
    ok = not grown and not problems
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
