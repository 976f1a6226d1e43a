// The boot progress bar and the alert box (a fatal error with Reload, or a notice with OK).
import { $, el } from "../dom.js";
import { t } from "../i18n.js";

/** @param {string} stage @param {number} done 0..1 */
export function showProgress(stage, done) {
  $("#boot-progress").value = Math.round(done * 100);
  $("#boot-text").textContent = t(`boot_${stage}`);
}

/** @param {string} title @param {string} [detail] */
export function showFatal(title, detail) {
  const box = $("#alert");
  box.replaceChildren(el("p", {}, el("strong", {}, title), " ", detail || ""),
    el("button", { type: "button", class: "button", onclick: () => location.reload() }, t("reload")));
  box.hidden = false;
  $("#boot").hidden = true;
}

/** @param {string} text */
export function notice(text) {
  const box = $("#alert");
  box.replaceChildren(el("p", {}, text),
    el("button", { type: "button", class: "button", onclick: () => { box.hidden = true; } }, t("ok")));
  box.hidden = false;
}
