// Career Test-Drive — the browser player. Renders the engine's views and sends actions;
// it never reads or changes engine state itself (docs/view.md). The engine runs in a Web
// Worker (worker.js) on Pyodide, so the page stays responsive while Python boots.
"use strict";

const config = JSON.parse(document.getElementById("ctd-config").textContent);
// Kiosk mode (kiosk.html, or index.html?kiosk): nothing of a visitor is stored.
const KIOSK = document.body.dataset.page === "kiosk";
const params = new URLSearchParams(location.search);
const UI = config.ui; // {en: {key: text}, es: {...}}
const $ = (sel, root = document) => root.querySelector(sel);
const ART = new Set(config.art || []);
// Art the build shipped (paths under content/); anything else is left out, never a 404.
const artUrl = (path) => (path && ART.has(path) ? `${config.base}content/${path}` : null);

// ---------------------------------------------------------------- storage ----------
const store = {
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  set(key, value) {
    try { localStorage.setItem(key, value); return true; } catch { return false; }
  },
  remove(key) {
    try { localStorage.removeItem(key); } catch { /* storage unavailable */ }
  },
  json(key, fallback) {
    const raw = store.get(key);
    if (raw == null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },
};

// --------------------------------------------------------------- settings ----------
const DEFAULTS = {
  lang: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
  textSize: 100,
  contrast: false,
  readable: false,
  motion: matchMedia("(prefers-reduced-motion: reduce)").matches,
  readAloud: false,
};
if (KIOSK) DEFAULTS.lang = params.get("lang") === "es" ? "es" : "en";
// The kiosk starts every visitor from its defaults and never reads or writes ctd.settings.
const settings = Object.assign({}, DEFAULTS, KIOSK ? {} : store.json("ctd.settings", {}));
if (!UI[settings.lang]) settings.lang = "en";

function t(key, vars) {
  const table = UI[settings.lang] || UI.en;
  let text = table[key] ?? UI.en[key] ?? key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return text;
}
function pick(text) {
  // Catalogue texts built at build time: {en, es} or a plain string.
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text[settings.lang] ?? text.en ?? Object.values(text)[0] ?? "";
}

function applySettings() {
  const root = document.documentElement;
  root.lang = settings.lang;
  root.style.fontSize = settings.textSize + "%";
  root.dataset.contrast = settings.contrast ? "high" : "normal";
  root.dataset.font = settings.readable ? "readable" : "default";
  root.dataset.motion = settings.motion ? "reduce" : "full";
  if (!KIOSK) store.set("ctd.settings", JSON.stringify(settings));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else if (k === "value") node.value = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

function translateStatic() {
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-t-label]")) node.setAttribute("aria-label", t(node.dataset.tLabel));
  for (const node of document.querySelectorAll("[data-t-placeholder]")) node.placeholder = t(node.dataset.tPlaceholder);
}

// -------------------------------------------------------------- read aloud ---------
function speak(parts) {
  if (!settings.readAloud || !("speechSynthesis" in window)) return;
  const text = parts.filter(Boolean).join(". ");
  if (!text) return;
  speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = settings.lang === "es" ? "es-ES" : "en-US";
  speechSynthesis.speak(u);
}

// --------------------------------------------------------------- settings UI -------
function buildSettings(onChange) {
  const dialog = $("#settings");
  const form = $("#settings-form");
  const sync = () => {
    form.lang.value = settings.lang;
    form.textSize.value = String(settings.textSize);
    form.contrast.checked = settings.contrast;
    form.readable.checked = settings.readable;
    form.motion.checked = settings.motion;
    form.readAloud.checked = settings.readAloud;
  };
  sync();
  form.addEventListener("change", () => {
    const langBefore = settings.lang;
    settings.lang = form.lang.value;
    settings.textSize = Number(form.textSize.value);
    settings.contrast = form.contrast.checked;
    settings.readable = form.readable.checked;
    settings.motion = form.motion.checked;
    settings.readAloud = form.readAloud.checked;
    if (!settings.readAloud && "speechSynthesis" in window) speechSynthesis.cancel();
    applySettings();
    translateStatic();
    onChange(langBefore !== settings.lang);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  $("#open-settings").addEventListener("click", () => {
    sync();
    dialog.showModal();
  });
  $("#close-settings").addEventListener("click", () => dialog.close());
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !config.sw) return;
  // The site's root ("" would mean this page's own address, query included).
  const scope = new URL(config.base || "./", location.href).href;
  navigator.serviceWorker.register(config.sw, { scope }).catch((err) => {
    console.warn("offline support unavailable:", err && err.message);
  });
}

// ============================================================ start page ===========
function startPage() {
  if (params.has("kiosk")) {  // index.html?kiosk[&idle=…] is the kiosk
    location.replace(`${config.base}kiosk.html${location.search}`);
    return;
  }
  const list = $("#sim-list");
  const filter = $("#field-filter");
  // the authoring example (simulations/examples/) is for authors: not on the students' page
  const students = config.catalog.filter((s) => !s.example);
  const renderCards = () => {
    list.replaceChildren();
    for (const sim of students) {
      if (filter.value !== "all" && sim.field !== filter.value) continue;
      const saved = store.get(`ctd.save.${sim.id}`) != null;
      const titleId = `title-${sim.id}`;
      list.append(el("li", { class: "card", "data-field": sim.field },
        artUrl(sim.cover) ? el("img", { class: "cover", src: artUrl(sim.cover), alt: "", width: 320, height: 180 }) : null,
        el("h2", { id: titleId }, pick(sim.title)),
        el("p", { class: "meta" },
          el("span", { class: "field" }, t(`field_${sim.field}`)), " · ",
          el("span", {}, t("minutes_n", { n: sim.minutes })),
          sim.grades ? [" · ", el("span", {}, t("grades", { g: sim.grades }))] : null),
        el("p", { class: "summary" }, pick(sim.summary)),
        el("a", { class: "button primary", href: `${config.base}sims/${sim.id}.html`, "aria-describedby": titleId },
          saved ? t("continue_playing") : t("play"))));
    }
    $("#sim-count").textContent = t("showing", { n: list.children.length });
  };
  const fields = [...new Set(students.map((s) => s.field))];
  const fillFilter = () => {
    const value = filter.value || "all";
    filter.replaceChildren(el("option", { value: "all" }, t("all_fields")),
      ...fields.map((f) => el("option", { value: f }, t(`field_${f}`))));
    filter.value = value;
  };
  fillFilter();
  filter.addEventListener("change", renderCards);

  const codeSim = $("#code-sim");
  const fillCodeSims = () => {
    const value = codeSim.value;
    codeSim.replaceChildren(...config.catalog.map((s) => el("option", { value: s.id }, pick(s.title))));
    if (value) codeSim.value = value;
  };
  fillCodeSims();
  $("#code-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const code = $("#code-input").value.trim();
    if (!code) {
      $("#code-error").textContent = t("code_empty");
      $("#code-input").focus();
      return;
    }
    try { sessionStorage.setItem("ctd.pendingCode", JSON.stringify({ sim: codeSim.value, code })); } catch { /* */ }
    location.href = `${config.base}sims/${codeSim.value}.html`;
  });

  buildSettings(() => { fillFilter(); fillCodeSims(); renderCards(); });
  applySettings();
  translateStatic();
  renderCards();
  addEventListener("load", registerServiceWorker);
}

// ============================================================ player page ==========
// kiosk: null on a simulation's page; in kiosk mode, the kiosk's hooks
// {onReady(), onView(view), onEnding(view), done()}. Then nothing is saved, there is no
// resume code, and the simulation changes with each visit (start()).
function playPage(kiosk = null) {
  let simId = config.sim;
  let SAVE = `ctd.save.${simId}`;
  let VIEW = `ctd.view.${simId}`;
  const worker = new Worker(config.worker, { type: "module" });
  let ready = false;
  let busy = false;
  let view = null;
  let seq = 0;
  let visit = 0;
  const pending = new Map();

  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "progress") showProgress(msg.stage, msg.done);
    else if (msg.type === "ready") onReady();
    else if (msg.type === "failed") showFatal(t("engine_failed"), msg.message);
    else if (msg.type === "reply") {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      if (resolve) resolve(msg.reply);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    showFatal(t("engine_failed"), event.message || "");
  };
  const call = (request) => new Promise((resolve) => {
    const id = ++seq;
    pending.set(id, resolve);
    worker.postMessage({ type: "call", id, request });
  });

  // ---------------------------------------------------------------- boot ----------
  function showProgress(stage, done) {
    const bar = $("#boot-progress");
    bar.value = Math.round(done * 100);
    $("#boot-text").textContent = t(`boot_${stage}`);
  }
  function showFatal(title, detail) {
    for (const [id, resolve] of pending) {  // never leave a request waiting on a dead worker
      pending.delete(id);
      resolve({ ok: false, error: "internal", message: detail || title });
    }
    const box = $("#alert");
    box.replaceChildren(el("p", {}, el("strong", {}, title), " ", detail || ""),
      el("button", { type: "button", class: "button", onclick: () => location.reload() }, t("reload")));
    box.hidden = false;
    $("#boot").hidden = true;
    if (kiosk) setTimeout(() => location.reload(), 20_000);  // nobody is there to press Reload
  }
  function notice(text) {
    const box = $("#alert");
    box.replaceChildren(el("p", {}, text),
      el("button", { type: "button", class: "button", onclick: () => { box.hidden = true; } }, t("ok")));
    box.hidden = false;
  }

  async function onReady() {
    if (kiosk) {
      ready = true;
      $("#boot").hidden = true;
      document.body.dataset.ready = "true";
      kiosk.onReady();
      registerServiceWorker();
      return;
    }
    const lang = settings.lang;
    let reply = null;
    let pendingCode = null;
    try { pendingCode = JSON.parse(sessionStorage.getItem("ctd.pendingCode") || "null"); } catch { /* */ }
    try { sessionStorage.removeItem("ctd.pendingCode"); } catch { /* */ }
    if (pendingCode && pendingCode.sim === simId) {
      reply = await call({ op: "from_code", sim: simId, code: pendingCode.code, lang });
      if (!reply.ok) {
        notice(t("code_bad", { reason: reply.message }));
        reply = null;
      }
    }
    const saved = store.get(SAVE);
    if (!reply && saved != null) {
      reply = await call({ op: "restore", sim: simId, save: saved, lang });
      if (!reply.ok) {
        store.set(`ctd.broken.${simId}.${Date.now()}`, saved);
        store.remove(SAVE);
        store.remove(VIEW);
        notice(t("save_bad", { reason: reply.message }));
        reply = null;
      }
    }
    if (!reply) reply = await call({ op: "new", sim: simId, lang, seed: newSeed() });
    if (!reply.ok) {
      showFatal(t("engine_failed"), reply.message);
      return;
    }
    ready = true;
    $("#boot").hidden = true;
    document.body.dataset.ready = "true";
    accept(reply, true);
    performance.mark("ctd-interactive");
    registerServiceWorker();
  }

  function newSeed() {
    const a = new Uint32Array(1);
    crypto.getRandomValues(a);
    return a[0] & 0x7fffffff;
  }

  function accept(reply, quiet) {
    view = reply.view;
    if (!kiosk) {
      if (reply.save) store.set(SAVE, reply.save);
      store.set(VIEW, JSON.stringify(view));
    }
    render(view, quiet);
    readAloud(view);
    const main = $("#main");
    main.dataset.scene = view.scene;
    main.dataset.phase = view.phase;
    main.dataset.step = String(view.step);
    if (kiosk) kiosk.onView(view);
  }

  async function send(request) {
    if (!ready || busy) return;
    busy = true;
    document.body.dataset.busy = "true";
    const visitBefore = visit;
    try {
      const reply = await call(request);
      if (visit !== visitBefore) return;
      if (reply.ok) accept(reply, false);
      else notice(reply.error === "action" ? t("action_refused", { reason: reply.message }) : reply.message);
    } finally {
      busy = false;
      document.body.dataset.busy = "false";
    }
  }
  const act = (action) => send({ op: "act", action });

  // ------------------------------------------------------------- rendering ----------
  function render(v, quiet) {
    document.title = `${v.sim.title} — ${t("app_title")}`;
    $("#sim-title").textContent = v.sim.title;
    document.documentElement.lang = v.lang || settings.lang;
    renderStage(v);
    renderHud(v);
    const notices = $("#notices");
    notices.replaceChildren(...(v.notices || []).map((n) => el("p", { class: "notice" }, n)));
    const narration = $("#narration");
    narration.replaceChildren(...paragraphs(v.text));
    if (v.phase === "activity" && v.activity && v.activity.prompt) {
      narration.append(el("p", { class: "prompt" }, v.activity.prompt));
    }
    const box = $("#interaction");
    box.replaceChildren();
    box.dataset.phase = v.phase;
    if (v.phase === "ending" && v.ending) renderEnding(box, v);
    else if (v.phase === "feedback" && v.feedback) renderFeedback(box, v);
    else if (v.phase === "activity" && v.activity) renderActivity(box, v.activity);
    else renderChoices(box, v);
    if (!quiet) {
      // At a kiosk's ending the story's top (with the QR code near it) keeps the focus.
      const first = kiosk && v.phase === "ending" ? null
        : box.querySelector("button:not([disabled]), input, select, textarea, a[href]");
      (first || narration).focus({ preventScroll: false });
    }
  }

  function readAloud(v) {
    speak([...(v.notices || []), v.text, v.activity && v.activity.prompt,
      ...(v.phase === "scene" ? (v.choices || []).filter((c) => c.enabled).map((c) => c.text) : [])]);
  }

  function paragraphs(text) {
    return String(text || "").split(/\n\s*\n/).filter((p) => p.trim()).map((p) => el("p", {}, p.trim()));
  }

  function renderStage(v) {
    const bg = $("#background");
    if (artUrl(v.background)) {
      bg.src = artUrl(v.background);
      bg.hidden = false;
    } else {
      bg.hidden = true;
      bg.removeAttribute("src");
    }
    const sp = $("#speaker");
    if (v.speaker) {
      sp.hidden = false;
      const img = $("#portrait");
      if (artUrl(v.speaker.portrait)) {
        img.src = artUrl(v.speaker.portrait);
        img.hidden = false;
      } else img.hidden = true;
      $("#speaker-name").textContent = v.speaker.name;
      $("#speaker-role").textContent = v.speaker.role || "";
    } else sp.hidden = true;
  }

  function renderHud(v) {
    const hud = $("#hud");
    const items = [];
    if (v.clock) {
      items.push(el("div", { class: "clock" },
        el("span", { class: "label" }, t("clock")), " ",
        el("strong", {}, v.clock.time),
        v.clock.left != null ? el("span", { class: "left" }, " · " + t("minutes_left", { n: v.clock.left })) : null));
    }
    for (const m of v.meters || []) {
      const id = `meter-${m.id}`;
      if (m.show === "meter") {
        const frac = m.max > m.min ? (m.value - m.min) / (m.max - m.min) : 0;
        const good = m.good === "low" ? 1 - frac : frac;
        items.push(el("div", { class: "meter", "data-level": good >= 0.6 ? "good" : good >= 0.3 ? "mid" : "bad" },
          el("label", { for: id }, m.label),
          el("meter", { id, min: m.min, max: m.max, value: m.value,
            low: m.good === "low" ? undefined : m.min + (m.max - m.min) * 0.3,
            high: m.good === "low" ? m.min + (m.max - m.min) * 0.7 : undefined,
            optimum: m.good === "low" ? m.min : m.max }),
          el("span", { class: "value" }, `${m.value}`)));
      } else {
        items.push(el("div", { class: "counter" }, el("span", { class: "label" }, m.label), " ",
          el("strong", {}, String(m.value))));
      }
    }
    hud.replaceChildren(...items);
    hud.hidden = items.length === 0;
  }

  function actionButton(label, onclick, cls = "button primary") {
    return el("button", { type: "button", class: cls, onclick }, label);
  }

  function renderChoices(box, v) {
    const choices = v.choices || [];
    if (choices.length) {
      const list = el("ul", { class: "choices", "aria-label": t("choices") });
      for (const c of choices) {
        const b = el("button", { type: "button", class: "choice", "data-choice": c.id, disabled: !c.enabled },
          c.text);
        if (!c.enabled && c.locked) {
          const lid = `locked-${c.id}`;
          b.setAttribute("aria-describedby", lid);
          list.append(el("li", {}, b, el("span", { id: lid, class: "locked" }, c.locked)));
        } else {
          b.addEventListener("click", () => act({ type: "choose", choice: c.id }));
          list.append(el("li", {}, b));
        }
      }
      box.append(list);
    }
    if (v.continue) box.append(actionButton(t("continue"), () => act({ type: "continue" }), "button primary continue"));
  }

  // ------------------------------------------------------------- activities ---------
  function renderActivity(box, a) {
    const form = el("form", { class: `activity activity-${a.kind}`, "data-kind": a.kind, novalidate: true });
    const error = el("p", { class: "form-error", id: "activity-error", role: "alert" });
    let getAnswer;
    const kind = a.kind;
    if (kind === "order" || kind === "sequence") getAnswer = orderWidget(form, a);
    else if (kind === "numeric") getAnswer = numericWidget(form, a, error);
    else if (kind === "multi") getAnswer = multiWidget(form, a);
    else if (kind === "match") getAnswer = matchWidget(form, a, error);
    else if (kind === "hotspot") getAnswer = hotspotWidget(form, a);
    else if (kind === "allocate") getAnswer = allocateWidget(form, a, error);
    else {
      form.append(el("p", {}, t("unknown_activity")));
      getAnswer = () => null;
    }
    form.append(error, el("button", { type: "submit", class: "button primary" }, t("check_answer")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      error.textContent = "";
      const answer = getAnswer();
      if (answer === undefined) return; // the widget reported the problem
      act({ type: "answer", answer });
    });
    box.append(form);
  }

  function orderWidget(form, a) {
    const hint = el("p", { class: "hint", id: "order-hint" }, t(a.kind === "order" ? "order_hint" : "sequence_hint"));
    const list = el("ol", { class: "order-list", "aria-describedby": "order-hint" });
    const live = el("p", { class: "sr-only", "aria-live": "polite" });
    let dragged = null;
    const refresh = () => {
      const rows = [...list.children];
      rows.forEach((li, i) => {
        const up = li.querySelector(".up");
        const down = li.querySelector(".down");
        up.disabled = i === 0;
        down.disabled = i === rows.length - 1;
      });
    };
    const move = (li, delta) => {
      const rows = [...list.children];
      const i = rows.indexOf(li);
      const j = i + delta;
      if (j < 0 || j >= rows.length) return;
      if (delta < 0) list.insertBefore(li, rows[j]);
      else list.insertBefore(rows[j], li);
      refresh();
      live.textContent = t("moved_to", { item: li.dataset.text, n: j + 1, total: rows.length });
      (li.querySelector(delta < 0 ? ".up" : ".down").disabled ? li.querySelector(delta < 0 ? ".down" : ".up")
        : li.querySelector(delta < 0 ? ".up" : ".down")).focus();
    };
    for (const item of a.items) {
      const li = el("li", { class: "order-item", draggable: "true", "data-id": item.id, "data-text": item.text },
        el("span", { class: "grip", "aria-hidden": "true" }, "⠿"),
        el("span", { class: "text" }, item.text),
        el("span", { class: "moves" },
          el("button", { type: "button", class: "up small", "aria-label": `${t("move_up")}: ${item.text}` }, "▲"),
          el("button", { type: "button", class: "down small", "aria-label": `${t("move_down")}: ${item.text}` }, "▼")));
      li.querySelector(".up").addEventListener("click", () => move(li, -1));
      li.querySelector(".down").addEventListener("click", () => move(li, +1));
      li.addEventListener("dragstart", (e) => {
        dragged = li;
        li.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", item.id);
      });
      li.addEventListener("dragend", () => { li.classList.remove("dragging"); dragged = null; refresh(); });
      li.addEventListener("dragover", (e) => {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        const rect = li.getBoundingClientRect();
        const after = e.clientY > rect.top + rect.height / 2;
        list.insertBefore(dragged, after ? li.nextSibling : li);
      });
      li.addEventListener("drop", (e) => e.preventDefault());
      list.append(li);
    }
    refresh();
    form.append(hint, list, live);
    return () => [...list.children].map((li) => li.dataset.id);
  }

  function numericWidget(form, a, error) {
    const unitId = "numeric-unit";
    const input = el("input", { id: "numeric-input", type: "text", inputmode: "decimal", autocomplete: "off",
      "aria-describedby": a.unit ? `${unitId} activity-error` : "activity-error", required: true });
    form.append(el("div", { class: "numeric" },
      el("label", { for: "numeric-input" }, t("your_answer")),
      el("span", { class: "numeric-row" }, input, a.unit ? el("span", { class: "unit", id: unitId }, a.unit) : null)));
    return () => {
      const raw = input.value.trim().replace(",", ".");
      const n = Number(raw);
      if (!raw || !Number.isFinite(n)) {
        error.textContent = t("need_number");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return undefined;
      }
      input.removeAttribute("aria-invalid");
      return n;
    };
  }

  function multiWidget(form, a) {
    const fs = el("fieldset", { class: "multi" }, el("legend", {}, t("pick_all")));
    a.options.forEach((o, i) => {
      const id = `opt-${i}`;
      fs.append(el("div", { class: "check" },
        el("input", { type: "checkbox", id, value: o.id }), el("label", { for: id }, o.text)));
    });
    form.append(fs);
    return () => [...fs.querySelectorAll("input:checked")].map((i) => i.value);
  }

  function matchWidget(form, a, error) {
    const fs = el("fieldset", { class: "match" }, el("legend", {}, t("match_hint")));
    a.left.forEach((l, i) => {
      const id = `match-${i}`;
      const select = el("select", { id, "data-left": l.id },
        el("option", { value: "" }, t("choose_one")),
        ...a.right.map((r) => el("option", { value: r.id }, r.text)));
      fs.append(el("div", { class: "match-row" }, el("label", { for: id }, l.text), select));
    });
    form.append(fs);
    return () => {
      const answer = {};
      for (const s of fs.querySelectorAll("select")) {
        if (!s.value) {
          error.textContent = t("match_incomplete");
          s.focus();
          return undefined;
        }
        answer[s.dataset.left] = s.value;
      }
      return answer;
    };
  }

  function hotspotWidget(form, a) {
    // Each spot is a toggle button over the picture, numbered; its accessible name is the
    // number and the spot's text label, which the legend under the picture also shows.
    const picked = new Set();
    const img = artUrl(a.image);
    const wrap = el("div", { class: "hotspot", style: `aspect-ratio: ${a.width} / ${a.height}` },
      img ? el("img", { src: img, alt: "", width: a.width, height: a.height }) : null);
    const group = el("div", { class: "spots", role: "group", "aria-label": t("hotspot_hint") });
    const legend = el("ol", { class: "spot-legend" });
    a.spots.forEach((s, i) => {
      const n = String(i + 1);
      const b = el("button", { type: "button", class: "spot", "aria-pressed": "false", "data-spot": s.id,
        "aria-label": `${n}. ${s.label}`,
        style: `left:${(100 * s.x) / a.width}%;top:${(100 * s.y) / a.height}%;` +
          `width:${(100 * s.w) / a.width}%;height:${(100 * s.h) / a.height}%` },
        el("span", { class: "spot-badge", "aria-hidden": "true" }, n));
      b.addEventListener("click", () => {
        if (picked.has(s.id)) picked.delete(s.id); else picked.add(s.id);
        b.setAttribute("aria-pressed", String(picked.has(s.id)));
        legend.children[i].dataset.picked = String(picked.has(s.id));
      });
      group.append(b);
      legend.append(el("li", { "data-picked": "false" }, s.label));
    });
    wrap.append(group);
    form.append(el("p", { class: "hint" }, t("hotspot_hint")), wrap, legend);
    return () => a.spots.filter((s) => picked.has(s.id)).map((s) => s.id);
  }

  function allocateWidget(form, a, error) {
    const total = el("p", { class: "total", "aria-live": "polite" });
    const table = el("table", { class: "allocate" },
      el("caption", {}, t("allocate_caption", { budget: a.budget, unit: a.unit || "" })),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("item")), el("th", { scope: "col" }, t("cost")),
        el("th", { scope: "col" }, t("how_many")))));
    const body = el("tbody");
    const inputs = [];
    a.items.forEach((item, i) => {
      const id = `alloc-${i}`;
      const input = el("input", { id, type: "number", min: 0, max: item.max ?? undefined, step: 1, value: 0,
        inputmode: "numeric", "data-item": item.id, "data-cost": item.cost });
      inputs.push(input);
      body.append(el("tr", {}, el("th", { scope: "row" }, el("label", { for: id }, item.text)),
        el("td", {}, `${item.cost} ${a.unit || ""}`.trim()),
        el("td", {}, input, item.max != null ? el("span", { class: "max" }, " " + t("max_n", { n: item.max })) : null)));
    });
    table.append(body);
    const goals = (a.goals || []).length
      ? el("div", { class: "goals" }, el("p", {}, t("goals")), el("ul", {}, ...a.goals.map((g) => el("li", {}, g.label))))
      : null;
    const update = () => {
      const spent = inputs.reduce((sum, inp) => sum + (Number(inp.value) || 0) * Number(inp.dataset.cost), 0);
      total.textContent = t("spent_total", { spent, budget: a.budget, unit: a.unit || "" });
      total.dataset.over = String(spent > a.budget);
    };
    inputs.forEach((inp) => inp.addEventListener("input", update));
    update();
    form.append(goals, table, total);
    return () => {
      const answer = {};
      for (const inp of inputs) {
        const n = Number(inp.value || 0);
        if (!Number.isInteger(n) || n < 0) {
          error.textContent = t("need_whole");
          inp.focus();
          return undefined;
        }
        answer[inp.dataset.item] = n;
      }
      return answer;
    };
  }

  // --------------------------------------------------------------- feedback ---------
  function renderFeedback(box, v) {
    const f = v.feedback;
    const heading = f.outcome
      ? el("h2", { id: "feedback-title" }, t({ correct: "correct", partial: "partly_correct", wrong: "not_quite" }[f.outcome] || "not_quite") +
        (f.score != null ? ` — ${t("score", { n: Math.round(f.score * 100) })}` : ""))
      : null;
    const section = el("section", { class: `feedback outcome-${f.outcome || "none"}`, "aria-labelledby": heading ? "feedback-title" : null },
      heading,
      ...paragraphs(f.text),
      f.explain ? el("p", { class: "explain" }, f.explain) : null);
    if (f.correct && f.correct.display && f.correct.display.length) {
      section.append(el("h3", {}, t("the_right_answer")),
        el("ul", { class: "correct" }, ...f.correct.display.map((line) => el("li", {}, line))));
    }
    box.append(section);
    if (v.continue) box.append(actionButton(t("continue"), () => act({ type: "continue" }), "button primary continue"));
  }

  // ----------------------------------------------------------------- ending ---------
  function renderEnding(box, v) {
    const e = v.ending;
    const stars = "★".repeat(e.rating || 0) + "☆".repeat(Math.max(0, (e.max_rating || 3) - (e.rating || 0)));
    box.append(el("section", { class: "ending", "aria-labelledby": "ending-title" },
      el("h2", { id: "ending-title" }, e.title),
      el("p", { class: "stars" }, el("span", { "aria-hidden": "true" }, stars + " "),
        t("rating_n", { n: e.rating, max: e.max_rating || 3 })),
      ...(e.text && e.text !== v.text ? paragraphs(e.text) : [])));
    const d = e.debrief || {};
    const debrief = el("section", { class: "debrief", "aria-labelledby": "debrief-title" },
      el("h2", { id: "debrief-title" }, t("debrief")));
    const heads = { went_well: "what_went_well", try_next: "try_next", professional: "what_a_pro_would_do" };
    for (const part of ["went_well", "try_next", "professional"]) {
      if (d[part] && d[part].length) debrief.append(el("h3", {}, t(heads[part])), el("ul", {}, ...d[part].map((x) => el("li", {}, x))));
    }
    box.append(debrief);
    if (kiosk) {
      // The take-home QR code first, then the career's facts and questions to think
      // about (no answer boxes: a kiosk keeps nothing), then Done.
      box.insertBefore(renderQr(e), debrief);
      if (e.career) box.append(renderCareer(e.career));
      if (d.reflection && d.reflection.length) {
        box.append(el("section", { class: "reflection", "aria-labelledby": "reflection-title" },
          el("h2", { id: "reflection-title" }, t("reflection")), el("p", { class: "hint" }, t("kiosk_think")),
          el("ul", {}, ...d.reflection.map((q) => el("li", {}, q)))));
      }
      box.append(el("div", { class: "ending-actions" },
        actionButton(t("canvas_done"), () => kiosk.done(), "button primary big kiosk-done")));
      return;
    }
    if (e.career) box.append(renderCareer(e.career));
    if (d.reflection && d.reflection.length) box.append(renderReflection(d.reflection));
    box.append(renderCertificate(v));
    box.append(el("div", { class: "ending-actions" },
      actionButton(t("play_again"), () => {
        store.remove(SAVE);
        store.remove(VIEW);
        send({ op: "new", sim: simId, lang: settings.lang, seed: newSeed() });
      }),
      el("a", { class: "button", href: config.base + "index.html" }, t("all_sims"))));
  }

  function renderQr(e) {
    // The QR code is made by segno in the worker (glue "qr" op): no network, no library here.
    const code = e.result_code || (e.result && e.result.result_code) || "";
    const figure = el("figure", { class: "qr", id: "result-qr", "data-code": code },
      el("div", { class: "qr-code" }),
      el("figcaption", {}, el("strong", {}, t("scan_to_take_home")),
        el("span", { class: "qr-text" }, t("results_qr") + ": ", el("code", {}, code))));
    const section = el("section", { class: "take-home", "aria-labelledby": "qr-title" },
      el("h2", { id: "qr-title" }, t("results_qr")), figure);
    if (!code) return section;
    call({ op: "qr", text: code }).then((reply) => {
      if (!reply.ok || !figure.isConnected) return;
      const NS = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", `0 0 ${reply.size} ${reply.size}`);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", t("kiosk_qr_label"));
      svg.setAttribute("shape-rendering", "crispEdges");
      const bg = document.createElementNS(NS, "rect");
      bg.setAttribute("width", reply.size);
      bg.setAttribute("height", reply.size);
      bg.setAttribute("fill", "#fff");
      const path = document.createElementNS(NS, "path");
      path.setAttribute("d", reply.path);
      path.setAttribute("fill", "#000");
      svg.append(bg, path);
      figure.querySelector(".qr-code").replaceChildren(svg);
      figure.dataset.ready = "true";
      figure.scrollIntoView({ block: "nearest" });
    });
    return section;
  }

  function renderCareer(c) {
    const section = el("section", { class: "career", "aria-labelledby": "career-title" },
      el("h2", { id: "career-title" }, `${t("career_facts")}: ${c.title || ""}`));
    if (c.description) section.append(el("p", {}, c.description));
    const dl = el("dl");
    const row = (key, value) => {
      if (value == null || value === "" || (Array.isArray(value) && !value.length)) return;
      dl.append(el("dt", {}, t(key)), el("dd", {}, Array.isArray(value)
        ? el("ul", {}, ...value.map((x) => el("li", {}, typeof x === "string" ? x : x.title || x.name || x.id)))
        : String(value)));
    };
    row("career_day", c.day);
    row("median_wage", c.wage && c.wage.display);
    row("education", c.education);
    row("training", c.training);
    row("certifications", c.certifications);
    row("courses", c.courses);
    row("related_careers", c.related);
    row("career_onet", c.onet && c.onet.code ? `${c.onet.code} ${c.onet.title || ""}`.trim() : "");
    row("source", c.wage && c.wage.source);
    section.append(dl);
    if (c.attribution) section.append(el("p", { class: "attribution" }, c.attribution));
    return section;
  }

  function renderReflection(questions) {
    const section = el("section", { class: "reflection", "aria-labelledby": "reflection-title" },
      el("h2", { id: "reflection-title" }, t("reflection")), el("p", { class: "hint" }, t("reflection_hint")));
    questions.forEach((q, i) => {
      const id = `reflect-${i}`;
      const key = `ctd.reflect.${simId}.${i}`;
      const area = el("textarea", { id, rows: 3, value: store.get(key) || "" });
      area.addEventListener("input", () => store.set(key, area.value));
      section.append(el("div", { class: "question" }, el("label", { for: id }, q), area));
    });
    return section;
  }

  function renderCertificate(v) {
    const e = v.ending;
    const nameKey = "ctd.studentName";
    const nameInput = el("input", { id: "cert-name", type: "text", autocomplete: "name", value: store.get(nameKey) || "" });
    const nameOut = el("strong", { class: "cert-name" }, store.get(nameKey) || t("cert_student"));
    nameInput.addEventListener("input", () => {
      store.set(nameKey, nameInput.value);
      nameOut.textContent = nameInput.value || t("cert_student");
    });
    const skills = (e.skills || []).map((s) => (typeof s === "string" ? s : s.label || s.name || s.id));
    const code = e.result_code || (e.result && e.result.result_code) || "";
    const date = new Date().toLocaleDateString(settings.lang === "es" ? "es" : "en", { dateStyle: "long" });
    return el("section", { class: "certificate-area", "aria-labelledby": "cert-heading" },
      el("h2", { id: "cert-heading" }, t("certificate")),
      el("div", { class: "cert-name-row" }, el("label", { for: "cert-name" }, t("cert_name_label")), nameInput),
      el("div", { class: "certificate", id: "certificate" },
        el("p", { class: "cert-title" }, t("cert_title")),
        el("p", {}, t("cert_this_certifies")), el("p", {}, nameOut),
        el("p", {}, t("cert_completed", { sim: v.sim.title })),
        el("p", {}, `${e.title} — ${t("rating_n", { n: e.rating, max: e.max_rating || 3 })}`),
        skills.length ? el("p", {}, t("cert_skills", { skills: skills.join(", ") })) : null,
        el("p", { class: "cert-date" }, date),
        code ? el("p", { class: "cert-code" }, t("cert_code"), " ", el("code", {}, code)) : null),
      actionButton(t("print_certificate"), () => window.print(), "button"));
  }

  // ------------------------------------------------------------ resume code ---------
  function buildCodeDialog() {
    const dialog = $("#code-dialog");
    const out = $("#code-output");
    $("#open-code").addEventListener("click", async () => {
      out.value = "";
      $("#code-status").textContent = "";
      dialog.showModal();
      if (!ready) {
        $("#code-status").textContent = t("boot_wait");
        return;
      }
      const reply = await call({ op: "code" });
      out.value = reply.ok ? reply.code : "";
      if (!reply.ok) $("#code-status").textContent = reply.message;
    });
    $("#copy-code").addEventListener("click", async () => {
      out.select();
      let copied = false;
      try {
        await navigator.clipboard.writeText(out.value);
        copied = true;
      } catch {
        try { copied = document.execCommand("copy"); } catch { copied = false; }
      }
      $("#code-status").textContent = copied ? t("copied") : t("copy_manually");
    });
    $("#enter-code-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const code = $("#code-enter").value.trim();
      if (!code || !ready) return;
      const reply = await call({ op: "from_code", sim: simId, code, lang: settings.lang });
      if (reply.ok) {
        dialog.close();
        accept(reply, false);
      } else {
        $("#code-status").textContent = t("code_bad", { reason: reply.message });
      }
    });
    $("#close-code").addEventListener("click", () => dialog.close());
  }

  // ------------------------------------------------------------------ start ---------
  const onSettings = (langChanged) => {
    if (langChanged && ready && view) send({ op: "lang", lang: settings.lang });
    else if (view) render(view, true);
  };
  const boot = () => worker.postMessage({ type: "boot", config: { pyodide: new URL(config.pyodide, location.href).href,
    bundle: new URL(config.bundle, location.href).href } });
  if (kiosk) {
    boot();
    return {
      onSettings,
      isReady: () => ready,
      view: () => view,
      // A new visit: the simulation's kiosk cut (or its normal start without one).
      async start(id) {
        simId = id;
        SAVE = `ctd.save.${simId}`;
        VIEW = `ctd.view.${simId}`;
        view = null;
        await send({ op: "new", sim: simId, lang: settings.lang, seed: newSeed(), kiosk: true });
        return view;
      },
      // Forget the visitor: the engine drops its session, the page its view.
      async clear() {
        view = null;
        visit += 1;  // a reply still on its way belongs to the old visit: dropped
        for (const id of ["#narration", "#interaction", "#hud", "#notices"]) $(id).replaceChildren();
        $("#hud").hidden = true;
        $("#speaker").hidden = true;
        $("#speaker-name").textContent = "";
        $("#speaker-role").textContent = "";
        $("#background").hidden = true;
        $("#background").removeAttribute("src");
        $("#alert").hidden = true;
        $("#alert").replaceChildren();
        const main = $("#main");
        for (const k of ["scene", "phase", "step"]) delete main.dataset[k];
        if ("speechSynthesis" in window) speechSynthesis.cancel();
        if (ready) await call({ op: "drop" });
      },
    };
  }
  buildSettings(onSettings);
  buildCodeDialog();
  applySettings();
  translateStatic();
  // Until Python is ready, show the last view this device saw (or the first scene,
  // already in the HTML) with its controls disabled.
  const lastView = store.get(SAVE) != null ? store.json(VIEW, null) : null;
  const firstView = config.first && (config.first[settings.lang] || config.first.en);
  const early = lastView || (settings.lang !== "en" ? firstView : null);
  if (early && early.sim) {
    try {
      render(early, true);
    } catch {
      /* a stale stored view: keep the page as built */
    }
  }
  view = null;
  for (const b of $("#interaction").querySelectorAll("button, input, select, textarea")) b.disabled = true;
  boot();
  return null;
}

