"""The pygame-ce canvas player, headless: every simulation played to an ending through
synthetic mouse, touch and keyboard events."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.desktop import activities as A  # noqa: E402
from engine.desktop import screens as S  # noqa: E402
from engine.desktop.app import App, load_entries, main  # noqa: E402
from engine.desktop.autoplay import Driver  # noqa: E402
from engine.desktop.resources import simulation_files  # noqa: E402
from engine.desktop.theme import Settings  # noqa: E402

SIMS = simulation_files()


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    """main() reads and keeps settings in the user's config folder: use a fresh one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
ALL_KINDS = {"order", "sequence", "numeric", "multi", "match", "hotspot", "allocate", "model"}


@pytest.fixture(scope="module")
def entries():
    errors = []
    found = load_entries(SIMS, errors)
    assert not errors, errors
    return {e.path: e for e in found}


def every_feature(entries):
    for e in entries.values():
        if e.path.name == "every-feature.yaml":
            return e
    pytest.skip("simulations/examples/every-feature.yaml is missing")


def test_simulations_are_found():
    assert any(p.name == "every-feature.yaml" for p in SIMS)


@pytest.mark.parametrize("mode", ["mouse", "touch", "keys"])
@pytest.mark.parametrize("path", SIMS, ids=[p.stem for p in SIMS])
def test_play_every_simulation_to_an_ending(entries, path, mode):
    for seed in (1, 2):
        app = App(entries=list(entries.values()), seed=seed)
        app.start(entries[path])
        d = Driver(app, mode, seed=seed)
        assert d.play_to_results(), d.log[-20:]
        view = app.story.view
        assert view["phase"] == "ending"
        assert view["ending"]["id"]
        assert isinstance(app.screen, S.ResultsScreen)
        # the result code is on screen as a QR code (or, if too long, we say so)
        assert app.screen.code
        assert app.screen.qr is not None or len(app.screen.code) > 2000


@pytest.mark.parametrize("mode", ["mouse", "touch", "keys"])
def test_every_activity_kind_is_played(entries, mode):
    e = every_feature(entries)
    seen = set()
    for seed in range(1, 6):
        app = App(entries=[e], seed=seed)
        app.start(e)
        d = Driver(app, mode, seed=seed)
        for _ in range(600):
            scr = app.screen
            if isinstance(scr, S.ActivityScreen):
                seen.add(scr.panel.act["kind"])
            if d.step() == "results":
                break
        if seen >= ALL_KINDS:
            break
    assert seen == ALL_KINDS


def test_window_of_any_size_is_letterboxed(entries):
    e = every_feature(entries)
    app = App(entries=[e], seed=4, size=(1280, 900))
    assert app.box.w == 1280 and app.box.h == 720 and app.box.y == 90
    app.start(e)
    d = Driver(app, "mouse", seed=4)
    assert d.play_to_results()
    tall = App(entries=[e], seed=4, size=(600, 800))
    assert tall.box.w == 600 and tall.box.x == 0 and tall.box.h == round(540 * 600 / 960)


def test_touch_generated_mouse_events_are_not_counted_twice(entries):
    e = every_feature(entries)
    app = App(entries=[e], seed=1)
    app.start(e)
    app.frame()
    b = app.screen.button("choice:ask-plan") or [x for x in app.screen.buttons if x.id.startswith("choice:")][0]
    pos = Driver(app).to_window(b.rect.center)
    for t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(t, pos=pos, button=1, touch=True))
    step = app.story.view["step"]
    app.frame()
    assert app.story.view["step"] == step       # ignored: the FINGER events carry touches


def find_activity(entries, kind, seed=1):
    """An app showing an activity of this kind in every-feature.yaml."""
    e = every_feature(entries)
    for s in range(seed, seed + 30):
        app = App(entries=[e], seed=s)
        app.start(e)
        d = Driver(app, "mouse", seed=s)
        for _ in range(200):
            scr = app.screen
            if isinstance(scr, S.ActivityScreen) and scr.panel.act["kind"] == kind:
                return app, d
            if d.step() == "results":
                break
    pytest.skip(f"no {kind} activity reached")


