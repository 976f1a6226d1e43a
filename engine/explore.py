"""`testdrive explore SIM`: explores a simulation's state space the way a student can.

Two passes, both through `Session.view()` / `Session.act()` (the front ends' contract):

1. An exhaustive breadth-first search up to a bound (depth and number of states).
   States are deduplicated by what can change the rest of the story: scene, phase,
   variables, clock, events fired, the BACK stack, pending target, and only those visit
   counts, choices, scores and outcomes that some expression reads; the random state
   only when the simulation has chance events or roll(). The action log, the answers
   and the step count are left out. Activities are answered with a representative set
   built from the activity (right, partial, wrong, over budget...); chance events are
   explored with several seeds.
2. Many random players (seeded), for how often each ending happens and how long a
   play-through takes (on the clock and in estimated real minutes, see readability.py).

Problems (exit 1): an ending never reached, a dead end (a view with no enabled choice,
no activity and no continue that is not an ending), a soft-lock (a state from which no
ending can be reached, or a loop a random player never leaves), an action that fails.
"""
from __future__ import annotations

import random
import re
import statistics
import time as _time
from collections import deque

from . import expressions as ex
from .errors import ActionError
from .kinds import kind_of
from .model import Simulation
from .readability import action_seconds, reading_seconds, view_words
from .session import Session

DEFAULT_DEPTH = 200
DEFAULT_MAX_STATES = 10000
DEFAULT_PLAYERS = 1000
RANDOM_MAX_STEPS = 2000
RARE_SHARE = 0.05
KIOSK_MINUTES = (3.0, 4.0)  # what the kiosk cut aims for
KIOSK_WARN = (2.0, 5.0)  # outside this, explore warns


# ---- what the simulation's expressions read --------------------------------------------

class Reads:
    """Which counters expressions read: only these distinguish states."""

    def __init__(self, sim: Simulation):
        self.visited: set = set()
        self.chose: set = set()
        self.score: set = set()
        self.outcome: set = set()
        self.roll = False
        sources = []
        for s in sim.scenes:
            sources += [("effect", e.source) for e in s.effects]
            for c in s.choices:
                if c.condition:
                    sources.append(("cond", c.condition.source))
                sources += [("effect", e.source) for e in c.effects]
            if s.activity:
                for _o, effs in s.activity.effects:
                    sources += [("effect", e.source) for e in effs]
        for e in sim.events:
            sources.append(("cond", e.when.source))
            sources += [("effect", x.source) for x in e.effects]
        for e in sim.endings:
            if e.condition:
                sources.append(("cond", e.condition.source))
        for kind, src in sources:
            try:
                parsed = ex.parse_effect(src).value if kind == "effect" else ex.parse(src)
            except ex.ExprError:
                continue
            for fname, ident, _off in parsed.refs:
                {"visited": self.visited, "chose": self.chose, "score": self.score,
                 "outcome_is": self.outcome}[fname].add(ident)
            if _uses_roll(parsed.tree):
                self.roll = True
        self.chance = any(e.chance is not None for e in sim.events)
        self.visited = tuple(sorted(self.visited))
        self.chose = tuple(sorted(self.chose))
        self.score_ids = tuple(sorted(self.score))
        self.outcome = tuple(sorted(self.outcome))

    @property
    def random(self) -> bool:
        return self.roll or self.chance


def _uses_roll(tree) -> bool:
    if not isinstance(tree, tuple):
        return False
    if tree and tree[0] == "call" and tree[1] == "roll":
        return True
    return any(_uses_roll(t) for t in tree[1:] if isinstance(t, tuple))


#: state entries that never change what can happen next: the log, the answers given, the
#: step count, this view's notices, the shuffled order shown, the skills/RIASEC tallies
IGNORED_STATE = frozenset({"log", "answers", "step", "notices", "shown", "skills", "riasec", "evidence",
                           "chances"})


def _freeze(v):
    if isinstance(v, dict):
        return tuple(sorted((k, _freeze(x)) for k, x in v.items()))
    if isinstance(v, list):
        return tuple(_freeze(x) for x in v)
    return v


