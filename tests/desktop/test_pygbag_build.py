"""The pygbag browser build: the staging folder, the packed archive and the template."""
import importlib.util
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from engine.desktop import pygbag_build as PB

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "web" / "pygbag" / "ctd.tmpl"
SIMS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "simulations").rglob("*.yaml"))
CDN = "http://127.0.0.1:8123/pygbag-runtime/"


def check_tree(names: set[str], prefix: str = ""):
    """What must (and must not) be in a staged folder or a packed archive."""
    main = prefix + "main.py"
    assert main in names
    for must in ("engine/__init__.py", "engine/session.py", "engine/loader.py",
                 "engine/desktop/app.py", "engine/desktop/kiosk.py", "engine/desktop/browser.py",
                 "yaml/__init__.py", "segno/__init__.py", "content/ui.yaml",
                 "content/fonts/atkinson-hyperlegible-latin-400-normal.woff",
                 "content/fonts/OFL-AtkinsonHyperlegible.txt"):
        assert prefix + must in names, must
    assert SIMS, "no simulations found"
    for sim in SIMS:
        assert prefix + sim in names, sim
    for name in names:
        parts = name.split("/")
        assert "tests" not in parts and "docs" not in parts, name
        assert "__pycache__" not in parts and not name.endswith((".pyc", ".pyo")), name
        assert not name.endswith((".wav", ".mp3")), name       # pygbag plays OGG only
        assert "engine/web/" not in name                       # the Pyodide glue is not needed
        assert not any(p.startswith(".") for p in parts), name


def test_staging_folder(tmp_path):
    app = PB.stage(ROOT, tmp_path / "stage")
    names = {p.relative_to(app).as_posix() for p in app.rglob("*") if p.is_file()}
    check_tree(names)
    main = (app / "main.py").read_text()
    assert "asyncio.run(" in main
    # no C extension of PyYAML: the browser runtime cannot load it
    assert not any(n.startswith("yaml/") and not n.endswith(".py") for n in names)
    for audio in (ROOT / "content" / "audio").glob("*.ogg"):
        assert f"content/audio/{audio.name}" in names


def test_build_refuses_yaml_the_browser_reads_differently(tmp_path):
    """pygbag ships the YAML and reads it without libyaml: the build refuses what it would."""
    from engine import LoadError, yamlsafe
    text = (ROOT / "simulations" / "examples" / "every-feature.yaml").read_text(encoding="utf-8")
    assert '\ngrades: "6-8"\n' in text
    (tmp_path / "simulations").mkdir()
    (tmp_path / "simulations" / "tour.yaml").write_text(
        text.replace('\ngrades: "6-8"\n', "\ngrades: [6-8?]\n"), encoding="utf-8")
    if yamlsafe._Loader is yamlsafe._PyLoader:
        pytest.skip("no libyaml here: the ordinary reading already refuses it")
    (tmp_path / "app").mkdir()
    with pytest.raises(LoadError) as caught:
        PB.compile_json(tmp_path, tmp_path / "app")
    assert any(d.message == "the browser's YAML reader cannot read this text"
               for d in caught.value.diagnostics)


def test_build_reports_catalogue_text_the_browser_refuses_without_a_traceback(tmp_path, monkeypatch,
                                                                             capsys):
    (tmp_path / "simulations").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ui.yaml").write_text("strings:\n  sure: {en: Sure?, es: ¿Seguro?}\n",
                                                  encoding="utf-8")
    (tmp_path / "app" / "content").mkdir(parents=True)
    monkeypatch.setattr(PB, "project_root", lambda: tmp_path)
    monkeypatch.setattr(PB, "stage", lambda root, staging: PB.compile_json(root, tmp_path / "app"))
    assert PB.main(["--stage-only"]) == 1
    err = capsys.readouterr().err
    assert "ui.yaml:2:14: error:" in err and "nothing was built" in err
    assert "Traceback" not in err and not (tmp_path / "app" / "content" / "ui.json").exists()


def test_template_has_no_remote_url_but_the_cdn():
    text = TEMPLATE.read_text()
    assert "{{cookiecutter.cdn}}pythons.js" in text
    assert not re.search(r"https?://", text)
    # every src/href is local or the CDN placeholder
    for attr in re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', text):
        assert attr.startswith("{{cookiecutter.cdn}}") or not re.match(r"^[a-z]+:|^//", attr), attr
    for needed in ('id="canvas"', 'aria-live="polite"', "asyncio.run(", "{{cookiecutter.archive}}",
                   "{{cookiecutter.PYBUILD}}", "window.ctdMirror", "window.ctdTake"):
        assert needed in text, needed


def test_pygbag_ini_leaves_out_tests_and_caches():
    ini = (ROOT / "web" / "pygbag" / "pygbag.ini").read_text()
    for d in ("/tests", "/docs", "/__pycache__"):
        assert f'"{d}"' in ini


def test_build_refuses_black(monkeypatch):
    real = importlib.util.find_spec

    def fake(name, *a, **k):
        return object() if name == "black" else real(name, *a, **k)

    monkeypatch.setattr(PB.importlib.util, "find_spec", fake)
    with pytest.raises(SystemExit, match="black"):
        PB.check_environment()


