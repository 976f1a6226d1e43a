"""A scene's `choices:`: what the student may do, with conditions, effects and where each leads."""
from __future__ import annotations

from ..model import Choice
from ..spec import CHOICE
from .conditions import read_condition, read_effects


def read_choices(b, m, where) -> tuple:
    lst = b.listing(m["choices"], b.vpos(m, "choices"), f"'choices' of {where}")
    if not lst:
        if lst is not None:
            b.r.error(b.vpos(m, "choices"), f"{where} has an empty list of choices")
        return ()
    out = []
    twice = lambda cid: f"choice id '{cid}' is used twice in {where}"  # noqa: E731
    for cm, cid, _cwhere in b.entries(lst, CHOICE, "choice", where, twice):
        b.choice_ids.add(cid)
        cwhere = f"choice '{cid}' of {where}"
        out.append(Choice(
            id=cid, text=b.read(cm, CHOICE, "text", cwhere),
            condition=read_condition(b, cm, "if", cwhere),
            show_locked=b.read(cm, CHOICE, "show_locked", cwhere),
            locked=b.read(cm, CHOICE, "locked", cwhere),
            time=b.read(cm, CHOICE, "time", cwhere),
            effects=read_effects(b, cm.get("effects"), b.vpos(cm, "effects"), cwhere),
            feedback=b.text(cm, "feedback", cwhere) if "feedback" in cm else None,
            skills=b.skills(cm, cwhere), riasec=b.riasec(cm, cwhere),
            next=b.target(cm.get("next"), b.vpos(cm, "next"), cwhere) if "next" in cm else "END",
            source=b.source_ref(cm, cwhere),
        ))
    return tuple(out)
