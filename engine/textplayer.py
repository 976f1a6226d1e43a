"""Plays a simulation in a terminal: for authors, and for scripted runs in tests."""
from __future__ import annotations

import json
import sys
import textwrap

from .errors import ActionError
from .session import Session

WIDTH = 76


class TextPlayer:
    """Renders views as text; reads actions typed by a person or from a script."""

    def __init__(self, session: Session, read_line, write):
        self.session = session
        self.read_line = read_line
        self.write = write

    def say(self, text: str = "") -> None:
        for para in str(text).split("\n"):
            self.write((textwrap.fill(para, WIDTH) if para else "") + "\n")

    def show(self, view: dict) -> None:
        self.say()
        if view["clock"]:
            self.say(f"[{view['clock']['time']}]")
        if view["meters"]:
            self.say("  ".join(f"{m['label']}: {m['value']}" + (f"/{m['max']}" if m["show"] == "meter" else "")
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
                self.say(f"-> {fb['outcome'].upper()} (score {fb['score']:.0%})")
            if fb["text"]:
                self.say(fb["text"])
            if fb.get("correct") and fb["correct"]["display"]:
                self.say("The right answer:")
                for line in fb["correct"]["display"]:
                    self.say(f"  {line}")
            if fb.get("explain"):
                self.say(fb["explain"])
        elif view["phase"] == "activity":
            self.show_activity(view["activity"])
        elif view["choices"]:
            for n, c in enumerate(view["choices"], 1):
                lock = "" if c["enabled"] else f"  (locked: {c['locked'] or '-'})"
                self.say(f"  {n}. {c['text']}{lock}")

    def show_activity(self, a: dict) -> None:
        self.say(f"* {a['prompt']}")
        kind = a["kind"]
        if kind in ("order", "sequence"):
            for n, it in enumerate(a["items"], 1):
                self.say(f"  {n}. {it['text']}")
            self.say("Type the numbers in the right order, like: 2 1 3")
        elif kind == "numeric":
            self.say(f"Type a number ({a['unit']})" if a["unit"] else "Type a number")
        elif kind == "multi":
            for n, it in enumerate(a["options"], 1):
                self.say(f"  {n}. {it['text']}")
            self.say("Type the numbers of every right option, like: 1 3")
        elif kind == "hotspot":
            for n, it in enumerate(a["spots"], 1):
                self.say(f"  {n}. {it['label']}")
            self.say("Type the numbers of every spot with a problem, like: 1 3")
        elif kind == "match":
            for n, it in enumerate(a["left"], 1):
                self.say(f"  {n}. {it['text']}")
            for n, it in enumerate(a["right"]):
                self.say(f"  {chr(97 + n)}. {it['text']}")
            self.say("Type a letter for each number in order, like: b a c")
        elif kind == "allocate":
            self.say(f"Budget: {a['budget']:g} {a['unit']}")
            for n, it in enumerate(a["items"], 1):
                self.say(f"  {n}. {it['text']} — {it['cost']:g} {a['unit']} each (up to {it['max']})")
            for g in a["goals"]:
                self.say(f"  goal: {g['label']}")
            self.say("Type how many of each, in order, like: 3 2")

    def show_ending(self, e: dict) -> None:
        self.say(f"=== {e['title']} {'*' * e['rating']}{'.' * (e['max_rating'] - e['rating'])} ===")
        self.say(e["text"])
        for key, label in (("went_well", "What went well"), ("try_next", "Try next"),
                           ("professional", "What a professional would do"),
                           ("reflection", "Think about it")):
            if e["debrief"][key]:
                self.say(f"{label}:")
                for line in e["debrief"][key]:
                    self.say(f"  - {line}")
        if e.get("career"):
            c = e["career"]
            self.say(f"Career: {c['title']} — {c['wage']['display']}")
            self.say(c["description"])
            if c.get("attribution"):
                self.say(c["attribution"])
        self.say(f"Result code: {e['result_code']}")

    def parse(self, view: dict, line: str) -> dict:
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
        if view["phase"] == "feedback" or (view["continue"] and not line):
            return {"type": "continue"}
        if view["phase"] == "scene":
            n = int(line) - 1
            if not 0 <= n < len(view["choices"]):
                raise ActionError("pick one of the numbers shown")
            return {"type": "choose", "choice": view["choices"][n]["id"]}
        a = view["activity"]
        parts = line.replace(",", " ").split()
        kind = a["kind"]
        if kind == "numeric":
            return {"type": "answer", "answer": line}
        if kind in ("order", "sequence", "multi", "hotspot"):
            pool = a["items"] if kind in ("order", "sequence") else (a["options"] if kind == "multi" else a["spots"])
            return {"type": "answer", "answer": [pool[int(p) - 1]["id"] for p in parts]}
        if kind == "match":
            return {"type": "answer", "answer": {
                a["left"][n]["id"]: a["right"][ord(p.lower()) - 97]["id"] for n, p in enumerate(parts)}}
        if kind == "allocate":
            return {"type": "answer", "answer": {it["id"]: int(p) for it, p in zip(a["items"], parts)}}
        raise ActionError("unknown activity")

    def run(self) -> int:
        while True:
            view = self.session.view()
            self.show(view)
            if view["phase"] == "ending":
                return 0
            prompt = "[Enter to continue] " if view["continue"] else "> "
            self.write(prompt)
            line = self.read_line()
            if line is None:
                self.say("\n(stopped; your save code is below)")
                self.say(self.session.resume_code())
                return 0
            if line.strip() in ("q", "quit"):
                self.say(f"Resume code: {self.session.resume_code()}")
                return 0
            try:
                self.session.act(self.parse(view, line))
            except (ActionError, ValueError, IndexError, KeyError) as exc:
                self.say(f"?? {exc if isinstance(exc, ActionError) else 'I did not understand that.'}")


def run_terminal(session: Session, script=None) -> int:
    """Plays in this terminal; `script` is a file of input lines (or '-' for stdin)."""
    lines = None
    if script is not None:
        stream = sys.stdin if script == "-" else open(script, encoding="utf-8")
        lines = iter(stream.read().splitlines())

    def read_line():
        if lines is not None:
            line = next(lines, None)
            if line is not None:
                sys.stdout.write(line + "\n")
            return line
        try:
            return input()
        except EOFError:
            return None

    def write(s):
        sys.stdout.write(s)
        sys.stdout.flush()

    return TextPlayer(session, read_line, write).run()
