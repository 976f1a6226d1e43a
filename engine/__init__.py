"""Career Test-Drive scenario engine.

    from engine import load_simulation, Session
"""
from .diagnostics import Diagnostic, LoadError
from .grading import ActionError
from .loader import check_file, check_source, load_simulation, load_source
from .model import Simulation
from .saves import SaveError
from .session import Session

__all__ = ["ActionError", "Diagnostic", "LoadError", "SaveError", "Session", "Simulation",
           "check_file", "check_source", "load_simulation", "load_source"]
