"""Released versions: every simulation's current content is released, and releases never change.

When this fails after editing a simulation: give the file a new `version` (1.0.0 -> 1.1.0)
and run `testdrive release path/to/the.yaml` — the old release stays, so the result codes
students made with it keep verifying.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine import load_simulation
from engine.compile import load_compiled
from engine.releases import DEFAULT_DIR, load_release, releases, versions_of

ROOT = Path(__file__).resolve().parents[2]
SIMS = sorted(p for p in (ROOT / "simulations").rglob("*.yaml") if "releases" not in p.parts)
FROZEN = ROOT / "tests" / "fixtures" / "frozen" / "simulations"


def run_testdrive(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


@pytest.mark.parametrize("path", SIMS, ids=lambda p: p.stem)
def test_the_current_content_of_every_simulation_is_released_under_its_version(path):
    sim = load_simulation(path)
    rel = DEFAULT_DIR / sim.id / f"{sim.version}.json"
    assert rel.is_file(), (f"{path.name}: version {sim.version} is not released; "
                           f"run `testdrive release {path.relative_to(ROOT)}`")
    record = json.loads(rel.read_text(encoding="utf-8"))
    assert record["simulation"] == json.loads(sim.data), (
        f"{path.name} changed but is still version {sim.version}, which was released with other content: "
        f"give it a new version and run `testdrive release {path.relative_to(ROOT)}`")


@pytest.mark.parametrize("frozen", sorted(FROZEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_frozen_copies_are_released_exactly(frozen):
    sim = load_simulation(frozen)
    assert sim.version in versions_of(sim.id)
    record = json.loads((DEFAULT_DIR / sim.id / f"{sim.version}.json").read_text(encoding="utf-8"))
    assert record["simulation"] == json.loads(sim.data)
    assert load_release(sim.id, sim.version) == load_compiled(record)


def test_releases_lists_every_released_version_for_the_teacher_catalogue():
    rows = releases()
    have = {(r["sim"], r["version"]) for r in rows}
    for path in SIMS + sorted(FROZEN.glob("*.yaml")):
        sim = load_simulation(path)
        assert (sim.id, sim.version) in have
    for r in rows:
        assert set(r) == {"sim", "version", "title", "field", "career", "minutes", "kiosk_minutes", "grades",
                          "languages"}
        assert r["title"] and r["languages"] and isinstance(r["minutes"], int)
        assert r["kiosk_minutes"] is None or 1 <= r["kiosk_minutes"] <= 8


def test_ids_and_versions_from_a_code_never_name_a_path():
    for sim_id, version in [("..", "1.0.0"), ("cnc-first-run", "../../../etc/passwd"), ("", ""),
                            ("cnc-first-run", ".hidden"), ("a/b", "1")]:
        assert load_release(sim_id, version) is None
    assert versions_of("../simulations") == []


def test_the_release_command_writes_once_and_refuses_a_changed_file_without_a_new_version(tmp_path):
    src = ROOT / "simulations" / "examples" / "every-feature.yaml"
    text = src.read_text(encoding="utf-8")
    sim = load_simulation(src)
    work = tmp_path / "every-feature.yaml"
    work.write_text(text, encoding="utf-8")
    out = tmp_path / "releases"
    r = run_testdrive("release", work, "--to", out)
    assert r.returncode == 0 and f"released every-feature {sim.version}" in r.stdout
    written = out / "every-feature" / f"{sim.version}.json"
    assert json.loads(written.read_text(encoding="utf-8"))["simulation"] == json.loads(sim.data)
    first = written.read_bytes()
    r = run_testdrive("release", work, "--to", out)
    assert r.returncode == 0 and "already released" in r.stdout and written.read_bytes() == first
    changed = text.replace(sim.title.get("en"), "A Changed Title", 1)
    assert changed != text
    work.write_text(changed, encoding="utf-8")
    r = run_testdrive("release", work, "--to", out)
    assert r.returncode == 1 and "already released with other content" in r.stderr and "new version" in r.stderr
    assert written.read_bytes() == first
    work.write_text(changed.replace(f"version: {sim.version}", "version: 9.9.0", 1), encoding="utf-8")
    r = run_testdrive("release", work, "--to", out)
    assert r.returncode == 0 and (out / "every-feature" / "9.9.0.json").is_file() and written.read_bytes() == first


def test_the_release_command_reports_a_broken_file_as_file_line_col(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\nversion: [\n", encoding="utf-8")
    r = run_testdrive("release", bad, "--to", tmp_path / "out")
    assert r.returncode == 1 and "Traceback" not in r.stderr and f"{bad}:" in r.stderr
    assert not (tmp_path / "out").exists()
