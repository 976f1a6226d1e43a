"""A SCORM package against the plain web build, side by side, in one run.

Builds the plain web build (`testdrive build web`) and one simulation's SCORM 1.2 package
(`testdrive build scorm`), then prints:

  size: the zip, the package's files unpacked, and the plain build's files (every
        simulation; no .gz twins) — and the bytes a first visit downloads from each;
  time to the first clickable choice or Continue (median of N cold runs, interleaved): the plain
        build's sims/<id>.html opened directly, and the package's index.html inside the
        stand-in LMS of tests/web/test_scorm_lms.py (scorm-again on the top page, the
        package in an iframe), both from one plain static server (no compression), so
        the only difference is the package itself and the LMS frame around it.

    .venv/bin/python benchmarks/scorm_package.py [--runs 3] [--sim cnc-first-run]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sim", default="cnc-first-run")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from tests.web import test_scorm_lms as lmsside
    from engine.web.build import build
    from engine.web.scorm import build_packages, resolve
    from webtools import CHROMIUM, CHROMIUM_ARGS

    root = Path(tempfile.mkdtemp(prefix="ctd-bench-scorm-"))
    try:
        build(root / "web", ROOT / "simulations", log=lambda *a: None)
        made = build_packages(root / "zips", resolve([args.sim], ROOT / "simulations"), "1.2", log=lambda *a: None)
        zip_path = Path(made[0]["path"])
        zipfile.ZipFile(zip_path).extractall(root / "pkg12")
        shutil.copy(lmsside.SCORM_AGAIN / "scorm12.min.js", root / "scorm12.min.js")
        (root / "lms.js").write_text(lmsside.LMS_JS)
        (root / "lms12.html").write_text(lmsside.LMS_HTML % {"lib": "scorm12.min.js"})

        sent = {"n": 0}

        class Counting(lmsside.Handler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=str(root), **k)

            def copyfile(self, source, outputfile):
                data = source.read()
                sent["n"] += len(data)
                outputfile.write(data)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"

        def files_size(folder: Path) -> int:
            return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".gz"))

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        timings = {"web": [], "scorm": []}
        transfer = {"web": [], "scorm": []}
        choice = "#interaction button:not([disabled])"  # a choice, or Continue when the story starts with narration
        try:
            for _ in range(args.runs):
                for kind in ("web", "scorm"):
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    sent["n"] = 0
                    t0 = time.perf_counter()
                    if kind == "web":
                        page.goto(base + f"web/sims/{args.sim}.html")
                        page.wait_for_selector("body[data-ready='true'] " + choice, timeout=180_000)
                    else:
                        page.goto(base + "lms12.html?v=1.2&pkg=pkg12#%7B%7D")
                        page.frame_locator("iframe").locator("body[data-ready='true'] " + choice).first.wait_for(
                            timeout=180_000)
                    timings[kind].append(time.perf_counter() - t0)
                    transfer[kind].append(sent["n"])
                    ctx.close()
        finally:
            browser.close()
            pw.stop()
            server.shutdown()

        web_t, pkg_t = statistics.median(timings["web"]), statistics.median(timings["scorm"])
        web_b, pkg_b = statistics.median(transfer["web"]), statistics.median(transfer["scorm"])
        print(f"simulation {args.sim}, {args.runs} cold runs each, interleaved, one plain static server")
        print(f"{'':38}{'plain web build':>18}{'SCORM 1.2 package':>20}{'ratio':>8}")
        print(f"{'files on disk (MB)':38}{files_size(root / 'web') / 1e6:>18.1f}{files_size(root / 'pkg12') / 1e6:>20.1f}"
              f"{files_size(root / 'pkg12') / files_size(root / 'web'):>8.2f}")
        print(f"{'zip to upload (MB)':38}{'-':>18}{zip_path.stat().st_size / 1e6:>20.1f}")
        print(f"{'first visit downloads (MB)':38}{web_b / 1e6:>18.1f}{pkg_b / 1e6:>20.1f}{pkg_b / web_b:>8.2f}")
        print(f"{'first clickable control (s, median)':38}{web_t:>18.2f}{pkg_t:>20.2f}{pkg_t / web_t:>8.2f}")
        print("(the package's time includes the stand-in LMS page and scorm-again around it)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
