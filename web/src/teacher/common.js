// The teacher page's small shared helpers: its configuration, words (content/ui.yaml),
// storage that never throws, settings like every other page, and element building.
export const config = JSON.parse(document.getElementById("ctd-config").textContent);
export const UI = config.ui;
export const $ = (sel, root = document) => root.querySelector(sel);

export const store = {
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  set(key, value) {
    try { localStorage.setItem(key, value); return true; } catch { return false; }
  },
  remove(key) {
    try { localStorage.removeItem(key); } catch { /* storage unavailable */ }
  },
  json(key, fallback) {
    const raw = store.get(key);
    if (raw == null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },
};

const DEFAULTS = {
  lang: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
  textSize: 100,
  contrast: false,
  readable: false,
  motion: matchMedia("(prefers-reduced-motion: reduce)").matches,
  readAloud: false,
};
// The same stored settings as the player's pages (ctd.settings), checked when read back.
function readSettings() {
  const raw = store.json("ctd.settings", {});
  const s = Object.assign({}, DEFAULTS);
  if (raw && typeof raw === "object") {
    if (raw.lang === "en" || raw.lang === "es") s.lang = raw.lang;
    if ([100, 125, 150, 175, 200].includes(raw.textSize)) s.textSize = raw.textSize;
    for (const k of ["contrast", "readable", "motion", "readAloud"]) if (typeof raw[k] === "boolean") s[k] = raw[k];
  }
  return s;
}
export const settings = readSettings();

export function t(key, vars) {
  const table = UI[settings.lang] || UI.en;
  let text = table[key] ?? UI.en[key] ?? key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return text;
}

export function pick(text) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text[settings.lang] || text.en || Object.values(text)[0] || "";
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else if (k === "value") node.value = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

export function applySettings() {
  const root = document.documentElement;
  root.lang = settings.lang;
  root.style.fontSize = settings.textSize + "%";
  root.dataset.contrast = settings.contrast ? "high" : "normal";
  root.dataset.font = settings.readable ? "readable" : "default";
  root.dataset.motion = settings.motion ? "reduce" : "full";
  store.set("ctd.settings", JSON.stringify(settings));
}

export function translateStatic() {
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-t-label]")) node.setAttribute("aria-label", t(node.dataset.tLabel));
}

export function buildSettings(onChange) {
  const dialog = $("#settings");
  const form = $("#settings-form");
  const sync = () => {
    form.lang.value = settings.lang;
    form.textSize.value = String(settings.textSize);
    form.contrast.checked = settings.contrast;
    form.readable.checked = settings.readable;
    form.motion.checked = settings.motion;
    form.readAloud.checked = settings.readAloud;
  };
  sync();
  form.addEventListener("change", () => {
    settings.lang = form.lang.value;
    settings.textSize = Number(form.textSize.value);
    settings.contrast = form.contrast.checked;
    settings.readable = form.readable.checked;
    settings.motion = form.motion.checked;
    settings.readAloud = form.readAloud.checked;
    applySettings();
    translateStatic();
    onChange();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  $("#open-settings").addEventListener("click", () => { sync(); dialog.showModal(); });
  $("#close-settings").addEventListener("click", () => dialog.close());
}

// Copy text to the clipboard; falls back to selecting it for Ctrl+C.
export async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (field) { field.focus(); field.select(); }
    try { return document.execCommand("copy"); } catch { return false; }
  }
}

export function download(name, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

// An SVG QR code from the worker's "qr" reply (segno's modules as one path).
export function qrSvg(reply, label) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${reply.size} ${reply.size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", reply.size);
  bg.setAttribute("height", reply.size);
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", reply.path);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return svg;
}
