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


def compiled_files() -> list:
    from .resources import project_root
    return sorted((project_root() / "compiled").glob("*.json"))


def make_app(query: dict, mirror=None):
    from .app import App, load_entries
    from .kiosk import KioskApp, KioskConfig
    from .theme import Settings

    lang = query.get("lang") or "en"
    # the pygbag build ships compiled simulations and the catalogue's JSON twins, which
    # engine.catalogue prefers by itself: no YAML is parsed at start-up
    compiled = compiled_files()
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
