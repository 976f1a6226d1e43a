"""The desktop player's settings, kept between runs in a small JSON file:
``$XDG_CONFIG_HOME/career-test-drive/settings.json`` (``~/.config/…`` without it).

Only the player's own choices are kept: text size, high contrast, language, reduced
motion, sound on/off and volume. Kiosk mode and the browser build never use this file.
A missing file gives the defaults; an unreadable or corrupt one is ignored with a
warning on stderr, never an error; each value is checked on its own.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from .theme import Settings

APP_DIR = "career-test-drive"
FILE = "settings.json"
KEYS = ("text_scale", "high_contrast", "lang", "reduced_motion", "muted", "volume")
VERSION = 1
MAX_BYTES = 64 * 1024


def config_path(env=None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / APP_DIR / FILE


def _warn(msg: str):
    print(f"warning: {msg}", file=sys.stderr)


def _valid(key: str, value):
    """The value when it is a sensible one for key, else None."""
    if key in ("high_contrast", "reduced_motion", "muted"):
        return value if isinstance(value, bool) else None
    if key == "volume":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        return round(float(value), 2) if ok else None
    if key == "text_scale":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0.75 <= value <= 2.0
        return float(value) if ok else None
    if key == "lang":
        ok = isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", value)
        return value if ok else None
    return None


def load(path: Path | None = None) -> dict:
    """The saved settings as {key: value}, only valid ones; {} when none are usable."""
    path = Path(path or config_path())
    try:
        if not path.is_file():
            return {}
        if path.stat().st_size > MAX_BYTES:
            _warn(f"{path} is too big to be our settings; ignored")
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        _warn(f"the saved settings in {path} could not be read ({exc}); using the defaults")
        return {}
    if not isinstance(data, dict):
        _warn(f"the saved settings in {path} are not a settings object; using the defaults")
        return {}
    out = {}
    for key in KEYS:
        if key in data:
            value = _valid(key, data[key])
            if value is None:
                _warn(f"{path}: ignored {key} = {data[key]!r}")
            else:
                out[key] = value
    return out


def apply(settings: Settings, saved: dict) -> Settings:
    for key, value in saved.items():
        if key in KEYS:
            setattr(settings, key, value)
    return settings


def save(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings (atomically). False, with a warning, when it cannot."""
    path = Path(path or config_path())
    data = {"version": VERSION}
    data.update({k: getattr(settings, k) for k in KEYS})
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        return True
    except OSError as exc:
        _warn(f"the settings could not be saved to {path} ({exc})")
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
