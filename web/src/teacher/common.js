// The teacher page's own small helpers: copying, downloading, drawing a QR code.
import { el } from "../dom.js";

// Copy text to the clipboard; falls back to selecting it for Ctrl+C.
export async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (field) { field.focus(); field.select(); }
    try { return document.execCommand("copy"); } catch { return false; }
  }
}

export function download(name, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

