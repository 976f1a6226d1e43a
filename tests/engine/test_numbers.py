"""One number convention per language, written and read by the engine (engine/text.py):
English 6,112.5 (a comma groups thousands, a point marks decimals); Spanish 6112,5 and
12 345,5 (a comma marks decimals, a space groups from five digits on; a point may group
too, the older way). A student who types a number the way the simulation printed it is
never marked wrong; an entry that could mean two numbers is refused with a sentence,
never guessed (issue 12, review 3.1 item 4)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import ActionError, Session, load_simulation
from engine.text import NumberEntryError, format_number, read_number
from engine.textplayer import TextPlayer

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "fixtures" / "numbers.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("typed,lang,decimals,value", [
    ("6,112", "en", False, 6112), ("6112", "en", True, 6112), ("6 112", "en", True, 6112),
    ("1,234,567", "en", True, 1234567), ("1,234.5", "en", True, 1234.5), ("2.5", "en", True, 2.5),
    (".5", "en", True, 0.5), ("-3", "en", True, -3), ("\u22123", "en", True, -3), ("+7", "en", True, 7),
    ("6.112", "es", False, 6112), ("6 112", "es", True, 6112), ("6\u00a0112", "es", True, 6112),
    ("6112", "es", True, 6112), ("2,5", "es", True, 2.5), ("1.234,5", "es", True, 1234.5),
    ("18 336", "es", True, 18336), ("25,005", "es", True, 25.005), ("0,002", "es", True, 0.002),
])
def test_a_number_is_read_the_languages_way(typed, lang, decimals, value):
    assert read_number(typed, lang, decimals) == value


@pytest.mark.parametrize("typed,lang,decimals,key", [
    ("6,112", "en", True, "number_ambiguous"),     # 6112, or 6.112 written the Spanish way?
    ("6.112", "es", True, "number_ambiguous"),     # 6112, or 6,112 written the English way?
    ("1,5", "en", False, "number_decimal_mark"),   # a comma never marks decimals in English
    ("0,112", "en", True, "number_decimal_mark"),
    ("1.5", "es", True, "number_decimal_mark"),    # a point never marks decimals in Spanish
    ("1.234,5", "en", True, "number_decimal_mark"),
    ("1,234.5", "es", True, "number_decimal_mark"),
    ("12,34,567", "en", True, "number_groups"), ("1 23", "es", True, "number_groups"),
    ("abc", "en", True, "need_number"), ("", "es", True, "need_number"), ("1e3", "en", True, "need_number"),
    ("1e13", "en", True, "need_number"), (10 ** 13, "en", True, "number_too_large"),
])
def test_what_cannot_be_read_one_way_is_refused_with_a_reason(typed, lang, decimals, key):
    with pytest.raises(NumberEntryError) as err:
        read_number(typed, lang, decimals)
    assert err.value.key == key


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['value']}-{c['lang']}-{c['decimals']}")
def test_the_engine_writes_the_shared_cases(case):
    """tests/js/numbers.test.js checks the browser's web/src/numbers.js against the same file."""
    assert format_number(case["value"], case["lang"], case["decimals"]) == case["text"]


@settings(max_examples=400, deadline=None)
@given(units=st.integers(-10 ** 9, 10 ** 9), decimals=st.integers(0, 3), lang=st.sampled_from(["en", "es"]),
       takes_decimals=st.booleans())
def test_a_number_printed_the_simulations_way_reads_back_to_itself(units, decimals, lang, takes_decimals):
    value = units / 10 ** decimals
    text = format_number(value, lang, decimals)
    try:
        assert read_number(text, lang, takes_decimals) == pytest.approx(value, abs=1e-9)
    except NumberEntryError as exc:
        # the one exception: English "6,112" where decimals fit could be 6.112 written the
        # Spanish way, so it is asked about; Spanish prints 6112 and 12 345, never ambiguous
        assert (lang, takes_decimals, exc.key) == ("en", True, "number_ambiguous")
        assert re.fullmatch(r"-?\d{1,3},\d{3}", text), text


# ---- the kinds read with the student's language -------------------------------------------------
SIM = """
start: rpm
languages: [en, es]
scenes:
  rpm:
    text: {en: "RPM = 3.82 × 800 ÷ 0.5.", es: "RPM = 3,82 × 800 ÷ 0,5."}
    activity:
      kind: numeric
      prompt: {en: "What RPM?", es: "¿Cuántas RPM?"}
      answer: 6112
      tolerance_pct: 1
      next: feed
  feed:
    text: {en: Now the feed., es: Ahora el avance.}
    activity:
      kind: numeric
      prompt: {en: "What feed?", es: "¿Qué avance?"}
      answer: 36.672
      tolerance: 0.001
      next: END
endings:
  - {id: done, title: {en: Done, es: Listo}, rating: 1, text: {en: Done., es: Listo.}}
"""


@pytest.mark.parametrize("lang,typed", [("en", "6,112"), ("en", "6112"), ("en", "6 112"), ("es", "6.112"),
                                        ("es", "6 112"), ("es", "6112")])
def test_numeric_takes_a_whole_answer_typed_as_printed(sim_from, lang, typed):
    s = Session(sim_from(SIM), lang=lang)
    s.answer(typed)
    assert s.state["answers"][0]["answer"] == 6112 and s.state["outcomes"]["rpm"] == "correct"
    assert s.state["log"][0] == ["a", 6112]  # logged as a number: codes stay as they were


