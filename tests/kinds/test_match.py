"""The `match` kind: pair each left item with its right side; each right pair earns its share."""
from __future__ import annotations

import pytest

from engine import ActionError, SaveError, Session
from engine.kinds import BY_NAME
from kindcheck import check_candidates

KIND = BY_NAME["match"]
SIM = """
start: tools
scenes:
  tools:
    text: The tool wall.
    activity:
      kind: match
      prompt: Match each tool to its job.
      pairs:
        - {id: mic, left: Micrometer, right: Measures a diameter}
        - {id: tap, left: Tap, right: Cuts a thread}
        - {id: deb, left: Deburring tool, right: Removes sharp edges}
      next: END
endings:
  - {id: done, title: Done, rating: 1, text: Done.}
"""


@pytest.fixture
def act(sim_from):
    return sim_from(SIM).scene("tools").activity


def test_load_errors(problems_from):
    diags = problems_from(SIM.replace(", right: Cuts a thread", ", rigth: Cuts a thread"))
    errors = [(d.line, d.col, d.message, d.hint) for d in diags if d.severity == "error"]
    assert errors == [
        (10, 32, "unknown key 'rigth' in pairs 2 of the activity of scene 'tools'", "did you mean 'right'?"),
        (10, 11, "pairs 2 of the activity of scene 'tools' is missing 'right'", "")]


def test_view_shuffles_only_the_matches(sim_from):
    sim = sim_from(SIM)
    orders = set()
    for seed in range(12):
        a = Session(sim, seed=seed).view()["activity"]
        assert [x["id"] for x in a["items"]] == ["mic", "tap", "deb"]
        assert {x["id"]: x["text"] for x in a["matches"]}["tap"] == "Cuts a thread"
        orders.add(tuple(x["id"] for x in a["matches"]))
    assert len(orders) > 1


def test_normalise_and_score(act):
    right = {"mic": "mic", "tap": "tap", "deb": "deb"}
    assert KIND.normalise(act, right) == right and KIND.score(act, right) == 1.0
    assert KIND.score(act, {"mic": "tap", "tap": "mic", "deb": "deb"}) == pytest.approx(1 / 3)
    for bad, message in ((["mic"], "must pair each left item"), ({"mic": "mic"}, "match every item"),
                         ({"mic": "x", "tap": "tap", "deb": "deb"}, "unknown item: x"),
                         (dict(right, saw="mic"), "unknown item in the answer")):
        with pytest.raises(ActionError, match=message):
            KIND.normalise(act, bad)


def test_right_answer_and_feedback(sim_from, play):
    fb = play(sim_from(SIM), {"mic": "deb", "tap": "tap", "deb": "mic"})
    assert (fb["outcome"], fb["score"]) == ("wrong", 0.3333)
    assert fb["correct"]["display"] == ["Micrometer → Measures a diameter", "Tap → Cuts a thread",
                                        "Deburring tool → Removes sharp edges"]


def test_resume_code_tokens(act):
    swapped = {"mic": "tap", "tap": "mic", "deb": "deb"}
    assert KIND.encode(act, swapped) == "1.0.2" and KIND.decode(act, "1.0.2") == swapped
    with pytest.raises(SaveError):
        KIND.decode(act, "0.1.2.0")  # more pairs than the activity has


def test_candidates(act):
    assert [label for label, _a in KIND.candidates(act)][:3] == ["right", "one swap", "all wrong"]
    assert set(check_candidates(KIND, act)) == {"correct", "wrong"}
