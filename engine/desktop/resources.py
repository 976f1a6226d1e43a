"""Files the canvas player draws with: fonts, cached text, images (SVG), sounds.

Everything is looked up under the project root (the folder holding ``content/`` and
``simulations/``). On the desktop that is the repository; in a pygbag build it is the
staging folder next to ``main.py``. All loaders cache what they make, and every cache
is bounded so a kiosk that runs all day does not grow.
"""
from __future__ import annotations

import os
import sys
from collections import OrderedDict
from pathlib import Path

import pygame

from . import svgtext

FONT_REGULAR = "fonts/atkinson-hyperlegible-latin-400-normal.woff"
FONT_BOLD = "fonts/atkinson-hyperlegible-latin-700-normal.woff"
FONT_FALLBACK = "fonts/DejaVuSans.ttf"


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


def lacks(font: pygame.font.Font, ch: str) -> bool:
    """True when font has no glyph for ch: it draws exactly its 'missing' box."""
    notdef = "\U0010fffd"                      # private use: in no font we ship
    if font.metrics(ch) != font.metrics(notdef):
        return False
    ink, paper = (0, 0, 0), (255, 255, 255)
    return (pygame.image.tobytes(font.render(ch, False, ink, paper), "RGB")
            == pygame.image.tobytes(font.render(notdef, False, ink, paper), "RGB"))


