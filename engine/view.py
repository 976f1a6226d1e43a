"""The view `Session.view()` returns, declared once as typed dictionaries.

docs/view.md describes the same shape in words. `engine/viewschema.py` turns these
declarations into the JSON Schema in docs/view.schema.json and the JSDoc typedefs in
web/view-types.js, so the three cannot drift apart; tests validate every view the
explorer visits against the schema.

Rules the schema generator follows: every key listed here is required unless it is
wrapped in NotRequired, no other key is allowed, `X | None` means the key is there and may
be null, Literal[...] is a closed list of values. A class's docstring becomes its
description. Only the standard library's typing is used: this module runs in Pyodide.
"""
from typing import Literal, NotRequired, TypedDict, Union

Phase = Literal["scene", "activity", "feedback", "ending"]
Outcome = Literal["correct", "partial", "wrong"]
Field = Literal["healthcare", "engineering", "manufacturing", "other"]
ActivityKind = Literal["order", "sequence", "numeric", "multi", "match", "hotspot", "allocate", "model"]
Number = Union[int, float]


class SimHeader(TypedDict):
    """Which simulation this is."""

    id: str
    version: str
    title: str
    field: Field
    career: str


class Speaker(TypedDict):
    """The character speaking in this scene."""

    id: str
    name: str
    role: str
    portrait: str | None


class Meter(TypedDict):
    """A variable the student sees as a bar (meter) or a number (counter)."""

    id: str
    label: str
    value: Union[int, float, bool]
    min: Number | None
    max: Number | None
    show: Literal["meter", "counter"]
    good: Literal["high", "low"]


class Clock(TypedDict):
    """The in-story clock: minutes since the start and, with a limit, minutes left."""

    time: str
    elapsed: int
    limit: int | None
    left: int | None


class ChoiceView(TypedDict):
    """A choice of the current scene; a locked one says why in `locked`."""

    id: str
    text: str
    enabled: bool
    locked: str | None


class Entry(TypedDict):
    """An entry the student orders, picks or pairs (an activity's items, a match's matches)."""

    id: str
    text: str


class Spot(TypedDict):
    """A place to pick on a hotspot image, in the image's pixels; `text` is its name."""

    id: str
    text: str
    x: Number
    y: Number
    w: Number
    h: Number


class BudgetLine(TypedDict):
    """Something to buy in an allocate activity: its cost and how many at most."""

    id: str
    text: str
    cost: Number
    max: int


class Goal(TypedDict):
    """A total an allocate answer should reach."""

    attr: str
    min: Number
    label: str


class Retry(TypedDict):
    """The try before this one was not right and tries are left (the activity's `attempts`):
    how it went, what the wrong answer means (diagnosis, or ""), and the next hint (or "")."""

    tried: int
    attempts: int
    outcome: Outcome
    score: Number
    answer: Union[list[str], int, float, dict[str, str], dict[str, int], dict[str, Number | str]]
    feedback: str
    diagnosis: str
    hint: str


class OrderActivity(TypedDict):
    """Put items in order (order: scored by pairs; sequence: by places). Items are shuffled."""

    kind: Literal["order", "sequence"]
    prompt: str
    scene: str
    items: list[Entry]
    retry: NotRequired[Retry]


class NumericActivity(TypedDict):
    """Type a number."""

    kind: Literal["numeric"]
    prompt: str
    scene: str
    unit: str
    decimals: int
    retry: NotRequired[Retry]


class MultiActivity(TypedDict):
    """Pick every right option."""

    kind: Literal["multi"]
    prompt: str
    scene: str
    items: list[Entry]
    retry: NotRequired[Retry]


class MatchActivity(TypedDict):
    """Pair each item with one of the matches; the matches are shuffled."""

    kind: Literal["match"]
    prompt: str
    scene: str
    items: list[Entry]
    matches: list[Entry]
    retry: NotRequired[Retry]


class HotspotActivity(TypedDict):
    """Pick the right places on an image."""

    kind: Literal["hotspot"]
    prompt: str
    scene: str
    image: str
    width: int
    height: int
    items: list[Spot]
    retry: NotRequired[Retry]


class AllocateActivity(TypedDict):
    """Spend a budget on items so the totals reach the goals."""

    kind: Literal["allocate"]
    prompt: str
    scene: str
    budget: Number
    unit: str
    items: list[BudgetLine]
    goals: list[Goal]
    retry: NotRequired[Retry]


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


class ModelActivity(TypedDict):
    """Turn a live model's knobs to reach a goal; `live` is the model at the inputs' start."""

    kind: Literal["model"]
    prompt: str
    scene: str
    inputs: list[ModelInput]
    outputs: list[ModelOutput]
    displays: list[ModelDisplay]
    goal: str
    live: ModelLive
    retry: NotRequired[Retry]


ActivityView = Union[OrderActivity, NumericActivity, MultiActivity, MatchActivity,
                     HotspotActivity, AllocateActivity, ModelActivity]

