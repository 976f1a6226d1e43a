"""Plays a simulation in a terminal: for authors, and for scripted runs in tests.

Every line typed is checked here before the session sees it; anything that is not a
valid answer gets one sentence in the player's language and the same prompt again.
The words come from content/ui.yaml (keys text_*), like the other players' words.
"""
from __future__ import annotations

import json
import re
import sys
import textwrap

from .catalogue import ui_text
from .errors import ActionError
from .session import Session
from .text import format_number

WIDTH = 76
QUIT_WORDS = {"q", "quit", "salir"}
# ASCII digits only: full-width or other scripts' digits are refused, not guessed at.
WHOLE_RE = re.compile(r"[0-9]{1,6}")
MAX_LINE = 2000       # longer lines are junk for any prompt; refused before parsing
MAX_JSON_DEPTH = 20   # json.loads recurses; deep nesting would otherwise raise RecursionError


class Refused(Exception):
    """A line the current prompt cannot use; the message is a sentence for the player."""


def _numbers(line: str) -> list[int] | None:
    """`line` as whole numbers (commas or spaces between), or None if it is anything else."""
    parts = line.replace(",", " ").split()
    if not parts or not all(WHOLE_RE.fullmatch(p) for p in parts):
        return None
    return [int(p) for p in parts]


# ---- one handler per activity kind: (show the items and hint, parse a typed line) ----------
def _list(player, rows, hint_key):
    for n, text in enumerate(rows, 1):
        player.say(f"  {n}. {text}")
    player.say(player.t(hint_key))


def _picks(player, line, pool, need_all):
    nums = _numbers(line)
    n = len(pool)
    ok = (nums is not None and all(1 <= x <= n for x in nums) and len(set(nums)) == len(nums)
          and (len(nums) == n if need_all else len(nums) >= 1))
    if not ok:
        raise Refused(player.t("text_order_all" if need_all else "text_pick_some", n=n))
    return [pool[x - 1]["id"] for x in nums]


def show_order(player, a):
    _list(player, [it["text"] for it in a["items"]], "text_order_hint")


def parse_order(player, a, line):
    return _picks(player, line, a["items"], need_all=True)


def show_numeric(player, a):
    player.say(player.t("text_number_unit", unit=a["unit"]) if a["unit"] else player.t("text_number"))


def parse_numeric(player, a, line):
    # sent as typed: the engine reads it the language's way, or says why it cannot
    if not any(c.isdigit() for c in line):
        raise Refused(player.t("need_number"))
    return line.strip()


def show_multi(player, a):
    _list(player, [it["text"] for it in a["items"]], "text_multi_hint")


def parse_picks(player, a, line):
    """multi and hotspot: the numbers of the items picked."""
    return _picks(player, line, a["items"], need_all=False)


def show_hotspot(player, a):
    _list(player, [it["text"] for it in a["items"]], "text_hotspot_hint")


def show_match(player, a):
    for n, it in enumerate(a["items"], 1):
        player.say(f"  {n}. {it['text']}")
    for n, it in enumerate(a["matches"]):
        player.say(f"  {chr(97 + n)}. {it['text']}")
    player.say(player.t("text_match_hint"))


def parse_match(player, a, line):
    items, matches = a["items"], a["matches"]
    parts = line.lower().replace(",", " ").split()
    if len(parts) == 1 and len(parts[0]) == len(items):
        parts = list(parts[0])  # "bac" is read as "b a c"
    letters = [chr(97 + n) for n in range(len(matches))]
    if len(parts) != len(items) or not all(p in letters for p in parts):
        raise Refused(player.t("text_match_letters", n=len(items), last=letters[-1] if letters else "a"))
    return {it["id"]: matches[letters.index(p)]["id"] for it, p in zip(items, parts)}


