"""`testdrive explore --scripts DIR`: one replayable actions file per ending.

Each file is what `testdrive play SIM --seed N --actions FILE` reads: one JSON action
per line (choices and items named by id, never by position, so a script survives a
re-shuffle or a new choice added above), `#` lines are comments. docs/tools.md has the
format. Every script is replayed before it is written, so a file on disk always works.
"""
from __future__ import annotations

import json
from pathlib import Path

from .errors import ActionError
from .explore import DEFAULT_DEPTH, DEFAULT_MAX_STATES, Explorer


def _seed_of(info: dict, key) -> int:
    """The seed a search state descends from (its root is labelled 'seed N')."""
    while info[key][1] is not None:
        key = info[key][1]
    return int(info[key][2].split()[-1])


def replay(xp: Explorer, seed: int, labels: list):
    """Plays the explorer's action labels from a fresh session: (steps, final view) or None.

    `steps` is a list of (scene, phase, action) with concrete actions."""
    session = xp.new_session(seed)
    steps = []
    for label in labels:
        view = session.view()
        action = dict(xp.actions(view)).get(label)
        if action is None:
            return None
        try:
            session.act(action)
        except ActionError:
            return None
        steps.append((view["scene"], view["phase"], action))
    return steps, session.view()


def ending_scripts(sim, start=None, depth=DEFAULT_DEPTH, max_states=DEFAULT_MAX_STATES) -> dict:
    """{ending id: (seed, steps)} for every ending the explorer can reach, shortest first."""
    xp = Explorer(sim, start)
    seeds = range(3 if xp.reads.random else 1)
    found = xp.search(seeds, depth, max_states)
    paths: dict = {}
    for key, rec in found["endings"].items():  # breadth first: the first one is shortest
        if rec["ending"] not in paths:
            paths[rec["ending"]] = [(_seed_of(found["info"], key), Explorer.path(found["info"], key))]
    for ending in sim.endings:
        if ending.id not in paths:
            _rec, labels = xp.target(ending.id, seeds, max_depth=depth)
            if labels is not None:
                paths[ending.id] = [(seed, labels) for seed in seeds]  # the beam does not say which seed
    out = {}
    for eid, tries in paths.items():
        for seed, labels in tries:
            played = replay(xp, seed, labels)
            if played and played[1]["phase"] == "ending" and played[1]["ending"]["id"] == eid:
                out[eid] = (seed, played[0])
                break
    return out


def script_text(sim_path: str, file_name: str, ending, seed: int, steps: list, kiosk: bool) -> str:
    cut = " --kiosk-cut" if kiosk else ""
    stars = f"{ending.rating} star{'' if ending.rating == 1 else 's'}"
    lines = [f"# Plays to the ending '{ending.id}' ({stars}) of {sim_path}.",
             f"# testdrive play {sim_path} --seed {seed}{cut} --actions {file_name}",
             "# One action per line, as JSON; lines starting with # are comments."]
    last_scene = None
    for scene, _phase, action in steps:
        if scene != last_scene:
            lines.append(f"# scene {scene}")
            last_scene = scene
        lines.append(json.dumps(action, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def write_scripts(sim, folder, start=None, depth=DEFAULT_DEPTH, max_states=DEFAULT_MAX_STATES,
                  sim_path: str | None = None) -> list[Path]:
    """Writes FOLDER/<sim id>--<ending id>.txt for each reachable ending; returns the files.

    With `start` (the kiosk cut's first scene) the names end in --kiosk--<ending id>."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sim_path = sim_path or sim.path or f"{sim.id}.yaml"
    scripts = ending_scripts(sim, start, depth, max_states)
    written = []
    for ending in sim.endings:
        if ending.id not in scripts:
            continue
        seed, steps = scripts[ending.id]
        target = folder / f"{sim.id}{'--kiosk' if start else ''}--{ending.id}.txt"
        target.write_text(script_text(sim_path, target.as_posix(), ending, seed, steps, bool(start)),
                          encoding="utf-8")
        written.append(target)
    return written
