"""The canvas player's own words (buttons, headings), English and Spanish.

content/ui.yaml (``key: {en: ..., es: ...}``) wins where it has a key; the defaults
below keep the player working without it.
"""
from __future__ import annotations

import re

from .resources import content_dir

DEFAULTS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Career Test-Drive", "es": "Prueba una Carrera"},
    "continue": {"en": "Continue", "es": "Continuar"},
    "check_answer": {"en": "Check answer", "es": "Revisar respuesta"},
    "settings": {"en": "Settings", "es": "Ajustes"},
    "back": {"en": "Back", "es": "Volver"},
    "next": {"en": "Next", "es": "Siguiente"},
    "done": {"en": "Done", "es": "Listo"},
    "play": {"en": "Play", "es": "Jugar"},
    "play_again": {"en": "Play again", "es": "Jugar otra vez"},
    "menu": {"en": "All simulations", "es": "Todas las simulaciones"},
    "quit": {"en": "Quit", "es": "Salir"},
    "text_size": {"en": "Text size", "es": "Tamaño del texto"},
    "high_contrast": {"en": "High contrast", "es": "Alto contraste"},
    "language": {"en": "Language", "es": "Idioma"},
    "sound": {"en": "Sound", "es": "Sonido"},
    "volume": {"en": "Volume", "es": "Volumen"},
    "mute": {"en": "Mute", "es": "Silenciar"},
    "on": {"en": "On", "es": "Sí"},
    "off": {"en": "Off", "es": "No"},
    "fullscreen": {"en": "Full screen", "es": "Pantalla completa"},
    "reduced_motion": {"en": "Reduce motion", "es": "Reducir movimiento"},
    "choose_sim": {"en": "Pick a career to test-drive", "es": "Elige una profesión para probar"},
    "minutes_n": {"en": "{n} min", "es": "{n} min"},
    "correct": {"en": "Correct!", "es": "¡Correcto!"},
    "partly_correct": {"en": "Partly correct", "es": "Parcialmente correcto"},
    "not_quite": {"en": "Not quite", "es": "Todavía no"},
    "score": {"en": "score {n}%", "es": "puntaje {n}%"},
    "the_right_answer": {"en": "The right answer", "es": "La respuesta correcta"},
    "debrief": {"en": "How it went", "es": "Cómo te fue"},
    "what_went_well": {"en": "What went well", "es": "Lo que salió bien"},
    "try_next": {"en": "Try next time", "es": "Prueba la próxima vez"},
    "what_a_pro_would_do": {"en": "What a professional would do", "es": "Lo que haría un profesional"},
    "reflection": {"en": "Think about it", "es": "Piénsalo"},
    "skills_you_used": {"en": "Skills you used", "es": "Habilidades que usaste"},
    "career_day": {"en": "A day on the job", "es": "Un día de trabajo"},
    "median_wage": {"en": "Median pay", "es": "Salario medio"},
    "education": {"en": "Education", "es": "Estudios"},
    "training": {"en": "Training", "es": "Capacitación"},
    "certifications": {"en": "Certifications", "es": "Certificaciones"},
    "courses": {"en": "Classes to take", "es": "Clases que puedes tomar"},
    "related_careers": {"en": "Related careers", "es": "Carreras relacionadas"},
    "career_onet": {"en": "O*NET code", "es": "Código O*NET"},
    "career_facts": {"en": "About this career", "es": "Sobre esta carrera"},
    "results": {"en": "Your result", "es": "Tu resultado"},
    "scan_to_take_home": {"en": "Scan to take your results home",
                          "es": "Escanea para llevarte tus resultados"},
    "code_too_long": {"en": "Your result code is too long for a QR code.",
                      "es": "Tu código es demasiado largo para un código QR."},
    "tap_to_start": {"en": "Tap to start", "es": "Toca para empezar"},
    "still_there": {"en": "Are you still there?", "es": "¿Sigues ahí?"},
    "touch_to_continue": {"en": "Touch the screen to keep playing",
                          "es": "Toca la pantalla para seguir jugando"},
    "reset_in": {"en": "Starting over in {n} seconds", "es": "Empezando de nuevo en {n} segundos"},
    "im_here": {"en": "I'm here", "es": "Aquí estoy"},
    "start_over": {"en": "Start over", "es": "Empezar de nuevo"},
    "operator": {"en": "Operator menu", "es": "Menú del operador"},
    "enter_pin": {"en": "Enter the PIN", "es": "Escribe el PIN"},
    "wrong_pin": {"en": "Wrong PIN", "es": "PIN incorrecto"},
    "rotation": {"en": "In rotation", "es": "En rotación"},
    "plays": {"en": "Plays", "es": "Partidas"},
    "finished": {"en": "Finished", "es": "Terminadas"},
    "export_csv": {"en": "Export CSV", "es": "Exportar CSV"},
    "exported": {"en": "Saved {path}", "es": "Guardado {path}"},
    "exit_kiosk": {"en": "Exit kiosk", "es": "Salir del quiosco"},
    "clear": {"en": "Clear", "es": "Borrar"},
    "selected_count": {"en": "{n} picked", "es": "{n} elegidas"},
    "budget_left": {"en": "{left} of {budget} {unit} left", "es": "Quedan {left} de {budget} {unit}"},
    "goals": {"en": "Try to reach these goals:", "es": "Trata de lograr estas metas:"},
    "match_hint": {"en": "Pick one on the left, then its partner on the right.",
                   "es": "Elige uno a la izquierda y luego su pareja a la derecha."},
    "order_hint": {"en": "Put the most urgent first. Drag the items, or use the up and down buttons.",
                   "es": "Pon primero lo más urgente. Arrastra los elementos o usa los botones de subir y bajar."},
    "sequence_hint": {"en": "Put the steps in order. Drag the items, or use the up and down buttons.",
                      "es": "Pon los pasos en orden. Arrastra los elementos o usa los botones de subir y bajar."},
    "hotspot_hint": {"en": "Tap every place that matters.", "es": "Toca cada lugar importante."},
    "pick_all": {"en": "Pick every answer that fits.", "es": "Elige todas las respuestas correctas."},
    "numeric_hint": {"en": "Type a number or use the keypad.",
                     "es": "Escribe un número o usa el teclado."},
    "move_up": {"en": "Move up", "es": "Subir"},
    "move_down": {"en": "Move down", "es": "Bajar"},
    "more": {"en": "More", "es": "Más"},
    "less": {"en": "Less", "es": "Menos"},
    "locked": {"en": "Locked", "es": "Bloqueado"},
    "time_left": {"en": "{n} min left", "es": "Quedan {n} min"},
    "rating_n": {"en": "{n} of {max} stars", "es": "{n} de {max} estrellas"},
    "no_sims": {"en": "No simulations found.", "es": "No hay simulaciones."},
    "error": {"en": "That did not work: {msg}", "es": "Eso no funcionó: {msg}"},
}


