"""The top of a simulation file that is not a story: its format, languages, ids and titles,
its sources, its career and skills (checked against content/), its art and its clock."""
from __future__ import annotations

import re

from ..catalogue import load_careers, load_skills
from ..diagnostics import did_you_mean
from ..errors import CatalogueError
from ..model import FORMAT_VERSION, Clock, Source
from ..spec import CLOCK, LANG_RE, SOURCE, TOP


def read_header(b, top) -> dict:
    """The simulation's own fields, by their model names; sets the languages that every
    text after it is checked against."""
    fmt = top.get("format")
    if "format" in top and fmt != FORMAT_VERSION:
        b.r.error(b.vpos(top, "format"), f"format {fmt!r} is not supported",
                  f"this engine reads format {FORMAT_VERSION}")
    langs = b.id_list(top, "languages", "the simulation") or ("en",)
    for lang in langs:
        if not LANG_RE.match(lang):
            b.r.error(b.vpos(top, "languages"), f"'{lang}' is not a language code")
    if "en" not in langs:
        b.r.error(b.vpos(top, "languages"), "languages must include 'en'")
    b.languages = tuple(langs)

    head = dict(
        id=b.ident(top, "id", "the simulation") or "unnamed",
        version=b.string(top, "version", "the simulation") or "0",
        title=b.text(top, "title", "the simulation"),
        field=b.choice(top, TOP, "field", "the simulation") or "other",
        career=b.ident(top, "career", "the simulation") or "",
        related_careers=b.id_list(top, "related_careers", "the simulation"),
        minutes=b.read(top, TOP, "minutes", "the simulation"),
        grades=b.read(top, TOP, "grades", "the simulation"),
        summary=b.text(top, "summary", "the simulation"),
        objectives=b.text_list(top, "objectives", "the simulation"),
        skills=b.id_list(top, "skills", "the simulation"),
        sources=read_sources(b, top),
    )
    check_catalogue(b, top, head["career"], head["related_careers"], head["skills"])
    head["art"] = ()
    if "art" in top:
        am = b.mapping(top["art"], b.vpos(top, "art"), "'art'")
        if am:
            head["art"] = tuple((str(k), str(v)) for k, v in am.items() if isinstance(v, str))
    return head


def read_sources(b, top) -> tuple:
    if "sources" not in top:
        return ()
    lst = b.listing(top["sources"], b.vpos(top, "sources"), "'sources'")
    out = []
    for sm, sid, where in b.entries(lst, SOURCE, "source"):
        url = b.string(sm, "url", where, default="")
        if url and not url.startswith(("https://", "http://")):
            b.r.error(b.vpos(sm, "url"), "a source url must start with https://")
        out.append(Source(sid, b.string(sm, "title", where, default=""), url))
    return tuple(out)


def check_catalogue(b, top, career, related, skills):
    try:
        careers = load_careers()
        known_skills = load_skills()
    except (CatalogueError, OSError) as exc:
        b.r.warning((1, 1), f"career catalogue not checked: {exc}")
        return
    if career and career not in careers:
        b.r.error(b.vpos(top, "career"), f"unknown career '{career}'",
                  did_you_mean(career, careers) or "add it to content/careers.yaml")
    for c in related:
        if c not in careers:
            b.r.error(b.vpos(top, "related_careers"), f"unknown career '{c}'",
                      did_you_mean(c, careers) or "add it to content/careers.yaml")
    b.known_skills = known_skills
    for s in skills:
        if s not in known_skills:
            b.r.error(b.vpos(top, "skills"), f"unknown skill '{s}'",
                      did_you_mean(s, known_skills) or "add it to content/skills.yaml")


def read_clock(b, top):
    if "clock" not in top:
        return None
    cm = b.mapping(top["clock"], b.vpos(top, "clock"), "'clock'")
    if cm is None:
        return None
    b.keys(cm, "'clock'", CLOCK.keys, CLOCK.required)
    start = 0
    raw = cm.get("start", CLOCK["start"].default)
    m = re.match(r"^(\d{1,2}):(\d{2})$", str(raw))
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        b.r.error(b.vpos(cm, "start"), f"clock start '{raw}' is not a time like \"19:00\"")
    else:
        start = int(m.group(1)) * 60 + int(m.group(2))
    limit = b.read(cm, CLOCK, "limit", "'clock'")
    return Clock(start, limit, b.read(cm, CLOCK, "show", "'clock'"))
