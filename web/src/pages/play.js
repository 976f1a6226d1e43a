// A simulation's page (sims/<id>.html), and the player the kiosk reuses. The Player owns
// the page's state — which simulation, whether the engine is ready or busy, the view
// shown — and renders each view the engine sends (play/view.js). It never reads or
// changes engine state itself (docs/view.md).
import { $ } from "../dom.js";
import { config, registerServiceWorker } from "../config.js";
import { t } from "../i18n.js";
import { settings, applySettings, buildSettings, translateStatic } from "../settings.js";
import { pruneBroken, store } from "../store.js";
import { stopSpeaking } from "../speech.js";
import { EngineClient } from "../engine-client.js";
import { renderView, freezeControls, readAloud } from "../play/view.js";
import { showProgress, showFatal, notice } from "../play/alerts.js";
import { buildCodeDialog } from "../play/code-dialog.js";
import { clearStage } from "../play/stage.js";
import { assignment, markStart, renderBanner, startAssignment } from "../play/assignment.js";

/** @typedef {import("../play/context.js").KioskHooks} KioskHooks */

function newSeed() {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] & 0x7fffffff;
}

export class Player {
  /**
   * kiosk: null on a simulation's page; at the kiosk, its hooks. Then nothing is saved,
   * there is no resume code, and the simulation changes with each visit (start()).
   * @param {KioskHooks | null} [kiosk]
   */
  constructor(kiosk = null) {
    this.kiosk = kiosk;
    this.simId = config.sim;
    this.ready = false;
    this.busy = false;
    this.toldFull = false; // "storage full" said once per page
    /** @type {any} the view shown, once the engine is ready */
    this.view = null;
    this.client = new EngineClient(new Worker(config.worker, { type: "module" }), {
      onProgress: showProgress,
      onReady: () => this.onReady(),
      onFailed: (message) => this.fatal(t("engine_failed"), message),
    });
    /** Where the first game starts when a host page decides it (an LMS, web/src/lms/):
     * {code} resumes from a resume code, {fresh: true} starts a new game whatever this
     * device saved; null: a code typed on the start page, else this device's save. */
    /** @type {{code?: string, fresh?: boolean} | null} */
    this.startAt = null;
    /** @type {Map<string, Array<(detail: any) => void>>} */
    this.listeners = new Map();
    const player = this;
    /** @type {import("../play/context.js").PlayContext} */
    this.ctx = {
      get simId() { return player.simId; },
      kiosk,
      act: (action, onRefused) => this.act(action, onRefused),
      call: (request) => this.call(request),
      playAgain: () => this.playAgain(),
    };
  }

  /**
   * The player's events, for a host page (the LMS runtime): "view" after each view is
   * shown, with {view, reply, request, first} (request: what was sent; first: the game's
   * first view after boot); "failed" when the engine cannot run.
   * @param {string} type @param {(detail: any) => void} fn
   */
  on(type, fn) {
    this.listeners.set(type, [...(this.listeners.get(type) || []), fn]);
  }

  /** @param {string} type @param {any} detail */
  emit(type, detail) {
    for (const fn of this.listeners.get(type) || []) {
      try {
        fn(detail);
      } catch (err) {
        console.warn(`player ${type} listener:`, err); // a host's mistake never stops the game
      }
    }
  }

  get saveKey() { return `ctd.save.${this.simId}`; }
  get viewKey() { return `ctd.view.${this.simId}`; }

  /** @param {Record<string, any>} request */
  call(request) { return this.client.call(request); }

  boot() {
    this.client.boot({ pyodide: new URL(config.pyodide, location.href).href,
      bundle: new URL(config.bundle, location.href).href,
      stdlib: config.stdlib ? new URL(config.stdlib, location.href).href : undefined });
  }

  /** @param {string} title @param {string} [detail] */
  fatal(title, detail) {
    this.client.fail(detail || title); // never leave a request waiting on a dead worker
    showFatal(title, detail);
    this.emit("failed", { title, detail });
    if (this.kiosk) setTimeout(() => location.reload(), 20_000); // nobody is there to press Reload
  }

  /** A simulation's own page: settings, the code dialog, an early view, then boot. */
  openPage() {
    startAssignment(this.simId); // a teacher's link: its class label and settings, before the settings dialog reads them
    buildSettings((langChanged) => this.onSettings(langChanged));
    buildCodeDialog(this);
    applySettings();
    translateStatic();
    // Until Python is ready, show the last view this device saw (or the first scene,
    // already in the HTML in English) with its controls disabled.
    const lastView = store.get(this.saveKey) != null ? store.json(this.viewKey, null) : null;
    const firstView = config.first && (config.first[settings.lang] || config.first.en);
    // a view an older player stored in another view format is not drawn: the engine's comes soon
    const fresh = lastView && firstView && lastView.format === firstView.format ? lastView : null;
    const early = fresh || (settings.lang !== "en" ? firstView : null);
    if (early && early.sim) {
      try {
        renderView(early, true, this.ctx);
      } catch {
        /* a stale stored view: keep the page as built */
      }
    }
    freezeControls();
    pruneBroken();
    this.boot();
  }

