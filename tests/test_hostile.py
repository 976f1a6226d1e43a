"""Hostile inputs are refused with a clear error, never executed, never a crash."""
from __future__ import annotations

import pytest

from engine import check_source
from test_loader import MINIMAL

BILLION_LAUGHS = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))


def errors(src):
    sim, ds, _ = check_source(src, "evil.yaml")
    assert sim is None
    return [d for d in ds if d.severity == "error"]


@pytest.mark.parametrize("expr,message", [
    ("__import__('os').system('true')", "not allowed"),
    ("().__class__.__bases__", "unexpected"),
    ("x.__dict__", "attribute access"),
    ("9**9**9", "powers (**) are not supported"),
    ("10 ** 100", "powers"),
    ("(" * 200 + "1" + ")" * 200, "limit is 400"),
    ("(" * 60 + "1" + ")" * 60, "nested more than 32"),
    ("1" * 30, "too large"),
    ("exec('print(1)')", "unknown function 'exec'"),
    ("getattr(x, 'y')", "unknown function 'getattr'"),
])
def test_hostile_expressions_in_a_simulation(expr, message):
    src = MINIMAL.replace("        next: b", "        if: '" + expr.replace("'", "''") + "'\n        next: b")
    errs = errors(src)
    assert any(message in d.message for d in errs), [d.message for d in errs]
    assert all(d.line == 20 for d in errs if "'if'" in d.message)


def test_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    src = MINIMAL + f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    errs = errors(src)
    assert any("is not allowed" in d.message for d in errs)
    assert not marker.exists()


def test_billion_laughs_is_refused_fast():
    errs = errors(BILLION_LAUGHS)
    assert errs[0].message == "aliases (*name) are not allowed" and errs[0].line == 2


def test_huge_string_is_refused():
    errs = errors("a: " + "x" * 10_000_000)
    assert "the limit is 1,000,000" in errs[0].message
    errs = errors(b"a: " + b"x" * 10_000_000)
    assert "bytes; the limit is" in errs[0].message


def test_deep_nesting_is_refused():
    errs = errors("a: " + "[" * 5000 + "]" * 5000)
    assert "nested" in errs[0].message
    errs = errors("a: " + "[" * 100 + "]" * 100)
    assert "nested more than 64 levels" in errs[0].message


def test_many_keys_and_long_lines_do_not_crash():
    src = "\n".join(f"k{i}: {i}" for i in range(20000))
    errs = errors(src)
    assert any("unknown key" in d.message for d in errs)


@pytest.mark.parametrize("src,expect", [
    (BILLION_LAUGHS, "aliases (*name) are not allowed"),
    ("a: &x 1\nb: *x\n", "aliases (*name) are not allowed"),
    ("a: !!python/object:os.system x\n", "is not allowed"),
    ("a: " + "[" * 5000 + "]" * 5000, "nested more than 64"),
    ("a: 1\na: 2\n", "duplicate key"),
])
def test_pure_python_loader_refuses_the_same(monkeypatch, src, expect):
    """Pyodide and pygbag have no libyaml: the pure-Python path must be as strict."""
    from engine import yamlsafe
    monkeypatch.setattr(yamlsafe, "_Loader", yamlsafe._PyLoader)
    assert any(expect in d.message for d in errors(src))