def test_drag_reorders_items(entries):
    app, d = find_activity(entries, "order")
    panel = app.screen.panel
    before = list(panel.order)
    first = app.screen.button(f"item:{before[0]}").rect.center
    last = app.screen.button(f"item:{before[-1]}").rect.center
    d.drag(first, (first[0], last[1]))
    assert panel.order == before[1:] + before[:1]
    assert panel.answer() == panel.order


def test_order_keyboard_grab_and_move(entries):
    app, d = find_activity(entries, "order")
    d.mode = "keys"
    panel = app.screen.panel
    before = list(panel.order)
    d.press(f"item:{before[1]}")            # grab the second item
    d.key(pygame.K_UP)
    assert panel.order[0] == before[1]
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)
    assert panel.order.index(before[1]) == 2 or len(before) == 2


def test_numeric_typing_and_keypad(entries):
    app, d = find_activity(entries, "numeric")
    panel = app.screen.panel
    assert not app.screen.button("submit").enabled
    d.key(pygame.K_1, text="1")
    d.key(pygame.K_PERIOD, text=".")
    d.key(pygame.K_5, text="5")
    assert panel.answer() == "1.5"  # sent as typed: the engine reads it the language's way
    d.key(pygame.K_BACKSPACE)
    d.press("key:back")
    d.press("key:7")
    assert panel.answer() == "17"
    assert app.screen.button("submit").enabled


def test_numeric_typed_as_printed_is_right_and_a_refusal_says_why(entries):
    """"6,112" in English and "6 112" / "6.112" in Spanish are 6112 (CNC kiosk cut's spindle
    speed); the keypad's decimal key writes the language's mark; an entry the engine
    cannot read is refused with its sentence and changes nothing."""
    from engine import Session
    entry = next(e for e in entries.values() if e.path.name == "cnc-first-run.yaml")
    for lang, keys in (("en", "6,112"), ("es", "6.112"), ("es", "6112"), ("en", "6112,5")):
        s = Session(entry.sim, seed=7, lang=lang, start=entry.sim.kiosk_start)
        while s.view()["phase"] != "activity":
            v = s.view()
            s.act({"type": "choose", "choice": v["choices"][0]["id"]} if v["choices"] else {"type": "continue"})
        app = App(entries=[entry], seed=1)
        app.resume(entry, s)
        d = Driver(app, "keys")
        assert isinstance(app.screen.panel, A.NumericPanel)
        assert app.screen.button("key:" + (",", ".")[lang == "en"]) is not None
        for ch in keys:
            d.key(pygame.K_0, text=ch)  # the text is what counts
        d.press("submit")
        if keys == "6112,5":
            assert app.story.view["phase"] == "activity" and "a point: 6112.5" in app.story.error
            app.frame()  # the refusal is drawn without crashing
        else:
            assert app.story.view["feedback"]["outcome"] == "correct", (lang, keys)


def test_match_pairs_left_then_right(entries):
    app, d = find_activity(entries, "match")
    panel = app.screen.panel
    (l1, _), (l2, _) = panel.items[:2]
    r1, r2 = panel.matches[0][0], panel.matches[1][0]
    d.press(f"left:{l1}")
    d.press(f"right:{r1}")
    assert panel.answer() == {l1: r1}
    d.press(f"left:{l2}")
    d.press(f"right:{r1}")                 # taking r1 away from l1
    assert panel.answer() == {l2: r1}
    d.press(f"right:{r1}")                 # tapping a paired right unpairs it
    assert panel.answer() == {}
    d.press(f"left:{l1}")
    d.press(f"right:{r2}")
    assert panel.answer() == {l1: r2}


def test_hotspot_miss_and_hit(entries):
    app, d = find_activity(entries, "hotspot")
    panel = app.screen.panel
    spots = panel.items
    d.post_click(panel.img_rect.topleft)   # the corner: not a spot
    assert panel.answer() == [] and panel.misses
    d.press(f"spot:{spots[0]['id']}")
    assert panel.answer() == [spots[0]["id"]]
    d.press(f"spot:{spots[0]['id']}")
    assert panel.answer() == []


