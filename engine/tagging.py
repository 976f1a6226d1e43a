"""Lint checks for honest tags: skills and RIASEC areas only on choices that do no harm.

A RIASEC tag says what kind of work a choice is (persuading the town is Enterprising,
keeping records is Conventional), never whether it was a good decision; a skill is
credited only where it was used well. So a choice whose effects move a `judges: true`
variable (safety, quality, trust) the wrong way should carry neither: the engine credits
no skill for it (engine/session.py), and a RIASEC tag on it would read a corner-cutting
student as a "type". Here each such tag is reported where it is written, with a hint.

Only effects whose direction is known from the file are judged here (`safety -= 5`,
`quality += -3`); the engine judges every effect by the value it computes when played.
"""
from __future__ import annotations

from . import expressions as ex

#: functions whose value depends only on their arguments (no state, no dice)
_PURE = frozenset({"min", "max", "abs", "round", "clamp"})


def _constant(tree):
    """The value of an expression that reads nothing, else None."""
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind in ("neg", "not"):
        return None if _constant(tree[1]) is None else ex.compile_tree(tree)(None)
    if kind == "bin":
        return None if None in (_constant(tree[2]), _constant(tree[3])) else ex.compile_tree(tree)(None)
    if kind == "call" and tree[1] in _PURE:
        return None if any(_constant(a) is None for a in tree[2]) else ex.compile_tree(tree)(None)
    return None


def harms(effect, variables: dict) -> bool:
    """Whether an effect surely moves a judging variable the wrong way (known from the file)."""
    var = variables.get(effect.target)
    if var is None or not var.judges:
        return False
    try:
        value = _constant(ex.parse_effect(effect.source).value.tree)
    except ex.ExprError:
        return False
    if value is None or isinstance(value, bool):
        return False
    if effect.op == "+=":
        return var.worse(0, value)
    if effect.op == "-=":
        return var.worse(0, -value)
    if effect.op == "*=" and var.min is not None and var.min >= 0:  # scaling a value that is never negative
        return var.worse(1, value)
    return False  # '=': which way depends on the value before


def harmful_effects(choice, variables: dict) -> list:
    return [e for e in choice.effects if harms(e, variables)]


def _raw_choices(top, scene_id):
    scenes = top.get("scenes")
    raw = scenes.get(scene_id) if isinstance(scenes, dict) else None
    lst = raw.get("choices") if isinstance(raw, dict) else None
    return lst if isinstance(lst, list) else []


def check_tags(builder, top, sim) -> None:
    """Warnings (lint --strict fails on them) for dishonest tags, where they are written."""
    r = builder.r
    variables = {v.id: v for v in sim.variables}
    for scene in sim.scenes:
        raw = _raw_choices(top, scene.id)
        for i, choice in enumerate(scene.choices):
            if not (choice.skills or choice.riasec):
                continue
            bad = harmful_effects(choice, variables)
            if not bad:
                continue
            cm = raw[i] if i < len(raw) and isinstance(raw[i], dict) else {}
            names = ", ".join(f"'{e.source}'" for e in bad)
            for key, tag, what, hint in (
                    ("riasec", choice.riasec, f"has RIASEC area '{choice.riasec}'",
                     "a RIASEC area says what kind of work a choice is, never that it was a poor decision"),
                    ("skills", choice.skills, f"lists skills ({', '.join(choice.skills)})",
                     "a skill is credited only where it is used well, so the engine never credits these")):
                if tag:
                    r.warning(builder.kpos(cm, key), f"choice '{choice.id}' of scene '{scene.id}' harms the work "
                              f"({names}) but {what}", f"{hint}: remove '{key}' from this choice", length=len(key))
    tagged = any(c.skills for s in sim.scenes for c in s.choices)
    if tagged and not any(v.judges for v in sim.variables):
        r.warning(builder.kpos(top, "variables") if "variables" in top else (1, 1),
                  "no variable has 'judges: true', so every choice's skills are credited, even a poor choice's",
                  "mark the meters that say how well the work goes (like safety or quality) with "
                  "'judges: true' (docs/authoring.md, 'Honest credit')")
