"""The model kind's part of the view (engine/kinds/model.py builds it): its inputs,
outputs and displays, and `live`, the model computed at some inputs. Kept apart from the
kind's module only for size; engine/view.py reads it through the kind's `view_type`."""
from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from .base import Number


class ModelOption(TypedDict):
    """A named option of a model input."""

    id: str
    text: str
    value: Number


class ModelInput(TypedDict):
    """A knob of a live model: min, max and step (options: indexes 0 to n-1)."""

    id: str
    label: str
    control: Literal["slider", "stepper", "number", "options"]
    unit: str
    decimals: int
    start: Number | str
    min: Number
    max: Number
    step: Number
    options: list[ModelOption]


class ModelOutput(TypedDict):
    """A number a live model computes."""

    id: str
    label: str
    unit: str
    decimals: int


class ModelDisplay(TypedDict):
    """How outputs are shown: gauge and bar have min and max, scene has width and height,
    control (a control chart) says what was measured and its unit."""

    type: Literal["gauge", "bar", "readout", "chart", "control", "scene"]
    output: str | None
    input: str | None
    min: NotRequired[Number]
    max: NotRequired[Number]
    width: NotRequired[int]
    height: NotRequired[int]
    label: NotRequired[str]
    unit: NotRequired[str]


class OutputValue(TypedDict):
    """An output's value and its text in the student's language."""

    id: str
    value: Number
    text: str


class ModelGoalState(TypedDict):
    """How the inputs shown would be graded ("hidden", score 0, where the author keeps that for the check)."""

    state: Literal["met", "partly", "not_met", "hidden"]
    score: Number


class ChartPoint(TypedDict):
    """A point of a chart (and a row of its data table); a control chart's points say
    whether they are outside the control limits."""

    x: Number
    y: Number
    x_text: str
    y_text: str
    out: NotRequired[bool]


class Shape(TypedDict):
    """A shape of a model's drawing, positioned by the engine."""

    shape: Literal["rect", "circle", "line", "text"]
    x: NotRequired[Number]
    y: NotRequired[Number]
    w: NotRequired[Number]
    h: NotRequired[Number]
    r: NotRequired[Number]
    x2: NotRequired[Number]
    y2: NotRequired[Number]
    rotate: NotRequired[Number]
    spin: NotRequired[Number]
    fill: str | None
    stroke: str | None
    text: NotRequired[str]


class LiveDisplay(TypedDict):
    """One display's state: value/text (gauge, bar, readout), fraction/zone (gauge, bar),
    points (chart, control), centre and limits (control), alt/shapes (scene)."""

    type: Literal["gauge", "bar", "readout", "chart", "control", "scene"]
    value: NotRequired[Number]
    text: NotRequired[str]
    fraction: NotRequired[Number]
    zone: NotRequired[Literal["good", "bad", "none"]]
    points: NotRequired[list[ChartPoint]]
    current: NotRequired[Number]
    y_min: NotRequired[Number]
    y_max: NotRequired[Number]
    count: NotRequired[int]
    first_out: NotRequired[int | None]
    centre: NotRequired[Number]
    lower: NotRequired[Number]
    upper: NotRequired[Number]
    centre_text: NotRequired[str]
    lower_text: NotRequired[str]
    upper_text: NotRequired[str]
    alt: NotRequired[str]
    shapes: NotRequired[list[Shape]]


class ModelLive(TypedDict):
    """A live model computed for some inputs (Session.preview returns the same)."""

    inputs: dict[str, Number | str]
    outputs: list[OutputValue]
    goal: ModelGoalState
    displays: list[LiveDisplay]


class ModelView(TypedDict):
    """Turn a live model's knobs to reach a goal; `live` is the model at the inputs' start."""

    inputs: list[ModelInput]
    outputs: list[ModelOutput]
    displays: list[ModelDisplay]
    goal: str
    live: ModelLive
