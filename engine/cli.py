"""The `testdrive` command: lint, play, explore, map, schema, stats, build, serve, kiosk."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from .files import load_or_report, simulation_files  # noqa: F401  (tests import them from here)
from .loader import check_file

# Sub-commands that live in their own modules, each with main(argv) -> int.
DELEGATED = {
    "explore": ("engine.explore_command", "explore the state space of a simulation"),
    "map": ("engine.mapgraph", "the scene graph as Graphviz DOT or Mermaid"),
    "schema": ("engine.schema_command", "JSON Schema of the simulation format (--view: of the view)"),
    "stats": ("engine.stats", "word count, minutes and reading level per language"),
    "serve": ("engine.web.serve", "serve the built web player on 127.0.0.1"),
    "kiosk": ("engine.desktop.kiosk", "career-fair kiosk mode (fullscreen)"),
    "desktop": ("engine.desktop.app", "desktop launcher for every simulation"),
    "new": ("engine.scaffold", "write a commented starter simulation: new FIELD/NAME"),
    "preview": ("engine.preview", "the browser player for one file, updated each time you save it"),
    "list": ("engine.lists", "the careers, skills, art, sounds and activity kinds you can use"),
    "release": ("engine.releases", "record a simulation's version so its result codes keep verifying"),
    "verify": ("engine.verify", "check students' result codes by replaying them (CSV out)"),
}
BUILD_TARGETS = {"web": "engine.web.build", "pygbag": "engine.desktop.pygbag_build",
                 "scorm": "engine.web.scorm"}


def cmd_lint(argv) -> int:
    ap = argparse.ArgumentParser(prog="testdrive lint", description="check simulation files "
                                 "and the catalogue they use (content/careers, skills, ui)")
    ap.add_argument("paths", nargs="*", default=["simulations"])
    ap.add_argument("--format", choices=["text", "json"], default="text")
    ap.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = ap.parse_args(argv)
    from .catalogue import catalogue_files, check_catalogue
    catalogue = {Path(p).resolve() for p in catalogue_files()}
    files = simulation_files(args.paths)
    named_catalogue = any(f.resolve() in catalogue for f in files)  # e.g. `lint content/`
    files = [f for f in files if f.resolve() not in catalogue]
    checked = [str(f) for f in files]
    found = []  # (diagnostic, the text of its file)
    for f in files:
        # browser_check: the players in the browser read YAML without libyaml
        _sim, diags, text = check_file(f, browser_check=True)
        found.extend((d, text) for d in diags)
    # simulations name careers and skills: lint the catalogue they rely on too
    if files or named_catalogue:
        sources = {}
        for d in check_catalogue(browser_check=True):
            if d.path not in sources:
                sources[d.path] = _text_of(d.path)
            found.append((d, sources[d.path]))
        checked += catalogue_files()
    errors = sum(1 for d, _text in found if d.severity == "error")
    warnings = len(found) - errors
    if args.format == "json":
        print(json.dumps({"files": checked, "errors": errors, "warnings": warnings,
                          "diagnostics": [d.as_dict() for d, _text in found]}, indent=1, ensure_ascii=False))
    else:
        for d, text in found:
            print(d.format(text))
        print(f"{len(checked)} file(s) checked: {errors} error(s), {warnings} warning(s)",
              file=sys.stderr)
    if not files and not named_catalogue:
        print("no simulation files found", file=sys.stderr)
        return 1
    return 1 if errors or (args.strict and warnings) else 0


def _text_of(path: str) -> str | None:
    """A file's text, to show the line a diagnostic points at (None if unreadable)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None


def cmd_play(argv) -> int:
    ap = argparse.ArgumentParser(prog="testdrive play", description="play a simulation")
    ap.add_argument("sim", nargs="?", help="a simulation file")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--actions", help="a file of input lines to play from, or - for stdin")
    ap.add_argument("--kiosk-cut", action="store_true", help="start at the simulation's kiosk cut")
    ap.add_argument("--desktop", action="store_true", help="open the pygame-ce window")
    ap.add_argument("--resume", help="a resume code")
    args, rest = ap.parse_known_args(argv)
    if args.desktop:
        return _delegate("engine.desktop.app", [a for a in argv if a != "--desktop"])
    if rest:
        ap.error(f"unknown arguments: {' '.join(rest)}")
    if not args.sim:
        ap.error("name a simulation file, e.g. simulations/examples/every-feature.yaml")
    sim = load_or_report(args.sim)
    if sim is None:
        return 1
    from .saves import SaveError
    from .session import Session
    from .textplayer import run_terminal
    if args.resume:
        try:
            session = Session.from_resume_code(sim, args.resume)
        except SaveError as exc:
            print(f"That code could not be used: {exc}. Starting fresh.", file=sys.stderr)
            session = None
    else:
        session = None
    if session is None:
        import random
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
        start = sim.kiosk_start if args.kiosk_cut else None
        session = Session(sim, seed=seed, lang=args.lang, start=start)
    return run_terminal(session, args.actions)


def cmd_build(argv) -> int:
    ap = argparse.ArgumentParser(prog="testdrive build", description="build a front end")
    ap.add_argument("target", choices=sorted(BUILD_TARGETS))
    args, rest = ap.parse_known_args(argv)
    return _delegate(BUILD_TARGETS[args.target], rest)


def _delegate(module: str, argv) -> int:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        print(f"this part is not installed: {exc.name}", file=sys.stderr)
        if exc.name and exc.name.startswith("pygame"):
            print("install the desktop extra: pip install -e '.[desktop]'", file=sys.stderr)
        return 2
    return int(mod.main(list(argv)) or 0)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"lint": cmd_lint, "play": cmd_play, "build": cmd_build}
    names = sorted(list(commands) + list(DELEGATED))
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: testdrive COMMAND [...]\n\ncommands:")
        print("  lint      check simulation files and content/ (every problem, file:line:col)")
        print("  play      play a simulation in the terminal (--desktop for the window)")
        print("  build     build the web player (web), the pygbag canvas build (pygbag) or LMS packages (scorm)")
        for name, (_m, desc) in sorted(DELEGATED.items()):
            print(f"  {name:<9} {desc}")
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name in commands:
        return commands[name](rest)
    if name == "schema" and "--view" in rest:  # the view contract, not the simulation format
        return _delegate("engine.viewschema", [a for a in rest if a != "--view"])
    if name in DELEGATED:
        return _delegate(DELEGATED[name][0], rest)
    from .diagnostics import did_you_mean
    print(f"unknown command '{name}'. {did_you_mean(name, names)}".strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
