"""The small expression language used by conditions and effects.

Parsed by the engine into its own tree and turned into closures: never Python's eval,
no attribute access, a fixed list of functions, bounded length, depth and numbers.
"""
from __future__ import annotations

import math
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

MAX_LENGTH = 400
MAX_DEPTH = 32
MAX_NUMBER = 1e12

# name: (min args, max args, takes a string id first)
FUNCTIONS = {
    "min": (1, 8, False),
    "max": (1, 8, False),
    "abs": (1, 1, False),
    "round": (1, 2, False),
    "clamp": (3, 3, False),
    "roll": (2, 2, False),
    "visited": (1, 1, True),
    "chose": (1, 1, True),
    "score": (1, 1, True),
    "outcome_is": (2, 2, True),
}
OUTCOMES = ("correct", "partial", "wrong")
KEYWORDS = {"and", "or", "not", "true", "false"}
ASSIGN_OPS = ("=", "+=", "-=", "*=")


class ExprError(Exception):
    """A problem in an expression; `offset` is the 0-based column of the bad token."""

    def __init__(self, message: str, offset: int = 0, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<str>"[^"\\]{0,80}"|'[^'\\]{0,80}')
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>\*\*|//|==|!=|<=|>=|\+=|-=|\*=|/=|[-+*/%<>()=,.\[\]])
    )""",
    re.VERBOSE,
)


@dataclass
class Token:
    kind: str
    text: str
    offset: int


# Invisible characters that change the reading direction: the text looks different from
# what the engine reads ("Trojan Source"), so they are refused, never skipped.
BIDI_CONTROLS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Two-character slips from other languages: (what was typed, message, hint).
SLIPS = {
    ">>": ("'>>' is not an operator", "to compare, use one '>': score > 3"),
    "<<": ("'<<' is not an operator", "to compare, use one '<': score < 3"),
    "=>": ("'=>' is not an operator", "for 'at least', write '>='"),
    "=<": ("'=<' is not an operator", "for 'at most', write '<='"),
    "&&": ("'&&' is not an operator", "write 'and': a > 1 and b > 2"),
    "||": ("'||' is not an operator", "write 'or': a > 1 or b > 2"),
    "===": ("'===' is not an operator", "to compare, write '=='"),
    "<>": ("'<>' is not an operator", "for 'not equal', write '!='"),
}
ONE_CHAR_SLIPS = {
    "!": ("'!' is not an operator on its own", "write 'not': not visited(\"triage\"); '!=' means not equal"),
    "&": ("'&' is not an operator", "write 'and'"),
    "|": ("'|' is not an operator", "write 'or'"),
    "^": ("'^' is not an operator", "powers are not supported; multiply instead: x * x"),
}


def _check_characters(source: str) -> None:
    for i, ch in enumerate(source):
        if ch in BIDI_CONTROLS:
            raise ExprError(f"invisible direction character U+{ord(ch):04X} is not allowed", i,
                            "delete it (it can make the text look different from what runs); "
                            "retype the expression by hand")
        if ord(ch) > 127 and ch not in "\"'" and not ch.isspace():
            plain = unicodedata.normalize("NFKC", ch)
            if ch.isdigit() or (plain != ch and plain.isascii()):
                raise ExprError(f"full-width or non-ASCII character '{ch}' is not allowed", i,
                                f"type '{plain}' with the keyboard's normal layout"
                                if plain.isascii() else "use the digits 0-9")


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is {len(source)} characters; the limit is {MAX_LENGTH}",
                        MAX_LENGTH, "split it into smaller steps")
    _check_characters(source)
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        start = pos + (len(source[pos:]) - len(source[pos:].lstrip()))
        for slip in sorted(SLIPS, key=len, reverse=True):
            if source.startswith(slip, start):
                raise ExprError(*SLIPS[slip][:1], start, SLIPS[slip][1])
        ch = source[start]
        if ch in ONE_CHAR_SLIPS and not source.startswith("!=", start):
            raise ExprError(ONE_CHAR_SLIPS[ch][0], start, ONE_CHAR_SLIPS[ch][1])
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            hint = "text in quotes goes only inside visited(), chose(), score()" if ch in "\"'" else ""
            raise ExprError(f"unexpected character '{ch}'", start, hint)
        kind = m.lastgroup
        text = m.group(kind)
        tokens.append(Token(kind, text, m.start(kind)))
        pos = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


def _casing_slip(tok: Token) -> ExprError | None:
    """'AND', 'Or', 'True' and friends: the right word in the wrong case."""
    low = tok.text.lower()
    if tok.kind == "name" and tok.text != low and low in KEYWORDS:
        return ExprError(f"'{tok.text}' must be written in lower case", tok.offset, f"write '{low}'")
    return None


FUNCTION_LIST = "functions: " + ", ".join(f"{f}()" for f in FUNCTIONS)


@dataclass
class Parsed:
    """The tree of one expression, plus what it refers to (for the linter)."""

    tree: tuple
    names: list = field(default_factory=list)  # (name, offset)
    refs: list = field(default_factory=list)  # (function, id, offset)


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0
        self.names: list = []
        self.refs: list = []

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def expect(self, text: str) -> Token:
        if self.tok.text != text:
            found = self.tok.text or "the end"
            raise ExprError(f"expected '{text}' but found '{found}'", self.tok.offset)
        return self.take()

    def deeper(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"nested more than {MAX_DEPTH} levels deep", self.tok.offset,
                            "split it into smaller steps")

    def parse_all(self) -> tuple:
        tree = self.expr()
        if self.tok.kind != "end":
            t = self.tok
            if t.text == "=":
                raise ExprError("'=' sets a value and cannot compare", t.offset, "use == to compare")
            raise _casing_slip(t) or ExprError(f"unexpected '{t.text}'", t.offset)
        return tree

    def expr(self) -> tuple:
        self.deeper()
        left = self.and_()
        while self.tok.text == "or":
            self.take()
            left = ("or", left, self.and_())
        self.depth -= 1
        return left

    def and_(self) -> tuple:
        left = self.not_()
        while self.tok.text == "and":
            self.take()
            left = ("and", left, self.not_())
        return left

    def not_(self) -> tuple:
        if self.tok.text == "not":
            self.take()
            self.deeper()
            inner = self.not_()
            self.depth -= 1
            return ("not", inner)
        return self.comparison()

    def comparison(self) -> tuple:
        left = self.sum()
        if self.tok.text in ("==", "!=", "<", "<=", ">", ">="):
            op = self.take().text
            right = self.sum()
            if self.tok.text in ("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("compare one pair at a time", self.tok.offset,
                                "write 'a < b and b < c'")
            return ("cmp", op, left, right)
        return left

    def sum(self) -> tuple:
        left = self.term()
        while self.tok.text in ("+", "-"):
            op = self.take().text
            left = ("bin", op, left, self.term())
        return left

    def term(self) -> tuple:
        left = self.unary()
        while self.tok.text in ("*", "/", "//", "%"):
            op = self.take().text
            left = ("bin", op, left, self.unary())
        return left

    def unary(self) -> tuple:
        if self.tok.text in ("-", "+"):
            op = self.take().text
            self.deeper()
            inner = self.unary()
            self.depth -= 1
            return ("neg", inner) if op == "-" else inner
        node = self.primary()
        t = self.tok
        if t.text == "**":
            raise ExprError("powers (**) are not supported", t.offset, "multiply instead: x * x")
        if t.text == ".":
            raise ExprError("attribute access (.) is not allowed", t.offset)
        if t.text == "[":
            raise ExprError("indexing ([...]) is not allowed", t.offset)
        return node

    def primary(self) -> tuple:
        t = self.tok
        if t.kind == "num":
            self.take()
            value = float(t.text) if any(c in t.text for c in ".eE") else int(t.text)
            if abs(value) > MAX_NUMBER or (isinstance(value, float) and not math.isfinite(value)):
                raise ExprError(f"number {t.text} is too large", t.offset,
                                f"numbers must stay within ±{MAX_NUMBER:.0e}")
            return ("num", value)
        if t.kind == "str":
            raise ExprError("text in quotes is only allowed inside visited(), chose(), score(), outcome_is()",
                            t.offset)
        if t.kind == "name":
            self.take()
            if t.text.startswith("__"):
                raise ExprError(f"name '{t.text}' is not allowed", t.offset)
            if t.text == "true":
                return ("num", True)
            if t.text == "false":
                return ("num", False)
            if t.text in KEYWORDS:
                raise ExprError(f"'{t.text}' needs something before it", t.offset)
            slip = _casing_slip(t)
            if slip:
                raise slip
            if self.tok.text == "(":
                return self.call(t)
            if t.text in FUNCTIONS:
                example = f'{t.text}("id")' if FUNCTIONS[t.text][2] else f"{t.text}(x, y)"
                raise ExprError(f"'{t.text}' is a function and needs brackets", t.offset,
                                f"write it like {example}")
            self.names.append((t.text, t.offset))
            return ("name", t.text)
        if t.text == "(":
            self.take()
            inner = self.expr()
            self.expect(")")
            return inner
        if t.kind == "end":
            raise ExprError("expression ends too early", t.offset)
        raise ExprError(f"unexpected '{t.text}'", t.offset)

    def call(self, name_tok: Token) -> tuple:
        fname = name_tok.text
        if fname not in FUNCTIONS:
            from .diagnostics import did_you_mean
            guess = did_you_mean(fname, FUNCTIONS)
            raise ExprError(f"unknown function '{fname}'", name_tok.offset,
                            f"{guess} {FUNCTION_LIST}" if guess else FUNCTION_LIST)
        lo, hi, takes_id = FUNCTIONS[fname]
        self.expect("(")
        args: list = []
        if takes_id:
            t = self.tok
            if t.kind != "str":
                raise ExprError(f"{fname}() takes an id in quotes, like {fname}(\"triage\")", t.offset)
            self.take()
            ident = t.text[1:-1]
            self.refs.append((fname, ident, t.offset))
            args.append(("str", ident))
            if fname == "outcome_is":
                self.expect(",")
                t = self.tok
                if t.kind != "str" or t.text[1:-1] not in OUTCOMES:
                    raise ExprError("outcome_is() takes \"correct\", \"partial\" or \"wrong\" second",
                                    t.offset)
                self.take()
                args.append(("str", t.text[1:-1]))
        else:
            if self.tok.text != ")":
                args.append(self.expr())
                while self.tok.text == ",":
                    self.take()
                    args.append(self.expr())
        self.expect(")")
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise ExprError(f"{fname}() takes {want} values, not {len(args)}", name_tok.offset)
        return ("call", fname, tuple(args))


def parse(source) -> Parsed:
    if isinstance(source, bool):
        return Parsed(("num", source))
    if isinstance(source, (int, float)):
        if abs(source) > MAX_NUMBER:
            raise ExprError("number is too large", 0)
        return Parsed(("num", source))
    if not isinstance(source, str):
        raise ExprError("expected an expression (text)", 0)
    p = _Parser(source)
    tree = p.parse_all()
    return Parsed(tree, p.names, p.refs)


@dataclass
class ParsedEffect:
    target: str
    op: str
    value: Parsed
    target_offset: int


def parse_effect(source) -> ParsedEffect:
    if not isinstance(source, str):
        raise ExprError("an effect is text like 'trust += 5'", 0)
    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|\*=|=(?!=))\s*", source)
    if not m:
        stripped = source.lstrip()
        off = len(source) - len(stripped)
        if re.match(r"[A-Za-z_][A-Za-z0-9_]*\s*/=", stripped):
            raise ExprError("'/=' is not supported", off, "use 'name = name / 2'")
        if re.match(r"[A-Za-z_][A-Za-z0-9_]*\s*==", stripped):
            raise ExprError("'==' compares; an effect sets a value", source.index("=="),
                            "use one '=': trust = 5")
        raise ExprError("an effect looks like 'name = value', 'name += value' or 'name -= value'",
                        off)
    target = m.group(1)
    if target.startswith("__") or target in KEYWORDS:
        raise ExprError(f"name '{target}' is not allowed", m.start(1))
    rest = source[m.end():]
    if not rest.strip():
        raise ExprError("the effect has no value after the '='", len(source))
    try:
        value = parse(rest)
    except ExprError as exc:
        raise ExprError(exc.message, exc.offset + m.end(), exc.hint) from None
    value.names = [(n, o + m.end()) for n, o in value.names]
    value.refs = [(f, i, o + m.end()) for f, i, o in value.refs]
    return ParsedEffect(target, m.group(2), value, m.start(1))


# ---- evaluation -------------------------------------------------------------------

class Env:
    """What an expression may read; the session provides it."""

    __slots__ = ("vars", "visits", "chosen", "scores", "outcomes", "roll", "state")

    def __init__(self, vars, visits, chosen, scores, outcomes, roll, state=None):
        self.state = state  # the session's state: `time` is read from it
        self.vars = vars
        self.visits = visits
        self.chosen = chosen
        self.scores = scores
        self.outcomes = outcomes
        self.roll = roll


def _bound(x):
    if isinstance(x, bool):
        return x
    if x != x:  # NaN
        return 0
    if x > MAX_NUMBER:
        return MAX_NUMBER
    if x < -MAX_NUMBER:
        return -MAX_NUMBER
    return x


def _div(a, b):
    return a / b if b else 0


def _fdiv(a, b):
    return a // b if b else 0


def _mod(a, b):
    return a % b if b else 0


# the operator module's functions are the plain operators, without a Python call each
_BIN = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _div,
    "//": _fdiv,
    "%": _mod,
}
_CMP = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _round(x, n=0):
    n = int(max(0, min(6, n)))
    r = round(x, n)
    return int(r) if n == 0 else r


def compile_tree(tree: tuple) -> Callable[[Env], object]:
    """Turns a parsed tree into a closure (no eval): fast to run many times."""
    kind = tree[0]
    if kind == "num":
        value = tree[1]
        return lambda env: value
    if kind == "name":
        name = tree[1]
        if name == "time":
            return lambda env: env.state["time"] if env.state is not None else env.vars.get("time", 0)
        return lambda env: env.vars[name]
    if kind == "neg":
        inner = compile_tree(tree[1])
        return lambda env: _bound(-inner(env))
    if kind == "not":
        inner = compile_tree(tree[1])
        return lambda env: not inner(env)
    if kind == "and":
        a, b = compile_tree(tree[1]), compile_tree(tree[2])
        return lambda env: bool(a(env)) and bool(b(env))
    if kind == "or":
        a, b = compile_tree(tree[1]), compile_tree(tree[2])
        return lambda env: bool(a(env)) or bool(b(env))
    if kind == "bin":
        op = _BIN[tree[1]]
        a, b = compile_tree(tree[2]), compile_tree(tree[3])
        return lambda env: _bound(op(a(env), b(env)))
    if kind == "cmp":
        return _compile_comparison(_CMP[tree[1]], tree[2], tree[3])
    if kind == "call":
        fname, args = tree[1], tree[2]
        if fname == "visited":
            ident = args[0][1]
            return lambda env: env.visits.get(ident, 0)
        if fname == "chose":
            ident = args[0][1]
            return lambda env: env.chosen.get(ident, 0)
        if fname == "score":
            ident = args[0][1]
            return lambda env: env.scores.get(ident, 0)
        if fname == "outcome_is":
            ident, outcome = args[0][1], args[1][1]
            return lambda env: env.outcomes.get(ident) == outcome
        fns = [compile_tree(a) for a in args]
        if fname == "min":
            return lambda env: min(f(env) for f in fns)
        if fname == "max":
            return lambda env: max(f(env) for f in fns)
        if fname == "abs":
            return lambda env: abs(fns[0](env))
        if fname == "round":
            return lambda env: _round(*(f(env) for f in fns))
        if fname == "clamp":
            x, lo, hi = fns
            return lambda env: max(lo(env), min(hi(env), x(env)))
        if fname == "roll":
            lo, hi = fns
            return lambda env: env.roll(int(lo(env)), int(hi(env)))
    raise ValueError(f"unknown node {kind}")  # unreachable for parsed trees


def _compile_comparison(op, left: tuple, right: tuple) -> Callable[[Env], object]:
    """A comparison; the common shapes, a variable or a function against a number
    (`safety >= 40`, `visited("x") > 0`), run every step: they read the number and the
    variable in place, without a closure call for each."""
    if right[0] == "num":
        value = right[1]
        if left[0] == "name" and left[1] != "time":
            name = left[1]
            return lambda env: op(env.vars[name], value)
        a = compile_tree(left)
        return lambda env: op(a(env), value)
    a, b = compile_tree(left), compile_tree(right)
    return lambda env: op(a(env), b(env))
