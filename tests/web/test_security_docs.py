"""docs/privacy.md names every place the browser player keeps something, so the privacy
note cannot fall behind the code (issue 15: "what is stored where and for how long")."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_storage_key_the_player_uses_is_in_the_privacy_note():
    doc = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    used = set()
    for path in (ROOT / "web").rglob("*.js"):
        if "pygbag" in path.parts:
            continue
        used |= set(re.findall(r"[\"'`](ctd\.[A-Za-z]+)", path.read_text(encoding="utf-8")))
    assert {"ctd.save", "ctd.studentName", "ctd.settings"} <= used   # the scan finds them
    missing = sorted(k for k in used if f"`{k}" not in doc)
    assert not missing, f"docs/privacy.md does not mention {missing}"


def test_the_readme_links_the_privacy_note():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Security and privacy" in readme and "(docs/privacy.md)" in readme
