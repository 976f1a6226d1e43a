// The class results sheet: codes go in by paste, CSV file or camera; each is checked by
// replaying it in the engine (worker op "verify", engine.results.verify_many) and shown
// as a row; a class summary; CSV export; print. Only the (name, code) pairs are kept, in
// this browser's localStorage, checked when read back; rows are remade by replaying.
import { bootEngine, call } from "./engine.js";
import { parse, format } from "./csv.js";
import { $, el } from "../dom.js";
import { config } from "../config.js";
import { pick, t } from "../i18n.js";
import { store } from "../store.js";
import { download } from "./common.js";

const KEY = "ctd.teacher.class";
export const MAX_CODES = 500;
const MAX_CODE = 8192;
const MAX_NAME = 120;

let entries = [];   // [{name, code}]
let rows = [];      // the engine's rows, same order
let csvRows = null; // the chosen file's rows while the teacher picks its columns

const titles = () => new Map(config.teacher.map((s) => [s.id, s]));

function loadEntries() {
  const raw = store.json(KEY, null);
  if (!raw || raw.v !== 1 || !Array.isArray(raw.entries)) return [];
  return raw.entries
    .filter((e) => e && typeof e.code === "string" && typeof e.name === "string"
      && e.code.length <= MAX_CODE && e.name.length <= MAX_NAME && e.code.trim())
    .slice(0, MAX_CODES)
    .map((e) => ({ name: e.name, code: e.code }));
}

function saveEntries() {
  if (!entries.length) { store.remove(KEY); return; }
  if (!store.set(KEY, JSON.stringify({ v: 1, entries }))) $("#sheet-status").textContent = t("sheet_storage_full");
}

// Pasted text: one code per line, or "name,code" (the code is after the last comma:
// codes have none, names may).
export function parsePaste(text) {
  const out = [];
  for (const line of text.split(/\r?\n/)) {
    const s = line.trim();
    if (!s) continue;
    const at = s.lastIndexOf(",");
    if (at < 0) out.push({ name: "", code: s });
    else out.push({ name: s.slice(0, at).trim().replace(/^"|"$/g, ""), code: s.slice(at + 1).trim() });
  }
  return out.filter((e) => e.code);
}

async function addEntries(more) {
  const status = $("#sheet-status");
  const clean = more.map((e) => ({ name: e.name.trim().slice(0, MAX_NAME), code: e.code.trim().slice(0, MAX_CODE) }))
    .filter((e) => e.code);
  if (entries.length + clean.length > MAX_CODES) {
    status.textContent = t("sheet_too_many", { n: MAX_CODES });
    return false;
  }
  entries = entries.concat(clean);
  saveEntries();
  await verifyAll();
  return true;
}

async function verifyAll() {
  const status = $("#sheet-status");
  if (!entries.length) { rows = []; render(); return; }
  status.textContent = t("sheet_checking", { n: entries.length });
  document.body.dataset.checking = "true";
  const started = performance.now();
  const reply = await call({ op: "verify", pairs: entries.map((e) => [e.name, e.code]) });
  // how long the engine took, for benchmarks/verify.py
  document.body.dataset.verifyMs = String(Math.round(performance.now() - started));
  delete document.body.dataset.checking;
  if (!reply.ok) {
    status.textContent = t("sheet_engine_failed", { reason: reply.message });
    return;
  }
  rows = reply.rows;
  render();
  const ok = rows.filter((r) => r.verified).length;
  status.textContent = t("sheet_checked", { n: rows.length, ok, bad: rows.length - ok });
}

const pct = (x) => `${Math.round(x * 100)}%`;
const simTitle = (r) => {
  const s = titles().get(r.sim);
  return s ? pick(s.title) : (r.title || r.sim || "");
};

function flags(r) {
  const out = [];
  if (r.duplicate_of && r.duplicate_of.length) out.push(t("sheet_flag_duplicate", { rows: r.duplicate_of.map((i) => i + 1).join(", ") }));
  if (r.too_fast) out.push(t("sheet_flag_fast"));
  if (r.name_differs ?? (r.bound_name && r.name && r.bound_name !== r.name)) out.push(t("sheet_flag_name", { name: r.bound_name }));
  return out;
}

