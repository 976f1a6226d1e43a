"""``testdrive build pygbag``: the canvas player as a browser build, through pygbag.

1. Stage a folder holding only what the browser needs: main.py (``asyncio.run``), the
   engine, the pure-Python PyYAML and segno packages, every simulation and content/.
   Tests, docs, caches and bytecode stay out.
2. Run pygbag offline on it with this project's own template and icon
   (web/pygbag/ctd.tmpl, favicon.png) and pygbag.ini, then copy the result to
   dist/pygbag/.

Where the page loads pygbag's runtime (pythons.js, CPython for WebAssembly, pygame-ce) from
is a privacy decision: every student's browser sends its IP address and user agent to that
host. So by default the page loads it from ``runtime/`` next to index.html, on the school's
own server (``--runtime DIR`` copies a downloaded copy there); another host is used only
when the person building names it with ``--cdn URL``.

pygbag reformats sources with ``black`` when it can import it, so the build refuses to
run in an environment that has black.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path



def project_root() -> Path:
    """The folder holding engine/, content/ and simulations/ (no pygame import here)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "content").is_dir() and (parent / "engine").is_dir():
            return parent
    return Path.cwd()

APP_NAME = "careertestdrive"          # pygbag names the archive after the folder
TEMPLATE = "ctd.tmpl"
ICON = "favicon.png"
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".hypothesis", "tests", "docs", ".git", "build", "dist"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".wav", ".mp3", ".aiff", ".orig", ".rej", ".tmp"}
RUNTIME_DIR = "runtime/"              # the default: pygbag's runtime on the same server
PYGBAG_VERSION = "0.9.3"
RUNTIME_README = f"""Put pygbag {PYGBAG_VERSION}'s browser runtime in this folder (pythons.js and the
files it loads: the {PYGBAG_VERSION}/ folder of pygbag's CDN). This build loads it from here,
on your own server, so no student's browser contacts another host. docs/desktop.md,
"Self-hosting the runtime", says how to get it; `testdrive build pygbag --runtime DIR`
copies a folder you already have into this place.
"""


def runtime_url(cdn: str | None) -> str:
    """The runtime's address as the page will use it (always ending in /)."""
    if not cdn:
        return RUNTIME_DIR
    parts = urllib.parse.urlsplit(cdn)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SystemExit(f"--cdn must be an http(s) URL (got {cdn!r}); without --cdn the page "
                         f"loads the runtime from {RUNTIME_DIR} on the same server")
    return cdn if cdn.endswith("/") else cdn + "/"


def privacy_note(cdn: str | None) -> str:
    if not cdn:
        return (f"The page loads pygbag's runtime from {RUNTIME_DIR} next to index.html: put pygbag "
                f"{PYGBAG_VERSION}'s runtime there (see {RUNTIME_DIR}README.txt and docs/desktop.md), "
                "or build with --runtime DIR. No student's browser contacts another host.")
    host = urllib.parse.urlsplit(cdn).netloc
    return (f"Privacy: every student's browser will load pygbag's runtime from {host}, which "
            "then sees their IP address and browser. Leave out --cdn to host it yourself.")


def web_dir(root: Path) -> Path:
    return root / "web" / "pygbag"


def _copy_tree(src: Path, dst: Path, *, only: tuple[str, ...] | None = None,
               skip_dirs: set[str] = SKIP_DIRS) -> int:
    n = 0
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part in skip_dirs or part.startswith(".") for part in rel.parts):
            continue
        if not path.is_file() or path.suffix.lower() in SKIP_SUFFIXES:
            continue
        if only is not None and path.suffix.lower() not in only:
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        n += 1
    return n


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"the {name} package is needed for the browser build: pip install it")
    return Path(list(spec.submodule_search_locations)[0])


def stage(root: Path | None = None, staging: Path | None = None) -> Path:
    """Assemble the folder pygbag packs. Returns the app folder (…/careertestdrive)."""
    root = Path(root or project_root())
    staging = Path(staging or root / "build" / "pygbag")
    app = staging / APP_NAME
    if app.exists():
        shutil.rmtree(app)
    app.mkdir(parents=True)
    web = web_dir(root)
    shutil.copy2(web / "main.py", app / "main.py")
    # the engine, without the Pyodide glue (the HTML player's, not needed here)
    _copy_tree(root / "engine", app / "engine", only=(".py",), skip_dirs=SKIP_DIRS | {"web"})
    # pure-Python dependencies: PyYAML (no C extension) and segno (QR codes)
    _copy_tree(_package_dir("yaml"), app / "yaml", only=(".py",))
    _copy_tree(_package_dir("segno"), app / "segno", only=(".py",))
    _copy_tree(root / "simulations", app / "simulations", only=(".yaml", ".json"))
    _copy_tree(root / "content", app / "content")
    compile_json(root, app)
    return app


