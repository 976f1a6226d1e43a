"""`testdrive serve`: serve the built web player (dist/web) on 127.0.0.1.

A small static server made for this site: correct MIME types (application/wasm for the
Python runtime, text/javascript for modules), the gzip files written at build time sent
to clients that accept gzip, and cache headers — files whose names carry a content hash
are cached for a year (immutable), everything else (HTML, the service worker, the
manifest) is revalidated on every load with an ETag.

Every response (errors too) carries a Content-Security-Policy, frame and referrer policies:
defence in depth for a site that no test has found an injection in. The server has a real
listen backlog and socket timeouts, so a classroom loading at once is queued rather than
dropped and idle connections do not hold threads forever.
"""
from __future__ import annotations

import argparse
import email.utils
import os
import re
import sys
import threading
import urllib.parse
import webbrowser
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIME = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ogg": "audio/ogg",
    ".mp3": "audio/mpeg",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".map": "application/json",
}
# A path with a content hash: a folder or file name part of 10+ hex digits.
HASHED = re.compile(r"(^|[/.-])[0-9a-f]{10,}([/.-]|$)")
IMMUTABLE = "public, max-age=31536000, immutable"
# The policy the whole site runs under (also written as a <meta> into every built page, where
# frame-ancestors is ignored, so the server adds it and X-Frame-Options for older browsers).
# 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly; no other eval is allowed.
# 'unsafe-inline' styles: the hotspot activity positions its spots with style attributes.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
)
LISTEN_BACKLOG = 128  # socketserver's default is 5: a class of 35 loading at once overflowed it
SOCKET_TIMEOUT = 30  # seconds a connection may sit idle before its thread is freed
REVALIDATE = "no-cache"


def cache_control(rel_path: str) -> str:
    return IMMUTABLE if HASHED.search(rel_path) else REVALIDATE


class Handler(SimpleHTTPRequestHandler):
    server_version = "testdrive"
    sys_version = ""
    quiet = False
    timeout = SOCKET_TIMEOUT  # StreamRequestHandler sets it on the connection's socket
    # On for `testdrive serve` (make_server); off for subclasses that serve pages of their
    # own, like `testdrive preview`'s page with its inline script and player iframe.
    security_headers = False

    def __init__(self, *args, directory: str, **kwargs):
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self):
        # Here rather than in _serve so that errors (404, 400, 414, 501...) carry them too.
        if self.security_headers:
            for name, value in SECURITY_HEADERS:
                self.send_header(name, value)
        super().end_headers()

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        url = urllib.parse.urlsplit(self.path)
        rel = urllib.parse.unquote(url.path).lstrip("/")
        root = Path(self.directory).resolve()
        try:
            # A NUL byte or a name longer than the file system allows raises here.
            target = (root / rel).resolve()
            if root != target and root not in target.parents:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            is_dir = target.is_dir()
        except (ValueError, OSError):
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed path")
            return
        if is_dir:
            if not url.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
            rel = (rel + "/index.html").lstrip("/")
        if not target.is_file() or target.name.endswith(".gz"):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body_path = target
        encoding = None
        gz = target.with_name(target.name + ".gz")
        if gz.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body_path, encoding = gz, "gzip"
        stat = body_path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gz" if encoding else ""}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._common_headers(rel, etag)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", MIME.get(target.suffix.lower(), "application/octet-stream"))
        self.send_header("Content-Length", str(stat.st_size))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self._common_headers(rel, etag)
        self.end_headers()
        if head:
            return
        with open(body_path, "rb") as f:
            try:
                while chunk := f.read(256 * 1024):
                    self.wfile.write(chunk)
                    self.server.bytes_sent = getattr(self.server, "bytes_sent", 0) + len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def _common_headers(self, rel: str, etag: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache_control(rel))
        self.send_header("Vary", "Accept-Encoding")
        if rel.endswith("sw.js"):
            self.send_header("Service-Worker-Allowed", "/")


class Server(ThreadingHTTPServer):
    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True


def make_server(
    directory: str | os.PathLike, port: int = 0, quiet: bool = False, timeout: float = SOCKET_TIMEOUT
) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1 (port 0 picks a free port); call serve_forever()."""
    directory = str(Path(directory).resolve())

    class _Handler(Handler):
        pass

    _Handler.quiet = quiet
    _Handler.timeout = timeout
    _Handler.security_headers = True

    def factory(*args, **kwargs):
        return _Handler(*args, directory=directory, **kwargs)

    return Server(("127.0.0.1", port), factory)


def serve_in_thread(directory, port: int = 0, quiet: bool = True, timeout: float = SOCKET_TIMEOUT):
    """Start a server in a daemon thread; returns (server, base_url). For tests."""
    server = make_server(directory, port, quiet=quiet, timeout=timeout)
    thread = threading.Thread(target=server.serve_forever, name="testdrive-serve", daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="testdrive serve", description="Serve the built web player on 127.0.0.1.")
    parser.add_argument("--dir", default="dist/web", help="the built site (default: dist/web)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--open", action="store_true", help="open the player in a web browser")
    args = parser.parse_args(argv)
    root = Path(args.dir)
    if not (root / "index.html").is_file():
        print(f"testdrive serve: {root}/index.html not found; run `testdrive build web` first", file=sys.stderr)
        return 2
    try:
        server = make_server(root, args.port)
    except OSError as exc:
        print(f"testdrive serve: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"Serving {root} at {url}  (Ctrl+C to stop)", flush=True)
    if args.open:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
