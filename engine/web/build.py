"""`testdrive build web`: write the browser player as a static site (default dist/web/).

What goes in (docs/web.md has the full picture):

- the player from web/: HTML pages filled in here; the ES modules under web/src/, the
  worker and the CSS renamed with a content hash (each module's imports rewritten to
  the hashed names, so no import map and no bundler);
- Pyodide's runtime from node_modules/pyodide (the npm package, never a CDN): only the
  files a page needs, with a slimmer standard library, in a folder named by its hash;
- the engine and every simulation under simulations/ as one content-hashed zip that the
  worker unpacks with pyodide.unpackArchive; simulations are validated here and shipped
  pre-compiled to JSON;
- the first scene of each simulation rendered into its page by the player's own view
  code run under Node (web/prerender/), so the story is readable before any script runs;
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

from engine.web.serve import CONTENT_SECURITY_POLICY

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
    # Inside <script type="application/json">, "</script>" or "<!--" in any text would end
    # or break the element; "<\!--" is not valid JSON. \u003c and friends are, and read back
    # as the same characters (audit F3).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _e(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


# ---------------------------------------------------------------------------- content

def find_simulations(sim_dir: Path) -> list[Path]:
    return sorted(p for p in sim_dir.rglob("*.yaml") if p.is_file())


def _all_langs(text, langs) -> dict:
    """A model Text as {lang: text}."""
    return {lang: text.get(lang) for lang in langs}


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


def first_views(sim) -> dict:
    from engine import Session

    views = {}
    for lang in sim.languages:
        views[lang] = Session(sim, seed=0, lang=lang).view()
    return views


def catalogue_entry(path: Path, sim) -> dict:
    langs = list(sim.languages)
    art = dict(sim.art)  # ((name, path), ...)
    return {
        "id": sim.id,
        "title": _all_langs(sim.title, langs),
        "summary": _all_langs(sim.summary, langs),
        "field": sim.field,
        "minutes": sim.minutes,
        "grades": sim.grades,
        "languages": langs,
        "icon": art.get("icon"),     # paths under content/
        "cover": art.get("cover"),
        "source": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name,
        "kiosk": bool(sim.kiosk_start),   # has a kiosk cut
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


def sim_art(compiled: dict) -> set:
    """Art referenced anywhere in a compiled simulation (every scene, portrait, hotspot)."""
    found: set = set()
    art_paths(compiled, found)
    return found


def interest_names() -> dict:
    """{area: {lang: name}} of the six RIASEC areas (content/interests.yaml), for the
    teacher sheet's class count of the kinds of work."""
    from engine.catalogue import load_interests

    return {area: dict(entry["name"]) for area, entry in load_interests()["areas"].items()}


def ui_tables() -> dict:
    from engine.catalogue import load_ui

    strings = load_ui()  # {key: {"en": text, "es": text}}; the catalogue's check requires both
    return {lang: {key: text[lang] for key, text in strings.items()} for lang in ("en", "es")}


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
    """The engine core that runs in the browser: engine/**/*.py without the front ends
    (engine/desktop/, engine/web/ but its glue), the CLI or anything importing pygame."""
    files = []
    engine = ROOT / "engine"
    for p in sorted(engine.rglob("*.py")):
        rel = p.relative_to(engine)
        if rel.parts[0] in ("desktop", "web") or rel.as_posix() == "cli.py" or "__pycache__" in rel.parts:
            continue
        if re.search(r"^\s*(import|from)\s+pygame", p.read_text(encoding="utf-8"), re.M):
            continue
        files.append((f"engine/{rel.as_posix()}", p))
    for name in ("__init__.py", "glue.py", "teacher_glue.py", "profile_glue.py"):  # the browser's side of engine/web/
        files.append((f"engine/web/{name}", engine / "web" / name))
    return files


