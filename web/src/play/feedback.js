// The feedback after an answer: outcome and score, the text, and the right answer.
import { el, paragraphs } from "../dom.js";
import { t } from "../i18n.js";
import { continueButton } from "./choices.js";

const HEADINGS = { correct: "correct", partial: "partly_correct", wrong: "not_quite" };

/** @param {HTMLElement} box @param {any} v @param {import("./context.js").PlayContext} ctx */
export function renderFeedback(box, v, ctx) {
  const f = v.feedback;
  const heading = f.outcome
    ? el("h2", { id: "feedback-title" }, t(/** @type {any} */ (HEADINGS)[f.outcome]) +
      ` — ${t("score", { n: Math.round(f.score * 100) })}`)
    : null;
  const section = el("section", { class: `feedback outcome-${f.outcome || "none"}`, "aria-labelledby": heading ? "feedback-title" : null },
    heading,
    ...paragraphs(f.text),
    f.explain ? el("p", { class: "explain" }, f.explain) : null);
  if (f.correct && f.correct.display.length) { // null after a choice
    section.append(el("h3", {}, t("the_right_answer")),
      el("ul", { class: "correct" }, ...f.correct.display.map((/** @type {string} */ line) => el("li", {}, line))));
  }
  box.append(section);
  if (v.continue) box.append(continueButton(ctx));
}
