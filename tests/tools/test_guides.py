"""Teacher guides (engine/guides.py) and the `teacher:` part of the format (engine/teacher.py)."""
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from engine import load_simulation
from engine.guides import guide_files, guide_html
from engine.kinds import kind_of
from engine.loader import check_source

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIPS = ["healthcare/er-nurse-shift.yaml", "engineering/footbridge-design.yaml",
             "manufacturing/cnc-first-run.yaml", "manufacturing/weld-test-day.yaml",
             "engineering/solar-shelter.yaml", "healthcare/breathing-shift.yaml"]
EXAMPLE = ROOT / "simulations" / "examples" / "every-feature.yaml"


class Outline(HTMLParser):
    """The parts of a page a test reads: tags seen, headings, text."""

    def __init__(self):
        super().__init__()
        self.tags, self.h1, self.h2, self.text, self._in = [], [], [], [], None
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        if tag in ("h1", "h2"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in == "h1":
            self.h1.append(data)
        elif self._in == "h2":
            self.h2.append(data)


def outline(page: str) -> Outline:
    o = Outline()
    o.feed(page)
    o.all_text = "".join(o.text)
    return o


@pytest.fixture(scope="module")
def flagships():
    return [load_simulation(ROOT / "simulations" / p) for p in FLAGSHIPS]


def test_every_flagship_has_an_authored_teacher_part_in_english_and_spanish(flagships):
    for sim in flagships:
        teacher = json.loads(sim.data)["teacher"]
        assert set(teacher["warm_up"]) == {"en", "es"}
        assert len(teacher["discussion"]) >= 5 and len(teacher["vocabulary"]) >= 5
        assert all(set(d["question"]) == {"en", "es"} for d in teacher["discussion"])
        own = {s["id"]: s for s in teacher["sources"]}
        assert teacher["standards"], sim.id
        for std in teacher["standards"]:
            ids = [std["source"]] if isinstance(std["source"], str) else std["source"]
            assert all(own[i]["url"].startswith(("https://", "http://")) for i in ids), std
        # the discussion is tied to the simulation's own decisions and endings
        about = {i for d in teacher["discussion"] for i in d["about"]}
        assert about & {e.id for e in sim.endings}
        assert any(sim.has_scene(i) and sim.scene(i).choices for i in about)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_guide_has_every_part_generated_from_the_file(flagships, lang):
    files = guide_files(flagships)
    assert "guides/guide.css" in files
    for sim in flagships:
        page = files[f"guides/{sim.id}.{lang}.html"].decode()
        o = outline(page)
        teacher = json.loads(sim.data)["teacher"]
        assert o.html_lang == lang and len(o.h1) == 1 and sim.title.get(lang) in o.h1[0]
        assert "script" not in o.tags and "<script" not in page and " on" not in re.sub(r">[^<]*<", "><", page)
        assert len(o.h2) >= 9, o.h2
        text = o.all_text
        for objective in sim.objectives:
            assert objective.get(lang) in text
        assert teacher["warm_up"][lang] in text
        for d in teacher["discussion"]:
            assert d["question"][lang] in text
        for v in teacher["vocabulary"]:
            assert v["term"][lang] in text and v["meaning"][lang] in text
        for std in teacher["standards"]:
            assert std["code"] in text and std["text"][lang] in text
        for e in sim.endings:
            assert e.title.get(lang) in text
        acts = [sc.activity for sc in sim.scenes if sc.activity]
        assert page.count('<div class="key">') == len(acts)
        for act in acts:
            assert act.prompt.get(lang) in text
            if act.explain.get(lang):
                assert act.explain.get(lang) in text
            if act.kind != "allocate":
                for line in kind_of(act).right_answer(act, lang)["display"]:
                    assert line in text
        # what the engine accepts for a number: right within the tolerance, half credit when close
        accepted = "Counted right from" if lang == "en" else "Cuenta como correcta de"
        assert text.count(accepted) == sum(1 for a in acts if a.kind == "numeric" and a.tolerance > 0)
        for src in sim.sources:
            assert src.title in text
        assert f"{sim.version}" in text and str(sim.minutes) in text


def test_the_english_and_spanish_guides_link_to_each_other(flagships):
    files = guide_files(flagships[:1])
    sim = flagships[0]
    en, es = files[f"guides/{sim.id}.en.html"].decode(), files[f"guides/{sim.id}.es.html"].decode()
    assert f'href="{sim.id}.es.html" hreflang="es" lang="es"' in en
    assert f'href="{sim.id}.en.html" hreflang="en" lang="en"' in es


def _with_teacher(part: str, text: str | None = None) -> str:
    base = text or EXAMPLE.read_text(encoding="utf-8")
    return base.rstrip("\n") + "\n" + part


GOOD = """teacher:
  warm_up: {en: "What is a workshop?", es: "¿Qué es un taller?"}
  discussion:
    - question: {en: "Why plan takt?", es: "¿Por qué planear el takt?"}
      about: [takt, good-start]
  standards:
    - framework: Lean
      code: T-1
      text: {en: "Takt.", es: "Takt."}
      source: lean
  sources:
    - {id: lean, title: "Lean Lexicon", url: "https://www.lean.org/lexicon-terms/takt-time/"}
"""


def test_a_correct_teacher_part_loads_and_keeps_the_simulation_playable():
    sim, diags, _ = check_source(_with_teacher(GOOD), "ef.yaml")
    assert sim is not None and [d for d in diags if d.severity == "error"] == []
    assert json.loads(sim.data)["teacher"]["discussion"][0]["about"] == ["takt", "good-start"]


def _problems(part: str):
    text = _with_teacher(part)
    sim, diags, _ = check_source(text, "ef.yaml")
    return sim, [d.format(text).splitlines()[0] for d in diags]


def test_teacher_mistakes_are_reported_at_their_line_and_column():
    start = len(EXAMPLE.read_text(encoding="utf-8").rstrip("\n").splitlines()) + 1  # the 'teacher:' line
    sim, problems = _problems(GOOD.replace("  warm_up:", "  warmup:")
                              .replace("[takt, good-start]", "[takt, good-strat]")
                              .replace("source: lean", "source: leen"))
    assert sim is None
    want = [
        (f"ef.yaml:{start + 1}:3: error: unknown key 'warmup' in 'teacher'", "warm_up"),
        (f"ef.yaml:{start + 1}:3: error: 'teacher' is missing 'warm_up'", None),
        (f"ef.yaml:{start + 4}:14: error: 'good-strat' in discussion 1 of 'teacher' is not a scene or an ending",
         "good-start"),
        (f"ef.yaml:{start + 9}:15: error: unknown source 'leen' in standard 1 of 'teacher'", "lean"),
    ]
    for line, _hint in want:
        assert any(p.startswith(line) for p in problems), (line, problems)


@pytest.mark.parametrize("part,message", [
    ("teacher: [1, 2]\n", "'teacher' must be a mapping"),
    ("teacher:\n  warm_up: hi\n  discussion: []\n", "'discussion' of 'teacher' needs at least one question"),
    ("teacher:\n  warm_up: {en: a, es: b}\n  discussion:\n    - question: {en: a, es: b}\n", "is missing 'about'"),
    ("teacher:\n  warm_up: {en: a, es: b}\n  discussion:\n    - {question: {en: a, es: b}, about: []}\n",
     "needs at least one scene or ending id"),
    ("teacher:\n  warm_up: {en: a, es: b}\n  discussion:\n    - {question: {en: a, es: b}, about: [takt]}\n"
     "  standards:\n    - {framework: X, code: Y, text: {en: a, es: b}}\n", "is missing 'source'"),
    ("teacher:\n  warm_up: {en: a, es: b}\n  discussion:\n    - {question: {en: a, es: b}, about: [takt]}\n"
     "  standards:\n    - {framework: X, code: Y, text: {en: a, es: b}, source: [3]}\n",
     "needs a source that states the standard"),
    ("teacher:\n  warm_up: {en: a}\n  discussion:\n    - {question: {en: a, es: b}, about: [takt]}\n",
     "is missing 'es'"),
])
def test_each_teacher_mistake_gets_one_plain_message(part, message):
    _sim, problems = _problems(part)
    assert any(message in p for p in problems), problems
    assert not any("Traceback" in p for p in problems)


def test_an_uncited_teacher_source_is_a_warning_and_a_cited_simulation_source_counts_as_cited():
    part = GOOD.replace("source: lean", "source: takt")
    sim, problems = _problems(part)
    assert sim is not None
    assert any("source 'lean' of 'teacher' is listed but no standard cites it" in p for p in problems)
    assert not any("source 'takt' is listed but nothing cites it" in p for p in problems)


def test_text_from_the_file_is_escaped_in_the_guide():
    hostile = GOOD.replace('"What is a workshop?"', '"</style><script>alert(1)</script> & <b>"')
    sim, diags, _ = check_source(_with_teacher(hostile), "ef.yaml")
    assert sim is not None
    page = guide_html(sim, "en")
    assert "<script>" not in page and "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page


def test_a_simulation_without_a_teacher_part_still_gets_a_guide_that_says_so():
    sim = load_simulation(EXAMPLE)
    page = guide_html(sim, "es")
    assert "aún no tiene notas escritas" in page and "Respuestas" in page
    assert html.escape(sim.title.get("es"), quote=True) in page
