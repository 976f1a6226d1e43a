"""The typed view contract: engine/view.py, its generated JSON Schema and JSDoc, and every
view the explorer visits in every shipped simulation validating against it."""
from __future__ import annotations

import copy
import json
import re
import typing
from pathlib import Path

import pytest

from engine import Session, load_simulation
from engine import view as contract
from engine.cli import main as cli_main
from engine.explore import Explorer, explore_all
from engine.viewschema import JSDOC_FILE, SCHEMA_FILE, schema_text, view_jsdoc, view_schema

jsonschema = pytest.importorskip("jsonschema", reason="pip install -e '.[dev]' (jsonschema)")

ROOT = Path(__file__).resolve().parents[2]
SIMULATIONS = sorted((ROOT / "simulations").glob("*/*.yaml"))
LANGS = ("en", "es")
# The explorer with a smaller budget than `testdrive explore` (10,000 states a seed and
# 1,000 random players): on the shipped simulations it reaches the same scenes, phases,
# endings, activity kinds and outcomes, in seconds rather than minutes.
MAX_STATES = 2000
RANDOM_PLAYERS = 20


@pytest.fixture(scope="module")
def validator():
    schema = view_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator, view) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(view)'}: {e.message[:300]}"
            for e in validator.iter_errors(view)]


# ---- the generated files -----------------------------------------------------------

def test_committed_schema_is_generated_from_engine_view():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "docs/view.schema.json is out of date: run `testdrive schema --view --write`"


def test_committed_jsdoc_is_generated_from_engine_view():
    assert JSDOC_FILE.read_text(encoding="utf-8") == view_jsdoc(), \
        "web/view-types.js is out of date: run `testdrive schema --view --write`"


def test_jsdoc_is_comments_only_and_names_every_typeddict():
    text = view_jsdoc()
    code = [line for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith(("//", "/**", "*", "*/"))]
    assert code == []
    for name in ("View", "Speaker", "Meter", "Clock", "ChoiceView", "OrderActivity",
                 "AllocateActivity", "ActivityFeedback", "ChoiceFeedback", "EndingView",
                 "CareerView", "Result", "Debrief"):
        assert f"@typedef {{Object}} {name}\n" in text
    assert ' * @property {("scene"|"activity"|"feedback"|"ending")} phase' in text
    assert " * @property {string} [part_of]" in text


def test_cli_prints_the_schema_and_the_jsdoc(capsys):
    assert cli_main(["schema", "--view"]) == 0
    assert json.loads(capsys.readouterr().out) == view_schema()
    assert cli_main(["schema", "--view", "--jsdoc"]) == 0
    assert capsys.readouterr().out == view_jsdoc()


def test_write_regenerates_both_files(tmp_path, monkeypatch):
    from engine import viewschema
    monkeypatch.setattr(viewschema, "SCHEMA_FILE", tmp_path / "view.schema.json")
    monkeypatch.setattr(viewschema, "JSDOC_FILE", tmp_path / "view-types.js")
    monkeypatch.setattr(viewschema, "ROOT", tmp_path)
    assert viewschema.main(["--write"]) == 0
    assert (tmp_path / "view.schema.json").read_text(encoding="utf-8") == schema_text()
    assert (tmp_path / "view-types.js").read_text(encoding="utf-8") == view_jsdoc()


def test_schema_is_tight():
    schema = view_schema()
    objects = [schema] + list(schema["$defs"].values())
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert obj["required"], obj.get("description")
    assert schema["required"] == list(schema["properties"])
    assert schema["properties"]["phase"] == {"enum": ["scene", "activity", "feedback", "ending"]}
    assert schema["$defs"]["ActivityFeedback"]["properties"]["outcome"] == {
        "enum": ["correct", "partial", "wrong"]}
    # the one optional key: a sub-skill names its framework component
    assert "part_of" not in schema["$defs"]["SkillUsed"]["required"]


def test_activity_kinds_in_the_contract_are_the_engines():
    from engine.kinds import NAMES
    declared = set(typing.get_args(contract.ActivityKind))
    assert declared == set(NAMES)
    per_view = set()
    for member in typing.get_args(contract.ActivityView):
        per_view |= set(typing.get_args(typing.get_type_hints(member)["kind"]))
    assert per_view == declared


