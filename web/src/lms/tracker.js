// The LMS launch page of a SCORM package (engine/web/scorm.py): the player, plus a
// tracker that reports to the LMS through the player's events (pages/play.js `on`).
//
// Start: Initialize; a resumed attempt (entry "resume") restarts from the resume code in
// suspend_data; status incomplete. After each action: the scene as the location, the
// resume code as suspend data, exit "suspend", a commit at most every COMMIT_MS. At an
// ending: completed, the score (rating on 0–100), the result code, one interaction per
// activity played, a commit. On pagehide: session time, commit, finish. With no LMS
// the page plays as the normal player and says nothing is recorded. docs/lms.md has the
// mapping and why.
import { Player } from "../pages/play.js";
import { t } from "../i18n.js";
import { notice } from "../play/alerts.js";
import { config } from "../config.js";
import { findApi, Lms } from "./api.js";
import { duration, scoreOf, clip, identifier, responseText, interactionType, interactionResult } from "./format.js";

const COMMIT_MS = 5000;

export class Tracker {
  /** @param {Lms} lms @param {Player} player @param {() => number} [now] */
  constructor(lms, player, now = () => Date.now()) {
    this.lms = lms;
    this.player = player;
    this.now = now;
    this.version = lms.version;
    this.names = lms.names;
    this.started = now();
    this.lastCommit = 0;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    /** when the activity on screen was first shown, by scene @type {Map<string, number>} */
    this.shownAt = new Map();
    this.reported = false; // this game's ending is in the LMS
  }

