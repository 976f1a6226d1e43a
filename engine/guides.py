"""Printable teacher guides, one per simulation and language, as static HTML.

Generated from the simulation file: the overview, the endings, an answer key for every
activity with its explanation and sources, the career facts; and from its authored
`teacher:` part (engine/teacher.py): warm-up, what to watch for, discussion questions tied
to real decisions and endings, vocabulary and cited standards. The web build writes them
to guides/<sim>.<lang>.html with guides/guide.css (no script: they print and read anywhere).
"""
from __future__ import annotations

import html
import json

from .kinds import kind_of
from .model import Simulation

LABELS = {
    "en": {
        "guide": "Teacher guide", "lang_name": "English", "overview": "Overview", "career": "Career",
        "field": "Field", "minutes": "Playing time", "minutes_n": "about {n} minutes",
        "kiosk": "Kiosk cut", "kiosk_n": "about {n} minutes", "kiosk_none": "none",
        "grades": "Grades", "languages": "Languages", "version": "Version", "objectives": "Learning objectives",
        "standards": "Standards it supports", "framework": "Standards", "code": "Code", "how": "How it supports it",
        "source": "Source", "vocabulary": "Vocabulary", "warm_up": "Before playing: warm-up",
        "watch_for": "While students play: what to watch for", "discussion": "After playing: discussion",
        "about": "About", "decision": "The decision", "activity": "The activity", "ending": "The ending",
        "scene": "The scene", "endings": "Endings", "stars": "Stars", "stars_n": "{n} of 3 stars",
        "answer_key": "Answer key", "right": "Right answer", "why": "Why", "sources": "Sources",
        "kiosk_only": "kiosk cut only", "career_facts": "The career", "day": "A day at work",
        "wage": "Median pay", "education": "Education", "training": "Training",
        "certifications": "Certifications", "courses": "School courses that help", "related": "Related careers",
        "no_teacher": "This simulation has no written teacher notes yet.", "print": "To print, use your browser's Print command (Ctrl+P).",
        "generated": "Made from version {v} of the simulation file.", "back": "Teacher page",
    },
    "es": {
        "guide": "Guía docente", "lang_name": "Español", "overview": "Resumen", "career": "Profesión",
        "field": "Campo", "minutes": "Tiempo de juego", "minutes_n": "unos {n} minutos",
        "kiosk": "Versión de quiosco", "kiosk_n": "unos {n} minutos", "kiosk_none": "no tiene",
        "grades": "Grados", "languages": "Idiomas", "version": "Versión", "objectives": "Objetivos de aprendizaje",
        "standards": "Estándares que apoya", "framework": "Estándares", "code": "Código",
        "how": "Cómo lo apoya", "source": "Fuente", "vocabulary": "Vocabulario",
        "warm_up": "Antes de jugar: actividad inicial", "watch_for": "Mientras juegan: qué observar",
        "discussion": "Después de jugar: preguntas para conversar", "about": "Sobre",
        "decision": "La decisión", "activity": "La actividad", "ending": "El final", "scene": "La escena",
        "endings": "Finales", "stars": "Estrellas", "stars_n": "{n} de 3 estrellas",
        "answer_key": "Respuestas", "right": "Respuesta correcta", "why": "Por qué", "sources": "Fuentes",
        "kiosk_only": "solo en la versión de quiosco", "career_facts": "La profesión", "day": "Un día de trabajo",
        "wage": "Salario medio", "education": "Estudios", "training": "Formación",
        "certifications": "Certificaciones", "courses": "Materias escolares que ayudan",
        "related": "Profesiones relacionadas", "no_teacher": "Esta simulación aún no tiene notas escritas para docentes.",
        "print": "Para imprimir, usa el comando Imprimir del navegador (Ctrl+P).",
        "generated": "Hecha a partir de la versión {v} del archivo de la simulación.", "back": "Página docente",
    },
}
FIELD_NAMES = {
    "en": {"healthcare": "Healthcare", "engineering": "Engineering", "manufacturing": "Manufacturing"},
    "es": {"healthcare": "Salud", "engineering": "Ingeniería", "manufacturing": "Manufactura"},
}

