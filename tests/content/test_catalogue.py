"""The career catalogue, skills list and UI strings: content checks and loader behaviour."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from engine import catalogue
from engine.catalogue import (
    CONTENT_DIR,
    LANGUAGES,
    REQUIRED_CAREERS,
    REQUIRED_SKILLS,
    REQUIRED_UI,
    CatalogueError,
    career_view,
    check_catalogue,
    format_wage,
    load_careers,
    load_skills,
    load_ui,
    skill_view,
    text,
    ui_strings,
    ui_text,
)

ROOT = Path(__file__).resolve().parents[2]
SOC_RE = re.compile(r"^\d{2}-\d{4}$")
ONET_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")

CAREERS = load_careers()
SKILLS = load_skills()
UI = load_ui()


def _both_languages(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES)


# ------------------------------------------------------------------------- content

def test_content_dir_is_the_repository_content_folder():
    assert CONTENT_DIR == ROOT / "content"
    assert (CONTENT_DIR / "careers.yaml").is_file()


def test_check_catalogue_finds_no_problems():
    assert [d.format() for d in check_catalogue(browser_check=True)] == []


def test_required_keys_exist():
    assert [k for k in REQUIRED_CAREERS if k not in CAREERS] == []
    assert [k for k in REQUIRED_SKILLS if k not in SKILLS] == []
    assert [k for k in REQUIRED_UI if k not in UI] == []


@pytest.mark.parametrize("career_id", sorted(CAREERS))
def test_career_has_every_text_in_both_languages(career_id):
    entry = CAREERS[career_id]
    for field in ("title", "cluster", "description", "day", "education", "training"):
        assert _both_languages(entry.get(field)), f"{career_id}.{field}"
    for field in ("certifications", "courses"):
        items = entry.get(field)
        assert isinstance(items, list) and items, f"{career_id}.{field}"
        for item in items:
            assert _both_languages(item), f"{career_id}.{field}: {item!r}"
            assert set(item) == set(LANGUAGES), f"{career_id}.{field}: {item!r}"


@pytest.mark.parametrize("career_id", sorted(CAREERS))
def test_career_wage_is_sourced(career_id):
    wage = CAREERS[career_id]["wage"]
    assert isinstance(wage["median_annual"], int) and wage["median_annual"] > 0
    assert isinstance(wage["year"], int) and len(str(wage["year"])) == 4
    # one year for the table (May 2024); one career keeps the newest median that could be
    # read (industrial engineering technicians, May 2019) and shows that year
    if career_id == "industrial-engineering-technician":
        assert wage["year"] == 2019 and "2019" in wage["source"]
    else:
        assert wage["year"] == 2024 and "May 2024" in wage["source"]
    assert isinstance(wage["source"], str) and "BLS" in wage["source"]
    assert wage["url"].startswith("https://")
    # A plausible US median annual wage: catches a typo such as an hourly figure.
    assert 20_000 <= wage["median_annual"] <= 250_000


@pytest.mark.parametrize("career_id", sorted(CAREERS))
def test_career_codes_are_well_formed_and_agree(career_id):
    entry = CAREERS[career_id]
    code = entry["onet"]["code"]
    soc = entry["wage"]["soc"]
    assert ONET_RE.match(code), code
    assert SOC_RE.match(soc), soc
    assert code.split(".")[0] == soc
    assert entry["onet"]["title"].strip()
    assert re.fullmatch(r"[RIASEC]{1,3}", entry["riasec"])
    assert entry["field"] in ("healthcare", "engineering", "manufacturing")


def test_related_careers_exist_and_are_not_self():
    for cid, entry in CAREERS.items():
        assert entry["related"], cid
        for rid in entry["related"]:
            assert rid in CAREERS, f"{cid} -> {rid}"
            assert rid != cid


def test_every_field_has_careers():
    fields = {entry["field"] for entry in CAREERS.values()}
    assert fields == {"healthcare", "engineering", "manufacturing"}


def test_attribution_has_onet_notice_and_modification_notice():
    doc = yaml.safe_load((CONTENT_DIR / "careers.yaml").read_text(encoding="utf-8"))
    attribution = doc["attribution"]
    assert _both_languages(attribution)
    en = attribution["en"]
    for needle in ("O*NET", "U.S. Department of Labor, Employment and Training "
                   "Administration (USDOL/ETA)", "CC BY 4.0", "trademark of USDOL/ETA",
                   "has not approved"):
        assert needle in en
    assert catalogue.attribution("es").startswith("Esta página")


def test_credits_carry_the_attribution_and_sections():
    credits = (CONTENT_DIR / "CREDITS.md").read_text(encoding="utf-8")
    for heading in ("## Career data", "## Skills", "## Fonts", "## Art", "## Sound"):
        assert heading in credits
    flat = " ".join(credits.replace(">", " ").split())
    assert ("information from the O*NET 30.0 Database by the U.S. Department of Labor, "
            "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
            "license. O*NET® is a trademark of USDOL/ETA.") in flat
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications" in flat


@pytest.mark.parametrize("skill_id", sorted(SKILLS))
def test_skill_entries(skill_id):
    entry = SKILLS[skill_id]
    assert _both_languages(entry["name"])
    assert _both_languages(entry["description"])
    assert entry["category"] in ("applied-knowledge", "effective-relationships",
                                 "workplace-skills")
    if "part_of" in entry:
        parent = entry["part_of"]
        assert parent in SKILLS
        assert "part_of" not in SKILLS[parent], "part_of must name a framework component"
        assert SKILLS[parent]["category"] == entry["category"]


def test_skills_follow_the_framework():
    doc = yaml.safe_load((CONTENT_DIR / "skills.yaml").read_text(encoding="utf-8"))
    assert "Employability Skills Framework" in doc["source"]["name"]
    assert "Department of Education" in doc["source"]["publisher"]
    components = {k for k, v in SKILLS.items() if "part_of" not in v}
    assert {"applied-academics", "critical-thinking", "interpersonal", "personal-qualities",
            "resource-management", "information-use", "communication", "systems-thinking",
            "technology-use"} <= components
    assert SKILLS["teamwork"]["part_of"] == "interpersonal"
    assert SKILLS["time-management"]["part_of"] == "resource-management"


def test_ui_strings_have_both_languages_and_same_placeholders():
    for key, value in UI.items():
        assert _both_languages(value), key
        marks = {lang: sorted(re.findall(r"\{(\w+)\}", value[lang])) for lang in LANGUAGES}
        assert marks["en"] == marks["es"], key
    assert re.findall(r"\{(\w+)\}", UI["stars"]["en"]) == ["n"]
    assert sorted(re.findall(r"\{(\w+)\}", UI["of_total"]["en"])) == ["n", "total"]


# ----------------------------------------------------------------------- the views

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("career_id", sorted(CAREERS))
def test_career_view_is_plain_strings(career_id, lang):
    view = career_view(career_id, lang)
    for key in ("id", "title", "cluster", "riasec", "description", "day", "education",
                "training", "attribution"):
        assert isinstance(view[key], str) and view[key].strip(), key
    assert isinstance(view["onet"]["code"], str) and isinstance(view["onet"]["title"], str)
    assert view["certifications"] and all(isinstance(c, str) and c for c in
                                          view["certifications"])
    assert view["courses"] and all(isinstance(c, str) and c for c in view["courses"])
    assert view["related"] and all(isinstance(r["title"], str) and r["title"]
                                   for r in view["related"])
    wage = view["wage"]
    assert isinstance(wage["median_annual"], int) and isinstance(wage["display"], str)
    assert str(wage["year"]) in wage["display"]
    entry = CAREERS[career_id]
    assert view["title"] == entry["title"][lang]
    assert view["description"] == entry["description"][lang]


def test_career_view_languages_differ_and_wage_display():
    en = career_view("registered-nurse", "en")
    es = career_view("registered-nurse", "es")
    assert en["title"] == "Registered Nurse"
    assert es["title"] != en["title"]
    assert en["wage"]["display"] == "$93,600 a year (2024)"
    assert es["wage"]["display"] == "93\u00a0600 US$ al año (2024)"
    assert {"id": "respiratory-therapist", "title": "Respiratory Therapist"} in en["related"]


def test_career_view_unknown_language_falls_back_to_english():
    assert career_view("welder", "fr")["title"] == career_view("welder", "en")["title"]


def test_unknown_career_or_skill_raises_catalogue_error_with_hint():
    with pytest.raises(CatalogueError, match="did you mean 'registered-nurse'"):
        career_view("registered-nurses", "en")
    with pytest.raises(CatalogueError, match="unknown skill"):
        skill_view("juggling", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skill_view_is_plain_strings(lang):
    for skill_id in SKILLS:
        view = skill_view(skill_id, lang)
        assert view["id"] == skill_id
        for key in ("name", "description", "category", "category_name"):
            assert isinstance(view[key], str) and view[key].strip(), (skill_id, key)
    assert skill_view("teamwork", "es")["name"] == "Trabajo en equipo"
    assert skill_view("teamwork", "en")["part_of"] == "interpersonal"


def test_text_helper():
    assert text("plain", "es") == "plain"
    assert text({"en": "Hi", "es": "Hola"}, "es") == "Hola"
    assert text({"en": "Hi", "es": "Hola"}, "fr") == "Hi"
    assert text({"en": "Hi", "es": ""}, "es") == "Hi"
    assert text({"es": "Solo"}, "en") == "Solo"
    assert text(None, "en") == ""
    assert text(7, "en") == "7"


def test_format_wage():
    assert format_wage(41340, 2024, "en") == "$41,340 a year (2024)"
    assert format_wage(111910, 2024, "es") == "111\u00a0910 US$ al año (2024)"
    assert format_wage("not a number", 2024, "en") == ""


def test_ui_text():
    assert ui_text("continue", "es") == "Continuar"
    assert ui_text("continue", "fr") == "Continue"
    assert ui_text("of_total", "en", n=2, total=5) == "2 of 5"
    assert ui_text("of_total", "es", n=2, total=5) == "2 de 5"
    assert ui_text("stars", "es", n=3) == "3 estrellas"
    assert ui_text("stars", "en") == "{n} stars"          # unfilled placeholders stay
    assert ui_text("no_such_key", "en", default="x") == "x"
    with pytest.raises(CatalogueError, match="unknown UI string"):
        ui_text("no_such_key", "en")
    strings = ui_strings("es")
    assert set(strings) == set(UI) and strings["start"] == "Empezar"


def test_loading_is_cached_per_path():
    assert load_careers() is load_careers()
    assert load_careers(CONTENT_DIR / "careers.yaml") is load_careers()


# ------------------------------------------------------------------ broken files

def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _messages(diagnostics) -> str:
    return "\n".join(d.message for d in diagnostics)


@pytest.mark.parametrize("body, reason, message, position", [
    ("- just\n- a list\n", "must be a mapping",
     "must be a mapping with a 'careers:' section, not a list", (1, 1)),
    ("careers: [a, b]\n", "'careers:' must be a mapping",
     "careers: must be a mapping of keys to entries, not a list", (1, 10)),
    ("careers:\n  nurse: hello\n", "career 'nurse' must be a mapping",
     "careers.nurse: must be a mapping, not text", (2, 10)),
    ("careers: {a: [1\n", "invalid YAML", "YAML syntax", None),
    ("", "invalid YAML: line 1, column 1: file is empty", "file is empty", (1, 1)),
    ("careers: !!python/object:os.system {}\n", "invalid YAML: line 1, column 10: tag",
     "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed", (1, 10)),
])
def test_broken_careers_file_raises_catalogue_error(tmp_path, body, reason, message, position):
    path = _write(tmp_path, "careers.yaml", body)
    with pytest.raises(CatalogueError) as info:
        load_careers(path)
    assert reason in str(info.value)
    assert str(path) in str(info.value)
    found = [d for d in check_catalogue(careers_path=path) if message in d.message]
    assert found, _messages(check_catalogue(careers_path=path))
    assert found[0].severity == "error" and found[0].path == str(path)
    if position:
        assert (found[0].line, found[0].col) == position


def test_missing_and_binary_files_raise_catalogue_error(tmp_path):
    with pytest.raises(CatalogueError, match="file not found"):
        load_careers(tmp_path / "nope.yaml")
    path = tmp_path / "careers.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CatalogueError, match="not valid UTF-8"):
        load_careers(path)
    assert [(d.line, d.col, d.message) for d in check_catalogue(careers_path=path)] == [
        (1, 1, "file is not valid UTF-8")]
    missing = check_catalogue(careers_path=tmp_path / "nope.yaml")
    assert [(d.line, d.col, d.message) for d in missing] == [(0, 0, "file not found")]


def _one_career(**overrides) -> dict:
    entry = yaml.safe_load((CONTENT_DIR / "careers.yaml").read_text(encoding="utf-8"))
    career = entry["careers"]["welder"]
    career = {**career, "related": []}
    career.update(overrides)
    return {"attribution": entry["attribution"], "careers": {"welder": career}}


def test_content_problems_are_reported_not_raised(tmp_path):
    doc = _one_career()
    career = doc["careers"]["welder"]
    del career["wage"]["year"]
    career["wage"]["soc"] = "51-9999"
    career["wage"]["url"] = "http://www.bls.gov/oes/"
    career["onet"] = {"code": "51-4121", "title": "Welders"}
    career["related"] = ["welder", "pilot"]
    career["description"] = {"en": "Only English."}
    career["riasec"] = "RRX"
    path = _write(tmp_path, "careers.yaml", yaml.safe_dump(doc, allow_unicode=True))
    problems = _messages(check_catalogue(careers_path=path))
    for expected in ("wage.year: must be a 4-digit year",
                     "wage.url: must be an https:// address",
                     "onet.code: must look like NN-NNNN.NN",
                     "related: a career cannot be related to itself",
                     "related: unknown career 'pilot'",
                     "description: missing 'es' text",
                     "riasec: must be 1-3 different letters",
                     "required career 'registered-nurse' is missing"):
        assert expected in problems
    # The view still works on the damaged entry: no traceback of another kind.
    view = career_view("welder", "es", path=path)
    assert view["description"] == "Only English."
    assert view["wage"]["display"] == "51\u00a0000 US$ al año"


def test_soc_and_onet_mismatch_is_reported(tmp_path):
    doc = _one_career()
    doc["careers"]["welder"]["wage"]["soc"] = "51-4041"
    path = _write(tmp_path, "careers.yaml", yaml.safe_dump(doc, allow_unicode=True))
    problems = check_catalogue(careers_path=path)
    assert any("does not match O*NET code 51-4121.00" in p.message for p in problems)


def test_broken_skills_and_ui_are_reported(tmp_path):
    skills = _write(tmp_path, "skills.yaml", (
        "source: {name: X, publisher: Y}\n"
        "skills:\n"
        "  teamwork: {name: {en: Teamwork}, description: {en: a, es: b},\n"
        "             category: team-stuff, part_of: interpersonal}\n"))
    ui = _write(tmp_path, "ui.yaml", 'strings:\n  stars: {en: "{n} stars", es: estrellas}\n')
    problems = _messages(check_catalogue(skills_path=skills, ui_path=ui))
    assert "skills.teamwork.part_of: unknown skill 'interpersonal'" in problems
    assert "skills.teamwork.name: missing 'es' text" in problems
    assert "skills.teamwork.category: must be one of" in problems
    assert "required skill 'communication' is missing" in problems
    assert "strings.stars: languages use different {placeholders}" in problems
    assert "required string 'continue' is missing" in problems


# Small catalogue files with one mistake each; the line and column of each problem are
# pinned, as tests/engine/test_loader.py pins the simulation loader's.
CAREER_YAML = """\
attribution: {en: "O*NET USDOL/ETA CC BY 4.0 not approved", es: "O*NET"}
careers:
  welder:
    title: {en: Welder, es: Soldador}
    feild: manufacturing
    onet: {code: "51-4121.00", title: Welders}
    wage: {median_annual: 51000, year: 224, soc: "51-4121", source: BLS, url: "https://www.bls.gov/x"}
