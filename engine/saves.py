"""Saves and resume codes.

A save is small versioned JSON holding the seed and the action log; restoring replays
the log, so a save can never put a session into a state the content cannot reach. A
resume code is the same thing packed for a URL or SCORM's suspend_data: compact,
URL-safe, with a check character so a mistyped code is caught.
"""
from __future__ import annotations

import base64
import hashlib
import json
import zlib

from .errors import ActionError, SaveError
from .kinds import kind_of
from .model import Simulation

SAVE_FORMAT = 1
CODE_VERSION = "T1"
CODE_LIMIT = 4096
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


#: State keys added after saves began: left out of a save's check, so that every save made
#: before them keeps its check (they are replayed from the log like everything else).
UNCHECKED = ("evidence", "chances")


def _digest(state: dict) -> str:
    checked = {k: v for k, v in state.items() if k not in UNCHECKED}
    body = json.dumps(checked, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def save_session(session) -> str:
    data = {
        "format": SAVE_FORMAT,
        "sim": session.sim.id,
        "version": session.sim.version,
        "seed": session.seed,
        "lang": session.lang,
        "start": session.start,
        "log": session.state["log"],
        "digest": _digest(session.state),
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


#: More steps than any real play takes (the flagships end in about 40, with second tries
#: fewer than 100): a longer log was not made by playing, and replaying it would only keep
#: a Chromebook busy (a looping simulation let a 322-character code replay 99,991 steps).
MAX_STEPS = 1000


def _too_many_steps(count: int) -> None:
    if count > MAX_STEPS:
        raise SaveError(f"the save holds {count:,} steps, more than any playthrough ({MAX_STEPS:,}): it is damaged")


def _replay(sim: Simulation, seed, lang, start, actions, new_session):
    _too_many_steps(len(actions))
    session = new_session(sim, seed=seed, lang=lang, start=start)
    for n, entry in enumerate(actions, 1):
        action = action_from_log(entry)
        try:
            session.act(action)
        except ActionError as exc:
            raise SaveError(f"step {n} cannot be replayed: {exc}") from None
    return session


def action_from_log(entry) -> dict:
    """The action a logged entry records: ["c", id] choose, ["a", answer] answer, ["n"] continue."""
    if not isinstance(entry, list) or not entry or not isinstance(entry[0], str):
        raise SaveError("the save's action list is damaged")
    tag = entry[0]
    if tag == "c" and len(entry) == 2:
        return {"type": "choose", "choice": entry[1]}
    if tag == "a" and len(entry) == 2:
        return {"type": "answer", "answer": entry[1]}
    if tag == "n" and len(entry) == 1:
        return {"type": "continue"}
    raise SaveError("the save's action list is damaged")


def nested_deeper_than(text: str, limit: int) -> bool:
    """Whether JSON text nests lists and mappings more than `limit` deep (read before parsing)."""
    depth = 0
    quoted = escaped = False
    for ch in text:
        if quoted:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def restore_session(sim: Simulation, text, new_session):
    """The session a save describes, replayed; `new_session` is the Session class
    (passed in, so this module stays below the session it serves)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str) or not text.strip():
        raise SaveError("the save is empty")
    if len(text) > 2_000_000:
        raise SaveError("the save is too large to be real")
    if nested_deeper_than(text, 32):
        # no real save nests this deep; and in WebAssembly, where Python runs on the
        # JavaScript stack, parsing a deeply nested "bomb" would kill the runtime
        raise SaveError("the save is damaged (not readable)")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise SaveError("the save is damaged (not readable)") from None
    if not isinstance(data, dict):
        raise SaveError("the save is damaged (wrong shape)")
    if data.get("format") != SAVE_FORMAT:
        raise SaveError(f"the save has format {data.get('format')!r}; this player reads format {SAVE_FORMAT}")
    if data.get("sim") != sim.id:
        raise SaveError(f"the save is for another simulation ({data.get('sim')!r})")
    seed, log, lang, start = data.get("seed"), data.get("log"), data.get("lang", "en"), data.get("start")
    if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(log, list):
        raise SaveError("the save is damaged (missing seed or actions)")
    if not isinstance(lang, str):
        lang = "en"
    if start is not None and (not isinstance(start, str) or not sim.has_scene(start)):
        raise SaveError("the save starts at a scene this simulation does not have")
    try:
        session = _replay(sim, seed, lang, start, log, new_session)
    except SaveError as exc:
        if isinstance(data.get("version"), str) and data["version"] != sim.version:
            raise SaveError(f"the save was made with version {data.get('version')} of this simulation, "
                            f"and this is version {sim.version}") from None
        raise exc
    if data.get("version") == sim.version and data.get("digest") != _digest(session.state):
        raise SaveError("the save is damaged (it does not match its own check)")
    return session


# ---- resume codes -------------------------------------------------------------------

CONTINUE_TOKEN = "n"


def choice_token(index: int) -> str:
    """A choice's token: "c" and its place among its scene's choices."""
    return "c" + str(index)


def answer_token(act, answer) -> str:
    """An answer's token: "a" and the kind's packing of the normalised answer."""
    return "a" + kind_of(act).encode(act, answer)


def _decode_action(sim: Simulation, state: dict, token: str) -> dict:
    if token == "n":
        return {"type": "continue"}
    scene = sim.scene(state["scene"])
    if token.startswith("c"):
        i = int(token[1:])
        if not 0 <= i < len(scene.choices):
            raise SaveError("the code does not fit this simulation")
        return {"type": "choose", "choice": scene.choices[i].id}
    if not token.startswith("a") or scene.activity is None:
        raise SaveError("the code does not fit this simulation")
    return {"type": "answer", "answer": kind_of(scene.activity).decode(scene.activity, token[1:])}


def check_char(body: str) -> str:
    return _ALPHABET[zlib.crc32(body.encode()) % len(_ALPHABET)]


def encode_resume_code(session) -> str:
    sim = session.sim
    header = "|".join([sim.id, sim.version, str(session.seed), session.lang, session.start or ""])
    payload = header + "|" + ",".join(session.tokens)  # made as each action was taken
    packed = base64.urlsafe_b64encode(zlib.compress(payload.encode(), 9)).decode().rstrip("=")
    body = CODE_VERSION + packed
    return body + check_char(body)


def decode_resume_code(sim: Simulation, code, new_session):
    if not isinstance(code, str):
        raise SaveError("a resume code is text")
    code = "".join(code.split())
    if len(code) > CODE_LIMIT * 2:
        raise SaveError("that code is too long")
    if len(code) < 4 or not code.startswith(CODE_VERSION):
        raise SaveError("that is not a resume code")
    body, check = code[:-1], code[-1]
    if check_char(body) != check.upper():
        raise SaveError("that code has a typo (its check character does not match)")
    try:
        packed = body[len(CODE_VERSION):]
        raw = zlib.decompressobj().decompress(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)), 200_000)
        payload = raw.decode()
        sim_id, version, seed, lang, start, actions = payload.split("|", 5)
        seed = int(seed)
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise SaveError("that code is damaged") from None
    if sim_id != sim.id:
        raise SaveError(f"that code is for another simulation ({sim_id})")
    if start and not sim.has_scene(start):
        raise SaveError("that code does not fit this simulation")
    tokens = actions.split(",") if actions else []
    _too_many_steps(len(tokens))
    session = new_session(sim, seed=seed, lang=lang if lang in sim.languages else "en", start=start or None)
    for n, token in enumerate(tokens, 1):
        try:
            action = _decode_action(sim, session.state, token)
            session.act(action)
        except (ActionError, ValueError, SaveError) as exc:
            if version != sim.version:
                raise SaveError(f"that code was made with version {version} of this simulation, "
                                f"and this is version {sim.version}") from None
            raise SaveError(f"that code does not fit this simulation (step {n}: {exc})") from None
    return session
