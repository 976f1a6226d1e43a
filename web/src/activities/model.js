// model: a live model the student turns the knobs of. Every input is a native control
// (a range slider, a number field, or radio buttons for named options) with the unit in
// its aria-valuetext; the engine's worker computes the outputs and every display
// (ctx.preview), and works out ahead the values a control can reach next (model-ahead.js,
// ctx.previews) — this widget only shows what it answers. The outputs are announced
// politely once the student stops moving a control, not on every step. A number field
// sends what was typed: the engine reads it the language's way ("6,112" in English).
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { formatNumber } from "../numbers.js";
import { LiveAhead } from "./model-ahead.js";

const SVG = "http://www.w3.org/2000/svg";
const QUIET_MS = 700; // stop moving this long, and the outputs are read out

/** @param {string} tag @param {Record<string, any>} attrs */
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  return node;
}

/** An input's value as a student reads it, in the page's language. @param {any} inp @param {any} v */
function valueText(inp, v) {
  if (inp.control === "options") return (inp.options.find((/** @type {any} */ o) => o.id === v) || {}).text || String(v);
  const lang = document.documentElement.lang || "en";
  return `${formatNumber(Number(v), lang, inp.decimals)} ${inp.unit}`.trim();
}

/**
 * @param {HTMLFormElement} form @param {any} a the view's activity
 * @param {{error: HTMLElement, preview?: (answer: any) => Promise<any>,
 *          previews?: (answers: any[]) => Promise<any>}} ctx
 */
