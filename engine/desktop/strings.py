"""The canvas player's words (buttons, headings), English and Spanish."""
from __future__ import annotations

from ..catalogue import CatalogueError, load_ui

# The words the canvas player uses; their text lives in content/ui.yaml (a shared key,
# or canvas_<key> where the player's wording differs). A test checks each one exists.
KEYS: tuple[str, ...] = (
    "app_title", "continue", "check_answer", "settings", "back", "next", "done", "play",
    "play_again", "menu", "quit", "text_size", "high_contrast", "language", "sound",
    "volume", "mute", "on", "off", "fullscreen", "reduced_motion", "choose_sim",
    "minutes_n", "correct", "partly_correct", "not_quite", "score", "the_right_answer",
    "debrief", "what_went_well", "try_next", "what_a_pro_would_do", "reflection",
    "skills_you_used", "career_day", "median_wage", "education", "training",
    "certifications", "courses", "related_careers", "career_onet", "career_facts",
    "results", "scan_to_take_home", "code_too_long", "tap_to_start", "still_there",
    "touch_to_continue", "reset_in", "im_here", "start_over", "operator", "enter_pin",
    "wrong_pin", "choose_pin", "repeat_pin", "pins_differ", "weak_pin", "pin_digits", "pin_wait",
    "rotation", "plays", "finished", "export_csv", "exported", "exit_kiosk",
    "clear", "selected_count", "budget_left", "goals", "match_hint", "order_hint",
    "sequence_hint", "hotspot_hint", "pick_all", "numeric_hint", "move_up", "move_down",
    "more", "less", "locked", "time_left", "rating_n", "no_sims", "error",
    "model_goal_met", "model_goal_partly", "model_goal_not_met", "model_goal_hidden", "retry_tries", "retry_hint", "not_quite",
    "model_control", "model_sample", "model_control_out", "model_control_in", "model_control_first",
    "model_control_none",
)


class Strings:
    """UI words by key and language, from the shared catalogue (content/ui.yaml)."""

    def __init__(self):
        self.table: dict[str, dict[str, str]] = {}
        try:
            data = load_ui()
        except CatalogueError:  # a broken ui file must not stop the player: keys show
            return
        # canvas_<key> (the player's own wording) wins over a shared <key>
        for key, value in sorted(data.items(), key=lambda kv: str(kv[0]).startswith("canvas_")):
            if not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
                continue
            key = str(key)
            self.table.setdefault(key[len("canvas_"):] if key.startswith("canvas_") else key, {}).update(value)

    def get(self, key: str, lang: str, **fmt) -> str:
        entry = self.table.get(key) or {}
        text = entry.get(lang) or entry.get("en") or key
        if fmt:
            try:
                text = text.format(**fmt)
            except (KeyError, IndexError, ValueError):
                pass
        return text
