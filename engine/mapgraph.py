"""`testdrive map SIM`: the scene graph as Graphviz DOT or Mermaid.

Nodes: scenes (boxes; an activity's kind under its id), endings (double octagons /
stadiums, with their stars), END (a diamond that fans out to every ending, labelled with
the ending's condition), BACK, the start and the kiosk cut, and events with a goto.
Edges: choices (labelled with the choice id and its condition), activity outcomes
(labelled correct / partial / wrong, merged when they share a target), a plain Continue,
and event gotos (dashed).
"""
from __future__ import annotations

import argparse
import re
import sys

from .files import load_or_report
from .model import Simulation


def graph(sim: Simulation) -> tuple[list, list]:
    """(nodes, edges). node: (id, kind, label); edge: (src, dst, label, style)."""
    nodes, edges = [], []
    nodes.append(("__start", "start", "start"))
    edges.append(("__start", sim.start, "", "solid"))
    if sim.kiosk_start:
        nodes.append(("__kiosk", "start", "kiosk cut"))
        edges.append(("__kiosk", sim.kiosk_start, "", "solid"))
    uses_end = uses_back = False

    def target(t):
        nonlocal uses_end, uses_back
        if t == "END":
            uses_end = True
        elif t == "BACK":
            uses_back = True
        return t

    for s in sim.scenes:
        label = s.id + (f"\n({s.activity.kind})" if s.activity else "")
        nodes.append((s.id, "scene", label))
        for c in s.choices:
            lab = c.id + (f"\nif {c.condition.source}" if c.condition else "")
            edges.append((s.id, target(c.next), lab, "solid"))
        if s.activity:
            by_target: dict = {}
            for outcome, t in s.activity.next:
                by_target.setdefault(t, []).append(outcome)
            for t, outcomes in by_target.items():
                lab = "any answer" if len(outcomes) == 3 else " / ".join(outcomes)
                edges.append((s.id, target(t), lab, "solid"))
        if s.next:
            edges.append((s.id, target(s.next), "continue", "solid"))
    for e in sim.events:
        if e.goto:
            eid = f"__event_{e.id}"
            lab = f"event {e.id}\nwhen {e.when.source}" + (f"\nchance {e.chance:g}" if e.chance is not None else "")
            nodes.append((eid, "event", lab))
            edges.append((eid, target(e.goto), "", "dashed"))
    if uses_back:
        nodes.append(("BACK", "special", "BACK\n(return where the event interrupted)"))
    if uses_end:
        nodes.append(("END", "special", "END\n(first ending whose condition holds)"))
        for e in sim.endings:
            edges.append(("END", e.id, f"if {e.condition.source}" if e.condition else "otherwise", "dotted"))
    for e in sim.endings:
        nodes.append((e.id, "ending", f"{e.id}\n{'★' * e.rating}"))
    return nodes, edges


def _dot_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


DOT_SHAPES = {
    "scene": 'shape=box, style="rounded"',
    "ending": 'shape=doubleoctagon, style=filled, fillcolor="#e8f4e8"',
    "start": 'shape=circle, style=filled, fillcolor="#dde7f7"',
    "event": 'shape=note, style=filled, fillcolor="#fff4d6"',
    "special": 'shape=diamond',
}


def to_dot(sim: Simulation) -> str:
    nodes, edges = graph(sim)
    out = [f"digraph {_dot_str(sim.id)} {{",
           "  rankdir=TB;",
           '  node [fontname="Helvetica", fontsize=11];',
           '  edge [fontname="Helvetica", fontsize=9];']
    for nid, kind, label in nodes:
        out.append(f"  {_dot_str(nid)} [label={_dot_str(label)}, {DOT_SHAPES[kind]}];")
    for src, dst, label, style in edges:
        attrs = [f"label={_dot_str(label)}"] if label else []
        if style != "solid":
            attrs.append(f"style={style}")
        out.append(f"  {_dot_str(src)} -> {_dot_str(dst)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    out.append("}")
    return "\n".join(out) + "\n"


def _mm_text(s: str) -> str:
    s = s.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("|", "#124;")
    return '"' + s.replace("\n", "<br/>") + '"'


MERMAID_SHAPES = {"scene": ("[", "]"), "ending": ("([", "])"), "start": ("((", "))"),
                  "event": (">", "]"), "special": ("{", "}")}


def to_mermaid(sim: Simulation) -> str:
    nodes, edges = graph(sim)
    ids: dict = {}

    def mid(nid: str) -> str:
        if nid not in ids:
            ids[nid] = f"n{len(ids)}_" + re.sub(r"[^A-Za-z0-9_]", "_", nid)
        return ids[nid]

    out = ["flowchart TD"]
    for nid, kind, label in nodes:
        o, c = MERMAID_SHAPES[kind]
        out.append(f"  {mid(nid)}{o}{_mm_text(label)}{c}")
    for src, dst, label, style in edges:
        arrow = "-->" if style == "solid" else "-.->"
        lab = f"|{_mm_text(label)}|" if label else ""
        out.append(f"  {mid(src)} {arrow}{lab} {mid(dst)}")
    out.append("  classDef ending fill:#e8f4e8,stroke:#3a7a3a")
    out.append("  classDef event fill:#fff4d6,stroke:#a07a00")
    endings = [mid(n) for n, k, _l in nodes if k == "ending"]
    events = [mid(n) for n, k, _l in nodes if k == "event"]
    if endings:
        out.append(f"  class {','.join(endings)} ending")
    if events:
        out.append(f"  class {','.join(events)} event")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive map", description="the scene graph of a simulation")
    ap.add_argument("sim", metavar="SIM")
    ap.add_argument("--format", choices=["dot", "mermaid"], default="dot")
    ap.add_argument("--out", help="write to this file instead of the terminal")
    args = ap.parse_args(argv)
    sim = load_or_report(args.sim)
    if sim is None:
        return 1
    text = to_dot(sim) if args.format == "dot" else to_mermaid(sim)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
