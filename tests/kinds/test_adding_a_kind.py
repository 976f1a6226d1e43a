"""docs/authoring.md, "Adding an activity kind", done for real: in a copy of the engine, a
new kind `slider` is one new module (engine/kinds/slider.py) plus its line in the registry,
and a text-player widget is one show/parse pair in ACTIVITY_PROMPTS. Nothing else is
edited, yet the loader checks its keys, the session plays it, saves and resume codes carry
its answers, the explorer grades it, the view contract and the simulation schema include
it, and every view validates. (The browser and desktop widgets follow the same pattern;
tests/kinds/test_registry.py holds every front end to the registry.)"""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("jsonschema", reason="pip install -e '.[dev]' (jsonschema)")

ROOT = Path(__file__).resolve().parents[2]

# The walk-through's step 1: the kind's module, as an author would write it.
SLIDER = '''
"""`slider`: set a value on a scale; right on the mark, partly right one step off."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from ..errors import ActionError, SaveError
from ..model import Text
from .base import Activity, ActivityKind, Field, is_number


@dataclass(frozen=True, kw_only=True)
class SliderActivity(Activity):
    lo: float
    hi: float
    step: float
    answer: float
    unit: Text


class SliderView(TypedDict):
    """Set a value on a scale."""

    lo: float
    hi: float
    step: float
    unit: str


class Slider(ActivityKind):
    name = "slider"
    summary = "sets a value on a scale; right on the mark, half a point one step off"
    guide_name = {"en": "Set a dial", "es": "Ajustar un dial"}
    answer_doc = "a number on the scale"
    activity_type = SliderActivity
    view_type = SliderView
    typed = True
    fields = {
        "lo": Field("number", "The scale's low end.", required=True, default=0),
        "hi": Field("number", "The scale's high end.", required=True, default=10),
        "step": Field("number", "Distance between marks.", default=1, lo=0),
        "answer": Field("number", "The right mark.", required=True, default=0),
        "unit": Field("text", "Unit shown after the value."),
    }

    def build(self, b, m, where):
        out = {key: b.read(m, self, key, where) for key in self.fields}
        if not out["lo"] <= out["answer"] <= out["hi"]:
            b.r.error(b.vpos(m, "answer"), f"'answer' of {where} must be on the scale")
        return {key: float(v) if key != "unit" else v for key, v in out.items()}

    def view(self, act, shown, t, lang) -> SliderView:
        return {"lo": act.lo, "hi": act.hi, "step": act.step, "unit": act.unit.get(lang)}

    def normalise(self, act, answer, lang="en"):
        if not is_number(answer) or not act.lo <= answer <= act.hi:
            raise ActionError("pick a value on the scale")
        return float(answer)

    def score(self, act, answer):
        off = abs(answer - act.answer)
        return 1.0 if off < 1e-9 else 0.5 if off <= act.step + 1e-9 else 0.0

    def right_answer(self, act, lang, given=None):
        return {"answer": act.answer, "display": [f"{act.answer:g} {act.unit.get(lang)}".strip()]}

    def encode(self, act, answer):
        return str(round((answer - act.lo) / act.step))

    def decode(self, act, body):
        if not body.isdigit():
            raise SaveError("the code does not fit this simulation")
        return act.lo + int(body) * act.step

    def candidates(self, act):
        marks = [act.lo + k * act.step for k in range(int(round((act.hi - act.lo) / act.step)) + 1)]
        return [("right", act.answer), ("one off", act.answer + act.step)] + [("mark", x) for x in marks]


KIND = Slider()
'''

# The walk-through's step 2, for the text player: one show/parse pair.
TEXT_WIDGET = '''
def show_slider(player, a):
    player.say(f"  {a['lo']:g} .. {a['hi']:g} {a['unit']}".rstrip())


def parse_slider(player, a, line):
    try:
        return float(line.replace(",", "."))
    except ValueError:
        raise Refused(player.t("need_number")) from None


'''

SIM = textwrap.dedent("""
    format: 1
    id: slider-demo
    version: "1"
    title: Slider demo
    field: manufacturing
    career: industrial-engineering-technician
    minutes: 5
    summary: A new kind, end to end.
    languages: [en]
    start: set
    scenes:
      set:
        text: The gauge needs setting.
        activity:
          kind: slider
          prompt: Set the pressure.
          lo: 0
          hi: 6
          step: 0.5
          answer: 2.5
          unit: bar
          next: {correct: good, partial: good, wrong: bad}
    endings:
      - {id: good, if: "true", title: Set right, rating: 2, text: The line runs.}
      - {id: bad, title: Set wrong, rating: 1, text: The valve pops.}
""")

