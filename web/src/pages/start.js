// The start page (index.html): the simulations as cards, a field filter, and a form to
// resume a game from its code (the code is handed to the simulation's page).
import { $, el } from "../dom.js";
import { config, params, artUrl, registerServiceWorker } from "../config.js";
import { t, pick } from "../i18n.js";
import { applySettings, buildSettings, translateStatic } from "../settings.js";
import { forgetWork, pruneBroken, store } from "../store.js";
import { renderBanner, startAssignment, withAssignment } from "../play/assignment.js";

export function startPage() {
  if (params.has("kiosk")) { // index.html?kiosk[&idle=…] is the kiosk
    location.replace(`${config.base}kiosk.html${location.search}`);
    return;
  }
  pruneBroken();
  const assigned = startAssignment(); // a teacher's link to several simulations: only those
  const list = $("#sim-list");
  const filter = $("#field-filter");
  // the authoring example (simulations/examples/) is for authors: not on the students' page
  // (unless a teacher's link assigns it)
  const students = config.catalog.filter((/** @type {any} */ s) => !s.example);
  const renderCards = () => {
    list.replaceChildren();
    for (const sim of assigned ? config.catalog : students) {
      if (filter.value !== "all" && sim.field !== filter.value) continue;
      if (assigned && !assigned.sims.includes(sim.id)) continue;
      list.append(card(sim));
    }
    $("#sim-count").textContent = t("showing", { n: list.children.length });
  };
  const fields = [...new Set(students.map((/** @type {any} */ s) => s.field))];
  const fillFilter = () => {
    const value = filter.value || "all";
    filter.replaceChildren(el("option", { value: "all" }, t("all_fields")),
      ...fields.map((f) => el("option", { value: f }, t(`field_${f}`))));
    filter.value = value;
  };
  fillFilter();
  filter.addEventListener("change", renderCards);
  $("#forget-work").addEventListener("click", () => {
    if (!confirm(t("forget_confirm"))) return;
    forgetWork();
    $("#forget-status").textContent = t("forget_done");
    renderCards(); // "Keep playing" becomes "Play" again
  });

  const codeSim = $("#code-sim");
  const fillCodeSims = () => {
    const value = codeSim.value;
    codeSim.replaceChildren(...config.catalog.map((/** @type {any} */ s) => el("option", { value: s.id }, pick(s.title))));
    if (value) codeSim.value = value;
  };
  fillCodeSims();
  $("#code-form").addEventListener("submit", (/** @type {Event} */ e) => {
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

  buildSettings(() => { fillFilter(); fillCodeSims(); renderCards(); renderBanner(); });
  applySettings();
  translateStatic();
  renderCards();
  addEventListener("load", registerServiceWorker);
}

/** One simulation's card; "Continue" when this device has its save. @param {any} sim */
function card(sim) {
  const saved = store.get(`ctd.save.${sim.id}`) != null;
  const titleId = `title-${sim.id}`;
  const cover = artUrl(sim.cover);
  return el("li", { class: "card", "data-field": sim.field },
    cover ? el("img", { class: "cover", src: cover, alt: "", width: 320, height: 180 }) : null,
    el("h2", { id: titleId }, pick(sim.title)),
    el("p", { class: "meta" },
      el("span", { class: "field" }, t(`field_${sim.field}`)), " · ",
      el("span", {}, t("minutes_n", { n: sim.minutes })),
      sim.grades ? [" · ", el("span", {}, t("grades", { g: sim.grades }))] : null),
    el("p", { class: "summary" }, pick(sim.summary)),
    el("a", { class: "button primary", href: withAssignment(`${config.base}sims/${sim.id}.html`), "aria-describedby": titleId },
      saved ? t("continue_playing") : t("play")));
}