export function render(form, a, { error, preview, previews }) {
  /** @type {Record<string, any>} */
  const values = { ...a.live.inputs };
  const ahead = new LiveAhead(a.inputs, previews || (async () => null), () => form.isConnected);
  ahead.remember(values, a.live);
  /** @type {string | null} the input the student is on: its next values are worked out ahead */
  let active = null;
  const goal = el("p", { class: "model-goal" }, el("strong", {}, t("goal") + ": "), a.goal);
  const inputs = el("div", { class: "model-inputs" });
  a.inputs.forEach((/** @type {any} */ inp, /** @type {number} */ i) => {
    const id = `model-in-${i}`;
    const shown = el("output", { for: id, class: "model-value", id: `${id}-value`, "data-shows": inp.id },
      valueText(inp, values[inp.id]));
    if (inp.control === "options") {
      const group = el("fieldset", { class: "model-input model-options" }, el("legend", {}, inp.label));
      inp.options.forEach((/** @type {any} */ o, /** @type {number} */ k) => {
        const rid = `${id}-${k}`;
        group.append(el("label", { for: rid, class: "model-option" },
          el("input", { type: "radio", id: rid, name: id, value: o.id, checked: o.id === values[inp.id],
            "data-input": inp.id }), " ", o.text));
      });
      inputs.append(group);
      return;
    }
    const slider = inp.control === "slider";
    const lang = document.documentElement.lang || "en";
    const control = slider
      ? el("input", { id, type: "range", min: inp.min, max: inp.max, step: inp.step, value: values[inp.id],
        "data-input": inp.id, "aria-valuetext": valueText(inp, values[inp.id]), "aria-describedby": `${id}-range` })
      // a spin button the student types in (sent as typed) or steps with the keys below
      : el("input", { id, type: "text", role: "spinbutton", inputmode: "decimal", autocomplete: "off",
        "data-input": inp.id, value: formatNumber(values[inp.id], lang, inp.decimals),
        "aria-valuemin": inp.min, "aria-valuemax": inp.max, "aria-valuenow": values[inp.id],
        "aria-valuetext": valueText(inp, values[inp.id]), "aria-describedby": `${id}-range activity-error` });
    const range = el("span", { class: "model-range", id: `${id}-range` },
      `${valueText(inp, inp.min)} – ${valueText(inp, inp.max)}`);
    inputs.append(el("div", { class: "model-input" },
      el("label", { for: id }, inp.label), control, shown, range));
  });

  // the outputs: a readout each, then the displays
  const outputs = el("dl", { class: "model-outputs" });
  /** @type {Record<string, HTMLElement>} */
  const outText = {};
  for (const o of a.outputs) {
    outText[o.id] = el("dd", { "data-output": o.id });
    outputs.append(el("div", {}, el("dt", {}, o.label), outText[o.id]));
  }
  const goalState = el("p", { class: "model-goal-state" });
  const announce = el("p", { class: "sr-only model-announce", "aria-live": "polite" });
  const displays = el("div", { class: "model-displays" });
  /** @type {((d: any) => void)[]} */
  const painters = a.displays.map((/** @type {any} */ d, /** @type {number} */ k) => makeDisplay(displays, a, d, k));

  /** @param {any} live */
  const paint = (live) => {
    for (const inp of a.inputs) { // a typed number, as the engine read it and kept it on its step
      if (inp.control !== "slider" && inp.control !== "options") {
        const out = form.querySelector(`[data-shows='${inp.id}']`);
        if (out) out.textContent = valueText(inp, live.inputs[inp.id]);
        const field = form.querySelector(`input[data-input='${inp.id}']`);
        if (field) {
          field.setAttribute("aria-valuenow", String(live.inputs[inp.id]));
          field.setAttribute("aria-valuetext", valueText(inp, live.inputs[inp.id]));
        }
      }
    }
    for (const o of live.outputs) {
      const spec = a.outputs.find((/** @type {any} */ x) => x.id === o.id);
      outText[o.id].textContent = `${o.text} ${spec.unit}`.trim();
    }
    goalState.textContent = t(`model_goal_${live.goal.state}`);
    goalState.dataset.state = live.goal.state;
    live.displays.forEach((/** @type {any} */ d, /** @type {number} */ k) => painters[k](d));
    lastLive = live;
  };
  /** @type {any} */
  let lastLive = a.live;
  let quiet = 0;
  const sayLater = () => {
    clearTimeout(quiet);
    quiet = window.setTimeout(() => {
      const parts = lastLive.outputs.map((/** @type {any} */ o) => {
        const spec = a.outputs.find((/** @type {any} */ x) => x.id === o.id);
        return `${spec.label}: ${o.text} ${spec.unit}`.trim();
      });
      announce.textContent = [...parts, t(`model_goal_${lastLive.goal.state}`)].join(". ");
    }, QUIET_MS);
  };

  /** @param {any} live */
  const show = (live) => {
    error.textContent = "";
    paint(live);
  };
  const workAhead = () => { if (active) ahead.around(active, values); };

  // A model worked out ahead is shown at once, in the input event. Else the worker is
  // asked: one request in flight at a time; when it answers, the newest inputs are shown
  // (worked out meanwhile) or asked for, so a stale answer is never painted over them.
  let busy = false;
  const ask = async () => {
    const ready = ahead.get(values);
    if (ready) {
      show(ready);
      sayLater();
      workAhead();
      return;
    }
    if (!preview || busy) return;
    busy = true;
    try {
      for (;;) {
        const sent = { ...values };
        const reply = await preview(sent);
        if (reply && reply.ok) ahead.remember(sent, reply.live);
        if (ahead.key(sent) === ahead.key(values)) {
          if (reply && reply.ok) show(reply.live);
          else if (reply && reply.error === "action") error.textContent = reply.message;
          break;
        }
        const known = ahead.get(values);
        if (known) {
          show(known);
          break;
        }
      }
    } finally {
      busy = false;
    }
    sayLater();
    workAhead();
  };
  inputs.addEventListener("focusin", (/** @type {FocusEvent} */ e) => {
    const c = /** @type {HTMLElement} */ (e.target);
    if (c.dataset.input) {
      active = c.dataset.input;
      workAhead();
    }
  });

  // a spin button steps by keys as a native one would: arrows one step, Page Up/Down a
  // tenth of the range, Home/End the ends; the field then shows the number the engine's way
  inputs.addEventListener("keydown", (/** @type {KeyboardEvent} */ e) => {
    const c = /** @type {HTMLInputElement} */ (e.target);
    const inp = a.inputs.find((/** @type {any} */ x) => x.id === c.dataset.input);
    if (!inp || c.getAttribute("role") !== "spinbutton") return;
    const steps = Math.round((inp.max - inp.min) / inp.step);
    const now = Number(c.getAttribute("aria-valuenow"));
    const k = Math.round((now - inp.min) / inp.step);
    const big = Math.max(1, Math.round(steps / 10));
    const to = { ArrowUp: k + 1, ArrowDown: k - 1, PageUp: k + big, PageDown: k - big, Home: 0, End: steps }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const v = Math.round((inp.min + Math.max(0, Math.min(steps, to)) * inp.step) * 1e9) / 1e9;
    values[inp.id] = v;
    c.value = formatNumber(v, document.documentElement.lang || "en", inp.decimals);
    c.setAttribute("aria-valuenow", String(v));
    c.setAttribute("aria-valuetext", valueText(inp, v));
    ask();
  });

  inputs.addEventListener("input", (/** @type {Event} */ e) => {
    const c = /** @type {HTMLInputElement} */ (e.target);
    const inp = a.inputs.find((/** @type {any} */ x) => x.id === c.dataset.input);
    if (!inp) return;
    active = inp.id;
    if (inp.control === "options") values[inp.id] = c.value;
    else if (c.type === "range") {
      values[inp.id] = Number(c.value);
      c.setAttribute("aria-valuetext", valueText(inp, values[inp.id]));
      const out = form.querySelector(`#${c.id}-value`);
      if (out) out.textContent = valueText(inp, values[inp.id]);
    } else {
      if (!/\d/.test(c.value)) return; // a number field being typed in
      values[inp.id] = c.value; // as typed: the engine reads it
    }
    ask();
  });

  paint(a.live);
  form.append(goal, inputs, el("div", { class: "model-results" }, outputs, goalState, displays), announce);
  return {
    getAnswer() {
      for (const c of form.querySelectorAll("input[inputmode=decimal]")) {
        const field = /** @type {HTMLInputElement} */ (c);
        if (!/\d/.test(field.value)) {
          error.textContent = t("need_number");
          field.setAttribute("aria-invalid", "true");
          field.focus();
          return undefined;
        }
        field.removeAttribute("aria-invalid");
        values[field.dataset.input || ""] = field.value.trim();
      }
      return { ...values };
    },
    refused() { // the engine could not use the numbers: the first typed field gets the focus
      const field = /** @type {HTMLInputElement | null} */ (form.querySelector("input[inputmode=decimal]"));
      if (field) { field.setAttribute("aria-invalid", "true"); field.focus(); }
    },
  };
}

