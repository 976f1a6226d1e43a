"""Released versions of simulations, kept so that old result codes verify for years.

A result code names its simulation's id and version and holds only the seed and the
actions; replaying it needs exactly that version's content. Each released version's
compiled form (engine/compile.py) is kept in `simulations/releases/<id>/<version>.json`
and never changes afterwards; content changes get a new version and a new file
(`testdrive release FILE`). tests/tools/test_results_releases.py fails when a simulation's file
differs from its released form without a new version.
"""
from __future__ import annotations

import json
from pathlib import Path

from .compile import COMPILED_FORMAT, load_compiled

#: Where the releases live beside the engine: in the repository, and inside the web
#: build's bundle (engine/ and simulations/releases/ side by side).
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "simulations" / "releases"
#: Random kiosk visitors whose estimated minutes give a release's kiosk_minutes.
KIOSK_PLAYERS = 40

_dir = DEFAULT_DIR
_cache: dict = {}


class ReleaseError(ValueError):
    """A release that cannot be written; the message says what to do."""


def use_releases(path) -> None:
    """Reads releases from another folder (the web build unpacks them elsewhere)."""
    global _dir
    _dir = Path(path)
    _cache.clear()


def releases_dir() -> Path:
    return _dir


def release_file(sim_id: str, version: str, root=None) -> Path:
    return Path(root or _dir) / sim_id / f"{version}.json"


def _safe_part(text: str) -> bool:
    # ids and versions come from codes a student typed: never let them name another path
    return bool(text) and len(text) <= 64 and all(c.isalnum() or c in "-_." for c in text) \
        and not text.startswith(".")


def load_release(sim_id: str, version: str):
    """The Simulation of a released version, or None when this build does not have it."""
    key = (str(_dir), sim_id, version)
    if key in _cache:
        return _cache[key]
    sim = None
    if _safe_part(sim_id) and _safe_part(version):
        path = release_file(sim_id, version)
        if path.is_file():
            sim = load_compiled(path.read_text(encoding="utf-8"))
    _cache[key] = sim
    return sim


def release_record(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def versions_of(sim_id: str) -> list[str]:
    if not _safe_part(sim_id):
        return []
    folder = _dir / sim_id
    if not folder.is_dir():
        return []
    return sorted((p.stem for p in folder.glob("*.json")), key=version_key)


def known_sims() -> list[str]:
    if not _dir.is_dir():
        return []
    return sorted(p.name for p in _dir.iterdir() if p.is_dir() and any(p.glob("*.json")))


def version_key(version: str):
    """1.10.0 sorts after 1.9.0; anything odd sorts by its text after the numbers."""
    parts = []
    for p in version.split("."):
        parts.append((0, int(p), "") if p.isdigit() else (1, 0, p))
    return parts


def releases() -> list[dict]:
    """Every released version this build can verify, with what a teacher's catalogue shows."""
    out = []
    for sim_id in known_sims():
        for version in versions_of(sim_id):
            rec = release_record(release_file(sim_id, version))
            data = rec.get("simulation") or {}
            about = rec.get("about") or {}
            out.append({
                "sim": sim_id,
                "version": version,
                "title": _english(data.get("title")),
                "field": data.get("field"),
                "career": data.get("career"),
                "minutes": data.get("minutes"),
                "kiosk_minutes": about.get("kiosk_minutes"),
                "grades": data.get("grades"),
                "languages": list(data.get("languages") or []),
            })
    return out


def _english(text) -> str:
    if isinstance(text, dict):
        return str(text.get("en") or next(iter(text.values()), ""))
    return "" if text is None else str(text)


# ---- making a release ------------------------------------------------------------------

def kiosk_minutes(sim) -> float | None:
    """Median estimated real minutes of the kiosk cut (engine/readability.py's reading model)."""
    if not sim.kiosk_start:
        return None
    import statistics  # build time only: the browser's slim standard library leaves it out

    from .explore import Explorer
    xp = Explorer(sim, sim.kiosk_start, "en")
    secs = [r["seconds"] for r in (xp.random_player(30_000 + i) for i in range(KIOSK_PLAYERS))
            if "seconds" in r]
    return round(statistics.median(secs) / 60 * 2) / 2 if secs else None


def compiled_form(sim, rel_path: str) -> dict:
    return {"compiled": COMPILED_FORMAT, "path": rel_path, "simulation": json.loads(sim.data)}


def same_content(sim, record: dict) -> bool:
    return record.get("simulation") == json.loads(sim.data)


def write_release(sim, rel_path: str, root=None) -> tuple[Path, bool]:
    """Writes `<root>/<id>/<version>.json`; (path, False) if it was already released as is.

    Raises ReleaseError when that version was released with other content: a release
    never changes, so the file needs a new version."""
    path = release_file(sim.id, sim.version, root)
    if path.is_file():
        if same_content(sim, release_record(path)):
            return path, False
        raise ReleaseError(f"version {sim.version} of {sim.id} was already released with other content; "
                           f"give the file a new version (e.g. {next_version(sim.version)}) and release again")
    record = compiled_form(sim, rel_path)
    record["about"] = {"kiosk_minutes": kiosk_minutes(sim)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _cache.clear()
    return path, True


def next_version(version: str) -> str:
    parts = version.split(".")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[0]}.{int(parts[1]) + 1}.0"
    return version + ".1"


def main(argv=None) -> int:
    """`testdrive release SIM.yaml ...`: record each file's current version."""
    import argparse
    import sys

    from .files import load_or_report
    ap = argparse.ArgumentParser(prog="testdrive release",
                                 description="record a simulation's current version so its result codes "
                                             "keep verifying after later changes")
    ap.add_argument("sims", nargs="+", help="simulation files")
    ap.add_argument("--to", default=None, help=f"the releases folder (default: {DEFAULT_DIR})")
    args = ap.parse_args(argv)
    root = Path(args.to) if args.to else DEFAULT_DIR
    status = 0
    for name in args.sims:
        sim = load_or_report(name)
        if sim is None:
            status = 1
            continue
        try:
            path, written = write_release(sim, _relative(Path(name)), root)
        except ReleaseError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            status = 1
            continue
        if written:
            print(f"{name}: released {sim.id} {sim.version} -> {path}")
        else:
            print(f"{name}: {sim.id} {sim.version} is already released with this content ({path})")
    return status


def _relative(path: Path) -> str:
    """The file's path from the repository root when it is inside it (the same on every checkout)."""
    try:
        return path.resolve().relative_to(DEFAULT_DIR.parent.parent).as_posix()
    except ValueError:
        return path.name