def test_numeric_with_decimals_asks_instead_of_guessing(sim_from):
    s = Session(sim_from(SIM), lang="en")
    s.answer("6112")
    s.continue_()
    before = s.save()
    with pytest.raises(ActionError) as err:
        s.answer("36,672")
    assert str(err.value) == ("Did you mean 36672 or 36.672? Type it without the comma: 36672, "
                              "or with a decimal point: 36.672.")
    assert s.save() == before
    s.answer("36.672")
    assert s.state["outcomes"]["feed"] == "correct"
    es = Session(sim_from(SIM), lang="es")
    es.answer("6112")
    es.continue_()
    with pytest.raises(ActionError, match="¿Quisiste decir 36672 o 36,672?"):
        es.answer("36.672")
    es.answer("36,672")
    assert es.state["outcomes"]["feed"] == "correct"


def test_a_resume_code_restores_a_typed_answer_identically(sim_from):
    sim = sim_from(SIM)
    s = Session(sim, lang="es")
    s.answer("6 112")
    again = Session.from_resume_code(sim, s.resume_code())
    assert again.state == s.state


def test_the_text_player_sends_what_was_typed(sim_from):
    sim = sim_from(SIM)
    for lang, typed in (("en", "6,112"), ("es", "6 112"), ("es", "6.112")):
        session, out = Session(sim, lang=lang), []
        feed = [typed, ""]
        TextPlayer(session, lambda: feed.pop(0) if feed else None, out.append).run()
        assert session.state["outcomes"]["rpm"] == "correct", (lang, typed, out)
    session, out = Session(sim, lang="en"), []
    feed = ["6112", "", "36,672", "36.672", ""]
    TextPlayer(session, lambda: feed.pop(0) if feed else None, out.append).run()
    assert any("Did you mean 36672 or 36.672?" in line for line in out)
    assert session.state["outcomes"]["feed"] == "correct"


# ---- a variable put into a text is written as the model panel writes it ------------------------
FILLED = """
start: set
languages: [en, es]
variables:
  rpm: {type: int, start: 6112}
  cost: {type: number, start: 45312.5}
  small: {type: number, start: 0.002}
scenes:
  set:
    text: {en: "The spindle turns at {rpm} RPM. It costs {cost} dollars, with {small} in chips.",
           es: "El husillo gira a {rpm} RPM. Cuesta {cost} dólares, con {small} de viruta."}
    choices:
      - {id: ok, text: {en: "{rpm} RPM is right", es: "{rpm} RPM está bien"}, next: END}
endings:
  - {id: done, title: {en: Done, es: Listo}, rating: 1, text: {en: "You ran at {rpm} RPM today.", es: "Giraste a {rpm} RPM hoy."}}
"""


@pytest.mark.parametrize("lang,rpm,cost,small", [("en", "6,112", "45,312.5", "0.002"),
                                                 ("es", "6112", "45\u00a0312,5", "0,002")])
def test_a_variable_in_a_text_is_grouped_like_the_model_panel(sim_from, lang, rpm, cost, small):
    """{rpm} of 6112 reads "6,112" in English, as a model's output of 6112 does (Spanish
    writes four digits whole and groups five with a no-break space); every front end shows
    this filled text (the terminal player here; the browser and desktop draw view()["text"])."""
    assert rpm == format_number(6112, lang, 0)  # the model panel's way
    s = Session(sim_from(FILLED), lang=lang)
    v = s.view()
    assert rpm in v["text"] and f"{cost} " in v["text"] and f"{small} " in v["text"], v["text"]
    assert v["choices"][0]["text"].startswith(f"{rpm} RPM")
    out = []
    TextPlayer(s, lambda: "1", out.append).run()
    assert any(f"{rpm} RPM today" in line or f"{rpm} RPM hoy" in line for line in out), out  # the ending


# ---- one convention in every simulation's text and the UI -----------------------------------------
def student_text_by_lang():
    from engine.stats import student_texts
    for path in sorted((ROOT / "simulations").glob("*/*.yaml")):
        for where, t in student_texts(load_simulation(path)):
            yield path.stem, where, dict(t.by_lang)


def test_no_simulation_writes_a_decimal_comma_in_english_or_a_comma_thousand_in_spanish():
    bad = []
    for sim, where, by_lang in student_text_by_lang():
        en, es = by_lang.get("en", ""), by_lang.get("es", "")
        bad += [(sim, where, "en", m.group(0)) for m in re.finditer(r"\d,(?!\d{3}(?!\d))\d+", en)]
        bad += [(sim, where, "es", m.group(0)) for m in re.finditer(r"\d{1,3},\d{3}(?:,\d{3})+", es)]
    assert bad == []


def test_the_ui_writes_numbers_the_same_way():
    import yaml
    strings = yaml.safe_load((ROOT / "content" / "ui.yaml").read_text(encoding="utf-8"))["strings"]
    for key, value in strings.items():
        if isinstance(value, dict):
            assert not re.search(r"\d\.\d", value.get("es", "")), key
            assert not re.search(r"\d,\d(?!\d\d)", value.get("en", "")), key
