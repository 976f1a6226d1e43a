"""`numeric`: type a number; right within a tolerance, partly right when close."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from ..model import Text
from ..text import format_number
from .base import DIAGNOSE, Activity, ActivityKind, Field, read_diagnoses, short_number, typed_number


#: A teacher guide's words for what the answer key adds (engine/guides.py).
GUIDE_WORDS = {
    "en": {"accepted": "Counted right from {lo} to {hi}.", "half": "Half credit from {lo} to {hi}."},
    "es": {"accepted": "Cuenta como correcta de {lo} a {hi}.", "half": "Vale la mitad de {lo} a {hi}."},
}


@dataclass(frozen=True, kw_only=True)
class NumericActivity(Activity):
    answer: float
    unit: Text  # mL, USD... (a word may need translating: {en: dollars, es: dólares})
    tolerance: float
    close: float  # partial credit within this absolute distance
    decimals: int
    diagnoses: tuple  # ((wrong number, Text), ...): common wrong answers and what each means


class NumericView(TypedDict):
    """Type a number."""

    unit: str
    decimals: int


class Numeric(ActivityKind):
    name = "numeric"
    activity_type = NumericActivity
    view_type = NumericView
    typed = True
    answer_doc = ("a number, or the text the student typed (read the language's way: \"6,112\" and \"2.5\" "
                  "in English, \"6112\" and \"2,5\" in Spanish)")
    summary = "types a number; right within the tolerance, partly right within close_pct"
    guide_name = {"en": "Number", "es": "Número"}
    fields = {
        "answer": Field("number", "The right number.", required=True),
        "unit": Field("text", "Unit shown next to the number, e.g. mL; translatable like any text."),
        "tolerance": Field("number", "Absolute tolerance.", lo=0),
        "tolerance_pct": Field("number", "Tolerance in percent of the answer (instead of tolerance).", lo=0, hi=100),
        "close_pct": Field("number", "Partial credit within this percent of the answer.", lo=0, hi=100),
        "decimals": Field("int", "Decimals shown in the right answer.", default=2, lo=0, hi=6),
        "diagnose": Field("list", "Common wrong numbers and what each means: [{answer, says}].", of="diagnosis"),
    }
    sections = (DIAGNOSE,)

    def build(self, b, m, where):
        answer = b.read(m, self, "answer", where)
        if answer is None:
            b.r.error(b.mpos(m), f"{where} needs a numeric 'answer'")
            answer = 0
        unit = b.read(m, self, "unit", where)
        decimals = b.read(m, self, "decimals", where)
        tol = b.read(m, self, "tolerance", where)
        tol_pct = b.read(m, self, "tolerance_pct", where)
        if tol is not None and tol_pct is not None:
            b.r.error(b.kpos(m, "tolerance_pct"), "give 'tolerance' or 'tolerance_pct', not both")
        tolerance = tol if tol is not None else abs(answer) * (tol_pct or 0) / 100
        close_pct = b.read(m, self, "close_pct", where)
        close = abs(answer) * close_pct / 100 if close_pct is not None else 0.0
        close = max(close, tolerance)
        diagnoses = read_diagnoses(b, m, where, "answer", lambda dm, dw: b.read(dm, DIAGNOSE, "answer", dw))
        return {"answer": answer, "unit": unit, "decimals": decimals,
                "tolerance": float(tolerance), "close": float(close), "diagnoses": diagnoses}

    def diagnose(self, act, answer, variables=None):
        for wrong, says in act.diagnoses:
            if abs(answer - wrong) <= max(act.tolerance, 1e-9 * max(1.0, abs(wrong))):
                return says
        return None

    def view(self, act, shown, t, lang) -> NumericView:
        return {"unit": act.unit.get(lang), "decimals": act.decimals}

    def normalise(self, act, answer, lang="en"):
        # "6,112" could be 6.112 written the other way only when the answer has decimals
        x = typed_number(answer, lang, decimals=not float(act.answer).is_integer())
        return int(x) if x.is_integer() else x

    def score(self, act, answer):
        diff = abs(answer - act.answer)
        eps = 1e-9 * max(1.0, abs(act.answer))
        if diff <= act.tolerance + eps:
            return 1.0
        if diff <= act.close + eps:
            return 0.5
        return 0.0

    def right_answer(self, act, lang, given=None):
        return {"answer": act.answer,
                "display": [f"{format_number(act.answer, lang, act.decimals)} {act.unit.get(lang)}".strip()]}

    def answer_key(self, act, lang):
        # what score() accepts: right within the tolerance, half within close
        words = GUIDE_WORDS.get(lang, GUIDE_WORDS["en"])
        lines = list(self.right_answer(act, lang)["display"])

        def span(d):
            return {"lo": format_number(act.answer - d, lang, 4), "hi": format_number(act.answer + d, lang, 4)}
        if act.tolerance > 0:
            lines.append(words["accepted"].format(**span(act.tolerance)))
        if act.close > act.tolerance:
            lines.append(words["half"].format(**span(act.close)))
        return lines

    def answer_text(self, view, given):
        return f"{short_number(given)} {view['unit']}".strip()

    def encode(self, act, answer):
        return repr(answer) if isinstance(answer, float) else str(answer)

    def decode(self, act, body):
        return float(body) if any(c in body for c in ".en") else int(body)

    def candidates(self, act):
        a = act.answer
        tol, close = act.tolerance, act.close
        out = [("right", a)]
        if tol > 0:
            out.append(("edge of tolerance", a + tol * 0.99))
        if close > tol:
            out.append(("close", a + (tol + close) / 2))
        out.append(("wrong", a + max(abs(a), 1.0) * 3 + close + 7))
        out.append(("zero", 0))
        out.append(("negative", -abs(a) - 1))
        return out


KIND = Numeric()
