"""`model`: a live model the student turns the knobs of.

Inputs (sliders, steppers, number fields, a few named options) feed outputs computed with
the project's own expression language (never eval) from the inputs and the simulation's
variables; displays (gauge, bar, readout, chart, drawing) show the outputs; a goal over the
outputs grades the committed inputs. The engine does all the maths: `live()` answers a
front end's preview while the student drags (nothing is logged), the committed answer is
graded like any other. Answers are logged quantised to each input's step, so a resume
code holds one small whole number per input.
"""
from __future__ import annotations

import itertools
import math
import random
import re
from dataclasses import dataclass

from .. import expressions as ex
from ..catalogue import ui_text
from ..diagnostics import did_you_mean, expr_pos, kind_of
from ..errors import ActionError, SaveError
from ..text import DECIMAL_COMMA, format_number, template
from .base import (DIAGNOSE, Activity, ActivityKind, Field, Section, is_number, read_diagnoses, short_number,
                   typed_number)
from .modelview import ModelView

CONTROLS = ("slider", "stepper", "number", "options")
DISPLAYS = ("gauge", "bar", "readout", "chart", "control", "scene")
SHAPES = ("rect", "circle", "line", "text")
MAX_STEPS = 2000  # positions of one input: keeps the grid, the chart and the code small
CHART_POINTS = 11
MAX_REPEAT = 40
MAX_SAMPLES = 100  # a control chart's measurements
SHAPE_NUMBERS = ("x", "y", "w", "h", "r", "x2", "y2", "rotate", "spin", "repeat", "dx", "dy")

INPUT = Section("model_input", "A knob the student turns.", {
    "id": Field("id", "Unique in the activity; expressions read the input by this name "
                      "(letters, digits and _).", required=True),
    "label": Field("text", "What the control is called.", required=True),
    "control": Field("enum", "How it is set.", default="slider", choices=CONTROLS),
    "min": Field("number", "Lowest value (not for options)."),
    "max": Field("number", "Highest value (not for options)."),
    "step": Field("number", "Distance between values; the answer is kept on these steps.", lo=0),
    "start": Field("string", "The value it starts at (an option's id for options); min when left out."),
    "unit": Field("text", "Unit shown after the value, e.g. m; translatable like any text."),
    "decimals": Field("int", "Decimals shown.", default=2, lo=0, hi=6),
    "options": Field("list", "The named options of an options control.", of="model_option"),
})

OPTION = Section("model_option", "A named option of an options input.", {
    "id": Field("id", "Unique in the input.", required=True),
    "text": Field("text", "What the student reads.", required=True),
    "value": Field("number", "The number expressions read when this option is picked.", required=True),
})

OUTPUT = Section("model_output", "A number the model computes.", {
    "id": Field("id", "Unique among inputs and outputs; later outputs, the goal and the drawing read it.",
                required=True),
    "label": Field("text", "What it is called.", required=True),
    "value": Field("string", "An expression over the inputs, earlier outputs and the simulation's variables.",
                   required=True),
    "unit": Field("text", "Unit shown after the value."),
    "decimals": Field("int", "Decimals shown.", default=2, lo=0, hi=6),
})

DISPLAY = Section("model_display", "A way the outputs are shown.", {
    "type": Field("enum", "gauge (a dial with good and bad zones), bar, readout, chart (an output across "
                          "one input's range, with a data table), control (a control chart of measurements "
                          "with its centre line and limits, with a data table) or scene (a drawing).",
                  required=True, choices=DISPLAYS),
    "output": Field("id", "The output shown (not for scene)."),
    "input": Field("id", "chart: the input along the bottom."),
    "min": Field("number", "gauge, bar: the scale's low end.", default=0),
    "max": Field("number", "gauge, bar: the scale's high end."),
    "good": Field("string", "gauge, bar: the good zone, a condition over the output, e.g. '>= 2'."),
    "bad": Field("string", "gauge, bar: the bad zone, e.g. '< 1'."),
    "width": Field("int", "scene: drawing width.", default=400, lo=40, hi=2000),
    "height": Field("int", "scene: drawing height.", default=200, lo=40, hi=2000),
    "alt": Field("text", "scene: what the drawing shows, in words; {output} placeholders are filled."),
    "shapes": Field("list", "scene: the drawing's shapes.", of="model_shape"),
    "label": Field("text", "control: what was measured, e.g. Bore."),
    "unit": Field("text", "control: the measurements' unit, e.g. mm."),
    "values": Field("numbers", f"control: the measurements in the order they were taken (at most {MAX_SAMPLES})."),
    "shown": Field("string", "control: how many of the values are plotted so far, an expression (all when "
                             "left out)."),
    "centre": Field("string", "control: the centre line, an expression (the process average)."),
    "lower": Field("string", "control: the lower control limit, an expression, e.g. '25.00 - 3 * 0.01'."),
    "upper": Field("string", "control: the upper control limit, an expression."),
    "decimals": Field("int", "control: decimals shown.", default=2, lo=0, hi=6),
})

