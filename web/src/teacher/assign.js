// The assignment builder: the teacher picks simulations, language, length, a class label
// (never names), due text and the settings students start with, and gets a link, a QR
// code, text for an LMS post and a printable handout.
import { LABEL_RE, encode, linkPath } from "../assignment.js";
import { call } from "./engine.js";
import { $, el, qrSvg } from "../dom.js";
import { config } from "../config.js";
import { pick, t } from "../i18n.js";
import { copyText } from "./common.js";

let current = null;  // {assignment, url}

export function renderAssignSims() {
  const box = $("#assign-sims");
  const checked = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
  const legend = box.querySelector("legend");
  box.replaceChildren(legend, ...config.teacher.map((sim, i) => {
    const id = `assign-sim-${i}`;
    return el("div", { class: "check" },
      el("input", { type: "checkbox", id, name: "sim", value: sim.id, checked: checked.has(sim.id) }),
      el("label", { for: id }, pick(sim.title)));
  }));
}

function readForm() {
  const form = $("#assign-form");
  return {
    sims: [...form.querySelectorAll("input[name=sim]:checked")].map((i) => i.value),
    lang: form.alang.value === "es" ? "es" : "en",
    kiosk: form.cut.value === "kiosk",
    label: $("#assign-label").value.trim(),
    due: $("#assign-due").value.trim(),
    textSize: Number($("#assign-size").value),
    contrast: $("#assign-contrast").checked,
    readable: $("#assign-readable").checked,
    motion: $("#assign-motion").checked,
    readAloud: $("#assign-read-aloud").checked,
    shared: $("#assign-shared").checked,
  };
}

function simTitles(a) {
  const byId = new Map(config.teacher.map((s) => [s.id, s]));
  return a.sims.map((id) => byId.get(id)).map((s) => (s.title[a.lang] || s.title.en));
}

// The LMS post is in the assignment's language: it is for the students.
function postText(a, url) {
  const table = config.ui[a.lang] || config.ui.en;
  const fill = (key, vars) => table[key].replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
  const lines = [fill("assign_post_text", { sims: simTitles(a).join(", "), url })];
  if (a.label) lines.push(fill("assign_post_class", { label: a.label }));
  if (a.due) lines.push(fill("assign_post_due", { due: a.due }));
  return lines.join("\n");
}

async function drawQr(url) {
  const box = $("#assign-qr .qr-code");
  box.replaceChildren();
  delete $("#assign-qr").dataset.ready;
  const reply = await call({ op: "qr", text: url });
  if (!reply.ok || current == null || current.url !== url) return;
  box.replaceChildren(qrSvg(reply, t("assign_qr_label")));
  $("#assign-qr").dataset.ready = "true";
  renderHandout();
}

function renderHandout() {
  const h = $("#handout");
  if (!current) { h.replaceChildren(); return; }
  const a = current.assignment;
  const table = config.ui[a.lang] || config.ui.en;
  const qr = $("#assign-qr svg");
  h.replaceChildren(
    el("h2", {}, simTitles(a).join(" · ")),
    a.label ? el("p", { class: "handout-class" }, table.assign_post_class.replace("{label}", a.label)) : null,
    a.due ? el("p", {}, table.assign_post_due.replace("{due}", a.due)) : null,
    qr ? el("div", { class: "handout-qr" }, qr.cloneNode(true)) : null,
    el("p", { class: "handout-url" }, current.url),
    el("ol", {}, ...table.assign_handout_steps.split("\n").map((line) => el("li", {}, line.replace(/^\d+\.\s*/, "")))));
  h.lang = a.lang;
}

export function setupAssign() {
  renderAssignSims();
  $("#assign-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const error = $("#assign-error");
    const a = readForm();
    const label = $("#assign-label");
    label.removeAttribute("aria-invalid");
    if (!a.sims.length) {
      error.textContent = t("assign_pick_one");
      $("#assign-sims input").focus();
      return;
    }
    if (a.label && !LABEL_RE.test(a.label)) {
      error.textContent = t("assign_label_bad");
      label.setAttribute("aria-invalid", "true");
      label.focus();
      return;
    }
    error.textContent = "";
    const url = new URL(config.base + linkPath(a), location.href);
    url.search = "";
    url.hash = encode(a);
    current = { assignment: a, url: url.href };
    $("#assign-link").value = url.href;
    $("#assign-text").value = postText(a, url.href);
    $("#assign-status").textContent = "";
    $("#assign-out").hidden = false;
    $("#assign-out-title").focus();
    renderHandout();
    drawQr(url.href);
  });
  $("#copy-link").addEventListener("click", async () => {
    const ok = await copyText($("#assign-link").value, $("#assign-link"));
    $("#assign-status").textContent = ok ? t("assign_copied") : t("assign_copy_manually");
  });
  $("#copy-text").addEventListener("click", async () => {
    const ok = await copyText($("#assign-text").value, $("#assign-text"));
    $("#assign-status").textContent = ok ? t("assign_copied") : t("assign_copy_manually");
  });
  $("#print-handout").addEventListener("click", () => {
    document.body.dataset.print = "handout";
    window.print();
  });
  addEventListener("afterprint", () => { delete document.body.dataset.print; });
}

export function refreshAssign() {
  renderAssignSims();
  if (current) $("#assign-qr svg")?.setAttribute("aria-label", t("assign_qr_label"));
}
