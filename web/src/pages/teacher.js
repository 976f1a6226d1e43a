// The teacher page (teacher.html): the catalogue for teachers, the assignment builder and
// the class results sheet (web/src/teacher/). Everything runs in this browser.
import { applySettings, buildSettings, translateStatic } from "../settings.js";
import { registerServiceWorker } from "../config.js";
import { renderCatalogue } from "../teacher/catalogue.js";
import { refreshAssign, setupAssign } from "../teacher/assign.js";
import { refreshSheet, setupSheet } from "../teacher/sheet.js";

export function teacherPage() {
  buildSettings(() => {
    renderCatalogue();
    refreshAssign();
    refreshSheet();
  });
  applySettings();
  translateStatic();
  renderCatalogue();
  setupAssign();
  setupSheet();
  addEventListener("load", registerServiceWorker);
}
