"""The `enjoy:` section: the few statements a student rates at the ending."""
from __future__ import annotations

from ..kinds.base import read_items
from ..model import EnjoyStatement
from ..spec import ENJOY, ENJOY_MAX, ENJOY_MIN


def read_enjoy(b, top) -> tuple:
    if "enjoy" not in top or top["enjoy"] is None:
        return ()
    if isinstance(top["enjoy"], list) and not ENJOY_MIN <= len(top["enjoy"]) <= ENJOY_MAX:
        b.r.error(b.vpos(top, "enjoy"), f"'enjoy' has {len(top['enjoy'])} statement(s); give "
                  f"{ENJOY_MIN} to {ENJOY_MAX}", "a few short statements a student can rate quickly at the ending")

    def read(em, where, fields):
        fields["area"] = b.choice(em, ENJOY, "area", where) or ""
        fields["text"] = b.read(em, ENJOY, "text", where)
    return read_items(b, top, "enjoy", "the simulation", ENJOY, read, make=EnjoyStatement)