def state_key(state: dict, reads: Reads) -> tuple:
    """What distinguishes two states for the rest of the story. Any state entry the
    engine adds later is included (merging too little is safe; too much is not)."""
    out = []
    for k in sorted(state):
        if k in IGNORED_STATE:
            continue
        v = state[k]
        if k == "vars":
            v = tuple(v.values())
        elif k == "visits":
            v = tuple(v.get(i, 0) for i in reads.visited)
        elif k == "chosen":
            v = tuple(v.get(i, 0) for i in reads.chose)
        elif k == "scores":
            v = tuple(v.get(i) for i in reads.score_ids)
        elif k == "outcomes":
            v = tuple(v.get(i) for i in reads.outcome)
        elif k == "fired":
            v = tuple(sorted(v))
        elif k == "rng":
            v = v if reads.random else None
        elif k == "feedback":
            v = None if v is None else (v.get("type"), v.get("scene"), v.get("choice"), v.get("outcome"))
        else:
            v = _freeze(v)
        out.append(v)
    return tuple(out)


def clone(session: Session) -> Session:
    """A copy of a session to branch from."""
    return session.copy()


# ---- answers to try --------------------------------------------------------------------

def _try(act, answer):
    kind = kind_of(act)
    try:
        given = kind.normalise(act, answer)
    except ActionError:
        return None
    value = kind.score(act, given)
    return round(value, 4), kind.outcome(act, value)


def answer_candidates(act) -> list:
    """(label, answer) pairs: named representatives first, then more for coverage."""
    return kind_of(act).candidates(act)


NAMED_MAX = 6
SETS_MAX = 12  # most answers kept for the different values an activity's `sets` writes


def _sets_key(act, answer):
    """The variables a committed answer sets (a live model's `sets`), as a key; None when
    the activity sets none. The story can turn on these (an event `when: chip_load > ...`),
    so one answer per grade is not enough: each distinct value is a different story."""
    pairs = kind_of(act).sets(act, answer, None)
    return tuple(pairs) if pairs else None


def representative_answers(act, keep_scores: bool) -> tuple[list, dict]:
    """Answers to try: the named ones, plus one per outcome (and per score when an
    expression reads this activity's score, and per value the activity `sets`). Also
    which outcomes any answer reaches."""
    chosen, seen_answers, by_outcome, by_score, by_sets = [], [], {}, {}, {}
    for label, answer in answer_candidates(act):
        graded = _try(act, answer)
        if graded is None:
            continue
        value, result = graded
        by_outcome.setdefault(result, (label, answer))
        if keep_scores and len(by_score) < 12:
            by_score.setdefault(value, (label, answer))
        if len(by_sets) < SETS_MAX:
            key = _sets_key(act, answer)
            if key is not None and key not in by_sets:
                # the value goes in the label: scripts replay answers by their label
                shown = ", ".join(f"{var} {_number(v)}" for var, v in key)
                by_sets[key] = (f"{label}, {shown}", answer)
        if label not in ("perm", "subset", "mix") and len(chosen) < NAMED_MAX and answer not in seen_answers:
            chosen.append((f"{label} ({result})", answer))
            seen_answers.append(answer)
    for label, answer in list(by_outcome.values()) + list(by_score.values()) + list(by_sets.values()):
        if answer not in seen_answers:
            chosen.append((f"{label} ({_try(act, answer)[1]})", answer))
            seen_answers.append(answer)
    return chosen, {o: lbl for o, (lbl, _a) in by_outcome.items()}


# ---- how far a state is from an ending's condition ------------------------------------

_NEGATE = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_compiled: dict = {}


def _run(tree, env):
    fn = _compiled.get(tree)
    if fn is None:
        fn = _compiled[tree] = ex.compile_tree(tree)
    return fn(env)


