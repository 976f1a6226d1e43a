"""Loads and checks a simulation file: every problem at once, with line and column.

This module walks a file's sections in order and builds the model; each construct is read
and checked by its own module under engine/loading/ (variables, scenes, choices, activities,
events, endings, ...), and the checks across the whole file run last."""
from __future__ import annotations

import json
from pathlib import Path

from .contentfiles import check_files
from .diagnostics import Diagnostic, Reporter
from .errors import LoadError
from .loading.characters import read_characters
from .loading.endings import read_endings
from .loading.enjoy import read_enjoy
from .loading.events import read_events
from .loading.header import read_clock, read_header
from .loading.kiosk import read_kiosk
from .loading.reader import Reader
from .loading.references import check_references
from .loading.scenes import read_scenes
from .loading.variables import read_variables
from .model import Simulation
from .spec import TOP
from .tagging import check_tags
from .teacher import check_teacher
from .yamlsafe import read_yaml


class _Builder(Reader):
    def build(self, doc) -> Simulation | None:
        top = self.mapping(doc, getattr(doc, "pos", None) or (1, 1), "the simulation file")
        if top is None:
            return None
        self.keys(top, "the simulation", TOP.keys, TOP.required)
        head = read_header(self, top)
        clock = read_clock(self, top)
        variables = read_variables(self, top)
        characters = read_characters(self, top)
        scenes = read_scenes(self, top)
        events = read_events(self, top)
        endings = read_endings(self, top)
        enjoy = read_enjoy(self, top)
        start = self.ident(top, "start", "the simulation") or ""
        if start:
            self.targets.append((start, self.vpos(top, "start"), "'start'"))
        kiosk_start, kiosk_meters = read_kiosk(self, top, variables)
        sim = Simulation(
            **head, languages=self.languages, kiosk_start=kiosk_start, kiosk_meters=kiosk_meters,
            start=start, clock=clock, variables=variables, characters=characters, scenes=scenes,
            events=events, endings=endings, path=self.path, enjoy=enjoy,
        )
        if "teacher" in top:
            check_teacher(self, top, sim)  # the teacher's-guide part, declared in engine/teacher.py
        check_references(self, top, sim)
        check_tags(self, top, sim)  # engine/tagging.py: skills and RIASEC tags only on choices that do no harm
        if self.check_content_files:
            check_files(top, self.r)  # engine/contentfiles.py: every picture and sound is a file
        return sim


# ---- public API ---------------------------------------------------------------------

def check_source(source, path: str = "<simulation>", *, browser_check: bool = False):
    """Checks YAML text or bytes: (Simulation or None, diagnostics, text).

    browser_check: also report what the browser's YAML reader would read differently
    (engine/yamlsafe.py; slower, so lint and the pygbag build ask for it, not every load)."""
    report = Reporter(path)
    doc = read_yaml(source, path, report, browser_check=browser_check)
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    if doc is None:
        return None, report.items, text
    try:
        sim = _Builder(path, report).build(doc)
    except RecursionError:
        report.error((1, 1), "the file is nested too deeply")
        sim = None
    if sim is None or report.has_errors:
        return None, report.items, text
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    object.__setattr__(sim, "data", data)
    return sim, report.items, text


def check_file(path, *, browser_check: bool = False):
    """Checks a file on disk: (Simulation or None, diagnostics, text)."""
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Diagnostic(path, 0, 0, "error", f"cannot read file: {exc.strerror or exc}")], None
    return check_source(raw, path, browser_check=browser_check)


def load_simulation(path, *, browser_check: bool = False) -> Simulation:
    """Loads a simulation; raises LoadError listing every problem if it has errors."""
    sim, diags, text = check_file(path, browser_check=browser_check)
    if sim is None:
        raise LoadError(diags, text)
    return sim


def load_source(source, path: str = "<simulation>") -> Simulation:
    sim, diags, text = check_source(source, path)
    if sim is None:
        raise LoadError(diags, text)
    return sim


def load_data(data, path: str = "<compiled>") -> Simulation:
    """Builds a simulation from already-parsed plain data (compiled JSON): no YAML."""
    report = Reporter(path)
    # compiled data was checked, files and all, when it was compiled; where it is loaded
    # (the browser's Python) content/ holds no pictures to look for
    sim = _Builder(path, report, check_content_files=False).build(data)
    if sim is None or report.has_errors:
        raise LoadError(report.items)
    object.__setattr__(sim, "data", json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return sim
