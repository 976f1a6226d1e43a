"""The `multi` kind: pick every right option; a wrong pick cancels a right one."""
from __future__ import annotations

import pytest

from engine import ActionError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["multi"]
SIM = """
start: ppe
scenes:
  ppe:
    text: You will run the grinder.
    activity:
      kind: multi
      prompt: Pick the gear you need.
      options:
        - {id: glasses, text: Safety glasses, correct: true}
        - {id: plugs, text: Ear plugs, correct: true, why: A grinder is loud.}
        - {id: tie, text: A tie, why: It can catch in the wheel.}
      explain: Eyes and ears need protection.
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("ppe").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace(", correct: true", ""))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col) == (9, 9)
    assert d.message == "the activity of scene 'ppe' has no option marked 'correct: true'"
    diags = problems_from(SIM.replace("correct: true, why", "correct: yes, why"))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.message) == (10, "'correct' in options 2 of the activity of scene 'ppe' must be true or false")


def test_view_lists_the_options_in_file_order(sim_from):
    a = Session(sim_from(SIM), seed=9).view()["activity"]
    assert a["items"] == [{"id": "glasses", "text": "Safety glasses"}, {"id": "plugs", "text": "Ear plugs"},
                            {"id": "tie", "text": "A tie"}]


def test_normalise_and_score(act):
    assert KIND.normalise(act, ["plugs", "glasses"]) == ["glasses", "plugs"]  # file order
    with pytest.raises(ActionError, match="unknown option: hat"):
        KIND.normalise(act, ["hat"])
    assert [KIND.score(act, a) for a in (["glasses", "plugs"], ["glasses"], ["glasses", "tie"],
                                          ["glasses", "plugs", "tie"], [])] == [1.0, 0.5, 0.0, 0.5, 0.0]


def test_right_answer_and_feedback(sim_from, play):
    fb = play(sim_from(SIM), ["glasses"])
    assert (fb["outcome"], fb["explain"]) == ("partial", "Eyes and ears need protection.")
    assert fb["correct"] == {"answer": ["glasses", "plugs"],
                             "display": ["Safety glasses", "Ear plugs — A grinder is loud."]}


def test_resume_code_tokens(act):
    assert KIND.encode(act, ["glasses", "tie"]) == "0.2" and KIND.decode(act, "0.2") == ["glasses", "tie"]
    assert KIND.encode(act, []) == "" and KIND.decode(act, "") == []


def test_candidates(act):
    labels = [label for label, _a in KIND.candidates(act)]
    assert labels[:6] == ["right", "one missing", "one extra", "only wrong", "everything", "nothing"]
    assert labels.count("subset") == 8
    assert set(check_candidates(KIND, act)) == {"correct", "partial", "wrong"}
