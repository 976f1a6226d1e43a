"""`allocate`: spend a budget on items; the score is the share of goals met within budget."""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import TypedDict

from ..diagnostics import did_you_mean
from ..errors import ActionError, SaveError
from ..model import Text
from ..text import format_number
from .base import (Activity, ActivityKind, Field, Item, Number, Section, decode_indexes, is_number, item_ids,
                   labels_of, read_items, short_number)


#: A teacher guide's words for the answer key (engine/guides.py).
GUIDE_WORDS = {
    "en": {"goal": "Any plan that meets every goal without going over {budget} {unit}:"},
    "es": {"goal": "Cualquier plan que cumpla todas las metas sin pasar de {budget} {unit}:"},
}


@dataclass(frozen=True, kw_only=True)
class BudgetLine(Item):
    cost: float
    max: int
    values: tuple  # ((attr, n), ...): what one adds to each goal's attribute


@dataclass(frozen=True)
class Goal:
    attr: str
    min: float
    label: Text


@dataclass(frozen=True, kw_only=True)
class AllocateActivity(Activity):
    budget: float
    unit: Text
    items: tuple  # of BudgetLine
    goals: tuple  # of Goal


class BudgetLineView(TypedDict):
    """Something to buy in an allocate activity: its cost and how many at most."""

    id: str
    text: str
    cost: Number
    max: int


class GoalView(TypedDict):
    """A total an allocate answer should reach."""

    attr: str
    min: Number
    label: str


class AllocateView(TypedDict):
    """Spend a budget on items so the totals reach the goals."""

    budget: Number
    unit: str
    items: list[BudgetLineView]
    goals: list[GoalView]


GOAL = Section("allocate_goal", "A total the student's picks must reach.", {
    "attr": Field("string", "An attribute the items' values add up.", required=True),
    "min": Field("number", "The total needed.", required=True, default=0),
    "label": Field("text", "What the goal is called.", required=True),
})


def totals(act, answer: dict) -> tuple[float, dict]:
    """(money spent, {attr: total value}) of a quantity per item."""
    spent = sum(it.cost * answer.get(it.id, 0) for it in act.items)
    sums: dict = {}
    for it in act.items:
        for attr, v in it.values:
            sums[attr] = sums.get(attr, 0) + v * answer.get(it.id, 0)
    return spent, sums


