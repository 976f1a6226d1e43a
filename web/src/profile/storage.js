// "My test-drives" on this device: localStorage["ctd.profile"] =
//   {v: 1, plays: [{sim, version, lang, code, at, enjoyed: {statement id: 1..5}, game}]}
// (the contract with engine/profile.py, which checks every code by replaying it). `game`
// names one game (simulation, version, seed, steps): its result code changes with the
// language it is shown in, so the same ending shown in Spanish is still the same play. The
// functions that shape a profile are pure, so tests run them under Node; only
// loadProfile/saveProfile touch storage. Who may write it is decided by the caller
// (web/src/play/enjoy.js: a simulation's own page, never a kiosk, an LMS package or a
// shared-device assignment).
import { store } from "../store.js";

export const PROFILE_KEY = "ctd.profile";
// A class plays a handful of simulations; this bounds what a damaged or hostile import can add.
export const MAX_PLAYS = 300;
const MAX_CODE = 8192;

/** @typedef {{sim: string, version: string, lang: string, code: string, at: string, enjoyed: Record<string, number>, game?: string}} Play */
/** @typedef {{v: 1, plays: Play[]}} Profile */

/** @returns {Profile} */
export function emptyProfile() {
  return { v: 1, plays: [] };
}

const text = (/** @type {any} */ x, max = 200) => (typeof x === "string" && x.length <= max ? x : null);

/** One stored play with only the contract's fields, or null when it is not one. @param {any} raw @returns {Play | null} */
export function cleanPlay(raw) {
  if (!raw || typeof raw !== "object") return null;
  const sim = text(raw.sim, 120);
  const code = text(raw.code, MAX_CODE);
  if (!sim || !code) return null;
  /** @type {Record<string, number>} */
  const enjoyed = {};
  if (raw.enjoyed && typeof raw.enjoyed === "object") {
    for (const [id, n] of Object.entries(raw.enjoyed)) {
      if (id.length <= 80 && Number.isInteger(n) && n >= 1 && n <= 5) enjoyed[id] = n;
    }
  }
  const game = text(raw.game, 200);
  return { sim, version: text(raw.version, 40) || "", lang: text(raw.lang, 10) || "en", code,
    at: text(raw.at, 40) || "", enjoyed, ...(game ? { game } : {}) };
}

/** A profile as stored (or imported), with anything malformed left out; null when it is not a profile at all. @param {any} raw @returns {Profile | null} */
export function cleanProfile(raw) {
  if (!raw || typeof raw !== "object" || raw.v !== 1 || !Array.isArray(raw.plays)) return null;
  /** @type {Profile} */
  let profile = emptyProfile();
  for (const p of raw.plays.slice(0, MAX_PLAYS)) {
    const play = cleanPlay(p);
    if (play) profile = withPlay(profile, play);
  }
  return profile;
}

/** Whether a kept play is the one `key` names: its game, or its code. @param {Play} p @param {string} key */
export function isPlay(p, key) {
  return !!key && (p.code === key || p.game === key);
}

/**
 * The profile with `play` added. The same game already kept (its ending shown again, or
 * in the other language) stays one play: its first code, date and language stay, the
 * ratings already given win, and the new one's fill the gaps.
 * @param {Profile} profile @param {Play} play @returns {Profile}
 */
export function withPlay(profile, play) {
  const old = profile.plays.find((p) => isPlay(p, play.code) || isPlay(p, play.game || ""));
  if (!old) return { v: 1, plays: [...profile.plays, play].slice(-MAX_PLAYS) };
  const game = old.game || play.game;
  const merged = { ...old, enjoyed: { ...play.enjoyed, ...old.enjoyed }, ...(game ? { game } : {}) };
  return { v: 1, plays: profile.plays.map((p) => (p === old ? merged : p)) };
}

/**
 * The profile with one statement of a play (named by its game or code) rated 1..5, or
 * its rating removed (n = null).
 * @param {Profile} profile @param {string} key @param {string} id @param {number | null} n @returns {Profile}
 */
export function withRating(profile, key, id, n) {
  return { v: 1, plays: profile.plays.map((p) => {
    if (!isPlay(p, key)) return p;
    const enjoyed = { ...p.enjoyed };
    if (n == null) delete enjoyed[id];
    else enjoyed[id] = n;
    return { ...p, enjoyed };
  }) };
}

/** Plays brought from another device added to this one's; nothing here is lost. @param {Profile} here @param {Profile} incoming */
export function mergeProfiles(here, incoming) {
  let out = here;
  for (const play of incoming.plays) out = withPlay(out, play);
  return out;
}

/** @returns {Profile} */
export function loadProfile() {
  return cleanProfile(store.json(PROFILE_KEY, null)) || emptyProfile();
}

/** @param {Profile} profile @returns {boolean} false when the browser refused (full, private mode) */
export function saveProfile(profile) {
  return store.set(PROFILE_KEY, JSON.stringify(profile));
}
