"""The `hotspot` kind: pick every right spot on a picture; scored like `multi`."""
from __future__ import annotations

import pytest

from engine import ActionError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["hotspot"]
SIM = """
start: part
scenes:
  part:
    text: The drawing of the bracket.
    activity:
      kind: hotspot
      prompt: Click the tightest tolerance.
      image: art/examples/bracket.svg
      width: 200
      height: 100
      spots:
        - {id: bore, x: 10, y: 10, w: 40, h: 30, label: "Bore ±0.01", correct: true}
        - {id: edge, x: 120, y: 50, w: 60, h: 40, label: "Edge ±0.5", why: Loose fit.}
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("part").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace("x: 120", "x: 150"))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col, d.message) == (
        13, 11, "spots 2 of the activity of scene 'part' lies outside the image (200×100)")
    diags = problems_from(SIM.replace(', correct: true}', '}').replace("      image: art/examples/bracket.svg\n", ""))
    assert sorted(d.message for d in diags if d.severity == "error") == [
        "the activity of scene 'part' has no spot marked 'correct: true'",
        "the activity of scene 'part' is missing 'image'"]


def test_view(sim_from):
    a = Session(sim_from(SIM)).view()["activity"]
    assert (a["image"], a["width"], a["height"]) == ("art/examples/bracket.svg", 200, 100)
    assert a["items"][0] == {"id": "bore", "text": "Bore ±0.01", "x": 10, "y": 10, "w": 40, "h": 30}


def test_normalise_and_score(act):
    assert KIND.normalise(act, ["edge", "bore"]) == ["bore", "edge"]
    with pytest.raises(ActionError, match="unknown spot: hole"):
        KIND.normalise(act, ["hole"])
    assert [KIND.score(act, a) for a in (["bore"], ["bore", "edge"], ["edge"], [])] == [1.0, 0.0, 0.0, 0.0]


def test_right_answer_and_feedback(sim_from, play):
    fb = play(sim_from(SIM), ["bore"])
    assert (fb["kind"], fb["outcome"]) == ("hotspot", "correct")
    assert fb["correct"] == {"answer": ["bore"], "display": ["Bore ±0.01"]}


def test_half_the_right_spots_is_partly_right(sim_from, play):
    both = SIM.replace('label: "Edge ±0.5", why: Loose fit.}', 'label: "Edge ±0.5", correct: true}')
    assert both != SIM
    fb = play(sim_from(both), ["bore"])
    assert (fb["outcome"], fb["score"]) == ("partial", 0.5)
    assert fb["correct"]["answer"] == ["bore", "edge"]


def test_resume_code_tokens(act):
    assert KIND.encode(act, ["bore", "edge"]) == "0.1" and KIND.decode(act, "1") == ["edge"]
    with pytest.raises(ValueError):
        KIND.decode(act, "2")


def test_candidates(act):
    assert set(check_candidates(KIND, act)) == {"correct", "wrong"}
