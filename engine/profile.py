"""A student's "My test-drives" profile, built from the plays their browser kept.

The page (web/profile.html) keeps each play a student finished: the simulation, its
result code and the 1-5 ratings of the ending's "enjoy" statements. This module checks
every code by replaying it in the released simulation (engine/results.py), so the profile
shows only what the student really did, and keeps three signals apart:

- *did*: per RIASEC area, the kinds of work taken when they were on offer
  (result["riasec"] / result["chances"], summed over the plays);
- *enjoyed*: the mean of the student's ratings of that area's statements (1-5);
- *good at*: the endings, and each skill with the evidence of where it was used well.

No top area is named until at least MIN_SIMS different simulations show at least
MIN_AREAS areas: fewer would read a type into too little. Areas, career fit and the
sentences come from content/interests.yaml. Pure Python: it runs in the browser's
Pyodide worker too (engine/web/profile_glue.py). Nothing is ever sent anywhere.
"""
from __future__ import annotations

import base64
import hashlib
import json
import zlib

from . import releases
from .catalogue import career_view_cached, load_careers, load_interests, skill_view, text
from .errors import CatalogueError
from .model import RIASEC
from .results import replay
from .saves import nested_deeper_than

#: No top area before this many different simulations ...
MIN_SIMS = 3
#: ... showing this many of the six areas.
MIN_AREAS = 4
TOP_SIZE = 3
#: More plays than a student keeps in years; the rest are not replayed (each takes time).
MAX_PLAYS = 200
CAREERS_SHOWN = 5
EXPORT_PREFIX = "CTDP1."
MAX_EXPORT = 2_000_000

_REFUSED = {"empty": "refused_damaged", "not_code": "refused_damaged", "too_long": "refused_damaged",
            "typo": "refused_damaged", "truncated": "refused_damaged", "damaged": "refused_damaged",
            "no_fit": "refused_damaged", "too_many_steps": "refused_damaged",
            "unknown_sim": "refused_unknown", "unknown_version": "refused_unknown",
            "not_finished": "refused_unfinished"}


class ProfileError(ValueError):
    """An exported profile that cannot be read back; the message says why in plain words."""


# ---- the words ------------------------------------------------------------------------------

class _Words:
    def __init__(self, lang: str):
        self.lang = lang
        doc = load_interests()
        self.areas = {a: {"name": text(e.get("name"), lang), "description": text(e.get("description"), lang)}
                      for a, e in doc["areas"].items()}
        self.messages = doc.get("messages") or {}

    def say(self, key: str, **values) -> str:
        out = text(self.messages.get(key), self.lang)
        for name, value in values.items():
            out = out.replace("{" + name + "}", str(value))
        return out

    def names(self, areas) -> str:
        names = [self.areas[a]["name"] for a in areas]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + f" {self.say('and')} " + names[-1]


# ---- checking the plays ---------------------------------------------------------------------

def _checked(plays, words: _Words):
    """(play, session, parts) for every play whose code replays to an ending, and the refused."""
    good, refused, seen = [], [], set()
    for raw in list(plays)[:MAX_PLAYS] if isinstance(plays, (list, tuple)) else []:
        play = raw if isinstance(raw, dict) else {}
        sim_id = str(play.get("sim") or "")[:80]
        session, parts, why = replay(play.get("code"))
        if session is None:
            refused.append({"sim": sim_id, "reason": words.say(_REFUSED.get(why, "refused_damaged"))})
            continue
        if sim_id and sim_id != session.sim.id:
            refused.append({"sim": sim_id, "reason": words.say("refused_other_sim")})
            continue
        key = hashlib.sha256(parts["play"].encode()).hexdigest()
        if key in seen:  # the same play kept twice counts once
            continue
        seen.add(key)
        good.append((play, session, parts))
    return good, refused


def _ratings(play: dict, sim) -> list:
    """(area, rating) for each of the simulation's statements the student rated 1-5."""
    given = play.get("enjoyed")
    if not isinstance(given, dict):
        return []
    out = []
    for statement in sim.enjoy:
        n = given.get(statement.id)
        if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 5:
            out.append((statement.area, n))
    return out