/**
 * A display's element in `box` and the function that shows a new state of it.
 * @param {HTMLElement} box @param {any} a @param {any} d the display as the view declares it
 * @param {number} k @returns {(state: any) => void}
 */
function makeDisplay(box, a, d, k) {
  const out = a.outputs.find((/** @type {any} */ o) => o.id === d.output);
  if (d.type === "gauge" || d.type === "bar") {
    const fill = el("span", { class: "model-bar-fill" });
    const text = el("span", { class: "model-bar-text" });
    const bar = el("div", { class: `model-bar model-${d.type}`, role: "img" }, fill);
    box.append(el("div", { class: "model-display" }, el("span", { class: "model-bar-label" }, out.label), bar, text));
    return (s) => {
      fill.style.width = `${Math.round(s.fraction * 1000) / 10}%`;
      bar.dataset.zone = s.zone;
      const zone = s.zone === "none" ? "" : ` (${t("model_zone_" + s.zone)})`;
      text.textContent = `${s.text} ${out.unit}`.trim() + zone;
      bar.setAttribute("aria-label", `${out.label}: ${text.textContent}`);
    };
  }
  if (d.type === "readout") return () => {}; // the outputs list shows every value already
  if (d.type === "chart") {
    const inp = a.inputs.find((/** @type {any} */ i) => i.id === d.input);
    const W = 320, H = 140, P = 8;
    const line = svg("polyline", { fill: "none", stroke: "currentColor", "stroke-width": 2 });
    const mark = svg("line", { class: "model-chart-now", y1: P, y2: H - P, "stroke-width": 2 });
    const pic = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "model-chart", role: "img",
      "aria-label": t("model_chart", { output: out.label, input: inp.label }) });
    pic.append(svg("rect", { x: 1, y: 1, width: W - 2, height: H - 2, fill: "none", class: "model-chart-frame" }), line, mark);
    const body = el("tbody");
    const table = el("table", { class: "model-table" },
      el("caption", {}, t("model_chart", { output: out.label, input: inp.label })),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, `${inp.label} ${inp.unit ? "(" + inp.unit + ")" : ""}`.trim()),
        el("th", { scope: "col" }, `${out.label} ${out.unit ? "(" + out.unit + ")" : ""}`.trim()))), body);
    const details = el("details", { class: "model-table-box" }, el("summary", {}, t("model_table")), table);
    box.append(el("figure", { class: "model-display" }, pic, details));
    return (s) => {
      const xs = s.points.map((/** @type {any} */ p) => p.x);
      const x0 = Math.min(...xs), x1 = Math.max(...xs);
      const sx = (W - 2 * P) / ((x1 - x0) || 1), sy = (H - 2 * P) / ((s.y_max - s.y_min) || 1);
      line.setAttribute("points", s.points.map((/** @type {any} */ p) =>
        `${P + (p.x - x0) * sx},${H - P - (p.y - s.y_min) * sy}`).join(" "));
      const cx = P + (s.current - x0) * sx;
      mark.setAttribute("x1", String(cx));
      mark.setAttribute("x2", String(cx));
      body.replaceChildren(...s.points.map((/** @type {any} */ p) =>
        el("tr", { class: p.x === s.current ? "now" : null }, el("td", {}, p.x_text), el("td", {}, p.y_text))));
    };
  }
  if (d.type === "control") return makeControl(box, d);
  // scene: a drawing the engine positions; its alt text says what it shows
  const pic = svg("svg", { viewBox: `0 0 ${d.width} ${d.height}`, class: "model-scene", role: "img" });
  const alt = el("figcaption", { class: "model-scene-alt" });
  box.append(el("figure", { class: "model-display" }, pic, alt));
  return (s) => {
    pic.setAttribute("aria-label", s.alt);
    alt.textContent = s.alt;
    pic.replaceChildren(...s.shapes.map((/** @type {any} */ sh) => drawShape(sh)));
  };
}

