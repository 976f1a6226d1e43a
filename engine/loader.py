"""Loads and checks a simulation file: every problem at once, with line and column."""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import expressions as ex
from .bounds import never_holds
from .contentfiles import check_files
from .diagnostics import Diagnostic, Reporter, did_you_mean
from .diagnostics import kind_of as _kind  # one wording with the catalogue checks
from .catalogue import load_careers, load_skills
from .errors import CatalogueError, LoadError
from .kinds import BY_NAME as KIND_BY_NAME, NAMES as KIND_NAMES
from .kinds.base import read_items
from .model import (
    EMPTY_TEXT, FORMAT_VERSION, SPECIAL_TARGETS,
    Character, Choice, Clock, Condition, DebriefItem, Effect, Ending, EnjoyStatement, Event, Scene,
    Simulation, Source, Text, Variable,
)
from .spec import (
    ACTIVITY, CHARACTER, CHOICE, CLOCK, DEBRIEF, DEBRIEF_ITEM, ENDING, ENJOY, ENJOY_MAX, ENJOY_MIN, EVENT, ID_RE,
    KIOSK, LANG_RE, OUTCOMES, SCENE, SOURCE, TOP, VAR_RE, VARIABLE, Section, friendly_list,
)
from .tagging import check_tags
from .teacher import check_teacher
from .text import PLACEHOLDER_RE
from .yamlsafe import YList, YMap, read_yaml

NUMERIC_TYPES = (int, float)


def _is_num(v) -> bool:
    return isinstance(v, NUMERIC_TYPES) and not isinstance(v, bool)


#: The key of text that is the same in every language.
SAME = "same"


