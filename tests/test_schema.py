"""`testdrive schema`: generated from the engine's tables, accepts every shipped
simulation, rejects broken documents (which the loader rejects too)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema", reason="pip install -e '.[dev]' (jsonschema)")

from engine import check_source, loader, model  # noqa: E402
from engine import schema as schema_mod  # noqa: E402
from engine.kinds import NAMES as KIND_NAMES  # noqa: E402
from engine.schema import SchemaDrift, build_schema, main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIMS = sorted(p for p in (ROOT / "simulations").rglob("*") if p.suffix in (".yaml", ".yml"))
IDS = [str(p.relative_to(ROOT / "simulations")) for p in SIMS]
EXAMPLE = ROOT / "simulations" / "examples" / "every-feature.yaml"


@pytest.fixture(scope="module")
def validator():
    schema = build_schema()
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
    assert set(s["properties"]) == loader.TOP_KEYS
    assert s["required"] == list(loader.TOP_REQUIRED)
    assert set(s["$defs"]["scene"]["properties"]) == loader.SCENE_KEYS
    assert set(s["$defs"]["choice"]["properties"]) == loader.CHOICE_KEYS
    assert set(s["$defs"]["event"]["properties"]) == loader.EVENT_KEYS
    assert set(s["$defs"]["ending"]["properties"]) == loader.ENDING_KEYS
    assert s["$defs"]["activity"]["properties"]["kind"]["enum"] == list(KIND_NAMES)
    assert s["properties"]["field"]["enum"] == list(model.FIELDS)
    assert s["$defs"]["riasec"]["enum"] == list(model.RIASEC)
    for fname in __import__("engine.expressions", fromlist=["FUNCTIONS"]).FUNCTIONS:
        assert fname + "(" in s["$defs"]["condition"]["description"]
    # descriptions for editor hover and completion
    assert all("description" in p or "$ref" in p for p in s["properties"].values())


def test_a_new_loader_key_without_a_type_is_drift(monkeypatch):
    monkeypatch.setattr(loader, "SCENE_KEYS", loader.SCENE_KEYS | {"mood"})
    with pytest.raises(SchemaDrift, match="mood"):
        build_schema()


def test_a_removed_loader_key_is_drift(monkeypatch):
    monkeypatch.setattr(loader, "EVENT_KEYS", loader.EVENT_KEYS - {"repeat"})
    with pytest.raises(SchemaDrift, match="repeat"):
        build_schema()


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
    """KIND_REQUIRED (the one table written here) agrees with the loader."""
    by_kind = {}
    for sid, scene in example_doc["scenes"].items():
        if "activity" in scene:
            by_kind[scene["activity"]["kind"]] = sid
    assert set(by_kind) == set(KIND_NAMES)
    for kind, keys in schema_mod.KIND_REQUIRED.items():
        for key in keys:
            doc = mutate(example_doc, lambda d: d["scenes"][by_kind[kind]]["activity"].pop(key))
            assert errors(validator, doc), (kind, key)
            sim, diags, _ = check_source(yaml.safe_dump(doc, allow_unicode=True), "broken.yaml")
            assert sim is None, f"loader accepts a {kind} activity without '{key}'"


def test_cli_writes_the_schema(tmp_path):
    out = tmp_path / "simulation.schema.json"
    assert main(["--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == build_schema()
