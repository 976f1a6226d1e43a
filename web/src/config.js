// The page's build-time configuration (the JSON in <script id="ctd-config">) and the
// address helpers that depend on it. main.js sets it once; until then it is empty, so
// modules can be imported (and tested) outside a page.

/** @type {{base: string, ui: Record<string, Record<string, string>>, art?: string[], [key: string]: any}} */
export let config = { base: "", ui: { en: {} }, art: [] };
/** The page address's query (?kiosk, ?lang=es, ?idle=…). */
export let params = new URLSearchParams();
let art = new Set();

/**
 * @param {typeof config} value
 * @param {string} [search] location.search
 */
export function setConfig(value, search = "") {
  config = value;
  params = new URLSearchParams(search);
  art = new Set(value.art || []);
}

/** @param {Document} doc */
export function readConfig(doc) {
  return JSON.parse(/** @type {HTMLElement} */ (doc.getElementById("ctd-config")).textContent || "{}");
}

/**
 * Art the build shipped (paths under content/); anything else is left out, never a 404.
 * @param {string | null | undefined} path
 */
export function artUrl(path) {
  return path && art.has(path) ? `${config.base}content/${path}` : null;
}

export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !config.sw) return;
  // The site's root ("" would mean this page's own address, query included).
  const scope = new URL(config.base || "./", location.href).href;
  navigator.serviceWorker.register(config.sw, { scope }).catch((err) => {
    console.warn("offline support unavailable:", err && err.message);
  });
}
