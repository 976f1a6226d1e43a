"""A class loading the site at once: 35 students, `testdrive serve` vs a plain static server.

Two parts, each against both servers on loopback (same built site):

1. HTTP burst: every student fetches the files a cold page load needs (the list is taken
   from one real Chromium load), six connections per student like a browser, all students
   at the same moment. Prints per-student seconds to the last byte (median, 95th
   percentile, max) and failed or hung requests.
2. Browsers: one fresh Chromium context per student (empty cache, like 35 Chromebooks),
   all opening the simulation's page at once; each must reach its first clickable choice
   (the player's "ctd-interactive" mark). Prints how many got there and the times.

The plain server is Python's `http.server` (ThreadingHTTPServer + SimpleHTTPRequestHandler,
as `python -m http.server` runs it): no gzip, no cache headers, socketserver's listen
backlog of 5. Everything runs on this machine: with 2 shared cores, part 2 mostly
measures 35 Pyodide start-ups competing for the CPU, not the network.

    .venv/bin/python benchmarks/classroom_load.py [--students 35] [--sim every-feature] [--skip-browsers]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import functools
import http.client
import statistics
import sys
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PER_STUDENT_CONNECTIONS = 6          # what browsers open per host over HTTP/1.1
REQUEST_TIMEOUT = 120


class PlainHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json",
                      ".webmanifest": "application/manifest+json"}

    def log_message(self, *args):
        pass


def plain_server(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PlainHandler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def cold_load_paths(browser, url: str, page_path: str) -> list[str]:
    """The same-site paths one cold load of the page requests until the first choice."""
    context = browser.new_context(service_workers="block")
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    page.goto(url + page_path)
    page.wait_for_function("() => performance.getEntriesByName('ctd-interactive').length > 0", timeout=300_000)
    context.close()
    paths = []
    for u in seen:
        parts = urllib.parse.urlsplit(u)
        if u.startswith(url) and parts.path not in paths:
            paths.append(parts.path)
    return paths


def fetch(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip, deflate, br"})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise OSError(f"HTTP {resp.status}")
        return len(body)
    finally:
        conn.close()


def student_download(port: int, paths: list[str], start: threading.Event) -> tuple[float, int, list[str]]:
    start.wait()
    t0 = time.perf_counter()
    errors, total = [], 0
    with cf.ThreadPoolExecutor(PER_STUDENT_CONNECTIONS) as pool:
        for path, fut in [(p, pool.submit(fetch, port, p)) for p in paths]:
            try:
                total += fut.result()
            except Exception as exc:  # a timeout or a reset is what we count
                errors.append(f"{path}: {exc}")
    return time.perf_counter() - t0, total, errors


def http_burst(port: int, paths: list[str], students: int) -> dict:
    start = threading.Event()
    with cf.ThreadPoolExecutor(students) as pool:
        futs = [pool.submit(student_download, port, paths, start) for _ in range(students)]
        time.sleep(0.2)
        start.set()
        results = [f.result() for f in futs]
    times = sorted(r[0] for r in results)
    return {"times": times, "bytes": sum(r[1] for r in results),
            "errors": [e for r in results for e in r[2]]}


def browsers_at_once(browser, url: str, page_path: str, students: int) -> dict:
    contexts = [browser.new_context(service_workers="block") for _ in range(students)]
    pages = [c.new_page() for c in contexts]
    t0 = time.perf_counter()
    for p in pages:                      # the whole class clicks the link within a moment
        p.evaluate("u => { location.href = u }", url + page_path)
    times, failed = [], []
    for i, p in enumerate(pages):
        try:
            p.wait_for_function("() => performance.getEntriesByName('ctd-interactive').length > 0",
                                timeout=600_000, polling=250)
            p.wait_for_selector("#interaction button:not([disabled])", state="visible", timeout=60_000)
            times.append(time.perf_counter() - t0)
        except Exception as exc:
            failed.append(f"student {i + 1}: {str(exc).splitlines()[0]}")
    for c in contexts:
        c.close()
    return {"times": sorted(times), "failed": failed}


def summary(times: list[float]) -> str:
    if not times:
        return "none"
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return f"median {statistics.median(times):6.2f} s   p95 {p95:6.2f} s   max {times[-1]:6.2f} s"


def main(argv=None) -> int:
    from webtools import CHROMIUM_ARGS, built_site, missing_requirements

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=35)
    ap.add_argument("--sim", default="every-feature")
    ap.add_argument("--skip-browsers", action="store_true", help="only the HTTP burst")
    args = ap.parse_args(argv)
    reason = missing_requirements()
    if reason:
        print("cannot run:", reason)
        return 2
    from playwright.sync_api import sync_playwright

    from engine.web.serve import serve_in_thread

    site = built_site()
    ours, ours_url = serve_in_thread(site)
    plain, plain_url = plain_server(site)
    servers = [("testdrive serve", ours_url), ("plain http.server", plain_url)]
    page_path = f"sims/{args.sim}.html"
    ok = True
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        paths = cold_load_paths(browser, ours_url, page_path)
        print(f"{args.students} students; a cold load of {page_path} requests {len(paths)} files\n")
        print("1. HTTP burst (per student: all files, 6 connections), seconds to the last byte")
        for name, url in servers:
            port = urllib.parse.urlsplit(url).port
            r = http_burst(port, paths, args.students)
            print(f"   {name:18} {summary(r['times'])}   {r['bytes'] / 1e6 / args.students:5.2f} MB/student"
                  f"   failed requests: {len(r['errors'])}")
            for e in r["errors"][:5]:
                print("      ", e)
            ok &= not r["errors"] or name != "testdrive serve"
        if not args.skip_browsers:
            print("\n2. Browsers: fresh context each, all at once, seconds to the first clickable choice")
            for name, url in servers:
                r = browsers_at_once(browser, url, page_path, args.students)
                print(f"   {name:18} reached {len(r['times'])}/{args.students}   {summary(r['times'])}")
                for f in r["failed"][:5]:
                    print("      ", f)
                ok &= not r["failed"] or name != "testdrive serve"
        browser.close()
    ours.shutdown()
    plain.shutdown()
    print("\nPASS" if ok else "\nFAIL (testdrive serve dropped a request or a student)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
