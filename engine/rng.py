"""A tiny seeded random number generator whose state is one integer.

Python's `random` would do, but its state is 625 numbers; this one is a single int that
fits in a save, and gives the same numbers on CPython, Pyodide and pygbag.
"""
from __future__ import annotations

MASK = (1 << 64) - 1


def next_state(state: int) -> tuple[int, int]:
    """SplitMix64: returns (new_state, 64-bit output)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


class Rng:
    def __init__(self, state: int):
        self.state = state & MASK

    def random(self) -> float:
        self.state, out = next_state(self.state)
        return (out >> 11) / float(1 << 53)

    def randint(self, lo: int, hi: int) -> int:
        if hi < lo:
            lo, hi = hi, lo
        self.state, out = next_state(self.state)
        return lo + out % (hi - lo + 1)

    def shuffled(self, items: list) -> list:
        items = list(items)
        for i in range(len(items) - 1, 0, -1):
            j = self.randint(0, i)
            items[i], items[j] = items[j], items[i]
        return items
