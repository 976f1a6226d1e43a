"""Checks that every picture and sound a simulation names is a file under content/.

A path that is not there used to pass lint, explore and play, and then showed nothing.
Works on the YAML document with its positions, so each missing file is reported where it
is written, with the closest existing name and the command that lists them all.
"""
from __future__ import annotations

import functools

from .catalogue import CONTENT_DIR
from .diagnostics import did_you_mean


@functools.lru_cache(maxsize=1)
def _known() -> tuple[tuple[str, ...], tuple[str, ...]]:
    art = tuple(sorted(p.relative_to(CONTENT_DIR).as_posix() for p in (CONTENT_DIR / "art").rglob("*")
                       if p.is_file()))
    sounds = tuple(sorted(p.stem for p in (CONTENT_DIR / "audio").glob("*.ogg")))
    return art, sounds


def _mappings(value):
    return value.items() if isinstance(value, dict) else ()


def check_files(top, report) -> None:
    """Reports each art path or sound cue in the document `top` that has no file.

    Only for YAML read with positions: a compiled simulation (JSON, as the browser and the
    canvas build load it, with no content/ folder beside them) was checked when compiled."""
    if not hasattr(top, "val_pos") or not (CONTENT_DIR / "art").is_dir():
        return
    art, sounds = _known()

    def picture(m, key, where):
        value = m.get(key) if isinstance(m, dict) else None
        if not isinstance(value, str) or not value:
            return
        if (CONTENT_DIR / value).is_file() and value.startswith("art/"):
            return
        guess = did_you_mean(value, art)
        report.error(m.val_pos.get(key, m.pos), f"{key} of {where}: '{value}' is not a file under content/",
                     (guess + " " if guess else "") + "see the pictures with: testdrive list art",
                     length=len(value))

    def sound(m, where):
        value = m.get("sound") if isinstance(m, dict) else None
        if not isinstance(value, str) or not value or value in sounds:
            return
        guess = did_you_mean(value, sounds)
        report.error(m.val_pos.get("sound", m.pos), f"sound of {where}: '{value}' has no file "
                     f"content/audio/{value}.ogg", (guess + " " if guess else "")
                     + "see the sounds with: testdrive list sounds", length=len(value))

    if isinstance(top.get("art"), dict):
        for key, _value in _mappings(top["art"]):
            picture(top["art"], key, "'art'")
    for cid, ch in _mappings(top.get("characters")):
        picture(ch, "portrait", f"character '{cid}'")
    for sid, scene in _mappings(top.get("scenes")):
        picture(scene, "background", f"scene '{sid}'")
        sound(scene, f"scene '{sid}'")
        if isinstance(scene, dict) and isinstance(scene.get("activity"), dict):
            picture(scene["activity"], "image", f"the activity of scene '{sid}'")
