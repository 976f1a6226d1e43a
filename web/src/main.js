// Career Test-Drive — the browser player's entry module. Renders the engine's views and
// sends actions; the engine runs in a Web Worker (worker.js) on Pyodide, so the page
// stays responsive while Python boots. The page's <body data-page> picks its module
// from PAGES: to add a page, add its module here and its HTML in engine/web/build.py's
// PAGES.
import { setConfig, readConfig } from "./config.js";
import { loadSettings } from "./settings.js";
import { t } from "./i18n.js";
import { startPage } from "./pages/start.js";
import { playPage } from "./pages/play.js";
import { kioskPage } from "./pages/kiosk.js";
import { teacherPage } from "./pages/teacher.js";
import { profilePage } from "./pages/profile.js";
import { lmsPage } from "./lms/tracker.js";

/** @type {Record<string, () => void>} body[data-page] -> the page's set-up */
const PAGES = {
  start: startPage,
  play: playPage,
  kiosk: kioskPage,
  teacher: teacherPage,
  profile: profilePage, // "My test-drives"
  lms: lmsPage, // a SCORM package's launch page (engine/web/scorm.py)
};

const page = document.body.dataset.page || "play";
setConfig(readConfig(document), location.search);
loadSettings({ kiosk: page === "kiosk", langParam: new URLSearchParams(location.search).get("lang") });

addEventListener("error", (event) => {
  const box = document.getElementById("alert");
  if (box) {
    box.textContent = t("something_wrong") + " " + (event.message || "");
    box.hidden = false;
  }
});

(PAGES[page] || playPage)();
