// Read aloud (a setting): the browser's own speech synthesis, nothing downloaded.
import { settings } from "./settings.js";

/** @param {Array<string | null | undefined | false>} parts */
export function speak(parts) {
  if (!settings.readAloud || !("speechSynthesis" in window)) return;
  const text = parts.filter(Boolean).join(". ");
  if (!text) return;
  speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = settings.lang === "es" ? "es-ES" : "en-US";
  speechSynthesis.speak(u);
}

export function stopSpeaking() {
  if ("speechSynthesis" in window) speechSynthesis.cancel();
}
