"""`hotspot`: pick every right spot on a picture; graded like `multi`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from .base import Activity, Field, Number, Section
from .multi import Multi, Option


@dataclass(frozen=True, kw_only=True)
class Spot(Option):
    """A rectangle on the picture, in the picture's units; `text` is its label."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, kw_only=True)
class HotspotActivity(Activity):
    image: str | None
    width: int
    height: int
    items: tuple  # of Spot


class SpotView(TypedDict):
    """A place to pick on a hotspot image, in the image's pixels; `text` is its name."""

    id: str
    text: str
    x: Number
    y: Number
    w: Number
    h: Number


class HotspotView(TypedDict):
    """Pick the right places on an image."""

    image: str
    width: int
    height: int
    items: list[SpotView]


class Hotspot(Multi):
    name = "hotspot"
    activity_type = HotspotActivity
    view_type = HotspotView
    entry_type = Spot
    answer_doc = "list of the spot ids picked (front ends hit-test clicks)"
    summary = "finds every right spot on a picture; scored like multi"
    guide_name = {"en": "Tap the picture", "es": "Toca la imagen"}
    item = Section("hotspot_spot", "A rectangle on the picture.", {
        "id": Field("id", "Unique in the activity.", required=True),
        "x": Field("number", "Left edge, in the picture's units.", required=True, default=0, lo=0),
        "y": Field("number", "Top edge.", required=True, default=0, lo=0),
        "w": Field("number", "Width.", required=True, default=0, lo=0),
        "h": Field("number", "Height.", required=True, default=0, lo=0),
        "label": Field("text", "The spot's text alternative (what a screen reader says).", required=True),
        "correct": Field("bool", "A right spot.", default=False),
        "why": Field("text", "Why it is (or is not) right, shown afterwards."),
    })
    list_key = "spots"
    view_list = "items"
    fields = {
        "image": Field("string", "The picture (path under content/).", required=True),
        "width": Field("int", "The picture's width (its viewBox).", default=100, lo=1, hi=10000),
        "height": Field("int", "The picture's height.", default=100, lo=1, hi=10000),
        "spots": Field("list", "Rectangles x, y, w, h with a label; mark the right ones correct: true.",
                       required=True, of="hotspot_spot", min_items=1),
    }
    what = "spot"

    def build_extra(self, b, m, where):
        return {"image": b.string(m, "image", where, required=True),
                "width": b.read(m, self, "width", where),
                "height": b.read(m, self, "height", where)}

    def read_item(self, b, im, iwhere, fields, size):
        fields["text"] = b.read(im, self.item, "label", iwhere)
        for dim in ("x", "y", "w", "h"):
            fields[dim] = b.read(im, self.item, dim, iwhere)
        if size and (fields["x"] + fields["w"] > size[0] or fields["y"] + fields["h"] > size[1]):
            b.r.error(b.mpos(im), f"{iwhere} lies outside the image ({size[0]}×{size[1]})")
        fields["correct"] = b.boolean(im, "correct", iwhere)
        fields["why"] = b.text(im, "why", iwhere, required=False)

    def view(self, act, shown, t, lang) -> HotspotView:
        return {"image": act.image, "width": act.width, "height": act.height,
                "items": [{"id": it.id, "text": t(it.text), "x": it.x, "y": it.y, "w": it.w, "h": it.h}
                          for it in act.items]}


KIND = Hotspot()
