// node --test tests/js/ — a student's work on a shared device (web/src/store.js):
// "Clear my work on this device" and the pruning of saves set aside.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { BROKEN_DAYS, BROKEN_KEEP, forgetWork, pruneBroken } from "../../web/src/store.js";

// Items as own properties, as a browser's Storage lists them with Object.keys.
class ListedStorage {
  getItem(k) { return Object.hasOwn(this, k) ? this[k] : null; }
  setItem(k, v) { this[k] = String(v); }
  removeItem(k) { delete this[k]; }
}

afterEach(() => { delete globalThis.localStorage; delete globalThis.sessionStorage; });

test("clearing my work removes games, name, reflections, set-aside saves and My test-drives, and keeps the rest", () => {
  const ls = (globalThis.localStorage = new ListedStorage());
  const ss = (globalThis.sessionStorage = new ListedStorage());
  const work = ["ctd.save.cnc", "ctd.view.cnc", "ctd.started.cnc", "ctd.reflect.cnc.0", "ctd.reflect.cnc.1",
    "ctd.studentName", "ctd.broken.cnc.1700000000000", "ctd.profile"];
  const kept = ["ctd.settings", "ctd.kiosk", "ctd.teacher.class", "other.app.key"];
  for (const k of [...work, ...kept]) ls.setItem(k, "x");
  ss.setItem("ctd.pendingCode", "{}");
  assert.equal(forgetWork(), work.length);
  assert.deepEqual(Object.keys(ls).sort(), [...kept].sort());
  assert.equal(ss.getItem("ctd.pendingCode"), null);
});

test("set-aside saves: only the newest few, and none older than the limit", () => {
  const ls = (globalThis.localStorage = new ListedStorage());
  const now = Date.UTC(2026, 11, 2);
  const day = 86400_000;
  const recent = [1, 2, 3, 4, 5].map((d) => `ctd.broken.a.${now - d * 3600_000}`);
  const old = `ctd.broken.b.${now - (BROKEN_DAYS + 1) * day}`;
  for (const k of [...recent, old, "ctd.broken.c.garbage", "ctd.save.a"]) ls.setItem(k, "x");
  pruneBroken(now);
  const left = Object.keys(ls).filter((k) => k.startsWith("ctd.broken.")).sort();
  assert.deepEqual(left, recent.slice(0, BROKEN_KEEP).sort());
  assert.equal(ls.getItem("ctd.save.a"), "x");
});

test("without storage both do nothing and throw nothing", () => {
  assert.equal(forgetWork(), 0);
  pruneBroken();
});
