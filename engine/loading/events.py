"""The `events:` section: things that may happen between scenes when their condition holds."""
from __future__ import annotations

from ..model import Condition, Event
from ..spec import EVENT
from .conditions import read_condition, read_effects


def read_events(b, top) -> tuple:
    if "events" not in top or top["events"] is None:
        return ()
    lst = b.listing(top["events"], b.vpos(top, "events"), "'events'")
    out, seen = [], set()
    for i, e in enumerate(lst or ()):
        where = f"event {i + 1}"
        em = b.mapping(e, b.ipos(lst, i), where)
        if em is None:
            continue
        b.keys(em, where, EVENT.keys, EVENT.required)
        eid = b.ident(em, "id", where) or f"event-{i + 1}"
        if eid in seen:
            b.r.error(b.vpos(em, "id"), f"event id '{eid}' is used twice")
        seen.add(eid)
        where = f"event '{eid}'"
        when = read_condition(b, em, "when", where) or Condition("false", lambda env: False)
        chance = b.read(em, EVENT, "chance", where)
        if chance == 0:
            b.r.warning(b.vpos(em, "chance"), f"{where} has chance 0 and never fires")
        goto = None
        if "goto" in em:
            goto = b.target(em["goto"], b.vpos(em, "goto"), where)
        if "text" not in em and "goto" not in em and "effects" not in em:
            b.r.warning(b.mpos(em), f"{where} does nothing", "give it text, effects or goto")
        out.append(Event(eid, when, chance, b.read(em, EVENT, "repeat", where),
                         b.text(em, "text", where) if "text" in em else None,
                         read_effects(b, em.get("effects"), b.vpos(em, "effects"), where), goto))
    return tuple(out)
