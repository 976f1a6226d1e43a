"""QR codes as pygame surfaces, drawn from segno (pure Python, runs in WebAssembly)."""
from __future__ import annotations

import pygame


def qr_matrix(data: str):
    """The QR modules (rows of 0/1, quiet zone included) or None if it cannot fit."""
    try:
        import segno
    except ImportError:
        return None
    try:
        code = segno.make(data, error="l", micro=False, boost_error=False)
    except Exception:   # segno.DataOverflowError and friends: too long for any QR
        return None
    rows = [list(r) for r in code.matrix_iter(scale=1, border=4)]
    return rows


def qr_surface(data: str, max_px: int, dark=(0, 0, 0), light=(255, 255, 255)):
    """A square surface no bigger than max_px, each module a whole number of pixels."""
    rows = qr_matrix(data)
    if not rows:
        return None
    n = len(rows)
    small = pygame.Surface((n, n))
    small.fill(light)
    for y, row in enumerate(rows):
        for x, v in enumerate(row):
            if v:
                small.set_at((x, y), dark)
    k = max(1, max_px // n)
    return pygame.transform.scale(small, (n * k, n * k))
