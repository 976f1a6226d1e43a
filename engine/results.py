"""Result codes: made at an ending, checked by a teacher by replaying them.

A result code holds what a resume code holds (simulation id and version, seed, language,
start, and every action) so a teacher's copy of the engine can replay the play and see
the ending, the rating and every answer. A "T2" code also binds the name or initials the
student typed, the assignment (class) label and the real seconds played. Every "T1" code
(the resume code, which was also the result code before T2) keeps verifying.

What a code proves: that this playthrough of this simulation version reaches this ending.
It is not tamper-proof — there is no server and no secret, so anyone who knows the format
can make a code without playing, or put another name in it. The bound name makes a copied
code visible (it shows the first student's name); the seconds played and `too_fast` make a
code made without reading visible; `digest` flags one play handed in twice.

Pure Python: runs on CPython and in Pyodide (the teacher page, engine/web/teacher_glue.py).
"""
from __future__ import annotations

import base64
import hashlib
import unicodedata
import zlib

from . import releases as _releases
from .kinds import BY_NAME as KINDS_BY_NAME
from .resultcode import (  # noqa: F401  (made at an ending by Session.result_code; read here)
    ASSIGNMENT_LIMIT, CHECK_ALPHABET, CODE_VERSION, MAX_SECONDS, NAME_LIMIT, OLD_CODE_VERSION, clean_label,
    make_result_code,
)
from .resultcode import check as _check, pack as _pack
from .saves import MAX_STEPS
from .releases import releases, use_releases  # noqa: F401  (the contract's releases())

MAX_CODE = 8192
#: A longer code was not made by playing (the same cap as saves and resume codes).
MAX_ACTIONS = MAX_STEPS
#: A play is "too fast" when the text shown (up to the ending) went by faster than this many
#: words a minute: twice the top of the usual adult silent reading range (175-300 wpm for
#: non-fiction, Brysbaert 2019, J. Memory and Language 109:104047). Students of grades 6-8
#: read slower than adults, so a real reader stays well under it.
FAST_WPM = 600

REASONS = {
    "empty": "No code was handed in.",
    "not_code": "This is not a result code (result codes start with T1 or T2).",
    "too_long": "This code is far too long to be a result code.",
    "typo": "This code has a typo: a character was changed, added or left out (its check does not match).",
    "truncated": "This code is cut short: characters at its end are missing.",
    "damaged": "This code is damaged and cannot be read.",
    "unknown_sim": "This code is for a simulation this build does not have ({sim}).",
    "unknown_version": "This code was made with version {version} of {sim}, which this build does not have "
                       "(it has {known}).",
    "no_fit": "This code does not fit version {version} of {sim}: its steps cannot be replayed.",
    "not_finished": "This play did not reach an ending: it is a resume code, not a result code.",
    "too_many_steps": "This code holds far more steps than any real play, so it was not made by playing.",
}


# ---- making a code -----------------------------------------------------------------------

def _t1_code(payload: str) -> str:
    from .saves import check_char
    body = OLD_CODE_VERSION + _pack(payload)
    return body + check_char(body)


# ---- reading a code ------------------------------------------------------------------------

class _Refused(Exception):
    def __init__(self, key: str, **info):
        super().__init__(key)
        self.key, self.info = key, info


def _unpack(packed: str) -> str:
    """The payload text of a code whose check matched; refuses non-canonical or unfinished data."""
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
    except ValueError:
        raise _Refused("damaged") from None
    if base64.urlsafe_b64encode(raw).decode().rstrip("=") != packed:
        raise _Refused("damaged")  # a code is one exact text: no second spelling of the same bytes
    d = zlib.decompressobj()
    try:
        data = d.decompress(raw, 200_000)
    except zlib.error:
        raise _Refused("damaged") from None
    if not d.eof:
        raise _Refused("truncated")
    if d.unused_data:
        raise _Refused("damaged")
    try:
        return data.decode()
    except UnicodeDecodeError:
        raise _Refused("damaged") from None


def _cut_short(packed: str) -> bool:
    """A code whose check fails: does its text start a compressed stream that never ends?"""
    packed = packed[:len(packed) - (len(packed) % 4 == 1)]
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        d = zlib.decompressobj()
        d.decompress(raw, 200_000)
    except (ValueError, zlib.error):
        return False
    return not d.eof


