"""`testdrive preview SIM.yaml`: the browser player for one file, updated as you save.

The web player is built once (engine/web/build.py, as `testdrive build web` does) for
that one file. Then the file is checked ten times a second; after each save:
- with problems, the preview page shows them as `testdrive lint` prints them;
- without, the simulation is compiled again, swapped into the engine bundle the player
  downloads (served from memory, never cached), and the player reloads from the start.
The preview page shows each save's result within a second. Changing the simulation's
`id` needs a restart of the preview (the player's address is made from it).
"""
from __future__ import annotations

import argparse
import html
import io
import json
import sys
import tempfile
import threading
import time
import zipfile
from http import HTTPStatus
from pathlib import Path

from .compile import compile_simulation
from .loader import check_file
from .web.serve import CONTENT_SECURITY_POLICY, SECURITY_HEADERS, Handler

POLL_SECONDS = 0.1
PREVIEW_HEADERS = tuple(
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY + "; frame-ancestors 'self'")
    if name == "Content-Security-Policy" else ("X-Frame-Options", "SAMEORIGIN") if name == "X-Frame-Options"
    else (name, value) for name, value in SECURITY_HEADERS)
# The page's script, a file of its own: the site's policy allows no inline script.
SCRIPT = """const simId = document.currentScript.dataset.sim;
let version = -1;
async function poll() {
  try {
    const r = await fetch("__preview/status", { cache: "no-store" });
    const s = await r.json();
    if (s.version !== version) {
      const first = version === -1;
      version = s.version;
      const box = document.getElementById("status");
      box.dataset.ok = String(s.ok);
      box.dataset.version = String(s.version);
      document.getElementById("summary").textContent = s.summary;
      document.getElementById("problems").textContent = s.problems;
      if (s.ok && !first) {
        // start the new version from its first scene, not from the last save
        for (const key of ["ctd.save." + simId, "ctd.view." + simId]) localStorage.removeItem(key);
        document.getElementById("player").contentWindow.location.reload();
      }
    }
  } catch (err) {
    document.getElementById("summary").textContent = "The preview stopped. Run testdrive preview again.";
  }
  setTimeout(poll, 200);
}
poll();
"""
# Served instead of the player's service worker: it removes itself and caches nothing.
NO_OFFLINE_COPY = b"""self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.registration.unregister()));
"""
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {name}</title>
<link rel="icon" href="icon.svg">
<style>
  body {{ margin: 0; font: 16px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #f7f5f0;
         display: flex; flex-direction: column; height: 100vh; }}
  header {{ padding: 0.5rem 1rem; background: #17406d; color: #fff; }}
  h1 {{ font-size: 1.1rem; margin: 0; }}
  #status {{ padding: 0.5rem 1rem; border-bottom: 2px solid #4a5a68; background: #fff; max-height: 40vh;
             overflow: auto; }}
  #status[data-ok="false"] {{ background: #fff4f2; border-color: #a4231a; }}
  #status pre {{ margin: 0.5rem 0 0; white-space: pre-wrap; font-size: 0.9rem; }}
  iframe {{ flex: 1; border: 0; width: 100%; }}
</style>
</head>
<body>
<header><h1>Preview of {name}</h1></header>
<main>
<section id="status" role="status" aria-live="polite" tabindex="0" data-ok="true" data-version="0">
  <p id="summary">Starting…</p>
  <pre id="problems"></pre>
