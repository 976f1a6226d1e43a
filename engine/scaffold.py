"""`testdrive new FIELD/NAME`: writes a commented starter simulation that lints clean,
plays in English and Spanish, and reaches every ending. Authors replace its words."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .catalogue import CONTENT_DIR, load_careers, text

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The starter file. __NAME__-style tokens are filled in; everything else is the same for
# every new simulation, so the tests that check one scaffold check them all.
TEMPLATE = """\
# __TITLE_EN__: a starter simulation made by `testdrive new`.
# Replace the words with your own story; keep the shape. After every edit, check it:
#   testdrive lint __PATH__
# (every problem at once, with line and column). Play it in the terminal:
#   testdrive play __PATH__
# (add --lang es for Spanish). Check that every ending can be reached:
#   testdrive explore __PATH__
# docs/tutorial.md walks through it; docs/authoring.md explains every key.

format: 1                    # the version of the simulation format; leave it as 1
# id: lowercase letters, digits and dashes; the same as the file name
id: __ID__
version: 1.0.0               # raise it when you change the story (old saves then start over)
title:                       # every text a student reads has English (en) and Spanish (es)
  en: "__TITLE_EN__"
  es: "__TITLE_ES__"
# field: healthcare | engineering | manufacturing; career: see `testdrive list careers`
field: __FIELD__
career: __CAREER__
minutes: 2                   # how long it takes to play; `testdrive stats` measures it
grades: "6-8"
summary:
  en: Spend a short shift with Alex and learn how people in this job plan their work.
  es: Pasa un turno corto con Alex y aprende cómo se planea el trabajo en esta profesión.
objectives:                  # what a student learns, in their words
  - en: Ask good questions before you start a task.
    es: Haz buenas preguntas antes de empezar una tarea.
  - en: Put the steps of a job in a safe order.
    es: Pon los pasos de un trabajo en un orden seguro.
skills: [communication, problem-solving]   # see: testdrive list skills
sources:                     # a public source for every fact you teach; cite it with `source:`
  - id: onet
    title: "O*NET OnLine: __ONET_TITLE__ (__ONET_CODE__)"
    url: https://www.onetonline.org/link/summary/__ONET_CODE__
languages: [en, es]
__ART__start: welcome               # the first scene

variables:                   # numbers the story keeps track of
  confidence:
    type: int                # int | number | bool
    start: 50
    min: 0                   # every change is kept between min and max
    max: 100
    show: meter              # meter (a bar) | counter (a number) | hidden
    label: {en: Confidence, es: Confianza}
    judges: true             # it says how well the work goes: a choice that lowers it earns no skill

characters:                  # people who speak in scenes
  alex:
    name: Alex Moreno
    role: {en: Your mentor, es: Tu guía}

scenes:
  welcome:                   # a scene id; other scenes go here with `next:`
    speaker: alex
    text:
      en: "Welcome! I'm Alex. Today you will help me with a real task. Ready?"
      es: "¡Hola! Soy Alex. Hoy me vas a ayudar con una tarea de verdad. ¿Lista o listo?"
    next: first-task         # no choices: the student presses Continue

  first-task:
    speaker: alex
    text:
      en: Here is today's job. What do you do first?
      es: Este es el trabajo de hoy. ¿Qué haces primero?
    choices:                 # the student picks one
      - id: ask               # unique within the scene
        text: {en: Ask Alex what the job needs, es: Pregúntale a Alex qué necesita el trabajo}
        effects: [confidence += 10]
        feedback:
          en: Alex nods. "Good question. Asking first saves time later."
          es: Alex asiente. "Buena pregunta. Preguntar primero ahorra tiempo después."
        skills: [communication]
        next: plan
      - id: guess
        text: {en: Start right away and guess, es: Empieza enseguida y adivina}
        effects: [confidence -= 10]
        feedback:
          en: You lose some time. Alex says, "Next time, ask me first."
          es: Pierdes algo de tiempo. Alex dice, "La próxima vez, pregúntame primero."
        next: plan

  plan:
    speaker: alex
    text:
      en: Now let's plan the steps together.
      es: Ahora planeemos los pasos juntos.
    source: onet
    activity:                # a task; kinds: testdrive list kinds
      kind: sequence
      prompt:
        en: Put the steps in order, first to last.
        es: Pon los pasos en orden, del primero al último.
      items:                 # shown shuffled; `answer` is the right order
        - {id: check, text: {en: Check what the job needs, es: Revisa qué necesita el trabajo}}
        - {id: gather, text: {en: Get the tools ready, es: Prepara las herramientas}}
        - {id: work, text: {en: Do the work, es: Haz el trabajo}}
        - {id: review, text: {en: Check your work, es: Revisa tu trabajo}}
      answer: [check, gather, work, review]
      explain:
        en: Pros check the job first and check their work at the end.
        es: Los profesionales revisan el trabajo al principio y al final.
      feedback:
        correct: {en: Great plan!, es: ¡Muy buen plan!}
        partial: {en: Close. Look at the first and last steps., es: Casi. Mira el primer paso y el último.}
        wrong: {en: "Not yet. What would you check first?", es: "Todavía no. ¿Qué revisarías primero?"}
      effects:
        correct: [confidence += 10]
        wrong: [confidence -= 10]
      next: END              # END: the first ending below whose `if` is true

