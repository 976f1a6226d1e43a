"""Result codes verified by replay: in headless Chromium (the teacher page, Pyodide in a
worker) beside CPython, in the same run, on the same codes.

A class of N codes (default 35) is made with the engine: random plays of the three
flagships to an ending, each with a name bound in. Then, R times (default 3), interleaved:

  browser: paste the class into teacher.html's sheet and wait for every row; reported are
           the engine's time in the worker (the verify call) and the time from the click
           to the rendered sheet (what the teacher waits for)
  cpython: engine.results.verify_many on the same (name, code) pairs

Printed: medians, codes per second for each, and the ratio browser / CPython.
Target (issue 9): a class of 35 in under 5 s in the browser here.

    .venv/bin/python benchmarks/verify.py [--codes 35] [--runs 3] [--site dist/web]
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync"]
FLAGSHIPS = ["er-nurse-shift", "footbridge-design", "cnc-first-run"]


def make_class(n: int) -> list[tuple[str, str]]:
    from engine import Session, load_simulation

    sims = {}
    for path in sorted((ROOT / "simulations").rglob("*.yaml")):
        sim = load_simulation(path)
        sims[sim.id] = sim
    ids = [s for s in FLAGSHIPS if s in sims] or sorted(sims)
    pairs = []
    for i in range(n):
        rng = random.Random(1000 + i)
        session = Session(sims[ids[i % len(ids)]], seed=1000 + i)
        while session.view()["phase"] != "ending":
            v = session.view()
            sys.path.insert(0, str(ROOT / "tests"))
            from webtools import next_actions
            session.act(rng.choice(next_actions(v)))
        pairs.append((f"Student {i + 1:02d}", session.result_code(name=f"S{i + 1}", played_seconds=900)))
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codes", type=int, default=35)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--site", help="a built dist/web (default: build one into a temporary folder)")
    args = ap.parse_args()

    from engine.results import verify_many
    from engine.web.serve import serve_in_thread
    from playwright.sync_api import sync_playwright

    pairs = make_class(args.codes)
    tmp = None
    if args.site:
        site = Path(args.site)
    else:
        from engine.web.build import build

        tmp = Path(tempfile.mkdtemp(prefix="ctd-verify-bench-"))
        site = tmp / "web"
        build(site, ROOT / "simulations", log=lambda *a: None)
    server, url = serve_in_thread(site)
    text = "\n".join(f"{name},{code}" for name, code in pairs)
    browser_engine, browser_total, cpython = [], [], []
    try:
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            ctx = b.new_context()
            page = ctx.new_page()
            page.goto(url + "teacher.html")
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
            for _ in range(args.runs):
                t0 = time.perf_counter()
                rows = verify_many(pairs)
                cpython.append(time.perf_counter() - t0)
                assert all(r["verified"] for r in rows), [r["reason"] for r in rows if not r["verified"]]

                page.evaluate("() => localStorage.removeItem('ctd.teacher.class')")
                page.reload()
                page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
                page.fill("#paste-input", text)
                t0 = time.perf_counter()
                page.click("#paste-form button[type=submit]")
                page.wait_for_function("n => document.querySelectorAll('#rows tbody tr[data-verified=true]').length === n"
                                       " && document.body.dataset.checking !== 'true'", arg=len(pairs), timeout=120_000)
                browser_total.append(time.perf_counter() - t0)
                browser_engine.append(int(page.get_attribute("body", "data-verify-ms")) / 1000)
            b.close()
    finally:
        server.shutdown()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    n = len(pairs)
    med = statistics.median
    print(f"A class of {n} result codes (medians of {args.runs} runs, same codes, same run):")
    print(f"  CPython {sys.version.split()[0]} verify_many:      {med(cpython):6.2f} s   {n / med(cpython):7.1f} codes/s")
    print(f"  Chromium, engine in the worker:   {med(browser_engine):6.2f} s   {n / med(browser_engine):7.1f} codes/s")
    print(f"  Chromium, click to rendered sheet:{med(browser_total):6.2f} s   {n / med(browser_total):7.1f} codes/s")
    print(f"  ratio browser engine / CPython:   {med(browser_engine) / med(cpython):6.2f}x")
    verdict = "meets" if med(browser_total) < 5 else "MISSES"
    print(f"  target: a class of 35 under 5 s in the browser: {verdict} ({med(browser_total):.2f} s for {n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
