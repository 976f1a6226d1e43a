// The activity registry: one widget module per activity kind. Every module exports
//
//   render(form, activity, ctx) -> { getAnswer() }
//
// render() adds the widget's controls to `form` (the activity's <form>, which this
// module owns with its error line and Check button). `activity` is the view's
// `activity` object. ctx.error is the form's error line (role="alert", id
// "activity-error"). getAnswer() returns the answer to send ({type: "answer", answer}),
// or undefined when the answer is not ready: the widget has then written why in
// ctx.error and moved the focus to the control to fix. When the engine refuses the
// answer (a typed number it cannot read), its sentence goes to ctx.error and the
// widget's optional refused() moves the focus. docs/web.md, "Activity widgets".
import { el } from "../dom.js";
import { t } from "../i18n.js";
import * as order from "./order.js";
import * as numeric from "./numeric.js";
import * as multi from "./multi.js";
import * as match from "./match.js";
import * as hotspot from "./hotspot.js";
import * as allocate from "./allocate.js";
import * as model from "./model.js";

/**
 * @typedef {{error: HTMLElement, preview?: (answer: any) => Promise<any>,
 *            previews?: (answers: any[]) => Promise<any>}} WidgetContext
 * @typedef {{getAnswer(): any, refused?: () => void}} Widget
 * @typedef {{render(form: HTMLFormElement, activity: any, ctx: WidgetContext): Widget}} ActivityModule
 */

/** @type {Record<string, ActivityModule>} kind -> widget module */
export const KINDS = {
  order,
  sequence: order, // the same widget: the hint differs
  numeric,
  multi,
  match,
  hotspot,
  allocate,
  model,
};

/** A kind this player does not know: say so; the answer is null. @type {ActivityModule} */
const unknown = {
  render(form) {
    form.append(el("p", {}, t("unknown_activity")));
    return { getAnswer: () => null };
  },
};

/**
 * The activity's form in `box`; on submit a ready answer goes to `act`.
 * @param {HTMLElement} box @param {any} a the view's activity
 * @param {(action: Record<string, any>, onRefused?: (message: string) => void) => void} act
 * @param {(request: Record<string, any>) => Promise<any>} [call] a raw engine request (a live model's preview)
 */
export function renderActivity(box, a, act, call) {
  const form = el("form", { class: `activity activity-${a.kind}`, "data-kind": a.kind, novalidate: true });
  if (a.retry) {
    // the try before was not right: what it means and the next hint, read out once
    const r = a.retry;
    form.append(el("div", { class: "retry", role: "status" },
      el("p", {}, el("strong", {}, t(r.outcome === "partial" ? "partly_correct" : "not_quite") + ". "),
        t("retry_tries", { n: r.tried + 1, attempts: r.attempts })),
      r.diagnosis ? el("p", { class: "diagnosis" }, r.diagnosis) : null,
      r.feedback ? el("p", {}, r.feedback) : null,
      r.hint ? el("p", { class: "hint" }, el("strong", {}, t("retry_hint") + ": "), r.hint) : null));
  }
  const error = el("p", { class: "form-error", id: "activity-error", role: "alert" });
  const widget = (Object.hasOwn(KINDS, a.kind) ? KINDS[a.kind] : unknown).render(form, a, {
    error,
    preview: call ? (/** @type {any} */ answer) => call({ op: "preview", answer }) : undefined,
    previews: call ? (/** @type {any[]} */ answers) => call({ op: "previews", answers }) : undefined });
  form.append(error, el("button", { type: "submit", class: "button primary" }, t("check_answer")));
  form.addEventListener("submit", (/** @type {Event} */ e) => {
    e.preventDefault();
    error.textContent = "";
    const answer = widget.getAnswer();
    if (answer === undefined) return; // the widget reported the problem
    act({ type: "answer", answer }, (message) => {
      error.textContent = message;
      if (widget.refused) widget.refused();
    });
  });
  box.append(form);
}
