"""The `events:` section: things that may happen between scenes when their condition holds."""
from __future__ import annotations

from ..model import Condition, Event
from ..spec import EVENT
from .conditions import read_condition, read_effects


def read_events(b, top) -> tuple:
    if "events" not in top or top["events"] is None:
        return ()
    lst = b.listing(top["events"], b.vpos(top, "events"), "'events'")
    out = []
    for em, eid, _where in b.entries(lst, EVENT, "event"):
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
