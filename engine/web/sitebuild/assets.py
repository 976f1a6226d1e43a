"""The player's assets: the fonts, the CSS and workers, and the ES modules under web/src/,
each renamed by a content hash so a browser may cache it for ever."""
from __future__ import annotations

import os
import re
from pathlib import Path

from .common import WEB, BuildError, content_hash, escape


FONT_FILES = (
    "atkinson-hyperlegible-latin-400-normal.woff2",
    "atkinson-hyperlegible-latin-700-normal.woff2",
    "atkinson-hyperlegible-latin-ext-400-normal.woff2",
)


# `import … from "./x.js"`, `export … from "../x.js"` and `import("./x.js")`: relative specifiers only.
MODULE_SPEC = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.\.?/[^"'\s]+?\.js)\2""")


def hashed_modules(src: Path, prefix: str) -> dict[str, tuple[str, bytes, list]]:
    """Every ES module under `src` as {path: (url, bytes, imported paths)}: the url is prefix + its path with
    a content hash before ".js", and its relative imports name their modules' hashed files.
    A module's hash covers its rewritten imports, so changing one module renames it and
    every module that imports it (a module graph without cycles, which is checked)."""
    sources = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8") for p in sorted(src.rglob("*.js"))}
    done: dict[str, tuple[str, bytes, list]] = {}

    def target(name: str, spec: str) -> str:
        path = os.path.normpath(os.path.join(os.path.dirname(name), spec)).replace(os.sep, "/")
        if path not in sources:
            raise BuildError(f"web/src/{name} imports {spec!r}, which is not a module under web/src/")
        return path

    def visit(name: str, chain: tuple) -> tuple[str, bytes, list]:
        if name in done:
            return done[name]
        if name in chain:
            raise BuildError("web/src modules import each other in a circle: " + " -> ".join(chain + (name,)))

        deps: list = []

        def rewrite(m):
            deps.append(target(name, m.group(3)))
            url = visit(deps[-1], chain + (name,))[0]
            spec = m.group(3).rsplit("/", 1)[0] + "/" + url.rsplit("/", 1)[1]
            return f"{m.group(1)}{m.group(2)}{spec}{m.group(2)}"

        data = MODULE_SPEC.sub(rewrite, sources[name]).encode()
        done[name] = (f"{prefix}{name[:-3]}.{content_hash(data)}.js", data, deps)
        return done[name]

    for name in sources:
        visit(name, ())
    return done


def page_scripts(modules: dict, entry: str, base: str) -> str:
    """The page's entry module and a modulepreload of every module it imports (fetched at
    once rather than import by import), for the end of <body>: in <head>, the preloads'
    fetches and compiles held up the parsing of the story above them, so on a slow CPU
    the prerendered first narration painted later than a plain inkjs page's text
    (benchmarks/web_startup.py). A module script runs after parsing wherever it stands."""
    tags = [f'<script type="module" src="{escape(base + modules[entry][0])}"></script>']
    tags += [f'<link rel="modulepreload" href="{escape(base + modules[m][0])}">'
             for m in module_closure(modules, entry) if m != entry]
    return "\n".join(tags)


def module_closure(modules: dict, entry: str) -> list[str]:
    """`entry` and every module it imports, directly or not (sorted)."""
    seen, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += modules[name][2]
    return sorted(seen)


def stage_fonts(font_dir: Path) -> tuple[str, dict[str, bytes]]:
    """(the fonts' folder hash, their files by URL), with the fonts' licence (SIL OFL 1.1)."""
    fonts_hash = content_hash(b"".join((font_dir / f).read_bytes() for f in FONT_FILES))
    files = {f"fonts/{fonts_hash}/{f}": (font_dir / f).read_bytes() for f in FONT_FILES}
    files[f"fonts/{fonts_hash}/OFL.txt"] = (font_dir.parent / "LICENSE").read_bytes()
    return fonts_hash, files


def stage_player(fonts_hash: str) -> tuple[dict, dict, dict[str, bytes]]:
    """(asset URL by name, the ES modules as hashed_modules gives them, files by URL): the
    icon, the CSS (pointing at the hashed fonts) and the workers, and the modules."""
    files = {"icon.svg": (WEB / "icon.svg").read_bytes()}
    css = (WEB / "style.css").read_text(encoding="utf-8").replace("../fonts/", f"../fonts/{fonts_hash}/")
    assets = {}
    for name, data in (("worker.js", (WEB / "worker.js").read_bytes()),
                       ("teacher-worker.js", (WEB / "teacher-worker.js").read_bytes()),
                       ("teacher.css", (WEB / "src" / "teacher" / "teacher.css").read_bytes()),
                       ("profile.css", (WEB / "src" / "profile" / "profile.css").read_bytes()),
                       ("style.css", css.encode())):
        stem, ext = name.rsplit(".", 1)
        url = f"assets/{stem}.{content_hash(data)}.{ext}"
        files[url] = data
        assets[name] = url
    modules = hashed_modules(WEB / "src", "assets/js/")
    for url, data, _ in modules.values():
        files[url] = data
    return assets, modules, files
