"""A live model's latency in the browser player: input event -> updated readout and drawing.

Headless Chromium plays the built site's every-feature example up to its spindle-speed
model and "drags" the surface-speed slider with the arrow keys (one input event every
`--gap` ms, back and forth). In the page, a capture listener stamps each input event and a
MutationObserver stamps each change of the readout and of the drawing; an input's latency
is the time until the first animation frame after both have changed (the Pyodide worker
computes the outputs; the page only shows them). Side by side it measures the floor: from
the same input events to the next animation frame, with nothing computed.

Targets (issue 11): median <= 16 ms and 95th percentile <= 33 ms while dragging.

    .venv/bin/python benchmarks/model_latency.py [--events 120] [--gap 30]
    .venv/bin/python benchmarks/model_latency.py --sim footbridge-design --scene choose-structure --output sag
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MEDIAN_MS, P95_MS = 16.0, 33.0

STAMPS = """(output) => {
  window.__inputs = []; window.__readout = []; window.__drawing = []; window.__frames = [];
  const form = document.querySelector("form.activity[data-kind='model']");
  window.__floor = [];
  form.addEventListener("input", () => {
    const t = performance.now();
    window.__inputs.push(t);
    requestAnimationFrame(() => window.__floor.push(performance.now() - t));
  }, true);
  const watch = (node, list) => new MutationObserver(() => {
    const t = performance.now();
    list.push(t);
    requestAnimationFrame((f) => window.__frames.push([t, performance.now()]));
  }).observe(node, { childList: true, characterData: true, subtree: true, attributes: true });
  watch(document.querySelector(`dd[data-output='${output}']`), window.__readout);
  watch(document.querySelector(".model-scene"), window.__drawing);
}"""

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def latencies(inputs, readout, drawing, frames) -> list:
    """For each input event: ms until the frame after both the readout and the drawing changed."""
    out = []
    for t in inputs:
        r = next((x for x in readout if x >= t), None)
        d = next((x for x in drawing if x >= t), None)
        if r is None or d is None:
            continue
        done = max(r, d)
        frame = next((f for m, f in frames if m >= done), done)
        out.append(frame - t)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=120, help="input events while dragging")
    ap.add_argument("--gap", type=int, default=30, help="ms between input events")
    ap.add_argument("--sim", help="another simulation's model (with --scene and --output)")
    ap.add_argument("--scene", help="the scene of that model")
    ap.add_argument("--output", default="rpm", help="the output whose readout is timed")
    args = ap.parse_args(argv)

    from webtools import Player, new_context, require_browser, resume_code_at, states_for_checks
    require_browser()
    if args.sim:
        sim_id, code = args.sim, resume_code_at(args.sim, args.scene)
    else:
        sim_id, code, _view = states_for_checks()["model"]
    context, _guard = new_context()
    page = context.new_page()
    Player(page).open(sim_id).enter_code(code)
    page.wait_for_selector("form.activity[data-kind='model']")
    page.evaluate(STAMPS, args.output)
    slider = page.locator("form.activity input[type=range]").first
    slider.focus()
    for n in range(args.events):
        page.keyboard.press("ArrowRight" if (n // 15) % 2 == 0 else "ArrowLeft")
        page.wait_for_timeout(args.gap)
    page.wait_for_timeout(300)
    data = page.evaluate("() => [window.__inputs, window.__readout, window.__drawing, window.__frames]")
    model = latencies(*data)
    floor = page.evaluate("() => window.__floor")
    context.close()

    print(f"live model in the browser player ({sim_id}), {len(model)} of {args.events} input events measured, "
          f"one every {args.gap} ms")
    print(f"{'':28}{'median ms':>10}{'p95 ms':>10}")
    print(f"{'input -> readout + drawing':28}{statistics.median(model):10.1f}{pct(model, 95):10.1f}")
    print(f"{'floor: input -> next frame':28}{statistics.median(floor):10.1f}{pct(floor, 95):10.1f}")
    print(f"ratio (model / floor), median: {statistics.median(model) / max(statistics.median(floor), 1e-6):.1f}")
    ok = statistics.median(model) <= MEDIAN_MS and pct(model, 95) <= P95_MS
    print(f"target median <= {MEDIAN_MS:g} ms and p95 <= {P95_MS:g} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
