// The status bar: the clock and the simulation's meters and counters.
import { $, el } from "../dom.js";
import { t } from "../i18n.js";

/** @param {any} v a view */
export function renderHud(v) {
  const hud = $("#hud");
  const items = [];
  if (v.clock) {
    items.push(el("div", { class: "clock" },
      el("span", { class: "label" }, t("clock")), " ",
      el("strong", {}, v.clock.time),
      v.clock.left != null ? el("span", { class: "left" }, " · " + t("minutes_left", { n: v.clock.left })) : null));
  }
  for (const m of v.meters) items.push(m.show === "meter" ? meter(m) : counter(m));
  hud.replaceChildren(...items);
  hud.hidden = items.length === 0;
}

/** @param {any} m */
function meter(m) {
  const id = `meter-${m.id}`;
  const frac = m.max > m.min ? (m.value - m.min) / (m.max - m.min) : 0;
  const good = m.good === "low" ? 1 - frac : frac;
  return el("div", { class: "meter", "data-level": good >= 0.6 ? "good" : good >= 0.3 ? "mid" : "bad" },
    el("label", { for: id }, m.label),
    el("meter", { id, min: m.min, max: m.max, value: m.value,
      low: m.good === "low" ? undefined : m.min + (m.max - m.min) * 0.3,
      high: m.good === "low" ? m.min + (m.max - m.min) * 0.7 : undefined,
      optimum: m.good === "low" ? m.min : m.max }),
    el("span", { class: "value" }, `${m.value}`));
}

/** @param {any} m */
function counter(m) {
  return el("div", { class: "counter" }, el("span", { class: "label" }, m.label), " ",
    el("strong", {}, String(m.value)));
}
