"""Reading level and reading time of student-facing text, English and Spanish.

Everything here is written for this project (no NLTK, no dictionaries, no network):

* syllables are counted by rules — vowel groups with English silent-e handling, and
  Spanish nuclei with diphthongs, hiatus and silent `u` in que/qui/gue/gui;
* English grade: Flesch–Kincaid (Kincaid et al. 1975)
      grade = 0.39 · words/sentences + 11.8 · syllables/words − 15.59
* Spanish grade: Crawford (1984), a Spanish formula that gives a school grade directly
      grade = −0.205 · OP + 0.049 · SP − 3.407   OP = sentences, SP = syllables per 100 words
  It was built on primary-school readers, so on harder text it reads lower than
  Flesch–Kincaid does for the same text in English. Beside it we report the
  Fernández-Huerta reading ease (1959, with the correction noted by Law 2011: F is the
  mean number of words per sentence)
      L = 206.84 − 0.60 · P − 1.02 · F      P = syllables per 100 words
  and that score's grade on Flesch's table (GRADE_FROM_EASE), which Fernández-Huerta
  calibrated his formula against; that table has a floor at grade 5 for very easy text.

Reading time: READING_WPM words a minute plus a fixed allowance per action (ACTION_SECONDS),
documented in docs/tools.md. It is an estimate for planning (kiosk cut: 3–4 minutes), not a
measurement.
"""
from __future__ import annotations

import re
import unicodedata

from .kinds import BY_NAME as KINDS_BY_NAME
from .text import PLACEHOLDER_RE

# ---- reading time --------------------------------------------------------------------

#: Silent reading speed of a middle-school student, words per minute. Hasbrouck & Tindal's
#: 2017 oral reading fluency norms put the 50th percentile of grades 6–8 at about 150
#: words correct per minute; we use that for both languages (Spanish needs ~15 % more
#: words for the same text, which the word count already carries).
READING_WPM = 150
#: Seconds a student spends on an action beyond reading: deciding, clicking, typing.
ACTION_SECONDS = {"choose": 4.0, "continue": 1.5}
ACTIVITY_SECONDS = 12.0  # base time to work out an activity...
ACTIVITY_PART_SECONDS = 3.0  # ...plus this per item, option, pair, spot or budget line
NUMERIC_SECONDS = 20.0  # a numeric answer: work it out and type it

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”»)]*(?=\s|$)")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def word_count(text: str) -> int:
    return len(words(text))


ABBREVIATIONS_RE = re.compile(r"\b(?:a\.m|p\.m|Dr|Mr|Mrs|Ms|Sr|Sra|Dra|e\.g|i\.e|etc|vs|approx)\.",
                              re.IGNORECASE)


def sentence_count(text: str) -> int:
    """Sentences in a text; a text without end punctuation (a button label) is one.
    The dot of an abbreviation (p.m., Dr.) does not end a sentence."""
    pieces = SENTENCE_END_RE.split(ABBREVIATIONS_RE.sub(lambda m: m.group(0)[:-1], text or ""))
    return max(sum(1 for p in pieces if WORD_RE.search(p)), 1 if words(text) else 0)


# ---- syllables -----------------------------------------------------------------------

_EN_VOWELS = set("aeiouy")


def syllables_en(word: str) -> int:
    """English syllables by rule: vowel groups, minus a silent final e, at least one."""
    if word[:1].isdigit():  # a number read aloud: counted as two syllables, as in Spanish
        return 2
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalpha())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = 0
    prev = False
    for c in w:
        v = c in _EN_VOWELS
        if v and not prev:
            count += 1
        prev = v
    # silent endings: "make", "shapes", "stopped" (but "table", "needed", "goes")
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif w.endswith("es") and len(w) > 4 and w[-3] not in "scxzhgaeiou" and count > 1:
        count -= 1
    elif w.endswith("ed") and len(w) > 4 and w[-3] not in "tdaeiouy" and count > 1:
        count -= 1
    if w.endswith("le") and len(w) > 2 and w[-3] not in _EN_VOWELS and count == 0:
        count = 1
    # "-ia", "-io", "-ua" (media, radio, actual) are two syllables
    count += len(re.findall(r"[^aeioutscxqg](?:ia|io|iu|eo)|[^aeiouqg]ua", w))
    # a silent e inside: safety, lonely, careful, movement, kindness, careless
    count -= len(re.findall(r"[^aeiou]e(?:ty|ly|ful|fully|ment|ness|less)$", w))
    return max(count, 1)


_ES_STRONG = set("aeoáéóíú")  # accented i/u break a diphthong like a strong vowel
_ES_WEAK = set("iuü")
_ES_VOWELS = _ES_STRONG | _ES_WEAK


def syllables_es(word: str) -> int:
    """Spanish syllables: vowel nuclei, with diphthongs (weak+vowel) as one, hiatus
    (two strong vowels, or an accented í/ú) as two, and the silent u of que/qui/gue/gui."""
    w = "".join(c for c in word.lower() if c.isalpha())
    if not w:
        return 2 if word.strip().isdigit() else 0
    w = re.sub(r"(?<=[qg])u(?=[eiéí])", "", w)  # que, quién, guerra, guitarra
    if w.endswith("y") and len(w) > 1 and w[-2] in _ES_VOWELS:
        w = w[:-1]  # hoy, muy, rey: the y closes a diphthong
    elif w == "y":
        return 1
    count = 0
    run = ""
    for c in w + " ":
        if c in _ES_VOWELS:
            run += c
            continue
        if run:
            count += 1
            for a, b in zip(run, run[1:]):
                if a in _ES_STRONG and b in _ES_STRONG:
                    count += 1  # hiatus: le-er, dí-a
            run = ""
    return max(count, 1)


