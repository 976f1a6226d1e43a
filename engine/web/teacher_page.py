"""Build-time data for the teacher page (web/teacher.html): the catalogue for teachers.

Runs on CPython inside `testdrive build web` (engine/web/build.py), never in the browser.
Per simulation: career, field, minutes, kiosk-cut minutes, grades, objectives, the
standards its authored `teacher:` part cites, languages, its printable guides and the
released versions the page can verify. Parts a simulation does not have are left out,
never guessed.
"""
from __future__ import annotations

from pathlib import Path

from engine.catalogue import career_view
from engine.errors import CatalogueError
from engine.results import releases
from engine.teacher import cited_sources, teacher_part


def _text(value, lang: str) -> str:
    """A simulation's Text, or the `teacher:` part's {en: ..., es: ...} or plain string."""
    if isinstance(value, str):
        return value
    got = value.get(lang) or value.get("en") if value else None
    return "" if got is None else str(got)


def _langs(value, langs) -> dict:
    return {lang: _text(value, lang) for lang in langs}


def _releases() -> dict:
    """{sim id: [release, ...]} from the releases archive (simulations/releases/)."""
    found: dict = {}
    for r in releases():
        found.setdefault(r["sim"], []).append(r)
    return found


def _standards(sim, langs) -> list:
    """The alignments the simulation's authored `teacher:` part cites (engine/teacher.py),
    each with its framework, code, how the simulation supports it and its sources, as
    written there: nothing is inferred here."""
    out = []
    for s in teacher_part(sim).get("standards") or ():
        out.append({
            "framework": str(s.get("framework") or ""),
            "code": str(s.get("code") or ""),
            "text": _langs(s.get("text"), langs),
            "sources": [{"title": c["title"], "url": c["url"]} for c in cited_sources(sim, s.get("source"))],
        })
    return out


def teacher_catalogue(sims, guides: set[str]) -> list[dict]:
    """One entry per simulation (sims: [(path, Simulation)]); `guides` is the set of
    guide files the build wrote ("guides/<sim>.<lang>.html")."""
    rel = _releases()
    out = []
    for path, sim in sims:
        langs = list(sim.languages)
        try:
            career = {lang: career_view(sim.career, lang).get("title", "") for lang in langs}
        except CatalogueError:  # a career id the catalogue lacks: the lint reports it, the page leaves it out
            career = {lang: "" for lang in langs}
        versions = list(dict.fromkeys(r.get("version") for r in rel.get(sim.id, []) if r.get("version")))
        kiosk_minutes = next((r.get("kiosk_minutes") for r in rel.get(sim.id, [])
                              if r.get("version") == sim.version and r.get("kiosk_minutes")), None)
        out.append({
            "id": sim.id,
            "version": sim.version,
            "title": _langs(sim.title, langs),
            "field": sim.field,
            "career": career,
            "minutes": sim.minutes,
            "kiosk": bool(sim.kiosk_start),
            "kiosk_minutes": kiosk_minutes,
            "grades": sim.grades,
            "languages": langs,
            "objectives": [_langs(o, langs) for o in sim.objectives],
            "standards": _standards(sim, langs),
            "guides": {lang: f"guides/{sim.id}.{lang}.html" for lang in langs
                       if f"guides/{sim.id}.{lang}.html" in guides},
            "versions": versions,
            "example": "examples" in Path(path).parts,
        })
    return out
