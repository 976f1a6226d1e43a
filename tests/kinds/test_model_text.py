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


SPANISH = """
start: s
languages: [en, es]
title: {en: Numbers, es: Números}
summary: {en: Numbers in the terminal., es: Números en la terminal.}
variables:
  load: {type: number, start: 1.5, min: 0, max: 9.5, show: meter, label: {en: Load, es: Carga}}
scenes:
  s:
    text: {en: Pack the cart., es: Carga el carrito.}
    activity:
      kind: allocate
      prompt: {en: Pick parts., es: Elige piezas.}
      budget: 12.5
      unit: kg
      items:
        - {id: a, text: {en: Plate, es: Placa}, cost: 2.5, max: 2, values: {n: 1}}
      goals:
        - {attr: n, min: 1, label: {en: One plate, es: Una placa}}
      next: m
  m:
    text: {en: Set the depth., es: Elige la altura.}
    activity:
      kind: model
      prompt: {en: Pick a depth., es: Elige una altura.}
      inputs:
        - {id: depth, label: {en: Depth, es: Altura}, min: 0.5, max: 1.5, step: 0.5, start: 0.5, unit: m, decimals: 1}
      outputs:
        - {id: twice, label: {en: Twice, es: Doble}, value: "depth * 2", unit: m, decimals: 1}
      goal: {text: {en: Any depth, es: Cualquier altura}, met: "depth > 0"}
      next: END
endings:
  - {id: done, title: {en: Done, es: Listo}, rating: 1, text: {en: Done., es: Listo.}}
"""


def test_the_terminal_writes_every_number_the_languages_way(sim_from):
    """Meters, an allocate's budget and costs, a model's inputs, outputs and its `set` example:
    1,5 in Spanish and 1.5 in English, from the one formatter (engine/text.py)."""
    import re
    for lang, one_and_a_half in (("es", "1,5"), ("en", "1.5")):
        session = Session(sim_from(SPANISH), lang=lang)
        feed, out = ["1", "", f"set depth {one_and_a_half}", "done", ""], []
        TextPlayer(session, lambda: feed.pop(0) if feed else None, out.append).run()
        text = "".join(out)
        label = {"es": "Carga", "en": "Load"}[lang]
        assert f"{label}: {one_and_a_half}/{'9,5' if lang == 'es' else '9.5'}" in text      # a meter
        assert f": {'12,5' if lang == 'es' else '12.5'} kg" in text                         # the budget
        assert f"{'2,5' if lang == 'es' else '2.5'} kg" in text                              # a cost
        assert f"set depth {one_and_a_half})" in " ".join(text.split())                      # the example
        assert f"depth = {one_and_a_half} m" in text and f"{'Doble' if lang == 'es' else 'Twice'}: 3 m" in text
        before_the_ending = text.split("===")[0]
        if lang == "es":  # no number written with a decimal point anywhere in the play
            assert not re.search(r"\d\.\d", before_the_ending), before_the_ending
        else:
            assert not re.search(r"\d,\d", before_the_ending), before_the_ending
        assert session.state["answers"][-1]["answer"] == {"depth": 1.5}
