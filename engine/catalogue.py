"""The career catalogue, the employability skills list and the shared UI strings.

Reads ``content/careers.yaml``, ``content/skills.yaml`` and ``content/ui.yaml`` (or the
same data as ``.json``, for the browser builds where PyYAML should stay off the start-up
path) and gives front ends plain, localized views of them:

    >>> from engine.catalogue import career_view, skill_view, ui_text
    >>> career_view("registered-nurse", "es")["wage"]["display"]
    '93 600 US$ al año (2024)'
    >>> ui_text("of_total", "en", n=2, total=5)
    '2 of 5'

Only the standard library and ``yaml.safe_load`` are used. A missing, unreadable or
badly shaped file raises :class:`CatalogueError` naming the file and the reason; it
never surfaces as another kind of exception. :func:`check_catalogue` lists every content
problem at once (missing languages, bad SOC codes, wages without year or source, unknown
keys) for the tests and the linter.

Loaded data is cached per path and shared: treat it as read-only.
"""
from __future__ import annotations

import difflib
import functools
import json
import re
from pathlib import Path
from typing import Any, Iterable

from .errors import CatalogueError

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
    "attribution",
    "text",
    "format_wage",
    "career_view",
    "career_view_cached",
    "skill_view",
    "ui_text",
    "ui_strings",
    "check_catalogue",
    "check_references",
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

# Text fields of a career that must exist in every language.
CAREER_TEXT_FIELDS = ("title", "cluster", "description", "day", "education", "training")
CAREER_LIST_FIELDS = ("certifications", "courses")

SOC_RE = re.compile(r"^\d{2}-\d{4}$")
ONET_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RIASEC_RE = re.compile(r"^[RIASEC]{1,3}$")
PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CatalogueError(path, "file not found") from None
    except OSError as exc:
        raise CatalogueError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise CatalogueError(path, f"file is larger than {MAX_BYTES} bytes")
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogueError(path, f"not UTF-8 text (byte {exc.start})") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(source)
        except ValueError as exc:
            raise CatalogueError(path, f"invalid JSON: {exc}") from None
    try:
        import yaml  # imported here so JSON-only builds need no PyYAML
    except ImportError:  # pragma: no cover - PyYAML is a dependency on the desktop
        raise CatalogueError(path, "PyYAML is not installed; ship the .json form") from None
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CatalogueError(path, f"invalid YAML: {where}{problem}") from None
    except RecursionError:
        raise CatalogueError(path, "invalid YAML: nested too deeply") from None


def _section(path: Path, doc: Any, key: str) -> dict:
    """The mapping under `key` of a top-level mapping, each entry itself a mapping."""
    if not isinstance(doc, dict):
        raise CatalogueError(path, f"the file must be a mapping with a '{key}:' section, "
                                   f"not {_kind(doc)}")
    section = doc.get(key)
    if not isinstance(section, dict):
        raise CatalogueError(path, f"'{key}:' must be a mapping of keys to entries, "
                                   f"not {_kind(section)}")
    return section


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"


@functools.lru_cache(maxsize=32)
def _doc(path: str, section: str, what: str, entries_are_mappings: bool) -> dict:
    """A catalogue file, checked: its `section` maps string keys to entries."""
    p = Path(path)
    doc = _read(p)
    for key, entry in _section(p, doc, section).items():
        if not isinstance(key, str):
            raise CatalogueError(p, f"{what} key {key!r} must be a string")
        if entries_are_mappings and not isinstance(entry, dict):
            raise CatalogueError(p, f"{what} '{key}' must be a mapping, not {_kind(entry)}")
    return doc


def _careers_doc(path: str) -> dict:
    return _doc(path, "careers", "career", True)


def _skills_doc(path: str) -> dict:
    return _doc(path, "skills", "skill", True)


def _ui_doc(path: str) -> dict:
    return _doc(path, "strings", "string", False)


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


def clear_cache() -> None:
    """Forget every loaded file (for tools that edit content while running)."""
    _doc.cache_clear()
    career_view_cached.cache_clear()


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


