"""How fast hostile inputs are refused, side by side with loading a normal simulation.

Target (issue 2): each hostile input is refused with a clear error in under a second.
Prints, per input: the error, the median time of 5 runs, and the ratio to loading the
example simulation measured in the same run.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from engine import check_source  # noqa: E402
from engine.expressions import ExprError, parse  # noqa: E402
from tests.engine.test_hostile import BILLION_LAUGHS  # noqa: E402

EXAMPLE = (ROOT / "simulations" / "examples" / "every-feature.yaml").read_text(encoding="utf-8")


def timed(fn, runs=5):
    times = []
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def first_error(src):
    sim, diags, _ = check_source(src, "hostile.yaml")
    errs = [d for d in diags if d.severity == "error"]
    return errs[0].message if errs else "ACCEPTED"


def expr_error(src):
    try:
        parse(src)
    except ExprError as exc:
        return exc.message
    return "ACCEPTED"


CASES = [
    ("billion laughs (aliases)", lambda: first_error(BILLION_LAUGHS)),
    ("!!python/object tag", lambda: first_error("a: !!python/object/apply:os.system ['echo hi']\n")),
    ("10 MB string", lambda: first_error("a: " + "x" * 10_000_000)),
    ("YAML nested 5,000 deep", lambda: first_error("a: " + "[" * 5000 + "]" * 5000)),
    ("__import__('os')", lambda: expr_error("__import__('os').system('x')")),
    ("attribute access", lambda: expr_error("x.__class__.__bases__")),
    ("9**9**9", lambda: expr_error("9**9**9")),
    ("expression nested 10,000 deep", lambda: expr_error("(" * 10000 + "1" + ")" * 10000)),
    ("huge number literal", lambda: expr_error("9" * 5000)),
]


def main() -> int:
    base, _ = timed(lambda: first_error(EXAMPLE))
    print(f"baseline: loading every-feature.yaml takes {base * 1000:.1f} ms (median of 5)")
    print(f"{'input':32} {'ms':>8} {'× baseline':>11}  refused with")
    worst = 0.0
    for name, fn in CASES:
        t, msg = timed(fn)
        worst = max(worst, t)
        print(f"{name:32} {t * 1000:8.1f} {t / base:11.2f}  {msg[:60]}")
        if msg == "ACCEPTED":
            print("  !! this input was accepted")
            return 1
    print(f"slowest refusal: {worst * 1000:.1f} ms — target under 1000 ms: {'met' if worst < 1 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
