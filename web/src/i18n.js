// The player's words: content/ui.yaml's tables ({en: {key: text}, es: {...}}), chosen by
// the current language. translate() and pickIn() are pure; t() and pick() use the tables
// and language given to useStrings() (settings.js does that).

/** @typedef {Record<string, Record<string, string>>} Tables */

/** @type {Tables} */
let tables = { en: {} };
/** @type {() => string} */
let current = () => "en";

/** @param {Tables} ui @param {() => string} langOf */
export function useStrings(ui, langOf) {
  tables = ui;
  current = langOf;
}

/**
 * The text of `key` in `lang` (English, then the key itself, when missing), with
 * {name} placeholders filled from `vars`; unknown placeholders stay as written.
 * @param {Tables} ui @param {string} lang @param {string} key @param {Record<string, any>} [vars]
 */
export function translate(ui, lang, key, vars) {
  const table = ui[lang] || ui.en || {};
  let text = table[key] ?? (ui.en || {})[key] ?? key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return text;
}

/**
 * Catalogue texts built at build time: {en, es} or a plain string.
 * @param {string | Record<string, string> | null | undefined} text @param {string} lang
 */
export function pickIn(text, lang) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? "";
}

/** @param {string} key @param {Record<string, any>} [vars] */
export const t = (key, vars) => translate(tables, current(), key, vars);
/** @param {string | Record<string, string> | null | undefined} text */
export const pick = (text) => pickIn(text, current());