SHAPE = Section("model_shape", "A shape of a drawing; numbers may be expressions over inputs and outputs.", {
    "shape": Field("enum", "The shape.", required=True, choices=SHAPES),
    "x": Field("string", "Left (rect, text), centre (circle) or start (line)."),
    "y": Field("string", "Top (rect), centre (circle), start (line) or baseline (text)."),
    "w": Field("string", "rect: width."),
    "h": Field("string", "rect: height."),
    "r": Field("string", "circle: radius."),
    "x2": Field("string", "line: end x."),
    "y2": Field("string", "line: end y."),
    "rotate": Field("string", "Degrees, turned about the shape's x, y."),
    "spin": Field("string", "Turns per second about x, y (still under reduced motion)."),
    "repeat": Field("string", f"How many copies (0 to {MAX_REPEAT})."),
    "dx": Field("string", "Each copy's shift right."),
    "dy": Field("string", "Each copy's shift down."),
    "fill": Field("string", "A colour like #3a6ea5.", pattern="^#[0-9a-fA-F]{6}$"),
    "stroke": Field("string", "A colour like #222222.", pattern="^#[0-9a-fA-F]{6}$"),
    "fill_if": Field("string", "A condition; when it holds the shape takes 'fill_then'."),
    "fill_then": Field("string", "The colour when 'fill_if' holds.", pattern="^#[0-9a-fA-F]{6}$"),
    "text": Field("text", "text: the words; {output} placeholders are filled."),
})

GOAL = Section("model_goal", "What counts as done: criteria over the outputs.", {
    "text": Field("text", "The goal as the student reads it.", required=True),
    "met": Field("string", "A condition over outputs, inputs and variables: met scores 1."),
    "partly": Field("string", "A condition: partly met scores 0.5."),
    "score": Field("string", "Instead of met/partly: an expression giving 0 to 1 (graded by closeness)."),
    "live": Field("bool", "Whether the goal's state (met, partly, not yet) shows while the student moves the "
                          "inputs; false when seeing it would give the answer away.", default=True),
})

COLOUR_RE = r"^#[0-9a-fA-F]{6}$"


@dataclass(frozen=True)
class Input:
    id: str
    label: object
    control: str
    min: float
    max: float
    step: float
    start: int  # the start as a step index (options: an option index)
    unit: object
    decimals: int
    options: tuple  # ((id, Text, value), ...)

    @property
    def steps(self) -> int:
        """The largest step index."""
        if self.control == "options":
            return len(self.options) - 1
        return int(round((self.max - self.min) / self.step)) if self.step else 0

    def value_at(self, k: int):
        """The answer value of step index k (an option's id for options)."""
        if self.control == "options":
            return self.options[k][0]
        x = round(self.min + k * self.step, 9)
        return int(x) if float(x).is_integer() else x

    def number_at(self, k: int) -> float:
        """What expressions read at step index k."""
        if self.control == "options":
            return self.options[k][2]
        return self.value_at(k)

    def index_of(self, value) -> int:
        if self.control == "options":
            return [o[0] for o in self.options].index(value)
        return int(round((value - self.min) / self.step)) if self.step else 0


@dataclass(frozen=True)
class Output:
    id: str
    label: object
    run: object
    unit: object
    decimals: int


@dataclass(frozen=True)
class Spec:
    inputs: tuple
    outputs: tuple
    displays: tuple  # of dicts: type, output, input, min, max, good, bad, width, height, alt, shapes
    goal_text: object
    met: object  # compiled condition or None
    partly: object
    score: object
    sets: tuple  # ((variable, output or input id), ...)
    defaults: dict  # the simulation's variables at their start (the explorer grades with these)
    goal_live: bool = True  # False: the goal's state waits for the student's check

    def input(self, iid):
        return next(i for i in self.inputs if i.id == iid)


@dataclass(frozen=True, kw_only=True)
class ModelActivity(Activity):
    spec: Spec
    diagnoses: tuple  # ((compiled condition, Text), ...): the first that holds is shown


class _Names:
    """Compiles the kind's expressions, reporting unknown names at file:line:col."""

    def __init__(self, b, known: set):
        self.b = b
        self.known = known

    def compile(self, src, pos, where, allowed=None):
        b = self.b
        if src is None:
            return None
        if isinstance(src, (dict, list)):
            b.r.error(pos, f"{where} must be an expression like 'load / area'")
            return None
        try:
            parsed = ex.parse(src)
        except ex.ExprError as exc:
            b.r.error(expr_pos(pos, exc.offset), f"in {where}: {exc.message}", exc.hint)
            return None
        if parsed.refs:
            b.r.error(pos, f"{where} cannot use {parsed.refs[0][0]}(): a model reads numbers only")
            return None
        names = self.known if allowed is None else allowed
        bad = False
        for name, off in parsed.names:
            if name not in names:
                b.r.error(expr_pos(pos, off), f"unknown name '{name}' in {where}",
                          did_you_mean(name, names) or "an input, an earlier output or a variable",
                          length=len(name))
                bad = True
        return None if bad else ex.compile_tree(parsed.tree)


def _expr(src):
    """A number written where an expression goes (centre: 25.00) reads as that number."""
    return repr(float(src)) if is_number(src) and not isinstance(src, bool) else src


