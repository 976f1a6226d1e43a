"""docs/tutorial.md, done as a reader would: every command run, every edit applied, in a
temporary copy of the repository's simulations.

Edits are marked in the tutorial with HTML comments (invisible when it is read):
  <!-- test: replace N lines from "START" -->   the next yaml block replaces N lines, the
                                                first being the first line starting with START
  <!-- test: after "START" -->                  the next yaml block goes after that line
  <!-- test: lint after replacing "A" with "B" -->   the next text block is what lint prints
                                                      for that slip (each line must appear)
"""
from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from engine import cli

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
BLOCK_RE = re.compile(r"(?:<!-- test: (?P<marker>.*?) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)```", re.S)


def steps():
    """(marker or None, language, body) for every fenced block, in reading order."""
    return [(m.group("marker"), m.group("lang"), m.group("body"))
            for m in BLOCK_RE.finditer(TUTORIAL.read_text(encoding="utf-8"))]


def commands(body):
    for line in body.splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("testdrive "):
            yield shlex.split(line)[1:]


def apply_edit(path: Path, marker: str, body: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    m = re.fullmatch(r'replace (\d+) lines from "(.*)"', marker) or re.fullmatch(r'after "(.*)"', marker)
    assert m, f"unknown marker: {marker}"
    start = m.groups()[-1]
    at = [i for i, line in enumerate(lines) if line.startswith(start)]
    assert at, f"no line starts with {start!r}"
    new = body.rstrip("\n").split("\n")
    if marker.startswith("replace"):
        count = int(m.group(1))
        lines[at[0]:at[0] + count] = new
    else:
        lines[at[0] + 1:at[0] + 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "simulations", tmp_path / "simulations")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # interactive play: the reader stops at once
    return tmp_path


def serve_and_fetch(site: Path, page: str) -> str:
    """`testdrive serve` on a free port (not 8000: other programs may use it); one page."""
    proc = subprocess.Popen([sys.executable, "-m", "engine.cli", "serve", "--dir", str(site), "--port", "0"],
                            stdout=subprocess.PIPE, text=True, cwd=site.parent.parent,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    try:
        url = re.search(r"http://\S+/", proc.stdout.readline()).group(0)
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url + page, timeout=5) as resp:
                    return resp.read().decode("utf-8")
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def preview_status(sim_file: Path) -> dict:
    """`testdrive preview` on a free port (8001 may be in use); the page's first status."""
    import json
    import threading

    from engine.preview import start

    server, watcher, url = start(sim_file, 0, log=lambda *a: None)  # its build: a temp folder
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(url + "__preview/status", timeout=10) as resp:
            status = json.loads(resp.read())
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert b'src="sims/clinic-morning.html"' in resp.read()
        return status
    finally:
        server.shutdown()
        server.server_close()
        watcher.stop()
        assert not watcher.temporary.exists()


def test_the_tutorial_works_from_start_to_finish(workdir, capsys):
    sim_file = None
    ran = []
    for marker, lang, body in steps():
        if lang == "sh":
            for argv in commands(body):
                if argv[0] == "preview":
                    assert preview_status(Path(argv[1]))["ok"]
                    ran.append(argv)
                    continue
                if argv[0] == "serve":
                    html = serve_and_fetch(workdir / "dist" / "web", f"sims/{sim_file.stem}.html")
                    assert "Morning at Riverside Clinic" in html
                    ran.append(argv)
                    continue
                status = cli.main(argv)
                out = capsys.readouterr()
                assert status == 0, f"testdrive {' '.join(argv)}\n{out.out[-2000:]}\n{out.err[-2000:]}"
                if argv[0] == "play" and "--actions" in argv:
                    assert "=== A great first day ***" in out.out  # the script reached its ending
                elif argv[0] == "play":
                    assert "?? " not in out.out and out.out.strip().splitlines()[-1].startswith("T")
                ran.append(argv)
                if argv[0] == "new":
                    sim_file = Path("simulations") / f"{argv[1]}.yaml"  # as the reader types it
                    assert sim_file.is_file()
        elif lang == "yaml" and marker:
            apply_edit(sim_file, marker, body)
        elif lang == "text" and marker:
            m = re.fullmatch(r'lint after replacing "(.*)" with "(.*)"', marker)
            assert m, marker
            good = sim_file.read_text(encoding="utf-8")
            assert good.count(m.group(1)) == 1
            sim_file.write_text(good.replace(m.group(1), m.group(2)), encoding="utf-8")
            assert cli.main(["lint", str(sim_file)]) == 1
            printed = capsys.readouterr().out
            assert printed.strip("\n") == body.strip("\n")  # all that lint prints, word for word
            sim_file.write_text(good, encoding="utf-8")
    kinds = {a[0] for a in ran}
    assert {"new", "list", "lint", "play", "preview", "explore", "stats", "build", "serve"} <= kinds
    assert (workdir / "dist" / "web" / "sims" / "clinic-morning.html").is_file()
    assert (workdir / "scripts" / "clinic-morning--great-day.txt").is_file()


def test_the_tutorial_is_linked_from_authoring_and_the_readme():
    assert "tutorial.md" in (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8").split("\n## ")[0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/tutorial.md" in readme.split("## For authors")[1].split("\n## ")[0]