def _fields(text: str) -> set:
    return set(re.findall(r"{(\w*)}", text))


class Strings:
    def __init__(self):
        self.table = {k: dict(v) for k, v in DEFAULTS.items()}
        self._load_content()

    def _load_content(self):
        twin = content_dir() / "ui.json"         # the browser build ships JSON
        path = twin if twin.is_file() else content_dir() / "ui.yaml"
        if not path.is_file():
            return
        try:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                import json
                data = json.loads(text)
            else:
                import yaml
                data = yaml.safe_load(text)
        except Exception:   # a broken ui file must not stop the player
            return
        if isinstance(data, dict) and isinstance(data.get("strings"), dict):
            data = data["strings"]
        if not isinstance(data, dict):
            return
        items = sorted(data.items(), key=lambda kv: str(kv[0]).startswith("canvas_"))
        for key, value in items:      # canvas_<key> (ours, in ui.yaml) wins over a shared <key>
            if not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
                continue
            key = str(key)[len("canvas_"):] if str(key).startswith("canvas_") else key
            mine = self.table.get(str(key))
            if mine and any(_fields(t) != _fields(mine.get("en", "")) for t in value.values()):
                continue        # same key, different placeholders: keep ours
            self.table.setdefault(str(key), {}).update(value)

    def get(self, key: str, lang: str, **fmt) -> str:
        entry = self.table.get(key) or {}
        text = entry.get(lang) or entry.get("en") or key
        if fmt:
            try:
                text = text.format(**fmt)
            except (KeyError, IndexError, ValueError):
                pass
        return text