# An answer in the shape a student sends it: ids in order or picked, a number, pairs
# (left id -> right id), quantities (item id -> how many) or a model's inputs (input id -> value).
Answer = Union[list[str], int, float, dict[str, str], dict[str, int], dict[str, Number | str]]


class SourceView(TypedDict):
    """A public source the feedback cites."""

    id: str
    title: str
    url: str


class RightAnswer(TypedDict):
    """The right answer in the shape the student sent (null for allocate), and one line
    of text per part, ready to read aloud."""

    answer: Answer | None
    display: list[str]


class ChoiceFeedback(TypedDict):
    """What a choice with feedback says before the story goes on."""

    kind: Literal["choice"]
    outcome: None
    score: None
    text: str
    explain: str
    correct: None
    choice: str
    sources: list[SourceView]


class ActivityFeedback(TypedDict):
    """How an activity answer went, with the right answer."""

    kind: ActivityKind
    outcome: Outcome
    score: Number
    text: str
    explain: str
    correct: RightAnswer
    answer: Answer
    sources: list[SourceView]
    first_outcome: NotRequired[Outcome]
    tries: NotRequired[int]


FeedbackView = Union[ChoiceFeedback, ActivityFeedback]


class Debrief(TypedDict):
    """What went well, what to try next, what a professional would do, and questions."""

    went_well: list[str]
    try_next: list[str]
    professional: list[str]
    reflection: list[str]


class OnetView(TypedDict):
    code: str
    title: str


class WageView(TypedDict):
    """The median yearly wage, with its year, source and a display line."""

    median_annual: Number | None
    year: int | None
    soc: str
    source: str
    url: str
    display: str


class RelatedCareer(TypedDict):
    id: str
    title: str


class CareerView(TypedDict):
    """The career's catalogue entry (content/careers.yaml) in the chosen language."""

    id: str
    title: str
    field: str
    onet: OnetView
    cluster: str
    riasec: str
    description: str
    day: str
    wage: WageView
    education: str
    training: str
    certifications: list[str]
    courses: list[str]
    related: list[RelatedCareer]
    attribution: str


class SkillUsed(TypedDict):
    """A skill the student used well, from content/skills.yaml, and how many times."""

    id: str
    name: str
    description: str
    category: str
    category_name: str
    part_of: NotRequired[str]
    count: int


class SkillCount(TypedDict):
    """A skill used well, by id only: the catalogue could not be read."""

    id: str
    name: str
    count: int


class ActivityResult(TypedDict):
    scene: str
    kind: ActivityKind
    score: Number
    outcome: Outcome
    first_outcome: NotRequired[Outcome]  # with attempts > 1: the first try's outcome
    tries: NotRequired[int]


class Evidence(TypedDict):
    """One use of a skill that counted: a good choice, a right or a partly right answer."""

    skill: str
    scene: str
    how: Literal["good", "right", "partly"]


class Result(TypedDict):
    """The summary teacher tools use. `skills` tallies `evidence`; `riasec` counts the kinds of
    work done and `chances` how often each was on offer."""

    sim: str
    version: str
    ending: str
    title: str
    rating: int
    max_rating: int
    variables: dict[str, Union[int, float, bool]]
    skills: dict[str, int]
    riasec: dict[str, int]
    evidence: list[Evidence]
    chances: dict[str, int]
    minutes: int
    steps: int
    activities: list[ActivityResult]
    seed: int


class EnjoyStatement(TypedDict):
    """A piece of the work just tried, for the student to rate 1-5 (skippable). The ratings are
    the front end's to keep (docs/view.md): they are not part of the session or its codes."""

    id: str
    area: Literal["R", "I", "A", "S", "E", "C"]
    text: str


class EndingView(TypedDict):
    """The ending reached, its debrief, the career facts and the result to hand in."""

    id: str
    title: str
    rating: int
    max_rating: int
    text: str
    debrief: Debrief
    career: CareerView | None
    skills: list[Union[SkillUsed, SkillCount]]
    enjoy: list[EnjoyStatement]
    result: Result
    result_code: str


# Functional form: "continue" is a Python keyword, so it cannot be a class attribute.
View = TypedDict("View", {
    "format": Literal[2],
    "sim": SimHeader,
    "lang": str,
    "languages": list[str],
    "phase": Phase,
    "scene": str,
    "step": int,
    "speaker": Union[Speaker, None],
    "background": Union[str, None],
    "sound": Union[str, None],
    "text": str,
    "notices": list[str],
    "meters": list[Meter],
    "clock": Union[Clock, None],
    "choices": list[ChoiceView],
    "continue": bool,  # {"type": "continue"} is allowed now
    "activity": Union[ActivityView, None],
    "feedback": Union[FeedbackView, None],
    "ending": Union[EndingView, None],
})
View.__doc__ = "Everything a front end shows now. Treat it as read-only."
