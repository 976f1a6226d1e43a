// Career Test-Drive — the browser player's entry module. Renders the engine's views and
// sends actions; the engine runs in a Web Worker (worker.js) on Pyodide, so the page
// stays responsive while Python boots. The page's <body data-page> picks its module
// from PAGES: to add a page, add its module here and its HTML in
// engine/web/sitebuild/pages.py (which preloads that page's modules, and only those).
import { setConfig, readConfig } from "./config.js";
import { loadSettings } from "./settings.js";
import { t } from "./i18n.js";

/** @type {Record<string, () => Promise<void>>} body[data-page] -> the page's set-up.
 * Each page's module is imported only on its page, and only once the page has painted
 * (afterFirstPaint): a simulation's page holds its first scene in its HTML, and fetching
 * and compiling the player's code competed with painting that story on a slow school
 * laptop (benchmarks/web_startup.py, CPU throttled 4x). */
const PAGES = {
  start: () => import("./pages/start.js").then((m) => m.startPage()),
  play: () => import("./pages/play.js").then((m) => m.playPage()),
  kiosk: () => import("./pages/kiosk.js").then((m) => m.kioskPage()),
  teacher: () => import("./pages/teacher.js").then((m) => m.teacherPage()),
  profile: () => import("./pages/profile.js").then((m) => m.profilePage()), // "My test-drives"
  lms: () => import("./lms/tracker.js").then((m) => m.lmsPage()), // a SCORM package's launch page (engine/web/scorm.py)
};

const page = document.body.dataset.page || "play";

/** @param {string} message */
function showError(message) {
  const box = document.getElementById("alert");
  if (box) {
    box.textContent = t("something_wrong") + " " + message;
    box.hidden = false;
  }
}

addEventListener("error", (event) => showError(event.message || ""));

/** Resolves once the browser has drawn a frame of this page (the frame after a
 * requestAnimationFrame callback), or after a second in a tab that draws nothing (hidden:
 * no animation frames), so a page opened in the background still starts. */
function afterFirstPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  });
}

afterFirstPaint()
  .then(() => {
    // after the first paint too: reading the page's configuration parses ~50 kB of JSON
    setConfig(readConfig(document), location.search);
    loadSettings({ kiosk: page === "kiosk", langParam: new URLSearchParams(location.search).get("lang") });
    return (PAGES[page] || PAGES.play)();
  })
  .catch((err) => showError((err && err.message) || String(err)));
