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