def test_allocate_never_goes_over_budget(entries):
    app, d = find_activity(entries, "allocate")
    panel = app.screen.panel
    for _ in range(60):
        more = [b for b in app.screen.buttons if b.id.startswith("more:") and b.enabled]
        if not more:
            break
        d.press(more[0].id)
    assert panel.spent() <= panel.budget + 1e-9
    item = panel.items[0]["id"]
    if panel.qty[item]:
        q = panel.qty[item]
        d.press(f"less:{item}")
        assert panel.qty[item] == q - 1


def test_allocate_writes_its_numbers_the_languages_way(entries):
    app, _d = find_activity(entries, "allocate")
    panel = app.screen.panel
    panel.budget = 1234.5  # a budget with thousands and a decimal, as a simulation could set
    app.settings.lang = "en"
    assert "1,234.5" in panel.status()
    app.settings.lang = "es"
    assert "1234,5" in panel.status()


def test_multi_toggles(entries):
    app, d = find_activity(entries, "multi")
    panel = app.screen.panel
    oid = panel.items[0][0]
    d.press(f"opt:{oid}")
    assert panel.answer() == [oid]
    d.press(f"opt:{oid}")
    assert panel.answer() == [] and not app.screen.button("submit").enabled


def test_settings_language_contrast_text_size_sound(entries):
    e = every_feature(entries)
    app = App(entries=[e], seed=1)
    app.start(e)
    d = Driver(app, "mouse")
    english = app.story.view["text"]
    d.key(pygame.K_ESCAPE)
    assert isinstance(app.screen, S.SettingsScreen)
    d.press("lang:es")
    assert app.story.view["lang"] == "es" and app.story.view["text"] != english
    d.press("contrast")
    assert app.settings.high_contrast
    d.press("text+")
    assert app.settings.text_scale > 1.0
    d.press("mute")
    assert app.settings.muted and app.sounds.muted
    d.press("vol-")
    assert app.sounds.volume < 0.7
    d.press("motion")
    assert app.settings.reduced_motion
    d.press("close")
    assert isinstance(app.screen, S.SceneScreen)
    assert app.screen.button("settings") is not None
    # the scene still plays in Spanish, high contrast, bigger text
    assert Driver(app, "keys").play_to_results()
    assert app.story.view["lang"] == "es"


def test_refused_action_is_shown_and_changes_nothing(entries):
    e = every_feature(entries)
    app = App(entries=[e], seed=1)
    app.start(e)
    before = app.story.session.save()
    assert not app.story.act({"type": "choose", "choice": "no-such-choice"})
    assert app.story.error
    assert app.story.session.save() == before
    app.frame()                            # drawn without crashing


def test_text_surfaces_are_cached(entries):
    e = every_feature(entries)
    app = App(entries=[e], seed=1)
    app.start(e)
    app.frame()
    n = len(app.text.surfaces)
    app.frame()
    app.frame()
    assert len(app.text.surfaces) == n
    a = app.text.render("hello", 20, (0, 0, 0))
    assert app.text.render("hello", 20, (0, 0, 0)) is a


def test_launcher_lists_every_simulation_and_starts_one(entries):
    app = App(entries=list(entries.values()), seed=1)
    app.home()
    app.frame()
    tiles = [b for b in app.screen.buttons if b.id.startswith("sim:")]
    # the authoring example stays off the students' launcher
    students = [e for e in entries.values() if "examples" not in e.path.parts]
    assert len(tiles) == min(6, len(students))
    assert "sim:every-feature" not in {b.id for b in tiles}
    Driver(app, "touch").press(tiles[0].id)
    assert app.story is not None and isinstance(app.screen, S.SceneScreen)


def test_sounds_are_asked_for(entries):
    e = every_feature(entries)
    app = App(entries=[e], seed=2)
    app.start(e)
    Driver(app, "mouse", seed=2).play_to_results()
    played = set(app.sounds.last_played)
    assert "click" in played and "ending" in played


