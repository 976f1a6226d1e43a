// node --test tests/js/ — localStorage that never throws (web/src/store.js).
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { store } from "../../web/src/store.js";

class MemoryStorage {
  constructor() { this.data = new Map(); }
  getItem(k) { return this.data.has(k) ? this.data.get(k) : null; }
  setItem(k, v) { this.data.set(k, String(v)); }
  removeItem(k) { this.data.delete(k); }
}
class RefusingStorage {
  getItem() { throw new Error("SecurityError"); }
  setItem() { throw new Error("QuotaExceededError"); }
  removeItem() { throw new Error("SecurityError"); }
}

afterEach(() => { delete globalThis.localStorage; });

test("get, set, remove and json round-trip through localStorage", () => {
  globalThis.localStorage = new MemoryStorage();
  assert.equal(store.get("k"), null);
  assert.equal(store.set("k", "v"), true);
  assert.equal(store.get("k"), "v");
  store.set("j", JSON.stringify({ a: [1, 2] }));
  assert.deepEqual(store.json("j", null), { a: [1, 2] });
  store.remove("k");
  assert.equal(store.get("k"), null);
});

test("json gives the fallback for a missing key or text that is not JSON", () => {
  globalThis.localStorage = new MemoryStorage();
  assert.deepEqual(store.json("none", { d: 1 }), { d: 1 });
  store.set("bad", "{not json");
  assert.equal(store.json("bad", "fallback"), "fallback");
});

test("a storage that refuses (private mode, full disk) gives null and false, never an exception", () => {
  globalThis.localStorage = new RefusingStorage();
  assert.equal(store.get("k"), null);
  assert.equal(store.set("k", "v"), false);
  assert.doesNotThrow(() => store.remove("k"));
  assert.equal(store.json("k", 7), 7);
});

test("no localStorage at all behaves like a refusing one", () => {
  assert.equal(store.get("k"), null);
  assert.equal(store.set("k", "v"), false);
});
