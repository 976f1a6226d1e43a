// node --test tests/js/ — the SCORM runtime's pure parts (web/src/lms/format.js) and API
// discovery (web/src/lms/api.js) on fake window chains.
import { test } from "node:test";
import assert from "node:assert/strict";
import { timespan12, duration2004, scoreOf, clip, identifier, responseText, interactionType,
  interactionResult } from "../../web/src/lms/format.js";
import { findApi, Lms } from "../../web/src/lms/api.js";

test("SCORM 1.2 time spans are HHHH:MM:SS.SS, 2004's are ISO 8601 durations", () => {
  assert.equal(timespan12(0), "0000:00:00.00");
  assert.equal(timespan12(3_723_450), "0001:02:03.45");
  assert.match(timespan12(1e12), /^9999:\d\d:\d\d\.\d\d$/); // hours capped at four digits
  assert.equal(duration2004(3_723_450), "PT1H2M3.45S");
  assert.equal(duration2004(0), "PT0H0M0S");
});

test("the score is the rating on 0-100, whole and bounded", () => {
  assert.equal(scoreOf(3, 3), 100);
  assert.equal(scoreOf(2, 3), 67);
  assert.equal(scoreOf(0, 3), 0);
  assert.equal(scoreOf(5, 3), 100);
  assert.equal(scoreOf(1, 0), 0);
});

test("responses and identifiers stay within their limits", () => {
  assert.equal(responseText(["a", "b"], 255), "a,b");
  assert.equal(responseText({ x: "1", y: "2" }, 255), "x.1,y.2");
  assert.equal(responseText(12.5, 255), "12.5");
  assert.equal(responseText(Array(300).fill("ab"), 255).length, 255);
  assert.equal(clip("ñ".repeat(10), 4), "ññññ");
  assert.equal(identifier("activity-a b/c"), "activity-a-b-c");
  assert.equal(identifier("x".repeat(400)).length, 255);
});

test("interaction types and results use each version's vocabulary", () => {
  assert.equal(interactionType("1.2", "numeric"), "numeric");
  assert.equal(interactionType("1.2", "order"), "fill-in");
  assert.equal(interactionType("2004", "match"), "other");
  assert.equal(interactionResult("1.2", "wrong", 0), "wrong");
  assert.equal(interactionResult("2004", "wrong", 0), "incorrect");
  assert.equal(interactionResult("2004", "correct", 1), "correct");
  assert.equal(interactionResult("1.2", "partial", 0.5), "0.5");
  assert.equal(interactionResult("1.2", "partial", null), "neutral");
});

test("the API is found up the parent chain, then through the opener", () => {
  const api = { name: "lms" };
  const top = { API: api };
  top.parent = top;
  const mid = { parent: top };
  const course = { parent: mid };
  assert.equal(findApi(course, "1.2"), api);
  assert.equal(findApi(course, "2004"), null);
  const opened = { parent: null, opener: { API_1484_11: api, parent: null } };
  opened.parent = opened;
  assert.equal(findApi(opened, "2004"), api);
  // A window of another origin throws on access: skipped, not an error.
  const foreign = new Proxy({}, { get() { throw new Error("SecurityError"); } });
  assert.equal(findApi({ parent: foreign }, "1.2"), null);
});

test("Lms speaks each version's function names and stops after finish", () => {
  const calls = [];
  const api = {
    Initialize: () => { calls.push("Initialize"); return "true"; },
    SetValue: (k, v) => { calls.push(`${k}=${v}`); return "true"; },
    GetValue: () => "resume",
    Commit: () => "true",
    Terminate: () => { calls.push("Terminate"); return "true"; },
  };
  const lms = new Lms(api, "2004");
  assert.equal(lms.initialize(), true);
  assert.equal(lms.get("cmi.entry"), "resume");
  assert.equal(lms.set("cmi.location", "s1"), true);
  assert.equal(lms.finish(), true);
  assert.equal(lms.set("cmi.location", "s2"), false);
  assert.deepEqual(calls, ["Initialize", "cmi.location=s1", "Terminate"]);
});