def _career_title(career_id: str, lang: str) -> str:
    try:
        return career_view_cached(career_id, lang)["title"]
    except (CatalogueError, KeyError, OSError):
        return career_id


# ---- the parts of a profile -----------------------------------------------------------------

def _play_row(play: dict, session, parts: dict, lang: str) -> dict:
    sim = session.sim
    ending = sim.ending(session.state["ending"])
    secs = parts.get("played_seconds")
    return {"sim": sim.id, "version": sim.version, "title": sim.title.get(lang),
            "career": _career_title(sim.career, lang), "career_id": sim.career,
            "ending": ending.id, "ending_title": ending.title.get(lang), "rating": ending.rating,
            "max_rating": 3, "at": str(play.get("at") or "")[:40], "code": str(play.get("code")),
            "lang": session.lang,
            # real minutes, when the code bound them (a T2 code); the story's clock is not play time
            "minutes": round(secs / 60) if isinstance(secs, int) else None}


def _what(session, lang: str):
    """Where each piece of evidence was earned, in the student's words: (scene, skill) -> the
    choice they took there or the task's prompt (None when it shows numbers from the play)."""
    sim, out = session.sim, {}
    for scene_id, entry in zip(session.scenes_at, session.state["log"]):
        scene = sim.scene(scene_id)
        if entry[0] == "c":
            choice = next(c for c in scene.choices if c.id == entry[1])
            found = [(s, choice.text.get(lang)) for s in choice.skills]
        elif entry[0] == "a" and scene.activity is not None:
            found = [(s, scene.activity.prompt.get(lang)) for s in scene.activity.skills]
        else:
            continue
        for skill, words in found:
            out.setdefault((scene_id, skill), None if "{" in words else words)
    return out


def _skills(checked, lang: str) -> list:
    found: dict = {}
    for _play, session, _parts in checked:
        title = session.sim.title.get(lang)
        what = _what(session, lang)
        for e in session.state["evidence"]:
            found.setdefault(e["skill"], []).append({"sim": session.sim.id, "sim_title": title,
                                                     "scene": e["scene"], "how": e["how"],
                                                     "what": what.get((e["scene"], e["skill"]))})
    out = []
    for sid, evidence in found.items():
        try:
            name = skill_view(sid, lang)["name"]
        except (CatalogueError, KeyError, OSError):
            name = sid
        out.append({"id": sid, "name": name, "evidence": evidence})
    return sorted(out, key=lambda s: (-len(s["evidence"]), s["name"]))


def _areas(checked, words: _Words) -> list:
    did = {a: 0 for a in RIASEC}
    chances = {a: 0 for a in RIASEC}
    rated: dict = {a: [] for a in RIASEC}
    for play, session, _parts in checked:
        for a, n in session.state["riasec"].items():
            did[a] = did.get(a, 0) + n
        for a, n in session.state["chances"].items():
            chances[a] = chances.get(a, 0) + n
        for a, n in _ratings(play, session.sim):
            rated[a].append(n)
    out = []
    for a in RIASEC:
        out.append({"area": a, "name": words.areas[a]["name"], "description": words.areas[a]["description"],
                    # a tagged choice is always on offer when taken, so did <= chances
                    "did": round(min(did[a], chances[a]) / chances[a], 3) if chances[a] else None,
                    "enjoyed": round(sum(rated[a]) / len(rated[a]), 2) if rated[a] else None,
                    "chances": chances[a], "ratings": len(rated[a])})
    return out


def _score(area: dict) -> float | None:
    """One number to rank areas by: the mean of the signals it has, each on 0..1."""
    signals = [s for s in (area["did"], None if area["enjoyed"] is None else (area["enjoyed"] - 1) / 4)
               if s is not None]
    return sum(signals) / len(signals) if signals else None


