"""The career catalogue, the employability skills list, the shared UI strings and the
interest areas.

Reads ``content/careers.yaml``, ``content/skills.yaml``, ``content/ui.yaml`` and
``content/interests.yaml`` (or the
same data as ``.json``, for the browser builds where PyYAML should stay off the start-up
path) and gives front ends plain, localized views of them:

    >>> from engine.catalogue import career_view, skill_view, ui_text
    >>> career_view("registered-nurse", "es")["wage"]["display"]
    '93 600 US$ al año (2024)'
    >>> ui_text("of_total", "en", n=2, total=5)
    '2 of 5'

YAML is read through ``engine.yamlsafe`` (only when a YAML file is read), JSON with the
standard library. A missing, unreadable or badly shaped file raises
:class:`CatalogueError` naming the file and the reason; it never surfaces as another
kind of exception. :func:`check_catalogue` lists every content problem at once (missing
languages, bad SOC codes, wages without year or source, unknown or duplicate keys) as
Diagnostics with file:line:col, for ``testdrive lint`` and the tests.

Loaded data is cached per path and shared: treat it as read-only.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Diagnostic, Reporter, did_you_mean, kind_of
from .errors import CatalogueError
from .text import PLACEHOLDER_RE, fill, format_number

__all__ = [
    "CONTENT_DIR",
    "LANGUAGES",
    "FIELDS",
    "CATEGORIES",
    "REQUIRED_CAREERS",
    "REQUIRED_SKILLS",
    "REQUIRED_UI",
    "CatalogueError",
    "load_careers",
    "load_skills",
    "load_ui",
    "load_interests",
    "RIASEC_AREAS",
    "REQUIRED_MESSAGES",
    "attribution",
    "text",
    "format_wage",
    "career_view",
    "career_view_cached",
    "skill_view",
    "skill_view_cached",
    "ui_text",
    "ui_strings",
    "check_catalogue",
    "catalogue_files",
    "clear_cache",
    "export_catalogue",
]

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

LANGUAGES = ("en", "es")
FIELDS = ("healthcare", "engineering", "manufacturing")
CATEGORIES = ("applied-knowledge", "effective-relationships", "workplace-skills")

# Keys other parts of the project rely on. check_catalogue() reports any that are missing.
REQUIRED_CAREERS = (
    "registered-nurse", "respiratory-therapist", "emt-paramedic", "pharmacy-technician",
    "civil-engineer", "mechanical-engineer", "electrical-engineer",
    "industrial-engineering-technician", "cnc-machinist", "welder",
    "quality-control-inspector", "mechatronics-technician",
)
REQUIRED_SKILLS = (
    "applied-academics", "critical-thinking", "problem-solving", "decision-making",
    "interpersonal", "teamwork", "personal-qualities", "responsibility",
    "resource-management", "time-management", "information-use", "communication",
    "systems-thinking", "technology-use",
)
REQUIRED_UI = (
    "continue", "start", "play_again", "choose_simulation", "settings", "language",
    "text_size", "high_contrast", "readable_font", "reduced_motion", "read_aloud", "sound",
    "volume", "mute", "fullscreen", "save_code", "enter_code", "copy", "resume",
    "start_over", "check_answer", "submit", "your_answer", "correct", "partly_correct",
    "not_quite", "the_right_answer", "why", "time_left", "clock", "debrief",
    "what_went_well", "try_next", "what_a_pro_would_do", "reflection", "your_thoughts",
    "career_facts", "median_wage", "education", "training", "certifications", "courses",
    "related_careers", "skills_you_used", "certificate", "print_certificate", "ending",
    "rating", "minutes", "field_healthcare", "field_engineering", "field_manufacturing",
    "all_fields", "move_up", "move_down", "selected", "not_selected", "budget", "spent",
    "remaining", "goal", "still_there", "tap_to_start", "touch_to_continue", "reset_in",
    "operator", "pin", "loading", "loading_python", "ready", "corrupt_save", "old_save",
    "save_restored", "offline_ready", "results_qr", "scan_to_take_home", "stars",
    "of_total",
)

RIASEC_AREAS = ("R", "I", "A", "S", "E", "C")
# What engine/profile.py says, from content/interests.yaml's `messages:`
REQUIRED_MESSAGES = (
    "and", "need_sims", "need_areas", "sim_matches", "sim_new_areas", "sim_other", "stretch", "stretch_new",
    "careers_note", "refused_damaged", "refused_unknown", "refused_unfinished", "refused_other_sim",
)

# Text fields of a career that must exist in every language.
CAREER_TEXT_FIELDS = ("title", "cluster", "description", "day", "education", "training")
CAREER_LIST_FIELDS = ("certifications", "courses")

SOC_RE = re.compile(r"^\d{2}-\d{4}$")
ONET_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RIASEC_RE = re.compile(r"^[RIASEC]{1,3}$")

MAX_BYTES = 2_000_000


# --------------------------------------------------------------------------- loading

def _resolve(path: Any, name: str) -> Path:
    if path is None:
        return _prefer_json_twin(CONTENT_DIR / name)
    return Path(path)


def _prefer_json_twin(yaml_path: Path) -> Path:
    """Builds for the browser ship the catalogue as JSON (careers.json beside, or instead
    of, careers.yaml) so no YAML is parsed at start-up: use the twin when it is there and
    not older than the YAML it was made from."""
    twin = yaml_path.with_suffix(".json")
    try:
        if twin.is_file() and (not yaml_path.is_file()
                               or twin.stat().st_mtime >= yaml_path.stat().st_mtime):
            return twin
    except OSError:
        pass
    return yaml_path


def _read(path: Path) -> Any:
    """Parse a YAML (or .json) file into plain data, or raise CatalogueError."""
    report = Reporter(str(path))
    data = _parse(_read_bytes(path), path, report)
    errors = [d for d in report.items if d.severity == "error"]
    if errors:
        d = errors[0]
        where = f"line {d.line}, column {d.col}: " if d.line else ""
        raise CatalogueError(path, f"invalid {_format_name(path)}: {where}{d.message}")
    return data


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogueError(path, "file not found") from None
    except OSError as exc:
        raise CatalogueError(path, f"cannot read file ({exc.strerror or exc})") from None


def _format_name(path: Path) -> str:
    return "JSON" if path.suffix.lower() == ".json" else "YAML"


def _parse(raw: bytes, path: Path, report: Reporter, browser_check: bool = False) -> Any:
    """A file's data, or None; every problem goes to `report` with its line and column.

    YAML is read by engine.yamlsafe, as simulations are: mappings and lists come back as
    YMap/YList (plain dicts and lists that remember where each key and value stands),
    duplicate keys, aliases and tags are reported. YAML support is imported only here,
    so builds that ship the JSON form need no PyYAML."""
    if len(raw) > MAX_BYTES:
        report.error((1, 1), f"file is larger than {MAX_BYTES:,} bytes")
        return None
    if _format_name(path) == "JSON":
        try:
            return json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            report.error(_byte_pos(raw, exc.start), "file is not valid UTF-8")
        except json.JSONDecodeError as exc:
            report.error((exc.lineno, exc.colno), exc.msg)
        return None
    if not raw.strip():
        report.error((1, 1), "file is empty", "the catalogue files start with their section, "
                     "for example 'careers:'")
        return None
    from .yamlsafe import read_yaml
    return read_yaml(raw, str(path), report, browser_check=browser_check)


def _byte_pos(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _section(path: Path, doc: Any, key: str) -> dict:
    """The mapping under `key` of a top-level mapping, each entry itself a mapping."""
    if not isinstance(doc, dict):
        raise CatalogueError(path, f"the file must be a mapping with a '{key}:' section, "
                                   f"not {kind_of(doc)}")
    section = doc.get(key)
    if not isinstance(section, dict):
        raise CatalogueError(path, f"'{key}:' must be a mapping of keys to entries, "
                                   f"not {kind_of(section)}")
    return section


@functools.lru_cache(maxsize=32)
def _doc(path: str, section: str, what: str, entries_are_mappings: bool) -> dict:
    """A catalogue file, checked: its `section` maps string keys to entries."""
    p = Path(path)
    doc = _read(p)
    for key, entry in _section(p, doc, section).items():
        if not isinstance(key, str):
            raise CatalogueError(p, f"{what} key {key!r} must be a string")
        if entries_are_mappings and not isinstance(entry, dict):
            raise CatalogueError(p, f"{what} '{key}' must be a mapping, not {kind_of(entry)}")
    return doc


def _careers_doc(path: str) -> dict:
    return _doc(path, "careers", "career", True)


def _skills_doc(path: str) -> dict:
    return _doc(path, "skills", "skill", True)


def _ui_doc(path: str) -> dict:
    return _doc(path, "strings", "string", False)


def _interests_doc(path: str) -> dict:
    return _doc(path, "areas", "area", True)


def _key(path: Any, name: str) -> str:
    if path is None:  # the common case, on every ending view: resolve once
        return _default_key(name)
    return str(_resolve(path, name).resolve())


@functools.lru_cache(maxsize=8)
def _default_key(name: str) -> str:
    return str(_resolve(None, name).resolve())


def load_careers(path: Any = None) -> dict[str, dict]:
    """Every career, keyed by id (content/careers.yaml unless `path` is given)."""
    return _careers_doc(_key(path, "careers.yaml"))["careers"]


def load_skills(path: Any = None) -> dict[str, dict]:
    """Every skill, keyed by id (content/skills.yaml unless `path` is given)."""
    return _skills_doc(_key(path, "skills.yaml"))["skills"]


def load_ui(path: Any = None) -> dict[str, Any]:
    """Every UI string, keyed by id (content/ui.yaml unless `path` is given)."""
    return _ui_doc(_key(path, "ui.yaml"))["strings"]


def load_interests(path: Any = None) -> dict[str, Any]:
    """The interest areas file (content/interests.yaml unless `path` is given): `areas`
    (R I A S E C, each a name and a description), `messages` and `sources`."""
    return _interests_doc(_key(path, "interests.yaml"))


def clear_cache() -> None:
    """Forget every loaded file (for tools that edit content while running)."""
    _doc.cache_clear()
    _default_key.cache_clear()
    career_view_cached.cache_clear()
    skill_view_cached.cache_clear()


def export_catalogue(careers_path: Any = None, skills_path: Any = None,
                     ui_path: Any = None) -> dict:
    """The three files as one JSON-ready dict (for builds that ship JSON, not YAML).

    Write each part back out with json.dump as careers.json, skills.json and ui.json;
    the load functions read a path ending in .json without PyYAML.
    """
    return {
        "careers": _careers_doc(_key(careers_path, "careers.yaml")),
        "skills": _skills_doc(_key(skills_path, "skills.yaml")),
        "ui": _ui_doc(_key(ui_path, "ui.yaml")),
    }


def attribution(lang: str = "en", path: Any = None) -> str:
    """The O*NET attribution (with the modification notice) in `lang`."""
    return text(_careers_doc(_key(path, "careers.yaml")).get("attribution"), lang)


# ----------------------------------------------------------------------- localizing

def text(value: Any, lang: str) -> str:
    """A plain string, or a {lang: text} mapping, as text in `lang` (English fallback)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for candidate in (lang, "en"):
            found = value.get(candidate)
            if isinstance(found, str) and found.strip():
                return found
        for found in value.values():
            if isinstance(found, str) and found.strip():
                return found
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return ""


