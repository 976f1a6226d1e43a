"""Pre-validated simulations as JSON, so a browser never parses YAML at start-up."""
from __future__ import annotations

import json

from .loader import load_data
from .model import Simulation

COMPILED_FORMAT = 1


def compile_simulation(sim: Simulation) -> dict:
    """JSON-ready data for a loaded (hence validated) simulation."""
    return {"compiled": COMPILED_FORMAT, "path": sim.path, "simulation": json.loads(sim.data)}


def load_compiled(data) -> Simulation:
    """The inverse of compile_simulation; accepts the dict or its JSON text."""
    if isinstance(data, (str, bytes)):
        data = json.loads(data)
    if not isinstance(data, dict) or data.get("compiled") != COMPILED_FORMAT:
        raise ValueError("not a compiled simulation of this engine's format")
    return load_data(data["simulation"], data.get("path") or "<compiled>")
