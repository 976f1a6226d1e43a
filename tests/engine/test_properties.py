"""Property tests: random players never crash the engine and are deterministic; mutated
simulations produce diagnostics, never an uncaught exception."""
from __future__ import annotations

import copy
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import ActionError, Session, check_source
from conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
EXAMPLE_DATA = yaml.safe_load(EXAMPLE_TEXT)
GARBAGE = st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15), st.floats(allow_nan=True),
                    st.text(max_size=30), st.lists(st.integers(), max_size=3),
                    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))


def any_answer(draw, view):
    a = view["activity"]
    kind = a["kind"]
    ids = [i["id"] for i in a["items"]] if "items" in a else []  # the entries the kind lists
    if kind in ("order", "sequence"):
        return draw(st.permutations(ids))
    if kind in ("multi", "hotspot"):
        return draw(st.lists(st.sampled_from(ids), unique=True))
    if kind == "numeric":
        return draw(st.one_of(st.integers(-1000, 1000), st.floats(-1e3, 1e3, allow_nan=False),
                              st.sampled_from(["2", "2,5", "abc", ""])))
    if kind == "match":
        rights = draw(st.permutations([r["id"] for r in a["matches"]]))
        return dict(zip(ids, rights))
    if kind == "model":  # any value in range (off-step ones too: the engine snaps them), or an option
        return {i["id"]: draw(st.sampled_from([o["id"] for o in i["options"]]) if i["control"] == "options"
                              else st.floats(i["min"], i["max"], allow_nan=False))
                for i in a["inputs"] if draw(st.booleans())}
    return {i["id"]: draw(st.integers(0, i["max"])) for i in a["items"]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_random_players_never_crash_and_are_deterministic(example_sim, data, seed):
    s = Session(example_sim, seed=seed)
    actions = []
    for _ in range(60):
        v = s.view()
        json.dumps(v)
        if v["phase"] == "ending":
            break
        options = [{"type": "continue"}, {"type": "nonsense"}, {"type": "answer", "answer": data.draw(GARBAGE)}]
        options += [{"type": "choose", "choice": c["id"]} for c in v["choices"]]
        if v["phase"] == "activity":
            options.append({"type": "answer", "answer": any_answer(data.draw, v)})
        action = data.draw(st.sampled_from(options))
        before = copy.deepcopy(s.state)
        try:
            s.act(action)
            actions.append(action)
        except ActionError:
            assert s.state == before  # a refused action changes nothing
    again = Session(example_sim, seed=seed)
    for a in actions:
        again.act(a)
    assert again.state == s.state
    assert Session.restore(example_sim, s.save()).state == s.state
    assert Session.from_resume_code(example_sim, s.resume_code()).state == s.state


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


ALL_PATHS = [p for p in paths(EXAMPLE_DATA) if p]


def mutate(data, path, how, garbage):
    doc = copy.deepcopy(data)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "garbage":
        parent[last] = garbage
    elif how == "swap-type":
        v = parent[last]
        parent[last] = [v] if not isinstance(v, list) else {"x": v}
    elif how == "insert" and isinstance(parent, dict):
        parent["unexpected_" + str(last)] = garbage
    return doc


@settings(max_examples=150, deadline=None)
@given(path=st.sampled_from(ALL_PATHS), how=st.sampled_from(["delete", "garbage", "swap-type", "insert"]),
       garbage=GARBAGE)
def test_mutated_simulations_give_diagnostics_only(path, how, garbage):
    doc = mutate(EXAMPLE_DATA, path, how, garbage)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    sim, diags, _ = check_source(text, "mutant.yaml")
    assert sim is not None or any(d.severity == "error" for d in diags)
    for d in diags:
        assert d.message and d.severity in ("error", "warning")
    if sim is not None:  # whatever still loads must still play
        s = Session(sim, seed=1)
        json.dumps(s.view())


@settings(max_examples=150, deadline=None)
@given(pos=st.integers(0, len(EXAMPLE_TEXT) - 1), cut=st.integers(0, 40), insert=st.text(max_size=8))
def test_mangled_text_gives_diagnostics_only(pos, cut, insert):
    text = EXAMPLE_TEXT[:pos] + insert + EXAMPLE_TEXT[pos + cut:]
    sim, diags, _ = check_source(text, "mangled.yaml")
    assert sim is not None or any(d.severity == "error" for d in diags)
    for d in diags:
        assert d.line >= 0 and d.col >= 0