def format_wage(amount: Any, year: Any, lang: str) -> str:
    """'$93,600 a year (2024)' in English, '93 600 US$ al año (2024)' in Spanish (the
    engine's one number formatter: a no-break space groups thousands in Spanish)."""
    try:
        value = int(round(float(amount)))
    except (TypeError, ValueError):
        return ""
    suffix = f" ({year})" if year else ""
    if lang == "es":
        return f"{format_number(value, lang, 0)} US$ al año{suffix}"
    return f"${format_number(value, lang, 0)} a year{suffix}"


def _unknown(path: Any, kind: str, key: Any, known: Iterable[str]) -> CatalogueError:
    hint = did_you_mean(key, known)
    return CatalogueError(path, f"unknown {kind} '{key}'" + (f" ({hint})" if hint else ""))


def career_view(career_id: str, lang: str, path: Any = None) -> dict:
    """One career, localized to plain strings, ready to show or to put in a view."""
    careers = load_careers(path)
    entry = careers.get(career_id)
    if entry is None:
        raise _unknown(_resolve(path, "careers.yaml"), "career", career_id, careers)
    onet = entry.get("onet") if isinstance(entry.get("onet"), dict) else {}
    wage = entry.get("wage") if isinstance(entry.get("wage"), dict) else {}
    related = []
    for rid in _as_list(entry.get("related")):
        other = careers.get(rid)
        if isinstance(rid, str) and isinstance(other, dict):
            related.append({"id": rid, "title": text(other.get("title"), lang)})
    median = wage.get("median_annual")
    return {
        "id": career_id,
        "title": text(entry.get("title"), lang),
        "field": str(entry.get("field") or ""),
        "onet": {"code": str(onet.get("code") or ""), "title": text(onet.get("title"), lang)},
        "cluster": text(entry.get("cluster"), lang),
        "riasec": str(entry.get("riasec") or ""),
        "description": text(entry.get("description"), lang),
        "day": text(entry.get("day"), lang),
        "wage": {
            "median_annual": median if isinstance(median, (int, float)) else None,
            "year": wage.get("year"),
            "soc": str(wage.get("soc") or ""),
            "source": text(wage.get("source"), lang),
            "url": str(wage.get("url") or ""),
            "display": format_wage(median, wage.get("year"), lang),
        },
        "education": text(entry.get("education"), lang),
        "training": text(entry.get("training"), lang),
        "certifications": [text(c, lang) for c in _as_list(entry.get("certifications"))],
        "courses": [text(c, lang) for c in _as_list(entry.get("courses"))],
        "related": related,
        "attribution": attribution(lang, path),
    }


