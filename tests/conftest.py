"""Shared fixtures. Engine tests run twice, like ink's: plain, and with a save→restore
round trip (through JSON) after every action."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "simulations" / "examples" / "every-feature.yaml"


@pytest.fixture(scope="session")
def example_sim():
    from engine import load_simulation
    return load_simulation(EXAMPLE)


class RoundTrip:
    """A session that is saved and restored after every action."""

    def __init__(self, session):
        self._session = session

    def act(self, action):
        from engine import Session
        self._session.act(action)
        self._session = Session.restore(self._session.sim, self._session.save())
        # and through a resume code every few steps, the other way a session travels
        if self._session.state["step"] % 3 == 0:
            self._session = Session.from_resume_code(self._session.sim, self._session.resume_code())

    def choose(self, cid):
        self.act({"type": "choose", "choice": cid})

    def answer(self, a):
        self.act({"type": "answer", "answer": a})

    def continue_(self):
        self.act({"type": "continue"})

    def __getattr__(self, name):
        return getattr(self._session, name)


@pytest.fixture(params=["plain", "roundtrip"])
def new_session(request):
    """new_session(sim, seed=..., ...) -> a Session, wrapped for the round-trip run."""
    from engine import Session

    def make(sim, **kw):
        s = Session(sim, **kw)
        return s if request.param == "plain" else RoundTrip(s)

    return make


# ---- tiny inline simulations (ink's CompileString) -----------------------------------------

INLINE_HEADER = {
    "format": "1", "id": "inline", "version": '"1"', "title": "Inline test", "field": "manufacturing",
    "career": "industrial-engineering-technician", "minutes": "5",
    "summary": "A tiny simulation written inside a test.", "languages": "[en]",
}


def _inline_text(yaml_text: str) -> str:
    """The test's YAML first (so its line numbers are the file's), then every header key it
    leaves out; a key the test gives itself wins."""
    import re
    import textwrap
    text = textwrap.dedent(yaml_text).strip("\n") + "\n"
    given = set(re.findall(r"^([a-z_]+):", text, re.M))
    return text + "".join(f"{k}: {v}\n" for k, v in INLINE_HEADER.items() if k not in given)


def sim_from_text(yaml_text: str):
    """A Simulation from a few lines of YAML: scenes, endings and `start` (plus any header
    key to override); raises LoadError like load_source."""
    from engine import load_source
    return load_source(_inline_text(yaml_text), "inline.yaml")


def problems_from_text(yaml_text: str) -> list:
    """The diagnostics the loader reports for a few lines of YAML (positions as written)."""
    from engine import check_source
    _sim, diags, _text = check_source(_inline_text(yaml_text), "inline.yaml")
    return diags


@pytest.fixture
def sim_from():
    """sim_from(yaml_text) -> Simulation (see sim_from_text)."""
    return sim_from_text


@pytest.fixture
def problems_from():
    """problems_from(yaml_text) -> [Diagnostic] (see problems_from_text)."""
    return problems_from_text


@pytest.fixture
def play():
    """play(sim, answer, seed=0, lang="en") -> the feedback view after answering the first
    scene's activity; the session's save and resume code restore to the same state."""
    from engine import Session

    def run(sim, answer, seed=0, lang="en"):
        s = Session(sim, seed=seed, lang=lang)
        assert s.view()["phase"] == "activity"
        s.answer(answer)
        assert Session.restore(sim, s.save()).state == s.state
        assert Session.from_resume_code(sim, s.resume_code()).state == s.state
        return s.view()["feedback"]
    return run
