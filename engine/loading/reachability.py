"""Which scenes and endings a student can reach from the start, the kiosk start and the events."""
from __future__ import annotations

from ..model import Simulation


def check_reachability(b, sim: Simulation):
    if not sim.start or not sim.has_scene(sim.start):
        return
    graph = {}
    for s in sim.scenes:
        outs = set()
        if s.next:
            outs.add(s.next)
        for c in s.choices:
            outs.add(c.next)
        if s.activity:
            outs.update(t for _, t in s.activity.next)
        graph[s.id] = outs
    roots = [sim.start] + ([sim.kiosk_start] if sim.kiosk_start else [])
    roots += [e.goto for e in sim.events if e.goto]
    seen, stack = set(), list(roots)
    reached_end = False
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if node == "END":
            reached_end = True
        stack.extend(graph.get(node, ()))
    for s in sim.scenes:
        if s.id not in seen:
            b.r.warning(b.scene_pos.get(s.id, (0, 0)), f"scene '{s.id}' can never be reached",
                        "point a choice's 'next' at it, or remove it")
    for e in sim.endings:
        if e.id not in seen and not reached_end:
            b.r.warning(b.ending_pos.get(e.id, (0, 0)), f"ending '{e.id}' can never be reached",
                        "use 'next: END' or point a 'next' at it")
