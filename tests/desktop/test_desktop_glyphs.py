"""Every character the simulations and UI strings use is drawn by the canvas player:
by Atkinson Hyperlegible, or by the fallback font (DejaVu Sans) for symbols it lacks."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.desktop.resources import Text, content_dir, lacks, project_root  # noqa: E402

INK = (0, 0, 0)


@pytest.fixture(scope="module")
def text():
    pygame.init()
    return Text()


def used_characters():
    root = project_root()
    files = list((root / "simulations").rglob("*.yaml")) + [root / "content" / "ui.yaml"]
    chars = set()
    for f in files:
        if f.is_file():
            chars |= {ch for ch in f.read_text(encoding="utf-8") if ord(ch) > 0x7F}
    return chars


def test_fallback_font_and_licence_are_shipped():
    assert (content_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert "Bitstream" in (content_dir() / "fonts" / "LICENSE-DejaVu.txt").read_text()
    assert "DejaVuSans.ttf" in (content_dir() / "CREDITS.md").read_text(encoding="utf-8")


def test_primary_font_lacks_the_symbols_and_fallback_has_them(text):
    for ch in "≤≥σ→✓✗":
        assert text.missing(ch), ch
        assert not lacks(text.fallback_font(24), ch), ch
    for ch in "aZ9±×÷°¿ñé":
        assert not text.missing(ch), ch


def test_every_character_used_is_drawable(text):
    chars = used_characters() | set("≤≥σ→✓✗±×÷°")
    bad = sorted(ch for ch in chars if not ch.isspace() and not text.drawable(ch))
    assert not bad, f"no glyph in either font for: {''.join(bad)}"


def test_missing_symbols_are_drawn_not_boxed(text):
    primary = text.font(24)
    for ch in "≤σ→✓✗":
        got = pygame.image.tobytes(text.render(ch, 24, INK), "RGBA")
        box = pygame.image.tobytes(primary.render(ch, True, INK), "RGBA")
        assert got != box, ch
    # the old stand-ins are gone: "≤" is one glyph, not "<="
    assert text.render("≤", 24, INK).get_width() < text.render("<=", 24, INK).get_width() + 6
    assert text.clean("a ≤ b, σ ✓") == "a ≤ b, σ ✓"


def test_mixed_text_wraps_and_measures(text):
    s = "The bore must be ≤ 25.03 mm and ≥ 24.97 mm, within 3σ → ✓ " * 3
    surf = text.render(s, 20, INK, wrap=300)
    assert surf.get_width() <= 300 + 40 and surf.get_height() > 3 * text.font(20).get_linesize()
    w, _ = text.size("a ≤ b", 20)
    assert w == text.render("a ≤ b", 20, INK).get_width()
    short = text.ellipsize("σ " * 60, 20, 200)
    assert short.endswith("…") and text.size(short, 20)[0] <= 200
    assert text.render(s, 20, INK, wrap=300) is surf         # cached like any text


def test_plain_text_keeps_the_fast_path(text):
    plain = text.render("Hola, ¿qué tal? 25 ± 0.5 °C", 20, INK)
    direct = text.font(20).render("Hola, ¿qué tal? 25 ± 0.5 °C", True, INK)
    assert plain.get_size() == direct.get_size()


def test_ellipsize_measures_once_per_text_and_width(text, monkeypatch):
    """Buttons ask for the same cut every frame: the answer is kept, not measured again."""
    first = text.ellipsize("Surface speed: 300 ft/min " * 4, 18, 150)
    measured = []
    real = text.size
    monkeypatch.setattr(text, "size", lambda *a, **kw: measured.append(a) or real(*a, **kw))
    assert text.ellipsize("Surface speed: 300 ft/min " * 4, 18, 150) == first
    assert measured == []
    wider = text.ellipsize("Surface speed: 300 ft/min " * 4, 18, 300)   # a new width is measured
    assert measured and len(wider) > len(first) and wider.endswith("…")
