"""Text rules shared by the loader, the session and the tools: one placeholder rule and
one number formatter, so every part of the engine writes a number the same way."""
from __future__ import annotations

import functools
import math
import re

PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Languages that write 2,5 (and group thousands with a space): RAE and CLDR usage.
DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "pt"})


def format_number(value, lang: str, decimals: int | None = None) -> str:
    """A number as a student reads it, with thousands grouped the language's way: 6,112.5 in
    English; 6112,5 and 12 345,5 in Spanish (a no-break space, from five digits on: Fundéu's
    keys to writing numbers, after the RAE's Ortografía). A bool is ✓/✗.

    Without `decimals` (a variable in a text) a whole number is written whole and any other
    as Python's shortest general form (2.75, 36.7); with `decimals` (an answer, a budget, a
    model's output) at most that many decimals (2.50 -> 2.5).
    """
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if decimals is None:
        if not isinstance(value, float):
            text = str(value)
        else:
            text = f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"
    else:
        x = value
        text = str(int(x)) if float(x).is_integer() else f"{x:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")  # 2.50 -> 2.5 (never 10 -> 1)
        if text == "-0":
            text = "0"
    return _with_marks(text, lang)


def _with_marks(text: str, lang: str) -> str:
    """A plain number ("-6112.5") written with the language's decimal mark and thousands
    groups; anything else ("1e-05", "inf") only gets its decimal mark."""
    comma = lang in DECIMAL_COMMA
    sign = "-" if text.startswith("-") else ""
    whole, point, frac = text[len(sign):].partition(".")
    # Spanish writes 6112 whole and groups from five digits on (RAE/Fundéu); English from four
    if whole.isdigit() and len(whole) > (4 if comma else 3):
        whole = f"{int(whole):,}".replace(",", "\u00a0" if comma else ",")
    return sign + whole + ((("," if comma else ".") + frac) if point else "")


# ---- reading a number a student typed -------------------------------------------------
# The same convention, read back: English writes 6,112.5 (a comma groups thousands, a point
# marks decimals); Spanish writes 6112,5 or 6 112,5, and the older 6.112,5 (a point or a
# space groups thousands, a comma marks decimals). A space groups in every language.
SPACES = " \u00a0\u202f\u2009"
_NUMBER_CHARS = re.compile(r"[0-9.,_]+")


class NumberEntryError(ValueError):
    """A typed number the language's convention cannot read, or can read two ways.

    `key` names the UI sentence that says why (content/ui.yaml), `values` fill it."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


def marks(lang: str) -> tuple:
    """(decimal mark, thousands mark) of a language."""
    return (",", ".") if lang in DECIMAL_COMMA else (".", ",")


def read_number(value, lang: str = "en", decimals: bool = True) -> float:
    """A number a student typed, read the way `lang` writes numbers (format_number's way).

    "6,112" is 6112 in English and "6.112" is 6112 in Spanish; "6 112" is 6112 in both.
    When `decimals` is true (the activity takes decimals), one thousands mark followed by
    exactly three digits ("6,112" in English) could also be a decimal written the other
    language's way: NumberEntryError("number_ambiguous") instead of a guess. A decimal
    written with the thousands mark ("1,5" in English, "1.5" in Spanish) is refused with
    "number_decimal_mark"; anything else that is not a number with "need_number".
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise NumberEntryError("need_number")
    if isinstance(value, str):
        x = _read_text(value, lang, decimals)
    else:
        x = float(value)
    if not math.isfinite(x) or abs(x) > 1e12:
        raise NumberEntryError("number_too_large")
    return x


def _read_text(text: str, lang: str, decimals: bool) -> float:
    dec, group = marks(lang)
    s = text.strip().replace("\u2212", "-")
    sign = ""
    if s[:1] in "+-" and s:
        sign, s = ("-" if s[0] == "-" else ""), s[1:].lstrip(SPACES)
    for sp in SPACES:
        s = s.replace(sp, "_")  # a space only ever groups
    if not s or not _NUMBER_CHARS.fullmatch(s) or not any(c.isdigit() for c in s):
        raise NumberEntryError("need_number")
    whole, _, frac = s.partition(dec) if s.count(dec) == 1 else (s, "", "")
    swapped = text.strip().translate(str.maketrans({",": ".", ".": ","}))
    if s.count(dec) > 1 or not frac.isdigit() and frac or "_" in frac:
        # two decimal marks, or groups after the decimal mark: the other language's way
        raise NumberEntryError("number_decimal_mark", example=swapped)
    pieces = whole.replace(group, "_").split("_")
    if len(pieces) > 1:
        good = 1 <= len(pieces[0]) <= 3 and pieces[0][:1] != "0" and all(len(p) == 3 for p in pieces[1:]) \
            and all(p.isdigit() for p in pieces)
        if not good:
            if whole.count(group) == 1 and "_" not in whole and not frac and s.count(dec) == 0:
                raise NumberEntryError("number_decimal_mark", example=swapped)  # "1,5" in English
            raise NumberEntryError("number_groups")
        if decimals and whole.count(group) == 1 and "_" not in whole and s.count(dec) == 0:
            # "6,112" in English: six thousand, or 6.112 written the other way?
            head, tail = whole.split(group)
            raise NumberEntryError("number_ambiguous", typed=text.strip(), whole=sign + head + tail,
                                   decimal=sign + head + dec + tail)
    digits = "".join(pieces)
    return float(f"{sign}{digits or '0'}.{frac or '0'}")


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
