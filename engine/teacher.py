"""The `teacher:` part of a simulation file: what a teacher's guide needs that only a person can write.

Everything else in a guide (overview, answer key, endings, career facts, sources) is
generated from the simulation itself (engine/guides.py). Declared and checked here, in one
place; the loader calls `check_teacher` and reports every problem as file:line:col.

    teacher:
      warm_up: {en: ..., es: ...}            # a question or short task before playing
      watch_for:                             # what to look for while students play
        - {en: ..., es: ...}
      discussion:                            # questions after playing, tied to real moments
        - question: {en: ..., es: ...}
          about: [scene-or-ending-id, ...]   # the decisions or endings it is about
      vocabulary:
        - term: {en: ..., es: ...}
          meaning: {en: ..., es: ...}
      standards:                             # alignments, each with a source that states it
        - framework: NGSS                    # short name of the standards document
          code: MS-ETS1-1                    # its own code, copied from the source
          text: {en: ..., es: ...}           # how this simulation supports it
          source: source-id                  # from 'sources' here or the simulation's
      sources:                               # the standards' public text, as read
        - {id: ..., title: ..., url: https://...}
"""
from __future__ import annotations

from .loading.header import read_sources  # the teacher's own sources read as the simulation's are

KEYS = {"warm_up", "watch_for", "discussion", "vocabulary", "standards", "sources"}
REQUIRED = ("warm_up", "discussion")
DISCUSSION_KEYS = {"question", "about"}
VOCABULARY_KEYS = {"term", "meaning"}
STANDARD_KEYS = {"framework", "code", "text", "source"}

#: The shape for the JSON Schema (engine/schema.py), from the same tables.
SCHEMA = {
    "type": "object",
    "description": "For the teacher's guide: warm-up, what to watch for, discussion questions tied to "
                   "scenes and endings, vocabulary and cited standards alignments.",
    "properties": {
        "warm_up": {"$ref": "#/$defs/text", "description": "A question or short task before playing."},
        "watch_for": {"type": "array", "items": {"$ref": "#/$defs/text"},
                      "description": "What a teacher can look for while students play."},
        "discussion": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["question", "about"],
            "properties": {"question": {"$ref": "#/$defs/text"},
                           "about": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/id"},
                                     "description": "Scene or ending ids the question is about."}}}},
        "vocabulary": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["term", "meaning"],
            "properties": {"term": {"$ref": "#/$defs/text"}, "meaning": {"$ref": "#/$defs/text"}}}},
        "standards": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["framework", "code", "text", "source"],
            "properties": {"framework": {"type": "string"}, "code": {"type": "string"},
                           "text": {"$ref": "#/$defs/text"}, "source": {"$ref": "#/$defs/source"}}}},
        "sources": {"type": "array", "items": {"$ref": "#/$defs/source_entry"},
                    "description": "Public sources of the standards' text, cited by the standards."},
    },
    "required": list(REQUIRED),
    "additionalProperties": False,
}


def check_teacher(b, top, sim) -> None:
    """Checks `top['teacher']` with the loader's builder `b` (its reporter and readers)."""
    tm = b.mapping(top["teacher"], b.vpos(top, "teacher"), "'teacher'")
    if tm is None:
        return
    b.keys(tm, "'teacher'", KEYS, REQUIRED)
    if "warm_up" in tm:
        b.text(tm, "warm_up", "'teacher'")
    b.text_list(tm, "watch_for", "'teacher'")
    known = {s.id for s in sim.scenes} | {e.id for e in sim.endings}
    if isinstance(tm.get("discussion"), list) and not tm["discussion"]:
        b.r.error(b.vpos(tm, "discussion"), "'discussion' of 'teacher' needs at least one question")
    for i, m in _entries(b, tm, "discussion"):
        where = f"discussion {i + 1} of 'teacher'"
        b.keys(m, where, DISCUSSION_KEYS, ("question", "about"))
        if "question" in m:
            b.text(m, "question", where)
        about = b.id_list(m, "about", where)
        if "about" in m and not about:
            b.r.error(b.vpos(m, "about"), f"'about' of {where} needs at least one scene or ending id")
        for ident in about:
            if ident not in known:
                from .diagnostics import did_you_mean
                b.r.error(b.vpos(m, "about"), f"'{ident}' in {where} is not a scene or an ending",
                          did_you_mean(ident, known) or "name the scene or ending the question is about")
    for i, m in _entries(b, tm, "vocabulary"):
        where = f"vocabulary {i + 1} of 'teacher'"
        b.keys(m, where, VOCABULARY_KEYS, ("term", "meaning"))
        for key in ("term", "meaning"):
            if key in m:
                b.text(m, key, where)
    own = {src.id for src in read_sources(b, tm)} if "sources" in tm else set()
    sim_sources = {src.id for src in sim.sources}
    cited = set()
    for i, m in _entries(b, tm, "standards"):
        where = f"standard {i + 1} of 'teacher'"
        b.keys(m, where, STANDARD_KEYS, ("framework", "code", "text", "source"))
        b.string(m, "framework", where)
        b.string(m, "code", where)
        if "text" in m:
            b.text(m, "text", where)
        raw = m.get("source")
        ids = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
        if "source" in m and (not ids or not all(isinstance(x, str) for x in ids)):
            b.r.error(b.vpos(m, "source"), f"{where} needs a source that states the standard",
                      "list the standard's public text under the teacher's 'sources:' and cite its id here")
            continue
        for sid in ids or ():
            cited.add(sid)
            if sid in sim_sources:
                b.sources_used.append((sid, b.vpos(m, "source")))
            elif sid not in own:
                from .diagnostics import did_you_mean
                b.r.error(b.vpos(m, "source"), f"unknown source '{sid}' in {where}",
                          did_you_mean(sid, own | sim_sources) or "list it under the teacher's 'sources:'")
    lst = tm.get("sources")
    for i, src in enumerate(lst if isinstance(lst, list) else ()):
        sid = src.get("id") if isinstance(src, dict) else None
        if sid in own and sid not in cited:
            b.r.warning(b.ipos(lst, i), f"source '{sid}' of 'teacher' is listed but no standard cites it",
                        "cite it from a standard's 'source:' or remove it")


def _entries(b, tm, key):
    if key not in tm or tm[key] is None:
        return []
    lst = b.listing(tm[key], b.vpos(tm, key), f"'{key}' of 'teacher'")
    out = []
    for i, v in enumerate(lst or ()):
        m = b.mapping(v, b.ipos(lst, i), f"{key} {i + 1} of 'teacher'")
        if m is not None:
            out.append((i, m))
    return out


def teacher_part(sim) -> dict:
    """A loaded simulation's `teacher:` part as plain data ({} when it has none)."""
    import json
    return (json.loads(sim.data) if sim.data else {}).get("teacher") or {}


def cited_sources(sim, ids) -> list[dict]:
    """{id, title, url} of the sources a standard cites: the teacher part's, then the simulation's."""
    table = {s.get("id"): s for s in teacher_part(sim).get("sources") or () if isinstance(s, dict)}
    for s in sim.sources:
        table.setdefault(s.id, {"id": s.id, "title": s.title, "url": s.url})
    ids = [ids] if isinstance(ids, str) else list(ids or ())
    return [{"id": i, "title": table[i].get("title", ""), "url": table[i].get("url", "")} for i in ids if i in table]
