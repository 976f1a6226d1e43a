"""Reads author YAML safely and keeps the line and column of every node.

Only plain data comes out: no tags beyond YAML's standard ones, no aliases (they make
"billion laughs" bombs possible), no duplicate keys (PyYAML silently keeps the last one),
no tabs in indentation. Every problem becomes a Diagnostic, never an exception.
"""
from __future__ import annotations

import math
import re

import yaml
import yaml.reader
from yaml.composer import ComposerError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .diagnostics import Reporter

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
# Lines plus flow brackets and commas, an upper bound on the values a file makes: the
# largest simulation has under 5,000; a 1 MB flood of "[]," made 333k and 400 MB of nodes.
MAX_NODES = 100_000

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STANDARD + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}


class YMap(dict):
    """A mapping that remembers where it and each of its keys and values stand."""

    pos: tuple[int, int] = (0, 0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_pos: dict = {}
        self.val_pos: dict = {}


class YList(list):
    pos: tuple[int, int] = (0, 0)

    def __init__(self, *args):
        super().__init__(*args)
        self.item_pos: list = []


class _NoAliasError(Exception):
    def __init__(self, mark):
        self.mark = mark


class _PyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases before they can expand."""

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            raise _NoAliasError(self.peek_event().start_mark)
        return super().compose_node(parent, index)


# libyaml's C parser is used where it exists (CPython here); it composes aliases into shared
# nodes without expanding them, and _convert refuses any node met twice. Pyodide and pygbag
# have no libyaml and use the pure-Python loader. The two disagree on a few inputs (a '?'
# inside flow text, a tab after a value), so `testdrive lint` and the pygbag build also read
# with the pure-Python loader (browser_check below). One reader everywhere was measured and
# refused by measurement: the 7 shipped simulations (481k characters) compose in 361 ms with
# libyaml and 7,077 ms pure-Python, 20× slower (40× on a busier run; see
# scripts/yaml_readers_bench.py): seconds added to every play, preview and test.
_Loader = getattr(yaml, "CSafeLoader", None) or _PyLoader


def _too_deep(text: str):
    """Finds nesting deeper than MAX_DEPTH before PyYAML's recursive parser meets it."""
    depth = 0
    quote = ""
    line, col = 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
            if not quote and depth == 0:
                continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and depth:
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return (line, col)
        elif ch in "]}" and depth:
            depth -= 1
    for n, text_line in enumerate(text.splitlines(), 1):
        if len(text_line) - len(text_line.lstrip(" ")) > 2 * MAX_DEPTH * 4:
            return (n, 1)
    return None


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def read_yaml(text_or_bytes, path: str, report: Reporter, *, browser_check: bool = False):
    """Returns the document as YMap/YList/scalars, or None when it cannot be read.

    browser_check: also read with the browser's (pure-Python) reader and report where it
    refuses the file or reads a different document, so lint finds what a player would refuse.
    """
    data = text_or_bytes
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            report.error((1, 1), f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}",
                         "split the simulation or shorten its texts")
            return None
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            col = exc.start - (before.rfind(b"\n") + 1) + 1
            report.error((line, col), "file is not valid UTF-8",
                         "save the file as UTF-8 in your editor")
            return None
    if len(data) > MAX_BYTES:
        report.error((1, 1), f"file is {len(data):,} characters; the limit is {MAX_BYTES:,}",
                     "split the simulation or shorten its texts")
        return None
    if data.startswith("\ufeff"):
        data = data[1:]
    if not data.strip():
        report.error((1, 1), "file is empty", "start with 'format: 1' and an 'id:'")
        return None
    tab_found = False
    for n, line in enumerate(data.splitlines(), 1):
        indent = re.match(r"[ \t]*", line).group(0)
        if "\t" in indent:
            report.error((n, indent.index("\t") + 1), "tab used for indentation",
                         "YAML needs spaces; set your editor to insert spaces")
            tab_found = True
    if tab_found:
        return None
    nodes = sum(data.count(ch) for ch in "\n[{,")
    if nodes > MAX_NODES:
        report.error((1, 1), f"file holds about {nodes:,} values; the limit is {MAX_NODES:,}",
                     "a simulation never needs this many; split it or remove repeated lists")
        return None
    deep = _too_deep(data)
    if deep:
        report.error(deep, f"nested more than {MAX_DEPTH} levels deep",
                     "a simulation never needs this much nesting")
        return None
    try:
        node = _compose(data)
    except _NoAliasError as exc:
        report.error(_pos(exc.mark), "aliases (*name) are not allowed",
                     "write the value out again instead of referring to an anchor")
        return None
    except ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.error(_pos(mark) if mark else (1, 1), "a simulation file holds one YAML document, "
                     "but another one starts here", "remove the '---' line and what follows, "
                     "or move it to its own file")
        return None
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, data, report)
        return None
    except yaml.reader.ReaderError as exc:
        before = data[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        report.error((line, col), f"character U+{exc.character:04X} is not allowed in YAML",
                     "delete it; it may be invisible in your editor")
        return None
    except yaml.YAMLError as exc:
        report.error((1, 1), f"YAML: {exc}")
        return None
    except RecursionError:
        report.error((1, 1), "file is nested too deeply")
        return None
    if node is None:
        report.error((1, 1), "file is empty", "start with 'format: 1' and an 'id:'")
        return None
    if browser_check and _Loader is not _PyLoader:
        _check_browser_reading(data, node, report)
    try:
        return _convert(node, report, 0, set())
    except _NoAliasError as exc:
        report.error(_pos(exc.mark), "aliases (*name) are not allowed",
                     "write the value out again instead of referring to an anchor")
        return None
    except RecursionError:
        report.error((1, 1), "file is nested too deeply")
        return None


def _compose(text: str):
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_BROWSER_HINT = "quote this text: the browser's YAML reader reads it differently"


def _check_browser_reading(text: str, node, report: Reporter) -> None:
    """Reports where the pure-Python reader (Pyodide, pygbag) refuses `text` or reads
    another document than `node`, which libyaml read."""
    refused = False
    for _ in range(MAX_SYNTAX_ERRORS):
        loader = _PyLoader(text)
        try:
            other = loader.get_single_node()
        except (_NoAliasError, RecursionError):
            return  # libyaml's reading reports these in _convert
        except yaml.MarkedYAMLError as exc:
            _report_browser_refusal(exc, text, report)
            at = exc.problem_mark.index if exc.problem_mark else -1
            if not 0 <= at < len(text) or text[at] not in "?\t":
                return
            # read on past it, so every such place is reported at once: the refused
            # character becomes a space (the same length, so later places stay right)
            text, refused = text[:at] + " " + text[at + 1:], True
            continue
        except yaml.YAMLError:
            report.error((1, 1), "the browser's YAML reader cannot read this file",
                         "check the quotes and spaces; quote any text that holds ? : or #")
            return
        finally:
            loader.dispose()
        differs = None if refused else _first_difference(node, other)
        if differs is not None:
            report.error(_pos(differs.start_mark), "the browser's YAML reader reads this value "
                         "differently", _BROWSER_HINT)
        return


def _report_browser_refusal(exc, text: str, report: Reporter) -> None:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        report.error((1, 1), "the browser's YAML reader cannot read this file", _BROWSER_HINT)
        return
    line, col = _pos(mark)
    row = _row(text, line)
    if row[col - 1:col] == "\t":
        report.error((line, col), "the browser's YAML reader stops at this tab", _TAB_HINT)
        return
    start, words = _unquoted_text(row, col)
    report.error((line, start), "the browser's YAML reader cannot read this text",
                 _quote_hint(_BROWSER_HINT, words), length=max(1, len(words)))


_TAB_HINT = "replace the tab with a space, or delete it if it ends the line"


def _row(text: str, line: int) -> str:
    rows = text.split("\n")
    return rows[line - 1] if 1 <= line <= len(rows) else ""


def _quote_hint(hint: str, words: str) -> str:
    return hint + f': write "{words}"' if words and '"' not in words else hint


def _unquoted_text(row: str, col: int) -> tuple[int, str]:
    """(start column, words) of the unquoted text in [ ] or { } that holds column `col`."""
    start = _plain_text_start(row, col)
    return start, re.split(r"[,\]}]", row[start - 1:], maxsplit=1)[0].strip()


def _plain_text_start(row: str, col: int) -> int:
    """The column where the unquoted text holding column `col` begins (inside [ ] or { })."""
    i = min(col - 1, len(row))
    while i > 0 and row[i - 1] not in "[{," and not (row[i - 1] == " " and row[i - 2:i - 1] == ":"):
        i -= 1
    while i < min(col - 1, len(row)) and row[i] == " ":
        i += 1
    return i + 1


def _first_difference(a, b):
    """The first node of `a` that `b` reads differently (None when they mean the same)."""
    if type(a) is not type(b) or a.tag != b.tag:
        return a
    if isinstance(a, ScalarNode):
        return None if a.value == b.value else a
    if len(a.value) != len(b.value):
        return a
    if isinstance(a, SequenceNode):
        pairs = zip(a.value, b.value)
    else:
        pairs = ((x, y) for (ka, va), (kb, vb) in zip(a.value, b.value) for x, y in ((ka, kb), (va, vb)))
    for x, y in pairs:
        found = _first_difference(x, y)
        if found is not None:
            return found
    return None


MAX_SYNTAX_ERRORS = 20
_QUOTE_HINT = {
    '"': 'close the text with another "; to show a " inside the text, write \\" or put the '
         "whole text in ' quotes",
    "'": "close the text with another '; to show a ' inside the text, write it twice: ''",
}


def _syntax(exc, text: str):
    """(position, message, hint, line to set aside) for one YAML syntax error.

    The position is where the broken construct began (an opening quote or bracket),
    not where the parser gave up, which can be the end of the file. The wording is the
    same for libyaml and the pure-Python parser (Pyodide and pygbag use the latter).
    """
    context, problem = exc.context or "", exc.problem or ""
    where = exc.problem_mark or exc.context_mark
    pos = _pos(where) if where else (1, 1)
    lines = text.split("\n")
    if "quoted scalar" in context and exc.context_mark:
        pos = _pos(exc.context_mark)
        quote = lines[pos[0] - 1][pos[1] - 1:pos[1]] or '"'
        return (pos, f"YAML syntax: this quote ({quote}) is never closed", _QUOTE_HINT.get(quote, ""),
                pos[0])
    # the pure-Python reader's own refusals (libyaml accepts these; see _check_browser_reading)
    if "but got '?'" in problem and exc.problem_mark:
        start, words = _unquoted_text(_row(text, pos[0]), pos[1])
        return ((pos[0], start), "YAML syntax: text with a '?' inside [ ] or { } needs quotes",
                _quote_hint("put the text in quotes", words), pos[0])
    if "found character '\\t'" in problem:
        return (pos, "YAML syntax: a tab is not allowed here", _TAB_HINT, pos[0])
    for kind, opener, closer in (("flow sequence", "[", "]"), ("flow mapping", "{", "}")):
        if kind in context and exc.context_mark:
            pos = _pos(exc.context_mark)
            return (pos, f"YAML syntax: this '{opener}' is never closed",
                    f"add '{closer}' after the last item; separate items with commas, and put text "
                    "that holds a comma in quotes", pos[0])
    if "mapping values are not allowed" in problem:
        return (pos, "YAML syntax: a ':' is not allowed here",
                "if the text holds ': ', put it all in quotes; otherwise indent this line like "
                "the keys above it", pos[0])
    if "expected key" in problem or "block end" in problem or "<block" in problem:
        return (pos, "YAML syntax: this line is not lined up with the lines above it",
                "keys at one level start at the same column, and so do the '-' of one list",
                pos[0])
    return (pos, f"YAML syntax: {problem or context or 'syntax error'}",
            "check the indentation and quotes on this line and the one before", pos[0])


def _set_aside(text: str, line: int) -> str:
    """`text` with line `line` and the lines indented under it emptied (numbers kept)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return text
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    lines[line - 1] = ""
    n = line
    while n < len(lines) and (not lines[n].strip() or len(lines[n]) - len(lines[n].lstrip(" ")) > indent):
        lines[n] = ""
        n += 1
    return "\n".join(lines)


def _report_syntax(first, text: str, report: Reporter) -> None:
    """Reports the first syntax error, then as many more as re-reading without it finds."""
    exc, seen = first, set()
    while exc is not None and len(seen) < MAX_SYNTAX_ERRORS:
        pos, message, hint, line = _syntax(exc, text)
        if line in seen:
            break
        seen.add(line)
        report.error(pos, message, hint)
        text = _set_aside(text, line)
        try:
            _compose(text)
            exc = None
        except yaml.MarkedYAMLError as again:
            exc = None if isinstance(again, ComposerError) else again
        except (yaml.YAMLError, _NoAliasError, RecursionError):
            exc = None  # not a syntax error: reported once the syntax is fixed


_scalar_constructor = yaml.SafeLoader("")


def _scalar(node: ScalarNode):
    tag = node.tag
    value = node.value
    if tag == _STANDARD + "int":
        if ":" in value:  # YAML 1.1 reads 19:00 as a base-60 number; authors mean a time
            return value
        return _scalar_constructor.construct_yaml_int(node)
    if tag == _STANDARD + "float":
        if ":" in value:
            return value
        return _scalar_constructor.construct_yaml_float(node)
    if tag == _STANDARD + "bool":
        # YAML 1.1 also reads yes/no/on/off as booleans: Spanish "no" must stay a word
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value
    if tag == _STANDARD + "null":
        return None
    return value


# Every player shows numbers through JSON and JavaScript: beyond 2**53 integers lose digits, and
# NaN/Infinity are not JSON at all (the page would stop on them). So they are author errors here.
MAX_SAFE_INT = 2**53 - 1


def _number_checked(node: ScalarNode, report: Reporter, pos):
    tag = node.tag
    if tag == _STANDARD + "int" and ":" not in node.value:
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > 16 or abs(_scalar(node)) > MAX_SAFE_INT:
            report.refuse(pos, f"the number {_short(node.value)} is too large to show or count with",
                         f"use a number between -{MAX_SAFE_INT:,} and {MAX_SAFE_INT:,}", length=len(node.value))
            return None
    value = _scalar(node)
    if isinstance(value, float) and not math.isfinite(value):
        report.refuse(pos, f"'{_short(node.value)}' is not a number a player can show",
                     "write a plain number such as 2.5 (not .nan or .inf)", length=len(node.value))
        return None
    return value


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


class _Mark:
    def __init__(self, pos):
        self.line, self.column = pos[0] - 1, pos[1] - 1


def _convert(node, report: Reporter, depth: int, seen: set, at=None):
    pos = _pos(node.start_mark)
    if id(node) in seen:  # the same node met twice: an alias (C loader)
        raise _NoAliasError(_Mark(at or pos))
    seen.add(id(node))
    if depth > MAX_DEPTH:
        report.error(pos, f"nested more than {MAX_DEPTH} levels deep")
        return None
    if node.tag not in _ALLOWED_TAGS:
        report.error(pos, f"tag '{node.tag}' is not allowed",
                     "remove the '!' tag; simulations hold plain data only")
        return None
    if isinstance(node, ScalarNode):
        return _number_checked(node, report, pos)
    if isinstance(node, SequenceNode):
        out = YList()
        out.pos = pos
        for item in node.value:
            out.append(_convert(item, report, depth + 1, seen, pos))
            out.item_pos.append(_pos(item.start_mark))
        return out
    if isinstance(node, MappingNode):
        out = YMap()
        out.pos = pos
        for key_node, value_node in node.value:
            kpos = _pos(key_node.start_mark)
            if key_node.tag == _STANDARD + "merge":
                report.error(kpos, "merge keys (<<) are not allowed", "write the keys out")
                continue
            if not isinstance(key_node, ScalarNode):
                report.error(kpos, "a key must be a plain word")
                continue
            key = _convert(key_node, report, depth + 1, seen)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                report.error(kpos, "a key must be a plain word")
                continue
            if isinstance(key, bool) or not isinstance(key, str):
                key = str(key_node.value)
            if key in out:
                first = out.key_pos[key]
                report.error(kpos, f"duplicate key '{key}' (first at line {first[0]})",
                             "YAML keeps only one of them: remove or rename one",
                             length=len(key))
                continue
            out[key] = _convert(value_node, report, depth + 1, seen, kpos)
            out.key_pos[key] = kpos
            out.val_pos[key] = _pos(value_node.start_mark)
        return out
    report.error(pos, "unreadable node")
    return None