def parse_code(code) -> dict:
    """The parts of a T1 or T2 code, or raises _Refused."""
    if not isinstance(code, str) or not code.strip():
        raise _Refused("empty")
    code = "".join(code.split())
    if len(code) > MAX_CODE:
        raise _Refused("too_long")
    head = code[:2].upper()
    if head not in (OLD_CODE_VERSION, CODE_VERSION) or len(code) < 4:
        raise _Refused("not_code")
    code = head + code[2:]
    if head == CODE_VERSION:
        body, check = code[:-2], code[-2:].upper()
        check_ok = _check(body) == check
    else:
        from .saves import check_char
        body, check = code[:-1], code[-1].upper()
        check_ok = check_char(body) == check
    if not check_ok:
        raise _Refused("truncated" if _cut_short(code[2:]) else "typo")
    payload = _unpack(body[2:])
    play, _, extra = payload.partition("\n")
    if (head == CODE_VERSION) != bool(_):
        raise _Refused("damaged")
    fields = play.split("|", 5)
    if len(fields) != 6:
        raise _Refused("damaged")
    sim_id, version, seed, lang, start, actions = fields
    if actions.count(",") >= MAX_ACTIONS:
        raise _Refused("too_many_steps")
    try:
        int(seed)
    except ValueError:
        raise _Refused("damaged") from None
    secs, name, assignment = None, "", ""
    if head == CODE_VERSION:
        parts = extra.split("\t")
        if len(parts) != 3:
            raise _Refused("damaged")
        if parts[0]:
            if not parts[0].isdigit() or int(parts[0]) > MAX_SECONDS:
                raise _Refused("damaged")
            secs = int(parts[0])
        name, assignment = clean_label(parts[1], NAME_LIMIT), clean_label(parts[2], ASSIGNMENT_LIMIT)
    return {"format": head, "play": play, "sim": sim_id, "version": version, "lang": lang,
            "played_seconds": secs, "bound_name": name, "assignment": assignment}


def _empty_row(name: str) -> dict:
    return {"verified": False, "reason": "", "name": name, "bound_name": "", "assignment": "",
            "sim": "", "version": "", "title": "", "lang": "", "ending": "", "ending_title": "",
            "rating": None, "max_rating": 3, "score": None, "activities": [], "minutes": None,
            "played_seconds": None, "too_fast": False, "skills": {}, "riasec": {}, "chances": {}, "digest": ""}


def verify_code(code: str, name: str = "") -> dict:
    """One row for a teacher's sheet; never raises for a bad code (see the module's docs)."""
    name = clean_label(name, NAME_LIMIT) if isinstance(name, str) else ""
    row = _empty_row(name)
    try:
        parts = parse_code(code)
        row.update(bound_name=parts["bound_name"], assignment=parts["assignment"], sim=parts["sim"],
                   version=parts["version"], lang=parts["lang"], played_seconds=parts["played_seconds"],
                   name=name or parts["bound_name"],
                   digest=hashlib.sha256(parts["play"].encode()).hexdigest()[:12])
        _replay_into(row, parts)
    except _Refused as exc:
        info = {"sim": row["sim"], "version": row["version"], **exc.info}
        row["reason"] = REASONS[exc.key].format(**info)
        row["verified"] = False
        return row
    row["verified"] = True
    return row


def replay(code: str):
    """(the finished Session a result code stands for, its parts, "") — or (None, None, key):
    why it cannot be, one of REASONS' keys. Never raises for a bad code."""
    try:
        parts = parse_code(code)
        session = _finished(_release(parts), parts)
    except _Refused as exc:
        return None, None, exc.key
    return session, parts, ""


def _release(parts: dict):
    sim_id, version = parts["sim"], parts["version"]
    sim = _releases.load_release(sim_id, version)
    if sim is None:
        known = _releases.versions_of(sim_id)
        if not known:
            raise _Refused("unknown_sim")
        raise _Refused("unknown_version", known=", ".join(known))
    return sim


def _finished(sim, parts: dict):
    """The finished session a code's parts replay to in its released simulation, or _Refused."""
    from .saves import SaveError
    from .session import Session
    try:
        session = Session.from_resume_code(sim, _t1_code(parts["play"]))
    except SaveError:
        raise _Refused("no_fit") from None
    if not session.ended:
        raise _Refused("not_finished")
    return session


