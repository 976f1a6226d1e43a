"""One reading of a simulation file everywhere: lint reports what the browser's YAML reader
(pure-Python PyYAML, in Pyodide and pygbag) would refuse or read differently from libyaml.

The inputs below are differences measured between libyaml and pure-Python PyYAML 6.0: a '?'
inside unquoted text in [ ] or { }, and a tab after a value (not in the indentation)."""
from __future__ import annotations

import pytest

from engine import yamlsafe
from engine.diagnostics import Reporter

needs_libyaml = pytest.mark.skipif(yamlsafe._Loader is yamlsafe._PyLoader,
                                   reason="no libyaml here: this runtime reads like the browser")
EXAMPLE = "id: x\ntext: {en: Where?, es: ¿Dónde?}\n"


def read(src, browser_check=True):
    r = Reporter("sim.yaml")
    doc = yamlsafe.read_yaml(src, "sim.yaml", r, browser_check=browser_check)
    return doc, [(d.line, d.col, d.message, d.hint) for d in r.items if d.severity == "error"]


@needs_libyaml
def test_libyaml_alone_reads_the_question_mark_the_browser_refuses():
    doc, errors = read(EXAMPLE, browser_check=False)
    assert errors == [] and doc["text"]["es"] == "¿Dónde?"


@needs_libyaml
@pytest.mark.parametrize("src,line,col,quoted", [
    (EXAMPLE, 2, 12, '"Where?"'),
    ("id: x\noptions: [yes, ¿Qué?]\n", 2, 16, '"¿Qué?"'),
    ("id: x\nlabels: {left: Ready?}\n", 2, 16, '"Ready?"'),
])
def test_lint_points_at_unquoted_text_the_browser_refuses(src, line, col, quoted):
    _doc, errors = read(src)
    assert len(errors) == src.count("?")  # each one at once, not one per lint run
    got_line, got_col, message, hint = errors[0]
    assert (got_line, got_col) == (line, col)
    assert message == "the browser's YAML reader cannot read this text"
    assert "quote this text" in hint and quoted in hint


@needs_libyaml
@pytest.mark.parametrize("src,line,col", [
    ("id: x\ntitle: Night shift\t\n", 2, 19),       # a tab ending the line
    ("id: x\nlanguages: [en\t, es]\n", 2, 15),       # a tab before a comma
])
def test_lint_points_at_a_tab_the_browser_refuses(src, line, col):
    _doc, errors = read(src)
    assert [(l, c, m) for l, c, m, _h in errors] == [(line, col, "the browser's YAML reader stops at this tab")]


@needs_libyaml
@pytest.mark.parametrize("src", ["id: x\noptions: [later:, now]\n", "id: x\nlabels: {left:}\n"])
def test_a_colon_ending_flow_text_is_refused_though_the_browser_would_read_it(src):
    """The other way round: the pure-Python reader reads 'later:' as a key with no value,
    libyaml refuses it. Lint keeps the stricter reading, so no file passes that differs."""
    doc, errors = read(src)
    assert doc is None and errors and errors[0][0] == 2


@needs_libyaml
def test_quoted_text_reads_the_same_everywhere():
    doc, errors = read('id: x\ntext: {en: "Where?", es: "¿Dónde?"}\ntitle: Night shift\n')
    assert errors == [] and doc["text"] == {"en": "Where?", "es": "¿Dónde?"}


@needs_libyaml
def test_a_different_document_is_reported_where_it_differs(monkeypatch):
    """No difference of that kind is known in PyYAML 6.0; a stand-in browser reader that
    reads 'Hi' as 'Ho' shows the comparison finds the value and reports its place."""
    class OtherReader(yamlsafe._PyLoader):
        def __init__(self, text):
            super().__init__(text.replace("Hi", "Ho"))
    monkeypatch.setattr(yamlsafe, "_PyLoader", OtherReader)
    _doc, errors = read("id: x\nscenes:\n  a: {text: Hi, next: END}\n")
    assert [(l, c, m) for l, c, m, _h in errors] == [
        (3, 13, "the browser's YAML reader reads this value differently")]


@pytest.mark.parametrize("src,line,col,message,words", [
    (EXAMPLE, 2, 12, "YAML syntax: text with a '?' inside [ ] or { } needs quotes", '"Where?"'),
    ("id: x\noptions: [yes, ¿Qué?]\n", 2, 16, "YAML syntax: text with a '?' inside [ ] or { } needs quotes",
     '"¿Qué?"'),
    ("id: x\ntitle: Night shift\t\n", 2, 19, "YAML syntax: a tab is not allowed here", "tab"),
])
def test_the_browser_reader_itself_says_the_same(monkeypatch, src, line, col, message, words):
    """Where there is no libyaml (Pyodide, pygbag) the file is refused as a syntax error,
    with the same place and advice (not "this '{' is never closed")."""
    monkeypatch.setattr(yamlsafe, "_Loader", yamlsafe._PyLoader)
    doc, errors = read(src)
    assert doc is None
    assert [(l, c, m) for l, c, m, _h in errors] == [(line, col, message)]
    assert words in errors[0][3]


@needs_libyaml
def test_lint_command_reports_it_as_file_line_col(tmp_path, capsys):
    from conftest import ROOT
    from engine.cli import main as cli_main
    text = (ROOT / "simulations" / "examples" / "every-feature.yaml").read_text(encoding="utf-8")
    assert "\ngrades: \"6-8\"\n" in text
    sim = tmp_path / "tour.yaml"
    sim.write_text(text.replace('\ngrades: "6-8"\n', "\ngrades: [6-8?]\n"), encoding="utf-8")
    assert cli_main(["lint", str(sim)]) == 1
    out = capsys.readouterr().out
    line = text.split("\n").index('grades: "6-8"') + 1
    assert f"tour.yaml:{line}:10: error: the browser's YAML reader cannot read this text" in out
    assert "Traceback" not in out
