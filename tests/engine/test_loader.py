"""Author mistakes become file:line:col diagnostics with hints — all at once, never a traceback."""
from __future__ import annotations

import json
import re

import pytest

from engine import LoadError, check_source, load_simulation, load_source
from engine.cli import main as cli_main

MINIMAL = """\
format: 1
id: tiny
version: 1.0.0
title: Tiny
field: other
career: welder
minutes: 1
summary: A tiny test.
languages: [en]
start: a
variables:
  points: {type: int, start: 0, min: 0, max: 10, show: meter, label: Score}
scenes:
  a:
    text: Hello
    choices:
      - id: go
        text: Go
        effects: [points += 1]
        next: b
  b:
    text: Bye
    next: END
endings:
  - id: done
    title: Done
    rating: 2
    text: The end.
"""


def diags(src, path="t.yaml"):
    sim, ds, _ = check_source(src, path)
    return sim, ds


def messages(src):
    return [f"{d.line}:{d.col}: {d.severity}: {d.message} | {d.hint}" for d in diags(src)[1]]


def test_minimal_simulation_is_clean():
    sim, ds = diags(MINIMAL)
    assert sim is not None and ds == []


def test_unknown_key_points_at_it_with_did_you_mean():
    src = MINIMAL.replace("    next: END", "    nxt: END")
    sim, ds = diags(src)
    assert sim is None
    unknown = [d for d in ds if "unknown key 'nxt'" in d.message]
    assert unknown and (unknown[0].line, unknown[0].col) == (23, 5)
    assert unknown[0].hint == "did you mean 'next'?"
    assert unknown[0].format(src).startswith("t.yaml:23:5: error: unknown key 'nxt' in scene 'b'")


def test_every_problem_is_reported_at_once():
    src = (MINIMAL.replace("next: b", "next: c")
           .replace("points += 1", "poins += 1")
           .replace("rating: 2", "rating: 7")
           .replace("field: other", "field: farming"))
    _, ds = diags(src)
    text = "\n".join(d.message for d in ds)
    assert "'c' in choice 'go' of scene 'a' is not a scene or an ending" in text
    assert "unknown variable 'poins'" in text
    assert "'rating' in ending 'done' must be 1 to 3, not 7" in text
    assert "field 'farming' is not known" in text
    assert len([d for d in ds if d.severity == "error"]) >= 4
    scor = next(d for d in ds if "poins" in d.message)
    assert scor.hint == "did you mean 'points'?" and scor.line == 19


@pytest.mark.parametrize("src,expect", [
    ("", "file is empty"),
    ("   \n# only a comment\n", "file is empty"),
    ("- a\n- b\n", "must be a mapping"),
    ("just text", "must be a mapping"),
    ("a: [1, 2\n", "YAML syntax"),
    ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)"),
    ("a:\n\tb: 1\n", "tab used for indentation"),
    ("a: !!python/object:os.system x\n", "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"),
    ("a: !!python/name:os.system\n", "is not allowed"),
    ("a: &x 1\nb: *x\n", "aliases (*name) are not allowed"),
    ("a: 1\n---\nb: 2\n", "holds one YAML document"),
])
def test_broken_files_give_one_clear_error(src, expect):
    sim, ds = diags(src)
    assert sim is None
    assert any(expect in d.message for d in ds), [d.message for d in ds]
    for d in ds:
        assert d.line >= 1 and d.col >= 1


def test_not_utf8_is_reported_with_position():
    sim, ds = diags(b"id: caf\xe9\n")
    assert sim is None and ds[0].message == "file is not valid UTF-8" and (ds[0].line, ds[0].col) == (1, 8)


def test_expression_errors_point_at_the_column():
    src = MINIMAL.replace("effects: [points += 1]", "effects: [points += 1 +* 2]")
    _, ds = diags(src)
    d = next(d for d in ds if "effect" in d.message)
    assert d.line == 19 and d.col > 19


def test_condition_with_single_equals_hints_double():
    src = MINIMAL.replace("        next: b", "        if: points = 1\n        next: b")
    _, ds = diags(src)
    d = next(d for d in ds if "'if'" in d.message)
    assert d.hint == "use == to compare"


def test_comma_in_flow_mapping_text_gets_a_hint():
    src = MINIMAL.replace("text: Hello", "text: {en: Hi, there}")
    _, ds = diags(src)
    d = next(d for d in ds if "not a language code" in d.message)
    assert "put the text in quotes" in d.hint


def test_dead_end_scene_and_missing_languages():
    src = MINIMAL.replace("    text: Bye\n    next: END\n", "    text: Bye\n")
    _, ds = diags(src)
    assert any("has no way forward" in d.message for d in ds)
    src = MINIMAL.replace("languages: [en]", "languages: [en, es]")
    sim, ds = diags(src)
    assert sim is not None  # warnings only
    assert any(d.severity == "warning" and "only in English" in d.message for d in ds)


def test_unknown_career_and_skill_are_errors():
    src = MINIMAL.replace("career: welder", "career: weldr").replace("minutes: 1", "minutes: 1\nskills: [teamwrk]")
    _, ds = diags(src)
    msgs = {d.message: d.hint for d in ds}
    assert msgs["unknown career 'weldr'"] == "did you mean 'welder'?"
    assert msgs["unknown skill 'teamwrk'"] == "did you mean 'teamwork'?"


def test_unreachable_scene_is_a_warning():
    src = MINIMAL + ""
    src = src.replace("  b:\n", "  lost:\n    text: Nobody comes here\n    next: END\n  b:\n")
    sim, ds = diags(src)
    assert sim is not None
    assert any("scene 'lost' can never be reached" in d.message for d in ds)


