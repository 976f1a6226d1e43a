"""The `characters:` section: who speaks in the scenes."""
from __future__ import annotations

from ..model import Character
from ..spec import CHARACTER, ID_RE


def read_characters(b, top) -> tuple:
    if "characters" not in top or top["characters"] is None:
        return ()
    cm = b.mapping(top["characters"], b.vpos(top, "characters"), "'characters'")
    out = []
    for cid, spec in (cm or {}).items():
        where = f"character '{cid}'"
        if not ID_RE.match(str(cid)):
            b.r.error(b.kpos(cm, cid), f"'{cid}' is not a valid id")
        sm = b.mapping(spec, b.vpos(cm, cid), where)
        if sm is None:
            continue
        b.keys(sm, where, CHARACTER.keys, CHARACTER.required)
        out.append(Character(str(cid), b.string(sm, "name", where, default=str(cid)),
                             b.read(sm, CHARACTER, "role", where),
                             b.read(sm, CHARACTER, "portrait", where)))
    b.character_ids = {c.id for c in out}
    return tuple(out)
