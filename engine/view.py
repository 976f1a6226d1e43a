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
from typing import Literal, NotRequired, TypedDict, Union, get_type_hints

from .kinds import KINDS, NAMES
from .kinds.base import Number

Phase = Literal["scene", "activity", "feedback", "ending"]
Outcome = Literal["correct", "partial", "wrong"]
Field = Literal["healthcare", "engineering", "manufacturing", "other"]
ActivityKind = Literal[NAMES]  # the registered kinds (engine/kinds/__init__.py)


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


def _activity_types() -> tuple:
    """One TypedDict per view part the registered kinds declare (kinds that share one, as
    order and sequence do, share its entry): the keys every activity has around the kind's
    own, named after it (OrderView -> OrderActivity) and described by its docstring."""
    by_part: dict = {}
    for kind in KINDS:
        by_part.setdefault(kind.view_type, []).append(kind.name)
    out = []
    for part, names in by_part.items():
        fields = {"kind": Literal[tuple(names)], "prompt": str, "scene": str,
                  **get_type_hints(part, include_extras=True), "retry": NotRequired[Retry]}
        td = TypedDict(part.__name__.removesuffix("View") + "Activity", fields)
        td.__doc__ = part.__doc__
        out.append(td)
    return tuple(out)


ActivityView = Union[_activity_types()]

# An answer in the shape a student sends it: ids in order or picked, a number, pairs
# (item id -> match id), quantities (item id -> how many) or a model's inputs (input id -> value).
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