function renderRows() {
  const head = ["#", "sheet_col_name", "sheet_col_sim", "sheet_col_version", "sheet_col_ending", "sheet_col_rating",
    "sheet_col_score", "sheet_col_activities", "sheet_col_minutes", "sheet_col_skills", "sheet_col_check"];
  $("#rows thead").replaceChildren(el("tr", {}, ...head.map((k) => el("th", { scope: "col" }, k === "#" ? "#" : t(k)))));
  $("#rows tbody").replaceChildren(...rows.map((r, i) => {
    const f = flags(r);
    const check = r.verified
      ? el("span", { class: "ok" }, t("sheet_verified"))
      : el("span", { class: "refused" }, t("sheet_refused", { reason: r.reason }));
    const acts = (r.activities || []).map((a) => el("li", { "data-outcome": a.outcome },
      `${a.scene}: ${pct(a.score)}`));
    const minutes = [r.minutes ? t("sheet_minutes_sim", { n: r.minutes }) : null,
      r.played_seconds != null ? t("sheet_minutes_real", { n: Math.round(r.played_seconds / 60) }) : null].filter(Boolean);
    const skills = Object.entries(r.skills || {}).map(([k, n]) => `${k} ×${n}`).join(", ");
    return el("tr", { "data-verified": String(!!r.verified), "data-row": String(i), class: f.length ? "flagged" : null },
      el("td", {}, String(i + 1)),
      el("th", { scope: "row" }, r.name || entries[i]?.name || "—"),
      el("td", {}, r.verified ? simTitle(r) : (r.sim ? simTitle(r) : "")),
      el("td", {}, r.version || ""),
      el("td", { class: "ending", "data-ending": r.ending || "" }, r.ending_title || r.ending || ""),
      el("td", {}, r.verified ? `${r.rating}/${r.max_rating}` : ""),
      el("td", { class: "score" }, r.verified ? String(r.score) : ""),
      el("td", {}, acts.length ? el("ul", { class: "acts" }, ...acts) : ""),
      el("td", {}, minutes.join(" · ")),
      el("td", {}, skills),
      el("td", { class: "verdict" }, check, ...f.map((x) => el("span", { class: "flag" }, x)),
        r.assignment ? el("span", { class: "info" }, t("sheet_flag_class", { label: r.assignment })) : null));
  }));
}

// Item analysis and endings, per simulation: shares of the class, never a ranking.
function renderSummary() {
  const box = $("#summary");
  const good = rows.filter((r) => r.verified);
  if (!good.length) { box.replaceChildren(el("p", {}, t("sheet_summary_none"))); return; }
  const bySim = new Map();
  for (const r of good) {
    if (!bySim.has(r.sim)) bySim.set(r.sim, []);
    bySim.get(r.sim).push(r);
  }
  const parts = [];
  for (const [sim, list] of bySim) {
    const title = simTitle(list[0]);
    const endings = new Map();
    for (const r of list) endings.set(r.ending_title || r.ending, (endings.get(r.ending_title || r.ending) || 0) + 1);
    const items = new Map();  // scene -> {prompt, right, n, correct, wrong: Map}
    for (const r of list) {
      const seen = new Set();
      for (const a of r.activities || []) {
        if (seen.has(a.scene)) continue;  // first try only
        seen.add(a.scene);
        const it = items.get(a.scene) || { prompt: a.prompt, right: a.right, n: 0, correct: 0, wrong: new Map() };
        it.n += 1;
        if (a.outcome === "correct") it.correct += 1;
        else it.wrong.set(a.answer, (it.wrong.get(a.answer) || 0) + 1);
        items.set(a.scene, it);
      }
    }
    const secs = list.map((r) => r.played_seconds).filter((s) => typeof s === "number").sort((a, b) => a - b);
    const mins = (s) => Math.round(s / 60);
    parts.push(el("section", { class: "sim-summary", "data-sim": sim },
      el("h4", {}, `${title} — ${t("sheet_plays_n", { n: list.length })}`),
      el("h5", {}, t("sheet_endings")),
      el("ul", { class: "endings" }, ...[...endings].map(([name, n]) => el("li", {}, `${name}: ${n} (${pct(n / list.length)})`))),
      el("h5", {}, t("sheet_items")),
      el("table", { class: "items" },
        el("thead", {}, el("tr", {}, ...["sheet_item_col", "sheet_item_right", "sheet_item_wrong", "sheet_item_answer"]
          .map((k) => el("th", { scope: "col" }, t(k))))),
        el("tbody", {}, ...[...items].map(([scene, it]) => {
          const wrong = [...it.wrong].sort((a, b) => b[1] - a[1])[0];
          return el("tr", { "data-scene": scene },
            el("th", { scope: "row" }, it.prompt || scene),
            el("td", {}, `${pct(it.correct / it.n)} (${it.correct}/${it.n})`),
            el("td", {}, wrong ? `${wrong[0]} (${wrong[1]})` : "—"),
            el("td", {}, it.right || ""));
        }))),
      el("h5", {}, t("sheet_time")),
      el("p", {}, secs.length ? t("sheet_time_text", { median: mins(secs[Math.floor((secs.length - 1) / 2)]),
        low: mins(secs[0]), high: mins(secs[secs.length - 1]), n: secs.length }) : t("sheet_time_unknown"))));
  }
  const interests = interestCounts(good);
  box.replaceChildren(...(interests ? [interests] : []), ...parts);
}

