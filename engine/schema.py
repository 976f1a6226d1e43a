"""`testdrive schema`: JSON Schema (draft 2020-12) of the simulation format, and the key
tables of docs/authoring.md.

Both are generated from the format's one declaration, engine/spec.py (sections and
fields) and the activity kinds' fields (engine/kinds/), which the loader checks too, so
the schema and the docs cannot drift from the loader. This module only says how each
spec type is written in JSON Schema and in Markdown.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import expressions as ex
from . import spec, teacher
from .kinds import KINDS, NAMES as KIND_NAMES
from .model import FORMAT_VERSION, SPECIAL_TARGETS
from .spec import Field, Section

SCHEMA_ID = "https://career-test-drive.example/schema/simulation.schema.json"


def _ref(name: str, description: str = "") -> dict:
    out = {"$ref": f"#/$defs/{name}"}
    if description:
        out["description"] = description
    return out


def _functions_doc() -> str:
    parts = []
    for name, (lo, hi, takes_id) in ex.FUNCTIONS.items():
        args = "\"id\"" if takes_id else "x"
        if name == "outcome_is":
            args = "\"scene\", \"correct\""
        elif hi > 1 and not takes_id:
            args = ", ".join(["x"] * min(hi, 3)) + (", ..." if hi > 3 else "")
        parts.append(f"{name}({args})")
    return ", ".join(parts)


def _defs() -> dict:
    """Shared definitions the field types refer to."""
    lang = spec.LANG_RE.pattern
    ident = spec.ID_RE.pattern
    special = "|".join(SPECIAL_TARGETS)
    expr_doc = (f"An expression of the engine's own language (never Python): numbers, true, false, "
                f"variable names, time; + - * / // %; == != < <= > >=; and or not; parentheses; "
                f"functions {_functions_doc()}. At most {ex.MAX_LENGTH} characters, "
                f"{ex.MAX_DEPTH} levels deep.")
    return {
        "text": {
            "description": "Student-facing text: a plain string (English only) or a mapping from "
                           "language code to text, e.g. {en: ..., es: ...}, or {same: ...} for text that reads the "
                           "same in every language. {name} shows a variable, "
                           "{clock} the time of day.",
            "anyOf": [
                {"type": ["string", "number"]},
                {"type": "object", "required": ["same"], "additionalProperties": False,
                 "properties": {"same": {"type": ["string", "number"],
                                         "description": "The same text in every language (a name, a code, a unit)"}}},
                {"type": "object", "required": ["en"], "minProperties": 1,
                 "propertyNames": {"pattern": lang},
                 "additionalProperties": {"type": ["string", "number"]},
                 "properties": {"en": {"type": ["string", "number"], "description": "English (required)"},
                                "es": {"type": ["string", "number"], "description": "Spanish"}}},
            ],
        },
        "id": {"type": "string", "pattern": ident,
               "description": "An id: lowercase letters, digits, '-' and '_', like 'triage-2'."},
        "ids": {"type": "array", "items": {"$ref": "#/$defs/id"}},
        "target": {"type": "string", "pattern": f"^(?:{special})$|{ident}",
                   "description": "Where to go: a scene id, an ending id, END (the first ending whose "
                                  "'if' holds) or BACK (return to the scene an event interrupted)."},
        "condition": {"type": ["string", "boolean", "number"], "maxLength": ex.MAX_LENGTH,
                      "description": "A condition. " + expr_doc},
        "effect": {"type": "string", "maxLength": ex.MAX_LENGTH,
                   "pattern": r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*(?:\+=|-=|\*=|=(?!=))",
                   "description": "An effect: 'name = expr', 'name += expr', 'name -= expr' or "
                                  "'name *= expr'. " + expr_doc},
        "effects": {"description": "Effects run in order: one effect or a list of them.",
                    "anyOf": [{"$ref": "#/$defs/effect"},
                              {"type": "array", "items": {"$ref": "#/$defs/effect"}}]},
        "skills": {"type": "array", "items": {"$ref": "#/$defs/id"},
                   "description": "Employability skills exercised: keys in content/skills.yaml."},
        "riasec": {"enum": list(spec.CHOICE["riasec"].choices),
                   "description": "RIASEC interest area: R realistic, I investigative, A artistic, "
                                  "S social, E enterprising, C conventional."},
        "source": {"anyOf": [{"type": "string", "pattern": ident},
                             {"type": "array", "items": {"type": "string", "pattern": ident}, "minItems": 1}],
                   "description": "Cites a source (or a list of them) by id from the top-level 'sources' list."},
    }


def _by_outcome(value: dict, description: str, required=()) -> dict:
    out = {"type": "object", "description": description, "additionalProperties": False,
           "properties": {o: {**value, "description": f"when the answer is {o}"} for o in spec.OUTCOMES}}
    if required:
        out["required"] = list(required)
    return out


# a section's mapping keys, where they are free (ids or names) rather than declared
_KEY_NAMES = {
    "variables": {"pattern": spec.VAR_RE.pattern,
                  "not": {"enum": sorted(ex.KEYWORDS | set(ex.FUNCTIONS) | {"time"})}},
    "characters": {"pattern": spec.ID_RE.pattern},
    "scenes": {"pattern": spec.ID_RE.pattern, "not": {"enum": list(SPECIAL_TARGETS)}},
}


def field_schema(key: str, f: Field) -> dict:
    """One field as JSON Schema."""
    t = f.type
    if t == "text":
        out = _ref("text")
    elif t in ("id", "condition", "effects", "skills", "riasec", "source"):
        out = _ref(t)
    elif t == "target":
        out = _ref("target")
        if f.of == "by_outcome":
            out = {"anyOf": [_ref("target"), _by_outcome(_ref("target"), "A target per outcome.", spec.OUTCOMES)]}
    elif t == "ids":
        out = {"type": "array", "items": _ref("id")}
    elif t == "numbers":
        out = {"type": "array", "items": {"type": "number"}}
    elif t == "string":
        out = {"type": ["string", "number"]}  # the loader reads a number as its text, like YAML's 1.0
        if f.pattern:
            out["pattern"] = f.pattern
    elif t in ("int", "number"):
        out = {"type": "integer" if f.integer else "number"}
        if f.lo is not None:
            out["minimum"] = f.lo
        if f.hi is not None:
            out["maximum"] = f.hi
    elif t == "value":
        out = {"type": ["number", "boolean"]}
    elif t == "bool":
        out = {"type": "boolean"}
    elif t == "enum":
        out = {"const": f.choices[0]} if len(f.choices) == 1 else {"enum": list(f.choices)}
    elif t == "texts":
        out = {"type": "array", "items": _ref("text")}
    elif t == "list":
        out = {"type": "array", "items": _ref(f.of)}
        if f.min_items:
            out["minItems"] = f.min_items
    elif t == "map":
        value = {"type": "number"} if f.of == "number" else _ref(f.of)
        out = {"type": "object", "additionalProperties": value}
        if key in _KEY_NAMES:
            out["propertyNames"] = _KEY_NAMES[key]
        if f.min_items:
            out["minProperties"] = f.min_items
    elif t == "section":
        out = _ref(f.of)
    elif t == "by_outcome":
        return _by_outcome(_ref(f.of), f.description)
    elif t == "art":
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    else:
        raise ValueError(f"no JSON Schema for spec type {t!r} ({key})")
    if f.unique:
        out["uniqueItems"] = True
    if key == "languages":
        out.update(items={"type": "string", "pattern": spec.LANG_RE.pattern}, contains={"const": "en"})
    if f.description:
        out["description"] = f.description
    return out


def section_schema(section: Section) -> dict:
    out = {"type": "object", "description": section.description,
           "properties": {k: field_schema(k, f) for k, f in section.fields.items()}}
    if section.required:
        out["required"] = list(section.required)
    out["additionalProperties"] = False
    return out


def _activity_schema() -> dict:
    """The keys every activity has, then each kind's own keys when `kind` names it."""
    props = {k: field_schema(k, f) for k, f in spec.ACTIVITY.fields.items()}
    props["kind"] = {"enum": list(KIND_NAMES), "description": spec.ACTIVITY["kind"].description}
    branches = []
    for kind in KINDS:
        branch = {"properties": {k: field_schema(k, kind.fields[k]) for k in sorted(kind.fields)}}
        if kind.required():
            branch["required"] = list(kind.required())
        branches.append({"if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]},
                         "then": branch})
    return {"type": "object",
            "description": "A hands-on task graded by the engine: " + ", ".join(KIND_NAMES) + ".",
            "properties": props, "required": list(spec.ACTIVITY.required), "allOf": branches,
            "unevaluatedProperties": False}


