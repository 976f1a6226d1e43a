"""The engine bundle: the engine core, its pure-Python dependencies (PyYAML, segno's QR
encoder), the catalogue and the compiled simulations as one stored zip that the worker
unpacks; and the archive of released versions the code-verifying pages load."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .common import CONTENT, ROOT


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


def stored_zip(entries: dict[str, bytes]) -> bytes:
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
    return stored_zip(entries)


def make_releases_archive() -> bytes:
    """Every released version, unpacked beside the bundle by the pages that verify result
    codes (the teacher page) — so that codes made by any version verify in the browser."""
    return stored_zip(release_files())
