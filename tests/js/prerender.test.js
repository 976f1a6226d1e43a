// node --test tests/js/ — the build's first-scene HTML (web/prerender/), made by the
// player's own view code on a small DOM, and the activity widgets on that DOM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Document } from "../../web/prerender/dom.mjs";
import { prerender } from "../../web/prerender/main.mjs";
import { KINDS, renderActivity } from "../../web/src/activities/index.js";

const UI = { en: { choices: "What do you do?", continue: "Continue", clock: "Time", minutes_left: "{n} min left",
  check_answer: "Check", your_answer: "Your answer", need_number: "Type a number", pick_all: "Pick all" }, es: {} };

// A whole view (docs/view.md): the player reads every key the contract guarantees directly.
const scene = {
  format: 2, sim: { id: "s", version: "1", title: "A <Test> & sim", field: "healthcare", career: "registered-nurse" },
  lang: "en", languages: ["en"], phase: "scene", scene: "start", step: 0,
  text: "First paragraph.\n\nSecond <b>not bold</b>.",
  speaker: { id: "ana", name: "Ana", role: "Nurse", portrait: "art/ana.svg" },
  background: "art/missing.svg", sound: null, notices: [],
  clock: { time: "7:00", elapsed: 0, limit: 30, left: 30 },
  meters: [{ id: "trust", label: "Trust", show: "meter", min: 0, max: 10, value: 6, good: "high" }],
  choices: [{ id: "a", text: "Ask", enabled: true, locked: null },
    { id: "b", text: "Wait", enabled: false, locked: "Not yet" }],
  continue: false, activity: null, feedback: null, ending: null,
};

test("the first scene: escaped narration, disabled choices, speaker, shipped art only, status bar", () => {
  const out = prerender({ base: "../", ui: UI, art: ["art/ana.svg"], views: { s: scene } }).s;
  // The first paragraph carries the Element Timing mark (Chromium times text on its own element).
  assert.equal(out.NARRATION, "<p elementtiming=\"narration\">First paragraph.</p><p>Second &lt;b&gt;not bold&lt;/b&gt;.</p>");
  assert.match(out.INTERACTION, /<ul class="choices" aria-label="What do you do\?">/);
  assert.match(out.INTERACTION, /data-choice="a" disabled>Ask</);
  assert.match(out.INTERACTION, /data-choice="b" disabled aria-describedby="locked-b">Wait</);
  assert.equal(out.PHASE, "scene");
  assert.equal(out.SPEAKER_HIDDEN, "");
  assert.equal(out.SPEAKER_NAME, "Ana");
  assert.equal(out.PORTRAIT_ATTR, ' src="../content/art/ana.svg"');
  assert.equal(out.BG_ATTR, " hidden", "art the build did not ship is not shown");
  assert.equal(out.HUD_HIDDEN, "");
  assert.match(out.HUD, /<strong>7:00<\/strong><span class="left"> · 30 min left<\/span>/);
  assert.match(out.HUD, /<meter id="meter-trust" min="0" max="10" value="6"/);
  assert.equal(globalThis.document, undefined, "the DOM is not left behind");
});

test("an activity's form is in the page too, its controls disabled until the engine is ready", () => {
  const view = { ...scene, phase: "activity", speaker: null, meters: [], clock: null, choices: [],
    activity: { kind: "numeric", prompt: "How many?", scene: "start", unit: "mL", decimals: 1 } };
  const out = prerender({ base: "../", ui: UI, art: [], views: { s: view } }).s;
  assert.match(out.NARRATION, /<p class="prompt">How many\?<\/p>$/);
  assert.match(out.INTERACTION, /<form class="activity activity-numeric" data-kind="numeric" novalidate>/);
  assert.match(out.INTERACTION, /<input id="numeric-input"[^>]* required disabled>/);
  assert.match(out.INTERACTION, /<button type="submit" class="button primary" disabled>Check<\/button>/);
  assert.equal(out.SPEAKER_HIDDEN, " hidden");
  assert.equal(out.HUD_HIDDEN, " hidden");
});

test("every activity kind the engine has a widget for is in the registry, each with render()", () => {
  for (const kind of ["order", "sequence", "numeric", "multi", "match", "hotspot", "allocate"]) {
    assert.equal(typeof KINDS[kind].render, "function", kind);
  }
});

test("a widget's answer comes from its controls; an unknown kind says so and answers null", () => {
  globalThis.document = new Document();
  try {
    const box = document.createElement("div");
    const sent = [];
    renderActivity(box, { kind: "multi", prompt: "Pick", scene: "start", items: [{ id: "x", text: "X" }, { id: "y", text: "Y" }] }, (a) => sent.push(a));
    const boxes = box.querySelectorAll("input");
    assert.deepEqual(boxes.map((b) => b.value), ["x", "y"]);
    const other = document.createElement("div");
    renderActivity(other, { kind: "drawing" }, () => {});
    assert.match(other.innerHTML, /<p>unknown_activity<\/p>/);
    assert.equal(KINDS.drawing, undefined);
  } finally {
    delete globalThis.document;
  }
});