def test_activity_answer_must_list_every_item():
    src = MINIMAL.replace("""    choices:
      - id: go
        text: Go
        effects: [points += 1]
        next: b""", """    activity:
      kind: order
      prompt: Rank
      items: [{id: x, text: X}, {id: y, text: Y}]
      answer: [x, z]
      effects: {correct: [points += 1]}
    next: b""")
    _, ds = diags(src)
    d = next(d for d in ds if "must list every item once" in d.message)
    assert "missing y" in d.hint and "unknown z" in d.hint


def test_load_simulation_raises_with_report(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("next: b", "next: c"), encoding="utf-8")
    with pytest.raises(LoadError) as err:
        load_simulation(bad)
    assert re.search(r"bad\.yaml:\d+:\d+: error: 'c' in choice", str(err.value))
    with pytest.raises(LoadError):
        load_simulation(tmp_path / "missing.yaml")


def test_lint_command_exit_codes_and_json(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("next: b", "next: c"), encoding="utf-8")
    assert cli_main(["lint", str(good)]) == 0
    assert cli_main(["lint", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "bad.yaml:20:15: error: 'c' in choice 'go' of scene 'a' is not a scene or an ending" in out
    assert "  20 |         next: c" in out and "hint: targets: a scene id" in out
    import json
    assert cli_main(["lint", "--format", "json", str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 1 and data["diagnostics"][0]["line"] == 20


def test_shipped_simulations_lint_clean():
    from engine.cli import simulation_files
    from conftest import ROOT
    files = simulation_files([ROOT / "simulations"])
    assert files
    for f in files:
        # browser_check, as lint does: each file also reads the same in the browser
        sim, ds, text = __import__("engine").check_file(f, browser_check=True)
        assert sim is not None, "\n".join(d.format(text) for d in ds)
        assert [d.format(text) for d in ds if d.severity == "warning"] == []


def test_load_source_round_trip_through_compiled_json():
    from engine.compile import compile_simulation, load_compiled
    sim = load_source(MINIMAL)
    again = load_compiled(compile_simulation(sim))
    assert again.scenes == sim.scenes and again.endings == sim.endings


def test_a_source_nothing_cites_is_a_warning():
    src = MINIMAL.replace("languages: [en]", "languages: [en]\nsources:\n  - {id: unused, title: A book}")
    sim, ds = diags(src)
    assert sim is not None
    d = next(d for d in ds if "nothing cites it" in d.message)
    assert d.severity == "warning" and d.line == 11


def test_compiled_data_is_not_checked_for_content_files_again(sim_from):
    """A browser loads compiled JSON where content/ holds no pictures: the file check ran at
    compile time (lint), so load_data must not look for them (nor fail on plain dicts)."""
    from engine.compile import compile_simulation, load_compiled
    from engine.errors import LoadError
    sim = sim_from("""
        start: s
        scenes:
          s: {text: Hi., background: art/examples/workshop.svg, next: END}
        endings:
          - {id: done, title: Done, rating: 1, text: Done.}
    """)
    data = json.loads(json.dumps(compile_simulation(sim)))
    data["simulation"]["scenes"]["s"]["background"] = "art/nowhere.svg"
    assert load_compiled(data).scene("s").background == "art/nowhere.svg"
    with pytest.raises(LoadError, match="art/nowhere.svg"):
        sim_from("""
            start: s
            scenes:
              s: {text: Hi., background: art/nowhere.svg, next: END}
            endings:
              - {id: done, title: Done, rating: 1, text: Done.}
        """)


def test_text_marked_same_is_shown_in_every_language_without_a_warning(tmp_path, capsys):
    """Issue 14: a way to mark text that is the same in both languages; a missing
    translation still fails `lint --strict`."""
    from engine import Session, load_source
    from engine.cli import main as cli
    two = MINIMAL.replace("languages: [en]", "languages: [en, es]")
    two = two.replace("title: Tiny", "title: {en: Tiny, es: Diminuta}").replace(
        "summary: A tiny test.", "summary: {en: A tiny test., es: Una prueba.}")
    for old, new in (("label: Score", "label: {same: SBAR}"), ("text: Hello", "text: {en: Hello, es: Hola}"),
                     ("text: Go", "text: {en: Go, es: Ir}"), ("text: Bye", "text: {en: Bye, es: Adiós}"),
                     ("title: Done", "title: {same: OK}"), ("text: The end.", "text: {en: The end., es: Fin.}")):
        two = two.replace(old, new)
    sim, ds = diags(two)
    assert sim is not None and not [d for d in ds if d.severity != "info"], [d.message for d in ds]
    view = Session(load_source(two, "t.yaml"), seed=1, lang="es").view()
    assert view["text"] == "Hola" and view["meters"][0]["label"] == "SBAR"
    path = tmp_path / "t.yaml"
    path.write_text(two, encoding="utf-8")
    assert cli(["lint", "--strict", str(path)]) == 0
    path.write_text(two.replace("text: {en: Go, es: Ir}", "text: {en: Go}"), encoding="utf-8")
    assert cli(["lint", str(path)]) == 0  # a warning...
    assert cli(["lint", "--strict", str(path)]) == 1  # ...that --strict refuses
    assert "is missing 'es'" in capsys.readouterr().out


def test_text_marked_same_cannot_also_have_a_language():
    src = MINIMAL.replace("text: Hello", "text: {same: Hello, es: Hola}")
    _, ds = diags(src)
    d = next(d for d in ds if "is 'same' in every language" in d.message)
    assert d.severity == "error" and (d.line, d.col) == (15, 25) and "remove 'es:'" in d.hint
