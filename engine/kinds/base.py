"""The one protocol every activity kind implements, and helpers the kinds share.

A kind is an object with a `name` and the methods below. The loader calls `build`, the
session calls `shown`, `view`, `normalise`, `score`, `outcome` and `right_answer`, the
resume code calls `encode`/`decode`, the explorer calls `candidates`. A kind never
imports the loader or the session: the loader hands `build` itself (the reader `b`, with
the methods listed under "the loader's reader"), the session hands `view` a function that
fills a text's placeholders.

A kind also declares its own types: `activity_type`, the model dataclass of a loaded
activity (model.Activity plus the kind's fields), and `view_type`, the TypedDict of its
part of view()["activity"] (engine/view.py adds the keys every activity has and builds
the view contract from the registry).
"""
from __future__ import annotations

from typing import TypedDict, Union

from ..catalogue import ui_text
from ..errors import ActionError, SaveError
from ..model import EMPTY_TEXT, Activity, Item
from ..spec import OUTCOMES, Field, Section
from ..text import NumberEntryError, read_number

Number = Union[int, float]


class Entry(TypedDict):
    """An entry the student orders, picks or pairs (an activity's items, a match's matches)."""

    id: str
    text: str


class ActivityKind:
    """Base class of the kinds: the protocol, with the parts most kinds share."""

    name: str = ""
    #: the model dataclass of a loaded activity of this kind: model.Activity plus the
    #: fields `build` returns
    activity_type: type = Activity
    #: the TypedDict of the keys `view` returns (engine/view.py adds kind, prompt, scene
    #: and retry); kinds that share one (order and sequence) share its contract entry
    view_type: type | None = None
    #: what the student does, for the docs
    summary: str = ""
    #: the kind's name in a teacher guide's answer key (engine/guides.py), by language
    guide_name: dict = {}
    #: the shape of the answer a front end sends, for the docs
    answer_doc: str = ""
    #: the YAML keys of this kind's activity beyond the keys every activity has
    #: (engine/spec.py ACTIVITY), as spec Fields: the loader checks them, the schema and
    #: the docs list them
    fields: dict = {}
    #: the key of its list of entries (items, options, pairs, spots) and their section
    list_key: str | None = None
    item: Section | None = None
    #: more sections of its entries, for the schema and the docs (the model kind's inputs, ...)
    sections: tuple = ()
    #: the key of view()["activity"] that lists what the student works through (the
    #: reading-time model counts them); True in `typed` when the student types the answer
    view_list: str | None = None
    typed: bool = False

    def __getitem__(self, key: str) -> Field:
        """A field by key, so the loader reads a kind's keys like a spec Section's."""
        return self.fields[key]

    def required(self) -> tuple:
        return tuple(k for k, f in self.fields.items() if f.required)

    # ---- loading: the loader's reader `b` (engine/loading/reader.py) offers mapping, listing,
    # keys, string, ident, number, boolean, text, id_list, vpos, kpos, ipos, mpos and `r` ---
    def build(self, b, m, where: str) -> dict:
        """Reads and checks this kind's keys of activity mapping `m`; returns the model
        Activity's kind-specific fields (items, answer, unit, ...). Reports every problem."""
        raise NotImplementedError

    # ---- play ------------------------------------------------------------------------
    def shown(self, act, rng):
        """The order the items are shown in (a list of ids, saved in the state), drawn from
        `rng` when the scene is entered; None when this kind shows them as written."""
        return None

    def view(self, act, shown, t, lang: str) -> dict:
        """The kind's fields of view()["activity"]; `t(text)` fills a Text's placeholders."""
        raise NotImplementedError

    def normalise(self, act, answer, lang: str = "en"):
        """The answer in canonical JSON-ready form; ActionError when its shape is wrong.
        `lang` is the language the student plays in: a typed number is read its way."""
        raise NotImplementedError

    def score(self, act, answer) -> float:
        """0 to 1 for a normalised answer."""
        raise NotImplementedError

    def grade(self, act, answer, variables=None) -> float:
        """0 to 1 for a normalised answer, given the simulation's variables (the session
        passes them; a kind whose grading reads no variable just scores)."""
        return self.score(act, answer)

    def diagnose(self, act, answer, variables=None):
        """What a common wrong answer means (a Text from the activity's `diagnose` list),
        or None when the answer is none of them."""
        return None

    def texts(self, act) -> list:
        """(what, Text) pairs of the student-facing words in this kind's own fields, for
        `testdrive stats` (words, reading level, missing translations)."""
        return []

    def start(self, act):
        """The answer a front end starts from, for kinds with something to draw before the
        student acts (a live model's inputs at their start); None otherwise."""
        return None

    def sets(self, act, answer, variables) -> list:
        """(variable, value) pairs a committed answer sets; most kinds set none."""
        return []

    def sets_decimals(self, act) -> dict:
        """{variable: decimals} of the numbers `sets` puts in variables, so a {variable} in a
        text shows as many decimals as the activity showed; most kinds set none."""
        return {}

    def live(self, act, answer, variables, lang, t=None):
        """What a front end draws for an answer not yet committed (a live model's outputs
        while the student drags); None for kinds with nothing to compute."""
        return None

    def outcome(self, act, value: float) -> str:
        """One of OUTCOMES: the activity's `pass` and `partial` marks decide."""
        if value >= act.pass_score - 1e-9:
            return "correct"
        if value >= act.partial_score - 1e-9:
            return "partial"
        return "wrong"

    def right_answer(self, act, lang: str, given=None) -> dict:
        """{"answer": the right answer as a student would send it (or None), "display": lines}."""
        raise NotImplementedError

    def view_texts(self, view: dict) -> list:
        """The texts a student reads in this kind's part of view()["activity"] besides its
        prompt (engine/readability.py counts their words)."""
        return []

    def answer_text(self, view: dict, given) -> str:
        """An answer (not None) as short English text for a results table
        (engine/results.py), from the activity's English view: ids become their labels."""
        if isinstance(given, (list, tuple)):
            labels = labels_of(view, "items")
            return self.answer_separator.join(labels.get(i, str(i)) for i in given) or "nothing"
        return str(given)[:200]

    #: between the entries of a list answer in answer_text
    answer_separator = ", "

    def answer_key(self, act, lang: str) -> list:
        """The lines of a teacher guide's answer key (engine/guides.py): the right answer
        as the feedback shows it."""
        return list(self.right_answer(act, lang)["display"])

    # ---- resume codes ----------------------------------------------------------------
    def encode(self, act, answer) -> str:
        """A normalised answer as a short token for a resume code (digits and dots)."""
        raise NotImplementedError

    def decode(self, act, body: str):
        """The answer a token stands for; SaveError (or ValueError) when it cannot be one."""
        raise NotImplementedError

    # ---- the explorer ----------------------------------------------------------------
    def candidates(self, act) -> list:
        """(label, answer) pairs to try: named representatives first ("right" first),
        then more answers for coverage."""
        raise NotImplementedError