# ---- every view the explorer visits ------------------------------------------------

# Keys whose text values the schema constrains (enums and constants); any other text
# only has to be text.
_ENUM_KEYS = {"format", "phase", "kind", "outcome", "show", "good", "field"}


def _shape(value, key=None):
    """What the schema can tell apart in a value: its types, keys and enum values, with
    a list's distinct element shapes as a set. Two views of one shape are both valid or
    both invalid, so one view per shape is validated (tens of thousands of views shrink
    to a few hundred)."""
    if isinstance(value, dict):
        return ("{", tuple(sorted((k, _shape(v, k)) for k, v in value.items())))
    if isinstance(value, list):
        return ("[", tuple(sorted({_shape(v, key) for v in value}, key=repr)))
    if isinstance(value, str):
        return ("s", value) if key in _ENUM_KEYS else "s"
    if value is None or isinstance(value, bool):
        return value
    return type(value).__name__


@pytest.mark.parametrize("path", SIMULATIONS, ids=lambda p: p.stem)
def test_every_view_the_explorer_visits_matches_the_schema(path, validator, monkeypatch):
    sim = load_simulation(path)
    visited: list = []
    real_view = Session.view

    def recording_view(self):
        view = real_view(self)
        visited.append(view)
        return view

    monkeypatch.setattr(Session, "view", recording_view)
    by_shape: dict = {}
    phases, kinds, outcomes = set(), set(), set()
    kiosk_starts = set()
    for lang in LANGS:
        visited.clear()
        # the whole explorer: search, random players and targeted searches, for the
        # simulation and its kiosk cut
        explore_all(sim, players=RANDOM_PLAYERS, max_states=MAX_STATES, lang=lang)
        assert visited, f"the explorer saw no views ({lang})"
        for view in visited:
            by_shape.setdefault(_shape(view), (lang, view))
            phases.add(view["phase"])
            if view["activity"]:
                kinds.add(view["activity"]["kind"])
            if view["feedback"]:
                outcomes.add(view["feedback"]["outcome"])
            if view["step"] == 0 and view["scene"] == sim.kiosk_start:
                kiosk_starts.add(lang)
    problems = []
    for lang, view in by_shape.values():
        for err in _errors(validator, view):
            problems.append(f"{lang} scene={view['scene']} {view['phase']}: {err}")
    assert problems == [], "\n".join(problems[:20])
    assert phases == {"scene", "activity", "feedback", "ending"}
    assert kinds and outcomes - {None}  # each simulation has activities and grades them
    if sim.kiosk_start:  # the kiosk cut's views were among them, in both languages
        assert kiosk_starts == set(LANGS)


# ---- a view that changes shape fails -----------------------------------------------

def _views_of_every_phase() -> dict:
    """One real view per phase (and one per feedback kind) from the example simulation."""
    sim = load_simulation(ROOT / "simulations" / "examples" / "every-feature.yaml")
    xp = Explorer(sim, None, "en")
    found: dict = {}
    session = xp.new_session(1)
    for _ in range(400):
        view = session.view()
        key = view["phase"] if view["phase"] != "feedback" else f"feedback-{view['feedback']['kind'] == 'choice'}"
        found.setdefault(key, view)
        if view["phase"] == "activity":
            found.setdefault(f"activity-{view['activity']['kind']}", view)
        if view["phase"] == "ending":
            break
        label, action = xp.actions(view)[0]
        session.act(action)
    return found


VIEWS = _views_of_every_phase()


def test_the_sample_views_are_valid(validator):
    assert {"scene", "activity", "feedback-False", "ending"} <= set(VIEWS)
    for name, view in VIEWS.items():
        assert _errors(validator, view) == [], name


def _broken(view: dict, change) -> dict:
    view = copy.deepcopy(view)
    change(view)
    return view