  async onReady() {
    if (this.kiosk) {
      this.ready = true;
      $("#boot").hidden = true;
      document.body.dataset.ready = "true";
      this.kiosk.onReady();
      registerServiceWorker();
      return;
    }
    const reply = await this.firstReply(settings.lang);
    if (!reply.ok) {
      this.fatal(t("engine_failed"), reply.message);
      return;
    }
    this.ready = true;
    $("#boot").hidden = true;
    document.body.dataset.ready = "true";
    this.accept(reply, true);
    this.emit("view", { view: reply.view, reply, request: null, first: true });
    performance.mark("ctd-interactive");
    registerServiceWorker();
  }

  /** A code typed on the start page, else this device's save, else a new game. @param {string} lang */
  async firstReply(lang) {
    const simId = this.simId;
    if (this.startAt) {
      if (this.startAt.code) {
        const reply = await this.call({ op: "from_code", sim: simId, code: this.startAt.code, lang });
        if (reply.ok) return reply;
        notice(t("code_bad", { reason: reply.message }));
      }
      return this.call({ op: "new", sim: simId, lang, seed: newSeed() });
    }
    let pendingCode = null;
    try { pendingCode = JSON.parse(sessionStorage.getItem("ctd.pendingCode") || "null"); } catch { /* */ }
    try { sessionStorage.removeItem("ctd.pendingCode"); } catch { /* */ }
    if (pendingCode && pendingCode.sim === simId) {
      const reply = await this.call({ op: "from_code", sim: simId, code: pendingCode.code, lang });
      if (reply.ok) return reply;
      notice(t("code_bad", { reason: reply.message }));
    }
    const saved = store.get(this.saveKey);
    if (saved != null) {
      const reply = await this.call({ op: "restore", sim: simId, save: saved, lang });
      if (reply.ok) return reply;
      store.set(`ctd.broken.${simId}.${Date.now()}`, saved);
      store.remove(this.saveKey);
      store.remove(this.viewKey);
      notice(t("save_bad", { reason: reply.message }));
    }
    markStart(simId);
    return this.call({ op: "new", sim: simId, lang, seed: newSeed(), kiosk: !!assignment()?.kiosk });
  }

  /** Show a reply's view (and keep its save, except at a kiosk). @param {any} reply @param {boolean} quiet */
  accept(reply, quiet) {
    const view = reply.view;
    this.view = view;
    if (!this.kiosk) {
      const kept = (!reply.save || store.set(this.saveKey, reply.save)) && store.set(this.viewKey, JSON.stringify(view));
      // Full storage (or a school origin shared with other apps): say so once, not lose it silently.
      if (!kept && !this.toldFull) {
        this.toldFull = true;
        notice(t("storage_full"));
      }
    }
    renderView(view, quiet, this.ctx);
    readAloud(view);
    const main = $("#main");
    main.dataset.scene = view.scene;
    main.dataset.phase = view.phase;
    main.dataset.step = String(view.step);
    if (this.kiosk) this.kiosk.onView(view);
  }

  /**
   * One request at a time; a reply for an earlier kiosk visit is dropped.
   * @param {Record<string, any>} request @param {(message: string) => void} [onRefused] an action refused
   */
  async send(request, onRefused) {
    if (!this.ready || this.busy) return;
    this.busy = true;
    document.body.dataset.busy = "true";
    const visit = this.client.visit;
    try {
      const reply = await this.call(request);
      if (this.client.visit !== visit) return;
      if (reply.ok) {
        this.accept(reply, false);
        this.emit("view", { view: reply.view, reply, request, first: false });
      } else if (reply.error === "action" && onRefused) onRefused(reply.message);
      else notice(reply.error === "action" ? t("action_refused", { reason: reply.message }) : reply.message);
    } finally {
      this.busy = false;
      document.body.dataset.busy = "false";
    }
  }

  /** @param {Record<string, any>} action @param {(message: string) => void} [onRefused] */
  act(action, onRefused) { this.send({ op: "act", action }, onRefused); }

  playAgain() {
    store.remove(this.saveKey);
    store.remove(this.viewKey);
    markStart(this.simId);
    this.send({ op: "new", sim: this.simId, lang: settings.lang, seed: newSeed(), kiosk: !!assignment()?.kiosk });
  }

  /** @param {boolean} langChanged */
  onSettings(langChanged) {
    renderBanner();
    if (langChanged && this.ready && this.view) this.send({ op: "lang", lang: settings.lang });
    else if (this.view) renderView(this.view, true, this.ctx);
  }

  // --------------------------------------------------------- kiosk visits ----------
  /** A new visit: the simulation's kiosk cut (or its normal start without one). @param {string} id */
  async start(id) {
    this.simId = id;
    this.view = null;
    await this.send({ op: "new", sim: id, lang: settings.lang, seed: newSeed(), kiosk: true });
    return this.view;
  }

  /** Forget the visitor: the engine drops its session, the page its view. */
  async clear() {
    this.view = null;
    this.client.newVisit(); // a reply still on its way belongs to the old visit: dropped
    for (const id of ["#narration", "#interaction", "#hud", "#notices"]) $(id).replaceChildren();
    $("#hud").hidden = true;
    clearStage();
    $("#alert").hidden = true;
    $("#alert").replaceChildren();
    const main = $("#main");
    for (const k of ["scene", "phase", "step"]) delete main.dataset[k];
    stopSpeaking();
    if (this.ready) await this.call({ op: "drop" });
  }
}

export function playPage() {
  new Player().openPage();
}