class Model(ActivityKind):
    name = "model"
    activity_type = ModelActivity
    view_type = ModelView
    summary = "turns the knobs of a live model (inputs → outputs, displays) to reach a goal over the outputs"
    guide_name = {"en": "Live model", "es": "Modelo interactivo"}
    answer_doc = "{input id: value} (an option's id for options); left-out inputs keep their start"
    sections = (INPUT, OPTION, OUTPUT, DISPLAY, SHAPE, GOAL, DIAGNOSE)
    view_list = "inputs"  # the reading-time model counts the knobs
    fields = {
        "inputs": Field("list", "The knobs.", required=True, of="model_input", min_items=1),
        "outputs": Field("list", "What the model computes, in order.", required=True, of="model_output",
                         min_items=1),
        "displays": Field("list", "How the outputs are shown (readouts of every output when left out).",
                          of="model_display"),
        "goal": Field("section", "What counts as done.", required=True, of="model_goal"),
        "sets": Field("map", "On commit, simulation variables set from outputs (or inputs): {variable: output id}.",
                      of="id"),
        "diagnose": Field("list", "Common wrong settings and what each means: [{if, says}], the first that "
                                  "holds is shown.", of="diagnosis"),
    }

    # ---- loading ---------------------------------------------------------------------
    def build(self, b, m, where):
        variables = {name: v for name, (v, _p) in getattr(b, "variables", {}).items()}
        defaults = {name: v.start for name, v in variables.items()}
        defaults.setdefault("time", 0)
        var_names = set(b.var_names) | set(defaults)
        names = _Names(b, set(var_names))
        inputs = self._inputs(b, m, where, names)
        outputs = self._outputs(b, m, where, names, {i.id for i in inputs})
        out_ids = {o.id for o in outputs}
        # an input's number can be kept too (the student's chosen chip load, say)
        settable = out_ids | {i.id for i in inputs if i.control != "options"}
        displays = self._displays(b, m, where, names, inputs, out_ids)
        goal_text, met, partly, score = self._goal(b, m, where, names)
        goal_live = True
        if isinstance(m.get("goal"), dict):
            goal_live = b.read(m["goal"], GOAL, "live", f"the goal of {where}")
        sets = []
        if "sets" in m:
            sm = b.mapping(m["sets"], b.vpos(m, "sets"), f"'sets' of {where}")
            for var, out in (sm or {}).items():
                if var not in variables:
                    b.r.error(b.kpos(sm, var), f"'sets' names unknown variable '{var}'",
                              did_you_mean(str(var), variables) or "declare it under 'variables:'")
                elif not isinstance(out, str):
                    b.r.error(b.vpos(sm, var), f"'sets' of '{var}' must name an output, not {kind_of(out)}",
                              "outputs: " + ", ".join(sorted(out_ids)))
                elif out not in settable:
                    b.r.error(b.vpos(sm, var), f"'sets' names unknown output '{out}'",
                              did_you_mean(str(out), settable) or "outputs: " + ", ".join(sorted(out_ids)))
                else:
                    b.assigned.add(var)
                    sets.append((str(var), str(out)))
        diagnoses = read_diagnoses(b, m, where, "if", lambda dm, dw: names.compile(
            dm.get("if"), b.vpos(dm, "if"), f"'if' of {dw}"))
        return {"spec": Spec(inputs, outputs, displays, goal_text, met, partly, score, tuple(sets), defaults,
                             goal_live),
                "diagnoses": diagnoses}

    def diagnose(self, act, answer, variables=None):
        if not act.diagnoses:
            return None
        env, _outs = self._env(act.spec, answer, variables)
        return next((says for cond, says in act.diagnoses if cond(env)), None)

    def _inputs(self, b, m, where, names) -> tuple:
        lst = b.listing(m.get("inputs"), b.vpos(m, "inputs"), f"'inputs' of {where}") if "inputs" in m else None
        if "inputs" not in m:
            b.r.error(b.mpos(m), f"{where} needs 'inputs'")
        out = []
        for i, raw in enumerate(lst or ()):
            iw = f"input {i + 1} of {where}"
            im = b.mapping(raw, b.ipos(lst, i), iw)
            if im is None:
                continue
            b.keys(im, iw, INPUT.keys, INPUT.required)
            iid = b.ident(im, "id", iw) or f"input{i + 1}"
            if iid in names.known:
                b.r.error(b.vpos(im, "id"), f"'{iid}' is already a name here (a variable or another input)",
                          "give the input another id")
            elif not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", iid):
                b.r.error(b.vpos(im, "id"), f"input id '{iid}' must be letters, digits and _ "
                                            "(expressions read it by name)", f"try '{iid.replace('-', '_')}'")
            control = b.read(im, INPUT, "control", iw) or "slider"
            label = b.read(im, INPUT, "label", iw)
            unit = b.read(im, INPUT, "unit", iw)
            decimals = b.read(im, INPUT, "decimals", iw)
            start_raw = im.get("start")
            options = ()
            lo = hi = 0.0
            step = 1.0
            start = 0
            if control == "options":
                options = self._options(b, im, iw)
                for key in ("min", "max", "step"):
                    if key in im:
                        b.r.error(b.kpos(im, key), f"'{key}' is for number inputs; options have 'options'")
                ids = [o[0] for o in options]
                if start_raw is not None:
                    if start_raw in ids:
                        start = ids.index(start_raw)
                    else:
                        b.r.error(b.vpos(im, "start"), f"start '{start_raw}' is not an option of {iw}",
                                  did_you_mean(str(start_raw), ids) or "options: " + ", ".join(ids))
            else:
                if "options" in im:
                    b.r.error(b.kpos(im, "options"), "'options' needs 'control: options'")
                for key in ("min", "max", "step"):
                    if key not in im:
                        b.r.error(b.mpos(im), f"{iw} needs '{key}'")
                lo = b.read(im, INPUT, "min", iw)
                hi = b.read(im, INPUT, "max", iw)
                step = b.read(im, INPUT, "step", iw)
                lo = 0.0 if lo is None else lo
                hi = lo if hi is None else hi
                step = 1.0 if not step else step
                if hi <= lo:
                    b.r.error(b.vpos(im, "max"), f"'max' ({hi:g}) must be above 'min' ({lo:g})")
                    hi = lo + step
                n = (hi - lo) / step
                if abs(n - round(n)) > 1e-6 * max(1.0, n):
                    b.r.error(b.vpos(im, "step"), f"the range {lo:g} to {hi:g} is not a whole number of "
                                                  f"steps of {step:g}", "pick a step that divides max - min")
                elif round(n) > MAX_STEPS:
                    b.r.error(b.vpos(im, "step"), f"{round(n)} steps is too many (at most {MAX_STEPS})",
                              "use a larger step")
                if start_raw is not None:
                    if not is_number(start_raw):
                        b.r.error(b.vpos(im, "start"), f"start of {iw} must be a number")
                    elif not lo <= start_raw <= hi:
                        b.r.error(b.vpos(im, "start"), f"start {start_raw:g} is outside {lo:g} to {hi:g}")
                    else:
                        k = (start_raw - lo) / step
                        if abs(k - round(k)) > 1e-6:
                            b.r.error(b.vpos(im, "start"), f"start {start_raw:g} is not on a step of {step:g} "
                                                           f"from {lo:g}")
                        start = int(round(k))
            names.known.add(iid)
            out.append(Input(iid, label, control, float(lo), float(hi), float(step), start, unit, decimals,
                             options))
        return tuple(out)

    @staticmethod
    def _options(b, im, iw) -> tuple:
        if "options" not in im:
            b.r.error(b.mpos(im), f"{iw} needs 'options' (control: options)")
            return (("none", b.text_value("-", b.mpos(im), iw), 0),)
        lst = b.listing(im["options"], b.vpos(im, "options"), f"'options' of {iw}") or []
        out, seen = [], set()
        for i, raw in enumerate(lst):
            ow = f"option {i + 1} of {iw}"
            om = b.mapping(raw, b.ipos(lst, i), ow)
            if om is None:
                continue
            b.keys(om, ow, OPTION.keys, OPTION.required)
            oid = b.ident(om, "id", ow) or f"option{i + 1}"
            if oid in seen:
                b.r.error(b.vpos(om, "id"), f"option id '{oid}' is used twice in {iw}")
            seen.add(oid)
            value = b.read(om, OPTION, "value", ow)
            out.append((oid, b.read(om, OPTION, "text", ow), value if value is not None else 0))
        if len(out) < 2:
            b.r.error(b.vpos(im, "options"), f"{iw} needs at least 2 options")
        return tuple(out) or (("none", b.text_value("-", b.mpos(im), iw), 0),)

    def _outputs(self, b, m, where, names, input_ids) -> tuple:
        if "outputs" not in m:
            b.r.error(b.mpos(m), f"{where} needs 'outputs'")
            return ()
        lst = b.listing(m["outputs"], b.vpos(m, "outputs"), f"'outputs' of {where}") or []
        out = []
        for i, raw in enumerate(lst):
            ow = f"output {i + 1} of {where}"
            om = b.mapping(raw, b.ipos(lst, i), ow)
            if om is None:
                continue
            b.keys(om, ow, OUTPUT.keys, OUTPUT.required)
            oid = b.ident(om, "id", ow) or f"output{i + 1}"
            if oid in names.known:
                b.r.error(b.vpos(om, "id"), f"'{oid}' is already a name here (a variable, an input or an output)",
                          "give the output another id")
            run = names.compile(om.get("value"), b.vpos(om, "value"), f"'value' of {ow}")
            if "value" not in om:
                b.r.error(b.mpos(om), f"{ow} needs a 'value' expression")
            names.known.add(oid)
            out.append(Output(oid, b.read(om, OUTPUT, "label", ow), run or (lambda env: 0),
                              b.read(om, OUTPUT, "unit", ow), b.read(om, OUTPUT, "decimals", ow)))
        return tuple(out)

    def _displays(self, b, m, where, names, inputs, out_ids) -> tuple:
        if "displays" not in m:
            return tuple({"type": "readout", "output": o} for o in sorted(out_ids, key=list(out_ids).index))
        lst = b.listing(m["displays"], b.vpos(m, "displays"), f"'displays' of {where}") or []
        input_ids = [i.id for i in inputs]
        out = []
        for i, raw in enumerate(lst):
            dw = f"display {i + 1} of {where}"
            dm = b.mapping(raw, b.ipos(lst, i), dw)
            if dm is None:
                continue
            b.keys(dm, dw, DISPLAY.keys, DISPLAY.required)
            dtype = b.read(dm, DISPLAY, "type", dw) or "readout"
            d = {"type": dtype}
            if dtype == "control":
                d.update(self._control(b, dm, dw, names))
            elif dtype != "scene":
                output = b.string(dm, "output", dw)
                if output is None:
                    b.r.error(b.mpos(dm), f"{dw} needs an 'output'")
                elif output not in out_ids:
                    b.r.error(b.vpos(dm, "output"), f"unknown output '{output}' in {dw}",
                              did_you_mean(output, out_ids) or "outputs: " + ", ".join(sorted(out_ids)))
                    output = None
                d["output"] = output
            if dtype in ("gauge", "bar"):
                d["min"] = float(b.read(dm, DISPLAY, "min", dw))
                mx = b.read(dm, DISPLAY, "max", dw)
                if mx is None or mx <= d["min"]:
                    b.r.error(b.vpos(dm, "max") if "max" in dm else b.mpos(dm),
                              f"{dw} needs a 'max' above its 'min'")
                    mx = d["min"] + 1
                d["max"] = float(mx)
                for zone in ("good", "bad"):
                    src = dm.get(zone)
                    d[zone] = None
                    if src is not None:
                        # '>= 2' reads as 'fos >= 2'; errors point into what the author wrote
                        prefix = f"{d['output']} " if isinstance(src, str) and d["output"] else ""
                        p = b.vpos(dm, zone)
                        p = (p[0], p[1] - len(prefix)) if p and p[0] else p
                        run = names.compile(prefix + src if prefix else src, p, f"'{zone}' of {dw}")
                        d[zone] = run
            if dtype == "chart":
                inp = b.string(dm, "input", dw)
                if inp not in input_ids:
                    b.r.error(b.vpos(dm, "input") if "input" in dm else b.mpos(dm),
                              f"{dw} needs an 'input' for its bottom axis",
                              did_you_mean(str(inp), input_ids) or "inputs: " + ", ".join(input_ids))
                    inp = input_ids[0] if input_ids else None
                d["input"] = inp
            if dtype == "scene":
                # a drawing's texts may name outputs and inputs: {rpm} is filled, not a stray
                seen = len(b.placeholders)
                d["width"] = b.read(dm, DISPLAY, "width", dw)
                d["height"] = b.read(dm, DISPLAY, "height", dw)
                d["alt"] = b.read(dm, DISPLAY, "alt", dw)
                if "alt" not in dm:
                    b.r.error(b.mpos(dm), f"{dw} needs 'alt': what the drawing shows, in words",
                              "screen readers read it; {output} placeholders are filled")
                d["shapes"] = self._shapes(b, dm, dw, names)
                ours = names.known - set(b.var_names)
                b.placeholders[seen:] = [(n, p) for n, p in b.placeholders[seen:] if n not in ours]
            out.append(d)
        return tuple(out)

    @staticmethod
    def _control(b, dm, dw, names) -> dict:
        """A control chart: measurements, how many are shown, the centre line and limits."""
        d = {"label": b.read(dm, DISPLAY, "label", dw), "unit": b.read(dm, DISPLAY, "unit", dw),
             "decimals": b.read(dm, DISPLAY, "decimals", dw), "values": ()}
        if "label" not in dm:
            b.r.error(b.mpos(dm), f"{dw} needs a 'label': what was measured", "e.g. label: Bore")
        raw = dm.get("values")
        lst = b.listing(raw, b.vpos(dm, "values"), f"'values' of {dw}") if "values" in dm else None
        if "values" not in dm:
            b.r.error(b.mpos(dm), f"{dw} needs 'values': the measurements, in order")
        elif lst is not None:
            if not lst or len(lst) > MAX_SAMPLES:
                b.r.error(b.vpos(dm, "values"), f"'values' of {dw} needs 1 to {MAX_SAMPLES} numbers")
            bad = next((i for i, v in enumerate(lst) if not is_number(v)), None)
            if bad is not None:
                b.r.error(b.ipos(lst, bad), f"value {bad + 1} of {dw} must be a number, not {kind_of(lst[bad])}")
            else:
                d["values"] = tuple(float(v) for v in lst[:MAX_SAMPLES])
        for key in ("centre", "lower", "upper"):
            if key not in dm:
                b.r.error(b.mpos(dm), f"{dw} needs '{key}'",
                          "the centre line and the control limits, e.g. lower: '25.00 - 3 * 0.01'")
            d[key] = names.compile(_expr(dm.get(key)), b.vpos(dm, key), f"'{key}' of {dw}")
        d["shown"] = names.compile(_expr(dm.get("shown")), b.vpos(dm, "shown"), f"'shown' of {dw}")
        return d

    def _shapes(self, b, dm, dw, names) -> tuple:
        lst = b.listing(dm.get("shapes"), b.vpos(dm, "shapes"), f"'shapes' of {dw}") if "shapes" in dm else []
        out = []
        for i, raw in enumerate(lst or ()):
            sw = f"shape {i + 1} of {dw}"
            sm = b.mapping(raw, b.ipos(lst, i), sw)
            if sm is None:
                continue
            b.keys(sm, sw, SHAPE.keys, SHAPE.required)
            s = {"shape": b.read(sm, SHAPE, "shape", sw) or "rect"}
            for key in SHAPE_NUMBERS:
                if key in sm:
                    s[key] = names.compile(sm[key], b.vpos(sm, key), f"'{key}' of {sw}")
            for key in ("fill", "stroke", "fill_then"):
                s[key] = b.read(sm, SHAPE, key, sw)
                if s[key] is not None and not re.match(COLOUR_RE, str(s[key])):
                    b.r.error(b.vpos(sm, key), f"'{key}' of {sw} must be a colour like #3a6ea5")
                    s[key] = None
            s["fill_if"] = names.compile(sm.get("fill_if"), b.vpos(sm, "fill_if"), f"'fill_if' of {sw}")
            s["text"] = b.read(sm, SHAPE, "text", sw) if "text" in sm else None
            out.append(s)
        return tuple(out)

    def _goal(self, b, m, where, names):
        if "goal" not in m:
            b.r.error(b.mpos(m), f"{where} needs a 'goal'")
            return None, None, None, None
        gm = b.mapping(m["goal"], b.vpos(m, "goal"), f"'goal' of {where}")
        if gm is None:
            return None, None, None, None
        gw = f"the goal of {where}"
        b.keys(gm, gw, GOAL.keys, GOAL.required)
        text = b.read(gm, GOAL, "text", gw)
        met = names.compile(gm.get("met"), b.vpos(gm, "met"), f"'met' of {gw}")
        partly = names.compile(gm.get("partly"), b.vpos(gm, "partly"), f"'partly' of {gw}")
        score = names.compile(gm.get("score"), b.vpos(gm, "score"), f"'score' of {gw}")
        if "score" in gm and ("met" in gm or "partly" in gm):
            b.r.error(b.kpos(gm, "score"), "give 'score' or 'met'/'partly', not both")
        if "score" not in gm and "met" not in gm:
            b.r.error(b.mpos(gm), f"{gw} needs 'met' (a condition) or 'score' (an expression 0 to 1)")
        return text, met, partly, score

    # ---- the maths ---------------------------------------------------------------------
    @staticmethod
    def _env(spec: Spec, answer: dict, variables: dict | None) -> tuple:
        """(Env, outputs {id: value}) for inputs `answer` and the simulation's variables."""
        values = dict(spec.defaults if variables is None else variables)
        values.setdefault("time", 0)
        for inp in spec.inputs:
            values[inp.id] = inp.number_at(inp.index_of(answer[inp.id]))
        env = ex.Env(values, {}, {}, {}, {}, lambda lo, hi: lo, None)
        outs = {}
        for o in spec.outputs:
            try:
                v = o.run(env)
            except (TypeError, ValueError, OverflowError, KeyError):
                v = 0
            v = float(v) if not isinstance(v, bool) else (1.0 if v else 0.0)
            if not math.isfinite(v):
                v = 0.0
            values[o.id] = outs[o.id] = v
        return env, outs

    def grade(self, act, answer, variables=None) -> float:
        spec = act.spec
        env, _outs = self._env(spec, answer, variables)
        return self._goal_score(spec, env)

    @staticmethod
    def _goal_score(spec, env) -> float:
        if spec.score is not None:
            v = spec.score(env)
            v = float(v) if is_number(v) or isinstance(v, bool) else 0.0
            return round(max(0.0, min(1.0, v)), 4)
        if spec.met is not None and spec.met(env):
            return 1.0
        if spec.partly is not None and spec.partly(env):
            return 0.5
        return 0.0

    def sets(self, act, answer, variables) -> list:
        """(variable, value) pairs the committed answer sets."""
        env, outs = self._env(act.spec, answer, variables)
        return [(var, outs[out] if out in outs else env.vars[out]) for var, out in act.spec.sets]

    def sets_decimals(self, act) -> dict:
        """A variable set from an output (or an input) shows that output's decimals: the
        feedback says 27.4 kJ/in where the panel said 27.4, not 27.4125."""
        spec = act.spec
        places = {i.id: i.decimals for i in spec.inputs} | {o.id: o.decimals for o in spec.outputs}
        return {var: places[src] for var, src in spec.sets}

    def start(self, act) -> dict:
        return {i.id: i.value_at(i.start) for i in act.spec.inputs}

    def live(self, act, answer, variables, lang, t=None) -> dict:
        """Everything a front end draws for inputs `answer`: outputs, the goal's state and
        each display's numbers (chart points, shapes); the front ends do no maths."""
        spec = act.spec
        env, outs = self._env(spec, answer, variables)
        fmt = {o.id: format_number(round(outs[o.id], o.decimals), lang, o.decimals) for o in spec.outputs}
        score = self._goal_score(spec, env)
        state = self.outcome(act, score)
        displays = []
        for d in spec.displays:
            kind = d["type"]
            if kind in ("gauge", "bar", "readout"):
                v = outs.get(d["output"], 0.0)
                item = {"type": kind, "value": round(v, 6), "text": fmt.get(d["output"], "")}
                if kind != "readout":
                    item["fraction"] = round(max(0.0, min(1.0, (v - d["min"]) / (d["max"] - d["min"]))), 4)
                    zone = "none"
                    if d["good"] is not None and d["good"](env):
                        zone = "good"
                    elif d["bad"] is not None and d["bad"](env):
                        zone = "bad"
                    item["zone"] = zone
                displays.append(item)
            elif kind == "chart":
                displays.append(self._chart(act, d, answer, variables, lang))
            elif kind == "control":
                displays.append(self._control_live(d, env, lang))
            else:
                displays.append(self._scene(d, env, outs, fmt, lang, t))
        return {"inputs": {i.id: answer[i.id] for i in spec.inputs},
                "outputs": [{"id": o.id, "value": round(outs[o.id], 6), "text": fmt[o.id]} for o in spec.outputs],
                "goal": ({"state": {"correct": "met", "partial": "partly"}.get(state, "not_met"), "score": score}
                         if spec.goal_live else {"state": "hidden", "score": 0}),
                "displays": displays}

    def _chart(self, act, d, answer, variables, lang) -> dict:
        spec = act.spec
        inp = spec.input(d["input"])
        out = next(o for o in spec.outputs if o.id == d["output"])
        n = inp.steps
        ks = sorted({round(n * j / (CHART_POINTS - 1)) for j in range(CHART_POINTS)}) if n >= CHART_POINTS else \
            list(range(n + 1))
        points = []
        for k in ks:
            trial = dict(answer)
            trial[inp.id] = inp.value_at(k)
            _env, outs = self._env(spec, trial, variables)
            y = outs[out.id]
            points.append({"x": inp.number_at(k), "y": round(y, 6),
                           "x_text": self._input_text(inp, k, lang),
                           "y_text": format_number(round(y, out.decimals), lang, out.decimals)})
        ys = [p["y"] for p in points]
        return {"type": "chart", "points": points, "current": inp.number_at(inp.index_of(answer[inp.id])),
                "y_min": min(ys), "y_max": max(ys)}

    @staticmethod
    def _control_live(d, env, lang) -> dict:
        """The measurements shown so far against the centre line and the control limits;
        the scale covers every value, so it does not jump as points appear."""
        def num(run, default):
            v = run(env) if run is not None else default
            return float(v) if is_number(v) else float(default)

        values = d["values"]
        n = len(values)
        shown = int(max(0, min(n, round(num(d["shown"], n)))))
        centre, lower, upper = num(d["centre"], 0), num(d["lower"], 0), num(d["upper"], 0)
        places = d["decimals"]

        def fixed(x):
            # measurements keep every decimal (25.000, 24.970), as a gauge reads them
            text = f"{round(x, places):.{places}f}"
            return text.replace(".", ",") if lang in DECIMAL_COMMA else text

        points = []
        for k, y in enumerate(values[:shown]):
            points.append({"x": k + 1, "y": round(y, 6), "x_text": str(k + 1), "y_text": fixed(y),
                           "out": y < lower - 1e-9 or y > upper + 1e-9})
        first = next((p["x"] for p in points if p["out"]), None)
        lo, hi = min((*values, lower, centre)), max((*values, upper, centre))
        pad = (hi - lo) * 0.1 or 1.0
        return {"type": "control", "points": points, "count": n, "first_out": first,
                "centre": round(centre, 6), "lower": round(lower, 6), "upper": round(upper, 6),
                "centre_text": fixed(centre), "lower_text": fixed(lower), "upper_text": fixed(upper),
                "y_min": round(lo - pad, 6), "y_max": round(hi + pad, 6)}

    @staticmethod
    def _input_text(inp, k, lang) -> str:
        if inp.control == "options":
            return inp.options[k][1].get(lang)
        return format_number(inp.number_at(k), lang, inp.decimals)

    @staticmethod
    def _fill(text, fmt, t) -> str:
        if not text or "{" not in text:
            return text
        parts = []
        for literal, name in template(text):
            parts.append(literal)
            if name is not None:
                parts.append(fmt[name] if name in fmt else "{" + name + "}")
        out = "".join(parts)
        return t(out) if t and "{" in out else out

    def _scene(self, d, env, outs, fmt, lang, t) -> dict:
        shapes = []
        for s in d["shapes"]:
            nums = {}
            for key in SHAPE_NUMBERS:
                if key in s and s[key] is not None:
                    v = s[key](env)
                    # a condition counts as 1 or 0, as in outputs: `repeat: "span == 15"` draws a pier or not
                    nums[key] = round(float(v), 3) if is_number(v) or isinstance(v, bool) else 0.0
            repeat = int(max(0, min(MAX_REPEAT, nums.pop("repeat", 1))))
            dx, dy = nums.pop("dx", 0.0), nums.pop("dy", 0.0)
            fill = s["fill_then"] if s["fill_if"] is not None and s["fill_if"](env) else s["fill"]
            base = {"shape": s["shape"], **nums, "fill": fill, "stroke": s["stroke"]}
            if s["text"] is not None:
                base["text"] = self._fill(s["text"].get(lang), fmt, t)
            for n in range(repeat):
                shape = dict(base)
                if n:
                    shape["x"] = round(base.get("x", 0.0) + dx * n, 3)
                    shape["y"] = round(base.get("y", 0.0) + dy * n, 3)
                    if "x2" in base:
                        shape["x2"] = round(base["x2"] + dx * n, 3)
                        shape["y2"] = round(base.get("y2", 0.0) + dy * n, 3)
                shapes.append(shape)
        return {"type": "scene", "alt": self._fill(d["alt"].get(lang), fmt, t), "shapes": shapes}

    # ---- the protocol ----------------------------------------------------------------
    def view(self, act, shown, t, lang):
        spec = act.spec
        inputs = []
        for i in spec.inputs:
            item = {"id": i.id, "label": t(i.label), "control": i.control, "unit": i.unit.get(lang),
                    "decimals": i.decimals, "start": i.value_at(i.start)}
            if i.control == "options":
                item.update(min=0, max=len(i.options) - 1, step=1,
                            options=[{"id": o, "text": t(text), "value": v} for o, text, v in i.options])
            else:
                item.update(min=i.value_at(0), max=i.value_at(i.steps), step=i.step, options=[])
            inputs.append(item)
        displays = []
        for d in spec.displays:
            item = {"type": d["type"], "output": d.get("output"), "input": d.get("input")}
            if d["type"] in ("gauge", "bar"):
                item.update(min=d["min"], max=d["max"])
            if d["type"] == "scene":
                item.update(width=d["width"], height=d["height"])
            if d["type"] == "control":
                item.update(label=t(d["label"]) if d["label"] is not None else "",
                            unit=d["unit"].get(lang) if d["unit"] is not None else "")
            displays.append(item)
        return {"inputs": inputs,
                "outputs": [{"id": o.id, "label": t(o.label), "unit": o.unit.get(lang), "decimals": o.decimals}
                            for o in spec.outputs],
                "displays": displays,
                "goal": t(spec.goal_text) if spec.goal_text is not None else ""}

    def normalise(self, act, answer, lang="en"):
        if not isinstance(answer, dict):
            raise ActionError("the answer must give a value for each input, like {\"depth\": 0.5}")
        spec = act.spec
        known = {i.id for i in spec.inputs}
        unknown = [k for k in answer if k not in known]
        if unknown:
            raise ActionError(f"unknown input '{unknown[0]}'")
        out = {}
        for inp in spec.inputs:
            if inp.id not in answer:
                out[inp.id] = inp.value_at(inp.start)
                continue
            v = answer[inp.id]
            if inp.control == "options":
                ids = [o[0] for o in inp.options]
                if v not in ids:
                    raise ActionError(f"'{inp.id}' must be one of: {', '.join(ids)}")
                out[inp.id] = v
                continue
            # a typed value is read the student's way; "6,112" is ambiguous only where decimals fit
            x = typed_number(v, lang, decimals=not all(float(n).is_integer() for n in (inp.min, inp.step)))
            eps = inp.step * 1e-6
            if x < inp.min - eps or x > inp.max + eps:
                raise ActionError(f"{inp.label.get(lang)}: " + ui_text(
                    "model_out_of_range", lang, min=format_number(inp.min, lang, inp.decimals),
                    max=format_number(inp.max, lang, inp.decimals)))
            # quantised to the input's steps: the log and the resume code keep the step index
            out[inp.id] = inp.value_at(max(0, min(inp.steps, inp.index_of(x))))
        return out

    def score(self, act, answer):
        return self.grade(act, answer)

    def right_answer(self, act, lang, given=None):
        """The student's own settings and outputs, and the goal: a model has many answers."""
        spec = act.spec
        lines = []
        if isinstance(given, dict):
            live = self.live(act, given, None, lang)
            for inp in spec.inputs:
                lines.append(f"{inp.label.get(lang)}: {self._input_text(inp, inp.index_of(given[inp.id]), lang)} "
                             f"{inp.unit.get(lang)}".strip())
            for o, v in zip(spec.outputs, live["outputs"]):
                lines.append(f"{o.label.get(lang)}: {v['text']} {o.unit.get(lang)}".strip())
        if spec.goal_text is not None:
            lines.append(spec.goal_text.get(lang))
        return {"answer": None, "display": lines}

    def answer_key(self, act, lang):
        # a model has many answers: show one setting that meets the goal
        return list(self.right_answer(act, lang, dict(self.candidates(act)).get("right"))["display"])

    def answer_text(self, view, given):
        if not isinstance(given, dict):
            return super().answer_text(view, given)
        return ", ".join(f"{k} = {short_number(v)}" for k, v in given.items())

    def encode(self, act, answer):
        return ".".join(str(i.index_of(answer[i.id])) for i in act.spec.inputs)

    def decode(self, act, body):
        parts = [int(p) for p in body.split(".")] if body else []
        spec = act.spec
        if len(parts) != len(spec.inputs) or any(not 0 <= k <= i.steps for k, i in zip(parts, spec.inputs)):
            raise SaveError("the code does not fit this simulation")
        return {i.id: i.value_at(k) for k, i in zip(parts, spec.inputs)}

    def candidates(self, act):
        """The start, each input at its ends, then the grid (all of it when small, else a
        fixed sample); the first that meets the goal with the variables at their start is
        "right"."""
        spec = act.spec
        start = self.start(act)
        out = [("start", start)]
        for i in spec.inputs:
            for k, label in ((0, "low"), (i.steps, "high")):
                out.append((f"{i.id} {label}", {**start, i.id: i.value_at(k)}))
        sizes = [i.steps + 1 for i in spec.inputs]
        total = math.prod(sizes)
        if total <= 400:
            grid = itertools.product(*(range(n) for n in sizes))
        else:
            rng = random.Random(7)
            grid = [tuple(rng.randint(0, n - 1) for n in sizes) for _ in range(300)]
        combos = [{i.id: i.value_at(k) for i, k in zip(spec.inputs, ks)} for ks in grid]
        best = max(combos, key=lambda c: self.grade(act, c), default=None)
        if best is not None and self.grade(act, best) > 0:
            out.insert(0, ("right", best))
        out += [("mix", c) for c in combos]
        return out


KIND = Model()
