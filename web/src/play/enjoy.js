// At an ending: the play kept in "My test-drives" (ctd.profile, web/src/profile/storage.js)
// with its result code, and the view's "enjoy" statements about the work just tried,
// each rated on a 5-point scale, every one optional. Ratings are not part of the game or
// its codes: they live only in ctd.profile. Only a simulation's own page keeps them —
// never a kiosk, an LMS package (another site, with no profile page) or an assignment on
// a shared device, where nothing of the student is kept.
import { assignment } from "./assignment.js";
import { loadProfile, saveProfile, withPlay } from "../profile/storage.js";

/** @typedef {import("./context.js").PlayContext} PlayContext */

/** @param {PlayContext} ctx */
export function keepsProfile(ctx) {
  return !ctx.kiosk && document.body.dataset.page === "play" && !assignment()?.shared;
}

/** The ending's result code. @param {any} e the view's ending */
export function resultCode(e) {
  return e.result_code || (e.result && e.result.result_code) || "";
}

/** Keep this play (idempotent: showing the same ending again changes nothing). @param {any} v the view */
export function recordPlay(v) {
  const code = resultCode(v.ending);
  if (!code) return false;
  const play = { sim: v.sim.id, version: v.sim.version || (v.ending.result && v.ending.result.version) || "",
    lang: v.lang || "en", code, at: new Date().toISOString(), enjoyed: {} };
  return saveProfile(withPlay(loadProfile(), play));
}
