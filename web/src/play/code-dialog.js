// The "Save code" dialog: shows this game's resume code (to copy) and takes a code to
// resume another game of this simulation.
import { $ } from "../dom.js";
import { t } from "../i18n.js";
import { settings } from "../settings.js";

/**
 * @param {{ready: boolean, simId: string, call(request: any): Promise<any>, accept(reply: any, quiet: boolean): void}} player
 */
export function buildCodeDialog(player) {
  const dialog = $("#code-dialog");
  const out = $("#code-output");
  const status = $("#code-status");
  $("#open-code").addEventListener("click", async () => {
    out.value = "";
    status.textContent = "";
    dialog.showModal();
    if (!player.ready) {
      status.textContent = t("boot_wait");
      return;
    }
    const reply = await player.call({ op: "code" });
    out.value = reply.ok ? reply.code : "";
    if (!reply.ok) status.textContent = reply.message;
  });
  $("#copy-code").addEventListener("click", async () => {
    out.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(out.value);
      copied = true;
    } catch {
      try { copied = document.execCommand("copy"); } catch { copied = false; }
    }
    status.textContent = copied ? t("copied") : t("copy_manually");
  });
  $("#enter-code-form").addEventListener("submit", async (/** @type {Event} */ e) => {
    e.preventDefault();
    const code = $("#code-enter").value.trim();
    if (!code || !player.ready) return;
    const reply = await player.call({ op: "from_code", sim: player.simId, code, lang: settings.lang });
    if (reply.ok) {
      dialog.close();
      player.accept(reply, false);
    } else {
      status.textContent = t("code_bad", { reason: reply.message });
    }
  });
  $("#close-code").addEventListener("click", () => dialog.close());
}
