"""`testdrive schema`: the command. The schema itself is engine/schema.py (format layer);
this adds what content/ offers — career and skill keys, art and sound files — as enums, so
an editor completes them (the catalogue sits above the format, so it is read here)."""
from __future__ import annotations

import sys

from . import lists
from .schema import main as schema_main


def names() -> dict:
    return {"careers": [row[0] for row in lists.careers("en")],
            "skills": [row[0] for row in lists.skills("en")],
            "art": [row[0] for row in lists.art("en")],
            "sounds": [row[0] for row in lists.sounds("en")]}


def main(argv=None) -> int:
    return schema_main(argv, names=names())


if __name__ == "__main__":
    sys.exit(main())