class Allocate(ActivityKind):
    name = "allocate"
    activity_type = AllocateActivity
    view_type = AllocateView
    answer_doc = "{item id: quantity}"
    summary = "spends a budget on items; over budget scores 0, else the share of goals met"
    guide_name = {"en": "Plan a budget", "es": "Planear un presupuesto"}
    item = Section("allocate_item", "A budget line.", {
        "id": Field("id", "Unique in the activity.", required=True),
        "text": Field("text", "What it is.", required=True),
        "cost": Field("number", "The cost of one.", required=True, default=0, lo=0),
        "max": Field("int", "The most the student can take.", default=99, lo=0, hi=10000),
        "values": Field("map", "What one adds to each goal's attribute, like {strength: 2}.", of="number"),
    })
    list_key = "items"
    view_list = "items"
    goal = GOAL
    fields = {
        "budget": Field("number", "Money or units to spend.", required=True, default=0, lo=0),
        "unit": Field("text", "Unit shown next to the budget, e.g. USD; translatable like any text."),
        "items": Field("list", "The budget lines.", required=True, of="allocate_item", min_items=1),
        "goals": Field("list", "Totals to reach.", of="allocate_goal"),
    }

    def build(self, b, m, where):
        budget = b.read(m, self, "budget", where)
        if "budget" not in m:
            b.r.error(b.mpos(m), f"{where} needs a 'budget'")
        unit = b.read(m, self, "unit", where)

        def read(im, iwhere, fields):
            fields["text"] = b.read(im, self.item, "text", iwhere)
            fields["cost"] = b.read(im, self.item, "cost", iwhere)
            fields["max"] = b.read(im, self.item, "max", iwhere)
            vals = ()
            if "values" in im:
                vm = b.mapping(im["values"], b.vpos(im, "values"), f"'values' of {iwhere}")
                if vm:
                    vals = tuple((str(k), float(v)) for k, v in vm.items() if is_number(v))
                    for k, v in vm.items():
                        if not is_number(v):
                            b.r.error(b.vpos(vm, k), f"value '{k}' of {iwhere} must be a number")
            fields["values"] = vals
        items = read_items(b, m, "items", where, self.item, read, BudgetLine)
        return {"budget": float(budget), "unit": unit, "items": items,
                "goals": self._goals(b, m, where, items)}

    @staticmethod
    def _goals(b, m, where, items) -> tuple:
        if "goals" not in m:
            return ()
        lst = b.listing(m["goals"], b.vpos(m, "goals"), f"'goals' of {where}")
        attrs = {k for it in items for k, _ in it.values}
        out = []
        for i, g in enumerate(lst or ()):
            gwhere = f"goal {i + 1} of {where}"
            gm = b.mapping(g, b.ipos(lst, i), gwhere)
            if gm is None:
                continue
            b.keys(gm, gwhere, GOAL.keys, GOAL.required)
            attr = b.string(gm, "attr", gwhere, default="")
            if attr and attr not in attrs:
                b.r.error(b.vpos(gm, "attr"), f"no item has a value '{attr}'",
                          did_you_mean(attr, attrs) or "give items 'values: {" + attr + ": n}'")
            out.append(Goal(attr, float(b.read(gm, GOAL, "min", gwhere)), b.read(gm, GOAL, "label", gwhere)))
        return tuple(out)

    def view(self, act, shown, t, lang) -> AllocateView:
        return {"budget": act.budget, "unit": act.unit.get(lang),
                "items": [{"id": it.id, "text": t(it.text), "cost": it.cost, "max": it.max}
                          for it in act.items],
                "goals": [{"attr": g.attr, "min": g.min, "label": g.label.get(lang)} for g in act.goals]}

    def texts(self, act):
        return [(f"item '{it.id}'", it.text) for it in act.items] + \
               [(f"goal '{g.attr}'", g.label) for g in act.goals]

    def normalise(self, act, answer, lang="en"):
        if not isinstance(answer, dict):
            raise ActionError("the answer must give a quantity for each item")
        out = {}
        for it in act.items:
            q = answer.get(it.id, 0)
            if isinstance(q, bool) or not isinstance(q, (int, float)) or not float(q).is_integer():
                raise ActionError("quantities must be whole numbers")
            q = int(q)
            if q < 0 or q > it.max:
                raise ActionError(f"quantity for {it.id} must be 0 to {it.max}")
            out[it.id] = q
        if set(answer) - set(item_ids(act)):
            raise ActionError("unknown item in the answer")
        return out

    def score(self, act, answer):
        spent, sums = totals(act, answer)
        if spent > act.budget + 1e-9:
            return 0.0
        if not act.goals:
            return 1.0
        met = sum(1 for g in act.goals if sums.get(g.attr, 0) >= g.min - 1e-9)
        return met / len(act.goals)

    def right_answer(self, act, lang, given=None):
        """No single right answer: the budget spent and each goal, met or not, for `given`."""
        lines = []
        if isinstance(given, dict):
            spent, sums = totals(act, given)
            lines.append(f"{format_number(spent, lang, 2)} / {format_number(act.budget, lang, 2)} "
                         f"{act.unit.get(lang)}".strip())
            for g in act.goals:
                mark = "✓" if sums.get(g.attr, 0) >= g.min - 1e-9 else "✗"
                lines.append(f"{mark} {g.label.get(lang)}: {format_number(sums.get(g.attr, 0), lang, 2)} / "
                             f"{format_number(g.min, lang, 2)}")
        return {"answer": None, "display": lines}

    def answer_key(self, act, lang):
        """No single right answer: the budget and every goal a plan must meet."""
        words = GUIDE_WORDS.get(lang, GUIDE_WORDS["en"])
        budget = format_number(act.budget, lang, 2)
        lines = [words["goal"].format(budget=budget, unit=act.unit.get(lang)).replace(" :", ":")]
        lines += [f"{g.label.get(lang)} ≥ {format_number(g.min, lang, 2)}" for g in act.goals]
        return lines

    def view_texts(self, view):
        return [it["text"] for it in view["items"]] + [g["label"] for g in view["goals"]]

    def answer_text(self, view, given):
        if not isinstance(given, dict):
            return super().answer_text(view, given)
        items = labels_of(view, "items")
        return ", ".join(f"{items.get(k, k)}: {short_number(v)}" for k, v in given.items() if v) or "nothing"

    def encode(self, act, answer):
        return ".".join(str(answer.get(i, 0)) for i in item_ids(act))

    def decode(self, act, body):
        ids = item_ids(act)
        parts = decode_indexes(ids, body, check_range=False)  # quantities, not indexes
        if len(parts) > len(ids):
            raise SaveError("the code does not fit this simulation")
        return {ids[n]: p for n, p in enumerate(parts)}

    def candidates(self, act):
        items = act.items
        out = [("empty", {})]
        out.append(("over budget", {it.id: it.max for it in items}))
        sizes = [it.max + 1 for it in items]
        total = 1
        for n in sizes:
            total *= n
        combos = []
        if total <= 20000:
            combos = [dict(zip((it.id for it in items), q)) for q in itertools.product(*(range(n) for n in sizes))]
        else:
            rng = random.Random(7)
            combos = [{it.id: rng.randint(0, it.max) for it in items} for _ in range(3000)]
            # greedy: meet each goal with the cheapest item per unit of it
            greedy = {it.id: 0 for it in items}
            for g in act.goals:
                givers = sorted((it for it in items if dict(it.values).get(g.attr, 0) > 0),
                                key=lambda it: it.cost / dict(it.values)[g.attr])
                for it in givers:
                    _spent, sums = totals(act, greedy)
                    while sums.get(g.attr, 0) < g.min and greedy[it.id] < it.max:
                        greedy[it.id] += 1
                        _spent, sums = totals(act, greedy)
            combos.append(greedy)
        best, best_key = None, None
        for c in combos:
            spent, _t = totals(act, c)
            if spent > act.budget + 1e-9:
                continue
            key = (self.score(act, c), -spent)
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is not None:
            out.insert(0, ("right", best))
        out += [("mix", c) for c in combos]
        return out


KIND = Allocate()
