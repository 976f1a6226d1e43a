"""Finds conditions that can never hold, by interval arithmetic over the variables' bounds.

Every change to a variable is clamped into its `min`..`max`, so `safety > 120` with
`max: 100` is never true, and neither is `done == 2` for a true/false variable. Only what
is decidable this way is reported: a whole condition that is false for every value the
variables can take. Anything the analysis cannot bound (time, visits, division) counts as
"could be anything", so it never reports a condition that could hold.
"""
from __future__ import annotations

import math

INF = math.inf
ANY = (-INF, INF)
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _interval(tree, bounds: dict):
    """(lo, hi) that the expression's value stays within, given {name: (type, lo, hi)}."""
    kind = tree[0]
    if kind == "num":
        v = float(tree[1])
        return (v, v)
    if kind == "name":
        if tree[1] not in bounds:
            return (0.0, INF) if tree[1] == "time" else ANY
        vtype, lo, hi = bounds[tree[1]]
        if vtype == "bool":
            return (0.0, 1.0)
        return (-INF if lo is None else float(lo), INF if hi is None else float(hi))
    if kind == "neg":
        lo, hi = _interval(tree[1], bounds)
        return (-hi, -lo)
    if kind == "bin" and tree[1] in "+-*":
        a, b = _interval(tree[2], bounds), _interval(tree[3], bounds)
        if tree[1] == "+":
            return (a[0] + b[0], a[1] + b[1])
        if tree[1] == "-":
            return (a[0] - b[1], a[1] - b[0])
        if any(math.isinf(x) for x in a + b):
            return ANY
        products = [x * y for x in a for y in b]
        return (min(products), max(products))
    if kind == "call":
        fname, args = tree[1], tree[2]
        if fname in ("visited", "chose"):
            return (0.0, INF)
        if fname == "score":
            return (0.0, 1.0)
        spans = [_interval(a, bounds) for a in args]
        if fname == "min":
            return (min(s[0] for s in spans), min(s[1] for s in spans))
        if fname == "max":
            return (max(s[0] for s in spans), max(s[1] for s in spans))
        if fname == "clamp":
            (_xl, _xh), (lo, _), (_, hi) = spans
            return (max(_xl, lo), min(_xh, hi)) if lo <= hi else ANY
        if fname == "roll":
            return (spans[0][0], spans[1][1])
    return ANY


def _never(tree, bounds):
    """The comparison that makes the whole condition false, or None if it may hold."""
    kind = tree[0]
    if kind == "and":
        return _never(tree[1], bounds) or _never(tree[2], bounds)
    if kind == "or":
        left = _never(tree[1], bounds)
        return left if left and _never(tree[2], bounds) else None
    if kind == "cmp":
        op, (ll, lh), (rl, rh) = tree[1], _interval(tree[2], bounds), _interval(tree[3], bounds)
        never = {">=": lh < rl, ">": lh <= rl, "<=": ll > rh, "<": ll >= rh,
                 "==": lh < rl or ll > rh, "!=": ll == lh == rl == rh}[op]
        if op == "==" and not never:
            never = _whole_number_vs_fraction(tree, bounds)
        return tree if never else None
    return None  # a literal `false` is taken as meant: a way to switch something off


def _whole_number_vs_fraction(tree, bounds) -> bool:
    """`count == 2.5` where count is an int variable."""
    _op, a, b = tree[1], tree[2], tree[3]
    for x, y in ((a, b), (b, a)):
        if x[0] == "name" and bounds.get(x[1], ("",))[0] == "int" and y[0] == "num" \
                and not isinstance(y[1], bool) and not float(y[1]).is_integer():
            return True
    return False


def _names(tree) -> list:
    """Variable names in the order they appear in the source (the parser's order)."""
    kind = tree[0]
    if kind == "name":
        return [tree[1]]
    if kind in ("neg", "not"):
        return _names(tree[1])
    if kind in ("and", "or"):
        return _names(tree[1]) + _names(tree[2])
    if kind in ("bin", "cmp"):
        return _names(tree[2]) + _names(tree[3])
    if kind == "call":
        return [n for a in tree[2] if a[0] != "str" for n in _names(a)]
    return []


