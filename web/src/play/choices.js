// A scene's choices (locked ones disabled, with their reason) and its Continue button.
import { el, actionButton } from "../dom.js";
import { t } from "../i18n.js";

/** @param {HTMLElement} box @param {any} v @param {import("./context.js").PlayContext} ctx */
export function renderChoices(box, v, ctx) {
  const choices = v.choices;
  if (choices.length) {
    const list = el("ul", { class: "choices", "aria-label": t("choices") });
    for (const c of choices) {
      const b = el("button", { type: "button", class: "choice", "data-choice": c.id, disabled: !c.enabled },
        c.text);
      if (!c.enabled && c.locked) {
        const lid = `locked-${c.id}`;
        b.setAttribute("aria-describedby", lid);
        list.append(el("li", {}, b, el("span", { id: lid, class: "locked" }, c.locked)));
      } else {
        b.addEventListener("click", () => ctx.act({ type: "choose", choice: c.id }));
        list.append(el("li", {}, b));
      }
    }
    box.append(list);
  }
  if (v.continue) box.append(continueButton(ctx));
}

/** @param {import("./context.js").PlayContext} ctx */
export function continueButton(ctx) {
  return actionButton(t("continue"), () => ctx.act({ type: "continue" }), "button primary continue");
}
