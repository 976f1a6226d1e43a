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

// An SVG QR code from the worker's "qr" reply (segno's modules as one path).
export function qrSvg(reply, label) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${reply.size} ${reply.size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", reply.size);
  bg.setAttribute("height", reply.size);
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", reply.path);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return svg;
}
