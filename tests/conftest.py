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
