"""Finding simulation files and loading one for a command, shared by the CLI and the tools."""
from __future__ import annotations

import sys
from pathlib import Path

from .loader import check_file


def simulation_files(paths) -> list[Path]:
    """Every .yaml/.yml file named, or found below a named folder."""
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(q for q in path.rglob("*") if q.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def load_or_report(path):
    """Loads a simulation for a command, printing its problems instead of a traceback."""
    sim, diags, text = check_file(path)
    if sim is None:
        for d in diags:
            print(d.format(text), file=sys.stderr)
        print(f"{path}: cannot be played until the errors above are fixed", file=sys.stderr)
    return sim