/**
 * A control chart: the samples measured so far, a dashed centre line and the two control
 * limits; a sample outside the limits is a square (not only another colour). Its twin is a
 * table with a row per sample that says inside or outside.
 * @param {HTMLElement} box @param {any} d the display as the view declares it
 * @returns {(state: any) => void}
 */
function makeControl(box, d) {
  const W = 320, H = 160, P = 10, R = 44; // R: room on the right for the limits' numbers
  const unit = d.unit ? ` ${d.unit}` : "";
  const line = svg("polyline", { fill: "none", stroke: "currentColor", "stroke-width": 2 });
  const centre = svg("line", { class: "model-control-centre", x1: P, x2: W - R, "stroke-dasharray": "6 4", "stroke-width": 1.5 });
  const lower = svg("line", { class: "model-control-limit", x1: P, x2: W - R, "stroke-width": 2 });
  const upper = svg("line", { class: "model-control-limit", x1: P, x2: W - R, "stroke-width": 2 });
  const lowerText = svg("text", { class: "model-control-label", x: W - R + 4 });
  const upperText = svg("text", { class: "model-control-label", x: W - R + 4 });
  const dots = svg("g");
  const pic = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "model-chart model-control", role: "img" });
  pic.append(svg("rect", { x: 1, y: 1, width: W - 2, height: H - 2, fill: "none", class: "model-chart-frame" }),
    centre, lower, upper, lowerText, upperText, line, dots);
  const note = el("p", { class: "model-control-note" });
  const caption = el("caption");
  const body = el("tbody");
  const table = el("table", { class: "model-table model-control-table" }, caption,
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("model_sample")),
      el("th", { scope: "col" }, `${d.label}${d.unit ? " (" + d.unit + ")" : ""}`),
      el("th", { scope: "col" }, t("model_control_where")))), body);
  const details = el("details", { class: "model-table-box" }, el("summary", {}, t("model_table")), table);
  box.append(el("figure", { class: "model-display" }, pic, note, details));
  return (s) => {
    const n = Math.max(2, s.count);
    const sx = (/** @type {number} */ k) => P + ((k - 1) * (W - R - 2 * P)) / (n - 1);
    const sy = (/** @type {number} */ v) => H - P - ((v - s.y_min) * (H - 2 * P)) / ((s.y_max - s.y_min) || 1);
    for (const [node, v] of /** @type {[Element, number][]} */ ([[centre, s.centre], [lower, s.lower], [upper, s.upper]])) {
      node.setAttribute("y1", String(sy(v)));
      node.setAttribute("y2", String(sy(v)));
    }
    lowerText.setAttribute("y", String(sy(s.lower) + 4));
    lowerText.textContent = s.lower_text;
    upperText.setAttribute("y", String(sy(s.upper) + 4));
    upperText.textContent = s.upper_text;
    line.setAttribute("points", s.points.map((/** @type {any} */ p) => `${sx(p.x)},${sy(p.y)}`).join(" "));
    dots.replaceChildren(...s.points.map((/** @type {any} */ p) => p.out
      ? svg("rect", { class: "model-control-out", x: sx(p.x) - 6, y: sy(p.y) - 6, width: 12, height: 12 })
      : svg("circle", { cx: sx(p.x), cy: sy(p.y), r: 4, fill: "currentColor" })));
    const title = t("model_control", { label: d.label, centre: s.centre_text + unit, lower: s.lower_text,
      upper: s.upper_text + unit });
    note.textContent = s.first_out ? t("model_control_first", { n: s.first_out }) : t("model_control_none");
    pic.setAttribute("aria-label", `${title}. ${note.textContent}`);
    caption.textContent = title;
    body.replaceChildren(...s.points.map((/** @type {any} */ p) =>
      el("tr", { class: p.out ? "out" : null }, el("td", {}, p.x_text), el("td", {}, p.y_text),
        el("td", {}, t(p.out ? "model_control_out" : "model_control_in")))));
  };
}

