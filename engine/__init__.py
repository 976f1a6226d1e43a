"""Career Test-Drive scenario engine.

    from engine import load_simulation, Session
"""
from .diagnostics import Diagnostic
from .errors import ActionError, CatalogueError, EngineError, LoadError, SaveError
from .loader import check_file, check_source, load_simulation, load_source
from .model import Simulation
from .session import Session

__all__ = ["ActionError", "CatalogueError", "Diagnostic", "EngineError", "LoadError", "SaveError",
           "Session", "Simulation", "check_file", "check_source", "load_simulation", "load_source"]
