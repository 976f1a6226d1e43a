"""`sequence`: put steps in order; each step in its right place earns its share."""
from __future__ import annotations

from .order import Order


class Sequence(Order):
    """Loads, shows, codes and explores like `order`; only the score differs."""

    name = "sequence"
    summary = "puts steps in order; score = share of steps in their exact place"
    guide_name = {"en": "Steps in order", "es": "Pasos en orden"}

    def score(self, act, answer):
        return sum(1 for a, b in zip(answer, act.answer) if a == b) / len(act.answer)


KIND = Sequence()