BREAKS = {
    "an extra top-level key": ("scene", lambda v: v.update(hint="psst")),
    "a missing top-level key": ("scene", lambda v: v.pop("continue")),
    "an unknown phase": ("scene", lambda v: v.update(phase="paused")),
    "a choice without enabled": ("scene", lambda v: v["choices"][0].pop("enabled")),
    "a meter with an unknown show": ("scene", lambda v: v["meters"][0].update(show="dial")),
    "a null list": ("scene", lambda v: v.update(notices=None)),
    "a step as text": ("scene", lambda v: v.update(step="3")),
    "an unknown activity kind": ("activity", lambda v: v["activity"].update(kind="essay")),
    "an activity with the answer in it": ("activity", lambda v: v["activity"].update(answer=["a"])),
    "items renamed": ("activity-order", lambda v: v["activity"].update(entries=v["activity"].pop("items"))),
    "an unknown outcome": ("feedback-False", lambda v: v["feedback"].update(outcome="ok")),
    "feedback without its right answer's display":
        ("feedback-False", lambda v: v["feedback"]["correct"].pop("display")),
    "an ending without result_code": ("ending", lambda v: v["ending"].pop("result_code")),
    "a result code moved into result": ("ending", lambda v: v["ending"]["result"].update(
        result_code=v["ending"].pop("result_code"))),
    "career facts missing the wage": ("ending", lambda v: v["ending"]["career"].pop("wage")),
    "a rating as text": ("ending", lambda v: v["ending"].update(rating="3")),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_view_that_changes_shape_fails(name, validator):
    phase, change = BREAKS[name]
    view = VIEWS[phase]
    assert _errors(validator, view) == []
    assert _errors(validator, _broken(view, change)) != [], f"the schema accepts {name}"


def test_a_view_in_format_1_names_fails(validator):
    """Format 1 named a kind's entries options, left/right or spots; format 2 names them
    items in every kind. A view still in the old names (or saying format 1) is refused."""
    listed = {k: v for k, v in VIEWS.items() if k.startswith("activity-") and "items" in v["activity"]}
    assert listed
    for name, view in listed.items():
        old = _broken(view, lambda v: v["activity"].update(options=v["activity"].pop("items")))
        assert _errors(validator, old) != [], name
        assert _errors(validator, _broken(view, lambda v: v.update(format=1))) != [], name


def test_an_ending_without_the_catalogue_is_still_a_valid_view(validator, monkeypatch):
    """When content/ cannot be read, the ending has no career facts and names skills by id."""
    from engine import session as session_module
    from engine.errors import CatalogueError

    def unreadable(*_args):
        raise CatalogueError("content/careers.yaml", "file not found")

    monkeypatch.setattr(session_module, "career_view_cached", unreadable)
    ending = dict(VIEWS["ending"])
    sim = load_simulation(ROOT / "simulations" / "examples" / "every-feature.yaml")
    xp = Explorer(sim, None, "en")
    session = xp.new_session(1)
    while session.view()["phase"] != "ending":
        session.act(xp.actions(session.view())[0][1])
    view = session.view()
    assert view["ending"]["career"] is None
    assert view["ending"]["skills"] and all(set(s) == {"id", "name", "count"}
                                            for s in view["ending"]["skills"])
    assert _errors(validator, view) == []
    assert ending["ending"]["career"] is not None  # the usual ending has them


# ---- the words in docs/view.md ------------------------------------------------------

def test_docs_view_md_names_every_key_of_the_contract():
    doc = (ROOT / "docs" / "view.md").read_text(encoding="utf-8")
    block = doc.split("```text", 1)[1].split("```", 1)[0]
    hints = typing.get_type_hints(contract.View)
    named = set(re.findall(r"[a-z_]+", block))
    keys = set(hints)
    for part in (contract.SimHeader, contract.Speaker, contract.Meter, contract.Clock,
                 contract.ChoiceView, contract.SourceView, contract.ChoiceFeedback,
                 contract.ActivityFeedback, contract.EndingView):
        keys |= set(typing.get_type_hints(part))
    missing = sorted(keys - named)
    assert missing == [], f"docs/view.md's view block does not name {missing}"
    table = {}
    for line in doc.splitlines():
        if line.startswith("| ") and not line.startswith("| kind"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            for kind in cells[0].split(","):
                table[kind.strip()] = cells[1]
    base = {"kind", "prompt", "scene"}
    for member in typing.get_args(contract.ActivityView):
        fields = typing.get_type_hints(member)
        for kind in typing.get_args(fields["kind"]):
            for key in set(fields) - base:
                assert f"`{key}" in table.get(kind, ""), f"docs/view.md: {kind} has no `{key}`"