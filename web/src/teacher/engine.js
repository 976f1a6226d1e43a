// The teacher page's link to the engine: a Web Worker running Pyodide
// (web/teacher-worker.js), booted once; call() sends one request and waits for its reply.
import { config } from "../config.js";

let worker = null;
let seq = 0;
const pending = new Map();
let readyPromise = null;

export function bootEngine() {
  if (readyPromise) return readyPromise;
  readyPromise = new Promise((resolve, reject) => {
    worker = new Worker(config.worker, { type: "module" });
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "ready") resolve();
      else if (msg.type === "failed") reject(new Error(msg.message));
      else if (msg.type === "reply") {
        const done = pending.get(msg.id);
        pending.delete(msg.id);
        if (done) done(msg.reply);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const [id, done] of pending) {
        pending.delete(id);
        done({ ok: false, error: "internal", message: event.message || "worker error" });
      }
      reject(new Error(event.message || "worker error"));
    };
    worker.postMessage({ type: "boot", config: {
      pyodide: new URL(config.pyodide, location.href).href,
      bundle: new URL(config.bundle, location.href).href,
      releases: new URL(config.releases, location.href).href,
    } });
  });
  return readyPromise;
}

export async function call(request) {
  await bootEngine();
  return new Promise((resolve) => {
    const id = ++seq;
    pending.set(id, resolve);
    worker.postMessage({ type: "call", id, request });
  });
}
