"""A play session: small JSON-ready state, a view for front ends, actions from them.

Content (the Simulation) is immutable; everything that changes lives in `self.state`,
plain data that saves as JSON. Same simulation + seed + actions = same state, anywhere.
"""
from __future__ import annotations

import re

from . import grading
from .expressions import Env
from .grading import ActionError
from .model import Simulation
from .rng import Rng

VIEW_FORMAT = 1
_APPEND_ONLY = ("log", "answers", "fired")
PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

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
            "skills": {},
            "riasec": {},
            "answers": [],
            "step": 0,
            "log": [],
        }
        self._tokens: list = []  # the log, packed for resume codes as it grows
        self._enter(start or sim.start)
        self._check_events()

    # ---- the host API ---------------------------------------------------------------
    def choose(self, choice_id: str) -> None:
        self.act({"type": "choose", "choice": choice_id})

    def answer(self, answer) -> None:
        self.act({"type": "answer", "answer": answer})

    def continue_(self) -> None:
        self.act({"type": "continue"})

    def set_language(self, lang: str) -> None:
        if lang not in self.sim.languages:
            raise ActionError(f"this simulation has no '{lang}' text")
        self.lang = lang

    @property
    def ended(self) -> bool:
        return self.state["phase"] == "ending"

    def act(self, action: dict) -> None:
        """Applies one action; on ActionError the session is unchanged."""
        if not isinstance(action, dict) or not isinstance(action.get("type"), str):
            raise ActionError("an action is a mapping with a 'type'")
        st = self.state
        # A cheap snapshot: lists that only grow are cut back to their length; the rest
        # are copied one level deep (nested values are only replaced, never edited).
        grown = {k: len(st[k]) for k in _APPEND_ONLY}
        saved = {k: (v.copy() if isinstance(v, (dict, list)) else v)
                 for k, v in st.items() if k not in _APPEND_ONLY}
        scene_before = st["scene"]
        try:
            logged = self._apply(action)
        except Exception as exc:
            for k, n in grown.items():
                del st[k][n:]
            st.update(saved)
            if isinstance(exc, ActionError):
                raise
            raise ActionError(f"that did not work: {exc}") from exc  # a content bug
        st["step"] += 1
        st["log"].append(logged)
        from .saves import _encode_action
        self._tokens.append(_encode_action(self.sim, {"scene": scene_before}, logged))

    # ---- applying actions -----------------------------------------------------------
    def _apply(self, action: dict):
        st = self.state
        st["notices"] = []
        kind = action["type"]
        phase = st["phase"]
        if phase == "ending":
            raise ActionError("the simulation has ended")
        if kind == "choose":
            if phase != "scene":
                raise ActionError("there is no choice to make now")
            scene = self.sim.scene(st["scene"])
            cid = action.get("choice")
            choice = next((c for c in scene.choices if c.id == cid), None)
            if choice is None:
                raise ActionError(f"no choice '{cid}' here")
            if choice.condition is not None and not choice.condition.run(self._env()):
                raise ActionError("that choice is not available yet")
            st["time"] += choice.time
            self._run(choice.effects)
            st["chosen"][cid] = st["chosen"].get(cid, 0) + 1
            self._tally(choice.skills, choice.riasec)
            if choice.feedback is not None:
                st["phase"] = "feedback"
                st["feedback"] = {"type": "choice", "scene": scene.id, "choice": cid}
                st["pending"] = choice.next
            else:
                self._go(choice.next)
            return ["c", cid]
        if kind == "answer":
            if phase != "activity":
                raise ActionError("there is no activity to answer now")
            scene = self.sim.scene(st["scene"])
            act = scene.activity
            given = grading.normalise(act, action.get("answer"))
            value = grading.score(act, given)
            result = grading.outcome(act, value)
            st["time"] += act.time
            st["scores"][scene.id] = round(value, 4)
            st["outcomes"][scene.id] = result
            self._run(act.effects_for(result))
            self._tally(act.skills, act.riasec)
            st["answers"].append({"scene": scene.id, "kind": act.kind, "answer": given,
                                  "score": round(value, 4), "outcome": result})
            st["phase"] = "feedback"
            st["feedback"] = {"type": "activity", "scene": scene.id, "outcome": result,
                              "score": round(value, 4), "answer": given}
            st["pending"] = act.next_for(result)
            return ["a", given]
        if kind == "continue":
            if phase == "feedback":
                target = st["pending"]
                st["pending"] = None
                st["feedback"] = None
                self._go(target)
                return ["n"]
            scene = self.sim.scene(st["scene"])
            if phase == "scene" and not scene.choices and scene.next:
                self._go(scene.next)
                return ["n"]
            raise ActionError("choose an option first" if phase == "scene" else "finish the activity first")
        raise ActionError(f"unknown action type '{kind}'")

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
        st["visits"][scene_id] = st["visits"].get(scene_id, 0) + 1
        st["time"] += scene.time
        self._run(scene.effects)
        if scene.activity is not None:
            st["phase"] = "activity"
            act = scene.activity
            if act.kind in ("order", "sequence", "match"):
                rng = Rng(st["rng"])
                ids = [it.id for it in act.items]
                shown = rng.shuffled(ids)
                if act.kind != "match" and shown == list(act.answer):
                    shown = shown[1:] + shown[:1]  # never show the answer already in order
                st["rng"] = rng.state
                st["shown"][scene_id] = shown
        else:
            st["phase"] = "scene"

    def _end(self, ending_id: str) -> None:
        self.state["phase"] = "ending"
        self.state["ending"] = ending_id

    def _pick_ending(self) -> str:
        env = self._env()
        for e in self.sim.endings:
            if e.condition is None or e.condition.run(env):
                return e.id
        return self.sim.endings[-1].id

    def _check_events(self) -> None:
        st = self.state
        if st["phase"] not in ("scene", "activity"):
            return
        for event in self.sim.events:
            if not event.repeat and event.id in st["fired"]:
                continue
            # An event fires when its condition *becomes* true: once it has been checked
            # true, it waits until the condition is false again (and a chance is rolled
            # once per rising edge, so "chance: 0.3" means a 30% chance it happens).
            if not event.when.run(self._env()):
                if event.id in st["active"]:
                    st["active"].remove(event.id)
                continue
            if event.id in st["active"]:
                continue
            st["active"].append(event.id)
            if event.chance is not None:
                rng = Rng(st["rng"])
                roll = rng.random()
                st["rng"] = rng.state
                if roll >= event.chance:
                    continue
            if event.id not in st["fired"]:
                st["fired"].append(event.id)
            self._run(event.effects)
            if event.text is not None:
                st["notices"].append(event.id)
            if event.goto:
                if self.sim.has_ending(event.goto) or event.goto == "END":
                    self._go(event.goto)
                    return
                st["back"].append([st["scene"], st["phase"]])
                if len(st["back"]) > 16:
                    st["back"].pop(0)
                self._enter(event.goto)
                return

    def _tally(self, skills, riasec) -> None:
        st = self.state
        for s in skills:
            st["skills"][s] = st["skills"].get(s, 0) + 1
        if riasec:
            st["riasec"][riasec] = st["riasec"].get(riasec, 0) + 1

    # ---- expressions ----------------------------------------------------------------
    def _env(self) -> Env:
        st = self.state
        values = dict(st["vars"])
        values["time"] = st["time"]
        return Env(values, st["visits"], st["chosen"], st["scores"], st["outcomes"], self._roll)

    def _roll(self, lo: int, hi: int) -> int:
        rng = Rng(self.state["rng"])
        value = rng.randint(lo, hi)
        self.state["rng"] = rng.state
        return value

    def _run(self, effects) -> None:
        st = self.state
        for eff in effects:
            env = self._env()
            value = eff.run(env)
            current = st["time"] if eff.target == "time" else st["vars"][eff.target]
            if eff.op == "+=":
                value = current + value
            elif eff.op == "-=":
                value = current - value
            elif eff.op == "*=":
                value = current * value
            if eff.target == "time":
                st["time"] = max(0, int(round(value)))
            else:
                st["vars"][eff.target] = self._fit(eff.target, value)

    def _fit(self, name: str, value):
        var = self.sim.variable(name)
        if var.type == "bool":
            return bool(value)
        if var.min is not None and value < var.min:
            value = var.min
        if var.max is not None and value > var.max:
            value = var.max
        if var.type == "int":
            return int(round(value))
        return round(float(value), 6)

    # ---- the view -------------------------------------------------------------------
    def fill(self, text: str) -> str:
        """Puts variable values and the clock into a text's {placeholders}."""
        if "{" not in text:
            return text
        values = self.state["vars"]

        def sub(m):
            name = m.group(1)
            if name == "clock":
                return self._clock_text()
            if name in values:
                v = values[name]
                if isinstance(v, bool):
                    return "✓" if v else "✗"
                if isinstance(v, float):
                    return f"{v:g}"
                return str(v)
            return m.group(0)

        return PLACEHOLDER_RE.sub(sub, text)

    def _t(self, text) -> str:
        return self.fill(text.get(self.lang)) if text is not None else ""

    def _clock_text(self) -> str:
        clock = self.sim.clock
        start = clock.start if clock else 0
        minutes = (start + self.state["time"]) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    def view(self) -> dict:
        st = self.state
        sim = self.sim
        lang = self.lang
        scene = sim.scene(st["scene"])
        phase = st["phase"]
        speaker = None
        if scene.speaker:
            ch = sim.character(scene.speaker)
            speaker = {"id": ch.id, "name": ch.name, "role": ch.role.get(lang), "portrait": ch.portrait}
        meters = []
        only = sim.kiosk_meters if (self.start and self.start == sim.kiosk_start) else None
        for v in sim.variables:
            if v.show == "hidden" or (only is not None and v.id not in only):
                continue
            meters.append({"id": v.id, "label": v.label.get(lang), "value": st["vars"][v.id],
                           "min": v.min, "max": v.max, "show": v.show, "good": v.good})
        clock = None
        if sim.clock and sim.clock.show:
            limit = sim.clock.limit
            clock = {"time": self._clock_text(), "elapsed": st["time"], "limit": limit,
                     "left": max(0, limit - st["time"]) if limit else None}
        choices = []
        env = self._env()
        if phase == "scene":
            for c in scene.choices:
                ok = c.condition is None or bool(c.condition.run(env))
                if ok or c.show_locked:
                    choices.append({"id": c.id, "text": self._t(c.text), "enabled": ok,
                                    "locked": None if ok else (self._t(c.locked) or None)})
        can_continue = phase == "feedback" or (phase == "scene" and not scene.choices and bool(scene.next))
        notices = []
        for eid in st["notices"]:
            event = next(e for e in sim.events if e.id == eid)
            notices.append(self._t(event.text))
        view = {
            "format": VIEW_FORMAT,
            "sim": {"id": sim.id, "version": sim.version, "title": sim.title.get(lang),
                    "field": sim.field, "career": sim.career},
            "lang": lang,
            "languages": list(sim.languages),
            "phase": phase,
            "scene": scene.id,
            "step": st["step"],
            "speaker": speaker,
            "background": scene.background,
            "sound": scene.sound,
            "text": self._t(scene.text),
            "notices": notices,
            "meters": meters,
            "clock": clock,
            "choices": choices,
            "continue": can_continue,
            "activity": self._activity_view(scene) if phase == "activity" else None,
            "feedback": self._feedback_view() if phase == "feedback" else None,
            "ending": self._ending_view() if phase == "ending" else None,
        }
        if phase == "ending":
            view["text"] = view["ending"]["text"]
        return view

    def _activity_view(self, scene) -> dict:
        act = scene.activity
        lang = self.lang
        out = {"kind": act.kind, "prompt": self._t(act.prompt), "scene": scene.id}
        items = {it.id: it for it in act.items}
        shown = self.state["shown"].get(scene.id)
        if act.kind in ("order", "sequence"):
            out["items"] = [{"id": i, "text": self._t(items[i].text)} for i in shown]
        elif act.kind == "numeric":
            out["unit"] = act.unit
            out["decimals"] = act.decimals
        elif act.kind == "multi":
            out["options"] = [{"id": it.id, "text": self._t(it.text)} for it in act.items]
        elif act.kind == "match":
            out["left"] = [{"id": it.id, "text": self._t(it.text)} for it in act.items]
            out["right"] = [{"id": i, "text": self._t(items[i].right)} for i in shown]
        elif act.kind == "hotspot":
            out.update(image=act.image, width=act.width, height=act.height,
                       spots=[{"id": it.id, "x": it.x, "y": it.y, "w": it.w, "h": it.h,
                               "label": self._t(it.text)} for it in act.items])
        elif act.kind == "allocate":
            out.update(budget=act.budget, unit=act.unit,
                       items=[{"id": it.id, "text": self._t(it.text), "cost": it.cost, "max": it.max}
                              for it in act.items],
                       goals=[{"attr": g.attr, "min": g.min, "label": g.label.get(lang)} for g in act.goals])
        return out

    def _feedback_view(self) -> dict:
        fb = self.state["feedback"]
        scene = self.sim.scene(fb["scene"])
        if fb["type"] == "choice":
            choice = next(c for c in scene.choices if c.id == fb["choice"])
            return {"kind": "choice", "outcome": None, "score": None, "text": self._t(choice.feedback),
                    "explain": "", "correct": None, "choice": choice.id, "source": choice.source}
        act = scene.activity
        return {"kind": act.kind, "outcome": fb["outcome"], "score": fb["score"],
                "text": self._t(act.feedback_for(fb["outcome"])), "explain": self._t(act.explain),
                "correct": grading.right_answer(act, self.lang, fb["answer"]), "answer": fb["answer"],
                "source": act.source}

    def _ending_view(self) -> dict:
        sim = self.sim
        ending = sim.ending(self.state["ending"])
        env = self._env()

        def pick(items):
            return [self._t(it.text) for it in items if it.condition is None or it.condition.run(env)]

        career = None
        skills = []
        try:
            from .catalogue import career_view, skill_view
            career = career_view(sim.career, self.lang)
            for s in sorted(self.state["skills"], key=lambda k: (-self.state["skills"][k], k)):
                skills.append({**skill_view(s, self.lang), "count": self.state["skills"][s]})
        except Exception:  # the catalogue is optional for engine-only use
            skills = [{"id": s, "name": s, "count": n} for s, n in self.state["skills"].items()]
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
            "result": self.result(),
            "result_code": self.resume_code(),
        }

    def result(self) -> dict:
        """The summary teacher tools use; complete at an ending."""
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
            "skills": dict(st["skills"]),
            "riasec": dict(st["riasec"]),
            "minutes": st["time"],
            "steps": st["step"],
            "activities": [{k: a[k] for k in ("scene", "kind", "score", "outcome")} for a in st["answers"]],
            "seed": self.seed,
        }

    # ---- saves ----------------------------------------------------------------------
    def save(self) -> str:
        from .saves import save_session
        return save_session(self)

    @classmethod
    def restore(cls, sim: Simulation, text: str) -> "Session":
        from .saves import restore_session
        return restore_session(sim, text)

    def resume_code(self) -> str:
        from .saves import encode_resume_code
        return encode_resume_code(self)

    @classmethod
    def from_resume_code(cls, sim: Simulation, code: str) -> "Session":
        from .saves import decode_resume_code
        return decode_resume_code(sim, code)
