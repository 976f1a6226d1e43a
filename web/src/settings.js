// The reader's settings (language, text size, contrast, readable font, motion, read
// aloud): kept in localStorage "ctd.settings", except at a kiosk, which starts every
// visitor from its defaults and never reads or writes them.
import { $ } from "./dom.js";
import { config } from "./config.js";
import { useStrings, t } from "./i18n.js";
import { store } from "./store.js";

export const settings = {
  lang: "en",
  textSize: 100,
  contrast: false,
  readable: false,
  motion: false,
  readAloud: false,
};
let persist = false;

/** t() and pick() read config.ui in the settings' language (call after setConfig). */
export function useConfigStrings() {
  useStrings(config.ui, () => settings.lang);
}

/** @param {{kiosk: boolean, langParam?: string | null}} options */
export function loadSettings({ kiosk, langParam = null }) {
  const defaults = {
    lang: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
    textSize: 100,
    contrast: false,
    readable: false,
    motion: matchMedia("(prefers-reduced-motion: reduce)").matches,
    readAloud: false,
  };
  if (kiosk) defaults.lang = langParam === "es" ? "es" : "en";
  persist = !kiosk;
  Object.assign(settings, defaults, kiosk ? {} : store.json("ctd.settings", {}));
  if (!config.ui[settings.lang]) settings.lang = "en";
  useConfigStrings();
}

export function applySettings() {
  const root = document.documentElement;
  root.lang = settings.lang;
  root.style.fontSize = settings.textSize + "%";
  root.dataset.contrast = settings.contrast ? "high" : "normal";
  root.dataset.font = settings.readable ? "readable" : "default";
  root.dataset.motion = settings.motion ? "reduce" : "full";
  if (persist) store.set("ctd.settings", JSON.stringify(settings));
}

/** The page's fixed words (data-t, data-t-label, data-t-placeholder) in the current language. */
export function translateStatic() {
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(/** @type {any} */ (node).dataset.t);
  for (const node of document.querySelectorAll("[data-t-label]")) node.setAttribute("aria-label", t(/** @type {any} */ (node).dataset.tLabel));
  for (const node of document.querySelectorAll("[data-t-placeholder]")) /** @type {any} */ (node).placeholder = t(/** @type {any} */ (node).dataset.tPlaceholder);
}

/**
 * Wires the settings dialog (web/settings.html). onChange(langChanged) runs after each change.
 * @param {(langChanged: boolean) => void} onChange
 */
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
    const langBefore = settings.lang;
    settings.lang = form.lang.value;
    settings.textSize = Number(form.textSize.value);
    settings.contrast = form.contrast.checked;
    settings.readable = form.readable.checked;
    settings.motion = form.motion.checked;
    settings.readAloud = form.readAloud.checked;
    if (!settings.readAloud && "speechSynthesis" in window) speechSynthesis.cancel();
    applySettings();
    translateStatic();
    onChange(langBefore !== settings.lang);
  });
  form.addEventListener("submit", (/** @type {Event} */ e) => e.preventDefault());
  $("#open-settings").addEventListener("click", () => {
    sync();
    dialog.showModal();
  });
  $("#close-settings").addEventListener("click", () => dialog.close());
}