def distance(tree, env, negate: bool = False) -> float:
    """0 when the condition holds (or fails, with negate); otherwise roughly how far off
    it is: the gap in a comparison, summed over 'and', the least over 'or'."""
    kind = tree[0]
    if kind in ("and", "or"):
        a, b = distance(tree[1], env, negate), distance(tree[2], env, negate)
        return a + b if (kind == "and") != negate else min(a, b)
    if kind == "not":
        return distance(tree[1], env, not negate)
    if kind == "cmp":
        op = _NEGATE[tree[1]] if negate else tree[1]
        try:
            a, b = float(_run(tree[2], env)), float(_run(tree[3], env))
        except (TypeError, ValueError, KeyError):
            return 1.0
        if op == ">=":
            return max(0.0, b - a)
        if op == ">":
            return 0.0 if a > b else b - a + 1
        if op == "<=":
            return max(0.0, a - b)
        if op == "<":
            return 0.0 if a < b else a - b + 1
        if op == "==":
            return abs(a - b)
        return 0.0 if a != b else 1.0
    try:
        truth = bool(_run(tree, env))
    except (TypeError, ValueError, KeyError):
        return 1.0
    return 0.0 if truth != negate else 1.0


def _env(state: dict) -> ex.Env:
    values = dict(state["vars"])
    values["time"] = state["time"]
    return ex.Env(values, state["visits"], state["chosen"], state["scores"], state["outcomes"],
                  lambda lo, hi: lo)


