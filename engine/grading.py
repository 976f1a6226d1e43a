"""Grades an activity answer: a score from 0 to 1 and the right answer for feedback."""
from __future__ import annotations

import math

from .errors import ActionError
from .model import Activity
from .text import format_number


def _ids(answer, allowed, what) -> list:
    if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
        raise ActionError(f"the answer must be a list of {what} ids")
    unknown = [a for a in answer if a not in allowed]
    if unknown:
        raise ActionError(f"unknown {what}: {', '.join(unknown[:3])}")
    if len(set(answer)) != len(answer):
        raise ActionError(f"a {what} is listed twice")
    return list(answer)


def parse_number(value) -> float:
    if isinstance(value, bool):
        raise ActionError("the answer must be a number")
    if isinstance(value, (int, float)):
        x = float(value)
    elif isinstance(value, str):
        s = value.strip().replace(" ", "").replace(",", ".")
        try:
            x = float(s)
        except ValueError:
            raise ActionError("type a number, like 2.5") from None
    else:
        raise ActionError("the answer must be a number")
    if not math.isfinite(x) or abs(x) > 1e12:
        raise ActionError("that number is too large")
    return x


def normalise(activity: Activity, answer):
    """Checks the answer's shape; returns it in a canonical JSON-ready form."""
    kind = activity.kind
    ids = [it.id for it in activity.items]
    if kind in ("order", "sequence"):
        got = _ids(answer, ids, "item")
        if len(got) != len(ids):
            raise ActionError("put every item in order")
        return got
    if kind == "numeric":
        x = parse_number(answer)
        return int(x) if x.is_integer() else x
    if kind in ("multi", "hotspot"):
        return sorted(_ids(answer, ids, "option" if kind == "multi" else "spot"), key=ids.index)
    if kind == "match":
        if not isinstance(answer, dict):
            raise ActionError("the answer must pair each left item with a right item")
        out = {}
        for left in ids:
            if left not in answer:
                raise ActionError("match every item")
            right = answer[left]
            if right not in ids:
                raise ActionError(f"unknown item: {right}")
            out[left] = right
        if set(answer) - set(ids):
            raise ActionError("unknown item in the answer")
        return out
    if kind == "allocate":
        if not isinstance(answer, dict):
            raise ActionError("the answer must give a quantity for each item")
        out = {}
        for it in activity.items:
            q = answer.get(it.id, 0)
            if isinstance(q, bool) or not isinstance(q, (int, float)) or not float(q).is_integer():
                raise ActionError("quantities must be whole numbers")
            q = int(q)
            if q < 0 or q > it.max:
                raise ActionError(f"quantity for {it.id} must be 0 to {it.max}")
            out[it.id] = q
        if set(answer) - set(ids):
            raise ActionError("unknown item in the answer")
        return out
    raise ActionError(f"unknown activity kind {kind}")


def allocate_totals(activity: Activity, answer: dict) -> tuple[float, dict]:
    spent = sum(it.cost * answer.get(it.id, 0) for it in activity.items)
    totals: dict = {}
    for it in activity.items:
        for attr, v in it.values:
            totals[attr] = totals.get(attr, 0) + v * answer.get(it.id, 0)
    return spent, totals


def score(activity: Activity, answer) -> float:
    """Score from 0 to 1 for a normalised answer."""
    kind = activity.kind
    if kind == "order":
        rank = {i: n for n, i in enumerate(activity.answer)}
        pos = [rank[i] for i in answer]
        pairs = len(pos) * (len(pos) - 1) // 2
        good = sum(1 for a in range(len(pos)) for b in range(a + 1, len(pos)) if pos[a] < pos[b])
        return good / pairs if pairs else 1.0
    if kind == "sequence":
        return sum(1 for a, b in zip(answer, activity.answer) if a == b) / len(activity.answer)
    if kind == "numeric":
        diff = abs(answer - activity.answer)
        eps = 1e-9 * max(1.0, abs(activity.answer))
        if diff <= activity.tolerance + eps:
            return 1.0
        if diff <= activity.close + eps:
            return 0.5
        return 0.0
    if kind in ("multi", "hotspot"):
        right = {it.id for it in activity.items if it.correct}
        picked = set(answer)
        return max(0.0, (len(picked & right) - len(picked - right)) / len(right))
    if kind == "match":
        return sum(1 for k, v in answer.items() if k == v) / len(activity.items)
    if kind == "allocate":
        spent, totals = allocate_totals(activity, answer)
        if spent > activity.budget + 1e-9:
            return 0.0
        if not activity.goals:
            return 1.0
        met = sum(1 for g in activity.goals if totals.get(g.attr, 0) >= g.min - 1e-9)
        return met / len(activity.goals)
    return 0.0


def outcome(activity: Activity, value: float) -> str:
    if value >= activity.pass_score - 1e-9:
        return "correct"
    if value >= activity.partial_score - 1e-9:
        return "partial"
    return "wrong"


def right_answer(activity: Activity, lang: str, given=None) -> dict:
    """The right answer in the shape a student sends, with a line of text per part."""
    kind = activity.kind
    items = {it.id: it for it in activity.items}
    if kind in ("order", "sequence"):
        return {"answer": list(activity.answer),
                "display": [f"{n}. {items[i].text.get(lang)}" for n, i in enumerate(activity.answer, 1)]}
    if kind == "numeric":
        return {"answer": activity.answer,
                "display": [f"{format_number(activity.answer, lang, activity.decimals)} {activity.unit.get(lang)}".strip()]}
    if kind in ("multi", "hotspot"):
        right = [it for it in activity.items if it.correct]
        lines = []
        for it in right:
            why = it.why.get(lang)
            lines.append(f"{it.text.get(lang)}" + (f" — {why}" if why else ""))
        return {"answer": [it.id for it in right], "display": lines}
    if kind == "match":
        return {"answer": {it.id: it.id for it in activity.items},
                "display": [f"{it.text.get(lang)} → {it.right.get(lang)}" for it in activity.items]}
    if kind == "allocate":
        lines = []
        if isinstance(given, dict):
            spent, totals = allocate_totals(activity, given)
            lines.append(f"{format_number(spent, lang, 2)} / {format_number(activity.budget, lang, 2)} {activity.unit.get(lang)}".strip())
            for g in activity.goals:
                mark = "✓" if totals.get(g.attr, 0) >= g.min - 1e-9 else "✗"
                lines.append(f"{mark} {g.label.get(lang)}: {format_number(totals.get(g.attr, 0), lang, 2)} / "
                             f"{format_number(g.min, lang, 2)}")
        return {"answer": None, "display": lines}
    return {"answer": None, "display": []}
