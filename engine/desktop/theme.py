"""Colours, sizes and the player's settings (text size, contrast, language, sound)."""
from __future__ import annotations

from dataclasses import dataclass

W, H = 960, 540          # the logical canvas; the window scales it, letterboxed

TEXT_SCALES = (1.0, 1.15, 1.3)

NORMAL = {
    "bg": (24, 32, 48),
    "panel": (250, 248, 242),
    "panel_alpha": 236,
    "ink": (26, 30, 38),
    "ink_soft": (70, 78, 92),
    "hud_bg": (16, 22, 34),
    "hud_ink": (240, 244, 250),
    "button": (38, 84, 160),
    "button_hover": (52, 104, 190),
    "button_ink": (255, 255, 255),
    "button_off": (150, 156, 168),
    "button_off_ink": (236, 238, 242),
    "selected": (232, 140, 28),
    "selected_ink": (20, 20, 20),
    "focus": (255, 196, 0),
    "good": (46, 160, 90),
    "mid": (226, 170, 40),
    "bad": (210, 70, 60),
    "track": (70, 80, 100),
    "notice_bg": (255, 236, 170),
    "notice_ink": (60, 40, 0),
    "shade": (0, 0, 0, 150),
    "star": (255, 196, 0),
    "star_off": (120, 126, 140),
}

HIGH_CONTRAST = dict(NORMAL)
HIGH_CONTRAST.update({
    "bg": (0, 0, 0),
    "panel": (0, 0, 0),
    "panel_alpha": 255,
    "ink": (255, 255, 255),
    "ink_soft": (255, 255, 255),
    "hud_bg": (0, 0, 0),
    "hud_ink": (255, 255, 255),
    "button": (0, 0, 0),
    "button_hover": (40, 40, 40),
    "button_ink": (255, 255, 0),
    "button_off": (60, 60, 60),
    "button_off_ink": (200, 200, 200),
    "selected": (255, 255, 0),
    "selected_ink": (0, 0, 0),
    "focus": (0, 255, 255),
    "notice_bg": (255, 255, 0),
    "notice_ink": (0, 0, 0),
    "track": (120, 120, 120),
})

FIELD_COLOURS = {
    "healthcare": ((22, 92, 110), (120, 200, 200)),
    "engineering": ((40, 52, 120), (140, 160, 230)),
    "manufacturing": ((110, 64, 24), (230, 170, 100)),
    "other": ((48, 64, 80), (150, 170, 190)),
}


@dataclass
class Settings:
    lang: str = "en"
    text_scale: float = 1.0
    high_contrast: bool = False
    muted: bool = False
    volume: float = 0.7
    fullscreen: bool = False
    reduced_motion: bool = False

    @property
    def colors(self) -> dict:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    def ts(self, size: int) -> int:
        return max(10, round(size * self.text_scale))

    def bigger_text(self, step: int):
        i = min(range(len(TEXT_SCALES)), key=lambda k: abs(TEXT_SCALES[k] - self.text_scale))
        i = max(0, min(len(TEXT_SCALES) - 1, i + step))
        self.text_scale = TEXT_SCALES[i]
