"""`testdrive build web`: write the browser player as a static site (default dist/web/).

What goes in (docs/web.md has the full picture):

- the player from web/ (HTML pages filled in here, JS and CSS renamed with a content hash);
- Pyodide's runtime from node_modules/pyodide (the npm package, never a CDN): only the
  files a page needs, with a slimmer standard library, in a folder named by its hash;
- the engine and every simulation under simulations/ as one content-hashed zip that the
  worker unpacks with pyodide.unpackArchive; simulations are validated here and shipped
  pre-compiled to JSON when engine.compile is available (YAML + pure-Python PyYAML else);
- the first scene of each simulation rendered into its page, so the story is readable
  before Python has booted;
- kiosk.html, the career-fair kiosk (docs/web.md, "Kiosk"), with segno's QR encoder in
  the bundle for the take-home QR code;
- a service worker and web app manifest (offline after the first visit, installable);
- a .gz copy of every compressible file, which `testdrive serve` sends to browsers.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CONTENT = ROOT / "content"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
FONT_FILES = (
    "atkinson-hyperlegible-latin-400-normal.woff2",
    "atkinson-hyperlegible-latin-700-normal.woff2",
    "atkinson-hyperlegible-latin-ext-400-normal.woff2",
)
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".webmanifest", ".zip", ".txt"}
ART_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
# Standard-library parts the player never imports: left out of the browser's
# python_stdlib.zip to keep the download small. (make test-wasm uses the full one.)
STDLIB_DROP = {
    "test", "idlelib", "tkinter", "turtledemo", "lib2to3", "ensurepip", "venv", "_pyrepl",
    "pydoc_data", "pydoc.py", "doctest.py", "pdb.py", "unittest", "xmlrpc", "wsgiref",
    "imaplib.py", "smtplib.py", "poplib.py", "ftplib.py", "nntplib.py", "mailbox.py",
    "multiprocessing", "sqlite3", "curses", "dbm", "turtle.py", "tabnanny.py",
    "pickletools.py", "cProfile.py", "profile.py", "pstats.py", "trace.py", "telnetlib.py",
    "cgi.py", "cgitb.py", "mailcap.py", "this.py", "antigravity.py", "_pydecimal.py",
    "imghdr.py", "sndhdr.py", "zipapp.py", "webbrowser.py", "aifc.py", "sunau.py",
    "_osx_support.py", "_aix_support.py", "_android_support.py", "_apple_support.py",
    "__hello__.py", "__phello__", "xml", "site-packages",
}
# Modules under these prefixes are left out of the browser's stdlib too, unless the
# engine's start-up imports them (then they ship compiled; see compile_stdlib()).
STDLIB_DROP_COLD = [
    "email/", "http/", "urllib/", "html/", "ctypes/", "tarfile.py", "_pyio.py", "_pydatetime.py",
    "argparse.py", "statistics.py", "optparse.py", "ipaddress.py", "configparser.py", "uuid.py",
    "bdb.py", "plistlib.py", "socketserver.py", "wave.py", "cmd.py", "timeit.py",
    "modulefinder.py", "tomllib/", "asyncio/", "concurrent/", "logging/", "importlib/metadata/",
    "importlib/resources/", "pydoc", "fractions.py", "_strptime.py", "calendar.py", "gettext.py",
    "mimetypes.py", "csv.py", "pprint.py", "compileall.py", "zoneinfo/", "pickle.py",
    "_ast_unparse.py", "gzip.py", "lzma.py", "bz2.py", "getpass.py", "netrc.py", "shelve.py",
    "sched.py", "filecmp.py", "fileinput.py", "pty.py", "tty.py", "ssl.py", "webbrowser.py",
]
STDLIB_KEEP_ENCODINGS = {
    "__init__.py", "aliases.py", "utf_8.py", "utf_8_sig.py", "ascii.py", "latin_1.py",
    "cp437.py", "charmap.py", "raw_unicode_escape.py", "unicode_escape.py", "utf_16.py",
    "utf_16_le.py", "utf_16_be.py", "utf_32.py", "utf_32_le.py", "utf_32_be.py", "idna.py",
    "punycode.py", "cp1252.py",
}


class BuildError(Exception):
    pass


def _hash(data: bytes, n: int = 12) -> str:
    return hashlib.sha256(data).hexdigest()[:n]


def _json_for_html(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _e(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


# ---------------------------------------------------------------------------- content

def find_simulations(sim_dir: Path) -> list[Path]:
    return sorted(p for p in sim_dir.rglob("*.yaml") if p.is_file())


def _text(value, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    get = getattr(value, "get", None)
    if get is not None:
        try:
            return value.get(lang)
        except TypeError:
            pass
    return str(value)


def _all_langs(value, langs) -> dict:
    return {lang: _text(value, lang) for lang in langs}


def load_all(paths: list[Path]):
    from engine import LoadError, load_simulation

    sims, problems = [], []
    for path in paths:
        try:
            sims.append((path, load_simulation(path)))
        except LoadError as exc:
            problems.append(str(exc))
    if problems:
        raise BuildError("simulations with errors (run `testdrive lint`):\n" + "\n".join(problems))
    ids = [sim.id for _, sim in sims]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise BuildError(f"two simulations share the id(s): {', '.join(dupes)}")
    return sims


def compile_sim(sim):
    """JSON-ready dict of a validated simulation, or None when engine.compile is missing."""
    try:
        from engine.compile import compile_simulation
    except ImportError:
        return None
    return compile_simulation(sim)


def first_views(sim) -> dict:
    from engine import Session

    views = {}
    for lang in sim.languages:
        views[lang] = Session(sim, seed=0, lang=lang).view()
    return views


def catalogue_entry(path: Path, sim) -> dict:
    langs = list(sim.languages)
    art = getattr(sim, "art", None) or {}
    if isinstance(art, (tuple, list)):  # the model keeps ((name, path), ...)
        art = dict(art)
    elif not isinstance(art, dict):
        art = {k: getattr(art, k, None) for k in ("icon", "cover")}
    return {
        "id": sim.id,
        "title": _all_langs(sim.title, langs),
        "summary": _all_langs(getattr(sim, "summary", ""), langs),
        "field": sim.field,
        "minutes": getattr(sim, "minutes", None),
        "grades": getattr(sim, "grades", None),
        "languages": langs,
        "icon": art.get("icon") or None,     # paths under content/
        "cover": art.get("cover") or None,
        "source": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name,
        "kiosk": bool(getattr(sim, "kiosk_start", None)),   # has a kiosk cut
        "example": "examples" in path.parts,                # authoring example: not in the kiosk rotation
    }


def art_paths(obj, found: set) -> None:
    """Every string in a view/compiled simulation that names an art file under content/."""
    if isinstance(obj, str):
        if obj.lower().endswith(ART_SUFFIXES) and "/" in obj and not obj.startswith(("/", "http")):
            found.add(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            art_paths(v, found)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            art_paths(v, found)


def sim_art(sim, compiled) -> set:
    """Art referenced anywhere in a simulation (every scene, portrait, hotspot)."""
    found: set = set()
    if compiled is not None:
        art_paths(compiled, found)
    else:
        art_paths(json.loads(sim.data) if getattr(sim, "data", None) else {}, found)
    return found


def ui_tables() -> dict:
    from engine.catalogue import load_ui

    tables: dict = {"en": {}, "es": {}}
    for key, value in load_ui().items():
        for lang in tables:
            tables[lang][key] = _text(value, lang) if not isinstance(value, str) else value
    return tables


# ---------------------------------------------------------------------------- runtime

def slim_stdlib(src: Path) -> bytes:
    """Pyodide's python_stdlib.zip without the parts the player never imports, stored
    uncompressed (the server's gzip compresses the whole archive better than per file)."""
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            parts = info.filename.split("/")
            if parts[0] in STDLIB_DROP:
                continue
            if parts[0] == "encodings" and len(parts) == 2 and parts[1] and parts[1] not in STDLIB_KEEP_ENCODINGS:
                continue
            if "__pycache__" in parts:
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = info.external_attr
            zout.writestr(zi, zin.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


def compile_stdlib(slim: bytes, pyodide_dir: Path, bundle: bytes, sim_id: str, log=print) -> bytes:
    """The slim stdlib with every module that start-up imports (Pyodide's boot, the engine,
    opening a session) byte-compiled by Pyodide's own Python under Node, and modules under
    STDLIB_DROP_COLD that nothing imported left out. Python then compiles nothing at
    start-up, which is most of a bare Pyodide boot. Cached in node_modules/.cache by the
    hash of its inputs; falls back to `slim` if Node cannot run it."""
    node = shutil.which("node")
    script = ROOT / "scripts" / "wasm" / "compile_stdlib.mjs"
    engine_bytes = b"".join(p.read_bytes() for _, p in engine_files())
    key = _hash(slim + engine_bytes + json.dumps(STDLIB_DROP_COLD).encode() + script.read_bytes(), 16)
    cache = ROOT / "node_modules" / ".cache" / "testdrive-web" / f"stdlib-{key}.zip"
    if cache.is_file():
        return cache.read_bytes()
    if not node:
        log("testdrive build web: warning: node not found; the standard library ships uncompiled")
        return slim
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "in.zip").write_bytes(slim)
        (t / "bundle.zip").write_bytes(bundle)
        (t / "drop.json").write_text(json.dumps(STDLIB_DROP_COLD))
        try:
            proc = subprocess.run([node, str(script), str(pyodide_dir), str(t / "in.zip"), str(t / "out.zip"),
                                   str(t / "bundle.zip"), sim_id, str(t / "drop.json")],
                                  capture_output=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log(f"testdrive build web: warning: compiling the standard library failed ({exc})")
            return slim
        if proc.returncode != 0 or not (t / "out.zip").is_file():
            log("testdrive build web: warning: compiling the standard library failed:\n"
                + proc.stderr.decode(errors="replace")[-1500:])
            return slim
        out = (t / "out.zip").read_bytes()
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob("stdlib-*.zip"):
        old.unlink()
    cache.write_bytes(out)
    return out


def engine_files() -> list[tuple[str, Path]]:
    """The engine core that runs in the browser: engine/*.py and engine/kinds/ (no front
    ends, no tools) plus engine/web/glue.py."""
    files = []
    for p in sorted((ROOT / "engine").glob("*.py")):
        if p.name in ("cli.py",):
            continue
        src = p.read_text(encoding="utf-8")
        if re.search(r"^\s*(import|from)\s+pygame", src, re.M):
            continue
        files.append((f"engine/{p.name}", p))
    files += [(f"engine/kinds/{p.name}", p) for p in sorted((ROOT / "engine/kinds").glob("*.py"))]
    files.append(("engine/web/__init__.py", ROOT / "engine/web/__init__.py"))
    files.append(("engine/web/glue.py", ROOT / "engine/web/glue.py"))
    files.append(("engine/web/teacher_glue.py", ROOT / "engine/web/teacher_glue.py"))
    return files


DEFAULT_KIOSK_PIN = "2468"
# segno's QR encoder (pure Python, BSD licence) for the kiosk's take-home QR code. Only
# encoder.py and consts.py ship: segno's own __init__ imports its writers, which need
# standard-library modules the slim stdlib leaves out (xml, gzip, urllib).
SEGNO_INIT = (b'"""segno\'s QR encoder only (encoder.py, consts.py from segno; licence in LICENSE),\n'
              b'for the web kiosk\'s QR code (engine/web/glue.py qr_svg)."""\n')


def segno_files() -> list[tuple[str, object]]:
    import segno

    pkg = Path(segno.__file__).parent
    files: list[tuple[str, object]] = [("segno/__init__.py", SEGNO_INIT)]
    files += [(f"segno/{name}", pkg / name) for name in ("encoder.py", "consts.py")]
    dist = next(iter(sorted(pkg.parent.glob("segno-*.dist-info"))), None)
    lic = [p for p in (dist.rglob("LICENSE*") if dist else []) if p.is_file()]
    if lic:
        files.append(("segno/LICENSE", lic[0]))
    return files


def yaml_files() -> list[tuple[str, Path]]:
    import yaml

    pkg = Path(yaml.__file__).parent
    return [(f"yaml/{p.name}", p) for p in sorted(pkg.glob("*.py"))]


def compile_pyc(sources: dict[str, bytes], pyodide_dir: Path) -> dict[str, bytes] | None:
    """Byte-compile with Pyodide's own Python under Node (its .pyc format and magic number
    differ from the host's). Returns {name.pyc: bytes}, or None if Node is unavailable."""
    node = shutil.which("node")
    script = ROOT / "scripts" / "wasm" / "compile_pyc.mjs"
    if not node or not script.is_file():
        return None
    payload = json.dumps({k: v.decode("utf-8") for k, v in sources.items()})
    try:
        proc = subprocess.run([node, str(script), str(pyodide_dir)], input=payload.encode(),
                              capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace")[-2000:])
        return None
    import base64

    return {k: base64.b64decode(v) for k, v in json.loads(proc.stdout).items()}


def make_bundle(sims, compiled: dict, pyodide_src: Path, pyc: bool) -> bytes:
    entries: dict[str, bytes] = {}
    for name, path in engine_files():
        entries[name] = path.read_bytes()
    # PyYAML is imported by the engine package; ship its pure-Python files.
    for name, path in yaml_files():
        entries[name] = path.read_bytes()
    for name, src in segno_files():
        entries[name] = src if isinstance(src, bytes) else src.read_bytes()
    # The catalogue as JSON (engine.catalogue reads .json without PyYAML).
    import yaml

    for name in ("careers", "skills"):
        doc = yaml.safe_load((CONTENT / f"{name}.yaml").read_text(encoding="utf-8"))
        entries[f"content/{name}.json"] = json.dumps(doc, ensure_ascii=False, default=str).encode()
    # Every released version (engine/releases.py), so that result codes verify in the
    # browser (the teacher page): simulations/releases/ beside engine/, as in the repository.
    for rel in sorted((ROOT / "simulations" / "releases").glob("*/*.json")):
        entries[f"simulations/releases/{rel.parent.name}/{rel.name}"] = rel.read_bytes()
    for path, sim in sims:
        data = compiled.get(sim.id)
        if data is not None:
            entries[f"sims/{sim.id}.json"] = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        else:
            entries[f"sims/{sim.id}.yaml"] = path.read_bytes()
    if pyc:
        py = {k: v for k, v in entries.items() if k.endswith(".py")}
        compiled_pyc = compile_pyc(py, pyodide_src)
        if compiled_pyc:
            for name in py:
                entries.pop(name)
            entries.update(compiled_pyc)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name in sorted(entries):
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = 0o644 << 16
            z.writestr(zi, entries[name])
    return out.getvalue()


# ---------------------------------------------------------------------------- pages

def fill(template: str, values: dict) -> str:
    def sub(m):
        key = m.group(1)
        if key not in values:
            raise BuildError(f"template placeholder %%{key}%% has no value")
        return values[key]

    return re.sub(r"%%([A-Za-z_]+)%%", sub, template)


def _partial(name: str) -> str:
    """A piece of HTML several pages share, without its leading comment."""
    return re.sub(r"\A<!--.*?-->\n", "", (WEB / name).read_text(encoding="utf-8"), flags=re.S)


def ui_placeholders(template: str, ui_en: dict) -> dict:
    return {k: _e(ui_en[k]) for k in re.findall(r"%%([a-z_]+)%%", template) if k in ui_en}


def _has_art(path) -> bool:
    return bool(path) and (CONTENT / path).is_file()


def render_first(view: dict, ui_en: dict, base: str) -> dict:
    """The first scene as static HTML (the same markup player.js renders)."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", view.get("text") or "") if p.strip()]
    narration = "".join(f"<p>{_e(p)}</p>" for p in paras)
    act = view.get("activity")
    if view.get("phase") == "activity" and act and act.get("prompt"):
        narration += f'<p class="prompt">{_e(act["prompt"])}</p>'
    choices = ""
    if view.get("phase") == "scene" and view.get("choices"):
        items = []
        for c in view["choices"]:
            items.append(f'<li><button type="button" class="choice" data-choice="{_e(c["id"])}" disabled>'
                         f'{_e(c["text"])}</button></li>')
        choices = f'<ul class="choices" aria-label="{_e(ui_en.get("choices", ""))}">{"".join(items)}</ul>'
    if view.get("continue"):
        choices += f'<button type="button" class="button primary continue" disabled>{_e(ui_en["continue"])}</button>'
    sp = view.get("speaker")
    hud = []
    if view.get("clock"):
        ck = view["clock"]
        left = (f'<span class="left"> · {_e(ui_en["minutes_left"].replace("{n}", str(ck["left"])))}</span>'
                if ck.get("left") is not None else "")
        hud.append(f'<div class="clock"><span class="label">{_e(ui_en["clock"])}</span> '
                   f'<strong>{_e(ck["time"])}</strong>{left}</div>')
    for m in view.get("meters") or []:
        if m.get("show") == "meter":
            hud.append(f'<div class="meter"><label for="meter-{_e(m["id"])}">{_e(m["label"])}</label>'
                       f'<meter id="meter-{_e(m["id"])}" min="{m["min"]}" max="{m["max"]}" value="{m["value"]}"></meter>'
                       f'<span class="value">{_e(m["value"])}</span></div>')
        else:
            hud.append(f'<div class="counter"><span class="label">{_e(m["label"])}</span> '
                       f'<strong>{_e(m["value"])}</strong></div>')
    return {
        "NARRATION": narration,
        "CHOICES": choices,
        "SPEAKER_HIDDEN": "" if sp else " hidden",
        "SPEAKER_NAME": _e(sp["name"]) if sp else "",
        "SPEAKER_ROLE": _e(sp.get("role") or "") if sp else "",
        "PORTRAIT_ATTR": f' src="{_e(base + "content/" + sp["portrait"])}"' if sp and _has_art(sp.get("portrait")) else " hidden",
        "BG_ATTR": f' src="{_e(base + "content/" + view["background"])}"' if _has_art(view.get("background")) else " hidden",
        "HUD": "".join(hud),
        "HUD_HIDDEN": "" if hud else " hidden",
    }


def render_cards(catalog: list, ui_en: dict) -> str:
    out = []
    for s in catalog:
        cover = (f'<img class="cover" src="content/{_e(s["cover"])}" alt="" width="320" height="180">'
                 if _has_art(s.get("cover")) else "")
        minutes = ui_en["minutes_n"].replace("{n}", str(s["minutes"]))
        field = ui_en.get(f"field_{s['field']}", s["field"])
        out.append(
            f'<li class="card" data-field="{_e(s["field"])}">{cover}'
            f'<h2 id="title-{_e(s["id"])}">{_e(s["title"].get("en"))}</h2>'
            f'<p class="meta"><span class="field">{_e(field)}</span> · <span>{_e(minutes)}</span></p>'
            f'<p class="summary">{_e(s["summary"].get("en"))}</p>'
            f'<a class="button primary" href="sims/{_e(s["id"])}.html" aria-describedby="title-{_e(s["id"])}">'
            f'{_e(ui_en["play"])}</a></li>')
    return "\n".join(out)


# ---------------------------------------------------------------------------- build

def gzip_tree(root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < 512:
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data) * 0.95:
            path.with_name(path.name + ".gz").write_bytes(packed)


def build(out: Path, sim_dir: Path, pyc: bool = True, log=print, kiosk_pin: str | None = None) -> dict:
    nm = ROOT / "node_modules"
    pyo = nm / "pyodide"
    if not (pyo / "pyodide.mjs").is_file():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` (or scripts/setup-test.d/web.sh)")
    font_dir = nm / "@fontsource" / "atkinson-hyperlegible" / "files"
    pin = kiosk_pin or os.environ.get("TESTDRIVE_KIOSK_PIN") or DEFAULT_KIOSK_PIN
    if not (pin.isascii() and pin.isdigit() and 3 <= len(pin) <= 12):
        raise BuildError("the kiosk PIN must be 3 to 12 digits")
    if out.exists() and not (out / ".testdrive-build").exists() and any(out.iterdir()):
        raise BuildError(f"{out} exists and is not a previous web build; not overwriting it")
    paths = find_simulations(sim_dir)
    if not paths:
        raise BuildError(f"no simulations found under {sim_dir}")
    sims = load_all(paths)
    ui = ui_tables()
    ui_en = ui["en"]

    stage = out.with_name(out.name + ".tmp")
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    files: dict[str, bytes] = {}  # every file of the site, by URL path

    # -- engine + simulations bundle
    compiled = {}
    for path, sim in sims:
        data = compile_sim(sim)
        if data is not None:
            compiled[sim.id] = data
    bundle = make_bundle(sims, compiled, pyo, pyc)
    bundle_url = f"bundle-{_hash(bundle)}.zip"
    files[bundle_url] = bundle

    # -- Pyodide runtime, in a folder named by the content hash of what is in it
    runtime = {name: (pyo / name).read_bytes() for name in PYODIDE_FILES}
    # The player loads no Pyodide packages: keep the lock file's header, list none.
    lock = json.loads(runtime["pyodide-lock.json"])
    runtime["pyodide-lock.json"] = json.dumps({**lock, "packages": {}}, separators=(",", ":")).encode()
    stdlib = slim_stdlib(pyo / "python_stdlib.zip")
    if pyc:
        ids = [sim.id for _, sim in sims]
        stdlib = compile_stdlib(stdlib, pyo, bundle, "every-feature" if "every-feature" in ids else ids[0], log)
    runtime["python_stdlib.zip"] = stdlib
    version = json.loads((pyo / "package.json").read_text())["version"]
    rhash = _hash(b"".join(_hash(v).encode() for _, v in sorted(runtime.items())))
    pyodide_url = f"pyodide/{version}-{rhash}/"
    for name, data in runtime.items():
        files[pyodide_url + name] = data

    # -- fonts, art, icon
    fonts_hash = _hash(b"".join((font_dir / f).read_bytes() for f in FONT_FILES))
    for f in FONT_FILES:
        files[f"fonts/{fonts_hash}/{f}"] = (font_dir / f).read_bytes()
    files[f"fonts/{fonts_hash}/OFL.txt"] = (font_dir.parent / "LICENSE").read_bytes()  # SIL OFL 1.1
    art: set = set()
    catalog, firsts = [], {}
    for path, sim in sims:
        entry = catalogue_entry(path, sim)
        catalog.append(entry)
        firsts[sim.id] = first_views(sim)
        art |= sim_art(sim, compiled.get(sim.id))
        art_paths(firsts[sim.id], art)
        for key in ("icon", "cover"):
            if entry[key]:
                art.add(entry[key])
    shipped = sorted(a for a in art if (CONTENT / a).is_file())
    for a in shipped:
        files[f"content/{a}"] = (CONTENT / a).read_bytes()
    files["icon.svg"] = (WEB / "icon.svg").read_bytes()

    # -- player assets, renamed by content hash
    css = (WEB / "style.css").read_text(encoding="utf-8").replace("../fonts/", f"../fonts/{fonts_hash}/")
    assets = {}
    for name, data in (("player.js", (WEB / "player.js").read_bytes()),
                       ("worker.js", (WEB / "worker.js").read_bytes()),
                       ("style.css", css.encode())):
        stem, ext = name.rsplit(".", 1)
        url = f"assets/{stem}.{_hash(data)}.{ext}"
        files[url] = data
        assets[name] = url

    # -- pages
    settings_tpl = (WEB / "settings.html").read_text(encoding="utf-8")
    settings_html = fill(settings_tpl, ui_placeholders(settings_tpl, ui_en))
    fields = sorted({s["field"] for s in catalog})
    catalog.sort(key=lambda s: (s["field"] == "other", s["field"], s["title"].get("en", "")))

    head_tpl = _partial("head.html").rstrip("\n")
    boot_tpl = _partial("boot.html").rstrip("\n")
    boot_html = fill(boot_tpl, ui_placeholders(boot_tpl, ui_en))

    def common(base: str, page_title: str = "") -> dict:
        shared = {"BASE": base, "CSS": base + assets["style.css"], "JS": base + assets["player.js"],
                  "APP_TITLE": _e(ui_en["app_title"]), "APP_TAGLINE": _e(ui_en["app_tagline"])}
        title = f"{page_title} — {shared['APP_TITLE']}" if page_title else shared["APP_TITLE"]
        return {**shared, "HEAD": fill(head_tpl, {**shared, "PAGE_TITLE": title}),
                "BOOT": boot_html, "SETTINGS": settings_html}

    def config(base: str, **extra) -> str:
        return _json_for_html({"base": base, "ui": ui, "sw": base + "sw.js", "art": shipped,
                               "worker": base + assets["worker.js"], "pyodide": base + pyodide_url,
                               "bundle": base + bundle_url, **extra})

    start_tpl = (WEB / "start.html").read_text(encoding="utf-8")
    files["index.html"] = fill(start_tpl, {
        **ui_placeholders(start_tpl, ui_en), **common(""),
        "CARDS": render_cards(catalog, ui_en),
        "CONFIG": config("", catalog=catalog, fields=fields),
    }).encode()
    kiosk_tpl = (WEB / "kiosk.html").read_text(encoding="utf-8")
    files["kiosk.html"] = fill(kiosk_tpl, {
        **ui_placeholders(kiosk_tpl, ui_en), **common(""),
        "CONFIG": config("", catalog=catalog, fields=fields, kiosk={"pin": pin}),
    }).encode()
    play_tpl = (WEB / "play.html").read_text(encoding="utf-8")
    for entry in catalog:
        first = firsts[entry["id"]]
        view_en = first.get("en") or next(iter(first.values()))
        files[f"sims/{entry['id']}.html"] = fill(play_tpl, {
            **ui_placeholders(play_tpl, ui_en), **common("../", _e(entry["title"].get("en"))),
            "SIM_TITLE": _e(entry["title"].get("en")),
            **render_first(view_en, ui_en, "../"),
            "CONFIG": config("../", sim=entry["id"], first=first,
                             catalog=[{k: entry[k] for k in ("id", "title", "field")}]),
        }).encode()

    # -- printable teacher guides, one per simulation and language (engine/guides.py)
    from engine.guides import guide_files
    files.update(guide_files([sim for _path, sim in sims]))

    # -- the teacher page (web/teacher.html; engine/web/teacher_page.py)
    from engine.web.teacher_page import teacher_assets, teacher_catalogue

    t_assets = teacher_assets(files, WEB, _hash)
    teacher_tpl = (WEB / "teacher.html").read_text(encoding="utf-8")
    files["teacher.html"] = fill(teacher_tpl, {
        **ui_placeholders(teacher_tpl, ui_en), **common(""),
        "HEAD": fill(head_tpl, {**common(""), "JS": t_assets["main"],
                                "PAGE_TITLE": f"{_e(ui_en['teacher_title'])} — {_e(ui_en['app_title'])}"}),
        "TEACHER_CSS": t_assets["css"],
        "CONFIG": config("", worker=t_assets["worker"],
                         teacher=teacher_catalogue(sims, {k for k in files if k.startswith("guides/")})),
    }).encode()

    # -- manifest and service worker
    files["manifest.webmanifest"] = json.dumps({
        "name": ui_en["app_title"], "short_name": ui_en["app_title"],
        "description": ui_en["app_tagline"], "lang": "en",
        "start_url": "./index.html", "scope": "./", "display": "standalone",
        "background_color": "#f7f5f0", "theme_color": "#17406d",
        "icons": [{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }, ensure_ascii=False, indent=1).encode()
    precache = ["./"] + sorted(files)
    version_hash = _hash("\n".join(f"{k}:{_hash(v)}" for k, v in sorted(files.items())).encode())
    sw = (WEB / "sw.js").read_text(encoding="utf-8")
    sw = sw.replace("%%VERSION%%", version_hash).replace("%%FILES%%", json.dumps(precache, indent=1))
    files["sw.js"] = sw.encode()

    for url, data in files.items():
        target = stage / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (stage / ".testdrive-build").write_text(version_hash + "\n")
    gzip_tree(stage)

    if out.exists():
        shutil.rmtree(out)
    stage.rename(out)
    summary = {
        "missing_art": sorted(set(art) - set(shipped)),
        "out": str(out), "simulations": [s["id"] for s in catalog], "files": len(files),
        "bundle": bundle_url, "pyodide": pyodide_url, "compiled_json": sorted(compiled),
        "pyc": any(n.endswith(".pyc") for n in zipfile.ZipFile(io.BytesIO(bundle)).namelist()),
        "version": version_hash,
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="testdrive build web",
                                     description="Build the browser player as a static site.")
    parser.add_argument("--out", default="dist/web", help="output folder (default: dist/web)")
    parser.add_argument("--simulations", default=str(ROOT / "simulations"),
                        help="folder searched for *.yaml simulations (default: simulations/)")
    parser.add_argument("--kiosk-pin", default=None,
                        help="the kiosk's operator PIN (default: $TESTDRIVE_KIOSK_PIN or 2468)")
    parser.add_argument("--no-pyc", action="store_true",
                        help="ship .py sources instead of .pyc compiled by Pyodide's Python")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if not out.is_absolute():
        out = Path.cwd() / out
    sys.path.insert(0, str(ROOT)) if str(ROOT) not in sys.path else None
    try:
        summary = build(out, Path(args.simulations), pyc=not args.no_pyc, kiosk_pin=args.kiosk_pin)
    except BuildError as exc:
        print(f"testdrive build web: error: {exc}", file=sys.stderr)
        return 1
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and not p.name.endswith(".gz"))
    if summary["missing_art"]:
        print(f"testdrive build web: warning: {len(summary['missing_art'])} art file(s) named by simulations "
              f"are missing under content/ and are left out: {', '.join(summary['missing_art'][:8])}"
              f"{' …' if len(summary['missing_art']) > 8 else ''}", file=sys.stderr)
    print(f"Built {out} ({summary['files']} files, {total / 1e6:.1f} MB before compression): "
          f"{len(summary['simulations'])} simulations; engine bundle {summary['bundle']}"
          f"{' (.pyc)' if summary['pyc'] else ''}"
          f"{'' if summary['compiled_json'] else ' (YAML, engine.compile not available)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
