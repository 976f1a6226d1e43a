"""Making a result code at an ending (Session.result_code); engine/results.py reads and
verifies them. Kept apart from results.py so the session, which makes codes, does not
depend on the teacher's verifier, which replays sessions."""
from __future__ import annotations

import base64
import unicodedata
import zlib

CODE_VERSION = "T2"
OLD_CODE_VERSION = "T1"
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NAME_LIMIT = 40
ASSIGNMENT_LIMIT = 60
MAX_SECONDS = 7 * 24 * 3600


def clean_label(text, limit: int) -> str:
    """A typed name or label as it goes into a code: one line, no control or direction marks."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                   for c in text if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn"))
    return " ".join(kept.split())[:limit].strip()


def check(body: str) -> str:
    n = zlib.crc32(body.encode()) % (len(CHECK_ALPHABET) ** 2)
    return CHECK_ALPHABET[n // len(CHECK_ALPHABET)] + CHECK_ALPHABET[n % len(CHECK_ALPHABET)]


def pack(payload: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(payload.encode(), 9)).decode().rstrip("=")


def make_result_code(session, name: str = "", assignment: str = "", played_seconds=None) -> str:
    """The T2 result code of a session (Session.result_code calls this)."""
    play = t1_payload(session.resume_code())
    if played_seconds is None or isinstance(played_seconds, bool):
        secs = ""
    else:
        secs = str(max(0, min(int(played_seconds), MAX_SECONDS)))
    extra = "\t".join([secs, clean_label(name, NAME_LIMIT), clean_label(assignment, ASSIGNMENT_LIMIT)])
    body = CODE_VERSION + pack(play + "\n" + extra)
    return body + check(body)


def t1_payload(t1_code: str) -> str:
    packed = t1_code[len(OLD_CODE_VERSION):-1]
    return zlib.decompress(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))).decode()
