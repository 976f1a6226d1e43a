// localStorage, tolerating its absence or refusal (private mode, full disk, a kiosk's
// locked profile): reads give null or the fallback, writes report false.

export const store = {
  /** @param {string} key @returns {string | null} */
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  /** @param {string} key @param {string} value */
  set(key, value) {
    try { localStorage.setItem(key, value); return true; } catch { return false; }
  },
  /** @param {string} key */
  remove(key) {
    try { localStorage.removeItem(key); } catch { /* storage unavailable */ }
  },
  /** @template T @param {string} key @param {T} fallback @returns {any} */
  json(key, fallback) {
    const raw = store.get(key);
    if (raw == null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },
};

// A student's work on this device: games, the last screen, start times, reflections, the
// typed name, saves set aside and "My test-drives" (ctd.profile). Not the settings, a
// kiosk's counts or a teacher's list.
const WORK = /^ctd\.(save|view|started|reflect|broken)\.|^ctd\.(studentName|profile)$/;
/** Saves that could not be opened are set aside for a while (a teacher may want them), then dropped. */
export const BROKEN_KEEP = 3;
export const BROKEN_DAYS = 30;

/** @returns {string[]} */
function keys() {
  try { return Object.keys(localStorage); } catch { return []; }
}

/** "Clear my work on this device": removes every key of a student's work; returns how many. */
export function forgetWork() {
  const gone = keys().filter((k) => WORK.test(k));
  for (const k of gone) store.remove(k);
  try { sessionStorage.removeItem("ctd.pendingCode"); } catch { /* storage unavailable */ }
  return gone.length;
}

/** Drop set-aside saves (ctd.broken.<sim>.<ms>) beyond the newest BROKEN_KEEP or older than BROKEN_DAYS. */
export function pruneBroken(now = Date.now()) {
  const broken = keys().map((k) => ({ k, t: Number(k.split(".").pop()) }))
    .filter(({ k }) => k.startsWith("ctd.broken."))
    .sort((a, b) => (b.t || 0) - (a.t || 0));
  broken.forEach(({ k, t }, i) => {
    if (i >= BROKEN_KEEP || !(t > 0) || now - t > BROKEN_DAYS * 86400_000) store.remove(k);
  });
}