def _ranked(areas: list) -> list:
    scored = [(a["area"], _score(a)) for a in areas]
    return [a for a, s in sorted((x for x in scored if x[1] is not None), key=lambda x: (-x[1], RIASEC.index(x[0])))]


def _top(checked, areas: list, words: _Words):
    sims = len({session.sim.id for _p, session, _parts in checked})
    shown = sum(1 for a in areas if a["did"] is not None or a["enjoyed"] is not None)
    if sims < MIN_SIMS:
        return [], words.say("need_sims", need=MIN_SIMS, n=sims)
    if shown < MIN_AREAS:
        return [], words.say("need_areas", need=MIN_AREAS, n=shown)
    ranked = [a for a in _ranked(areas) if _score(next(x for x in areas if x["area"] == a)) > 0]
    return ranked[:TOP_SIZE], None


def _sim_areas(sim) -> set:
    """The kinds of work a simulation offers: its tagged choices and activities, and its statements."""
    out = {e.area for e in sim.enjoy}
    for scene in sim.scenes:
        out.update(c.riasec for c in scene.choices if c.riasec)
        if scene.activity is not None and scene.activity.riasec:
            out.add(scene.activity.riasec)
    return out


def _catalogue_sims() -> list:
    """The newest release of every simulation this build has (not the authors' examples)."""
    out = []
    for sim_id in releases.known_sims():
        versions = releases.versions_of(sim_id)
        sim = releases.load_release(sim_id, versions[-1]) if versions else None
        if sim is not None and not sim.path.startswith("simulations/examples/"):
            out.append(sim)
    return out


def _next_sims(checked, areas: list, top: list, words: _Words, lang: str) -> list:
    played = {session.sim.id for _p, session, _parts in checked}
    shown = {a["area"] for a in areas if a["did"] is not None or a["enjoyed"] is not None}
    rows = []
    for sim in _catalogue_sims():
        if sim.id in played:
            continue
        offers = _sim_areas(sim)
        if top:
            match = [a for a in top if a in offers]
            weight = sum(TOP_SIZE - top.index(a) for a in match)
            why = words.say("sim_matches", areas=words.names(match)) if match else words.say("sim_other")
        else:
            match = [a for a in RIASEC if a in offers and a not in shown]
            weight = len(match)
            why = words.say("sim_new_areas", areas=words.names(match)) if match else words.say("sim_other")
        rows.append((-weight, sim.title.get(lang), {"id": sim.id, "title": sim.title.get(lang), "why": why}))
    return [r[2] for r in sorted(rows, key=lambda r: (r[0], r[1]))]


def _career_areas(entry) -> list:
    code = str(entry.get("riasec") or "") if isinstance(entry, dict) else ""
    return [c for c in code if c in RIASEC]


def _next_careers(checked, areas: list, top: list, words: _Words, lang: str):
    try:
        careers = load_careers()
    except (CatalogueError, OSError):
        return [], None
    tried = {session.sim.career for _p, session, _parts in checked}
    ranked = []
    if top:
        best = sum((TOP_SIZE - i) * (TOP_SIZE - i) for i in range(TOP_SIZE))
        for cid, entry in careers.items():
            letters = _career_areas(entry)
            # the career's first letters and the student's first areas weigh most
            fit = sum((TOP_SIZE - i) * (TOP_SIZE - top.index(a)) for i, a in enumerate(letters[:TOP_SIZE])
                      if a in top)
            if fit and cid not in tried:
                ranked.append({"id": cid, "title": _career_title(cid, lang), "areas": letters,
                               "fit": round(fit / best, 2)})
        ranked.sort(key=lambda c: (-c["fit"], c["title"]))
    # the stretch: a career whose main area is outside the top areas, the least shown so far
    chances = {a["area"]: a["chances"] + a["ratings"] for a in areas}
    outside = [(chances[letters[0]], RIASEC.index(letters[0]), _career_title(cid, lang), cid, letters)
               for cid, entry in careers.items()
               for letters in [_career_areas(entry)] if letters and letters[0] not in top and cid not in tried]
    stretch = None
    if outside:
        _n, _i, title, cid, letters = min(outside)
        area = words.areas[letters[0]]["name"]
        stretch = {"id": cid, "title": title, "areas": letters,
                   "why": words.say("stretch" if top else "stretch_new", area=area)}
    return ranked[:CAREERS_SHOWN], stretch