def syllables(word: str, lang: str) -> int:
    return syllables_es(word) if lang.startswith("es") else syllables_en(word)


# ---- formulas ------------------------------------------------------------------------

#: Flesch's table (reading ease → US grade), used for Fernández-Huerta's Spanish score.
GRADE_FROM_EASE = ((100, 4.0), (90, 5.0), (80, 6.0), (70, 7.0), (60, 9.0), (50, 11.0),
                   (30, 14.0), (0, 17.0))


def grade_from_ease(ease: float) -> float:
    pts = GRADE_FROM_EASE
    if ease >= pts[0][0]:
        return pts[0][1] - (ease - pts[0][0]) / 10.0
    for (e1, g1), (e2, g2) in zip(pts, pts[1:]):
        if e2 <= ease <= e1:
            return g1 + (e1 - ease) * (g2 - g1) / (e1 - e2)
    return pts[-1][1]


def clean(text: str) -> str:
    """Text as read: placeholders like {budget} become a number."""
    return PLACEHOLDER_RE.sub("10", text or "")


class Counts:
    """Words, sentences and syllables of a body of text in one language."""

    __slots__ = ("lang", "words", "sentences", "syllables", "texts")

    def __init__(self, lang: str):
        self.lang = lang
        self.words = self.sentences = self.syllables = self.texts = 0

    def add(self, text: str) -> "Counts":
        text = clean(text)
        ws = words(text)
        if not ws:
            return self
        self.texts += 1
        self.words += len(ws)
        self.sentences += sentence_count(text)
        self.syllables += sum(syllables(w, self.lang) for w in ws)
        return self

    def grade(self) -> float | None:
        """US school grade: Flesch–Kincaid for English, Crawford for Spanish."""
        if not self.words:
            return None
        if self.lang.startswith("es"):
            return self.crawford()
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1)

    def flesch_kincaid(self) -> float | None:
        if not self.words:
            return None
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1)

    def fernandez_huerta(self) -> float:
        p = 100.0 * self.syllables / self.words
        f = self.words / self.sentences
        return round(206.84 - 0.60 * p - 1.02 * f, 1)

    def crawford(self) -> float:
        op = 100.0 * self.sentences / self.words
        sp = 100.0 * self.syllables / self.words
        return round(-0.205 * op + 0.049 * sp - 3.407, 1)

    def as_dict(self) -> dict:
        out = {"lang": self.lang, "texts": self.texts, "words": self.words,
               "sentences": self.sentences, "syllables": self.syllables, "grade": self.grade()}
        if self.words:
            out["words_per_sentence"] = round(self.words / self.sentences, 1)
            out["syllables_per_word"] = round(self.syllables / self.words, 2)
            if self.lang.startswith("es"):
                out["crawford_grade"] = self.crawford()
                out["fernandez_huerta"] = self.fernandez_huerta()
                out["fernandez_huerta_grade"] = round(grade_from_ease(self.fernandez_huerta()), 1)
            else:
                out["flesch_kincaid"] = self.flesch_kincaid()
        return out


def grade_of(text: str, lang: str = "en") -> float | None:
    return Counts(lang).add(text).grade()


# ---- reading time of a view ------------------------------------------------------------

def view_words(view: dict, last_text: str | None = None) -> int:
    """Words a student reads on this view. The narration is counted only when it is new
    (after a choice the same narration stays on screen under the feedback)."""
    n = 0  # the keys read are the view contract's (engine/view.py): there, or None
    if view["text"] and view["text"] != last_text and view["phase"] != "ending":
        n += word_count(view["text"])
    for t in view["notices"]:
        n += word_count(t)
    for c in view["choices"]:
        n += word_count(c["text"]) + word_count(c["locked"] or "")
    act = view["activity"]
    if act:
        n += word_count(act["prompt"])
        for text in KINDS_BY_NAME[act["kind"]].view_texts(act):  # the entries a kind lists
            n += word_count(text)
    fb = view["feedback"]
    if fb:
        n += word_count(fb["text"]) + word_count(fb["explain"])
        if fb["correct"]:
            n += sum(word_count(line) for line in fb["correct"]["display"])
    end = view["ending"]
    if end:
        n += word_count(end["title"]) + word_count(end["text"])
        for key in ("went_well", "try_next", "professional", "reflection"):
            n += sum(word_count(t) for t in end["debrief"][key])
    return n


def action_seconds(action: dict, view: dict) -> float:
    """Seconds beyond reading that an action takes (see the constants above)."""
    kind = action["type"]
    if kind == "answer":
        act = view["activity"]
        kind = KINDS_BY_NAME[act["kind"]]
        if kind.typed:
            return NUMERIC_SECONDS
        parts = len(act[kind.view_list]) if kind.view_list else 0
        return ACTIVITY_SECONDS + ACTIVITY_PART_SECONDS * parts
    return ACTION_SECONDS.get(kind, 2.0)


def reading_seconds(n_words: int) -> float:
    return 60.0 * n_words / READING_WPM