# What the copy runs: every part of the engine that meets a kind, on the new one.
CHECK = textwrap.dedent("""
    import json, sys
    import jsonschema
    from engine import Session, load_source
    from engine.compile import compile_simulation, load_compiled
    from engine.explore import explore_all
    from engine.kinds import NAMES
    from engine.schema import build_schema
    from engine.textplayer import TextPlayer
    from engine.viewschema import view_schema

    sim_text = open("demo.yaml", encoding="utf-8").read()
    out = {"kinds": list(NAMES)}
    validate = jsonschema.Draft202012Validator(view_schema())
    sim = load_source(sim_text, "demo.yaml")
    s = Session(sim, seed=4)
    views = [s.view()]
    try:
        s.act({"type": "answer", "answer": 9})
    except Exception as exc:
        out["refused"] = f"{type(exc).__name__}: {exc}"
    s.act({"type": "answer", "answer": 3})
    views.append(s.view())
    out["feedback"] = [views[-1]["feedback"][k] for k in ("outcome", "score", "answer")]
    out["same_after_code"] = Session.from_resume_code(sim, s.resume_code()).state == s.state
    out["same_after_save"] = Session.restore(sim, s.save()).state == s.state
    s.act({"type": "continue"})
    views.append(s.view())
    out["ending"] = views[-1]["ending"]["id"]
    out["view_errors"] = [e.message for v in views for e in validate.iter_errors(v)]
    out["activity_view"] = views[0]["activity"]
    from engine.guides import guide_html
    from engine.results import answer_text
    out["guide"] = guide_html(sim, "en")
    out["results_answer"] = answer_text(views[0]["activity"], 3)
    compiled = load_compiled(json.dumps(compile_simulation(sim)))
    out["compiled_plays"] = Session(compiled, seed=4).view()["activity"] == views[0]["activity"]
    report = explore_all(sim, players=20, max_states=500, lang="en")
    out["explorer_problems"] = [p["message"] for p in report["problems"]]
    out["explorer_endings"] = sorted(e for e, v in report["endings"].items() if v["reached"])
    sim_schema = build_schema()
    out["in_sim_schema"] = "slider" in json.dumps(sim_schema)
    lines = iter(["oops", "2.5", ""])
    said = []
    TextPlayer(Session(sim, seed=4), lambda: next(lines, None), said.append).run()
    out["text_player"] = "".join(said)
    bad = sim_text.replace("answer: 2.5", "answer: 9").replace("step: 0.5", "stepp: 0.5")
    try:
        load_source(bad, "demo.yaml")
    except Exception as exc:
        out["load_errors"] = [f"{d.line}:{d.col} {d.message} ({d.hint})" for d in exc.diagnostics
                              if d.severity == "error"]
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The engine and its content/ in a scratch folder, with the slider kind added the
    way the walk-through says."""
    dest = tmp_path_factory.mktemp("newkind")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "engine", dest / "engine", ignore=ignore)
    shutil.copytree(ROOT / "content", dest / "content", ignore=ignore)
    (dest / "engine" / "kinds" / "slider.py").write_text(SLIDER, encoding="utf-8")
    registry = dest / "engine" / "kinds" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("from . import allocate,", "from . import slider, allocate,", 1)
    text = text.replace("model.KIND)", "model.KIND, slider.KIND)", 1)
    registry.write_text(text, encoding="utf-8")
    player = dest / "engine" / "textplayer.py"
    text = player.read_text(encoding="utf-8")
    text = text.replace("# The terminal's side of each activity kind", TEXT_WIDGET + "# The terminal's side of each activity kind", 1)
    text = text.replace('    "model": (show_model, parse_model),\n',
                        '    "model": (show_model, parse_model),\n    "slider": (show_slider, parse_slider),\n', 1)
    player.write_text(text, encoding="utf-8")
    (dest / "demo.yaml").write_text(SIM, encoding="utf-8")
    return dest


def _changed(a: Path, b: Path) -> set:
    """Files that differ between two trees (added, removed or edited), relative to `a`."""
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])
    out = {name for name in cmp.left_only + cmp.right_only + cmp.diff_files}
    for sub, sub_cmp in cmp.subdirs.items():
        out |= {f"{sub}/{name}" for name in _changed(a / sub, b / sub)}
    return out


def test_the_new_kind_touches_one_module_and_the_registry(copy):
    changed = _changed(ROOT / "engine", copy / "engine")
    assert changed == {"kinds/slider.py", "kinds/__init__.py", "textplayer.py"}


def test_the_new_kind_works_everywhere_the_engine_meets_a_kind(copy):
    proc = subprocess.run([sys.executable, "-c", CHECK], cwd=copy, capture_output=True, text=True,
                          timeout=300, env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    import json
    out = json.loads(proc.stdout)
    assert out["kinds"][-1] == "slider"
    assert out["refused"] == "ActionError: pick a value on the scale"
    assert out["activity_view"] == {"kind": "slider", "prompt": "Set the pressure.", "scene": "set",
                                    "lo": 0.0, "hi": 6.0, "step": 0.5, "unit": "bar"}
    assert out["feedback"] == ["partial", 0.5, 3.0]
    assert out["same_after_code"] and out["same_after_save"]
    assert out["ending"] == "good"
    assert out["view_errors"] == []
    assert out["compiled_plays"]
    assert out["explorer_problems"] == [] and out["explorer_endings"] == ["bad", "good"]
    assert out["in_sim_schema"]
    # the teacher guide's answer key and the results table word it from the kind alone
    assert "Set a dial" in out["guide"] and "<li>2.5 bar</li>" in out["guide"]
    assert out["results_answer"] == "3"
    assert "0 .. 6 bar" in out["text_player"] and "Set right" in out["text_player"]
    assert out["load_errors"] == [  # its own keys checked, with did-you-mean, at line:col
        "20:7 unknown key 'stepp' in the activity of scene 'set' (slider) (did you mean 'step'?)",
        "21:15 'answer' of the activity of scene 'set' must be on the scale ()",
    ]
