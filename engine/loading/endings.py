"""The `endings:` section: each ending, its condition and its debrief."""
from __future__ import annotations

from ..model import DebriefItem, Ending
from ..spec import DEBRIEF, DEBRIEF_ITEM, ENDING
from .conditions import read_condition


def read_endings(b, top) -> tuple:
    lst = b.listing(top.get("endings"), b.vpos(top, "endings"), "'endings'") if "endings" in top else None
    if not lst:
        if lst is not None:
            b.r.error(b.vpos(top, "endings"), "the simulation has no endings")
        return ()
    out = []
    for em, eid, where in b.entries(lst, ENDING, "ending"):
        b.ending_pos[eid] = b.mpos(em)
        where = f"ending '{eid}'"
        debrief = {k: () for k in DEBRIEF.keys}
        if "debrief" in em:
            dm = b.mapping(em["debrief"], b.vpos(em, "debrief"), f"debrief of {where}")
            if dm is not None:
                b.keys(dm, f"debrief of {where}", DEBRIEF.keys, DEBRIEF.required)
                for key in ("went_well", "try_next", "professional"):
                    debrief[key] = debrief_items(b, dm, key, where)
                debrief["reflection"] = b.text_list(dm, "reflection", f"debrief of {where}")
        out.append(Ending(
            id=eid, condition=read_condition(b, em, "if", where), title=b.read(em, ENDING, "title", where),
            rating=b.read(em, ENDING, "rating", where),
            text=b.read(em, ENDING, "text", where), went_well=debrief["went_well"],
            try_next=debrief["try_next"], professional=debrief["professional"],
            reflection=debrief["reflection"],
        ))
    return tuple(out)


def debrief_items(b, dm, key, where) -> tuple:
    if key not in dm or dm[key] is None:
        return ()
    lst = b.listing(dm[key], b.vpos(dm, key), f"'{key}' of {where}")
    out = []
    for i, it in enumerate(lst or ()):
        iwhere = f"{key} {i + 1} of {where}"
        if isinstance(it, dict) and ("text" in it or "if" in it):
            b.keys(it, iwhere, DEBRIEF_ITEM.keys, DEBRIEF_ITEM.required)
            out.append(DebriefItem(b.text(it, "text", iwhere), read_condition(b, it, "if", iwhere)))
        else:
            out.append(DebriefItem(b.text_value(it, b.ipos(lst, i), iwhere), None))
    return tuple(out)
