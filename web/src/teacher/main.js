// Career Test-Drive — the teacher page (teacher.html): the catalogue for teachers, the
// assignment builder and the class results sheet. Everything runs in this browser.
import { applySettings, buildSettings, translateStatic } from "./common.js";
import { renderCatalogue } from "./catalogue.js";
import { refreshAssign, setupAssign } from "./assign.js";
import { refreshSheet, setupSheet } from "./sheet.js";

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