class Explorer:
    """Explores one simulation from one start scene."""

    def __init__(self, sim: Simulation, start: str | None = None, lang: str = "en"):
        self.sim = sim
        self.start = start
        self.lang = lang
        self.reads = Reads(sim)
        self._answers: dict = {}
        self.activity_reach: dict = {}  # scene -> outcomes some answer reaches

    def answers(self, scene_id: str) -> list:
        if scene_id not in self._answers:
            act = self.sim.scene(scene_id).activity
            answers, outcomes = representative_answers(act, scene_id in self.reads.score_ids)
            self._answers[scene_id] = answers
            self.activity_reach[scene_id] = outcomes
        return self._answers[scene_id]

    def actions(self, view: dict) -> list:
        """(label, action) for every action the view allows."""
        if view["phase"] == "ending":
            return []
        out = [(c["id"], {"type": "choose", "choice": c["id"]}) for c in view["choices"] if c["enabled"]]
        if view["activity"]:
            out += [(label, {"type": "answer", "answer": a})
                    for label, a in self.answers(view["activity"]["scene"])]
        if view["continue"]:
            out.append(("continue", {"type": "continue"}))
        return out

    def new_session(self, seed: int) -> Session:
        return Session(self.sim, seed=seed, lang=self.lang, start=self.start)

    # ---- 1. exhaustive search ----------------------------------------------------------
    def search(self, seeds, max_depth=DEFAULT_DEPTH, max_states=DEFAULT_MAX_STATES) -> dict:
        reads = self.reads
        info: dict = {}  # key -> (depth, parent key, action label)
        edges: dict = {}
        frontier, dead, endings, errors = set(), {}, {}, []
        scenes = set()
        at: dict = {}  # key -> scene (a state key is not ordered by scene)
        budget = max_states
        for seed in seeds:
            root = self.new_session(seed)
            k0 = state_key(root.state, reads)
            if k0 in info:
                continue
            info[k0] = (0, None, f"seed {seed}")
            queue = deque([(k0, root)])
            while queue:
                k, s = queue.popleft()
                depth = info[k][0]
                view = s.view()
                scenes.add(view["scene"])
                at[k] = view["scene"]
                if view["phase"] == "ending":
                    endings[k] = self._ending_record(view, depth)
                    continue
                acts = self.actions(view)
                if not acts:
                    dead[k] = (view["scene"], view["phase"])
                    continue
                if depth >= max_depth or len(info) >= budget:
                    frontier.add(k)
                    continue
                succ = set()
                for label, action in acts:
                    c = clone(s)
                    try:
                        c.act(action)
                    except ActionError as exc:
                        errors.append({"scene": view["scene"], "phase": view["phase"], "action": label,
                                       "message": str(exc), "path": self.path(info, k) + [label]})
                        continue
                    ck = state_key(c.state, reads)
                    succ.add(ck)
                    if ck not in info:
                        info[ck] = (depth + 1, k, label)
                        queue.append((ck, c))
                edges[k] = succ
            budget = len(info) + max_states  # each seed gets its own allowance
        # soft-locks: expanded states from which neither an ending nor the unexplored
        # frontier can be reached
        good = set(endings) | frontier
        reverse: dict = {}
        for k, succ in edges.items():
            for c in succ:
                reverse.setdefault(c, []).append(k)
        stack = list(good)
        while stack:
            k = stack.pop()
            for p in reverse.get(k, ()):
                if p not in good:
                    good.add(p)
                    stack.append(p)
        soft = [k for k in edges if k not in good]
        return {"info": info, "edges": edges, "frontier": frontier, "dead": dead, "endings": endings,
                "errors": errors, "soft": soft, "scenes": scenes, "at": at}

    @staticmethod
    def path(info: dict, key) -> list:
        labels = []
        while key is not None:
            depth, parent, label = info[key]
            if parent is not None:
                labels.append(label)
            key = parent
        return labels[::-1]

    @staticmethod
    def _ending_record(view: dict, steps: int) -> dict:
        result = view["ending"]["result"]
        return {"ending": view["ending"]["id"], "rating": view["ending"]["rating"],
                "minutes": result["minutes"], "steps": steps, "variables": result["variables"]}

    # ---- 3. a search aimed at one ending ------------------------------------------------
    def target(self, ending_id: str, seeds, width: int = 64, max_depth: int = 400):
        """Beam search towards an ending the other passes missed: keeps the states whose
        variables come closest to that ending's condition (and to failing the conditions
        of the endings before it, which END would pick first). Returns (record, path)."""
        sim = self.sim
        goal = []
        for e in sim.endings:
            if e.id == ending_id:
                if e.condition is not None:
                    goal.append((ex.parse(e.condition.source).tree, False))
                break
            if e.condition is not None:
                goal.append((ex.parse(e.condition.source).tree, True))

        def score(state):
            env = _env(state)
            return sum(distance(t, env, neg) for t, neg in goal)

        self.closest = None  # (distance, variables, clock, path): what an author needs when nothing matched
        for seed in seeds:
            pick = random.Random(seed + 101)
            beam = [(self.new_session(seed), [])]
            seen = set()
            for _depth in range(max_depth):
                cands = []
                for s, path in beam:
                    view = s.view()
                    for label, action in self.actions(view):
                        c = clone(s)
                        try:
                            c.act(action)
                        except ActionError:
                            continue
                        k = state_key(c.state, self.reads)
                        if k in seen:
                            continue
                        seen.add(k)
                        if c.state["phase"] == "ending":
                            end_view = c.view()
                            if end_view["ending"]["id"] == ending_id:
                                return self._ending_record(end_view, len(path) + 1), path + [label]
                        gap = score(c.state)
                        if self.closest is None or gap < self.closest[0]:
                            self.closest = (gap, dict(c.state["vars"]), c.state["time"], path + [label])
                        if c.state["phase"] != "ending":
                            cands.append((gap, pick.random(), c, path + [label]))
                if not cands:
                    break
                cands.sort(key=lambda t: (t[0], t[1]))
                best = int(width * 0.75)
                rest = cands[best:]
                keep = cands[:best] + pick.sample(rest, min(len(rest), width - best))
                beam = [(c, p) for _d, _r, c, p in keep]
        return None, None

    # ---- 2. random players -------------------------------------------------------------
    def random_player(self, seed: int, max_steps: int = RANDOM_MAX_STEPS) -> dict:
        s = self.new_session(seed)
        pick = random.Random(seed * 7919 + 13)
        seconds, last_text, steps = 0.0, None, 0
        scenes = set()
        while True:
            view = s.view()
            scenes.add(view["scene"])
            seconds += reading_seconds(view_words(view, last_text))
            last_text = view["text"]
            if view["phase"] == "ending":
                rec = self._ending_record(view, steps)
                rec.update(seconds=seconds, scenes=scenes)
                return rec
            acts = self.actions(view)
            if not acts:
                return {"dead": (view["scene"], view["phase"]), "steps": steps, "seed": seed, "scenes": scenes}
            if steps >= max_steps:
                return {"loop": view["scene"], "steps": steps, "seed": seed, "scenes": scenes}
            label, action = _random_pick(acts, pick)
            seconds += action_seconds(action, view)
            try:
                s.act(action)
            except ActionError as exc:
                return {"error": str(exc), "scene": view["scene"], "action": label, "seed": seed,
                        "scenes": scenes, "steps": steps}
            steps += 1


