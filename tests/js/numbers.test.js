// node --test tests/js/ — numbers written the engine's way (web/src/numbers.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { formatNumber } from "../../web/src/numbers.js";

const { cases } = JSON.parse(readFileSync(new URL("../fixtures/numbers.json", import.meta.url), "utf8"));

test("formatNumber writes every case as engine/text.py format_number does", () => {
  assert.ok(cases.length >= 100);
  for (const c of cases) assert.equal(formatNumber(c.value, c.lang, c.decimals), c.text, JSON.stringify(c));
});

test("English groups with commas; Spanish writes 6112 whole and groups 12 345 with a no-break space", () => {
  assert.equal(formatNumber(6112, "en", 0), "6,112");
  assert.equal(formatNumber(6112, "es", 0), "6112");
  assert.equal(formatNumber(18336.5, "es", 1), "18\u00a0336,5");
});
