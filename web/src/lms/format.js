// SCORM's value formats, pure functions (tests/js/lms-format.test.js): time spans, the
// score, an activity's answer as a response string, identifiers — each within the
// limits of its SCORM version.

/** A duration as SCORM 1.2's CMITimespan, HHHH:MM:SS.SS. @param {number} ms */
export function timespan12(ms) {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `${String(h).padStart(4, "0")}:${String(m).padStart(2, "0")}:${s.toFixed(2).padStart(5, "0")}`;
}

/** A duration as SCORM 2004's ISO 8601 timeinterval, PT#H#M#S. @param {number} ms */
export function duration2004(ms) {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h}H${m}M${Number(s.toFixed(2))}S`;
}

/** @param {"1.2" | "2004"} version @param {number} ms */
export function duration(version, ms) {
  return version === "2004" ? duration2004(ms) : timespan12(ms);
}

/** The ending's rating on 0–100, a whole number. @param {number} rating @param {number} max */
export function scoreOf(rating, max) {
  if (!(max > 0) || !Number.isFinite(rating)) return 0;
  return Math.round(Math.min(100, Math.max(0, (rating / max) * 100)));
}

/** Cut text to `max` characters (code points never split). @param {string} text @param {number} max */
export function clip(text, max) {
  const chars = Array.from(String(text));
  return chars.length <= max ? chars.join("") : chars.slice(0, max).join("");
}

/** An identifier SCORM accepts in both versions: letters, digits, - _ . : only. @param {string} text @param {number} max */
export function identifier(text, max = 255) {
  return clip(String(text).replace(/[^A-Za-z0-9_.:-]+/g, "-") || "x", max);
}

/**
 * An activity's answer as one line: a list as "a,b,c", pairs as "a.b,c.d", a number as itself.
 * @param {any} answer @param {number} max
 */
export function responseText(answer, max) {
  /** @param {any} v @returns {string} */
  const flat = (v) => {
    if (v == null) return "";
    if (Array.isArray(v)) return v.map(flat).join(",");
    if (typeof v === "object") return Object.entries(v).map(([k, x]) => `${k}.${flat(x)}`).join(",");
    return String(v);
  };
  return clip(flat(answer), max);
}

/** The interaction type SCORM calls this activity kind (docs/lms.md says why). @param {"1.2" | "2004"} version @param {string} kind */
export function interactionType(version, kind) {
  if (kind === "numeric") return "numeric";
  return version === "2004" ? "other" : "fill-in";
}

/** feedback.outcome and score as an interaction's result. @param {"1.2" | "2004"} version @param {string} outcome @param {any} score */
export function interactionResult(version, outcome, score) {
  if (outcome === "correct") return "correct";
  if (outcome === "wrong") return version === "2004" ? "incorrect" : "wrong";
  if (typeof score === "number" && Number.isFinite(score)) return String(Math.round(score * 100) / 100);
  return "neutral";
}
