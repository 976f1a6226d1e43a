// node --test tests/js/ — the page's side of the engine worker (web/src/engine-client.js),
// driven by a fake worker that records what is posted and answers when told to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EngineClient } from "../../web/src/engine-client.js";

class FakeWorker {
  constructor() {
    this.posted = [];
    this.onmessage = null;
    this.onerror = null;
  }
  postMessage(msg) { this.posted.push(msg); }
  send(data) { this.onmessage({ data }); }
}

test("boot posts the URLs; progress, ready and failed reach their hooks", () => {
  const w = new FakeWorker();
  const seen = [];
  const client = new EngineClient(w, {
    onProgress: (stage, done) => seen.push(["progress", stage, done]),
    onReady: () => seen.push(["ready"]),
    onFailed: (m) => seen.push(["failed", m]),
  });
  client.boot({ pyodide: "http://x/py/", bundle: "http://x/b.zip" });
  assert.deepEqual(w.posted, [{ type: "boot", config: { pyodide: "http://x/py/", bundle: "http://x/b.zip" } }]);
  w.send({ type: "progress", stage: "python", done: 0.8 });
  w.send({ type: "ready" });
  w.send({ type: "failed", message: "no wasm" });
  assert.deepEqual(seen, [["progress", "python", 0.8], ["ready"], ["failed", "no wasm"]]);
});

test("each call gets its own id and is resolved by the reply with that id, in any order", async () => {
  const w = new FakeWorker();
  const client = new EngineClient(w);
  const a = client.call({ op: "new", sim: "s" });
  const b = client.call({ op: "code" });
  const [ca, cb] = w.posted;
  assert.equal(ca.type, "call");
  assert.notEqual(ca.id, cb.id);
  assert.deepEqual(cb.request, { op: "code" });
  w.send({ type: "reply", id: cb.id, reply: { ok: true, code: "ABC" } });
  w.send({ type: "reply", id: ca.id, reply: { ok: true, view: { step: 0 } } });
  assert.deepEqual(await b, { ok: true, code: "ABC" });
  assert.deepEqual(await a, { ok: true, view: { step: 0 } });
  assert.equal(client.pending.size, 0);
  w.send({ type: "reply", id: 999, reply: { ok: true } }); // unknown id: ignored
});

test("fail answers every waiting request with an error, so nothing hangs on a dead worker", async () => {
  const w = new FakeWorker();
  const client = new EngineClient(w);
  const calls = [client.call({ op: "act" }), client.call({ op: "qr", text: "x" })];
  client.fail("worker crashed");
  for (const reply of await Promise.all(calls)) {
    assert.deepEqual(reply, { ok: false, error: "internal", message: "worker crashed" });
  }
  assert.equal(client.pending.size, 0);
});

test("a worker error is reported once and its default handling prevented", () => {
  const w = new FakeWorker();
  const failures = [];
  new EngineClient(w, { onFailed: (m) => failures.push(m) });
  let prevented = false;
  w.onerror({ message: "SyntaxError in worker", preventDefault: () => { prevented = true; } });
  assert.equal(prevented, true);
  assert.deepEqual(failures, ["SyntaxError in worker"]);
});

test("newVisit moves the visit counter, so a reply for an earlier visit can be told apart", async () => {
  const w = new FakeWorker();
  const client = new EngineClient(w);
  const visit = client.visit;
  const pending = client.call({ op: "act" });
  client.newVisit();
  w.send({ type: "reply", id: w.posted[0].id, reply: { ok: true } });
  await pending;
  assert.notEqual(client.visit, visit);
});