# ---- helpers the kinds share ----------------------------------------------------------

def labels_of(view: dict, key: str) -> dict:
    """{id: text} of the entries a view lists under `key`."""
    return {it["id"]: it["text"] for it in view[key]}


def short_number(x) -> str:
    """A number as a results table shows it: 2.5, 3, 1e-05."""
    return f"{x:g}" if isinstance(x, float) else str(x)


def is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def typed_number(value, lang: str, decimals: bool = True) -> float:
    """A number the student typed (or a front end sent), read the way `lang` writes
    numbers (engine/text.py read_number); ActionError in the student's language when it
    cannot be read, or could be read two ways."""
    try:
        return read_number(value, lang, decimals)
    except NumberEntryError as exc:
        raise ActionError(ui_text(exc.key, lang, **exc.values)) from None


def item_ids(act) -> list:
    return [it.id for it in act.items]


def check_ids(answer, allowed, what) -> list:
    """A list of distinct known ids, or ActionError."""
    if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
        raise ActionError(f"the answer must be a list of {what} ids")
    unknown = [a for a in answer if a not in allowed]
    if unknown:
        raise ActionError(f"unknown {what}: {', '.join(unknown[:3])}")
    if len(set(answer)) != len(answer):
        raise ActionError(f"a {what} is listed twice")
    return list(answer)


def encode_indexes(ids: list, chosen) -> str:
    return ".".join(str(ids.index(i)) for i in chosen)


def decode_indexes(ids: list, body: str, check_range: bool = True) -> list:
    parts = [int(p) for p in body.split(".")] if body else []
    if check_range and any(not 0 <= p < max(len(ids), 1) for p in parts):
        raise SaveError("the code does not fit this simulation")
    return parts


def read_items(b, m, key: str, where: str, section: Section, read, make=Item) -> tuple:
    """The list under `key` of mapping `m` as `make` (model.Item or a kind's extension of
    it): each checked against `section`'s keys and for a unique id, then
    `read(im, iwhere, fields)` adds the entry's text and the kind's own fields."""
    if key not in m:
        b.r.error(b.mpos(m), f"{where} is missing '{key}'")
        return ()
    lst = b.listing(m[key], b.vpos(m, key), f"'{key}' of {where}")
    if not lst:
        return ()
    out = []
    for im, iid, iwhere in b.entries(lst, section, key, where, lambda iid: f"id '{iid}' is used twice in {where}",
                                     unnamed="item"):
        fields = {"id": iid}
        read(im, iwhere, fields)
        out.append(make(**fields))
    return tuple(out)


DIAGNOSE = Section("diagnosis", "A common wrong answer and what it means.", {
    "answer": Field("number", "numeric: the wrong number (matched within the activity's tolerance)."),
    "if": Field("string", "model: a condition over the inputs and outputs."),
    "says": Field("text", "What it means, shown when the student gives it, e.g. "
                          "\"You divided by 100, not by 10.\"", required=True),
})


def read_diagnoses(b, m, where, key: str, read_one) -> tuple:
    """The activity's `diagnose` list: (what read_one(dm, dwhere) returns, Text) pairs."""
    if "diagnose" not in m:
        return ()
    lst = b.listing(m["diagnose"], b.vpos(m, "diagnose"), f"'diagnose' of {where}") or []
    out = []
    for i, raw in enumerate(lst):
        dwhere = f"diagnosis {i + 1} of {where}"
        dm = b.mapping(raw, b.ipos(lst, i), dwhere)
        if dm is None:
            continue
        b.keys(dm, dwhere, {key, "says"}, (key, "says"))
        match = read_one(dm, dwhere)
        says = b.text(dm, "says", dwhere)
        if match is not None:
            out.append((match, says))
    return tuple(out)


def read_correct(b, im, iwhere, fields) -> None:
    """`correct` and `why` of an option or spot."""
    fields["correct"] = b.boolean(im, "correct", iwhere)
    fields["why"] = b.text(im, "why", iwhere, required=False)


__all__ = ["Activity", "ActivityKind", "DIAGNOSE", "EMPTY_TEXT", "Entry", "Field", "Item", "Number", "OUTCOMES",
           "Section", "check_ids", "decode_indexes", "encode_indexes", "is_number", "item_ids", "typed_number",
           "read_correct", "read_diagnoses", "read_items"]
