"""Checks across the whole file: every id a part of the file names exists (targets, sources,
`chose()`/`score()` ids, placeholders) and every variable is used."""
from __future__ import annotations

from ..diagnostics import did_you_mean
from ..model import SPECIAL_TARGETS, Simulation
from .reachability import check_reachability


def check_references(b, top, sim: Simulation):
    scene_ids = {s.id for s in sim.scenes}
    ending_ids = {e.id for e in sim.endings}
    for eid in ending_ids & scene_ids:
        b.r.error(b.ending_pos.get(eid, (0, 0)), f"'{eid}' is both a scene and an ending",
                  "give one of them another id")
    uses_end = False
    for target, pos, where in b.targets:
        if target == "END":
            uses_end = True
            continue
        if target == "BACK":
            continue
        if target not in scene_ids and target not in ending_ids:
            b.r.error(pos, f"'{target}' in {where} is not a scene or an ending",
                      did_you_mean(target, scene_ids | ending_ids | set(SPECIAL_TARGETS))
                      or "targets: a scene id, an ending id, END or BACK", length=len(target))
    if sim.endings and sim.endings[-1].condition is not None and uses_end:
        b.r.error(b.ending_pos.get(sim.endings[-1].id, (0, 0)),
                  "the last ending has an 'if', so END may find no ending",
                  "remove the 'if' from the last ending: it is the fallback")
    source_ids = {s.id for s in sim.sources}
    cited = {sid for sid, _pos in b.sources_used}
    for i, src in enumerate(sim.sources):
        if src.id not in cited:
            lst = top.get("sources")
            b.r.warning(b.ipos(lst, i) if isinstance(lst, list) else (0, 0),
                        f"source '{src.id}' is listed but nothing cites it",
                        "add 'source: " + src.id + "' next to the fact it supports, or remove it")
    for sid, pos in b.sources_used:
        if sid not in source_ids:
            b.r.error(pos, f"unknown source '{sid}'",
                      did_you_mean(sid, source_ids) or "list it under 'sources:'")
    for fname, ident, pos in b.refs:
        if fname == "chose":
            known = b.choice_ids
        else:
            known = scene_ids
        if fname in ("score", "outcome_is"):
            known = {s.id for s in sim.scenes if s.activity}
        if ident not in known:
            b.r.error(pos, f"{fname}(\"{ident}\"): no such {'choice' if fname == 'chose' else 'scene'}"
                      + (" with an activity" if fname in ("score", "outcome_is") else ""),
                      did_you_mean(ident, known))
    for name, pos in b.placeholders:
        if name not in b.var_names and name != "clock":
            b.r.warning(pos, f"'{{{name}}}' in a text is not a variable", did_you_mean(name, b.var_names))
    for name, (var, pos) in b.variables.items():
        if name not in b.assigned:
            if var.show == "hidden" and name not in b.read_names:
                b.r.warning(pos, f"variable '{name}' is never set nor read", "remove it or use it")
            elif var.show == "hidden":
                b.r.warning(pos, f"variable '{name}' is never set, so it never changes",
                            f"set it in an effect, like '{name} = ...'")
    if not b.r.has_errors:  # one mistake, one message: a broken link is not also "unreachable"
        check_reachability(b, sim)