def build_schema() -> dict:
    defs = _defs()
    for section in spec.SECTIONS.values():
        if section is not spec.TOP:
            defs[section.name] = section_schema(section)
    defs["activity"] = _activity_schema()
    defs["teacher"] = teacher.SCHEMA  # declared with its checks in engine/teacher.py
    defs["debrief_item"] = {"description": spec.DEBRIEF_ITEM.description,
                            "anyOf": [_ref("text"), section_schema(spec.DEBRIEF_ITEM)]}
    scene = defs["scene"]
    scene["anyOf"] = [{"required": ["choices"]}, {"required": ["activity"]}, {"required": ["next"]}]
    scene["not"] = {"anyOf": [{"required": ["choices", "activity"]}, {"required": ["choices", "next"]}]}
    for kind in KINDS:
        for section in (kind.item, getattr(kind, "goal", None), *kind.sections):
            if section is not None:
                defs[section.name] = section_schema(section)
    top = section_schema(spec.TOP)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Career Test-Drive simulation",
        "description": f"A simulation file, format {FORMAT_VERSION} (docs/authoring.md). "
                       "Generated by `testdrive schema` from engine/spec.py and engine/kinds/.",
        **{k: top[k] for k in ("type", "properties", "required", "additionalProperties")},
        "$defs": defs,
    }