# The kiosk page keeps a salted hash of the operator PIN, checked by Pyodide in the page's
# worker: with fewer rounds than the desktop's, since WebAssembly may lack OpenSSL's PBKDF2.
KIOSK_PIN_ROUNDS = 20_000
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


def _stored_zip(entries: dict[str, bytes]) -> bytes:
    """A zip of `entries`, stored (the server gzips the whole), with fixed dates and modes so
    the same source builds the same bytes anywhere."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name in sorted(entries):
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = 0o644 << 16
            z.writestr(zi, entries[name])
    return out.getvalue()


def release_files(sim_ids=None) -> dict[str, bytes]:
    """Released versions (engine/releases.py) as simulations/releases/<sim>/<version>.json,
    beside engine/ as in the repository: of `sim_ids`, or of every simulation."""
    return {f"simulations/releases/{rel.parent.name}/{rel.name}": rel.read_bytes()
            for rel in sorted((ROOT / "simulations" / "releases").glob("*/*.json"))
            if sim_ids is None or rel.parent.name in sim_ids}


def make_bundle(sims, compiled: dict, pyodide_src: Path, pyc: bool, release_sims=()) -> bytes:
    """The engine, its pure-Python dependencies, the catalogue and the compiled simulations,
    plus the released versions of `release_sims` (the site's pages that verify codes load
    every release from a separate archive, make_releases_archive, so a student's first visit
    does not download them)."""
    entries: dict[str, bytes] = {}
    for name, path in engine_files():
        entries[name] = path.read_bytes()
    # PyYAML is imported by the engine package; ship its pure-Python files.
    for name, path in yaml_files():
        entries[name] = path.read_bytes()
    for name, src in segno_files():
        entries[name] = src if isinstance(src, bytes) else src.read_bytes()
    # The catalogue as JSON (engine.catalogue reads .json without PyYAML); the UI words too,
    # for the sentences the engine says itself (a typed number it cannot read).
    import yaml

    for name in ("careers", "skills", "ui", "interests"):  # interests: the profile page (engine/profile.py)
        doc = yaml.safe_load((CONTENT / f"{name}.yaml").read_text(encoding="utf-8"))
        entries[f"content/{name}.json"] = json.dumps(doc, ensure_ascii=False, default=str).encode()
    entries.update(release_files(set(release_sims)))
    for _, sim in sims:
        entries[f"sims/{sim.id}.json"] = json.dumps(compiled[sim.id], ensure_ascii=False,
                                                    separators=(",", ":")).encode()
    if pyc:
        py = {k: v for k, v in entries.items() if k.endswith(".py")}
        compiled_pyc = compile_pyc(py, pyodide_src)
        if compiled_pyc:
            for name in py:
                entries.pop(name)
            entries.update(compiled_pyc)
    return _stored_zip(entries)


def make_releases_archive() -> bytes:
    """Every released version, unpacked beside the bundle by the pages that verify result
    codes (the teacher page) — so that codes made by any version verify in the browser."""
    return _stored_zip(release_files())


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
    """A picture that is a file inside content/: a path like art/../../x never leaves it
    (the build would read it from outside and ship it; audit F5)."""
    if not path or "\\" in str(path):
        return False
    target = (CONTENT / path).resolve()
    return CONTENT.resolve() in target.parents and target.is_file()


def prerender_first(views: dict, ui: dict, art: list, base: str) -> dict:
    """{sim_id: play.html's placeholders} for each simulation's first view (English), made
    by the player's own view code (web/src/play/view.js) under Node: web/prerender/."""
    node = shutil.which("node")
    if not node:
        raise BuildError("node is needed to write each simulation's first scene into its page "
                         "(install Node.js 18 or later)")
    payload = _json_for_html({"base": base, "ui": ui, "art": art, "views": views}).encode()
    try:
        proc = subprocess.run([node, str(WEB / "prerender" / "main.mjs")], input=payload,
                              capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"rendering the first scenes failed: {exc}") from exc
    if proc.returncode != 0:
        raise BuildError("rendering the first scenes failed:\n" + proc.stderr.decode(errors="replace")[-2000:])
    return json.loads(proc.stdout)


# `import … from "./x.js"`, `export … from "../x.js"` and `import("./x.js")`: relative specifiers only.
MODULE_SPEC = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.\.?/[^"'\s]+?\.js)\2""")


def hashed_modules(src: Path, prefix: str) -> dict[str, tuple[str, bytes, list]]:
    """Every ES module under `src` as {path: (url, bytes, imported paths)}: the url is prefix + its path with
    a content hash before ".js", and its relative imports name their modules' hashed files.
    A module's hash covers its rewritten imports, so changing one module renames it and
    every module that imports it (a module graph without cycles, which is checked)."""
    sources = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8") for p in sorted(src.rglob("*.js"))}
    done: dict[str, tuple[str, bytes, list]] = {}

    def target(name: str, spec: str) -> str:
        path = os.path.normpath(os.path.join(os.path.dirname(name), spec)).replace(os.sep, "/")
        if path not in sources:
            raise BuildError(f"web/src/{name} imports {spec!r}, which is not a module under web/src/")
        return path

    def visit(name: str, chain: tuple) -> tuple[str, bytes, list]:
        if name in done:
            return done[name]
        if name in chain:
            raise BuildError("web/src modules import each other in a circle: " + " -> ".join(chain + (name,)))

        deps: list = []

        def rewrite(m):
            deps.append(target(name, m.group(3)))
            url = visit(deps[-1], chain + (name,))[0]
            spec = m.group(3).rsplit("/", 1)[0] + "/" + url.rsplit("/", 1)[1]
            return f"{m.group(1)}{m.group(2)}{spec}{m.group(2)}"

        data = MODULE_SPEC.sub(rewrite, sources[name]).encode()
        done[name] = (f"{prefix}{name[:-3]}.{_hash(data)}.js", data, deps)
        return done[name]

    for name in sources:
        visit(name, ())
    return done


def page_scripts(modules: dict, entry: str, base: str) -> str:
    """The page's entry module and a modulepreload of every module it imports (fetched at
    once rather than import by import), for the end of <body>: in <head>, the preloads'
    fetches and compiles held up the parsing of the story above them, so on a slow CPU
    the prerendered first narration painted later than a plain inkjs page's text
    (benchmarks/web_startup.py). A module script runs after parsing wherever it stands."""
    tags = [f'<script type="module" src="{_e(base + modules[entry][0])}"></script>']
    tags += [f'<link rel="modulepreload" href="{_e(base + modules[m][0])}">'
             for m in module_closure(modules, entry) if m != entry]
    return "\n".join(tags)


def module_closure(modules: dict, entry: str) -> list[str]:
    """`entry` and every module it imports, directly or not (sorted)."""
    seen, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += modules[name][2]
    return sorted(seen)


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


def make_pages(sims: list, catalog: list, firsts: dict, ui: dict, shipped: list, assets: dict, modules: dict,
               bundle_url: str, pyodide_url: str, pin_hash: str | None, guides: set,
               releases_url: str) -> dict[str, bytes]:
    """Every HTML page of the site, by URL — the one list of pages:

    - index.html, the start page (web/start.html);
    - kiosk.html, the career-fair kiosk (web/kiosk.html);
    - sims/<id>.html, one player page per simulation (web/play.html), its first scene
      already rendered (prerender_first);
    - teacher.html, the teacher page (web/teacher.html; engine/web/teacher_page.py);
    - profile.html, "My test-drives" (web/profile.html), computed by engine/profile.py
      in the teacher page's worker.

    Each template's <body data-page="…"> picks the page's module in web/src/main.js."""
    ui_en = ui["en"]
    settings_tpl = (WEB / "settings.html").read_text(encoding="utf-8")
    settings_html = fill(settings_tpl, ui_placeholders(settings_tpl, ui_en))
    fields = sorted({s["field"] for s in catalog})
    catalog.sort(key=lambda s: (s["field"] == "other", s["field"], s["title"].get("en", "")))

    head_tpl = _partial("head.html").rstrip("\n")
    boot_tpl = _partial("boot.html").rstrip("\n")
    boot_html = fill(boot_tpl, ui_placeholders(boot_tpl, ui_en))

    def common(base: str, page_title: str = "", entry: str = "main.js") -> dict:
        shared = {"BASE": base, "CSS": base + assets["style.css"],
                  "CSP": CONTENT_SECURITY_POLICY,
                  "APP_TITLE": _e(ui_en["app_title"]), "APP_TAGLINE": _e(ui_en["app_tagline"])}
        title = f"{page_title} — {shared['APP_TITLE']}" if page_title else shared["APP_TITLE"]
        return {**shared, "HEAD": fill(head_tpl, {**shared, "PAGE_TITLE": title}),
                "SCRIPTS": page_scripts(modules, entry, base), "BOOT": boot_html, "SETTINGS": settings_html}

    def config(base: str, **extra) -> str:
        return _json_for_html({"base": base, "ui": ui, "sw": base + "sw.js", "art": shipped,
                               "worker": base + assets["worker.js"], "pyodide": base + pyodide_url,
                               "bundle": base + bundle_url, **extra})

    pages: dict[str, bytes] = {}
    start_tpl = (WEB / "start.html").read_text(encoding="utf-8")
    pages["index.html"] = fill(start_tpl, {
        **ui_placeholders(start_tpl, ui_en), **common(""),
        "CARDS": render_cards(catalog, ui_en),
        "CONFIG": config("", catalog=catalog, fields=fields),
    }).encode()
    kiosk_tpl = (WEB / "kiosk.html").read_text(encoding="utf-8")
    pages["kiosk.html"] = fill(kiosk_tpl, {
        **ui_placeholders(kiosk_tpl, ui_en), **common(""),
        "CONFIG": config("", catalog=catalog, fields=fields, kiosk={"pin_hash": pin_hash}),
    }).encode()
    play_tpl = (WEB / "play.html").read_text(encoding="utf-8")
    first_en = {sim_id: first.get("en") or next(iter(first.values())) for sim_id, first in firsts.items()}
    rendered = prerender_first(first_en, ui, shipped, "../")
    for entry in catalog:
        pages[f"sims/{entry['id']}.html"] = fill(play_tpl, {
            **ui_placeholders(play_tpl, ui_en), **common("../", _e(entry["title"].get("en"))),
            "SIM_TITLE": _e(entry["title"].get("en")),
            **rendered[entry["id"]],
            "CONFIG": config("../", sim=entry["id"], first=firsts[entry["id"]],
                             catalog=[{k: entry[k] for k in ("id", "title", "field")}]),
        }).encode()
    from engine.web.teacher_page import teacher_catalogue

    teacher_tpl = (WEB / "teacher.html").read_text(encoding="utf-8")
    pages["teacher.html"] = fill(teacher_tpl, {
        **ui_placeholders(teacher_tpl, ui_en),
        **common("", f"{_e(ui_en['teacher_title'])}"),
        "TEACHER_CSS": assets["teacher.css"],
        "CONFIG": config("", worker=assets["teacher-worker.js"], teacher=teacher_catalogue(sims, guides),
                         releases=releases_url, interests=interest_names()),
    }).encode()
    profile_tpl = (WEB / "profile.html").read_text(encoding="utf-8")
    pages["profile.html"] = fill(profile_tpl, {
        **ui_placeholders(profile_tpl, ui_en),
        **common("", f"{_e(ui_en['profile_title'])}"),
        "PROFILE_CSS": assets["profile.css"],
        "CONFIG": config("", worker=assets["teacher-worker.js"], releases=releases_url,
                         catalog=[{k: entry[k] for k in ("id", "title", "field")} for entry in catalog]),
    }).encode()
    return pages


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
    from engine import kiosk_pin as pins

    pin = kiosk_pin or os.environ.get("TESTDRIVE_KIOSK_PIN")
    if pin and pins.pin_problem(pin):
        raise BuildError(f"kiosk PIN: {pins.PROBLEM_TEXT[pins.pin_problem(pin)]}")
    if not pin:
        log("note: no --kiosk-pin (or TESTDRIVE_KIOSK_PIN): kiosk.html's operator menu stays locked")
    if out.exists() and not (out / ".testdrive-build").exists() and any(out.iterdir()):
        raise BuildError(f"{out} exists and is not a previous web build; not overwriting it")
    paths = find_simulations(sim_dir)
    if not paths:
        raise BuildError(f"no simulations found under {sim_dir}")
    sims = load_all(paths)
    # The salt comes from the simulations the site holds, not from chance: the same source
    # and PIN build the same kiosk.html (reproducible), and other sites get other salts.
    salt = hashlib.sha256("\n".join(sorted(f"{s.id}@{s.version}" for _, s in sims)).encode()).digest()[:16]
    pin_hash = pins.hash_pin(pin, iterations=KIOSK_PIN_ROUNDS, salt=salt) if pin else None
    del pin
    ui = ui_tables()
    ui_en = ui["en"]

    stage = out.with_name(out.name + ".tmp")
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    files: dict[str, bytes] = {}  # every file of the site, by URL path

    # -- engine + simulations bundle
    from engine.compile import compile_simulation

    compiled = {sim.id: compile_simulation(sim) for _, sim in sims}
    bundle = make_bundle(sims, compiled, pyo, pyc)
    bundle_url = f"bundle-{_hash(bundle)}.zip"
    files[bundle_url] = bundle
    archive = make_releases_archive()
    releases_url = f"releases-{_hash(archive)}.zip"
    files[releases_url] = archive

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
        art |= sim_art(compiled[sim.id])
        art_paths(firsts[sim.id], art)
        for key in ("icon", "cover"):
            if entry[key]:
                art.add(entry[key])
    shipped = sorted(a for a in art if _has_art(a))
    for a in shipped:
        files[f"content/{a}"] = (CONTENT / a).read_bytes()
    files["icon.svg"] = (WEB / "icon.svg").read_bytes()

    # -- player assets, renamed by content hash
    css = (WEB / "style.css").read_text(encoding="utf-8").replace("../fonts/", f"../fonts/{fonts_hash}/")
    assets = {}
    for name, data in (("worker.js", (WEB / "worker.js").read_bytes()),
                       ("teacher-worker.js", (WEB / "teacher-worker.js").read_bytes()),
                       ("teacher.css", (WEB / "src" / "teacher" / "teacher.css").read_bytes()),
                       ("profile.css", (WEB / "src" / "profile" / "profile.css").read_bytes()),
                       ("style.css", css.encode())):
        stem, ext = name.rsplit(".", 1)
        url = f"assets/{stem}.{_hash(data)}.{ext}"
        files[url] = data
        assets[name] = url
    modules = hashed_modules(WEB / "src", "assets/js/")
    for url, data, _ in modules.values():
        files[url] = data

    # -- printable teacher guides, one per simulation and language (engine/guides.py)
    from engine.guides import guide_files

    files.update(guide_files([sim for _path, sim in sims]))
    files.update(make_pages(sims, catalog, firsts, ui, shipped, assets, modules, bundle_url, pyodide_url, pin_hash,
                            guides={k for k in files if k.startswith("guides/")}, releases_url=releases_url))

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
        "bundle": bundle_url, "pyodide": pyodide_url, "modules": len(modules),
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
                        help="the kiosk's operator PIN, 4-12 digits (or $TESTDRIVE_KIOSK_PIN); only a salted "
                             "hash goes into the page; without one the kiosk's operator menu stays locked")
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
          f"{' (.pyc)' if summary['pyc'] else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
