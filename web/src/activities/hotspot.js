// hotspot: pick the right places on a picture.
// Each spot is a toggle button over the picture, numbered; its accessible name is the
// number and the spot's text, which the legend under the picture also shows.
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { artUrl } from "../config.js";

/** @param {HTMLFormElement} form @param {any} a */
export function render(form, a) {
  const picked = new Set();
  const img = artUrl(a.image);
  const wrap = el("div", { class: "hotspot", style: `aspect-ratio: ${a.width} / ${a.height}` },
    img ? el("img", { src: img, alt: "", width: a.width, height: a.height }) : null);
  const group = el("div", { class: "spots", role: "group", "aria-label": t("hotspot_hint") });
  const legend = el("ol", { class: "spot-legend" });
  a.items.forEach((/** @type {any} */ s, /** @type {number} */ i) => {
    const n = String(i + 1);
    const b = el("button", { type: "button", class: "spot", "aria-pressed": "false", "data-spot": s.id,
      "aria-label": `${n}. ${s.text}`,
      style: `left:${(100 * s.x) / a.width}%;top:${(100 * s.y) / a.height}%;` +
        `width:${(100 * s.w) / a.width}%;height:${(100 * s.h) / a.height}%` },
      el("span", { class: "spot-badge", "aria-hidden": "true" }, n));
    b.addEventListener("click", () => {
      if (picked.has(s.id)) picked.delete(s.id); else picked.add(s.id);
      b.setAttribute("aria-pressed", String(picked.has(s.id)));
      legend.children[i].dataset.picked = String(picked.has(s.id));
    });
    group.append(b);
    legend.append(el("li", { "data-picked": "false" }, s.text));
  });
  wrap.append(group);
  form.append(el("p", { class: "hint" }, t("hotspot_hint")), wrap, legend);
  return { getAnswer: () => a.items.filter((/** @type {any} */ s) => picked.has(s.id)).map((/** @type {any} */ s) => s.id) };
}
