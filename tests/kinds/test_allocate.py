"""The `allocate` kind: spend a budget; over budget scores 0, else the share of goals met."""
from __future__ import annotations

import pytest

from engine import ActionError, SaveError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["allocate"]
SIM = """
start: build
scenes:
  build:
    text: Design the footbridge.
    activity:
      kind: allocate
      prompt: Spend the budget.
      budget: 11
      unit: {en: thousand dollars}
      items:
        - {id: beam, text: Steel beam, cost: 4, max: 2, values: {strength: 3}}
        - {id: deck, text: Wood deck, cost: 3, max: 3, values: {strength: 1, looks: 2}}
      goals:
        - {attr: strength, min: 6, label: Strength}
        - {attr: looks, min: 2, label: Looks}
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("build").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace("attr: looks", "attr: lokes").replace("      budget: 11\n", ""))
    errors = [(d.line, d.message, d.hint) for d in diags if d.severity == "error"]
    assert errors == [(6, "the activity of scene 'build' needs a 'budget'", ""),
                      (14, "no item has a value 'lokes'", "did you mean 'looks'?")]


def test_view(sim_from):
    a = Session(sim_from(SIM)).view()["activity"]
    assert (a["budget"], a["unit"]) == (11.0, "thousand dollars")
    assert a["items"][0] == {"id": "beam", "text": "Steel beam", "cost": 4, "max": 2}
    assert a["goals"] == [{"attr": "strength", "min": 6.0, "label": "Strength"},
                          {"attr": "looks", "min": 2.0, "label": "Looks"}]


def test_normalise_and_score(act):
    assert KIND.normalise(act, {"beam": 2.0}) == {"beam": 2, "deck": 0}
    for bad, message in (({"beam": 3}, "quantity for beam must be 0 to 2"), ({"beam": 1.5}, "whole numbers"),
                         ({"rope": 1}, "unknown item in the answer"), ([2, 1], "a quantity for each item")):
        with pytest.raises(ActionError, match=message):
            KIND.normalise(act, bad)
    assert KIND.score(act, {"beam": 2, "deck": 1}) == 1.0   # 11 spent, strength 7, looks 2
    assert KIND.score(act, {"beam": 2, "deck": 0}) == 0.5   # looks not met
    assert KIND.score(act, {"beam": 2, "deck": 2}) == 0.0   # 14 is over budget


def test_right_answer_shows_the_students_totals(sim_from, play):
    fb = play(sim_from(SIM), {"beam": 1, "deck": 2})
    assert (fb["outcome"], fb["score"]) == ("partial", 0.5)
    assert fb["correct"] == {"answer": None, "display": ["10 / 11 thousand dollars", "✗ Strength: 5 / 6",
                                                          "✓ Looks: 4 / 2"]}


def test_resume_code_tokens(act):
    assert KIND.encode(act, {"beam": 2, "deck": 1}) == "2.1"
    assert KIND.decode(act, "2.1") == {"beam": 2, "deck": 1}
    with pytest.raises(SaveError):
        KIND.decode(act, "1.2.3")


def test_candidates(act):
    cands = KIND.candidates(act)
    assert cands[0] == ("right", {"beam": 2, "deck": 1})  # the best within budget, cheapest first
    assert ("over budget", {"beam": 2, "deck": 3}) in cands
    assert set(check_candidates(KIND, act)) == {"correct", "partial", "wrong"}