# ---- the names content/ offers, for editors' completion ------------------------------------

#: Keys whose values name a picture under content/ (top-level `art:` values included).
ART_KEYS = ("portrait", "background", "image")


def with_names(schema: dict, names: dict) -> dict:
    """The schema with the catalogue's career and skill keys and content/'s art and sound
    files as enums, so an editor completes them. `names` comes from the tools layer
    (engine/lists.py): this module stays below the catalogue."""
    defs = schema["$defs"]
    careers = {"enum": names["careers"], "description": "A career key (testdrive list careers)."}
    props = schema["properties"]
    props["career"] = {**props["career"], **careers}
    props["related_careers"] = {**props["related_careers"], "items": careers}
    defs["skills"] = {**defs["skills"], "items": {"enum": names["skills"]}}
    art = {"enum": names["art"], "description": "A picture under content/ (testdrive list art)."}
    props["art"] = {**props["art"], "additionalProperties": art}
    for section in defs.values():
        for key, value in section.get("properties", {}).items():
            if key in ART_KEYS:
                section["properties"][key] = {**value, **art}
            elif key == "sound":
                section["properties"][key] = {**value, "enum": names["sounds"],
                                              "description": "A sound cue (testdrive list sounds)."}
    return schema


# ---- the key tables of docs/authoring.md --------------------------------------------------

DOC_BEGIN = "<!-- generated by `testdrive schema --docs`: {name} -->"
DOC_END = "<!-- end of generated {name} -->"
_DOC_BLOCK = re.compile(r"<!-- generated by `testdrive schema --docs`: (\S+) -->\n.*?<!-- end of generated \1 -->",
                        re.S)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _default(f: Field) -> str:
    if f.default is None or f.required:
        return ""
    if isinstance(f.default, bool):
        return "true" if f.default else "false"
    return f"`{f.default:g}`" if isinstance(f.default, float) else f"`{f.default}`"


def markdown_table(fields: dict) -> str:
    rows = ["| key | type | required | default | what it is |", "|---|---|---|---|---|"]
    for key, f in fields.items():
        rows.append(f"| `{key}` | {_cell(spec.type_name(f))} | {'yes' if f.required else ''} | "
                    f"{_default(f)} | {_cell(f.description)} |")
    return "\n".join(rows)


def doc_tables() -> dict:
    """Every table the docs show, by name: the sections, then each kind's keys and entries."""
    out = {name: markdown_table(s.fields) for name, s in spec.SECTIONS.items()}
    kinds = ["| kind | what the student does | its keys | answer a front end sends |", "|---|---|---|---|"]
    for kind in KINDS:
        keys = ", ".join(f"`{k}`" for k in kind.fields)
        kinds.append(f"| `{kind.name}` | {_cell(kind.summary)} | {keys} | {_cell(kind.answer_doc)} |")
    out["kinds"] = "\n".join(kinds)
    for kind in KINDS:
        parts = [f"**`{kind.name}`**\n\n" + markdown_table(kind.fields)]
        for section in (kind.item, getattr(kind, "goal", None), *kind.sections):
            if section is not None and not (kind.name == "sequence" and section.name == "order_item"):
                parts.append(f"*{section.description}* (`{section.name}`)\n\n" + markdown_table(section.fields))
        out[f"kind-{kind.name}"] = "\n\n".join(parts)
    return out


def update_doc(text: str) -> str:
    """`text` with every generated block replaced by the table it names."""
    tables = doc_tables()

    def fill(m):
        name = m.group(1)
        if name not in tables:
            raise KeyError(f"docs name a table '{name}' the spec does not have (known: {', '.join(tables)})")
        return f"{DOC_BEGIN.format(name=name)}\n{tables[name]}\n{DOC_END.format(name=name)}"
    return _DOC_BLOCK.sub(fill, text)


def main(argv=None, names: dict | None = None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive schema",
                                 description="JSON Schema of the simulation format, for editors; "
                                             "or the key tables of the docs")
    ap.add_argument("--out", help="write the schema to this file (default: print it)")
    ap.add_argument("--markdown", action="store_true", help="print the key tables as Markdown instead")
    ap.add_argument("--docs", metavar="FILE",
                    help="rewrite the generated key tables in FILE (docs/authoring.md) in place")
    args = ap.parse_args(argv)
    if args.docs:
        path = Path(args.docs)
        old = path.read_text(encoding="utf-8")
        try:
            new = update_doc(old)
        except KeyError as exc:
            print(f"error: {exc.args[0]}", file=sys.stderr)
            return 1
        if new != old:
            path.write_text(new, encoding="utf-8")
        print(f"{path}: {'updated' if new != old else 'already up to date'}", file=sys.stderr)
        return 0
    if args.markdown:
        text = "\n\n".join(f"### {name}\n\n{table}" for name, table in doc_tables().items()) + "\n"
    else:
        schema = build_schema() if names is None else with_names(build_schema(), names)
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