class Text:
    """Fonts and rendered text surfaces, cached (rendering text is the slow part).

    The bundled Atkinson Hyperlegible has only a Latin subset. Runs of characters it has
    no glyph for (≤ ≥ σ π → ✓ ✗ ⚙ …) are drawn with the fallback font, DejaVu Sans, on
    the same baseline; text without such characters takes pygame's own (faster) path.
    """

    def __init__(self, limit: int = 600):
        self.glyphs: dict[str, bool] = {}       # char -> True when the primary lacks it
        self.fonts: dict = {}
        self.fallbacks: dict = {}
        self.surfaces = LRU(limit)
        self.cut = LRU(limit)  # ellipsize's answers: buttons ask the same every frame
        folder = content_dir()
        self.regular = folder / FONT_REGULAR
        self.bold = folder / FONT_BOLD
        self.fallback = folder / FONT_FALLBACK

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (max(1, int(size)), bool(bold))
        font = self.fonts.get(key)
        if font is None:
            path = self.bold if bold else self.regular
            try:
                font = pygame.font.Font(str(path), key[0])
            except (OSError, FileNotFoundError, pygame.error):
                font = pygame.font.Font(None, int(key[0] * 1.3))
            self.fonts[key] = font
        return font

    def fallback_font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (max(1, int(size)), bool(bold))
        font = self.fallbacks.get(key)
        if font is None:
            try:
                font = pygame.font.Font(str(self.fallback), key[0])
            except (OSError, FileNotFoundError, pygame.error):
                font = self.font(*key)
            else:
                font.bold = key[1]              # one file; bold is synthesised
            self.fallbacks[key] = font
        return font

    def missing(self, ch: str) -> bool:
        """True when the primary font has no glyph for ch (it would draw its box)."""
        if ord(ch) <= 0xFF or ch in "\n\t":
            return False
        hit = self.glyphs.get(ch)
        if hit is None:
            hit = self.glyphs[ch] = lacks(self.font(24), ch)
        return hit

    def drawable(self, ch: str) -> bool:
        """True when the primary or the fallback font has a glyph for ch."""
        return not self.missing(ch) or not lacks(self.fallback_font(24), ch)

    def runs(self, text: str) -> list[tuple[str, bool]]:
        """text cut into runs of (chars, needs the fallback font)."""
        out: list[tuple[str, bool]] = []
        for ch in text:
            fb = self.missing(ch)
            if out and out[-1][1] == fb:
                out[-1] = (out[-1][0] + ch, fb)
            else:
                out.append((ch, fb))
        return out

    def needs_fallback(self, text: str) -> bool:
        return not text.isascii() and any(self.missing(ch) for ch in text)

    def clean(self, text: str) -> str:
        """Kept for callers: every character is drawn now (see runs), so this is text."""
        return text

    def size(self, text: str, size: int, bold: bool = False) -> tuple[int, int]:
        """Width and height of one line of text, fallback runs included."""
        font = self.font(size, bold)
        if not self.needs_fallback(text):
            return font.size(text)
        w = sum((self.fallback_font(size, bold) if fb else font).size(part)[0]
                for part, fb in self.runs(text))
        return w, font.get_linesize()

    def line(self, text: str, size: int, color, bold: bool = False) -> pygame.Surface:
        """One line, not cached, runs of missing glyphs in the fallback font on the
        primary font's baseline."""
        return self.line_with_baseline(text, size, color, bold)[0]

    def line_with_baseline(self, text: str, size: int, color, bold: bool = False):
        """(surface, baseline y) of one line, not cached (SVG <text> uses this)."""
        font = self.font(size, bold)
        if not self.needs_fallback(text):
            return font.render(text, True, color), font.get_ascent()
        parts = []
        for part, fb in self.runs(text):
            f = self.fallback_font(size, bold) if fb else font
            parts.append((f.render(part, True, color), f.get_ascent()))
        asc = max(font.get_ascent(), max(a for _, a in parts))
        desc = max(font.get_height() - font.get_ascent(),
                   max(s.get_height() - a for s, a in parts))
        out = pygame.Surface((max(1, sum(s.get_width() for s, _ in parts)), asc + desc),
                             pygame.SRCALPHA)
        x = 0
        for surf, a in parts:
            out.blit(surf, (x, asc - a))
            x += surf.get_width()
        return out, asc

    def _wrapped(self, text: str, size: int, color, bold: bool, wrap: int, align: str):
        """Word-wrapped text with fallback runs (pygame's own wrap takes one font)."""
        font = self.font(size, bold)
        lines: list[str] = []
        for para in text.split("\n"):
            cur = ""
            for word in para.split(" "):
                trial = f"{cur} {word}" if cur else word
                if cur and self.size(trial, size, bold)[0] > wrap:
                    lines.append(cur)
                    cur = word
                else:
                    cur = trial
            lines.append(cur)
        surfs = [self.line(t, size, color, bold) if t else None for t in lines]
        step = font.get_linesize()
        width = max([s.get_width() for s in surfs if s is not None] + [1])
        height = step * (len(lines) - 1) + max(font.get_height(),
                                               surfs[-1].get_height() if surfs[-1] else 0)
        out = pygame.Surface((max(1, width), max(1, height)), pygame.SRCALPHA)
        for i, s in enumerate(surfs):
            if s is None:
                continue
            x = {"center": (width - s.get_width()) // 2, "right": width - s.get_width()}.get(align, 0)
            out.blit(s, (x, i * step))
        return out

    def render(self, text: str, size: int, color, bold: bool = False, wrap: int = 0,
               align: str = "left") -> pygame.Surface:
        key = (text, int(size), tuple(color), bold, int(wrap), align)
        surf = self.surfaces.get(key)
        if surf is None:
            font = self.font(size, bold)
            if self.needs_fallback(text):
                surf = (self._wrapped(text, size, color, bold, wrap, align) if wrap
                        else self.line(text, size, color, bold))
            elif wrap:
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
        """text cut with "…" to fit width; measured once per (text, size, width, bold)."""
        key = (text, int(size), int(width), bool(bold))
        cut = self.cut.get(key)
        if cut is None:
            cut = self.cut.put(key, self._ellipsize(text, size, width, bold))
        return cut

    def _ellipsize(self, text, size, width, bold):
        if self.size(text, size, bold)[0] <= width:
            return text
        while text and self.size(text + "…", size, bold)[0] > width:
            text = text[:-1]
        return text + "…"


class Images:
    """Raster and SVG images under content/, cached by (path, size)."""

    def __init__(self, limit: int = 48, text: Text | None = None):
        self.cache = LRU(limit)
        self.root = content_dir()
        self._text = text

    @property
    def text(self) -> Text:
        if self._text is None:
            self._text = Text(limit=8)
        return self._text

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

    def _svg(self, path: Path, size, mode, texts: bool = True):
        """nanosvg's raster of the SVG, then its <text> drawn on top (nanosvg skips
        text; svgtext draws it with the player's fonts, scaled the same way)."""
        if mode == "stretch" or not hasattr(pygame.image, "load_sized_svg"):
            raw = pygame.image.load(str(path))
        else:
            # Rasterise big enough for the target, then shape it exactly.
            w, h = size
            big = (max(w, h), max(w, h)) if mode == "cover" else (w, h)
            raw = pygame.image.load_sized_svg(str(path), big)
        if texts:
            try:
                doc = svgtext.parse(path)
            except (ImportError, ValueError, OSError) as exc:
                print(f"warning: {path.name}: its text is not drawn ({exc})", file=sys.stderr)
                doc = None
            if doc is not None and doc.chunks:
                raw = raw.convert_alpha() if pygame.display.get_surface() else raw.copy()
                try:
                    svgtext.draw(raw, doc, self.text)
                except (pygame.error, ValueError, OverflowError) as exc:
                    print(f"warning: {path.name}: its text is not drawn ({exc})", file=sys.stderr)
        return raw

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
    audio device (or in tests with the dummy driver): nothing here ever raises. A scene's
    ``sound:`` cue plays content/audio/<cue>.ogg; a cue with no file plays nothing."""

    CUES = ("click", "choice", "correct", "partial", "wrong", "notice", "ending", "cue",
            "tick", "start")                                  # the player's own
    SCENE_CUES = ("alarm", "crash", "cue", "door", "notice", "phone", "shop", "siren")

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

    def available(self) -> list[str]:
        """Every cue name that has a sound file (scene ``sound:`` cues and the UI's)."""
        return sorted(p.stem for p in self.folder.glob("*.ogg") if p.stem != "music-loop")

    def _get(self, name: str):
        if name in self.bank:
            return self.bank[name]
        snd = None
        path = self.folder / f"{name}.ogg"
        if self.ok and name.replace("-", "").isalnum() and path.is_file():
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
        snd = self._get(name)           # a cue with no sound file plays nothing
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
