// The student's side of an assignment (a teacher page link, web/src/assignment.js): the
// class label on the page, the teacher's settings applied once, the kiosk cut when the
// teacher chose it, and at the ending a "hand in" box: an optional name or initials
// bound into the result code, the code with copy, QR and print, and how to hand it in.
// On a device the assignment marks as shared, nothing of the student is kept: no name,
// and the game and reflections are cleared when the code is made.
import { decode } from "../assignment.js";
import { config } from "../config.js";
import { $, el, qrSvg } from "../dom.js";
import { t } from "../i18n.js";
import { applySettings, settings } from "../settings.js";
import { store } from "../store.js";

const NAME_KEY = "ctd.studentName";
// On a shared device, a game left unfinished longer than this belongs to someone else.
const SHARED_HOURS = 3;
/** @type {ReturnType<typeof decode> | undefined} */
let cached;

/** The assignment in this page's address, or null. */
export function assignment() {
  if (cached === undefined) {
    const known = new Set((config.catalog || []).map((/** @type {any} */ s) => s.id));
    cached = decode(location.hash, known);
  }
  return cached;
}

/** A link to another page that keeps the assignment (the start page's cards). @param {string} href */
export function withAssignment(href) {
  return assignment() ? href + location.hash : href;
}

/**
 * The teacher's settings, applied the first time this tab opens this assignment (the
 * student may change them afterwards), and the class label shown under the top bar. On
 * a shared device, a simulation's page first forgets a game someone left hours ago.
 * @param {string} [simId] the simulation of this page (none on the start page)
 */
export function startAssignment(simId) {
  const a = assignment();
  if (!a) return null;
  if (a.shared && simId) {
    const start = Number(store.get(`ctd.started.${simId}`));
    const stale = !(start > 0) || Date.now() - start > SHARED_HOURS * 3600_000;
    if (stale && store.get(`ctd.save.${simId}`) != null) forgetPlay(simId);
  }
  let applied = null;
  try { applied = sessionStorage.getItem("ctd.assignment.applied"); } catch { /* */ }
  if (applied !== location.hash) {
    Object.assign(settings, { lang: a.lang, textSize: a.textSize, contrast: a.contrast, readable: a.readable,
      motion: a.motion || settings.motion, readAloud: a.readAloud });
    try { sessionStorage.setItem("ctd.assignment.applied", location.hash); } catch { /* */ }
    applySettings();
  }
  document.body.dataset.assignment = "true";
  const banner = el("p", { class: "assignment-banner", id: "assignment-banner" });
  document.querySelector("header.topbar")?.after(banner);
  renderBanner();
  return a;
}

export function renderBanner() {
  const a = assignment();
  const banner = $("#assignment-banner");
  if (!a || !banner) return;
  banner.replaceChildren(el("strong", {}, t("handin_banner")), " ",
    a.label ? t("assign_post_class", { label: a.label }) : "",
    a.due ? [" · ", t("assign_post_due", { due: a.due })] : null);
}

/** When this play started (kept with the game), to bind the real seconds played into the code. @param {string} simId */
export function markStart(simId) {
  if (!assignment()) return; // only an assignment's code carries the seconds played
  store.set(`ctd.started.${simId}`, String(Date.now()));
}

/** @param {string} simId */
function playedSeconds(simId) {
  const start = Number(store.get(`ctd.started.${simId}`));
  if (!Number.isFinite(start) || start <= 0 || start > Date.now()) return null;
  return Math.min(Math.round((Date.now() - start) / 1000), 24 * 3600);
}

/** Everything of this student's game on this device. @param {string} simId */
function forgetPlay(simId) {
  for (const key of Object.keys(localStorage)) {
    if (key === `ctd.save.${simId}` || key === `ctd.view.${simId}` || key === `ctd.started.${simId}`
        || key.startsWith(`ctd.reflect.${simId}.`) || key === NAME_KEY) store.remove(key);
  }
}