def compile_json(root: Path, app: Path):
    """Pre-validated JSON next to the YAML, so the browser parses no YAML at start-up
    (pure-Python PyYAML takes seconds under WebAssembly): compiled/<sim id>.json and
    content/careers.json, skills.json, ui.json."""
    import json

    from engine import LoadError, load_simulation
    from engine.compile import compile_simulation
    from engine.diagnostics import Reporter
    from engine.yamlsafe import read_yaml

    out = app / "compiled"
    out.mkdir(exist_ok=True)
    for path in sorted((root / "simulations").rglob("*.yaml")):
        # the YAML is shipped too and pygbag reads it without libyaml: refuse what it would refuse
        sim = load_simulation(str(path), browser_check=True)
        data = compile_simulation(sim)
        data["path"] = path.relative_to(root).as_posix()
        (out / f"{sim.id}.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")
    for name in ("careers", "skills", "ui"):
        src = root / "content" / f"{name}.yaml"
        if src.is_file():
            # read as lint reads it, and as pygbag's reader would: a refusal is an author's
            # file:line:col, not a traceback
            text = src.read_text(encoding="utf-8")
            report = Reporter(str(src))
            doc = read_yaml(text, str(src), report, browser_check=True)
            if report.has_errors:
                raise LoadError(report.items, text)
            (app / "content" / f"{name}.json").write_text(
                json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")


def check_environment():
    if importlib.util.find_spec("black") is not None:
        raise SystemExit("black is installed in this environment; pygbag would reformat the "
                         "sources with it. Use an environment without black (pip uninstall black).")
    if importlib.util.find_spec("pygbag") is None:
        raise SystemExit("pygbag is not installed: pip install -e '.[build]'")


def run_pygbag(app: Path, root: Path, cdn: str | None = None, timeout: float = 600) -> Path:
    """pygbag --build, offline: local template and icon from web/pygbag/."""
    check_environment()
    web = web_dir(root)
    cmd = [sys.executable, "-m", "pygbag", "--build", "--no_opt",
           "--template", TEMPLATE, "--icon", ICON,
           "--title", "Career Test-Drive", "--width", "960", "--height", "540",
           # always given: pygbag's own default is its public CDN
           "--cdn", runtime_url(cdn)]
    cmd.append(str(app))
    proc = subprocess.run(cmd, cwd=web, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    out = app / "build" / "web"
    if proc.returncode != 0 or not (out / "index.html").is_file():
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"pygbag failed (exit {proc.returncode})")
    return out


def build(root: Path | None = None, out: Path | None = None, cdn: str | None = None,
          staging: Path | None = None, runtime: Path | None = None) -> Path:
    root = Path(root or project_root())
    out = Path(out or root / "dist" / "pygbag")
    runtime_url(cdn)                  # refuse a bad --cdn before the slow part
    if runtime is not None and (cdn or not (Path(runtime) / "pythons.js").is_file()):
        raise SystemExit("--runtime needs a folder holding pygbag's pythons.js, and no --cdn")
    app = stage(root, staging)
    web_out = run_pygbag(app, root, cdn)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(web_out, out)
    if not cdn:
        folder = out / RUNTIME_DIR
        if runtime is not None:
            shutil.copytree(runtime, folder, dirs_exist_ok=True)
        else:
            folder.mkdir(exist_ok=True)
            (folder / "README.txt").write_text(RUNTIME_README, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="testdrive build pygbag",
                                description="Build the canvas player for browsers with pygbag (offline).")
    p.add_argument("--out", type=Path, default=None, help="output folder (default dist/pygbag)")
    p.add_argument("--cdn", default=None,
                   help="load pygbag's runtime from this URL (another host sees every student's IP "
                        "address); default: runtime/ on the same server")
    p.add_argument("--runtime", type=Path, default=None,
                   help="a folder holding pygbag's runtime (pythons.js, ...) to copy into runtime/")
    p.add_argument("--stage-only", action="store_true",
                   help="only assemble the staging folder (build/pygbag/careertestdrive)")
    p.add_argument("--staging", type=Path, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    from engine import LoadError
    root = project_root()
    try:
        if args.stage_only:
            app = stage(root, args.staging)
            print(f"staged {sum(1 for f in app.rglob('*') if f.is_file())} files in {app}")
            return 0
        out = build(root, args.out, args.cdn, args.staging, args.runtime)
    except LoadError as exc:  # an author's file: its problems as lint shows them
        print(exc.report(), file=sys.stderr)
        print("nothing was built: fix these (`testdrive lint` lists them too) and build again",
              file=sys.stderr)
        return 1
    print(f"built {out} (serve it over http and open index.html)")
    print(privacy_note(args.cdn))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
