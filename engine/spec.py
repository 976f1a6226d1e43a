"""The simulation format, declared once.

Every section of a simulation file is a `Section` of `Field`s: the key, its type, whether
it is required, its range, default and allowed values, and a description. From these
tables come the loader's key, type, range and default checks (and its did-you-mean hints
for unknown keys), the JSON Schema (`testdrive schema`) and the key tables in
docs/authoring.md (`testdrive schema --docs docs/authoring.md`). Each activity kind
declares its own fields with the same types (engine/kinds/). What cannot be a table
(cross-references, reachability, "a scene has choices, or an activity, or next") stays
in the loader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import FIELDS, FORMAT_VERSION, RIASEC

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG_RE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")
VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
OUTCOMES = ("correct", "partial", "wrong")
MINUTES_MAX = 24 * 60
ENJOY_MIN, ENJOY_MAX = 3, 5  # statements to rate at an ending: enough to compare, few enough to finish


@dataclass(frozen=True)
class Field:
    """One key of a section.

    type: text (student text, one language or several), string, id, ids (a list of ids), numbers,
    int, number, value (a number or true/false), bool, enum (one of `choices`), condition, effects, target (where to go),
    source (a citation), skills, riasec, texts (a list of texts), list (of section `of`),
    map (of section `of`, by key), section (the mapping `of`), by_outcome (correct/partial/
    wrong, each a `of` type), art (names to paths), answer (depends on the kind).
    """

    type: str
    description: str = ""
    required: bool = False
    default: object = None
    lo: float | None = None
    hi: float | None = None
    choices: tuple = ()
    of: object = None  # list/map/section: a section name; by_outcome: a field type
    min_items: int = 0
    pattern: str = ""  # a string's shape, as a regular expression
    unique: bool = False  # a list whose entries differ

    @property
    def integer(self) -> bool:
        return self.type == "int"


@dataclass(frozen=True)
class Section:
    """A mapping in the file: its keys, in the order the docs list them."""

    name: str
    description: str
    fields: dict = field(default_factory=dict)

    @property
    def keys(self) -> set:
        return set(self.fields)

    @property
    def required(self) -> tuple:
        return tuple(k for k, f in self.fields.items() if f.required)

    def __getitem__(self, key: str) -> Field:
        return self.fields[key]


def _f(type_, description="", **kw) -> Field:
    return Field(type_, description, **kw)


def minutes(description="Minutes this costs on the in-simulation clock.") -> Field:
    return Field("int", description, default=0, lo=0, hi=MINUTES_MAX)


TOP = Section("top", "A simulation file.", {
    "format": _f("enum", "The format version this file is written for.", required=True, choices=(FORMAT_VERSION,)),
    "id": _f("id", "The simulation's id: unique, lowercase letters, digits and dashes.", required=True),
    "version": _f("string", "The simulation's own version, like 1.0.0 (saves remember it).", required=True),
    "title": _f("text", "The title students see.", required=True),
    "field": _f("enum", "The career field.", required=True, choices=FIELDS),
    "career": _f("id", "The career it portrays: a key in content/careers.yaml.", required=True),
    "related_careers": _f("ids", "Other careers (keys in content/careers.yaml)."),
    "minutes": _f("int", "Estimated play time in minutes.", required=True, default=10, lo=1, hi=240),
    "grades": _f("string", "Grade band, like \"6-8\".", default="6-8"),
    "summary": _f("text", "One or two sentences for the catalogue.", required=True),
    "objectives": _f("texts", "Learning objectives, student-facing."),
    "skills": _f("skills", "Skills practised (keys in content/skills.yaml)."),
    "sources": _f("list", "Public sources for every fact taught; scenes, choices and activities cite them by id.",
                  of="source_entry"),
    "languages": _f("ids", "Languages of the text; must include en.", required=True, unique=True),
    "kiosk": _f("section", "The short career-fair cut.", of="kiosk"),
    "art": _f("art", "Named art paths under content/, e.g. icon and cover."),
    "start": _f("id", "The first scene.", required=True),
    "clock": _f("section", "The in-simulation clock.", of="clock"),
    "teacher": _f("section", "For the teacher's guide: warm-up, what to watch for, discussion tied to scenes "
                             "and endings, vocabulary and cited standards (engine/teacher.py).", of="teacher"),
    "variables": _f("map", "The simulation's variables, by name.", of="variable"),
    "characters": _f("map", "Characters, by id.", of="character"),
    "scenes": _f("map", "Scenes, by id.", required=True, of="scene", min_items=1),
    "events": _f("list", "Events checked each time the student arrives at a scene.", of="event"),
    "endings": _f("list", "Endings; END picks the first whose 'if' holds. The last should have no 'if'.",
                  required=True, of="ending", min_items=1),
    "enjoy": _f("list", f"{ENJOY_MIN}-{ENJOY_MAX} short statements about the work just tried, one RIASEC area "
                        "each; every ending asks the student how much they liked each (1-5, skippable).",
                of="enjoy_statement", min_items=ENJOY_MIN),
})

ENJOY = Section("enjoy_statement", "A piece of the work the student just tried, to rate at the ending.", {
    "id": _f("id", "Unique among the statements (the student's ratings are kept by it).", required=True),
    "area": _f("enum", "The kind of work it is: R realistic, I investigative, A artistic, S social, "
                       "E enterprising, C conventional.", required=True, choices=RIASEC),
    "text": _f("text", "The work, as a short phrase, like \"Work out a medicine dose\".", required=True),
})

SOURCE = Section("source_entry", "A public source.", {
    "id": _f("id", "What scenes, choices and activities cite.", required=True),
    "title": _f("string", "Title, publisher and year.", required=True),
    "url": _f("string", "A link starting with https://.", pattern="^https?://"),
})

KIOSK = Section("kiosk", "The short career-fair cut.", {
    "start": _f("id", "The scene the 3-4 minute kiosk cut starts at.", required=True),
    "meters": _f("ids", "The meters the kiosk cut shows (all when left out).", unique=True),
})

CLOCK = Section("clock", "The in-simulation clock; 'time' in expressions is the minutes played.", {
    "start": _f("string", "Time of day the story starts, \"HH:MM\".", default="00:00",
                pattern=r"^([01]?\d|2[0-3]):[0-5]\d$"),
    "limit": _f("int", "Minutes the shift lasts.", lo=1, hi=MINUTES_MAX * 7),
    "show": _f("bool", "Draw the clock.", default=True),
})

VARIABLE = Section("variable", "A variable.", {
    "type": _f("enum", "What it holds.", required=True, default="int", choices=("int", "number", "bool")),
    "start": _f("value", "The value at the start (true or false for a bool).", required=True),
    "min": _f("number", "Lowest value: changes are clamped."),
    "max": _f("number", "Highest value: changes are clamped."),
    "show": _f("enum", "meter (a bar, needs min and max), counter (the number) or hidden.", default="hidden",
               choices=("meter", "counter", "hidden")),
    "label": _f("text", "What the meter or counter is called (needed unless hidden)."),
    "good": _f("enum", "Which way is good (colours the meter).", default="high", choices=("high", "low")),
    "judges": _f("bool", "It says how well the work goes (like patient safety or part quality): a choice "
                         "whose effects move it the wrong way (see `good`) is a poor choice, which earns no "
                         "skill credit; lint reports a skill or RIASEC tag on it.", default=False),
})

CHARACTER = Section("character", "A character.", {
    "name": _f("string", "The character's name.", required=True),
    "role": _f("text", "Their job, e.g. Charge nurse."),
    "portrait": _f("string", "Portrait path under content/."),
})

SCENE = Section("scene", "A scene: narration, then choices, an activity or a plain next.", {
    "speaker": _f("string", "A character id; leave out for plain narration."),
    "background": _f("string", "Background art path under content/."),
    "sound": _f("string", "A sound cue name."),
    "text": _f("text", "The narration.", required=True),
    "time": minutes("Minutes it costs to be here (added on entering)."),
    "effects": _f("effects", "Run on entering the scene."),
    "choices": _f("list", "The student picks one.", of="choice", min_items=1),
    "activity": _f("section", "A task the student does, then goes to `next`.", of="activity"),
    "next": _f("target", "A plain Continue to this target."),
    "source": _f("source", "Cites a source by id (or a list of them)."),
})

CHOICE = Section("choice", "A choice.", {
    "id": _f("id", "Unique within the scene.", required=True),
    "text": _f("text", "The button's text.", required=True),
    "if": _f("condition", "Hidden (or shown locked) unless this holds."),
    "show_locked": _f("bool", "Show it disabled when 'if' is false.", default=False),
    "locked": _f("text", "Why it is locked."),
    "time": minutes(),
    "effects": _f("effects", "Run when it is taken."),
    "feedback": _f("text", "Shown before moving on."),
    "skills": _f("skills", "Employability skills the choice uses well: credited only when its effects move "
                           "no `judges` variable the wrong way."),
    "riasec": _f("riasec", "The kind of work the choice is (RIASEC area), never whether it was a good "
                           "decision: leave it off a poor choice.", choices=RIASEC),
    "next": _f("target", "Where it leads.", required=True),
    "source": _f("source", "Cites a source by id (or a list of them)."),
})

ACTIVITY = Section("activity", "A hands-on task graded by the engine.", {
    "kind": _f("enum", "What the student does (see the kinds below).", required=True),
    "prompt": _f("text", "The task, as the student reads it.", required=True),
    "time": minutes(),
    "pass": _f("number", "Score needed for correct.", default=1.0, lo=0, hi=1),
    "partial": _f("number", "Score needed for partial.", default=0.5, lo=0, hi=1),
    "feedback": _f("by_outcome", "Feedback for each outcome.", of="text"),
    "effects": _f("by_outcome", "Effects for each outcome.", of="effects"),
    "next": _f("target", "Where to go after the feedback: one target, or {correct: ..., partial: ..., "
                         "wrong: ...}.", of="by_outcome"),
    "explain": _f("text", "Why the right answer is right, shown afterwards."),
    "attempts": _f("int", "Tries the student gets: after a try that is not right, the next hint shows and "
                          "they try again; only the last try is graded (the first is kept for the teacher).",
                   default=1, lo=1, hi=5),
    "hints": _f("texts", "Hints shown one by one, after each try that is not right."),
    "skills": _f("skills", "Employability skills the task uses: credited when the (last) answer is correct "
                           "or partly correct, never when it is wrong."),
    "riasec": _f("riasec", "The kind of work the task is (RIASEC area), counted whatever the outcome.",
                 choices=RIASEC),
    "source": _f("source", "Cites a source by id (or a list of them)."),
})

EVENT = Section("event", "An event.", {
    "id": _f("id", "Unique among events.", required=True),
    "when": _f("condition", "Fires when this becomes true; checked on arriving at each scene.", required=True),
    "chance": _f("number", "A random event: probability, from the seeded RNG.", lo=0, hi=1),
    "repeat": _f("bool", "Fire again each time 'when' becomes true anew.", default=False),
    "text": _f("text", "A notice shown on the next view."),
    "effects": _f("effects", "Run when it fires."),
    "goto": _f("target", "Interrupt: go to this scene; its 'next: BACK' returns."),
})

ENDING = Section("ending", "An ending.", {
    "id": _f("id", "Unique among endings and scenes.", required=True),
    "if": _f("condition", "END picks the first ending whose 'if' holds."),
    "title": _f("text", "The ending's title.", required=True),
    "rating": _f("int", "Stars.", required=True, default=1, lo=1, hi=3),
    "text": _f("text", "What happened.", required=True),
    "debrief": _f("section", "The debrief shown at the ending.", of="debrief"),
})

DEBRIEF = Section("debrief", "The debrief shown at the ending.", {
    "went_well": _f("list", "What went well.", of="debrief_item"),
    "try_next": _f("list", "What to try next.", of="debrief_item"),
    "professional": _f("list", "What a professional would do.", of="debrief_item"),
    "reflection": _f("texts", "2-3 questions the student answers in their own words."),
})

DEBRIEF_ITEM = Section("debrief_item", "A debrief line: text, or {if, text} shown only when 'if' holds.", {
    "if": _f("condition", "Shown only when this holds."),
    "text": _f("text", "The line.", required=True),
})

SECTIONS = {s.name: s for s in (TOP, SOURCE, KIOSK, CLOCK, VARIABLE, CHARACTER, SCENE, CHOICE, ACTIVITY,
                                EVENT, ENDING, DEBRIEF, DEBRIEF_ITEM, ENJOY)}


def friendly_list(words) -> str:
    """a, b or c"""
    words = [str(w) for w in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def type_name(f: Field) -> str:
    """How the docs name a field's type."""
    if f.type == "enum":
        return friendly_list(f"`{c}`" for c in f.choices) if f.choices else "one of the kinds"
    if f.type in ("int", "number"):
        word = "whole number" if f.integer else "number"
        if f.lo is not None and f.hi is not None:
            return f"{word} {f.lo:g} to {f.hi:g}"
        return f"{word} ≥ {f.lo:g}" if f.lo is not None else word
    if f.type in ("list", "map"):
        return f"{'list' if f.type == 'list' else 'mapping'} of {f.of.replace('_', ' ')}"
    if f.type == "section":
        return "mapping"
    if f.type == "by_outcome":
        return f"{{correct, partial, wrong}}: {f.of}"
    if f.type == "target":
        return "target or {correct, partial, wrong}" if f.of == "by_outcome" else "target"
    return {"bool": "true/false", "value": "number or true/false", "ids": "list of ids", "numbers": "list of numbers", "texts": "list of texts", "string": "plain text",
            "source": "source id(s)", "skills": "list of skill ids", "riasec": "R I A S E C",
            "art": "names → paths"}.get(f.type, f.type)