/**
 * The hand-in box at an assignment's ending.
 * @param {import("./context.js").PlayContext} ctx
 */
export function renderHandIn(ctx) {
  const a = assignment();
  if (!a) return null;
  const shared = a.shared;
  // Leaving the ending on a shared device forgets the game, made code or not.
  if (shared) addEventListener("pagehide", () => forgetPlay(ctx.simId), { once: true });
  const name = el("input", { id: "handin-name", type: "text", maxlength: 40, autocomplete: shared ? "off" : "name",
    "aria-describedby": "handin-name-hint", value: shared ? "" : store.get(NAME_KEY) || "" });
  const out = el("div", { class: "handin-out", id: "handin-out", hidden: true });
  const status = el("p", { id: "handin-status", role: "status" });
  const make = el("button", { type: "submit", class: "button primary" }, t("handin_make"));
  const form = el("form", { class: "handin-form", novalidate: true },
    el("div", { class: "field-row" }, el("label", { for: "handin-name" }, t("handin_name")), name,
      el("p", { class: "hint", id: "handin-name-hint" }, t(shared ? "handin_name_hint_shared" : "handin_name_hint"))),
    make);
  form.addEventListener("submit", async (/** @type {Event} */ e) => {
    e.preventDefault();
    const typed = name.value.trim();
    if (!shared) store.set(NAME_KEY, typed);
    make.disabled = true;
    const reply = await ctx.call({ op: "result_code", name: typed, assignment: a.label,
      played_seconds: playedSeconds(ctx.simId) });
    make.disabled = false;
    if (!reply.ok) {
      status.textContent = reply.message;
      return;
    }
    if (shared) forgetPlay(ctx.simId);
    showCode(out, reply.code, ctx, shared);
  });
  return el("section", { class: "handin", "aria-labelledby": "handin-title" },
    el("h2", { id: "handin-title" }, t("handin_title")),
    a.label ? el("p", {}, t("assign_post_class", { label: a.label })) : null,
    form, status, out);
}

/** @param {HTMLElement} out @param {string} code @param {any} ctx @param {boolean} shared */
function showCode(out, code, ctx, shared) {
  const area = el("textarea", { id: "handin-code", rows: 4, readonly: true, spellcheck: "false", value: code });
  const status = el("p", { role: "status" });
  const figure = el("figure", { class: "qr", id: "handin-qr" }, el("div", { class: "qr-code" }),
    el("figcaption", {}, t("handin_qr_caption")));
  out.replaceChildren(
    el("h3", { id: "handin-code-title", tabindex: "-1" }, t("handin_code")),
    el("p", { class: "handin-how" }, t("handin_how")),
    shared ? el("p", { class: "hint" }, t("handin_shared_note")) : null,
    el("label", { for: "handin-code", class: "sr-only" }, t("handin_code")), area,
    el("div", { class: "ending-actions" },
      el("button", { type: "button", class: "button", onclick: async () => {
        let ok = false;
        try { await navigator.clipboard.writeText(code); ok = true; } catch {
          area.select();
          try { ok = document.execCommand("copy"); } catch { ok = false; }
        }
        status.textContent = ok ? t("copied") : t("copy_manually");
      } }, t("handin_copy")),
      el("button", { type: "button", class: "button", onclick: () => {
        document.body.dataset.print = "handin";
        window.print();
      } }, t("handin_print"))),
    status, figure);
  out.hidden = false;
  out.dataset.code = code;
  $("#handin-code-title").focus();
  addEventListener("afterprint", () => { delete document.body.dataset.print; }, { once: true });
  ctx.call({ op: "qr", text: code }).then((/** @type {any} */ reply) => {
    if (!reply.ok || !figure.isConnected) return;
    figure.querySelector(".qr-code").replaceChildren(qrSvg(reply, t("kiosk_qr_label")));
    figure.dataset.ready = "true";
  });
}
