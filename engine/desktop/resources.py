"""Files the canvas player draws with: fonts, cached text, images (SVG), sounds.

Everything is looked up under the project root (the folder holding ``content/`` and
``simulations/``). On the desktop that is the repository; in a pygbag build it is the
staging folder next to ``main.py``. All loaders cache what they make, and every cache
is bounded so a kiosk that runs all day does not grow.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

import pygame

FONT_REGULAR = "fonts/atkinson-hyperlegible-latin-400-normal.woff"
FONT_BOLD = "fonts/atkinson-hyperlegible-latin-700-normal.woff"


def project_root() -> Path:
    """The folder holding content/ and simulations/ (env TESTDRIVE_ROOT wins)."""
    env = os.environ.get("TESTDRIVE_ROOT")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "content").is_dir() and (parent / "engine").is_dir():
            return parent
    return Path.cwd()


def content_dir() -> Path:
    return project_root() / "content"


def simulation_files(root: Path | None = None) -> list[Path]:
    """Every simulation YAML (or compiled JSON) under simulations/, sorted."""
    base = (root or project_root()) / "simulations"
    found = sorted(base.rglob("*.yaml")) + sorted(base.rglob("*.sim.json"))
    return [p for p in found if p.is_file()]


class LRU:
    """A small least-recently-used cache."""

    def __init__(self, limit: int):
        self.limit = limit
        self.data: OrderedDict = OrderedDict()

    def get(self, key):
        value = self.data.get(key)
        if value is not None:
            self.data.move_to_end(key)
        return value

    def put(self, key, value):
        self.data[key] = value
        self.data.move_to_end(key)
        while len(self.data) > self.limit:
            self.data.popitem(last=False)
        return value

    def clear(self):
        self.data.clear()

    def __len__(self):
        return len(self.data)


# Stand-ins for symbols the bundled (Latin) font has no glyph for.
SUBSTITUTES = {"≤": "<=", "≥": ">=", "≠": "=/=", "≈": "~", "→": "–", "←": "–", "↔": "–",
               "⇒": "=>", "σ": "sigma", "π": "pi", "Δ": "delta", "μ": "µ", "✓": "OK",
               "✔": "OK", "✗": "X", "✘": "X", "★": "*", "☆": "*", "√": "sqrt", "∞": "infinity"}


class Text:
    """Fonts and rendered text surfaces, cached (rendering text is the slow part)."""

    def __init__(self, limit: int = 600):
        self.glyphs: dict[str, str] = {}
        self.fonts: dict = {}
        self.surfaces = LRU(limit)
        folder = content_dir()
        self.regular = folder / FONT_REGULAR
        self.bold = folder / FONT_BOLD

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (int(size), bool(bold))
        font = self.fonts.get(key)
        if font is None:
            path = self.bold if bold else self.regular
            try:
                font = pygame.font.Font(str(path), key[0])
            except (OSError, FileNotFoundError, pygame.error):
                font = pygame.font.Font(None, int(key[0] * 1.3))
            self.fonts[key] = font
        return font

    def clean(self, text: str) -> str:
        """Swap characters the font cannot draw for readable stand-ins."""
        if text.isascii():
            return text
        out = []
        for ch in text:
            if ord(ch) <= 0xFF:
                out.append(ch)
                continue
            rep = self.glyphs.get(ch)
            if rep is None:
                font = self.font(24)
                missing = font.metrics("\uffff")
                rep = ch if font.metrics(ch) != missing else SUBSTITUTES.get(ch, ch)
                self.glyphs[ch] = rep
            out.append(rep)
        return "".join(out)

    def render(self, text: str, size: int, color, bold: bool = False, wrap: int = 0,
               align: str = "left") -> pygame.Surface:
        key = (text, int(size), tuple(color), bold, int(wrap), align)
        surf = self.surfaces.get(key)
        if surf is None:
            text = self.clean(text)
            font = self.font(size, bold)
            if wrap:
                font.align = {"left": pygame.FONT_LEFT, "center": pygame.FONT_CENTER,
                              "right": pygame.FONT_RIGHT}[align]
                surf = font.render(text, True, color, None, int(wrap))
                font.align = pygame.FONT_LEFT
            else:
                surf = font.render(text, True, color)
            surf = surf.convert_alpha() if pygame.display.get_surface() else surf
            self.surfaces.put(key, surf)
        return surf

    def fit(self, text: str, size: int, color, wrap: int, max_h: int, bold: bool = False,
            min_size: int = 13, align: str = "left") -> pygame.Surface:
        """Wrapped text at the largest size (≤ size) whose height fits max_h."""
        s = int(size)
        while True:
            surf = self.render(text, s, color, bold, wrap, align)
            if surf.get_height() <= max_h or s <= min_size:
                return surf
            s = max(min_size, int(s * 0.9))

    def ellipsize(self, text: str, size: int, width: int, bold: bool = False) -> str:
        text = self.clean(text)
        font = self.font(size, bold)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text + "…"


class Images:
    """Raster and SVG images under content/, cached by (path, size)."""

    def __init__(self, limit: int = 48):
        self.cache = LRU(limit)
        self.root = content_dir()

    def path(self, rel: str) -> Path:
        p = Path(rel)
        return p if p.is_absolute() else self.root / rel

    def load(self, rel: str | None, size: tuple[int, int], mode: str = "fit"):
        """The image scaled to size ('fit' keeps aspect inside, 'cover' fills and crops,
        'stretch' ignores aspect). None when missing or unreadable."""
        if not rel:
            return None
        key = (rel, tuple(size), mode)
        hit = self.cache.get(key)
        if hit is not None:
            return hit or None
        surf = None
        path = self.path(rel)
        try:
            if path.suffix.lower() == ".svg":
                raw = self._svg(path, size, mode)
            else:
                raw = pygame.image.load(str(path))
            surf = self._shape(raw, size, mode)
            if pygame.display.get_surface():
                surf = surf.convert_alpha()
        except (OSError, FileNotFoundError, pygame.error, ValueError):
            surf = None
        self.cache.put(key, surf if surf is not None else False)
        return surf

    @staticmethod
    def _svg(path: Path, size, mode):
        if mode == "stretch" or not hasattr(pygame.image, "load_sized_svg"):
            return pygame.image.load(str(path))
        # Rasterise big enough for the target, then shape it exactly.
        w, h = size
        big = (max(w, h), max(w, h)) if mode == "cover" else (w, h)
        return pygame.image.load_sized_svg(str(path), big)

    @staticmethod
    def _shape(raw: pygame.Surface, size, mode):
        w, h = size
        rw, rh = raw.get_size()
        if rw == 0 or rh == 0:
            raise ValueError("empty image")
        if mode == "stretch":
            return pygame.transform.smoothscale(raw.convert_alpha(), (w, h))
        if mode == "cover":
            k = max(w / rw, h / rh)
        else:
            k = min(w / rw, h / rh)
        nw, nh = max(1, round(rw * k)), max(1, round(rh * k))
        scaled = pygame.transform.smoothscale(raw.convert_alpha() if pygame.display.get_surface()
                                              else raw, (nw, nh))
        if mode == "cover":
            out = pygame.Surface((w, h), pygame.SRCALPHA)
            out.blit(scaled, ((w - nw) // 2, (h - nh) // 2))
            return out
        return scaled


class Sounds:
    """OGG sound effects and the music loop from content/audio/. Quiet when there is no
    audio device (or in tests with the dummy driver): nothing here ever raises."""

    CUES = ("click", "choice", "correct", "partial", "wrong", "notice", "ending", "cue",
            "tick", "start")

    def __init__(self, volume: float = 0.7, muted: bool = False):
        self.volume = volume
        self.muted = muted
        self.ok = False
        self.bank: dict[str, object] = {}
        self.folder = content_dir() / "audio"
        self.music_file = self.folder / "music-loop.ogg"
        self.last_played: list[str] = []   # for tests: names asked for, most recent last
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            self.ok = True
        except pygame.error:
            self.ok = False

    def _get(self, name: str):
        if name in self.bank:
            return self.bank[name]
        snd = None
        path = self.folder / f"{name}.ogg"
        if self.ok and path.is_file():
            try:
                snd = pygame.mixer.Sound(str(path))
            except pygame.error:
                snd = None
        self.bank[name] = snd
        return snd

    def play(self, name: str | None):
        if not name:
            return
        self.last_played.append(name)
        del self.last_played[:-20]
        if self.muted or not self.ok:
            return
        snd = self._get(name) or (self._get("cue") if name not in self.CUES else None)
        if snd is not None:
            snd.set_volume(self.volume)
            try:
                snd.play()
            except pygame.error:
                pass

    def music(self, on: bool = True):
        if not self.ok:
            return
        try:
            if on and not self.muted and self.music_file.is_file():
                if not pygame.mixer.music.get_busy():
                    pygame.mixer.music.load(str(self.music_file))
                    pygame.mixer.music.play(-1, fade_ms=800)
                pygame.mixer.music.set_volume(self.volume * 0.35)
            else:
                pygame.mixer.music.stop()
        except pygame.error:
            pass

    def set(self, volume: float | None = None, muted: bool | None = None):
        if volume is not None:
            self.volume = max(0.0, min(1.0, round(volume, 2)))
        if muted is not None:
            self.muted = muted
        if self.ok:
            try:
                if self.muted:
                    pygame.mixer.music.set_volume(0)
                else:
                    pygame.mixer.music.set_volume(self.volume * 0.35)
            except pygame.error:
                pass