def _random_pick(acts: list, pick: random.Random):
    """One action for a random player. Answers that get the same grade count as one option,
    picked among, then one of them: a player's chance of each grade must not grow with the
    number of answers the explorer lists for coverage (one per value a model sets, say), or
    the play-time estimate would follow the listing instead of the play."""
    groups: dict = {}
    for label, action in acts:
        key = ("answer", label.rsplit("(", 1)[-1]) if action["type"] == "answer" else label
        groups.setdefault(key, []).append((label, action))
    options = list(groups.values())
    group = options[pick.randrange(len(options))]
    return group[pick.randrange(len(group))] if len(group) > 1 else group[0]


# ---- the report ------------------------------------------------------------------------

def explore(sim: Simulation, start: str | None = None, depth: int = DEFAULT_DEPTH,
            players: int = DEFAULT_PLAYERS, seeds: int | None = None,
            max_states: int = DEFAULT_MAX_STATES, lang: str = "en", skip_targets=None) -> dict:
    """Explores from `start` (default: the simulation's start). Returns a JSON-ready report.
    Endings the search and the random players miss get a targeted search, except those
    in `skip_targets`."""
    t0 = _time.perf_counter()
    xp = Explorer(sim, start, lang)
    n_seeds = seeds if seeds is not None else (3 if xp.reads.random else 1)
    if not xp.reads.random:
        n_seeds = 1  # without chance events or roll(), every seed plays the same
    found = xp.search(range(n_seeds), depth, max_states)
    t1 = _time.perf_counter()
    runs = [xp.random_player(10_000 + i) for i in range(players)]
    t2 = _time.perf_counter()

    ending_ids = [e.id for e in sim.endings]
    per: dict = {e: {"search": 0, "random": 0, "target": 0, "minutes": [], "steps": [], "vars": {}}
                 for e in ending_ids}

    def note(rec, where):
        p = per[rec["ending"]]
        p[where] += 1
        p["minutes"].append(rec["minutes"])
        p["steps"].append(rec["steps"])
        for name, value in rec["variables"].items():
            lo, hi = p["vars"].get(name, (value, value))
            p["vars"][name] = (min(lo, value), max(hi, value))

    for rec in found["endings"].values():
        note(rec, "search")
    finished = [r for r in runs if "ending" in r]
    for rec in finished:
        note(rec, "random")
    paths: dict = {}
    closest: dict = {}
    targets = [e.id for e in sim.endings if per[e.id]["search"] + per[e.id]["random"] == 0
               and (skip_targets is None or e.id not in skip_targets)]
    for eid in targets:
        for width in (64, 256):
            rec, path = xp.target(eid, range(n_seeds), width=width, max_depth=depth)
            if rec is not None:
                per[eid]["target"] = 1
                note(rec, "target")
                paths[eid] = path
                break
        else:
            if xp.closest is not None:
                closest[eid] = xp.closest
    t3 = _time.perf_counter()

    scenes_reached = set(found["scenes"])
    for r in runs:
        scenes_reached |= r["scenes"]
    problems = []
    info = found["info"]
    for k, (scene, phase) in list(found["dead"].items())[:20]:
        problems.append({"severity": "error", "kind": "dead-end", "scene": scene, "phase": phase,
                         "message": f"dead end in scene '{scene}' ({phase}): nothing is enabled and it is not an ending",
                         "path": Explorer.path(info, k)})
    soft_by_scene: dict = {}
    for k in found["soft"]:
        if k in found["dead"]:
            continue
        soft_by_scene.setdefault(found["at"][k], k)
    for scene, k in list(soft_by_scene.items())[:20]:
        problems.append({"severity": "error", "kind": "soft-lock", "scene": scene,
                         "message": f"soft-lock in scene '{scene}': no ending can be reached from here",
                         "path": Explorer.path(info, k)})
    for err in found["errors"][:20]:
        problems.append({"severity": "error", "kind": "action-failed", "scene": err["scene"],
                         "message": f"in scene '{err['scene']}', '{err['action']}' failed: {err['message']}",
                         "path": err["path"]})
    seen_bad = set()
    for r in runs:
        if "dead" in r and ("dead", r["dead"]) not in seen_bad:
            seen_bad.add(("dead", r["dead"]))
            if not any(p["kind"] == "dead-end" and p["scene"] == r["dead"][0] for p in problems):
                problems.append({"severity": "error", "kind": "dead-end", "scene": r["dead"][0],
                                 "message": f"dead end in scene '{r['dead'][0]}' ({r['dead'][1]}), "
                                            f"found by random player {r['seed']}", "path": None})
        elif "loop" in r and ("loop", r["loop"]) not in seen_bad:
            seen_bad.add(("loop", r["loop"]))
            problems.append({"severity": "error", "kind": "soft-lock", "scene": r["loop"],
                             "message": f"random player {r['seed']} played {r['steps']} steps without an "
                                        f"ending (last in scene '{r['loop']}'): a loop that never ends?",
                             "path": None})
        elif "error" in r and ("error", r["scene"], r["action"]) not in seen_bad:
            seen_bad.add(("error", r["scene"], r["action"]))
            problems.append({"severity": "error", "kind": "action-failed", "scene": r["scene"],
                             "message": f"in scene '{r['scene']}', '{r['action']}' failed: {r['error']}",
                             "path": None})
    for scene_id, outcomes in sorted(xp.activity_reach.items()):
        if "correct" not in outcomes:
            problems.append({"severity": "warning", "kind": "activity", "scene": scene_id,
                             "message": f"no answer the explorer tried is correct for the activity in '{scene_id}'",
                             "path": None})

    endings_out = {}
    for e in sim.endings:
        p = per[e.id]
        reached = p["search"] + p["random"] + p["target"] > 0
        share = p["random"] / players if players else None
        endings_out[e.id] = {
            "rating": e.rating, "reached": reached, "by_search": p["search"] > 0,
            "by_targeted_search": p["target"] > 0, "example": paths.get(e.id),
            "random_players": p["random"], "share": None if share is None else round(share, 4),
            "rare": bool(reached and players and share < RARE_SHARE),
            "minutes": [min(p["minutes"]), max(p["minutes"])] if reached else None,
            "steps": [min(p["steps"]), max(p["steps"])] if reached else None,
            "variables": {k: list(v) for k, v in p["vars"].items()},
        }
        if e.id in closest:
            gap, values, minutes, path = closest[e.id]
            endings_out[e.id]["closest"] = {"condition": e.condition.source if e.condition else None,
                                            "gap": round(gap, 4), "variables": values, "minutes": minutes,
                                            "path": path}
    all_minutes = [m for p in per.values() for m in p["minutes"]]
    all_steps = [m for p in per.values() for m in p["steps"]]
    real = sorted(r["seconds"] / 60 for r in finished)
    report = {
        "sim": sim.id, "path": sim.path, "start": start or sim.start, "lang": lang,
        "search": {"seeds": n_seeds, "depth": depth, "max_states": max_states, "states": len(info),
                   "frontier": len(found["frontier"]), "complete": not found["frontier"],
                   "endings_found": len(found["endings"]), "seconds": round(t1 - t0, 3)},
        "random": {"players": players, "finished": len(finished), "seconds": round(t2 - t1, 3)},
        "targeted": {"endings": targets, "found": sorted(paths), "seconds": round(t3 - t2, 3)},
        "scenes": {"reached": sorted(s for s in scenes_reached),
                   "unreached": [s.id for s in sim.scenes if s.id not in scenes_reached]},
        "endings": endings_out,
        "unreached_endings": [e for e, v in endings_out.items() if not v["reached"]],
        "rare_endings": [e for e, v in endings_out.items() if v["rare"]],
        "play": {
            "minutes": [min(all_minutes), max(all_minutes)] if all_minutes else None,
            "steps": [min(all_steps), max(all_steps)] if all_steps else None,
            "real_minutes": ({"min": round(real[0], 1), "median": round(statistics.median(real), 1),
                              "max": round(real[-1], 1)} if real else None),
        },
        "problems": problems,
    }
    return report