def test_main_renders_and_exits(tmp_path):
    sim = next(p for p in SIMS if p.name == "every-feature.yaml")
    out = tmp_path / "shot.png"
    assert main([str(sim), "--frames", "3", "--seed", "1", "--screenshot", str(out)]) == 0
    assert pygame.image.load(str(out)).get_size() == (960, 540)
    assert main(["--frames", "2"]) == 0
    assert main([str(tmp_path / "missing.yaml"), "--frames", "1"]) == 2


def test_every_sound_is_an_ogg_that_loads():
    from engine.desktop.resources import Sounds, content_dir
    folder = content_dir() / "audio"
    pygame.mixer.init()
    for name in Sounds.CUES + Sounds.SCENE_CUES + ("music-loop",):
        path = folder / f"{name}.ogg"
        assert path.is_file(), path
        assert pygame.mixer.Sound(str(path)).get_length() > 0.02
    assert not list(folder.glob("*.wav")) and not list(folder.glob("*.mp3"))
    assert set(Sounds.SCENE_CUES) <= set(Sounds().available())


def test_every_scene_sound_cue_has_a_sound():
    from engine.desktop.resources import content_dir
    folder = content_dir() / "audio"
    cues = set()
    for sim in SIMS:
        for line in sim.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("sound:"):
                cues.add(line.split(":", 1)[1].split("#")[0].strip().strip("'\""))
    cues.discard("null")
    cues.discard("")
    missing = sorted(c for c in cues if not (folder / f"{c}.ogg").is_file())
    assert not missing, f"sound cues with no content/audio/<cue>.ogg: {missing}"


def test_an_unknown_cue_plays_nothing_and_never_raises():
    from engine.desktop.resources import Sounds
    snd = Sounds()
    for name in ("no-such-cue", "../ui", "", None, "ALARM!"):
        snd.play(name)
        if name:
            assert snd._get(name) is None
    assert "no-such-cue" in snd.last_played


def test_player_words_exist_in_both_languages():
    from engine.desktop.strings import KEYS, Strings
    s = Strings()
    for key in KEYS:
        en, es = s.get(key, "en"), s.get(key, "es")
        assert en and es and en != key, key
    # ui.yaml's canvas_<key> entries are what the player shows
    import yaml
    from engine.desktop.resources import content_dir
    ui = yaml.safe_load((content_dir() / "ui.yaml").read_text(encoding="utf-8"))["strings"]
    for key, value in ui.items():
        if key.startswith("canvas_"):
            assert s.get(key[len("canvas_"):], "es") == value["es"]


def test_main_kiosk_cut_and_resume_code(entries, tmp_path, capsys):
    from engine import Session
    e = every_feature(entries)
    assert main([str(e.path), "--kiosk-cut", "--frames", "1", "--seed", "2"]) == 0
    s = Session(e.sim, seed=5, lang="es")
    first = s.view()["choices"][0]["id"]
    s.act({"type": "choose", "choice": first})
    code = s.resume_code()
    app = App(entries=[e])
    app.resume(e, Session.from_resume_code(e.sim, code))
    assert app.story.view["step"] == 1 and app.settings.lang == "es"
    assert main([str(e.path), "--resume", code, "--frames", "1"]) == 0
    assert main([str(e.path), "--resume", "not-a-code", "--frames", "1"]) == 0
    assert "could not be used" in capsys.readouterr().err


def test_launcher_pages_through_many_simulations(entries):
    from engine.desktop.app import Entry
    many = [Entry(f"{e.id}-{k}", e.path, e.sim) for k in range(3) for e in entries.values()]
    app = App(entries=many, seed=1)
    app.home()
    d = Driver(app, "keys")
    first = [b.id for b in app.screen.buttons if b.id.startswith("sim:")]
    assert len(first) == min(6, len(many))
    if len(many) > 6:
        d.press("next")
        second = [b.id for b in app.screen.buttons if b.id.startswith("sim:")]
        assert second and not set(second) & set(first)
        d.press("prev")
        assert [b.id for b in app.screen.buttons if b.id.startswith("sim:")] == first
