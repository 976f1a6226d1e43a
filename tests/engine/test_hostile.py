"""Hostile inputs are refused with a clear error, never executed, never a crash."""
from __future__ import annotations

import pytest

from engine import check_source
from tests.engine.test_loader import MINIMAL

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


@pytest.mark.parametrize("start,message", [
    (".nan", "'.nan' is not a number a player can show"),
    (".inf", "'.inf' is not a number a player can show"),
    ("-.Inf", "'-.Inf' is not a number a player can show"),
    ("1.0e+999", "'1.0e+999' is not a number a player can show"),
    ("9" * 5000, "is too large to show or count with"),        # past Python's 4,300-digit limit
    ("9007199254740992", "is too large to show or count with"),  # 2**53: JavaScript loses digits
])
def test_numbers_no_player_can_show_are_errors_with_a_position(start, message):
    """Audit F4/F11: NaN, infinity and huge integers were a traceback or `Infinity` in JSON."""
    errs = errors(MINIMAL.replace("start: 0, min: 0", f"start: {start}, min: 0"))
    assert [(d.line, d.col) for d in errs] == [(12, 30)], [(d.line, d.col, d.message) for d in errs]
    assert message in errs[0].message  # one mistake, one message: not also "must be a number"


def test_the_largest_integer_javascript_keeps_is_still_a_number():
    src = MINIMAL.replace("max: 10, show", "max: 9007199254740991, show")
    sim, ds, _ = check_source(src, "ok.yaml")
    assert sim is not None, [d.message for d in ds]


@pytest.mark.parametrize("flood", ["[" + ",".join(["[]"] * 333_000) + "]", "[" + ",".join(["0"] * 400_000) + "]"])
def test_a_flood_of_values_is_refused_before_it_is_built(flood, monkeypatch):
    """Audit F12: 1 MB of "[]," made 400 MB of nodes; now it is counted and refused first."""
    from engine import yamlsafe
    built = []
    monkeypatch.setattr(yamlsafe, "_compose", lambda text: built.append(text))
    errs = errors("a: " + flood)
    assert "the limit is 100,000" in errs[0].message and not built


def test_a_replay_longer_than_any_playthrough_is_refused(tmp_path):
    """Audit F15: a looping simulation let a short code replay 99,991 steps."""
    from engine import Session, load_simulation
    from engine.saves import MAX_STEPS, SaveError, encode_resume_code
    loop = MINIMAL.replace("    next: END", "    choices:\n      - {id: again, text: Again, next: b}\n"
                           "      - {id: stop, text: Stop, next: END}")
    path = tmp_path / "loop.yaml"
    path.write_text(loop, encoding="utf-8")
    sim = load_simulation(str(path))
    s = Session(sim, seed=1)
    s.act({"type": "choose", "choice": "go"})
    for _ in range(MAX_STEPS - 1):
        s.act({"type": "choose", "choice": "again"})
    assert Session.restore(sim, s.save()).state["step"] == MAX_STEPS  # the cap itself still plays
    assert Session.from_resume_code(sim, encode_resume_code(s)).state["step"] == MAX_STEPS
    s.act({"type": "choose", "choice": "again"})
    with pytest.raises(SaveError, match="more than any playthrough"):
        Session.restore(sim, s.save())
    with pytest.raises(SaveError, match="more than any playthrough"):
        Session.from_resume_code(sim, encode_resume_code(s))
