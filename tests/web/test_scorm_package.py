"""`testdrive build scorm`: the package's files, its imsmanifest.xml, byte-for-byte
reproducible builds, and resume codes that fit SCORM 1.2's suspend_data for long
playthroughs of every simulation. (The runtime inside an LMS: tests/web/test_scorm_lms.py.)"""
from __future__ import annotations

import atexit
import functools
import io
import random
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.engine.test_saves import random_action
from webtools import ROOT, require_node, simulation_files

SIM = "cnc-first-run"
NS12 = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
NS04 = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3"}


@functools.cache
def package(version: str, tag: str = "a") -> Path:
    from engine.web.scorm import build_packages, resolve

    require_node()
    out = Path(tempfile.mkdtemp(prefix=f"ctd-scorm-{tag}-"))
    atexit.register(shutil.rmtree, out, True)
    made = build_packages(out, resolve([SIM], ROOT / "simulations"), version, log=lambda *a: None)
    assert len(made) == 1
    return Path(made[0]["path"])


@pytest.mark.parametrize("version,ns,attr", [("1.2", NS12, "scormtype"), ("2004", NS04, "scormType")])
def test_manifest_names_one_sco_and_every_file(version, ns, attr):
    path = package(version)
    assert path.name == f"{SIM}-scorm{version.replace('.', '')}.zip"
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    root = ET.fromstring(z.read("imsmanifest.xml"))  # well-formed, or this raises
    assert root.tag == f"{{{ns['cp']}}}manifest"
    schema = root.find("cp:metadata/cp:schemaversion", ns).text
    assert schema == ("1.2" if version == "1.2" else "2004 4th Edition")
    resources = root.findall("cp:resources/cp:resource", ns)
    scos = [r for r in resources if r.get(f"{{{ns['adlcp']}}}{attr}") == "sco"]
    assert len(resources) == 1 and len(scos) == 1
    launch = scos[0].get("href")
    assert launch == "index.html" and launch in names
    listed = {f.get("href") for f in scos[0].findall("cp:file", ns)}
    assert listed == names - {"imsmanifest.xml"}
    items = root.findall("cp:organizations/cp:organization/cp:item", ns)
    assert len(items) == 1 and items[0].get("identifierref") == scos[0].get("identifier")
    title = root.find("cp:organizations/cp:organization/cp:title", ns).text
    from engine import load_simulation

    sim = load_simulation(next(p for p in simulation_files() if p.stem == SIM))
    assert title == sim.title.get("en")
    assert sim.summary.get("en") in z.read("imsmanifest.xml").decode()
    # A mastery score lets some LMSs turn "completed" into "failed" (docs/lms.md).
    assert b"masteryscore" not in z.read("imsmanifest.xml").lower()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_package_leaves_out_what_lmss_refuse(version):
    z = zipfile.ZipFile(package(version))
    names = z.namelist()
    bad = [n for n in names if n.endswith((".py", ".gz", ".zip", ".br", ".php", ".sh")) or n == "sw.js"
           or n.endswith("manifest.webmanifest")]
    assert not bad
    assert all(not n.startswith("/") and ".." not in n.split("/") for n in names)
    # Only this simulation's art and its own engine bundle.
    art = [n for n in names if n.startswith("content/art/")]
    assert art and all(n.startswith("content/art/manufacturing/") for n in art)
    index = z.read("index.html").decode()
    assert 'data-page="lms"' in index and "serviceWorker" not in index and "http://" not in index.replace(
        "http://www.w3.org", "")
    bundle = zipfile.ZipFile(io.BytesIO(z.read(next(n for n in names if n.startswith("engine-")))))
    sims = [n for n in bundle.namelist() if n.startswith("sims/")]
    assert sims == [f"sims/{SIM}.json"]
    assert not [n for n in bundle.namelist() if n.endswith(".py")]
    releases = {n.split("/")[2] for n in bundle.namelist() if n.startswith("simulations/releases/")}
    assert releases <= {SIM}


def test_same_input_same_bytes():
    first = package("1.2").read_bytes()
    second = package("1.2", "b").read_bytes()
    assert first == second
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}


def test_cli_builds_into_out_and_prints_sizes(capsys, tmp_path):
    from engine.cli import main

    require_node()
    assert main(["build", "scorm", "--out", str(tmp_path), "--version", "2004", SIM]) == 0
    out = capsys.readouterr().out
    target = tmp_path / f"{SIM}-scorm2004.zip"
    assert target.is_file() and f"{target.stat().st_size:,} bytes" in out


def test_unknown_simulation_is_an_error_not_a_traceback(capsys, tmp_path):
    from engine.cli import main

    assert main(["build", "scorm", "--out", str(tmp_path), "no-such-sim"]) == 1
    assert "no simulation 'no-such-sim'" in capsys.readouterr().err


# ---------------------------------------------------------------- suspend_data limits

def _long_action(v, rnd):
    """A student who makes the resume code long: every choice taken in turn, the most
    answer tokens an activity allows, random otherwise."""
    a = v["activity"] if v["phase"] == "activity" else None
    if a and a["kind"] in ("multi", "hotspot"):
        return {"type": "answer", "answer": [o["id"] for o in a["items"]]}
    if a and a["kind"] == "allocate":
        return {"type": "answer", "answer": {i["id"]: i["max"] for i in a["items"]}}
    if a and a["kind"] == "numeric":
        return {"type": "answer", "answer": rnd.choice([123456.789, -0.000123, 98765.4321])}
    return random_action(v, rnd)


@pytest.mark.parametrize("path", simulation_files(), ids=lambda p: p.stem)
def test_resume_code_fits_scorm12_suspend_data(path):
    """SCORM 1.2's cmi.suspend_data holds 4,096 characters (scorm-again accepts 64,000, so
    the browser test cannot catch an overflow): the longest resume code of 300 random and
    300 long-answer playthroughs of each simulation, every step of the way, must fit."""
    from engine import Session, load_simulation

    sim = load_simulation(path)
    longest = 0
    for seed in range(600):
        rnd = random.Random(seed)
        s = Session(sim, seed=seed)
        for _ in range(400):
            v = s.view()
            longest = max(longest, len(s.resume_code()))
            if v["phase"] == "ending":
                break
            s.act(_long_action(v, rnd) if seed % 2 else random_action(v, rnd))
        else:
            pytest.fail(f"{sim.id}: seed {seed} found no ending in 400 actions")
    assert 0 < longest <= 4096, f"{sim.id}: a resume code of {longest} characters"
