"""The desktop player keeps its settings between runs (a JSON file in the user's config
folder); kiosk mode keeps nothing; a broken file is ignored with a warning."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from engine.desktop import prefs  # noqa: E402
from engine.desktop import screens as S  # noqa: E402
from engine.desktop.app import App, load_entries, main  # noqa: E402
from engine.desktop.kiosk import KioskApp, KioskConfig  # noqa: E402
from engine.desktop.resources import simulation_files  # noqa: E402
from engine.desktop.theme import Settings  # noqa: E402


@pytest.fixture()
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "cfg" / "career-test-drive" / "settings.json"


@pytest.fixture(scope="module")
def entry():
    sims = [p for p in simulation_files() if p.name == "every-feature.yaml"]
    if not sims:
        pytest.skip("simulations/examples/every-feature.yaml is missing")
    return load_entries(sims, [])[0]


def test_config_path_follows_xdg(tmp_path):
    assert prefs.config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == \
        tmp_path / "career-test-drive" / "settings.json"
    home = prefs.config_path({})
    assert home == Path.home() / ".config" / "career-test-drive" / "settings.json"
    assert prefs.config_path({"XDG_CONFIG_HOME": "relative/dir"}) == home   # spec: absolute only


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "x" / "settings.json"
    s = Settings(lang="es", text_scale=1.3, high_contrast=True, muted=True, volume=0.4,
                 reduced_motion=True, fullscreen=True)
    assert prefs.save(s, path)
    data = json.loads(path.read_text())
    assert "fullscreen" not in data and data["lang"] == "es"
    got = prefs.apply(Settings(), prefs.load(path))
    assert (got.lang, got.text_scale, got.high_contrast, got.muted, got.volume, got.reduced_motion) \
        == ("es", 1.3, True, True, 0.4, True)
    assert got.fullscreen is False


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b"null", b""])
def test_a_corrupt_file_is_ignored_with_a_warning(tmp_path, capsys, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert prefs.load(path) == {}
    assert "warning" in capsys.readouterr().err


def test_bad_values_are_dropped_one_by_one(tmp_path, capsys):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"lang": "es", "volume": 7, "text_scale": "big",
                                "muted": "yes", "high_contrast": True, "extra": 1}))
    assert prefs.load(path) == {"lang": "es", "high_contrast": True}
    err = capsys.readouterr().err
    assert "volume" in err and "text_scale" in err and "muted" in err


def test_settings_screen_changes_are_kept_for_the_next_run(config, entry):
    app = App(entries=[entry], seed=1, prefs_path=prefs.config_path())
    app.home()
    app.open_settings()
    scr = app.screen
    assert isinstance(scr, S.SettingsScreen)
    for bid in ("text+", "contrast", "mute", "vol-", "motion", "lang:es"):
        assert scr.press(bid), bid
    saved = json.loads(config.read_text())
    assert saved["high_contrast"] is True and saved["muted"] is True
    assert saved["text_scale"] > 1.0 and saved["volume"] == 0.6
    assert saved["reduced_motion"] is True and saved["lang"] == "es"
    # the next run starts with them
    assert main(["--frames", "1"]) == 0
    again = prefs.apply(Settings(), prefs.load(config))
    assert again.high_contrast and again.lang == "es"


def test_main_reads_saved_settings_and_flags_win(config, entry, monkeypatch):
    prefs.save(Settings(lang="es", high_contrast=True, text_scale=1.15), config)
    seen = {}
    real_init = App.__init__

    def spy(self, *a, **kw):
        real_init(self, *a, **kw)
        seen["settings"] = self.settings
        seen["path"] = self.prefs_path
    monkeypatch.setattr(App, "__init__", spy)
    assert main([str(entry.path), "--frames", "1", "--text-scale", "1.3"]) == 0
    s = seen["settings"]
    assert (s.lang, s.high_contrast, s.text_scale) == ("es", True, 1.3)
    assert seen["path"] == config
    assert main([str(entry.path), "--frames", "1", "--no-saved-settings"]) == 0
    assert seen["path"] is None and seen["settings"].lang == "en"


def test_main_survives_a_corrupt_settings_file(config, capsys):
    config.parent.mkdir(parents=True)
    config.write_text("{{{")
    assert main(["--frames", "1"]) == 0
    assert "warning" in capsys.readouterr().err


def test_an_unwritable_config_folder_is_only_a_warning(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert prefs.save(Settings(), blocker / "sub" / "settings.json") is False
    assert "warning" in capsys.readouterr().err


def test_the_kiosk_keeps_no_settings(config, entry, tmp_path):
    app = KioskApp(entries=[entry], config=KioskConfig(data_dir=tmp_path / "kiosk"),
                   prefs_path=config)
    assert app.prefs_path is None
    app.start(entry)
    app.open_settings()
    app.screen.press("contrast")
    app.screen.press("text+")
    app.reset()
    assert not config.exists() and not config.parent.exists()
    assert app.settings.high_contrast is False