// Kinds of work (RIASEC) the class chose, summed over every checked code: counts for the
// class as a whole, never a student's type and never a ranking (issue 13).
function interestCounts(/** @type {any[]} */ good) {
  const areas = Object.keys(config.interests || {});
  const chose = new Map(areas.map((a) => [a, 0]));
  const offered = new Map(areas.map((a) => [a, 0]));
  let counted = 0;
  for (const r of good) {
    if (!r.riasec || !r.chances) continue;
    counted += 1;
    for (const a of areas) {
      chose.set(a, chose.get(a) + (Number(r.riasec[a]) || 0));
      offered.set(a, offered.get(a) + (Number(r.chances[a]) || 0));
    }
  }
  if (!counted || !areas.length) return null;
  return el("section", { class: "class-interests", "aria-labelledby": "class-interests-title" },
    el("h4", { id: "class-interests-title" }, t("sheet_interests")),
    el("p", { class: "hint" }, t("sheet_interests_hint", { n: counted })),
    el("table", { class: "items" },
      el("thead", {}, el("tr", {}, ...["profile_area", "sheet_interests_chose", "sheet_interests_offered"]
        .map((k) => el("th", { scope: "col" }, t(k))))),
      el("tbody", {}, ...areas.map((a) => el("tr", { "data-area": a },
        el("th", { scope: "row" }, pick(config.interests[a])),
        el("td", {}, String(chose.get(a))), el("td", {}, String(offered.get(a))))))));
}

function render() {
  $("#results").hidden = !rows.length;
  renderRows();
  renderSummary();
}

function exportCsv() {
  const out = [["name", "sim", "version", "ending", "rating", "max_rating", "score", "minutes", "played_minutes",
    "activities", "skills", "verified", "reason", "bound_name", "assignment", "duplicate_of", "too_fast", "code"]];
  rows.forEach((r, i) => out.push([
    r.name || entries[i]?.name || "", r.sim || "", r.version || "", r.ending || "", r.verified ? r.rating : "",
    r.verified ? r.max_rating : "", r.verified ? r.score : "", r.minutes ?? "",
    r.played_seconds != null ? Math.round(r.played_seconds / 60) : "",
    (r.activities || []).map((a) => `${a.scene}=${Math.round(a.score * 100)}`).join(";"),
    Object.entries(r.skills || {}).map(([k, n]) => `${k}=${n}`).join(";"),
    r.verified ? "yes" : "no", r.reason || "", r.bound_name || "", r.assignment || "",
    (r.duplicate_of || []).map((x) => x + 1).join(";"), r.too_fast ? "yes" : "", entries[i]?.code || ""]));
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const name = `class-results-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.csv`;
  download(name, format(out));
  $("#sheet-status").textContent = t("sheet_exported", { name });
}

function guessColumn(header, re) {
  const i = header.findIndex((h) => re.test(h));
  return i;
}

