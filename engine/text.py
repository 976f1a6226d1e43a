"""Text rules shared by the loader, the session and the tools: one placeholder rule and
one number formatter, so every part of the engine writes a number the same way."""
from __future__ import annotations

import functools
import re

PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Languages that write 2,5 (and group thousands with a space): RAE and CLDR usage.
DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "pt"})


def format_number(value, lang: str, decimals: int | None = None) -> str:
    """A number as a student reads it.

    Without `decimals` (a variable in a text): 2.75 in English, 2,75 in Spanish, a bool as ✓/✗.
    With `decimals` (an answer, a budget): at most that many decimals and grouped
    thousands: 1,234.5 in English, 1 234,5 in Spanish (a no-break space).
    """
    if isinstance(value, bool):
        return "✓" if value else "✗"
    comma = lang in DECIMAL_COMMA
    if decimals is None:
        if not isinstance(value, float):
            return str(value)
        text = f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"
        return text.replace(".", ",") if comma else text
    x = value
    text = f"{int(x):,}" if float(x).is_integer() else f"{x:,.{decimals}f}".rstrip("0").rstrip(".")
    if comma:
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


@functools.lru_cache(maxsize=4096)
def template(text: str) -> tuple:
    """Splits a text once into (literal, placeholder name or None) pairs."""
    parts, pos = [], 0
    for m in PLACEHOLDER_RE.finditer(text):
        parts.append((text[pos:m.start()], m.group(1)))
        pos = m.end()
    parts.append((text[pos:], None))
    return tuple(parts)


def placeholders(text: str) -> list:
    """The names of the {placeholders} in a text, in order."""
    return PLACEHOLDER_RE.findall(text)


def fill(text: str, values) -> str:
    """`text` with each {name} that `values` has replaced by it; other braces stay as written."""
    return "".join(lit + (str(values[name]) if name in values else "{" + name + "}" if name else "")
                   for lit, name in template(text))
