"""The terminal's side of a live model: `set <input> <value>` shows the outputs, `done` commits."""
from __future__ import annotations

from engine import Session
from engine.textplayer import TextPlayer
from tests.kinds.test_model import BEAM
from tests.conftest import sim_from_text


def play(lines, lang="en"):
    sim = sim_from_text(BEAM)
    session = Session(sim, lang=lang)
    feed, out = list(lines), []
    TextPlayer(session, lambda: feed.pop(0) if feed else None, out.append).run()
    return session, "".join(out)


def test_set_shows_new_outputs_and_done_commits_the_inputs_set():
    session, text = play(["set depth 0.3", "set material timber", "set material steel", "done", ""])
    assert "· Factor of safety: 4.8" in text  # at the start
    assert "· Factor of safety: 3.6" in text and "· Cost: 900 USD" in text  # after set depth 0.3
    assert "· Factor of safety: 1.2" in text  # timber
    assert "Goal met" in text and "Goal partly met" in text
    assert session.state["answers"][0]["answer"] == {"depth": 0.3, "material": "steel"}
    assert session.state["answers"][0]["outcome"] == "correct"


def test_set_keeps_values_on_their_steps_and_refuses_what_is_out_of_range():
    session, text = play(["set depth 0.43", "set depth 7", "set height 1", "done"])
    assert "depth = 0.45 m" in text
    assert "?? " in text and "Depth: Use a number from 0.2 to 1." in text
    assert "like: set depth" in text  # an unknown input: how to type it
    assert session.state["answers"][0]["answer"]["depth"] == 0.45


def test_a_wrong_try_in_the_terminal_shows_the_diagnosis_and_the_hint(sim_from):
    from tests.kinds.test_model_mastery import DOSE
    session = Session(sim_from(DOSE))
    feed, out = ["2", "10", ""], []
    TextPlayer(session, lambda: feed.pop(0) if feed else None, out.append).run()
    text = "".join(out)
    assert "-> Not quite. Try again: try 2 of 3 is next." in text
    assert "That is how many times 125 mg fits in 250 mg" in text
    assert "Hint: Divide what is ordered by what is on hand." in text
    assert session.state["outcomes"]["dose"] == "correct"
