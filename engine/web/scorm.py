"""`testdrive build scorm`: one SCORM package (a zip an LMS imports) per simulation.

Each package is the browser player for that one simulation, built from the same pieces as
`testdrive build web` (engine/web/build.py): Pyodide, the fonts, the ES modules, the
engine bundle with only this simulation, and only this simulation's art. Its launch page
(index.html, the player's page with <body data-page="lms">) runs web/src/lms/, which
talks to the LMS's SCORM API and plays standalone when there is none (docs/lms.md).

Left out because LMSs refuse or break on them: the service worker and web app manifest,
`.py` files (the engine ships as .pyc compiled by Pyodide's Python), `.gz` twins, and
files named `.zip` inside the zip (the engine bundle and Python's standard library are
uncompressed archives the worker unpacks; they ship as `.bin`).

The zip is reproducible: sorted names, fixed timestamps and permissions, one
compression level, so the same inputs give the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as _xml

from engine.web.sitebuild.assets import FONT_FILES, hashed_modules, module_closure, page_scripts
from engine.web.sitebuild.bundle import make_bundle
from engine.web.sitebuild.common import CONTENT, ROOT, WEB, BuildError, escape, json_for_html
from engine.web.sitebuild.content import (
    art_paths, catalogue_entry, find_simulations, first_views, has_art, load_all, sim_art, ui_tables,
)
from engine.web.sitebuild.pages import fill, partial, prerender_first, ui_placeholders
from engine.web.sitebuild.runtime import PYODIDE_FILES, compile_stdlib, slim_stdlib
from engine.web.serve import CONTENT_SECURITY_POLICY

VERSIONS = ("1.2", "2004")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Strings only the LMS launch page shows (kept here, beside the page that uses them).
LMS_UI = {
    "en": {
        "lms_not_recording": ("No course system found, so your progress and result are not being recorded. "
                              "Use Save code to keep your place."),
        "lms_save_failed": "Your course did not accept the last save. Keep playing; use Save code to be safe.",
    },
    "es": {
        "lms_not_recording": ("No se encontró el sistema del curso, así que tu avance y tu resultado no se "
                              "están guardando. Usa Código para guardar para no perder tu lugar."),
        "lms_save_failed": "Tu curso no aceptó el último guardado. Sigue jugando; usa Código para guardar por si acaso.",
    },
}


def package_name(sim_id: str, version: str) -> str:
    return f"{sim_id}-scorm{version.replace('.', '')}.zip"


# ---------------------------------------------------------------------------- manifest

def _text(text, lang: str = "en") -> str:
    return str((text.get(lang) if hasattr(text, "get") else text) or "")


def manifest(sim, files: list[str], version: str, launch: str = "index.html") -> str:
    """imsmanifest.xml: one organization, one item, one SCO whose resource lists every file.
    Title and description (LOM metadata) come from the simulation, in English. No
    adlcp:masteryscore: with one, an LMS may turn "completed" into "failed" (docs/lms.md)."""
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", f"ctd-{sim.id}-{sim.version}")
    title = _xml(_text(sim.title))
    desc = _xml(_text(sim.summary))
    listed = "".join(f'      <file href="{_xml(f, {chr(34): "&quot;"})}"/>\n' for f in files)
    if version == "1.2":
        ns = ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
              '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
              '  xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"\n'
              '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
              '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
              'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd '
              'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"')
        schema = "1.2"
        lom = (f'    <imsmd:lom><imsmd:general>\n'
               f'      <imsmd:title><imsmd:langstring xml:lang="en">{title}</imsmd:langstring></imsmd:title>\n'
               f'      <imsmd:description><imsmd:langstring xml:lang="en">{desc}</imsmd:langstring>'
               f'</imsmd:description>\n    </imsmd:general></imsmd:lom>\n')
        scotype = 'adlcp:scormtype="sco"'
    else:
        ns = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"\n'
              '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"\n'
              '  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"\n'
              '  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"\n'
              '  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"\n'
              '  xmlns:lom="http://ltsc.ieee.org/xsd/LOM"\n'
              '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
              '  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
              'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd '
              'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd '
              'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd '
              'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd '
              'http://ltsc.ieee.org/xsd/LOM lom.xsd"')
        schema = "2004 4th Edition"
        lom = (f'    <lom:lom><lom:general>\n'
               f'      <lom:title><lom:string language="en">{title}</lom:string></lom:title>\n'
               f'      <lom:description><lom:string language="en">{desc}</lom:string></lom:description>\n'
               f'    </lom:general></lom:lom>\n')
        scotype = 'adlcp:scormType="sco"'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<manifest identifier="{ident}" version="1"\n  {ns}>\n'
            f'  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schema}</schemaversion>\n{lom}'
            f'  </metadata>\n'
            f'  <organizations default="org-1">\n    <organization identifier="org-1">\n'
            f'      <title>{title}</title>\n'
            f'      <item identifier="item-1" identifierref="sco-1">\n        <title>{title}</title>\n'
            f'      </item>\n    </organization>\n  </organizations>\n'
            f'  <resources>\n    <resource identifier="sco-1" type="webcontent" {scotype} href="{launch}">\n'
            f'{listed}    </resource>\n  </resources>\n</manifest>\n')


# ---------------------------------------------------------------------------- package

def write_zip(files: dict[str, bytes]) -> bytes:
    """A reproducible zip: names sorted, fixed date and permissions, deflate level 9."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in sorted(files):
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3  # Unix, whatever machine builds it
            z.writestr(zi, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def _launch_template() -> str:
    """play.html as the LMS launch page: its own module (data-page="lms"), no link to a start
    page the package does not have, no web app manifest."""
    tpl = (WEB / "play.html").read_text(encoding="utf-8")
    tpl = tpl.replace('<body data-page="play">', '<body data-page="lms">', 1)
    tpl, n = re.subn(r'<a href="%%BASE%%index\.html">(.*?)</a>', r"<span>\1</span>", tpl, count=1, flags=re.S)
    if n != 1 or 'data-page="lms"' not in tpl:
        raise BuildError("web/play.html changed: the SCORM launch page cannot be made from it")
    return tpl


class Shared:
    """What every package holds the same: Pyodide, fonts, style, worker and modules."""

    def __init__(self, sims, compiled, pyc: bool, log):
        nm = ROOT / "node_modules"
        pyo = nm / "pyodide"
        if not (pyo / "pyodide.mjs").is_file():
            raise BuildError("node_modules/pyodide is missing: run `npm ci`")
        self.files: dict[str, bytes] = {}
        first_bundle = make_bundle(sims[:1], compiled, pyo, pyc)
        runtime = {name: (pyo / name).read_bytes() for name in PYODIDE_FILES}
        lock = json.loads(runtime["pyodide-lock.json"])
        runtime["pyodide-lock.json"] = json.dumps({**lock, "packages": {}}, separators=(",", ":")).encode()
        stdlib = slim_stdlib(pyo / "python_stdlib.zip")
        if pyc:
            stdlib = compile_stdlib(stdlib, pyo, first_bundle, sims[0][1].id, log)
        self.pyodide_url = "pyodide/"
        for name, data in runtime.items():
            self.files[self.pyodide_url + name] = data
        self.stdlib_url = self.pyodide_url + "python_stdlib.bin"
        self.files[self.stdlib_url] = stdlib
        font_dir = nm / "@fontsource" / "atkinson-hyperlegible" / "files"
        for f in FONT_FILES:
            self.files[f"fonts/{f}"] = (font_dir / f).read_bytes()
        self.files["fonts/OFL.txt"] = (font_dir.parent / "LICENSE").read_bytes()
        css = (WEB / "style.css").read_text(encoding="utf-8")
        self.files["assets/style.css"] = css.encode()
        self.files["assets/worker.js"] = (WEB / "worker.js").read_bytes()
        self.files["icon.svg"] = (WEB / "icon.svg").read_bytes()
        self.modules = hashed_modules(WEB / "src", "assets/js/")
        for name in module_closure(self.modules, "main.js"):
            url, data, _ = self.modules[name]
            self.files[url] = data
        self.ui = ui_tables()
        for lang, table in LMS_UI.items():
            self.ui[lang] = {**self.ui[lang], **table}


def package_files(path: Path, sim, compiled: dict, shared: Shared, version: str, pyc: bool) -> dict[str, bytes]:
    files = dict(shared.files)
    pyo = ROOT / "node_modules" / "pyodide"
    # this simulation's released versions only: the teacher page, which verifies any, is not in here
    bundle = make_bundle([(path, sim)], compiled, pyo, pyc, release_sims=[sim.id])
    bundle_url = f"engine-{hashlib.sha256(bundle).hexdigest()[:12]}.bin"
    files[bundle_url] = bundle
    entry = catalogue_entry(path, sim)
    firsts = first_views(sim)
    art = sim_art(compiled[sim.id])
    art_paths(firsts, art)
    art |= {entry[k] for k in ("icon", "cover") if entry[k]}
    shipped = sorted(a for a in art if has_art(a))
    for a in shipped:
        files[f"content/{a}"] = (CONTENT / a).read_bytes()

    ui = shared.ui
    ui_en = ui["en"]
    tpl = _launch_template()
    head_tpl = re.sub(r'<link rel="manifest"[^>]*>\n?', "", partial("head.html")).rstrip("\n")
    boot_tpl = partial("boot.html").rstrip("\n")
    settings_tpl = (WEB / "settings.html").read_text(encoding="utf-8")
    title = escape(_text(sim.title))
    common = {"BASE": "", "CSS": "assets/style.css", "CSP": CONTENT_SECURITY_POLICY,
              "APP_TITLE": escape(ui_en["app_title"]), "APP_TAGLINE": escape(ui_en["app_tagline"])}
    first_en = firsts.get("en") or next(iter(firsts.values()))
    rendered = prerender_first({sim.id: first_en}, ui, shipped, "")[sim.id]
    config = {"base": "", "ui": ui, "sw": None, "art": shipped, "worker": "assets/worker.js",
              "pyodide": shared.pyodide_url, "stdlib": shared.stdlib_url, "bundle": bundle_url,
              "sim": sim.id, "first": firsts,
              "catalog": [{k: entry[k] for k in ("id", "title", "field")}],
              "lms": {"version": version}}
    page = fill(tpl, {
        **ui_placeholders(tpl, ui_en), **common,
        "HEAD": fill(head_tpl, {**common, "PAGE_TITLE": f"{title} — {common['APP_TITLE']}"}),
        "SCRIPTS": page_scripts(shared.modules, "main.js", ""),
        "BOOT": fill(boot_tpl, ui_placeholders(boot_tpl, ui_en)),
        "SETTINGS": fill(settings_tpl, ui_placeholders(settings_tpl, ui_en)),
        "SIM_TITLE": title, **rendered,
        "CONFIG": json_for_html(config),
    })
    files["index.html"] = page.encode()
    bad = [n for n in files if n.endswith((".py", ".gz", ".zip", ".br")) or n in ("sw.js",)]
    if bad:
        raise BuildError(f"files an LMS may refuse slipped into the package: {', '.join(bad)}")
    files["imsmanifest.xml"] = manifest(sim, sorted(files), version).encode()
    return files


def default_paths(sim_dir: Path) -> list[Path]:
    """Every simulation but the authoring examples."""
    return [p for p in find_simulations(sim_dir) if "examples" not in p.relative_to(sim_dir).parts]


def resolve(names: list[str], sim_dir: Path) -> list[Path]:
    """SIM arguments: a .yaml path, or a simulation id found under sim_dir."""
    if not names:
        return default_paths(sim_dir)
    every = find_simulations(sim_dir)
    out = []
    for name in names:
        p = Path(name)
        if p.suffix in (".yaml", ".yml") and p.is_file():
            out.append(p.resolve())
            continue
        hits = [q for q in every if q.stem == name]
        if not hits:
            raise BuildError(f"no simulation {name!r} under {sim_dir} (give its id or its .yaml path)")
        out.append(hits[0])
    return out


def build_packages(out: Path, paths: list[Path], version: str = "1.2", pyc: bool = True, log=print) -> list[dict]:
    if version not in VERSIONS:
        raise BuildError(f"--version must be one of {', '.join(VERSIONS)}")
    if not paths:
        raise BuildError("no simulations to package")
    from engine.compile import compile_simulation

    sims = load_all(paths)
    compiled = {sim.id: compile_simulation(sim) for _, sim in sims}
    shared = Shared(sims, compiled, pyc, log)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for path, sim in sims:
        files = package_files(path, sim, compiled, shared, version, pyc)
        data = write_zip(files)
        target = out / package_name(sim.id, version)
        target.write_bytes(data)
        made.append({"sim": sim.id, "path": str(target), "bytes": len(data), "files": len(files)})
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive build scorm",
                                 description="Build one SCORM package (zip) per simulation, for an LMS.")
    ap.add_argument("sims", nargs="*", metavar="SIM",
                    help="simulation ids or .yaml files (default: every simulation but the examples)")
    ap.add_argument("--out", default="dist/scorm", help="output folder (default: dist/scorm)")
    ap.add_argument("--version", default="1.2", choices=VERSIONS, help="SCORM version (default: 1.2)")
    ap.add_argument("--simulations", default=str(ROOT / "simulations"),
                    help="folder searched for simulation ids (default: simulations/)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    if not out.is_absolute():
        out = Path.cwd() / out
    try:
        made = build_packages(out, resolve(args.sims, Path(args.simulations)), args.version)
    except BuildError as exc:
        print(f"testdrive build scorm: error: {exc}", file=sys.stderr)
        return 1
    for m in made:
        print(f"{m['path']}: {m['bytes'] / 1e6:.1f} MB ({m['bytes']:,} bytes, {m['files']} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
