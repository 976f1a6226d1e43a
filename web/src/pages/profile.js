// "My test-drives" (profile.html): what this student tried on this device, the skills
// they showed, what they did and enjoyed, and what to try next — worked out by
// engine/profile.py in a worker (the teacher page's, web/teacher-worker.js), which checks
// every kept result code by replaying it. Nothing leaves this browser unless the student
// exports it (web/src/profile/move.js).
import { $ } from "../dom.js";
import { registerServiceWorker } from "../config.js";
import { t } from "../i18n.js";
import { applySettings, buildSettings, settings, translateStatic } from "../settings.js";
import { store } from "../store.js";
import { bootEngine, call } from "../teacher/engine.js";
import { loadProfile } from "../profile/storage.js";
import { renderInterests } from "../profile/chart.js";
import { certificate, renderNext, renderPlays, renderSkills } from "../profile/render.js";
import { setupMove } from "../profile/move.js";

let ready = false;
let computing = 0;
/** @type {any} the profile shown (a certificate printed from it) */
let lastProfile = {};

/** Ask the engine for the profile of what this device keeps, and show it. */
async function refresh() {
  if (!ready) return;
  const run = ++computing;
  const stored = loadProfile();
  document.body.dataset.computing = "true";
  const reply = await call({ op: "profile", store: stored, lang: settings.lang });
  if (run !== computing) return; // a newer refresh (a language change, an import) wins
  document.body.dataset.computing = "false";
  if (!reply.ok) {
    $("#engine-status").textContent = t("profile_engine_failed", { reason: reply.message });
    document.body.dataset.shown = "failed";
    return;
  }
  $("#engine-status").textContent = t("profile_engine_ready", { n: stored.plays.length });
  show(reply.profile, stored.plays);
}

/** @param {any} profile @param {any[]} stored */
function show(profile, stored) {
  lastProfile = profile;
  $("#plays-list").replaceChildren(...renderPlays(profile, stored, printCertificate).filter(Boolean));
  $("#skills-list").replaceChildren(...renderSkills(profile));
  $("#interests-body").replaceChildren(...renderInterests(profile.interests));
  $("#next-body").replaceChildren(...renderNext(profile));
  const name = store.get("ctd.studentName");
  $("#sheet-heading").textContent = [t("profile_sheet"), name,
    new Date().toLocaleDateString(settings.lang === "es" ? "es" : "en", { dateStyle: "long" })].filter(Boolean).join(" — ");
  document.body.dataset.plays = String((profile.plays || []).length);
  document.body.dataset.shown = String(computing); // tests wait for the newest answer shown
}

/** Print one play's certificate on its own (print CSS: body[data-print="cert"]). @param {any} play @param {string} code */
function printCertificate(play, code) {
  const box = $("#cert-print");
  box.replaceChildren(certificate(play, lastProfile, code));
  document.body.dataset.print = "cert";
  addEventListener("afterprint", () => {
    delete document.body.dataset.print;
    box.replaceChildren();
  }, { once: true });
  window.print();
}

export function profilePage() {
  buildSettings(() => refresh());
  applySettings();
  translateStatic();
  setupMove(() => refresh());
  $("#print-sheet").addEventListener("click", () => window.print());
  bootEngine().then(() => {
    ready = true;
    document.body.dataset.ready = "true";
    return refresh();
  }).catch((err) => {
    $("#engine-status").textContent = t("profile_engine_failed", { reason: err.message });
  });
  addEventListener("load", registerServiceWorker);
}
