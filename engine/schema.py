"""`testdrive schema`: JSON Schema (draft 2020-12) of the simulation format.

Generated from the engine's own tables so it cannot drift from the loader:

* the key sets and required keys of every section come from engine/loader.py
  (TOP_KEYS, SCENE_KEYS, CHOICE_KEYS, ACTIVITY_COMMON, ACTIVITY_KEYS, ...); the few
  key sets written inline in the loader (activity items, goals, sources, clock, kiosk,
  debrief items) are read from the loader's source with `ast`, never copied;
* fields, RIASEC letters, activity kinds, END/BACK and the format version come from
  engine/model.py; expression functions and limits from engine/expressions.py; the id,
  language and variable-name patterns from the loader's regular expressions.

What this module adds is the JSON type of each key and a description for editors. If
the loader gains a key this module has no type for (or loses one), generation raises
SchemaDrift, so the test suite fails until someone describes it here.
"""
from __future__ import annotations

import argparse
import ast
import inspect
import json
import sys

from . import expressions as ex
from . import loader, model, teacher

SCHEMA_ID = "https://career-test-drive.example/schema/simulation.schema.json"


class SchemaDrift(RuntimeError):
    """The loader's tables and this module's type descriptions disagree."""


# ---- key sets the loader writes inline -----------------------------------------------

def _inline_tables() -> dict:
    """Key sets the loader spells out inside functions, read from its source code."""
    tree = ast.parse(inspect.getsource(loader))
    funcs = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    found: dict = {}
    items = funcs.get("_items")
    if items is not None:
        for node in ast.walk(items):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                value = node.value
                if name == "allowed" and isinstance(value, ast.Subscript) and isinstance(value.value, ast.Dict):
                    found["item_keys"] = {k: set(v) for k, v in ast.literal_eval(value.value).items()}
                if name == "required" and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                        and isinstance(value.func.value, ast.Dict) and len(value.args) == 2:
                    found["item_required"] = ast.literal_eval(value.func.value)
                    found["item_required_default"] = ast.literal_eval(value.args[1])
    # self.keys(mapping, where, {allowed...}, (required...)) with literal sets
    wanted = {"_goals": "goal", "_sources": "source", "_clock": "clock", "build": "kiosk",
              "_debrief_items": "debrief_item"}
    for fname, label in wanted.items():
        fn = funcs.get(fname)
        if fn is None:
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "keys" \
                    and len(node.args) >= 3 and isinstance(node.args[2], ast.Set):
                found[label + "_keys"] = set(ast.literal_eval(node.args[2]))
                found[label + "_required"] = tuple(ast.literal_eval(node.args[3])) if len(node.args) > 3 else ()
                break
    need = ["item_keys", "item_required", "item_required_default"] + \
        [f"{label}_{part}" for label in wanted.values() for part in ("keys", "required")]
    missing = [n for n in need if n not in found]
    if missing:
        raise SchemaDrift("cannot find these key sets in engine/loader.py: " + ", ".join(missing)
                          + " — update engine/schema.py to where the loader keeps them now")
    return found


# ---- shared definitions ----------------------------------------------------------------

