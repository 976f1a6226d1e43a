"""A play session: small JSON-ready state, a view for front ends, actions from them.

Content (the Simulation) is immutable; everything that changes lives in `self.state`,
plain data that saves as JSON. Same simulation + seed + actions = same state, anywhere.
"""
from __future__ import annotations

from . import saves
from .catalogue import career_view_cached, skill_view_cached
from .errors import ActionError, CatalogueError
from .expressions import Env
from .kinds import kind_of
from .model import Simulation
from .resultcode import make_result_code
from .rng import Rng
from .text import format_number, template

VIEW_FORMAT = 2  # 2: every kind lists its entries as `items` (1 had options, left/right, spots)
_CLOCK_FACE = [f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)]

__all__ = ["Session", "ActionError"]


class Session:
    """The host API: view(), act(action), and the shortcuts choose/answer/continue_."""

    def __init__(self, sim: Simulation, seed: int = 0, lang: str = "en", start: str | None = None):
        if lang not in sim.languages:
            lang = "en"
        if start is not None and not sim.has_scene(start):
            raise ValueError(f"no scene '{start}' in {sim.id}")
        self.sim = sim
        self.seed = int(seed)
        self.lang = lang
        self.start = start
        self.state = {
            "scene": None,
            "phase": "scene",
            "vars": {v.id: v.start for v in sim.variables},
            "time": 0,
            "visits": {},
            "chosen": {},
            "scores": {},
            "outcomes": {},
            "fired": [],
            "active": [],
            "rng": self.seed,
            "back": [],
            "pending": None,
            "feedback": None,
            "notices": [],
            "ending": None,
            "shown": {},
            "skills": {},  # every skill tag met, used well or not: saves' checks were made over it
            "riasec": {},  # the kinds of work done: each RIASEC area, per tagged choice or activity
            "answers": [],
            "step": 0,
            "log": [],
            # what result() reports; left out of saves' checks (engine/saves.py), which are older
            "evidence": [],  # each skill used well: {"skill", "scene", "how": good | right | partly}
            "chances": {},  # each RIASEC area: how many times it was on offer
        }
        self._scenes_at: list = []  # where each logged action was taken
        # each logged action's resume-code token, made as it is taken: the scene's tables are
        # at hand then, and every ending's view packs the whole log
        self._tokens: list = []
        self._env = _env_for(self.state)  # what expressions read; rebuilt only with the state
        self._enter(start or sim.start)
        self._check_events()

    # ---- the host API ---------------------------------------------------------------
    # The shortcuts go straight to their handler: the same checks and the same log as
    # act() with the action spelled out, without building and reading a mapping each step.
    def choose(self, choice_id: str) -> None:
        self._perform(Session._choose, choice_id)

    def answer(self, answer) -> None:
        self._perform(Session._answer, answer)

    def continue_(self) -> None:
        self._perform(Session._continue, None)

    def set_language(self, lang: str) -> None:
        if lang not in self.sim.languages:
            raise ActionError(f"this simulation has no '{lang}' text")
        self.lang = lang

    @property
    def ended(self) -> bool:
        return self.state["phase"] == "ending"

    @property
    def tokens(self) -> list:
        """Each logged action's resume-code token (engine/saves.py); read-only."""
        return self._tokens

    @property
    def scenes_at(self) -> list:
        """The scene each logged action was taken in (resume codes number choices and
        answers within their scene); read-only."""
        return self._scenes_at

    @property
    def scene(self) -> str:
        """The current scene's id."""
        return self.state["scene"]

    @property
    def phase(self) -> str:
        """"scene", "activity", "feedback" or "ending" — as in view()["phase"]."""
        return self.state["phase"]

    def choices(self) -> list:
        """The ids of the choices the student can take now (ink's `currentChoices`).

        A light host call for players that only need to know what is possible — tests,
        explorers, bots; front ends that draw use view()."""
        st = self.state
        if st["phase"] != "scene":
            return []
        scene_id = st["scene"]
        always = self.sim.open_choices.get(scene_id)
        if always is not None:
            return list(always)
        env = self._env
        return [cid for cid, test in self.sim.offers[scene_id] if test is None or test(env)]

    def can_continue(self) -> bool:
        phase = self.state["phase"]
        if phase == "feedback":
            return True
        return phase == "scene" and self.state["scene"] in self.sim.goes_on

    def act(self, action: dict) -> None:
        """Applies one action; on ActionError the session is unchanged.

        Its handler checks an action completely before it changes anything, so a refused
        action needs no undo. Only a fault in the content itself (a bug, not a student's
        mistake) can stop an action half-way; then the state is rebuilt from the log.
        """
        if not isinstance(action, dict) or not isinstance(action.get("type"), str):
            raise ActionError("an action is a mapping with a 'type'")
        kind = action["type"]
        handler = _HANDLERS.get(kind)
        if handler is None:
            if self.state["phase"] == "ending":
                raise ActionError("the simulation has ended")
            raise ActionError(f"unknown action type '{kind}'")
        self._perform(handler, action.get(_PAYLOAD[kind]))

    def _perform(self, handler, payload) -> None:
        """Runs one action's handler and logs what it returns (see act)."""
        st = self.state
        if st["phase"] == "ending":
            raise ActionError("the simulation has ended")
        scene_before = st["scene"]
        try:
            logged, token = handler(self, payload)
        except ActionError:
            raise
        except Exception as exc:
            self._rebuild()
            raise ActionError(f"that did not work: {exc}") from exc
        st["step"] += 1
        st["log"].append(logged)
        self._scenes_at.append(scene_before)
        self._tokens.append(token)

    def _rebuild(self) -> None:
        again = Session(self.sim, seed=self.seed, lang=self.lang, start=self.start)
        for entry, _scene in zip(self.state["log"], self._scenes_at):
            again.act(saves.action_from_log(entry))
        self.state, self._scenes_at, self._tokens = again.state, again._scenes_at, again._tokens
        self._env = again._env

    def copy(self) -> "Session":
        """An independent copy (explorers branch sessions with it)."""
        other = Session.__new__(Session)
        other.sim, other.seed, other.lang, other.start = self.sim, self.seed, self.lang, self.start
        # one level deep is enough: nested values are only replaced or appended, never edited
        other.state = {k: (v.copy() if isinstance(v, (dict, list)) else v) for k, v in self.state.items()}
        other._scenes_at = list(self._scenes_at)
        other._tokens = list(self._tokens)
        other._env = _env_for(other.state)  # the copy's expressions read the copy's state
        return other

    # ---- applying actions -----------------------------------------------------------
    # Each handler checks its action completely before it changes anything, and returns
    # what the log records and the action's resume-code token.
    def _choose(self, cid):
        st = self.state
        if st["phase"] != "scene":
            raise ActionError("there is no choice to make now")
        found = self.sim.choice(st["scene"], cid) if isinstance(cid, str) else None
        if found is None:
            raise ActionError(f"no choice '{cid}' here")
        index, choice = found
        if choice.condition is not None and not choice.condition.run(self._env):
            raise ActionError("that choice is not available yet")
        scene_id = st["scene"]
        st["notices"] = []
        self._count_chances(scene_id)
        st["time"] += choice.time
        harmed = self._run(choice.effects)
        st["chosen"][cid] = st["chosen"].get(cid, 0) + 1
        if choice.skills or choice.riasec:
            self._tally(choice.skills, choice.riasec, scene_id, None if harmed else "good")
        if choice.feedback is not None:
            st["phase"] = "feedback"
            st["feedback"] = {"type": "choice", "scene": scene_id, "choice": cid}
            st["pending"] = choice.next
        else:
            self._go(choice.next)
        return ["c", cid], saves.choice_token(index)

    def _answer(self, answer):
        st = self.state
        if st["phase"] != "activity":
            raise ActionError("there is no activity to answer now")
        scene = self.sim.scene(st["scene"])
        act = scene.activity
        kind = kind_of(act)
        given = kind.normalise(act, answer, self.lang)
        st["notices"] = []
        variables = self._model_vars()  # grading and a model's outputs read the same values
        value = kind.grade(act, given, variables)
        result = kind.outcome(act, value)
        if act.attempts > 1 and self._retry(scene.id, act, given, value, result):
            return ["a", given], saves.answer_token(act, given)
        for var, v in kind.sets(act, given, variables):  # a live model's outputs
            st["vars"][var] = self._fit(var, v)
        st["time"] += act.time
        st["scores"][scene.id] = round(value, 4)
        st["outcomes"][scene.id] = result
        self._run(act.effects_for(result))
        if act.riasec:
            st["chances"][act.riasec] = st["chances"].get(act.riasec, 0) + 1
        self._tally(act.skills, act.riasec, scene.id, _CREDIT.get(result))
        score = round(value, 4)
        row = {"scene": scene.id, "kind": act.kind, "answer": given, "score": score, "outcome": result}
        st["feedback"] = {"type": "activity", "scene": scene.id, "outcome": result, "score": score, "answer": given}
        if act.attempts > 1:  # item analysis wants the first try and the last
            tries = st["tries"].pop(scene.id, 0) + 1 if "tries" in st else 1
            first = st["first"].pop(scene.id, result) if "first" in st else result
            row.update(first_outcome=first, tries=tries)
            st["feedback"].update(first_outcome=first, tries=tries)
            st["retry"] = None
        st["answers"].append(row)
        st["phase"] = "feedback"
        st["pending"] = act.next_for(result)
        return ["a", given], saves.answer_token(act, given)

    def _continue(self, _payload):
        st = self.state
        phase = st["phase"]
        if phase == "feedback":
            st["notices"] = []
            target = st["pending"]
            st["pending"] = None
            st["feedback"] = None
            self._go(target)
            return ["n"], saves.CONTINUE_TOKEN
        scene = self.sim.scene(st["scene"])
        if phase == "scene" and not scene.choices and scene.next:
            st["notices"] = []
            self._go(scene.next)
            return ["n"], saves.CONTINUE_TOKEN
        raise ActionError("choose an option first" if phase == "scene" else "finish the activity first")

    def _retry(self, scene_id, act, given, value, result) -> bool:
        """A try that is not right, with tries left: the activity stays, with the next
        hint. The state keys appear only then, so older saves keep their check."""
        st = self.state
        if result == "correct":
            return False
        tries = st.setdefault("tries", {})
        if tries.get(scene_id, 0) + 1 >= act.attempts:
            return False
        tries[scene_id] = tries.get(scene_id, 0) + 1
        st.setdefault("first", {}).setdefault(scene_id, result)
        st["notices"] = []
        st["retry"] = {"scene": scene_id, "tried": tries[scene_id], "outcome": result, "score": round(value, 4),
                       "answer": given}
        return True

    def _model_vars(self) -> dict:
        """The variables (and the clock) a live model's expressions read."""
        return {**self.state["vars"], "time": self.state["time"]}

    def preview(self, answer) -> dict:
        """A live model's outputs and displays for inputs not yet committed: the front ends
        call it while the student drags. Nothing is logged and the state does not change;
        ActionError when there is no live activity or the inputs are not valid."""
        st = self.state
        if st["phase"] != "activity":
            raise ActionError("there is no activity to preview now")
        act = self.sim.scene(st["scene"]).activity
        kind = kind_of(act)
        live = kind.live(act, kind.normalise(act, answer, self.lang), self._model_vars(), self.lang, self.fill)
        if live is None:
            raise ActionError("this activity has nothing to preview")
        return live

    def _go(self, target: str) -> None:
        st = self.state
        if target == "END":
            self._end(self._pick_ending())
        elif target == "BACK":
            if st["back"]:
                scene_id, phase = st["back"].pop()
                st["scene"], st["phase"] = scene_id, phase
            else:
                self._end(self._pick_ending())
        elif self.sim.has_ending(target):
            self._end(target)
        else:
            self._enter(target)
            self._check_events()

    def _enter(self, scene_id: str) -> None:
        st = self.state
        scene = self.sim.scene(scene_id)
        st["scene"] = scene_id
        visits = st["visits"]
        visits[scene_id] = visits.get(scene_id, 0) + 1
        st["time"] += scene.time
        if scene.effects:
            self._run(scene.effects)
        if scene.activity is not None:
            st["phase"] = "activity"
            act = scene.activity
            rng = Rng(st["rng"])
            shown = kind_of(act).shown(act, rng)
            if shown is not None:
                st["rng"] = rng.state
                st["shown"][scene_id] = shown
        else:
            st["phase"] = "scene"

    def _end(self, ending_id: str) -> None:
        self.state["phase"] = "ending"
        self.state["ending"] = ending_id

    def _pick_ending(self) -> str:
        env = self._env
        for e in self.sim.endings:
            if e.condition is None or e.condition.run(env):
                return e.id
        return self.sim.endings[-1].id

    def _check_events(self) -> None:
        st = self.state
        if st["phase"] not in ("scene", "activity"):
            return
        env = self._env
        fired, active = st["fired"], st["active"]
        for event in self.sim.events:
            eid = event.id
            if not event.repeat and eid in fired:
                continue
            # An event fires when its condition *becomes* true: once it has been checked
            # true, it waits until the condition is false again (and a chance is rolled
            # once per rising edge, so "chance: 0.3" means a 30% chance it happens).
            if not event.when.run(env):
                if eid in active:
                    active.remove(eid)
                continue
            if eid in active:
                continue
            active.append(eid)
            if self._fire(event):
                return

    def _fire(self, event) -> bool:
        """An event whose condition has just become true: rolls its chance, then does what it
        says. True when it took the student elsewhere (later events wait for the next check)."""
        st = self.state
        if event.chance is not None:
            rng = Rng(st["rng"])
            roll = rng.random()
            st["rng"] = rng.state
            if roll >= event.chance:
                return False
        if event.id not in st["fired"]:
            st["fired"].append(event.id)
        self._run(event.effects)
        if event.text is not None:
            st["notices"].append(event.id)
        if not event.goto:
            return False
        if self.sim.has_ending(event.goto) or event.goto == "END":
            self._go(event.goto)
            return True
        st["back"].append([st["scene"], st["phase"]])
        if len(st["back"]) > 16:
            st["back"].pop(0)
        self._enter(event.goto)
        return True

    def _tally(self, skills, riasec, scene_id: str, how: str | None) -> None:
        """Counts the kind of work done, and credits each skill only where it was used well
        (`how`: a good choice, a right or partly right answer; None: no credit)."""
        st = self.state
        for s in skills:
            st["skills"][s] = st["skills"].get(s, 0) + 1
            if how:
                st["evidence"].append({"skill": s, "scene": scene_id, "how": how})
        if riasec:
            st["riasec"][riasec] = st["riasec"].get(riasec, 0) + 1

    def _count_chances(self, scene_id: str) -> None:
        """Each RIASEC area among the choices on offer counts one chance (riasec / chances is
        how often a student took that kind of work when they could)."""
        tagged, conditional, areas = self.sim.tagged[scene_id]
        if not tagged:
            return
        st = self.state
        if conditional:  # a roll() in a condition must not spend the dice
            peek = Env(st["vars"], st["visits"], st["chosen"], st["scores"], st["outcomes"],
                       lambda lo, hi: Rng(st["rng"]).randint(lo, hi), st)
            areas = dict.fromkeys(c.riasec for c in tagged if c.condition is None or c.condition.run(peek))
        chances = st["chances"]
        for area in areas:
            chances[area] = chances.get(area, 0) + 1

    # ---- expressions ----------------------------------------------------------------
    def _run(self, effects) -> bool:
        """Runs effects; True when one moved a `judges` variable the wrong way (a poor choice).
        Each effect applies itself (model.Effect.apply, made at load for its target)."""
        env = self._env
        harmed = False
        for eff in effects:
            if eff.apply(env):
                harmed = True
        return harmed

    def _fit(self, name: str, value):
        return self.sim.variable(name).fit(value)

    # ---- the view -------------------------------------------------------------------
    def fill(self, text: str, values: dict | None = None) -> str:
        """Puts variable values (the state's, or `values`) and the clock into a text's
        {placeholders}."""
        if "{" not in text:
            return text
        parts = template(text)
        values = self.state["vars"] if values is None else values
        out = []
        for literal, name in parts:
            out.append(literal)
            if name is None:
                continue
            if name == "clock":
                out.append(self._clock_text())
            elif name in values:
                out.append(format_number(values[name], self.lang, self._decimals().get(name)))
            else:
                out.append("{" + name + "}")
        return "".join(out)

    def _decimals(self) -> dict:
        """{variable: decimals} for variables an activity sets (a live model's output), the
        most any activity shows; other variables print as they are. Worked out once per
        simulation (kept with it: every session of it shares the table)."""
        derived = self.sim.derived
        places = derived.get("decimals")
        if places is None:
            places = {}
            for scene in self.sim.scenes:
                if scene.activity is not None:
                    for var, d in kind_of(scene.activity).sets_decimals(scene.activity).items():
                        places[var] = max(d, places.get(var, 0))
            derived["decimals"] = places
        return places

    def _t(self, text) -> str:
        return self.fill(text.get(self.lang)) if text is not None else ""

    def _clock_text(self) -> str:
        clock = self.sim.clock
        minutes = ((clock.start if clock else 0) + self.state["time"]) % (24 * 60)
        return _CLOCK_FACE[minutes]

    def _static(self, lang: str):
        """View parts that depend only on content, language and whether this is the kiosk
        cut: built once per simulation and kept with it."""
        sim = self.sim
        kiosk = bool(self.start) and self.start == sim.kiosk_start
        key = ("view", lang, kiosk)
        parts = sim.derived.get(key)
        if parts is None:
            only = sim.kiosk_meters if kiosk else None
            meters = [(v.id, v.label.get(lang), v.min, v.max, v.show, v.good) for v in sim.variables
                      if v.show != "hidden" and (only is None or v.id in only)]
            header = {"id": sim.id, "version": sim.version, "title": sim.title.get(lang),
                      "field": sim.field, "career": sim.career}
            parts = sim.derived[key] = (header, meters, {e.id: e for e in sim.events})
        return parts

    def view(self) -> dict:
        st = self.state
        sim = self.sim
        lang = self.lang
        scene = sim.scene(st["scene"])
        phase = st["phase"]
        header, meter_specs, events = self._static(lang)
        speaker = None
        if scene.speaker:
            ch = sim.character(scene.speaker)
            speaker = {"id": ch.id, "name": ch.name, "role": ch.role.get(lang), "portrait": ch.portrait}
        values = st["vars"]
        meters = [{"id": i, "label": label, "value": values[i], "min": lo, "max": hi, "show": show,
                   "good": good} for i, label, lo, hi, show, good in meter_specs]
        clock = None
        if sim.clock and sim.clock.show:
            limit = sim.clock.limit
            clock = {"time": self._clock_text(), "elapsed": st["time"], "limit": limit,
                     "left": max(0, limit - st["time"]) if limit else None}
        choices = []
        if phase == "scene" and scene.choices:
            env = self._env
            for c in scene.choices:
                ok = c.condition is None or bool(c.condition.run(env))
                if ok or c.show_locked:
                    choices.append({"id": c.id, "text": self._t(c.text), "enabled": ok,
                                    "locked": None if ok else (self._t(c.locked) or None)})
        can_continue = phase == "feedback" or (phase == "scene" and not scene.choices and bool(scene.next))
        # at an ending, the ending's text stands in for the last scene's
        ending = self._ending_view() if phase == "ending" else None
        return {
            "format": VIEW_FORMAT,
            "sim": dict(header),
            "lang": lang,
            "languages": list(sim.languages),
            "phase": phase,
            "scene": scene.id,
            "step": st["step"],
            "speaker": speaker,
            "background": scene.background,
            "sound": scene.sound,
            "text": ending["text"] if ending is not None else self._t(scene.text),
            "notices": [self._t(events[eid].text) for eid in st["notices"]],
            "meters": meters,
            "clock": clock,
            "choices": choices,
            "continue": can_continue,
            "activity": self._activity_view(scene) if phase == "activity" else None,
            "feedback": self._feedback_view() if phase == "feedback" else None,
            "ending": ending,
        }

    def _activity_view(self, scene) -> dict:
        act = scene.activity
        out = {"kind": act.kind, "prompt": self._t(act.prompt), "scene": scene.id}
        kind = kind_of(act)
        out.update(kind.view(act, self.state["shown"].get(scene.id), self._t, self.lang))
        retry = self.state.get("retry")
        if retry and retry["scene"] == scene.id:
            n = retry["tried"]
            hint = act.hints[min(n, len(act.hints)) - 1] if act.hints else None
            said = kind.diagnose(act, retry["answer"], self._model_vars())
            # the feedback speaks of this try: what it would set (a model's outputs) fills it
            tried = {var: self._fit(var, v) for var, v in kind.sets(act, retry["answer"], self._model_vars())}
            text = act.feedback_for(retry["outcome"])
            out["retry"] = {"tried": n, "attempts": act.attempts, "outcome": retry["outcome"],
                            "score": retry["score"], "answer": retry["answer"],
                            "feedback": self.fill(text.get(self.lang), {**self.state["vars"], **tried})
                            if text is not None else "",
                            "diagnosis": self._t(said) if said else "", "hint": self._t(hint) if hint else ""}
        start = kind.start(act)
        if start is not None:  # what to draw before the student moves anything (a live model)
            # a second try starts where the last one left the controls: the diagnosis and the
            # hint talk about that setting, and one knob can be fixed without redoing the rest
            given = out["retry"]["answer"] if "retry" in out else start
            out["live"] = kind.live(act, given, self._model_vars(), self.lang, self.fill)
        return out

    def _feedback_view(self) -> dict:
        fb = self.state["feedback"]
        scene = self.sim.scene(fb["scene"])
        if fb["type"] == "choice":
            choice = next(c for c in scene.choices if c.id == fb["choice"])
            return {"kind": "choice", "outcome": None, "score": None, "text": self._t(choice.feedback),
                    "explain": "", "correct": None, "choice": choice.id,
                    "sources": self._sources(choice.source)}
        act = scene.activity
        text = self._t(act.feedback_for(fb["outcome"]))
        if fb["outcome"] != "correct":  # what this wrong answer means, when the kind knows
            said = kind_of(act).diagnose(act, fb["answer"], self._model_vars())
            if said:
                text = f"{self._t(said)}\n\n{text}" if text else self._t(said)
        out = {"kind": act.kind, "outcome": fb["outcome"], "score": fb["score"],
                "text": text, "explain": self._t(act.explain),
                "correct": kind_of(act).right_answer(act, self.lang, fb["answer"]), "answer": fb["answer"],
                "sources": self._sources(act.source)}
        if "tries" in fb:
            out.update(first_outcome=fb["first_outcome"], tries=fb["tries"])
        return out

    def _sources(self, ids) -> list:
        table = {src.id: src for src in self.sim.sources}
        return [{"id": i, "title": table[i].title, "url": table[i].url} for i in ids if i in table]

    def _ending_view(self) -> dict:
        sim = self.sim
        ending = sim.ending(self.state["ending"])
        env = self._env

        def pick(items):
            return [self._t(it.text) for it in items if it.condition is None or it.condition.run(env)]

        tally = self.credited()  # the career's skills and the result both show it
        career, skills = self._career_facts(tally)
        return {
            "id": ending.id,
            "title": self._t(ending.title),
            "rating": ending.rating,
            "max_rating": 3,
            "text": self._t(ending.text),
            "debrief": {
                "went_well": pick(ending.went_well),
                "try_next": pick(ending.try_next),
                "professional": pick(ending.professional),
                "reflection": [self._t(t) for t in ending.reflection],
            },
            "career": career,
            "skills": skills,
            "enjoy": [{"id": e.id, "area": e.area, "text": self._t(e.text)} for e in sim.enjoy],
            "result": self._result(tally),
            "result_code": self._final_code(),
        }

    def credited(self) -> dict:
        """Each skill used well, and how many times (from the evidence)."""
        tally: dict = {}
        for e in self.state["evidence"]:
            tally[e["skill"]] = tally.get(e["skill"], 0) + 1
        return tally

    def _career_facts(self, tally: dict):
        """The career (built once per language: it never changes) and the skills used well
        (`tally`, from credited())."""
        cache = self.__dict__.setdefault("_career_cache", {})
        order = sorted(tally, key=lambda k: (-tally[k], k))
        try:
            if self.lang not in cache:
                cache[self.lang] = career_view_cached(self.sim.career, self.lang)
            skills = [{**skill_view_cached(s, self.lang), "count": tally[s]} for s in order]
            return cache[self.lang], skills
        except (CatalogueError, KeyError, OSError):
            return None, [{"id": s, "name": s, "count": tally[s]} for s in order]

    def _final_code(self) -> str:
        """The result code, packed once: nothing changes after an ending but the language."""
        key = (self.state["step"], self.lang)
        cached = self.__dict__.get("_code_cache")
        if not cached or cached[0] != key:
            self._code_cache = cached = (key, self.resume_code())
        return cached[1]

    def result(self) -> dict:
        """The summary teacher tools use; complete at an ending."""
        return self._result(self.credited())

    def _result(self, tally: dict) -> dict:
        """result(), given the skills used well (credited())."""
        st = self.state
        ending = self.sim.ending(st["ending"]) if st["ending"] else None
        return {
            "sim": self.sim.id,
            "version": self.sim.version,
            "ending": ending.id if ending else None,
            "title": ending.title.get("en") if ending else None,
            "rating": ending.rating if ending else None,
            "max_rating": 3,
            "variables": dict(st["vars"]),
            "skills": tally,
            "riasec": dict(st["riasec"]),
            "evidence": [dict(e) for e in st["evidence"]],
            "chances": dict(st["chances"]),
            "minutes": st["time"],
            "steps": st["step"],
            "activities": [{k: a[k] for k in ("scene", "kind", "score", "outcome", "first_outcome", "tries") if k in a}
                           for a in st["answers"]],
            "seed": self.seed,
        }

    # ---- saves ----------------------------------------------------------------------
    def save(self) -> str:
        return saves.save_session(self)

    @classmethod
    def restore(cls, sim: Simulation, text: str) -> "Session":
        return saves.restore_session(sim, text, cls)

    def resume_code(self) -> str:
        return saves.encode_resume_code(self)

    def result_code(self, name: str = "", assignment: str = "", played_seconds: int | None = None) -> str:
        """A result code binding the typed name, the assignment label and the real seconds
        played (engine/results.py); resume_code() stays the plain T1 code."""
        return make_result_code(self, name, assignment, played_seconds)

    @classmethod
    def from_resume_code(cls, sim: Simulation, code: str) -> "Session":
        return saves.decode_resume_code(sim, code, cls)


#: the skill credit an activity's outcome earns: a right or partly right answer
_CREDIT = {"correct": "right", "partial": "partly"}

#: Each action type's handler, (session, payload) -> what the log records, and the key of
#: the action that holds its payload.
_HANDLERS = {"choose": Session._choose, "answer": Session._answer, "continue": Session._continue}
_PAYLOAD = {"choose": "choice", "answer": "answer", "continue": "type"}


def _env_for(state: dict) -> Env:
    """What expressions read: the state's dicts, live, so one Env serves a state for as
    long as the session keeps it (copy and _rebuild, which replace it, make a new one)."""
    return Env(state["vars"], state["visits"], state["chosen"], state["scores"], state["outcomes"],
               _roller(state), state)


def _roller(state: dict):
    """roll(lo, hi) for expressions: spends the dice kept in `state`. It holds the state,
    not the session: a bound method here made a cycle (session -> Env -> session) that
    kept a kiosk visitor's whole session alive after the kiosk dropped it, until Python's
    cycle collector happened to run."""
    def roll(lo: int, hi: int) -> int:
        rng = Rng(state["rng"])
        value = rng.randint(lo, hi)
        state["rng"] = rng.state
        return value
    return roll
