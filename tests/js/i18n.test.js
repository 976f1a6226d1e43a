// node --test tests/js/ — the player's words (web/src/i18n.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { translate, pickIn, useStrings, t, pick } from "../../web/src/i18n.js";

const UI = {
  en: { hello: "Hello, {name}!", only_en: "English only", n: "{n} of {total}" },
  es: { hello: "¡Hola, {name}!", n: "{n} de {total}" },
};

test("translate picks the language, fills placeholders, falls back to English then the key", () => {
  assert.equal(translate(UI, "es", "hello", { name: "Ana" }), "¡Hola, Ana!");
  assert.equal(translate(UI, "en", "hello", { name: "Ana" }), "Hello, Ana!");
  assert.equal(translate(UI, "es", "only_en"), "English only");
  assert.equal(translate(UI, "fr", "hello", { name: "Lu" }), "Hello, Lu!");
  assert.equal(translate(UI, "es", "missing_key"), "missing_key");
});

test("placeholders without a value stay as written; values may be numbers or zero", () => {
  assert.equal(translate(UI, "en", "hello", {}), "Hello, {name}!");
  assert.equal(translate(UI, "es", "n", { n: 0, total: 3 }), "0 de 3");
});

test("pickIn reads catalogue texts: plain strings, {en, es}, English fallback, nothing", () => {
  assert.equal(pickIn("Plain", "es"), "Plain");
  assert.equal(pickIn({ en: "Nurse", es: "Enfermera" }, "es"), "Enfermera");
  assert.equal(pickIn({ en: "Nurse" }, "es"), "Nurse");
  assert.equal(pickIn({ es: "Solo" }, "en"), "Solo");
  assert.equal(pickIn(null, "en"), "");
  assert.equal(pickIn(undefined, "en"), "");
});

test("t and pick follow the language given to useStrings as it changes", () => {
  let lang = "en";
  useStrings(UI, () => lang);
  assert.equal(t("hello", { name: "Sam" }), "Hello, Sam!");
  assert.equal(pick({ en: "A", es: "B" }), "A");
  lang = "es";
  assert.equal(t("hello", { name: "Sam" }), "¡Hola, Sam!");
  assert.equal(pick({ en: "A", es: "B" }), "B");
});
