// The career-fair kiosk (kiosk.html; docs/web.md, "Kiosk"): attract screen -> a
// simulation's kiosk cut -> the ending with a take-home QR code -> back to the attract
// screen. An idle visitor is asked "Still there?", then everything of the visit is
// dropped. Only play counts and the rotation are stored (localStorage "ctd.kiosk"), and
// wrong operator PINs while they count (ctd.kioskLock);
// never a save, a code, a name or an answer. Operator menu: long press on the top-left
// corner + PIN.
import { $, el } from "../dom.js";
import { config, params, artUrl } from "../config.js";
import { t, pick } from "../i18n.js";
import { settings, applySettings, buildSettings, translateStatic } from "../settings.js";
import { store } from "../store.js";
import { Player } from "./play.js";

/** @returns {void} */
export function kioskPage() {
  const now = () => performance.now();
  const seconds = (name, fallback, min) => {
    const v = Number.parseFloat(params.get(name));
    return Number.isFinite(v) && v >= min ? v * 1000 : fallback * 1000;
  };
  const IDLE = seconds("idle", 60, 0.2);       // no input this long -> "Still there?"
  const WARN = seconds("warn", 15, 0.2);       // ...answered within this long, or reset
  const SLIDE = seconds("attract", 7, 1);      // each simulation shows this long
  const HOLD = seconds("hold", 3, 0.2);        // long press on the corner
  // Only a salted hash of the operator PIN is in the page (set at build time, no default);
  // the worker checks a try against it. Misses are limited across openings and reloads.
  const PIN_HASH = (config.kiosk && config.kiosk.pin_hash) || null;
  const LOCK = "ctd.kioskLock";
  const FREE_TRIES = 3;
  const STATS = "ctd.kiosk";
  const HOME = Object.assign({}, settings);    // every visitor starts from these settings
  const catalog = config.catalog;
  const byId = new Map(catalog.map((s) => [s.id, s]));

  // -------------------------------------------------------------- counts -----------
  function loadStats() {
    const raw = store.json(STATS, {});
    const plays = {};
    for (const [id, p] of Object.entries((raw && raw.plays) || {})) {
      if (!p || typeof p !== "object") continue;
      const endings = {};
      for (const [k, n] of Object.entries(p.endings || {})) endings[k] = Math.max(0, Number(n) || 0);
      plays[id] = { started: Math.max(0, Number(p.started) || 0), finished: Math.max(0, Number(p.finished) || 0), endings };
    }
    const rot = raw && Array.isArray(raw.rotation) ? raw.rotation.filter((id) => byId.has(id)) : null;
    return { plays, rotation: rot && rot.length ? rot : null };
  }
  const stats = loadStats();
  const saveStats = () => store.set(STATS, JSON.stringify(stats));
  const entry = (id) => (stats.plays[id] = stats.plays[id] || { started: 0, finished: 0, endings: {} });
  const defaultRotation = () => {
    const shown = catalog.filter((s) => !s.example).map((s) => s.id);
    return shown.length ? shown : catalog.map((s) => s.id);
  };
  const rotation = () => stats.rotation || defaultRotation();

  // ------------------------------------------------------------- screens -----------
  let screen = "attract";
  let featured = 0;
  let paused = false;
  let wanted = null;          // a simulation touched before the engine was ready
  let current = null;
  let counted = false;
  let lastInput = now();
  let stillDeadline = null;
  let resets = 0;

  const player = new Player({
    onReady() {
      if (wanted) startVisit(wanted);
    },
    onView(v) {
      if (v.phase === "ending" && !counted && current) {
        counted = true;
        const p = entry(current);
        p.finished += 1;
        const end = (v.ending && v.ending.id) || "?";
        p.endings[end] = (p.endings[end] || 0) + 1;
        saveStats();
      }
    },
    done: () => reset(),
  });
  player.boot();

  function showScreen(name) {
    screen = name;
    document.body.dataset.screen = name;
    $("#attract").hidden = name !== "attract";
    $("#main").hidden = name !== "play";
    $("#start-over").hidden = name !== "play";
    if (name === "attract") {
      setText($("#sim-title"), t("canvas_choose_sim"));
      document.title = t("app_title");
    }
  }

  // The attract screen is built once: each simulation's tile (its button, listener and
  // cover picture) is made the first time it is shown and kept. A reset, hundreds a day,
  // only re-titles the tiles in the kiosk's language and re-orders them when the operator
  // changed the rotation, so visits leave no new nodes, listeners or picture decodes.
  /** @type {Map<string, {item: HTMLElement, title: HTMLElement}>} */
  const tiles = new Map();
  /** @param {string} id */
  function tileFor(id) {
    let tile = tiles.get(id);
    if (!tile) {
      const sim = byId.get(id);
      const title = el("span", { class: "tile-title" });
      tile = { title, item: el("li", {},
        el("button", { type: "button", class: "tile", "data-sim": id, onclick: () => startVisit(id) },
          artUrl(sim.cover) ? el("img", { src: artUrl(sim.cover), alt: "", width: 320, height: 180 }) : null,
          title)) };
      tiles.set(id, tile);
    }
    setText(tile.title, pick(byId.get(id).title));
    return tile.item;
  }

  function renderTiles() {
    const list = $("#tiles");
    const items = rotation().map(tileFor);
    const same = items.length === list.children.length && items.every((item, i) => list.children[i] === item);
    if (!same) list.replaceChildren(...items);
    showFeatured();
  }

  /** Writes a text only when it changed (a write replaces the node's text node).
   * @param {HTMLElement} node @param {string} text */
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function showFeatured() {
    const rot = rotation();
    featured = ((featured % rot.length) + rot.length) % rot.length;
    const sim = byId.get(rot[featured]);
    const button = $("#featured");
    button.dataset.sim = sim.id;
    setText($("#featured-title"), pick(sim.title));
    setText($("#featured-field"), t(`field_${sim.field}`));
    const art = $("#featured-art");
    const cover = artUrl(sim.cover);
    if (cover) {
      if (art.getAttribute("src") !== cover) art.src = cover;
      art.hidden = false;
    } else {
      art.hidden = true;
      art.removeAttribute("src");
    }
    button.classList.remove("fade");
    void button.offsetWidth;  // restart the (motion-only) fade
    button.classList.add("fade");
    for (const tile of $("#tiles").querySelectorAll(".tile")) tile.classList.toggle("is-featured", tile.dataset.sim === sim.id);
  }

  function renderStatic() {
    const [en, es] = [config.ui.en.tap_to_start, config.ui.es.tap_to_start];
    setText($("#featured .tap [lang=en]"), en);
    setText($("#tap-es"), es);
    const other = settings.lang === "es" ? "en" : "es";
    const langButton = $("#kiosk-lang");
    langButton.lang = other;
    setText(langButton, other === "es" ? "Español" : "English");
    $("#slides-pause").hidden = settings.motion;
    $("#slides-pause").setAttribute("aria-pressed", String(paused));
    if (screen === "attract") showScreen("attract");
    renderTiles();
  }

  setInterval(() => {
    if (screen !== "attract" || paused || settings.motion || document.querySelector("dialog[open]")) return;
    if (document.activeElement && document.activeElement.classList.contains("tile")) return;
    featured += 1;
    showFeatured();
  }, SLIDE);

  async function startVisit(id) {
    if (!byId.has(id)) return;
    if (!player.ready) {  // the engine is still booting: start as soon as it is ready
      wanted = id;
      $("#boot").hidden = false;
      return;
    }
    wanted = null;
    current = id;
    counted = false;
    entry(id).started += 1;
    saveStats();
    showScreen("play");
    lastInput = now();
    await player.start(id);
  }

  async function reset() {
    stillDeadline = null;
    for (const d of document.querySelectorAll("dialog[open]")) d.close();
    current = null;
    counted = false;
    wanted = null;
    showScreen("attract");
    const cleared = player.clear();
    Object.assign(settings, HOME);
    applySettings();
    translateStatic();
    featured += 1;
    renderStatic();
    lastInput = now();
    // The browser's list of fetched files names the pictures of the visitor's simulation
    // and fills up (250 entries) over a day: forget it with the visit.
    performance.clearResourceTimings();
    resets += 1;
    document.body.dataset.resets = String(resets);
    $("#featured").focus();
    await cleared;
  }

  // ------------------------------------------------------------ idle ----------------
  function askStillThere() {
    stillDeadline = now() + WARN;
    countDown();
    $("#still-there").showModal();
    $("#im-here").focus();
  }
  function countDown() {
    const n = Math.max(0, Math.ceil((stillDeadline - now()) / 1000));
    const text = t("reset_in", { n });
    if ($("#still-count").textContent !== text) $("#still-count").textContent = text;
  }
  function answerStillThere() {
    stillDeadline = null;
    lastInput = now();
    if ($("#still-there").open) $("#still-there").close();
  }
  const activity = (e) => {
    lastInput = now();
    if (stillDeadline != null && e.type === "keydown") {
      // Any key answers. Focus goes to the story, so the key's own action (a Space
      // released on a focused choice) cannot also act on the story.
      answerStillThere();
      if (screen === "play") $("#narration").focus({ preventScroll: true });
    }
  };
  for (const type of ["pointerdown", "keydown", "touchstart", "wheel", "input"]) {
    addEventListener(type, activity, { capture: true, passive: true });
  }
  // Any touch answers: the modal dialog (its button or its backdrop) takes the whole tap,
  // so it never lands on the story underneath.
  $("#still-there").addEventListener("click", answerStillThere);
  $("#still-there").addEventListener("cancel", answerStillThere);
  setInterval(() => {
    if (stillDeadline != null) {
      if (now() >= stillDeadline) reset();
      else countDown();
      return;
    }
    if (now() - lastInput < IDLE) return;
    if (screen === "play") askStillThere();
    else if (document.querySelector("dialog[open]")) {  // an operator menu left open
      for (const d of document.querySelectorAll("dialog[open]")) d.close();
      lastInput = now();
    }
  }, 200);

  // ------------------------------------------------------------ operator ------------
  const corner = $("#operator-corner");
  let holdTimer = null;
  const stopHold = () => {
    clearTimeout(holdTimer);
    holdTimer = null;
    corner.classList.remove("holding");
  };
  corner.addEventListener("pointerdown", (e) => {
    if (screen !== "attract") return;
    e.preventDefault();
    stopHold();
    corner.classList.add("holding");
    corner.style.setProperty("--hold", `${HOLD}ms`);
    holdTimer = setTimeout(() => {
      stopHold();
      openPin();
    }, HOLD);
  });
  for (const type of ["pointerup", "pointerleave", "pointercancel"]) corner.addEventListener(type, stopHold);
  corner.addEventListener("contextmenu", (e) => e.preventDefault());
  addEventListener("keydown", (e) => {  // the keyboard's way in: Ctrl+Alt+O on the attract screen
    if (screen === "attract" && e.ctrlKey && e.altKey && e.key.toLowerCase() === "o") {
      e.preventDefault();
      openPin();
    }
  });

  const pinInput = $("#pin-input");
  const lock = () => {
    const raw = store.json(LOCK, {});
    return { misses: Number(raw.misses) > 0 ? Number(raw.misses) : 0, until: Number(raw.until) || 0 };
  };
  const waitLeft = () => Math.max(0, Math.ceil((lock().until - Date.now()) / 1000));
  function pinStatus() {
    const wait = waitLeft();
    $("#pin-error").textContent = !PIN_HASH ? t("kiosk_no_pin") : wait ? t("canvas_pin_wait", { n: wait }) : "";
  }
  function openPin() {
    if (document.querySelector("dialog[open]")) return;
    pinInput.value = "";
    pinStatus();
    $("#pin-dialog").showModal();
    pinInput.focus();
  }
  const keypad = $("#keypad");
  for (const k of ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0"]) {
    keypad.append(k === "clear"
      ? el("button", { type: "button", class: "key", "data-key": "clear", "data-t": "canvas_clear",
        onclick: () => { pinInput.value = ""; } }, t("canvas_clear"))
      : el("button", { type: "button", class: "key", "data-key": k,
        onclick: () => { if (pinInput.value.length < 12) pinInput.value += k; } }, k));
  }
  let checking = false;
  $("#pin-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const entered = pinInput.value;
    pinInput.value = "";                       // never left in the page after a try
    if (checking || !PIN_HASH || waitLeft()) { pinStatus(); return; }
    checking = true;
    const form = $("#pin-form");
    form.dataset.checking = "true";            // (tests wait for the answer on this)
    let match = false;
    try {
      const reply = await player.call({ op: "kiosk_pin", pin: entered, hash: PIN_HASH });
      match = Boolean(reply && reply.ok && reply.match);
    } finally {
      checking = false;
      delete form.dataset.checking;
    }
    const state = lock();
    if (match) {
      store.remove(LOCK);
      $("#pin-dialog").close();
      openOperator();
      return;
    }
    state.misses += 1;
    // three free tries, then a wait that doubles with each miss: 30 s, 1 min, ... 15 min
    if (state.misses >= FREE_TRIES) state.until = Date.now() + Math.min(30 * 2 ** (state.misses - FREE_TRIES), 900) * 1000;
    store.set(LOCK, JSON.stringify(state));
    $("#pin-error").textContent = t("canvas_wrong_pin");
    if (state.misses >= FREE_TRIES) $("#pin-dialog").close();
    else pinInput.focus();
  });
  $("#pin-cancel").addEventListener("click", () => $("#pin-dialog").close());

  function openOperator() {
    renderOperator();
    $("#operator-status").textContent = "";
    $("#operator").showModal();
  }
  function renderOperator() {
    const rot = new Set(rotation());
    $("#operator-rows").replaceChildren(...catalog.map((sim) => {
      const p = stats.plays[sim.id] || { started: 0, finished: 0 };
      const id = `rot-${sim.id}`;
      return el("tr", { "data-sim": sim.id },
        el("th", { scope: "row", id: `op-${sim.id}` }, pick(sim.title)),
        el("td", {}, el("input", { type: "checkbox", id, class: "big-check", "data-sim": sim.id, checked: rot.has(sim.id),
          "aria-label": t("kiosk_in_rotation", { sim: pick(sim.title) }), onchange: changeRotation })),
        el("td", { class: "n-started" }, String(p.started)),
        el("td", { class: "n-finished" }, String(p.finished)));
    }));
  }
  function changeRotation(e) {
    const boxes = [...$("#operator-rows").querySelectorAll("input[type=checkbox]")];
    const chosen = boxes.filter((b) => b.checked).map((b) => b.dataset.sim);
    if (!chosen.length) {
      e.target.checked = true;
      $("#operator-status").textContent = t("kiosk_keep_one");
      return;
    }
    $("#operator-status").textContent = "";
    stats.rotation = chosen;
    saveStats();
    featured = 0;
    renderTiles();
  }
  $("#operator-close").addEventListener("click", () => $("#operator").close());
  $("#exit-kiosk").addEventListener("click", () => {
    $("#operator").close();
    location.href = `${config.base}index.html`;
  });
  $("#export-csv").addEventListener("click", () => {
    const cell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const rot = new Set(rotation());
    const rows = [["sim_id", "title", "in_rotation", "started", "finished", "endings"]];
    for (const sim of catalog) {
      const p = stats.plays[sim.id] || { started: 0, finished: 0, endings: {} };
      const endings = Object.keys(p.endings || {}).sort().map((k) => `${k}=${p.endings[k]}`).join(";");
      rows.push([sim.id, sim.title.en || pick(sim.title), rot.has(sim.id) ? "yes" : "no", p.started, p.finished, endings]);
    }
    const csv = rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const name = `kiosk-plays-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}.csv`;
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = el("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
    $("#operator-status").textContent = t("kiosk_exported", { name });
  });

  // ------------------------------------------------------------ wiring --------------
  $("#featured").addEventListener("click", () => startVisit($("#featured").dataset.sim));
  $("#start-over").addEventListener("click", () => reset());
  $("#slides-pause").addEventListener("click", () => {
    paused = !paused;
    $("#slides-pause").setAttribute("aria-pressed", String(paused));
  });
  $("#kiosk-lang").addEventListener("click", () => {
    settings.lang = settings.lang === "es" ? "en" : "es";
    applySettings();
    translateStatic();
    renderStatic();
    player.onSettings(true);
  });
  buildSettings((langChanged) => {
    renderStatic();
    player.onSettings(langChanged);
  });
  applySettings();
  translateStatic();
  renderStatic();
  showScreen("attract");
  document.body.dataset.resets = "0";
}