/** @param {any} sh a shape as the engine placed it */
function drawShape(sh) {
  const fill = sh.fill || "currentColor";
  let node;
  if (sh.shape === "rect") node = svg("rect", { x: sh.x || 0, y: sh.y || 0, width: Math.max(0, sh.w || 0), height: Math.max(0, sh.h || 0), fill });
  else if (sh.shape === "circle") node = svg("circle", { cx: sh.x || 0, cy: sh.y || 0, r: Math.max(0, sh.r || 0), fill });
  else if (sh.shape === "line") node = svg("line", { x1: sh.x || 0, y1: sh.y || 0, x2: sh.x2 || 0, y2: sh.y2 || 0, stroke: sh.stroke || fill, "stroke-width": 3 });
  else {
    node = svg("text", { x: sh.x || 0, y: sh.y || 0, fill });
    node.textContent = sh.text || "";
  }
  if (sh.stroke && sh.shape !== "line") node.setAttribute("stroke", sh.stroke);
  const turn = [];
  if (sh.rotate) turn.push(`rotate(${sh.rotate} ${sh.x || 0} ${sh.y || 0})`);
  if (turn.length) node.setAttribute("transform", turn.join(" "));
  if (sh.spin) {
    // turns per second, as a CSS animation about the shape's x, y (stopped under reduced motion)
    const g = svg("g", { class: "model-spin" });
    g.style.transformOrigin = `${sh.x || 0}px ${sh.y || 0}px`;
    g.style.animationDuration = `${Math.max(0.05, 1 / Math.abs(sh.spin))}s`;
    g.append(node);
    return g;
  }
  return node;
}
