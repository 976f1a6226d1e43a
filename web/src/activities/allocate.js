// allocate: spend a budget on items (how many of each), with the running total
// announced and the goals listed above the table.
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { formatNumber } from "../numbers.js";

/** A budget or cost the engine's way, in the page's language. @param {number} v */
const num = (v) => formatNumber(v, document.documentElement.lang || "en", 2);

/** @param {HTMLFormElement} form @param {any} a @param {{error: HTMLElement}} ctx */
export function render(form, a, { error }) {
  const total = el("p", { class: "total", "aria-live": "polite" });
  const table = el("table", { class: "allocate" },
    el("caption", {}, t("allocate_caption", { budget: num(a.budget), unit: a.unit })),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("item")), el("th", { scope: "col" }, t("cost")),
      el("th", { scope: "col" }, t("how_many")))));
  const body = el("tbody");
  /** @type {any[]} */
  const inputs = [];
  a.items.forEach((/** @type {any} */ item, /** @type {number} */ i) => {
    const id = `alloc-${i}`;
    const input = el("input", { id, type: "number", min: 0, max: item.max, step: 1, value: 0,
      inputmode: "numeric", "data-item": item.id, "data-cost": item.cost });
    inputs.push(input);
    body.append(el("tr", {}, el("th", { scope: "row" }, el("label", { for: id }, item.text)),
      el("td", {}, `${num(item.cost)} ${a.unit}`.trim()),
      el("td", {}, input, el("span", { class: "max" }, " " + t("max_n", { n: item.max })))));
  });
  table.append(body);
  const goals = a.goals.length
    ? el("div", { class: "goals" }, el("p", {}, t("goals")), el("ul", {}, ...a.goals.map((/** @type {any} */ g) => el("li", {}, g.label))))
    : null;
  const update = () => {
    const spent = inputs.reduce((sum, inp) => sum + (Number(inp.value) || 0) * Number(inp.dataset.cost), 0);
    total.textContent = t("spent_total", { spent: num(spent), budget: num(a.budget), unit: a.unit });
    total.dataset.over = String(spent > a.budget);
  };
  inputs.forEach((inp) => inp.addEventListener("input", update));
  update();
  form.append(...[goals, table, total].filter(Boolean)); // no goals: no "null" text
  return {
    getAnswer() {
      /** @type {Record<string, number>} */
      const answer = {};
      for (const inp of inputs) {
        const n = Number(inp.value || 0);
        if (!Number.isInteger(n) || n < 0) {
          error.textContent = t("need_whole");
          inp.focus();
          return undefined;
        }
        answer[inp.dataset.item] = n;
      }
      return answer;
    },
  };
}
