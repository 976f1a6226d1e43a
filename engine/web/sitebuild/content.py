"""The simulations a site holds: found, loaded and checked, their catalogue entries, their
first views, and the art they name under content/."""
from __future__ import annotations

from pathlib import Path

from .common import CONTENT, ROOT, BuildError


ART_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


def find_simulations(sim_dir: Path) -> list[Path]:
    return sorted(p for p in sim_dir.rglob("*.yaml") if p.is_file())


def all_langs(text, langs) -> dict:
    """A model Text as {lang: text}."""
    return {lang: text.get(lang) for lang in langs}


def load_all(paths: list[Path]):
    from engine import LoadError, load_simulation

    sims, problems = [], []
    for path in paths:
        try:
            sims.append((path, load_simulation(path)))
        except LoadError as exc:
            problems.append(str(exc))
    if problems:
        raise BuildError("simulations with errors (run `testdrive lint`):\n" + "\n".join(problems))
    ids = [sim.id for _, sim in sims]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise BuildError(f"two simulations share the id(s): {', '.join(dupes)}")
    return sims


def first_views(sim) -> dict:
    from engine import Session

    views = {}
    for lang in sim.languages:
        views[lang] = Session(sim, seed=0, lang=lang).view()
    return views


def catalogue_entry(path: Path, sim) -> dict:
    langs = list(sim.languages)
    art = dict(sim.art)  # ((name, path), ...)
    return {
        "id": sim.id,
        "title": all_langs(sim.title, langs),
        "summary": all_langs(sim.summary, langs),
        "field": sim.field,
        "minutes": sim.minutes,
        "grades": sim.grades,
        "languages": langs,
        "icon": art.get("icon"),     # paths under content/
        "cover": art.get("cover"),
        "source": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name,
        "kiosk": bool(sim.kiosk_start),   # has a kiosk cut
        "example": "examples" in path.parts,                # authoring example: not in the kiosk rotation
    }


def art_paths(obj, found: set) -> None:
    """Every string in a view/compiled simulation that names an art file under content/."""
    if isinstance(obj, str):
        if obj.lower().endswith(ART_SUFFIXES) and "/" in obj and not obj.startswith(("/", "http")):
            found.add(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            art_paths(v, found)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            art_paths(v, found)


def sim_art(compiled: dict) -> set:
    """Art referenced anywhere in a compiled simulation (every scene, portrait, hotspot)."""
    found: set = set()
    art_paths(compiled, found)
    return found


def interest_names() -> dict:
    """{area: {lang: name}} of the six RIASEC areas (content/interests.yaml), for the
    teacher sheet's class count of the kinds of work."""
    from engine.catalogue import load_interests

    return {area: dict(entry["name"]) for area, entry in load_interests()["areas"].items()}


def ui_tables() -> dict:
    from engine.catalogue import load_ui

    strings = load_ui()  # {key: {"en": text, "es": text}}; the catalogue's check requires both
    return {lang: {key: text[lang] for key, text in strings.items()} for lang in ("en", "es")}


# ---------------------------------------------------------------------------- runtime


def has_art(path) -> bool:
    """A picture that is a file inside content/: a path like art/../../x never leaves it
    (the build would read it from outside and ship it; audit F5)."""
    if not path or "\\" in str(path):
        return False
    target = (CONTENT / path).resolve()
    return CONTENT.resolve() in target.parents and target.is_file()


def stage_content(sims, compiled: dict) -> tuple[list, dict, set, list, dict[str, bytes]]:
    """(catalogue entries, first views by simulation, art named, art shipped, files by URL):
    every picture a simulation, its first views or its catalogue card names, shipped when it
    is a file under content/ (the rest is reported missing)."""
    art: set = set()
    catalog, firsts = [], {}
    for path, sim in sims:
        entry = catalogue_entry(path, sim)
        catalog.append(entry)
        firsts[sim.id] = first_views(sim)
        art |= sim_art(compiled[sim.id])
        art_paths(firsts[sim.id], art)
        for key in ("icon", "cover"):
            if entry[key]:
                art.add(entry[key])
    shipped = sorted(a for a in art if has_art(a))
    files = {f"content/{a}": (CONTENT / a).read_bytes() for a in shipped}
    return catalog, firsts, art, shipped, files
