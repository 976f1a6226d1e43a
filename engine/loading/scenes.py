"""The `scenes:` section: each scene, and its one way forward (choices, an activity or `next`)."""
from __future__ import annotations

from ..diagnostics import did_you_mean
from ..model import SPECIAL_TARGETS, Scene
from ..spec import ID_RE, SCENE
from ..yamlsafe import YMap
from .activities import read_activity
from .choices import read_choices
from .conditions import read_effects


def read_scenes(b, top) -> tuple:
    sm = b.mapping(top.get("scenes"), b.vpos(top, "scenes"), "'scenes'") if "scenes" in top else None
    if not sm:
        if sm is not None:
            b.r.error(b.vpos(top, "scenes"), "the simulation has no scenes")
        return ()
    out = []
    for sid, spec in sm.items():
        where = f"scene '{sid}'"
        pos = b.kpos(sm, sid)
        b.scene_pos[str(sid)] = pos
        if not ID_RE.match(str(sid)) or sid in SPECIAL_TARGETS:
            b.r.error(pos, f"'{sid}' is not a valid scene id")
        scene = read_scene(b, str(sid), spec, b.vpos(sm, sid), where)
        if scene:
            out.append(scene)
    return tuple(out)


def read_scene(b, sid, spec, pos, where):
    m = b.mapping(spec, pos, where)
    if m is None:
        return None
    b.keys(m, where, SCENE.keys, SCENE.required)
    speaker = b.read(m, SCENE, "speaker", where)
    if speaker is not None and speaker not in b.character_ids:
        b.r.error(b.vpos(m, "speaker"), f"unknown character '{speaker}'",
                  did_you_mean(speaker, b.character_ids) or
                  "add it under 'characters:'")
    ways = [k for k in ("choices", "activity", "next") if k in m]
    if len(ways) == 0:
        b.r.error(m.pos if isinstance(m, YMap) else pos,
                  f"{where} has no way forward: give it choices, an activity or 'next'",
                  "an ending is reached with 'next: END' or 'next: <ending-id>'")
    elif len(ways) > 1 and ways != ["activity", "next"]:
        b.r.error(b.kpos(m, ways[1]), f"{where} has both '{ways[0]}' and '{ways[1]}'",
                  "a scene has choices, or an activity, or a plain 'next'")
    choices = ()
    if "choices" in m:
        choices = read_choices(b, m, where)
    activity = None
    if "activity" in m:
        activity = read_activity(b, m["activity"], b.vpos(m, "activity"), f"the activity of {where}",
                                 m.get("next"), b.vpos(m, "next"))
    nxt = None
    if "next" in m and "activity" not in m:
        nxt = b.target(m["next"], b.vpos(m, "next"), where)
    return Scene(
        id=sid, text=b.read(m, SCENE, "text", where), speaker=speaker,
        background=b.read(m, SCENE, "background", where), sound=b.read(m, SCENE, "sound", where),
        time=b.read(m, SCENE, "time", where),
        effects=read_effects(b, m.get("effects"), b.vpos(m, "effects"), where),
        choices=choices, activity=activity, next=nxt, source=b.source_ref(m, where),
    )
