// The picture behind the story and the speaker (portrait, name, role).
import { $ } from "../dom.js";
import { artUrl } from "../config.js";

/** @param {any} v a view */
export function renderStage(v) {
  const bg = $("#background");
  const bgUrl = artUrl(v.background);
  if (bgUrl) {
    bg.src = bgUrl;
    bg.hidden = false;
  } else {
    bg.hidden = true;
    bg.removeAttribute("src");
  }
  const sp = $("#speaker");
  if (v.speaker) {
    sp.hidden = false;
    const img = $("#portrait");
    const portrait = artUrl(v.speaker.portrait);
    if (portrait) {
      img.src = portrait;
      img.hidden = false;
    } else img.hidden = true;
    $("#speaker-name").textContent = v.speaker.name;
    $("#speaker-role").textContent = v.speaker.role;
  } else sp.hidden = true;
}

/** Empty the stage (a kiosk visit ended). */
export function clearStage() {
  $("#speaker").hidden = true;
  $("#speaker-name").textContent = "";
  $("#speaker-role").textContent = "";
  $("#background").hidden = true;
  $("#background").removeAttribute("src");
}