def explore_all(sim: Simulation, depth=DEFAULT_DEPTH, players=DEFAULT_PLAYERS, seeds=None,
                max_states=DEFAULT_MAX_STATES, lang="en") -> dict:
    """The whole simulation, and its kiosk cut when it has one."""
    kiosk = None
    kiosk_endings: set = set()
    if sim.kiosk_start:
        # the kiosk cut ends at its own endings: no targeted search for the others there
        kiosk = explore(sim, sim.kiosk_start, depth, players, seeds, max_states, lang,
                        skip_targets={e.id for e in sim.endings})
        kiosk_endings = {e for e, v in kiosk["endings"].items() if v["reached"]}
    main_report = explore(sim, None, depth, players, seeds, max_states, lang, skip_targets=kiosk_endings)
    if kiosk is not None:
        # unreached endings are expected in a cut; everything else is a problem there too
        real = kiosk["play"]["real_minutes"]
        kiosk["target_minutes"] = list(KIOSK_MINUTES)
        if real and not KIOSK_WARN[0] <= real["median"] <= KIOSK_WARN[1]:
            kiosk["problems"].append({
                "severity": "warning", "kind": "kiosk-time", "scene": sim.kiosk_start,
                "message": f"the kiosk cut takes about {real['median']} minutes (median); "
                           f"aim for {KIOSK_MINUTES[0]:g}-{KIOSK_MINUTES[1]:g}", "path": None})
        main_report["kiosk"] = kiosk
        # endings and scenes only the kiosk cut reaches are not unreachable
        for eid, e in kiosk["endings"].items():
            if e["reached"] and not main_report["endings"][eid]["reached"]:
                main_report["endings"][eid]["reached_from_kiosk"] = True
        main_report["unreached_endings"] = [e for e in main_report["unreached_endings"]
                                            if not kiosk["endings"][e]["reached"]]
        kiosk_scenes = set(kiosk["scenes"]["reached"])
        main_report["scenes"]["unreached"] = [s for s in main_report["scenes"]["unreached"]
                                              if s not in kiosk_scenes]
    for s in main_report["scenes"]["unreached"]:
        main_report["problems"].append({"severity": "warning", "kind": "unreached-scene", "scene": s,
                                        "message": f"scene '{s}' was never reached", "path": None})
    for e in main_report["unreached_endings"]:
        near = main_report["endings"][e].get("closest")
        message = f"ending '{e}' was never reached (search and {main_report['random']['players']} random players)"
        if near and near["condition"]:
            shown = ", ".join(f"{k} {_number(v)}" for k, v in near["variables"].items()
                              if re.search(rf"\b{re.escape(k)}\b", near["condition"]))
            message += (f"; its condition `{near['condition']}` never held: the closest the search came "
                        f"was {shown or 'the state below'}, {_number(near['minutes'])} min on the clock")
        main_report["problems"].insert(0, {
            "severity": "error", "kind": "unreached-ending", "scene": None, "ending": e,
            "message": message, "path": near["path"] if near else None})
    main_report["problems"].extend(_clock_problems(sim, main_report))
    return main_report


