"""The engine's errors, under one base class so a host can catch them all at once.

ActionError: the session refused an action (it is unchanged).
SaveError: a save or resume code cannot be used (the message is for the student).
LoadError: a simulation file has errors (every diagnostic, with file:line:col).
CatalogueError: a file of content/ (careers, skills, ui) is missing, badly shaped, or a key is unknown.
"""
from __future__ import annotations

from typing import Any


class EngineError(Exception):
    """Every error the engine raises on purpose."""


class ActionError(EngineError, ValueError):
    """An action the current view does not allow; the session is unchanged."""


class SaveError(EngineError, ValueError):
    """A save or resume code that cannot be used; the message says why, for the student."""


class LoadError(EngineError):
    """A simulation could not be loaded; `diagnostics` lists every problem found."""

    def __init__(self, diagnostics: list, source: str | None = None):
        self.diagnostics = diagnostics
        self.source = source
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__(self.report() if errors else "load failed")

    def report(self) -> str:
        return "\n".join(d.format(self.source) for d in self.diagnostics)


class CatalogueError(EngineError):
    """A catalogue file is missing, unreadable or badly shaped, or a key is unknown."""

    def __init__(self, path: Any, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
