// node --test tests/js/ — "My test-drives" as kept on this device (web/src/profile/storage.js):
// one play per result code, ratings that survive the ending being shown again, imports
// that add and never lose, and anything malformed left out.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import {
  MAX_PLAYS, PROFILE_KEY, cleanProfile, emptyProfile, loadProfile, mergeProfiles, saveProfile, withPlay, withRating,
} from "../../web/src/profile/storage.js";

const play = (code, extra = {}) => ({ sim: "cnc", version: "1.0.0", lang: "en", code, at: "2026-12-02T10:00:00Z",
  enjoyed: {}, ...extra });

class MemoryStorage {
  constructor() { this.data = new Map(); }
  getItem(k) { return this.data.has(k) ? this.data.get(k) : null; }
  setItem(k, v) { this.data.set(k, String(v)); }
  removeItem(k) { this.data.delete(k); }
}

afterEach(() => { delete globalThis.localStorage; });

test("the same game's ending shown again is one play, and keeps its ratings and first date", () => {
  let p = withPlay(emptyProfile(), play("T1a"));
  p = withRating(p, "T1a", "measure", 4);
  p = withPlay(p, play("T1a", { at: "2026-12-03T00:00:00Z", enjoyed: { other: 2 } }));
  assert.equal(p.plays.length, 1);
  assert.deepEqual(p.plays[0].enjoyed, { measure: 4, other: 2 });
  assert.equal(p.plays[0].at, "2026-12-02T10:00:00Z");
  p = withPlay(p, play("T1b"));
  assert.deepEqual(p.plays.map((x) => x.code), ["T1a", "T1b"]);
});

test("the same game in the other language (another code) is one play, found by its game", () => {
  let p = withPlay(emptyProfile(), play("T2-en", { game: "cnc@1.0.0#42:17" }));
  p = withRating(p, "cnc@1.0.0#42:17", "measure", 5);
  p = withPlay(p, play("T2-es", { lang: "es", game: "cnc@1.0.0#42:17" }));
  assert.equal(p.plays.length, 1);
  assert.equal(p.plays[0].code, "T2-en");
  assert.equal(p.plays[0].lang, "en");
  assert.deepEqual(p.plays[0].enjoyed, { measure: 5 });
  p = withRating(p, "T2-en", "measure", 1); // by its code too
  assert.deepEqual(p.plays[0].enjoyed, { measure: 1 });
  p = withPlay(p, play("T2-other", { game: "cnc@1.0.0#43:17" }));
  assert.equal(p.plays.length, 2, "another seed is another game");
});

test("a rating can be changed and removed; other plays are untouched", () => {
  let p = withPlay(withPlay(emptyProfile(), play("A")), play("B"));
  p = withRating(p, "A", "s1", 2);
  p = withRating(p, "A", "s1", 5);
  p = withRating(p, "A", "s2", 1);
  p = withRating(p, "A", "s2", null);
  assert.deepEqual(p.plays[0].enjoyed, { s1: 5 });
  assert.deepEqual(p.plays[1].enjoyed, {});
});

test("an import adds the plays this device lacks and keeps this device's ratings", () => {
  const here = withRating(withPlay(emptyProfile(), play("A")), "A", "s1", 3);
  const there = { v: 1, plays: [play("A", { enjoyed: { s1: 5, s2: 2 } }), play("C")] };
  const merged = mergeProfiles(here, there);
  assert.deepEqual(merged.plays.map((x) => x.code), ["A", "C"]);
  assert.deepEqual(merged.plays[0].enjoyed, { s1: 3, s2: 2 });
  assert.deepEqual(mergeProfiles(merged, there), merged, "importing twice changes nothing");
});

test("cleaning keeps only the contract's fields and drops what is malformed", () => {
  assert.equal(cleanProfile(null), null);
  assert.equal(cleanProfile({ v: 2, plays: [] }), null);
  assert.equal(cleanProfile({ v: 1, plays: "no" }), null);
  const p = cleanProfile({ v: 1, plays: [
    play("A", { enjoyed: { ok: 4, zero: 0, six: 6, half: 2.5, text: "5" }, extra: "dropped" }),
    { sim: "cnc" }, "text", null, play("A"), { ...play("B"), sim: 7 },
  ] });
  assert.deepEqual(p, { v: 1, plays: [play("A", { enjoyed: { ok: 4 } })] });
  const many = cleanProfile({ v: 1, plays: Array.from({ length: MAX_PLAYS + 50 }, (_, i) => play(`P${i}`)) });
  assert.equal(many.plays.length, MAX_PLAYS);
});

test("load and save go through ctd.profile; damaged storage loads as empty", () => {
  globalThis.localStorage = new MemoryStorage();
  assert.deepEqual(loadProfile(), emptyProfile());
  assert.equal(saveProfile(withPlay(emptyProfile(), play("A"))), true);
  assert.equal(JSON.parse(localStorage.getItem(PROFILE_KEY)).plays[0].code, "A");
  assert.equal(loadProfile().plays.length, 1);
  localStorage.setItem(PROFILE_KEY, "{broken");
  assert.deepEqual(loadProfile(), emptyProfile());
});
