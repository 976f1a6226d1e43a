// multi: pick every option that applies (checkboxes in a fieldset).
import { el } from "../dom.js";
import { t } from "../i18n.js";

/** @param {HTMLFormElement} form @param {any} a */
export function render(form, a) {
  const fs = el("fieldset", { class: "multi" }, el("legend", {}, t("pick_all")));
  a.items.forEach((/** @type {any} */ o, /** @type {number} */ i) => {
    const id = `opt-${i}`;
    fs.append(el("div", { class: "check" },
      el("input", { type: "checkbox", id, value: o.id }), el("label", { for: id }, o.text)));
  });
  form.append(fs);
  return { getAnswer: () => [...fs.querySelectorAll("input:checked")].map((i) => i.value) };
}
