"""The kiosk operator's PIN: a salted slow hash, never the PIN itself, and a limit on tries.

Used by the desktop kiosk (engine/desktop/kiosk.py) and by the web build, which writes the
same hash into the kiosk page. There is no default PIN: the operator chooses one when the
kiosk is built or first started.

A PIN of 4 to 12 digits is small, so the hash only makes reading it back from a stored file
slow (PBKDF2-HMAC-SHA256, 600,000 rounds, as OWASP's password storage cheat sheet advises);
what keeps visitors out is the limit on tries: three free ones, then a wait that doubles
after each further miss (30 s, 60 s, 2 min, ... up to 15 min), measured on the caller's clock
so tests need no sleeping.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re

SCHEME = "pbkdf2-sha256"
ITERATIONS = 600_000
# Without OpenSSL (pygbag's WebAssembly CPython) PBKDF2 runs in Python, far slower: fewer
# rounds there. That kiosk keeps its hash only in the page's memory, never in a file.
FALLBACK_ITERATIONS = 20_000
SALT_BYTES = 16
MIN_DIGITS, MAX_DIGITS = 4, 12
FREE_TRIES = 3
FIRST_WAIT = 30.0
MAX_WAIT = 15 * 60.0
# The PIN the documentation once published as the default: never accepted again.
OLD_DEFAULT = "2468"
_STORED = re.compile(r"pbkdf2-sha256\$([1-9][0-9]{3,7})\$([0-9a-f]{16,64})\$([0-9a-f]{64})")


def pbkdf2_sha256(pin: str, salt: bytes, iterations: int) -> bytes:
    try:
        return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    except AttributeError:  # a CPython without OpenSSL (e.g. some WebAssembly builds)
        return _pbkdf2_sha256_python(pin.encode("utf-8"), salt, iterations)


def _pbkdf2_sha256_python(password: bytes, salt: bytes, iterations: int) -> bytes:
    # RFC 8018 section 5.2 with one 32-byte block (the derived key is as long as SHA-256).
    mac = hmac.new(password, digestmod=hashlib.sha256)

    def prf(data: bytes) -> bytes:
        m = mac.copy()
        m.update(data)
        return m.digest()

    u = prf(salt + b"\x00\x00\x00\x01")
    out = int.from_bytes(u, "big")
    for _ in range(iterations - 1):
        u = prf(u)
        out ^= int.from_bytes(u, "big")
    return out.to_bytes(32, "big")


def pin_problem(pin: str) -> str | None:
    """Why this PIN cannot be chosen (a words key: weak_pin / pin_digits), or None."""
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        return "pin_digits"
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    if pin == OLD_DEFAULT or len(set(pin)) == 1 or steps in ({1}, {-1}):
        return "weak_pin"
    return None


def hash_pin(pin: str, *, iterations: int | None = None, salt: bytes | None = None) -> str:
    """`pbkdf2-sha256$<rounds>$<salt hex>$<hash hex>` for a PIN that pin_problem accepts."""
    problem = pin_problem(pin)
    if problem:
        raise ValueError(PROBLEM_TEXT[problem])
    rounds = iterations or (ITERATIONS if hasattr(hashlib, "pbkdf2_hmac") else FALLBACK_ITERATIONS)
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    return f"{SCHEME}${rounds}${salt.hex()}${pbkdf2_sha256(pin, salt, rounds).hex()}"


def valid_stored(stored: object) -> bool:
    return isinstance(stored, str) and _STORED.fullmatch(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    m = _STORED.fullmatch(stored or "")
    if not m or not (isinstance(pin, str) and pin.isascii() and pin.isdigit()) or len(pin) > MAX_DIGITS:
        return False
    rounds, salt, want = int(m.group(1)), bytes.fromhex(m.group(2)), bytes.fromhex(m.group(3))
    return hmac.compare_digest(pbkdf2_sha256(pin, salt, rounds), want)


# For the command line (the kiosk screens use the catalogue's words under the same keys).
PROBLEM_TEXT = {
    "pin_digits": f"the operator PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits",
    "weak_pin": "that PIN is too easy to guess (the same digit, a run like 1234, or the old default 2468)",
}


class PinGuard:
    """Checks tries against the stored hash and limits them with a growing wait."""

    def __init__(self, stored: str | None, clock):
        self.stored = stored if valid_stored(stored) else None
        self.clock = clock
        self.misses = 0
        self.locked_until = 0.0

    def wait_left(self) -> float:
        return max(0.0, self.locked_until - self.clock())

    def check(self, pin: str) -> str:
        """"ok", "wrong" or "locked" (a try while locked is not checked and not counted)."""
        if self.wait_left() > 0:
            return "locked"
        if self.stored and verify_pin(pin, self.stored):
            self.misses = 0
            return "ok"
        self.misses += 1
        if self.misses >= FREE_TRIES:
            self.locked_until = self.clock() + min(FIRST_WAIT * 2 ** (self.misses - FREE_TRIES), MAX_WAIT)
        return "wrong"


def load_stored(folder) -> str | None:
    """The hash kept in a kiosk's data folder (kiosk-pin.json), or None."""
    import json
    from pathlib import Path

    if folder is None:
        return None
    try:
        data = json.loads((Path(folder) / "kiosk-pin.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stored = data.get("pin_hash") if isinstance(data, dict) else None
    return stored if valid_stored(stored) else None


def save_stored(folder, stored: str) -> bool:
    """Keep the hash in the data folder, readable by its owner only; False if it cannot."""
    import json
    from pathlib import Path

    if folder is None:
        return False
    try:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "kiosk-pin.json.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"pin_hash": stored}, f)
        os.replace(tmp, folder / "kiosk-pin.json")
        return True
    except OSError:
        return False