"""


def _at(diagnostics, needle):
    found = [d for d in diagnostics if needle in d.message]
    assert len(found) == 1, _messages(diagnostics)
    return found[0]


def test_unknown_key_has_its_position_and_a_did_you_mean(tmp_path):
    path = _write(tmp_path, "careers.yaml", CAREER_YAML)
    d = _at(check_catalogue(careers_path=path), "unknown key")
    assert (d.path, d.line, d.col, d.length) == (str(path), 5, 5, 5)
    assert d.message == "careers.welder: unknown key 'feild'"
    assert d.hint == "did you mean 'field'?"
    assert d.format(CAREER_YAML).splitlines()[1:] == [
        "  5 |     feild: manufacturing", "    |     ^^^^^", "  hint: did you mean 'field'?"]


def test_a_misspelt_section_is_named_with_a_did_you_mean(tmp_path):
    path = _write(tmp_path, "skills.yaml", "source: {name: X, publisher: Y}\nskils:\n  a: {}\n")
    found = [(d.line, d.col, d.message, d.hint) for d in check_catalogue(skills_path=path)]
    assert (2, 1, "unknown key 'skils'", "did you mean 'skills'?") in found
    assert (1, 1, "the 'skills:' section is missing", "") in found


def test_bad_wage_year_points_at_the_year(tmp_path):
    path = _write(tmp_path, "careers.yaml", CAREER_YAML)
    d = _at(check_catalogue(careers_path=path), "wage.year")
    assert (d.line, d.col, d.length) == (7, 40, 3)
    assert d.message == "careers.welder.wage.year: must be a 4-digit year, not 224"


def test_missing_text_points_at_its_career(tmp_path):
    path = _write(tmp_path, "careers.yaml", CAREER_YAML)
    d = _at(check_catalogue(careers_path=path), "welder.cluster")
    assert (d.line, d.col) == (3, 3)
    assert d.message == "careers.welder.cluster: missing text (needs en, es)"


def test_lint_reports_interface_text_the_browser_reads_differently(tmp_path):
    """ui.yaml is mostly { } mappings: an unquoted '?' there passes libyaml but not the
    browser's pure-Python reader, so lint's check (browser_check) names the text to quote."""
    from engine import yamlsafe
    ui = _write(tmp_path, "ui.yaml", "strings:\n  sure: {en: Sure?, es: ¿Seguro?}\n")
    found = [(d.line, d.col, d.message) for d in check_catalogue(ui_path=ui, browser_check=True)
             if "YAML" in d.message]
    if yamlsafe._Loader is yamlsafe._PyLoader:  # no libyaml: the reading itself refuses it
        assert found == [(2, 14, "YAML syntax: text with a '?' inside [ ] or { } needs quotes")]
    else:
        assert found == [(2, 14, "the browser's YAML reader cannot read this text"),
                         (2, 25, "the browser's YAML reader cannot read this text")]


def test_duplicate_keys_are_reported(tmp_path):
    ui = _write(tmp_path, "ui.yaml",
                "strings:\n  start: {en: Start, es: Empezar}\n  start: {en: Go, es: Ya}\n")
    d = _at(check_catalogue(ui_path=ui), "duplicate key")
    assert (d.line, d.col, d.message) == (3, 3, "duplicate key 'start' (first at line 2)")
    with pytest.raises(CatalogueError, match="line 3, column 3: duplicate key 'start'"):
        load_ui(ui)


def test_unknown_skill_id_has_its_position_and_a_did_you_mean(tmp_path):
    skills = _write(tmp_path, "skills.yaml", (
        "source: {name: X, publisher: Y}\n"
        "skills:\n"
        "  teamwork:\n"
        "    name: {en: Teamwork, es: Trabajo en equipo}\n"
        "    description: {en: a, es: b}\n"
        "    category: effective-relationships\n"
        "    part_of: interpersonl\n"
        "  interpersonal:\n"
        "    name: {en: Getting along, es: Llevarse bien}\n"
        "    description: {en: a, es: b}\n"
        "    category: effective-relationships\n"))
    d = _at(check_catalogue(skills_path=skills), "unknown skill")
    assert (d.line, d.col, d.length) == (7, 14, 12)
    assert d.message == "skills.teamwork.part_of: unknown skill 'interpersonl'"
    assert d.hint == "did you mean 'interpersonal'?"


def test_lint_checks_the_catalogue_too(tmp_path, monkeypatch, capsys):
    from engine import catalogue as cat
    from engine.cli import main as cli_main
    sim = ROOT / "simulations" / "examples" / "every-feature.yaml"
    assert cli_main(["lint", str(sim)]) == 0
    assert "5 file(s) checked: 0 error(s)" in capsys.readouterr().err
    for name in ("careers.yaml", "skills.yaml", "ui.yaml", "interests.yaml"):
        (tmp_path / name).write_bytes((CONTENT_DIR / name).read_bytes())
    broken = (tmp_path / "careers.yaml").read_text(encoding="utf-8").replace(
        "    cluster: {en: Health Science", "    clustr: {en: Health Science", 1)
    (tmp_path / "careers.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("    clustr: {en: Health Science, es: Ciencias de la Salud}") + 1
    monkeypatch.setattr(cat, "CONTENT_DIR", tmp_path)
    catalogue.clear_cache()
    try:
        _lint_reports_the_broken_catalogue(cli_main, sim, tmp_path, line, capsys)
    finally:
        monkeypatch.undo()
        catalogue.clear_cache()  # later tests read the real content/ again


def test_lint_of_content_checks_the_catalogue_not_simulations(capsys):
    from engine.cli import main as cli_main
    assert cli_main(["lint", str(CONTENT_DIR)]) == 0
    assert "4 file(s) checked: 0 error(s), 0 warning(s)" in capsys.readouterr().err
    assert cli_main(["lint", str(CONTENT_DIR / "ui.yaml")]) == 0


def _lint_reports_the_broken_catalogue(cli_main, sim, tmp_path, line, capsys):
    assert cli_main(["lint", str(sim)]) == 1
    out = capsys.readouterr().out
    assert f"careers.yaml:{line}:5: error: careers.registered-nurse: unknown key 'clustr'" in out
    assert f"  {line} |     clustr: {{en: Health Science" in out
    assert "hint: did you mean 'cluster'?" in out
    assert cli_main(["lint", "--format", "json", str(sim)]) == 1
    import json
    data = json.loads(capsys.readouterr().out)
    assert str(tmp_path / "careers.yaml") in data["files"]
    unknown = [d for d in data["diagnostics"] if "unknown key 'clustr'" in d["message"]]
    assert unknown and (unknown[0]["line"], unknown[0]["col"]) == (line, 5)
    assert data["errors"] == len([d for d in data["diagnostics"] if d["severity"] == "error"]) >= 2


def test_json_form_loads_like_yaml(tmp_path):
    import json
    exported = catalogue.export_catalogue()
    paths = {}
    for name, doc in exported.items():
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert load_careers(paths["careers"]) == CAREERS
    assert load_skills(paths["skills"]) == SKILLS
    assert load_ui(paths["ui"]) == UI
    assert career_view("welder", "es", path=paths["careers"]) == career_view("welder", "es")
    assert check_catalogue(paths["careers"], paths["skills"], paths["ui"]) == []
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogueError, match="invalid JSON"):
        load_careers(broken)


def test_cache_keeps_a_file_until_cleared(tmp_path):
    path = tmp_path / "ui.yaml"
    path.write_text("strings:\n  start: {en: Start, es: Empezar}\n", encoding="utf-8")
    assert ui_text("start", "es", path=path) == "Empezar"
    path.write_text("strings:\n  start: {en: Go, es: Ya}\n", encoding="utf-8")
    assert ui_text("start", "es", path=path) == "Empezar"
    catalogue.clear_cache()
    assert ui_text("start", "es", path=path) == "Ya"


# ------------------------------------------------------------ simulation references
# The loader checks the careers and skills a simulation names (one check, in the
# loader, with positions); these tests moved here from the catalogue's old
# check_references.

REFERENCES = """\
format: 1
id: tiny
version: 1.0.0
title: Tiny
field: other
career: welders
related_careers: [emt-paramedic, astronaut]
skills: [teamwork, team-work]
minutes: 1
summary: A tiny test.
languages: [en]
start: a
scenes:
  a:
    text: Hello
    choices:
      - id: go
        text: Go
        skills: [communication, juggling]
        next: END
