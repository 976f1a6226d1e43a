"""`hotspot`: pick every right spot on a picture; graded like `multi`."""
from __future__ import annotations

from .multi import Multi


class Hotspot(Multi):
    name = "hotspot"
    fields = {"image": "image", "width": "width", "height": "height", "spots": "items"}
    list_key = "spots"
    what = "spot"
    item_keys = {"id", "x", "y", "w", "h", "label", "correct", "why"}
    item_required = ("id", "x", "y", "w", "h", "label")

    def build_extra(self, b, m, where):
        return {"image": b.string(m, "image", where, required=True),
                "width": b.number(m, "width", where, 100, 1, 10000, integer=True),
                "height": b.number(m, "height", where, 100, 1, 10000, integer=True)}

    def read_item(self, b, im, iwhere, fields, size):
        fields["text"] = b.text(im, "label", iwhere)
        for dim in ("x", "y", "w", "h"):
            fields[dim] = b.number(im, dim, iwhere, 0, 0)
        if size and (fields["x"] + fields["w"] > size[0] or fields["y"] + fields["h"] > size[1]):
            b.r.error(b.mpos(im), f"{iwhere} lies outside the image ({size[0]}×{size[1]})")
        fields["correct"] = b.boolean(im, "correct", iwhere)
        fields["why"] = b.text(im, "why", iwhere, required=False)

    def view(self, act, shown, t, lang):
        return {"image": act.image, "width": act.width, "height": act.height,
                "spots": [{"id": it.id, "x": it.x, "y": it.y, "w": it.w, "h": it.h,
                           "label": t(it.text)} for it in act.items]}


KIND = Hotspot()
