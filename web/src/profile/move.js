// Moving "My test-drives" to another device: export as a file or a code to copy (a
// checksummed text made by engine/profile.py), and import one — or a result code, like
// the kiosk's take-home QR code. A bad import is reported and changes nothing; a good
// one adds its plays to this device's (web/src/profile/storage.js mergeProfiles).
// Also "Clear my work on this device" (web/src/store.js forgetWork).
import { $ } from "../dom.js";
import { t } from "../i18n.js";
import { forgetWork } from "../store.js";
import { call } from "../teacher/engine.js";
import { download } from "../teacher/common.js";
import { cleanProfile, loadProfile, mergeProfiles, saveProfile } from "./storage.js";

/** The longest file the import reads (the worker refuses more than this too). */
const MAX_FILE = 2_000_000;

/** @param {() => void} changed re-render the page after an import or a clear */
export function setupMove(changed) {
  $("#export-file").addEventListener("click", async () => {
    const text = await exportText();
    if (text == null) return;
    const day = new Date().toISOString().slice(0, 10);
    download(`my-test-drives-${day}.txt`, text, "text/plain;charset=utf-8");
    $("#export-status").textContent = t("profile_exported");
  });
  $("#export-code").addEventListener("click", async () => {
    const text = await exportText();
    if (text == null) return;
    $("#export-text").value = text;
    $("#export-out").hidden = false;
    $("#export-text").focus();
    $("#export-text").select();
  });
  $("#copy-export").addEventListener("click", async () => {
    let ok = false;
    try { await navigator.clipboard.writeText($("#export-text").value); ok = true; } catch {
      $("#export-text").select();
      try { ok = document.execCommand("copy"); } catch { ok = false; }
    }
    $("#export-status").textContent = ok ? t("copied") : t("copy_manually");
  });
  $("#import-file").addEventListener("change", async () => {
    const file = $("#import-file").files[0];
    if (!file) return;
    if (file.size > MAX_FILE) {
      fail(t("profile_import_too_long"));
      return;
    }
    await importText(await file.text(), changed);
    $("#import-file").value = "";
  });
  $("#import-form").addEventListener("submit", async (/** @type {Event} */ e) => {
    e.preventDefault();
    await importText($("#import-text").value, changed);
  });
  // A link made for moving (profile.html#import=…) fills the box; the student presses Import.
  const m = /^#import=(.+)$/.exec(location.hash);
  if (m) {
    try { $("#import-text").value = decodeURIComponent(m[1]); } catch { $("#import-text").value = m[1]; }
    $("#import-status").textContent = t("profile_import_ready");
  }
  const dialog = $("#forget-dialog");
  $("#forget-work").addEventListener("click", () => dialog.showModal());
  $("#forget-no").addEventListener("click", () => dialog.close());
  $("#forget-yes").addEventListener("click", () => {
    forgetWork();
    dialog.close();
    $("#forget-status").textContent = t("forget_done");
    changed();
    $("#forget-work").focus();
  });
}

/** @returns {Promise<string | null>} */
async function exportText() {
  const status = $("#export-status");
  const profile = loadProfile();
  if (!profile.plays.length) {
    status.textContent = t("profile_export_empty");
    return null;
  }
  const reply = await call({ op: "export", store: profile });
  if (!reply.ok) {
    status.textContent = t("profile_export_failed", { reason: reply.message });
    return null;
  }
  return reply.text;
}

/** @param {string} message */
function fail(message) {
  $("#import-error").textContent = message;
  $("#import-status").textContent = "";
  $("#import-text").focus();
}

/** @param {string} text @param {() => void} changed */
async function importText(text, changed) {
  $("#import-error").textContent = "";
  $("#import-status").textContent = "";
  const button = $("#import-form button[type=submit]");
  button.disabled = true;
  let reply;
  try {
    reply = await call({ op: "import", text });
  } finally {
    button.disabled = false;
  }
  if (!reply.ok) {
    const reason = reply.reason === "empty" ? t("profile_import_empty")
      : reply.reason === "too_long" ? t("profile_import_too_long")
        : t("profile_import_bad", { reason: reply.message });
    fail(reason);
    return;
  }
  const incoming = cleanProfile(reply.store);
  if (!incoming) {
    fail(t("profile_import_bad", { reason: "" }));
    return;
  }
  const before = loadProfile();
  const after = mergeProfiles(before, incoming);
  if (!saveProfile(after)) {
    fail(t("storage_full"));
    return;
  }
  const added = after.plays.length - before.plays.length;
  $("#import-text").value = "";
  $("#import-status").textContent = t("profile_imported", { n: added });
  changed();
}