endings:
  - id: done
    title: Done
    rating: 1
    text: Bye
"""


def test_the_loader_reports_unknown_careers_and_skills_with_positions():
    from engine import check_source
    sim, diags, _text = check_source(REFERENCES, "tiny.yaml")
    unknown = sorted((d.line, d.col, d.message, d.hint) for d in diags
                     if d.message.startswith(("unknown career", "unknown skill")))
    assert unknown == [
        (6, 9, "unknown career 'welders'", "did you mean 'welder'?"),
        (7, 18, "unknown career 'astronaut'", "add it to content/careers.yaml"),
        (8, 9, "unknown skill 'team-work'", "did you mean 'teamwork'?"),
        (19, 17, "unknown skill 'juggling' in choice 'go' of scene 'a'", "add it to content/skills.yaml"),
    ]


def test_content_review_wage_fixes():
    # review K-1: the May 2024 median for mechatronics technicians (17-3024)
    mech = CAREERS["mechatronics-technician"]["wage"]
    assert (mech["median_annual"], mech["year"]) == (70760, 2024)
    # review K-2: EMTs and paramedics are shown apart, each with its own SOC and median
    emt, para = CAREERS["emt-paramedic"], CAREERS["paramedic"]
    assert emt["wage"]["soc"] == "29-2042" and para["wage"]["soc"] == "29-2043"
    assert emt["wage"]["median_annual"] == 41340 and para["wage"]["median_annual"] == 58410
    assert "Paramedic" not in emt["title"]["en"] and para["title"]["en"] == "Paramedic"
    # review K-3: EMTs respond to 911 calls (dispatchers answer them)
    assert "respond to 911" in emt["description"]["en"] and "answer 911" not in emt["description"]["en"]


@pytest.mark.parametrize("career_id", sorted(CAREERS))
def test_outlook_and_range_are_sourced_where_given(career_id):
    entry = CAREERS[career_id]
    out = entry.get("outlook")
    if out is not None:
        assert isinstance(out["growth_pct"], (int, float)) and -50 < out["growth_pct"] < 100
        assert out["years"] == "2024-34" and out["url"].startswith("https://www.bls.gov/")
    rng = entry.get("wage_range")
    if rng is not None:
        assert rng["p10"] < entry["wage"]["median_annual"] < rng["p90"]
        assert rng["year"] == entry["wage"]["year"] and rng["url"].startswith("https://")


def test_spanish_career_words_from_the_review():
    # review 3.5: agreement, "preparatoria" for high school, "programa de aprendizaje"
    assert CAREERS["registered-nurse"]["title"]["es"] == "Enfermero titulado o enfermera titulada"
    for cid, entry in CAREERS.items():
        for field in ("education", "training"):
            es = entry[field]["es"]
            assert "diploma de secundaria" not in es and "programa de aprendiz " not in es + " ", cid


def test_electrician_outlook_is_the_change_in_the_cited_employment():
    # O*NET OnLine's Employment Trends for 47-2111.00 (BLS 2024-2034 projections): 818,700
    # electricians in 2024 and 896,100 projected in 2034, which that page rounds to 10%
    out = CAREERS["electrician"]["outlook"]
    assert out["years"] == "2024-34"
    assert out["growth_pct"] == round((896_100 - 818_700) / 818_700 * 100, 1) == 9.5
