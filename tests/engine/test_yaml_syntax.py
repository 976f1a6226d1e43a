"""YAML syntax errors cite where the broken part began, and every one that can be found."""
from __future__ import annotations

import pytest

from engine import yamlsafe
from engine.diagnostics import Reporter

QUOTE = "YAML syntax: this quote ({}) is never closed"
COLON = "YAML syntax: a ':' is not allowed here"
LINED = "YAML syntax: this line is not lined up with the lines above it"


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    """Both parsers: CPython here uses libyaml; Pyodide and pygbag use the pure-Python one."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsafe, "_Loader", yamlsafe._PyLoader)
    elif not hasattr(yamlsafe.yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    return request.param


def problems(src):
    r = Reporter("sim.yaml")
    assert yamlsafe.read_yaml(src, "sim.yaml", r) is None
    return [(d.line, d.col, d.message) for d in r.items]


@pytest.mark.parametrize("src,expected", [
    # an unclosed quote points at the opening quote, not at the end of the file
    ('id: x\ntitle: "Night shift\nfield: healthcare\nscenes: {}\n', [(2, 8, QUOTE.format('"'))]),
    ("id: x\ntext: 'It''s late\nnext: a\n", [(2, 7, QUOTE.format("'"))]),
    # an unclosed bracket points at its bracket
    ("id: x\nlanguages: [en, es\nfield: healthcare\n", [(2, 12, "YAML syntax: this '[' is never closed")]),
    ("id: x\ntitle: {en: Hi, es: Hola\nfield: healthcare\n", [(2, 8, "YAML syntax: this '{' is never closed")]),
    # a colon inside plain text, and a line indented too far
    ("id: x\ntext: Note: read this\n", [(2, 11, COLON)]),
    ("id: x\nfield: a\n  extra: 1\n", [(3, 8, COLON)]),
    # a list item out of line
    ("scenes:\n  - a\n - b\n", [(3, 2, LINED)]),
    # several problems in one file: every one is reported, each where it began
    ('id: x\ntitle: "Open\nlanguages: [en, es\nfield: ok\ntext: Note: this\nend: 1\n',
     [(2, 8, QUOTE.format('"')), (3, 12, "YAML syntax: this '[' is never closed"), (5, 11, COLON)]),
    ("a:\n  b: 'x\n  c: 1\nd: [1\ne:\n  - 1\n - 2\n",
     [(2, 6, QUOTE.format("'")), (4, 4, "YAML syntax: this '[' is never closed"), (7, 2, LINED)]),
])
def test_syntax_errors_cite_where_the_construct_began(loader, src, expected):
    assert problems(src) == expected


def test_each_message_has_a_hint(loader):
    r = Reporter("sim.yaml")
    yamlsafe.read_yaml('a: "x\nb: [1\nc: d: e\n', "sim.yaml", r)
    assert [d.hint.split(";")[0] for d in r.items] == [
        'close the text with another "', "add ']' after the last item",
        "if the text holds ': ', put it all in quotes"]


def test_a_good_file_after_a_fix_reads_cleanly(loader):
    r = Reporter("sim.yaml")
    doc = yamlsafe.read_yaml('id: x\ntitle: "Night shift"\nlanguages: [en, es]\n', "sim.yaml", r)
    assert r.items == [] and doc == {"id": "x", "title": "Night shift", "languages": ["en", "es"]}


def test_recovery_stops_at_a_limit():
    src = "".join(f'k{i}: "open\n' for i in range(50))
    assert len(problems(src)) == yamlsafe.MAX_SYNTAX_ERRORS


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

YAMLISH = st.lists(st.sampled_from(list("ab:- \n\t\"'[]{},#&*!|>%@`?") + ["  ", "\n  ", "\n- ", ": ", "key: "]),
                   max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(src=YAMLISH)
def test_any_text_gives_diagnostics_never_an_exception(src):
    """Recovery re-reads the file many times: whatever it meets, it reports, never raises."""
    for loader in (yamlsafe._PyLoader, getattr(yamlsafe.yaml, "CSafeLoader", yamlsafe._PyLoader)):
        old = yamlsafe._Loader
        yamlsafe._Loader = loader
        try:
            r = Reporter("sim.yaml")
            yamlsafe.read_yaml(src, "sim.yaml", r)
        finally:
            yamlsafe._Loader = old
        assert len(r.items) <= yamlsafe.MAX_SYNTAX_ERRORS + 50
        assert all(d.line >= 1 and d.col >= 1 for d in r.items)