  /** Initialize and read where the student was. @returns {{code?: string, fresh?: boolean} | null} */
  start() {
    if (!this.lms.initialize()) return null;
    const n = this.names;
    const resume = this.lms.get(n.entry) === "resume";
    const code = resume ? this.lms.get(n.suspend).trim() : "";
    if (this.version === "2004") {
      if (this.lms.get("cmi.completion_status") !== "completed") this.lms.set("cmi.completion_status", "incomplete");
    } else if (this.lms.get("cmi.core.lesson_status") !== "completed") {
      this.lms.set("cmi.core.lesson_status", "incomplete");
    }
    this.lms.set(n.exit, "suspend"); // leaving mid-way resumes next time
    this.lms.commit();
    this.lastCommit = this.now();
    this.player.on("view", (d) => this.onView(d));
    addEventListener("pagehide", () => this.finish());
    addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.commitNow();
    });
    return code ? { code } : { fresh: true };
  }

  /** @param {{view: any, request: any, first: boolean}} d */
  async onView({ view, request }) {
    if (!this.lms.live) return;
    if (request && (request.op === "new" || request.op === "from_code")) {
      this.reported = false; // a new game in the same attempt: its ending is reported too
      this.lms.set(this.names.exit, "suspend");
    }
    if (view.phase === "activity" && view.activity && !this.shownAt.has(view.activity.scene)) {
      this.shownAt.set(view.activity.scene, this.now());
    }
    if (view.phase === "feedback" && view.feedback && request && request.action && request.action.type === "answer") {
      this.recordActivity(view, request.action.answer);
    }
    this.lms.set(this.names.location, clip(view.scene, this.names.locationMax));
    const reply = await this.player.call({ op: "code" });
    if (reply.ok && reply.code) {
      if (reply.code.length <= this.names.suspendMax) this.lms.set(this.names.suspend, reply.code);
      else console.warn(`resume code longer than suspend_data's ${this.names.suspendMax} characters: not saved`);
    }
    if (view.phase === "ending" && view.ending && !this.reported) {
      this.reported = true;
      this.recordEnding(view.ending);
      this.commitNow();
    } else {
      this.commitSoon();
    }
  }

  /** One cmi.interactions.n for an activity answered. @param {any} view @param {any} answer */
  recordActivity(view, answer) {
    const n = this.names;
    const fb = view.feedback;
    const scene = fb.scene || (view.activity && view.activity.scene) || lastKey(this.shownAt) || view.scene;
    const shown = this.shownAt.get(scene);
    const numeric = fb.kind === "numeric" && typeof answer === "number" && Number.isFinite(answer);
    this.addInteraction({
      id: identifier(`activity-${scene}`, n.idMax),
      type: numeric ? "numeric" : interactionType(this.version, fb.kind === "numeric" ? "text" : fb.kind),
      response: numeric ? String(answer) : responseText(answer, n.responseMax),
      result: interactionResult(this.version, fb.outcome, fb.score),
      latency: shown == null ? null : duration(this.version, this.now() - shown),
    });
    this.shownAt.delete(scene);
  }

  /** @param {{id: string, type: string, response: string, result?: string, latency?: string | null}} x */
  addInteraction(x) {
    const i = Number(this.lms.get("cmi.interactions._count")) || 0;
    const p = `cmi.interactions.${i}.`;
    this.lms.set(p + "id", x.id);
    this.lms.set(p + "type", x.type);
    if (this.version === "2004") this.lms.set(p + "timestamp", new Date(this.now()).toISOString().slice(0, 19));
    if (x.response !== "") this.lms.set(p + this.names.responseKey, x.response);
    if (x.result) this.lms.set(p + "result", x.result);
    if (x.latency) this.lms.set(p + "latency", x.latency);
  }

  /** Completed, the score and the result code. @param {any} ending */
  recordEnding(ending) {
    const n = this.names;
    const score = scoreOf(ending.rating, ending.max_rating || 3);
    this.lms.set(`${n.score}.min`, 0);
    this.lms.set(`${n.score}.max`, 100);
    this.lms.set(`${n.score}.raw`, score);
    if (this.version === "2004") {
      this.lms.set("cmi.score.scaled", score / 100);
      this.lms.set("cmi.completion_status", "completed");
      this.lms.set("cmi.exit", "normal");
    } else {
      this.lms.set("cmi.core.lesson_status", "completed");
      this.lms.set("cmi.core.exit", "");
    }
    const code = String(ending.result_code || "");
    if (code) {
      // The result code, where a teacher reads it: an interaction (Moodle's Interactions
      // report) when it fits the response limit, and the comments either way.
      if (code.length <= n.responseMax) {
        this.addInteraction({ id: identifier(`result-code-${ending.id}`, n.idMax),
          type: this.version === "2004" ? "other" : "fill-in", response: code, result: "neutral" });
      }
      const line = clip(`Result code: ${code}`, n.commentsMax);
      if (this.version === "2004") {
        const i = Number(this.lms.get("cmi.comments_from_learner._count")) || 0;
        this.lms.set(`cmi.comments_from_learner.${i}.comment`, line);
      } else {
        this.lms.set("cmi.comments", line);
      }
    }
  }

  commitSoon() {
    if (this.timer) return;
    const wait = Math.max(0, COMMIT_MS - (this.now() - this.lastCommit));
    this.timer = setTimeout(() => this.commitNow(), wait);
  }

  commitNow() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.lms.live) return;
    this.lastCommit = this.now();
    if (!this.lms.commit()) notice(t("lms_save_failed"));
  }

  finish() {
    if (!this.lms.live) return;
    this.lms.set(this.names.sessionTime, duration(this.version, this.now() - this.started));
    this.commitNow();
    this.lms.finish();
  }
}

/** @param {Map<string, number>} map */
function lastKey(map) {
  let key = null;
  for (const k of map.keys()) key = k;
  return key;
}

export function lmsPage() {
  const player = new Player();
  const version = config.lms && config.lms.version === "2004" ? "2004" : "1.2";
  const api = findApi(window, version);
  const tracker = api ? new Tracker(new Lms(api, version), player) : null;
  const startAt = tracker ? tracker.start() : null;
  document.body.dataset.lms = startAt ? "recording" : "standalone";
  if (startAt) player.startAt = startAt;
  // The ending's "All simulations" link leads nowhere in a package: it has one simulation.
  // (The ending keeps no "My test-drives" there: web/src/play/enjoy.js.)
  player.on("view", () => {
    for (const a of document.querySelectorAll('.ending-actions a[href$="index.html"]')) a.remove();
  });
  player.openPage();
  if (!startAt) notice(t("lms_not_recording"));
  // @ts-ignore: for tests and the benchmark
  window.ctdLms = tracker;
}