// ============================================================ kiosk page ===========
// The career-fair kiosk (docs/web.md, "Kiosk"): attract screen -> a simulation's kiosk
// cut -> the ending with a take-home QR code -> back to the attract screen. An idle
// visitor is asked "Still there?", then everything of the visit is dropped. Only play
// counts and the rotation are stored (localStorage "ctd.kiosk"); never a save, a code,
// a name or an answer. Operator menu: long press on the top-left corner + PIN.
function kioskPage() {
  const now = () => performance.now();
  const seconds = (name, fallback, min) => {
    const v = Number.parseFloat(params.get(name));
    return Number.isFinite(v) && v >= min ? v * 1000 : fallback * 1000;
  };
  const IDLE = seconds("idle", 60, 0.2);       // no input this long -> "Still there?"
  const WARN = seconds("warn", 15, 0.2);       // ...answered within this long, or reset
  const SLIDE = seconds("attract", 7, 1);      // each simulation shows this long
  const HOLD = seconds("hold", 3, 0.2);        // long press on the corner
  const urlPin = params.get("pin");
  const PIN = urlPin && /^\d{3,12}$/.test(urlPin) ? urlPin : String((config.kiosk && config.kiosk.pin) || "2468");
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

  const player = playPage({
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

  function showScreen(name) {
    screen = name;
    document.body.dataset.screen = name;
    $("#attract").hidden = name !== "attract";
    $("#main").hidden = name !== "play";
    $("#start-over").hidden = name !== "play";
    if (name === "attract") {
      $("#sim-title").textContent = t("canvas_choose_sim");
      document.title = t("app_title");
    }
  }

  function renderTiles() {
    const rot = rotation();
    $("#tiles").replaceChildren(...rot.map((id) => {
      const sim = byId.get(id);
      return el("li", {},
        el("button", { type: "button", class: "tile", "data-sim": id, onclick: () => startVisit(id) },
          artUrl(sim.cover) ? el("img", { src: artUrl(sim.cover), alt: "", width: 320, height: 180 }) : null,
          el("span", { class: "tile-title" }, pick(sim.title))));
    }));
    showFeatured();
  }

  function showFeatured() {
    const rot = rotation();
    featured = ((featured % rot.length) + rot.length) % rot.length;
    const sim = byId.get(rot[featured]);
    const button = $("#featured");
    button.dataset.sim = sim.id;
    $("#featured-title").textContent = pick(sim.title);
    $("#featured-field").textContent = t(`field_${sim.field}`);
    const art = $("#featured-art");
    if (artUrl(sim.cover)) {
      art.src = artUrl(sim.cover);
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
    const [en, es] = [UI.en.tap_to_start, UI.es.tap_to_start];
    $("#featured .tap [lang=en]").textContent = en;
    $("#tap-es").textContent = es;
    const other = settings.lang === "es" ? "en" : "es";
    const langButton = $("#kiosk-lang");
    langButton.lang = other;
    langButton.textContent = other === "es" ? "Español" : "English";
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
    if (!player.isReady()) {  // the engine is still booting: start as soon as it is ready
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

  let pinTries = 0;
  const pinInput = $("#pin-input");
  function openPin() {
    if (document.querySelector("dialog[open]")) return;
    pinTries = 0;
    pinInput.value = "";
    $("#pin-error").textContent = "";
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
  $("#pin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (pinInput.value === PIN) {
      $("#pin-dialog").close();
      openOperator();
      return;
    }
    pinTries += 1;
    pinInput.value = "";
    $("#pin-error").textContent = t("canvas_wrong_pin");
    if (pinTries >= 3) $("#pin-dialog").close();
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

addEventListener("error", (event) => {
  const box = document.getElementById("alert");
  if (box) {
    box.textContent = t("something_wrong") + " " + (event.message || "");
    box.hidden = false;
  }
});

if (document.body.dataset.page === "start") startPage();
else if (KIOSK) kioskPage();
else playPage();
