"""The `sequence` kind: steps in order; each step in its exact place earns its share."""
from __future__ import annotations

import pytest

from engine import ActionError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["sequence"]
SIM = """
start: wash
scenes:
  wash:
    text: Before you see a patient.
    activity:
      kind: sequence
      prompt: Put the hand-washing steps in order.
      items:
        - {id: wet, text: Wet your hands}
        - {id: soap, text: Add soap}
        - {id: scrub, text: Scrub for 20 seconds}
        - {id: rinse, text: Rinse}
      answer: [wet, soap, scrub, rinse]
      pass: 0.75
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("wash").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace("answer: [wet, soap, scrub, rinse]", "answer: [wet, soap, scrub, dry]"))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col, d.hint) == (13, 15, "missing rinse; unknown dry")
    diags = problems_from(SIM.replace("        - {id: rinse, text: Rinse}\n", "        - {id: rinse}\n"))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col, d.message) == (12, 11, "items 4 of the activity of scene 'wash' is missing 'text'")


def test_view_shows_the_steps_shuffled(sim_from):
    a = Session(sim_from(SIM), seed=3).view()["activity"]
    assert a["kind"] == "sequence" and a["prompt"] == "Put the hand-washing steps in order."
    assert sorted(i["id"] for i in a["items"]) == ["rinse", "scrub", "soap", "wet"]
    assert [i["id"] for i in a["items"]] != ["wet", "soap", "scrub", "rinse"]


def test_normalise_and_score_count_exact_places(act):
    with pytest.raises(ActionError, match="put every item in order"):
        KIND.normalise(act, ["wet", "soap"])
    assert KIND.score(act, ["wet", "soap", "scrub", "rinse"]) == 1.0
    assert KIND.score(act, ["soap", "wet", "scrub", "rinse"]) == 0.5  # order would give 5/6
    assert BY_NAME["order"].score(act, ["soap", "wet", "scrub", "rinse"]) == pytest.approx(5 / 6)
    assert KIND.score(act, ["rinse", "wet", "soap", "scrub"]) == 0.0
    assert KIND.outcome(act, 0.75) == "correct"  # its own pass mark


def test_right_answer_and_feedback(sim_from, play):
    fb = play(sim_from(SIM), ["wet", "soap", "rinse", "scrub"])
    assert (fb["kind"], fb["outcome"], fb["score"]) == ("sequence", "partial", 0.5)
    assert fb["correct"]["display"][0] == "1. Wet your hands"
    assert fb["answer"] == ["wet", "soap", "rinse", "scrub"]


def test_resume_code_tokens(act):
    assert KIND.encode(act, ["rinse", "wet", "soap", "scrub"]) == "3.0.1.2"
    assert KIND.decode(act, "3.0.1.2") == ["rinse", "wet", "soap", "scrub"]


def test_candidates(act):
    assert set(check_candidates(KIND, act)) == {"correct", "partial", "wrong"}
