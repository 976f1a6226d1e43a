"""A check every kind's test file shares: the explorer's candidate answers."""
from __future__ import annotations


def check_candidates(kind, act) -> list:
    """Every candidate answer normalises (or is refused with ActionError) and codes round
    trip; the first is the right one. Returns the outcomes reached."""
    from engine import ActionError
    cands = kind.candidates(act)
    assert cands[0][0] == "right"
    outcomes = []
    for _label, answer in cands:
        try:
            given = kind.normalise(act, answer)
        except ActionError:
            continue
        assert kind.normalise(act, kind.decode(act, kind.encode(act, given))) == given
        outcomes.append(kind.outcome(act, kind.score(act, given)))
    assert outcomes[0] == "correct"
    return outcomes
