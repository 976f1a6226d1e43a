"""`testdrive explore`: the command. The explorer itself is engine/explore.py; the actions
files `--scripts` writes come from engine/scripts.py (which uses the explorer)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .explore import (DEFAULT_DEPTH, DEFAULT_MAX_STATES, DEFAULT_PLAYERS, explore_all, failed,
                      format_report)
from .diagnostics import Reporter
from .files import load_or_report, simulation_files
from .yamlsafe import read_yaml
from .scripts import write_scripts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive explore",
                                 description="explore every path of a simulation: endings, dead ends, soft-locks")
    ap.add_argument("sims", nargs="+", metavar="SIM", help="simulation files or folders")
    ap.add_argument("--depth", type=int, default=DEFAULT_DEPTH, help="most actions the search follows")
    ap.add_argument("--max-states", type=int, default=DEFAULT_MAX_STATES,
                    help="most distinct states the search visits per seed")
    ap.add_argument("--players", type=int, default=DEFAULT_PLAYERS, help="random players")
    ap.add_argument("--seeds", type=int, default=None,
                    help="seeds the search tries when the simulation has chance events (default 3)")
    ap.add_argument("--lang", default="en", help="language for the reading-time estimate")
    ap.add_argument("--format", choices=["text", "json"], default="text")
    ap.add_argument("--scripts", metavar="DIR", help="write a replayable actions file per ending (docs/tools.md)")
    args = ap.parse_args(argv)
    status = 0
    reports = []
    files = simulation_files(args.sims)
    if not files:
        print("no simulation files found", file=sys.stderr)
        return 1
    for path in files:
        sim = load_or_report(path)
        if sim is None:
            status = 1
            continue
        report = explore_all(sim, args.depth, args.players, args.seeds, args.max_states, args.lang)
        place_problems(report, path)
        reports.append(report)
        if failed(report):
            status = 1
        if args.format == "text":
            print(format_report(report))
        if args.scripts:  # engine/scripts.py: one `play --actions` file per ending, kiosk cut too
            for start in (None, sim.kiosk_start) if sim.kiosk_start else (None,):
                for f in write_scripts(sim, args.scripts, start, args.depth, args.max_states, str(path)):
                    print(f"wrote {f}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(reports[0] if len(reports) == 1 else reports, indent=1, ensure_ascii=False))
    return status


def place_problems(report: dict, path) -> None:
    """Gives each problem the line and column of the scene, ending or clock it concerns, so
    the explorer reports like lint does (file:line:col)."""
    doc = read_yaml(Path(path).read_bytes(), str(path), Reporter(str(path)))
    if not isinstance(doc, dict):
        return
    scenes = doc.get("scenes") if isinstance(doc.get("scenes"), dict) else {}
    endings = doc.get("endings") if isinstance(doc.get("endings"), list) else []
    ending_at = {e.get("id"): (e.key_pos.get("id") or pos)
                 for e, pos in zip(endings, getattr(endings, "item_pos", [])) if isinstance(e, dict)}
    for part in [report] + ([report["kiosk"]] if "kiosk" in report else []):
        for p in part["problems"]:
            at = None
            if p.get("clock") and "clock" in doc:
                at = doc.key_pos["clock"]
            elif p.get("ending") in ending_at:
                at = ending_at[p["ending"]]
            elif p.get("scene") in scenes:
                at = scenes.key_pos[p["scene"]]
            if at:
                p["line"], p["col"] = at


if __name__ == "__main__":
    sys.exit(main())
