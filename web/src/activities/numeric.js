// numeric: one number, with the unit beside the box. It sends what was typed: the engine
// reads it the language's way ("6,112" is 6112 in English, "6,5" is 6.5 in Spanish) and
// says, in this form's error line, why it cannot when it cannot.
import { el } from "../dom.js";
import { t } from "../i18n.js";

/** @param {HTMLFormElement} form @param {any} a @param {{error: HTMLElement}} ctx */
export function render(form, a, { error }) {
  const unitId = "numeric-unit";
  const input = el("input", { id: "numeric-input", type: "text", inputmode: "decimal", autocomplete: "off",
    "aria-describedby": a.unit ? `${unitId} activity-error` : "activity-error", required: true });
  form.append(el("div", { class: "numeric" },
    el("label", { for: "numeric-input" }, t("your_answer")),
    el("span", { class: "numeric-row" }, input, a.unit ? el("span", { class: "unit", id: unitId }, a.unit) : null)));
  return {
    getAnswer() {
      const raw = input.value.trim();
      if (!/\d/.test(raw)) {
        error.textContent = t("need_number");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return undefined;
      }
      input.removeAttribute("aria-invalid");
      return raw;
    },
    refused() {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    },
  };
}
