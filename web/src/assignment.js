// An assignment, as a teacher page link carries it: in the URL's fragment (#a=...), so it
// never reaches a server's logs. It holds no student data: simulations, language, length,
// a class label, due-date text and the settings students start with. decode() checks
// every field, since anyone can edit a link.
export const LABEL_RE = /^[\p{L}\p{N} ._-]{1,40}$/u;
const SIZES = [100, 125, 150, 175, 200];
const MAX_DUE = 60;

function b64url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unb64url(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

// {sims, lang, kiosk, label, due, textSize, contrast, readable, motion, readAloud, shared}
export function encode(a) {
  const data = { v: 1, s: a.sims, l: a.lang, c: a.label };
  if (a.kiosk) data.k = 1;
  if (a.due) data.d = a.due;
  if (a.textSize && a.textSize !== 100) data.t = a.textSize;
  if (a.contrast) data.hc = 1;
  if (a.readable) data.rf = 1;
  if (a.motion) data.rm = 1;
  if (a.readAloud) data.ra = 1;
  if (a.shared) data.sh = 1;
  return "a=" + b64url(JSON.stringify(data));
}

// The assignment in a URL fragment ("#a=..."), or null when there is none or it does
// not check out. known: the simulation ids this build has.
export function decode(hash, known) {
  const m = /(?:^#?|&)a=([A-Za-z0-9_-]{4,2000})(?:&|$)/.exec(hash || "");
  if (!m) return null;
  let data;
  try { data = JSON.parse(unb64url(m[1])); } catch { return null; }
  if (!data || typeof data !== "object" || data.v !== 1) return null;
  const sims = Array.isArray(data.s) ? data.s.filter((id) => typeof id === "string" && known.has(id)) : [];
  if (!sims.length || sims.length > 20) return null;
  const label = typeof data.c === "string" && LABEL_RE.test(data.c) ? data.c : "";
  const due = typeof data.d === "string" ? data.d.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, MAX_DUE) : "";
  return {
    sims: [...new Set(sims)],
    lang: data.l === "es" ? "es" : "en",
    kiosk: data.k === 1,
    label,
    due,
    textSize: SIZES.includes(data.t) ? data.t : 100,
    contrast: data.hc === 1,
    readable: data.rf === 1,
    motion: data.rm === 1,
    readAloud: data.ra === 1,
    shared: data.sh === 1,
  };
}

// Where a link sends students: one simulation opens its page, more open the start page
// showing only those.
export function linkPath(a) {
  return a.sims.length === 1 ? `sims/${a.sims[0]}.html` : "index.html";
}
