"""Screenshot tests for the canvas player: key screens rendered headless to PNG and
compared with the references in tests/screenshots/ within a tolerance, so layout
regressions show. The screens are fed fixed views (no engine, no content art; the one
picture, tests/screenshots/fixtures/drawing.svg, is the tests' own) so content edits do
not move them.

Refresh the references after an intended change:  make screenshots
(UPDATE_SCREENSHOTS=1 pytest tests/desktop/test_desktop_screenshots.py). A failing screen is
written to tests/screenshots/_actual/ for a look.
"""
import copy
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.desktop import screens as S  # noqa: E402
from engine.desktop.app import App, Entry  # noqa: E402
from engine.desktop.kiosk import KioskApp, KioskConfig, StillThere  # noqa: E402
from engine.desktop.story import Story  # noqa: E402
from engine.desktop.theme import Settings  # noqa: E402
from engine.model import Text  # noqa: E402

HERE = Path(__file__).resolve().parents[1] / "screenshots"
ACTUAL = HERE / "_actual"
UPDATE = os.environ.get("UPDATE_SCREENSHOTS") == "1"
MEAN_TOLERANCE = 1.5        # mean absolute difference per channel (0-255)
PIXEL_TOLERANCE = 0.01      # share of pixels allowed to differ by more than 48

BASE = {
    "format": 2,
    "sim": {"id": "shot", "version": "1.0.0", "title": "Night Shift in the ER", "field": "healthcare",
            "career": "registered-nurse"},
    "lang": "en", "languages": ["en", "es"], "phase": "scene", "scene": "triage", "step": 4,
    "speaker": {"id": "maya", "name": "Maya Okafor", "role": "Charge nurse", "portrait": None},
    "background": None, "sound": None,
    "text": "Three patients came in at once. One is pale and breathing fast, one has a cut "
            "hand, and one has a sore ankle. Who do you see first?",
    "notices": ["The waiting room is getting full."],
    "meters": [{"id": "safety", "label": "Patient safety", "value": 72, "min": 0, "max": 100,
                "show": "meter", "good": "high"},
               {"id": "stress", "label": "Stress", "value": 35, "min": 0, "max": 100,
                "show": "meter", "good": "low"},
               {"id": "seen", "label": "Patients seen", "value": 4, "min": 0, "max": 50,
                "show": "counter", "good": "high"}],
    "clock": {"time": "20:10", "elapsed": 70, "limit": 480, "left": 410},
    "choices": [{"id": "pale", "text": "The pale patient who is breathing fast", "enabled": True, "locked": None},
                {"id": "hand", "text": "The patient with the cut hand", "enabled": True, "locked": None},
                {"id": "call", "text": "Call the doctor for all three", "enabled": False,
                 "locked": "You need more trust first."}],
    "continue": False, "activity": None, "feedback": None, "ending": None,
}

ACTIVITIES = {
    "order": {"kind": "order", "prompt": "Put the patients in order: most urgent first.",
              "items": [{"id": "a", "text": "Sore ankle, calm"}, {"id": "b", "text": "Chest pain, sweating"},
                        {"id": "c", "text": "Cut hand, bleeding a little"}]},
    "numeric": {"kind": "numeric", "prompt": "The order is 250 mg. You have 125 mg in 5 mL. How many mL?",
                "unit": "mL", "decimals": 1},
    "multi": {"kind": "multi", "prompt": "Which of these do you need before you start?",
              "items": [{"id": "g", "text": "Gloves"}, {"id": "w", "text": "Clean hands"},
                          {"id": "p", "text": "A phone"}, {"id": "c", "text": "The patient's chart"}]},
    "match": {"kind": "match", "prompt": "Match each tool with its job.",
              "items": [{"id": "l1", "text": "Thermometer"}, {"id": "l2", "text": "Blood pressure cuff"},
                        {"id": "l3", "text": "Pulse oximeter"}],
              "matches": [{"id": "r2", "text": "Measures blood pressure"}, {"id": "r3", "text": "Oxygen in the blood"},
                          {"id": "r1", "text": "Body temperature"}]},
    # no such file: the panel draws its plain stand-in, as for art that is missing
    "hotspot": {"kind": "hotspot", "prompt": "Tap every hazard in the room.", "image": "no-such-art.png",
                "width": 800, "height": 450,
                "items": [{"id": "s1", "text": "Wet floor", "x": 60, "y": 300, "w": 140, "h": 90},
                          {"id": "s2", "text": "Open sharps box", "x": 520, "y": 80, "w": 160, "h": 100},
                          {"id": "s3", "text": "Bed rail down", "x": 330, "y": 200, "w": 120, "h": 120}]},
    "hotspot-drawing": {"kind": "hotspot", "prompt": "Tap the size with the tightest tolerance (the smallest ± number, ≤ 0.2).",
                        "image": str(HERE / "fixtures" / "drawing.svg"), "width": 800, "height": 450,
                        "items": [{"id": "len", "text": "Length: 100.0 ± 0.5", "x": 225, "y": 70, "w": 150, "h": 38},
                                  {"id": "h", "text": "Height: 40.0 ± 0.2", "x": 540, "y": 170, "w": 40, "h": 120}]},
    "allocate": {"kind": "allocate", "prompt": "Spend your budget on supplies for the night.",
                 "budget": 100, "unit": "USD",
                 "items": [{"id": "m", "text": "Masks (box)", "cost": 20, "max": 3},
                           {"id": "g", "text": "Gloves (box)", "cost": 15, "max": 4},
                           {"id": "b", "text": "Bandages", "cost": 10, "max": 5}],
                 "goals": [{"attr": "safety", "min": 3, "label": "Enough protection"},
                           {"attr": "care", "min": 2, "label": "Wound care"}]},
}

