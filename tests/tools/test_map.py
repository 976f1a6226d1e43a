"""`testdrive map`: DOT and Mermaid output name every scene and ending and parse."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from engine import load_simulation
from engine.mapgraph import main, to_dot, to_mermaid

ROOT = Path(__file__).resolve().parents[2]
SIMS = sorted(p for p in (ROOT / "simulations").rglob("*") if p.suffix in (".yaml", ".yml"))
IDS = [str(p.relative_to(ROOT / "simulations")) for p in SIMS]

DOT_STRING = r'"(?:[^"\\]|\\.)*"'
DOT_NODE = re.compile(rf"^\s*({DOT_STRING})\s*\[(.*)\];$")
DOT_EDGE = re.compile(rf"^\s*({DOT_STRING})\s*->\s*({DOT_STRING})(?:\s*\[(.*)\])?;$")


def parse_dot(text: str):
    """A strict little reader for the DOT subset `map` writes: every line must be a
    header, an attribute line, a node, an edge or the closing brace."""
    lines = text.strip().splitlines()
    assert re.match(rf"^digraph {DOT_STRING} \{{$", lines[0]), lines[0]
    assert lines[-1] == "}"
    nodes, edges = {}, []
    for line in lines[1:-1]:
        if re.match(r"^\s*(rankdir=\w+|node \[.*\]|edge \[.*\]);$", line):
            continue
        m = DOT_EDGE.match(line)
        if m:
            edges.append((m.group(1)[1:-1], m.group(2)[1:-1], m.group(3) or ""))
            continue
        m = DOT_NODE.match(line)
        assert m, f"not a DOT statement: {line!r}"
        nodes[m.group(1)[1:-1]] = m.group(2)
    assert text.count("{") == text.count("}") or "label=" in text
    return nodes, edges


@pytest.mark.parametrize("path", SIMS, ids=IDS)
def test_dot_has_every_scene_and_ending(path):
    sim = load_simulation(path)
    nodes, edges = parse_dot(to_dot(sim))
    for s in sim.scenes:
        assert s.id in nodes, s.id
    for e in sim.endings:
        assert e.id in nodes, e.id
        assert "doubleoctagon" in nodes[e.id]
    for src, dst, _attrs in edges:
        assert src in nodes and dst in nodes, (src, dst)
    # every choice is an edge out of its scene
    for s in sim.scenes:
        out = [a for src, _dst, a in edges if src == s.id]
        for c in s.choices:
            assert any(f'label="{c.id}' in a for a in out), (s.id, c.id)
        if s.activity:
            assert out, s.id


@pytest.mark.parametrize("path", SIMS, ids=IDS)
def test_mermaid_is_a_flowchart_with_every_scene(path):
    sim = load_simulation(path)
    text = to_mermaid(sim)
    assert text.startswith("flowchart")
    declared = set()
    for line in text.splitlines()[1:]:
        line = line.strip()
        m = re.match(r'^(\w+)(\[|\(\[|\(\(|>|\{)"[^"]*"(\]|\]\)|\)\)|\})$', line)
        if m:
            declared.add(m.group(1))
            continue
        m = re.match(r'^(\w+) (-->|-\.->)(?:\|"[^"]*"\|)? (\w+)$', line)
        if m:
            assert m.group(1) in declared and m.group(3) in declared, line
            continue
        assert line.startswith(("classDef ", "class ")), f"not a Mermaid statement: {line!r}"
    labels = re.findall(r'"([^"]*)"', text)
    for s in sim.scenes:
        assert any(lbl.split("<br/>")[0] == s.id for lbl in labels), s.id
    for e in sim.endings:
        assert any(lbl.split("<br/>")[0] == e.id for lbl in labels), e.id


def test_event_gotos_are_dashed_and_end_fans_out(example_sim):
    nodes, edges = parse_dot(to_dot(example_sim))
    event_edges = [(s, d, a) for s, d, a in edges if s.startswith("__event_")]
    assert event_edges and all("style=dashed" in a for _s, _d, a in event_edges)
    from_end = {d for s, d, _a in edges if s == "END"}
    assert from_end == {e.id for e in example_sim.endings}
    assert "-.->" in to_mermaid(example_sim)


def test_cli_writes_both_formats(tmp_path, capsys):
    sim_path = str(ROOT / "simulations" / "examples" / "every-feature.yaml")
    assert main([sim_path, "--format", "mermaid", "--out", str(tmp_path / "g.mmd")]) == 0
    assert (tmp_path / "g.mmd").read_text(encoding="utf-8").startswith("flowchart")
    assert main([sim_path]) == 0
    assert capsys.readouterr().out.startswith("digraph")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot(example_sim, tmp_path):
    out = subprocess.run(["dot", "-Tsvg"], input=to_dot(example_sim), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
