"""The kind registry is the one list of activity kinds; front ends mirror it one widget per kind."""
from __future__ import annotations

import os

import pytest

from engine.kinds import BY_NAME, KINDS, NAMES, ActivityKind

PROTOCOL = ("build", "view", "normalise", "score", "right_answer", "encode", "decode", "candidates")


def test_every_kind_implements_the_one_protocol():
    assert NAMES == ("order", "sequence", "numeric", "multi", "match", "hotspot", "allocate", "model")
    for kind in KINDS:
        assert isinstance(kind, ActivityKind) and BY_NAME[kind.name] is kind
        for method in PROTOCOL:  # each kind (or the kind it extends) overrides the protocol method
            assert getattr(type(kind), method) is not getattr(ActivityKind, method), (kind.name, method)


def test_every_kind_names_itself_for_the_teacher_guide(example_sim):
    """engine/guides.py has no table of kinds: each kind names itself in the guide's
    languages and writes its own answer key."""
    from engine.guides import LABELS, guide_html
    for kind in KINDS:
        assert set(kind.guide_name) == set(LABELS) and all(kind.guide_name.values()), kind.name
    for lang in LABELS:
        page = guide_html(example_sim, lang)
        for kind in KINDS:
            assert f". {kind.guide_name[lang]}</h3>" in page, (lang, kind.name)


def test_every_kind_declares_its_own_activity_and_view_types(example_sim):
    """A loaded activity holds the common part plus its kind's fields only, and the kind's
    view part is a TypedDict the view contract is built from (engine/view.py)."""
    import dataclasses
    import typing

    from engine import view as contract
    from engine.model import Activity
    common = {f.name for f in dataclasses.fields(Activity)}
    for kind in KINDS:
        assert issubclass(kind.activity_type, Activity) and kind.activity_type is not Activity, kind.name
        assert typing.is_typeddict(kind.view_type), kind.name
        own = {f.name for f in dataclasses.fields(kind.activity_type)} - common
        assert own, kind.name
    parts = {td.__name__ for td in typing.get_args(contract.ActivityView)}
    assert parts == {k.view_type.__name__.removesuffix("View") + "Activity" for k in KINDS}
    loaded = [s.activity for s in example_sim.scenes if s.activity is not None]
    assert {a.kind for a in loaded} == set(NAMES)  # the example has every kind
    for act in loaded:
        assert type(act) is BY_NAME[act.kind].activity_type


def test_desktop_panels_name_exactly_the_registered_kinds():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pytest.importorskip("pygame")
    from engine.desktop.activities import PANELS
    assert set(PANELS) == set(NAMES)


def test_an_unknown_kind_is_reported_with_the_registered_names(problems_from):
    diags = problems_from("""
        start: s
        scenes:
          s:
            text: Try it.
            activity: {kind: ordre, prompt: Sort them., next: END}
        endings:
          - {id: done, title: Done, rating: 1, text: Done.}
    """)
    [d] = [d for d in diags if d.severity == "error"]
    assert (d.line, d.col, d.message) == (5, 22, "activity kind 'ordre' is not known")
    assert d.hint == "did you mean 'order'?"


def test_every_front_end_has_one_widget_per_registered_kind():
    """The browser's widget registry (web/src/activities/index.js) and the text player's
    prompts name exactly the engine's kinds, so a new kind cannot ship half done."""
    import re
    from pathlib import Path

    from engine.textplayer import ACTIVITY_PROMPTS
    index = Path(__file__).resolve().parents[2] / "web" / "src" / "activities" / "index.js"
    body = re.search(r"export const KINDS = \{(.*?)\};", index.read_text(encoding="utf-8"), re.S).group(1)
    web = set(re.findall(r"^\s*([a-z]+)\s*[:,]", body, re.M))
    assert web == set(NAMES)
    assert set(ACTIVITY_PROMPTS) == set(NAMES)
