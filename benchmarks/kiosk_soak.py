"""Kiosk soak: hundreds of automated visitors back to back, headless, on a fake clock.

Each visitor taps a simulation on the attract screen (the kiosk cut), plays it through
real pygame events to the QR code, then either taps Done or walks away (the idle
prompt times out and the kiosk resets). Memory is measured at visitor 10 and at the
last one, side by side; it must not grow.

    .venv/bin/python benchmarks/kiosk_soak.py [--sessions 500]
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.desktop.app import load_entries  # noqa: E402
from engine.desktop.autoplay import Driver  # noqa: E402
from engine.desktop.kiosk import AttractScreen, KioskApp, KioskConfig  # noqa: E402
from engine.desktop.resources import simulation_files  # noqa: E402


class FakeClock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return float("nan")


def measure():
    gc.collect()
    cur, _ = tracemalloc.get_traced_memory()
    return {"py_mb": cur / 2**20, "rss_mb": rss_mb(), "objects": len(gc.get_objects())}


def visitor(app, clock, n):
    rot = app.rotation_entries()
    entry = rot[n % len(rot)]
    modes = ("touch", "mouse", "keys")
    d = Driver(app, modes[n % 3], seed=n)
    d.press(f"sim:{entry.id}")
    if not d.play_to_results():
        raise SystemExit(f"visitor {n} never reached the results on {entry.id}")
    if n % 2:
        d.press("done")
    else:                                    # walks away: idle prompt, then the reset
        clock.t += app.config.idle_seconds + 1
        app.frame()
        clock.t += app.config.warn_seconds + 1
        app.frame()
    if not isinstance(app.screen, AttractScreen) or app.story is not None:
        raise SystemExit(f"visitor {n}: the kiosk did not go back to the attract screen")
    clock.t += 5
    app.frame()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=500)
    args = p.parse_args(argv)
    entries = load_entries(simulation_files())
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as tmp:
        app = KioskApp(entries=entries, clock=clock, config=KioskConfig(data_dir=Path(tmp), pin="3917"))
        app.home()
        tracemalloc.start()
        marks = {}
        checkpoints = sorted({10, args.sessions // 4, args.sessions // 2, args.sessions} - {0})
        t0 = time.perf_counter()
        for n in range(1, args.sessions + 1):
            visitor(app, clock, n)
            if n in checkpoints:
                marks[n] = measure()
                marks[n]["text_cache"] = len(app.text.surfaces)
                marks[n]["image_cache"] = len(app.images.cache)
        secs = time.perf_counter() - t0
        tracemalloc.stop()
        plays = sum(v["finished"] for v in app.stats.plays.values())
    a, b = marks[10], marks[args.sessions]
    half = marks[checkpoints[-2]] if len(checkpoints) > 2 else a
    print(f"kiosk soak: {args.sessions} visitors over {len(entries)} simulation(s), "
          f"{plays} finished, {app.resets} resets, {secs:.1f} s ({secs / args.sessions * 1000:.0f} ms/visitor)")
    print(f"{'':16}" + "".join(f"{'at ' + str(n):>12}" for n in checkpoints)
          + f"{'last/10':>9}{'last/half':>10}")
    ok = True
    for key, label in (("py_mb", "Python heap MB"), ("rss_mb", "process RSS MB"), ("objects", "live objects"),
                       ("text_cache", "text surfaces"), ("image_cache", "images cached")):
        fmt = "{:>12.2f}" if key.endswith("_mb") else "{:>12.0f}"
        ratio = b[key] / a[key] if a[key] else float("nan")
        later = b[key] / half[key] if half[key] else float("nan")
        print(f"{label:16}" + "".join(fmt.format(marks[n][key]) for n in checkpoints)
              + f"{ratio:>9.3f}{later:>10.3f}")
        if key in ("py_mb", "objects") and ratio > 1.05:
            ok = False                     # Python memory must stay flat from visitor 10 on
        if key == "rss_mb" and later > 1.05:
            ok = False                     # the process may warm up its bounded caches, then stays
    print("memory does not grow: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
