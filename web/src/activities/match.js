// match: each item gets one of the matches from a drop-down list; all must be chosen.
import { el } from "../dom.js";
import { t } from "../i18n.js";

/** @param {HTMLFormElement} form @param {any} a @param {{error: HTMLElement}} ctx */
export function render(form, a, { error }) {
  const fs = el("fieldset", { class: "match" }, el("legend", {}, t("match_hint")));
  a.items.forEach((/** @type {any} */ l, /** @type {number} */ i) => {
    const id = `match-${i}`;
    const select = el("select", { id, "data-left": l.id },
      el("option", { value: "" }, t("choose_one")),
      ...a.matches.map((/** @type {any} */ r) => el("option", { value: r.id }, r.text)));
    fs.append(el("div", { class: "match-row" }, el("label", { for: id }, l.text), select));
  });
  form.append(fs);
  return {
    getAnswer() {
      /** @type {Record<string, string>} */
      const answer = {};
      for (const s of fs.querySelectorAll("select")) {
        if (!s.value) {
          error.textContent = t("match_incomplete");
          s.focus();
          return undefined;
        }
        answer[s.dataset.left] = s.value;
      }
      return answer;
    },
  };
}
