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

Each step is its own module under engine/web/sitebuild/; `build` runs them in order.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import zipfile
from pathlib import Path

from engine.web.sitebuild.assets import stage_fonts, stage_player
from engine.web.sitebuild.bundle import make_bundle, make_releases_archive
from engine.web.sitebuild.common import ROOT, BuildError, content_hash
from engine.web.sitebuild.compress import gzip_tree
from engine.web.sitebuild.content import find_simulations, load_all, stage_content, ui_tables
from engine.web.sitebuild.offline import manifest, service_worker
from engine.web.sitebuild.pages import make_pages
from engine.web.sitebuild.runtime import stage_pyodide

__all__ = ["BuildError", "build", "main"]

# The kiosk page keeps a salted hash of the operator PIN, checked by Pyodide in the page's
# worker: with fewer rounds than the desktop's, since WebAssembly may lack OpenSSL's PBKDF2.
KIOSK_PIN_ROUNDS = 20_000


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
    bundle_url = f"bundle-{content_hash(bundle)}.zip"
    files[bundle_url] = bundle
    archive = make_releases_archive()
    releases_url = f"releases-{content_hash(archive)}.zip"
    files[releases_url] = archive

    pyodide_url, runtime_files = stage_pyodide(pyo, bundle, [sim.id for _, sim in sims], pyc, log)
    files.update(runtime_files)
    fonts_hash, font_files = stage_fonts(font_dir)
    files.update(font_files)
    catalog, firsts, art, shipped, art_files = stage_content(sims, compiled)
    files.update(art_files)
    assets, modules, player_files = stage_player(fonts_hash)
    files.update(player_files)

    # -- printable teacher guides, one per simulation and language (engine/guides.py)
    from engine.guides import guide_files

    files.update(guide_files([sim for _path, sim in sims]))
    files.update(make_pages(sims, catalog, firsts, ui, shipped, assets, modules, bundle_url, pyodide_url, pin_hash,
                            guides={k for k in files if k.startswith("guides/")}, releases_url=releases_url))

    files["manifest.webmanifest"] = manifest(ui_en)
    sw, version_hash = service_worker(files)  # precaches every file above, so it comes last
    files["sw.js"] = sw

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
