"""The expression language: what it computes, and what it refuses."""
from __future__ import annotations

import pytest

from engine.expressions import Env, ExprError, compile_tree, parse, parse_effect


def run(src, **vars):
    env = Env(vars, {"a": 2}, {"go": 1}, {"quiz": 0.5}, {"quiz": "partial"}, lambda lo, hi: lo)
    return compile_tree(parse(src).tree)(env)


@pytest.mark.parametrize("src,value", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 // 2", 3), ("7 % 4", 3), ("1 / 4", 0.25),
    ("-3 + 1", -2), ("not false", True), ("1 < 2 and 2 < 3", True), ("1 > 2 or 3 >= 3", True),
    ("x == 5", True), ("x != 5", False), ("min(3, x, 9)", 3), ("max(1, 2)", 2), ("abs(-4)", 4),
    ("round(2.567, 2)", 2.57), ("round(2.5)", 2), ("clamp(x, 0, 3)", 3), ("roll(4, 6)", 4),
    ('visited("a")', 2), ('visited("zz")', 0), ('chose("go") > 0', True), ('score("quiz")', 0.5),
    ('outcome_is("quiz", "partial")', True), ("1 / 0", 0), ("5 % 0", 0),
    ("999999999999 * 999999999999", 1e12), ("true + true", 2),
])
def test_values(src, value):
    assert run(src, x=5) == value


@pytest.mark.parametrize("src,message,col", [
    ("__import__('os')", "name '__import__' is not allowed", 0),
    ("x.__class__", "attribute access (.) is not allowed", 1),
    ("x.y", "attribute access (.) is not allowed", 1),
    ("9**9**9", "powers (**) are not supported", 1),
    ("x[0]", "indexing ([...]) is not allowed", 1),
    ("open('f')", "unknown function 'open'", 0),
    ("eval('1')", "unknown function 'eval'", 0),
    ("lambda: 1", "unexpected character ':'", 6),
    ("x = 1", "unexpected '='", 2),
    ("1e400", "number 1e400 is too large", 0),
    ("99999999999999", "number 99999999999999 is too large", 0),
    ("'text'", "text in quotes is only allowed", 0),
    ("visited(a)", "visited() takes an id in quotes", 8),
    ('outcome_is("q", "great")', "outcome_is() takes", 16),
    ("min()", "min() takes 1 to 8 values, not 0", 0),
    ("1 < 2 < 3", "compare one pair at a time", 6),
    ("(1 + 2", "expected ')' but found 'the end'", 6),
    ("1 +", "expression ends too early", 3),
    ("and x", "'and' needs something before it", 0),
    ("x $ 2", "unexpected character '$'", 2),
])
def test_refusals_point_at_the_token(src, message, col):
    with pytest.raises(ExprError) as err:
        parse(src)
    assert message in err.value.message
    assert err.value.offset == col


def test_length_and_depth_limits():
    with pytest.raises(ExprError, match="the limit is 400"):
        parse("1 + " * 120 + "1")
    with pytest.raises(ExprError, match="nested more than 32"):
        parse("(" * 40 + "1" + ")" * 40)
    with pytest.raises(ExprError, match="nested more than 32"):
        parse("not " * 40 + "x")
    with pytest.raises(ExprError, match="nested more than 32"):
        parse("-" * 40 + "1")
    assert parse("(" * 10 + "1" + ")" * 10).tree == ("num", 1)


def test_names_and_refs_are_collected_for_the_linter():
    p = parse('trust > 3 and visited("triage") and chose("ask")')
    assert [n for n, _ in p.names] == ["trust"]
    assert [(f, i) for f, i, _ in p.refs] == [("visited", "triage"), ("chose", "ask")]


@pytest.mark.parametrize("src,target,op", [("a = 1", "a", "="), ("a += b * 2", "a", "+="),
                                           ("a -= 1", "a", "-="), ("a *= 2", "a", "*=")])
def test_effects(src, target, op):
    e = parse_effect(src)
    assert (e.target, e.op) == (target, op)


@pytest.mark.parametrize("src,message", [("a /= 2", "'/=' is not supported"), ("a", "an effect looks like"),
                                         ("a = ", "no value"), ("__x = 1", "not allowed"),
                                         ("a = b.c", "attribute access"), ("a == 1", "an effect looks like")])
def test_bad_effects(src, message):
    with pytest.raises(ExprError, match=message.replace("(", r"\(")):
        parse_effect(src)