events:                      # things that happen when their `when` becomes true
  - id: pep-talk
    when: chose("guess") > 0
    text:
      en: "Alex: It's OK not to know. Let's look at it together."
      es: "Alex: Está bien no saber. Vamos a verlo juntos."

endings:                     # checked in order; the last one has no `if`
  - id: great-day
    if: confidence >= 70
    title: {en: A great first day, es: Un gran primer día}
    rating: 3                # 1 to 3 stars
    text:
      en: Alex says you are a natural. You asked, planned, and checked.
      es: Alex dice que tienes talento. Preguntaste, planeaste y revisaste.
    debrief:
      went_well:
        - {text: {en: You asked before you started., es: Preguntaste antes de empezar.}}
      professional:
        - {text: {en: A pro asks questions and plans every step., es: Un profesional pregunta y planea cada paso.}}
      reflection:
        - {en: "What question would you ask on your first day?", es: "¿Qué pregunta harías en tu primer día?"}
  - id: good-day
    if: confidence >= 50
    title: {en: A good day, es: Un buen día}
    rating: 2
    text:
      en: You got the job done. A little more planning will help.
      es: Terminaste el trabajo. Planear un poco más te va a ayudar.
    debrief:
      try_next:
        - {text: {en: Ask first. Then plan the steps., es: Primero pregunta. Después planea los pasos.}}
      reflection:
        - {en: "Which step was the hardest for you? Why?", es: "¿Qué paso fue el más difícil para ti? ¿Por qué?"}
  - id: keep-going
    title: {en: Keep practicing, es: Sigue practicando}
    rating: 1
    text:
      en: Today was hard, and that is how everyone starts. Try again!
      es: Hoy fue difícil, y así empieza todo el mundo. ¡Inténtalo otra vez!
    debrief:
      try_next:
        - {text: {en: Ask Alex what the job needs before you start., es: Pregúntale a Alex qué necesita el trabajo antes de empezar.}}
      reflection:
        - {en: "What would you do differently next time?", es: "¿Qué harías diferente la próxima vez?"}

enjoy:                       # 3-5 pieces of the work; each ending asks how much the student liked them
  - id: ask
    area: S                  # the kind of work: R I A S E C (docs/authoring.md)
    text: {en: Ask a mentor good questions, es: Hacerle buenas preguntas a tu guía}
  - id: plan
    area: C
    text: {en: Plan the steps of a job in order, es: Planear en orden los pasos de un trabajo}
  - id: check
    area: I
    text: {en: Check your work for mistakes, es: Revisar tu trabajo para encontrar errores}
"""


class ScaffoldError(Exception):
    """A problem with the name or field asked for; the message says how to fix it."""


def careers_in(field: str) -> list[str]:
    return [key for key, c in load_careers().items() if c.get("field") == field]


def render(field: str, name: str, career: str | None = None, path: str | None = None) -> str:
    """The starter simulation's text for simulations/FIELD/NAME.yaml."""
    if not NAME_RE.match(name or ""):
        raise ScaffoldError(f"'{name}' is not a simulation name: use lowercase letters, digits "
                            "and dashes, like night-shift")
    careers = load_careers()
    fields = sorted({c.get("field") for c in careers.values()})
    if field not in fields:
        raise ScaffoldError(f"'{field}' is not a field; fields: {', '.join(fields)}")
    if career is None:
        career = careers_in(field)[0]
    if career not in careers:
        raise ScaffoldError(f"'{career}' is not in content/careers.yaml; see: testdrive list careers")
    c = careers[career]
    art_dir = CONTENT_DIR / "art" / field
    art = {k: f"art/{field}/{k}.svg" for k in ("cover", "icon") if (art_dir / f"{k}.svg").is_file()}
    art_line = ("# pictures under content/; see: testdrive list art\n"
                "art: {" + ", ".join(f"{k}: {v}" for k, v in art.items()) + "}\n") if art else ""
    title_en, title_es = text(c["title"], "en"), text(c["title"], "es")
    fills = {
        "__PATH__": path or f"simulations/{field}/{name}.yaml",
        "__ID__": name, "__FIELD__": field, "__CAREER__": career, "__ART__": art_line,
        "__TITLE_EN__": f"A Day on the Job: {title_en}", "__TITLE_ES__": f"Un día de trabajo: {title_es}",
        "__ONET_TITLE__": c["onet"]["title"], "__ONET_CODE__": c["onet"]["code"],
    }
    out = TEMPLATE
    for token, value in fills.items():
        out = out.replace(token, value)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive new",
                                 description="write a commented starter simulation")
    ap.add_argument("where", metavar="FIELD/NAME", help="for example healthcare/night-shift")
    ap.add_argument("--career", help="a key from `testdrive list careers` (default: the field's first)")
    ap.add_argument("--root", default="simulations", help="the simulations folder (default: simulations)")
    args = ap.parse_args(argv)
    field, _, name = args.where.strip("/").partition("/")
    if not name:
        print(f"name the simulation as FIELD/NAME, for example healthcare/{field or 'night-shift'}",
              file=sys.stderr)
        return 2
    target = Path(args.root) / field / f"{name}.yaml"
    if target.exists():
        print(f"{target} already exists; pick another name or delete it first", file=sys.stderr)
        return 1
    try:
        body = render(field, name, args.career, target.as_posix())
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    print(f"wrote {target}")
    print(f"next: testdrive lint {target.as_posix()} && testdrive play {target.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
