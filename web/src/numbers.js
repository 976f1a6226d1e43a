// Numbers as a student reads them, the engine's way (engine/text.py format_number): English
// 6,112.5; Spanish 6112,5 and 12 345,5 (a no-break space groups thousands from five digits
// on). The player only *writes* numbers here; what a student types goes to the engine as
// typed and the engine reads it (one rule). tests/fixtures/numbers.json holds the cases
// both sides are tested against.

const DECIMAL_COMMA = new Set(["es", "fr", "de", "it", "pt"]);

/**
 * `value` with at most `decimals` decimals, rounded as Python's format does (on the exact
 * binary value, a true tie to even), so both players print the same digits.
 * @param {number} value @param {string} lang @param {number} decimals
 * @returns {string}
 */
export function formatNumber(value, lang, decimals) {
  const x = Number(value);
  const exact = Math.abs(x).toFixed(100); // the double's exact decimal digits
  const point = exact.indexOf(".");
  const kept = exact.slice(0, point) + exact.slice(point + 1, point + 1 + decimals);
  const rest = exact.slice(point + 1 + decimals);
  let n = BigInt(kept);
  const half = "5".padEnd(rest.length, "0");
  if (rest > half || (rest === half && n % 2n === 1n)) n += 1n;
  const digits = n.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, "");
  const sign = x < 0 && n > 0n ? "-" : "";
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  const text = sign + grouped + (frac ? "." + frac : "");
  if (!DECIMAL_COMMA.has(lang)) return text;
  return text.replace(/,/g, whole.length <= 4 ? "" : "\u00a0").replace(".", ",");
}
