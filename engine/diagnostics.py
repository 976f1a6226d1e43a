"""Problems found in an author's file, reported the way a compiler does."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .errors import LoadError  # noqa: F401  (re-exported: it was defined here)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int  # 1-based; 0 when unknown
    col: int  # 1-based; 0 when unknown
    severity: str  # "error" | "warning"
    message: str
    hint: str = ""
    length: int = 1  # how many characters the caret underlines

    def format(self, source: str | None = None) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        lines = [head]
        if source is not None and self.line > 0:
            src_lines = source.splitlines()
            if self.line <= len(src_lines):
                text = src_lines[self.line - 1].rstrip()
                if len(text) > 160:
                    text = text[:157] + "..."
                num = str(self.line)
                lines.append(f"  {num} | {text}")
                caret = " " * max(self.col - 1, 0) + "^" * max(1, min(self.length, 60))
                lines.append(f"  {' ' * len(num)} | {caret}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Reporter:
    """Collects diagnostics for one file; never stops at the first problem."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pos, message: str, hint: str = "", length: int = 1) -> None:
        self._add("error", pos, message, hint, length)

    def warning(self, pos, message: str, hint: str = "", length: int = 1) -> None:
        self._add("warning", pos, message, hint, length)

    limit: int = 200
    #: Positions of values refused while reading the YAML (read as missing by the checks after).
    refused: set = field(default_factory=set)

    def refuse(self, pos, message: str, hint: str = "", length: int = 1) -> None:
        self.error(pos, message, hint, length)
        self.refused.add(tuple(pos))

    def _add(self, severity, pos, message, hint, length):
        if len(self.items) > self.limit:
            return
        line, col = pos if pos else (0, 0)
        if self.items and (line, col, severity, message) in self._said():
            return  # two checks found the same mistake (a key's rule and its reader): say it once
        if severity == "error" and (line, col) in self.refused:
            return  # one mistake, one message: a value the YAML layer refused needs no second word
        if len(self.items) == self.limit:
            severity, message, hint = "error", f"more than {self.limit} problems; stopping here", \
                "fix these first, then lint again"
        self.items.append(Diagnostic(self.path, line, col, severity, message, hint, length))

    def _said(self) -> set:
        return {(d.line, d.col, d.severity, d.message) for d in self.items[-8:]}

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)


def expr_pos(pos, offset: int):
    """The (line, col) of the character `offset` into an expression written at `pos`, so a
    problem in `trust >= fifty` points at `fifty`; an unknown pos stays unknown."""
    return (pos[0], pos[1] + offset) if pos and pos[0] else pos


def did_you_mean(word: str, options) -> str:
    """A hint naming the closest known word, or '' when nothing is close."""
    options = [o for o in options if isinstance(o, str)]
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def kind_of(value) -> str:
    """What a value is, in an author's words: "text", "a number", "a list"... (the
    loader and the catalogue checks say "must be X, not <kind_of(value)>")."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
