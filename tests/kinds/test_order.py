"""The `order` kind: rank items; partial credit per pair in the right relative order."""
from __future__ import annotations

import pytest

from engine import ActionError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["order"]
SIM = """
start: triage
scenes:
  triage:
    text: Three patients wait.
    activity:
      kind: order
      prompt: Who is seen first?
      items:
        - {id: chest, text: Chest pain}
        - {id: wrist, text: Broken wrist}
        - {id: throat, text: Sore throat}
      answer: [chest, wrist, throat]
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("triage").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace("answer: [chest, wrist, throat]", "answer: [chest, wrist]"))
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col) == (12, 15)
    assert d.message == "'answer' of the activity of scene 'triage' must list every item once"
    assert d.hint == "missing throat"
    one = SIM.replace("        - {id: wrist, text: Broken wrist}\n        - {id: throat, text: Sore throat}\n", "")
    errors = [d.message for d in problems_from(one.replace("[chest, wrist, throat]", "[chest]"))
              if d.severity == "error"]
    assert errors == ["the activity of scene 'triage' needs at least 2 items"]


def test_view_shows_the_items_shuffled_never_in_order(sim_from):
    sim = sim_from(SIM)
    for seed in range(20):
        a = Session(sim, seed=seed).view()["activity"]
        assert list(a) == ["kind", "prompt", "scene", "items"]
        ids = [i["id"] for i in a["items"]]
        assert sorted(ids) == ["chest", "throat", "wrist"] and ids != ["chest", "wrist", "throat"]
        assert a["items"] == Session(sim, seed=seed).view()["activity"]["items"]  # same seed, same order


def test_normalise_and_score(act):
    assert KIND.normalise(act, ("throat", "chest", "wrist")) == ["throat", "chest", "wrist"]
    for bad, message in ((["chest", "wrist"], "put every item in order"),
                         (["chest", "chest", "wrist"], "a item is listed twice"),
                         (["chest", "wrist", "knee"], "unknown item: knee"),
                         ("chest", "the answer must be a list of item ids")):
        with pytest.raises(ActionError, match=message):
            KIND.normalise(act, bad)
    assert KIND.score(act, ["chest", "wrist", "throat"]) == 1.0
    assert KIND.score(act, ["throat", "wrist", "chest"]) == 0.0
    assert KIND.score(act, ["wrist", "chest", "throat"]) == pytest.approx(2 / 3)  # 2 of 3 pairs
    assert KIND.outcome(act, 2 / 3) == "partial" and KIND.outcome(act, 0.0) == "wrong"


def test_right_answer_and_feedback(sim_from, play):
    fb = play(sim_from(SIM), ["wrist", "chest", "throat"])
    assert (fb["outcome"], fb["score"]) == ("partial", 0.6667)
    assert fb["correct"] == {"answer": ["chest", "wrist", "throat"],
                             "display": ["1. Chest pain", "2. Broken wrist", "3. Sore throat"]}


def test_resume_code_tokens(act):
    assert KIND.encode(act, ["throat", "chest", "wrist"]) == "2.0.1"
    assert KIND.decode(act, "2.0.1") == ["throat", "chest", "wrist"]
    with pytest.raises(ValueError):
        KIND.decode(act, "0.7.1")  # no seventh item: the code does not fit


def test_candidates(act):
    labels = [label for label, _a in KIND.candidates(act)]
    assert labels[:5] == ["right", "one swap", "last swap", "rotated", "reversed"]
    assert labels.count("perm") == 6
    assert set(check_candidates(KIND, act)) == {"correct", "partial", "wrong"}
