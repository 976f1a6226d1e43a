"""SVG <text> in the canvas player: nanosvg skips it, engine.desktop.svgtext draws it."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import math  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.desktop import svgtext  # noqa: E402
from engine.desktop.resources import Images, Text, content_dir  # noqa: E402

BG = (255, 255, 255)


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode((16, 16))
    yield


def svg(tmp_path, body, name="t.svg", view="0 0 200 100", size='width="200" height="100"'):
    p = tmp_path / name
    p.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" {size}>'
                 f'<rect width="200" height="100" fill="#ffffff"/>{body}</svg>', encoding="utf-8")
    return p


def ink(surf, rect):
    """How many pixels inside rect differ clearly from the white background."""
    r = pygame.Rect(rect).clip(surf.get_rect())
    n = 0
    for x in range(r.left, r.right):
        for y in range(r.top, r.bottom):
            c = surf.get_at((x, y))
            if sum(abs(c[i] - BG[i]) for i in range(3)) > 90:
                n += 1
    return n


def load(tmp_path, p, size, mode="fit"):
    return Images(text=Text()).load(str(p), size, mode)


def test_text_is_drawn_where_it_says(tmp_path):
    with_text = svg(tmp_path, '<text x="20" y="40" font-size="20" fill="#000">Hello</text>', "a.svg")
    without = svg(tmp_path, "", "b.svg")
    a = load(tmp_path, with_text, (200, 100))
    b = load(tmp_path, without, (200, 100))
    assert ink(a, (20, 22, 50, 20)) > 40            # the word, above its baseline at y=40
    assert ink(a, (100, 60, 100, 40)) == 0          # and nothing elsewhere
    assert ink(b, (0, 0, 200, 100)) == 0


def test_text_scales_with_the_image(tmp_path):
    p = svg(tmp_path, '<text x="100" y="60" font-size="20" text-anchor="middle" fill="#000">WIDE</text>')
    small = load(tmp_path, p, (200, 100))
    big = load(tmp_path, p, (400, 200))
    assert big.get_size() == (400, 200)
    # twice the size: the word's ink box doubles, centred on x = 100 → 200
    def box(s):
        r = pygame.mask.from_threshold(s, (0, 0, 0, 255), (120, 120, 120, 255)).get_bounding_rects()
        return r[0].unionall(r[1:]) if r else None
    bs, bb = box(small), box(big)
    assert abs(bs.centerx - 100) <= 2 and abs(bb.centerx - 200) <= 3
    assert 1.7 < bb.w / bs.w < 2.3
    assert bs.bottom <= 61 and bb.bottom <= 121


def test_anchor_end_and_middle(tmp_path):
    p = svg(tmp_path, '<text x="190" y="30" font-size="16" text-anchor="end" fill="#000">end</text>'
                      '<text x="100" y="80" font-size="16" text-anchor="middle" fill="#000">mid</text>')
    s = load(tmp_path, p, (200, 100))
    assert ink(s, (150, 15, 40, 16)) > 10 and ink(s, (0, 15, 140, 16)) == 0
    assert ink(s, (80, 65, 40, 16)) > 10 and ink(s, (0, 65, 70, 16)) == 0


def test_tspan_bold_fill_and_group_translate(tmp_path):
    p = svg(tmp_path, '<g transform="translate(100 0)" fill="#ff0000" font-size="18">'
                      '<text x="0" y="30">A<tspan fill="#0000ff" font-weight="bold">B</tspan></text>'
                      '<text x="0" y="50"><tspan x="10" y="80">low</tspan></text></g>')
    s = load(tmp_path, p, (200, 100))
    assert ink(s, (0, 0, 95, 100)) == 0             # everything moved right by 100
    reds = blues = 0
    for x in range(100, 140):
        for y in range(12, 32):
            r, g, b, _ = s.get_at((x, y))
            reds += r > 180 and b < 90
            blues += b > 180 and r < 90
    assert reds > 5 and blues > 5
    assert ink(s, (108, 64, 40, 18)) > 10           # the tspan's own x, y


def test_rotated_text_stands_upright(tmp_path):
    p = svg(tmp_path, '<text x="100" y="50" font-size="16" text-anchor="middle" fill="#000" '
                      'transform="rotate(-90 100 50)">ROTATED</text>')
    s = load(tmp_path, p, (200, 100))
    r = pygame.mask.from_threshold(s, (0, 0, 0, 255), (120, 120, 120, 255)).get_bounding_rects()
    box = r[0].unionall(r[1:])
    assert box.h > 2 * box.w                       # tall, not wide
    assert abs(box.centery - 50) <= 4 and 84 <= box.centerx <= 100


def test_parse_transforms_and_styles():
    m = svgtext.parse_transform("translate(10 20) rotate(90)")
    x, y = svgtext.apply(m, 1, 0)
    assert math.isclose(x, 10, abs_tol=1e-9) and math.isclose(y, 21)
    doc = svgtext.parse(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                        b'<title>no</title><g style="font-size:12px;fill:#123456">'
                        b'<text x="1" y="2" style="font-weight:700">  a   b </text></g>'
                        b'<defs><text>hidden</text></defs></svg>')
    assert len(doc.chunks) == 1
    run = doc.chunks[0].runs[0]
    assert (run.text, run.size, run.fill[:3], run.bold) == ("a b", 12.0, (0x12, 0x34, 0x56), True)
    with pytest.raises(ValueError):
        svgtext.parse(b'<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>')


def test_the_cnc_drawing_gets_its_dimensions():
    path = content_dir() / "art/manufacturing/bracket-drawing.svg"
    if not path.is_file():
        pytest.skip("the CNC drawing is not there")
    images = Images(text=Text())
    full = images.load("art/manufacturing/bracket-drawing.svg", (800, 560), "stretch")
    bare = images._shape(images._svg(path, (800, 560), "stretch", texts=False), (800, 560), "stretch")
    diff = sum(1 for x in range(0, 800, 2) for y in range(0, 560, 2)
               if full.get_at((x, y))[:3] != bare.get_at((x, y))[:3])
    assert diff > 500
    # "100.0 ± 0.5" sits on the white box at (240, 58, 140, 28) in the drawing
    assert ink(full, (245, 60, 130, 24)) > 60 and ink(bare, (245, 60, 130, 24)) == 0
    # cached: the same surface comes back
    assert images.load("art/manufacturing/bracket-drawing.svg", (800, 560), "stretch") is full


def test_every_text_in_the_art_parses():
    for path in sorted((content_dir() / "art").rglob("*.svg")):
        doc = svgtext.parse(path)
        if b"<text" in path.read_bytes():
            assert doc.chunks, path


def test_a_broken_svg_still_shows_its_picture(tmp_path, capsys):
    p = tmp_path / "broken.svg"
    p.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">'
                 '<rect width="200" height="100" fill="#ff0000"/><text x="10" y="20">oops</svg>')
    s = load(tmp_path, p, (200, 100))
    assert s is not None and s.get_at((100, 50))[:3] == (255, 0, 0)
    assert "warning" in capsys.readouterr().err
