"""`order`: put items in order (a ranking): partial credit for each pair in the right order."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TypedDict

from ..errors import ActionError
from .base import (Activity, ActivityKind, Entry, Field, Section, check_ids, decode_indexes, encode_indexes, item_ids,
                   read_items)


@dataclass(frozen=True, kw_only=True)
class OrderActivity(Activity):
    items: tuple  # of model.Item
    answer: tuple  # the item ids in the right order


class OrderView(TypedDict):
    """Put items in order (order: scored by pairs; sequence: by places). Items are shuffled."""

    items: list[Entry]


class Order(ActivityKind):
    name = "order"
    activity_type = OrderActivity
    view_type = OrderView
    answer_doc = "list of item ids, in the student's order"
    summary = "ranks items (triage); score = share of pairs in the right relative order"
    guide_name = {"en": "Put in order", "es": "Ordenar"}
    item = Section("order_item", "An item to put in order.", {
        "id": Field("id", "Unique in the activity.", required=True),
        "text": Field("text", "The item.", required=True),
    })
    list_key = "items"
    view_list = "items"
    fields = {
        "items": Field("list", "The items, shown shuffled.", required=True, of="order_item", min_items=2),
        "answer": Field("ids", "The item ids in the right order, best first.", required=True),
    }

    def build(self, b, m, where):
        def read(im, iwhere, fields):
            fields["text"] = b.text(im, "text", iwhere)
        items = read_items(b, m, "items", where, self.item, read)
        ids = [it.id for it in items]
        ans = b.id_list(m, "answer", where)
        if "answer" not in m:
            b.r.error(b.mpos(m), f"{where} is missing 'answer' (the ids in the right order)")
        elif sorted(ans) != sorted(ids):
            missing = [i for i in ids if i not in ans]
            extra = [a for a in ans if a not in ids]
            detail = (f"missing {', '.join(missing)}" if missing else "") + \
                     ("; " if missing and extra else "") + (f"unknown {', '.join(extra)}" if extra else "")
            b.r.error(b.vpos(m, "answer"), f"'answer' of {where} must list every item once",
                      detail or "an id is listed twice")
        if len(items) < 2:
            b.r.error(b.vpos(m, "items") if "items" in m else b.mpos(m), f"{where} needs at least 2 items")
        return {"items": items, "answer": tuple(ans)}

    def shown(self, act, rng):
        shown = rng.shuffled(item_ids(act))
        if shown == list(act.answer):
            shown = shown[1:] + shown[:1]  # never show the answer already in order
        return shown

    def view(self, act, shown, t, lang) -> OrderView:
        items = {it.id: it for it in act.items}
        return {"items": [{"id": i, "text": t(items[i].text)} for i in shown]}

    def texts(self, act):
        return [(f"item '{it.id}'", it.text) for it in act.items]

    def normalise(self, act, answer, lang="en"):
        ids = item_ids(act)
        got = check_ids(answer, ids, "item")
        if len(got) != len(ids):
            raise ActionError("put every item in order")
        return got

    def score(self, act, answer):
        rank = {i: n for n, i in enumerate(act.answer)}
        pos = [rank[i] for i in answer]
        pairs = len(pos) * (len(pos) - 1) // 2
        good = sum(1 for a in range(len(pos)) for b in range(a + 1, len(pos)) if pos[a] < pos[b])
        return good / pairs if pairs else 1.0

    def right_answer(self, act, lang, given=None):
        items = {it.id: it for it in act.items}
        return {"answer": list(act.answer),
                "display": [f"{n}. {items[i].text.get(lang)}" for n, i in enumerate(act.answer, 1)]}

    answer_separator = " → "

    def view_texts(self, view):
        return [it["text"] for it in view["items"]]

    def encode(self, act, answer):
        return encode_indexes(item_ids(act), answer)

    def decode(self, act, body):
        ids = item_ids(act)
        return [ids[p] for p in decode_indexes(ids, body)]

    def candidates(self, act):
        right = list(act.answer)
        out = [("right", right)]
        if len(right) >= 2:
            swap = right[:]
            swap[0], swap[1] = swap[1], swap[0]
            out.append(("one swap", swap))
            swap = right[:]
            swap[-1], swap[-2] = swap[-2], swap[-1]
            out.append(("last swap", swap))
            out.append(("rotated", right[1:] + right[:1]))
            out.append(("reversed", right[::-1]))
        if len(right) <= 6:
            out += [("perm", list(p)) for p in itertools.permutations(right)]
        return out


KIND = Order()
