// The page's side of the engine's Web Worker (worker.js): requests are numbered and each
// reply resolves its request's promise. A request never waits on a dead worker: fail()
// answers every pending one with an error reply. `visit` counts kiosk visits, so a reply
// that arrives after its visit was dropped can be recognised and ignored.

/** @typedef {{ok: boolean, error?: string, message?: string, [key: string]: any}} Reply */
/** @typedef {{postMessage(msg: any): void, onmessage: any, onerror: any}} WorkerLike */

export class EngineClient {
  /**
   * @param {WorkerLike} worker
   * @param {{onProgress?: (stage: string, done: number) => void, onReady?: () => void,
   *          onFailed?: (message: string) => void}} [hooks]
   */
  constructor(worker, hooks = {}) {
    this.worker = worker;
    this.hooks = hooks;
    this.seq = 0;
    this.visit = 0;
    /** @type {Map<number, (reply: Reply) => void>} */
    this.pending = new Map();
    worker.onmessage = (/** @type {{data: any}} */ event) => this.receive(event.data);
    worker.onerror = (/** @type {any} */ event) => {
      event.preventDefault();
      this.hooks.onFailed?.(event.message || "");
    };
  }

  /** @param {{type: string, [key: string]: any}} msg */
  receive(msg) {
    if (msg.type === "progress") this.hooks.onProgress?.(msg.stage, msg.done);
    else if (msg.type === "ready") this.hooks.onReady?.();
    else if (msg.type === "failed") this.hooks.onFailed?.(msg.message);
    else if (msg.type === "reply") {
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (resolve) resolve(msg.reply);
    }
  }

  /** Start Python in the worker. @param {{pyodide: string, bundle: string}} urls absolute URLs */
  boot(urls) {
    this.worker.postMessage({ type: "boot", config: urls });
  }

  /** @param {Record<string, any>} request @returns {Promise<Reply>} */
  call(request) {
    return new Promise((resolve) => {
      const id = ++this.seq;
      this.pending.set(id, resolve);
      this.worker.postMessage({ type: "call", id, request });
    });
  }

  /** Answer every waiting request with an error (the worker died or failed to boot). @param {string} message */
  fail(message) {
    for (const [id, resolve] of this.pending) {
      this.pending.delete(id);
      resolve({ ok: false, error: "internal", message });
    }
  }

  /** A new visit: replies to requests sent before it are stale. */
  newVisit() {
    this.visit += 1;
  }
}
