"""What every build step shares: where the sources are, the build's error, content hashes and
escaping for HTML."""
from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
WEB = ROOT / "web"
CONTENT = ROOT / "content"


class BuildError(Exception):
    pass


def content_hash(data: bytes, n: int = 12) -> str:
    return hashlib.sha256(data).hexdigest()[:n]


def json_for_html(data) -> str:
    # Inside <script type="application/json">, "</script>" or "<!--" in any text would end
    # or break the element; "<\!--" is not valid JSON. \u003c and friends are, and read back
    # as the same characters (audit F3).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def escape(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)
