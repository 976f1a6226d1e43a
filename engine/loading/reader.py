"""The loader's reader: reads a value of the YAML by its declared type, with its position,
and reports every problem it finds without stopping. Every part of the loader
(engine/loading/*), the kinds (engine/kinds/*), engine/teacher.py and engine/tagging.py
take it as `b`; it also collects what the checks across the whole file need (targets,
references, sources cited, variables set and read, placeholders)."""
from __future__ import annotations

from ..diagnostics import Reporter, did_you_mean
from ..diagnostics import kind_of as _kind  # one wording with the catalogue checks
from ..model import EMPTY_TEXT, Text
from ..spec import CHOICE, ID_RE, LANG_RE, Section, friendly_list
from ..text import PLACEHOLDER_RE
from ..yamlsafe import YList, YMap

NUMERIC_TYPES = (int, float)


def is_number(v) -> bool:
    return isinstance(v, NUMERIC_TYPES) and not isinstance(v, bool)


#: The key of text that is the same in every language.
SAME = "same"


class Reader:
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
        self.character_ids: set = set()  # read by the scenes' `speaker`
        self.scene_pos: dict = {}  # id -> position, for the whole-file checks
        self.ending_pos: dict = {}
        self.known_skills = None  # content/skills.yaml, once the catalogue was read


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
        if not is_number(v):
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

    def entries(self, lst, section: Section, noun: str, of: str = "", twice=None, unnamed: str = ""):
        """(mapping, id, where) of each mapping in list `lst` (None reads as empty):
        its keys checked against `section`, its id read and checked as not used before in
        the list. `where` is "<noun> <n>" (+ " of <of>"); an entry with no id is called
        "<unnamed or noun>-<n>"; `twice(id)` words a repeated id."""
        seen = set()
        for i, e in enumerate(lst or ()):
            where = f"{noun} {i + 1}" + (f" of {of}" if of else "")
            em = self.mapping(e, self.ipos(lst, i), where)
            if em is None:
                continue
            self.keys(em, where, section.keys, section.required)
            eid = self.ident(em, "id", where) or f"{unnamed or noun}-{i + 1}"
            if eid in seen:
                self.r.error(self.vpos(em, "id"), twice(eid) if twice else f"{noun} id '{eid}' is used twice")
            seen.add(eid)
            yield em, eid, where

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


    def text_list(self, m, key, where) -> tuple:
        if key not in m or m[key] is None:
            return ()
        lst = self.listing(m[key], self.vpos(m, key), f"'{key}' of {where}")
        if lst is None:
            return ()
        return tuple(self.text_value(v, self.ipos(lst, i), f"'{key}' item {i + 1} of {where}")
                     for i, v in enumerate(lst))


    def skills(self, m, where) -> tuple:
        skills = self.id_list(m, "skills", where)
        known = self.known_skills
        if known is not None:
            for s in skills:
                if s not in known:
                    self.r.error(self.vpos(m, "skills"), f"unknown skill '{s}' in {where}",
                                 did_you_mean(s, known) or "add it to content/skills.yaml")
        return skills

