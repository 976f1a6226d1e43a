"""The `kiosk:` section: where a short museum-kiosk run starts, and which meters it shows."""
from __future__ import annotations

from ..diagnostics import did_you_mean
from ..spec import KIOSK


def read_kiosk(b, top, variables) -> tuple:
    """(kiosk start or None, kiosk meters or None)."""
    kiosk_start = None
    kiosk_meters = None
    if "kiosk" in top:
        km = b.mapping(top["kiosk"], b.vpos(top, "kiosk"), "'kiosk'")
        if km is not None:
            b.keys(km, "'kiosk'", KIOSK.keys, KIOSK.required)
            kiosk_start = b.ident(km, "start", "'kiosk'")
            if "meters" in km:
                kiosk_meters = b.id_list(km, "meters", "'kiosk'")
                shown = {v.id for v in variables if v.show != "hidden"}
                for name in kiosk_meters:
                    if name not in shown:
                        b.r.error(b.vpos(km, "meters"), f"'{name}' is not a meter or counter",
                                  did_you_mean(name, shown))
            if kiosk_start:
                b.targets.append((kiosk_start, b.vpos(km, "start"), "'kiosk'"))
    return kiosk_start, kiosk_meters
