// The ending: title and rating, the debrief, the career's facts, then either (at home)
// reflection questions, how much the student liked the work (kept in My test-drives),
// a certificate and Play again, or (at a kiosk) a take-home QR code, questions to think
// about and Done.
import { el, paragraphs, actionButton, qrSvg } from "../dom.js";
import { t } from "../i18n.js";
import { settings } from "../settings.js";
import { store } from "../store.js";
import { config } from "../config.js";
import { renderHandIn } from "./assignment.js";
import { keepsProfile, recordPlay, renderEnjoy, resultCode } from "./enjoy.js";

/** @typedef {import("./context.js").PlayContext} PlayContext */

const DEBRIEF = { went_well: "what_went_well", try_next: "try_next", professional: "what_a_pro_would_do" };

/** @param {HTMLElement} box @param {any} v @param {PlayContext} ctx */
export function renderEnding(box, v, ctx) {
  const e = v.ending;
  const stars = "★".repeat(e.rating) + "☆".repeat(Math.max(0, e.max_rating - e.rating));
  box.append(el("section", { class: "ending", "aria-labelledby": "ending-title" },
    el("h2", { id: "ending-title" }, e.title),
    el("p", { class: "stars" }, el("span", { "aria-hidden": "true" }, stars + " "),
      t("rating_n", { n: e.rating, max: e.max_rating })),
    ...(e.text && e.text !== v.text ? paragraphs(e.text) : [])));
  const d = e.debrief;
  const debrief = el("section", { class: "debrief", "aria-labelledby": "debrief-title" },
    el("h2", { id: "debrief-title" }, t("debrief")));
  for (const [part, head] of Object.entries(DEBRIEF)) {
    if (d[part].length) debrief.append(el("h3", {}, t(head)), el("ul", {}, ...d[part].map((/** @type {string} */ x) => el("li", {}, x))));
  }
  box.append(debrief);
  if (ctx.kiosk) {
    const kiosk = ctx.kiosk;
    // The take-home QR code first, then the career's facts and questions to think
    // about (no answer boxes: a kiosk keeps nothing), then Done.
    box.insertBefore(renderQr(e, ctx), debrief);
    if (e.career) box.append(renderCareer(e.career));
    if (d.reflection.length) {
      box.append(el("section", { class: "reflection", "aria-labelledby": "reflection-title" },
        el("h2", { id: "reflection-title" }, t("reflection")), el("p", { class: "hint" }, t("kiosk_think")),
        el("ul", {}, ...d.reflection.map((/** @type {string} */ q) => el("li", {}, q)))));
    }
    box.append(el("div", { class: "ending-actions" },
      actionButton(t("canvas_done"), () => kiosk.done(), "button primary big kiosk-done")));
    return;
  }
  const handIn = renderHandIn(ctx); // an assignment's ending: the code to hand in
  if (handIn) box.append(handIn);
  if (e.career) box.append(renderCareer(e.career));
  if (d.reflection.length) box.append(renderReflection(d.reflection, ctx.simId));
  const keeps = keepsProfile(ctx) && recordPlay(v);
  const enjoy = keeps ? renderEnjoy(v) : null;
  if (enjoy) box.append(enjoy);
  box.append(renderCertificate(v));
  box.append(el("div", { class: "ending-actions" },
    actionButton(t("play_again"), () => ctx.playAgain()),
    keeps ? el("a", { class: "button", href: config.base + "profile.html" }, t("profile_link")) : null,
    el("a", { class: "button", href: config.base + "index.html" }, t("all_sims"))));
}

/** @param {any} e @param {PlayContext} ctx */
function renderQr(e, ctx) {
  // The QR code is made by segno in the worker (glue "qr" op): no network, no library here.
  const code = e.result_code;
  const figure = el("figure", { class: "qr", id: "result-qr", "data-code": code },
    el("div", { class: "qr-code" }),
    el("figcaption", {}, el("strong", {}, t("scan_to_take_home")),
      el("span", { class: "qr-text" }, t("results_qr") + ": ", el("code", {}, code)),
      el("span", { class: "qr-text" }, t("kiosk_qr_profile"))));
  const section = el("section", { class: "take-home", "aria-labelledby": "qr-title" },
    el("h2", { id: "qr-title" }, t("results_qr")), figure);
  ctx.call({ op: "qr", text: code }).then((reply) => {
    if (!reply.ok || !figure.isConnected) return;
    figure.querySelector(".qr-code").replaceChildren(qrSvg(reply, t("kiosk_qr_label")));
    figure.dataset.ready = "true";
    figure.scrollIntoView({ block: "nearest" });
  });
  return section;
}

/** @param {any} c the career */
function renderCareer(c) {
  const section = el("section", { class: "career", "aria-labelledby": "career-title" },
    el("h2", { id: "career-title" }, `${t("career_facts")}: ${c.title}`));
  if (c.description) section.append(el("p", {}, c.description));
  const dl = el("dl");
  /** @param {string} key @param {any} value */
  const row = (key, value) => {
    if (value == null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.append(el("dt", {}, t(key)), el("dd", {}, Array.isArray(value)
      ? el("ul", {}, ...value.map((x) => el("li", {}, typeof x === "string" ? x : x.title)))
      : String(value)));
  };
  row("career_day", c.day);
  row("median_wage", c.wage.display);
  row("education", c.education);
  row("training", c.training);
  row("certifications", c.certifications);
  row("courses", c.courses);
  row("related_careers", c.related);
  row("career_onet", c.onet.code ? `${c.onet.code} ${c.onet.title}`.trim() : "");
  row("source", c.wage.source);
  section.append(dl);
  if (c.attribution) section.append(el("p", { class: "attribution" }, c.attribution));
  return section;
}

/** Questions with answer boxes; the answers stay on this device. @param {string[]} questions @param {string} simId */
function renderReflection(questions, simId) {
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

/** @param {any} v */
function renderCertificate(v) {
  const e = v.ending;
  const nameKey = "ctd.studentName";
  const nameInput = el("input", { id: "cert-name", type: "text", autocomplete: "name", value: store.get(nameKey) || "" });
  const nameOut = el("strong", { class: "cert-name" }, store.get(nameKey) || t("cert_student"));
  nameInput.addEventListener("input", () => {
    store.set(nameKey, nameInput.value);
    nameOut.textContent = nameInput.value || t("cert_student");
  });
  const skills = e.skills.map((/** @type {any} */ s) => s.name);
  const code = e.result_code;
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