@functools.lru_cache(maxsize=64)
def career_view_cached(career_id: str, lang: str) -> dict:
    """career_view of the default catalogue, built once per career and language (sessions
    show it at every ending); clear_cache forgets it. Treat the result as read-only."""
    return career_view(career_id, lang)


@functools.lru_cache(maxsize=256)
def skill_view_cached(skill_id: str, lang: str) -> dict:
    """skill_view of the default catalogue, built once per skill and language (sessions
    list the skills used well at every ending); clear_cache forgets it. Read-only."""
    return skill_view(skill_id, lang)


def skill_view(skill_id: str, lang: str, path: Any = None) -> dict:
    """One skill, localized: id, name, description, category (and part_of, if any)."""
    skills = load_skills(path)
    entry = skills.get(skill_id)
    if entry is None:
        raise _unknown(_resolve(path, "skills.yaml"), "skill", skill_id, skills)
    doc = _skills_doc(_key(path, "skills.yaml"))
    categories = doc.get("categories") if isinstance(doc.get("categories"), dict) else {}
    category = str(entry.get("category") or "")
    view = {
        "id": skill_id,
        "name": text(entry.get("name"), lang),
        "description": text(entry.get("description"), lang),
        "category": category,
        "category_name": text(categories.get(category), lang) or category,
    }
    parent = entry.get("part_of")
    if isinstance(parent, str) and parent:
        view["part_of"] = parent
    return view


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def ui_text(key: str, lang: str, default: str | None = None, path: Any = None,
            **values: Any) -> str:
    """A UI label in `lang` (English fallback), with {placeholders} filled from `values`.

    An unknown key raises CatalogueError, unless a `default` is given.
    """
    strings = load_ui(path)
    if key not in strings:
        if default is not None:
            template = default
        else:
            raise _unknown(_resolve(path, "ui.yaml"), "UI string", key, strings)
    else:
        template = text(strings[key], lang)
    if not values:
        return template
    return fill(template, values)


