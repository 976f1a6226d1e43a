"""`testdrive stats SIM...`: words, estimated minutes and reading grade per language.

Only student-facing text is counted: the title, summary and objectives, narration,
choices (with locked reasons and feedback), activity prompts, items, options, pairs,
spot labels, goals, feedback and explanations, event notices, endings and their
debriefs. Ids, sources, file paths and variable names are not. Formulas and the
reading-time estimate are in engine/readability.py and docs/tools.md.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys

from .explore import Explorer
from .files import load_or_report, simulation_files
from .kinds import kind_of
from .model import Simulation, Text
from .readability import Counts, grade_of, word_count

#: a single text this far above the grade band's top (8) is flagged
FLAG_GRADE = 10.0
#: texts shorter than this are not graded one by one (formulas are noise on a few words)
FLAG_MIN_WORDS = 12
TARGET_GRADE = 8.0


def student_texts(sim: Simulation) -> list[tuple[str, Text]]:
    """(where, Text) for every student-facing text, in file order."""
    out: list = [("title", sim.title), ("summary", sim.summary)]
    out += [(f"objective {i}", t) for i, t in enumerate(sim.objectives, 1)]
    for s in sim.scenes:
        out.append((f"scene '{s.id}'", s.text))
        for c in s.choices:
            w = f"choice '{c.id}' in '{s.id}'"
            out.append((w, c.text))
            out.append((f"{w} locked", c.locked))
            if c.feedback is not None:
                out.append((f"{w} feedback", c.feedback))
        a = s.activity
        if a is not None:
            w = f"activity in '{s.id}'"
            out.append((f"{w} prompt", a.prompt))
            out += [(f"{w} {what}", t) for what, t in kind_of(a).texts(a)]
            for outcome, t in a.feedback:
                out.append((f"{w} feedback {outcome}", t))
            out.append((f"{w} explain", a.explain))
    for e in sim.events:
        if e.text is not None:
            out.append((f"event '{e.id}'", e.text))
    for e in sim.endings:
        w = f"ending '{e.id}'"
        out.append((f"{w} title", e.title))
        out.append((w, e.text))
        for key in ("went_well", "try_next", "professional"):
            for i, item in enumerate(getattr(e, key), 1):
                out.append((f"{w} {key} {i}", item.text))
        for i, t in enumerate(e.reflection, 1):
            out.append((f"{w} reflection {i}", t))
    return [(w, t) for w, t in out if t is not None and t.by_lang]


def estimated_minutes(sim: Simulation, lang: str, players: int) -> dict | None:
    """Estimated real minutes of a play-through: reading plus acting, over random players."""
    if players <= 0:
        return None
    xp = Explorer(sim, None, lang)
    secs = []
    for i in range(players):
        r = xp.random_player(20_000 + i)
        if "seconds" in r:
            secs.append(r["seconds"] / 60)
    if not secs:
        return None
    return {"median": round(statistics.median(secs), 1), "min": round(min(secs), 1), "max": round(max(secs), 1)}


# Reading-level formulas are defined for running prose; a button label or a list item is a
# phrase meant to stay short, and counting each as a "sentence" drags the grade down.
# These texts are labels: counted in words and minutes, left out of the grade.
def is_label(where: str) -> bool:
    if where == "title" or (where.startswith("ending ") and where.endswith(" title")):
        return True
    if where.startswith("choice ") and not where.endswith(" feedback"):
        return True
    if " item '" in where and not where.endswith(" why"):
        return True
    return " goal '" in where


def stats(sim: Simulation, players: int = 200) -> dict:
    texts = student_texts(sim)
    out = {"sim": sim.id, "path": sim.path, "declared_minutes": sim.minutes, "languages": {}}
    for lang in sim.languages:
        counts = Counts(lang)
        prose = Counts(lang)
        missing = 0
        graded = []
        for where, t in texts:
            s = dict(t.by_lang).get(lang)
            if s is None:
                missing += 1
                continue
            counts.add(s)
            if not is_label(where):
                prose.add(s)
            if word_count(s) >= FLAG_MIN_WORDS:
                graded.append((grade_of(s, lang), where, s))
        graded.sort(key=lambda g: -g[0])
        d = counts.as_dict()
        d["all_text_grade"] = d["grade"]
        p = prose.as_dict()
        d["grade"] = p["grade"]  # the reading level of the prose (labels left out)
        d["prose"] = p
        d["missing_texts"] = missing
        d["minutes"] = estimated_minutes(sim, lang, players)
        d["hardest"] = [{"grade": g, "where": w, "text": s} for g, w, s in graded[:5]]
        d["flagged"] = [{"grade": g, "where": w, "text": s} for g, w, s in graded if g > FLAG_GRADE]
        out["languages"][lang] = d
    return out


def _short(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def format_stats(st: dict) -> str:
    lines = [f"{st['path'] or st['sim']} — {st['sim']} (declared {st['declared_minutes']} min)"]
    for lang, d in st["languages"].items():
        if not d["words"]:
            lines.append(f"  {lang}: no text")
            continue
        p = d["prose"]
        if lang.startswith("es"):
            formula = (f"Crawford; Fernández-Huerta ease {p['fernandez_huerta']}, "
                       f"grade {p['fernandez_huerta_grade']} on Flesch's table")
        else:
            formula = "Flesch–Kincaid"
        mins = d["minutes"]
        est = f"~{mins['median']} min (random players {mins['min']}–{mins['max']})" if mins else "minutes: -"
        over = "  ABOVE GRADE 8" if d["grade"] is not None and d["grade"] > TARGET_GRADE + 0.5 else ""
        lines.append(f"  {lang}: {d['words']:,} words in {d['texts']} texts, {est}, "
                     f"prose at grade {d['grade']} ({formula}){over}")
        lines.append(f"      prose: {p['texts']} texts, {p['words_per_sentence']} words/sentence, "
                     f"{p['syllables_per_word']} syllables/word; with labels and buttons: grade "
                     f"{d['all_text_grade']}"
                     + (f"; {d['missing_texts']} texts missing" if d["missing_texts"] else ""))
        for f in d["flagged"]:
            lines.append(f"      far above grade 8: grade {f['grade']} — {f['where']}: \"{_short(f['text'])}\"")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive stats",
                                 description="word count, estimated minutes and reading grade per language")
    ap.add_argument("sims", nargs="+", metavar="SIM")
    ap.add_argument("--players", type=int, default=200, help="random players for the minutes estimate")
    ap.add_argument("--format", choices=["text", "json"], default="text")
    args = ap.parse_args(argv)
    status = 0
    results = []
    for path in simulation_files(args.sims):
        sim = load_or_report(path)
        if sim is None:
            status = 1
            continue
        st = stats(sim, args.players)
        results.append(st)
        if args.format == "text":
            print(format_stats(st))
    if args.format == "json":
        print(json.dumps(results, indent=1, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
