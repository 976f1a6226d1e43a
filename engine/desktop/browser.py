"""The pygbag (browser) entry point: web/pygbag/main.py calls ``asyncio.run(main())``.

Query string options: ``?kiosk`` runs kiosk mode, ``?lang=es`` picks the language,
``?sim=<id>`` opens one simulation straight away.
"""
from __future__ import annotations

import sys
from urllib.parse import parse_qs


def page_query() -> dict:
    if sys.platform != "emscripten":
        return {}
    try:
        import platform as pf
        search = str(pf.window.location.search or "")
    except Exception:
        return {}
    return {k: v[-1] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def use_json_catalogue():
    """Read content/careers.json (etc.) instead of the YAML when the build shipped them."""
    from engine import catalogue

    original = catalogue._resolve
    if getattr(original, "json_twin", False):
        return

    def resolve(path, name):
        resolved = original(path, name)
        twin = resolved.with_suffix(".json")
        return twin if path is None and twin.is_file() else resolved

    resolve.json_twin = True
    catalogue._resolve = resolve


def compiled_files() -> list:
    from .resources import project_root
    return sorted((project_root() / "compiled").glob("*.json"))


def make_app(query: dict, mirror=None):
    from .app import App, load_entries
    from .kiosk import KioskApp, KioskConfig
    from .theme import Settings

    lang = query.get("lang") or "en"
    compiled = compiled_files()
    if compiled:                      # the pygbag build: no YAML parsing at start-up
        use_json_catalogue()
    entries = load_entries(compiled or None)
    if "kiosk" in query:
        cfg = KioskConfig(lang=lang, data_dir=None, pin=query.get("pin") or KioskConfig.pin)
        app = KioskApp(entries=entries, config=cfg, settings=Settings(lang=lang), mirror=mirror)
        app.home()
        return app
    app = App(entries=entries, settings=Settings(lang=lang), mirror=mirror)
    chosen = [e for e in entries if e.id == query.get("sim")]
    if chosen:
        app.start(chosen[0])
    else:
        app.home()
    return app


async def main():
    from .mirror import browser_mirror
    app = make_app(page_query(), browser_mirror())
    return await app.run()
