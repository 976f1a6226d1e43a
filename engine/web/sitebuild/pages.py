"""The HTML pages of the site, filled from the templates in web/ (the one list of pages is
make_pages)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

from engine.web.serve import CONTENT_SECURITY_POLICY

from .assets import page_scripts
from .common import WEB, BuildError, escape, json_for_html
from .content import has_art, interest_names


def fill(template: str, values: dict) -> str:
    def sub(m):
        key = m.group(1)
        if key not in values:
            raise BuildError(f"template placeholder %%{key}%% has no value")
        return values[key]

    return re.sub(r"%%([A-Za-z_]+)%%", sub, template)


def partial(name: str) -> str:
    """A piece of HTML several pages share, without its leading comment."""
    return re.sub(r"\A<!--.*?-->\n", "", (WEB / name).read_text(encoding="utf-8"), flags=re.S)


def ui_placeholders(template: str, ui_en: dict) -> dict:
    return {k: escape(ui_en[k]) for k in re.findall(r"%%([a-z_]+)%%", template) if k in ui_en}


def prerender_first(views: dict, ui: dict, art: list, base: str) -> dict:
    """{sim_id: play.html's placeholders} for each simulation's first view (English), made
    by the player's own view code (web/src/play/view.js) under Node: web/prerender/."""
    node = shutil.which("node")
    if not node:
        raise BuildError("node is needed to write each simulation's first scene into its page "
                         "(install Node.js 18 or later)")
    payload = json_for_html({"base": base, "ui": ui, "art": art, "views": views}).encode()
    try:
        proc = subprocess.run([node, str(WEB / "prerender" / "main.mjs")], input=payload,
                              capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"rendering the first scenes failed: {exc}") from exc
    if proc.returncode != 0:
        raise BuildError("rendering the first scenes failed:\n" + proc.stderr.decode(errors="replace")[-2000:])
    return json.loads(proc.stdout)


def render_cards(catalog: list, ui_en: dict) -> str:
    out = []
    for s in catalog:
        cover = (f'<img class="cover" src="content/{escape(s["cover"])}" alt="" width="320" height="180">'
                 if has_art(s.get("cover")) else "")
        minutes = ui_en["minutes_n"].replace("{n}", str(s["minutes"]))
        field = ui_en.get(f"field_{s['field']}", s["field"])
        out.append(
            f'<li class="card" data-field="{escape(s["field"])}">{cover}'
            f'<h2 id="title-{escape(s["id"])}">{escape(s["title"].get("en"))}</h2>'
            f'<p class="meta"><span class="field">{escape(field)}</span> · <span>{escape(minutes)}</span></p>'
            f'<p class="summary">{escape(s["summary"].get("en"))}</p>'
            f'<a class="button primary" href="sims/{escape(s["id"])}.html" aria-describedby="title-{escape(s["id"])}">'
            f'{escape(ui_en["play"])}</a></li>')
    return "\n".join(out)


def make_pages(sims: list, catalog: list, firsts: dict, ui: dict, shipped: list, assets: dict, modules: dict,
               bundle_url: str, pyodide_url: str, pin_hash: str | None, guides: set,
               releases_url: str) -> dict[str, bytes]:
    """Every HTML page of the site, by URL — the one list of pages:

    - index.html, the start page (web/start.html);
    - kiosk.html, the career-fair kiosk (web/kiosk.html);
    - sims/<id>.html, one player page per simulation (web/play.html), its first scene
      already rendered (prerender_first);
    - teacher.html, the teacher page (web/teacher.html; engine/web/teacher_page.py);
    - profile.html, "My test-drives" (web/profile.html), computed by engine/profile.py
      in the teacher page's worker.

    Each template's <body data-page="…"> picks the page's module in web/src/main.js."""
    ui_en = ui["en"]
    settings_tpl = (WEB / "settings.html").read_text(encoding="utf-8")
    settings_html = fill(settings_tpl, ui_placeholders(settings_tpl, ui_en))
    fields = sorted({s["field"] for s in catalog})
    catalog.sort(key=lambda s: (s["field"] == "other", s["field"], s["title"].get("en", "")))

    head_tpl = partial("head.html").rstrip("\n")
    boot_tpl = partial("boot.html").rstrip("\n")
    boot_html = fill(boot_tpl, ui_placeholders(boot_tpl, ui_en))

    def common(base: str, page_title: str = "", entry: str = "main.js") -> dict:
        shared = {"BASE": base, "CSS": base + assets["style.css"],
                  "CSP": CONTENT_SECURITY_POLICY,
                  "APP_TITLE": escape(ui_en["app_title"]), "APP_TAGLINE": escape(ui_en["app_tagline"])}
        title = f"{page_title} — {shared['APP_TITLE']}" if page_title else shared["APP_TITLE"]
        return {**shared, "HEAD": fill(head_tpl, {**shared, "PAGE_TITLE": title}),
                "SCRIPTS": page_scripts(modules, entry, base), "BOOT": boot_html, "SETTINGS": settings_html}

    def config(base: str, **extra) -> str:
        return json_for_html({"base": base, "ui": ui, "sw": base + "sw.js", "art": shipped,
                               "worker": base + assets["worker.js"], "pyodide": base + pyodide_url,
                               "bundle": base + bundle_url, **extra})

    pages: dict[str, bytes] = {}
    start_tpl = (WEB / "start.html").read_text(encoding="utf-8")
    pages["index.html"] = fill(start_tpl, {
        **ui_placeholders(start_tpl, ui_en), **common(""),
        "CARDS": render_cards(catalog, ui_en),
        "CONFIG": config("", catalog=catalog, fields=fields),
    }).encode()
    kiosk_tpl = (WEB / "kiosk.html").read_text(encoding="utf-8")
    pages["kiosk.html"] = fill(kiosk_tpl, {
        **ui_placeholders(kiosk_tpl, ui_en), **common(""),
        "CONFIG": config("", catalog=catalog, fields=fields, kiosk={"pin_hash": pin_hash}),
    }).encode()
    play_tpl = (WEB / "play.html").read_text(encoding="utf-8")
    first_en = {sim_id: first.get("en") or next(iter(first.values())) for sim_id, first in firsts.items()}
    rendered = prerender_first(first_en, ui, shipped, "../")
    for entry in catalog:
        pages[f"sims/{entry['id']}.html"] = fill(play_tpl, {
            **ui_placeholders(play_tpl, ui_en), **common("../", escape(entry["title"].get("en"))),
            "SIM_TITLE": escape(entry["title"].get("en")),
            **rendered[entry["id"]],
            "CONFIG": config("../", sim=entry["id"], first=firsts[entry["id"]],
                             catalog=[{k: entry[k] for k in ("id", "title", "field")}]),
        }).encode()
    from engine.web.teacher_page import teacher_catalogue

    teacher_tpl = (WEB / "teacher.html").read_text(encoding="utf-8")
    pages["teacher.html"] = fill(teacher_tpl, {
        **ui_placeholders(teacher_tpl, ui_en),
        **common("", f"{escape(ui_en['teacher_title'])}"),
        "TEACHER_CSS": assets["teacher.css"],
        "CONFIG": config("", worker=assets["teacher-worker.js"], teacher=teacher_catalogue(sims, guides),
                         releases=releases_url, interests=interest_names()),
    }).encode()
    profile_tpl = (WEB / "profile.html").read_text(encoding="utf-8")
    pages["profile.html"] = fill(profile_tpl, {
        **ui_placeholders(profile_tpl, ui_en),
        **common("", f"{escape(ui_en['profile_title'])}"),
        "PROFILE_CSS": assets["profile.css"],
        "CONFIG": config("", worker=assets["teacher-worker.js"], releases=releases_url,
                         catalog=[{k: entry[k] for k in ("id", "title", "field")} for entry in catalog]),
    }).encode()
    return pages
