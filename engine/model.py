"""The immutable content model a simulation file loads into.

Everything here is frozen: a session never changes content, only its own small state.
"""
from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from typing import Callable, Optional

FORMAT_VERSION = 1
FIELDS = ("healthcare", "engineering", "manufacturing", "other")
RIASEC = ("R", "I", "A", "S", "E", "C")
SPECIAL_TARGETS = ("END", "BACK")


@dataclass(frozen=True)
class Text:
    """Student-facing text in several languages; falls back to English."""

    by_lang: tuple  # ((lang, text), ...)

    def __post_init__(self):
        table = dict(self.by_lang)
        fallback = table.get("en") or (self.by_lang[0][1] if self.by_lang else "")
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_fallback", fallback)

    def get(self, lang: str) -> str:
        return self._table.get(lang) or self._fallback

    def langs(self) -> set:
        return {code for code, _ in self.by_lang}


EMPTY_TEXT = Text(())


@dataclass(frozen=True)
class Condition:
    source: str
    run: Callable = field(compare=False, repr=False)


@dataclass(frozen=True)
class Effect:
    source: str
    target: str
    op: str
    run: Callable = field(compare=False, repr=False)
    # the target's Variable; None for "time", the clock's minutes
    variable: Optional["Variable"] = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        # apply(env) -> bool, see _applier: made once, for the target's type and bounds
        object.__setattr__(self, "apply", _applier(self.variable, self.op, self.run))


#: an effect's operator as the plain operator; "=" takes the new value as it is
_COMBINE = {"+=": operator.add, "-=": operator.sub, "*=": operator.mul}


def _applier(var: Optional["Variable"], op: str, run: Callable) -> Callable:
    """apply(env): does the effect on the state that `env` (expressions.Env) reads, and says
    whether it moved a `judges` variable the wrong way (a poor choice), judged on the value
    computed, before min and max clamp it. Each effect gets the plainest version its target
    allows, once, at load: effects run at every step."""
    combine = _COMBINE.get(op)
    if var is None:
        def apply_time(env) -> bool:  # whole minutes, never before the start
            st = env.state
            value = run(env) if combine is None else combine(st["time"], run(env))
            st["time"] = max(0, int(round(value)))
            return False
        return apply_time
    name, fit = var.id, var.fit
    if var.judges:
        worse = operator.gt if var.good == "low" else operator.lt  # as Variable.worse(before, after)

        def apply_judged(env) -> bool:
            values = env.vars
            current = values[name]
            value = run(env) if combine is None else combine(current, run(env))
            values[name] = fit(value)
            return worse(value, current)
        return apply_judged
    if combine is None:
        def assign(env) -> bool:
            env.vars[name] = fit(run(env))
            return False
        return assign

    def update(env) -> bool:
        values = env.vars
        values[name] = fit(combine(values[name], run(env)))
        return False
    return update


@dataclass(frozen=True)
class Variable:
    id: str
    type: str  # int | number | bool
    start: object
    min: Optional[float]
    max: Optional[float]
    show: str  # meter | counter | hidden
    label: Text
    good: str  # high | low
    # it says how well the work goes (safety, quality, trust): a choice that moves it the
    # wrong way is a poor choice, and earns no skill credit (docs/authoring.md)
    judges: bool = False

    def worse(self, before, after) -> bool:
        """Whether a change from `before` to `after` goes the wrong way (see `good`)."""
        return after > before if self.good == "low" else after < before

    def __post_init__(self):
        object.__setattr__(self, "fit", _fitter(self.type, self.min, self.max))


def _fitter(kind: str, lo, hi) -> Callable:
    """fit(value): `value` as a variable holds it, its type within its min and max. Made
    once per variable, for its type and bounds: effects fit a value at every step."""
    if kind == "bool":
        return bool
    if lo is None:
        lo = -math.inf
    if hi is None:
        hi = math.inf
    # max then min: raised to min first, then lowered to max, as the bounds were always applied
    if kind == "int":
        return lambda value: int(round(min(max(value, lo), hi)))
    return lambda value: round(float(min(max(value, lo), hi)), 6)


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    role: Text
    portrait: Optional[str]


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    condition: Optional[Condition]
    show_locked: bool
    locked: Text
    time: int
    effects: tuple
    feedback: Optional[Text]
    skills: tuple
    riasec: Optional[str]
    next: str
    source: tuple  # ids of the public sources cited


@dataclass(frozen=True, kw_only=True)
class Item:
    """An entry of an activity: what every kind's entries have. A kind whose entries carry
    more (an option's `correct`, a spot's rectangle) extends it in engine/kinds/<kind>.py."""

    id: str
    text: Text


@dataclass(frozen=True, kw_only=True)
class Activity:
    """What every activity has. Each kind extends it with its own fields (its `activity_type`
    in engine/kinds/<kind>.py), so an activity holds only the fields its kind uses."""

    kind: str
    prompt: Text
    time: int
    pass_score: float
    partial_score: float
    feedback: tuple  # ((outcome, Text), ...)
    effects: tuple  # ((outcome, (Effect, ...)), ...)
    next: tuple  # ((outcome, target), ...)
    explain: Text
    skills: tuple
    riasec: Optional[str]
    source: tuple
    attempts: int = 1  # tries before the answer is graded for good
    hints: tuple = ()  # of Text, shown one by one after each try that is not right

    def feedback_for(self, outcome: str) -> Text:
        return dict(self.feedback).get(outcome, EMPTY_TEXT)

    def effects_for(self, outcome: str) -> tuple:
        return dict(self.effects).get(outcome, ())

    def next_for(self, outcome: str) -> str:
        return dict(self.next)[outcome]


