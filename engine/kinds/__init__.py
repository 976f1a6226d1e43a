"""Activity kinds as plugins: one module per kind, each implementing `base.ActivityKind`,
registered in the one list below. The loader, the session, resume codes, the explorer,
the schema and the docs all find a kind here; each front end has one widget per kind."""
from __future__ import annotations

from . import allocate, hotspot, match, model, multi, numeric, order, sequence
from .base import ActivityKind

KINDS: tuple = (order.KIND, sequence.KIND, numeric.KIND, multi.KIND, match.KIND, hotspot.KIND,
                allocate.KIND, model.KIND)
BY_NAME: dict = {k.name: k for k in KINDS}
NAMES: tuple = tuple(k.name for k in KINDS)


def kind_of(act) -> ActivityKind:
    """The kind that loads, shows, grades and codes an activity."""
    return BY_NAME[act.kind]


__all__ = ["ActivityKind", "BY_NAME", "KINDS", "NAMES", "kind_of"]
