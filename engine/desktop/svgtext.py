"""The ``<text>`` of an SVG, which pygame's SVG loader (nanosvg) leaves out.

``parse`` reads our own art files with xml.etree.ElementTree (no DTDs, no external
entities: a file that declares any is refused) and lists every text chunk with its
position, anchor, runs (text, size, colour, bold) and the transform of the text and its
parent groups. ``draw`` puts them on a surface rasterised by nanosvg, scaled the same
way (viewBox → surface), with the player's fonts (``resources.Text``), so the fallback
font covers symbols such as ± ≤ σ.

Supported: x, y (first value of a list), dx, dy, font-size (plain, px, em, %),
font-weight (bold, 600+), text-anchor (start/middle/end), fill (+ fill-opacity,
opacity), the same set inside ``style="…"``, inheritance from ``<g>``/``<svg>``,
``<tspan>`` children (a tspan with x or y starts a new chunk), and transforms
(matrix, translate, scale, rotate with or without a centre, skew ignored for text).
Texts inside ``<defs>``, ``<title>``, ``<desc>`` or with display:none are skipped.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

INHERITED = ("fill", "font-size", "font-weight", "text-anchor", "fill-opacity", "display",
             "visibility")
SKIP = {"defs", "title", "desc", "metadata", "style", "script", "clipPath", "mask",
        "symbol", "pattern", "marker", "linearGradient", "radialGradient", "filter"}


@dataclass
class Run:
    text: str
    size: float            # user units
    fill: tuple            # (r, g, b, a)
    bold: bool


@dataclass
class Chunk:
    x: float | None        # None: carry on from the previous chunk's end
    y: float | None
    dx: float
    dy: float
    anchor: str
    matrix: Matrix
    runs: list[Run] = field(default_factory=list)


@dataclass
class SvgText:
    width: float | None    # the document's width/height attributes (user units or px)
    height: float | None
    viewbox: tuple[float, float, float, float] | None
    chunks: list[Chunk]


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m ∘ n (apply n first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D,
            a * E + c * F + e, b * E + d * F + f)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")


def parse_transform(value: str | None) -> Matrix:
    m = IDENTITY
    for name, args in _TRANSFORM.findall(value or ""):
        v = [float(t) for t in _NUM.findall(args)]
        t = IDENTITY
        if name == "matrix" and len(v) == 6:
            t = tuple(v)  # type: ignore[assignment]
        elif name == "translate" and v:
            t = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            t = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "rotate" and v:
            r = math.radians(v[0])
            cos, sin = math.cos(r), math.sin(r)
            t = (cos, sin, -sin, cos, 0, 0)
            if len(v) >= 3:
                t = multiply(multiply((1, 0, 0, 1, v[1], v[2]), t), (1, 0, 0, 1, -v[1], -v[2]))
        elif name == "skewX" and v:
            t = (1, 0, math.tan(math.radians(v[0])), 1, 0, 0)
        elif name == "skewY" and v:
            t = (1, math.tan(math.radians(v[0])), 0, 1, 0, 0)
        m = multiply(m, t)
    return m


def _number(value, default=None):
    if value is None:
        return default
    found = _NUM.findall(str(value))
    return float(found[0]) if found else default


def _length(value, default=None):
    """A width/height attribute: a number or px; percentages count as absent."""
    if value is None or "%" in str(value):
        return default
    return _number(value, default)


def _font_size(value, parent: float) -> float:
    v = str(value).strip()
    n = _number(v)
    if n is None:
        return parent
    if v.endswith("em"):
        return n * parent
    if v.endswith("%"):
        return n * parent / 100
    if v.endswith("pt"):
        return n * 4 / 3
    return n


def _colour(value, opacity: float):
    import pygame
    if value is None or value in ("none", "transparent"):
        return None
    v = value.strip()
    try:
        if v.startswith("rgb("):
            r, g, b = (int(float(t)) for t in _NUM.findall(v)[:3])
            col = pygame.Color(r, g, b)
        elif re.fullmatch(r"#[0-9a-fA-F]{3}", v):
            col = pygame.Color("#" + "".join(ch * 2 for ch in v[1:]))
        else:
            col = pygame.Color(v)
    except (ValueError, TypeError):
        col = pygame.Color(0, 0, 0)
    return (col.r, col.g, col.b, max(0, min(255, round(255 * opacity))))


def _style(el, inherited: dict) -> dict:
    out = dict(inherited)
    props = {k: el.get(k) for k in INHERITED + ("opacity",) if el.get(k) is not None}
    for decl in (el.get("style") or "").split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            props[k.strip()] = v.strip()
    for k, v in props.items():
        if k == "font-size":
            out[k] = _font_size(v, out.get(k, 16.0))
        elif k in ("opacity", "fill-opacity"):
            out[k] = out.get(k, 1.0) * (_number(v, 1.0) or 0.0)
        else:
            out[k] = v
    return out


def _collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "")


def _bold(weight) -> bool:
    w = str(weight or "normal").strip()
    return w in ("bold", "bolder") or (w.isdigit() and int(w) >= 600)


def parse(source: str | Path | bytes) -> SvgText:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("SVG with a DTD or entities: not read")
    # imported here: a runtime without pyexpat still shows the pictures, without text
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    vb = [float(t) for t in _NUM.findall(root.get("viewBox") or "")]
    viewbox = tuple(vb[:4]) if len(vb) >= 4 and vb[2] > 0 and vb[3] > 0 else None
    chunks: list[Chunk] = []
    base = {"fill": "#000000", "font-size": 16.0, "font-weight": "normal",
            "text-anchor": "start", "opacity": 1.0, "fill-opacity": 1.0}

    def hidden(st):
        return st.get("display") == "none" or st.get("visibility") in ("hidden", "collapse")

    def text_el(el, st, m):
        chunk = Chunk(_number(el.get("x")), _number(el.get("y")), _number(el.get("dx"), 0.0),
                      _number(el.get("dy"), 0.0), st.get("text-anchor", "start"), m)
        chunks_here = [chunk]

        def add(text, s):
            t = _collapse(text)
            col = _colour(s.get("fill"), s.get("fill-opacity", 1.0) * s.get("opacity", 1.0))
            if t and col is not None and not hidden(s):
                chunks_here[-1].runs.append(Run(t, float(s["font-size"]), col, _bold(s.get("font-weight"))))

        add(el.text, st)
        for child in el:
            if _local(child.tag) == "tspan":
                cs = _style(child, st)
                if child.get("x") is not None or child.get("y") is not None \
                        or child.get("dx") is not None or child.get("dy") is not None:
                    chunks_here.append(Chunk(_number(child.get("x")), _number(child.get("y")),
                                             _number(child.get("dx"), 0.0), _number(child.get("dy"), 0.0),
                                             cs.get("text-anchor", st.get("text-anchor", "start")), m))
                add(child.text, cs)
                if child.tail and child.tail.strip():
                    chunks_here.append(Chunk(None, None, 0.0, 0.0, st.get("text-anchor", "start"), m))
            add(child.tail, st)
        # trim the text's outer white space (SVG's default xml:space handling)
        runs = [r for c in chunks_here for r in c.runs]
        if runs:
            runs[0].text = runs[0].text.lstrip()
            runs[-1].text = runs[-1].text.rstrip()
        for c in chunks_here:
            c.runs = [r for r in c.runs if r.text]
            if c.runs:
                chunks.append(c)

    def walk(el, st, m):
        for child in el:
            tag = _local(child.tag)
            if tag in SKIP or tag == "":
                continue
            cs = _style(child, st)
            if hidden(cs) and tag != "text":
                continue
            cm = multiply(m, parse_transform(child.get("transform")))
            if tag == "text":
                if not hidden(cs):
                    text_el(child, cs, cm)
            elif tag in ("g", "a", "switch", "svg"):
                walk(child, cs, cm)

    walk(root, _style(root, base), IDENTITY)
    return SvgText(_length(root.get("width")), _length(root.get("height")), viewbox, chunks)


def view_matrix(doc: SvgText, surface_size: tuple[int, int]) -> Matrix:
    """User units → pixels of a nanosvg raster of this document at surface_size
    (viewBox fitted into width × height, centred, then scaled to the surface)."""
    rw, rh = surface_size
    vx, vy, vw, vh = doc.viewbox or (0.0, 0.0, doc.width or rw, doc.height or rh)
    dw = doc.width or vw
    dh = doc.height or vh
    k = min(dw / vw, dh / vh)
    ox = (dw - vw * k) / 2 - vx * k
    oy = (dh - vh * k) / 2 - vy * k
    s = min(rw / dw, rh / dh)
    return (s * k, 0.0, 0.0, s * k, s * ox, s * oy)


def draw(surface, doc: SvgText, text) -> int:
    """Draw the document's texts onto surface (a raster of the same document) with the
    player's fonts (text: resources.Text). Returns how many chunks were drawn."""
    import pygame
    if not doc.chunks:
        return 0
    base = view_matrix(doc, surface.get_size())
    pen = (0.0, 0.0)
    drawn = 0
    for ch in doc.chunks:
        full = multiply(base, ch.matrix)
        a, b, c, d = full[:4]
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        x = ch.x if ch.x is not None else pen[0]
        y = ch.y if ch.y is not None else pen[1]
        x, y = x + ch.dx, y + ch.dy
        parts = []
        for run in ch.runs:
            px = max(1, min(400, round(run.size * scale)))
            surf, asc = text.line_with_baseline(run.text, px, run.fill[:3], run.bold)
            if run.fill[3] < 255:
                surf = surf.copy()
                surf.set_alpha(run.fill[3])
            parts.append((surf, asc))
        asc = max(p[1] for p in parts)
        desc = max(s.get_height() - a_ for s, a_ in parts)
        width = sum(s.get_width() for s, _ in parts)
        line = pygame.Surface((max(1, width), max(1, asc + desc)), pygame.SRCALPHA)
        cx = 0
        for s, a_ in parts:
            line.blit(s, (cx, asc - a_))
            cx += s.get_width()
        ax = {"middle": width / 2, "end": float(width)}.get(ch.anchor, 0.0)
        px, py = apply(full, x, y)
        angle = math.atan2(b, a)
        if abs(angle) < 1e-4:
            surface.blit(line, (round(px - ax), round(py - asc)))
        else:
            w, h = line.get_size()
            turned = pygame.transform.rotate(line, -math.degrees(angle))
            vx_, vy_ = ax - w / 2, asc - h / 2
            cos, sin = math.cos(angle), math.sin(angle)
            cxp = px - (vx_ * cos - vy_ * sin)
            cyp = py - (vx_ * sin + vy_ * cos)
            surface.blit(turned, (round(cxp - turned.get_width() / 2),
                                  round(cyp - turned.get_height() / 2)))
        pen = (x + width / scale, y)
        drawn += 1
    return drawn