def _replay_into(row: dict, parts: dict) -> None:
    sim = _release(parts)
    row["title"] = sim.title.get("en")
    session = _finished(sim, parts)
    row["lang"] = session.lang
    result = session.result()
    ending = sim.ending(result["ending"])
    row.update(ending=ending.id, ending_title=ending.title.get("en"), rating=result["rating"],
               max_rating=result["max_rating"], minutes=result["minutes"], skills=dict(result["skills"]),
               # the kinds of work taken and on offer: the teacher page adds them up for the class only
               riasec=dict(result["riasec"]), chances=dict(result["chances"]))  # view.Result has both
    activities, words = _walk(session)
    row["activities"] = activities
    row["score"] = score_of(activities, row["rating"], row["max_rating"])
    secs = row["played_seconds"]
    if secs is not None:
        row["too_fast"] = words > 0 and secs * FAST_WPM / 60 < words
    # a mismatch between the handed-in name and the bound one is worth a look, not a refusal
    row["name_differs"] = bool(row["name"] and row["bound_name"]
                               and _fold(row["name"]) != _fold(row["bound_name"]))


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum())


def verify_many(pairs) -> list[dict]:
    """(name, code) pairs -> rows, each with `duplicate_of`: the other rows of the same play."""
    rows = [verify_code(code, name) for name, code in pairs]
    by_digest: dict = {}
    for i, row in enumerate(rows):
        if row["digest"]:
            by_digest.setdefault(row["digest"], []).append(i)
    for i, row in enumerate(rows):
        row["duplicate_of"] = [j for j in by_digest.get(row["digest"], ()) if j != i] if row["digest"] else []
    return rows


# ---- what a teacher reads in a row ---------------------------------------------------------

def score_of(activities: list, rating, max_rating) -> int:
    """0-100: the mean of the activity scores; a simulation without activities scores its rating."""
    if activities:
        return round(100 * sum(a["score"] for a in activities) / len(activities))
    return round(100 * (rating or 0) / (max_rating or 3))


def _action(entry) -> dict:
    if entry[0] == "c":
        return {"type": "choose", "choice": entry[1]}
    if entry[0] == "a":
        return {"type": "answer", "answer": entry[1]}
    return {"type": "continue"}


def _walk(done) -> tuple[list, int]:
    """Replays a finished session through its views (the front ends' contract, docs/view.md):
    the activity rows in English, and the words shown in the student's language before the ending."""
    from .readability import view_words
    from .session import Session
    s = Session(done.sim, seed=done.seed, lang=done.lang, start=done.start)
    rows, words, last_text, asked = [], 0, None, None
    for entry in done.state["log"]:
        view = s.view()
        words += view_words(view, last_text)
        last_text = view["text"]
        if view["phase"] == "activity":
            asked = s.view() if s.lang == "en" else _english_view(s)
        s.act(_action(entry))
        if entry[0] == "a" and asked is not None and s.phase == "activity":
            continue  # a try that was not right, with tries left: the row waits for the last try
        if entry[0] == "a" and asked is not None:
            fb = (s.view() if s.lang == "en" else _english_view(s))["feedback"]  # an answer's feedback
            rows.append(_activity_row(asked["activity"], fb))
            asked = None
    return rows, words


def _english_view(s) -> dict:
    lang = s.lang
    s.lang = "en"
    try:
        return s.view()
    finally:
        s.lang = lang


def _activity_row(act: dict, fb: dict) -> dict:
    """A row of the results table from an activity's view and its feedback (the view
    contract, engine/view.py: ActivityFeedback has every key read here)."""
    correct = fb["correct"]
    return {"scene": act["scene"], "kind": act["kind"], "prompt": act["prompt"],
            "score": fb["score"], "outcome": fb["outcome"],
            "answer": answer_text(act, fb["answer"]),
            "right": answer_text(act, correct["answer"]) or "; ".join(correct["display"]),
            # with attempts > 1, item analysis wants the first try too
            **({"first_outcome": fb["first_outcome"], "tries": fb["tries"]} if "tries" in fb else {})}


def answer_text(act: dict, given) -> str:
    """An answer as short English text, from the activity's view (ids become their labels;
    each kind words its own answers: engine/kinds/*.py answer_text)."""
    if given is None:
        return ""
    return KINDS_BY_NAME[act["kind"]].answer_text(act, given)
