"""`testdrive serve` under hostile or heavy use (audit F9, F10): security headers on every
response, a clean 400 for malformed paths, a real listen backlog and idle-socket timeouts.

These use a tiny folder, not a built site, so they run in well under a second each."""
from __future__ import annotations

import http.client
import socket
import threading

import pytest

from engine.web.serve import make_server, serve_in_thread


@pytest.fixture()
def served(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    (tmp_path / "sims").mkdir()
    (tmp_path / "sims" / "a.html").write_text("<!doctype html><title>a</title>")
    server, url = serve_in_thread(tmp_path, timeout=1.0)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def request(port: int, target: str, method: str = "GET", headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def assert_security_headers(headers: dict, what: str) -> None:
    csp = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp, what
    assert "frame-ancestors 'none'" in csp, what
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp, what
    assert "'unsafe-eval'" not in csp, what  # only 'wasm-unsafe-eval' for Pyodide
    assert headers.get("X-Frame-Options") == "DENY", what
    assert headers.get("Referrer-Policy") == "no-referrer", what
    assert headers.get("X-Content-Type-Options") == "nosniff", what


def test_every_kind_of_response_carries_the_security_headers(served):
    status, headers, _ = request(served, "/index.html")
    assert status == 200
    assert_security_headers(headers, "200")
    status, headers, _ = request(served, "/index.html", headers={"If-None-Match": headers["ETag"]})
    assert status == 304
    assert_security_headers(headers, "304")
    status, headers, _ = request(served, "/sims")
    assert status == 301
    assert_security_headers(headers, "301")
    status, headers, _ = request(served, "/nope.html")
    assert status == 404
    assert_security_headers(headers, "404")
    status, headers, _ = request(served, "/index.html", method="DELETE")
    assert status == 501
    assert_security_headers(headers, "501")
    status, headers, _ = request(served, "/index.html%00.txt")
    assert status == 400
    assert_security_headers(headers, "400")


@pytest.mark.parametrize("target", [
    "/index.html%00.txt",          # NUL byte: ValueError in the path functions
    "/%00",
    "/" + "a" * 300,               # one name longer than the file system allows
    "/sims/" + "b" * 5000 + "/x",  # ...deeper in the path
])
def test_malformed_paths_get_a_clean_400(served, target):
    status, _, body = request(served, target)
    assert status == 400
    assert b"Malformed path" in body


def test_the_server_stays_up_after_malformed_paths(served):
    for _ in range(3):
        request(served, "/%00")
    status, _, body = request(served, "/index.html")
    assert status == 200 and b"<title>x</title>" in body


def test_a_class_connecting_at_once_waits_in_the_queue(tmp_path):
    # The server is not accepting yet (as when all its threads are busy): with socketserver's
    # default backlog of 5, the kernel drops the 7th connection on; with a real backlog all of
    # a class's 35 browsers (x several connections each) wait their turn.
    (tmp_path / "index.html").write_text("ok")
    server = make_server(tmp_path, 0, quiet=True)
    port = server.server_address[1]
    socks = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        for i in range(64):
            s = socket.socket()
            s.settimeout(3)
            try:
                s.connect(("127.0.0.1", port))
                s.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
            except OSError as exc:
                pytest.fail(f"connection {i + 1} of 64 was refused or dropped: {exc}")
            socks.append(s)
        thread.start()
        # A dropped connection is not refused: the client waits on retransmissions for
        # minutes. So read all answers against one deadline (a hang guard, not a benchmark).
        answers = read_all(socks, deadline_s=15)
        assert sum(a.startswith(b"HTTP/1.0 200") for a in answers) == 64, [a[:20] for a in answers]
    finally:
        for s in socks:
            s.close()
        if thread.is_alive():
            server.shutdown()  # (it waits forever for a loop that never started)
        server.server_close()


def read_all(socks, deadline_s: float) -> list[bytes]:
    import selectors
    import time

    data = {s: b"" for s in socks}
    sel = selectors.DefaultSelector()
    for s in socks:
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    end = time.monotonic() + deadline_s
    open_count = len(socks)
    while open_count and (left := end - time.monotonic()) > 0:
        for key, _ in sel.select(timeout=left):
            chunk = key.fileobj.recv(65536)
            if chunk:
                data[key.fileobj] += chunk
            else:
                sel.unregister(key.fileobj)
                open_count -= 1
    sel.close()
    return [data[s] for s in socks]


def test_an_idle_connection_is_closed_instead_of_holding_a_thread(served):
    s = socket.create_connection(("127.0.0.1", served), timeout=15)
    try:
        s.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
        # The server (timeout 1 s in this fixture) gives up and closes: recv sees the end.
        assert s.recv(4096) == b""
    finally:
        s.close()
    status, _, _ = request(served, "/index.html")
    assert status == 200


def test_the_default_timeout_and_backlog_are_real():
    from engine.web import serve

    server = make_server(".", 0, quiet=True)
    try:
        assert server.request_queue_size >= 128
        assert serve.Handler.timeout == serve.SOCKET_TIMEOUT > 0
    finally:
        server.server_close()


def test_the_docs_show_school_servers_the_same_policy():
    from pathlib import Path

    from engine.web.serve import SECURITY_HEADERS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    for name, value in SECURITY_HEADERS:
        assert f'add_header {name} "{value}" always;' in doc, f"nginx example: {name}"
        assert f'Header always set {name} "{value}"' in doc, f"Apache example: {name}"