def _pattern(regex) -> str:
    return regex.pattern


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
    lang = _pattern(loader.LANG_RE)
    ident = _pattern(loader.ID_RE)
    special = "|".join(model.SPECIAL_TARGETS)
    expr_doc = (f"An expression of the engine's own language (never Python): numbers, true, false, "
                f"variable names, time; + - * / // %; == != < <= > >=; and or not; parentheses; "
                f"functions {_functions_doc()}. At most {ex.MAX_LENGTH} characters, "
                f"{ex.MAX_DEPTH} levels deep.")
    return {
        "text": {
            "description": "Student-facing text: a plain string (English only) or a mapping from "
                           "language code to text, e.g. {en: ..., es: ...}. {name} shows a variable, "
                           "{clock} the time of day.",
            "anyOf": [
                {"type": ["string", "number"]},
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
        "minutes": {"type": "integer", "minimum": 0, "maximum": 24 * 60,
                    "description": "Minutes this costs on the in-simulation clock."},
        "skills": {"type": "array", "items": {"$ref": "#/$defs/id"},
                   "description": "Employability skills exercised: keys in content/skills.yaml."},
        "riasec": {"enum": list(model.RIASEC),
                   "description": "RIASEC interest area: R realistic, I investigative, A artistic, "
                                  "S social, E enterprising, C conventional."},
        "source": {"anyOf": [{"type": "string", "pattern": ident},
                             {"type": "array", "items": {"type": "string", "pattern": ident}, "minItems": 1}],
                   "description": "Cites a source (or a list of them) by id from the top-level 'sources' list."},
        "outcome_text": _by_outcome({"$ref": "#/$defs/text"}, "Feedback for each outcome."),
    }


def _by_outcome(value: dict, description: str, required=()) -> dict:
    out = {"type": "object", "description": description, "additionalProperties": False,
           "properties": {o: dict(value, description=f"when the answer is {o}")
                          if "$ref" not in value else {"$ref": value["$ref"], "description": f"when the answer is {o}"}
                          for o in loader.OUTCOMES}}
    if required:
        out["required"] = list(required)
    return out


# ---- the type of every key, by section --------------------------------------------------
# (type, description). Keys come from the loader's tables; this is only their shape.

def _ref(name: str, description: str = "") -> dict:
    out = {"$ref": f"#/$defs/{name}"}
    if description:
        out["description"] = description
    return out


def _types() -> dict:
    T = _ref
    effects_by_outcome = _by_outcome(_ref("effects"), "Effects for each outcome (correct, partial, wrong).")
    next_by_outcome = {
        "description": "Where to go after the feedback: one target, or one per outcome.",
        "anyOf": [_ref("target"), _by_outcome(_ref("target"), "A target per outcome.", loader.OUTCOMES)]}
    return {
        "top": {
            "format": {"const": model.FORMAT_VERSION, "description": "The format version this file is written for."},
            "id": T("id", "The simulation's id: unique, lowercase letters, digits and dashes."),
            "version": {"type": ["string", "number"], "description": "The simulation's own version, like 1.0.0 (saves remember it)."},
            "title": T("text", "The title students see."),
            "field": {"enum": list(model.FIELDS), "description": "The career field."},
            "career": T("id", "The career it portrays: a key in content/careers.yaml."),
            "related_careers": {"type": "array", "items": T("id"), "description": "Other careers (keys in content/careers.yaml)."},
            "minutes": {"type": "integer", "minimum": 1, "maximum": 240, "description": "Estimated play time in minutes."},
            "grades": {"type": ["string", "number"], "description": "Grade band, like \"6-8\"."},
            "summary": T("text", "One or two sentences for the catalogue."),
            "objectives": {"type": "array", "items": T("text"), "description": "Learning objectives, student-facing."},
            "skills": T("skills", "Skills practised (keys in content/skills.yaml)."),
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source_entry"},
                        "description": "Public sources for every fact taught; scenes, choices and activities cite them by id."},
            "languages": {"type": "array", "items": {"type": "string", "pattern": _pattern(loader.LANG_RE)},
                          "contains": {"const": "en"}, "uniqueItems": True,
                          "description": "Languages of the text; must include en."},
            "kiosk": {"$ref": "#/$defs/kiosk"},
            "art": {"type": "object", "additionalProperties": {"type": "string"},
                    "description": "Named art paths under content/, e.g. icon and cover."},
            "start": T("id", "The first scene."),
            "clock": {"$ref": "#/$defs/clock"},
            "teacher": teacher.SCHEMA,
            "variables": {"type": "object", "description": "The simulation's variables, by name.",
                          "propertyNames": {"pattern": _pattern(loader.VAR_RE),
                                            "not": {"enum": sorted(ex.KEYWORDS | set(ex.FUNCTIONS) | {"time"})}},
                          "additionalProperties": {"$ref": "#/$defs/variable"}},
            "characters": {"type": "object", "description": "Characters, by id.",
                           "propertyNames": {"pattern": _pattern(loader.ID_RE)},
                           "additionalProperties": {"$ref": "#/$defs/character"}},
            "scenes": {"type": "object", "minProperties": 1, "description": "Scenes, by id.",
                       "propertyNames": {"pattern": _pattern(loader.ID_RE),
                                         "not": {"enum": list(model.SPECIAL_TARGETS)}},
                       "additionalProperties": {"$ref": "#/$defs/scene"}},
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"},
                       "description": "Events checked after every action."},
            "endings": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/ending"},
                        "description": "Endings; END picks the first whose 'if' holds. The last should have no 'if'."},
        },
        "variable": {
            "type": {"enum": ["int", "number", "bool"], "description": "int, number or bool."},
            "start": {"type": ["number", "boolean"], "description": "The value at the start."},
            "min": {"type": "number", "description": "Lowest value: changes are clamped."},
            "max": {"type": "number", "description": "Highest value: changes are clamped."},
            "show": {"enum": ["meter", "counter", "hidden"],
                     "description": "meter (a bar, needs min and max), counter (the number) or hidden."},
            "label": T("text", "What the meter or counter is called."),
            "good": {"enum": ["high", "low"], "description": "Which way is good (colours the meter)."},
        },
        "character": {
            "name": {"type": "string", "description": "The character's name."},
            "role": T("text", "Their job, e.g. Charge nurse."),
            "portrait": {"type": "string", "description": "Portrait path under content/."},
        },
        "scene": {
            "speaker": {"type": "string", "description": "A character id; leave out for plain narration."},
            "background": {"type": "string", "description": "Background art path under content/."},
            "sound": {"type": "string", "description": "A sound cue name."},
            "text": T("text", "The narration."),
            "time": T("minutes", "Minutes it costs to be here (added on entering)."),
            "effects": T("effects", "Run on entering the scene."),
            "choices": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"},
                        "description": "The student picks one."},
            "activity": {"$ref": "#/$defs/activity"},
            "next": T("target", "A plain Continue to this target."),
            "source": T("source"),
        },
        "choice": {
            "id": T("id", "Unique within the scene."),
            "text": T("text", "The button's text."),
            "if": T("condition", "Hidden (or shown locked) unless this holds."),
            "show_locked": {"type": "boolean", "description": "Show it disabled when 'if' is false."},
            "locked": T("text", "Why it is locked."),
            "time": T("minutes"),
            "effects": T("effects"),
            "feedback": T("text", "Shown before moving on."),
            "skills": T("skills"),
            "riasec": T("riasec"),
            "next": T("target"),
            "source": T("source"),
        },
        "activity": {
            "kind": {"enum": list(model.ACTIVITY_KINDS), "description": "What the student does."},
            "prompt": T("text", "The task, as the student reads it."),
            "time": T("minutes"),
            "pass": {"type": "number", "minimum": 0, "maximum": 1, "description": "Score needed for correct (default 1.0)."},
            "partial": {"type": "number", "minimum": 0, "maximum": 1, "description": "Score needed for partial (default 0.5)."},
            "feedback": T("outcome_text"),
            "effects": effects_by_outcome,
            "next": next_by_outcome,
            "explain": T("text", "Why the right answer is right, shown afterwards."),
            "skills": T("skills"),
            "riasec": T("riasec"),
            "source": T("source"),
            # kind-specific keys
            "items": {"type": "array", "description": "order, sequence: the items; allocate: the budget lines."},
            "answer": {"description": "order, sequence: item ids, best first; numeric: the number."},
            "unit": T("text", "Unit shown next to the number or budget, e.g. mL, USD; translatable like any text."),
            "tolerance": {"type": "number", "minimum": 0, "description": "numeric: absolute tolerance."},
            "tolerance_pct": {"type": "number", "minimum": 0, "maximum": 100, "description": "numeric: tolerance in percent of the answer."},
            "close_pct": {"type": "number", "minimum": 0, "maximum": 100, "description": "numeric: partial credit within this percent."},
            "decimals": {"type": "integer", "minimum": 0, "maximum": 6, "description": "numeric: decimals shown."},
            "options": {"type": "array", "description": "multi: the options; mark the right ones correct: true."},
            "pairs": {"type": "array", "description": "match: pairs of left and right."},
            "image": {"type": "string", "description": "hotspot: the picture (path under content/)."},
            "width": {"type": "integer", "minimum": 1, "maximum": 10000, "description": "hotspot: picture width."},
            "height": {"type": "integer", "minimum": 1, "maximum": 10000, "description": "hotspot: picture height."},
            "spots": {"type": "array", "description": "hotspot: rectangles x, y, w, h with a label."},
            "budget": {"type": "number", "minimum": 0, "description": "allocate: money or units to spend."},
            "goals": {"type": "array", "items": {"$ref": "#/$defs/goal"}, "description": "allocate: totals to reach."},
        },
        "item": {
            "id": T("id"),
            "text": T("text"),
            "correct": {"type": "boolean", "description": "A right option or spot."},
            "why": T("text", "Why it is (or is not) right."),
            "left": T("text", "match: the left side."),
            "right": T("text", "match: the right side."),
            "x": {"type": "number", "minimum": 0}, "y": {"type": "number", "minimum": 0},
            "w": {"type": "number", "minimum": 0}, "h": {"type": "number", "minimum": 0},
            "label": T("text", "hotspot: the spot's text alternative."),
            "cost": {"type": "number", "minimum": 0, "description": "allocate: cost of one."},
            "max": {"type": "integer", "minimum": 0, "maximum": 10000, "description": "allocate: most you can take."},
            "values": {"type": "object", "additionalProperties": {"type": "number"},
                       "description": "allocate: what one adds to each goal attribute."},
        },
        "goal": {
            "attr": {"type": "string", "description": "An attribute the items' values add up."},
            "min": {"type": "number", "description": "The total needed."},
            "label": T("text"),
        },
        "source": {
            "id": T("id"),
            "title": {"type": "string", "description": "Title, publisher and year."},
            "url": {"type": "string", "pattern": "^https?://", "format": "uri"},
        },
        "clock": {
            "start": {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$", "description": "Time of day, \"HH:MM\"."},
            "limit": {"type": "integer", "minimum": 1, "maximum": 24 * 60 * 7, "description": "Minutes the shift lasts."},
            "show": {"type": "boolean", "description": "Draw the clock (default true)."},
        },
        "kiosk": {"start": T("id", "The scene the 3-4 minute kiosk cut starts at."),
                  "meters": {"type": "array", "items": T("id"), "uniqueItems": True,
                             "description": "The meters the kiosk cut shows (all when left out)."}},
        "event": {
            "id": T("id"),
            "when": T("condition", "Fires when this becomes true; checked on arriving at each scene."),
            "chance": {"type": "number", "minimum": 0, "maximum": 1, "description": "A random event: probability, from the seeded RNG."},
            "repeat": {"type": "boolean", "description": "Fire again each time 'when' becomes true anew (default: once)."},
            "text": T("text", "A notice shown on the next view."),
            "effects": T("effects"),
            "goto": T("target", "Interrupt: go to this scene; its 'next: BACK' returns."),
        },
        "ending": {
            "id": T("id"),
            "if": T("condition", "END picks the first ending whose 'if' holds."),
            "title": T("text"),
            "rating": {"type": "integer", "minimum": 1, "maximum": 3, "description": "1 to 3 stars."},
            "text": T("text"),
            "debrief": {"$ref": "#/$defs/debrief"},
        },
        "debrief": {
            "went_well": {"type": "array", "items": {"$ref": "#/$defs/debrief_item"}, "description": "What went well."},
            "try_next": {"type": "array", "items": {"$ref": "#/$defs/debrief_item"}, "description": "What to try next."},
            "professional": {"type": "array", "items": {"$ref": "#/$defs/debrief_item"}, "description": "What a professional would do."},
            "reflection": {"type": "array", "items": T("text"), "description": "2-3 questions the student answers in their own words."},
        },
        "debrief_item": {
            "if": T("condition", "Shown only when this holds."),
            "text": T("text"),
        },
    }