def _clock_problems(sim: Simulation, report: dict) -> list:
    """`clock.limit` is how long the shift lasts: a play that ends after it was not planned."""
    limit = sim.clock.limit if sim.clock else None
    if not limit:
        return []
    out = []
    for eid, e in report["endings"].items():
        if e["reached"] and e["minutes"] and e["minutes"][1] > limit:
            out.append({"severity": "warning", "kind": "clock-limit", "scene": None, "ending": eid, "clock": True,
                        "message": f"ending '{eid}' is reached at up to {e['minutes'][1]} min, past the clock's "
                                   f"limit of {limit} min: end the shift with an event `when: time >= {limit}`, "
                                   f"or raise the limit",
                        "path": e.get("example")})
    return out


def _number(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def failed(report: dict) -> bool:
    probs = report["problems"] + report.get("kiosk", {}).get("problems", [])
    return any(p["severity"] == "error" for p in probs)


# ---- text output -----------------------------------------------------------------------

def _range(r, unit=""):
    if not r:
        return "-"
    if isinstance(r[0], bool):
        return "true" if r[0] and r[1] else ("false" if not r[1] else "false–true")
    return f"{r[0]:g}{unit}" if r[0] == r[1] else f"{r[0]:g}–{r[1]:g}{unit}"


def format_report(report: dict, indent: str = "") -> str:
    out = []
    w = out.append
    srch = report["search"]
    w(f"{indent}{report['path'] or report['sim']} — start '{report['start']}'")
    state = "complete" if srch["complete"] else f"cut at depth {srch['depth']} / {srch['max_states']} states per seed"
    w(f"{indent}  search: {srch['states']} states, {srch['seeds']} seed(s), {state} ({srch['seconds']} s)")
    if not srch["endings_found"]:
        w(f"{indent}  the search found NO ending" + (": it tried every path, and none of them ends"
                                                    if srch["complete"] else " within its limits"))
    rnd = report["random"]
    w(f"{indent}  random players: {rnd['players']}, {rnd['finished']} reached an ending ({rnd['seconds']} s)")
    sc = report["scenes"]
    kiosk_cut = bool(report.get("target_minutes"))
    w(f"{indent}  scenes reached: {len(sc['reached'])}"
      + (f"; never reached: {', '.join(sc['unreached'])}" if sc["unreached"] and not kiosk_cut else ""))
    w(f"{indent}  endings:")
    for eid, e in report["endings"].items():
        if not e["reached"] and report.get("target_minutes"):
            continue  # a kiosk cut lists only the endings it reaches
        if not e["reached"]:
            note = "only in the kiosk cut" if e.get("reached_from_kiosk") else "NEVER REACHED"
            w(f"{indent}    {eid:<22} {'*' * e['rating']:<3}  {note}")
            continue
        share = f"{100 * e['share']:5.1f}%" if e["share"] is not None else "  -  "
        rare = "  rare" if e["rare"] else ""
        if e.get("by_targeted_search"):
            rare += " (found by the targeted search)"
        w(f"{indent}    {eid:<22} {'*' * e['rating']:<3}  {share} of random players{rare}; "
          f"clock {_range(e['minutes'], ' min')}, {_range(e['steps'])} steps")
        if e["variables"]:
            w(f"{indent}      " + ", ".join(f"{k} {_range(v)}" for k, v in e["variables"].items()))
        if e.get("example"):
            w(f"{indent}      one way there: {' → '.join(e['example'])}")
    play = report["play"]
    w(f"{indent}  play time: {_range(play['minutes'], ' min')} on the clock, {_range(play['steps'])} steps")
    if play["real_minutes"]:
        rm = play["real_minutes"]
        w(f"{indent}  estimated real time: {rm['min']}–{rm['max']} min (median {rm['median']})")
    if report.get("target_minutes"):
        t = report["target_minutes"]
        w(f"{indent}  kiosk target: {t[0]:g}–{t[1]:g} min")
    for p in report["problems"]:
        where = f"{report['path']}:{p['line']}:{p['col']}: " if p.get("line") else ""
        w(f"{indent}  {where}{p['severity']}: {p['message']}")
        if p.get("path"):
            shown = p["path"][-12:]
            w(f"{indent}    after: {'… ' if len(p['path']) > 12 else ''}{' → '.join(shown)}")
    if "kiosk" in report:
        w(f"{indent}  kiosk cut:")
        w(format_report(report["kiosk"], indent + "    "))
    return "\n".join(out)