@pytest.mark.skipif(importlib.util.find_spec("pygbag") is None, reason="pygbag not installed (the build extra)")
@pytest.mark.skipif(importlib.util.find_spec("black") is not None, reason="black would reformat the sources")
def test_offline_pygbag_build_with_own_cdn(tmp_path):
    out = PB.build(ROOT, tmp_path / "dist", cdn=CDN, staging=tmp_path / "stage")
    index = (out / "index.html").read_text()
    assert f'src="{CDN}pythons.js"' in index
    assert "{{cookiecutter" not in index
    urls = re.findall(r"https?://[^\s\"'<>)]+", index)
    assert urls and all(u.startswith(CDN) for u in urls), urls
    assert (out / "favicon.png").is_file()
    with tarfile.open(out / f"{PB.APP_NAME}.tar.gz") as tar:
        names = {m.name for m in tar.getmembers() if m.isfile()}
        main = tar.extractfile("assets/main.py").read().decode()
    assert "asyncio.run(" in main
    check_tree({n[len("assets/"):] for n in names if n.startswith("assets/")})
    assert all(n.startswith("assets/") for n in names)
    with zipfile.ZipFile(out / f"{PB.APP_NAME}.apk") as z:
        assert "assets/main.py" in z.namelist()
        assert not [n for n in z.namelist() if "/tests/" in n or "__pycache__" in n]


def test_staged_build_runs_from_its_own_folder_without_parsing_yaml(tmp_path):
    """The staged folder is self-contained: with only it on sys.path, the browser entry
    point loads the compiled JSON (no YAML parsed) and plays every simulation to the end."""
    import os
    import subprocess
    import sys

    app = PB.stage(ROOT, tmp_path / "stage")
    compiled = sorted(p.stem for p in (app / "compiled").glob("*.json"))
    assert len(compiled) == len(SIMS)
    for name in ("careers", "skills", "ui"):
        assert (app / "content" / f"{name}.json").is_file()
    script = """
import sys, yaml.reader
original = yaml.reader.Reader.__init__
def refuse(self, stream):
    if stream:                       # the engine makes one empty loader at import
        raise AssertionError("YAML parsed at start-up")
    original(self, stream)
yaml.reader.Reader.__init__ = refuse
from engine.desktop.browser import make_app
from engine.desktop.autoplay import Driver
from engine.desktop import screens as S
import engine
assert engine.__file__.startswith(sys.argv[1]), engine.__file__
for kiosk in (False, True):
    app = make_app({"kiosk": ""} if kiosk else {"lang": "es"})
    for entry in app.entries:
        if kiosk:
            app.reset()
        app.start(entry)
        assert Driver(app, "touch", seed=3).play_to_results(), entry.id
        assert app.story.view["ending"]["career"], entry.id
print("OK", len(app.entries))
"""
    env = dict(os.environ, PYTHONPATH=str(app), TESTDRIVE_ROOT=str(app),
               SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-c", script, str(app)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert f"OK {len(compiled)}" in proc.stdout


def test_the_page_sends_no_referrer_and_package_lookups_follow_the_runtime():
    text = TEMPLATE.read_text()
    assert '<meta name="referrer" content="no-referrer">' in text
    assert 'os.environ["PYGPI"] = str(platform.window.config.cdn)' in text
    assert 'cdn: new URL("{{cookiecutter.cdn}}", document.baseURI).href' in text


def test_pygbag_is_always_told_where_the_runtime_is(monkeypatch, tmp_path):
    """pygbag's own default is its public CDN: the command always names one."""
    seen = []

    def fake_run(cmd, **kw):
        seen.append(cmd)
        out = Path(cmd[-1]) / "build" / "web"
        out.mkdir(parents=True)
        (out / "index.html").write_text("x")
        return type("P", (), {"returncode": 0, "stdout": "", "stderr": ""})()

    monkeypatch.setattr(PB.subprocess, "run", fake_run)
    monkeypatch.setattr(PB, "check_environment", lambda: None)
    app = tmp_path / "app"
    app.mkdir()
    PB.run_pygbag(app, ROOT)
    PB.run_pygbag(app / "x", ROOT, "https://school.example/pygbag/0.9.3")
    assert seen[0][seen[0].index("--cdn") + 1] == "runtime/"
    assert seen[1][seen[1].index("--cdn") + 1] == "https://school.example/pygbag/0.9.3/"


@pytest.mark.parametrize("bad", ["//evil.example/x/", "javascript:alert(1)", "ftp://host/x/", "runtime"])
def test_a_cdn_must_be_a_web_address(bad):
    with pytest.raises(SystemExit, match="--cdn"):
        PB.runtime_url(bad)


def test_the_build_says_what_leaves_the_school():
    assert "No student's browser contacts another host" in PB.privacy_note(None)
    note = PB.privacy_note("https://cdn.example.org/pygbag/0.9.3/")
    assert "cdn.example.org" in note and "IP address" in note


@pytest.mark.skipif(importlib.util.find_spec("pygbag") is None, reason="pygbag not installed (the build extra)")
@pytest.mark.skipif(importlib.util.find_spec("black") is not None, reason="black would reformat the sources")
def test_default_build_sends_browsers_to_no_other_host(tmp_path):
    out = PB.build(ROOT, tmp_path / "dist", staging=tmp_path / "stage")
    index = (out / "index.html").read_text()
    assert 'src="runtime/pythons.js"' in index
    assert not re.findall(r"https?://", index), re.findall(r"https?://[^\s\"'<>)]+", index)
    assert "{{cookiecutter" not in index
    readme = (out / "runtime" / "README.txt").read_text()
    assert "pythons.js" in readme and "docs/desktop.md" in readme
    # with a runtime folder at hand, it is copied in
    fake = tmp_path / "fake-runtime"
    (fake / "cpython312").mkdir(parents=True)
    (fake / "pythons.js").write_text("// runtime")
    (fake / "cpython312" / "main.js").write_text("// cpython")
    out2 = PB.build(ROOT, tmp_path / "dist2", staging=tmp_path / "stage2", runtime=fake)
    assert (out2 / "runtime" / "pythons.js").read_text() == "// runtime"
    assert (out2 / "runtime" / "cpython312" / "main.js").is_file()