CSS = """\
/* Teacher guides: plain, readable, printable (engine/guides.py). */
:root { color-scheme: light; }
body { font-family: "Atkinson Hyperlegible", system-ui, sans-serif; font-size: 1.05rem; line-height: 1.5;
       color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 50rem; padding: 1rem 1.25rem 3rem; }
a { color: #0b4f8a; text-decoration: underline; }
a:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1.5rem; flex-wrap: wrap; }
h1 { font-size: 1.8rem; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #17406d; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-bottom: 0.3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
dl.words dt { font-weight: bold; margin-top: 0.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #767676; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
.about, .note, .meta { color: #444; }
.key { border: 1px solid #767676; padding: 0.5rem 0.8rem; margin: 0.8rem 0; break-inside: avoid; }
.key h3 { margin-top: 0.2rem; }
@media print {
  nav, .print-hint { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: #000; }
  h2 { break-after: avoid; }
  li, .key, tr { break-inside: avoid; }
}
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _t(text, lang: str) -> str:
    return text.get(lang) if text is not None else ""


def _raw_t(value, lang: str) -> str:
    """Text from the file's plain data ({en:, es:} or a string)."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or "")
    return "" if value is None else str(value)


def _targets(scene):
    for c in scene.choices:
        yield c.next
    if scene.next:
        yield scene.next
    if scene.activity is not None:
        for _o, target in scene.activity.next:
            yield target


def reachable(sim: Simulation, start: str) -> set:
    """Scene ids reached by following choices, nexts, activity outcomes and events' goto."""
    seen, todo = set(), [start]
    gotos = [ev.goto for ev in sim.events if ev.goto and sim.has_scene(ev.goto)]
    todo.extend(gotos)
    while todo:
        sid = todo.pop()
        if sid in seen or not sim.has_scene(sid):
            continue
        seen.add(sid)
        todo.extend(t for t in _targets(sim.scene(sid)) if sim.has_scene(t))
    return seen


def _about(sim: Simulation, ident: str, lang: str, L: dict) -> str:
    if sim.has_ending(ident):
        e = sim.ending(ident)
        return f"{L['ending']}: “{_e(_t(e.title, lang))}” ({_e(L['stars_n'].format(n=e.rating))})"
    scene = sim.scene(ident)
    texts = [_t(c.text, lang) for c in scene.choices]
    if len(set(texts)) > 1:  # a decision (not a "see the result" button)
        return f"{L['decision']}: " + " / ".join(_e(t if t[:1] in "\"“«¿¡" else f"“{t}”") for t in texts)
    if scene.activity is not None:
        return f"{L['activity']}: {_e(_t(scene.activity.prompt, lang))}"
    first = _t(scene.text, lang).split(". ")[0]
    return f"{L['scene']}: {_e(first)}"


def _all_sources(sim: Simulation) -> list:
    """The simulation's sources, then those its teacher part lists for the standards."""
    from .model import Source
    teacher = (json.loads(sim.data) if sim.data else {}).get("teacher") or {}
    extra = [Source(str(s.get("id")), str(s.get("title") or ""), str(s.get("url") or ""))
             for s in teacher.get("sources") or () if isinstance(s, dict)]
    return list(sim.sources) + extra


def _source_links(sim: Simulation, ids) -> str:
    table = {s.id: s for s in _all_sources(sim)}
    out = []
    for i in ids:
        s = table.get(i)
        if s is None:
            continue
        out.append(f'<a href="{_e(s.url)}">{_e(s.title)}</a>' if s.url else _e(s.title))
    return "; ".join(out)


