"""`testdrive list careers|skills|art|sounds|kinds`: the names a simulation may use,
read from content/ and the engine's own tables, so authors need not read the repository."""
from __future__ import annotations

import argparse
import re
import sys

from .catalogue import CONTENT_DIR, load_careers, load_skills, text

TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S)
VIEWBOX_RE = re.compile(r'viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"')
MUSIC = {"music-loop"}  # the players' background music, not a scene cue


def careers(lang: str) -> list[tuple[str, ...]]:
    return [(key, c.get("field", ""), text(c.get("title"), lang))
            for key, c in sorted(load_careers().items(), key=lambda kv: (kv[1].get("field", ""), kv[0]))]


def skills(lang: str) -> list[tuple[str, ...]]:
    return [(key, text(s.get("name"), lang)) for key, s in load_skills().items()]


def art(lang: str) -> list[tuple[str, ...]]:
    """Each picture's path as a simulation names it, its size, and its text alternative."""
    rows = []
    for path in sorted((CONTENT_DIR / "art").rglob("*.svg")):
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        box = VIEWBOX_RE.search(head)
        title = TITLE_RE.search(head)
        size = f"{float(box.group(1)):g}x{float(box.group(2)):g}" if box else "?"
        rows.append((path.relative_to(CONTENT_DIR).as_posix(), size,
                     " ".join(title.group(1).split()) if title else "(no <title>)"))
    return rows


def sounds(lang: str) -> list[tuple[str, ...]]:
    """Scene sound cues: a scene's `sound: NAME` plays content/audio/NAME.ogg."""
    return [(p.stem, f"audio/{p.name}") for p in sorted((CONTENT_DIR / "audio").glob("*.ogg"))
            if p.stem not in MUSIC]


def kinds(lang: str) -> list[tuple[str, ...]]:
    """Activity kinds and their keys, from the JSON Schema the engine generates."""
    from .schema import build_schema
    activity = build_schema()["$defs"]["activity"]
    rows = []
    for kind in activity["properties"]["kind"]["enum"]:
        branch = next(b["then"] for b in activity["allOf"]
                      if b["if"]["properties"]["kind"].get("const") == kind)
        required = branch.get("required", [])
        optional = [k for k in branch["properties"] if k not in required]
        rows.append((kind, "needs: " + ", ".join(required),
                     ("may have: " + ", ".join(optional)) if optional else ""))
    return rows


LISTS = {
    "careers": (careers, "career keys for `career:` and `related_careers:` (content/careers.yaml)"),
    "skills": (skills, "skill keys for `skills:` (content/skills.yaml)"),
    "art": (art, "pictures for `art:`, `background:`, `portrait:` and hotspot `image:` (content/art/)"),
    "sounds": (sounds, "sound cues for a scene's `sound:`; the desktop player plays content/audio/NAME.ogg"),
    "kinds": (kinds, "activity kinds for `kind:` and the keys each needs"),
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive list", description="the names a simulation may use")
    ap.add_argument("what", choices=sorted(LISTS))
    ap.add_argument("--lang", default="en", help="language of titles (en or es)")
    args = ap.parse_args(argv)
    make, about = LISTS[args.what]
    rows = make(args.lang)
    print(f"# {len(rows)} {args.what}: {about}")
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)] if rows else []
    for r in rows:
        print("  ".join([c.ljust(w) for c, w in zip(r, widths)] + [r[-1]]).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
