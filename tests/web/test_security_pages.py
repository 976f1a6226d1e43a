"""Built pages against hostile simulation text (audit F3) and their Content-Security-Policy
<meta> (F9): a simulation whose title, summary and story hold "<!--", "</script>" and
"<script>" is built into its own site; every page's embedded configuration still parses
and reads back the exact text, the markup cannot be ended early, and every page carries
the same policy `testdrive serve` sends (which a plain static host then also enforces)."""
from __future__ import annotations

import atexit
import functools
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from webtools import ROOT, Guard, browser, require_browser, require_node

PAYLOAD = "<!-- x </script><script>window.__pwned=1</script> <!-- & &amp; -->"
CONFIG = re.compile(r'<script type="application/json" id="ctd-config">(.*?)</script>', re.S)


@functools.cache
def hostile_site() -> Path:
    from engine.web.build import build

    work = Path(tempfile.mkdtemp(prefix="ctd-hostile-"))
    atexit.register(shutil.rmtree, work, True)
    sims = work / "sims"
    sims.mkdir()
    import yaml

    doc = yaml.safe_load((ROOT / "simulations" / "examples" / "every-feature.yaml").read_text(encoding="utf-8"))
    doc["id"] = "hostile-text"
    for key in ("title", "summary"):   # the start page, the kiosk and the page's <title> show both
        value = doc[key]
        doc[key] = ({lang: f"{PAYLOAD} {key}" for lang in value} if isinstance(value, dict)
                    else f"{PAYLOAD} {key}")
    # a picture path that climbs out of content/ (audit F5): the build must not ship it
    doc["art"]["cover"] = "art/../../web/icon.svg"
    (sims / "hostile-text.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
    out = work / "web"
    build(out, sims, pyc=False, log=lambda *a, **k: None)
    return out


@pytest.fixture(scope="module")
def site():
    require_node()
    return hostile_site()


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "guides" not in p.parts)


def test_the_payload_is_really_in_the_simulation(site):
    from engine import load_simulation

    sim = load_simulation(next((site.parent / "sims").glob("*.yaml")))
    assert PAYLOAD in sim.title.get("en") and PAYLOAD in sim.summary.get("en")


def test_every_page_config_parses_and_reads_back_the_exact_text(site):
    found = 0
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        m = CONFIG.search(html)
        if not m:
            continue
        data = json.loads(m.group(1))          # the element was not ended early
        assert PAYLOAD + " title" in json.dumps(data, ensure_ascii=False), page.name
        found += 1
        raw = m.group(1)
        assert "<" not in raw and ">" not in raw, page.name
    assert found >= 3   # index, kiosk, the simulation's page (and the teacher page)


def test_no_page_holds_the_payload_as_markup(site):
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html, page.name
        assert "x </script>" not in html, page.name


def test_a_picture_path_out_of_content_is_not_read_or_written(site):
    assert not (site / "web").exists()                      # content/art/../../web/icon.svg
    # not precached by the service worker (which then never installed), not shipped, and no
    # page points an image at it (the catalogue still names it; the player shows only shipped art)
    assert "art/../" not in (site / "sw.js").read_text(encoding="utf-8")
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'src="[^"]*art/\.\./', html), page.name
        config = json.loads(CONFIG.search(html).group(1)) if CONFIG.search(html) else {}
        assert not any(".." in a for a in config.get("art", [])), page.name


def test_every_page_carries_the_policy(site):
    from engine.web.serve import CONTENT_SECURITY_POLICY

    meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    assert "frame-ancestors" not in CONTENT_SECURITY_POLICY   # ignored (and warned about) in a <meta>
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert meta in html, page.name
        # before any script, in <head> (the scripts stand at the end of <body>)
        assert html.index(meta) < html.index("</head>") < html.index("<script"), \
            f"{page.name}: the policy must come first"


def test_the_pages_work_in_chromium_from_a_plain_static_server(site):
    """No `testdrive serve` headers here: only the <meta> policy, as on any static host."""
    require_browser()
    import functools as ft
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = ft.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.func.log_message = lambda *a: None
    handler.func.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                                   ".mjs": "text/javascript", ".js": "text/javascript"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser().new_context(bypass_csp=False)
    guard = Guard(context)
    try:
        page = context.new_page()
        page.goto(base + "index.html")
        page.wait_for_selector("#sim-list li.card")
        card = page.inner_text("#sim-list")
        assert PAYLOAD + " title" in card and PAYLOAD + " summary" in card
        # the start page's script read its configuration (the filter lists the fields)
        assert page.evaluate("() => JSON.parse(document.getElementById('ctd-config').textContent)"
                             ".catalog[0].title.en").startswith(PAYLOAD)
        assert page.evaluate("() => window.__pwned === undefined")
        page.goto(base + "sims/hostile-text.html")
        assert PAYLOAD in page.title()
        assert page.evaluate("() => window.__pwned === undefined")
        guard.check()
    finally:
        context.close()
        server.shutdown()
        server.server_close()
