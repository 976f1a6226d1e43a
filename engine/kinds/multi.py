"""`multi`: pick every right option; a wrong pick cancels a right one."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TypedDict

from ..model import EMPTY_TEXT, Text
from .base import (Activity, ActivityKind, Entry, Field, Item, Section, check_ids, decode_indexes, encode_indexes,
                   item_ids, read_correct, read_items)


@dataclass(frozen=True, kw_only=True)
class Option(Item):
    correct: bool = False
    why: Text = EMPTY_TEXT  # why it is (or is not) right, shown afterwards


@dataclass(frozen=True, kw_only=True)
class MultiActivity(Activity):
    items: tuple  # of Option


class MultiView(TypedDict):
    """Pick every right option."""

    items: list[Entry]


class Multi(ActivityKind):
    name = "multi"
    activity_type = MultiActivity
    view_type = MultiView
    entry_type = Option  # what read_items makes of each entry
    answer_doc = "list of the option ids picked"
    summary = "picks every right option; score = (right picks − wrong picks) ÷ right options, at least 0"
    guide_name = {"en": "Choose all that apply", "es": "Elige todas las correctas"}
    item = Section("multi_option", "An option.", {
        "id": Field("id", "Unique in the activity.", required=True),
        "text": Field("text", "The option.", required=True),
        "correct": Field("bool", "A right option.", default=False),
        "why": Field("text", "Why it is (or is not) right, shown afterwards."),
    })
    list_key = "options"
    view_list = "items"
    fields = {"options": Field("list", "The options; mark the right ones correct: true.", required=True,
                               of="multi_option", min_items=1)}
    what = "option"  # what one entry is called in messages

    def read_item(self, b, im, iwhere, fields, size):
        fields["text"] = b.text(im, "text", iwhere)
        read_correct(b, im, iwhere, fields)

    def build_extra(self, b, m, where) -> dict:
        return {}

    def build(self, b, m, where):
        out = self.build_extra(b, m, where)
        size = (out["width"], out["height"]) if "width" in out else None

        def read(im, iwhere, fields):
            self.read_item(b, im, iwhere, fields, size)
        items = read_items(b, m, self.list_key, where, self.item, read, self.entry_type)
        if items and not any(it.correct for it in items):
            b.r.error(b.vpos(m, self.list_key), f"{where} has no {self.what} marked 'correct: true'")
        out["items"] = items
        return out

    def view(self, act, shown, t, lang) -> MultiView:
        return {"items": [{"id": it.id, "text": t(it.text)} for it in act.items]}

    def texts(self, act):
        return [text for it in act.items for text in ((f"item '{it.id}'", it.text), (f"item '{it.id}' why", it.why))]

    def normalise(self, act, answer, lang="en"):
        ids = item_ids(act)
        return sorted(check_ids(answer, ids, self.what), key=ids.index)

    def score(self, act, answer):
        right = {it.id for it in act.items if it.correct}
        picked = set(answer)
        return max(0.0, (len(picked & right) - len(picked - right)) / len(right))

    def right_answer(self, act, lang, given=None):
        right = [it for it in act.items if it.correct]
        lines = []
        for it in right:
            why = it.why.get(lang)
            lines.append(f"{it.text.get(lang)}" + (f" — {why}" if why else ""))
        return {"answer": [it.id for it in right], "display": lines}

    def view_texts(self, view):
        return [it["text"] for it in view["items"]]

    def encode(self, act, answer):
        return encode_indexes(item_ids(act), answer)

    def decode(self, act, body):
        ids = item_ids(act)
        return [ids[p] for p in decode_indexes(ids, body)]

    def candidates(self, act):
        ids = item_ids(act)
        right = [it.id for it in act.items if it.correct]
        wrong = [it.id for it in act.items if not it.correct]
        out = [("right", right)]
        if len(right) > 1:
            out.append(("one missing", right[:-1]))
        if wrong:
            out.append(("one extra", right + wrong[:1]))
            out.append(("only wrong", wrong))
        out.append(("everything", ids))
        out.append(("nothing", []))
        if len(ids) <= 10:
            out += [("subset", [i for i, bit in zip(ids, bits) if bit])
                    for bits in itertools.product((0, 1), repeat=len(ids))]
        return out


KIND = Multi()