def guide_html(sim: Simulation, lang: str, kiosk_minutes=None, career=None) -> str:
    """One guide page. `career` is the catalogue's career view (engine/catalogue.py) or None."""
    L = LABELS.get(lang, LABELS["en"])
    data = json.loads(sim.data) if sim.data else {}
    teacher = data.get("teacher") or {}
    title = _t(sim.title, lang)
    other = [x for x in sim.languages if x != lang and x in LABELS]
    out = [
        "<!doctype html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # no script at all, and nothing from other hosts: the page is text and one stylesheet
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'self\'; '
        'img-src \'self\'; base-uri \'none\'; form-action \'none\'">',
        f"<title>{_e(L['guide'])}: {_e(title)}</title>",
        '<link rel="stylesheet" href="guide.css">',
        '<link rel="icon" href="../icon.svg" type="image/svg+xml">',
        "</head>",
        "<body>",
        f'<nav aria-label="{_e(L["guide"])}"><ul>',
        f'<li><a href="../teacher.html">{_e(L["back"])}</a></li>',
    ]
    for o in other:
        out.append(f'<li><a href="{_e(sim.id)}.{_e(o)}.html" hreflang="{_e(o)}" lang="{_e(o)}">'
                   f'{_e(LABELS[o]["guide"])} ({_e(LABELS[o]["lang_name"])})</a></li>')
    out += ["</ul></nav>", "<main>",
            f"<h1>{_e(L['guide'])}: {_e(title)}</h1>",
            f"<p>{_e(_t(sim.summary, lang))}</p>",
            f'<p class="print-hint note">{_e(L["print"])}</p>']

    # overview
    career_title = (career or {}).get("title") or sim.career
    facts = [
        (L["career"], career_title),
        (L["field"], FIELD_NAMES.get(lang, FIELD_NAMES["en"]).get(sim.field, sim.field)),
        (L["minutes"], L["minutes_n"].format(n=sim.minutes)),
        (L["kiosk"], L["kiosk_n"].format(n=_num(kiosk_minutes, lang)) if sim.kiosk_start and kiosk_minutes
         else L["kiosk_none"] if not sim.kiosk_start else "—"),
        (L["grades"], sim.grades),
        (L["languages"], ", ".join(LABELS[x]["lang_name"] if x in LABELS else x for x in sim.languages)),
        (L["version"], sim.version),
    ]
    out.append(f'<section aria-labelledby="overview"><h2 id="overview">{_e(L["overview"])}</h2>')
    out.append('<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl>")
    if sim.objectives:
        out.append(f"<h3>{_e(L['objectives'])}</h3><ul>"
                   + "".join(f"<li>{_e(_t(o, lang))}</li>" for o in sim.objectives) + "</ul>")
    out.append("</section>")

    if not teacher:
        out.append(f'<p class="note">{_e(L["no_teacher"])}</p>')
    stds = teacher.get("standards") or []
    if stds:
        out.append(f'<section aria-labelledby="standards"><h2 id="standards">{_e(L["standards"])}</h2>')
        out.append(f"<table><thead><tr><th scope=\"col\">{_e(L['framework'])}</th><th scope=\"col\">{_e(L['code'])}</th>"
                   f"<th scope=\"col\">{_e(L['how'])}</th><th scope=\"col\">{_e(L['source'])}</th></tr></thead><tbody>")
        for s in stds:
            src = s.get("source")
            ids = [src] if isinstance(src, str) else list(src or [])
            out.append(f"<tr><td>{_e(s.get('framework'))}</td><td>{_e(s.get('code'))}</td>"
                       f"<td>{_e(_raw_t(s.get('text'), lang))}</td><td>{_source_links(sim, ids)}</td></tr>")
        out.append("</tbody></table></section>")
    vocab = teacher.get("vocabulary") or []
    if vocab:
        out.append(f'<section aria-labelledby="vocabulary"><h2 id="vocabulary">{_e(L["vocabulary"])}</h2><dl class="words">')
        for v in vocab:
            out.append(f"<dt>{_e(_raw_t(v.get('term'), lang))}</dt><dd>{_e(_raw_t(v.get('meaning'), lang))}</dd>")
        out.append("</dl></section>")
    if teacher.get("warm_up"):
        out.append(f'<section aria-labelledby="warm-up"><h2 id="warm-up">{_e(L["warm_up"])}</h2>'
                   f"<p>{_e(_raw_t(teacher['warm_up'], lang))}</p></section>")
    watch = teacher.get("watch_for") or []
    if watch:
        out.append(f'<section aria-labelledby="watch"><h2 id="watch">{_e(L["watch_for"])}</h2><ul>'
                   + "".join(f"<li>{_e(_raw_t(w, lang))}</li>" for w in watch) + "</ul></section>")
    talk = teacher.get("discussion") or []
    if talk:
        out.append(f'<section aria-labelledby="discussion"><h2 id="discussion">{_e(L["discussion"])}</h2><ol>')
        for d in talk:
            abouts = "<br>".join(_about(sim, i, lang, L) for i in d.get("about") or () if
                                 sim.has_scene(i) or sim.has_ending(i))
            out.append(f"<li><p>{_e(_raw_t(d.get('question'), lang))}</p>"
                       f'<p class="about">{_e(L["about"])}: {abouts}</p></li>')
        out.append("</ol></section>")

    # endings
    out.append(f'<section aria-labelledby="endings"><h2 id="endings">{_e(L["endings"])}</h2>')
    out.append(f"<table><thead><tr><th scope=\"col\">{_e(L['ending'])}</th><th scope=\"col\">{_e(L['stars'])}</th>"
               "</tr></thead><tbody>")
    for e in sorted(sim.endings, key=lambda e: -e.rating):
        out.append(f"<tr><td>{_e(_t(e.title, lang))}</td><td>{_e(L['stars_n'].format(n=e.rating))}</td></tr>")
    out.append("</tbody></table></section>")

    # answer key
    main_scenes = reachable(sim, sim.start)
    acts = [sc for sc in sim.scenes if sc.activity is not None]
    if acts:
        out.append(f'<section aria-labelledby="key"><h2 id="key">{_e(L["answer_key"])}</h2>')
        for n, sc in enumerate(acts, 1):
            act = sc.activity
            tag = f" ({_e(L['kiosk_only'])})" if sc.id not in main_scenes else ""
            kind = kind_of(act)
            name = kind.guide_name.get(lang) or kind.guide_name.get("en") or act.kind
            out.append(f'<div class="key"><h3>{n}. {_e(name)}{tag}</h3>')
            out.append(f"<p>{_e(_t(act.prompt, lang))}</p>")
            out.append(f"<p><strong>{_e(L['right'])}:</strong></p><ul>"
                       + "".join(f"<li>{_e(line)}</li>" for line in kind.answer_key(act, lang)) + "</ul>")
            why = _t(act.explain, lang)
            if why:
                out.append(f"<p><strong>{_e(L['why'])}:</strong> {_e(why)}</p>")
            links = _source_links(sim, act.source)
            if links:
                out.append(f'<p class="meta">{_e(L["sources"])}: {links}</p>')
            out.append("</div>")
        out.append("</section>")

    if career:
        out.append(_career_section(career, L))
    if _all_sources(sim):
        out.append(f'<section aria-labelledby="sources"><h2 id="sources">{_e(L["sources"])}</h2><ol>')
        for s in _all_sources(sim):
            out.append(f"<li>{_e(s.title)}" + (f' — <a href="{_e(s.url)}">{_e(s.url)}</a>' if s.url else "") + "</li>")
        out.append("</ol></section>")
    out += ["</main>", f'<footer><p class="meta">{_e(L["generated"].format(v=sim.version))}</p></footer>',
            "</body>", "</html>", ""]
    return "\n".join(out)


def _num(x, lang: str) -> str:
    text = f"{x:g}" if isinstance(x, float) else str(x)
    return text.replace(".", ",") if lang == "es" else text


def _career_section(c: dict, L: dict) -> str:
    out = [f'<section aria-labelledby="career"><h2 id="career">{_e(L["career_facts"])}: {_e(c.get("title"))}</h2>']
    if c.get("description"):
        out.append(f"<p>{_e(c['description'])}</p>")
    facts = []
    if c.get("day"):
        facts.append((L["day"], _e(c["day"])))
    wage = c.get("wage") or {}
    if wage.get("display"):
        src = f' (<a href="{_e(wage["url"])}">{_e(wage.get("source"))}</a>)' if wage.get("url") else ""
        facts.append((L["wage"], _e(wage["display"]) + src))
    for key in ("education", "training"):
        if c.get(key):
            facts.append((L[key], _e(c[key])))
    for key in ("certifications", "courses"):
        if c.get(key):
            facts.append((L[key], _e("; ".join(c[key]))))
    if c.get("related"):
        facts.append((L["related"], _e("; ".join(r.get("title", "") for r in c["related"]))))
    out.append('<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
    if c.get("attribution"):
        out.append(f'<p class="meta">{_e(c["attribution"])}</p>')
    out.append("</section>")
    return "".join(out)


def guide_files(sims) -> dict[str, bytes]:
    """Every guide of the web build: guides/<id>.<lang>.html and guides/guide.css."""
    from .releases import kiosk_minutes, load_release, release_file, release_record
    files = {"guides/guide.css": CSS.encode()}
    for sim in sims:
        path = release_file(sim.id, sim.version)
        km = None
        if load_release(sim.id, sim.version) is not None:
            km = (release_record(path).get("about") or {}).get("kiosk_minutes")
        elif sim.kiosk_start:
            km = kiosk_minutes(sim)
        for lang in sim.languages:
            if lang not in LABELS:
                continue
            files[f"guides/{sim.id}.{lang}.html"] = guide_html(sim, lang, km, _career(sim.career, lang)).encode()
    return files


def _career(career_id: str, lang: str):
    from .catalogue import CatalogueError, career_view
    try:
        return career_view(career_id, lang)
    except (CatalogueError, KeyError, OSError):
        return None


def main(argv=None) -> int:
    """`python -m engine.guides SIM.yaml --lang es > guide.html`: one guide, for a quick look."""
    import argparse
    import sys

    from .files import load_or_report
    ap = argparse.ArgumentParser(prog="python -m engine.guides", description="print a teacher guide as HTML")
    ap.add_argument("sim")
    ap.add_argument("--lang", default="en")
    args = ap.parse_args(argv)
    sim = load_or_report(args.sim)
    if sim is None:
        return 1
    sys.stdout.write(guide_files([sim]).get(f"guides/{sim.id}.{args.lang}.html", b"").decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
