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
    ("x = 1", "'=' sets a value and cannot compare", 2),
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
                                         ("a = b.c", "attribute access"), ("a == 1", "an effect sets a value")])
def test_bad_effects(src, message):
    with pytest.raises(ExprError, match=message.replace("(", r"\(")):
        parse_effect(src)


FUNCS = ("functions: min(), max(), abs(), round(), clamp(), roll(), visited(), chose(), score(), "
         "outcome_is()")


@pytest.mark.parametrize("src,message,col,hint", [
    ("score >> 3", "'>>' is not an operator", 6, "to compare, use one '>': score > 3"),
    ("score << 3", "'<<' is not an operator", 6, "to compare, use one '<': score < 3"),
    ("trust => 50", "'=>' is not an operator", 6, "for 'at least', write '>='"),
    ("trust =< 50", "'=<' is not an operator", 6, "for 'at most', write '<='"),
    ("trust = 50", "'=' sets a value and cannot compare", 6, "use == to compare"),
    ("trust === 50", "'===' is not an operator", 6, "to compare, write '=='"),
    ("a <> b", "'<>' is not an operator", 2, "for 'not equal', write '!='"),
    ("a > 1 && b > 2", "'&&' is not an operator", 6, "write 'and': a > 1 and b > 2"),
    ("a > 1 || b > 2", "'||' is not an operator", 6, "write 'or': a > 1 or b > 2"),
    ("!visited(\"a\")", "'!' is not an operator on its own", 0,
     "write 'not': not visited(\"triage\"); '!=' means not equal"),
    ("a & b", "'&' is not an operator", 2, "write 'and'"),
    ("x ^ 2", "'^' is not an operator", 2, "powers are not supported; multiply instead: x * x"),
    ("a > 1 AND b > 2", "'AND' must be written in lower case", 6, "write 'and'"),
    ("a > 1 Or b > 2", "'Or' must be written in lower case", 6, "write 'or'"),
    ("NOT a", "'NOT' must be written in lower case", 0, "write 'not'"),
    ("done == True", "'True' must be written in lower case", 8, "write 'true'"),
    ("vistied(\"a\")", "unknown function 'vistied'", 0, "did you mean 'visited'? " + FUNCS),
    ("sqrt(x)", "unknown function 'sqrt'", 0, FUNCS),
    ("visited > 0", "'visited' is a function and needs brackets", 0, 'write it like visited("id")'),
    ("max > 0", "'max' is a function and needs brackets", 0, "write it like max(x, y)"),
    ("trust > \u202e5", "invisible direction character U+202E is not allowed", 8,
     "delete it (it can make the text look different from what runs); retype the expression by hand"),
    ("a\u2066 > 1", "invisible direction character U+2066 is not allowed", 1,
     "delete it (it can make the text look different from what runs); retype the expression by hand"),
    ("trust > ５0", "full-width or non-ASCII character '５' is not allowed", 8,
     "type '5' with the keyboard's normal layout"),
    ("trust ＞ 50", "full-width or non-ASCII character '＞' is not allowed", 6,
     "type '>' with the keyboard's normal layout"),
    ("trust > ٥", "full-width or non-ASCII character '٥' is not allowed", 8, "use the digits 0-9"),
])
def test_common_slips_get_a_message_a_column_and_a_hint(src, message, col, hint):
    with pytest.raises(ExprError) as err:
        parse(src)
    assert (err.value.message, err.value.offset, err.value.hint) == (message, col, hint)


@pytest.mark.parametrize("src,message,col,hint", [
    ("trust == 5", "'==' compares; an effect sets a value", 6, "use one '=': trust = 5"),
    ("trust += 5 && 1", "'&&' is not an operator", 11, "write 'and'"),
])
def test_effect_slips(src, message, col, hint):
    with pytest.raises(ExprError) as err:
        parse_effect(src)
    assert (err.value.message, err.value.offset) == (message, col)
    assert err.value.hint.startswith(hint)


@pytest.mark.parametrize("src", ["a != b", "not a", "a >= 1 and b <= 2", "a > -1", 'visited("x") > 0',
                                 "a\u00a0> 1"])
def test_near_slips_that_are_fine(src):
    parse(src)


# ---- conditions that can never hold (engine/bounds.py, reported by lint) -------------------
from engine import check_source  # noqa: E402

NEVER_SIM = """\
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
  done: {type: bool, start: false}
  money: {type: number, start: 5, min: 0}
scenes:
  a:
    text: Hello
    choices:
      - id: go
        text: Go
        if: COND
        effects: [points += 1, done = true, money += 1]
        next: b
      - id: stay
        text: Stay
        next: b
  b:
    text: Bye
    next: END
endings:
  - id: end
    title: Done
    rating: 2
    text: The end.
"""


@pytest.mark.parametrize("cond,col,message,hint", [
    ("points > 10", 13, "'if' of choice 'go' of scene 'a' can never be true: 'points > 10' is always false",
     "'points' stays between 0 and 10"),
    ("points >= 11 and done", 13, "'if' of choice 'go' of scene 'a' can never be true: 'points >= 11' is always false",
     "'points' stays between 0 and 10"),
    ("done and 12 <= points", 28, "'if' of choice 'go' of scene 'a' can never be true: '12 <= points' is always false",
     "'points' stays between 0 and 10"),
    ("done == 2", 13, "'if' of choice 'go' of scene 'a' can never be true: 'done == 2' is always false",
     "'done' is true or false"),
    ("points == 2.5", 13, "'if' of choice 'go' of scene 'a' can never be true: 'points == 2.5' is always false",
     "'points' is a whole number (type: int)"),
    ("money < 0 or points > 99", 13,
     "'if' of choice 'go' of scene 'a' can never be true: 'money < 0' is always false", "'money' is never below 0"),
    ("points * 2 > 20", 13, "'if' of choice 'go' of scene 'a' can never be true: 'points * 2 > 20' is always false",
     "'points' stays between 0 and 10"),
    ('score("a") > 1', 13, "'if' of choice 'go' of scene 'a' can never be true: 'score(\"a\") > 1' is always false",
     "score() is between 0 and 1"),
    ('done and visited("b") < 0', 22,
     "'if' of choice 'go' of scene 'a' can never be true: 'visited(\"b\") < 0' is always false",
     "visited() and chose() count from 0"),
])
def test_lint_finds_conditions_that_can_never_hold(cond, col, message, hint):
    sim, diags, _ = check_source(NEVER_SIM.replace("COND", cond), "t.yaml")
    found = [(d.line, d.col, d.severity, d.message, d.hint) for d in diags if "never be true" in d.message]
    assert found == [(21, col, "warning", message, hint)]


@pytest.mark.parametrize("cond", ["points >= 10", "points > 9.5", "money > 1000000", "points > 5 or money < 0",
                                  "done == true", "not done", "points != 3", "time > 10000", "false",
                                  'visited("b") > 100', "points + money > 10"])
def test_conditions_that_could_hold_are_not_reported(cond):
    sim, diags, _ = check_source(NEVER_SIM.replace("COND", cond), "t.yaml")
    assert [d.message for d in diags if "never be true" in d.message] == []