def show_allocate(player, a):
    unit, lang = a["unit"], player.session.lang
    player.say(f"{player.t('budget')}: {format_number(a['budget'], lang, 2)} {unit}")
    for n, it in enumerate(a["items"], 1):
        player.say(f"  {n}. {it['text']} — {format_number(it['cost'], lang, 2)} {unit} {player.t('text_each')} "
                   f"{player.t('max_n', n=it['max'])}")
    for g in a["goals"]:
        player.say(f"  {player.t('goal')}: {g['label']}")
    player.say(player.t("text_allocate_hint"))


def parse_allocate(player, a, line):
    nums = _numbers(line)
    items = a["items"]
    if nums is None or len(nums) != len(items) or any(q > it["max"] for q, it in zip(nums, items)):
        raise Refused(player.t("text_allocate_counts", n=len(items)))
    return {it["id"]: q for it, q in zip(items, nums)}


class Shown(Exception):
    """Lines to show without acting: a live model's outputs after `set`."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = lines


def _model_inputs(player, a) -> dict:
    """The inputs the student has set in this model so far: they start where the view's
    live model is (the start, or on a second try the last try's setting)."""
    key = (a["scene"], player.session.state["step"])
    if getattr(player, "_model_key", None) != key:
        player._model_key, player._model_set = key, dict(a["live"]["inputs"])
    return player._model_set


def _model_lines(player, a, live) -> list:
    lines = []
    for i in a["inputs"]:
        v = live["inputs"][i["id"]]
        if i["control"] == "options":
            shown = next(o["text"] for o in i["options"] if o["id"] == v)
            rng = " / ".join(o["id"] for o in i["options"])
        else:  # numbers the way the language writes them, so typing one back reads the same
            num = lambda x: format_number(x, player.session.lang, i["decimals"])  # noqa: E731
            shown = f"{num(v)} {i['unit']}".strip()
            rng = f"{num(i['min'])}..{num(i['max'])}, {num(i['step'])}"
        lines.append(f"  {i['id']} = {shown}   ({i['label']}: {rng})")
    for o, val in zip(a["outputs"], live["outputs"]):
        lines.append(f"  · {o['label']}: {val['text']} {o['unit']}".rstrip())
    for spec, d in zip(a["displays"], live["displays"]):
        if d["type"] == "control":
            lines += _control_lines(player, spec, d)
    lines.append(f"  {player.t('model_goal_' + live['goal']['state'])}: {a['goal']}")
    return lines


def _control_lines(player, spec, d) -> list:
    """A control chart as the terminal shows it: its limits, then one row per sample."""
    unit = f" {spec['unit']}" if spec['unit'] else ""
    title = player.t("model_control", label=spec["label"], centre=d["centre_text"] + unit,
                     lower=d["lower_text"], upper=d["upper_text"] + unit)
    lines = [f"  {title}"]
    for p in d["points"]:
        mark = f"  <- {player.t('model_control_out')}" if p["out"] else ""
        lines.append(f"    {player.t('model_sample')} {p['x_text']}: {p['y_text']}{unit}{mark}")
    if d["first_out"] is not None:
        lines.append(f"  {player.t('model_control_first', n=d['first_out'])}")
    else:
        lines.append(f"  {player.t('model_control_none')}")
    return lines


def _model_example(a, lang: str) -> str:
    """`set <input> <value>` for the first input, its value typed the way the language writes it."""
    first = a["inputs"][0]
    if first["options"]:
        return f"{first['id']} {first['options'][-1]['id']}"
    return f"{first['id']} {format_number(first['max'], lang, first['decimals'])}"


def show_model(player, a):
    for line in _model_lines(player, a, player.session.preview(_model_inputs(player, a))):
        player.say(line)
    player.say(player.t("text_model_hint", example=_model_example(a, player.session.lang)))


def parse_model(player, a, line):
    inputs = _model_inputs(player, a)
    words = line.split()
    if words and words[0].lower() in ("done", "ok"):
        return dict(inputs)
    if len(words) < 3 or words[0].lower() != "set" or words[1] not in inputs:
        raise Refused(player.t("text_model_set", example=_model_example(a, player.session.lang)))
    trial = {**inputs, words[1]: " ".join(words[2:])}  # "set rpm 6 112": the engine reads the number
    live = player.session.preview(trial)  # ActionError (out of range...) is said as a refusal
    inputs.update(live["inputs"])  # kept on the input's steps, as the engine keeps them
    raise Shown(_model_lines(player, a, live))


# The terminal's side of each activity kind, in the order of the engine's registry
# (engine.kinds.NAMES); a test checks that both name the same kinds.
ACTIVITY_PROMPTS = {
    "order": (show_order, parse_order),
    "sequence": (show_order, parse_order),
    "numeric": (show_numeric, parse_numeric),
    "multi": (show_multi, parse_picks),
    "match": (show_match, parse_match),
    "hotspot": (show_hotspot, parse_picks),
    "allocate": (show_allocate, parse_allocate),
    "model": (show_model, parse_model),
}


class TextPlayer:
    """Renders views as text; reads actions typed by a person or from a script."""

    def __init__(self, session: Session, read_line, write):
        self.session = session
        self.read_line = read_line
        self.write = write

    def t(self, key: str, **values) -> str:
        return ui_text(key, self.session.lang, **values)

    def say(self, text: str = "") -> None:
        for para in str(text).split("\n"):
            self.write((textwrap.fill(para, WIDTH) if para else "") + "\n")

    def show(self, view: dict) -> None:
        self.say()
        if view["clock"]:
            self.say(f"[{view['clock']['time']}]")
        if view["meters"]:
            lang = self.session.lang
            self.say("  ".join(f"{m['label']}: {format_number(m['value'], lang)}"
                               + (f"/{format_number(m['max'], lang)}" if m["show"] == "meter" else "")
                               for m in view["meters"]))
        for notice in view["notices"]:
            self.say(f"! {notice}")
        if view["phase"] == "ending":
            self.show_ending(view["ending"])
            return
        if view["speaker"]:
            self.say(f"{view['speaker']['name']} ({view['speaker']['role']}):")
        self.say(view["text"])
        if view["phase"] == "feedback":
            fb = view["feedback"]
            if fb["outcome"]:
                word = {"correct": "correct", "partial": "partly_correct"}.get(fb["outcome"], "not_quite")
                self.say(f"-> {self.t(word)} ({self.t('score', n=round(fb['score'] * 100))})")
            if fb["text"]:
                self.say(fb["text"])
            if fb["correct"] and fb["correct"]["display"]:  # null after a choice
                self.say(f"{self.t('the_right_answer')}:")
                for line in fb["correct"]["display"]:
                    self.say(f"  {line}")
            if fb["explain"]:
                self.say(fb["explain"])
        elif view["phase"] == "activity":
            a = view["activity"]
            if "retry" in a:  # the try before was not right: what it means, the next hint
                r = a["retry"]
                word = "partly_correct" if r["outcome"] == "partial" else "not_quite"
                self.say(f"-> {self.t(word)}. {self.t('retry_tries', n=r['tried'] + 1, attempts=r['attempts'])}")
                for line in (r["diagnosis"], r["feedback"]):
                    if line:
                        self.say(line)
                if r["hint"]:
                    self.say(f"{self.t('retry_hint')}: {r['hint']}")
            self.say(f"* {a['prompt']}")
            show, _parse = ACTIVITY_PROMPTS[a["kind"]]
            show(self, a)
        elif view["choices"]:
            for n, c in enumerate(view["choices"], 1):
                lock = "" if c["enabled"] else f"  ({self.t('canvas_locked')}: {c['locked'] or '-'})"
                self.say(f"  {n}. {c['text']}{lock}")

    def show_ending(self, e: dict) -> None:
        self.say(f"=== {e['title']} {'*' * e['rating']}{'.' * (e['max_rating'] - e['rating'])} ===")
        self.say(e["text"])
        for key, label in (("went_well", "what_went_well"), ("try_next", "try_next"),
                           ("professional", "what_a_pro_would_do"), ("reflection", "reflection")):
            if e["debrief"][key]:
                self.say(f"{self.t(label)}:")
                for line in e["debrief"][key]:
                    self.say(f"  - {line}")
        if e["career"]:  # null when content/ could not be read
            c = e["career"]
            self.say(f"{self.t('text_career')}: {c['title']} — {c['wage']['display']}")
            self.say(c["description"])
            if c["attribution"]:
                self.say(c["attribution"])
        self.say(f"{self.t('cert_code')} {e['result_code']}")

    def parse(self, view: dict, line: str) -> dict:
        """The action a typed line stands for; Refused (with a sentence) if it stands for none."""
        line = line.strip()
        if len(line) > MAX_LINE:
            raise Refused(self.t("text_not_understood"))
        if line.startswith("{"):
            return self._json_action(line)
        if view["phase"] == "feedback" or (view["continue"] and not line):
            return {"type": "continue"}
        if view["phase"] == "scene":
            choices = view["choices"]
            nums = _numbers(line)
            if not choices or nums is None or len(nums) != 1 or not 1 <= nums[0] <= len(choices):
                if not choices:
                    raise Refused(self.t("text_enter_only" if view["continue"] else "text_not_understood"))
                raise Refused(self.t("text_pick_choice", n=len(choices)))
            choice = choices[nums[0] - 1]
            if not choice["enabled"]:
                raise Refused(self.t("text_choice_locked"))
            return {"type": "choose", "choice": choice["id"]}
        a = view["activity"]
        _show, parse = ACTIVITY_PROMPTS[a["kind"]]
        return {"type": "answer", "answer": parse(self, a, line)}

    def _json_action(self, line: str) -> dict:
        """A line of JSON is an action as the host API takes it (scripts name choices by id)."""
        if line.count("{") + line.count("[") > MAX_JSON_DEPTH:
            raise Refused(self.t("text_not_understood"))
        try:
            action = json.loads(line)
        except ValueError:
            raise Refused(self.t("text_not_understood")) from None
        if not isinstance(action, dict):
            raise Refused(self.t("text_not_understood"))
        return action

    def run(self) -> int:
        first = True
        while True:
            view = self.session.view()
            self.show(view)
            if view["phase"] == "ending":
                return 0
            if first:
                self.say(self.t("text_quit_hint"))
                first = False
            while True:
                self.write(self.t("text_press_enter") if view["continue"] else "> ")
                line = self.read_line()
                if line is None or line.strip().lower() in QUIT_WORDS:
                    self.say()
                    self.say(self.t("text_stopped"))
                    self.write(self.session.resume_code() + "\n")  # unwrapped: it is copied whole
                    return 0
                try:
                    self.session.act(self.parse(view, line))
                    break
                except Refused as exc:
                    self.say(f"?? {exc}")
                except Shown as exc:
                    for shown in exc.lines:
                        self.say(shown)
                except ActionError as exc:
                    self.say(f"?? {self.t('action_refused', reason=exc)}")


def run_terminal(session: Session, script=None) -> int:
    """Plays in this terminal; `script` is a file of input lines (or '-' for stdin).

    In a script, lines starting with '#' are comments and are skipped.
    """
    lines = None
    if script is not None:
        stream = sys.stdin if script == "-" else open(script, encoding="utf-8")
        lines = iter([ln for ln in stream.read().splitlines() if not ln.lstrip().startswith("#")])

    def read_line():
        if lines is not None:
            line = next(lines, None)
            if line is not None:
                sys.stdout.write(line + "\n")
            return line
        try:
            return input()
        except (EOFError, KeyboardInterrupt):
            return None

    def write(s):
        sys.stdout.write(s)
        sys.stdout.flush()

    return TextPlayer(session, read_line, write).run()
