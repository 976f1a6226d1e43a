"""`testdrive new`, `testdrive list` and `testdrive explore --scripts`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import cli
from engine.catalogue import load_careers, load_skills
from engine.explore import explore_all
from engine.loader import check_file
from engine.scaffold import ScaffoldError, render
from engine.scripts import write_scripts
from engine.session import Session
from engine.textplayer import TextPlayer

ROOT = Path(__file__).resolve().parents[2]
FIELDS = sorted({c["field"] for c in load_careers().values()})


def play_script(sim, script: Path, lang="en"):
    """Plays an actions file the way `testdrive play --actions` does; returns (session, output)."""
    header = script.read_text(encoding="utf-8")
    seed = int(re.search(r"--seed (\d+)", header).group(1))
    start = sim.kiosk_start if "--kiosk-cut" in header else None
    lines = [ln for ln in header.splitlines() if not ln.lstrip().startswith("#")]
    session = Session(sim, seed=seed, lang=lang, start=start)
    out = []
    TextPlayer(session, lambda: lines.pop(0) if lines else None, out.append).run()
    return session, "".join(out)


@pytest.fixture(scope="module", params=FIELDS)
def scaffold(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("sims")
    assert cli.main(["new", f"{request.param}/my-first-sim", "--root", str(root)]) == 0
    return root / request.param / "my-first-sim.yaml"


def test_new_writes_a_file_that_lints_clean_even_strict(scaffold, capsys):
    sim, diags, _ = check_file(scaffold)
    assert sim is not None and diags == []
    assert cli.main(["lint", "--strict", str(scaffold)]) == 0
    assert sim.id == "my-first-sim" and set(sim.languages) == {"en", "es"}


def test_new_scaffold_reaches_every_ending(scaffold):
    sim, _, _ = check_file(scaffold)
    report = explore_all(sim, players=200)
    assert report["unreached_endings"] == [] and report["search"]["complete"]
    assert [p for p in report["problems"] if p["severity"] == "error"] == []
    assert len(sim.endings) >= 3


def test_new_scaffold_has_every_part_a_beginner_needs(scaffold):
    text = scaffold.read_text(encoding="utf-8")
    sim, _, _ = check_file(scaffold)
    assert sim.variables and sim.characters and sim.events and sim.sources
    assert any(s.choices for s in sim.scenes) and any(s.activity for s in sim.scenes)
    assert any(s.next and not s.choices and not s.activity for s in sim.scenes)
    assert any(e.condition is None for e in sim.endings) and any(e.condition for e in sim.endings)
    assert sum(1 for line in text.splitlines() if "#" in line) >= 30   # it explains itself


@pytest.mark.parametrize("lang", ["en", "es"])
def test_new_scaffold_plays_to_every_ending_in_both_languages(scaffold, tmp_path, lang):
    sim, _, _ = check_file(scaffold)
    files = write_scripts(sim, tmp_path)
    assert len(files) == len(sim.endings)
    for f in files:
        session, out = play_script(sim, f, lang)
        assert session.ended and f.stem.endswith(session.state["ending"])
        assert "Traceback" not in out and "??" not in out


def test_new_refuses_bad_names_and_fields_and_never_overwrites(tmp_path, capsys):
    assert cli.main(["new", "healthcare/Night Shift", "--root", str(tmp_path)]) == 2
    assert "lowercase letters, digits and dashes" in capsys.readouterr().err
    assert cli.main(["new", "cooking/soup", "--root", str(tmp_path)]) == 2
    assert "'cooking' is not a field; fields: " + ", ".join(FIELDS) in capsys.readouterr().err
    assert cli.main(["new", "healthcare", "--root", str(tmp_path)]) == 2
    assert cli.main(["new", "healthcare/x", "--root", str(tmp_path)]) == 0
    before = (tmp_path / "healthcare" / "x.yaml").read_text()
    assert cli.main(["new", "healthcare/x", "--root", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "healthcare" / "x.yaml").read_text() == before
    with pytest.raises(ScaffoldError, match="see: testdrive list careers"):
        render("healthcare", "x", career="astronaut")


@pytest.mark.parametrize("what,must_have", [
    ("careers", lambda: list(load_careers())),
    ("skills", lambda: list(load_skills())),
    ("art", lambda: [p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content" / "art").rglob("*.svg")]),
    ("sounds", lambda: ["alarm", "door", "siren"]),
    ("kinds", lambda: ["order", "sequence", "numeric", "multi", "match", "hotspot", "allocate"]),
])
def test_list_names_everything_a_simulation_can_use(what, must_have, capsys):
    assert cli.main(["list", what]) == 0
    out = capsys.readouterr().out
    names = {line.split()[0] for line in out.splitlines()[1:]}
    assert set(must_have()) <= names
    assert out.splitlines()[0].startswith(f"# {len(names)} {what}:")


def test_list_kinds_says_what_each_needs(capsys):
    cli.main(["list", "kinds"])
    out = capsys.readouterr().out
    assert re.search(r"^hotspot\s+needs: image, spots\s+may have: height, width$", out, re.M)


def test_list_art_gives_size_and_text_alternative(capsys):
    cli.main(["list", "art"])
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("art/healthcare/station.svg"))
    assert "960x540" in line and "nurses' station" in line


SIMS = sorted((ROOT / "simulations").glob("*/*.yaml"))


def test_explore_scripts_option_writes_the_files(tmp_path, capsys):
    path = ROOT / "simulations" / "examples" / "every-feature.yaml"
    assert cli.main(["explore", str(path), "--scripts", str(tmp_path), "--players", "20"]) == 0
    err = capsys.readouterr().err
    sim, _, _ = check_file(path)
    for e in sim.endings:
        assert f"wrote {tmp_path / f'every-feature--{e.id}.txt'}" in err


@pytest.mark.parametrize("path", SIMS, ids=[p.stem for p in SIMS])
def test_explore_scripts_replay_to_their_ending(path, tmp_path):
    sim, _, _ = check_file(path)
    files = write_scripts(sim, tmp_path)
    if sim.kiosk_start:
        kiosk = write_scripts(sim, tmp_path, sim.kiosk_start)
        assert kiosk and all("--kiosk--" in f.name for f in kiosk)
        files += kiosk
    assert {f.stem.split("--")[-1] for f in files} == {e.id for e in sim.endings}
    for f in files:
        session, _out = play_script(sim, f)
        assert session.ended and session.state["ending"] == f.stem.split("--")[-1], f.name


def test_scripts_name_choices_by_id_so_they_survive_a_new_seed(scaffold, tmp_path):
    """Items are shown in a different order for each seed; a script still plays."""
    sim, _, _ = check_file(scaffold)
    for f in write_scripts(sim, tmp_path):
        text = f.read_text(encoding="utf-8")
        assert '"choice": "' in text or '"answer": [' in text
        moved = f.with_name("other-seed.txt")
        moved.write_text(re.sub(r"--seed \d+", "--seed 987654", text), encoding="utf-8")
        session, _ = play_script(sim, moved)
        assert f.stem.endswith(session.state["ending"])


def test_explore_says_plainly_when_the_search_found_no_ending(tmp_path, capsys):
    loop = tmp_path / "loop.yaml"
    src = render("healthcare", "loop").replace("      next: END              #", "      next: welcome          #")
    loop.write_text(src.replace('when: chose("guess") > 0', "when: confidence > 95"), encoding="utf-8")
    cli.main(["explore", str(loop), "--players", "5"])
    out = capsys.readouterr().out
    assert "the search found NO ending: it tried every path, and none of them ends" in out


# ---- every picture and sound a simulation names is a file (engine/contentfiles.py) ----------
@pytest.mark.parametrize("old,new,bad,col,message,hint", [
    ("welcome:                   # a scene id; other scenes go here with `next:`",
     "welcome:\n    background: art/healthcare/stationn.svg", "stationn", 17,
     "background of scene 'welcome': 'art/healthcare/stationn.svg' is not a file under content/",
     "did you mean 'art/healthcare/station.svg'? see the pictures with: testdrive list art"),
    ("welcome:                   # a scene id; other scenes go here with `next:`",
     "welcome:\n    sound: alarn", "alarn", 12, "sound of scene 'welcome': 'alarn' has no file content/audio/alarn.ogg",
     "did you mean 'alarm'? see the sounds with: testdrive list sounds"),
    ("    role: {en: Your mentor, es: Tu guía}", "    role: {en: Your mentor, es: Tu guía}\n    portrait: alex.svg",
     "alex.svg", 15, "portrait of character 'alex': 'alex.svg' is not a file under content/",
     "see the pictures with: testdrive list art"),
    ("art: {cover: art/healthcare/cover.svg,", "art: {cover: art/healthcare/cover.png,", "cover.png", 14,
     "cover of 'art': 'art/healthcare/cover.png' is not a file under content/",
     "did you mean 'art/healthcare/cover.svg'? see the pictures with: testdrive list art"),
])
def test_a_missing_picture_or_sound_is_an_error_where_it_is_written(old, new, bad, col, message, hint):
    from engine import check_source
    src = render("healthcare", "files")
    assert src.count(old) == 1
    src = src.replace(old, new)
    line = next(n for n, text in enumerate(src.splitlines(), 1) if bad in text)
    sim, diags, _ = check_source(src, "files.yaml")
    assert sim is None
    assert [(d.line, d.col, d.message, d.hint) for d in diags] == [(line, col, message, hint)]


def test_a_hotspot_picture_must_exist_too():
    from engine import check_source
    src = (ROOT / "simulations" / "examples" / "every-feature.yaml").read_text(encoding="utf-8")
    images = re.findall(r"^ +image: (\S+)", src, re.M)
    assert images
    sim, diags, _ = check_source(src.replace(f"image: {images[0]}", "image: art/examples/nothing.svg"), "x.yaml")
    assert [d.message for d in diags] == [
        "image of the activity of scene 'inspect': 'art/examples/nothing.svg' is not a file under content/"]


@pytest.mark.parametrize("old,new,message", [
    ("      kind: sequence", "      kind: sequense", "activity kind 'sequense' is not known"),
    ("    next: first-task", "    next: frist-task", "'frist-task' in scene 'welcome' is not a scene or an ending"),
])
def test_one_mistake_one_message(old, new, message):
    from engine import check_source
    src = render("healthcare", "one")
    assert src.count(old) == 1
    _sim, diags, _ = check_source(src.replace(old, new), "one.yaml")
    assert [d.message for d in diags] == [message]   # no "can never be reached" after it
