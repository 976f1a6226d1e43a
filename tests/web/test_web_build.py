"""`testdrive build web` and `testdrive serve`, without a browser: what the static site
holds and how the local server sends it (MIME types, gzip, cache headers)."""
from __future__ import annotations

import gzip
import io
import json
import re
import urllib.error
import urllib.request
import zipfile

import pytest

from webtools import ROOT, built_site, require_node, simulation_ids, site_url


@pytest.fixture(scope="module")
def site():
    require_node()
    return built_site()


def get(path: str, headers: dict | None = None, method: str = "GET"):
    req = urllib.request.Request(site_url() + path, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_site_has_pages_runtime_bundle_and_offline_files(site):
    assert (site / "index.html").is_file()
    assert (site / "sw.js").is_file() and (site / "manifest.webmanifest").is_file()
    for sim_id in simulation_ids():
        assert (site / "sims" / f"{sim_id}.html").is_file()
    runtime = list((site / "pyodide").iterdir())
    assert len(runtime) == 1
    names = {p.name for p in runtime[0].iterdir()}
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"} <= names
    assert not names & {"pyodide.js.map", "console.html", "pyodide.d.ts"}, "only the runtime files ship"
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["display"] == "standalone" and manifest["icons"]


def test_bundle_holds_engine_compiled_simulations_and_pyc(site):
    bundles = list(site.glob("bundle-*.zip"))
    assert len(bundles) == 1
    names = zipfile.ZipFile(bundles[0]).namelist()
    for sim_id in simulation_ids():
        assert f"sims/{sim_id}.json" in names, "simulations ship pre-compiled to JSON"
    assert not [n for n in names if n.startswith("sims/") and n.endswith(".yaml")]
    assert "engine/session.pyc" in names and "engine/web/glue.pyc" in names
    assert not [n for n in names if n.startswith("engine/") and n.endswith(".py")], ".pyc replaces sources"
    assert "content/careers.json" in names and "content/ui.json" in names and "content/interests.json" in names
    assert not [n for n in names if "desktop" in n or n.endswith("cli.pyc")]
    # .pyc compiled by Pyodide's Python, not the host's: the magic number differs.
    import importlib.util

    pyc = zipfile.ZipFile(bundles[0]).read("engine/session.pyc")
    assert pyc[:4] != importlib.util.MAGIC_NUMBER


def test_pages_reference_only_this_site(site):
    for page in [site / "index.html", *(site / "sims").glob("*.html")]:
        html = page.read_text()
        refs = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert refs
        for ref in refs:
            assert not re.match(r"^[a-z]+:", ref) and not ref.startswith("//"), f"{page.name}: {ref}"
    for asset in (site / "assets").rglob("*.*"):
        if asset.suffix in (".js", ".css"):
            text = asset.read_text()
            assert not re.search(r"(?:url\(|import\(|from )\s*['\"]?https?://", text), asset.name


def test_first_scene_pictures_are_in_the_page_when_shipped(site):
    """The page's first scene (rendered at build time) shows the view's background and
    portrait when the build shipped them, and hides the <img> otherwise."""
    from engine import Session
    from webtools import simulations

    for sim_id, sim in simulations().items():
        view = Session(sim, seed=0).view()
        html = (site / "sims" / f"{sim_id}.html").read_text()
        speaker = view.get("speaker") or {}
        for img_id, art in (("background", view.get("background")), ("portrait", speaker.get("portrait"))):
            tag = re.search(rf'<img id="{img_id}"[^>]*>', html).group(0)
            if art and (site / "content" / art).is_file():
                assert f'src="../content/{art}"' in tag and " hidden" not in tag, (sim_id, tag)
            else:
                assert " hidden" in tag and "src=" not in tag, (sim_id, tag)


def test_scripts_come_after_the_story_on_every_page(site):
    """No module script or module preload before the page's content: in <head>, their
    fetches and compiles held up the parsing of the prerendered first narration, which
    then painted later than a plain inkjs page's text on a 4x-throttled CPU
    (benchmarks/web_startup.py). Each page still loads its entry module and preloads the
    modules it imports."""
    pages = [site / "index.html", site / "kiosk.html", site / "teacher.html", site / "profile.html",
             *(site / "sims").glob("*.html")]
    for page in pages:
        html = page.read_text()
        head = html[:html.index("<body")]
        assert "<script" not in head and "modulepreload" not in head, page.name
        first_script = html.index('<script type="module"')
        assert html.index('id="ctd-config"') < first_script < html.index("</body>"), page.name
        assert html.count('<script type="module"') == 1 and html.count('rel="modulepreload"') > 5, page.name
    for sim_page in (site / "sims").glob("*.html"):
        html = sim_page.read_text()
        assert html.index('id="narration"') < html.index('<script type="module"'), sim_page.name


def test_first_narration_paragraph_carries_the_element_timing_mark(site):
    """Chromium reports a text's paint (Element Timing) only for the element holding the
    text itself: the mark sits on the prerendered narration's first paragraph, in the page
    on disk and in the compressed copy the server sends, so benchmarks/web_startup.py
    times the narration rather than the page's first contentful paint."""
    for sim_id in simulation_ids():
        html = (site / "sims" / f"{sim_id}.html").read_text()
        div = re.search(r'<div id="narration"[^>]*>', html).group(0)
        assert "elementtiming" not in div, (sim_id, div)
        first = re.match(r"<(\w+)([^>]*)>([^<]*)", html[html.index(div) + len(div):])
        assert first and first.group(1) == "p" and first.group(3).strip(), (sim_id, html[html.index(div):][:200])
        assert 'elementtiming="narration"' in first.group(2), (sim_id, first.group(0))
        assert html.count('elementtiming="narration"') == 1, sim_id
        status, headers, body = get(f"sims/{sim_id}.html", {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(body).decode() == html, sim_id


def test_service_worker_precaches_every_file(site):
    sw = (site / "sw.js").read_text()
    files = json.loads(re.search(r"const FILES = (\[.*?\]);", sw, re.S).group(1))
    on_disk = {str(p.relative_to(site)) for p in site.rglob("*")
               if p.is_file() and not p.name.endswith(".gz") and p.name not in ("sw.js", ".testdrive-build")}
    assert on_disk <= set(files)
    assert "./" in files


def test_server_mime_types_and_gzip(site):
    runtime = next((site / "pyodide").iterdir()).name
    status, headers, body = get(f"pyodide/{runtime}/pyodide.asm.wasm", {"Accept-Encoding": "gzip, br"})
    assert status == 200
    assert headers["Content-Type"] == "application/wasm"
    assert headers.get("Content-Encoding") == "gzip"
    raw = gzip.decompress(body)
    assert raw[:4] == b"\0asm"
    assert len(body) < len(raw) * 0.6
    status, headers, body = get(f"pyodide/{runtime}/pyodide.asm.wasm")
    assert "Content-Encoding" not in headers and body[:4] == b"\0asm"
    _, headers, _ = get(f"pyodide/{runtime}/pyodide.mjs")
    assert headers["Content-Type"].startswith("text/javascript")
    _, headers, _ = get("manifest.webmanifest")
    assert headers["Content-Type"] == "application/manifest+json"
    _, headers, _ = get("index.html", {"Accept-Encoding": "gzip"})
    assert headers["Content-Type"].startswith("text/html") and headers["Vary"] == "Accept-Encoding"


def test_server_cache_headers_and_revalidation(site):
    player = next((site / "assets" / "js").glob("main.*.js")).name
    _, headers, _ = get(f"assets/js/{player}")
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    for page in ("index.html", "sw.js", "manifest.webmanifest", ""):
        status, headers, _ = get(page)
        assert status == 200 and headers["Cache-Control"] == "no-cache", page
    status, headers, _ = get("index.html")
    status, _, body = get("index.html", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    status, headers, body = get("index.html", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_server_refuses_paths_outside_the_site(site):
    for path in ("../pyproject.toml", "%2e%2e/pyproject.toml", "sims/../../pyproject.toml", "nope.html",
                 "index.html.gz"):
        status, _, _ = get(path)
        assert status == 404, path


def test_serve_main_reports_a_missing_build(tmp_path, capsys):
    from engine.web.serve import main

    assert main(["--dir", str(tmp_path / "none"), "--port", "0"]) == 2
    assert "testdrive build web" in capsys.readouterr().err


def test_build_main_refuses_to_overwrite_a_foreign_folder(tmp_path, capsys):
    from engine.web.build import main

    (tmp_path / "precious.txt").write_text("keep me")
    status = main(["--out", str(tmp_path), "--no-pyc"])
    assert status == 1
    assert (tmp_path / "precious.txt").read_text() == "keep me"
    assert "not a previous web build" in capsys.readouterr().err


def test_build_reports_broken_simulations(tmp_path, capsys):
    from engine.web.build import main

    sims = tmp_path / "sims"
    sims.mkdir()
    (sims / "bad.yaml").write_text("format: 1\nid: bad\nscenes: {}\n")
    status = main(["--out", str(tmp_path / "out"), "--simulations", str(sims), "--no-pyc"])
    assert status == 1
    err = capsys.readouterr().err
    assert "bad.yaml" in err and not (tmp_path / "out").exists()


def test_standard_library_is_slim_and_precompiled_for_start_up(site):
    import importlib.util

    runtime = next((site / "pyodide").iterdir())
    stdlib = zipfile.ZipFile(runtime / "python_stdlib.zip")
    names = set(stdlib.namelist())
    original = set(zipfile.ZipFile(ROOT / "node_modules/pyodide/python_stdlib.zip").namelist())
    assert len(names) < len(original)
    assert not any(n.startswith(("test/", "tkinter/", "idlelib/", "unittest/")) for n in names)
    # What start-up imports is compiled by Pyodide's own Python (not the host's).
    for module in ("dataclasses.pyc", "json/__init__.pyc", "re/__init__.pyc"):
        assert module in names, module
        assert stdlib.read(module)[:4] != importlib.util.MAGIC_NUMBER
    assert "dataclasses.py" not in names
    assert json.loads((runtime / "pyodide-lock.json").read_text())["packages"] == {}