class _Builder:
    def __init__(self, path: str, report: Reporter, check_content_files: bool = True):
        self.path = path
        self.r = report
        self.check_content_files = check_content_files
        self.languages: tuple = ("en",)
        self.var_names: set = {"time"}
        self.variables: dict = {}
        self.targets: list = []  # (target, pos, where)
        self.refs: list = []  # (function, id, pos)
        self.sources_used: list = []  # (id, pos)
        self.assigned: set = set()
        self.read_names: set = set()
        self.placeholders: list = []  # (name, pos)
        self.choice_ids: set = set()

    # ---- small readers --------------------------------------------------------------
    @staticmethod
    def vpos(m, key):
        if isinstance(m, YMap):
            return m.val_pos.get(key, m.pos)
        return (0, 0)

    @staticmethod
    def kpos(m, key):
        if isinstance(m, YMap):
            return m.key_pos.get(key, m.pos)
        return (0, 0)

    @staticmethod
    def ipos(lst, i):
        if isinstance(lst, YList) and i < len(lst.item_pos):
            return lst.item_pos[i]
        return getattr(lst, "pos", (0, 0))

    @staticmethod
    def mpos(m):
        return getattr(m, "pos", (0, 0))

    def mapping(self, value, pos, where) -> dict | None:
        if isinstance(value, dict):
            return value
        self.r.error(pos, f"{where} must be a mapping (key: value lines), not {_kind(value)}")
        return None

    def listing(self, value, pos, where) -> list | None:
        if isinstance(value, list):
            return value
        self.r.error(pos, f"{where} must be a list (lines starting with '- '), not {_kind(value)}")
        return None

    def keys(self, m: dict, where: str, allowed: set, required=()):
        for key in m:
            if len(self.r.items) > self.r.limit:
                break
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "allowed here: " + ", ".join(sorted(allowed))
                self.r.error(self.kpos(m, key), f"unknown key '{key}' in {where}", hint,
                             length=len(str(key)))
        for key in required:
            if key not in m:
                self.r.error(self.mpos(m), f"{where} is missing '{key}'")

    def string(self, m, key, where, required=False, default=None):
        if key not in m or m[key] is None:
            if required:
                self.r.error(self.mpos(m), f"{where} is missing '{key}'")
            return default
        v = m[key]
        if isinstance(v, bool) or isinstance(v, (dict, list)):
            self.r.error(self.vpos(m, key), f"'{key}' in {where} must be text, not {_kind(v)}")
            return default
        return str(v)

    def ident(self, m, key, where, required=False):
        v = self.string(m, key, where, required)
        if v is not None and not ID_RE.match(v):
            self.r.error(self.vpos(m, key), f"'{v}' is not a valid id",
                         "use lowercase letters, digits, '-' and '_', like 'triage-2'")
        return v

    def number(self, m, key, where, default=None, lo=None, hi=None, integer=False):
        if key not in m or m[key] is None:
            return default
        v = m[key]
        if not _is_num(v):
            self.r.error(self.vpos(m, key), f"'{key}' in {where} must be a number, not {_kind(v)}")
            return default
        if integer and not isinstance(v, int):
            if float(v).is_integer():
                v = int(v)
            else:
                self.r.error(self.vpos(m, key), f"'{key}' in {where} must be a whole number")
                return default
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            rng = f"{lo} to {hi}" if hi is not None else f"at least {lo}"
            self.r.error(self.vpos(m, key), f"'{key}' in {where} must be {rng}, not {v}")
            return default
        return v

    def boolean(self, m, key, where, default=False):
        if key not in m or m[key] is None:
            return default
        v = m[key]
        if not isinstance(v, bool):
            self.r.error(self.vpos(m, key), f"'{key}' in {where} must be true or false",
                         f"found {v!r}")
            return default
        return v

    def text_value(self, v, pos, where, required=True) -> Text:
        if v is None:
            if required:
                self.r.error(pos, f"{where} needs text")
            return EMPTY_TEXT
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            s = str(v)
            self._scan_placeholders(s, pos)
            if len(self.languages) > 1 and required:
                self.r.warning(pos, f"{where} is only in English",
                               "write it as {en: ..., " + ", ".join(
                                   f"{lang}: ..." for lang in self.languages if lang != "en") + "}")
            return Text((("en", s),))
        if isinstance(v, dict) and SAME in v:
            return self._same_text(v, where)
        if isinstance(v, dict):
            pairs = []
            for lang, s in v.items():
                lpos = self.kpos(v, lang)
                if not LANG_RE.match(str(lang)):
                    hint = did_you_mean(lang, self.languages) or "use codes like en, es"
                    if " " in str(lang) or v.get(lang) is None:
                        hint = "a comma inside {...} splits the text: put the text in quotes"
                    self.r.error(lpos, f"'{lang}' is not a language code in {where}", hint)
                    continue
                if lang not in self.languages:
                    self.r.warning(lpos, f"language '{lang}' is not in the simulation's languages")
                if isinstance(s, (bool, dict, list)) or s is None:
                    self.r.error(self.vpos(v, lang), f"{where} in '{lang}' must be text")
                    continue
                self._scan_placeholders(str(s), self.vpos(v, lang))
                pairs.append((lang, str(s)))
            have = {p[0] for p in pairs}
            if pairs and "en" not in have:
                self.r.error(self.mpos(v), f"{where} has no English ('en') text")
            for lang in self.languages:
                if lang not in have and pairs and lang != "en":
                    self.r.warning(self.mpos(v), f"{where} is missing '{lang}'",
                                   f"add a '{lang}:' line")
            return Text(tuple(pairs))
        self.r.error(pos, f"{where} must be text or a mapping of languages, not {_kind(v)}")
        return EMPTY_TEXT

    def _same_text(self, v: dict, where: str) -> Text:
        """`{same: SBAR}`: text that reads the same in every language (a name, a code, a
        unit), said once so lint knows it is not a missing translation."""
        if len(v) > 1:
            other = next(k for k in v if k != SAME)
            self.r.error(self.kpos(v, other), f"{where} is '{SAME}' in every language, so it has no '{other}'",
                         f"remove '{other}:', or remove '{SAME}:' and write each language")
        s = v[SAME]
        if isinstance(s, (bool, dict, list)) or s is None:
            self.r.error(self.vpos(v, SAME), f"{where} in '{SAME}' must be text")
            return EMPTY_TEXT
        self._scan_placeholders(str(s), self.vpos(v, SAME))
        return Text(tuple((lang, str(s)) for lang in self.languages))

    def text(self, m, key, where, required=True) -> Text:
        if key not in m:
            if required:
                self.r.error(self.mpos(m), f"{where} is missing '{key}'")
            return EMPTY_TEXT
        return self.text_value(m[key], self.vpos(m, key), f"'{key}' of {where}", required)

    def _scan_placeholders(self, s, pos):
        for match in PLACEHOLDER_RE.finditer(s):
            self.placeholders.append((match.group(1), pos))

    def id_list(self, m, key, where) -> tuple:
        if key not in m or m[key] is None:
            return ()
        lst = self.listing(m[key], self.vpos(m, key), f"'{key}' of {where}")
        if lst is None:
            return ()
        out = []
        for i, v in enumerate(lst):
            if not isinstance(v, str) or not ID_RE.match(v):
                self.r.error(self.ipos(lst, i), f"'{v}' in '{key}' is not a valid id")
            else:
                out.append(v)
        return tuple(out)

    def read(self, m, section: Section, key: str, where: str):
        """A key of `section` read by its declared type, default and range (the spec)."""
        f = section[key]
        if f.type in ("int", "number"):
            return self.number(m, key, where, f.default, f.lo, f.hi, integer=f.integer)
        if f.type == "bool":
            return self.boolean(m, key, where, f.default)
        if f.type == "string":
            return self.string(m, key, where, default=f.default)
        if f.type == "enum":
            return self.choice(m, section, key, where)
        if f.type == "id":
            return self.ident(m, key, where)
        if f.type == "text":
            return self.text(m, key, where, required=f.required)
        raise TypeError(f"{section.name}.{key}: read {f.type} with its own reader")

    def choice(self, m, section: Section, key: str, where: str):
        """One of the field's allowed values; its default (after an error) otherwise."""
        f = section[key]
        v = self.string(m, key, where, default=f.default)
        if v is not None and v not in f.choices:
            self.r.error(self.vpos(m, key), f"{key} '{v}' is not known",
                         did_you_mean(v, f.choices) or "use " + friendly_list(f.choices))
            return f.default
        return v

    def riasec(self, m, where):
        v = self.string(m, "riasec", where)
        if v is not None and v not in CHOICE["riasec"].choices:
            self.r.error(self.vpos(m, "riasec"), f"riasec '{v}' is not one of R I A S E C",
                         "R realistic, I investigative, A artistic, S social, E enterprising, C conventional")
            return None
        return v

    def source_ref(self, m, where) -> tuple:
        """`source: id` or `source: [id, id]`: the public sources a fact comes from."""
        if "source" not in m or m["source"] is None:
            return ()
        raw = m["source"]
        ids = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
        if ids is None or not all(isinstance(i, str) for i in ids):
            self.r.error(self.vpos(m, "source"), f"'source' of {where} must be a source id or a list of them")
            return ()
        for i in ids:
            self.sources_used.append((i, self.vpos(m, "source")))
        return tuple(ids)

    def target(self, v, pos, where):
        if not isinstance(v, str):
            self.r.error(pos, f"'next' of {where} must be a scene or ending id")
            return "END"
        self.targets.append((v, pos, where))
        return v

    # ---- expressions ----------------------------------------------------------------
    def _expr_pos(self, pos, offset):
        return (pos[0], pos[1] + offset) if pos and pos[0] else pos

    def _check_names(self, parsed, pos):
        for name, off in parsed.names:
            if name not in self.var_names:
                self.r.error(self._expr_pos(pos, off), f"unknown variable '{name}'",
                             did_you_mean(name, self.var_names) or "declare it under 'variables:'",
                             length=len(name))
            self.read_names.add(name)
        for fname, ident, off in parsed.refs:
            self.refs.append((fname, ident, self._expr_pos(pos, off)))

    def condition(self, m, key, where):
        if key not in m or m[key] is None:
            return None
        src = m[key]
        pos = self.vpos(m, key)
        if isinstance(src, (dict, list)):
            self.r.error(pos, f"'{key}' of {where} must be a condition like 'trust >= 50'")
            return None
        try:
            parsed = ex.parse(src)
        except ex.ExprError as exc:
            self.r.error(self._expr_pos(pos, exc.offset), f"in '{key}' of {where}: {exc.message}", exc.hint)
            return None
        self._check_names(parsed, pos)
        never = never_holds(parsed, {n: (v.type, v.min, v.max) for n, (v, _p) in self.variables.items()})
        if never:  # engine/bounds.py: decidable from the variables' min and max
            self.r.warning(self._expr_pos(pos, never[2]), f"'{key}' of {where} {never[0]}", never[1])
        return Condition(str(src), ex.compile_tree(parsed.tree))

    def effects(self, value, pos, where) -> tuple:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
            items_pos = [pos]
        else:
            lst = self.listing(value, pos, f"effects of {where}")
            if lst is None:
                return ()
            items_pos = [self.ipos(lst, i) for i in range(len(lst))]
        out = []
        for src, ipos in zip(value, items_pos):
            try:
                eff = ex.parse_effect(src)
            except ex.ExprError as exc:
                self.r.error(self._expr_pos(ipos, exc.offset), f"in an effect of {where}: {exc.message}",
                             exc.hint)
                continue
            if eff.target not in self.var_names:
                self.r.error(self._expr_pos(ipos, eff.target_offset), f"unknown variable '{eff.target}'",
                             did_you_mean(eff.target, self.var_names) or "declare it under 'variables:'",
                             length=len(eff.target))
                continue
            self._check_names(eff.value, ipos)
            self.assigned.add(eff.target)
            out.append(Effect(src, eff.target, eff.op, ex.compile_tree(eff.value.tree)))
        return tuple(out)

    # ---- sections -------------------------------------------------------------------
    def build(self, doc) -> Simulation | None:
        top = self.mapping(doc, getattr(doc, "pos", None) or (1, 1), "the simulation file")
        if top is None:
            return None
        self.keys(top, "the simulation", TOP.keys, TOP.required)
        fmt = top.get("format")
        if "format" in top and fmt != FORMAT_VERSION:
            self.r.error(self.vpos(top, "format"), f"format {fmt!r} is not supported",
                         f"this engine reads format {FORMAT_VERSION}")
        langs = self.id_list(top, "languages", "the simulation") or ("en",)
        for i, lang in enumerate(langs):
            if not LANG_RE.match(lang):
                self.r.error(self.vpos(top, "languages"), f"'{lang}' is not a language code")
        if "en" not in langs:
            self.r.error(self.vpos(top, "languages"), "languages must include 'en'")
        self.languages = tuple(langs)

        sim_id = self.ident(top, "id", "the simulation") or "unnamed"
        version = self.string(top, "version", "the simulation") or "0"
        title = self.text(top, "title", "the simulation")
        field = self.choice(top, TOP, "field", "the simulation") or "other"
        career = self.ident(top, "career", "the simulation") or ""
        related = self.id_list(top, "related_careers", "the simulation")
        minutes = self.read(top, TOP, "minutes", "the simulation")
        grades = self.read(top, TOP, "grades", "the simulation")
        summary = self.text(top, "summary", "the simulation")
        objectives = self._text_list(top, "objectives", "the simulation")
        skills = self.id_list(top, "skills", "the simulation")
        sources = self._sources(top)
        self._check_catalogue(top, career, related, skills)
        art = ()
        if "art" in top:
            am = self.mapping(top["art"], self.vpos(top, "art"), "'art'")
            if am:
                art = tuple((str(k), str(v)) for k, v in am.items() if isinstance(v, str))
        clock = self._clock(top)
        variables = self._variables(top)
        characters = self._characters(top)
        scenes = self._scenes(top)
        events = self._events(top)
        endings = self._endings(top)
        enjoy = self._enjoy(top)
        start = self.ident(top, "start", "the simulation") or ""
        if start:
            self.targets.append((start, self.vpos(top, "start"), "'start'"))
        kiosk_start = None
        kiosk_meters = None
        if "kiosk" in top:
            km = self.mapping(top["kiosk"], self.vpos(top, "kiosk"), "'kiosk'")
            if km is not None:
                self.keys(km, "'kiosk'", KIOSK.keys, KIOSK.required)
                kiosk_start = self.ident(km, "start", "'kiosk'")
                if "meters" in km:
                    kiosk_meters = self.id_list(km, "meters", "'kiosk'")
                    shown = {v.id for v in variables if v.show != "hidden"}
                    for name in kiosk_meters:
                        if name not in shown:
                            self.r.error(self.vpos(km, "meters"), f"'{name}' is not a meter or counter",
                                         did_you_mean(name, shown))
                if kiosk_start:
                    self.targets.append((kiosk_start, self.vpos(km, "start"), "'kiosk'"))
        sim = Simulation(
            id=sim_id, version=version, title=title, field=field, career=career,
            related_careers=related, minutes=minutes, grades=grades, summary=summary,
            objectives=objectives, skills=skills, sources=sources, languages=self.languages,
            kiosk_start=kiosk_start, kiosk_meters=kiosk_meters, art=art, start=start, clock=clock, variables=variables,
            characters=characters, scenes=scenes, events=events, endings=endings, path=self.path, enjoy=enjoy,
        )
        if "teacher" in top:
            check_teacher(self, top, sim)  # the teacher's-guide part, declared in engine/teacher.py
        self._cross_checks(top, sim)
        check_tags(self, top, sim)  # engine/tagging.py: skills and RIASEC tags only on choices that do no harm
        if self.check_content_files:
            check_files(top, self.r)  # engine/contentfiles.py: every picture and sound is a file
        return sim

    def _text_list(self, m, key, where) -> tuple:
        if key not in m or m[key] is None:
            return ()
        lst = self.listing(m[key], self.vpos(m, key), f"'{key}' of {where}")
        if lst is None:
            return ()
        return tuple(self.text_value(v, self.ipos(lst, i), f"'{key}' item {i + 1} of {where}")
                     for i, v in enumerate(lst))

    def _sources(self, top) -> tuple:
        if "sources" not in top:
            return ()
        lst = self.listing(top["sources"], self.vpos(top, "sources"), "'sources'")
        out, seen = [], set()
        for i, s in enumerate(lst or ()):
            sm = self.mapping(s, self.ipos(lst, i), f"source {i + 1}")
            if sm is None:
                continue
            self.keys(sm, f"source {i + 1}", SOURCE.keys, SOURCE.required)
            sid = self.ident(sm, "id", f"source {i + 1}") or f"source-{i + 1}"
            if sid in seen:
                self.r.error(self.vpos(sm, "id"), f"source id '{sid}' is used twice")
            seen.add(sid)
            url = self.string(sm, "url", f"source {i + 1}", default="")
            if url and not url.startswith(("https://", "http://")):
                self.r.error(self.vpos(sm, "url"), "a source url must start with https://")
            out.append(Source(sid, self.string(sm, "title", f"source {i + 1}", default=""), url))
        return tuple(out)

    def _check_catalogue(self, top, career, related, skills):
        try:
            careers = load_careers()
            known_skills = load_skills()
        except (CatalogueError, OSError) as exc:
            self.r.warning((1, 1), f"career catalogue not checked: {exc}")
            return
        if career and career not in careers:
            self.r.error(self.vpos(top, "career"), f"unknown career '{career}'",
                         did_you_mean(career, careers) or "add it to content/careers.yaml")
        for c in related:
            if c not in careers:
                self.r.error(self.vpos(top, "related_careers"), f"unknown career '{c}'",
                             did_you_mean(c, careers) or "add it to content/careers.yaml")
        self._known_skills = known_skills
        for s in skills:
            if s not in known_skills:
                self.r.error(self.vpos(top, "skills"), f"unknown skill '{s}'",
                             did_you_mean(s, known_skills) or "add it to content/skills.yaml")

    def _skills(self, m, where) -> tuple:
        skills = self.id_list(m, "skills", where)
        known = getattr(self, "_known_skills", None)
        if known is not None:
            for s in skills:
                if s not in known:
                    self.r.error(self.vpos(m, "skills"), f"unknown skill '{s}' in {where}",
                                 did_you_mean(s, known) or "add it to content/skills.yaml")
        return skills

    def _clock(self, top):
        if "clock" not in top:
            return None
        cm = self.mapping(top["clock"], self.vpos(top, "clock"), "'clock'")
        if cm is None:
            return None
        self.keys(cm, "'clock'", CLOCK.keys, CLOCK.required)
        start = 0
        raw = cm.get("start", CLOCK["start"].default)
        m = re.match(r"^(\d{1,2}):(\d{2})$", str(raw))
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            self.r.error(self.vpos(cm, "start"), f"clock start '{raw}' is not a time like \"19:00\"")
        else:
            start = int(m.group(1)) * 60 + int(m.group(2))
        limit = self.read(cm, CLOCK, "limit", "'clock'")
        return Clock(start, limit, self.read(cm, CLOCK, "show", "'clock'"))

    def _variables(self, top) -> tuple:
        if "variables" not in top or top["variables"] is None:
            return ()
        vm = self.mapping(top["variables"], self.vpos(top, "variables"), "'variables'")
        if vm is None:
            return ()
        out = []
        for name, spec in vm.items():
            where = f"variable '{name}'"
            pos = self.kpos(vm, name)
            if not VAR_RE.match(str(name)) or str(name) in ex.KEYWORDS or name == "time" \
                    or str(name).startswith("__") or name in ex.FUNCTIONS:
                why = "it is the name of a function" if name in ex.FUNCTIONS else \
                    "it is a reserved word" if str(name) in ex.KEYWORDS or name == "time" else \
                    "use letters, digits and _"
                self.r.error(pos, f"'{name}' cannot be a variable name", why)
                continue
            sm = self.mapping(spec, self.vpos(vm, name), where)
            if sm is None:
                continue
            self.keys(sm, where, VARIABLE.keys, VARIABLE.required)
            vtype = self.choice(sm, VARIABLE, "type", where)
            lo = self.read(sm, VARIABLE, "min", where)
            hi = self.read(sm, VARIABLE, "max", where)
            if lo is not None and hi is not None and lo > hi:
                self.r.error(self.vpos(sm, "min"), f"min is above max in {where}")
            start = sm.get("start", 0)
            if vtype == "bool":
                if not isinstance(start, bool):
                    self.r.error(self.vpos(sm, "start"), f"start of {where} must be true or false")
                    start = False
            elif not _is_num(start):
                self.r.error(self.vpos(sm, "start"), f"start of {where} must be a number")
                start = 0
            elif (lo is not None and start < lo) or (hi is not None and start > hi):
                self.r.error(self.vpos(sm, "start"), f"start of {where} is outside its min and max")
            elif vtype == "int" and not float(start).is_integer():
                self.r.error(self.vpos(sm, "start"), f"start of {where} must be a whole number",
                             "or use type: number")
            if vtype == "int" and _is_num(start):
                start = int(start)
            show = self.choice(sm, VARIABLE, "show", where)
            if show == "meter" and (lo is None or hi is None):
                self.r.error(self.vpos(sm, "show"), f"a meter needs min and max ({where})")
                show = "counter"
            if vtype == "bool":
                show = "hidden"
            label = self.text(sm, "label", where, required=show != "hidden")
            good = self.choice(sm, VARIABLE, "good", where)
            v = Variable(str(name), vtype, start, lo, hi, show, label, good, self.read(sm, VARIABLE, "judges", where))
            self.variables[v.id] = (v, pos)
            self.var_names.add(v.id)
            out.append(v)
        return tuple(out)

    def _characters(self, top) -> tuple:
        if "characters" not in top or top["characters"] is None:
            return ()
        cm = self.mapping(top["characters"], self.vpos(top, "characters"), "'characters'")
        out = []
        for cid, spec in (cm or {}).items():
            where = f"character '{cid}'"
            if not ID_RE.match(str(cid)):
                self.r.error(self.kpos(cm, cid), f"'{cid}' is not a valid id")
            sm = self.mapping(spec, self.vpos(cm, cid), where)
            if sm is None:
                continue
            self.keys(sm, where, CHARACTER.keys, CHARACTER.required)
            out.append(Character(str(cid), self.string(sm, "name", where, default=str(cid)),
                                 self.read(sm, CHARACTER, "role", where),
                                 self.read(sm, CHARACTER, "portrait", where)))
        self.character_ids = {c.id for c in out}
        return tuple(out)

    def _scenes(self, top) -> tuple:
        sm = self.mapping(top.get("scenes"), self.vpos(top, "scenes"), "'scenes'") if "scenes" in top else None
        if not sm:
            if sm is not None:
                self.r.error(self.vpos(top, "scenes"), "the simulation has no scenes")
            return ()
        out = []
        self.scene_pos = {}
        for sid, spec in sm.items():
            where = f"scene '{sid}'"
            pos = self.kpos(sm, sid)
            self.scene_pos[str(sid)] = pos
            if not ID_RE.match(str(sid)) or sid in SPECIAL_TARGETS:
                self.r.error(pos, f"'{sid}' is not a valid scene id")
            scene = self._scene(str(sid), spec, self.vpos(sm, sid), where)
            if scene:
                out.append(scene)
        return tuple(out)

    def _scene(self, sid, spec, pos, where):
        m = self.mapping(spec, pos, where)
        if m is None:
            return None
        self.keys(m, where, SCENE.keys, SCENE.required)
        speaker = self.read(m, SCENE, "speaker", where)
        if speaker is not None and speaker not in getattr(self, "character_ids", set()):
            self.r.error(self.vpos(m, "speaker"), f"unknown character '{speaker}'",
                         did_you_mean(speaker, getattr(self, "character_ids", ())) or
                         "add it under 'characters:'")
        ways = [k for k in ("choices", "activity", "next") if k in m]
        if len(ways) == 0:
            self.r.error(m.pos if isinstance(m, YMap) else pos,
                         f"{where} has no way forward: give it choices, an activity or 'next'",
                         "an ending is reached with 'next: END' or 'next: <ending-id>'")
        elif len(ways) > 1 and ways != ["activity", "next"]:
            self.r.error(self.kpos(m, ways[1]), f"{where} has both '{ways[0]}' and '{ways[1]}'",
                         "a scene has choices, or an activity, or a plain 'next'")
        choices = ()
        if "choices" in m:
            choices = self._choices(m, where)
        activity = None
        if "activity" in m:
            activity = self._activity(m["activity"], self.vpos(m, "activity"), f"the activity of {where}",
                                      m.get("next"), self.vpos(m, "next"))
        nxt = None
        if "next" in m and "activity" not in m:
            nxt = self.target(m["next"], self.vpos(m, "next"), where)
        return Scene(
            id=sid, text=self.read(m, SCENE, "text", where), speaker=speaker,
            background=self.read(m, SCENE, "background", where), sound=self.read(m, SCENE, "sound", where),
            time=self.read(m, SCENE, "time", where),
            effects=self.effects(m.get("effects"), self.vpos(m, "effects"), where),
            choices=choices, activity=activity, next=nxt, source=self.source_ref(m, where),
        )

    def _choices(self, m, where) -> tuple:
        lst = self.listing(m["choices"], self.vpos(m, "choices"), f"'choices' of {where}")
        if not lst:
            if lst is not None:
                self.r.error(self.vpos(m, "choices"), f"{where} has an empty list of choices")
            return ()
        out, seen = [], set()
        for i, c in enumerate(lst):
            cwhere = f"choice {i + 1} of {where}"
            cm = self.mapping(c, self.ipos(lst, i), cwhere)
            if cm is None:
                continue
            self.keys(cm, cwhere, CHOICE.keys, CHOICE.required)
            cid = self.ident(cm, "id", cwhere) or f"choice-{i + 1}"
            if cid in seen:
                self.r.error(self.vpos(cm, "id"), f"choice id '{cid}' is used twice in {where}")
            seen.add(cid)
            self.choice_ids.add(cid)
            cwhere = f"choice '{cid}' of {where}"
            out.append(Choice(
                id=cid, text=self.read(cm, CHOICE, "text", cwhere),
                condition=self.condition(cm, "if", cwhere),
                show_locked=self.read(cm, CHOICE, "show_locked", cwhere),
                locked=self.read(cm, CHOICE, "locked", cwhere),
                time=self.read(cm, CHOICE, "time", cwhere),
                effects=self.effects(cm.get("effects"), self.vpos(cm, "effects"), cwhere),
                feedback=self.text(cm, "feedback", cwhere) if "feedback" in cm else None,
                skills=self._skills(cm, cwhere), riasec=self.riasec(cm, cwhere),
                next=self.target(cm.get("next"), self.vpos(cm, "next"), cwhere) if "next" in cm else "END",
                source=self.source_ref(cm, cwhere),
            ))
        return tuple(out)

    def _activity(self, spec, pos, where, scene_next, next_pos):
        m = self.mapping(spec, pos, where)
        if m is None:
            return None
        kind = self.string(m, "kind", where, required=True)
        if kind not in KIND_NAMES:
            if kind is not None:
                self.r.error(self.vpos(m, "kind"), f"activity kind '{kind}' is not known",
                             did_you_mean(kind, KIND_NAMES) or "kinds: " + ", ".join(KIND_NAMES))
            return None
        activity_kind = KIND_BY_NAME[kind]  # engine/kinds/<kind>.py reads and checks its own keys
        self.keys(m, f"{where} ({kind})", ACTIVITY.keys | set(activity_kind.fields), ACTIVITY.required)
        kind_fields = activity_kind.build(self, m, where)
        pass_score = self.read(m, ACTIVITY, "pass", where)
        partial_score = self.read(m, ACTIVITY, "partial", where)
        if partial_score > pass_score:
            self.r.error(self.vpos(m, "partial"), "'partial' must not be above 'pass'")
        feedback = self._by_outcome_text(m, "feedback", where)
        effects = ()
        if "effects" in m:
            em = self.mapping(m["effects"], self.vpos(m, "effects"), f"'effects' of {where}")
            if em is not None:
                self.keys(em, f"'effects' of {where}", set(OUTCOMES))
                effects = tuple((o, self.effects(em.get(o), self.vpos(em, o), f"{where} ({o})"))
                                for o in OUTCOMES if o in em)
        raw_next = m.get("next", scene_next)
        npos = self.vpos(m, "next") if "next" in m else next_pos
        if "next" in m and scene_next is not None:
            self.r.error(next_pos, "give 'next' either in the scene or in its activity, not both")
        if raw_next is None:
            self.r.error(self.mpos(m), f"{where} has no 'next'",
                         "add 'next: <scene>' or next: {correct: ..., partial: ..., wrong: ...}")
            nxt = tuple((o, "END") for o in OUTCOMES)
        elif isinstance(raw_next, dict):
            self.keys(raw_next, f"'next' of {where}", set(OUTCOMES), OUTCOMES)
            nxt = tuple((o, self.target(raw_next.get(o, "END"), self.vpos(raw_next, o), where))
                        for o in OUTCOMES)
        else:
            t = self.target(raw_next, npos, where)
            nxt = tuple((o, t) for o in OUTCOMES)
        return activity_kind.activity_type(  # model.Activity plus the kind's own fields
            kind=kind, prompt=self.read(m, ACTIVITY, "prompt", where),
            time=self.read(m, ACTIVITY, "time", where),
            **kind_fields, pass_score=float(pass_score), partial_score=float(partial_score),
            feedback=feedback, effects=effects, next=nxt,
            explain=self.read(m, ACTIVITY, "explain", where),
            skills=self._skills(m, where), riasec=self.riasec(m, where),
            source=self.source_ref(m, where),
            attempts=self.read(m, ACTIVITY, "attempts", where), hints=self._text_list(m, "hints", where),
        )

    def _by_outcome_text(self, m, key, where) -> tuple:
        if key not in m:
            return ()
        fm = self.mapping(m[key], self.vpos(m, key), f"'{key}' of {where}")
        if fm is None:
            return ()
        self.keys(fm, f"'{key}' of {where}", set(OUTCOMES))
        return tuple((o, self.text(fm, o, f"{key} '{o}' of {where}")) for o in OUTCOMES if o in fm)

    def _events(self, top) -> tuple:
        if "events" not in top or top["events"] is None:
            return ()
        lst = self.listing(top["events"], self.vpos(top, "events"), "'events'")
        out, seen = [], set()
        for i, e in enumerate(lst or ()):
            where = f"event {i + 1}"
            em = self.mapping(e, self.ipos(lst, i), where)
            if em is None:
                continue
            self.keys(em, where, EVENT.keys, EVENT.required)
            eid = self.ident(em, "id", where) or f"event-{i + 1}"
            if eid in seen:
                self.r.error(self.vpos(em, "id"), f"event id '{eid}' is used twice")
            seen.add(eid)
            where = f"event '{eid}'"
            when = self.condition(em, "when", where) or Condition("false", lambda env: False)
            chance = self.read(em, EVENT, "chance", where)
            if chance == 0:
                self.r.warning(self.vpos(em, "chance"), f"{where} has chance 0 and never fires")
            goto = None
            if "goto" in em:
                goto = self.target(em["goto"], self.vpos(em, "goto"), where)
            if "text" not in em and "goto" not in em and "effects" not in em:
                self.r.warning(self.mpos(em), f"{where} does nothing", "give it text, effects or goto")
            out.append(Event(eid, when, chance, self.read(em, EVENT, "repeat", where),
                             self.text(em, "text", where) if "text" in em else None,
                             self.effects(em.get("effects"), self.vpos(em, "effects"), where), goto))
        return tuple(out)

    def _endings(self, top) -> tuple:
        lst = self.listing(top.get("endings"), self.vpos(top, "endings"), "'endings'") if "endings" in top else None
        if not lst:
            if lst is not None:
                self.r.error(self.vpos(top, "endings"), "the simulation has no endings")
            return ()
        out, seen = [], set()
        self.ending_pos = {}
        for i, e in enumerate(lst):
            where = f"ending {i + 1}"
            em = self.mapping(e, self.ipos(lst, i), where)
            if em is None:
                continue
            self.keys(em, where, ENDING.keys, ENDING.required)
            eid = self.ident(em, "id", where) or f"ending-{i + 1}"
            if eid in seen:
                self.r.error(self.vpos(em, "id"), f"ending id '{eid}' is used twice")
            seen.add(eid)
            self.ending_pos[eid] = self.mpos(em)
            where = f"ending '{eid}'"
            debrief = {k: () for k in DEBRIEF.keys}
            if "debrief" in em:
                dm = self.mapping(em["debrief"], self.vpos(em, "debrief"), f"debrief of {where}")
                if dm is not None:
                    self.keys(dm, f"debrief of {where}", DEBRIEF.keys, DEBRIEF.required)
                    for key in ("went_well", "try_next", "professional"):
                        debrief[key] = self._debrief_items(dm, key, where)
                    debrief["reflection"] = self._text_list(dm, "reflection", f"debrief of {where}")
            out.append(Ending(
                id=eid, condition=self.condition(em, "if", where), title=self.read(em, ENDING, "title", where),
                rating=self.read(em, ENDING, "rating", where),
                text=self.read(em, ENDING, "text", where), went_well=debrief["went_well"],
                try_next=debrief["try_next"], professional=debrief["professional"],
                reflection=debrief["reflection"],
            ))
        return tuple(out)

    def _enjoy(self, top) -> tuple:
        if "enjoy" not in top or top["enjoy"] is None:
            return ()
        if isinstance(top["enjoy"], list) and not ENJOY_MIN <= len(top["enjoy"]) <= ENJOY_MAX:
            self.r.error(self.vpos(top, "enjoy"), f"'enjoy' has {len(top['enjoy'])} statement(s); give "
                         f"{ENJOY_MIN} to {ENJOY_MAX}", "a few short statements a student can rate quickly at the ending")

        def read(em, where, fields):
            fields["area"] = self.choice(em, ENJOY, "area", where) or ""
            fields["text"] = self.read(em, ENJOY, "text", where)
        return read_items(self, top, "enjoy", "the simulation", ENJOY, read, make=EnjoyStatement)

    def _debrief_items(self, dm, key, where) -> tuple:
        if key not in dm or dm[key] is None:
            return ()
        lst = self.listing(dm[key], self.vpos(dm, key), f"'{key}' of {where}")
        out = []
        for i, it in enumerate(lst or ()):
            iwhere = f"{key} {i + 1} of {where}"
            if isinstance(it, dict) and ("text" in it or "if" in it):
                self.keys(it, iwhere, DEBRIEF_ITEM.keys, DEBRIEF_ITEM.required)
                out.append(DebriefItem(self.text(it, "text", iwhere), self.condition(it, "if", iwhere)))
            else:
                out.append(DebriefItem(self.text_value(it, self.ipos(lst, i), iwhere), None))
        return tuple(out)

    # ---- checks across the whole file ---------------------------------------------
    def _cross_checks(self, top, sim: Simulation):
        scene_ids = {s.id for s in sim.scenes}
        ending_ids = {e.id for e in sim.endings}
        for eid in ending_ids & scene_ids:
            self.r.error(self.ending_pos.get(eid, (0, 0)), f"'{eid}' is both a scene and an ending",
                         "give one of them another id")
        uses_end = False
        for target, pos, where in self.targets:
            if target == "END":
                uses_end = True
                continue
            if target == "BACK":
                continue
            if target not in scene_ids and target not in ending_ids:
                self.r.error(pos, f"'{target}' in {where} is not a scene or an ending",
                             did_you_mean(target, scene_ids | ending_ids | set(SPECIAL_TARGETS))
                             or "targets: a scene id, an ending id, END or BACK", length=len(target))
        if sim.endings and sim.endings[-1].condition is not None and uses_end:
            self.r.error(self.ending_pos.get(sim.endings[-1].id, (0, 0)),
                         "the last ending has an 'if', so END may find no ending",
                         "remove the 'if' from the last ending: it is the fallback")
        source_ids = {s.id for s in sim.sources}
        cited = {sid for sid, _pos in self.sources_used}
        for i, src in enumerate(sim.sources):
            if src.id not in cited:
                lst = top.get("sources")
                self.r.warning(self.ipos(lst, i) if isinstance(lst, list) else (0, 0),
                               f"source '{src.id}' is listed but nothing cites it",
                               "add 'source: " + src.id + "' next to the fact it supports, or remove it")
        for sid, pos in self.sources_used:
            if sid not in source_ids:
                self.r.error(pos, f"unknown source '{sid}'",
                             did_you_mean(sid, source_ids) or "list it under 'sources:'")
        for fname, ident, pos in self.refs:
            if fname == "chose":
                known = self.choice_ids
            else:
                known = scene_ids
            if fname in ("score", "outcome_is"):
                known = {s.id for s in sim.scenes if s.activity}
            if ident not in known:
                self.r.error(pos, f"{fname}(\"{ident}\"): no such {'choice' if fname == 'chose' else 'scene'}"
                             + (" with an activity" if fname in ("score", "outcome_is") else ""),
                             did_you_mean(ident, known))
        for name, pos in self.placeholders:
            if name not in self.var_names and name != "clock":
                self.r.warning(pos, f"'{{{name}}}' in a text is not a variable", did_you_mean(name, self.var_names))
        for name, (var, pos) in self.variables.items():
            if name not in self.assigned:
                if var.show == "hidden" and name not in self.read_names:
                    self.r.warning(pos, f"variable '{name}' is never set nor read", "remove it or use it")
                elif var.show == "hidden":
                    self.r.warning(pos, f"variable '{name}' is never set, so it never changes",
                                   f"set it in an effect, like '{name} = ...'")
        if not self.r.has_errors:  # one mistake, one message: a broken link is not also "unreachable"
            self._reachability(sim)

    def _reachability(self, sim: Simulation):
        if not sim.start or not sim.has_scene(sim.start):
            return
        graph = {}
        for s in sim.scenes:
            outs = set()
            if s.next:
                outs.add(s.next)
            for c in s.choices:
                outs.add(c.next)
            if s.activity:
                outs.update(t for _, t in s.activity.next)
            graph[s.id] = outs
        roots = [sim.start] + ([sim.kiosk_start] if sim.kiosk_start else [])
        roots += [e.goto for e in sim.events if e.goto]
        seen, stack = set(), list(roots)
        reached_end = False
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            if node == "END":
                reached_end = True
            stack.extend(graph.get(node, ()))
        for s in sim.scenes:
            if s.id not in seen:
                self.r.warning(self.scene_pos.get(s.id, (0, 0)), f"scene '{s.id}' can never be reached",
                               "point a choice's 'next' at it, or remove it")
        for e in sim.endings:
            if e.id not in seen and not reached_end:
                self.r.warning(self.ending_pos.get(e.id, (0, 0)), f"ending '{e.id}' can never be reached",
                               "use 'next: END' or point a 'next' at it")