ENDING = {
    "id": "great", "title": "A shift to be proud of", "rating": 2, "max_rating": 3,
    "text": "Your patients were safe and they trusted you. Maya says you did well tonight.",
    "debrief": {"went_well": ["You saw the sickest patient first."],
                "try_next": ["Check the dose twice before you give it."],
                "professional": ["Nurses ask for help early. It keeps patients safe."],
                "reflection": ["What was the hardest choice tonight?"]},
    # the debrief shows the fields that have text; the empty ones are left out
    "career": {"id": "registered-nurse", "title": "Registered Nurse", "field": "healthcare",
               "onet": {"code": "", "title": ""}, "cluster": "", "riasec": "",
               "description": "Nurses care for people who are sick or hurt.", "day": "",
               "wage": {"median_annual": 93600, "year": 2024, "soc": "", "source": "", "url": "",
                        "display": "$93,600 a year (2024)"},
               "education": "An associate's or bachelor's degree.", "training": "",
               "certifications": [], "courses": [], "related": [], "attribution": ""},
    "skills": [{"id": "teamwork", "name": "Teamwork", "description": "You work with others.",
                "category": "effective-relationships", "category_name": "Effective Relationships",
                "part_of": "interpersonal", "count": 2}],
    "result": {"sim": "shot", "version": "1.0.0", "ending": "great", "title": "A shift to be proud of",
               "rating": 2, "max_rating": 3, "variables": {"safety": 72, "stress": 35, "seen": 4},
               "skills": {"teamwork": 2}, "riasec": {"S": 2},
               "evidence": [{"skill": "teamwork", "scene": "triage", "how": "good"},
                            {"skill": "teamwork", "scene": "triage", "how": "right"}],
               "chances": {"S": 2}, "minutes": 70, "steps": 4,
               "activities": [{"scene": "triage", "kind": "order", "score": 0.67, "outcome": "partial"}],
               "seed": 1},
    "enjoy": [],  # no statements to rate: the screens stay as they were
    "result_code": "CTD1-shot-1.0.0-great-2-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
}


class FakeSession:
    def __init__(self, view):
        self._view = view

    def view(self):
        return copy.deepcopy(self._view)

    def act(self, action):
        pass

    def set_language(self, lang):
        self._view["lang"] = lang

    def resume_code(self):
        return "resume"


def view_for(name):
    v = copy.deepcopy(BASE)
    if name.startswith("activity-"):
        v.update(phase="activity", choices=[], notices=[], speaker=None,
                 activity={**ACTIVITIES[name[9:]], "scene": "triage"})
    elif name == "feedback":
        v.update(phase="feedback", choices=[], notices=[], feedback={
            "kind": "order", "outcome": "partial", "score": 0.67, "text": "Close! The chest pain comes first.",
            "explain": "Chest pain with sweating can be a heart attack: ESI level 2.",
            "correct": {"answer": ["b", "c", "a"],
                        "display": ["1. Chest pain, sweating", "2. Cut hand", "3. Sore ankle"]},
            "answer": ["c", "b", "a"], "sources": []})
        v["continue"] = True
    elif name in ("ending", "debrief", "results"):
        v.update(phase="ending", choices=[], notices=[], ending=copy.deepcopy(ENDING), speaker=None)
    return v