def ui_strings(lang: str, path: Any = None) -> dict[str, str]:
    """Every UI string in `lang` (for front ends that ship them as one JSON object)."""
    return {key: text(value, lang) for key, value in load_ui(path).items()}


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


# ------------------------------------------------------------------------- checking
# The checks report like the simulation loader: every problem at once, each a Diagnostic
# at the line and column of the key or value it concerns (0:0 for the JSON form, which
# keeps no positions), with a did-you-mean hint where a near name exists.

CAREERS_TOP = ("attribution", "careers")
CAREER_KEYS = ("title", "field", "onet", "cluster", "riasec", "description", "day", "wage",
               "education", "training", "certifications", "courses", "related",
               "outlook", "wage_range")  # BLS projections and percentiles, where a figure was read
ONET_KEYS = ("code", "title")
WAGE_KEYS = ("median_annual", "year", "soc", "source", "url")
SKILLS_TOP = ("source", "categories", "skills")
SOURCE_KEYS = ("name", "publisher", "url")
SKILL_KEYS = ("name", "description", "category", "part_of")
UI_TOP = ("strings",)
INTERESTS_TOP = ("sources", "areas", "messages")
AREA_KEYS = ("name", "description")


def _key_pos(m: Any, key: Any, missing=None):
    """Where a key stands in a mapping read from YAML; if it is not there, `missing` or
    the mapping's own place (None in JSON data, which keeps no positions)."""
    return getattr(m, "key_pos", {}).get(key) or missing or getattr(m, "pos", None)


