"""The `numeric` kind: a typed number, right within a tolerance, partly right when close."""
from __future__ import annotations

import pytest

from engine import ActionError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["numeric"]
SIM = """
start: dose
languages: [en, es]
scenes:
  dose:
    text: {en: The order is 250 mg., es: La orden es de 250 mg.}
    activity:
      kind: numeric
      prompt: {en: "How many mL do you draw up?", es: "¿Cuántos mL preparas?"}
      answer: 2.5
      unit: mL
      tolerance: 0.05
      close_pct: 10
      decimals: 1
      next: END
endings:
  - {id: done, title: {en: Done, es: Listo}, rating: 1, text: {en: Done., es: Listo.}}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("dose").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace("tolerance: 0.05", "tolerance: 0.05\n      tolerance_pct: 2"))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col, d.message) == (12, 7, "give 'tolerance' or 'tolerance_pct', not both")
    diags = problems_from(SIM.replace("      answer: 2.5\n", "").replace("decimals: 1", "decimals: 9"))
    assert sorted(d.message for d in diags if d.severity == "error") == [
        "'decimals' in the activity of scene 'dose' must be 0 to 6, not 9",
        "the activity of scene 'dose' needs a numeric 'answer'"]


def test_view(sim_from):
    a = Session(sim_from(SIM), lang="es").view()["activity"]
    assert a == {"kind": "numeric", "prompt": "¿Cuántos mL preparas?", "scene": "dose", "unit": "mL",
                 "decimals": 1}


def test_normalise_and_score(act):
    assert KIND.normalise(act, " 2,5 ", "es") == 2.5 and KIND.normalise(act, "2.5") == 2.5
    assert KIND.normalise(act, 3.0) == 3 and isinstance(KIND.normalise(act, 3.0), int)
    with pytest.raises(ActionError, match="Write a decimal with a point: 2.5"):
        KIND.normalise(act, "2,5", "en")  # a comma only groups thousands in English
    with pytest.raises(ActionError, match="los decimales se escriben con coma"):
        KIND.normalise(act, "2.5", "es")
    for bad, message in (("two", "Type a number"), (True, "Type a number"), (None, "Type a number"),
                         (1e13, "too large"), (float("nan"), "too large")):
        with pytest.raises(ActionError, match=message):
            KIND.normalise(act, bad)
    assert [KIND.score(act, x) for x in (2.5, 2.54, 2.7, 4)] == [1.0, 1.0, 0.5, 0.0]
    assert act.close == pytest.approx(0.25)  # close_pct 10 of 2.5


def test_right_answer_in_each_language(sim_from, play):
    sim = sim_from(SIM)
    fb = play(sim, "2,7", lang="es")
    assert (fb["outcome"], fb["answer"]) == ("partial", 2.7)
    assert fb["correct"] == {"answer": 2.5, "display": ["2,5 mL"]}
    assert play(sim, 2.5)["correct"]["display"] == ["2.5 mL"]


def test_resume_code_tokens(act):
    for answer, token in ((2.5, "2.5"), (3, "3"), (-1, "-1"), (1e-07, "1e-07")):
        assert KIND.encode(act, answer) == token
        assert KIND.decode(act, token) == answer and type(KIND.decode(act, token)) is type(answer)
    with pytest.raises(ValueError):
        KIND.decode(act, "2..5")


def test_candidates(act):
    cands = dict(KIND.candidates(act))
    assert cands["right"] == 2.5 and KIND.score(act, cands["edge of tolerance"]) == 1.0
    assert KIND.score(act, cands["close"]) == 0.5
    assert check_candidates(KIND, act).count("wrong") >= 2
