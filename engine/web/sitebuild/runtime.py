"""Pyodide's runtime for the site: only the files a page needs, and a slimmer standard
library with what start-up imports compiled ahead."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from .bundle import engine_files
from .common import ROOT, content_hash


PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")


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
    key = content_hash(slim + engine_bytes + json.dumps(STDLIB_DROP_COLD).encode() + script.read_bytes(), 16)
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


def stage_pyodide(pyo: Path, bundle: bytes, sim_ids: list, pyc: bool, log=print) -> tuple[str, dict[str, bytes]]:
    """(the runtime's folder URL, its files by URL): a folder named by the content hash of
    what is in it."""
    runtime = {name: (pyo / name).read_bytes() for name in PYODIDE_FILES}
    # The player loads no Pyodide packages: keep the lock file's header, list none.
    lock = json.loads(runtime["pyodide-lock.json"])
    runtime["pyodide-lock.json"] = json.dumps({**lock, "packages": {}}, separators=(",", ":")).encode()
    stdlib = slim_stdlib(pyo / "python_stdlib.zip")
    if pyc:
        sim_id = "every-feature" if "every-feature" in sim_ids else sim_ids[0]
        stdlib = compile_stdlib(stdlib, pyo, bundle, sim_id, log)
    runtime["python_stdlib.zip"] = stdlib
    version = json.loads((pyo / "package.json").read_text())["version"]
    rhash = content_hash(b"".join(content_hash(v).encode() for _, v in sorted(runtime.items())))
    pyodide_url = f"pyodide/{version}-{rhash}/"
    return pyodide_url, {pyodide_url + name: data for name, data in runtime.items()}
