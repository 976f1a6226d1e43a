// The interest profile as a chart with a table twin: for each of the six RIASEC areas,
// "did" (how often the student took that kind of work when it was on offer: 0..1) and
// "enjoyed" (the mean of their 1..5 ratings) as two bars kept apart — solid and hatched,
// so they differ without colour — and the same numbers in a table a screen reader reads.
import { el } from "../dom.js";
import { t } from "../i18n.js";

const NS = "http://www.w3.org/2000/svg";
const ROW = 66;      // one area: its name, then the "did" bar, then the "liked" bar
const WIDTH = 640;
const BARS = 540;    // the longest bar; the rest of the width holds its number
const BAR = 15;

/** @param {string} tag @param {Record<string, any>} attrs @param {...any} children */
function svgEl(tag, attrs, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

/** "did" as a percentage, or null. @param {number | null | undefined} did */
export function didPercent(did) {
  return typeof did === "number" && Number.isFinite(did) ? Math.round(Math.max(0, Math.min(1, did)) * 100) : null;
}

/** "enjoyed" rounded to one decimal, or null. @param {number | null | undefined} enjoyed */
export function enjoyedScore(enjoyed) {
  return typeof enjoyed === "number" && Number.isFinite(enjoyed) ? Math.round(Math.max(1, Math.min(5, enjoyed)) * 10) / 10 : null;
}

/** @param {any[]} areas the profile's interests.areas */
function chart(areas) {
  const height = areas.length * ROW + 4;
  const svg = svgEl("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "interest-chart", role: "img",
    "aria-labelledby": "interest-chart-title", focusable: "false" },
  svgEl("title", { id: "interest-chart-title" }, t("profile_chart_label")),
  svgEl("defs", {}, svgEl("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)" }, svgEl("rect", { width: 6, height: 6, class: "hatch-bg" }),
  svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }))));
  areas.forEach((a, i) => {
    const y = i * ROW;
    const did = didPercent(a.did);
    const joy = enjoyedScore(a.enjoyed);
    const g = svgEl("g", { "data-area": a.area },
      svgEl("text", { x: 0, y: y + 16, class: "chart-label" }, a.name || a.area));
    /** A bar of `share` (0..1) of the longest, its number beside it; "not yet" without one.
     * @param {number | null} share @param {number} top @param {string} cls @param {string} label */
    const bar = (share, top, cls, label) => {
      const w = share == null ? 0 : Math.max(2, share * BARS);
      if (share != null) g.append(svgEl("rect", { x: 0, y: top, width: w, height: BAR, class: cls }));
      g.append(svgEl("text", { x: w + 6, y: top + BAR - 2, class: "chart-value" }, label));
    };
    bar(did == null ? null : did / 100, y + 24, "bar-did", did == null ? t("profile_not_yet") : `${did}%`);
    bar(joy == null ? null : (joy - 1) / 4, y + 24 + BAR + 4, "bar-enjoyed", joy == null ? t("profile_not_yet") : `${joy}/5`);
    svg.append(g);
  });
  return svg;
}

/** @param {any[]} areas */
function table(areas) {
  const dash = t("profile_not_yet");
  return el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "interest-table-caption" },
    el("table", { class: "rows interest-table" },
      el("caption", { id: "interest-table-caption" }, t("profile_table_caption")),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, t("profile_area")),
        el("th", { scope: "col" }, t("profile_did")),
        el("th", { scope: "col" }, t("profile_enjoyed")),
        el("th", { scope: "col" }, t("profile_chances")))),
      el("tbody", {}, ...areas.map((a) => {
        const did = didPercent(a.did);
        const joy = enjoyedScore(a.enjoyed);
        return el("tr", { "data-area": a.area },
          el("th", { scope: "row" }, a.name || a.area),
          el("td", { class: "did" }, did == null ? dash : `${did}%`),
          el("td", { class: "enjoyed" }, joy == null ? dash : t("profile_of_5", { n: joy })),
          el("td", { class: "chances" }, String(a.chances ?? 0)));
      }))));
}

/** The chart, its legend, the table twin and the top areas (or why there are none yet). @param {any} interests */
export function renderInterests(interests) {
  const areas = (interests && interests.areas) || [];
  const top = (interests && interests.top) || [];
  const names = Object.fromEntries(areas.map((a) => [a.area, a.name || a.area]));
  const verdict = top.length
    ? el("p", { class: "top-areas", id: "top-areas" }, el("strong", {}, t("profile_top")), " ",
      top.map((a) => names[a] || a).join(", "))
    : el("p", { class: "top-areas", id: "top-areas" }, el("strong", {}, t("profile_no_top")), " ",
      (interests && interests.why_no_top) || "");
  if (!areas.length) return [verdict];
  const legend = el("ul", { class: "chart-legend" },
    el("li", {}, el("span", { class: "swatch swatch-did", "aria-hidden": "true" }), t("profile_did")),
    el("li", {}, el("span", { class: "swatch swatch-enjoyed", "aria-hidden": "true" }), t("profile_enjoyed")));
  const meanings = el("details", { class: "area-meanings" }, el("summary", {}, t("profile_meanings")),
    el("dl", {}, ...areas.flatMap((a) => [el("dt", {}, a.name || a.area), el("dd", {}, a.description || "")])));
  return [verdict, el("figure", { class: "chart-figure" }, chart(areas),
    el("figcaption", {}, legend, el("p", { class: "hint" }, t("profile_chart_hint")))), table(areas), meanings];
}
