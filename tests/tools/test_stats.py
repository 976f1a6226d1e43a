"""`testdrive stats`: syllables, reading grades in English and Spanish, student-facing
text only, and every shipped simulation at or below grade 8.5 in English."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import load_simulation
from engine.readability import (Counts, grade_of, reading_seconds, sentence_count, syllables_en,
                                syllables_es, word_count)
from engine.stats import main, stats, student_texts

ROOT = Path(__file__).resolve().parents[2]
SIMS = sorted(p for p in (ROOT / "simulations").rglob("*") if p.suffix in (".yaml", ".yml"))
IDS = [str(p.relative_to(ROOT / "simulations")) for p in SIMS]

SIMPLE_EN = "The nurse checks the chart. She asks how you feel. You tell her your arm hurts."
COMPLEX_EN = ("Notwithstanding considerable institutional opposition, the multidisciplinary committee "
              "subsequently recommended a comprehensive reorganization of emergency department "
              "procedures, emphasizing interprofessional communication and accountability.")
SIMPLE_ES = "La enfermera mira la hoja. Te pregunta cómo estás. Le dices que te duele el brazo."
COMPLEX_ES = ("No obstante la considerable oposición institucional, la comisión multidisciplinaria "
              "recomendó posteriormente una reorganización integral de los procedimientos del "
              "departamento de urgencias, enfatizando la comunicación interprofesional y la responsabilidad.")


@pytest.mark.parametrize("word,n", [("cat", 1), ("make", 1), ("table", 2), ("needed", 2), ("stopped", 1),
                                    ("patient", 2), ("radio", 3), ("medication", 4), ("emergency", 4),
                                    ("safety", 2), ("temperature", 4), ("the", 1)])
def test_english_syllables(word, n):
    assert syllables_en(word) == n


@pytest.mark.parametrize("word,n", [("que", 1), ("guitarra", 3), ("hoy", 1), ("muy", 1), ("día", 2),
                                    ("leer", 2), ("paciente", 3), ("enfermera", 4), ("seguridad", 4),
                                    ("ciudad", 2), ("aéreo", 4), ("construcción", 3), ("país", 2)])
def test_spanish_syllables(word, n):
    assert syllables_es(word) == n


def test_words_and_sentences():
    assert word_count("It's 8:05 — time to start!") == 6
    assert sentence_count("Look. Then act") == 2
    assert sentence_count("Ask Sam about the plan") == 1
    assert sentence_count("¿Qué haces? ¡Rápido!") == 2
    assert sentence_count("") == 0


def test_flesch_kincaid_by_hand():
    # 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59 = -1.45
    assert Counts("en").add("The cat sat on the mat.").grade() == pytest.approx(-1.4, abs=0.06)


def test_simple_text_grades_lower_than_complex_text_in_both_languages():
    assert grade_of(SIMPLE_EN, "en") < 4 < 12 < grade_of(COMPLEX_EN, "en")
    assert grade_of(SIMPLE_ES, "es") < grade_of(COMPLEX_ES, "es") - 4
    es = Counts("es").add(COMPLEX_ES).as_dict()
    assert es["fernandez_huerta"] < 40 < Counts("es").add(SIMPLE_ES).fernandez_huerta()


def test_reading_time_is_words_over_speed():
    assert reading_seconds(150) == pytest.approx(60.0)


def test_only_student_facing_text_is_counted(example_sim):
    texts = student_texts(example_sim)
    joined = " ".join(t.get("en") for _w, t in texts)
    assert "Ask Sam about the plan" in joined  # a choice
    assert "Pick all the safety gear you need." in joined  # a prompt
    assert "What would you check first tomorrow?" in joined  # a reflection
    assert "Lean Enterprise Institute" not in joined  # a source title
    assert "art/examples" not in joined and "kiosk-welcome" not in joined  # paths, ids


def test_stats_report_has_both_languages(example_sim):
    st = stats(example_sim, players=20)
    assert set(st["languages"]) == {"en", "es"}
    for lang, d in st["languages"].items():
        assert d["words"] > 100 and d["grade"] is not None
        assert d["minutes"]["median"] > 0
        assert d["missing_texts"] == 0, lang


def test_cli_json_and_exit_0(capsys):
    assert main([str(ROOT / "simulations" / "examples" / "every-feature.yaml"), "--players", "5",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["sim"] == "every-feature"


@pytest.mark.parametrize("path", SIMS, ids=IDS)
def test_shipped_simulation_reads_at_grade_8_or_below(path):
    st = stats(load_simulation(path), players=0)
    for lang, d in st["languages"].items():
        print(f"{path.name} {lang}: grade {d['grade']}, {d['words']} words")
        for f in d["flagged"]:
            print(f"   far above grade 8: grade {f['grade']} — {f['where']}")
    en = st["languages"]["en"]["grade"]
    assert en <= 8.5, f"{path.name}: English reading grade {en} is above 8.5 (Flesch–Kincaid)"


def test_numbers_count_as_words_with_syllables():
    from engine.readability import syllables
    assert syllables("6112", "en") == 2 and syllables("6112", "es") == 2