@dataclass(frozen=True)
class Scene:
    id: str
    text: Text
    speaker: Optional[str]
    background: Optional[str]
    sound: Optional[str]
    time: int
    effects: tuple
    choices: tuple
    activity: Optional[Activity]
    next: Optional[str]
    source: tuple


@dataclass(frozen=True)
class Event:
    id: str
    when: Condition
    chance: Optional[float]
    repeat: bool
    text: Optional[Text]
    effects: tuple
    goto: Optional[str]


@dataclass(frozen=True)
class DebriefItem:
    text: Text
    condition: Optional[Condition]


@dataclass(frozen=True)
class Ending:
    id: str
    condition: Optional[Condition]
    title: Text
    rating: int
    text: Text
    went_well: tuple
    try_next: tuple
    professional: tuple
    reflection: tuple  # of Text


@dataclass(frozen=True)
class EnjoyStatement:
    """A piece of the work just tried, which the student may rate at the ending (1-5)."""

    id: str
    area: str  # R I A S E C: the kind of work it is
    text: Text


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Clock:
    start: int  # minutes after midnight
    limit: Optional[int]
    show: bool


@dataclass(frozen=True)
class Simulation:
    id: str
    version: str
    title: Text
    field: str
    career: str
    related_careers: tuple
    minutes: int
    grades: str
    summary: Text
    objectives: tuple
    skills: tuple
    sources: tuple
    languages: tuple
    kiosk_start: Optional[str]
    kiosk_meters: Optional[tuple]  # meters the kiosk cut shows (None: all)
    art: tuple  # ((name, path), ...)
    start: str
    clock: Optional[Clock]
    variables: tuple  # of Variable, in file order
    characters: tuple
    scenes: tuple
    events: tuple
    endings: tuple
    path: str = ""
    data: str = field(default="", compare=False, repr=False)  # validated plain data as JSON
    enjoy: tuple = ()  # of EnjoyStatement, asked at every ending

    def __post_init__(self):
        object.__setattr__(self, "_scenes", {s.id: s for s in self.scenes})
        object.__setattr__(self, "_endings", {e.id: e for e in self.endings})
        object.__setattr__(self, "_vars", {v.id: v for v in self.variables})
        # per scene, its choices with a RIASEC area, whether one of them has a condition, and
        # their areas, each once (the session counts the areas on offer at every choice)
        object.__setattr__(self, "tagged", {s.id: _tagged(s.choices) for s in self.scenes})
        # the scenes a student leaves with "continue" (no choices, a next scene)
        object.__setattr__(self, "goes_on", frozenset(s.id for s in self.scenes if not s.choices and s.next))
        # per scene, the ids of its choices when none has a condition (all are always on offer)
        object.__setattr__(self, "open_choices", {s.id: tuple(c.id for c in s.choices) for s in self.scenes
                                                  if all(c.condition is None for c in s.choices)})
        # per other scene, each choice's id and its condition's test (None: always on offer)
        object.__setattr__(self, "offers", {s.id: tuple((c.id, c.condition and c.condition.run) for c in s.choices)
                                            for s in self.scenes if s.id not in self.open_choices})
        object.__setattr__(self, "_chars", {c.id: c for c in self.characters})
        # per scene, each choice by id with its place in the list (resume codes number choices):
        # every step and every code looks choices up by id
        object.__setattr__(self, "_choices", {s.id: {c.id: (i, c) for i, c in enumerate(s.choices)}
                                              for s in self.scenes})
        # what the layers above work out once from this content and keep with it (the
        # session's view parts per language, a text's decimals): a few fixed keys, so it
        # cannot grow without bound, and it goes when the simulation goes
        object.__setattr__(self, "derived", {})

    def choice(self, scene_id: str, choice_id: str) -> Optional[tuple]:
        """(index, Choice) of a scene's choice, or None when the scene has no such choice."""
        return self._choices[scene_id].get(choice_id)

    def scene(self, scene_id: str) -> Scene:
        return self._scenes[scene_id]

    def has_scene(self, scene_id: str) -> bool:
        return scene_id in self._scenes

    def ending(self, ending_id: str) -> Ending:
        return self._endings[ending_id]

    def has_ending(self, ending_id: str) -> bool:
        return ending_id in self._endings

    def variable(self, var_id: str) -> Variable:
        return self._vars[var_id]

    def character(self, char_id: str) -> Character:
        return self._chars[char_id]

    def art_path(self, name: str) -> Optional[str]:
        return dict(self.art).get(name)


def _tagged(choices: tuple) -> tuple:
    tagged = tuple(c for c in choices if c.riasec)
    conditional = any(c.condition is not None for c in tagged)
    return tagged, conditional, tuple(dict.fromkeys(c.riasec for c in tagged))
