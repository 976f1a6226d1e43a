"""A scene's `activity:`: the keys every activity has, its kind's own keys read by the kind
(engine/kinds/<kind>.py), and where each outcome leads."""
from __future__ import annotations

from ..diagnostics import did_you_mean
from ..kinds import BY_NAME as KIND_BY_NAME, NAMES as KIND_NAMES
from ..spec import ACTIVITY, OUTCOMES
from .conditions import read_effects


def read_activity(b, spec, pos, where, scene_next, next_pos):
    m = b.mapping(spec, pos, where)
    if m is None:
        return None
    kind = b.string(m, "kind", where, required=True)
    if kind not in KIND_NAMES:
        if kind is not None:
            b.r.error(b.vpos(m, "kind"), f"activity kind '{kind}' is not known",
                      did_you_mean(kind, KIND_NAMES) or "kinds: " + ", ".join(KIND_NAMES))
        return None
    activity_kind = KIND_BY_NAME[kind]  # engine/kinds/<kind>.py reads and checks its own keys
    b.keys(m, f"{where} ({kind})", ACTIVITY.keys | set(activity_kind.fields), ACTIVITY.required)
    kind_fields = activity_kind.build(b, m, where)
    pass_score = b.read(m, ACTIVITY, "pass", where)
    partial_score = b.read(m, ACTIVITY, "partial", where)
    if partial_score > pass_score:
        b.r.error(b.vpos(m, "partial"), "'partial' must not be above 'pass'")
    feedback = by_outcome_text(b, m, "feedback", where)
    effects = ()
    if "effects" in m:
        em = b.mapping(m["effects"], b.vpos(m, "effects"), f"'effects' of {where}")
        if em is not None:
            b.keys(em, f"'effects' of {where}", set(OUTCOMES))
            effects = tuple((o, read_effects(b, em.get(o), b.vpos(em, o), f"{where} ({o})"))
                            for o in OUTCOMES if o in em)
    raw_next = m.get("next", scene_next)
    npos = b.vpos(m, "next") if "next" in m else next_pos
    if "next" in m and scene_next is not None:
        b.r.error(next_pos, "give 'next' either in the scene or in its activity, not both")
    if raw_next is None:
        b.r.error(b.mpos(m), f"{where} has no 'next'",
                  "add 'next: <scene>' or next: {correct: ..., partial: ..., wrong: ...}")
        nxt = tuple((o, "END") for o in OUTCOMES)
    elif isinstance(raw_next, dict):
        b.keys(raw_next, f"'next' of {where}", set(OUTCOMES), OUTCOMES)
        nxt = tuple((o, b.target(raw_next.get(o, "END"), b.vpos(raw_next, o), where))
                    for o in OUTCOMES)
    else:
        t = b.target(raw_next, npos, where)
        nxt = tuple((o, t) for o in OUTCOMES)
    return activity_kind.activity_type(  # model.Activity plus the kind's own fields
        kind=kind, prompt=b.read(m, ACTIVITY, "prompt", where),
        time=b.read(m, ACTIVITY, "time", where),
        **kind_fields, pass_score=float(pass_score), partial_score=float(partial_score),
        feedback=feedback, effects=effects, next=nxt,
        explain=b.read(m, ACTIVITY, "explain", where),
        skills=b.skills(m, where), riasec=b.riasec(m, where),
        source=b.source_ref(m, where),
        attempts=b.read(m, ACTIVITY, "attempts", where), hints=b.text_list(m, "hints", where),
    )


def by_outcome_text(b, m, key, where) -> tuple:
    if key not in m:
        return ()
    fm = b.mapping(m[key], b.vpos(m, key), f"'{key}' of {where}")
    if fm is None:
        return ()
    b.keys(fm, f"'{key}' of {where}", set(OUTCOMES))
    return tuple((o, b.text(fm, o, f"{key} '{o}' of {where}")) for o in OUTCOMES if o in fm)
