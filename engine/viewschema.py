"""The view contract (engine/view.py) as JSON Schema and as JSDoc typedefs.

    testdrive schema --view             JSON Schema (draft 2020-12) on stdout
    testdrive schema --view --jsdoc     JSDoc @typedef comments on stdout
    testdrive schema --view --write     rewrite docs/view.schema.json and web/view-types.js

Both are generated from the TypedDicts, never written by hand; tests/engine/test_view_schema.py
fails when the committed files are out of date.
"""
from __future__ import annotations

import argparse
import json
import sys
import types
import typing
from pathlib import Path

from . import view as contract

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "view.schema.json"
JSDOC_FILE = ROOT / "web" / "view-types.js"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_PLAIN = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
_JS = {str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def _is_typeddict(tp) -> bool:
    return isinstance(tp, type) and typing.is_typeddict(tp)


def _fields(td) -> list[tuple[str, object, bool]]:
    """(key, type, required) in declaration order; NotRequired[...] marks an optional key."""
    out = []
    for key, hint in typing.get_type_hints(td, include_extras=True).items():
        required = True
        if typing.get_origin(hint) is typing.NotRequired:
            hint, required = typing.get_args(hint)[0], False
        out.append((key, hint, required))
    return out


def _members(tp) -> tuple:
    """The alternatives of a Union (typing.Union or X | Y), else ()."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _named(root) -> list:
    """Every TypedDict reachable from `root`, each once, in the order first met."""
    seen: list = []

    def walk(tp):
        if _is_typeddict(tp):
            if tp in seen:
                return
            seen.append(tp)
            for _key, hint, _req in _fields(tp):
                walk(hint)
            return
        for arg in typing.get_args(tp):
            walk(arg)

    walk(root)
    return seen


# ---- JSON Schema -------------------------------------------------------------------

def _schema_of(tp) -> dict:
    if tp in _PLAIN:
        return {"type": _PLAIN[tp]}
    if tp is None:
        return {"type": "null"}
    if _is_typeddict(tp):
        return {"$ref": f"#/$defs/{tp.__name__}"}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _schema_of(args[0])}
    if origin is dict:
        if args[0] is not str:
            raise TypeError(f"JSON object keys are text: {tp}")
        return {"type": "object", "additionalProperties": _schema_of(args[1])}
    members = _members(tp)
    if members:
        parts = [_schema_of(m) for m in members]
        plain = [p["type"] for p in parts if set(p) == {"type"} and isinstance(p["type"], str)]
        if len(plain) == len(parts):
            if "number" in plain and "integer" in plain:  # a number may be whole
                plain.remove("integer")
            return {"type": plain[0]} if len(plain) == 1 else {"type": plain}
        return {"anyOf": parts}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _object_schema(td) -> dict:
    out: dict = {}
    if td.__doc__:
        out["description"] = " ".join(td.__doc__.split())
    fields = _fields(td)
    out["type"] = "object"
    out["properties"] = {key: _schema_of(hint) for key, hint, _req in fields}
    out["required"] = [key for key, _hint, req in fields if req]
    out["additionalProperties"] = False
    return out


def view_schema() -> dict:
    """The JSON Schema every view validates against."""
    root = contract.View
    schema = {"$schema": DIALECT, "title": "View"}
    schema.update(_object_schema(root))
    schema["$defs"] = {td.__name__: _object_schema(td) for td in _named(root) if td is not root}
    return schema


# ---- JSDoc -------------------------------------------------------------------------

def _js_of(tp) -> str:
    if tp in _JS:
        return _JS[tp]
    if tp is None:
        return "null"
    if _is_typeddict(tp):
        return tp.__name__
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return "(" + "|".join(json.dumps(a) for a in args) + ")" if len(args) > 1 else json.dumps(args[0])
    if origin is list:
        return f"Array<{_js_of(args[0])}>"
    if origin is dict:
        return f"Object<string, {_js_of(args[1])}>"
    members = _members(tp)
    if members:
        names: list[str] = []
        for m in members:
            name = _js_of(m)
            if name not in names:
                names.append(name)
        return "(" + "|".join(names) + ")" if len(names) > 1 else names[0]
    raise TypeError(f"no JSDoc type for {tp!r}")


def view_jsdoc() -> str:
    """JSDoc typedefs of the view, for the browser player's editor checks (comments only)."""
    root = contract.View
    out = ["// The view Session.view() returns, as JSDoc typedefs.",
           "// Generated from engine/view.py by `testdrive schema --view --write`: do not edit.",
           "// Use with /** @typedef {import('./view-types.js').View} View */ or in JSDoc comments.",
           ""]
    for td in [root] + [t for t in _named(root) if t is not root]:
        out.append("/**")
        if td.__doc__:
            out.append(f" * {' '.join(td.__doc__.split())}")
        out.append(f" * @typedef {{Object}} {td.__name__}")
        for key, hint, req in _fields(td):
            name = key if req else f"[{key}]"
            out.append(f" * @property {{{_js_of(hint)}}} {name}")
        out.append(" */")
        out.append("")
    return "\n".join(out)


def schema_text() -> str:
    return json.dumps(view_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive schema --view",
                                 description="the view contract as JSON Schema or JSDoc")
    ap.add_argument("--jsdoc", action="store_true", help="print JSDoc typedefs instead")
    ap.add_argument("--write", action="store_true",
                    help=f"rewrite {SCHEMA_FILE.relative_to(ROOT)} and {JSDOC_FILE.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    if args.write:
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
        JSDOC_FILE.write_text(view_jsdoc(), encoding="utf-8")
        print(f"wrote {SCHEMA_FILE.relative_to(ROOT)} and {JSDOC_FILE.relative_to(ROOT)}", file=sys.stderr)
        return 0
    sys.stdout.write(view_jsdoc() if args.jsdoc else schema_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
