"""Reproducible builds (issue 15): the same source gives a byte-identical dist/web wherever the
checkout lives and whenever it is built, so a school can check what it serves and
browsers' caches stay valid across rebuilds. Two copies of the source at different depths
are built one after the other (the real build: precompiled Python by Node, a kiosk PIN)
and every file is compared."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from webtools import ROOT, require_node

SOURCE = ("engine", "web", "content", "simulations", "scripts", "pyproject.toml", "package.json")


def copy_source(to: Path) -> Path:
    to.mkdir(parents=True)
    for name in SOURCE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, to / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.is_file():
            shutil.copy2(src, to / name)
    (to / "node_modules").symlink_to(ROOT / "node_modules")
    return to


def build_in(checkout: Path) -> Path:
    script = ("from pathlib import Path\nfrom engine.web.build import build\n"
              "build(Path('out/web'), Path('simulations'), kiosk_pin='58203', log=lambda *a, **k: None)\n")
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    env.pop("TESTDRIVE_KIOSK_PIN", None)
    proc = subprocess.run([sys.executable, "-c", script], cwd=checkout, env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return checkout / "out" / "web"


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_checkouts_at_different_paths_build_the_same_site(tmp_path):
    require_node()
    a = build_in(copy_source(tmp_path / "a"))
    b = build_in(copy_source(tmp_path / "b" / "deeper" / "checkout"))
    da, db = digests(a), digests(b)
    assert len(da) > 50
    assert sorted(da) == sorted(db), set(da) ^ set(db)
    differ = sorted(k for k in da if da[k] != db[k])
    assert not differ, f"{len(differ)} files differ: {differ[:10]}"
    # and the checkout's path is written nowhere in the site
    for p in a.rglob("*"):
        if p.is_file() and p.suffix in (".html", ".js", ".json", ".webmanifest"):
            assert str(tmp_path) not in p.read_text(encoding="utf-8", errors="replace"), p
