"""`testdrive schema`: generated from the format's one declaration (engine/spec.py and the
kinds' fields), accepts every shipped simulation, rejects broken documents (which the loader
rejects too); the key tables of docs/authoring.md are generated from the same declaration."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema", reason="pip install -e '.[dev]' (jsonschema)")

from engine import check_source, model, spec  # noqa: E402
from engine.kinds import BY_NAME as KINDS_BY_NAME, NAMES as KIND_NAMES  # noqa: E402
from engine.schema import build_schema, main, update_doc, with_names  # noqa: E402
from engine.schema_command import main as command_main, names  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SIMS = sorted(p for p in (ROOT / "simulations").rglob("*") if p.suffix in (".yaml", ".yml"))
IDS = [str(p.relative_to(ROOT / "simulations")) for p in SIMS]
EXAMPLE = ROOT / "simulations" / "examples" / "every-feature.yaml"


@pytest.fixture(scope="module")
def validator():
    schema = with_names(build_schema(), names())  # what `testdrive schema` writes
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture()
def example_doc():
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.mark.parametrize("path", SIMS, ids=IDS)
def test_every_shipped_simulation_validates(validator, path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = errors(validator, doc)
    assert not problems, f"{path.name}:\n" + "\n".join(problems[:20])


def test_schema_comes_from_the_engine_tables():
    s = build_schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(s["properties"]) == spec.TOP.keys
    assert s["required"] == list(spec.TOP.required) == ["format", "id", "version", "title", "field", "career",
                                                        "minutes", "summary", "languages", "start", "scenes",
                                                        "endings"]
    for name in ("scene", "choice", "event", "ending", "variable", "clock", "kiosk", "source_entry"):
        assert set(s["$defs"][name]["properties"]) == spec.SECTIONS[name].keys, name
    assert s["properties"]["minutes"] == {"type": "integer", "minimum": 1, "maximum": 240,
                                          "description": spec.TOP["minutes"].description}
    assert s["$defs"]["activity"]["properties"]["kind"]["enum"] == list(KIND_NAMES)
    assert s["properties"]["field"]["enum"] == list(model.FIELDS)
    assert s["$defs"]["riasec"]["enum"] == list(model.RIASEC)
    for fname in __import__("engine.expressions", fromlist=["FUNCTIONS"]).FUNCTIONS:
        assert fname + "(" in s["$defs"]["condition"]["description"]
    # descriptions for editor hover and completion
    assert all("description" in p or "$ref" in p for p in s["properties"].values())


def test_a_key_declared_in_the_spec_is_known_to_the_loader_and_the_schema(monkeypatch, problems_from):
    """One declaration: add a field to a section and both the loader and the schema take it."""
    doc = """
        start: s
        scenes:
          s: {text: Hi., mood: calm, next: END}
        endings:
          - {id: done, title: Done, rating: 1, text: Done.}
    """
    [unknown] = [d for d in problems_from(doc) if "mood" in d.message]
    assert (unknown.line, unknown.col, unknown.message) == (3, 18, "unknown key 'mood' in scene 's'")
    assert "mood" not in build_schema()["$defs"]["scene"]["properties"]
    monkeypatch.setitem(spec.SCENE.fields, "mood", spec.Field("string", "How it feels."))
    assert not [d for d in problems_from(doc) if "mood" in d.message]
    assert build_schema()["$defs"]["scene"]["properties"]["mood"]["description"] == "How it feels."


def test_ranges_and_defaults_come_from_the_spec(problems_from):
    diags = problems_from("""
        start: s
        scenes:
          s: {text: Hi., time: 2000, next: END}
        endings:
          - {id: done, title: Done, rating: 4, text: Done.}
    """)
    got = {(d.line, d.col, d.message) for d in diags if d.severity == "error"}
    assert got == {(3, 24, "'time' in scene 's' must be 0 to 1440, not 2000"),
                   (5, 37, "'rating' in ending 'done' must be 1 to 3, not 4")}
    assert spec.SCENE["time"].hi == 1440 and spec.ENDING["rating"].hi == 3


def mutate(doc, fn):
    doc = copy.deepcopy(doc)
    fn(doc)
    return doc


BROKEN = {
    "unknown top-level key": lambda d: d.update(colour="red"),
    "missing endings": lambda d: d.pop("endings"),
    "bad riasec letter": lambda d: d["scenes"]["welcome"]["choices"][0].update(riasec="Q"),
    "typo in a choice key": lambda d: d["scenes"]["welcome"]["choices"][0].update(nxt="takt"),
    "scene with choices and next": lambda d: d["scenes"]["welcome"].update(next="takt"),
    "scene with no way forward": lambda d: d["scenes"]["safety-talk"].pop("next"),
    "numeric activity with options": lambda d: d["scenes"]["takt"]["activity"].update(options=[]),
    "unknown activity kind": lambda d: d["scenes"]["takt"]["activity"].update(kind="essay"),
    "text without English": lambda d: d.update(title={"es": "Solo español"}),
    "id with capitals": lambda d: d.update(id="Every-Feature"),
    "rating of 5": lambda d: d["endings"][0].update(rating=5),
    "sequence item without text": lambda d: d["scenes"]["five-s"]["activity"]["items"][0].pop("text"),
    "clock start not a time": lambda d: d["clock"].update(start="8am"),
    "variable of unknown type": lambda d: d["variables"]["quality"].update(type="float"),
    "activity next with only one outcome": lambda d: d["scenes"]["ppe"]["activity"].update(next={"correct": "five-s"}),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_documents_are_rejected_by_schema_and_loader(validator, example_doc, name):
    doc = mutate(example_doc, BROKEN[name])
    assert errors(validator, doc), f"schema accepted: {name}"
    sim, diags, _ = check_source(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "broken.yaml")
    assert sim is None and any(d.severity == "error" for d in diags), f"loader accepted: {name}"


def test_each_kind_needs_its_keys_in_schema_and_loader(validator, example_doc):
    """The keys each kind declares required are refused when missing, by schema and loader."""
    by_kind = {}
    for sid, scene in example_doc["scenes"].items():
        if "activity" in scene:
            by_kind[scene["activity"]["kind"]] = sid
    assert set(by_kind) == set(KIND_NAMES)
    required = {name: kind.required() for name, kind in KINDS_BY_NAME.items()}
    assert required["hotspot"] == ("image", "spots") and required["numeric"] == ("answer",)
    for kind, keys in required.items():
        for key in keys:
            doc = mutate(example_doc, lambda d: d["scenes"][by_kind[kind]]["activity"].pop(key))
            assert errors(validator, doc), (kind, key)
            sim, diags, _ = check_source(yaml.safe_dump(doc, allow_unicode=True), "broken.yaml")
            assert sim is None, f"loader accepts a {kind} activity without '{key}'"


def test_cli_writes_the_schema(tmp_path):
    out = tmp_path / "simulation.schema.json"
    assert main(["--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == build_schema()


def test_the_command_offers_content_names_for_completion(tmp_path, validator, example_doc):
    """Issue 14: an editor completes career and skill keys, art and sound files."""
    out = tmp_path / "simulation.schema.json"
    assert command_main(["--out", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert "cnc-machinist" in schema["properties"]["career"]["enum"]
    assert "teamwork" in schema["$defs"]["skills"]["items"]["enum"]
    assert "art/examples/workshop.svg" in schema["$defs"]["scene"]["properties"]["background"]["enum"]
    assert "art/examples/workshop.svg" in schema["properties"]["art"]["additionalProperties"]["enum"]
    assert schema["$defs"]["scene"]["properties"]["sound"]["enum"]
    example_doc["career"] = "cnc-machinst"
    example_doc["scenes"]["welcome"]["background"] = "art/examples/nope.svg"
    example_doc["scenes"]["welcome"]["sound"] = "no-such-cue"
    example_doc["scenes"]["welcome"]["choices"][0]["skills"] = ["teamwrok"]
    found = errors(validator, example_doc)
    for where in ("career", "scenes/welcome/background", "scenes/welcome/sound",
                  "scenes/welcome/choices/0/skills/0"):
        assert any(e.startswith(where + ":") and "is not one of" in e for e in found), (where, found)


def test_the_docs_key_tables_are_generated_from_the_spec():
    """docs/authoring.md's tables are what `testdrive schema --docs docs/authoring.md` writes."""
    path = ROOT / "docs" / "authoring.md"
    text = path.read_text(encoding="utf-8")
    assert text.count("<!-- generated by `testdrive schema --docs`") >= 10
    assert update_doc(text) == text, "run: testdrive schema --docs docs/authoring.md"
    assert "| `rating` | whole number 1 to 3 | yes |" in text


def test_docs_command_rewrites_a_stale_table(tmp_path):
    stale = ("# x\n<!-- generated by `testdrive schema --docs`: clock -->\n| old |\n"
             "<!-- end of generated clock -->\n")
    doc = tmp_path / "a.md"
    doc.write_text(stale, encoding="utf-8")
    assert main(["--docs", str(doc)]) == 0
    assert "| `limit` | whole number 1 to 10080 |" in doc.read_text(encoding="utf-8")
