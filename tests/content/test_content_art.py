"""Every picture a simulation names: present, an SVG with a text alternative, the right
size for its use, nothing remote or scripted, and credited."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engine import load_simulation
from engine.cli import simulation_files

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
SVG = "{http://www.w3.org/2000/svg}"
SIMS = simulation_files([ROOT / "simulations"])


def art_of(sim) -> dict:
    """path -> the use it is put to (background, portrait, picture, cover)."""
    uses: dict = {}
    for scene in sim.scenes:
        if scene.background:
            uses[scene.background] = "background"
        if scene.activity is not None and scene.activity.kind == "hotspot":  # the kind with a picture
            uses[scene.activity.image] = "picture"
    for ch in sim.characters:
        if ch.portrait:
            uses[ch.portrait] = "portrait"
    for _name, path in sim.art:
        uses.setdefault(path, "cover")
    return uses


@pytest.mark.parametrize("path", SIMS, ids=[p.stem for p in SIMS])
def test_every_picture_is_a_titled_svg_of_the_right_size(path):
    sim = load_simulation(path)
    uses = art_of(sim)
    assert uses, "a simulation should have its own art"
    for art, use in uses.items():
        file = CONTENT / art
        assert file.is_file(), f"{art} is missing"
        text = file.read_text(encoding="utf-8")
        root = ET.fromstring(text)
        assert root.tag == SVG + "svg", art
        title = root.find(SVG + "title")
        assert title is not None and len((title.text or "").strip()) > 20, f"{art}: needs a <title> text alternative"
        assert "<script" not in text and "http://" not in text.replace("http://www.w3.org", "") \
            and "https://" not in text, f"{art}: no scripts or remote references"
        box = root.get("viewBox")
        if use == "background":
            assert box == "0 0 960 540", f"{art}: backgrounds are 960×540"
        elif use == "portrait":
            assert box == "0 0 200 200", f"{art}: portraits are 200×200"
        elif use == "picture":
            act = next(s.activity for s in sim.scenes
                       if s.activity and s.activity.kind == "hotspot" and s.activity.image == art)
            assert box == f"0 0 {act.width} {act.height}", f"{art}: viewBox must match the activity's size"


def test_credits_name_every_art_folder():
    credits = (CONTENT / "CREDITS.md").read_text(encoding="utf-8")
    folders = {str(Path(a).parent) for p in SIMS for a in art_of(load_simulation(p))}
    for folder in folders:
        assert f"content/{folder}/" in credits, folder
