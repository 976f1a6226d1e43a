// At an ending: the play kept in "My test-drives" (ctd.profile, web/src/profile/storage.js)
// with its result code, and the view's "enjoy" statements about the work just tried,
// each rated on a 5-point scale, every one optional. Ratings are not part of the game or
// its codes: they live only in ctd.profile. Only a simulation's own page keeps them —
// never a kiosk, an LMS package (another site, with no profile page) or an assignment on
// a shared device, where nothing of the student is kept.
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { assignment } from "./assignment.js";
import { isPlay, loadProfile, saveProfile, withPlay, withRating } from "../profile/storage.js";

/** @typedef {import("./context.js").PlayContext} PlayContext */

export const SCALE = [1, 2, 3, 4, 5];

/** @param {PlayContext} ctx */
export function keepsProfile(ctx) {
  return !ctx.kiosk && document.body.dataset.page === "play" && !assignment()?.shared;
}

/** The ending's result code. @param {any} e the view's ending */
export function resultCode(e) {
  return e.result_code || (e.result && e.result.result_code) || "";
}

/** One game, whatever language its ending is shown in (its result code changes with the
 * language): the simulation, version, seed and steps. @param {any} v the view */
export function gameOf(v) {
  const r = (v.ending && v.ending.result) || {};
  return r.seed == null ? "" : `${v.sim.id}@${v.sim.version}#${r.seed}:${r.steps}`;
}

/** Keep this play (idempotent: showing the same ending again changes nothing). @param {any} v the view */
export function recordPlay(v) {
  const code = resultCode(v.ending);
  if (!code) return false;
  const game = gameOf(v);
  const play = { sim: v.sim.id, version: v.sim.version || (v.ending.result && v.ending.result.version) || "",
    lang: v.lang || "en", code, at: new Date().toISOString(), enjoyed: {}, ...(game ? { game } : {}) };
  return saveProfile(withPlay(loadProfile(), play));
}

/**
 * The rating groups, or null when the view has no statements. Each statement is a
 * fieldset (its text the legend) of five native radio buttons.
 * @param {any} v the view
 */
export function renderEnjoy(v) {
  const statements = (v.ending && v.ending.enjoy) || [];
  const key = gameOf(v) || resultCode(v.ending);
  if (!statements.length || !key) return null;
  const stored = loadProfile().plays.find((p) => isPlay(p, key));
  const given = (stored && stored.enjoyed) || {};
  const status = el("p", { class: "hint", id: "enjoy-status", role: "status" });
  const groups = statements.map((/** @type {any} */ s, /** @type {number} */ i) => {
    const name = `enjoy-${i}`;
    const radios = SCALE.map((n) => {
      const id = `${name}-${n}`;
      const input = el("input", { type: "radio", name, id, value: String(n), checked: given[s.id] === n,
        onchange: () => rate(s.id, n) });
      return el("span", { class: "enjoy-option" }, input, el("label", { for: id }, t(`enjoy_${n}`)));
    });
    return el("fieldset", { class: "enjoy-item", "data-statement": s.id, "data-area": s.area },
      el("legend", {}, s.text), el("div", { class: "enjoy-scale" }, ...radios));
  });
  /** @param {string} id @param {number | null} n */
  const rate = (id, n) => {
    const saved = saveProfile(withRating(loadProfile(), key, id, n));
    status.textContent = saved ? "" : t("profile_storage_full");
  };
  const clear = el("button", { type: "button", class: "button", onclick: () => {
    for (const s of statements) rate(s.id, null);
    for (const r of groups.flatMap((g) => [...g.querySelectorAll("input")])) r.checked = false;
    status.textContent = t("enjoy_cleared");
  } }, t("enjoy_clear"));
  return el("section", { class: "enjoy", "aria-labelledby": "enjoy-title", "aria-describedby": "enjoy-hint" },
    el("h2", { id: "enjoy-title" }, t("enjoy_title")),
    el("p", { class: "hint", id: "enjoy-hint" }, t("enjoy_hint")),
    ...groups, clear, status);
}