function setupCsv() {
  const file = $("#csv-file");
  const codeCol = $("#csv-code-col");
  const nameCol = $("#csv-name-col");
  file.addEventListener("change", async () => {
    $("#csv-error").textContent = "";
    csvRows = null;
    $("#csv-columns").hidden = true;
    const f = file.files && file.files[0];
    if (!f) return;
    const parsed = parse(await f.text());
    if (parsed.length < 2) {
      $("#csv-error").textContent = t("sheet_csv_bad");
      return;
    }
    csvRows = parsed;
    const header = parsed[0].map((h, i) => h.trim() || `#${i + 1}`);
    codeCol.replaceChildren(...header.map((h, i) => el("option", { value: String(i) }, h)));
    nameCol.replaceChildren(el("option", { value: "" }, t("sheet_csv_no_names")),
      ...header.map((h, i) => el("option", { value: String(i) }, h)));
    const c = guessColumn(header, /code|c[oó]digo/i);
    const n = guessColumn(header, /name|nombre|initials|iniciales/i);
    codeCol.value = String(c >= 0 ? c : header.length - 1);
    nameCol.value = n >= 0 ? String(n) : "";
    $("#csv-columns").hidden = false;
  });
  $("#csv-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!csvRows) return;
    const ci = Number(codeCol.value);
    const ni = nameCol.value === "" ? -1 : Number(nameCol.value);
    const more = csvRows.slice(1).map((r) => ({ name: ni >= 0 ? (r[ni] || "") : "", code: r[ci] || "" }))
      .filter((x) => x.code.trim());
    if (!more.length) {
      $("#csv-error").textContent = t("sheet_csv_bad");
      return;
    }
    if (await addEntries(more)) {
      file.value = "";
      csvRows = null;
      $("#csv-columns").hidden = true;
    }
  });
}

// Scanning students' QR codes where the browser can read them (BarcodeDetector);
// elsewhere the button is not shown.
function setupScan() {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  $("#scan").hidden = false;
  let stream = null;
  let timer = null;
  const video = $("#scan-video");
  const stop = () => {
    clearInterval(timer);
    if (stream) for (const tr of stream.getTracks()) tr.stop();
    stream = null;
    video.hidden = true;
    $("#scan-stop").hidden = true;
    $("#scan-start").hidden = false;
  };
  $("#scan-start").addEventListener("click", async () => {
    try {
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      $("#scan-start").hidden = true;
      $("#scan-stop").hidden = false;
      $("#scan-stop").focus();
      timer = setInterval(async () => {
        const found = await detector.detect(video).catch(() => []);
        for (const f of found) {
          const code = (f.rawValue || "").trim();
          if (code && !entries.some((e) => e.code === code)) {
            $("#sheet-status").textContent = t("sheet_scanned");
            await addEntries([{ name: "", code }]);
          }
        }
      }, 400);
    } catch (err) {
      stop();
      $("#sheet-status").textContent = t("sheet_scan_failed", { reason: (err && err.message) || err });
    }
  });
  $("#scan-stop").addEventListener("click", stop);
}

export function setupSheet() {
  entries = loadEntries();
  bootEngine().then(async () => {
    $("#engine-status").textContent = t("sheet_engine_ready");
    document.body.dataset.ready = "true";
    if (entries.length) await verifyAll();
  }, (err) => {
    $("#engine-status").textContent = t("sheet_engine_failed", { reason: err.message });
  });
  $("#paste-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = $("#paste-input");
    const more = parsePaste(input.value);
    if (!more.length) {
      $("#paste-error").textContent = t("sheet_paste_empty");
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    $("#paste-error").textContent = "";
    input.removeAttribute("aria-invalid");
    if (await addEntries(more)) input.value = "";
  });
  setupCsv();
  setupScan();
  $("#export-sheet").addEventListener("click", exportCsv);
  $("#print-sheet").addEventListener("click", () => {
    document.body.dataset.print = "sheet";
    window.print();
  });
  const dialog = $("#forget-dialog");
  $("#forget-class").addEventListener("click", () => dialog.showModal());
  $("#forget-no").addEventListener("click", () => dialog.close());
  $("#forget-yes").addEventListener("click", () => {
    entries = [];
    rows = [];
    store.remove(KEY);
    dialog.close();
    render();
    $("#sheet-status").textContent = t("sheet_forgotten");
    $("#paste-input").focus();
  });
}

export function refreshSheet() {
  if (rows.length) render();
  if (document.body.dataset.ready === "true") $("#engine-status").textContent = t("sheet_engine_ready");
}