def render(name) -> pygame.Surface:
    settings = Settings()
    if name == "scene-contrast":
        settings = Settings(high_contrast=True, text_scale=1.3)
    if name.startswith("kiosk"):
        sim = type("Sim", (), {"title": Text((("en", "Night Shift in the ER"),)), "minutes": 12,
                               "field": "healthcare", "kiosk_start": None, "languages": ("en",),
                               "art_path": lambda self, n: None})()
        entry = Entry("shot", Path("shot.yaml"), sim)
        clock = [0.0]
        app = KioskApp(entries=[entry], settings=settings, clock=lambda: clock[0],
                       config=KioskConfig(pin="3917"))  # (no PIN: the first-start PIN screen)
        app.home()
        if name == "kiosk-still-there":
            app.story = Story(app, None, FakeSession(view_for("scene")))
            app.on_view(app.story)
            app.overlay = StillThere(app, 15.0)
            app.overlay.enter()
        for _ in range(30):
            app.frame()
        return app.canvas.copy()
    app = App(entries=[], settings=settings, seed=1)
    view_name = "scene" if name in ("scene-contrast", "settings") else name
    app.story = Story(app, None, FakeSession(view_for(view_name)))
    app.on_view(app.story)
    if name == "debrief":
        app.show(S.DebriefScreen(app))
    elif name == "results":
        app.show(S.ResultsScreen(app))
    elif name == "settings":
        app.open_settings()
    for _ in range(120):
        app.frame()
    return app.canvas.copy()


@pytest.mark.parametrize("name", ["scene", "feedback", "ending"] + [f"activity-{k}" for k in ACTIVITIES])
def test_the_fixed_views_follow_the_view_contract(name):
    """The screens read the view directly where docs/view.md guarantees a key, so the
    views fed to them here must be whole views (docs/view.schema.json)."""
    jsonschema = pytest.importorskip("jsonschema")
    from engine.viewschema import view_schema
    errors = [e.message for e in jsonschema.Draft202012Validator(view_schema()).iter_errors(view_for(name))]
    assert errors == []


def test_debrief_without_the_catalogue_shows_skills_by_name_and_no_career_pages():
    full = S.DebriefScreen(_app_with(view_for("debrief"))).pages()
    assert ["Teamwork: You work with others."] in [items for _head, items in full]
    assert any("Registered Nurse" in items for _head, items in full)
    view = view_for("debrief")
    view["ending"].update(career=None, skills=[{"id": "teamwork", "name": "teamwork", "count": 2}])
    bare = S.DebriefScreen(_app_with(view)).pages()
    assert ["teamwork"] in [items for _head, items in bare]
    assert not any("Registered Nurse" in items for _head, items in bare)
    assert len(bare) < len(full)


def _app_with(view):
    app = App(entries=[], settings=Settings(), seed=1)
    app.story = Story(app, None, FakeSession(view))
    return app


SCREENS = ["scene", "scene-contrast", "settings", "feedback", "ending", "debrief", "results",
           "kiosk-attract", "kiosk-still-there"] + [f"activity-{k}" for k in ACTIVITIES]


def compare(a: pygame.Surface, b: pygame.Surface):
    """(mean absolute difference per channel, share of pixels off by more than 48)."""
    small = (240, 135)        # compare at quarter size: robust to sub-pixel text shifts
    ra = pygame.image.tobytes(pygame.transform.smoothscale(a.convert_alpha(), small), "RGB")
    rb = pygame.image.tobytes(pygame.transform.smoothscale(b.convert_alpha(), small), "RGB")
    diffs = [abs(x - y) for x, y in zip(ra, rb)]
    far = sum(1 for i in range(0, len(diffs), 3) if max(diffs[i:i + 3]) > 48)
    n = small[0] * small[1]
    return sum(diffs) / (3 * n), far / n


@pytest.mark.parametrize("name", SCREENS)
def test_screen_matches_reference(name):
    shot = render(name)
    assert shot.get_size() == (960, 540)
    ref_path = HERE / f"{name}.png"
    if UPDATE:
        HERE.mkdir(parents=True, exist_ok=True)
        pygame.image.save(shot, str(ref_path))
        return
    if not ref_path.is_file():
        pytest.fail(f"no reference {ref_path.name}: run `make screenshots`")
    ref = pygame.image.load(str(ref_path))
    mean, far = compare(shot, ref)
    if mean > MEAN_TOLERANCE or far > PIXEL_TOLERANCE:
        ACTUAL.mkdir(parents=True, exist_ok=True)
        pygame.image.save(shot, str(ACTUAL / f"{name}.png"))
        pytest.fail(f"{name} differs from its reference: mean {mean:.2f}, {far:.1%} of pixels far off "
                    f"(see {ACTUAL / (name + '.png')})")


def test_comparison_catches_a_moved_layout():
    shot = render("scene")
    moved = pygame.Surface(shot.get_size())
    moved.fill((0, 0, 0))
    moved.blit(shot, (0, 40))
    mean, far = compare(shot, moved)
    assert mean > MEAN_TOLERANCE or far > PIXEL_TOLERANCE
    assert compare(shot, shot.copy()) == (0, 0)