def _value_pos(m: Any, key: Any, missing=None):
    return getattr(m, "val_pos", {}).get(key) or _key_pos(m, key, missing)


def _item_pos(items: Any, i: int):
    where = getattr(items, "item_pos", ())
    return where[i] if i < len(where) else getattr(items, "pos", None)


def _width(value: Any) -> int:
    return len(str(value)) if isinstance(value, (str, int, float)) else 1


class _Checker:
    """Checks one catalogue file's data, reporting into `r`."""

    def __init__(self, report: Reporter):
        self.r = report

    def error(self, pos, where: str, message: str, hint: str = "", length: int = 1) -> None:
        self.r.error(pos, f"{where}: {message}" if where else message, hint, length)

    def keys(self, m: dict, where: str, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in m:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "allowed here: " + ", ".join(allowed)
                self.error(_key_pos(m, key), where, f"unknown key '{key}'", hint, len(str(key)))

    def mapping(self, value: Any, pos, where: str, what: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.error(pos, where, f"must be {what}, not {kind_of(value)}")
        return None

    def text(self, where: str, value: Any, pos, langs: Iterable[str] = LANGUAGES) -> None:
        """A text every language has: {en: ..., es: ...}."""
        langs = tuple(langs)
        if isinstance(value, str):
            if not value.strip():
                self.error(pos, where, "text is empty")
            else:
                self.error(pos, where, f"plain text; give every language ({', '.join(langs)})",
                           "write it as {en: ..., es: ...}")
            return
        if not isinstance(value, dict):
            self.error(pos, where, f"missing text (needs {', '.join(langs)})")
            return
        for lang in langs:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                self.error(_value_pos(value, lang) if lang in value else pos, where,
                           f"missing '{lang}' text")
        for lang in value:
            if lang not in langs:
                self.error(_key_pos(value, lang), where, f"unknown language '{lang}'",
                           did_you_mean(lang, langs) or f"use {', '.join(langs)}", len(str(lang)))

    def section(self, doc: Any, key: str, top: Iterable[str]) -> dict | None:
        """The file's top-level mapping checked, and its `key:` section of entries."""
        doc = self.mapping(doc, getattr(doc, "pos", (1, 1)), "",
                           f"a mapping with a '{key}:' section")
        if doc is None:
            return None
        self.keys(doc, "", top)
        if key not in doc:
            self.error((1, 1), "", f"the '{key}:' section is missing")
            return None
        return self.mapping(doc[key], _value_pos(doc, key), key, "a mapping of keys to entries")

    def entries(self, section: dict, what: str):
        """(id, entry, where, position of the id) for every entry that is a mapping."""
        for eid, entry in section.items():
            where = f"{what}.{eid}"
            if not KEY_RE.match(str(eid)):
                self.error(_key_pos(section, eid), where,
                           "key must be lowercase letters, digits and dashes", length=len(str(eid)))
            if self.mapping(entry, _value_pos(section, eid), where, "a mapping") is not None:
                yield eid, entry, where, _key_pos(section, eid)


def _check_careers(c: _Checker, doc: Any) -> None:
    careers = c.section(doc, "careers", CAREERS_TOP)
    if careers is None:
        return
    c.text("attribution", doc.get("attribution"), _value_pos(doc, "attribution"))
    attr = text(doc.get("attribution"), "en")
    for needle in ("O*NET", "USDOL/ETA", "CC BY 4.0", "not approved"):
        if needle not in attr:
            c.error(_value_pos(doc, "attribution"), "attribution", f"must mention '{needle}'")
    for key in REQUIRED_CAREERS:
        if key not in careers:
            c.error(_key_pos(doc, "careers"), "careers", f"required career '{key}' is missing")
    for cid, entry, where, at in c.entries(careers, "careers"):
        c.keys(entry, where, CAREER_KEYS)
        for name in CAREER_TEXT_FIELDS:
            c.text(f"{where}.{name}", entry.get(name), _value_pos(entry, name, at))
        for name in CAREER_LIST_FIELDS:
            items = entry.get(name)
            if not isinstance(items, list) or not items:
                c.error(_value_pos(entry, name, at), f"{where}.{name}", "must be a non-empty list")
                continue
            for i, item in enumerate(items):
                c.text(f"{where}.{name}[{i}]", item, _item_pos(items, i))
        field = entry.get("field")
        if field not in FIELDS:
            c.error(_value_pos(entry, "field", at), f"{where}.field",
                    f"must be one of {', '.join(FIELDS)}, not {field!r}",
                    did_you_mean(field, FIELDS), _width(field))
        riasec = entry.get("riasec")
        if not isinstance(riasec, str) or not RIASEC_RE.match(riasec) \
                or len(set(riasec)) != len(riasec):
            c.error(_value_pos(entry, "riasec", at), f"{where}.riasec",
                    f"must be 1-3 different letters of RIASEC, not {riasec!r}", length=_width(riasec))
        code = _check_onet(c, where, entry, at)
        _check_wage(c, where, entry, at, code)
        related = entry.get("related")
        if not isinstance(related, list):
            c.error(_value_pos(entry, "related", at), f"{where}.related",
                    "must be a list of career keys")
            continue
        for i, rid in enumerate(related):
            pos = _item_pos(related, i)
            if rid == cid:
                c.error(pos, f"{where}.related", "a career cannot be related to itself",
                        length=_width(rid))
            elif rid not in careers:
                c.error(pos, f"{where}.related", f"unknown career '{rid}'",
                        did_you_mean(rid, careers), _width(rid))


def _check_onet(c: _Checker, where: str, entry: dict, at) -> str | None:
    """Checks the O*NET code and title; returns the code when it is well formed."""
    onet = c.mapping(entry.get("onet"), _value_pos(entry, "onet", at), f"{where}.onet",
                     "a mapping with code and title")
    if onet is None:
        return None
    c.keys(onet, f"{where}.onet", ONET_KEYS)
    code = onet.get("code")
    if not isinstance(code, str) or not ONET_RE.match(code):
        c.error(_value_pos(onet, "code"), f"{where}.onet.code",
                f"must look like NN-NNNN.NN, not {code!r}", length=_width(code))
        code = None
    if not isinstance(onet.get("title"), str) or not onet["title"].strip():
        c.error(_value_pos(onet, "title"), f"{where}.onet.title", "missing")
    return code


def _check_wage(c: _Checker, where: str, entry: dict, at, onet_code: str | None) -> None:
    where = f"{where}.wage"
    wage = entry.get("wage")
    if not isinstance(wage, dict):
        c.error(_value_pos(entry, "wage", at), where,
                "missing (needs median_annual, year, soc, source, url)")
        return
    c.keys(wage, where, WAGE_KEYS)
    median = wage.get("median_annual")
    if isinstance(median, bool) or not isinstance(median, (int, float)) or median <= 0:
        c.error(_value_pos(wage, "median_annual"), f"{where}.median_annual",
                f"must be a number above 0, not {median!r}", length=_width(median))
    year = wage.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        c.error(_value_pos(wage, "year"), f"{where}.year", f"must be a 4-digit year, not {year!r}",
                "the year the wage figure is for, like 2024", _width(year))
    soc = wage.get("soc")
    if not isinstance(soc, str) or not SOC_RE.match(soc):
        c.error(_value_pos(wage, "soc"), f"{where}.soc", f"must look like NN-NNNN, not {soc!r}",
                length=_width(soc))
    elif onet_code and not onet_code.startswith(soc + "."):
        c.error(_value_pos(wage, "soc"), f"{where}.soc", f"{soc} does not match O*NET code {onet_code}",
                length=_width(soc))
    if not text(wage.get("source"), "en").strip():
        c.error(_value_pos(wage, "source"), f"{where}.source", "missing")
    url = wage.get("url")
    if not isinstance(url, str) or not re.match(r"^https://[^\s/]+\.[^\s]+$", url):
        c.error(_value_pos(wage, "url"), f"{where}.url", f"must be an https:// address, not {url!r}",
                length=_width(url))


def _check_skills(c: _Checker, doc: Any) -> None:
    skills = c.section(doc, "skills", SKILLS_TOP)
    if skills is None:
        return
    source = c.mapping(doc.get("source"), _value_pos(doc, "source", (1, 1)), "source",
                       "a mapping with the framework's name and publisher")
    if source is not None:
        c.keys(source, "source", SOURCE_KEYS)
        if not (text(source.get("name"), "en") and text(source.get("publisher"), "en")):
            c.error(_value_pos(doc, "source"), "source", "needs the framework's name and publisher")
    categories = doc.get("categories")
    if isinstance(categories, dict):
        for key, value in categories.items():
            if key not in CATEGORIES:
                c.error(_key_pos(categories, key), "categories", f"unknown category '{key}'",
                        did_you_mean(key, CATEGORIES) or "use " + ", ".join(CATEGORIES), len(str(key)))
            c.text(f"categories.{key}", value, _value_pos(categories, key))
    for key in REQUIRED_SKILLS:
        if key not in skills:
            c.error(_key_pos(doc, "skills"), "skills", f"required skill '{key}' is missing")
    for sid, entry, where, at in c.entries(skills, "skills"):
        c.keys(entry, where, SKILL_KEYS)
        c.text(f"{where}.name", entry.get("name"), _value_pos(entry, "name", at))
        c.text(f"{where}.description", entry.get("description"), _value_pos(entry, "description", at))
        category = entry.get("category")
        if category not in CATEGORIES:
            c.error(_value_pos(entry, "category", at), f"{where}.category",
                    f"must be one of {', '.join(CATEGORIES)}, not {category!r}",
                    did_you_mean(category, CATEGORIES), _width(category))
        if "part_of" not in entry:
            continue
        parent = entry["part_of"]
        pos = _value_pos(entry, "part_of")
        if parent not in skills:
            c.error(pos, f"{where}.part_of", f"unknown skill '{parent}'",
                    did_you_mean(parent, skills) or "name one of the framework's components",
                    _width(parent))
        elif parent == sid:
            c.error(pos, f"{where}.part_of", "a skill cannot be part of itself", length=_width(parent))
        else:
            parent_entry = skills[parent]
            if isinstance(parent_entry, dict) and "part_of" in parent_entry:
                c.error(pos, f"{where}.part_of", f"'{parent}' is itself a sub-skill; "
                        "name a framework component", length=_width(parent))
            if isinstance(parent_entry, dict) and parent_entry.get("category") != category:
                c.error(_value_pos(entry, "category", at), f"{where}.category",
                        f"differs from its component '{parent}'")


def _check_ui(c: _Checker, doc: Any) -> None:
    strings = c.section(doc, "strings", UI_TOP)
    if strings is not None:
        _check_sentences(c, doc, "strings", strings, REQUIRED_UI)


def _check_sentences(c: _Checker, doc: Any, name: str, strings: dict, required: tuple, closed=False) -> None:
    """A mapping of texts: the required keys (and, when `closed`, no others), every language,
    and the same {placeholders} in each."""
    for key in required:
        if key not in strings:
            c.error(_key_pos(doc, name), name, f"required {'message' if closed else 'string'} '{key}' is missing")
    for key, value in strings.items():
        where = f"{name}.{key}"
        if closed and key not in required:
            c.error(_key_pos(strings, key), where, "unknown message", did_you_mean(key, required), len(str(key)))
        c.text(where, value, _value_pos(strings, key))
        if isinstance(value, dict):
            seen = {lang: set(PLACEHOLDER_RE.findall(value.get(lang) or ""))
                    for lang in LANGUAGES if isinstance(value.get(lang), str)}
            if len({frozenset(s) for s in seen.values()}) > 1:
                c.error(_value_pos(strings, key), where, "languages use different {placeholders}",
                        "use the same {names} in every language")


def _check_interests(c: _Checker, doc: Any) -> None:
    areas = c.section(doc, "areas", INTERESTS_TOP)
    if areas is None:
        return
    sources = doc.get("sources")
    if not isinstance(sources, list) or not sources:
        c.error(_key_pos(doc, "sources", (1, 1)), "sources", "cite at least one source the text is written from")
    else:
        for i, src in enumerate(sources):
            where = f"sources[{i + 1}]"
            src = c.mapping(src, _item_pos(sources, i), where, "a mapping with title and url")
            if src is None:
                continue
            c.keys(src, where, ("title", "url"))
            if not (isinstance(src.get("title"), str) and src["title"].strip()):
                c.error(_item_pos(sources, i), where, "needs a title")
            if not (isinstance(src.get("url"), str) and re.match(r"^https?://[^\s/]+\.[^\s]+$", src["url"])):
                c.error(_value_pos(src, "url", _item_pos(sources, i)), f"{where}.url", "needs a web address")
    for key in RIASEC_AREAS:
        if key not in areas:
            c.error(_key_pos(doc, "areas"), "areas", f"area '{key}' is missing")
    for key in areas:
        if key not in RIASEC_AREAS:
            c.error(_key_pos(areas, key), "areas", f"unknown area '{key}'", "the areas are R I A S E C",
                    len(str(key)))
        entry = c.mapping(areas[key], _value_pos(areas, key), f"areas.{key}", "a mapping")
        if entry is not None:
            c.keys(entry, f"areas.{key}", AREA_KEYS)
            for field in AREA_KEYS:
                c.text(f"areas.{key}.{field}", entry.get(field), _value_pos(entry, field, _key_pos(areas, key)))
    messages = c.mapping(doc.get("messages"), _value_pos(doc, "messages", (1, 1)), "messages",
                         "a mapping of sentences")
    if messages is not None:
        _check_sentences(c, doc, "messages", messages, REQUIRED_MESSAGES, closed=True)


def _shown_path(path: Path) -> str:
    """A path as an author types it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def catalogue_files() -> list[str]:
    """The catalogue files check_catalogue() reads by default, as `testdrive lint` lists them."""
    return [_shown_path(CONTENT_DIR / name) for name in ("careers.yaml", "skills.yaml", "ui.yaml",
                                                         "interests.yaml")]


def check_catalogue(careers_path: Any = None, skills_path: Any = None,
                    ui_path: Any = None, interests_path: Any = None, *,
                    browser_check: bool = False) -> list[Diagnostic]:
    """Every problem in the catalogue files, as Diagnostics with file:line:col.

    `testdrive lint` prints them with the line they concern; a YAML file is read as the
    loader reads simulations (duplicate keys, aliases and tags are problems too), and with
    browser_check also as the browser's YAML reader reads it (engine/yamlsafe.py)."""
    found: list[Diagnostic] = []
    # the YAML the authors edit, not a JSON twin a build made from it
    for given, name, check in ((careers_path, "careers.yaml", _check_careers),
                               (skills_path, "skills.yaml", _check_skills),
                               (ui_path, "ui.yaml", _check_ui),
                               (interests_path, "interests.yaml", _check_interests)):
        path = CONTENT_DIR / name if given is None else Path(given)
        report = Reporter(_shown_path(path))
        try:
            raw = _read_bytes(path)
        except CatalogueError as exc:
            report.error(None, exc.reason)
        else:
            data = _parse(raw, path, report, browser_check)
            if data is not None:
                check(_Checker(report), data)
        found.extend(report.items)
    return found
