"""What makes the site work offline and installable: the web app manifest and the service
worker, which precaches every file of the site under a version named by their hashes."""
from __future__ import annotations

import json

from .common import WEB, content_hash


def manifest(ui_en: dict) -> bytes:
    return json.dumps({
        "name": ui_en["app_title"], "short_name": ui_en["app_title"],
        "description": ui_en["app_tagline"], "lang": "en",
        "start_url": "./index.html", "scope": "./", "display": "standalone",
        "background_color": "#f7f5f0", "theme_color": "#17406d",
        "icons": [{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }, ensure_ascii=False, indent=1).encode()


def service_worker(files: dict[str, bytes]) -> tuple[bytes, str]:
    """(sw.js, the site's version): every file of `files` precached, the version a hash of
    them all, so any change makes browsers fetch the new site."""
    precache = ["./"] + sorted(files)
    version_hash = content_hash("\n".join(f"{k}:{content_hash(v)}" for k, v in sorted(files.items())).encode())
    sw = (WEB / "sw.js").read_text(encoding="utf-8")
    sw = sw.replace("%%VERSION%%", version_hash).replace("%%FILES%%", json.dumps(precache, indent=1))
    return sw.encode(), version_hash
