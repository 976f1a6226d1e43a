"""The pygame-ce canvas player: window, letterboxed 960×540 canvas, input, main loop.

Run it with ``testdrive play SIM --desktop`` or ``testdrive desktop`` (a launcher for
every simulation). The loop is async (``await asyncio.sleep(0)`` each frame) so the
same code runs in the browser under pygbag.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pygame

from . import prefs
from .resources import Images, Sounds, Text, simulation_files
from .screens import (ActivityScreen, EndingScreen, FeedbackScreen, LauncherScreen,
                      SceneScreen, SettingsScreen)
from .story import Story
from .strings import Strings
from .theme import H, W, Settings
from .widgets import Button, Input, Screen, letterbox

WEB = sys.platform == "emscripten"


@dataclass
class Entry:
    """One simulation on disk, loaded once."""

    id: str
    path: Path
    sim: object

    def title(self, lang: str) -> str:
        t = getattr(self.sim, "title", None)
        return t.get(lang) if hasattr(t, "get") else str(t or self.id)

    @property
    def minutes(self):
        return getattr(self.sim, "minutes", 0) or 0

    @property
    def field(self):
        return getattr(self.sim, "field", "other") or "other"

    @property
    def cover(self):
        art = getattr(self.sim, "art_path", None)
        return (art("cover") or art("icon")) if art else None

    @property
    def kiosk_start(self):
        return getattr(self.sim, "kiosk_start", None)

    @property
    def languages(self):
        return tuple(getattr(self.sim, "languages", ()) or ("en",))


def load_entries(paths=None, errors: list | None = None) -> list[Entry]:
    """Simulations from YAML files, or from compiled JSON (engine.compile) for .json."""
    from engine import load_simulation
    out = []
    for p in paths if paths is not None else simulation_files():
        try:
            if str(p).endswith(".json"):
                from engine.compile import load_compiled
                sim = load_compiled(Path(p).read_text(encoding="utf-8"))
            else:
                sim = load_simulation(str(p))
        except Exception as exc:   # a broken file is listed by lint; skip it here
            if errors is not None:
                errors.append(f"{p}: {exc}")
            continue
        out.append(Entry(getattr(sim, "id", Path(p).stem), Path(p), sim))
    return out


def new_session(entry: Entry, *, seed=None, lang="en", kiosk=False):
    from engine import Session
    seed = int(time.time() * 1000) % 1_000_000 if seed is None else seed
    if lang not in entry.languages:
        lang = entry.languages[0]
    start = entry.kiosk_start if kiosk and entry.kiosk_start else None
    return Session(entry.sim, seed=seed, lang=lang, start=start)


class App:
    """The window, the canvas and the current screen."""

    def __init__(self, *, entries=None, settings: Settings | None = None, size=None,
                 clock=None, mirror=None, seed=None, headless=None, prefs_path=None):
        if headless is None:
            headless = os.environ.get("SDL_VIDEODRIVER") == "dummy"
        self.headless = headless
        pygame.init()
        self.settings = settings or Settings()
        # where the player's settings are kept between runs (None: nowhere, e.g. kiosk)
        self.prefs_path = prefs_path
        self._saved_prefs = self._prefs_snapshot()
        self.window_size = tuple(size or (W, H))
        flags = pygame.RESIZABLE if not WEB else 0
        if self.settings.fullscreen and not WEB and not headless:
            self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.window = pygame.display.set_mode(self.window_size, flags)
        pygame.display.set_caption("Career Test-Drive")
        self.canvas = pygame.Surface((W, H)).convert()
        self.box, self.k = letterbox(self.window.get_size())
        self.text = Text()
        self.images = Images(text=self.text)
        self.sounds = Sounds(self.settings.volume, self.settings.muted)
        self.strings = Strings()
        self.clock = clock or time.monotonic
        self.mirror = mirror
        self.seed = seed
        self.entries = list(entries or [])
        self.screen: Screen | None = None
        self.overlay: Screen | None = None
        self.story: Story | None = None
        self.running = True
        self.show_focus = False
        self.last_input = self.clock()
        self.finger = None
        self.frames = 0
        self.tick = pygame.time.Clock()
        self.exit_code = 0

    # -- screens ------------------------------------------------------------------------
    def show(self, screen: Screen):
        if self.screen is not None and self.screen is not screen:
            self.screen.leave()
        self.screen = screen
        screen.enter()

    def home(self):
        self.story = None
        # the authoring example (simulations/examples/) stays off the students' launcher
        shown = [e for e in self.entries if "examples" not in Path(e.path).parts]
        self.show(LauncherScreen(self, shown or self.entries))

    def start(self, entry: Entry, *, seed=None, kiosk=False):
        session = new_session(entry, seed=self.seed if seed is None else seed,
                              lang=self.settings.lang, kiosk=kiosk)
        self.story = Story(self, entry.sim, session, path=entry.path)
        self.story.entry = entry
        self.sounds.play("start")
        self.sounds.music(True)
        self.on_view(self.story)

    def resume(self, entry: Entry, session):
        """Carry on a session made elsewhere (a resume code)."""
        self.settings.lang = session.view()["lang"]
        self.story = Story(self, entry.sim, session, path=entry.path)
        self.story.entry = entry
        self.sounds.music(True)
        self.on_view(self.story)

    def on_view(self, story: Story):
        """The story has a new view: show the screen for its phase."""
        cls = {"scene": SceneScreen, "activity": ActivityScreen, "feedback": FeedbackScreen,
               "ending": EndingScreen}[story.view["phase"]]
        self.show(cls(self))

    def on_finished(self, story: Story):
        pass

    def results_buttons(self, screen) -> list[Button]:
        out = []
        if self.story is not None and getattr(self.story, "entry", None) is not None:
            entry = self.story.entry
            out.append(Button("again", pygame.Rect(W // 2 - 130, H - 62, 260, 50),
                              screen.tr("play_again"), lambda: self.start(entry)))
        out.append(Button("menu", pygame.Rect(W - 16 - 280, H - 62, 280, 50), screen.tr("menu"),
                          self.home))
        return out

    def settings_extra_buttons(self, screen) -> list[Button]:
        out = []
        if self.story is not None:
            out.append(Button("menu", pygame.Rect(40 + 24, H - 88, 280, 50), screen.tr("menu"),
                              self.home))
        else:
            out.append(Button("quit", pygame.Rect(40 + 24, H - 88, 200, 50), screen.tr("quit"),
                              self.quit))
        return out

    def open_settings(self):
        if not isinstance(self.screen, SettingsScreen):
            self.show(SettingsScreen(self, self.screen))

    def languages(self):
        if self.story is not None:
            return list(self.story.view["languages"])
        langs = []
        for e in self.entries:
            for lg in e.languages:
                if lg not in langs:
                    langs.append(lg)
        return langs or ["en", "es"]

    def set_language(self, lang: str):
        self.settings.lang = lang
        if self.story is not None:
            self.story.set_language(lang)
        self.save_prefs()

    def apply_settings(self):
        self.sounds.set(volume=self.settings.volume, muted=self.settings.muted)
        # the text cache needs no clearing: its keys carry size and colour
        self.save_prefs()

    def _prefs_snapshot(self):
        return tuple(getattr(self.settings, k) for k in prefs.KEYS)

    def save_prefs(self):
        """Keep the settings for next time (desktop only), when they changed."""
        if self.prefs_path is None:
            return
        now = self._prefs_snapshot()
        if now != self._saved_prefs and prefs.save(self.settings, self.prefs_path):
            self._saved_prefs = now

    def toggle_fullscreen(self):
        self.settings.fullscreen = not self.settings.fullscreen
        if WEB or self.headless:
            return
        try:
            if self.settings.fullscreen:
                self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.window = pygame.display.set_mode(self.window_size, pygame.RESIZABLE)
        except pygame.error:
            self.settings.fullscreen = False
        self.box, self.k = letterbox(self.window.get_size())

    def quit(self):
        self.running = False

    # -- input --------------------------------------------------------------------------
    def to_canvas(self, x, y) -> tuple[int, int]:
        return (int((x - self.box.x) / self.k), int((y - self.box.y) / self.k))

    def translate(self, ev) -> Input | None:
        t = ev.type
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if getattr(ev, "touch", False):
                return None                       # the FINGER events carry touches
            if ev.button in (4, 5):
                return None
            return Input("down" if t == pygame.MOUSEBUTTONDOWN else "up", self.to_canvas(*ev.pos))
        if t == pygame.MOUSEMOTION:
            if getattr(ev, "touch", False):
                return None
            return Input("move", self.to_canvas(*ev.pos))
        if t in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            ww, wh = self.window.get_size()
            pos = self.to_canvas(ev.x * ww, ev.y * wh)
            fid = getattr(ev, "finger_id", 0)
            if t == pygame.FINGERDOWN:
                if self.finger is not None:
                    return None
                self.finger = fid
                return Input("down", pos, pointer="touch")
            if fid != self.finger:
                return None
            if t == pygame.FINGERUP:
                self.finger = None
                return Input("up", pos, pointer="touch")
            return Input("move", pos, pointer="touch")
        if t == pygame.MOUSEWHEEL:
            return Input("wheel", None, dy=ev.y)
        if t == pygame.KEYDOWN:
            return Input("key", None, key=ev.key, mod=ev.mod, text=getattr(ev, "unicode", "") or "",
                         pointer="key")
        return None

    def handle_event(self, ev):
        if ev.type == pygame.QUIT:
            self.quit()
            return
        if ev.type in (pygame.VIDEORESIZE, pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
            self.box, self.k = letterbox(self.window.get_size())
            return
        inp = self.translate(ev)
        if inp is None:
            return
        self.dispatch(inp)

    def dispatch(self, inp: Input):
        self.last_input = self.clock()
        if inp.kind == "key":
            self.show_focus = True
        elif inp.kind == "down":
            self.show_focus = False
        if self.global_key(inp):
            return
        target = self.overlay or self.screen
        if target is not None:
            target.handle(inp)

    def global_key(self, inp: Input) -> bool:
        if inp.kind != "key":
            return False
        if inp.key == pygame.K_F11:
            self.toggle_fullscreen()
            return True
        if inp.key == pygame.K_ESCAPE and self.overlay is None and not isinstance(self.screen, SettingsScreen):
            if self.story is not None or isinstance(self.screen, LauncherScreen):
                self.open_settings()
                return True
        if inp.key == pygame.K_m and inp.mod & pygame.KMOD_CTRL:
            self.settings.muted = not self.settings.muted
            self.apply_settings()
            return True
        return False

    # -- the frame ----------------------------------------------------------------------
    def frame(self, dt: float = 1 / 60):
        for ev in pygame.event.get():
            self.handle_event(ev)
        if self.mirror is not None:
            for bid in self.mirror.take():
                self.last_input = self.clock()
                (self.overlay or self.screen).press(bid)
        self.update(dt)
        self.draw()
        self.present()
        if self.mirror is not None:
            self.mirror.sync(self)
        self.frames += 1

    def update(self, dt):
        if self.screen is not None:
            self.screen.update(dt)
        if self.overlay is not None:
            self.overlay.update(dt)

    def draw(self):
        if self.screen is not None:
            self.screen.draw(self.canvas)
        if self.overlay is not None:
            self.overlay.draw(self.canvas)

    def present(self):
        if self.window.get_size() == (W, H):
            self.window.blit(self.canvas, (0, 0))
        else:
            self.window.fill((0, 0, 0))
            if self.box.size == (W, H):
                self.window.blit(self.canvas, self.box)
            else:
                pygame.transform.smoothscale(self.canvas, self.box.size,
                                             self.window.subsurface(self.box))
        if not self.headless:
            pygame.display.flip()

    async def run(self):
        while self.running:
            dt = self.tick.tick(60) / 1000.0
            self.frame(min(dt, 0.1))
            await asyncio.sleep(0)
        self.sounds.music(False)
        return self.exit_code

    def screenshot(self, path):
        pygame.image.save(self.canvas, str(path))


# -- command line ---------------------------------------------------------------------------
def parse_size(text: str):
    try:
        w, h = text.lower().split("x")
        return int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError("size is WIDTHxHEIGHT, e.g. 1280x720")


def build_parser():
    p = argparse.ArgumentParser(prog="testdrive play --desktop",
                                description="Play simulations in the pygame-ce canvas player.")
    p.add_argument("sim", nargs="?", help="a simulation YAML file; leave out for the launcher")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--lang", default=None, help="language (default: the saved one, else en)")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--size", type=parse_size, default=(W, H), help="window size, e.g. 1280x720")
    p.add_argument("--high-contrast", action="store_true", default=None)
    p.add_argument("--text-scale", type=float, default=None)
    p.add_argument("--mute", action="store_true", default=None)
    p.add_argument("--reduced-motion", action="store_true", default=None)
    p.add_argument("--no-saved-settings", action="store_true",
                   help="neither read nor keep settings in ~/.config/career-test-drive/")
    p.add_argument("--kiosk-cut", action="store_true", help="start at the simulation's kiosk cut")
    p.add_argument("--resume", default=None, help="a resume code to carry on from")
    p.add_argument("--frames", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--screenshot", default=None, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    prefs_path = None if args.no_saved_settings else prefs.config_path()
    settings = Settings(fullscreen=args.fullscreen)
    if prefs_path is not None:
        prefs.apply(settings, prefs.load(prefs_path))
    given = {"lang": args.lang, "high_contrast": args.high_contrast, "text_scale": args.text_scale,
             "muted": args.mute, "reduced_motion": args.reduced_motion}
    for key, value in given.items():      # options on the command line win
        if value is not None:
            setattr(settings, key, value)
    errors: list[str] = []
    if args.sim:
        entries = load_entries([Path(args.sim)], errors)
        if not entries:
            for e in errors:
                print(e, file=sys.stderr)
            return 2
    else:
        entries = load_entries(None, errors)
        for e in errors:
            print("skipped:", e, file=sys.stderr)
    app = App(entries=entries, settings=settings, size=args.size, seed=args.seed,
              prefs_path=prefs_path)
    if args.sim and args.resume:
        from engine import SaveError, Session
        try:
            session = Session.from_resume_code(entries[0].sim, args.resume)
        except SaveError as exc:
            print(f"That code could not be used: {exc}. Starting fresh.", file=sys.stderr)
            app.start(entries[0], kiosk=args.kiosk_cut)
        else:
            app.resume(entries[0], session)
    elif args.sim:
        app.start(entries[0], kiosk=args.kiosk_cut)
    else:
        app.home()
    if args.frames:
        for _ in range(args.frames):
            app.frame()
        if args.screenshot:
            app.screenshot(args.screenshot)
        return 0
    return asyncio.run(app.run())


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