</section>
</main>
<iframe id="player" title="The simulation" src="sims/{sim_id}.html"></iframe>
<script src="__preview/preview.js" data-sim="{sim_id}"></script>
</body>
</html>
"""


class Preview:
    """Watches one simulation file and keeps the bundle and the problems up to date."""

    def __init__(self, sim_file: Path, site: Path, bundle_name: str, sim_id: str):
        self.sim_file = sim_file
        self.site = site
        self.bundle_name = bundle_name
        self.sim_id = sim_id
        self.base_bundle = (site / bundle_name).read_bytes()
        self.bundle = self.base_bundle
        self.version = 0
        self.ok = True
        self.summary = f"No problems. Saved changes to {sim_file.name} show here."
        self.problems = ""
        self.lock = threading.Lock()
        self._stamp = self._stat()
        self._stop = threading.Event()

    def _stat(self):
        try:
            st = self.sim_file.stat()
            return (st.st_mtime_ns, st.st_size)
        except OSError:
            return None

    def status(self) -> dict:
        with self.lock:
            return {"version": self.version, "ok": self.ok, "summary": self.summary,
                    "problems": self.problems}

    def check(self) -> None:
        """Reads the file again: new problems, or a new bundle."""
        sim, diags, text = check_file(self.sim_file)
        lines = [d.format(text) for d in diags]
        errors = sum(d.severity == "error" for d in diags)
        bundle, ok = None, sim is not None
        if ok and sim.id != self.sim_id:
            ok = False
            lines.append(f"the id changed from '{self.sim_id}' to '{sim.id}': stop the preview "
                         "(Ctrl+C) and start it again")
        if ok:
            bundle = self._swap(json.dumps(compile_simulation(sim), ensure_ascii=False,
                                           separators=(",", ":")).encode())
        at = time.strftime("%H:%M:%S")
        with self.lock:
            self.version += 1
            self.ok = ok
            if bundle is not None:
                self.bundle = bundle
            warnings = len(diags) - errors
            if ok:
                self.summary = (f"Updated at {at}: no problems." if not diags else
                                f"Updated at {at}, with {warnings} warning(s).")
            else:
                self.summary = (f"Not updated ({at}): {max(errors, 1)} problem(s) to fix first. "
                                "The player shows the last version that worked.")
            self.problems = "\n".join(lines)

    def _swap(self, sim_json: bytes) -> bytes:
        """The first bundle with this simulation's compiled JSON replaced."""
        out = io.BytesIO()
        name = f"sims/{self.sim_id}.json"
        with zipfile.ZipFile(io.BytesIO(self.base_bundle)) as src, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                dst.writestr(info, sim_json if info.filename == name else src.read(info))
        return out.getvalue()

    def watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            stamp = self._stat()
            if stamp != self._stamp and stamp is not None:
                self._stamp = stamp
                try:
                    self.check()
                except Exception as exc:  # noqa: BLE001 - the watcher must outlive any one save
                    with self.lock:
                        self.version += 1
                        self.ok, self.summary, self.problems = False, f"could not use this save: {exc}", ""

    temporary: Path | None = None

    def stop(self) -> None:
        self._stop.set()
        if self.temporary is not None:
            import shutil
            shutil.rmtree(self.temporary, ignore_errors=True)


def make_handler(preview: Preview, page: bytes):
    class PreviewHandler(Handler):
        quiet = True

        def _serve(self, head: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                return self._send(page, "text/html; charset=utf-8", head)
            if path == "/__preview/preview.js":
                return self._send(SCRIPT.encode(), "text/javascript; charset=utf-8", head)
            if path == "/__preview/status":
                return self._send(json.dumps(preview.status()).encode(), "application/json", head)
            if path == "/" + preview.bundle_name:
                with preview.lock:
                    body = preview.bundle
                return self._send(body, "application/zip", head)
            if path == "/sw.js":  # no offline copy: it would keep serving the old version
                return self._send(NO_OFFLINE_COPY, "text/javascript; charset=utf-8", head)
            super()._serve(head)

        def _send(self, body: bytes, ctype: str, head: bool) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _common_headers(self, rel: str, etag: str) -> None:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-store")

        def end_headers(self):
            # the site's security headers, except that this page may frame the player
            for name, value in PREVIEW_HEADERS:
                self.send_header(name, value)
            super(Handler, self).end_headers()

    return PreviewHandler


def start(sim_file, port: int = 0, work: Path | None = None, log=print):
    """Builds the player for `sim_file` and serves it; returns (server, preview, url)."""
    from http.server import ThreadingHTTPServer

    from .web.build import build

    sim_file = Path(sim_file).resolve()
    sim, diags, text = check_file(sim_file)
    if sim is None:
        raise PreviewError("\n".join(d.format(text) for d in diags)
                           + f"\n{sim_file.name}: fix the errors above, then start the preview")
    made_here = work is None
    work = Path(work or tempfile.mkdtemp(prefix="testdrive-preview-"))
    sims = work / "simulations"
    sims.mkdir(parents=True, exist_ok=True)
    (sims / f"{sim.id}.yaml").write_bytes(sim_file.read_bytes())
    log("building the browser player (this takes a little while the first time)…")
    summary = build(work / "web", sims, pyc=False, log=lambda *a: None)
    preview = Preview(sim_file, work / "web", summary["bundle"], sim.id)
    preview.temporary = work if made_here else None  # removed when the preview stops
    page = PAGE.format(name=html.escape(sim_file.name), sim_id=html.escape(sim.id)).encode()
    handler = make_handler(preview, page)
    directory = str((work / "web").resolve())
    server = ThreadingHTTPServer(("127.0.0.1", port), lambda *a, **k: handler(*a, directory=directory, **k))
    server.daemon_threads = True
    threading.Thread(target=preview.watch, name="testdrive-preview-watch", daemon=True).start()
    return server, preview, f"http://127.0.0.1:{server.server_address[1]}/"


class PreviewError(Exception):
    """The file cannot be previewed yet; the message is lint's."""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive preview",
                                 description="the browser player for one simulation, updated on each save")
    ap.add_argument("sim", help="a simulation file")
    ap.add_argument("--port", type=int, default=8001, help="port (default: 8001; 0 picks a free one)")
    args = ap.parse_args(argv)
    from .web.build import BuildError
    if not Path(args.sim).is_file():
        print(f"{args.sim}: no such file", file=sys.stderr)
        return 2
    try:
        server, preview, url = start(args.sim, args.port)
    except PreviewError as exc:
        print(exc, file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"testdrive preview: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"testdrive preview: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Preview of {args.sim} at {url}  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
