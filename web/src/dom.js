// The small DOM helpers every view module uses (no framework).

/** @param {string} sel @param {ParentNode} [root] @returns {any} */
export const $ = (sel, root = document) => root.querySelector(sel);

/**
 * An element with attributes and children. `text` sets its text, `class` its class,
 * `on<event>` adds a listener, true gives an empty attribute, null/false leaves one out.
 * @param {string} tag @param {Record<string, any>} [attrs] @param {...any} children
 * @returns {any}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else if (k === "value") /** @type {any} */ (node).value = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== "string") /** @type {any} */ (node)[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

/** A text's paragraphs (split on blank lines) as <p> elements. @param {string | null | undefined} text */
export function paragraphs(text) {
  return String(text || "").split(/\n\s*\n/).filter((p) => p.trim()).map((p) => el("p", {}, p.trim()));
}

/** @param {string} label @param {() => void} onclick */
export function actionButton(label, onclick, cls = "button primary") {
  return el("button", { type: "button", class: cls, onclick }, label);
}

/** An SVG QR code from the worker's "qr" reply (segno's modules as one path).
 * @param {{size: number, path: string}} reply @param {string} label */
export function qrSvg(reply, label) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${reply.size} ${reply.size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", String(reply.size));
  bg.setAttribute("height", String(reply.size));
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", reply.path);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return svg;
}
