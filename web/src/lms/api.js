// Finding and talking to the LMS's SCORM API. SCORM 1.2 puts `API` and SCORM 2004
// `API_1484_11` on a window above the course: this page's, a parent's (the LMS frames
// the course, sometimes many levels deep; ADL's reference code stops after 500) or the
// window that opened it (LMSs that launch in a new window). Cross-origin windows are
// skipped, never an error. `Lms` gives both versions one small interface; the element
// names and limits that differ are in NAMES.

/** @typedef {"1.2" | "2004"} ScormVersion */

const MAX_LEVELS = 500;

/** @param {any} win @param {string} name */
function apiOn(win, name) {
  try {
    return win && win[name] ? win[name] : null;
  } catch {
    return null; // a window of another origin
  }
}

/** @param {any} start @param {string} name */
function searchUp(start, name) {
  let win = start;
  for (let level = 0; win && level <= MAX_LEVELS; level += 1) {
    const api = apiOn(win, name);
    if (api) return api;
    let parent = null;
    try { parent = win.parent; } catch { parent = null; }
    if (!parent || parent === win) break;
    win = parent;
  }
  return null;
}

/**
 * The API object of the version asked for: this window and its parents, then the
 * opener and its parents.
 * @param {any} win @param {ScormVersion} version
 */
export function findApi(win, version) {
  const name = version === "2004" ? "API_1484_11" : "API";
  let opener = null;
  try { opener = win.opener; } catch { opener = null; }
  return searchUp(win, name) || (opener ? searchUp(opener, name) : null);
}

/** Data-model names and limits per version (SCORM 1.2 RTE 3.4; SCORM 2004 4th ed. RTE 4.2). */
export const NAMES = {
  "1.2": {
    entry: "cmi.core.entry", location: "cmi.core.lesson_location", locationMax: 255,
    suspend: "cmi.suspend_data", suspendMax: 4096, exit: "cmi.core.exit",
    sessionTime: "cmi.core.session_time", score: "cmi.core.score", comments: "cmi.comments", commentsMax: 4096,
    responseKey: "student_response", responseMax: 255, idMax: 255,
  },
  "2004": {
    entry: "cmi.entry", location: "cmi.location", locationMax: 1000,
    suspend: "cmi.suspend_data", suspendMax: 64000, exit: "cmi.exit",
    sessionTime: "cmi.session_time", score: "cmi.score", comments: null, commentsMax: 4000,
    responseKey: "learner_response", responseMax: 4000, idMax: 4000,
  },
};

export class Lms {
  /** @param {any} api @param {ScormVersion} version */
  constructor(api, version) {
    this.api = api;
    this.version = version;
    this.names = NAMES[version];
    this.live = false;
  }

  /** @param {string} fn12 @param {string} fn2004 @param {...string} args */
  call(fn12, fn2004, ...args) {
    const fn = this.version === "2004" ? fn2004 : fn12;
    try {
      return this.api[fn](...args);
    } catch (err) {
      console.warn(`SCORM ${fn} threw:`, err);
      return "false";
    }
  }

  initialize() {
    this.live = String(this.call("LMSInitialize", "Initialize", "")) === "true";
    return this.live;
  }

  /** @param {string} name */
  get(name) {
    return this.live ? String(this.call("LMSGetValue", "GetValue", name) ?? "") : "";
  }

  /** @param {string} name @param {string | number} value @returns {boolean} */
  set(name, value) {
    if (!this.live) return false;
    const ok = String(this.call("LMSSetValue", "SetValue", name, String(value))) === "true";
    if (!ok) console.warn(`SCORM refused ${name} (error ${this.call("LMSGetLastError", "GetLastError")})`);
    return ok;
  }

  commit() {
    return this.live && String(this.call("LMSCommit", "Commit", "")) === "true";
  }

  finish() {
    if (!this.live) return false;
    this.live = false;
    return String(this.call("LMSFinish", "Terminate", "")) === "true";
  }
}
