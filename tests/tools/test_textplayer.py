"""The terminal player: survives any line at any prompt, speaks the chosen language."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import load_simulation
from engine.catalogue import ui_text
from engine.kinds import NAMES
from engine.session import Session
from engine.textplayer import ACTIVITY_PROMPTS, TextPlayer

ROOT = Path(__file__).resolve().parents[2]
SIM_FILES = sorted((ROOT / "simulations").rglob("*.yaml"))
_SIMS: dict = {}


def sim(path):
    if path not in _SIMS:
        _SIMS[path] = load_simulation(path)
    return _SIMS[path]


def test_one_prompt_handler_per_engine_kind():
    assert tuple(ACTIVITY_PROMPTS) == NAMES  # the engine's registry of activity kinds, in its order


class Script:
    """Feeds fixed lines; records what the player wrote."""

    def __init__(self, session, lines):
        self.lines = list(lines)
        self.out = []
        self.player = TextPlayer(session, self.read, self.out.append)

    def read(self):
        return self.lines.pop(0) if self.lines else None

    def text(self):
        return "".join(self.out)


def reach(session, kind):
    """Plays first choices / continues until an activity of `kind` is on screen."""
    for _ in range(500):
        v = session.view()
        if v["phase"] == "activity" and v["activity"]["kind"] == kind:
            return v
        if v["phase"] == "ending":
            return None
        if v["continue"]:
            session.continue_()
        elif v["phase"] == "scene":
            session.choose(next(c["id"] for c in v["choices"] if c["enabled"]))
        else:  # another activity: any well-formed answer moves on
            session.act({"type": "answer", "answer": valid_answer(v["activity"])})
    return None


def valid_answer(a):
    kind = a["kind"]
    if kind in ("order", "sequence"):
        return [i["id"] for i in a["items"]]
    if kind == "numeric":
        return "1"
    if kind in ("multi", "hotspot"):
        return [a["items"][0]["id"]]
    if kind == "match":
        return {le["id"]: a["matches"][0]["id"] for le in a["items"]}
    if kind == "model":
        return {}  # every input at its start
    return {i["id"]: 0 for i in a["items"]}


def session_at(kind, lang="en"):
    for path in SIM_FILES:
        s = Session(sim(path), seed=1, lang=lang)
        if reach(s, kind):
            return s
    pytest.skip(f"no simulation has a {kind} activity")


@pytest.mark.parametrize("kind,line,message", [
    ("order", "0 1 2", "Use every number from 1 to"),
    ("order", "1 1", "Use every number from 1 to"),
    ("order", "", "Use every number from 1 to"),
    ("order", "9" * 5000, "I did not understand that."),
    ("order", "9" * 500, "Use every number from 1 to"),
    ("order", "１ ２", "Use every number from 1 to"),       # full-width digits
    ("match", "z z z", "letters from a to"),
    ("match", "", "letters from a to"),
    ("match", "ß", "letters from a to"),
    ("match", "a", "letters from a to"),
    ("multi", "0", "one or more numbers from 1 to"),
    ("multi", "", "one or more numbers from 1 to"),
    ("hotspot", "1 1", "one or more numbers from 1 to"),
    ("numeric", "", "Type a number"),
    ("numeric", "nan", "Type a number"),
    ("numeric", "1e999", "Type a number"),
    ("numeric", "٣", "Type a number"),
    ("allocate", "-1", "whole numbers"),
    ("allocate", "99999999999", "whole numbers"),
    ("allocate", "", "whole numbers"),
    ("model", "set", "like: set"),
    ("model", "set nothing 1", "like: set"),
    ("model", "9" * 500, "like: set"),
])
def test_junk_is_refused_with_a_sentence_and_asked_again(kind, line, message):
    s = session_at(kind)
    step = s.state["step"]
    run = Script(s, [line])
    assert run.player.run() == 0          # then EOF: stops with a resume code
    out = run.text()
    refusals = [ln for ln in out.splitlines() if ln.startswith("> ?? ")]
    assert len(refusals) == 1 and message in refusals[0], out[-400:]
    assert s.state["step"] == step         # nothing was applied
    assert out.count("> ") == 2            # asked again after the refusal


def test_zero_and_out_of_range_choice_numbers_are_refused():
    s = Session(sim(SIM_FILES[0]), seed=1)
    while s.view()["continue"]:
        s.continue_()
    n = len(s.view()["choices"])
    run = Script(s, ["0", str(n + 1), "1.5", "{" * 500, '{"type": 3}', "[1]"])
    run.player.run()
    out = run.text()
    assert out.count(f"?? Type one of the numbers shown, from 1 to {n}.") == 4
    assert out.count("?? I did not understand that.") == 1
    assert out.count("?? That can't be done right now") == 1


def test_spanish_prompts_under_lang_es():
    s = session_at("order", lang="es")
    run = Script(s, ["0"])
    run.player.run()
    out = run.text()
    assert ui_text("text_order_hint", "es") in out
    assert "?? " + ui_text("text_order_all", "es", n=len(s.view()["activity"]["items"])) in out
    assert ui_text("text_stopped", "es") in out
    assert "Type" not in out


def test_typing_at_a_continue_prompt_says_to_press_enter():
    s = next(s for s in (Session(sim(p), seed=1) for p in SIM_FILES) if s.view()["continue"])
    run = Script(s, ["1"])
    run.player.run()
    assert "?? Press Enter with nothing typed to go on." in run.text()


def test_a_good_line_still_plays():
    s = session_at("order")
    n = len(s.view()["activity"]["items"])
    run = Script(s, [" ".join(str(i) for i in range(n, 0, -1))])
    run.player.run()
    assert s.state["phase"] == "feedback"


def test_q_stops_with_a_resume_code():
    s = Session(sim(SIM_FILES[0]), seed=1)
    run = Script(s, ["q"])
    run.player.run()
    code = run.text().strip().splitlines()[-1]
    assert Session.from_resume_code(s.sim, code).state["step"] == 0


# ---- property: random lines at every prompt of every simulation never make a traceback ------
def good_line(view, data):
    """A line that the prompt on screen accepts (moves the play on)."""
    if view["continue"]:
        return ""
    if view["phase"] == "scene":
        enabled = [n for n, c in enumerate(view["choices"], 1) if c["enabled"]]
        return str(data.draw(st.sampled_from(enabled)))
    a = view["activity"]
    kind = a["kind"]
    if kind in ("order", "sequence"):
        perm = data.draw(st.permutations(range(1, len(a["items"]) + 1)))
        return " ".join(map(str, perm))
    if kind == "numeric":
        return str(data.draw(st.integers(-100, 10_000)))
    if kind in ("multi", "hotspot"):
        picks = data.draw(st.sets(st.integers(1, len(a["items"])), min_size=1))
        return " ".join(map(str, sorted(picks)))
    if kind == "match":
        return " ".join(data.draw(st.sampled_from("abcdefghij"[:len(a["matches"])])) for _ in a["items"])
    if kind == "model":  # `set` a knob now and then; `done` commits
        i = data.draw(st.sampled_from(a["inputs"]))
        value = data.draw(st.sampled_from([o["id"] for o in i["options"]])) if i["options"] else i["max"]
        return data.draw(st.sampled_from([f"set {i['id']} {value}", "done"]))
    return " ".join(str(data.draw(st.integers(0, it["max"]))) for it in a["items"])


JUNK = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789 ,-.abcz{}[]\":", max_size=30),
    st.integers(-10**30, 10**30).map(str),
    st.lists(st.integers(-3, 12), max_size=12).map(lambda xs: " ".join(map(str, xs))),
    st.sampled_from(["", " ", "q!", "{}", '{"type":"answer","answer":null}', "١٢", "１", "\u202e1",
                     "nan", "inf", "1e400", "9" * 5000, "{" * 100]),
)

CASES = [(p, lang, cut) for p in SIM_FILES for lang in ("en", "es") for cut in (False, True)]


@pytest.mark.parametrize("path,lang,cut", CASES,
                         ids=[f"{p.stem}-{lang}-{'kiosk' if cut else 'full'}" for p, lang, cut in CASES])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_lines_never_crash_the_terminal_player(path, lang, cut, data):
    simulation = sim(path)
    if cut and not simulation.kiosk_start:
        return
    session = Session(simulation, seed=data.draw(st.integers(0, 2**31 - 1)), lang=lang,
                      start=simulation.kiosk_start if cut else None)
    reads = [0]

    def read():
        reads[0] += 1
        if reads[0] > 400:
            return None
        if data.draw(st.booleans()):
            return data.draw(JUNK)
        return good_line(session.view(), data)

    out = []
    assert TextPlayer(session, read, out.append).run() == 0
    assert "Traceback" not in "".join(out)