def build_profile(plays, lang: str = "en") -> dict:
    """The profile of a list of stored plays (see the module's docs), all text in `lang`.

    Never raises for a bad play: a code that does not replay to an ending is listed under
    "refused" with a plain reason."""
    lang = lang if lang in ("en", "es") else "en"
    words = _Words(lang)
    checked, refused = _checked(plays, words)
    areas = _areas(checked, words)
    top, why = _top(checked, areas, words)
    careers, stretch = _next_careers(checked, areas, top, words, lang)
    return {
        "plays": [_play_row(p, s, parts, lang) for p, s, parts in checked],
        "refused": refused,
        "skills": _skills(checked, lang),
        "interests": {"areas": areas, "top": top, "why_no_top": why},
        "next": {"simulations": _next_sims(checked, areas, top, words, lang), "careers": careers,
                 "stretch": stretch, "careers_note": words.say("careers_note")},
    }


# ---- moving a profile to another device -----------------------------------------------------

def _check_store(data) -> dict:
    """The store JSON's shape ({"v": 1, "plays": [...]}), or ProfileError."""
    if not isinstance(data, dict) or data.get("v") != 1 or not isinstance(data.get("plays"), list):
        raise ProfileError("This is not a saved profile (it has no list of plays).")
    for play in data["plays"]:
        if not isinstance(play, dict) or not isinstance(play.get("code"), str) or not isinstance(play.get("sim"), str):
            raise ProfileError("A play in this profile is damaged (it has no simulation or code).")
        enjoyed = play.get("enjoyed", {})
        if not isinstance(enjoyed, dict) or not all(
                isinstance(k, str) and isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 5
                for k, n in enjoyed.items()):
            raise ProfileError("A play in this profile has damaged ratings.")
    return data


def _sum(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:10]


def export_profile(store_json: str) -> str:
    """The store (the page's ctd.profile JSON) as one line of text for another device:
    CTDP1.<packed data>.<check>. ProfileError if the store itself is not a profile."""
    try:
        data = json.loads(store_json)
    except (TypeError, ValueError):
        raise ProfileError("This is not a saved profile (it is not readable).") from None
    data = _check_store(data)
    packed = base64.urlsafe_b64encode(zlib.compress(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(), 9)).decode()
    body = EXPORT_PREFIX + packed.rstrip("=")
    return f"{body}.{_sum(body)}"


def import_profile(text_in: str) -> dict:
    """The store an export_profile text holds; ProfileError, in plain words, on anything else."""
    if not isinstance(text_in, str) or not text_in.strip():
        raise ProfileError("Nothing was given to import.")
    if len(text_in) > MAX_EXPORT:
        raise ProfileError("This is far too long to be a saved profile.")
    line = "".join(text_in.split())
    if not line.startswith(EXPORT_PREFIX):
        raise ProfileError("This is not a saved profile from Career Test-Drive (it should start with CTDP1.).")
    body, dot, check = line.rpartition(".")
    if not dot or body == EXPORT_PREFIX.rstrip(".") or _sum(body) != check.lower():
        raise ProfileError("This saved profile is damaged or cut short: some characters were changed or lost.")
    packed = body[len(EXPORT_PREFIX):]
    try:
        raw = zlib.decompressobj().decompress(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)),
                                              MAX_EXPORT * 4)
        body_text = raw.decode()
        if nested_deeper_than(body_text, 8):  # a real profile nests 3 deep; a "bomb" could kill Pyodide
            raise ValueError("nested too deep")
        data = json.loads(body_text)
    except (ValueError, zlib.error, UnicodeDecodeError, RecursionError):
        raise ProfileError("This saved profile is damaged and cannot be read.") from None
    return _check_store(data)