def _show(tree) -> str:
    kind = tree[0]
    if kind == "num":
        v = tree[1]
        return str(v).lower() if isinstance(v, bool) else f"{v:g}"
    if kind == "name":
        return tree[1]
    if kind == "cmp":
        return f"{_show(tree[2])} {tree[1]} {_show(tree[3])}"
    if kind == "bin":
        return f"{_show(tree[2])} {tree[1]} {_show(tree[3])}"
    if kind == "neg":
        return f"-{_show(tree[1])}"
    if kind == "call":
        return f"{tree[1]}(" + ", ".join(f'"{a[1]}"' if a[0] == "str" else _show(a) for a in tree[2]) + ")"
    return "…"


def _facts(tree, bounds) -> list:
    """What the analysis knows about each thing the comparison reads, in words."""
    out = []
    for n in dict.fromkeys(_names(tree)):
        if n == "time" and n not in bounds:
            out.append("time is never below 0")
        if n not in bounds:
            continue
        vtype, lo, hi = bounds[n]
        if vtype == "bool":
            out.append(f"'{n}' is true or false")
        elif lo is not None and hi is not None:
            out.append(f"'{n}' stays between {_fmt(lo)} and {_fmt(hi)}")
        elif lo is not None:
            out.append(f"'{n}' is never below {_fmt(lo)}")
        elif hi is not None:
            out.append(f"'{n}' is never above {_fmt(hi)}")
    calls = _calls(tree)
    if calls & {"visited", "chose"}:
        out.append("visited() and chose() count from 0")
    if "score" in calls:
        out.append("score() is between 0 and 1")
    if "clamp" in calls:
        out.append("clamp(x, lo, hi) stays between lo and hi")
    if tree[0] == "cmp" and tree[1] == "==" and _whole_number_vs_fraction(tree, bounds):
        out = [f"'{n}' is a whole number (type: int)" for n in dict.fromkeys(_names(tree))
               if bounds.get(n, ("",))[0] == "int"]
    return out


def _calls(tree) -> set:
    if not isinstance(tree, tuple) or not tree:
        return set()
    found = {tree[1]} if tree[0] == "call" else set()
    for part in tree[1:]:
        if isinstance(part, tuple):
            found |= _calls(part) if part and isinstance(part[0], str) else set().union(*map(_calls, part))
    return found


def never_holds(parsed, bounds: dict):
    """(message, hint, column offset) when the condition can never be true, else None.

    `parsed` is expressions.parse()'s result; `bounds` maps variable names to
    (type, min, max) as declared (None for a missing bound)."""
    culprit = _never(parsed.tree, bounds)
    if culprit is None:
        return None
    offset = 0
    if culprit[0] == "cmp":
        names = _names(culprit)
        before = _names_before(parsed.tree, culprit)
        if names and len(parsed.names) > before:
            offset = parsed.names[before][1]
        else:  # no variable in it: point at its first visited("...") or score("...") instead
            ids = [(a[1], tree_fn) for tree_fn, a in _id_args(culprit)]
            at = [off - len(fn) - 1 for fn, ident, off in parsed.refs if (ident, fn) in ids]
            offset = at[0] if at else 0
        why = "; ".join(_facts(culprit, bounds)) or "the values it compares can never meet"
        return (f"can never be true: '{_show(culprit)}' is always false", why, offset)
    return ("can never be true", "it is always false", offset)


def _id_args(tree) -> list:
    """(function, ("str", id)) for each id argument of a call in `tree`."""
    if not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return []
    if tree[0] == "call":
        return [(tree[1], a) for a in tree[2] if a[0] == "str"][:1] + \
            [x for a in tree[2] if a[0] != "str" for x in _id_args(a)]
    return [x for part in tree[1:] if isinstance(part, tuple) for x in _id_args(part)]


def _names_before(tree, target) -> int:
    """How many variable names come before `target` in `tree` (source order)."""
    count = 0

    def walk(node) -> bool:
        nonlocal count
        if node is target:
            return True
        kind = node[0]
        if kind == "name":
            count += 1
            return False
        children = {"neg": [1], "not": [1], "and": [1, 2], "or": [1, 2], "bin": [2, 3], "cmp": [2, 3]}.get(kind)
        if kind == "call":
            return any(walk(a) for a in node[2] if a[0] != "str")
        return any(walk(node[i]) for i in children or [])

    walk(tree)
    return count


def _fmt(v) -> str:
    return f"{float(v):g}"
