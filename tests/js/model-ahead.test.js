// node --test tests/js/ — a live model's values worked out ahead (web/src/activities/model-ahead.js),
// with a fake worker that answers `previews` by a made-up model and records what was asked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LiveAhead, reachable } from "../../web/src/activities/model-ahead.js";

const speed = { id: "sfm", control: "slider", min: 100, max: 1000, step: 50, options: [] };
const depth = { id: "d", control: "slider", min: 0.1, max: 0.5, step: 0.1, options: [] };
const fine = { id: "f", control: "slider", min: 0, max: 1000, step: 1, options: [] };
const tool = { id: "tool", control: "options", min: 0, max: 2, step: 1,
  options: [{ id: "hss" }, { id: "carbide" }, { id: "cobalt" }] };

test("reachable: every step of a short range, nearest first, without the value itself", () => {
  const got = reachable(speed, 300);
  assert.deepEqual(got.slice(0, 4), [350, 250, 400, 200]);
  assert.equal(got.length, 18);
  assert.ok(!got.includes(300) && got.includes(100) && got.includes(1000));
  assert.deepEqual(reachable(depth, 0.3), [0.4, 0.2, 0.5, 0.1]); // tidy: 0.4, not 0.30000000000000004 + 0.1
});

test("reachable: a long range gives the near steps, the big steps and the ends", () => {
  const got = reachable(fine, 500);
  assert.deepEqual(got.slice(0, 2), [501, 499]);
  assert.ok(got.includes(512) && got.includes(488) && !got.includes(513));
  assert.ok(got.includes(600) && got.includes(400) && got.includes(0) && got.includes(1000));
});

test("reachable: the other options; nothing for a number being typed", () => {
  assert.deepEqual(reachable(tool, "carbide"), ["hss", "cobalt"]);
  assert.deepEqual(reachable(speed, "3,5"), []);
});

function fakeWorker() {
  const asked = [];
  const previews = async (answers) => {
    asked.push(answers);
    return { ok: true, lives: answers.map((a) => (a.sfm === 1000 ? null : { rpm: a.sfm * 2, tool: a.tool })) };
  };
  return { asked, previews };
}

test("around: works out the reachable values a few at a time, then stops", async () => {
  const w = fakeWorker();
  const ahead = new LiveAhead([speed, tool], w.previews);
  const now = { sfm: 300, tool: "hss" };
  ahead.remember(now, { rpm: 600 });
  ahead.around("sfm", now);
  while (ahead.busy) await new Promise((r) => setTimeout(r, 0));
  assert.ok(w.asked.every((batch) => batch.length <= 4));
  assert.equal(w.asked.flat().length, 18); // every other step, each once; 300 was known
  assert.deepEqual(ahead.get({ sfm: 350, tool: "hss" }), { rpm: 700, tool: "hss" });
  assert.equal(ahead.get({ sfm: 350, tool: "carbide" }), undefined); // other inputs, other key
  assert.equal(ahead.get({ sfm: 1000, tool: "hss" }), undefined); // refused: not kept
  const before = w.asked.length;
  ahead.around("sfm", { sfm: 350, tool: "hss" }); // all known or refused: nothing more asked
  while (ahead.busy) await new Promise((r) => setTimeout(r, 0));
  assert.equal(w.asked.length, before);
});

test("around: a newer wish replaces the older one; a gone widget asks nothing", async () => {
  const w = fakeWorker();
  let alive = true;
  const ahead = new LiveAhead([speed, tool], w.previews, () => alive);
  ahead.around("sfm", { sfm: 300, tool: "hss" });
  ahead.around("tool", { sfm: 300, tool: "hss" }); // while the first batch is out
  while (ahead.busy) await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(w.asked.slice(1).flat(), [{ sfm: 300, tool: "carbide" }, { sfm: 300, tool: "cobalt" }]);
  alive = false;
  ahead.around("sfm", { sfm: 500, tool: "cobalt" });
  while (ahead.busy) await new Promise((r) => setTimeout(r, 0));
  assert.equal(w.asked.length, 2);
});

test("a failed request ends the work ahead: the widget asks one at a time", async () => {
  let calls = 0;
  const ahead = new LiveAhead([speed], async () => { calls += 1; return { ok: false }; });
  ahead.around("sfm", { sfm: 300 });
  while (ahead.busy) await new Promise((r) => setTimeout(r, 0));
  assert.equal(calls, 1);
});
