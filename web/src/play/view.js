// One view on the play page: title, stage, status bar, notices, narration, and the
// interaction for the view's phase (choices, an activity, feedback or the ending).
// The build runs this same code under Node on each simulation's first view to write
// the page's HTML (web/prerender/), so the story is readable before any script runs.
import { $, el, paragraphs } from "../dom.js";
import { t } from "../i18n.js";
import { speak } from "../speech.js";
import { renderStage } from "./stage.js";
import { renderHud } from "./hud.js";
import { renderChoices } from "./choices.js";
import { renderFeedback } from "./feedback.js";
import { renderEnding } from "./ending.js";
import { renderActivity } from "../activities/index.js";

/**
 * @param {any} v a view (docs/view.md)
 * @param {boolean} quiet true: leave the focus where it is
 * @param {import("./context.js").PlayContext} ctx
 */
export function renderView(v, quiet, ctx) {
  document.title = `${v.sim.title} — ${t("app_title")}`;
  $("#sim-title").textContent = v.sim.title;
  document.documentElement.lang = v.lang;
  renderStage(v);
  renderHud(v);
  $("#notices").replaceChildren(...v.notices.map((/** @type {string} */ n) => el("p", { class: "notice" }, n)));
  const narration = $("#narration");
  narration.replaceChildren(...paragraphs(v.text));
  if (v.phase === "activity" && v.activity.prompt) {
    narration.append(el("p", { class: "prompt" }, v.activity.prompt));
  }
  // Chromium times a text's paint only on the element that holds the text itself, so the
  // mark goes on the first paragraph, not on #narration (benchmarks/web_startup.py).
  if (narration.children[0]) narration.children[0].setAttribute("elementtiming", "narration");
  const box = $("#interaction");
  box.replaceChildren();
  box.dataset.phase = v.phase;
  if (v.phase === "ending") renderEnding(box, v, ctx);
  else if (v.phase === "feedback") renderFeedback(box, v, ctx);
  else if (v.phase === "activity") renderActivity(box, v.activity, ctx.act, ctx.call);
  else renderChoices(box, v, ctx);
  if (!quiet) {
    // At a kiosk's ending the story's top (with the QR code near it) keeps the focus.
    const first = ctx.kiosk && v.phase === "ending" ? null
      : box.querySelector("button:not([disabled]), input, select, textarea, a[href]");
    (first || narration).focus({ preventScroll: false });
  }
}

/** Until the engine is ready, a view can be read but not played. */
export function freezeControls() {
  for (const b of $("#interaction").querySelectorAll("button, input, select, textarea")) b.disabled = true;
}

/** Read the view aloud (when the setting is on). @param {any} v */
export function readAloud(v) {
  speak([...v.notices, v.text, v.activity && v.activity.prompt,
    ...(v.phase === "scene" ? v.choices.filter((/** @type {any} */ c) => c.enabled).map((/** @type {any} */ c) => c.text) : [])]);
}
