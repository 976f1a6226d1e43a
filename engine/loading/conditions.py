"""Conditions (`if:`, `when:`) and effects (`trust += 5`): parsed, their names checked.

Names are checked against the variables read so far; the functions and ids they refer to
(`chose("x")`, `score("s")`) are noted on the builder and checked against the whole file later
(engine/loading/references.py)."""
from __future__ import annotations

from .. import expressions as ex
from ..bounds import never_holds
from ..diagnostics import did_you_mean, expr_pos
from ..model import Condition, Effect


def check_names(b, parsed, pos):
    for name, off in parsed.names:
        if name not in b.var_names:
            b.r.error(expr_pos(pos, off), f"unknown variable '{name}'",
                      did_you_mean(name, b.var_names) or "declare it under 'variables:'",
                      length=len(name))
        b.read_names.add(name)
    for fname, ident, off in parsed.refs:
        b.refs.append((fname, ident, expr_pos(pos, off)))


def read_condition(b, m, key, where):
    if key not in m or m[key] is None:
        return None
    src = m[key]
    pos = b.vpos(m, key)
    if isinstance(src, (dict, list)):
        b.r.error(pos, f"'{key}' of {where} must be a condition like 'trust >= 50'")
        return None
    try:
        parsed = ex.parse(src)
    except ex.ExprError as exc:
        b.r.error(expr_pos(pos, exc.offset), f"in '{key}' of {where}: {exc.message}", exc.hint)
        return None
    check_names(b, parsed, pos)
    never = never_holds(parsed, {n: (v.type, v.min, v.max) for n, (v, _p) in b.variables.items()})
    if never:  # engine/bounds.py: decidable from the variables' min and max
        b.r.warning(expr_pos(pos, never[2]), f"'{key}' of {where} {never[0]}", never[1])
    return Condition(str(src), ex.compile_tree(parsed.tree))


def read_effects(b, value, pos, where) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
        items_pos = [pos]
    else:
        lst = b.listing(value, pos, f"effects of {where}")
        if lst is None:
            return ()
        items_pos = [b.ipos(lst, i) for i in range(len(lst))]
    out = []
    for src, ipos in zip(value, items_pos):
        try:
            eff = ex.parse_effect(src)
        except ex.ExprError as exc:
            b.r.error(expr_pos(ipos, exc.offset), f"in an effect of {where}: {exc.message}",
                      exc.hint)
            continue
        if eff.target not in b.var_names:
            b.r.error(expr_pos(ipos, eff.target_offset), f"unknown variable '{eff.target}'",
                      did_you_mean(eff.target, b.var_names) or "declare it under 'variables:'",
                      length=len(eff.target))
            continue
        check_names(b, eff.value, ipos)
        b.assigned.add(eff.target)
        variable = b.variables[eff.target][0] if eff.target in b.variables else None  # None: "time"
        out.append(Effect(src, eff.target, eff.op, ex.compile_tree(eff.value.tree), variable))
    return tuple(out)