# ---- public API ---------------------------------------------------------------------

def check_source(source, path: str = "<simulation>"):
    """Checks YAML text or bytes: (Simulation or None, diagnostics, text)."""
    report = Reporter(path)
    doc = read_yaml(source, path, report)
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    if doc is None:
        return None, report.items, text
    try:
        sim = _Builder(path, report).build(doc)
    except RecursionError:
        report.error((1, 1), "the file is nested too deeply")
        sim = None
    if sim is None or report.has_errors:
        return None, report.items, text
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    object.__setattr__(sim, "data", data)
    return sim, report.items, text


def check_file(path):
    """Checks a file on disk: (Simulation or None, diagnostics, text)."""
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Diagnostic(path, 0, 0, "error", f"cannot read file: {exc.strerror or exc}")], None
    return check_source(raw, path)


def load_simulation(path) -> Simulation:
    """Loads a simulation; raises LoadError listing every problem if it has errors."""
    sim, diags, text = check_file(path)
    if sim is None:
        raise LoadError(diags, text)
    return sim


def load_source(source, path: str = "<simulation>") -> Simulation:
    sim, diags, text = check_source(source, path)
    if sim is None:
        raise LoadError(diags, text)
    return sim


def load_data(data, path: str = "<compiled>") -> Simulation:
    """Builds a simulation from already-parsed plain data (compiled JSON): no YAML."""
    report = Reporter(path)
    # compiled data was checked, files and all, when it was compiled; where it is loaded
    # (the browser's Python) content/ holds no pictures to look for
    sim = _Builder(path, report, check_content_files=False).build(data)
    if sim is None or report.has_errors:
        raise LoadError(report.items)
    object.__setattr__(sim, "data", json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return sim
