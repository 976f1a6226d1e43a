"""`match`: pair each left item with its right-hand side; each right pair earns its share."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TypedDict

from ..errors import ActionError, SaveError
from ..model import Text
from .base import Activity, ActivityKind, Entry, Field, Item, Section, decode_indexes, item_ids, labels_of, read_items


@dataclass(frozen=True, kw_only=True)
class Pair(Item):
    """`text` is the left side, shown in file order; `right` its match, shown shuffled."""

    right: Text


@dataclass(frozen=True, kw_only=True)
class MatchActivity(Activity):
    items: tuple  # of Pair


class MatchView(TypedDict):
    """Pair each item with one of the matches; the matches are shuffled."""

    items: list[Entry]
    matches: list[Entry]


class Match(ActivityKind):
    name = "match"
    activity_type = MatchActivity
    view_type = MatchView
    answer_doc = "{left id: right id}"
    summary = "pairs each left item with its right side; score = share matched"
    guide_name = {"en": "Match", "es": "Emparejar"}
    item = Section("match_pair", "A pair.", {
        "id": Field("id", "Unique in the activity.", required=True),
        "left": Field("text", "The left side, shown in file order.", required=True),
        "right": Field("text", "Its right side; the right sides are shown shuffled.", required=True),
    })
    list_key = "pairs"
    view_list = "items"
    fields = {"pairs": Field("list", "The pairs, each left with its right.", required=True, of="match_pair",
                             min_items=1)}

    def build(self, b, m, where):
        def read(im, iwhere, fields):
            fields["text"] = b.text(im, "left", iwhere)
            fields["right"] = b.text(im, "right", iwhere)
        return {"items": read_items(b, m, "pairs", where, self.item, read, Pair)}

    def shown(self, act, rng):
        return rng.shuffled(item_ids(act))  # the right-hand column, shuffled

    def view(self, act, shown, t, lang) -> MatchView:
        items = {it.id: it for it in act.items}
        return {"items": [{"id": it.id, "text": t(it.text)} for it in act.items],
                "matches": [{"id": i, "text": t(items[i].right)} for i in shown]}

    def texts(self, act):
        return [text for it in act.items
                for text in ((f"item '{it.id}'", it.text), (f"item '{it.id}' right", it.right))]

    def normalise(self, act, answer, lang="en"):
        ids = item_ids(act)
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

    def score(self, act, answer):
        return sum(1 for k, v in answer.items() if k == v) / len(act.items)

    def right_answer(self, act, lang, given=None):
        return {"answer": {it.id: it.id for it in act.items},
                "display": [f"{it.text.get(lang)} → {it.right.get(lang)}" for it in act.items]}

    def view_texts(self, view):
        return [it["text"] for it in [*view["items"], *view["matches"]]]

    def answer_text(self, view, given):
        if not isinstance(given, dict):
            return super().answer_text(view, given)
        items, matches = labels_of(view, "items"), labels_of(view, "matches")
        return "; ".join(f"{items.get(k, k)} → {matches.get(v, v)}" for k, v in given.items())

    def encode(self, act, answer):
        ids = item_ids(act)
        return ".".join(str(ids.index(answer[i])) for i in ids)

    def decode(self, act, body):
        ids = item_ids(act)
        parts = decode_indexes(ids, body)
        if len(parts) > len(ids):
            raise SaveError("the code does not fit this simulation")
        return {ids[n]: ids[p] for n, p in enumerate(parts)}

    def candidates(self, act):
        ids = item_ids(act)
        out = [("right", {i: i for i in ids})]
        if len(ids) >= 2:
            sw = {i: i for i in ids}
            sw[ids[0]], sw[ids[1]] = ids[1], ids[0]
            out.append(("one swap", sw))
            out.append(("all wrong", dict(zip(ids, ids[1:] + ids[:1]))))
        if len(ids) <= 6:
            out += [("perm", dict(zip(ids, p))) for p in itertools.permutations(ids)]
        return out


KIND = Match()