def _object(section: str, keys, required, types: dict, description: str = "", closed=True) -> dict:
    spec = types[section]
    keys = set(keys)
    unknown = sorted(keys - set(spec))
    stale = sorted(set(spec) - keys)
    if unknown or stale:
        raise SchemaDrift(f"section '{section}': the loader has keys {unknown} this schema does not describe"
                          if unknown else f"section '{section}': keys {stale} are no longer in the loader")
    out = {"type": "object"}
    if description:
        out["description"] = description
    out["properties"] = {k: spec[k] for k in sorted(keys)}
    if required:
        out["required"] = list(required)
    if closed:
        out["additionalProperties"] = False
    return out


ITEM_LIST_KEY = {"order": "items", "sequence": "items", "multi": "options", "match": "pairs",
                 "hotspot": "spots", "allocate": "items"}
#: keys each kind needs (the loader reports each one missing as an error)
KIND_REQUIRED = {"order": ("items", "answer"), "sequence": ("items", "answer"), "numeric": ("answer",),
                 "multi": ("options",), "match": ("pairs",), "hotspot": ("image", "spots"),
                 "allocate": ("budget", "items")}


def build_schema() -> dict:
    types = _types()
    inline = _inline_tables()
    defs = _defs()
    # items of each kind of activity
    item_spec = types["item"]
    all_item_keys = set().union(*inline["item_keys"].values())
    _object("item", all_item_keys, (), types)  # drift check on the union
    for kind, keys in inline["item_keys"].items():
        required = inline["item_required"].get(kind, inline["item_required_default"])
        defs[f"item_{kind}"] = {"type": "object", "additionalProperties": False,
                                "description": f"An entry of a {kind} activity.",
                                "properties": {k: item_spec[k] for k in sorted(keys)},
                                "required": list(required)}
    if set(inline["item_keys"]) != set(ITEM_LIST_KEY):
        raise SchemaDrift("activity kinds with item lists changed: " + ", ".join(sorted(inline["item_keys"])))
    if set(loader.ACTIVITY_KEYS) != set(model.ACTIVITY_KINDS) or set(KIND_REQUIRED) != set(model.ACTIVITY_KINDS):
        raise SchemaDrift("activity kinds differ between model.ACTIVITY_KINDS, loader.ACTIVITY_KEYS and schema")
    # activities: common keys, then each kind's own keys via if/then
    act_spec = types["activity"]
    all_act = set(loader.ACTIVITY_COMMON).union(*loader.ACTIVITY_KEYS.values())
    _object("activity", all_act, (), types)
    branches = []
    for kind in model.ACTIVITY_KINDS:
        props = {}
        for k in sorted(loader.ACTIVITY_KEYS[kind]):
            p = dict(act_spec[k])
            if k == ITEM_LIST_KEY.get(kind):
                p["items"] = {"$ref": f"#/$defs/item_{kind}"}
                p["minItems"] = 2 if kind in ("order", "sequence") else 1
            if k == "answer":
                p = ({"type": "array", "items": {"$ref": "#/$defs/id"}, "description": "The item ids, best first."}
                     if kind in ("order", "sequence") else {"type": "number", "description": "The right number."})
            props[k] = p
        branches.append({"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                         "then": {"properties": props, "required": list(KIND_REQUIRED[kind])}})
    defs["activity"] = {
        "type": "object",
        "description": "A hands-on task graded by the engine: " + ", ".join(model.ACTIVITY_KINDS) + ".",
        "properties": {k: act_spec[k] for k in sorted(loader.ACTIVITY_COMMON)},
        "required": ["kind", "prompt"],
        "allOf": branches,
        "unevaluatedProperties": False,
    }
    defs["variable"] = _object("variable", loader.VAR_KEYS, ("type", "start"), types, "A variable.")
    defs["character"] = _object("character", loader.CHAR_KEYS, ("name",), types, "A character.")
    scene = _object("scene", loader.SCENE_KEYS, ("text",), types, "A scene: narration, then choices, an activity or a plain next.")
    scene["anyOf"] = [{"required": ["choices"]}, {"required": ["activity"]}, {"required": ["next"]}]
    scene["not"] = {"anyOf": [{"required": ["choices", "activity"]}, {"required": ["choices", "next"]}]}
    defs["scene"] = scene
    defs["choice"] = _object("choice", loader.CHOICE_KEYS, ("id", "text", "next"), types, "A choice.")
    defs["goal"] = _object("goal", inline["goal_keys"], inline["goal_required"], types, "A goal of an allocate activity.")
    defs["source_entry"] = _object("source", inline["source_keys"], inline["source_required"], types, "A public source.")
    defs["clock"] = _object("clock", inline["clock_keys"], inline["clock_required"], types,
                            "The in-simulation clock; 'time' in expressions is the minutes played.")
    defs["kiosk"] = _object("kiosk", inline["kiosk_keys"], inline["kiosk_required"], types,
                            "The short career-fair cut.")
    defs["event"] = _object("event", loader.EVENT_KEYS, ("id", "when"), types, "An event.")
    defs["ending"] = _object("ending", loader.ENDING_KEYS, ("id", "title", "rating", "text"), types, "An ending.")
    defs["debrief"] = _object("debrief", loader.DEBRIEF_KEYS, (), types, "The debrief shown at the ending.")
    item = _object("debrief_item", inline["debrief_item_keys"], inline["debrief_item_required"], types)
    defs["debrief_item"] = {"description": "A debrief line: text, or {if, text} shown only when 'if' holds.",
                            "anyOf": [{"$ref": "#/$defs/text"}, item]}
    top = _object("top", loader.TOP_KEYS, loader.TOP_REQUIRED, types)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Career Test-Drive simulation",
        "description": f"A simulation file, format {model.FORMAT_VERSION} (docs/authoring.md). "
                       "Generated by `testdrive schema` from the engine's own tables.",
        **{k: top[k] for k in ("type", "properties", "required", "additionalProperties")},
        "$defs": defs,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive schema",
                                 description="JSON Schema of the simulation format, for editors")
    ap.add_argument("--out", help="write the schema to this file (default: print it)")
    args = ap.parse_args(argv)
    try:
        schema = build_schema()
    except SchemaDrift as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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