def _group_thousands(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


def format_wage(amount: Any, year: Any, lang: str) -> str:
    """'$93,600 a year (2024)' in English, '93 600 US$ al año (2024)' in Spanish."""
    try:
        value = int(round(float(amount)))
    except (TypeError, ValueError):
        return ""
    suffix = f" ({year})" if year else ""
    if lang == "es":
        return f"{_group_thousands(value, ' ')} US$ al año{suffix}"
    return f"${_group_thousands(value, ',')} a year{suffix}"


def _unknown(path: Any, kind: str, key: Any, known: Iterable[str]) -> CatalogueError:
    hint = difflib.get_close_matches(str(key), list(known), n=1)
    extra = f" (did you mean '{hint[0]}'?)" if hint else ""
    return CatalogueError(path, f"unknown {kind} '{key}'{extra}")


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
    return PLACEHOLDER_RE.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def ui_strings(lang: str, path: Any = None) -> dict[str, str]:
    """Every UI string in `lang` (for front ends that ship them as one JSON object)."""
    return {key: text(value, lang) for key, value in load_ui(path).items()}


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


# ------------------------------------------------------------------------- checking

def _check_text(problems: list, where: str, value: Any, langs: Iterable[str] = LANGUAGES):
    if isinstance(value, str):
        if not value.strip():
            problems.append(f"{where}: text is empty")
        else:
            problems.append(f"{where}: plain string; give every language "
                            f"({', '.join(langs)})")
        return
    if not isinstance(value, dict):
        problems.append(f"{where}: missing text (needs {', '.join(langs)})")
        return
    for lang in langs:
        item = value.get(lang)
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{where}: missing '{lang}' text")
    for lang in value:
        if lang not in langs:
            problems.append(f"{where}: unknown language '{lang}'")


def _check_careers(problems: list, path: Path) -> None:
    try:
        doc = _careers_doc(str(path.resolve()))
    except CatalogueError as exc:
        problems.append(str(exc))
        return
    careers = doc["careers"]
    name = path.name
    _check_text(problems, f"{name}: attribution", doc.get("attribution"))
    attr = text(doc.get("attribution"), "en")
    for needle in ("O*NET", "USDOL/ETA", "CC BY 4.0", "not approved"):
        if needle not in attr:
            problems.append(f"{name}: attribution: must mention '{needle}'")
    for key in REQUIRED_CAREERS:
        if key not in careers:
            problems.append(f"{name}: required career '{key}' is missing")
    for cid, entry in careers.items():
        where = f"{name}: careers.{cid}"
        if not KEY_RE.match(cid):
            problems.append(f"{where}: key must be lowercase letters, digits and dashes")
        for field in CAREER_TEXT_FIELDS:
            _check_text(problems, f"{where}.{field}", entry.get(field))
        for field in CAREER_LIST_FIELDS:
            items = entry.get(field)
            if not isinstance(items, list) or not items:
                problems.append(f"{where}.{field}: must be a non-empty list")
                continue
            for i, item in enumerate(items):
                _check_text(problems, f"{where}.{field}[{i}]", item)
        if entry.get("field") not in FIELDS:
            problems.append(f"{where}.field: must be one of {', '.join(FIELDS)}, "
                            f"not {entry.get('field')!r}")
        riasec = entry.get("riasec")
        if not isinstance(riasec, str) or not RIASEC_RE.match(riasec) \
                or len(set(riasec)) != len(riasec):
            problems.append(f"{where}.riasec: must be 1-3 different letters of RIASEC, "
                            f"not {riasec!r}")
        onet = entry.get("onet")
        code = None
        if not isinstance(onet, dict):
            problems.append(f"{where}.onet: must be a mapping with code and title")
        else:
            code = onet.get("code")
            if not isinstance(code, str) or not ONET_RE.match(code):
                problems.append(f"{where}.onet.code: must look like NN-NNNN.NN, not {code!r}")
                code = None
            if not isinstance(onet.get("title"), str) or not onet["title"].strip():
                problems.append(f"{where}.onet.title: missing")
        _check_wage(problems, where, entry.get("wage"), code)
        related = entry.get("related")
        if not isinstance(related, list):
            problems.append(f"{where}.related: must be a list of career keys")
        else:
            for rid in related:
                if rid == cid:
                    problems.append(f"{where}.related: a career cannot be related to itself")
                elif rid not in careers:
                    hint = difflib.get_close_matches(str(rid), list(careers), n=1)
                    extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                    problems.append(f"{where}.related: unknown career '{rid}'{extra}")


def _check_wage(problems: list, where: str, wage: Any, onet_code: str | None) -> None:
    where = f"{where}.wage"
    if not isinstance(wage, dict):
        problems.append(f"{where}: missing (needs median_annual, year, soc, source, url)")
        return
    median = wage.get("median_annual")
    if isinstance(median, bool) or not isinstance(median, (int, float)) or median <= 0:
        problems.append(f"{where}.median_annual: must be a number above 0, not {median!r}")
    year = wage.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        problems.append(f"{where}.year: must be a 4-digit year, not {year!r}")
    soc = wage.get("soc")
    if not isinstance(soc, str) or not SOC_RE.match(soc):
        problems.append(f"{where}.soc: must look like NN-NNNN, not {soc!r}")
    elif onet_code and not onet_code.startswith(soc + "."):
        problems.append(f"{where}.soc: {soc} does not match O*NET code {onet_code}")
    source = wage.get("source")
    if not text(source, "en").strip():
        problems.append(f"{where}.source: missing")
    url = wage.get("url")
    if not isinstance(url, str) or not re.match(r"^https://[^\s/]+\.[^\s]+$", url):
        problems.append(f"{where}.url: must be an https:// address, not {url!r}")


def _check_skills(problems: list, path: Path) -> None:
    try:
        doc = _skills_doc(str(path.resolve()))
    except CatalogueError as exc:
        problems.append(str(exc))
        return
    skills = doc["skills"]
    name = path.name
    source = doc.get("source")
    if not (isinstance(source, dict) and text(source.get("name"), "en")
            and text(source.get("publisher"), "en")):
        problems.append(f"{name}: source: needs the framework's name and publisher")
    for key in REQUIRED_SKILLS:
        if key not in skills:
            problems.append(f"{name}: required skill '{key}' is missing")
    for sid, entry in skills.items():
        where = f"{name}: skills.{sid}"
        if not KEY_RE.match(sid):
            problems.append(f"{where}: key must be lowercase letters, digits and dashes")
        _check_text(problems, f"{where}.name", entry.get("name"))
        _check_text(problems, f"{where}.description", entry.get("description"))
        category = entry.get("category")
        if category not in CATEGORIES:
            problems.append(f"{where}.category: must be one of {', '.join(CATEGORIES)}, "
                            f"not {category!r}")
        if "part_of" in entry:
            parent = entry["part_of"]
            if parent not in skills:
                problems.append(f"{where}.part_of: unknown skill '{parent}'")
            elif parent == sid:
                problems.append(f"{where}.part_of: a skill cannot be part of itself")
            else:
                parent_entry = skills[parent]
                if "part_of" in parent_entry:
                    problems.append(f"{where}.part_of: '{parent}' is itself a sub-skill; "
                                    f"name a framework component")
                if parent_entry.get("category") != category:
                    problems.append(f"{where}.category: differs from its component "
                                    f"'{parent}'")


def _check_ui(problems: list, path: Path) -> None:
    try:
        strings = _ui_doc(str(path.resolve()))["strings"]
    except CatalogueError as exc:
        problems.append(str(exc))
        return
    name = path.name
    for key in REQUIRED_UI:
        if key not in strings:
            problems.append(f"{name}: required string '{key}' is missing")
    for key, value in strings.items():
        where = f"{name}: strings.{key}"
        _check_text(problems, where, value)
        if isinstance(value, dict):
            seen = {lang: set(PLACEHOLDER_RE.findall(value.get(lang) or ""))
                    for lang in LANGUAGES if isinstance(value.get(lang), str)}
            if len({frozenset(s) for s in seen.values()}) > 1:
                problems.append(f"{where}: languages use different {{placeholders}}")


def _duplicate_keys(problems: list, path: Path) -> None:
    """PyYAML keeps the last of two equal keys silently; report them instead."""
    if path.suffix.lower() == ".json" or not path.is_file():
        return
    try:
        import yaml
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except Exception:  # unreadable files are reported by the loaders
        return
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set = set()
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        problems.append(f"{path.name}:{key_node.start_mark.line + 1}: "
                                        f"duplicate key '{key_node.value}'")
                    seen.add(key_node.value)
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def check_catalogue(careers_path: Any = None, skills_path: Any = None,
                    ui_path: Any = None) -> list[str]:
    """Every problem in the catalogue files, as 'file: where: message' lines."""
    problems: list[str] = []
    paths = (_resolve(careers_path, "careers.yaml"), _resolve(skills_path, "skills.yaml"),
             _resolve(ui_path, "ui.yaml"))
    for p in paths:
        _duplicate_keys(problems, p)
    _check_careers(problems, paths[0])
    _check_skills(problems, paths[1])
    _check_ui(problems, paths[2])
    return problems


def check_references(doc: Any, careers_path: Any = None,
                     skills_path: Any = None) -> list[str]:
    """Catalogue keys a simulation names that do not exist.

    `doc` is a simulation as plain data (yaml.safe_load). Checks the top-level `career`
    and `related_careers`, and every `skills:` list anywhere in the file (top level,
    choices, activities...). Returns 'where: message' lines.
    """
    problems: list[str] = []
    if not isinstance(doc, dict):
        return problems
    try:
        careers = load_careers(careers_path)
        skills = load_skills(skills_path)
    except CatalogueError as exc:
        return [str(exc)]

    def career_ref(where: str, key: Any) -> None:
        if not isinstance(key, str) or key not in careers:
            hint = difflib.get_close_matches(str(key), list(careers), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(f"{where}: unknown career '{key}'{extra}")

    if "career" in doc:
        career_ref("career", doc["career"])
    related = doc.get("related_careers")
    if related is not None:
        if isinstance(related, list):
            for i, key in enumerate(related):
                career_ref(f"related_careers[{i}]", key)
        else:
            problems.append("related_careers: must be a list of career keys")

    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{where}.{key}" if where else str(key)
                if key == "skills" and isinstance(value, list):
                    for i, skill in enumerate(value):
                        if not isinstance(skill, str) or skill not in skills:
                            hint = difflib.get_close_matches(str(skill), list(skills), n=1)
                            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                            problems.append(f"{here}[{i}]: unknown skill '{skill}'{extra}")
                else:
                    stack.append((here, value))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                stack.append((f"{where}[{i}]", value))
    return sorted(problems)
